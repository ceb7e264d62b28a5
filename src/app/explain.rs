//! `explain RULE COUNTRY`: why a finding came out as it did, from the law in force.

use super::{inputs, Failure};
use crate::engine::{self, eval, FactState, Snapshot};
use crate::load::{Diagnostic, Location};
use crate::model::{Condition, Date};
use crate::report::{obligation_name, status_name};
use std::fmt::Write as _;
use std::path::Path;

pub fn explain(
    rule_id: &str,
    target: &str,
    as_of: Date,
    rules_dir: Option<&Path>,
) -> Result<String, Failure> {
    let (book, _) = inputs::rule_book(rules_dir)?;
    let Some(rule) = book.rule(rule_id) else {
        return Err(Failure::Invalid(vec![Diagnostic::new(
            Location::file(rule_id),
            "unknown-rule",
            format!("no rule \"{rule_id}\""),
        )
        .suggest(rule_id, book.rules.iter().map(|r| r.id.as_str()))
        .or_hint("`gapcheck rules` lists them".into())]));
    };
    let law = inputs::law(&book, target)?;
    let analysis = engine::analyze(&book, &law, as_of);
    let assessment = crate::graph::assess(analysis, &law);
    let findings = &assessment.analysis.findings;
    let snapshot = &assessment.analysis.snapshot;
    let Some(finding) = findings.iter().find(|f| f.rule == rule.id) else {
        return Err(Failure::Other(format!("rule {rule_id} produced no finding")));
    };

    let mut out = String::new();
    let instrument = book
        .instrument(&rule.instrument)
        .map_or(rule.instrument.as_str(), |i| i.short.as_str());
    let _ = writeln!(
        out,
        "{}: {instrument}, Art. {}: {}",
        rule.id, rule.article, rule.title
    );
    let _ = writeln!(out, "{}, law in force on {as_of}", law.country.name);
    let _ = writeln!(
        out,
        "status: {}   obligation: {}   severity: {}   leverage: {}\n",
        status_name(finding.status),
        obligation_name(finding.obligation),
        crate::report::word(&rule.severity),
        finding.leverage
    );
    let _ = writeln!(out, "Obligation: {}\n", rule.obligation);
    let _ = writeln!(out, "Condition:");
    condition_tree(&rule.condition, snapshot, &law, 1, &mut out);

    let _ = writeln!(out, "\nPrerequisites:");
    if rule.depends_on.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for dep in &rule.depends_on {
        let status = findings
            .iter()
            .find(|f| &f.rule == dep)
            .map_or("?", |f| status_name(f.status));
        let _ = writeln!(out, "  {dep}: {status}");
    }
    let _ = writeln!(out, "\nWhat depends on it (directly, then through other rules):");
    let dependents = assessment.graph.dependents(&rule.id);
    if dependents.is_empty() {
        let _ = writeln!(out, "  nothing");
    }
    let mut ordered: Vec<&crate::engine::Finding> =
        findings.iter().filter(|f| dependents.contains(&f.rule)).collect();
    ordered.sort_by_key(|f| !f.depends_on.contains(&rule.id));
    for f in ordered {
        let how = if f.depends_on.contains(&rule.id) {
            "directly"
        } else {
            "through other rules"
        };
        let _ = writeln!(out, "  {}: {} ({how})", f.rule, status_name(f.status));
    }
    let _ = writeln!(out, "\nRecommendation: {}", finding.recommendation);
    Ok(out)
}

fn condition_tree(
    c: &Condition,
    snapshot: &Snapshot,
    law: &crate::check::Law,
    depth: usize,
    out: &mut String,
) {
    let pad = "  ".repeat(depth);
    let truth = format!("{:?}", eval(c, snapshot)).to_lowercase();
    match c {
        Condition::All(cs) | Condition::Any(cs) => {
            let name = if matches!(c, Condition::All(_)) {
                "all of"
            } else {
                "any of"
            };
            let _ = writeln!(out, "{pad}[{truth}] {name}:");
            for inner in cs {
                condition_tree(inner, snapshot, law, depth + 1, out);
            }
        }
        Condition::Not(inner) => {
            let _ = writeln!(out, "{pad}[{truth}] not:");
            condition_tree(inner, snapshot, law, depth + 1, out);
        }
        _ => {
            let _ = writeln!(out, "{pad}[{truth}] {c}");
            let Some(key) = c.fact_key() else { return };
            match snapshot.state(key) {
                None => {
                    let _ = writeln!(out, "{pad}    {key}: not known (no provision in force says)");
                }
                Some(FactState::Known(value, provisions)) => {
                    for &i in provisions {
                        let _ = writeln!(out, "{pad}    {key} = {value}  ← {}", cited(law, i));
                    }
                }
                Some(FactState::Disputed(values)) => {
                    let _ = writeln!(out, "{pad}    {key}: sources disagree, so treated as unknown");
                    for (value, provisions) in values {
                        for &i in provisions {
                            let _ = writeln!(out, "{pad}      {value}  ← {}", cited(law, i));
                        }
                    }
                }
            }
        }
    }
}

/// A provision as explain cites it: the pinpoint, and where it is written.
fn cited(law: &crate::check::Law, index: usize) -> String {
    let p = &law.provisions[index];
    format!("{} ({}:{})", p.provision.cites, p.at.path, p.at.line)
}
