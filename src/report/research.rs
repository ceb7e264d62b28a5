//! What the report says beyond the findings: how many facts are answered, what research would
//! settle the rest, the readings chosen where sources disagree, and the sources cited.

use crate::check::{Law, RuleBook};
use crate::engine::{Finding, Status};
use crate::model::{Confidence, Date};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Default, Serialize)]
pub struct Progress {
    /// Facts some rule reads.
    pub facts_asked: usize,
    /// Of those, settled by a provision in force (by the firmest source behind each).
    pub answered: usize,
    pub primary: usize,
    pub secondary: usize,
    pub unverified: usize,
    /// Asserted with conflicting values: counted as unanswered.
    pub disputed: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Research {
    pub fact: String,
    pub question: String,
    /// Findings now `unknown` that read this fact.
    pub settles: Vec<String>,
    /// What the law summaries record about it (open questions), if anything.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reading {
    /// The act (or "Treaty status") whose summary records it.
    pub act: String,
    pub facts: Vec<String>,
    pub note: String,
    pub would_settle: String,
    /// Every fact it names is settled on the snapshot date: a reading was chosen.
    pub settled: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceRow {
    pub url: String,
    pub retrieved: Date,
    pub confidence: Confidence,
    pub cited_for: Vec<String>,
}

pub(super) fn progress(book: &RuleBook, law: &Law, snapshot: &crate::engine::Snapshot) -> Progress {
    use crate::engine::FactState;
    let asked: BTreeSet<&str> = book.rules.iter().flat_map(|r| r.condition.fact_keys()).collect();
    let mut p = Progress {
        facts_asked: asked.len(),
        ..Progress::default()
    };
    for key in asked {
        match snapshot.state(key) {
            Some(FactState::Known(_, provisions)) => {
                p.answered += 1;
                let firmest = provisions
                    .iter()
                    .map(|&i| law.provisions[i].provision.source.confidence)
                    .min();
                match firmest {
                    Some(Confidence::Primary) => p.primary += 1,
                    Some(Confidence::Secondary) => p.secondary += 1,
                    _ => p.unverified += 1,
                }
            }
            Some(FactState::Disputed(_)) => p.disputed += 1,
            None => {}
        }
    }
    p
}

pub(super) fn readings(law: &Law, snapshot: &crate::engine::Snapshot) -> Vec<Reading> {
    use crate::engine::FactState;
    law.country
        .open_questions
        .iter()
        .map(|q| ("Treaty status".to_string(), q))
        .chain(
            law.acts
                .iter()
                .flat_map(|a| a.open_questions.iter().map(move |q| (a.short.clone(), q))),
        )
        .map(|(act, q)| Reading {
            act,
            facts: q.facts.clone(),
            note: q.note.clone(),
            would_settle: q.would_settle.clone(),
            settled: !q.facts.is_empty()
                && q.facts
                    .iter()
                    .all(|k| matches!(snapshot.state(k), Some(FactState::Known(..)))),
        })
        .collect()
}

pub(super) fn research(book: &RuleBook, law: &Law, findings: &[Finding]) -> Vec<Research> {
    let mut settles: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for f in findings.iter().filter(|f| f.status == Status::Unknown) {
        for key in f.missing_facts.iter().chain(&f.disputed_facts) {
            settles.entry(key).or_default().push(f.rule.clone());
        }
    }
    let mut items: Vec<Research> = settles
        .into_iter()
        .map(|(key, rules)| Research {
            fact: key.to_string(),
            question: book
                .facts
                .get(key)
                .map_or_else(String::new, |d| d.question.clone()),
            settles: rules,
            notes: law
                .acts
                .iter()
                .flat_map(|a| a.open_questions.iter().map(move |q| (a.short.as_str(), q)))
                .chain(law.country.open_questions.iter().map(|q| ("Treaty status", q)))
                .filter(|(_, q)| q.facts.iter().any(|k| k == key))
                .map(|(act, q)| format!("{act}: {} Would settle it: {}", q.note, q.would_settle))
                .collect(),
        })
        .collect();
    items.sort_by(|a, b| b.settles.len().cmp(&a.settles.len()).then(a.fact.cmp(&b.fact)));
    items
}

pub(super) fn sources(law: &Law, findings: &[Finding]) -> Vec<SourceRow> {
    let mut rows: BTreeMap<&str, (Date, Confidence, BTreeSet<String>)> = BTreeMap::new();
    let cited: BTreeSet<&str> = findings
        .iter()
        .flat_map(|f| f.evidence.iter().map(|e| e.provision.as_str()))
        .collect();
    for p in &law.provisions {
        if cited.contains(p.id.as_str()) {
            let source = &p.provision.source;
            let row =
                rows.entry(&source.url)
                    .or_insert((source.retrieved, source.confidence, BTreeSet::new()));
            row.2.insert(p.provision.cites.clone());
        }
    }
    for party in &law.country.treaties {
        let row = rows.entry(&party.source.url).or_insert((
            party.source.retrieved,
            party.source.confidence,
            BTreeSet::new(),
        ));
        row.2.insert(format!("Treaty status: {}", party.instrument));
    }
    rows.into_iter()
        .map(|(url, (retrieved, confidence, cited_for))| SourceRow {
            url: url.to_string(),
            retrieved,
            confidence,
            cited_for: cited_for.into_iter().collect(),
        })
        .collect()
}
