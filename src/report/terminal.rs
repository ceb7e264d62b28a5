//! The terminal summary: counts by instrument and status, the top amendments, gaps by severity.

use super::{view::TOP_AMENDMENTS, Report};
use crate::engine::Status;
use crate::model::Severity;
use std::fmt::Write as _;

pub fn terminal(report: &Report) -> String {
    let mut out = String::new();
    let c = &report.summary.by_status;
    let _ = writeln!(
        out,
        "{} ({}), law in force on {}",
        report.country.name, report.country.code, report.as_of
    );
    let _ = writeln!(
        out,
        "{} findings: {} met, {} partial, {} gap, {} unknown",
        c.total, c.met, c.partial, c.gap, c.unknown
    );
    let p = &report.progress;
    let _ = writeln!(
        out,
        "facts answered: {} of {} ({} primary, {} secondary, {} unverified; {} disputed)",
        p.answered, p.facts_asked, p.primary, p.secondary, p.unverified, p.disputed
    );
    if !report.research.is_empty() {
        let next: Vec<String> = report
            .research
            .iter()
            .take(3)
            .map(|r| format!("{} (settles {})", r.fact, r.settles.len()))
            .collect();
        let _ = writeln!(out, "research next: {}", next.join(", "));
    }
    out.push('\n');
    if !report.root_causes.is_empty() {
        let _ = writeln!(out, "Top amendments (root causes, by leverage):");
        for (i, r) in report.root_causes.iter().take(TOP_AMENDMENTS).enumerate() {
            let _ = writeln!(
                out,
                "  {}. {} [{}] unblocks {}",
                i + 1,
                r.title,
                r.rule,
                r.leverage
            );
            let _ = writeln!(out, "     {}", r.recommendation);
            if !r.provisions.is_empty() {
                let _ = writeln!(out, "     amend: {}", r.provisions.join("; "));
            }
        }
        out.push('\n');
    }
    let width = report
        .summary
        .by_instrument
        .iter()
        .map(|s| s.short.len())
        .max()
        .unwrap_or(10)
        .max(10);
    let _ = writeln!(
        out,
        "  {:width$}  {:10} {:>4} {:>7} {:>4} {:>7}",
        "instrument", "obligation", "met", "partial", "gap", "unknown"
    );
    for s in &report.summary.by_instrument {
        let k = &s.counts;
        let _ = writeln!(
            out,
            "  {:width$}  {:10} {:>4} {:>7} {:>4} {:>7}",
            s.short, s.obligation, k.met, k.partial, k.gap, k.unknown
        );
    }
    let gaps: Vec<_> = report
        .findings
        .iter()
        .filter(|f| matches!(f.status, Status::Gap | Status::Partial))
        .collect();
    if !gaps.is_empty() {
        let _ = writeln!(out, "\nGaps by severity:");
        for severity in [
            Severity::Critical,
            Severity::High,
            Severity::Medium,
            Severity::Low,
        ] {
            let of: Vec<_> = gaps.iter().filter(|f| f.severity == severity).collect();
            if of.is_empty() {
                continue;
            }
            let _ = writeln!(out, "  {severity:?} ({})", of.len());
            for f in of {
                let _ = writeln!(
                    out,
                    "    {:<8} {:<40} {} ({})",
                    super::status_name(f.status),
                    f.rule,
                    f.title,
                    super::obligation_name(f.obligation)
                );
            }
        }
    }
    out
}
