//! The reviewer's workflow: diff, baseline gating, SARIF, waivers.

use crate::support::{fixture, gapcheck, scratch};
use std::path::{Path, PathBuf};
use std::process::Command;

const RULES: &str = "tests/fixtures/rules";

/// A copy of a law folder in a scratch folder, to edit.
fn copy_law(from: &str, name: &str) -> PathBuf {
    let dir = scratch(name).join(Path::new(from).file_name().unwrap());
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    dir
}

/// Replaces text in a file, insisting the text was there (so an edit cannot silently miss).
fn edit(file: &Path, old: &str, new: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(old), "{} does not contain {old}", file.display());
    std::fs::write(file, text.replacen(old, new, 1)).unwrap();
}

#[test]
fn diff_names_opened_and_closed_gaps_with_their_provisions() {
    let changed = copy_law(&fixture("laws/xx"), "diff-fixture");
    edit(
        &changed.join("refugees.ron"),
        "\"refugee.non_refoulement\": true",
        "\"refugee.non_refoulement\": false",
    );
    edit(
        &changed.join("refugees.ron"),
        "\"naturalisation.residence_years.refugees\": 10",
        "\"naturalisation.residence_years.refugees\": 4",
    );
    let args = |format: &str| {
        gapcheck(&[
            "--rules",
            RULES,
            "diff",
            "tests/fixtures/laws/xx",
            &changed.to_string_lossy(),
            "--as-of",
            "2020-01-01",
            "--format",
            format,
        ])
    };
    let text = args("terminal");
    assert_eq!(text.code, 0, "{}", text.stderr);
    let text = text.stdout.replace(&*changed.to_string_lossy(), "CHANGED");
    insta::assert_snapshot!("diff-fixture-terminal", text);
    let md = args("md").stdout.replace(&*changed.to_string_lossy(), "CHANGED");
    insta::assert_snapshot!("diff-fixture-md", md);

    let gate = gapcheck(&[
        "--rules",
        RULES,
        "diff",
        "tests/fixtures/laws/xx",
        &changed.to_string_lossy(),
        "--as-of",
        "2020-01-01",
        "--fail-on-regression",
    ]);
    assert_eq!(gate.code, 1, "non-refoulement got worse: {}", gate.stdout);
    let reverse = gapcheck(&[
        "--rules",
        RULES,
        "diff",
        &changed.to_string_lossy(),
        "tests/fixtures/laws/xx",
        "--as-of",
        "2020-01-01",
        "--format",
        "json",
    ]);
    assert_eq!(reverse.code, 0);
    let json: serde_json::Value = serde_json::from_str(&reverse.stdout).unwrap();
    assert_eq!(json["closed"][0]["rule"], "1951.33.non-refoulement");
}

#[test]
fn kazakhstan_2014_to_2022_closes_determination_and_birth_registration() {
    let run = gapcheck(&[
        "diff",
        "kz",
        "--as-of",
        "2014-01-01",
        "--as-of",
        "2022-06-30",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let diff: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let closed = diff["closed"].as_array().unwrap();
    for rule in [
        "birth-registration.7.universal",
        "unhcr-sdp.part-two.procedure-exists",
    ] {
        let change = closed
            .iter()
            .find(|c| c["rule"] == rule)
            .unwrap_or_else(|| panic!("{rule} not closed: {diff}"));
        assert!(
            !change["evidence_added"].as_array().unwrap().is_empty(),
            "{rule}: which provision closed it?"
        );
    }
    let text = gapcheck(&["diff", "kz", "--as-of", "2014-01-01", "--as-of", "2022-06-30"]).stdout;
    insta::assert_snapshot!("diff-kz-2014-2022", text);
}

/// Baseline gating on a copy of Kazakhstan's law, as of 2022-06-30.
#[test]
fn baseline_fails_on_a_new_gap_and_passes_when_one_closes() {
    let out = scratch("baseline");
    let base = gapcheck(&[
        "analyze",
        "kz",
        "--as-of",
        "2022-06-30",
        "--format",
        "json",
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(base.code, 0, "{}", base.stderr);
    let baseline = out.join("kz/2022-06-30/report.json");
    let gate = |law: &Path| {
        gapcheck(&[
            "analyze",
            &law.to_string_lossy(),
            "--as-of",
            "2022-06-30",
            "--format",
            "json",
            "--out",
            &out.join("runs").to_string_lossy(),
            "--baseline",
            &baseline.to_string_lossy(),
            "--fail-on",
            "gap",
        ])
    };
    let unchanged = copy_law("laws/kz", "baseline-same");
    assert_eq!(
        gate(&unchanged).code,
        0,
        "nothing new: {}",
        gate(&unchanged).stderr
    );

    let opened = copy_law("laws/kz", "baseline-open");
    edit(
        &opened.join("statelessness-order.ron"),
        "\"sdp.exists\": true",
        "\"sdp.exists\": false",
    );
    let run = gate(&opened);
    assert_eq!(run.code, 1, "a new gap must fail: {}", run.stderr);
    assert!(
        run.stderr
            .contains("unhcr-sdp.part-two.procedure-exists: gap (was met)"),
        "{}",
        run.stderr
    );

    // Closing a gap the baseline has (an asylum exemption added to the border-crossing offence)
    // passes, and the closed finding is better than the baseline, not a hit.
    let closed = copy_law("laws/kz", "baseline-close");
    edit(
        &closed.join("criminal-code.ron"),
        "\"border.illegal_entry.refugee_penalty_exemption\": false",
        "\"border.illegal_entry.refugee_penalty_exemption\": true",
    );
    let run = gate(&closed);
    assert_eq!(run.code, 0, "closing a gap must pass: {}", run.stderr);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("runs/kz/2022-06-30/report.json")).unwrap())
            .unwrap();
    let f = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "1951.31.non-penalisation")
        .unwrap();
    assert_ne!(f["status"], "gap", "the edit closed the non-penalisation gap");
}

fn schema_validate(sarif: &Path) -> Option<Result<(), String>> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/sarif-schema.sh");
    let schema = Command::new("bash").arg(script).output().ok()?;
    let schema = String::from_utf8_lossy(&schema.stdout).trim().to_string();
    if schema.is_empty() || !Path::new(&schema).is_file() {
        return None;
    }
    let check = "import json,sys,jsonschema\nschema=json.load(open(sys.argv[1]))\njsonschema.validate(json.load(open(sys.argv[2])), schema)\n";
    let out = Command::new("python3")
        .args(["-c", check, &schema])
        .arg(sarif)
        .output()
        .ok()?;
    if String::from_utf8_lossy(&out.stderr).contains("No module named") {
        return None;
    }
    Some(if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    })
}

