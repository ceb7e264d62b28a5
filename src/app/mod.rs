//! The commands: each runs the pipeline (load -> check -> engine -> graph -> report) and does
//! the I/O around it. `main.rs` only parses arguments and maps `Failure` to exit codes.

mod diff_cmd;
mod explain;
mod graph_cmd;
mod init;
mod inputs;
mod listing;
mod output;

pub use diff_cmd::{diff, DiffFormat};
pub use explain::explain;
pub use graph_cmd::{graph, GraphFormat};
pub use init::{init, questionnaire, status};
pub use inputs::{law, rule_book, validate};
pub use listing::{compare, rules, CatalogueFormat, CompareFormat};
pub use output::Rendered;

use crate::check::{Law, RuleBook};
use crate::load::{Diagnostic, Location};
use crate::model::{Date, Value};
use crate::report::{self, Report};
use crate::{engine, graph};
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Why a command did not complete.
#[derive(Debug)]
pub enum Failure {
    /// Bad input: every diagnostic, located. Exit 2.
    Invalid(Vec<Diagnostic>),
    /// The committed reports are stale, or a diff found a regression. Exit 1.
    Check(String),
    /// A `--fail-on` threshold was hit: the output so far, and why. Exit 1.
    Threshold { stdout: String, message: String },
    /// Anything else (I/O). Exit 2.
    Other(String),
}

impl From<Vec<Diagnostic>> for Failure {
    fn from(d: Vec<Diagnostic>) -> Failure {
        Failure::Invalid(d)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Terminal,
    Md,
    Html,
    Json,
    Sarif,
}

/// `reports/reports.ron`: which reports are committed, pinned to dates, so they change with the
/// code or the data and never with the calendar.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The date `reports/<cc>/report.*` are pinned to.
    pub current: Date,
    pub countries: Vec<String>,
    /// Past snapshots, written to `reports/<cc>/<date>/`.
    #[serde(default)]
    pub snapshots: Vec<(String, Date)>,
    /// Regional comparisons, as of `current`, written to `reports/<name>/compare.*`.
    #[serde(default)]
    pub regions: Vec<(String, Vec<String>)>,
    /// Current reports also written in another language: `reports/<cc>/report.<lang>.{md,html}`.
    #[serde(default)]
    pub translations: Vec<(String, report::Lang)>,
}

pub struct AnalyzeOptions {
    pub targets: Vec<String>,
    pub as_of: Option<Date>,
    pub out: PathBuf,
    pub formats: Vec<Format>,
    pub rules: Option<PathBuf>,
    pub check: bool,
    pub assume: Vec<(String, Value)>,
    /// A JSON report: `--fail-on` then counts only what is new or worse than it.
    pub baseline: Option<PathBuf>,
    pub fail_on: Option<crate::diff::Threshold>,
    /// The language of the reports' fixed text.
    pub lang: report::Lang,
    /// A folder of templates overriding the embedded ones by name.
    pub templates: Option<PathBuf>,
}

/// One analysis, rendered.
pub fn assess(book: &RuleBook, law: &Law, as_of: Date, assume: &[(String, Value)]) -> Report {
    let assumed: BTreeMap<String, Value> = assume.iter().cloned().collect();
    let analysis = engine::analyze_with(book, law, as_of, &assumed);
    report::build(book, law, &graph::assess(analysis, law))
}

/// What `analyze` has to say and to write, before anything is written.
pub struct Analyzed {
    /// What to print on standard output so far.
    pub stdout: String,
    /// Every report file, by path.
    pub files: Rendered,
    /// Findings at the `--fail-on` threshold, one line each.
    pub hits: Vec<String>,
    has_baseline: bool,
}

/// `analyze`: with countries, analyse each as of `--as-of` (default today) and write its
/// reports; with none, regenerate every report the manifest names (or `--check` them).
/// Returns what to print on standard output.
pub fn analyze(opts: &AnalyzeOptions) -> Result<String, Failure> {
    let Analyzed {
        mut stdout,
        files,
        hits,
        has_baseline,
    } = render(opts)?;
    if opts.check {
        let problems = output::compare(&files, &opts.out);
        if !problems.is_empty() {
            return Err(Failure::Check(format!(
                "{}\n\n{} report file(s) are stale: run `cargo run --release -- analyze` and commit reports/.",
                problems.join("\n"),
                problems.len()
            )));
        }
        let _ = writeln!(stdout, "reports/ is up to date ({} files)", files.len());
        return Ok(stdout);
    }
    output::write_all(&files).map_err(Failure::Other)?;
    for path in files.keys() {
        let _ = writeln!(stdout, "wrote {}", path.display());
    }
    if !hits.is_empty() {
        let against = if has_baseline {
            ", new or worse than the baseline"
        } else {
            ""
        };
        return Err(Failure::Threshold {
            stdout,
            message: format!(
                "--fail-on: {} finding(s) at the threshold{against}:\n  {}",
                hits.len(),
                hits.join("\n  ")
            ),
        });
    }
    Ok(stdout)
}

