//! The pictures of the HTML report, as inline SVG drawn here: status bars per instrument, a
//! timeline, and the dependency graph of the top root causes. Every text is escaped here,
//! because the templates receive these as trusted markup.

use super::messages::{catalogue, Lang};
use super::view::{status_key, EventView, InstrumentView, TOP_AMENDMENTS};
use super::{status_name, Report};
use crate::engine::Status;
use std::collections::BTreeMap;
use std::fmt::Write as _;

const WIDTH: usize = 720;
const FONT: &str = "font-family=\"Helvetica, Arial, sans-serif\"";

/// Fill and stroke of each status: strong for bars and borders, pale for boxes.
fn colour(status: &str) -> (&'static str, &'static str) {
    match status {
        "met" => ("#2e7d32", "#e8f5e9"),
        "partial" => ("#e0a100", "#fff8e1"),
        "gap" => ("#c62828", "#ffebee"),
        _ => ("#8a8a8a", "#f3f3f3"),
    }
}

const STATUSES: [Status; 4] = [Status::Met, Status::Partial, Status::Gap, Status::Unknown];

/// Escapes text for SVG (XML) content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// At most `max` characters, with an ellipsis when cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

fn open(height: usize, label: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{}\" {FONT} font-size=\"12\">\n",
        escape(label)
    )
}

fn legend(out: &mut String, y: usize, items: &[(&str, &str)]) {
    let mut x = 0;
    for (fill, label) in items {
        let _ = writeln!(
            out,
            "<rect x=\"{x}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{fill}\"/><text x=\"{}\" y=\"{y}\">{}</text>",
            y - 10,
            x + 17,
            escape(label)
        );
        x += 30 + label.chars().count() * 7;
    }
}

/// One stacked bar per instrument (met, partial, gap, unknown), on a common scale.
pub fn status_bars(instruments: &[InstrumentView], lang: Lang, title: &str) -> String {
    let t = catalogue(lang);
    let (label_w, bar_x, bar_w, row) = (270, 280, 380, 26);
    let max = instruments
        .iter()
        .map(|i| i.counts.total)
        .max()
        .unwrap_or(1)
        .max(1);
    let height = instruments.len() * row + 40;
    let mut out = open(height, title);
    for (n, i) in instruments.iter().enumerate() {
        let y = n * row + 4;
        let _ = writeln!(
            out,
            "<text x=\"{label_w}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            y + 13,
            escape(&clip(&i.short, 40))
        );
        let c = &i.counts;
        let mut x = bar_x as f64;
        for (status, n) in STATUSES.iter().zip([c.met, c.partial, c.gap, c.unknown]) {
            if n == 0 {
                continue;
            }
            let w = n as f64 * bar_w as f64 / max as f64;
            let (fill, _) = colour(status_name(*status));
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"18\" fill=\"{fill}\"><title>{}: {n}</title></rect>",
                escape(t[status_key(*status)])
            );
            if w >= 16.0 {
                let text_fill = if *status == Status::Partial {
                    "#000"
                } else {
                    "#fff"
                };
                let _ = write!(
                    out,
                    "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"{text_fill}\" font-size=\"11\">{n}</text>",
                    x + w / 2.0,
                    y + 13
                );
            }
            out.push('\n');
            x += w;
        }
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{}\" fill=\"#444\">{}</text>",
            x + 6.0,
            y + 13,
            c.total
        );
    }
    let items: Vec<(&str, &str)> = STATUSES
        .iter()
        .map(|s| (colour(status_name(*s)).0, t[status_key(*s)]))
        .collect();
    legend(&mut out, height - 8, &items);
    out.push_str("</svg>");
    out
}

/// Events on a year axis, stacked by year: treaty acts as diamonds, national provisions as dots.
pub fn timeline(events: &[EventView], as_of_year: i32, lang: Lang, title: &str) -> String {
    let t = catalogue(lang);
    let Some(first) = events.iter().map(|e| e.year).min() else {
        return String::new();
    };
    let (from, to) = (first, as_of_year.max(first) + 1);
    let (left, right) = (20.0, WIDTH as f64 - 20.0);
    let span = f64::from(to - from).max(1.0);
    let x_of =
        |year: i32| left + f64::from(year - from) / span * (right - left) + 0.5 * (right - left) / span;
    let mut per_year: BTreeMap<i32, Vec<&EventView>> = BTreeMap::new();
    for e in events {
        per_year.entry(e.year).or_default().push(e);
    }
    let tallest = per_year.values().map(Vec::len).max().unwrap_or(1);
    let axis = 16 + tallest * 12;
    let height = axis + 50;
    let mut out = open(height, title);
    let _ = writeln!(
        out,
        "<line x1=\"{left}\" y1=\"{axis}\" x2=\"{right}\" y2=\"{axis}\" stroke=\"#444\"/>"
    );
    let step = ((to - from) / 12 + 1).max(1);
    for year in (from..to).filter(|y| (y - from) % step == 0) {
        let x = x_of(year);
        let _ = writeln!(
            out,
            "<line x1=\"{x:.1}\" y1=\"{axis}\" x2=\"{x:.1}\" y2=\"{}\" stroke=\"#444\"/><text x=\"{x:.1}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\">{year}</text>",
            axis + 4,
            axis + 17
        );
    }
    for (year, of) in &per_year {
        let x = x_of(*year);
        for (n, e) in of.iter().enumerate() {
            let y = axis as f64 - 8.0 - n as f64 * 12.0;
            let tip = escape(&format!("{}: {}", e.date, e.text));
            if e.kind == "treaty" {
                let _ = writeln!(
                    out,
                    "<path d=\"M{x:.1} {:.1}l5 5l-5 5l-5 -5z\" fill=\"#1565c0\"><title>{tip}</title></path>",
                    y - 5.0
                );
            } else {
                let _ = writeln!(
                    out,
                    "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4.5\" fill=\"#37474f\"><title>{tip}</title></circle>"
                );
            }
        }
    }
    legend(
        &mut out,
        height - 6,
        &[("#1565c0", t["legend_treaty"]), ("#37474f", t["legend_law"])],
    );
    out.push_str("</svg>");
    out
}

