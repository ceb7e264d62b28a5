//! Located diagnostics: `path:line:col: error[code]: message`, with a hint.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    pub path: String,
    pub line: usize,
    pub col: usize,
    /// Stable kebab-case code, e.g. `unknown-fact`; documented in `Diagnostic::CODES`.
    pub code: &'static str,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    /// Every code a diagnostic may carry, with what it means.
    pub const CODES: &'static [(&'static str, &'static str)] = &[
        ("io", "a file or folder could not be read"),
        ("syntax", "the file is not valid RON"),
        ("unknown-field", "a field the format does not have"),
        ("missing-field", "a required field is absent"),
        ("unknown-variant", "a value not among the allowed words"),
        (
            "invalid-value",
            "a value of the wrong shape, such as a malformed date",
        ),
        ("unknown-fact", "a fact key not declared in rules/facts.ron"),
        (
            "fact-type",
            "a fact value of the wrong type or outside the allowed values",
        ),
        (
            "unknown-instrument",
            "an instrument id not declared in rules/instruments.ron",
        ),
        ("unknown-rule", "depends_on names a rule that does not exist"),
        (
            "unknown-provision",
            "refers_to names a provision that does not exist",
        ),
        (
            "unknown-source",
            "a treaty-table row names a source key that is not listed",
        ),
        ("exists", "a folder or file that would be overwritten"),
        (
            "duplicate-id",
            "two rules, provisions, facts or instruments share an id",
        ),
        (
            "reservation-not-allowed",
            "a reservation to an article the treaty bars reservations to",
        ),
        ("dependency-cycle", "rules that depend on each other in a circle"),
        ("invalid-dates", "a provision that ends before it starts"),
        ("country-code", "country.ron's code does not match its folder"),
    ];

    pub fn new(at: Location, code: &'static str, message: impl Into<String>) -> Diagnostic {
        debug_assert!(Diagnostic::CODES.iter().any(|(c, _)| *c == code), "{code}");
        Diagnostic {
            path: at.path,
            line: at.line,
            col: at.col,
            code,
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// Adds "did you mean ...?" when a known name is close to the one written.
    pub fn suggest<'a>(self, written: &str, known: impl IntoIterator<Item = &'a str>) -> Diagnostic {
        match did_you_mean(written, known) {
            Some(best) => self.hint(format!("did you mean \"{best}\"?")),
            None => self,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: error[{}]: {}",
            self.path, self.line, self.col, self.code, self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// A place in a file, 1-based.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    pub path: String,
    pub line: usize,
    pub col: usize,
}

impl Location {
    pub fn file(path: &str) -> Location {
        Location {
            path: path.to_string(),
            line: 1,
            col: 1,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.path, self.line)
    }
}

/// The closest known name within a small edit distance, if any.
pub fn did_you_mean<'a>(written: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (written.chars().count() / 3).max(2);
    known
        .into_iter()
        .map(|k| (edit_distance(written, k), k))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (diagonal + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut codes: Vec<&str> = Diagnostic::CODES.iter().map(|(c, _)| *c).collect();
        assert!(codes
            .iter()
            .all(|c| c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-')));
        codes.sort();
        let n = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), n, "duplicate diagnostic code");
    }

    /// Every code the sources pass to `Diagnostic::new` is declared (the constructor checks only
    /// in debug builds, at run time, on the paths a run takes).
    #[test]
    fn every_code_used_is_declared() {
        let declared: Vec<&str> = Diagnostic::CODES.iter().map(|(c, _)| *c).collect();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        let mut checked = 0;
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for (i, _) in text.match_indices("Diagnostic::new(") {
                    // The code is the first string literal that follows a comma: the second argument.
                    let rest = &text[i..(i + 600).min(text.len())];
                    let literal = rest
                        .match_indices('"')
                        .step_by(2)
                        .find(|(at, _)| rest[..*at].trim_end().ends_with(','));
                    let Some((start, _)) = literal else { continue };
                    let Some(len) = rest[start + 1..].find('"') else {
                        continue;
                    };
                    let code = &rest[start + 1..start + 1 + len];
                    if !code.is_empty() && code.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                        assert!(
                            declared.contains(&code),
                            "{}: undeclared code {code}",
                            path.display()
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 20, "only {checked} codes found: the scan is broken");
    }

    #[test]
    fn suggests_the_nearest_name() {
        let known = ["sdp.exists", "sdp.appeal", "birth.registration.universal"];
        assert_eq!(did_you_mean("sdp.exist", known), Some("sdp.exists"));
        assert_eq!(did_you_mean("nationality.safeguard", known), None);
    }
}
