//! All integration tests, in one binary (one link on a 2-core machine).

mod support;

mod browser;
mod catalogue;
mod cli;
mod factsheet;
mod graph;
mod kazakhstan;
mod parallel;
mod region;
mod report_formats;
mod review;
mod rule_cases;