/// The top root causes (first column) and the unmet findings each unblocks, in layers by the
/// longest chain of prerequisites; boxes coloured by status, arrows from prerequisite to rule.
pub fn dependency_graph(report: &Report, lang: Lang, title: &str) -> String {
    let t = catalogue(lang);
    let roots: Vec<_> = report.root_causes.iter().take(TOP_AMENDMENTS).collect();
    if roots.is_empty() {
        return String::new();
    }
    // The nodes, each once, in order of first appearance: roots, then what each unblocks.
    let mut nodes: Vec<&str> = roots.iter().map(|r| r.rule.as_str()).collect();
    for r in &roots {
        for u in &r.unblocks {
            if !nodes.contains(&u.as_str()) {
                nodes.push(u);
            }
        }
    }
    let finding = |id: &str| report.findings.iter().find(|f| f.rule == id);
    // Layer: 0 for roots, else one more than the deepest prerequisite among the nodes.
    let mut layer: BTreeMap<&str, usize> = roots.iter().map(|r| (r.rule.as_str(), 0)).collect();
    for _ in 0..nodes.len() {
        for id in &nodes[roots.len()..] {
            let deepest = finding(id)
                .map(|f| {
                    f.depends_on
                        .iter()
                        .filter_map(|d| layer.get(d.as_str()))
                        .max()
                        .map_or(1, |l| l + 1)
                })
                .unwrap_or(1);
            layer.insert(id, deepest);
        }
    }
    let layers = layer.values().max().map_or(1, |l| l + 1);
    // Boxes share the width between the layers, up to a readable maximum.
    let (box_h, gap_x, gap_y) = (38.0, 50.0, 10.0);
    let box_w = ((WIDTH as f64 - 2.0 - gap_x * (layers - 1) as f64) / layers as f64).min(330.0);
    let chars = (box_w / 6.6) as usize;
    let mut slot: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    let mut filled = vec![0usize; layers];
    for id in &nodes {
        let l = layer[id];
        let x = l as f64 * (box_w + gap_x) + 1.0;
        let y = filled[l] as f64 * (box_h + gap_y) + 1.0;
        filled[l] += 1;
        slot.insert(id, (x, y));
    }
    let rows = filled.iter().copied().max().unwrap_or(1);
    let height = (rows as f64 * (box_h + gap_y)).ceil() as usize + 2;
    let mut out = open(height, title);
    out.push_str(
        "<defs><marker id=\"arrow\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0 0L8 4L0 8z\" fill=\"#666\"/></marker></defs>\n",
    );
    for id in &nodes[roots.len()..] {
        let Some(f) = finding(id) else { continue };
        let (x2, y2) = slot[id];
        for d in f.depends_on.iter().filter_map(|d| slot.get(d.as_str())) {
            let (x1, y1) = (d.0 + box_w, d.1 + box_h / 2.0);
            let (x2, y2) = (x2, y2 + box_h / 2.0);
            let mid = (x1 + x2) / 2.0;
            let _ = writeln!(
                out,
                "<path d=\"M{x1:.1} {y1:.1}C{mid:.1} {y1:.1} {mid:.1} {y2:.1} {x2:.1} {y2:.1}\" fill=\"none\" stroke=\"#666\" stroke-width=\"1.2\" marker-end=\"url(#arrow)\"/>"
            );
        }
    }
    for id in &nodes {
        let (x, y) = slot[id];
        let (title, status) =
            finding(id).map_or((id.to_string(), Status::Unknown), |f| (f.title.clone(), f.status));
        let (stroke, fill) = colour(status_name(status));
        let _ = writeln!(
            out,
            "<g><title>{}</title><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{box_w}\" height=\"{box_h}\" rx=\"4\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" font-weight=\"bold\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9.5\" fill=\"#333\">{} · {}</text></g>",
            escape(&format!("{title} ({id})")),
            x + 7.0,
            y + 15.0,
            escape(&clip(&title, chars)),
            x + 7.0,
            y + 30.0,
            escape(t[status_key(status)]),
            escape(&clip(id, chars + 6))
        );
    }
    out.push_str("</svg>");
    out
}
