//! The command line on fixtures: located diagnostics, exit codes, atomic writes.

use crate::support::{fixture, gapcheck, gapcheck_in, scratch};

const RULES: &str = "tests/fixtures/rules";

fn bad_cases() -> Vec<String> {
    let mut cases: Vec<String> = std::fs::read_dir(fixture("bad"))
        .expect("fixtures")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    cases
}

#[test]
fn each_broken_input_gets_a_located_diagnostic_and_exit_2() {
    for case in bad_cases() {
        let run = gapcheck(&[
            "--rules",
            RULES,
            "validate",
            &format!("tests/fixtures/bad/{case}"),
        ]);
        assert_eq!(run.code, 2, "{case}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{case} printed to stdout");
        // Every diagnostic starts with path:line:col and names the fixture.
        let first = run.stderr.lines().next().unwrap_or_default();
        assert!(
            first.starts_with(&format!("tests/fixtures/bad/{case}/")),
            "{case}: {first}"
        );
        insta::assert_snapshot!(
            format!("bad-{case}"),
            format!("exit {}\n{}", run.code, run.stderr)
        );
    }
}

#[test]
fn one_run_reports_every_broken_input() {
    let run = gapcheck(&["--rules", RULES, "validate", "tests/fixtures/bad"]);
    assert_eq!(run.code, 2);
    let located: Vec<&str> = run.stderr.lines().filter(|l| l.contains(": error[")).collect();
    for case in bad_cases() {
        assert!(
            located
                .iter()
                .any(|l| l.starts_with(&format!("tests/fixtures/bad/{case}/"))),
            "{case} missing from the combined run"
        );
    }
    assert!(run
        .stderr
        .contains(&format!("{} problem(s); nothing was written.", located.len())));
}

#[test]
fn the_good_fixture_validates_and_analyses() {
    let run = gapcheck(&["--rules", RULES, "validate", "tests/fixtures/laws/xx"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "no problems found\n"),
        "{}",
        run.stderr
    );

    let out = scratch("good-fixture");
    let out_arg = out.to_string_lossy();
    let run = gapcheck(&[
        "--rules",
        RULES,
        "analyze",
        "tests/fixtures/laws/xx",
        "--as-of",
        "2020-01-01",
        "--out",
        &out_arg,
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = std::fs::read_to_string(out.join("xx/2020-01-01/report.json")).expect("report written");
    insta::assert_snapshot!("good-fixture-json", json);
}

#[test]
fn a_failed_run_writes_nothing_and_keeps_earlier_reports() {
    let out = scratch("atomic");
    let out_arg = out.to_string_lossy();
    let args = |target: &str| {
        vec![
            "--rules".to_string(),
            RULES.into(),
            "analyze".into(),
            target.into(),
            "--as-of".into(),
            "2020-01-01".into(),
            "--out".into(),
            out_arg.to_string(),
        ]
    };
    let good = gapcheck(
        &args(&fixture("laws/xx"))
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert_eq!(good.code, 0, "{}", good.stderr);
    let before = std::fs::read_to_string(out.join("xx/2020-01-01/report.md")).expect("report");

    // A broken folder named xx: same output path, invalid input.
    let broken = scratch("atomic-input").join("xx");
    std::fs::create_dir_all(&broken).unwrap();
    for f in ["country.ron", "refugees.ron"] {
        std::fs::copy(fixture(&format!("bad/unknown-fact/{f}")), broken.join(f)).unwrap();
    }
    let bad = gapcheck(
        &args(&broken.to_string_lossy())
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("error[unknown-fact]"), "{}", bad.stderr);
    assert_eq!(
        std::fs::read_to_string(out.join("xx/2020-01-01/report.md")).unwrap(),
        before
    );
    let leftovers: Vec<_> = std::fs::read_dir(out.join("xx/2020-01-01"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn usage_errors_exit_2_with_a_hint() {
    let run = gapcheck(&["analyze", "kz", "--as-of", "2014-13-01"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not a day of the calendar"), "{}", run.stderr);
    let run = gapcheck(&["explain", "1951.34.naturalization", "kz"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean \"1951.34.naturalisation\"?"),
        "{}",
        run.stderr
    );
    let run = gapcheck_in(
        std::path::Path::new("/"),
        &["analyze", "kaz", "--format", "terminal"],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("did you mean \"kz\"?"), "{}", run.stderr);
}
