//! Central Asia: the five countries analyse cleanly, and the regional comparison.

use crate::support::{gapcheck, gapcheck_in, scratch};
use serde_json::Value;

const REGION: [&str; 5] = ["kz", "kg", "tj", "tm", "uz"];

#[test]
fn the_five_countries_validate_and_every_unknown_names_what_is_missing() {
    let run = gapcheck(&["validate", "rules", "laws"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "no problems found\n"),
        "{}",
        run.stderr
    );
    for cc in REGION {
        let report: Value = serde_json::from_str(
            &std::fs::read_to_string(format!("{}/reports/{cc}/report.json", env!("CARGO_MANIFEST_DIR")))
                .unwrap(),
        )
        .unwrap();
        for f in report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["status"] == "unknown")
        {
            let missing =
                f["missing_facts"].as_array().unwrap().len() + f["disputed_facts"].as_array().unwrap().len();
            assert!(
                missing > 0,
                "{cc}: {} is unknown but names no missing fact",
                f["rule"]
            );
        }
    }
}

#[test]
fn the_comparison_knows_who_is_bound_by_what() {
    let run = gapcheck(&[
        "compare",
        "kz",
        "kg",
        "tj",
        "tm",
        "uz",
        "--as-of",
        "2026-11-27",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let c: Value = serde_json::from_str(&run.stdout).unwrap();
    let codes: Vec<&str> = c["countries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, REGION);
    let (tm, uz) = (3, 4);
    for section in c["sections"].as_array().unwrap() {
        let instrument = section["instrument"].as_str().unwrap();
        for row in section["rows"].as_array().unwrap() {
            let cells = row["cells"].as_array().unwrap();
            if matches!(instrument, "1954" | "1961") {
                assert_eq!(
                    cells[tm]["obligation"], "binding",
                    "Turkmenistan, {}",
                    row["rule"]
                );
            }
            if instrument == "1951" {
                assert_eq!(
                    cells[uz]["obligation"], "not_party",
                    "Uzbekistan, {}",
                    row["rule"]
                );
            }
        }
    }
    // A neighbour's provision is offered as a model where one country meets what another misses.
    assert!(
        c.to_string().contains("'s law does this in"),
        "no model provision found"
    );
}

#[test]
fn the_regional_matrix_is_pinned() {
    let run = gapcheck(&["compare", "kz", "kg", "tj", "tm", "uz", "--as-of", "2026-11-27"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("central-asia-matrix", run.stdout);
}

/// `init` for a State with no folder: it validates, and analyses to unknown findings with the
/// obligations its treaty status implies.
#[test]
fn init_starts_any_state_from_the_treaty_table() {
    let dir = scratch("init");
    let rules = format!("{}/rules", env!("CARGO_MANIFEST_DIR"));
    let run = gapcheck_in(&dir, &["--rules", &rules, "init", "fr"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let again = gapcheck_in(&dir, &["--rules", &rules, "init", "fr"]);
    assert_eq!(again.code, 2, "init never overwrites");

    let valid = gapcheck_in(&dir, &["--rules", &rules, "validate", "laws/fr"]);
    assert_eq!(
        (valid.code, valid.stdout.as_str()),
        (0, "no problems found\n"),
        "{}",
        valid.stderr
    );
    let out = dir.join("out");
    let run = gapcheck_in(
        &dir,
        &[
            "--rules",
            &rules,
            "analyze",
            "laws/fr",
            "--as-of",
            "2026-11-27",
            "--format",
            "json",
            "--out",
            &out.to_string_lossy(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("fr/2026-11-27/report.json")).unwrap())
            .unwrap();
    for f in report["findings"].as_array().unwrap() {
        let rule = f["rule"].as_str().unwrap();
        if !rule.ends_with(".accession") {
            assert_eq!(f["status"], "unknown", "{rule}");
        }
        // France is party to 1951, 1967 and 1954, and signed but did not ratify 1961.
        let expected = match f["instrument"].as_str().unwrap() {
            "1951" | "1967" | "1954" => "binding",
            "1961" => "not_party",
            _ => "guidance",
        };
        assert_eq!(f["obligation"], expected, "{rule}");
    }

    let q = gapcheck_in(&dir, &["--rules", &rules, "init", "fr", "--questionnaire"]);
    assert_eq!(q.code, 0, "{}", q.stderr);
    let md = std::fs::read_to_string(dir.join("questionnaire-fr.md")).unwrap();
    let asked = report["progress"]["facts_asked"].as_u64().unwrap() as usize;
    assert_eq!(
        md.matches("\n**").count(),
        asked,
        "one question per fact the rules ask"
    );
    assert!(
        md.contains("1961 Convention Art. 1"),
        "questions name the articles that depend on them"
    );
}
