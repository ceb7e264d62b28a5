//! Stage 5: findings -> the report model, and its renderings (terminal, Markdown, HTML, JSON).
//! Templates only lay out; everything they show is prepared here (`view`, `svg`).

mod catalogue;
mod compare;
pub mod graph;
mod markdown;
pub mod messages;
mod render;
mod research;
mod sarif;
mod svg;
mod terminal;
pub mod view;

pub use catalogue::{catalogue_markdown, coverage, coverage_text, word, Coverage};
pub use compare::{compare, compare_html, compare_json, compare_markdown, compare_terminal, Comparison};
pub use markdown::{escape_markdown, safe_url};
pub use messages::Lang;
pub use render::{Renderer, TEMPLATE_FILES};
use research::{progress, readings, research, sources};
pub use research::{Progress, Reading, Research, SourceRow};
pub use sarif::sarif;
pub use terminal::terminal;

use crate::check::{Law, RuleBook};
use crate::engine::{Finding, Obligation, Status, WaiverState};
use crate::graph::{Assessment, RootCause};
use crate::model::{Date, Figure, TreatyAction};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

pub const SCHEMA_VERSION: u32 = 1;

/// Everything a report shows, in the order it shows it. Serialised as the JSON report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema_version: u32,
    pub country: CountryInfo,
    pub as_of: Date,
    pub treaties: Vec<TreatyRow>,
    pub summary: Summary,
    pub findings: Vec<Finding>,
    pub root_causes: Vec<RootCause>,
    /// Waivers from `waivers.ron` and what became of each on the snapshot date.
    pub waivers: Vec<WaiverState>,
    /// How many of the facts the rules ask are answered, and how firmly.
    pub progress: Progress,
    /// Unknown facts, ranked by how many findings they would settle: the research plan.
    pub research: Vec<Research>,
    pub figures: Vec<Figure>,
    /// Readings chosen where sources disagree, and what no source settled: every open question
    /// the law summaries record, with whether its facts are settled on the snapshot date.
    pub readings: Vec<Reading>,
    pub sources: Vec<SourceRow>,
    /// Treaty acts and changes to the provisions the rules read, up to the snapshot date.
    pub timeline: Vec<TimelineEvent>,
}

/// A dated event: a treaty act, or a provision the rules read entering into or leaving force.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEvent {
    pub date: Date,
    pub kind: EventKind,
    /// The instrument id (treaty events) or the provision id (`refugees/art-1`).
    pub subject: String,
    /// The instrument's short title, or the provision's pinpoint citation.
    pub label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The instrument of accession, ratification or succession was deposited.
    TreatyJoined,
    /// The treaty took effect for the State (when that differs from the deposit).
    TreatyInForce,
    ProvisionInForce,
    /// The provision's last day in force.
    ProvisionEnded,
}

