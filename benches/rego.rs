//! The rule catalogue as a Rego policy, for a side-by-side with a general policy engine
//! (regorus). Generated from the rules' conditions, so it checks whatever `rules/` holds.
//!
//! Three-valued logic in Rego: Rego has no "unknown" (an undefined value makes an expression
//! fail), so every condition evaluates to one of the strings "true", "false", "unknown", with
//! helper functions whose bodies are mutually exclusive. What differs from gapcheck:
//! - the input carries only the facts in force and undisputed on the snapshot date (a disputed
//!   fact is absent, which gapcheck also reads as unknown) and the treaties in force, so the
//!   snapshot is computed outside Rego;
//! - values are compared as JSON: `is` on a set fact compares as sets (as gapcheck does), but a
//!   value of the wrong type is not rejected (gapcheck's check stage rejects it before);
//! - only `status` is computed: no evidence, obligation, blocked_by, leverage or text.

use gapcheck::check::RuleBook;
use gapcheck::engine::{FactState, Snapshot};
use gapcheck::model::{Condition, FactType, Value};
use std::fmt::Write as _;

const PRELUDE: &str = r#"package gapcheck

import rego.v1

has(k) if input.facts[k] != null

member(x, xs) if xs[_] == x

and3(xs) := "false" if member("false", xs)
and3(xs) := "unknown" if { not member("false", xs); member("unknown", xs) }
and3(xs) := "true" if { not member("false", xs); not member("unknown", xs) }

or3(xs) := "true" if member("true", xs)
or3(xs) := "unknown" if { not member("true", xs); member("unknown", xs) }
or3(xs) := "false" if { not member("true", xs); not member("unknown", xs) }

not3(x) := {"true": "false", "false": "true", "unknown": "unknown"}[x]

is_(k, v) := "unknown" if not has(k)
is_(k, v) := "true" if input.facts[k] == v
is_(k, v) := "false" if { has(k); input.facts[k] != v }

is_set(k, s) := "unknown" if not has(k)
is_set(k, s) := "true" if { has(k); {x | x := input.facts[k][_]} == s }
is_set(k, s) := "false" if { has(k); {x | x := input.facts[k][_]} != s }

one_of(k, vs) := "unknown" if not has(k)
one_of(k, vs) := "true" if { has(k); member(input.facts[k], vs) }
one_of(k, vs) := "false" if { has(k); not member(input.facts[k], vs) }

includes(k, x) := "unknown" if not has(k)
includes(k, x) := "true" if { has(k); member(x, input.facts[k]) }
includes(k, x) := "false" if { has(k); not member(x, input.facts[k]) }

at_least(k, n) := "unknown" if not has(k)
at_least(k, n) := "true" if input.facts[k] >= n
at_least(k, n) := "false" if input.facts[k] < n

at_most(k, n) := "unknown" if not has(k)
at_most(k, n) := "true" if input.facts[k] <= n
at_most(k, n) := "false" if input.facts[k] > n

party_to(i) := "true" if input.parties[i] == true
party_to(i) := "false" if not input.parties[i] == true

status_of(t, es) := "met" if t == "true"
status_of(t, es) := "unknown" if t == "unknown"
status_of(t, es) := "partial" if { t == "false"; member("true", es) }
status_of(t, es) := "gap" if { t == "false"; not member("true", es) }
"#;

/// The policy: `data.gapcheck.status` maps each rule id to met, partial, gap or unknown.
pub fn policy(book: &RuleBook) -> String {
    let mut out = String::from(PRELUDE);
    for rule in &book.rules {
        let id = json(&rule.id);
        // A top-level `all` is the rule's elements: partial when some hold and the whole fails.
        let _ = match &rule.condition {
            Condition::All(elements) => {
                let es: Vec<String> = elements.iter().map(|c| term(book, c)).collect();
                writeln!(
                    out,
                    "\nstatus[{id}] := status_of(and3(es), es) if {{\n    es := [{}]\n}}",
                    es.join(", ")
                )
            }
            c => writeln!(out, "\nstatus[{id}] := status_of({}, [])", term(book, c)),
        };
    }
    out
}

/// One condition as a Rego term that evaluates to "true", "false" or "unknown".
fn term(book: &RuleBook, c: &Condition) -> String {
    let is_set = |k: &str| matches!(book.facts.get(k).map(|d| &d.kind), Some(FactType::Set(_)));
    match c {
        Condition::All(cs) => format!("and3([{}])", list(book, cs)),
        Condition::Any(cs) => format!("or3([{}])", list(book, cs)),
        Condition::Not(c) => format!("not3({})", term(book, c)),
        Condition::Is(k, v) if is_set(k) => format!("is_set({}, {})", json(k), set(v)),
        Condition::Is(k, v) => format!("is_({}, {})", json(k), value(v)),
        Condition::OneOf(k, vs) if is_set(k) => {
            let terms: Vec<String> = vs
                .iter()
                .map(|v| format!("is_set({}, {})", json(k), set(v)))
                .collect();
            format!("or3([{}])", terms.join(", "))
        }
        Condition::OneOf(k, vs) => {
            let vs: Vec<String> = vs.iter().map(value).collect();
            format!("one_of({}, [{}])", json(k), vs.join(", "))
        }
        Condition::Includes(k, v) => format!("includes({}, {})", json(k), value(v)),
        Condition::AtLeast(k, n) => format!("at_least({}, {n})", json(k)),
        Condition::AtMost(k, n) => format!("at_most({}, {n})", json(k)),
        Condition::PartyTo(i) => format!("party_to({})", json(i)),
    }
}

fn list(book: &RuleBook, cs: &[Condition]) -> String {
    cs.iter().map(|c| term(book, c)).collect::<Vec<_>>().join(", ")
}

fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn value(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn set(v: &Value) -> String {
    match v {
        Value::List(items) if items.is_empty() => "set()".into(),
        Value::List(items) => format!(
            "{{{}}}",
            items.iter().map(|i| json(i)).collect::<Vec<_>>().join(", ")
        ),
        other => value(other),
    }
}

/// The Rego input for one country on one date: the facts in force and undisputed, and the
/// treaties in force.
pub fn input(book: &RuleBook, snapshot: &Snapshot) -> String {
    let facts: serde_json::Map<String, serde_json::Value> = snapshot
        .facts()
        .iter()
        .filter_map(|(k, state)| match state {
            FactState::Known(v, _) => Some((k.clone(), serde_json::to_value(v).unwrap_or_default())),
            FactState::Disputed(_) => None,
        })
        .collect();
    let parties: serde_json::Map<String, serde_json::Value> = book
        .instruments
        .iter()
        .filter(|i| snapshot.participation(&i.id).is_some())
        .map(|i| (i.id.clone(), serde_json::Value::Bool(true)))
        .collect();
    serde_json::json!({ "facts": facts, "parties": parties }).to_string()
}

/// A regorus engine with the policy loaded.
pub fn engine(book: &RuleBook) -> regorus::Engine {
    let mut engine = regorus::Engine::new();
    engine
        .add_policy("gapcheck.rego".into(), policy(book))
        .expect("the generated Rego compiles");
    engine
}

/// Every rule's status for one input, as regorus computes it.
pub fn statuses(
    engine: &mut regorus::Engine,
    input: &regorus::Value,
) -> std::collections::BTreeMap<String, String> {
    engine.set_input(input.clone());
    let results = engine
        .eval_query("data.gapcheck.status".into(), false)
        .expect("the policy evaluates");
    let value = &results.result[0].expressions[0].value;
    serde_json::from_str(&value.to_json_str().expect("JSON")).expect("an object of strings")
}
