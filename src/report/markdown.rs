//! Escaping for the Markdown report: text from rules and law summaries never becomes markup.

/// Escapes what Markdown (and the HTML GitHub allows inside it) would read as markup.
pub fn escape_markdown(text: &str) -> String {
    let special = |c: char| {
        matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '&' | '\n'
        )
    };
    // Most text has nothing to escape: copy it whole.
    if !text.contains(special) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Only http(s) links survive; anything else (`javascript:`, `data:`) becomes `#`.
pub fn safe_url(url: &str) -> String {
    let lower = url.trim().to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.contains([' ', '<', '>', '(', ')', '"', '\'', '`'])
    {
        url.trim().to_string()
    } else {
        "#".to_string()
    }
}

/// A code span: backticks inside become quotes, so the span cannot be closed early.
pub fn code(text: &str) -> String {
    format!("`{}`", text.replace('`', "'").replace('\n', " "))
}
