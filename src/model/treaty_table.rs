//! `rules/treaty-status.ron`: every State's participation in the four instruments.

use super::{Date, TreatyAction};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TreatyTable {
    pub states: Vec<StateRow>,
    pub sources: Vec<TableSource>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StateRow {
    pub state: String,
    /// ISO 3166-1 alpha-2, lower case.
    pub code: String,
    #[serde(default)]
    pub parties: Vec<TableParty>,
    /// Signed, not ratified.
    #[serde(default)]
    pub signed: Vec<TableSignature>,
    /// Keeps the 1951 Art. 1B(1)(a) "events occurring in Europe" reading.
    #[serde(default)]
    pub geographic_limitation: bool,
    /// Reservations and declarations, in short, with the articles they concern.
    #[serde(default)]
    pub note: Option<String>,
    /// Keys into `TreatyTable::sources`.
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TableParty {
    pub instrument: String,
    pub action: TreatyAction,
    /// Date deposited; `None` when the State is party but the date is unconfirmed.
    pub date: Option<Date>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TableSignature {
    pub instrument: String,
    pub date: Date,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TableSource {
    pub key: String,
    pub title: String,
    pub urls: Vec<String>,
    /// The date of the source document, as it gives it.
    pub dated: String,
    pub retrieved: Date,
}

impl TreatyTable {
    pub fn state(&self, code: &str) -> Option<&StateRow> {
        self.states.iter().find(|s| s.code.eq_ignore_ascii_case(code))
    }

    pub fn source(&self, key: &str) -> Option<&TableSource> {
        self.sources.iter().find(|s| s.key == key)
    }
}
