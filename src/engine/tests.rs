//! Engine tests on small in-memory rule books and law folders: status and obligation.

use super::{analyze, Obligation, Status};
use crate::check::{self, Law, RuleBook};
use crate::load::{self, SourceFile};
use crate::model::Date;

fn file(path: &str, text: &str) -> SourceFile {
    SourceFile::new(path, text)
}

const SOURCE: &str = r#"(url: "https://example.org", retrieved: "2026-11-27", confidence: primary)"#;

fn book() -> RuleBook {
    let instruments = format!(
        r#"[
        (id: "T", title: "Treaty", short: "T", kind: treaty, reservations: all_except(["1"]), source: {SOURCE}),
        (id: "P", title: "Protocol", short: "P", kind: treaty, incorporates: [(instrument: "T", articles: ["2-9"])], source: {SOURCE}),
        (id: "G", title: "Guidance", short: "G", kind: guidance, source: {SOURCE}),
    ]"#
    );
    let facts = r#"[
        (key: "a", type: bool, meaning: "A.", question: "A?"),
        (key: "b", type: bool, meaning: "B.", question: "B?"),
        (key: "years", type: integer("years"), meaning: "Years.", question: "How many?"),
    ]"#;
    let rules = r#"(instrument: "T", rules: [
        (id: "T.1", article: "1", title: "One", obligation: "o", protects: [refugee], standard: absolute,
         severity: high, condition: all([is("a", true), is("b", true)]), recommendation: "r1"),
        (id: "T.5", article: "5", title: "Five", obligation: "o", protects: [refugee], standard: nationals,
         severity: medium, condition: at_most("years", 5), depends_on: ["T.1"], recommendation: "r5"),
    ])"#;
    let guidance = r#"(instrument: "G", rules: [
        (id: "G.1", article: "1", title: "Soft", obligation: "o", protects: [child], standard: outcome,
         severity: low, condition: is("a", true), recommendation: "rg"),
    ])"#;
    let (raw, diagnostics) = load::rules(
        vec![
            file("rules/instruments.ron", &instruments),
            file("rules/facts.ron", facts),
            file("rules/t.ron", rules),
            file("rules/g.ron", guidance),
        ],
        "rules",
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    check::rules(raw).expect("valid rules")
}

/// A law folder with the given treaty entries and one act asserting `facts` from 2010.
fn law(book: &RuleBook, treaties: &str, facts: &str) -> Law {
    let country = format!(r#"(code: "xx", name: "X", treaties: [{treaties}])"#);
    let act = format!(
        r#"(title: "Act", short: "Act", provisions: [
            (id: "art-1", cites: "Act, Art. 1", in_force: (from: "2010-01-01", until: Some("2019-12-31")),
             summary: "s", source: {SOURCE}, facts: {{{facts}}}),
        ])"#
    );
    let (raw, diagnostics) = load::law(
        vec![
            file("laws/xx/country.ron", &country),
            file("laws/xx/act.ron", &act),
        ],
        "laws/xx",
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    check::law(book, raw).expect("valid law")
}

fn party(instrument: &str, reservations: &str) -> String {
    format!(
        r#"(instrument: "{instrument}", action: accession, date: "2000-01-01", reservations: [{reservations}], source: {SOURCE})"#
    )
}

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

fn find<'a>(findings: &'a [super::Finding], rule: &str) -> &'a super::Finding {
    findings.iter().find(|f| f.rule == rule).unwrap()
}

#[test]
fn obligation_follows_party_status_reservations_and_soft_law() {
    let book = book();
    let reserved = r#"(article: "5", summary: "keeps a longer period")"#;
    let law = law(&book, &party("T", reserved), r#""a": true"#);
    let findings = analyze(&book, &law, date("2015-01-01")).findings;
    assert_eq!(find(&findings, "T.1").obligation, Obligation::Binding);
    assert_eq!(find(&findings, "T.5").obligation, Obligation::Reserved);
    assert!(find(&findings, "T.5")
        .recommendation
        .starts_with("Withdraw the reservation to Art. 5"));
    assert_eq!(find(&findings, "G.1").obligation, Obligation::Guidance);

    // Before accession the same rules are benchmarks.
    let before = analyze(&book, &law, date("1999-12-31")).findings;
    assert_eq!(find(&before, "T.1").obligation, Obligation::NotParty);
    assert!(find(&before, "T.1")
        .recommendation
        .starts_with("Accede to the T."));
}

#[test]
fn a_protocol_binds_the_articles_it_incorporates() {
    let book = book();
    let law = law(&book, &party("P", ""), "");
    let findings = analyze(&book, &law, date("2015-01-01")).findings;
    assert_eq!(
        find(&findings, "T.5").obligation,
        Obligation::Binding,
        "Art. 5 is within 2-9"
    );
    assert_eq!(
        find(&findings, "T.1").obligation,
        Obligation::NotParty,
        "Art. 1 is not incorporated"
    );
}

#[test]
fn status_is_three_valued_and_dated() {
    let book = book();
    let law = law(&book, &party("T", ""), r#""a": true, "years": 7"#);
    let findings = analyze(&book, &law, date("2015-01-01")).findings;
    let one = find(&findings, "T.1");
    assert_eq!(
        one.status,
        Status::Unknown,
        "b is not asserted: unknown, not false"
    );
    assert_eq!(one.missing_facts, vec!["b".to_string()]);
    assert_eq!(one.evidence.len(), 1);
    assert_eq!(one.evidence[0].line, 2);
    let five = find(&findings, "T.5");
    assert_eq!(five.status, Status::Gap);
    assert_eq!(five.blocked_by, vec!["T.1".to_string()]);

    // After the provision's last day in force, nothing is known.
    let later = analyze(&book, &law, date("2020-01-01")).findings;
    assert_eq!(find(&later, "T.5").status, Status::Unknown);
}

#[test]
fn partial_when_some_required_elements_hold() {
    let book = book();
    let law = law(&book, &party("T", ""), r#""a": true, "b": false"#);
    let findings = analyze(&book, &law, date("2015-01-01")).findings;
    assert_eq!(find(&findings, "T.1").status, Status::Partial);
    let none = self::law(&book, &party("T", ""), r#""a": false, "b": false"#);
    assert_eq!(
        find(&analyze(&book, &none, date("2015-01-01")).findings, "T.1").status,
        Status::Gap
    );
    let all = self::law(&book, &party("T", ""), r#""a": true, "b": true"#);
    assert_eq!(
        find(&analyze(&book, &all, date("2015-01-01")).findings, "T.1").status,
        Status::Met
    );
}
