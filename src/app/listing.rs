//! `compare` and `rules`: the regional matrix and the rule catalogue.

use super::{assess, law, rule_book, Failure};
use crate::load::{Diagnostic, Location};
use crate::model::Date;
use crate::report::{self, Report};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CatalogueFormat {
    Terminal,
    Md,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareFormat {
    Terminal,
    Md,
    Json,
    Html,
}

/// `compare`: countries side by side, rule by rule, with neighbours' provisions as models.
pub fn compare(
    targets: &[String],
    as_of: Date,
    format: CompareFormat,
    rules_dir: Option<&Path>,
) -> Result<String, Failure> {
    let (book, _) = rule_book(rules_dir)?;
    let mut diagnostics = Vec::new();
    let mut reports = Vec::new();
    let assessed: Vec<Result<Report, Vec<Diagnostic>>> = targets
        .par_iter()
        .map(|target| law(&book, target).map(|l| assess(&book, &l, as_of, &[])))
        .collect();
    for result in assessed {
        match result {
            Ok(report) => reports.push(report),
            Err(d) => diagnostics.extend(d),
        }
    }
    if !diagnostics.is_empty() {
        return Err(Failure::Invalid(diagnostics));
    }
    let c = report::compare(&book, &reports);
    Ok(match format {
        CompareFormat::Terminal => report::compare_terminal(&c),
        CompareFormat::Md => report::compare_markdown(&c),
        CompareFormat::Json => report::compare_json(&c),
        CompareFormat::Html => report::compare_html(&c),
    })
}

/// `rules`: the catalogue, by instrument and article; or its coverage of the treaties.
pub fn rules(
    rules_dir: Option<&Path>,
    instrument: Option<&str>,
    coverage: bool,
    format: CatalogueFormat,
) -> Result<String, Failure> {
    let (book, _) = rule_book(rules_dir)?;
    if coverage {
        return Ok(report::coverage_text(&book));
    }
    if format == CatalogueFormat::Md {
        return Ok(report::catalogue_markdown(&book));
    }
    if let Some(id) = instrument {
        if book.instrument(id).is_none() {
            let ids: Vec<&str> = book.instruments.iter().map(|i| i.id.as_str()).collect();
            return Err(Failure::Invalid(vec![Diagnostic::new(
                Location::file("--instrument"),
                "unknown-instrument",
                format!("unknown instrument \"{id}\""),
            )
            .suggest(id, ids.iter().copied())
            .or_hint(format!("known instruments: {}", ids.join(", ")))]));
        }
    }
    let mut out = String::new();
    for i in book
        .instruments
        .iter()
        .filter(|i| instrument.is_none_or(|id| id == i.id))
    {
        let rules: Vec<_> = book.rules.iter().filter(|r| r.instrument == i.id).collect();
        let _ = writeln!(out, "{} ({}): {} rules", i.title, i.id, rules.len());
        for r in rules {
            let _ = writeln!(out, "  Art. {:<10} {}", r.article, r.id);
            let _ = writeln!(
                out,
                "  {:15}{} (severity {}, standard {})",
                "",
                r.title,
                report::word(&r.severity),
                report::word(&r.standard)
            );
        }
        out.push('\n');
    }
    Ok(out)
}
