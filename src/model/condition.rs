//! Conditions: expression trees over facts, written in RON by lawyers.

use serde::{Deserialize, Serialize};
use std::fmt;

/// `all([...])`, `is("key", true)`, `at_most("key", 5)`, `party_to("1954")`, ...
/// Each element of a top-level `all` is one required element of the obligation: when some hold
/// and others do not, the finding is `partial`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    /// The fact has exactly this value.
    Is(String, Value),
    /// The fact has one of these values.
    OneOf(String, Vec<Value>),
    /// A set-valued fact contains this value.
    Includes(String, Value),
    AtLeast(String, i64),
    AtMost(String, i64),
    /// The State is party to the instrument on the snapshot date.
    PartyTo(String),
}

impl Condition {
    /// Every fact key the condition reads, in order of first use.
    pub fn fact_keys(&self) -> Vec<&str> {
        let mut keys = Vec::new();
        self.visit(&mut |c| {
            if let Some(k) = c.fact_key() {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
        });
        keys
    }

    pub fn fact_key(&self) -> Option<&str> {
        match self {
            Condition::Is(k, _)
            | Condition::OneOf(k, _)
            | Condition::Includes(k, _)
            | Condition::AtLeast(k, _)
            | Condition::AtMost(k, _) => Some(k),
            _ => None,
        }
    }

    pub fn visit<'a>(&'a self, f: &mut impl FnMut(&'a Condition)) {
        f(self);
        match self {
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| c.visit(f)),
            Condition::Not(c) => c.visit(f),
            _ => {}
        }
    }
}

/// A fact's value as written in RON: `true`, `5`, `"dedicated"`, `["a", "b"]` or a date string.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Value {
    Bool(bool),
    Integer(i64),
    Text(String),
    List(Vec<String>),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(b) => write!(f, "{b}"),
            Value::Integer(n) => write!(f, "{n}"),
            Value::Text(s) => write!(f, "\"{s}\""),
            Value::List(items) => {
                let items: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
                write!(f, "[{}]", items.join(", "))
            }
        }
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |f: &mut fmt::Formatter<'_>, name: &str, cs: &[Condition]| {
            let inner: Vec<String> = cs.iter().map(|c| c.to_string()).collect();
            write!(f, "{name}({})", inner.join(", "))
        };
        match self {
            Condition::All(cs) => list(f, "all", cs),
            Condition::Any(cs) => list(f, "any", cs),
            Condition::Not(c) => write!(f, "not({c})"),
            Condition::Is(k, v) => write!(f, "{k} = {v}"),
            Condition::OneOf(k, vs) => {
                let vs: Vec<String> = vs.iter().map(|v| v.to_string()).collect();
                write!(f, "{k} in [{}]", vs.join(", "))
            }
            Condition::Includes(k, v) => write!(f, "{k} includes {v}"),
            Condition::AtLeast(k, n) => write!(f, "{k} >= {n}"),
            Condition::AtMost(k, n) => write!(f, "{k} <= {n}"),
            Condition::PartyTo(i) => write!(f, "party to {i}"),
        }
    }
}
