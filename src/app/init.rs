//! `status CC`, `init CC` and `init CC --questionnaire`: start an assessment of any State from the
//! treaty table and the fact vocabulary, so the questions never drift from the rules.

use super::{inputs, Failure};
use crate::check::RuleBook;
use crate::load::{Diagnostic, Location};
use crate::model::{FactType, StateRow};
use crate::report::graph::xml_escape;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

fn row<'a>(book: &'a RuleBook, code: &str) -> Result<&'a StateRow, Failure> {
    book.treaty_table.state(code).ok_or_else(|| {
        Failure::Invalid(vec![Diagnostic::new(
            Location::file(code),
            "invalid-value",
            format!("no State with code \"{code}\" in rules/treaty-status.ron"),
        )
        .suggest(
            &code.to_ascii_lowercase(),
            book.treaty_table.states.iter().map(|s| s.code.as_str()),
        )
        .or_hint("use the ISO 3166-1 alpha-2 code, e.g. fr, kz".into())])
    })
}

/// `status CC`: one State's row; `status --instrument ID`: the parties to one instrument.
pub fn status(
    code: Option<&str>,
    instrument: Option<&str>,
    rules_dir: Option<&Path>,
) -> Result<String, Failure> {
    let (book, _) = inputs::rule_book(rules_dir)?;
    let table = &book.treaty_table;
    let mut out = String::new();
    if let Some(code) = code {
        let row = row(&book, code)?;
        let _ = writeln!(out, "{} ({})", row.state, row.code);
        for i in book
            .instruments
            .iter()
            .filter(|i| i.kind == crate::model::InstrumentKind::Treaty)
        {
            let party = row.parties.iter().find(|p| p.instrument == i.id);
            let signed = row.signed.iter().find(|s| s.instrument == i.id);
            let text = match (party, signed) {
                (Some(p), _) => format!(
                    "{} {}",
                    crate::report::word(&p.action),
                    p.date.map_or("(date not confirmed)".into(), |d| d.to_string())
                ),
                (None, Some(s)) => format!("signed {}, not ratified", s.date),
                (None, None) => "not party".into(),
            };
            let _ = writeln!(out, "  {:<18} {text}", i.short);
        }
        if row.geographic_limitation {
            let _ = writeln!(
                out,
                "  keeps the 1951 Art. 1B(1)(a) geographic limitation (events in Europe)"
            );
        }
        if let Some(note) = &row.note {
            let _ = writeln!(out, "  reservations and declarations: {note}");
        }
        let sources: Vec<String> = row
            .sources
            .iter()
            .map(|k| match table.source(k).and_then(|s| s.urls.first()) {
                Some(url) => format!("{k} <{url}>"),
                None => k.clone(),
            })
            .collect();
        let _ = writeln!(out, "  sources: {}", sources.join("; "));
    }
    if let Some(id) = instrument {
        let Some(i) = book.instrument(id) else {
            return Err(super::graph_cmd::unknown_instrument(&book, id));
        };
        let parties: Vec<&StateRow> = table
            .states
            .iter()
            .filter(|s| s.parties.iter().any(|p| p.instrument == id))
            .collect();
        let _ = writeln!(out, "{}: {} parties", i.short, parties.len());
        for s in parties {
            let p = s.parties.iter().find(|p| p.instrument == id).expect("filtered");
            let date = p.date.map_or("date not confirmed".into(), |d| d.to_string());
            let _ = writeln!(
                out,
                "  {} {:<40} {} {date}",
                s.code,
                s.state,
                crate::report::word(&p.action)
            );
        }
    }
    Ok(out)
}

/// Facts the rules read, by theme (the key's first part), each with the rules that need it.
fn questions(book: &RuleBook) -> BTreeMap<String, Vec<(String, Vec<String>)>> {
    let mut needed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for rule in &book.rules {
        for key in rule.condition.fact_keys() {
            needed.entry(key.to_string()).or_default().push(rule.id.clone());
        }
    }
    let mut themes: BTreeMap<String, Vec<(String, Vec<String>)>> = BTreeMap::new();
    for (key, rules) in needed {
        let theme = key.split('.').next().unwrap_or("other").to_string();
        themes.entry(theme).or_default().push((key, rules));
    }
    themes
}

fn example(kind: &FactType) -> String {
    match kind {
        FactType::Bool => "true".into(),
        FactType::Integer(_) => "5".into(),
        FactType::Enum(values) => format!("\"{}\"", values.first().map_or("", String::as_str)),
        FactType::Set(values) => format!("[\"{}\"]", values.first().map_or("", String::as_str)),
        FactType::Date => "\"2020-01-31\"".into(),
    }
}

