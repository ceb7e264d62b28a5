//! SARIF 2.1.0: one result per gap or partial finding, located on the line of the law summary
//! that holds the provision behind it (or the country file, for treaty status), so a
//! code-review system shows the gap on the line under review.

use super::{Report, SCHEMA_VERSION};
use crate::engine::{Finding, Status};
use serde_json::{json, Value};

pub fn sarif(report: &Report, book: &crate::check::RuleBook) -> String {
    let flagged: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| matches!(f.status, Status::Gap | Status::Partial))
        .collect();
    let rules: Vec<Value> = flagged
        .iter()
        .map(|f| {
            let rule = book.rule(&f.rule);
            let instrument = book
                .instrument(&f.instrument)
                .map_or(f.instrument.as_str(), |i| i.short.as_str());
            json!({
                "id": f.rule,
                "name": f.title,
                "shortDescription": { "text": format!("{instrument}, Art. {}: {}", f.article, f.title) },
                "fullDescription": { "text": rule.map_or("", |r| r.obligation.as_str()) },
                "help": { "text": f.recommendation },
                "properties": {
                    "instrument": f.instrument,
                    "article": f.article,
                    "severity": super::word(&f.severity),
                    "tags": [f.instrument, super::obligation_name(f.obligation)],
                },
            })
        })
        .collect();
    let results: Vec<Value> = flagged
        .iter()
        .enumerate()
        .map(|(index, f)| {
            let (uri, line) = f
                .evidence
                .first()
                .map_or((report.country.file.clone(), 1), |e| (e.file.clone(), e.line));
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": index,
                "level": if f.status == Status::Gap { "error" } else { "warning" },
                "message": { "text": message(f) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": { "startLine": line },
                    },
                }],
                "properties": {
                    "status": super::status_name(f.status),
                    "obligation": super::obligation_name(f.obligation),
                    "leverage": f.leverage,
                },
            });
            if f.waived {
                let reason = report
                    .waivers
                    .iter()
                    .find(|w| w.rule == f.rule)
                    .map_or("", |w| w.reason.as_str());
                result["suppressions"] = json!([{ "kind": "external", "justification": reason }]);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "gapcheck",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                },
            },
            "properties": {
                "country": report.country.code,
                "asOf": report.as_of.to_string(),
                "reportSchemaVersion": SCHEMA_VERSION,
            },
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

fn message(f: &Finding) -> String {
    let status = if f.status == Status::Gap {
        "Gap"
    } else {
        "Partly met"
    };
    let mut text = format!(
        "{status}: {} ({}). {}",
        f.title,
        super::obligation_name(f.obligation),
        f.recommendation
    );
    if !f.blocked_by.is_empty() {
        text.push_str(&format!(" Blocked by: {}.", f.blocked_by.join(", ")));
    }
    text
}
