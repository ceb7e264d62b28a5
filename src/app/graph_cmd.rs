//! `graph COUNTRY [--around RULE] --format dot|svg|json` and the what-if comparison of `--assume`.

use super::{inputs, Failure};
use crate::check::{Law, RuleBook};
use crate::engine::{self, Finding};
use crate::load::{Diagnostic, Location};
use crate::model::{Date, Value};
use crate::report::{self, status_name};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    Dot,
    Svg,
    Json,
}

pub fn graph(
    target: &str,
    as_of: Date,
    around: Option<&str>,
    format: GraphFormat,
    rules_dir: Option<&Path>,
) -> Result<String, Failure> {
    let (book, _) = inputs::rule_book(rules_dir)?;
    let law = inputs::law(&book, target)?;
    let assessment = crate::graph::assess(engine::analyze(&book, &law, as_of), &law);
    let graph = match around {
        None => assessment.graph,
        Some(rule) if book.rule(rule).is_some() => assessment.graph.around(rule),
        Some(rule) => return Err(unknown_rule(&book, rule)),
    };
    Ok(match format {
        GraphFormat::Dot => report::graph::dot(&graph),
        GraphFormat::Svg => report::graph::svg(&graph),
        GraphFormat::Json => report::graph::json(&graph),
    })
}

pub fn unknown_rule(book: &RuleBook, rule: &str) -> Failure {
    Failure::Invalid(vec![Diagnostic::new(
        Location::file(rule),
        "unknown-rule",
        format!("no rule \"{rule}\""),
    )
    .suggest(rule, book.rules.iter().map(|r| r.id.as_str()))
    .or_hint("`gapcheck rules` lists them".into())])
}

pub fn unknown_instrument(book: &RuleBook, id: &str) -> Failure {
    let ids: Vec<&str> = book.instruments.iter().map(|i| i.id.as_str()).collect();
    Failure::Invalid(vec![Diagnostic::new(
        Location::file(id),
        "unknown-instrument",
        format!("unknown instrument \"{id}\""),
    )
    .suggest(id, ids.iter().copied())
    .or_hint(format!("known instruments: {}", ids.join(", ")))])
}

/// Checks `--assume` facts against the vocabulary: known keys, values of the declared type.
pub fn check_assumptions(book: &RuleBook, assume: &[(String, Value)]) -> Result<(), Failure> {
    let mut diagnostics = Vec::new();
    for (key, value) in assume {
        let at = Location::file(&format!("--assume {key}"));
        match book.facts.get(key) {
            None => diagnostics.push(
                Diagnostic::new(at, "unknown-fact", format!("unknown fact \"{key}\""))
                    .suggest(key, book.facts.keys().map(String::as_str))
                    .or_hint("facts are declared in rules/facts.ron".into()),
            ),
            Some(def) => {
                if let Some(problem) = crate::check::value_problem(&def.kind, value) {
                    diagnostics.push(
                        Diagnostic::new(at, "fact-type", format!("fact \"{key}\": {problem}"))
                            .hint(format!("\"{key}\" is {}", def.kind.describe())),
                    );
                }
            }
        }
    }
    if diagnostics.is_empty() {
        Ok(())
    } else {
        Err(Failure::Invalid(diagnostics))
    }
}

/// What changes if the assumed facts held: each finding whose status moves, and the root causes
/// the amendment would close.
pub fn what_if(book: &RuleBook, law: &Law, as_of: Date, assume: &[(String, Value)]) -> String {
    let before = engine::analyze(book, law, as_of);
    let assumed: BTreeMap<String, Value> = assume.iter().cloned().collect();
    let after = engine::analyze_with(book, law, as_of, &assumed);
    let status: BTreeMap<&str, &Finding> = before.findings.iter().map(|f| (f.rule.as_str(), f)).collect();
    let mut out = String::new();
    let facts: Vec<String> = assume.iter().map(|(k, v)| format!("{k} = {v}")).collect();
    let _ = writeln!(out, "What if {}:", facts.join(", "));
    let mut changed = 0;
    for f in &after.findings {
        let old = status[f.rule.as_str()];
        if old.status != f.status {
            changed += 1;
            let _ = writeln!(
                out,
                "  {:<44} {} -> {}  {}",
                f.rule,
                status_name(old.status),
                status_name(f.status),
                f.title
            );
        }
    }
    if changed == 0 {
        let _ = writeln!(out, "  no finding changes status");
    } else {
        let _ = writeln!(out, "  {changed} finding(s) change status");
    }
    out.push('\n');
    out
}