fn articles(book: &RuleBook, rules: &[String]) -> Vec<String> {
    rules
        .iter()
        .filter_map(|id| {
            let r = book.rule(id)?;
            let i = book
                .instrument(&r.instrument)
                .map_or(r.instrument.as_str(), |i| i.short.as_str());
            Some(format!("{i} Art. {} ({id})", r.article))
        })
        .collect()
}

/// `init CC`: a new `laws/<cc>/` with `country.ron` from the treaty table and one skeleton per
/// theme, every fact left unknown with its question. Refuses to overwrite.
pub fn init(code: &str, laws_dir: &Path, rules_dir: Option<&Path>) -> Result<String, Failure> {
    let (book, _) = inputs::rule_book(rules_dir)?;
    let row = row(&book, code)?;
    let dir = laws_dir.join(&row.code);
    if dir.exists() {
        return Err(Failure::Invalid(vec![Diagnostic::new(
            Location::file(&crate::load::display(&dir)),
            "exists",
            "the folder exists already; init never overwrites",
        )
        .hint("edit the files there, or remove the folder first")]));
    }
    let mut files: BTreeMap<std::path::PathBuf, String> = BTreeMap::new();
    files.insert(dir.join("country.ron"), country_file(&book, row));
    for (theme, facts) in questions(&book) {
        files.insert(dir.join(format!("{theme}.ron")), skeleton(&book, &theme, &facts));
    }
    super::output::write_all(&files).map_err(Failure::Other)?;
    let mut out = format!(
        "created {} with {} files\n",
        crate::load::display(&dir),
        files.len()
    );
    let _ = writeln!(
        out,
        "next: answer the open questions in each file, then `gapcheck analyze {}`",
        crate::load::display(&dir)
    );
    Ok(out)
}

fn country_file(book: &RuleBook, row: &StateRow) -> String {
    let mut out = format!(
        "// {}: treaty status from rules/treaty-status.ron (sources: {}). Check each entry against the UN\n// Treaty Collection (Chapter V) and add reservations with the articles they concern.\n(\n    code: \"{}\",\n    name: \"{}\",\n    treaties: [\n",
        row.state,
        row.sources.join(", "),
        row.code,
        row.state.replace('"', "\\\"")
    );
    if let Some(note) = &row.note {
        let _ = writeln!(out, "        // Reservations and declarations on record: {note}");
    }
    for p in &row.parties {
        let url = book
            .instrument(&p.instrument)
            .map_or(String::new(), |i| i.source.url.clone());
        let date = match p.date {
            Some(d) => format!("\n            date: \"{d}\","),
            None => "\n            // date: the deposit date could not be confirmed; add it when found."
                .to_string(),
        };
        let _ = writeln!(
            out,
            "        (\n            instrument: \"{}\",\n            action: {},{date}\n            reservations: [],\n            source: (url: \"{url}\", retrieved: \"2026-11-27\", confidence: secondary),\n        ),",
            p.instrument,
            crate::report::word(&p.action),
        );
    }
    out.push_str("    ],\n    figures: [],\n)\n");
    out
}

fn skeleton(book: &RuleBook, theme: &str, facts: &[(String, Vec<String>)]) -> String {
    let mut out = format!(
        "// Skeleton for the \"{theme}\" facts. Rename or split it by act (one file per national act), add one\n// provision per article you read, and assert only what the law says. A fact left out is unknown.\n(\n    title: \"Acts on {theme} (replace with the act's full title, number and date)\",\n    short: \"{theme}\",\n    provisions: [\n"
    );
    if let Some((key, _)) = facts.first() {
        let kind = book.facts.get(key).map(|f| example(&f.kind)).unwrap_or_default();
        let _ = write!(
            out,
            "        // A good answer names its provision, dates, source and confidence:\n        // (\n        //     id: \"art-13-1\",\n        //     cites: \"Law No. 123 of 1 January 2000 on Citizenship, Art. 13(1)\",\n        //     in_force: (from: \"2000-01-15\"),\n        //     summary: \"In your own words: what the article provides.\",\n        //     source: (url: \"https://...\", retrieved: \"YYYY-MM-DD\", confidence: primary),\n        //     facts: {{ \"{key}\": {kind} }},\n        // ),\n"
        );
    }
    out.push_str("    ],\n    open_questions: [\n");
    for (key, rules) in facts {
        let Some(def) = book.facts.get(key) else { continue };
        let _ = write!(
            out,
            "        // Needed by: {}\n        // Answer as {}. A good answer is a provision such as\n        //   (id: \"art-5-2\", cites: \"Law No. 123 of 1 January 2000, Art. 5(2)\", ..., facts: {{ \"{key}\": {} }}),\n        // then this question is removed.\n        (\n            facts: [\"{key}\"],\n            note: \"{}\",\n            would_settle: \"The provision of national law that governs this.\",\n        ),\n",
            articles(book, rules).join("; "),
            def.kind.describe(),
            example(&def.kind),
            def.question.replace('\\', "\\\\").replace('"', "\\\"")
        );
    }
    out.push_str("    ],\n)\n");
    out
}

