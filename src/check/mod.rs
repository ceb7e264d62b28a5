//! Stage 2: cross-file validation. Raw files in, validated `RuleBook` and `Law` out, or every
//! located diagnostic at once.

mod law;
mod rules;

pub use law::law;
pub use rules::{rules, value_problem};

use crate::load::Location;
use crate::model::{Act, Country, FactDef, Instrument, OpenQuestion, Provision, Rule, TreatyTable, Waiver};
use std::collections::BTreeMap;

/// The standards, checked: every id unique, every fact declared, no dependency cycle.
#[derive(Debug, Clone)]
pub struct RuleBook {
    pub instruments: Vec<Instrument>,
    pub facts: BTreeMap<String, FactDef>,
    /// In catalogue order: instruments as listed in `instruments.ron`, rules as in their files.
    pub rules: Vec<Rule>,
    /// Where each rule is written, by id.
    pub rule_at: BTreeMap<String, Location>,
    /// Every State's participation in the instruments (empty when the folder has no table).
    pub treaty_table: TreatyTable,
}

impl RuleBook {
    pub fn instrument(&self, id: &str) -> Option<&Instrument> {
        self.instruments.iter().find(|i| i.id == id)
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

/// One country's law, checked against a `RuleBook`.
#[derive(Debug, Clone)]
pub struct Law {
    /// The folder: `laws/kz`.
    pub dir: String,
    pub country: Country,
    /// Where each treaty participation is written, by instrument id.
    pub treaty_at: BTreeMap<String, Location>,
    pub acts: Vec<LawAct>,
    pub provisions: Vec<LawProvision>,
    /// `country.ron`'s path, where treaty-status findings are located.
    pub country_path: String,
    /// Accepted findings, each with where it is written.
    pub waivers: Vec<(Waiver, Location)>,
}

#[derive(Debug, Clone)]
pub struct LawAct {
    /// The file stem: `refugees`.
    pub id: String,
    pub path: String,
    pub title: String,
    pub short: String,
    pub open_questions: Vec<OpenQuestion>,
}

#[derive(Debug, Clone)]
pub struct LawProvision {
    /// `<file stem>/<id>`: `refugees/art-11-1`.
    pub id: String,
    /// Index into `Law::acts`.
    pub act: usize,
    pub at: Location,
    pub provision: Provision,
    /// `refers_to`, resolved to global ids.
    pub refers_to: Vec<String>,
}

impl From<&Act> for LawAct {
    fn from(act: &Act) -> LawAct {
        LawAct {
            id: String::new(),
            path: String::new(),
            title: act.title.clone(),
            short: act.short.clone(),
            open_questions: act.open_questions.clone(),
        }
    }
}
