//! Declarative rule tests: `tests/cases/*.ron` give facts in and the status expected out, so a
//! lawyer can read and write them. Every rule needs at least one `met` and one `gap` case.

use gapcheck::app::rule_book;
use gapcheck::engine::{status_of, Facts, Status};
use gapcheck::model::Value;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    rule: String,
    /// What the case shows, in a few words.
    name: String,
    /// Instruments the State is party to; `party_to(...)` conditions read this.
    #[serde(default)]
    party_to: Vec<String>,
    #[serde(default)]
    facts: BTreeMap<String, Value>,
    expect: Expect,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Expect {
    Met,
    Partial,
    Gap,
    Unknown,
}

struct CaseFacts<'a>(&'a Case);

impl Facts for CaseFacts<'_> {
    fn value(&self, key: &str) -> Option<&Value> {
        self.0.facts.get(key)
    }
    fn party_to(&self, instrument: &str) -> bool {
        self.0.party_to.iter().any(|i| i == instrument)
    }
}

fn expected(status: Status) -> Expect {
    match status {
        Status::Met => Expect::Met,
        Status::Partial => Expect::Partial,
        Status::Gap => Expect::Gap,
        Status::Unknown => Expect::Unknown,
    }
}

fn cases() -> Vec<(String, Case)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/cases")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut all = Vec::new();
    for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "ron")) {
        let text = std::fs::read_to_string(path).expect("readable");
        let cases: Vec<Case> = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(&text)
            .unwrap_or_else(|e| panic!("{}:{}", path.display(), e));
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        all.extend(cases.into_iter().map(|c| (name.clone(), c)));
    }
    all
}

#[test]
fn every_case_gives_the_expected_status() {
    let (book, _) = rule_book(Some(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules")))).expect("rules");
    let mut failures = Vec::new();
    for (file, case) in cases() {
        let Some(rule) = book.rule(&case.rule) else {
            failures.push(format!("{file}: \"{}\": no such rule", case.rule));
            continue;
        };
        for key in case.facts.keys() {
            if !book.facts.contains_key(key) {
                failures.push(format!(
                    "{file}: \"{}\" ({}): unknown fact {key}",
                    case.rule, case.name
                ));
            }
        }
        let got = expected(status_of(&rule.condition, &CaseFacts(&case)));
        if got != case.expect {
            failures.push(format!(
                "{file}: \"{}\" ({}): expected {:?}, got {got:?}",
                case.rule, case.name, case.expect
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} rule case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_has_a_met_and_a_gap_case() {
    let (book, _) = rule_book(Some(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules")))).expect("rules");
    let mut seen: BTreeMap<&str, BTreeSet<&'static str>> = BTreeMap::new();
    let cases = cases();
    for (_, case) in &cases {
        let kind = match case.expect {
            Expect::Met => "met",
            Expect::Gap => "gap",
            Expect::Partial => "partial",
            Expect::Unknown => "unknown",
        };
        seen.entry(case.rule.as_str()).or_default().insert(kind);
    }
    let missing: Vec<String> = book
        .rules
        .iter()
        .filter_map(|r| {
            let kinds = seen.get(r.id.as_str());
            let lacks: Vec<&str> = ["met", "gap"]
                .into_iter()
                .filter(|k| !kinds.is_some_and(|s| s.contains(k)))
                .collect();
            (!lacks.is_empty()).then(|| format!("{}: no {} case", r.id, lacks.join(" or ")))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "{} rule(s) lack cases:\n{}",
        missing.len(),
        missing.join("\n")
    );
}
