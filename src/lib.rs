//! gapcheck: checks a country's legislation against the international standards for refugees
//! and stateless people, and says where the law falls short, why, and what to amend first.
//!
//! Data flows one way: `load` -> `check` -> `engine` -> `graph` -> `report`; `app` runs the
//! commands around that pipeline.

pub mod app;
pub mod check;
pub mod diff;
pub mod engine;
pub mod graph;
pub mod load;
pub mod model;
pub mod report;
