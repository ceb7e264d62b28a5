//! Writing reports: every file rendered first, then each written to a temporary file and
//! renamed, so a failed run leaves the earlier reports intact.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Files to write, by path, with their contents.
pub type Rendered = BTreeMap<PathBuf, String>;

pub fn write_all(files: &Rendered) -> Result<(), String> {
    let mut staged = Vec::new();
    for (path, text) in files {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("{}: cannot create folder: {e}", dir.display()))?;
        }
        let tmp = tmp_path(path);
        if let Err(e) = std::fs::write(&tmp, text) {
            for t in &staged {
                let _ = std::fs::remove_file(t);
            }
            return Err(format!("{}: cannot write: {e}", tmp.display()));
        }
        staged.push(tmp);
    }
    for (tmp, path) in staged.iter().zip(files.keys()) {
        std::fs::rename(tmp, path).map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    }
    Ok(())
}

fn tmp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    path.with_file_name(name)
}

/// Differences between what is on disk and what would be written, as short readable notes.
/// Report files on disk that nothing produces any more are stale too.
pub fn compare(files: &Rendered, root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, expected) in files {
        match std::fs::read_to_string(path) {
            Err(_) => problems.push(format!(
                "{}: missing; run `gapcheck analyze` to write it",
                path.display()
            )),
            Ok(actual) if &actual != expected => problems.push(first_difference(path, &actual, expected)),
            Ok(_) => {}
        }
    }
    let mut on_disk = Vec::new();
    collect_reports(root, &mut on_disk);
    for path in on_disk {
        if !files.contains_key(&path) {
            problems.push(format!(
                "{}: no longer produced by the manifest; delete it",
                path.display()
            ));
        }
    }
    problems
}

fn collect_reports(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect_reports(&path, out);
        } else if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("report.") || n.starts_with("compare."))
        {
            out.push(path);
        }
    }
}

fn first_difference(path: &Path, actual: &str, expected: &str) -> String {
    let (a, e): (Vec<&str>, Vec<&str>) = (actual.lines().collect(), expected.lines().collect());
    let line = a
        .iter()
        .zip(&e)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(e.len()));
    format!(
        "{}:{}: differs from what the code and data produce\n  - committed: {}\n  + expected:  {}",
        path.display(),
        line + 1,
        a.get(line).unwrap_or(&"(end of file)"),
        e.get(line).unwrap_or(&"(end of file)")
    )
}
