//! Checks on `rules/`: unique ids, known instruments and facts, well-typed values, no cycles.

use super::RuleBook;
use crate::load::{Diagnostic, Location, Parsed, RawRules, SourceFile};
use crate::model::{Condition, FactDef, FactType, Instrument, Rule, Value};
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeMap, HashMap};

pub fn rules(raw: RawRules) -> Result<RuleBook, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let instruments = instruments(raw.instruments.as_ref(), &mut diagnostics);
    let facts = facts(&raw.facts, &mut diagnostics);
    let instrument_ids: Vec<&str> = instruments.iter().map(|i| i.id.as_str()).collect();

    let mut rules: Vec<(usize, Rule)> = Vec::new();
    let mut rule_at: BTreeMap<String, Location> = BTreeMap::new();
    for Parsed { file, value } in &raw.rule_files {
        let order = instrument_ids.iter().position(|i| *i == value.instrument);
        if order.is_none() {
            let at = file.find_field("instrument", &value.instrument, 0).unwrap_or(0);
            diagnostics.push(
                Diagnostic::new(
                    file.location(at),
                    "unknown-instrument",
                    format!("unknown instrument \"{}\"", value.instrument),
                )
                .suggest(&value.instrument, instrument_ids.iter().copied())
                .or_list("instruments", &instrument_ids),
            );
        }
        let mut search_from = 0;
        for rule in &value.rules {
            let offset = file.find_field("id", &rule.id, search_from).unwrap_or(0);
            search_from = offset + 1;
            let at = file.location(offset);
            if let Some(first) = rule_at.get(&rule.id) {
                diagnostics.push(
                    Diagnostic::new(
                        at,
                        "duplicate-id",
                        format!("rule \"{}\" is defined twice", rule.id),
                    )
                    .hint(format!("first defined at {first}; give each rule its own id")),
                );
                continue;
            }
            check_condition(
                &rule.condition,
                file,
                offset,
                &facts,
                &instrument_ids,
                &mut diagnostics,
            );
            rule_at.insert(rule.id.clone(), at);
            let mut rule = rule.clone();
            rule.instrument = value.instrument.clone();
            rules.push((order.unwrap_or(usize::MAX), rule));
        }
    }
    // Catalogue order: by instrument as listed, then as written.
    rules.sort_by_key(|(order, _)| *order);
    let rules: Vec<Rule> = rules.into_iter().map(|(_, r)| r).collect();

    check_dependencies(&rules, &rule_at, &raw, &mut diagnostics);
    if diagnostics.is_empty() {
        Ok(RuleBook {
            instruments,
            facts,
            rules,
            rule_at,
        })
    } else {
        Err(diagnostics)
    }
}

