//! The dependency graph: root causes and leverage, `graph`, `explain`, and what-if.

use crate::support::gapcheck;
use serde_json::Value;

const RULES: &str = "tests/fixtures/rules";
const XX: &str = "tests/fixtures/laws/xx";

#[test]
fn graph_formats_for_the_fixture() {
    let json = gapcheck(&[
        "--rules",
        RULES,
        "graph",
        XX,
        "--as-of",
        "2020-01-01",
        "--format",
        "json",
    ]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    insta::assert_snapshot!("fixture-graph-json", json.stdout);
    let dot = gapcheck(&[
        "--rules",
        RULES,
        "graph",
        XX,
        "--as-of",
        "2020-01-01",
        "--format",
        "dot",
    ]);
    insta::assert_snapshot!("fixture-graph-dot", dot.stdout);

    let svg = gapcheck(&[
        "--rules",
        RULES,
        "graph",
        XX,
        "--as-of",
        "2020-01-01",
        "--format",
        "svg",
    ])
    .stdout;
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.trim_end().ends_with("</svg>"));
    let graph: Value = serde_json::from_str(&json.stdout).unwrap();
    let nodes = graph["nodes"].as_array().unwrap().len();
    assert_eq!(svg.matches("<g><title>").count(), nodes, "one box per node");
    assert!(!svg.contains("<script"), "no script in a picture");
}

#[test]
fn around_keeps_the_neighbourhood_only() {
    let run = gapcheck(&[
        "--rules",
        RULES,
        "graph",
        XX,
        "--as-of",
        "2020-01-01",
        "--format",
        "json",
        "--around",
        "1951.34.naturalisation",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let graph: Value = serde_json::from_str(&run.stdout).unwrap();
    let ids: Vec<&str> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"1951.33.non-refoulement"), "its prerequisite");
    assert!(ids.contains(&"refugees/art-2"), "the provision behind it");
    assert!(!ids.contains(&"birth.universal"), "an unrelated rule");
    assert!(!ids.contains(&"civil-code/art-7"), "an unrelated provision");
}

#[test]
fn explain_walks_condition_prerequisites_and_dependents() {
    let run = gapcheck(&[
        "--rules",
        RULES,
        "explain",
        "1951.33.non-refoulement",
        XX,
        "--as-of",
        "2020-01-01",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("fixture-explain", run.stdout);
}

fn kz_2022() -> Value {
    let out = crate::support::scratch("kz-graph");
    let run = gapcheck(&[
        "analyze",
        "kz",
        "--as-of",
        "2022-06-30",
        "--format",
        "json",
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&std::fs::read_to_string(out.join("kz/2022-06-30/report.json")).unwrap()).unwrap()
}

/// UNHCR's fact sheet (2022): without a settled residence status refugees reach neither the rights
/// tied to lawful stay nor naturalisation. The graph must put that first among the refugee rules.
#[test]
fn kazakhstan_root_cause_is_the_refugees_missing_settled_residence() {
    let report = kz_2022();
    let top = &report["root_causes"][0];
    assert_eq!(
        top["rule"], "1951.lawful-stay.residence-title",
        "{}",
        report["root_causes"]
    );
    let unblocks: Vec<&str> = top["unblocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for rule in [
        "1951.lawful-stay.permanent-residence",
        "1951.34.naturalisation",
        "1951.24.labour-social-security",
    ] {
        assert!(unblocks.contains(&rule), "{rule} not in {unblocks:?}");
    }
    assert_eq!(top["leverage"].as_u64().unwrap() as usize, unblocks.len());
    assert!(
        top["provisions"].to_string().contains("Resolution No. 183"),
        "{}",
        top["provisions"]
    );
    // Consequential findings name what blocks them, and are not root causes themselves.
    let finding = |rule: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == rule)
            .unwrap()
            .clone()
    };
    assert!(finding("1951.34.naturalisation")["blocked_by"]
        .to_string()
        .contains("1951.lawful-stay.permanent-residence"));
    assert!(finding("1951.lawful-stay.permanent-residence")["blocked_by"]
        .to_string()
        .contains("1951.lawful-stay.residence-title"));
    let roots: Vec<&str> = report["root_causes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    assert!(
        !roots.contains(&"1951.34.naturalisation"),
        "naturalisation is consequential: {roots:?}"
    );
}

#[test]
fn what_if_an_amendment_gave_refugees_a_lasting_status_and_permanent_residence() {
    let run = gapcheck(&[
        "analyze",
        "kz",
        "--as-of",
        "2022-06-30",
        "--format",
        "terminal",
        "--assume",
        "residence.permanent.open_to_refugees=true",
        "--assume",
        "refugee.status.lapses_without_renewal=false",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let moved = |rule: &str| {
        run.stdout
            .lines()
            .find(|l| l.contains(rule))
            .unwrap_or_else(|| panic!("{rule}: {}", run.stdout))
            .to_string()
    };
    assert!(moved("1951.lawful-stay.residence-title").contains("partial -> met"));
    assert!(moved("1951.lawful-stay.permanent-residence").contains("gap -> met"));

    let bad = gapcheck(&[
        "analyze",
        "kz",
        "--format",
        "terminal",
        "--assume",
        "residence.permanent.open_to_refugee=true",
    ]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr
            .contains("did you mean \"residence.permanent.open_to_refugees\"?"),
        "{}",
        bad.stderr
    );
}
