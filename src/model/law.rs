//! National law as data: a country file and one file per act, as written in `laws/<cc>/`.

use super::{Date, Value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where a statement comes from, when it was read, and how directly.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub url: String,
    pub retrieved: Date,
    pub confidence: Confidence,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Read in the law itself (official text or a faithful translation).
    Primary,
    /// Taken from a UNHCR, government or academic account of the law.
    Secondary,
    /// Not confirmed in any source read.
    Unverified,
}

/// `laws/<cc>/country.ron`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// ISO 3166-1 alpha-2, lower case.
    pub code: String,
    pub name: String,
    /// Every instrument the State has joined; an instrument not listed is not joined.
    #[serde(default)]
    pub treaties: Vec<Participation>,
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// What is not settled about the country's treaty status or figures.
    #[serde(default)]
    pub open_questions: Vec<OpenQuestion>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Participation {
    pub instrument: String,
    pub action: TreatyAction,
    /// Date the instrument of accession, ratification or succession was deposited; `None` when
    /// the State is known to be party but the date could not be confirmed.
    #[serde(default)]
    pub date: Option<Date>,
    /// Date it took effect for the State, when that differs from `date`.
    #[serde(default)]
    pub in_force: Option<Date>,
    #[serde(default)]
    pub denounced: Option<Date>,
    #[serde(default)]
    pub reservations: Vec<Reservation>,
    pub source: Source,
}

impl Participation {
    /// Whether the State is bound on `date`.
    pub fn in_force_on(&self, date: Date) -> bool {
        // A party whose dates are unconfirmed counts as a party on every date.
        self.in_force.or(self.date).is_none_or(|from| from <= date) && self.denounced.is_none_or(|d| date < d)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TreatyAction {
    Accession,
    Ratification,
    Succession,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Reservation {
    /// The article reserved, as in rules: `17`, `17(2)`.
    pub article: String,
    /// What the reservation does, in our own words.
    pub summary: String,
    #[serde(default)]
    pub withdrawn: Option<Date>,
}

/// A key figure (refugees, stateless people) with its date and source.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub label: String,
    pub value: u64,
    pub as_of: Date,
    pub source: Source,
    #[serde(default)]
    pub note: Option<String>,
}

/// `laws/<cc>/<act>.ron`: one national act and the provisions we rely on.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Act {
    /// Full title with number and date.
    pub title: String,
    /// How reports name it: "Law on Refugees (2009)".
    pub short: String,
    pub provisions: Vec<Provision>,
    /// Facts this act should settle but that no source read does: what would settle each.
    #[serde(default)]
    pub open_questions: Vec<OpenQuestion>,
}

/// One article or paragraph of a national act.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Provision {
    /// Unique in its file; elsewhere it is `<file stem>/<id>`.
    pub id: String,
    /// Pinpoint citation: "Law No. 216-IV of 4 December 2009 on Refugees, Art. 11(1)".
    pub cites: String,
    pub in_force: InForce,
    /// What it says, in our own words.
    pub summary: String,
    pub source: Source,
    /// Further sources that confirm or qualify the first.
    #[serde(default)]
    pub see_also: Vec<Source>,
    /// The facts this provision establishes.
    #[serde(default)]
    pub facts: BTreeMap<String, Value>,
    /// Other provisions it cross-refers to: `art-16` in the same file, `citizenship/art-16` elsewhere.
    #[serde(default)]
    pub refers_to: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InForce {
    pub from: Date,
    #[serde(default)]
    pub until: Option<Date>,
    /// Why these dates, when they are not the law's own (e.g. the date of the first source
    /// that shows the rule in force).
    #[serde(default)]
    pub note: Option<String>,
}

impl InForce {
    /// `until` is the last day in force.
    pub fn covers(&self, date: Date) -> bool {
        self.from <= date && self.until.is_none_or(|u| date <= u)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OpenQuestion {
    pub facts: Vec<String>,
    /// What is unclear, and where sources disagree.
    pub note: String,
    /// What research would settle it.
    pub would_settle: String,
}

/// `laws/<cc>/waivers.ron`: findings a reviewer accepted, for a time, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The rule whose finding is waived.
    pub rule: String,
    /// Why the finding is accepted for now.
    pub reason: String,
    /// The authority relied on (a decision, a UNHCR position, a pending bill).
    pub authority: String,
    /// Who accepted it.
    pub accepted_by: String,
    /// The last day the waiver holds.
    pub expires: Date,
}
