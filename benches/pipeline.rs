//! World-scale benchmarks of the pipeline (load -> check -> engine -> graph -> report), the bare
//! parse they are measured against, and a Rego peer (regorus) over the same synthetic corpus.
//!
//! `cargo bench` first checks that regorus and gapcheck agree on every rule's status for every
//! synthetic country, prints peak memory and median times per case (a counting allocator wraps
//! the system one), then runs the divan benchmarks. See BENCHMARKS.md.

mod corpus;
mod rego;

use gapcheck::app::{self, AnalyzeOptions, Format};
use gapcheck::check::{Law, RuleBook};
use gapcheck::model::{Act, Country, Date, FactDef, RuleFile, TreatyTable};
use gapcheck::{engine, graph, report};
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Counts the bytes live now and the most live at once, while `peak_of` measures. Outside it the
/// counters are left alone: shared atomics on every allocation would slow the timed runs, most
/// of all the parallel ones.
struct Counting;

static TRACKING: AtomicBool = AtomicBool::new(false);
static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grow(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        shrink(layout.size());
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grow(layout.size());
        }
        p
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                grow(new_size - layout.size());
            } else {
                shrink(layout.size() - new_size);
            }
        }
        p
    }
}

fn grow(by: usize) {
    if TRACKING.load(Ordering::Relaxed) {
        let now = CURRENT.fetch_add(by, Ordering::Relaxed).wrapping_add(by);
        PEAK.fetch_max(now, Ordering::Relaxed);
    }
}

fn shrink(by: usize) {
    if TRACKING.load(Ordering::Relaxed) {
        CURRENT.fetch_sub(by, Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Runs `f` once and returns the most memory it held at once (bytes allocated and not yet
/// freed during the run; memory freed in the run but allocated before it counts as negative,
/// so the count starts from a margin and reads relative to it).
fn peak_of<T>(f: impl FnOnce() -> T) -> usize {
    const BASE: usize = 1 << 40;
    CURRENT.store(BASE, Ordering::Relaxed);
    PEAK.store(BASE, Ordering::Relaxed);
    TRACKING.store(true, Ordering::SeqCst);
    let out = f();
    let peak = PEAK.load(Ordering::Relaxed);
    TRACKING.store(false, Ordering::SeqCst);
    drop(out);
    peak.saturating_sub(BASE)
}

/// The largest corpus; smaller cases take its first N countries.
const WORLD: usize = 200;
const SCALES: [usize; 3] = [1, 10, WORLD];

fn as_of() -> Date {
    "2025-01-01".parse().expect("a date")
}

struct Fixture {
    rules: PathBuf,
    book: RuleBook,
    dirs: Vec<PathBuf>,
    laws: Vec<Law>,
    out: PathBuf,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let (book, _) = app::rule_book(Some(&rules)).expect("the rules are valid");
        let dirs = corpus::ensure(&rules, &book, WORLD);
        let laws = dirs
            .iter()
            .map(|d| app::law(&book, &d.to_string_lossy()).expect("a synthetic country is valid"))
            .collect();
        let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-out");
        Fixture {
            rules,
            book,
            dirs,
            laws,
            out,
        }
    })
}

/// The report templates, compiled once (as `analyze` does once per run).
fn renderer() -> &'static report::Renderer {
    static RENDERER: std::sync::OnceLock<report::Renderer> = std::sync::OnceLock::new();
    RENDERER.get_or_init(|| report::Renderer::new(None, report::Lang::En).expect("templates"))
}

/// The library-level `analyze` of the first `n` countries: load + check + engine + graph + every
/// report rendered in memory (terminal, md, html, json, sarif); nothing is written.
fn analyze(n: usize) -> app::Analyzed {
    let f = fixture();
    let opts = AnalyzeOptions {
        targets: f.dirs[..n]
            .iter()
            .map(|d| d.to_string_lossy().into_owned())
            .collect(),
        as_of: Some(as_of()),
        out: f.out.clone(),
        formats: vec![
            Format::Terminal,
            Format::Md,
            Format::Html,
            Format::Json,
            Format::Sarif,
        ],
        rules: Some(f.rules.clone()),
        check: false,
        assume: Vec::new(),
        baseline: None,
        fail_on: None,
        lang: gapcheck::report::Lang::En,
        templates: None,
    };
    match app::render(&opts) {
        Ok(a) => a,
        Err(e) => panic!("analyze failed: {e:?}"),
    }
}

/// The floor: read the same RON files and parse them into the model types, with no checks.
fn bare_parse(n: usize) -> usize {
    let f = fixture();
    let mut parsed = parse_folder(&f.rules, |stem, in_facts, text| match stem {
        "instruments" => ron_parse::<Vec<gapcheck::model::Instrument>>(text),
        "treaty-status" => ron_parse::<TreatyTable>(text),
        "facts" => ron_parse::<Vec<FactDef>>(text),
        _ if in_facts => ron_parse::<Vec<FactDef>>(text),
        _ => ron_parse::<RuleFile>(text),
    });
    for dir in &f.dirs[..n] {
        parsed += parse_folder(dir, |stem, _, text| match stem {
            "country" => ron_parse::<Country>(text),
            _ => ron_parse::<Act>(text),
        });
    }
    parsed
}

fn ron_parse<T: serde::de::DeserializeOwned>(text: &str) -> usize {
    let options = ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let value: T = options.from_str(text).expect("valid RON");
    drop(divan::black_box(value));
    1
}

fn parse_folder(dir: &Path, parse: fn(&str, bool, &str) -> usize) -> usize {
    parse_in(dir, false, parse)
}

/// `in_facts`: inside `rules/facts/`, where every file is part of the fact vocabulary.
fn parse_in(dir: &Path, in_facts: bool, parse: fn(&str, bool, &str) -> usize) -> usize {
    let mut count = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("a folder")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            count += parse_in(&path, path.file_name().is_some_and(|n| n == "facts"), parse);
        } else if path.extension().is_some_and(|x| x == "ron") {
            let text = std::fs::read_to_string(&path).expect("readable");
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            count += parse(stem, in_facts, &text);
        }
    }
    count
}