/// The work of `analyze` without its I/O on reports: load and check the rules and every country,
/// assess each, and render every report file in memory. Countries are loaded, assessed and
/// rendered in parallel (rayon), and the results gathered in the order a sequential run gives,
/// so the output is byte-identical on any number of cores.
pub fn render(opts: &AnalyzeOptions) -> Result<Analyzed, Failure> {
    let (book, _) = rule_book(opts.rules.as_deref())?;
    graph_cmd::check_assumptions(&book, &opts.assume)?;
    let mut jobs: Vec<(String, Date, PathBuf)> = Vec::new();
    let mut regions: Vec<(String, Vec<String>, Date)> = Vec::new();
    let mut translations: Vec<(String, report::Lang, Date)> = Vec::new();
    if opts.targets.is_empty() {
        let manifest = manifest(&opts.out)?;
        for (cc, lang) in &manifest.translations {
            translations.push((cc.clone(), *lang, manifest.current));
        }
        for (name, countries) in &manifest.regions {
            regions.push((name.clone(), countries.clone(), manifest.current));
        }
        for cc in &manifest.countries {
            jobs.push((cc.clone(), manifest.current, opts.out.join(cc)));
        }
        for (cc, date) in &manifest.snapshots {
            jobs.push((cc.clone(), *date, opts.out.join(cc).join(date.to_string())));
        }
    } else {
        for target in &opts.targets {
            let as_of = opts.as_of.unwrap_or_else(Date::today);
            let cc = code_of(target);
            let dir = match opts.as_of {
                Some(date) => opts.out.join(&cc).join(date.to_string()),
                None => opts.out.join(&cc),
            };
            jobs.push((target.clone(), as_of, dir));
        }
    }

    // Load and check everything first: one run reports every diagnostic, and writes nothing.
    let all_targets: Vec<&String> = jobs
        .iter()
        .map(|(t, _, _)| t)
        .chain(regions.iter().flat_map(|(_, cs, _)| cs))
        .chain(translations.iter().map(|(cc, _, _)| cc))
        .collect();
    let mut unique: Vec<&String> = all_targets.clone();
    unique.sort();
    unique.dedup();
    let mut loaded: BTreeMap<&String, Result<Law, Vec<Diagnostic>>> =
        unique.par_iter().map(|t| (*t, law(&book, t))).collect();
    let mut laws = BTreeMap::new();
    let mut diagnostics = Vec::new();
    // As a sequential run would: a country that fails is reported each time it is named.
    for target in all_targets {
        if laws.contains_key(target) {
            continue;
        }
        match loaded.remove(target) {
            Some(Ok(l)) => {
                laws.insert(target.clone(), l);
            }
            Some(Err(d)) => {
                diagnostics.extend(d.iter().cloned());
                loaded.insert(target, Err(d));
            }
            None => {}
        }
    }
    if !diagnostics.is_empty() {
        return Err(Failure::Invalid(diagnostics));
    }

    let baseline = match &opts.baseline {
        Some(path) => Some(read_side(path)?),
        None => None,
    };
    let renderer = report::Renderer::new(opts.templates.as_deref(), opts.lang).map_err(Failure::Other)?;
    let outputs: Vec<Result<JobOutput, Failure>> = jobs
        .par_iter()
        .map(|(target, as_of, dir)| {
            render_job(
                opts,
                &renderer,
                &book,
                &laws[target],
                *as_of,
                dir,
                baseline.as_ref(),
            )
        })
        .collect();
    let mut stdout = String::new();
    let mut files = Rendered::new();
    let mut hits = Vec::new();
    for output in outputs {
        let output = output?;
        stdout.push_str(&output.stdout);
        files.extend(output.files);
        hits.extend(output.hits);
    }
    for (cc, lang, date) in &translations {
        let renderer = report::Renderer::new(opts.templates.as_deref(), *lang).map_err(Failure::Other)?;
        let report = assess(&book, &laws[cc], *date, &[]);
        let prepared = renderer.prepare(&report);
        let dir = opts.out.join(cc);
        let tag = lang.tag();
        let md = renderer.markdown_of(&prepared).map_err(Failure::Other)?;
        files.insert(dir.join(format!("report.{tag}.md")), md);
        let html = renderer.html_of(&prepared).map_err(Failure::Other)?;
        files.insert(dir.join(format!("report.{tag}.html")), html);
    }
    for (name, countries, date) in &regions {
        let reports: Vec<Report> = countries
            .par_iter()
            .map(|c| assess(&book, &laws[c], *date, &[]))
            .collect();
        let comparison = report::compare(&book, &reports);
        let dir = opts.out.join(name);
        files.insert(dir.join("compare.md"), report::compare_markdown(&comparison));
        files.insert(dir.join("compare.json"), report::compare_json(&comparison));
        files.insert(dir.join("compare.html"), report::compare_html(&comparison));
    }
    Ok(Analyzed {
        stdout,
        files,
        hits,
        has_baseline: baseline.is_some(),
    })
}

