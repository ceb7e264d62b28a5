//! Stage 4: one graph per analysis (petgraph) over rules and national provisions ->
//! blocked-by, leverage, root causes, and the neighbourhood of a rule for `gapcheck graph`.
//!
//! Edges: a prerequisite rule -> the rule that depends on it (`depends_on`); a provision -> the
//! finding it is evidence for; a provision -> the provision it refers to (`refers_to`).

use crate::check::Law;
use crate::engine::{Analysis, Finding, Status};
use crate::model::Severity;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Dfs, EdgeFiltered, Reversed};
use petgraph::Direction;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// An analysis with its graph and root causes ranked.
#[derive(Debug, Clone)]
pub struct Assessment {
    pub analysis: Analysis,
    pub root_causes: Vec<RootCause>,
    pub graph: DependencyGraph,
}

/// A gap whose prerequisites are not gaps: fixing it is where an amendment starts.
#[derive(Debug, Clone, Serialize)]
pub struct RootCause {
    pub rule: String,
    pub title: String,
    pub status: Status,
    pub severity: Severity,
    /// How many not-met findings downstream it blocks, directly and transitively.
    pub leverage: usize,
    /// Those findings, by rule id.
    pub unblocks: Vec<String>,
    /// The national provisions behind it: what to amend.
    pub provisions: Vec<String>,
    pub recommendation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Node {
    Rule {
        id: String,
        title: String,
        status: Status,
    },
    Provision {
        id: String,
        cites: String,
    },
}

impl Node {
    pub fn id(&self) -> &str {
        match self {
            Node::Rule { id, .. } | Node::Provision { id, .. } => id,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Edge {
    DependsOn,
    Evidence,
    RefersTo,
}

/// Rules and provisions, and how they hang together.
#[derive(Debug, Clone)]
pub struct DependencyGraph {
    pub graph: DiGraph<Node, Edge>,
    index: BTreeMap<String, NodeIndex>,
}

impl DependencyGraph {
    pub fn build(analysis: &Analysis, law: &Law) -> DependencyGraph {
        let mut graph = DiGraph::new();
        let mut index = BTreeMap::new();
        for f in &analysis.findings {
            let node = Node::Rule {
                id: f.rule.clone(),
                title: f.title.clone(),
                status: f.status,
            };
            index.insert(f.rule.clone(), graph.add_node(node));
        }
        for p in &law.provisions {
            let node = Node::Provision {
                id: p.id.clone(),
                cites: p.provision.cites.clone(),
            };
            index.insert(p.id.clone(), graph.add_node(node));
        }
        for f in &analysis.findings {
            let to = index[&f.rule];
            for dep in &f.depends_on {
                if let Some(&from) = index.get(dep) {
                    graph.add_edge(from, to, Edge::DependsOn);
                }
            }
            for e in &f.evidence {
                if let Some(&from) = index.get(&e.provision) {
                    graph.add_edge(from, to, Edge::Evidence);
                }
            }
        }
        for p in &law.provisions {
            for target in &p.refers_to {
                if let Some(&to) = index.get(target) {
                    graph.add_edge(index[&p.id], to, Edge::RefersTo);
                }
            }
        }
        DependencyGraph { graph, index }
    }

    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    /// Rules reachable from `rule` along `depends_on` edges: everything that needs it, directly
    /// or through other rules.
    pub fn dependents(&self, rule: &str) -> Vec<String> {
        self.walk(rule, false)
    }

    /// Every prerequisite of `rule`, directly or transitively.
    pub fn prerequisites(&self, rule: &str) -> Vec<String> {
        self.walk(rule, true)
    }

    fn walk(&self, rule: &str, upstream: bool) -> Vec<String> {
        let Some(start) = self.node(rule) else {
            return Vec::new();
        };
        let rules_only = EdgeFiltered::from_fn(&self.graph, |e| *e.weight() == Edge::DependsOn);
        let mut reached = BTreeSet::new();
        if upstream {
            let reversed = Reversed(&rules_only);
            let mut dfs = Dfs::new(reversed, start);
            while let Some(n) = dfs.next(reversed) {
                reached.insert(n);
            }
        } else {
            let mut dfs = Dfs::new(&rules_only, start);
            while let Some(n) = dfs.next(&rules_only) {
                reached.insert(n);
            }
        }
        reached.remove(&start);
        reached
            .into_iter()
            .map(|n| self.graph[n].id().to_string())
            .collect()
    }

    /// The neighbourhood of a rule: its prerequisites and dependents (transitively), and the
    /// provisions that are evidence for any of them.
    pub fn around(&self, rule: &str) -> DependencyGraph {
        let mut keep: BTreeSet<String> = self.prerequisites(rule).into_iter().collect();
        keep.extend(self.dependents(rule));
        keep.insert(rule.to_string());
        let rules: Vec<NodeIndex> = keep.iter().filter_map(|id| self.node(id)).collect();
        for n in rules {
            for p in self.graph.neighbors_directed(n, Direction::Incoming) {
                if matches!(self.graph[p], Node::Provision { .. }) {
                    keep.insert(self.graph[p].id().to_string());
                }
            }
        }
        self.subgraph(|id| keep.contains(id))
    }

    /// The nodes for which `keep` holds, and the edges between them.
    pub fn subgraph(&self, keep: impl Fn(&str) -> bool) -> DependencyGraph {
        let graph = self
            .graph
            .filter_map(|_, n| keep(n.id()).then(|| n.clone()), |_, e| Some(*e));
        let index = graph
            .node_indices()
            .map(|n| (graph[n].id().to_string(), n))
            .collect();
        DependencyGraph { graph, index }
    }
}

fn not_met(status: Status) -> bool {
    status != Status::Met
}

fn is_gap(status: Status) -> bool {
    matches!(status, Status::Gap | Status::Partial)
}

pub fn assess(analysis: Analysis, law: &Law) -> Assessment {
    let mut analysis = analysis;
    let graph = DependencyGraph::build(&analysis, law);
    let status: BTreeMap<String, Status> = analysis
        .findings
        .iter()
        .map(|f| (f.rule.clone(), f.status))
        .collect();
    let downstream: Vec<Vec<String>> = analysis
        .findings
        .iter()
        .map(|f| {
            graph
                .dependents(&f.rule)
                .into_iter()
                .filter(|d| status.get(d).is_some_and(|s| not_met(*s)))
                .collect()
        })
        .collect();
    for (finding, reached) in analysis.findings.iter_mut().zip(&downstream) {
        finding.leverage = if not_met(finding.status) { reached.len() } else { 0 };
    }
    let mut root_causes: Vec<RootCause> = analysis
        .findings
        .iter()
        .zip(&downstream)
        .filter(|(f, _)| {
            is_gap(f.status)
                && !f
                    .depends_on
                    .iter()
                    .any(|d| status.get(d).is_some_and(|s| is_gap(*s)))
        })
        .map(|(f, reached)| root_cause(f, reached.clone()))
        .collect();
    // Most leverage first, then the most severe, then by id for a stable order.
    root_causes.sort_by(|a, b| {
        b.leverage
            .cmp(&a.leverage)
            .then(b.severity.cmp(&a.severity))
            .then(a.rule.cmp(&b.rule))
    });
    Assessment {
        analysis,
        root_causes,
        graph,
    }
}

fn root_cause(finding: &Finding, unblocks: Vec<String>) -> RootCause {
    RootCause {
        rule: finding.rule.clone(),
        title: finding.title.clone(),
        status: finding.status,
        severity: finding.severity,
        leverage: unblocks.len(),
        unblocks,
        provisions: finding
            .evidence
            .iter()
            .map(|e| format!("{} ({})", e.cites, e.provision))
            .collect(),
        recommendation: finding.recommendation.clone(),
    }
}