#[derive(Debug, Clone, Serialize)]
pub struct CountryInfo {
    pub code: String,
    pub name: String,
    /// The country file, where treaty-status findings are located.
    pub file: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TreatyRow {
    pub instrument: String,
    pub title: String,
    pub party: bool,
    pub action: Option<TreatyAction>,
    pub date: Option<Date>,
    pub in_force: Option<Date>,
    /// How and when, in words: "accession 1999-01-15 (in force 1999-04-15)".
    pub joined: String,
    pub reservations: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub met: usize,
    pub partial: usize,
    pub gap: usize,
    pub unknown: usize,
    pub total: usize,
}

impl Counts {
    fn add(&mut self, status: Status) {
        match status {
            Status::Met => self.met += 1,
            Status::Partial => self.partial += 1,
            Status::Gap => self.gap += 1,
            Status::Unknown => self.unknown += 1,
        }
        self.total += 1;
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub by_status: Counts,
    pub by_obligation: BTreeMap<String, usize>,
    pub by_instrument: Vec<InstrumentSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InstrumentSummary {
    pub instrument: String,
    pub short: String,
    pub obligation: String,
    pub counts: Counts,
}

pub fn build(book: &RuleBook, law: &Law, assessment: &Assessment) -> Report {
    let analysis = &assessment.analysis;
    let findings = &analysis.findings;
    let treaties = book
        .instruments
        .iter()
        .filter(|i| i.kind == crate::model::InstrumentKind::Treaty)
        .map(|i| {
            let party = law.country.treaties.iter().find(|p| p.instrument == i.id);
            let in_force = party.filter(|p| p.in_force_on(analysis.as_of));
            TreatyRow {
                instrument: i.id.clone(),
                title: i.short.clone(),
                party: in_force.is_some(),
                action: party.map(|p| p.action),
                date: party.and_then(|p| p.date),
                in_force: party.and_then(|p| p.in_force.or(p.date)),
                joined: party.map_or_else(
                    || "not joined".to_string(),
                    |p| {
                        let deposited = p
                            .date
                            .map_or("(date not confirmed)".to_string(), |d| d.to_string());
                        match p.in_force.filter(|d| Some(*d) != p.date) {
                            Some(d) => format!("{} {deposited} (in force {d})", action_name(p.action)),
                            None => format!("{} {deposited}", action_name(p.action)),
                        }
                    },
                ),
                reservations: in_force
                    .map(|p| {
                        p.reservations
                            .iter()
                            .map(|r| format!("Art. {}: {}", r.article, r.summary))
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();

    let mut by_status = Counts::default();
    let mut by_obligation: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_instrument: Vec<InstrumentSummary> = Vec::new();
    for f in findings {
        by_status.add(f.status);
        *by_obligation
            .entry(obligation_name(f.obligation).into())
            .or_default() += 1;
        if by_instrument.last().is_none_or(|s| s.instrument != f.instrument) {
            by_instrument.push(InstrumentSummary {
                instrument: f.instrument.clone(),
                short: book
                    .instrument(&f.instrument)
                    .map_or(f.instrument.clone(), |i| i.short.clone()),
                obligation: instrument_obligation(findings, &f.instrument).into(),
                counts: Counts::default(),
            });
        }
        if let Some(s) = by_instrument.last_mut() {
            s.counts.add(f.status);
        }
    }

    Report {
        schema_version: SCHEMA_VERSION,
        country: CountryInfo {
            code: law.country.code.clone(),
            name: law.country.name.clone(),
            file: law.country_path.clone(),
        },
        as_of: analysis.as_of,
        treaties,
        summary: Summary {
            by_status,
            by_obligation,
            by_instrument,
        },
        findings: findings.clone(),
        root_causes: assessment.root_causes.clone(),
        waivers: analysis.waivers.clone(),
        progress: progress(book, law, &analysis.snapshot),
        research: research(book, law, findings),
        figures: law.country.figures.clone(),
        readings: readings(law, &analysis.snapshot),
        sources: sources(law, findings),
        timeline: timeline(book, law, analysis.as_of),
    }
}

/// Treaty acts, and every provision that asserts a fact some rule reads, on or before `as_of`.
fn timeline(book: &RuleBook, law: &Law, as_of: Date) -> Vec<TimelineEvent> {
    let mut events = Vec::new();
    for party in &law.country.treaties {
        let label = book
            .instrument(&party.instrument)
            .map_or(party.instrument.clone(), |i| i.short.clone());
        let mut push = |date: Date, kind| {
            if date <= as_of {
                events.push(TimelineEvent {
                    date,
                    kind,
                    subject: party.instrument.clone(),
                    label: label.clone(),
                });
            }
        };
        if let Some(date) = party.date {
            push(date, EventKind::TreatyJoined);
        }
        if let Some(d) = party.in_force.filter(|d| Some(*d) != party.date) {
            push(d, EventKind::TreatyInForce);
        }
    }
    let read: BTreeSet<&str> = book.rules.iter().flat_map(|r| r.condition.fact_keys()).collect();
    for p in &law.provisions {
        if !p.provision.facts.keys().any(|k| read.contains(k.as_str())) {
            continue;
        }
        let in_force = &p.provision.in_force;
        let dates = std::iter::once((in_force.from, EventKind::ProvisionInForce))
            .chain(in_force.until.map(|u| (u, EventKind::ProvisionEnded)));
        for (date, kind) in dates.filter(|(d, _)| *d <= as_of) {
            events.push(TimelineEvent {
                date,
                kind,
                subject: p.id.clone(),
                label: p.provision.cites.clone(),
            });
        }
    }
    events.sort_by(|a, b| (a.date, a.kind, &a.subject).cmp(&(b.date, b.kind, &b.subject)));
    events
}

/// An instrument binds when any of its rules binds (directly or through the 1967 Protocol).
fn instrument_obligation(findings: &[Finding], instrument: &str) -> &'static str {
    let of: Vec<Obligation> = findings
        .iter()
        .filter(|f| f.instrument == instrument)
        .map(|f| f.obligation)
        .collect();
    if of.contains(&Obligation::Guidance) {
        "guidance"
    } else if of
        .iter()
        .any(|o| matches!(o, Obligation::Binding | Obligation::Reserved))
    {
        "binding"
    } else {
        "not_party"
    }
}

fn action_name(a: TreatyAction) -> &'static str {
    match a {
        TreatyAction::Accession => "accession",
        TreatyAction::Ratification => "ratification",
        TreatyAction::Succession => "succession",
    }
}

pub fn obligation_name(o: Obligation) -> &'static str {
    match o {
        Obligation::Binding => "binding",
        Obligation::Reserved => "reserved",
        Obligation::NotParty => "not_party",
        Obligation::Guidance => "guidance",
    }
}

pub fn status_name(s: Status) -> &'static str {
    match s {
        Status::Met => "met",
        Status::Partial => "partial",
        Status::Gap => "gap",
        Status::Unknown => "unknown",
    }
}

/// The JSON report: pretty, with a final newline, byte-identical for the same input.
pub fn json(report: &Report) -> String {
    let mut out = serde_json::to_string_pretty(report).unwrap_or_default();
    out.push('\n');
    out
}