fn instruments(
    parsed: Option<&Parsed<Vec<Instrument>>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Instrument> {
    let Some(Parsed { file, value }) = parsed else {
        return Vec::new();
    };
    let mut seen: HashMap<&str, Location> = HashMap::new();
    for instrument in value {
        let at = file.location(file.find_field("id", &instrument.id, 0).unwrap_or(0));
        if let Some(first) = seen.insert(&instrument.id, at.clone()) {
            diagnostics.push(
                Diagnostic::new(
                    at,
                    "duplicate-id",
                    format!("instrument \"{}\" is listed twice", instrument.id),
                )
                .hint(format!("first listed at {first}")),
            );
        }
    }
    let ids: Vec<&str> = value.iter().map(|i| i.id.as_str()).collect();
    for instrument in value {
        for inc in &instrument.incorporates {
            if !ids.contains(&inc.instrument.as_str()) {
                let at = file.find_field("instrument", &inc.instrument, 0).unwrap_or(0);
                diagnostics.push(
                    Diagnostic::new(
                        file.location(at),
                        "unknown-instrument",
                        format!(
                            "\"{}\" incorporates unknown instrument \"{}\"",
                            instrument.id, inc.instrument
                        ),
                    )
                    .suggest(&inc.instrument, ids.iter().copied()),
                );
            }
        }
    }
    value.clone()
}

fn facts(parsed: &[Parsed<Vec<FactDef>>], diagnostics: &mut Vec<Diagnostic>) -> BTreeMap<String, FactDef> {
    let mut facts = BTreeMap::new();
    let mut declared_at: HashMap<String, Location> = HashMap::new();
    for Parsed { file, value } in parsed {
        let mut search_from = 0;
        for fact in value {
            let offset = file.find_field("key", &fact.key, search_from).unwrap_or(0);
            search_from = offset + 1;
            let at = file.location(offset);
            if let Some(first) = declared_at.insert(fact.key.clone(), at.clone()) {
                diagnostics.push(
                    Diagnostic::new(
                        at,
                        "duplicate-id",
                        format!("fact \"{}\" is declared twice", fact.key),
                    )
                    .hint(format!("first declared at {first}; keep one declaration per key")),
                );
            }
            facts.insert(fact.key.clone(), fact.clone());
        }
    }
    facts
}

fn check_condition(
    condition: &Condition,
    file: &SourceFile,
    rule_offset: usize,
    facts: &BTreeMap<String, FactDef>,
    instruments: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) {
    condition.visit(&mut |c| {
        if let Condition::PartyTo(id) = c {
            if !instruments.contains(&id.as_str()) {
                let at = file.find_quoted(id, rule_offset).unwrap_or(rule_offset);
                diagnostics.push(
                    Diagnostic::new(
                        file.location(at),
                        "unknown-instrument",
                        format!("party_to names unknown instrument \"{id}\""),
                    )
                    .suggest(id, instruments.iter().copied())
                    .or_list("instruments", instruments),
                );
            }
            return;
        }
        let Some(key) = c.fact_key() else { return };
        let at = || file.location(file.find_quoted(key, rule_offset).unwrap_or(rule_offset));
        let Some(def) = facts.get(key) else {
            diagnostics.push(
                Diagnostic::new(at(), "unknown-fact", format!("unknown fact \"{key}\""))
                    .suggest(key, facts.keys().map(String::as_str))
                    .or_hint("declare it in rules/facts.ron first".into()),
            );
            return;
        };
        let problem = match c {
            Condition::Is(_, v) => value_problem(&def.kind, v),
            Condition::OneOf(_, vs) => vs.iter().find_map(|v| value_problem(&def.kind, v)),
            Condition::Includes(_, v) => match (&def.kind, v) {
                (FactType::Set(allowed), Value::Text(t)) => {
                    (!allowed.contains(t)).then(|| format!("\"{t}\" is not {}", def.kind.describe()))
                }
                _ => Some("includes() needs a set fact and one of its values".to_string()),
            },
            Condition::AtLeast(..) | Condition::AtMost(..) => (!matches!(def.kind, FactType::Integer(_)))
                .then(|| "at_least()/at_most() need an integer fact".to_string()),
            _ => None,
        };
        if let Some(problem) = problem {
            diagnostics.push(
                Diagnostic::new(at(), "fact-type", format!("fact \"{key}\": {problem}"))
                    .hint(format!("\"{key}\" is {}", def.kind.describe())),
            );
        }
    });
}

/// Why `value` does not fit `kind`, if it does not.
pub(super) fn value_problem(kind: &FactType, value: &Value) -> Option<String> {
    let wrong = || Some(format!("{value} is not {}", kind.describe()));
    match (kind, value) {
        (FactType::Bool, Value::Bool(_)) | (FactType::Integer(_), Value::Integer(_)) => None,
        (FactType::Enum(allowed), Value::Text(t)) => {
            (!allowed.contains(t)).then(|| format!("\"{t}\" is not {}", kind.describe()))
        }
        (FactType::Set(allowed), Value::List(items)) => items
            .iter()
            .find(|i| !allowed.contains(i))
            .map(|i| format!("\"{i}\" is not among {}", kind.describe())),
        (FactType::Date, Value::Text(t)) => t.parse::<crate::model::Date>().err(),
        _ => wrong(),
    }
}

fn check_dependencies(
    rules: &[Rule],
    rule_at: &BTreeMap<String, Location>,
    raw: &RawRules,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let file_of = |id: &str| -> Option<&SourceFile> {
        let path = &rule_at.get(id)?.path;
        raw.rule_files.iter().map(|p| &p.file).find(|f| &f.path == path)
    };
    let mut graph = DiGraph::<&str, ()>::new();
    let nodes: HashMap<&str, _> = rules
        .iter()
        .map(|r| (r.id.as_str(), graph.add_node(r.id.as_str())))
        .collect();
    for rule in rules {
        for dep in &rule.depends_on {
            match nodes.get(dep.as_str()) {
                // Edges point from a rule to its prerequisite, so a cycle reads as "depends on".
                Some(&prerequisite) => {
                    graph.add_edge(nodes[rule.id.as_str()], prerequisite, ());
                }
                None => {
                    let at = file_of(&rule.id)
                        .and_then(|f| {
                            let start = f.find_field("id", &rule.id, 0)?;
                            Some(f.location(f.find_quoted(dep, start).unwrap_or(start)))
                        })
                        .unwrap_or_else(|| rule_at[&rule.id].clone());
                    diagnostics.push(
                        Diagnostic::new(
                            at,
                            "unknown-rule",
                            format!("\"{}\" depends on unknown rule \"{dep}\"", rule.id),
                        )
                        .suggest(dep, nodes.keys().copied()),
                    );
                }
            }
        }
    }
    for scc in tarjan_scc(&graph) {
        let Some(cycle) = cycle_in(&graph, &scc) else {
            continue;
        };
        let names: Vec<&str> = cycle.iter().map(|n| graph[*n]).collect();
        diagnostics.push(
            Diagnostic::new(
                rule_at[names[0]].clone(),
                "dependency-cycle",
                format!("depends_on forms a cycle: {} -> {}", names.join(" -> "), names[0]),
            )
            .hint("a prerequisite cannot depend on what it enables; remove one depends_on edge"),
        );
    }
}

/// The cycle through a strongly connected component, starting at its smallest id, in edge order.
fn cycle_in(graph: &DiGraph<&str, ()>, scc: &[NodeIndex]) -> Option<Vec<NodeIndex>> {
    let start = *scc.iter().min_by_key(|n| graph[**n])?;
    if scc.len() == 1 {
        return graph.contains_edge(start, start).then(|| vec![start]);
    }
    // Breadth-first from start, inside the component, until an edge leads back to start.
    let mut previous: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        let mut next: Vec<NodeIndex> = graph.neighbors(node).filter(|n| scc.contains(n)).collect();
        next.sort_by_key(|n| graph[*n]);
        for n in next {
            if n == start {
                let mut path = vec![node];
                while let Some(p) = previous.get(path.last()?) {
                    path.push(*p);
                }
                path.reverse();
                return Some(path);
            }
            if n != start && !previous.contains_key(&n) {
                previous.insert(n, node);
                queue.push_back(n);
            }
        }
    }
    None
}

impl Diagnostic {
    fn or_list(self, what: &str, known: &[&str]) -> Diagnostic {
        if self.hint.is_some() {
            return self;
        }
        self.hint(format!("known {what}: {}", known.join(", ")))
    }
}
