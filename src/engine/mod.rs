//! Stage 3: evaluate every rule against one country's law on one date -> findings.
//! Pure: no I/O. Facts come only from provisions in force on the snapshot date.

mod logic;
mod snapshot;

pub use logic::{eval, Facts, Truth};
pub use snapshot::{FactState, Snapshot};

use crate::check::{Law, RuleBook};
use crate::model::{article, Condition, Confidence, Date, Instrument, InstrumentKind, Rule, Severity, Value};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    Partial,
    Gap,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Obligation {
    /// Party, with no reservation to the article.
    Binding,
    /// Party, with a reservation that covers the article.
    Reserved,
    /// Not party: the standard is a benchmark.
    NotParty,
    /// Soft law.
    Guidance,
}

/// One rule, one country, one date.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: String,
    pub instrument: String,
    pub article: String,
    pub title: String,
    pub status: Status,
    pub obligation: Obligation,
    pub severity: Severity,
    /// The national provisions (and treaty acts) behind every fact the condition used.
    pub evidence: Vec<Evidence>,
    /// Facts the condition reads that no provision in force settles: the research to do.
    pub missing_facts: Vec<String>,
    /// Facts that provisions in force assert with different values: treated as unknown.
    pub disputed_facts: Vec<String>,
    pub depends_on: Vec<String>,
    /// Prerequisite rules that are not met.
    pub blocked_by: Vec<String>,
    /// How many not-met findings downstream a fix would unblock (set by the graph stage).
    pub leverage: usize,
    pub recommendation: String,
    /// A reviewer accepted this finding for now (`waivers.ron`): it keeps its status but does not
    /// fail `--fail-on`.
    pub waived: bool,
}

/// What became of one waiver on the snapshot date.
#[derive(Debug, Clone, Serialize)]
pub struct WaiverState {
    pub rule: String,
    pub state: WaiverStatus,
    pub reason: String,
    pub authority: String,
    pub accepted_by: String,
    pub expires: Date,
    pub file: String,
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WaiverStatus {
    /// Waives a finding that is not met.
    Active,
    /// Past its expiry date: the finding counts again, and the waiver itself is reported.
    Expired,
    /// Matches no finding that is not met: stale, and reported.
    Unmatched,
}

/// A provision (or a treaty act in the country file) that settled a fact used by a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// `refugees/art-11-1`, or `country/1951` for a treaty act.
    pub provision: String,
    pub cites: String,
    pub file: String,
    pub line: usize,
    pub url: String,
    pub retrieved: Date,
    pub confidence: Confidence,
    /// What the provision says, in our own words (empty for a treaty act).
    pub summary: String,
    /// The facts it settled for this finding.
    pub facts: BTreeMap<String, Value>,
}

/// Every finding for one country on one date.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub as_of: Date,
    pub findings: Vec<Finding>,
    pub snapshot: Snapshot,
    pub waivers: Vec<WaiverState>,
}

pub fn analyze(book: &RuleBook, law: &Law, as_of: Date) -> Analysis {
    analyze_with(book, law, as_of, &BTreeMap::new())
}

/// As `analyze`, with some facts assumed (a what-if: as though an amendment had passed).
pub fn analyze_with(book: &RuleBook, law: &Law, as_of: Date, assumed: &BTreeMap<String, Value>) -> Analysis {
    let snapshot = Snapshot::new(law, as_of, assumed);
    let mut findings: Vec<Finding> = book
        .rules
        .iter()
        .map(|rule| evaluate(book, law, &snapshot, rule))
        .collect();
    let status: BTreeMap<String, Status> = findings.iter().map(|f| (f.rule.clone(), f.status)).collect();
    for finding in &mut findings {
        finding.blocked_by = finding
            .depends_on
            .iter()
            .filter(|d| status.get(*d) != Some(&Status::Met))
            .cloned()
            .collect();
    }
    let waivers = apply_waivers(law, as_of, &mut findings);
    Analysis {
        as_of,
        findings,
        snapshot,
        waivers,
    }
}

/// Marks waived findings. Expiry is judged on the snapshot date, so reports stay reproducible.
fn apply_waivers(law: &Law, as_of: Date, findings: &mut [Finding]) -> Vec<WaiverState> {
    law.waivers
        .iter()
        .map(|(w, at)| {
            let finding = findings
                .iter_mut()
                .find(|f| f.rule == w.rule && f.status != Status::Met);
            let state = match finding {
                None => WaiverStatus::Unmatched,
                Some(_) if as_of > w.expires => WaiverStatus::Expired,
                Some(f) => {
                    f.waived = true;
                    WaiverStatus::Active
                }
            };
            WaiverState {
                rule: w.rule.clone(),
                state,
                reason: w.reason.clone(),
                authority: w.authority.clone(),
                accepted_by: w.accepted_by.clone(),
                expires: w.expires,
                file: at.path.clone(),
                line: at.line,
            }
        })
        .collect()
}

