//! The domain types, as read from RON. No logic beyond small accessors.

pub mod article;
mod condition;
mod date;
mod law;
mod rule;
mod treaty_table;

pub use condition::{Condition, Value};
pub use date::Date;
pub use law::{
    Act, Confidence, Country, Figure, InForce, OpenQuestion, Participation, Provision, Reservation, Source,
    TreatyAction, Waiver,
};
pub use rule::{
    Article, FactDef, FactType, Incorporation, Instrument, InstrumentKind, Person, Reservations, Rule,
    RuleFile, Severity, Standard,
};
pub use treaty_table::{StateRow, TableParty, TableSignature, TableSource, TreatyTable};
