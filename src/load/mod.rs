//! Stage 1: RON files -> model types. Every error is located (`file:line:col`) with a hint.
//! Parsing stops at the first error in a file, but every file is read, so one run reports all.

mod diagnostic;
mod source;

pub use diagnostic::{did_you_mean, Diagnostic, Location};
pub use source::{display, embedded_countries, embedded_has, folder, Origin, SourceFile};

use crate::model::{Act, Country, FactDef, Instrument, RuleFile, TreatyTable, Waiver};
use ron::error::{Error as RonError, SpannedError};
use serde::de::DeserializeOwned;

/// A parsed file with the text it came from, so later stages can locate what they find.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    pub file: SourceFile,
    pub value: T,
}

/// The standards as read from `rules/`, before cross-file checks.
#[derive(Debug, Default)]
pub struct RawRules {
    pub instruments: Option<Parsed<Vec<Instrument>>>,
    /// `facts.ron` and any `facts/*.ron`: the vocabulary may be split by theme.
    pub facts: Vec<Parsed<Vec<FactDef>>>,
    pub rule_files: Vec<Parsed<RuleFile>>,
    /// `treaty-status.ron`: every State's participation in the instruments.
    pub treaty_table: Option<Parsed<TreatyTable>>,
}

/// One country folder as read from `laws/<cc>/`, before cross-file checks.
#[derive(Debug)]
pub struct RawLaw {
    /// The folder, as diagnostics and evidence name it: `laws/kz`.
    pub dir: String,
    pub country: Option<Parsed<Country>>,
    pub acts: Vec<Parsed<Act>>,
    pub waivers: Option<Parsed<Vec<Waiver>>>,
}

/// Reads a rules folder: `instruments.ron`, `facts.ron` (and `facts/*.ron`), and every other
/// file as rules.
pub fn rules(files: Vec<SourceFile>, dir: &str) -> (RawRules, Vec<Diagnostic>) {
    let mut raw = RawRules::default();
    let mut diagnostics = Vec::new();
    for file in files {
        let in_facts_folder = file.path.contains("/facts/");
        match file.stem() {
            "instruments" => raw.instruments = parse(file, &mut diagnostics),
            "treaty-status" => raw.treaty_table = parse(file, &mut diagnostics),
            "facts" => raw.facts.extend(parse(file, &mut diagnostics)),
            _ if in_facts_folder => raw.facts.extend(parse(file, &mut diagnostics)),
            _ => raw.rule_files.extend(parse(file, &mut diagnostics)),
        }
    }
    for (needed, present) in [
        ("instruments.ron", raw.instruments.is_some()),
        ("facts.ron", !raw.facts.is_empty()),
    ] {
        if !present && !diagnostics.iter().any(|d| d.path.ends_with(needed)) {
            let path = format!("{dir}/{needed}");
            diagnostics.push(
                Diagnostic::new(Location::file(&path), "io", "missing file")
                    .hint(format!("a rules folder needs {needed}; see rules/README.md")),
            );
        }
    }
    (raw, diagnostics)
}

/// Reads a country folder: `country.ron` and one file per act.
pub fn law(files: Vec<SourceFile>, dir: &str) -> (RawLaw, Vec<Diagnostic>) {
    let mut raw = RawLaw {
        dir: dir.to_string(),
        country: None,
        acts: Vec::new(),
        waivers: None,
    };
    let mut diagnostics = Vec::new();
    for file in files {
        match file.stem() {
            "country" => raw.country = parse(file, &mut diagnostics),
            "waivers" => raw.waivers = parse(file, &mut diagnostics),
            _ => raw.acts.extend(parse(file, &mut diagnostics)),
        }
    }
    if raw.country.is_none() && !diagnostics.iter().any(|d| d.path.ends_with("country.ron")) {
        let path = format!("{dir}/country.ron");
        diagnostics.push(
            Diagnostic::new(Location::file(&path), "io", "missing file")
                .hint("a country folder needs country.ron; see laws/README.md"),
        );
    }
    (raw, diagnostics)
}

fn parse<T: DeserializeOwned>(file: SourceFile, diagnostics: &mut Vec<Diagnostic>) -> Option<Parsed<T>> {
    let options = ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    match options.from_str::<T>(&file.text) {
        Ok(value) => Some(Parsed { file, value }),
        Err(e) => {
            diagnostics.push(ron_diagnostic(&file.path, e));
            None
        }
    }
}

fn ron_diagnostic(path: &str, e: SpannedError) -> Diagnostic {
    let at = Location {
        path: path.to_string(),
        line: e.span.start.line,
        col: e.span.start.col,
    };
    match &e.code {
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => Diagnostic::new(
            at,
            "unknown-field",
            format!("unknown field `{found}`{}", in_outer(outer)),
        )
        .suggest(found, expected.iter().copied())
        .or_hint(format!("allowed fields: {}", expected.join(", "))),
        RonError::MissingStructField { field, outer } => Diagnostic::new(
            at,
            "missing-field",
            format!("missing field `{field}`{}", in_outer(outer)),
        )
        .hint("see the format in rules/README.md or laws/README.md"),
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => Diagnostic::new(
            at,
            "unknown-variant",
            format!("unknown value `{found}`{}", in_outer(outer)),
        )
        .suggest(found, expected.iter().copied())
        .or_hint(format!("allowed: {}", expected.join(", "))),
        RonError::Message(message) => Diagnostic::new(at, "invalid-value", message.clone()).hint(
            "fact values are true/false, a whole number, \"text\" or [\"a\", \"b\"]; dates \"YYYY-MM-DD\"",
        ),
        other => Diagnostic::new(at, "syntax", other.to_string())
            .hint("check the brackets, commas and quotes just before this point"),
    }
}

fn in_outer(outer: &Option<String>) -> String {
    outer.as_ref().map(|o| format!(" in `{o}`")).unwrap_or_default()
}

impl Diagnostic {
    pub(crate) fn or_hint(self, hint: String) -> Diagnostic {
        if self.hint.is_some() {
            self
        } else {
            self.hint(hint)
        }
    }
}