/// `init CC --questionnaire`: the questions as a Markdown and an HTML document a legal expert can
/// fill in without RON, by theme, each with the treaty articles that depend on it.
pub fn questionnaire(code: &str, out_dir: &Path, rules_dir: Option<&Path>) -> Result<String, Failure> {
    let (book, _) = inputs::rule_book(rules_dir)?;
    let row = row(&book, code)?;
    let md_path = out_dir.join(format!("questionnaire-{}.md", row.code));
    let html_path = out_dir.join(format!("questionnaire-{}.html", row.code));
    for path in [&md_path, &html_path] {
        if path.exists() {
            return Err(Failure::Invalid(vec![Diagnostic::new(
                Location::file(&crate::load::display(path)),
                "exists",
                "the file exists already; init never overwrites",
            )
            .hint("move it away, or give --out another folder")]));
        }
    }
    let themes = questions(&book);
    let total: usize = themes.values().map(Vec::len).sum();
    let esc = crate::report::escape_markdown;
    let mut md = format!(
        "# Questionnaire: {}\n\n{total} questions on the law of {}, grouped by theme. For each, give the answer, the provision that\nestablishes it (act, article, paragraph), its dates in force, where you read it (address) and whether you read\nthe law itself or an account of it. Leave a question blank rather than guess: unknown is an honest answer.\n",
        esc(&row.state),
        esc(&row.state)
    );
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Questionnaire: {0}</title><style>body{{font-family:Helvetica,Arial,sans-serif;max-width:52em;margin:2em auto;color:#222}}section{{break-inside:avoid}}div.q{{border:1px solid #ccc;padding:.6em 1em;margin:.8em 0}}p.deps{{font-size:.85em;color:#555}}span.blank{{display:block;border-bottom:1px solid #999;height:1.6em}}@media print{{@page{{size:A4;margin:15mm}}}}</style></head><body>\n<h1>Questionnaire: {0}</h1>\n<p>{total} questions. For each, give the answer, the provision that establishes it, its dates in force, where you read it and whether you read the law itself or an account of it. Leave a question blank rather than guess.</p>\n",
        xml_escape(&row.state)
    );
    let mut n = 0;
    for (theme, facts) in &themes {
        let _ = write!(md, "\n## {}\n", esc(theme));
        let _ = writeln!(html, "<section><h2>{}</h2>", xml_escape(theme));
        for (key, rules) in facts {
            let Some(def) = book.facts.get(key) else { continue };
            n += 1;
            let deps = articles(&book, rules);
            let _ = write!(
                md,
                "\n**{n}. {}**\n\n- Answer ({}): \n- Provision and dates: \n- Source and confidence: \n- Fact `{key}`; needed by {}\n",
                esc(&def.question),
                esc(&def.kind.describe()),
                esc(&deps.join("; "))
            );
            let _ = writeln!(
                html,
                "<div class=\"q\"><p><b>{n}. {}</b></p><p>Answer ({}):<span class=\"blank\"></span></p><p>Provision and dates:<span class=\"blank\"></span></p><p>Source and confidence:<span class=\"blank\"></span></p><p class=\"deps\">Fact <code>{}</code>; needed by {}</p></div>",
                xml_escape(&def.question),
                xml_escape(&def.kind.describe()),
                xml_escape(key),
                xml_escape(&deps.join("; "))
            );
        }
        html.push_str("</section>\n");
    }
    html.push_str("</body></html>\n");
    let files = BTreeMap::from([(md_path.clone(), md), (html_path.clone(), html)]);
    super::output::write_all(&files).map_err(Failure::Other)?;
    Ok(format!(
        "wrote {} and {} ({total} questions)\n",
        md_path.display(),
        html_path.display()
    ))
}
