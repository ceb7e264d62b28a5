//! The rule catalogue, from the rules' own RON entries: `gapcheck rules`, `--coverage`, and the
//! committed `rules/CATALOGUE.md`.

use crate::check::RuleBook;
use crate::model::{article, Instrument, Rule};
use std::fmt::Write as _;

/// Coverage of one instrument: its obligation-bearing articles, and which have a rule.
pub struct Coverage<'a> {
    pub instrument: &'a Instrument,
    pub rules: usize,
    /// Obligation-bearing articles (numbers), each with whether some rule covers it.
    pub articles: Vec<(&'a str, &'a str, bool)>,
}

impl Coverage<'_> {
    pub fn covered(&self) -> usize {
        self.articles.iter().filter(|(_, _, c)| *c).count()
    }
}

pub fn coverage(book: &RuleBook) -> Vec<Coverage<'_>> {
    book.instruments
        .iter()
        .map(|instrument| {
            let rules: Vec<&Rule> = book
                .rules
                .iter()
                .filter(|r| r.instrument == instrument.id)
                .collect();
            let articles = instrument
                .articles
                .iter()
                .filter(|a| a.obligation)
                .map(|a| {
                    let covered = rules.iter().any(|r| article::covers(&a.number, &r.article));
                    (a.number.as_str(), a.title.as_str(), covered)
                })
                .collect();
            Coverage {
                instrument,
                rules: rules.len(),
                articles,
            }
        })
        .collect()
}

/// `gapcheck rules --coverage`.
pub fn coverage_text(book: &RuleBook) -> String {
    let mut out = String::new();
    for c in coverage(book) {
        if c.articles.is_empty() {
            let _ = writeln!(
                out,
                "{:<44} {:>3} rules (no article list)",
                c.instrument.short, c.rules
            );
            continue;
        }
        let _ = writeln!(
            out,
            "{:<44} {:>3} rules, {}/{} obligation-bearing articles covered",
            c.instrument.short,
            c.rules,
            c.covered(),
            c.articles.len()
        );
        for (number, title, _) in c.articles.iter().filter(|(_, _, covered)| !covered) {
            let _ = writeln!(out, "    not covered: Art. {number} {title}");
        }
    }
    out
}

/// `rules/CATALOGUE.md`: every rule, by instrument and article, with its explanation.
pub fn catalogue_markdown(book: &RuleBook) -> String {
    let mut out = String::from(
        "# Rule catalogue\n\nGenerated from `rules/` by `gapcheck rules --format md`; do not edit by hand \
         (a test fails when it is stale).\n\n## Coverage\n\n| Instrument | Rules | Obligation-bearing articles covered |\n|---|---:|---|\n",
    );
    let coverage = coverage(book);
    for c in &coverage {
        let covered = if c.articles.is_empty() {
            "no article list (soft law)".to_string()
        } else {
            format!("{} of {}", c.covered(), c.articles.len())
        };
        let _ = writeln!(out, "| {} | {} | {} |", c.instrument.short, c.rules, covered);
    }
    for c in &coverage {
        let i = c.instrument;
        let _ = write!(out, "\n## {} (`{}`)\n\n{}.\n", i.short, i.id, i.title);
        for r in book.rules.iter().filter(|r| r.instrument == i.id) {
            let _ = write!(
                out,
                "\n### Art. {}: {}\n\n`{}` · severity {} · standard {} · protects {}\n\n{}\n",
                r.article,
                r.title,
                r.id,
                word(&r.severity),
                word(&r.standard),
                r.protects.iter().map(word).collect::<Vec<_>>().join(", "),
                r.obligation
            );
            let _ = writeln!(out, "\n- Condition: `{}`", r.condition);
            if !r.depends_on.is_empty() {
                let deps: Vec<String> = r.depends_on.iter().map(|d| format!("`{d}`")).collect();
                let _ = writeln!(out, "- Depends on: {}", deps.join(", "));
            }
            let _ = writeln!(out, "- Recommendation: {}", r.recommendation);
            if !r.references.is_empty() {
                let _ = writeln!(out, "- References: {}", r.references.join("; "));
            }
        }
    }
    out
}

/// A unit enum as its RON/JSON word (`most_favoured_foreigners`).
pub fn word(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}
