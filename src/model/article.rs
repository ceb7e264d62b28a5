//! Article pinpoints (`33`, `16(1)`, `1C(5)`, `I(2)`) and the scopes that cover them (`36-46`).

/// Whether `scope` (a reservation, a non-reservable list entry, an incorporated range) covers
/// `article`. `17` covers `17(2)`; `1` covers `1C` but not `16`; `36-46` covers `40`;
/// `I` covers `I(2)` but not `IV`.
pub fn covers(scope: &str, article: &str) -> bool {
    if let Some((low, high)) = scope.split_once('-') {
        if let (Ok(low), Ok(high), (token, _)) = (low.parse::<u32>(), high.parse::<u32>(), split(article)) {
            return token.parse::<u32>().is_ok_and(|n| (low..=high).contains(&n));
        }
    }
    let (scope_token, scope_rest) = split(scope);
    let (token, rest) = split(article);
    scope_token == token && rest.starts_with(scope_rest)
}

/// The article number (digits, or a Roman numeral) and what follows it.
fn split(article: &str) -> (&str, &str) {
    let article = article.trim();
    let end = if article.starts_with(|c: char| c.is_ascii_digit()) {
        article.find(|c: char| !c.is_ascii_digit())
    } else {
        article.find(|c: char| !matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
    }
    .unwrap_or(article.len());
    article.split_at(end)
}

#[cfg(test)]
mod tests {
    use super::covers;

    #[test]
    fn whole_articles_cover_their_paragraphs() {
        assert!(covers("17", "17"));
        assert!(covers("17", "17(2)"));
        assert!(covers("1", "1C(5)"));
        assert!(!covers("1", "16"));
        assert!(!covers("17(1)", "17(2)"));
        assert!(covers("16(1)", "16(1)"));
        assert!(!covers("16(1)", "16(10)"));
    }

    #[test]
    fn ranges_and_roman_numerals() {
        assert!(covers("36-46", "40"));
        assert!(covers("2-34", "33(1)"));
        assert!(!covers("2-34", "1A(2)"));
        assert!(!covers("36-46", "35"));
        assert!(covers("I", "I(2)"));
        assert!(!covers("I", "IV"));
    }
}
