//! The view model: a `Report` with every label translated and every line prepared, so the
//! Markdown and HTML templates only lay it out.

use super::messages::{self, catalogue, message, Lang};
use super::{obligation_name, status_name, EventKind, Report};
use crate::engine::{Finding, Obligation, Status};
use crate::model::{Confidence, Severity, TreatyAction};
use serde::Serialize;
use std::collections::BTreeMap;

/// How many root causes the "Top amendments" section lists.
pub const TOP_AMENDMENTS: usize = 5;

#[derive(Serialize)]
pub struct View {
    pub lang: &'static str,
    /// Every fixed label of the catalogue, by key.
    pub t: BTreeMap<&'static str, &'static str>,
    pub title: String,
    pub intro: String,
    /// Set when the fixed text is translated but rule texts are not.
    pub rule_text_note: Option<String>,
    pub as_of: String,
    pub col_party_on: String,
    pub treaties: Vec<TreatyView>,
    pub summary_sentence: String,
    pub instruments: Vec<InstrumentView>,
    pub totals: super::Counts,
    pub top_amendments: Vec<AmendmentView>,
    pub sections: Vec<SectionView>,
    pub timeline_intro: String,
    pub timeline: Vec<EventView>,
    pub progress_sentence: String,
    pub research: Vec<ResearchView>,
    pub waivers: Vec<WaiverView>,
    pub readings: Vec<ReadingView>,
    pub figures: Vec<FigureView>,
    pub sources: Vec<SourceView>,
}

#[derive(Serialize)]
pub struct TreatyView {
    pub title: String,
    /// `yes` or `no`: the CSS class.
    pub party_class: &'static str,
    pub party: &'static str,
    pub joined: String,
    pub reservations: Vec<String>,
}

#[derive(Serialize)]
pub struct InstrumentView {
    pub short: String,
    pub obligation: &'static str,
    pub counts: super::Counts,
}

#[derive(Serialize)]
pub struct AmendmentView {
    pub rule: String,
    pub title: String,
    /// `met`, `gap`...: the CSS class.
    pub status: &'static str,
    pub status_label: &'static str,
    pub severity: String,
    pub leverage: String,
    pub recommendation: String,
    pub provisions: Vec<String>,
}

#[derive(Serialize)]
pub struct SectionView {
    pub id: String,
    pub short: String,
    pub findings: Vec<FindingView>,
}

#[derive(Serialize)]
pub struct FindingView {
    pub rule: String,
    pub heading: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub obligation: &'static str,
    pub severity: String,
    pub evidence: Vec<EvidenceView>,
    pub missing_facts: Vec<String>,
    pub disputed_facts: Vec<String>,
    pub blocked_by: Vec<String>,
    /// Shown unless the finding is met.
    pub recommendation: Option<String>,
    pub waived: bool,
}

#[derive(Serialize)]
pub struct ReadingView {
    pub act: String,
    pub facts: Vec<String>,
    pub note: String,
    pub would_settle: String,
    pub state: String,
}

#[derive(Serialize)]
pub struct WaiverView {
    pub rule: String,
    pub state: String,
    pub reason: String,
    pub authority: String,
    pub accepted_by: String,
    pub expires: String,
}

#[derive(Serialize)]
pub struct EvidenceView {
    pub cites: String,
    pub url: String,
    /// "primary, retrieved 2026-11-27".
    pub source_note: String,
    /// `laws/kz/refugees.ron:10`.
    pub at: String,
    pub summary: String,
    pub facts: Vec<FactView>,
}

#[derive(Serialize)]
pub struct FactView {
    pub key: String,
    pub value: String,
}

#[derive(Serialize)]
pub struct EventView {
    pub date: String,
    pub year: i32,
    /// `treaty` or `law`: the marker's class.
    pub kind: &'static str,
    pub text: String,
}

#[derive(Serialize)]
pub struct ResearchView {
    pub fact: String,
    pub question: String,
    pub notes: Vec<String>,
    pub settles: usize,
}

#[derive(Serialize)]
pub struct FigureView {
    pub label: String,
    pub value: String,
    pub as_of: String,
    pub url: String,
    pub confidence: &'static str,
    pub note: Option<String>,
}

#[derive(Serialize)]
pub struct SourceView {
    pub url: String,
    pub source_note: String,
    pub cited_for: Vec<String>,
}

