//! All integration tests, in one binary (one link on a 2-core machine).

mod support;

mod catalogue;
mod cli;
mod graph;
mod kazakhstan;
mod parallel;
mod review;
mod rule_cases;
