//! Kazakhstan, the first country: its reports on two dates, and what changed between them.

use crate::support::{gapcheck, scratch};
use serde_json::Value;

/// The JSON report for Kazakhstan as of `date`, written to a scratch folder.
fn report(date: &str) -> (String, Value) {
    let out = scratch(&format!("kz-{date}"));
    let run = gapcheck(&[
        "analyze",
        "kz",
        "--as-of",
        date,
        "--out",
        &out.to_string_lossy(),
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(out.join("kz").join(date).join("report.json")).expect("report");
    let json = serde_json::from_str(&text).expect("valid JSON");
    (text, json)
}

fn status<'a>(report: &'a Value, rule: &str) -> &'a str {
    report["findings"]
        .as_array()
        .and_then(|fs| fs.iter().find(|f| f["rule"] == rule))
        .and_then(|f| f["status"].as_str())
        .unwrap_or_else(|| panic!("no finding for {rule}"))
}

#[test]
fn json_report_as_of_2014() {
    let (text, _) = report("2014-01-01");
    insta::assert_snapshot!("kz-2014-01-01-json", text);
}

#[test]
fn json_report_as_of_2022() {
    let (text, _) = report("2022-06-30");
    insta::assert_snapshot!("kz-2022-06-30-json", text);
}

#[test]
fn birth_registration_and_statelessness_determination_changed_between_2014_and_2022() {
    let (_, before) = report("2014-01-01");
    let (_, after) = report("2022-06-30");
    for rule in [
        "birth-registration.7.universal",
        "unhcr-sdp.part-two.procedure-exists",
    ] {
        assert_eq!(status(&before, rule), "gap", "{rule} in 2014");
        assert_eq!(status(&after, rule), "met", "{rule} in 2022");
    }
}

#[test]
fn kazakhstan_is_bound_by_1951_and_1967_and_not_party_to_1954_or_1961() {
    let (_, now) = report("2022-06-30");
    for f in now["findings"].as_array().unwrap() {
        let expected = match f["instrument"].as_str().unwrap() {
            "1954" | "1961" => "not_party",
            "1951" | "1967" => "binding",
            _ => "guidance",
        };
        assert_eq!(f["obligation"], expected, "{}", f["rule"]);
    }
}

#[test]
fn committed_reports_are_what_the_code_and_data_produce() {
    let run = gapcheck(&["analyze", "--check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}
