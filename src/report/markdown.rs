//! The Markdown report, rendered from an embedded minijinja template.

use super::Report;
use crate::engine::{Evidence, Finding};
use minijinja::syntax::SyntaxConfig;
use minijinja::value::Serde;
use minijinja::{context, Environment};
use serde::Serialize;
use std::sync::OnceLock;

const TEMPLATE: &str = include_str!("templates/report.md");

/// How many root causes the "Top amendments" section lists.
pub const TOP_AMENDMENTS: usize = 5;

#[derive(Serialize)]
struct Section<'a> {
    short: String,
    findings: Vec<FindingView<'a>>,
}

/// A finding with its evidence lines prepared for display: only the fields the template shows,
/// borrowed (a flattened `Finding` made minijinja copy every evidence map it never reads).
#[derive(Serialize)]
struct FindingView<'a> {
    #[serde(skip)]
    finding: &'a Finding,
    rule: &'a str,
    article: &'a str,
    title: &'a str,
    status: &'a crate::engine::Status,
    obligation: &'a crate::engine::Obligation,
    severity: &'a crate::model::Severity,
    missing_facts: &'a [String],
    disputed_facts: &'a [String],
    blocked_by: &'a [String],
    waived: bool,
    recommendation: &'a str,
    evidence_rows: Vec<EvidenceRow<'a>>,
}

#[derive(Serialize)]
struct EvidenceRow<'a> {
    cites: &'a str,
    url: &'a str,
    confidence: &'a crate::model::Confidence,
    retrieved: &'a crate::model::Date,
    file: &'a str,
    line: usize,
    /// `: `key` = value, ...`, or empty.
    shown_facts: String,
}

impl<'a> From<&'a Finding> for FindingView<'a> {
    fn from(finding: &'a Finding) -> FindingView<'a> {
        let evidence_rows = finding
            .evidence
            .iter()
            .map(|evidence: &'a Evidence| {
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
                    cites: &evidence.cites,
                    url: &evidence.url,
                    confidence: &evidence.confidence,
                    retrieved: &evidence.retrieved,
                    file: &evidence.file,
                    line: evidence.line,
                    shown_facts,
                }
            })
            .collect();
        FindingView {
            finding,
            rule: &finding.rule,
            article: &finding.article,
            title: &finding.title,
            status: &finding.status,
            obligation: &finding.obligation,
            severity: &finding.severity,
            missing_facts: &finding.missing_facts,
            disputed_facts: &finding.disputed_facts,
            blocked_by: &finding.blocked_by,
            waived: finding.waived,
            recommendation: &finding.recommendation,
            evidence_rows,
        }
    }
}

/// The template environment, built (and the template compiled) once per process.
fn environment() -> Result<&'static Environment<'static>, minijinja::Error> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    if let Some(env) = ENV.get() {
        return Ok(env);
    }
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
    Ok(ENV.get_or_init(|| env))
}

pub fn markdown(report: &Report) -> Result<String, minijinja::Error> {
    let env = environment()?;
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
    // Only what the template shows: the findings are there once, in their sections.
    let mut out = env.get_template("report.md")?.render(context! {
        sections => Serde(sections),
        summary_sentence,
        top_amendments => Serde(top),
        country => Serde(&report.country),
        as_of => Serde(&report.as_of),
        treaties => Serde(&report.treaties),
        summary => Serde(&report.summary),
        waivers => Serde(&report.waivers),
        progress => Serde(&report.progress),
        research => Serde(&report.research),
        figures => Serde(&report.figures),
        sources => Serde(&report.sources),
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