pub fn build(report: &Report, lang: Lang) -> View {
    let t = catalogue(lang);
    let msg = |key: &str, args: &[(&str, &str)]| message(lang, key, args);
    let as_of = report.as_of.to_string();
    let c = &report.summary.by_status;
    let count = |n: usize| n.to_string();

    let treaties = report
        .treaties
        .iter()
        .map(|row| TreatyView {
            title: row.title.clone(),
            party_class: if row.party { "yes" } else { "no" },
            party: t[if row.party { "yes" } else { "no" }],
            joined: match (row.action, row.date) {
                (Some(action), Some(date)) => {
                    let action = t[action_key(action)];
                    match row.in_force.filter(|d| *d != date) {
                        Some(in_force) => msg(
                            "joined_in_force",
                            &[
                                ("action", action),
                                ("date", &date.to_string()),
                                ("in_force", &in_force.to_string()),
                            ],
                        ),
                        None => format!("{action} {date}"),
                    }
                }
                _ => t["not_joined"].to_string(),
            },
            // The report writes "Art. N: summary"; only the article label is ours to translate.
            reservations: row
                .reservations
                .iter()
                .map(
                    |r| match r.strip_prefix("Art. ").and_then(|r| r.split_once(": ")) {
                        Some((article, summary)) => {
                            format!("{}: {summary}", msg("article", &[("article", article)]))
                        }
                        None => r.clone(),
                    },
                )
                .collect(),
        })
        .collect();

    let top_amendments = report
        .root_causes
        .iter()
        .take(TOP_AMENDMENTS)
        .map(|r| AmendmentView {
            rule: r.rule.clone(),
            title: r.title.clone(),
            status: status_name(r.status),
            status_label: t[status_key(r.status)],
            severity: msg("severity", &[("severity", t[severity_key(r.severity)])]),
            leverage: msg("leverage", &[("leverage", &r.leverage.to_string())]),
            recommendation: r.recommendation.clone(),
            provisions: r.provisions.clone(),
        })
        .collect();

    View {
        lang: lang.tag(),
        title: msg("title", &[("country", &report.country.name)]),
        intro: msg("intro", &[("date", &as_of), ("total", &count(c.total))]),
        rule_text_note: (lang != Lang::En).then(|| t["rule_text_note"].to_string()),
        col_party_on: msg("col_party_on", &[("date", &as_of)]),
        treaties,
        summary_sentence: msg(
            "summary_sentence",
            &[
                ("total", &count(c.total)),
                ("met", &count(c.met)),
                ("partial", &count(c.partial)),
                ("gap", &count(c.gap)),
                ("unknown", &count(c.unknown)),
            ],
        ),
        instruments: report
            .summary
            .by_instrument
            .iter()
            .map(|s| InstrumentView {
                short: s.short.clone(),
                obligation: t[match s.obligation.as_str() {
                    "binding" => "obligation_binding",
                    "guidance" => "obligation_guidance",
                    _ => "obligation_not_party",
                }],
                counts: s.counts.clone(),
            })
            .collect(),
        totals: c.clone(),
        top_amendments,
        sections: sections(report, lang, &t),
        timeline_intro: msg("timeline_intro", &[("date", &as_of)]),
        timeline: report
            .timeline
            .iter()
            .map(|e| {
                let (kind, key) = match e.kind {
                    EventKind::TreatyJoined => ("treaty", "event_treaty_joined"),
                    EventKind::TreatyInForce => ("treaty", "event_treaty_in_force"),
                    EventKind::ProvisionInForce => ("law", "event_provision_in_force"),
                    EventKind::ProvisionEnded => ("law", "event_provision_ended"),
                };
                EventView {
                    date: e.date.to_string(),
                    year: e.date.year,
                    kind,
                    text: msg(key, &[("label", &e.label)]),
                }
            })
            .collect(),
        progress_sentence: {
            let p = &report.progress;
            let n = |v: usize| v.to_string();
            msg(
                "progress",
                &[
                    ("asked", &n(p.facts_asked)),
                    ("answered", &n(p.answered)),
                    ("primary", &n(p.primary)),
                    ("secondary", &n(p.secondary)),
                    ("unverified", &n(p.unverified)),
                    ("disputed", &n(p.disputed)),
                ],
            )
        },
        readings: report
            .readings
            .iter()
            .map(|r| ReadingView {
                act: r.act.clone(),
                facts: r.facts.clone(),
                note: r.note.clone(),
                would_settle: r.would_settle.clone(),
                state: msg(
                    if r.settled {
                        "reading_settled"
                    } else {
                        "reading_open"
                    },
                    &[],
                ),
            })
            .collect(),
        waivers: report
            .waivers
            .iter()
            .map(|w| WaiverView {
                rule: w.rule.clone(),
                state: msg(
                    match w.state {
                        crate::engine::WaiverStatus::Active => "waiver_active",
                        crate::engine::WaiverStatus::Expired => "waiver_expired",
                        crate::engine::WaiverStatus::Unmatched => "waiver_unmatched",
                    },
                    &[],
                ),
                reason: w.reason.clone(),
                authority: w.authority.clone(),
                accepted_by: w.accepted_by.clone(),
                expires: w.expires.to_string(),
            })
            .collect(),
        research: report
            .research
            .iter()
            .map(|r| ResearchView {
                fact: r.fact.clone(),
                question: r.question.clone(),
                notes: r.notes.clone(),
                settles: r.settles.len(),
            })
            .collect(),
        figures: report
            .figures
            .iter()
            .map(|f| FigureView {
                label: f.label.clone(),
                value: messages::number(lang, f.value),
                as_of: f.as_of.to_string(),
                url: f.source.url.clone(),
                confidence: t[confidence_key(f.source.confidence)],
                note: f.note.clone(),
            })
            .collect(),
        sources: report
            .sources
            .iter()
            .map(|s| SourceView {
                url: s.url.clone(),
                source_note: source_note(lang, &t, s.confidence, &s.retrieved.to_string()),
                cited_for: s.cited_for.clone(),
            })
            .collect(),
        as_of,
        t,
    }
}

