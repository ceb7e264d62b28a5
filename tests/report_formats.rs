//! The Markdown and HTML reports: pinned for the fixture country, translated without leftovers,
//! and safe against hostile law summaries.

use crate::support::{gapcheck, scratch};
use gapcheck::report::messages::MESSAGES;
use std::path::PathBuf;

const RULES: &str = "tests/fixtures/rules";

/// Writes the fixture's reports (md, html, json) as of 2020-01-01; returns their folder.
fn render(law: &str, lang: &str, name: &str) -> PathBuf {
    let out = scratch(name);
    let run = gapcheck(&[
        "--rules",
        RULES,
        "analyze",
        law,
        "--as-of",
        "2020-01-01",
        "--out",
        &out.to_string_lossy(),
        "--format",
        "md,html,json",
        "--lang",
        lang,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    out.join("xx/2020-01-01")
}

fn read(dir: &std::path::Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn fixture_markdown_and_html_are_pinned() {
    let dir = render("tests/fixtures/laws/xx", "en", "formats-en");
    insta::assert_snapshot!("xx-md", read(&dir, "report.md"));
    insta::assert_snapshot!("xx-html", read(&dir, "report.html"));
    let ru = render("tests/fixtures/laws/xx", "ru", "formats-ru");
    insta::assert_snapshot!("xx-ru-md", read(&ru, "report.md"));
}

#[test]
fn the_same_input_gives_byte_identical_reports() {
    let a = render("tests/fixtures/laws/xx", "en", "formats-a");
    let b = render("tests/fixtures/laws/xx", "en", "formats-b");
    for file in ["report.md", "report.html", "report.json"] {
        assert!(read(&a, file) == read(&b, file), "{file} differs between runs");
    }
}

/// Every English fixed text of the catalogue is gone from a Russian report, except where the
/// same words come from data (rule texts and law summaries, which stay in English).
#[test]
fn a_russian_report_has_no_english_fixed_labels() {
    let dir = render("tests/fixtures/laws/xx", "ru", "formats-ru-labels");
    let data = read(&dir, "report.json");
    for file in ["report.md", "report.html"] {
        let text = without_style(&read(&dir, file));
        assert!(
            text.contains("Выполнено") && text.contains("Рекомендация"),
            "{file}"
        );
        for (key, en, ru) in MESSAGES {
            if en == ru {
                continue;
            }
            for fragment in fragments(en) {
                assert!(
                    !text.contains(&fragment) || data.contains(&fragment),
                    "{file}: English text of `{key}` left in the Russian report: {fragment:?}"
                );
            }
        }
    }
}

/// The text without its stylesheet (CSS is no label and no markup).
fn without_style(text: &str) -> String {
    match (text.find("<style>"), text.find("</style>")) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &text[..a], &text[b + "</style>".len()..]),
        _ => text.to_string(),
    }
}

/// The literal parts of a message (between `{placeholders}`), long enough to mean something.
fn fragments(message: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = message;
    while !rest.is_empty() {
        let (literal, tail) = match rest.find('{') {
            Some(i) => (&rest[..i], rest[i..].split_once('}').map_or("", |(_, t)| t)),
            None => (rest, ""),
        };
        let literal = literal.trim_matches(|c: char| c.is_whitespace() || ",.:;()".contains(c));
        if literal.chars().count() >= 4 {
            parts.push(literal.to_string());
        }
        rest = tail;
    }
    parts
}

#[test]
fn hostile_law_summaries_cannot_inject_markup() {
    let dir = render("tests/fixtures/hostile/laws/xx", "en", "formats-hostile");

    let html = read(&dir, "report.html");
    // The hostile text is there, as text.
    assert!(html.contains("&lt;script&gt;alert("), "escaped text missing");
    for tag in tags(&without_style(&html)) {
        let lower = tag.to_ascii_lowercase();
        let name: String = lower
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect();
        assert!(
            TEMPLATE_TAGS.contains(&name.as_str()),
            "a tag the templates do not write: {tag}"
        );
        assert!(!has_event_handler(&lower), "event handler attribute: {tag}");
        for attr in ["href=\"", "src=\""] {
            if let Some(i) = lower.find(attr) {
                let value = &lower[i + attr.len()..];
                assert!(
                    value.starts_with("http://") || value.starts_with("https://") || value.starts_with('#'),
                    "unsafe link in {tag}"
                );
            }
        }
    }
    assert!(
        !html.to_ascii_lowercase().contains("<script"),
        "a <script> tag survived"
    );

    let md = read(&dir, "report.md");
    assert!(md.contains("alert("), "hostile text missing from Markdown");
    for needle in [
        "<script",
        "<img",
        "<iframe",
        "<a ",
        "<b ",
        "<svg",
        "](javascript:",
        "](JavaScript:",
    ] {
        assert!(
            unescaped(&md, needle).is_none(),
            "raw {needle:?} in Markdown: {:?}",
            unescaped(&md, needle)
        );
    }
    assert!(
        !md.to_ascii_lowercase().contains("(javascript:alert('source')"),
        "a javascript: link target survived"
    );
}

/// Every element the HTML template and the SVG drawing write; anything else was injected.
const TEMPLATE_TAGS: &[&str] = &[
    "!doctype",
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "nav",
    "main",
    "section",
    "footer",
    "article",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "ol",
    "ul",
    "li",
    "dl",
    "dt",
    "dd",
    "a",
    "br",
    "strong",
    "span",
    "code",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "svg",
    "defs",
    "marker",
    "g",
    "rect",
    "text",
    "path",
    "circle",
    "line",
];

/// The tags of an HTML text, from `<` to `>`.
fn tags(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').map_or(rest.len(), |e| start + e + 1);
        out.push(&rest[start..end]);
        rest = &rest[end..];
    }
    out
}

/// ` onerror=`, ` onload=`... inside a tag.
fn has_event_handler(tag: &str) -> bool {
    tag.split_whitespace().skip(1).any(|attr| {
        attr.starts_with("on")
            && attr[2..].chars().take_while(|c| c.is_ascii_alphabetic()).count() > 0
            && attr.contains('=')
    })
}

/// The first line with `needle` not escaped by a backslash before its first character.
fn unescaped<'a>(md: &'a str, needle: &str) -> Option<&'a str> {
    md.lines().find(|line| {
        line.match_indices(needle)
            .any(|(i, _)| i == 0 || line.as_bytes()[i - 1] != b'\\')
    })
}

#[test]
fn templates_from_a_folder_override_the_embedded_ones_by_name() {
    let templates = scratch("custom-templates");
    std::fs::write(
        templates.join("report.md"),
        "{{ t.summary }} of {{ title | md }}: {{ totals.total }}\n",
    )
    .unwrap();
    let out = scratch("custom-templates-out");
    let run = gapcheck(&[
        "--rules",
        RULES,
        "analyze",
        "tests/fixtures/laws/xx",
        "--as-of",
        "2020-01-01",
        "--out",
        &out.to_string_lossy(),
        "--format",
        "md,html",
        "--templates",
        &templates.to_string_lossy(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = out.join("xx/2020-01-01");
    assert_eq!(
        read(&dir, "report.md"),
        "Summary of Testland: refugee and statelessness law against international standards: 4\n"
    );
    // No report.html in the folder: the embedded one is used.
    assert!(read(&dir, "report.html").starts_with("<!DOCTYPE html>"));
}
