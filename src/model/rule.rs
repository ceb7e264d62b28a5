//! The standards: instruments, the fact vocabulary and rules, as written in `rules/`.

use super::{Condition, Date, Source};
use serde::{Deserialize, Serialize};

/// A treaty or a soft-law standard (`rules/instruments.ron`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// `1951`, `1967`, `1954`, `1961`, or a standard's own id such as `unhcr-sdp`.
    pub id: String,
    pub title: String,
    /// How reports name it in a table: "1951 Convention".
    pub short: String,
    pub kind: InstrumentKind,
    #[serde(default)]
    pub adopted: Option<Date>,
    #[serde(default)]
    pub in_force: Option<Date>,
    /// Which articles a State may make reservations to.
    #[serde(default)]
    pub reservations: Reservations,
    /// A State party to this instrument is also bound by these articles of another one
    /// (the 1967 Protocol binds its parties to Articles 2 to 34 of the 1951 Convention).
    #[serde(default)]
    pub incorporates: Vec<Incorporation>,
    /// The instrument's articles, for coverage: which ones place a duty on a State.
    #[serde(default)]
    pub articles: Vec<Article>,
    pub source: Source,
}

/// One article of an instrument, as listed for coverage.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    pub number: String,
    pub title: String,
    /// Whether it places an obligation on a State that national law can meet or miss.
    pub obligation: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InstrumentKind {
    Treaty,
    Guidance,
}

/// The reservation clause of a treaty, with articles written as in rules (`16(1)`, `36-46`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reservations {
    /// No reservation clause applies (soft law).
    #[default]
    NotApplicable,
    /// Reservations are allowed to every article except these.
    AllExcept(Vec<String>),
    /// Reservations are allowed to these articles only.
    Only(Vec<String>),
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Incorporation {
    pub instrument: String,
    pub articles: Vec<String>,
}

/// One entry of the fact vocabulary (`rules/facts.ron`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FactDef {
    /// Dotted key, grouped by theme: `naturalisation.residence_years.refugees`.
    pub key: String,
    #[serde(rename = "type")]
    pub kind: FactType,
    /// What a `true` (or a value) means, in plain words.
    pub meaning: String,
    /// The question a legal expert answers to settle it.
    pub question: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactType {
    Bool,
    /// A whole number in the named unit (`years`, `days`, `months`).
    Integer(String),
    /// One of the listed values.
    Enum(Vec<String>),
    /// Any number of the listed values.
    Set(Vec<String>),
    Date,
}

impl FactType {
    pub fn describe(&self) -> String {
        match self {
            FactType::Bool => "true or false".into(),
            FactType::Integer(unit) => format!("a whole number of {unit}"),
            FactType::Enum(values) => format!("one of {}", quoted(values)),
            FactType::Set(values) => format!("a list of any of {}", quoted(values)),
            FactType::Date => "a date \"YYYY-MM-DD\"".into(),
        }
    }
}

fn quoted(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A file of rules: all rules in it belong to one instrument.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub instrument: String,
    pub rules: Vec<Rule>,
}

/// One obligation, or one distinct element of it, from one article.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Stable id naming instrument and article: `1951.33.non-refoulement`.
    pub id: String,
    /// Pinpoint: `33(1)`, `1C`, `I(2)`.
    pub article: String,
    pub title: String,
    /// What the State must do, in our own words.
    pub obligation: String,
    pub protects: Vec<Person>,
    pub standard: Standard,
    pub severity: Severity,
    pub condition: Condition,
    #[serde(default)]
    pub depends_on: Vec<String>,
    pub recommendation: String,
    #[serde(default)]
    pub references: Vec<String>,
    /// Filled in by the loader from the file: not written in RON.
    #[serde(skip_deserializing)]
    pub instrument: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Person {
    Refugee,
    AsylumSeeker,
    StatelessPerson,
    Child,
    Foundling,
    National,
    Everyone,
}

/// The standard of treatment the article requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standard {
    /// An absolute duty, not measured against anyone (non-refoulement, the definition).
    Absolute,
    /// Same treatment as nationals.
    Nationals,
    /// Most favourable treatment given to nationals of a foreign country.
    MostFavouredForeigners,
    /// As favourable as possible, never less than aliens generally.
    AliensGenerallyPlus,
    /// Same as aliens generally.
    AliensGenerally,
    /// An outcome to secure, with no comparator (nationality for a child).
    Outcome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}