#[test]
fn sarif_locates_gaps_on_the_law_lines_and_validates_against_the_schema() {
    let out = scratch("sarif");
    let run = gapcheck(&[
        "--rules",
        RULES,
        "analyze",
        "tests/fixtures/laws/xx",
        "--as-of",
        "2020-01-01",
        "--format",
        "sarif",
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = out.join("xx/2020-01-01/report.sarif");
    let text = std::fs::read_to_string(&path).unwrap();
    insta::assert_snapshot!("fixture-sarif", text);
    let sarif: serde_json::Value = serde_json::from_str(&text).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "1951.34.naturalisation");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "tests/fixtures/laws/xx/refugees.ron"
    );
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        14
    );

    match schema_validate(&path) {
        Some(result) => result.expect("SARIF 2.1.0 schema"),
        None if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("the SARIF schema or jsonschema is missing in CI")
        }
        None => eprintln!("skipped: SARIF schema validation (npm or python3 jsonschema not available)"),
    }
    // The validator must be able to fail: a result without a message is invalid SARIF.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    let broken_path = out.join("broken.sarif");
    std::fs::write(&broken_path, broken.to_string()).unwrap();
    if let Some(result) = schema_validate(&broken_path) {
        assert!(result.is_err(), "a result without a message must fail the schema");
    }
}

fn waiver(rule: &str, expires: &str) -> String {
    format!(
        r#"[(rule: "{rule}", reason: "A bill is before parliament.", authority: "Draft Law No. 1 (2020)", accepted_by: "UNHCR legal unit", expires: "{expires}")]"#
    )
}

#[test]
fn waivers_hold_until_they_expire_or_stop_matching() {
    let out = scratch("waivers-out");
    let run = |law: &Path| {
        gapcheck(&[
            "--rules",
            RULES,
            "analyze",
            &law.to_string_lossy(),
            "--as-of",
            "2020-01-01",
            "--format",
            "json",
            "--out",
            &out.to_string_lossy(),
            "--fail-on",
            "gap",
        ])
    };
    let unwaived = copy_law(&fixture("laws/xx"), "waiver-none");
    let r = run(&unwaived);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("1951.34.naturalisation: gap"), "{}", r.stderr);

    // Each case: a copy of the fixture with one waiver, the exit code and what stderr must say.
    let with_waiver = |name: &str, rule: &str, expires: &str| {
        let law = copy_law(&fixture("laws/xx"), name);
        std::fs::write(law.join("waivers.ron"), waiver(rule, expires)).unwrap();
        run(&law)
    };
    let r = with_waiver("waiver-active", "1951.34.naturalisation", "2021-12-31");
    assert_eq!(r.code, 0, "an active waiver holds: {}", r.stderr);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("xx/2020-01-01/report.json")).unwrap())
            .unwrap();
    let f = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "1951.34.naturalisation");
    let f = f.unwrap();
    assert_eq!(
        (f["status"].as_str(), f["waived"].as_bool()),
        (Some("gap"), Some(true)),
        "keeps its status"
    );

    for (name, rule, expires, code, says) in [
        (
            "waiver-expired",
            "1951.34.naturalisation",
            "2019-12-31",
            1,
            "1951.34.naturalisation: waiver expired",
        ),
        (
            "waiver-stale",
            "1951.33.non-refoulement",
            "2021-12-31",
            1,
            "1951.33.non-refoulement: waiver unmatched",
        ),
        (
            "waiver-unknown",
            "1951.34.naturalization",
            "2021-12-31",
            2,
            "waivers.ron:1:9: error[unknown-rule]",
        ),
    ] {
        let r = with_waiver(name, rule, expires);
        assert_eq!(r.code, code, "{name}: {}", r.stderr);
        assert!(r.stderr.contains(says), "{name}: {}", r.stderr);
    }
}