/// A rule's status given the facts: the condition in three-valued logic, with `partial` when
/// some elements of a top-level `all` hold and another fails.
pub fn status_of(condition: &Condition, facts: &impl Facts) -> Status {
    match eval(condition, facts) {
        Truth::True => Status::Met,
        Truth::Unknown => Status::Unknown,
        Truth::False => match condition {
            Condition::All(elements) if elements.iter().any(|e| eval(e, facts) == Truth::True) => {
                Status::Partial
            }
            _ => Status::Gap,
        },
    }
}

fn evaluate(book: &RuleBook, law: &Law, snapshot: &Snapshot, rule: &Rule) -> Finding {
    let status = status_of(&rule.condition, snapshot);
    let instrument = book.instrument(&rule.instrument);
    let (obligation, via) = obligation(book, snapshot, rule);
    let via = via.and_then(|id| book.instrument(&id)).map(|i| i.short.clone());
    let keys = rule.condition.fact_keys();
    let mut evidence = snapshot.evidence(law, &keys);
    rule.condition.visit(&mut |c| {
        if let Condition::PartyTo(id) = c {
            evidence.extend(snapshot.treaty_evidence(law, book, id));
        }
    });
    let missing_facts = keys
        .iter()
        .filter(|k| snapshot.value(k).is_none() && snapshot.state(k).is_none())
        .map(|k| k.to_string())
        .collect();
    let disputed_facts = keys
        .iter()
        .filter(|k| matches!(snapshot.state(k), Some(FactState::Disputed(_))))
        .map(|k| k.to_string())
        .collect();
    Finding {
        rule: rule.id.clone(),
        instrument: rule.instrument.clone(),
        article: rule.article.clone(),
        title: rule.title.clone(),
        status,
        obligation,
        severity: rule.severity,
        evidence,
        missing_facts,
        disputed_facts,
        depends_on: rule.depends_on.clone(),
        blocked_by: Vec::new(),
        leverage: 0,
        waived: false,
        recommendation: recommendation(rule, obligation, status, instrument, via.as_deref()),
    }
}

/// Whether the rule binds the State on the snapshot date, and through which instrument.
fn obligation(book: &RuleBook, snapshot: &Snapshot, rule: &Rule) -> (Obligation, Option<String>) {
    let Some(instrument) = book.instrument(&rule.instrument) else {
        return (Obligation::NotParty, None);
    };
    if instrument.kind == InstrumentKind::Guidance {
        return (Obligation::Guidance, None);
    }
    // Bound directly, or through an instrument that incorporates the article (1967 -> 1951).
    let routes = std::iter::once(instrument.id.as_str()).chain(book.instruments.iter().filter_map(|other| {
        other
            .incorporates
            .iter()
            .any(|inc| {
                inc.instrument == instrument.id
                    && inc.articles.iter().any(|a| article::covers(a, &rule.article))
            })
            .then_some(other.id.as_str())
    }));
    let mut bound_by = None;
    for route in routes {
        let Some(party) = snapshot.participation(route) else {
            continue;
        };
        let reserved = party.reservations.iter().any(|r| {
            r.withdrawn.is_none_or(|w| snapshot.as_of < w) && article::covers(&r.article, &rule.article)
        });
        if !reserved {
            return (Obligation::Binding, Some(route.to_string()));
        }
        bound_by = Some(route.to_string());
    }
    match bound_by {
        Some(route) => (Obligation::Reserved, Some(route)),
        None => (Obligation::NotParty, None),
    }
}

fn recommendation(
    rule: &Rule,
    obligation: Obligation,
    status: Status,
    instrument: Option<&Instrument>,
    via: Option<&str>,
) -> String {
    let name = instrument.map_or(rule.instrument.as_str(), |i| i.short.as_str());
    match (obligation, status) {
        (_, Status::Met) => rule.recommendation.clone(),
        // The accession rule's own recommendation is the accession.
        (Obligation::NotParty, _) if matches!(rule.condition, Condition::PartyTo(_)) => {
            rule.recommendation.clone()
        }
        (Obligation::NotParty, _) => format!("Accede to the {name}. {}", rule.recommendation),
        (Obligation::Reserved, _) => format!(
            "Withdraw the reservation to Art. {} ({}). {}",
            rule.article,
            via.unwrap_or(name),
            rule.recommendation
        ),
        _ => rule.recommendation.clone(),
    }
}

#[cfg(test)]
mod tests;
