//! The rule catalogue: generated, committed, and covering every obligation-bearing article.

use crate::support::gapcheck;

#[test]
fn committed_catalogue_is_current() {
    let run = gapcheck(&["rules", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/CATALOGUE.md");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == run.stdout,
        "rules/CATALOGUE.md is stale: run `cargo run -- rules --format md > rules/CATALOGUE.md`"
    );
}

#[test]
fn every_obligation_bearing_article_of_the_four_treaties_is_covered() {
    let run = gapcheck(&["rules", "--coverage"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for treaty in [
        "1951 Convention",
        "1967 Protocol",
        "1954 Convention",
        "1961 Convention",
    ] {
        let line = run.stdout.lines().find(|l| l.starts_with(treaty)).expect(treaty);
        assert!(
            line.contains("articles covered"),
            "{treaty} has no article list: {line}"
        );
        let counts = line.rsplit(", ").next().unwrap_or_default();
        let (covered, total) = counts
            .split_once(" obligation")
            .and_then(|(c, _)| c.split_once('/'))
            .expect(line);
        assert_eq!(covered, total, "{line}\n{}", run.stdout);
    }
}