fn sections(report: &Report, lang: Lang, t: &BTreeMap<&'static str, &'static str>) -> Vec<SectionView> {
    let mut sections: Vec<SectionView> = Vec::new();
    for f in &report.findings {
        if sections.last().is_none_or(|s| s.id != f.instrument) {
            let short = report
                .summary
                .by_instrument
                .iter()
                .find(|s| s.instrument == f.instrument)
                .map_or(f.instrument.clone(), |s| s.short.clone());
            sections.push(SectionView {
                id: f.instrument.clone(),
                short,
                findings: Vec::new(),
            });
        }
        if let Some(s) = sections.last_mut() {
            s.findings.push(finding(f, lang, t));
        }
    }
    sections
}

fn finding(f: &Finding, lang: Lang, t: &BTreeMap<&'static str, &'static str>) -> FindingView {
    let article = message(lang, "article", &[("article", &f.article)]);
    FindingView {
        rule: f.rule.clone(),
        heading: format!("{article}: {}", f.title),
        status: status_name(f.status),
        status_label: t[status_key(f.status)],
        obligation: t[obligation_key(f.obligation)],
        severity: message(lang, "severity", &[("severity", t[severity_key(f.severity)])]),
        evidence: f
            .evidence
            .iter()
            .map(|e| EvidenceView {
                cites: e.cites.clone(),
                url: e.url.clone(),
                source_note: source_note(lang, t, e.confidence, &e.retrieved.to_string()),
                at: format!("{}:{}", e.file, e.line),
                summary: e.summary.clone(),
                facts: e
                    .facts
                    .iter()
                    .map(|(k, v)| FactView {
                        key: k.clone(),
                        value: v.to_string(),
                    })
                    .collect(),
            })
            .collect(),
        missing_facts: f.missing_facts.clone(),
        disputed_facts: f.disputed_facts.clone(),
        blocked_by: f.blocked_by.clone(),
        recommendation: (f.status != Status::Met).then(|| f.recommendation.clone()),
        waived: f.waived,
    }
}

fn source_note(
    lang: Lang,
    t: &BTreeMap<&'static str, &'static str>,
    confidence: Confidence,
    retrieved: &str,
) -> String {
    format!(
        "{}, {}",
        t[confidence_key(confidence)],
        message(lang, "retrieved", &[("date", retrieved)])
    )
}

pub fn status_key(s: Status) -> &'static str {
    match s {
        Status::Met => "status_met",
        Status::Partial => "status_partial",
        Status::Gap => "status_gap",
        Status::Unknown => "status_unknown",
    }
}

fn obligation_key(o: Obligation) -> &'static str {
    match obligation_name(o) {
        "binding" => "obligation_binding",
        "reserved" => "obligation_reserved",
        "not_party" => "obligation_not_party",
        _ => "obligation_guidance",
    }
}

fn severity_key(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "severity_critical",
        Severity::High => "severity_high",
        Severity::Medium => "severity_medium",
        Severity::Low => "severity_low",
    }
}

fn confidence_key(c: Confidence) -> &'static str {
    match c {
        Confidence::Primary => "confidence_primary",
        Confidence::Secondary => "confidence_secondary",
        Confidence::Unverified => "confidence_unverified",
    }
}

fn action_key(a: TreatyAction) -> &'static str {
    match a {
        TreatyAction::Accession => "action_accession",
        TreatyAction::Ratification => "action_ratification",
        TreatyAction::Succession => "action_succession",
    }
}
