//! The law of one country on one date: the facts its provisions in force establish, and the
//! treaties it is party to.

use super::{Evidence, Facts};
use crate::check::{Law, RuleBook};
use crate::model::{Date, Participation, Value};
use std::collections::BTreeMap;

/// What the provisions in force say about one fact.
#[derive(Debug, Clone, PartialEq)]
pub enum FactState {
    /// One value, with the indices (into `Law::provisions`) of every provision asserting it.
    Known(Value, Vec<usize>),
    /// Provisions in force disagree: each value with the provisions asserting it.
    Disputed(Vec<(Value, Vec<usize>)>),
}

#[derive(Debug, Clone)]
pub struct Snapshot {
    pub as_of: Date,
    facts: BTreeMap<String, FactState>,
    /// Facts assumed for a what-if, overriding the law.
    assumed: BTreeMap<String, Value>,
    parties: BTreeMap<String, Participation>,
}

impl Snapshot {
    pub fn new(law: &Law, as_of: Date, assumed: &BTreeMap<String, Value>) -> Snapshot {
        let mut asserted: BTreeMap<&str, Vec<(&Value, usize)>> = BTreeMap::new();
        for (index, p) in law.provisions.iter().enumerate() {
            if p.provision.in_force.covers(as_of) {
                for (key, value) in &p.provision.facts {
                    asserted.entry(key).or_default().push((value, index));
                }
            }
        }
        let facts = asserted
            .into_iter()
            .map(|(key, claims)| {
                let mut by_value: Vec<(Value, Vec<usize>)> = Vec::new();
                for (value, index) in claims {
                    match by_value.iter_mut().find(|(v, _)| v == value) {
                        Some((_, indices)) => indices.push(index),
                        None => by_value.push((value.clone(), vec![index])),
                    }
                }
                let state = if by_value.len() == 1 {
                    let (value, indices) = by_value.remove(0);
                    FactState::Known(value, indices)
                } else {
                    FactState::Disputed(by_value)
                };
                (key.to_string(), state)
            })
            .collect();
        let parties = law
            .country
            .treaties
            .iter()
            .filter(|p| p.in_force_on(as_of))
            .map(|p| (p.instrument.clone(), p.clone()))
            .collect();
        Snapshot {
            as_of,
            facts,
            assumed: assumed.clone(),
            parties,
        }
    }

    pub fn state(&self, key: &str) -> Option<&FactState> {
        self.facts.get(key)
    }

    pub fn facts(&self) -> &BTreeMap<String, FactState> {
        &self.facts
    }

    pub fn participation(&self, instrument: &str) -> Option<&Participation> {
        self.parties.get(instrument)
    }

    /// The provisions in force behind the given facts, in file order, each once.
    pub fn evidence(&self, law: &Law, keys: &[&str]) -> Vec<Evidence> {
        let mut by_provision: BTreeMap<usize, BTreeMap<String, Value>> = BTreeMap::new();
        for key in keys {
            let claims: Vec<(&Value, &Vec<usize>)> = match self.facts.get(*key) {
                Some(FactState::Known(v, indices)) => vec![(v, indices)],
                Some(FactState::Disputed(values)) => values.iter().map(|(v, i)| (v, i)).collect(),
                None => continue,
            };
            for (value, indices) in claims {
                for index in indices {
                    by_provision
                        .entry(*index)
                        .or_default()
                        .insert(key.to_string(), value.clone());
                }
            }
        }
        by_provision
            .into_iter()
            .map(|(index, facts)| {
                let p = &law.provisions[index];
                Evidence {
                    provision: p.id.clone(),
                    cites: p.provision.cites.clone(),
                    file: p.at.path.clone(),
                    line: p.at.line,
                    url: p.provision.source.url.clone(),
                    retrieved: p.provision.source.retrieved,
                    confidence: p.provision.source.confidence,
                    summary: p.provision.summary.clone(),
                    facts,
                }
            })
            .collect()
    }

    /// The country file's entry for a treaty, as evidence for `party_to`.
    pub fn treaty_evidence(&self, law: &Law, book: &RuleBook, instrument: &str) -> Option<Evidence> {
        let party = law.country.treaties.iter().find(|p| p.instrument == instrument)?;
        let at = law.treaty_at.get(instrument)?;
        let name = book
            .instrument(instrument)
            .map_or(instrument, |i| i.short.as_str());
        let state = if party.in_force_on(self.as_of) {
            ""
        } else {
            ", not yet in force"
        };
        Some(Evidence {
            provision: format!("country/{instrument}"),
            // Independent of the snapshot date, so that a diff across dates shows no false change.
            cites: match party.date {
                Some(date) => format!("{:?} to the {name}, deposited {date}{state}", party.action),
                None => format!(
                    "{:?} to the {name} (deposit date not confirmed){state}",
                    party.action
                ),
            },
            file: at.path.clone(),
            line: at.line,
            url: party.source.url.clone(),
            retrieved: party.source.retrieved,
            confidence: party.source.confidence,
            summary: String::new(),
            facts: BTreeMap::new(),
        })
    }
}

impl Facts for Snapshot {
    fn value(&self, key: &str) -> Option<&Value> {
        if let Some(v) = self.assumed.get(key) {
            return Some(v);
        }
        match self.facts.get(key) {
            Some(FactState::Known(v, _)) => Some(v),
            _ => None,
        }
    }

    fn party_to(&self, instrument: &str) -> bool {
        self.parties.contains_key(instrument)
    }
}
