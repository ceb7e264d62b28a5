//! The Markdown report, rendered from an embedded minijinja template.

use super::Report;
use crate::engine::{Evidence, Finding};
use minijinja::syntax::SyntaxConfig;
use minijinja::value::Serde;
use minijinja::{context, Environment};
use serde::Serialize;

const TEMPLATE: &str = include_str!("templates/report.md");

/// How many root causes the "Top amendments" section lists.
pub const TOP_AMENDMENTS: usize = 5;

#[derive(Serialize)]
struct Section<'a> {
    short: String,
    findings: Vec<FindingView<'a>>,
}

/// A finding with its evidence lines prepared for display.
#[derive(Serialize)]
struct FindingView<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    evidence_rows: Vec<EvidenceRow<'a>>,
}

#[derive(Serialize)]
struct EvidenceRow<'a> {
    #[serde(flatten)]
    evidence: &'a Evidence,
    /// `: `key` = value, ...`, or empty.
    shown_facts: String,
}

impl<'a> From<&'a Finding> for FindingView<'a> {
    fn from(finding: &'a Finding) -> FindingView<'a> {
        let evidence_rows = finding
            .evidence
            .iter()
            .map(|evidence| {
                let facts: Vec<String> = evidence
                    .facts
                    .iter()
                    .map(|(k, v)| format!("`{k}` = {v}"))
                    .collect();
                let shown_facts = if facts.is_empty() {
                    String::new()
                } else {
                    format!(": {}", facts.join(", "))
                };
                EvidenceRow {
                    evidence,
                    shown_facts,
                }
            })
            .collect();
        FindingView {
            finding,
            evidence_rows,
        }
    }
}

pub fn markdown(report: &Report) -> Result<String, minijinja::Error> {
    let mut env = Environment::new();
    env.set_syntax(
        SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()?,
    );
    env.add_filter("md", escape_markdown);
    env.add_filter("url", safe_url);
    env.add_filter("code", |s: String| format!("`{}`", s.replace('`', "'")));
    env.add_template("report.md", TEMPLATE)?;
    let mut sections: Vec<Section> = Vec::new();
    for f in &report.findings {
        if sections
            .last()
            .is_none_or(|s| s.findings[0].finding.instrument != f.instrument)
        {
            let short = report
                .summary
                .by_instrument
                .iter()
                .find(|s| s.instrument == f.instrument)
                .map_or(f.instrument.clone(), |s| s.short.clone());
            sections.push(Section {
                short,
                findings: Vec::new(),
            });
        }
        if let Some(s) = sections.last_mut() {
            s.findings.push(FindingView::from(f));
        }
    }
    let c = &report.summary.by_status;
    let summary_sentence = format!(
        "Of {} obligations assessed, {} {} met, {} partly met, {} {} a gap and {} cannot be assessed yet for want of facts.",
        c.total,
        c.met,
        if c.met == 1 { "is" } else { "are" },
        c.partial,
        c.gap,
        if c.gap == 1 { "is" } else { "are" },
        c.unknown,
    );
    let top: Vec<_> = report.root_causes.iter().take(TOP_AMENDMENTS).collect();
    let mut out = env.get_template("report.md")?.render(context! {
        sections => Serde(sections),
        summary_sentence,
        top_amendments => Serde(top),
        ..minijinja::Value::from(Serde(report))
    })?;
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

/// Escapes what Markdown (and the HTML GitHub allows inside it) would read as markup.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Only http(s) links survive; anything else (`javascript:`, `data:`) becomes `#`.
pub fn safe_url(url: &str) -> String {
    let lower = url.trim().to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.contains([' ', '<', '>', '(', ')'])
    {
        url.trim().to_string()
    } else {
        "#".to_string()
    }
}
