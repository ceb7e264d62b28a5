//! Three-valued evaluation of conditions: a fact nobody asserted is unknown, never false.

use crate::model::{Condition, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    True,
    False,
    Unknown,
}

impl Truth {
    fn from_bool(b: bool) -> Truth {
        if b {
            Truth::True
        } else {
            Truth::False
        }
    }

    fn not(self) -> Truth {
        match self {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
        }
    }
}

/// What a condition can ask about the law on the snapshot date.
pub trait Facts {
    /// The fact's value, or `None` when no provision in force settles it.
    fn value(&self, key: &str) -> Option<&Value>;
    fn party_to(&self, instrument: &str) -> bool;
}

pub fn eval(condition: &Condition, facts: &impl Facts) -> Truth {
    let known = |key: &str, test: &dyn Fn(&Value) -> bool| match facts.value(key) {
        Some(v) => Truth::from_bool(test(v)),
        None => Truth::Unknown,
    };
    match condition {
        // Kleene logic: one false settles `all`, one true settles `any`.
        Condition::All(cs) => cs.iter().fold(Truth::True, |acc, c| match (acc, eval(c, facts)) {
            (Truth::False, _) | (_, Truth::False) => Truth::False,
            (Truth::Unknown, _) | (_, Truth::Unknown) => Truth::Unknown,
            _ => Truth::True,
        }),
        Condition::Any(cs) => cs
            .iter()
            .fold(Truth::False, |acc, c| match (acc, eval(c, facts)) {
                (Truth::True, _) | (_, Truth::True) => Truth::True,
                (Truth::Unknown, _) | (_, Truth::Unknown) => Truth::Unknown,
                _ => Truth::False,
            }),
        Condition::Not(c) => eval(c, facts).not(),
        Condition::Is(key, expected) => known(key, &|v| same(v, expected)),
        Condition::OneOf(key, options) => known(key, &|v| options.iter().any(|o| same(v, o))),
        Condition::Includes(key, item) => known(key, &|v| match (v, item) {
            (Value::List(items), Value::Text(t)) => items.contains(t),
            _ => false,
        }),
        Condition::AtLeast(key, n) => known(key, &|v| matches!(v, Value::Integer(x) if x >= n)),
        Condition::AtMost(key, n) => known(key, &|v| matches!(v, Value::Integer(x) if x <= n)),
        Condition::PartyTo(id) => Truth::from_bool(facts.party_to(id)),
    }
}

/// Equality, with sets compared regardless of order.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::List(x), Value::List(y)) => {
            let (mut x, mut y) = (x.clone(), y.clone());
            x.sort();
            y.sort();
            x.dedup();
            y.dedup();
            x == y
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct Map(HashMap<&'static str, Value>);
    impl Facts for Map {
        fn value(&self, key: &str) -> Option<&Value> {
            self.0.get(key)
        }
        fn party_to(&self, instrument: &str) -> bool {
            instrument == "1951"
        }
    }

    fn facts() -> Map {
        Map(HashMap::from([
            ("t", Value::Bool(true)),
            ("f", Value::Bool(false)),
            ("years", Value::Integer(5)),
            ("body", Value::Text("police".into())),
            ("grounds", Value::List(vec!["race".into(), "religion".into()])),
        ]))
    }

    fn is(key: &str, v: bool) -> Condition {
        Condition::Is(key.into(), Value::Bool(v))
    }

    #[test]
    fn unknown_is_never_false() {
        let f = facts();
        assert_eq!(eval(&is("missing", true), &f), Truth::Unknown);
        assert_eq!(eval(&is("missing", false), &f), Truth::Unknown);
        assert_eq!(
            eval(&Condition::Not(Box::new(is("missing", true))), &f),
            Truth::Unknown
        );
    }

    #[test]
    fn kleene_all_and_any() {
        let f = facts();
        let all = |cs| eval(&Condition::All(cs), &f);
        let any = |cs| eval(&Condition::Any(cs), &f);
        assert_eq!(all(vec![is("t", true), is("missing", true)]), Truth::Unknown);
        assert_eq!(all(vec![is("f", true), is("missing", true)]), Truth::False);
        assert_eq!(all(vec![is("t", true), is("f", false)]), Truth::True);
        assert_eq!(any(vec![is("f", true), is("missing", true)]), Truth::Unknown);
        assert_eq!(any(vec![is("t", true), is("missing", true)]), Truth::True);
        assert_eq!(any(vec![is("f", true), is("t", false)]), Truth::False);
        assert_eq!(all(vec![]), Truth::True);
        assert_eq!(any(vec![]), Truth::False);
    }

    #[test]
    fn comparisons_sets_and_treaties() {
        let f = facts();
        assert_eq!(eval(&Condition::AtMost("years".into(), 5), &f), Truth::True);
        assert_eq!(eval(&Condition::AtLeast("years".into(), 6), &f), Truth::False);
        assert_eq!(eval(&Condition::AtMost("missing".into(), 5), &f), Truth::Unknown);
        let one_of = Condition::OneOf(
            "body".into(),
            vec![Value::Text("court".into()), Value::Text("police".into())],
        );
        assert_eq!(eval(&one_of, &f), Truth::True);
        assert_eq!(
            eval(
                &Condition::Includes("grounds".into(), Value::Text("race".into())),
                &f
            ),
            Truth::True
        );
        assert_eq!(
            eval(
                &Condition::Includes("grounds".into(), Value::Text("opinion".into())),
                &f
            ),
            Truth::False
        );
        let set = Value::List(vec!["religion".into(), "race".into()]);
        assert_eq!(eval(&Condition::Is("grounds".into(), set), &f), Truth::True);
        assert_eq!(eval(&Condition::PartyTo("1951".into()), &f), Truth::True);
        assert_eq!(eval(&Condition::PartyTo("1954".into()), &f), Truth::False);
    }
}
