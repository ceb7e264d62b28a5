//! `diff OLD NEW`: each side a JSON report, a law folder or a country code; or one folder at two
//! dates (`diff kz --as-of 2014-01-01 --as-of 2022-06-30`).

use super::{assess, inputs, read_side, Failure};
use crate::diff::{self, Side};
use crate::load::{Diagnostic, Location};
use crate::model::Date;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Terminal,
    Md,
    Json,
}

pub fn diff(
    sides: &[String],
    as_of: &[Date],
    format: DiffFormat,
    fail_on_regression: bool,
    rules_dir: Option<&Path>,
) -> Result<String, Failure> {
    let (old, new) = match (sides, as_of) {
        // One folder at two dates: the dates tell the sides apart.
        ([one], [a, b]) => (side(one, *a, rules_dir)?, side(one, *b, rules_dir)?),
        ([old, new], []) => (side(old, Date::today(), rules_dir)?, side(new, Date::today(), rules_dir)?),
        ([old, new], [date]) => (side(old, *date, rules_dir)?, side(new, *date, rules_dir)?),
        _ => {
            return Err(Failure::Invalid(vec![Diagnostic::new(
                Location::file("gapcheck diff"),
                "invalid-value",
                "give two sides (reports or law folders), or one folder and two --as-of dates",
            )
            .hint("gapcheck diff old/report.json new/report.json; gapcheck diff kz --as-of 2014-01-01 --as-of 2022-06-30")]))
        }
    };
    let d = diff::diff(&old, &new);
    let out = match format {
        DiffFormat::Terminal => diff::terminal(&d),
        DiffFormat::Md => diff::markdown(&d),
        DiffFormat::Json => diff::json(&d),
    };
    if fail_on_regression && d.regressed() {
        return Err(Failure::Threshold {
            stdout: out,
            message: "--fail-on-regression: at least one finding got worse".into(),
        });
    }
    Ok(out)
}

/// A JSON report file as it is, or a law folder analysed on `as_of`.
fn side(arg: &str, as_of: Date, rules_dir: Option<&Path>) -> Result<Side, Failure> {
    let path = Path::new(arg);
    let mut side = if path.is_file() {
        read_side(path)?
    } else {
        let (book, _) = inputs::rule_book(rules_dir)?;
        let law = inputs::law(&book, arg)?;
        Side::from_report(&assess(&book, &law, as_of, &[]))
    };
    side.origin = arg.to_string();
    Ok(side)
}
