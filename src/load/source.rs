//! Where RON files come from: the copies embedded at build time, or a folder on disk.

use super::{Diagnostic, Location};
use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// One RON file's text and the path diagnostics name it by.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    /// Byte offset of each line's start, so locating an offset is a binary search rather than a
    /// count of the newlines before it (which made checking a file quadratic in its length).
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// The file name without `.ron`: the namespace of the provisions it holds.
    pub fn stem(&self) -> &str {
        let name = self.path.rsplit('/').next().unwrap_or(&self.path);
        name.strip_suffix(".ron").unwrap_or(name)
    }

    /// 1-based line and column of a byte offset.
    pub fn location(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        // The number of lines that start at or before the offset: its 1-based line.
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let col = self.text[start..offset].chars().count() + 1;
        Location {
            path: self.path.clone(),
            line,
            col,
        }
    }

    /// Where `field: "value"` is written (e.g. `id: "art-11"`), at or after `from`.
    pub fn find_field(&self, field: &str, value: &str, from: usize) -> Option<usize> {
        let quoted = format!("\"{value}\"");
        let mut start = from;
        while let Some(found) = self.text.get(start..)?.find(&quoted) {
            let at = start + found;
            let before = self.text[..at].trim_end();
            if before.strip_suffix(':').is_some_and(|b| b.ends_with(field)) {
                return Some(at);
            }
            start = at + quoted.len();
        }
        None
    }

    /// Where the quoted string `value` is written, at or after `from`.
    pub fn find_quoted(&self, value: &str, from: usize) -> Option<usize> {
        let quoted = format!("\"{value}\"");
        self.text.get(from..)?.find(&quoted).map(|i| from + i)
    }
}

/// Where a set of files was read from, for the terminal summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Embedded,
    Disk(PathBuf),
}

/// The files of one folder (`rules`, `laws/kz`), recursively, sorted by path.
pub fn folder(dir: &str, origin: &Origin) -> Result<Vec<SourceFile>, Diagnostic> {
    match origin {
        Origin::Embedded => {
            let prefix = format!("{}/", dir.trim_end_matches('/'));
            Ok(embedded::FILES
                .iter()
                .filter(|(path, _)| path.starts_with(&prefix))
                .map(|(path, text)| SourceFile::new(*path, *text))
                .collect())
        }
        Origin::Disk(root) => {
            let mut files = Vec::new();
            read_dir(root, &mut files)?;
            files.sort_by(|a, b| a.path.cmp(&b.path));
            Ok(files)
        }
    }
}

/// Whether the embedded copy has this folder (`laws/kz`).
pub fn embedded_has(dir: &str) -> bool {
    let prefix = format!("{dir}/");
    embedded::FILES.iter().any(|(p, _)| p.starts_with(&prefix))
}

/// Country codes of the embedded `laws/` folders.
pub fn embedded_countries() -> Vec<String> {
    let mut codes: Vec<String> = embedded::FILES
        .iter()
        .filter_map(|(p, _)| {
            p.strip_prefix("laws/")?
                .split_once('/')
                .map(|(cc, _)| cc.to_string())
        })
        .collect();
    codes.dedup();
    codes
}

fn read_dir(dir: &Path, files: &mut Vec<SourceFile>) -> Result<(), Diagnostic> {
    let io = |e: std::io::Error| {
        Diagnostic::new(Location::file(&display(dir)), "io", format!("cannot read: {e}"))
            .hint("check that the path exists and is a folder of .ron files")
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            read_dir(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "ron") {
            let text = std::fs::read_to_string(&path).map_err(|e| {
                Diagnostic::new(Location::file(&display(&path)), "io", format!("cannot read: {e}"))
            })?;
            files.push(SourceFile::new(display(&path), text));
        }
    }
    Ok(())
}

/// A path as diagnostics print it: relative, with forward slashes.
pub fn display(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").unwrap_or(&s).to_string()
}