/// gapcheck's engine over the first `n` countries: every finding with evidence and obligation.
fn engine_n(n: usize) -> usize {
    let f = fixture();
    f.laws[..n]
        .iter()
        .map(|law| engine::analyze(&f.book, law, as_of()).findings.len())
        .sum()
}

/// gapcheck's bare status evaluation (the part regorus also does), from prepared snapshots.
fn status_n(snapshots: &[engine::Snapshot]) -> usize {
    let book = &fixture().book;
    snapshots
        .iter()
        .map(|s| {
            book.rules
                .iter()
                .filter(|r| engine::status_of(&r.condition, s) == engine::Status::Met)
                .count()
        })
        .sum()
}

fn snapshots(n: usize) -> Vec<engine::Snapshot> {
    let f = fixture();
    f.laws[..n]
        .iter()
        .map(|law| engine::Snapshot::new(law, as_of(), &Default::default()))
        .collect()
}

fn rego_inputs(n: usize) -> Vec<regorus::Value> {
    let f = fixture();
    snapshots(n)
        .iter()
        .map(|s| regorus::Value::from_json_str(&rego::input(&f.book, s)).expect("JSON"))
        .collect()
}

fn regorus_n(engine: &mut regorus::Engine, inputs: &[regorus::Value]) -> usize {
    inputs
        .iter()
        .map(|input| rego::statuses(engine, input).len())
        .sum()
}

