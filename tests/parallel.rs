//! Countries are analysed on every core: the output must not depend on how many there are.

#[path = "../benches/corpus.rs"]
mod corpus;

use gapcheck::app::{self, AnalyzeOptions, Format};
use std::path::Path;

#[test]
fn parallel_analysis_is_byte_identical_to_sequential() {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let (book, _) = app::rule_book(Some(&rules)).expect("the rules are valid");
    let mut targets: Vec<String> = corpus::ensure(&rules, &book, 12)
        .iter()
        .map(|d| d.to_string_lossy().into_owned())
        .collect();
    targets.push(format!("{}/laws/kz", env!("CARGO_MANIFEST_DIR")));
    let opts = AnalyzeOptions {
        targets,
        as_of: Some("2025-01-01".parse().expect("a date")),
        out: Path::new(env!("CARGO_TARGET_TMPDIR")).join("parallel"),
        formats: vec![
            Format::Terminal,
            Format::Md,
            Format::Html,
            Format::Json,
            Format::Sarif,
        ],
        rules: Some(rules),
        check: false,
        assume: Vec::new(),
        baseline: None,
        fail_on: None,
        lang: gapcheck::report::Lang::En,
        templates: None,
    };
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool");
        pool.install(|| app::render(&opts)).expect("the corpus analyses")
    };
    let sequential = run(1);
    let parallel = run(4);
    assert_eq!(sequential.files.len(), 13 * 4);
    assert_eq!(sequential.stdout, parallel.stdout);
    assert_eq!(
        sequential.files.keys().collect::<Vec<_>>(),
        parallel.files.keys().collect::<Vec<_>>()
    );
    for (path, text) in &sequential.files {
        assert!(parallel.files[path] == *text, "{} differs", path.display());
    }
}
