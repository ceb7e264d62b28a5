//! Comparing two analyses: gaps closed and opened, status and obligation changes, changed
//! evidence, root causes gained and lost; and the `--fail-on` gate against a baseline.
//!
//! Both sides are read through the JSON report contract (`schema_version: 1`), so a committed
//! report file and a fresh analysis compare alike.

mod render;

pub use render::{json, markdown, terminal};

use crate::engine::{Obligation, Status};
use crate::model::Severity;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The parts of a JSON report a comparison reads.
#[derive(Debug, Clone, Deserialize)]
pub struct Side {
    pub country: CountryRef,
    pub as_of: String,
    pub findings: Vec<FindingRef>,
    #[serde(default)]
    pub root_causes: Vec<RootRef>,
    #[serde(default)]
    pub waivers: Vec<WaiverRef>,
    /// Where this side came from (a report file, a folder), for the label.
    #[serde(skip)]
    pub origin: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct CountryRef {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FindingRef {
    pub rule: String,
    pub title: String,
    pub article: String,
    pub instrument: String,
    pub status: Status,
    pub obligation: Obligation,
    pub severity: Severity,
    #[serde(default)]
    pub evidence: Vec<EvidenceRef>,
    #[serde(default)]
    pub waived: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct EvidenceRef {
    pub provision: String,
    pub cites: String,
    /// The facts it settled, so an amended value shows as changed evidence.
    #[serde(default)]
    pub facts: BTreeMap<String, serde_json::Value>,
}

impl EvidenceRef {
    /// `provision: fact = value, ...` for display.
    pub fn shown(&self) -> String {
        let facts: Vec<String> = self.facts.iter().map(|(k, v)| format!("{k} = {v}")).collect();
        if facts.is_empty() {
            format!("{} ({})", self.cites, self.provision)
        } else {
            format!("{} ({}): {}", self.cites, self.provision, facts.join(", "))
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct RootRef {
    pub rule: String,
    pub title: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct WaiverRef {
    pub rule: String,
    pub state: String,
}

impl Side {
    pub fn from_json(text: &str) -> Result<Side, String> {
        serde_json::from_str(text).map_err(|e| format!("not a gapcheck JSON report (line {}): {e}", e.line()))
    }

    pub fn from_report(report: &crate::report::Report) -> Side {
        // Through the JSON contract, so both kinds of side are read the same way.
        Side::from_json(&crate::report::json(report)).expect("a report reads back as a report")
    }

    pub fn label(&self) -> String {
        if self.origin.is_empty() {
            format!("{} as of {}", self.country.name, self.as_of)
        } else {
            format!("{} as of {} ({})", self.country.name, self.as_of, self.origin)
        }
    }
}

/// How bad a status is, for "better" and "worse": met < partial < unknown < gap.
/// Losing the evidence for a met finding (met -> unknown) is worse; learning that an unknown is
/// a gap is worse too.
pub fn rank(status: Status) -> u8 {
    match status {
        Status::Met => 0,
        Status::Partial => 1,
        Status::Unknown => 2,
        Status::Gap => 3,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub old: String,
    pub new: String,
    /// Gap or partial before, met now; with the provisions that closed them.
    pub closed: Vec<Change>,
    /// Gap or partial now, met or unknown (or absent) before.
    pub opened: Vec<Change>,
    /// Every other status change.
    pub status_changes: Vec<Change>,
    pub obligation_changes: Vec<ObligationChange>,
    /// Findings whose status held but whose evidence changed (a provision amended or repealed).
    pub evidence_changes: Vec<Change>,
    pub root_causes_gained: Vec<String>,
    pub root_causes_lost: Vec<String>,
    /// Findings present on one side only (the rule catalogue changed).
    pub rules_added: Vec<String>,
    pub rules_removed: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub rule: String,
    pub title: String,
    pub from: Option<Status>,
    pub to: Status,
    pub worse: bool,
    /// Evidence only on the new side, and only on the old side.
    pub evidence_added: Vec<EvidenceRef>,
    pub evidence_removed: Vec<EvidenceRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObligationChange {
    pub rule: String,
    pub title: String,
    pub from: Obligation,
    pub to: Obligation,
}

impl Diff {
    /// Any finding got worse.
    pub fn regressed(&self) -> bool {
        self.opened.iter().chain(&self.status_changes).any(|c| c.worse)
    }

    pub fn is_empty(&self) -> bool {
        self.closed.is_empty()
            && self.opened.is_empty()
            && self.status_changes.is_empty()
            && self.obligation_changes.is_empty()
            && self.evidence_changes.is_empty()
            && self.root_causes_gained.is_empty()
            && self.root_causes_lost.is_empty()
            && self.rules_added.is_empty()
            && self.rules_removed.is_empty()
    }
}

pub fn diff(old: &Side, new: &Side) -> Diff {
    let before: BTreeMap<&str, &FindingRef> = old.findings.iter().map(|f| (f.rule.as_str(), f)).collect();
    let after: BTreeMap<&str, &FindingRef> = new.findings.iter().map(|f| (f.rule.as_str(), f)).collect();
    let mut d = Diff {
        old: old.label(),
        new: new.label(),
        closed: Vec::new(),
        opened: Vec::new(),
        status_changes: Vec::new(),
        obligation_changes: Vec::new(),
        evidence_changes: Vec::new(),
        root_causes_gained: Vec::new(),
        root_causes_lost: Vec::new(),
        rules_added: Vec::new(),
        rules_removed: old
            .findings
            .iter()
            .filter(|f| !after.contains_key(f.rule.as_str()))
            .map(|f| f.rule.clone())
            .collect(),
    };
    let is_gap = |s: Status| matches!(s, Status::Gap | Status::Partial);
    for f in &new.findings {
        let Some(was) = before.get(f.rule.as_str()) else {
            d.rules_added.push(f.rule.clone());
            if is_gap(f.status) {
                d.opened.push(change(None, f));
            }
            continue;
        };
        let c = change(Some(was), f);
        if was.status != f.status {
            if is_gap(was.status) && f.status == Status::Met {
                d.closed.push(c);
            } else if is_gap(f.status) && !is_gap(was.status) {
                d.opened.push(c);
            } else {
                d.status_changes.push(c);
            }
        } else if !c.evidence_added.is_empty() || !c.evidence_removed.is_empty() {
            d.evidence_changes.push(c);
        }
        if was.obligation != f.obligation {
            d.obligation_changes.push(ObligationChange {
                rule: f.rule.clone(),
                title: f.title.clone(),
                from: was.obligation,
                to: f.obligation,
            });
        }
    }
    let roots = |s: &Side| {
        s.root_causes
            .iter()
            .map(|r| r.rule.clone())
            .collect::<BTreeSet<_>>()
    };
    let (old_roots, new_roots) = (roots(old), roots(new));
    d.root_causes_gained = new_roots.difference(&old_roots).cloned().collect();
    d.root_causes_lost = old_roots.difference(&new_roots).cloned().collect();
    d
}

fn change(was: Option<&FindingRef>, now: &FindingRef) -> Change {
    let old_evidence: Vec<&EvidenceRef> = was.map(|w| w.evidence.iter().collect()).unwrap_or_default();
    let new_evidence: Vec<&EvidenceRef> = now.evidence.iter().collect();
    let only = |a: &[&EvidenceRef], b: &[&EvidenceRef]| -> Vec<EvidenceRef> {
        a.iter()
            .filter(|e| !b.contains(e))
            .map(|e| (*e).clone())
            .collect()
    };
    Change {
        rule: now.rule.clone(),
        title: now.title.clone(),
        from: was.map(|w| w.status),
        to: now.status,
        worse: was.is_some_and(|w| rank(now.status) > rank(w.status)),
        evidence_added: only(&new_evidence, &old_evidence),
        evidence_removed: only(&old_evidence, &new_evidence),
    }
}

/// The statuses `--fail-on` counts: `gap` fails on gaps; `partial` on partial and gaps;
/// `unknown` on unknown, partial and gaps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Threshold {
    Gap,
    Partial,
    Unknown,
}

impl Threshold {
    fn hits(self, status: Status) -> bool {
        match self {
            Threshold::Gap => status == Status::Gap,
            Threshold::Partial => matches!(status, Status::Gap | Status::Partial),
            Threshold::Unknown => status != Status::Met,
        }
    }
}

/// Why `--fail-on` fails: findings at the threshold (only those new or worse than the baseline,
/// when there is one), not waived; and waivers that expired or match nothing.
pub fn gate(report: &Side, baseline: Option<&Side>, threshold: Threshold) -> Vec<String> {
    let before: BTreeMap<&str, &FindingRef> = baseline
        .map(|b| b.findings.iter().map(|f| (f.rule.as_str(), f)).collect())
        .unwrap_or_default();
    let mut hits: Vec<String> = report
        .findings
        .iter()
        .filter(|f| threshold.hits(f.status) && !f.waived)
        .filter(|f| match (baseline, before.get(f.rule.as_str())) {
            (None, _) => true,
            (Some(_), None) => true,
            (Some(_), Some(was)) => rank(f.status) > rank(was.status),
        })
        .map(|f| {
            let was = before
                .get(f.rule.as_str())
                .map(|w| format!(" (was {})", crate::report::status_name(w.status)));
            format!(
                "{}: {}{} {}",
                f.rule,
                crate::report::status_name(f.status),
                was.unwrap_or_default(),
                f.title
            )
        })
        .collect();
    hits.extend(
        report
            .waivers
            .iter()
            .filter(|w| w.state != "active")
            .map(|w| format!("{}: waiver {} (see waivers.ron)", w.rule, w.state)),
    );
    hits
}