/// One country on one date: its terminal summary, its report files, its `--fail-on` hits.
struct JobOutput {
    stdout: String,
    files: Vec<(PathBuf, String)>,
    hits: Vec<String>,
}

fn render_job(
    opts: &AnalyzeOptions,
    renderer: &report::Renderer,
    book: &RuleBook,
    law: &Law,
    as_of: Date,
    dir: &Path,
    baseline: Option<&crate::diff::Side>,
) -> Result<JobOutput, Failure> {
    let mut out = JobOutput {
        stdout: String::new(),
        files: Vec::new(),
        hits: Vec::new(),
    };
    let report = assess(book, law, as_of, &opts.assume);
    if !opts.assume.is_empty() && !opts.check {
        out.stdout
            .push_str(&graph_cmd::what_if(book, law, as_of, &opts.assume));
    }
    // Regenerating the manifest's reports is bookkeeping: no summaries on the terminal.
    if opts.formats.contains(&Format::Terminal) && !opts.check && !opts.targets.is_empty() {
        out.stdout.push_str(&report::terminal(&report));
    }
    if opts.formats.contains(&Format::Json) {
        out.files.push((dir.join("report.json"), report::json(&report)));
    }
    if opts.formats.contains(&Format::Md) || opts.formats.contains(&Format::Html) {
        // One view for both documents.
        let prepared = renderer.prepare(&report);
        if opts.formats.contains(&Format::Md) {
            let md = renderer.markdown_of(&prepared).map_err(Failure::Other)?;
            out.files.push((dir.join("report.md"), md));
        }
        if opts.formats.contains(&Format::Html) {
            let html = renderer.html_of(&prepared).map_err(Failure::Other)?;
            out.files.push((dir.join("report.html"), html));
        }
    }
    if opts.formats.contains(&Format::Sarif) {
        out.files
            .push((dir.join("report.sarif"), report::sarif(&report, book)));
    }
    if let Some(threshold) = opts.fail_on {
        let side = crate::diff::Side::from_report(&report);
        let base = baseline.filter(|b| b.country.code == side.country.code);
        for hit in crate::diff::gate(&side, base, threshold) {
            out.hits
                .push(format!("{} ({}): {hit}", report.country.code, report.as_of));
        }
    }
    Ok(out)
}

/// A JSON report file, read as one side of a comparison.
pub fn read_side(path: &Path) -> Result<crate::diff::Side, Failure> {
    let shown = crate::load::display(path);
    let text = std::fs::read_to_string(path).map_err(|e| {
        Failure::Invalid(vec![Diagnostic::new(
            Location::file(&shown),
            "io",
            format!("cannot read: {e}"),
        )
        .hint("give a report.json written by `gapcheck analyze`")])
    })?;
    crate::diff::Side::from_json(&text).map_err(|e| {
        Failure::Invalid(vec![Diagnostic::new(Location::file(&shown), "invalid-value", e)
            .hint("give a report.json written by `gapcheck analyze` (schema_version 1)")])
    })
}

fn manifest(out: &Path) -> Result<Manifest, Failure> {
    let path = out.join("reports.ron");
    let shown = crate::load::display(&path);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        Failure::Invalid(vec![Diagnostic::new(
            Location::file(&shown),
            "io",
            format!("cannot read the manifest: {e}"),
        )
        .hint(
            "name a country (`gapcheck analyze kz`), or run from the folder that holds reports/",
        )])
    })?;
    ron::from_str(&text).map_err(|e| {
        Failure::Invalid(vec![Diagnostic::new(
            Location {
                path: shown,
                line: e.span.start.line,
                col: e.span.start.col,
            },
            "syntax",
            e.code.to_string(),
        )
        .hint("the manifest holds current, countries and snapshots; see README.md")])
    })
}

/// The country code a target names: `kz`, or the last folder of `laws/kz`.
fn code_of(target: &str) -> String {
    let trimmed = target.trim_end_matches('/');
    trimmed.rsplit('/').next().unwrap_or(trimmed).to_ascii_lowercase()
}

/// Parses `--assume FACT=VALUE`: `true`, `false`, a whole number, `a,b` for a set, else text.
pub fn parse_assumption(s: &str) -> Result<(String, Value), String> {
    let (key, value) = s
        .split_once('=')
        .ok_or("write it as FACT=VALUE, e.g. sdp.exists=true")?;
    let value = match value {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        v if v.parse::<i64>().is_ok() => Value::Integer(v.parse().unwrap_or_default()),
        v if v.starts_with('[') => Value::List(
            v.trim_matches(['[', ']'])
                .split(',')
                .map(|s| s.trim().trim_matches('"').to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        ),
        v => Value::Text(v.trim_matches('"').to_string()),
    };
    Ok((key.trim().to_string(), value))
}
