//! The regional comparison: a matrix of countries by rule, with per-country totals, and where one
//! country meets a rule another misses, the neighbour's provision as a model.

use super::{status_name, Counts, Report};
use crate::check::RuleBook;
use crate::engine::{Obligation, Status};
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub countries: Vec<Column>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub code: String,
    pub name: String,
    pub as_of: String,
    pub counts: Counts,
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub instrument: String,
    pub short: String,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The theme of the facts the rule reads (`refugee`, `nationality`, `rights`...), or
    /// `accession` for a treaty-status rule.
    pub theme: String,
    pub rule: String,
    pub article: String,
    pub title: String,
    /// One per country, in column order.
    pub cells: Vec<Cell>,
    /// Countries that meet the rule while another misses it, with the provisions that do it.
    pub models: Vec<Model>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub status: Status,
    pub obligation: Obligation,
}

#[derive(Debug, Clone, Serialize)]
pub struct Model {
    pub country: String,
    pub name: String,
    pub provisions: Vec<String>,
    /// "Turkmenistan's law does this in ..."
    pub sentence: String,
}

pub fn compare(book: &RuleBook, reports: &[Report]) -> Comparison {
    let countries = reports
        .iter()
        .map(|r| Column {
            code: r.country.code.clone(),
            name: r.country.name.clone(),
            as_of: r.as_of.to_string(),
            counts: r.summary.by_status.clone(),
        })
        .collect();
    let mut sections: Vec<Section> = Vec::new();
    for rule in &book.rules {
        let findings: Vec<_> = reports
            .iter()
            .map(|r| r.findings.iter().find(|f| f.rule == rule.id))
            .collect();
        let cells: Vec<Cell> = findings
            .iter()
            .map(|f| Cell {
                status: f.map_or(Status::Unknown, |f| f.status),
                obligation: f.map_or(Obligation::NotParty, |f| f.obligation),
            })
            .collect();
        let someone_misses = cells
            .iter()
            .any(|c| matches!(c.status, Status::Gap | Status::Partial));
        let models = if someone_misses {
            reports
                .iter()
                .zip(&findings)
                .filter_map(|(r, f)| {
                    let f = f.filter(|f| f.status == Status::Met && !f.evidence.is_empty())?;
                    // Treaty acts are not a model law: only national provisions are.
                    let provisions: Vec<String> = f
                        .evidence
                        .iter()
                        .filter(|e| !e.provision.starts_with("country/"))
                        .map(|e| e.cites.clone())
                        .collect();
                    if provisions.is_empty() {
                        return None;
                    }
                    let sentence =
                        format!("{}'s law does this in {}.", r.country.name, provisions.join("; "));
                    Some(Model {
                        country: r.country.code.clone(),
                        name: r.country.name.clone(),
                        provisions,
                        sentence,
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        if sections.last().is_none_or(|s| s.instrument != rule.instrument) {
            sections.push(Section {
                instrument: rule.instrument.clone(),
                short: book
                    .instrument(&rule.instrument)
                    .map_or(rule.instrument.clone(), |i| i.short.clone()),
                rows: Vec::new(),
            });
        }
        if let Some(s) = sections.last_mut() {
            s.rows.push(Row {
                theme: theme(rule),
                rule: rule.id.clone(),
                article: rule.article.clone(),
                title: rule.title.clone(),
                cells,
                models,
            });
        }
    }
    // Within an instrument, rows by theme; the sort is stable, so article order holds inside one.
    for s in &mut sections {
        s.rows.sort_by(|a, b| a.theme.cmp(&b.theme));
    }
    Comparison { countries, sections }
}

/// The theme a rule belongs to: the first part of the first fact it reads.
fn theme(rule: &crate::model::Rule) -> String {
    rule.condition
        .fact_keys()
        .first()
        .and_then(|k| k.split('.').next())
        .unwrap_or("accession")
        .to_string()
}

fn mark(cell: &Cell) -> &'static str {
    match cell.status {
        Status::Met => "met",
        Status::Partial => "part",
        Status::Gap => "GAP",
        Status::Unknown => "?",
    }
}

pub fn compare_terminal(c: &Comparison) -> String {
    let mut out = String::new();
    let codes: Vec<String> = c.countries.iter().map(|k| format!("{:>5}", k.code)).collect();
    let _ = writeln!(out, "{:<46}{}", "rule", codes.join(""));
    for s in &c.sections {
        let _ = writeln!(out, "\n{}", s.short);
        let mut theme = "";
        for r in &s.rows {
            if r.theme != theme {
                theme = &r.theme;
                let _ = writeln!(out, "  {theme}");
            }
            let cells: Vec<String> = r.cells.iter().map(|cell| format!("{:>5}", mark(cell))).collect();
            let _ = writeln!(out, "    {:<42}{}", r.rule, cells.join(""));
        }
    }
    let _ = writeln!(out, "\nTotals (met / partial / gap / unknown):");
    for k in &c.countries {
        let n = &k.counts;
        let _ = writeln!(
            out,
            "  {:<14} {} / {} / {} / {}",
            k.name, n.met, n.partial, n.gap, n.unknown
        );
    }
    out
}

pub fn compare_markdown(c: &Comparison) -> String {
    let esc = super::escape_markdown;
    let mut out = String::from("# Regional comparison\n\n");
    let names: Vec<String> = c
        .countries
        .iter()
        .map(|k| format!("{} ({})", esc(&k.name), k.as_of))
        .collect();
    let _ = writeln!(out, "Countries: {}.\n", names.join(", "));
    let _ = writeln!(
        out,
        "| Country | Met | Partial | Gap | Unknown |\n|---|---:|---:|---:|---:|"
    );
    for k in &c.countries {
        let n = &k.counts;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            esc(&k.name),
            n.met,
            n.partial,
            n.gap,
            n.unknown
        );
    }
    for s in &c.sections {
        let header: Vec<&str> = c.countries.iter().map(|k| k.code.as_str()).collect();
        let _ = write!(
            out,
            "\n## {}\n\n| Theme | Art. | Rule | {} |\n|---|---|---|{}\n",
            s.short,
            header.join(" | "),
            "---|".repeat(header.len())
        );
        for r in &s.rows {
            let cells: Vec<String> = r
                .cells
                .iter()
                .map(|cell| {
                    let o = match cell.obligation {
                        Obligation::NotParty => " ¹",
                        Obligation::Reserved => " ²",
                        _ => "",
                    };
                    format!("{}{o}", status_name(cell.status))
                })
                .collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                esc(&r.theme),
                esc(&r.article),
                esc(&r.title),
                cells.join(" | ")
            );
        }
        let models: Vec<&Row> = s.rows.iter().filter(|r| !r.models.is_empty()).collect();
        if !models.is_empty() {
            let _ = writeln!(out, "\nModels from the region:\n");
            for r in models {
                for m in &r.models {
                    let _ = writeln!(out, "- {} (`{}`): {}", esc(&r.title), r.rule, esc(&m.sentence));
                }
            }
        }
    }
    out.push_str("\n¹ not party: the standard is a benchmark. ² reserved.\n");
    out
}

pub fn compare_json(c: &Comparison) -> String {
    let mut out = serde_json::to_string_pretty(c).unwrap_or_default();
    out.push('\n');
    out
}

/// A self-contained HTML heat map: one row per rule, one column per country.
pub fn compare_html(c: &Comparison) -> String {
    use super::graph::{status_colour, xml_escape};
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Regional comparison</title>\n<style>\
body{font-family:Helvetica,Arial,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin-bottom:1.5em}\
th,td{border:1px solid #ccc;padding:4px 8px;font-size:13px;text-align:left;vertical-align:top}\
td.cell{color:white;text-align:center;font-weight:bold;min-width:4em}td.np{opacity:.55}\
caption{text-align:left;font-weight:bold;font-size:16px;padding:6px 0}p.model{font-size:12px;margin:2px 0}\
@media print{@page{size:A4 landscape;margin:12mm}section{break-inside:avoid-page}}\
</style></head><body>\n<h1>Regional comparison</h1>\n<p>Each cell is a finding's status; faded cells are benchmarks for a State not party to the instrument.</p>\n",
    );
    let _ = writeln!(out, "<table><tr><th>Country</th><th>Law as of</th><th>Met</th><th>Partial</th><th>Gap</th><th>Unknown</th></tr>");
    for k in &c.countries {
        let n = &k.counts;
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            xml_escape(&k.name),
            xml_escape(&k.as_of),
            n.met,
            n.partial,
            n.gap,
            n.unknown
        );
    }
    out.push_str("</table>\n");
    for s in &c.sections {
        let _ = write!(
            out,
            "<section><table><caption>{}</caption><tr><th>Theme</th><th>Art.</th><th>Rule</th>",
            xml_escape(&s.short)
        );
        for k in &c.countries {
            let _ = write!(out, "<th>{}</th>", xml_escape(&k.code));
        }
        out.push_str("</tr>\n");
        for r in &s.rows {
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}",
                xml_escape(&r.theme),
                xml_escape(&r.article),
                xml_escape(&r.title)
            );
            for m in &r.models {
                let _ = write!(out, "<p class=\"model\">{}</p>", xml_escape(&m.sentence));
            }
            out.push_str("</td>");
            for cell in &r.cells {
                let faded = if cell.obligation == Obligation::NotParty {
                    " np"
                } else {
                    ""
                };
                let _ = write!(
                    out,
                    "<td class=\"cell{faded}\" style=\"background:{}\">{}</td>",
                    status_colour(cell.status),
                    status_name(cell.status)
                );
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table></section>\n");
    }
    out.push_str("</body></html>\n");
    out
}