/// Regorus and gapcheck agree on every rule's status for every synthetic country: the
/// comparison measures the same answer.
fn assert_agreement() {
    let f = fixture();
    let mut engine = rego::engine(&f.book);
    let inputs = rego_inputs(WORLD);
    let mut compared = 0;
    let mut by_status = std::collections::BTreeMap::new();
    for (law, input) in f.laws.iter().zip(&inputs) {
        let ours = engine::analyze(&f.book, law, as_of());
        let theirs = rego::statuses(&mut engine, input);
        for finding in &ours.findings {
            let status = report::status_name(finding.status);
            assert_eq!(
                theirs.get(&finding.rule).map(String::as_str),
                Some(status),
                "{}: {} differs between gapcheck and regorus",
                law.country.code,
                finding.rule
            );
            compared += 1;
            *by_status.entry(status).or_insert(0) += 1;
        }
    }
    println!(
        "regorus and gapcheck agree on {compared} statuses ({} rules x {WORLD} countries): {by_status:?}",
        f.book.rules.len()
    );
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    drop(f()); // warm up
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                divan::black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

fn mib(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// The scaling table and the ratios, measured once before divan runs, so one `cargo bench`
/// gives every figure in BENCHMARKS.md. Medians of several runs: the machine is shared.
fn summary() {
    let f = fixture();
    let files: usize = f
        .dirs
        .iter()
        .map(|d| std::fs::read_dir(d).map_or(0, |e| e.count()))
        .sum();
    let provisions: usize = f.laws.iter().map(|l| l.provisions.len()).sum();
    println!(
        "corpus: {WORLD} countries, {files} files, {provisions} provisions; rules: {} rules, {} facts; {} threads",
        f.book.rules.len(),
        f.book.facts.len(),
        rayon::current_num_threads()
    );
    println!(
        "\n| countries | analyze (median) | peak memory | bare parse (median) | parse peak | analyze / parse | analyze, 1 thread | 1 thread / parse |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread pool");
    for n in SCALES {
        let runs = if n == WORLD { 5 } else { 15 };
        let t_analyze = time(runs, || analyze(n));
        let t_parse = time(runs, || bare_parse(n));
        let m_analyze = peak_of(|| analyze(n));
        let m_parse = peak_of(|| bare_parse(n));
        let t_single = one_thread.install(|| time(runs, || analyze(n)));
        println!(
            "| {n} | {} | {} | {} | {} | {:.2} | {} | {:.2} |",
            ms(t_analyze),
            mib(m_analyze),
            ms(t_parse),
            mib(m_parse),
            t_analyze.as_secs_f64() / t_parse.as_secs_f64(),
            ms(t_single),
            t_single.as_secs_f64() / t_parse.as_secs_f64()
        );
    }
    println!("\n| countries | gapcheck engine | gapcheck status only | regorus | engine / regorus | status / regorus |");
    println!("|---:|---:|---:|---:|---:|---:|");
    let mut rego_engine = rego::engine(&f.book);
    for n in [1, WORLD] {
        let runs = if n == WORLD { 5 } else { 25 };
        let snaps = snapshots(n);
        let inputs = rego_inputs(n);
        let t_engine = time(runs, || engine_n(n));
        let t_status = time(runs, || status_n(&snaps));
        let t_rego = time(runs, || regorus_n(&mut rego_engine, &inputs));
        println!(
            "| {n} | {} | {} | {} | {:.3} | {:.3} |",
            ms(t_engine),
            ms(t_status),
            ms(t_rego),
            t_engine.as_secs_f64() / t_rego.as_secs_f64(),
            t_status.as_secs_f64() / t_rego.as_secs_f64()
        );
    }
    let law = &f.laws[0];
    println!("\n| one-country stage | peak memory |\n|---|---:|");
    let analysis = engine::analyze(&f.book, law, as_of());
    let assessment = graph::assess(analysis.clone(), law);
    let report = report::build(&f.book, law, &assessment);
    let rows: [(&str, usize); 9] = [
        ("rules: load + check", peak_of(|| app::rule_book(Some(&f.rules)))),
        (
            "country: load + check",
            peak_of(|| app::law(&f.book, &f.dirs[0].to_string_lossy())),
        ),
        ("engine", peak_of(|| engine::analyze(&f.book, law, as_of()))),
        (
            "graph + root causes",
            peak_of(|| graph::assess(analysis.clone(), law)),
        ),
        ("render terminal", peak_of(|| report::terminal(&report))),
        ("render md", peak_of(|| renderer().markdown(&report))),
        ("render html", peak_of(|| renderer().html(&report))),
        ("render json", peak_of(|| report::json(&report))),
        ("render sarif", peak_of(|| report::sarif(&report, &f.book))),
    ];
    for (name, bytes) in rows {
        println!("| {name} | {} |", mib(bytes));
    }
    println!();
}

fn main() {
    // For a profiler (valgrind --tool=callgrind): GAPCHECK_BENCH_PROFILE=N runs one analyze of
    // N countries, `parse:N` one bare parse, then exits.
    if let Ok(what) = std::env::var("GAPCHECK_BENCH_PROFILE") {
        fixture();
        match what.split_once(':') {
            Some(("parse", n)) => drop(divan::black_box(bare_parse(n.parse().expect("N")))),
            _ => drop(divan::black_box(analyze(what.parse().expect("N")))),
        }
        return;
    }
    // `cargo bench -- --list` and filters still get the checks: they are quick.
    assert_agreement();
    if std::env::var_os("GAPCHECK_BENCH_NO_SUMMARY").is_none() {
        summary();
    }
    divan::main();
}

#[divan::bench]
fn rules_load_and_check() -> RuleBook {
    app::rule_book(Some(&fixture().rules)).expect("valid").0
}

#[divan::bench]
fn country_load_and_check() -> Law {
    let f = fixture();
    app::law(&f.book, &f.dirs[0].to_string_lossy()).expect("valid")
}

#[divan::bench]
fn engine_one_country() -> engine::Analysis {
    let f = fixture();
    engine::analyze(&f.book, &f.laws[0], as_of())
}

#[divan::bench]
fn graph_and_root_causes(bencher: divan::Bencher) {
    let f = fixture();
    let analysis = engine::analyze(&f.book, &f.laws[0], as_of());
    bencher
        .with_inputs(|| analysis.clone())
        .bench_local_values(|a| graph::assess(a, &f.laws[0]));
}

#[divan::bench]
fn report_build(bencher: divan::Bencher) {
    let f = fixture();
    let assessment = graph::assess(engine::analyze(&f.book, &f.laws[0], as_of()), &f.laws[0]);
    bencher.bench_local(|| report::build(&f.book, &f.laws[0], &assessment));
}

#[divan::bench(args = ["terminal", "md", "html", "json", "sarif"])]
fn render(bencher: divan::Bencher, format: &str) {
    let f = fixture();
    let assessment = graph::assess(engine::analyze(&f.book, &f.laws[0], as_of()), &f.laws[0]);
    let r = report::build(&f.book, &f.laws[0], &assessment);
    bencher.bench_local(|| match format {
        "terminal" => report::terminal(&r),
        "md" => renderer().markdown(&r).expect("renders"),
        "html" => renderer().html(&r).expect("renders"),
        "json" => report::json(&r),
        _ => report::sarif(&r, &f.book),
    });
}

#[divan::bench(args = SCALES, sample_count = 10, sample_size = 1)]
fn analyze_countries(n: usize) -> app::Analyzed {
    analyze(n)
}

#[divan::bench(args = SCALES, sample_count = 10, sample_size = 1)]
fn bare_parse_countries(n: usize) -> usize {
    bare_parse(n)
}

#[divan::bench(args = [1, WORLD], sample_count = 10, sample_size = 1)]
fn peer_gapcheck_engine(n: usize) -> usize {
    engine_n(n)
}

#[divan::bench(args = [1, WORLD], sample_count = 10, sample_size = 1)]
fn peer_gapcheck_status(bencher: divan::Bencher, n: usize) {
    let snaps = snapshots(n);
    bencher.bench_local(|| status_n(&snaps));
}

#[divan::bench(args = [1, WORLD], sample_count = 10, sample_size = 1)]
fn peer_regorus(bencher: divan::Bencher, n: usize) {
    let mut engine = rego::engine(&fixture().book);
    let inputs = rego_inputs(n);
    bencher.bench_local(|| regorus_n(&mut engine, &inputs));
}
