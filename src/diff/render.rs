//! A comparison as terminal text, Markdown (for a pull-request comment) or JSON.

use super::{Change, Diff};
use crate::report::status_name;
use std::fmt::Write as _;

fn status_move(c: &Change) -> String {
    match c.from {
        Some(from) if from == c.to => format!("still {}", status_name(from)),
        Some(from) => format!("{} -> {}", status_name(from), status_name(c.to)),
        None => format!("new, {}", status_name(c.to)),
    }
}

fn evidence_lines(c: &Change, indent: &str, out: &mut String) {
    for e in &c.evidence_added {
        let _ = writeln!(out, "{indent}+ {}", e.shown());
    }
    for e in &c.evidence_removed {
        let _ = writeln!(out, "{indent}- {}", e.shown());
    }
}

/// The status and evidence sections, in the order every format shows them.
fn change_sections(d: &Diff) -> [(&'static str, &Vec<Change>); 4] {
    [
        ("Gaps closed", &d.closed),
        ("Gaps opened", &d.opened),
        ("Other status changes", &d.status_changes),
        ("Evidence changed, status held", &d.evidence_changes),
    ]
}

/// The lists of rule ids, in the order every format shows them.
fn id_lists(d: &Diff) -> [(&'static str, &Vec<String>); 4] {
    [
        ("Root causes gained", &d.root_causes_gained),
        ("Root causes lost", &d.root_causes_lost),
        ("Rules added", &d.rules_added),
        ("Rules removed", &d.rules_removed),
    ]
}

pub fn terminal(d: &Diff) -> String {
    let mut out = format!("{}  ->  {}\n", d.old, d.new);
    if d.is_empty() {
        out.push_str("no change\n");
        return out;
    }
    for (name, changes) in change_sections(d) {
        if changes.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{name} ({}):", changes.len());
        for c in changes {
            let worse = if c.worse { "  [worse]" } else { "" };
            let _ = writeln!(out, "  {:<44} {}{worse}  {}", c.rule, status_move(c), c.title);
            evidence_lines(c, "      ", &mut out);
        }
    }
    if !d.obligation_changes.is_empty() {
        let _ = writeln!(out, "\nObligation changes ({}):", d.obligation_changes.len());
        for c in &d.obligation_changes {
            let _ = writeln!(
                out,
                "  {:<44} {} -> {}",
                c.rule,
                crate::report::obligation_name(c.from),
                crate::report::obligation_name(c.to)
            );
        }
    }
    for (name, list) in id_lists(d) {
        if !list.is_empty() {
            let _ = writeln!(out, "\n{name}: {}", list.join(", "));
        }
    }
    out
}

pub fn markdown(d: &Diff) -> String {
    let esc = crate::report::escape_markdown;
    let mut out = format!("### gapcheck: {} → {}\n\n", esc(&d.old), esc(&d.new));
    if d.is_empty() {
        out.push_str("No change in the analysis.\n");
        return out;
    }
    for (name, changes) in change_sections(d) {
        if changes.is_empty() {
            continue;
        }
        let _ = writeln!(out, "**{name}** ({})\n", changes.len());
        for c in changes {
            let worse = if c.worse { " ⚠ worse" } else { "" };
            let _ = writeln!(out, "- `{}` {}: {}{worse}", c.rule, esc(&c.title), status_move(c));
            for e in &c.evidence_added {
                let _ = writeln!(out, "  - added: {}", esc(&e.shown()));
            }
            for e in &c.evidence_removed {
                let _ = writeln!(out, "  - removed: {}", esc(&e.shown()));
            }
        }
        out.push('\n');
    }
    if !d.obligation_changes.is_empty() {
        let _ = writeln!(out, "**Obligation changes** ({})\n", d.obligation_changes.len());
        for c in &d.obligation_changes {
            let _ = writeln!(
                out,
                "- `{}` {}: {} → {}",
                c.rule,
                esc(&c.title),
                crate::report::obligation_name(c.from),
                crate::report::obligation_name(c.to)
            );
        }
        out.push('\n');
    }
    for (name, list) in id_lists(d) {
        if !list.is_empty() {
            let items: Vec<String> = list.iter().map(|r| format!("`{r}`")).collect();
            let _ = writeln!(out, "**{name}:** {}\n", items.join(", "));
        }
    }
    out
}

pub fn json(d: &Diff) -> String {
    let mut out = serde_json::to_string_pretty(d).unwrap_or_default();
    out.push('\n');
    out
}
