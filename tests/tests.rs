//! All integration tests, in one binary (one link on a 2-core machine).

mod support;

mod browser;
mod cli;
mod kazakhstan;
mod report_formats;
mod rule_cases;
