//! The dependency graph as DOT, JSON or a self-contained SVG (laid out here, so no Graphviz is
//! needed). Provisions sit in the first column; each rule sits one column right of its deepest
//! prerequisite. Neighbourhoods of up to about 40 nodes read well on a screen.

use crate::engine::Status;
use crate::graph::{DependencyGraph, Edge, Node};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

const BOX_W: f64 = 250.0;
const BOX_H: f64 = 44.0;
const COL_GAP: f64 = 90.0;
const ROW_GAP: f64 = 14.0;
const MARGIN: f64 = 20.0;
/// Room on the left for cross-references between provisions, which bow out of their column.
const LEFT: f64 = 60.0;
const LEGEND_H: f64 = 34.0;

pub fn status_colour(status: Status) -> &'static str {
    match status {
        Status::Met => "#2e7d32",
        Status::Partial => "#e0a100",
        Status::Gap => "#c62828",
        Status::Unknown => "#757575",
    }
}

fn fill(node: &Node) -> &'static str {
    match node {
        Node::Rule { status, .. } => status_colour(*status),
        Node::Provision { .. } => "#e3f2fd",
    }
}

fn label(node: &Node) -> (String, String) {
    match node {
        Node::Rule { id, title, .. } => (id.clone(), title.clone()),
        Node::Provision { id, cites } => (id.clone(), cites.clone()),
    }
}

pub fn dot(graph: &DependencyGraph) -> String {
    let g = &graph.graph;
    let mut out = String::from(
        "digraph gapcheck {\n  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n",
    );
    for n in sorted_nodes(graph) {
        let (id, text) = label(&g[n]);
        let font = if matches!(g[n], Node::Rule { .. }) {
            "white"
        } else {
            "black"
        };
        let _ = writeln!(
            out,
            "  \"{}\" [label=\"{}\\n{}\", fillcolor=\"{}\", fontcolor=\"{font}\"];",
            dot_escape(&id),
            dot_escape(&id),
            dot_escape(&truncate(&text, 48)),
            fill(&g[n])
        );
    }
    for (from, to, kind) in sorted_edges(graph) {
        let style = match kind {
            Edge::DependsOn => "solid",
            Edge::Evidence => "dashed",
            Edge::RefersTo => "dotted",
        };
        let _ = writeln!(
            out,
            "  \"{}\" -> \"{}\" [style={style}];",
            dot_escape(&from),
            dot_escape(&to)
        );
    }
    out.push_str("}\n");
    out
}

#[derive(Serialize)]
struct JsonGraph<'a> {
    nodes: Vec<&'a Node>,
    edges: Vec<JsonEdge>,
}

#[derive(Serialize)]
struct JsonEdge {
    from: String,
    to: String,
    kind: Edge,
}

pub fn json(graph: &DependencyGraph) -> String {
    let nodes = sorted_nodes(graph).into_iter().map(|n| &graph.graph[n]).collect();
    let edges = sorted_edges(graph)
        .into_iter()
        .map(|(from, to, kind)| JsonEdge { from, to, kind })
        .collect();
    let mut out = serde_json::to_string_pretty(&JsonGraph { nodes, edges }).unwrap_or_default();
    out.push('\n');
    out
}

/// A standalone SVG: boxes coloured by status, curves for the edges, a legend.
pub fn svg(graph: &DependencyGraph) -> String {
    let g = &graph.graph;
    let columns = layout(graph);
    let mut at: BTreeMap<NodeIndex, (f64, f64)> = BTreeMap::new();
    for (c, column) in columns.iter().enumerate() {
        for (r, &n) in column.iter().enumerate() {
            let x = LEFT + c as f64 * (BOX_W + COL_GAP);
            let y = MARGIN + LEGEND_H + r as f64 * (BOX_H + ROW_GAP);
            at.insert(n, (x, y));
        }
    }
    let rows = columns.iter().map(Vec::len).max().unwrap_or(0) as f64;
    let width = LEFT + MARGIN + columns.len().max(1) as f64 * (BOX_W + COL_GAP) - COL_GAP;
    let height = MARGIN * 2.0 + LEGEND_H + rows * (BOX_H + ROW_GAP);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"Helvetica, Arial, sans-serif\" role=\"img\">\n<title>Dependency graph</title>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    );
    legend(&mut out);
    for e in g.edge_references() {
        let (Some(&(x1, y1)), Some(&(x2, y2))) = (at.get(&e.source()), at.get(&e.target())) else {
            continue;
        };
        let (sx, sy, tx, ty) = (x1 + BOX_W, y1 + BOX_H / 2.0, x2, y2 + BOX_H / 2.0);
        let (stroke, dash) = match e.weight() {
            Edge::DependsOn => ("#37474f", ""),
            Edge::Evidence => ("#1565c0", " stroke-dasharray=\"6 4\""),
            Edge::RefersTo => ("#90a4ae", " stroke-dasharray=\"2 3\""),
        };
        let path = if (x1 - x2).abs() < 1.0 {
            // Same column (a cross-reference): bow out to the left.
            let (lx, ly, ry) = (x1, y1 + BOX_H / 2.0, y2 + BOX_H / 2.0);
            format!(
                "M{lx:.1},{ly:.1} C{:.1},{ly:.1} {:.1},{ry:.1} {lx:.1},{ry:.1}",
                lx - 40.0,
                lx - 40.0
            )
        } else {
            let mid = (sx + tx) / 2.0;
            format!("M{sx:.1},{sy:.1} C{mid:.1},{sy:.1} {mid:.1},{ty:.1} {tx:.1},{ty:.1}")
        };
        let _ = writeln!(
            out,
            "<path d=\"{path}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"1.3\"{dash} marker-end=\"url(#arrow)\"/>"
        );
    }
    for (n, (x, y)) in &at {
        let node = &g[*n];
        let (id, text) = label(node);
        let (text_colour, stroke) = match node {
            Node::Rule { .. } => ("white", "none"),
            Node::Provision { .. } => ("#0d47a1", "#1565c0"),
        };
        let _ = writeln!(
            out,
            "<g><title>{}</title><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{BOX_W}\" height=\"{BOX_H}\" rx=\"6\" fill=\"{}\" stroke=\"{stroke}\"/>\
<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" font-family=\"monospace\" fill=\"{text_colour}\">{}</text>\
<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11.5\" fill=\"{text_colour}\">{}</text></g>",
            xml_escape(&format!("{id}: {text}")),
            fill(node),
            x + 8.0,
            y + 16.0,
            xml_escape(&truncate(&id, 40)),
            x + 8.0,
            y + 33.0,
            xml_escape(&truncate(&text, 38)),
        );
    }
    out.push_str("</svg>\n");
    out
}

