//! SARIF 2.1.0: one result per gap or partial finding, located on the line of the law summary
//! that holds the provision behind it (or the country file, for treaty status), so a
//! code-review system shows the gap on the line under review.

use super::{Report, SCHEMA_VERSION};
use crate::engine::{Finding, Status};
use serde::Serialize;

// Typed, borrowed SARIF: no intermediate JSON tree. Fields are declared in alphabetical order,
// the order a `serde_json::Value` object prints its keys in, so the bytes are unchanged.

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

#[derive(Serialize)]
struct Run<'a> {
    properties: RunProperties<'a>,
    results: Vec<SarifResult<'a>>,
    tool: Tool<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunProperties<'a> {
    as_of: String,
    country: &'a str,
    report_schema_version: u32,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    rules: Vec<SarifRule<'a>>,
    semantic_version: &'static str,
}

#[derive(Serialize)]
struct Text<T> {
    text: T,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRule<'a> {
    full_description: Text<&'a str>,
    help: Text<&'a str>,
    id: &'a str,
    name: &'a str,
    properties: RuleProperties<'a>,
    short_description: Text<String>,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    article: &'a str,
    instrument: &'a str,
    severity: String,
    tags: [&'a str; 2],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    level: &'static str,
    locations: [Location<'a>; 1],
    message: Text<String>,
    properties: ResultProperties,
    rule_id: &'a str,
    rule_index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressions: Option<[Suppression<'a>; 1]>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation<'a> {
    uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
}

#[derive(Serialize)]
struct ResultProperties {
    leverage: usize,
    obligation: &'static str,
    status: &'static str,
}

#[derive(Serialize)]
struct Suppression<'a> {
    justification: &'a str,
    kind: &'static str,
}

pub fn sarif(report: &Report, book: &crate::check::RuleBook) -> String {
    let flagged: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| matches!(f.status, Status::Gap | Status::Partial))
        .collect();
    let rules = flagged
        .iter()
        .map(|f| {
            let rule = book.rule(&f.rule);
            let instrument = book
                .instrument(&f.instrument)
                .map_or(f.instrument.as_str(), |i| i.short.as_str());
            SarifRule {
                full_description: Text {
                    text: rule.map_or("", |r| r.obligation.as_str()),
                },
                help: Text {
                    text: &f.recommendation,
                },
                id: &f.rule,
                name: &f.title,
                properties: RuleProperties {
                    article: &f.article,
                    instrument: &f.instrument,
                    severity: super::word(&f.severity),
                    tags: [&f.instrument, super::obligation_name(f.obligation)],
                },
                short_description: Text {
                    text: format!("{instrument}, Art. {}: {}", f.article, f.title),
                },
            }
        })
        .collect();
    let results = flagged
        .iter()
        .enumerate()
        .map(|(index, f)| {
            let (uri, line) = f
                .evidence
                .first()
                .map_or((report.country.file.as_str(), 1), |e| (e.file.as_str(), e.line));
            let suppressions = f.waived.then(|| {
                let reason = report
                    .waivers
                    .iter()
                    .find(|w| w.rule == f.rule)
                    .map_or("", |w| w.reason.as_str());
                [Suppression {
                    justification: reason,
                    kind: "external",
                }]
            });
            SarifResult {
                level: if f.status == Status::Gap {
                    "error"
                } else {
                    "warning"
                },
                locations: [Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri },
                        region: Region { start_line: line },
                    },
                }],
                message: Text { text: message(f) },
                properties: ResultProperties {
                    leverage: f.leverage,
                    obligation: super::obligation_name(f.obligation),
                    status: super::status_name(f.status),
                },
                rule_id: &f.rule,
                rule_index: index,
                suppressions,
            }
        })
        .collect();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [Run {
            properties: RunProperties {
                as_of: report.as_of.to_string(),
                country: &report.country.code,
                report_schema_version: SCHEMA_VERSION,
            },
            results,
            tool: Tool {
                driver: Driver {
                    name: "gapcheck",
                    rules,
                    semantic_version: env!("CARGO_PKG_VERSION"),
                },
            },
        }],
        version: "2.1.0",
    };
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
