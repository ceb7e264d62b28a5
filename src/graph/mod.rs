//! Stage 4: the dependency graph of rules (petgraph) -> leverage and root causes.
//! An edge runs from a prerequisite rule to the rule that depends on it.

use crate::engine::{Analysis, Finding, Status};
use crate::model::Severity;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::Dfs;
use serde::Serialize;
use std::collections::HashMap;

/// An analysis with its root causes ranked.
#[derive(Debug, Clone)]
pub struct Assessment {
    pub analysis: Analysis,
    pub root_causes: Vec<RootCause>,
}

/// A gap whose prerequisites hold: fixing it is where an amendment starts.
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

fn not_met(status: Status) -> bool {
    status != Status::Met
}

fn is_gap(status: Status) -> bool {
    matches!(status, Status::Gap | Status::Partial)
}

pub fn assess(mut analysis: Analysis) -> Assessment {
    let mut graph = DiGraph::<usize, ()>::new();
    let nodes: Vec<NodeIndex> = (0..analysis.findings.len()).map(|i| graph.add_node(i)).collect();
    let index: HashMap<&str, usize> = analysis
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| (f.rule.as_str(), i))
        .collect();
    for (i, finding) in analysis.findings.iter().enumerate() {
        for dep in &finding.depends_on {
            if let Some(&d) = index.get(dep.as_str()) {
                graph.add_edge(nodes[d], nodes[i], ());
            }
        }
    }
    let findings = &analysis.findings;
    let downstream: Vec<Vec<usize>> = nodes
        .iter()
        .map(|&start| {
            let mut dfs = Dfs::new(&graph, start);
            let mut reached = Vec::new();
            while let Some(n) = dfs.next(&graph) {
                let i = graph[n];
                if n != start && not_met(findings[i].status) {
                    reached.push(i);
                }
            }
            reached.sort();
            reached
        })
        .collect();
    for (finding, reached) in analysis.findings.iter_mut().zip(&downstream) {
        finding.leverage = if not_met(finding.status) { reached.len() } else { 0 };
    }
    let status: HashMap<&str, Status> = analysis
        .findings
        .iter()
        .map(|f| (f.rule.as_str(), f.status))
        .collect();
    let mut root_causes: Vec<RootCause> = analysis
        .findings
        .iter()
        .zip(&downstream)
        .filter(|(f, _)| {
            is_gap(f.status)
                && !f
                    .depends_on
                    .iter()
                    .any(|d| status.get(d.as_str()).is_some_and(|s| is_gap(*s)))
        })
        .map(|(f, reached)| {
            root_cause(
                f,
                reached
                    .iter()
                    .map(|&i| analysis.findings[i].rule.clone())
                    .collect(),
            )
        })
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