fn legend(out: &mut String) {
    out.push_str("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#546e7a\"/></marker></defs>\n");
    let items = [
        ("met", status_colour(Status::Met)),
        ("partial", status_colour(Status::Partial)),
        ("gap", status_colour(Status::Gap)),
        ("unknown", status_colour(Status::Unknown)),
        ("provision", "#e3f2fd"),
    ];
    for (i, (name, colour)) in items.iter().enumerate() {
        let x = MARGIN + i as f64 * 110.0;
        let _ = writeln!(
            out,
            "<rect x=\"{x:.0}\" y=\"{MARGIN:.0}\" width=\"14\" height=\"14\" rx=\"3\" fill=\"{colour}\" stroke=\"#1565c0\" stroke-width=\"{}\"/><text x=\"{:.0}\" y=\"{:.0}\" font-size=\"12\">{name}</text>",
            if *name == "provision" { 1 } else { 0 },
            x + 20.0,
            MARGIN + 12.0
        );
    }
}

/// Columns of nodes: provisions first, then rules by depth of prerequisites; within a column,
/// ordered to keep edges short (barycentre sweeps), starting from id order for determinism.
fn layout(graph: &DependencyGraph) -> Vec<Vec<NodeIndex>> {
    let g = &graph.graph;
    let mut depth: BTreeMap<NodeIndex, usize> = BTreeMap::new();
    fn rule_depth(
        g: &petgraph::graph::DiGraph<Node, Edge>,
        n: NodeIndex,
        memo: &mut BTreeMap<NodeIndex, usize>,
    ) -> usize {
        if let Some(&d) = memo.get(&n) {
            return d;
        }
        let d = g
            .edges_directed(n, petgraph::Direction::Incoming)
            .filter(|e| *e.weight() == Edge::DependsOn)
            .map(|e| rule_depth(g, e.source(), memo) + 1)
            .max()
            .unwrap_or(0);
        memo.insert(n, d);
        d
    }
    let has_provisions = g.node_indices().any(|n| matches!(g[n], Node::Provision { .. }));
    let offset = usize::from(has_provisions);
    let mut columns: Vec<Vec<NodeIndex>> = Vec::new();
    for n in sorted_nodes(graph) {
        let column = match g[n] {
            Node::Provision { .. } => 0,
            Node::Rule { .. } => rule_depth(g, n, &mut depth) + offset,
        };
        if columns.len() <= column {
            columns.resize(column + 1, Vec::new());
        }
        columns[column].push(n);
    }
    columns.retain(|c| !c.is_empty());
    for _ in 0..4 {
        let position: BTreeMap<NodeIndex, f64> = columns
            .iter()
            .flat_map(|c| c.iter().enumerate().map(|(i, &n)| (n, i as f64)))
            .collect();
        for column in &mut columns {
            let mut keyed: Vec<(f64, NodeIndex)> = column
                .iter()
                .enumerate()
                .map(|(i, &n)| {
                    let neighbours: Vec<f64> = g
                        .neighbors_undirected(n)
                        .filter_map(|m| position.get(&m).copied())
                        .collect();
                    let key = if neighbours.is_empty() {
                        i as f64
                    } else {
                        neighbours.iter().sum::<f64>() / neighbours.len() as f64
                    };
                    (key, n)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(g[a.1].id().cmp(g[b.1].id())));
            *column = keyed.into_iter().map(|(_, n)| n).collect();
        }
    }
    columns
}

fn sorted_nodes(graph: &DependencyGraph) -> Vec<NodeIndex> {
    let mut nodes: Vec<NodeIndex> = graph.graph.node_indices().collect();
    nodes.sort_by(|a, b| graph.graph[*a].id().cmp(graph.graph[*b].id()));
    nodes
}

fn sorted_edges(graph: &DependencyGraph) -> Vec<(String, String, Edge)> {
    let g = &graph.graph;
    let mut edges: Vec<(String, String, Edge)> = g
        .edge_references()
        .map(|e| {
            (
                g[e.source()].id().to_string(),
                g[e.target()].id().to_string(),
                *e.weight(),
            )
        })
        .collect();
    edges.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    edges.dedup();
    edges
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

pub fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn dot_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', " ")
}
