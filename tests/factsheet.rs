//! What UNHCR's Kazakhstan fact sheet (2022, ../shared/reference/unhcr-kazakhstan-factsheet-2022.md)
//! says about the law, reproduced by the analysis. Each claim maps to findings with the status the
//! sheet implies, on the sheet's date (30 June 2022), and where the law changed since, today's
//! report says so with the source.

use crate::support::{gapcheck, scratch};
use serde_json::Value;

fn report(date: &str) -> Value {
    let out = scratch(&format!("factsheet-{date}"));
    let run = gapcheck(&[
        "analyze",
        "kz",
        "--as-of",
        date,
        "--format",
        "json",
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&std::fs::read_to_string(out.join("kz").join(date).join("report.json")).unwrap())
        .unwrap()
}

fn finding<'a>(report: &'a Value, rule: &str) -> &'a Value {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule}"))
}

fn status<'a>(report: &'a Value, rule: &str) -> &'a str {
    finding(report, rule)["status"].as_str().unwrap()
}

fn cites(report: &Value, rule: &str) -> String {
    finding(report, rule)["evidence"].to_string()
}

#[test]
fn the_2022_fact_sheet_claims_hold_in_the_analysis() {
    let (before, sheet, today) = (report("2014-01-01"), report("2022-06-30"), report("2026-11-27"));

    // "Without permanent residency status, they do not have access to most socio-economic rights,
    // including naturalisation."
    assert_eq!(status(&sheet, "1951.lawful-stay.permanent-residence"), "gap");
    assert_eq!(status(&sheet, "1951.34.naturalisation"), "gap");
    assert!(finding(&sheet, "1951.34.naturalisation")["blocked_by"]
        .to_string()
        .contains("1951.lawful-stay.permanent-residence"));

    // Access to the territory and an effective referral from the border need strengthening.
    assert!(matches!(
        status(&sheet, "1951.33.access-to-procedure"),
        "gap" | "partial"
    ));
    assert_eq!(status(&sheet, "asylum-access.8.border-referral"), "gap");

    // The 2019 Global Refugee Forum pledge on machine-readable Convention travel documents: still a
    // pledge in 2022, the evidence says so.
    assert_eq!(status(&sheet, "icao-9303.part-4.refugees-mrctd"), "gap");
    assert!(cites(&sheet, "icao-9303.part-4.refugees-mrctd").contains("2019 Global Refugee Forum"));

    // Since 2014: statelessness determination introduced and every child registered at birth,
    // whatever the parents' status; neither before.
    for rule in [
        "unhcr-sdp.part-two.procedure-exists",
        "birth-registration.7.universal",
    ] {
        assert_eq!(
            (status(&before, rule), status(&sheet, rule)),
            ("gap", "met"),
            "{rule}"
        );
    }

    // UNHCR advocates accession to the 1954 and 1961 Conventions: not party.
    for rule in ["1954.accession", "1961.accession"] {
        assert_eq!(status(&sheet, rule), "gap", "{rule}");
        assert_eq!(finding(&sheet, rule)["obligation"], "not_party", "{rule}");
    }

    // Changed since the sheet, with the source: refugees may now apply for permanent residence,
    // and the 2024 refugee certificate is machine-readable.
    assert_eq!(status(&today, "1951.lawful-stay.permanent-residence"), "met");
    assert!(cites(&today, "1951.lawful-stay.permanent-residence").contains("Migration"));
    assert_eq!(status(&today, "icao-9303.part-4.refugees-mrctd"), "met");
    assert!(cites(&today, "icao-9303.part-4.refugees-mrctd").contains("157"));
}
