//! Finding the rules and law folders a command names: embedded copies, or folders on disk.

use crate::check::{self, Law, RuleBook};
use crate::load::{self, Diagnostic, Location, Origin};
use std::path::{Path, PathBuf};

/// The rules: `--rules DIR`, else `./rules` when run inside a gapcheck checkout, else embedded.
pub fn rule_book(rules_dir: Option<&Path>) -> Result<(RuleBook, Origin), Vec<Diagnostic>> {
    let origin = match rules_dir {
        Some(dir) => Origin::Disk(dir.to_path_buf()),
        None if Path::new("rules/instruments.ron").is_file() => Origin::Disk(PathBuf::from("rules")),
        None => Origin::Embedded,
    };
    let name = match &origin {
        Origin::Disk(dir) => load::display(dir),
        Origin::Embedded => "rules".into(),
    };
    let files = load::folder(&name, &origin).map_err(|d| vec![d])?;
    let (raw, mut diagnostics) = load::rules(files, &name);
    match check::rules(raw) {
        Ok(book) if diagnostics.is_empty() => Ok((book, origin)),
        Ok(_) => Err(diagnostics),
        Err(more) => {
            diagnostics.extend(more);
            Err(diagnostics)
        }
    }
}

/// A country argument: a folder path, or a code (`kz`) read from `./laws/kz` when present,
/// else from the embedded copy.
pub fn law_origin(target: &str) -> Result<(String, Origin), Diagnostic> {
    let path = Path::new(target);
    if path.is_dir() {
        return Ok((load::display(path), Origin::Disk(path.to_path_buf())));
    }
    let code = target.to_ascii_lowercase();
    let local = PathBuf::from("laws").join(&code);
    if local.join("country.ron").is_file() {
        return Ok((load::display(&local), Origin::Disk(local)));
    }
    let dir = format!("laws/{code}");
    if load::embedded_has(&dir) {
        return Ok((dir, Origin::Embedded));
    }
    let known = load::embedded_countries();
    Err(Diagnostic::new(
        Location::file(target),
        "io",
        format!("no country \"{target}\" and no such folder"),
    )
    .suggest(&code, known.iter().map(String::as_str))
    .or_hint(format!(
        "countries shipped: {}; or give a folder path",
        known.join(", ")
    )))
}

pub fn law(book: &RuleBook, target: &str) -> Result<Law, Vec<Diagnostic>> {
    let (dir, origin) = law_origin(target).map_err(|d| vec![d])?;
    let files = load::folder(&dir, &origin).map_err(|d| vec![d])?;
    let (raw, mut diagnostics) = load::law(files, &dir);
    match check::law(book, raw) {
        Ok(law) if diagnostics.is_empty() => Ok(law),
        Ok(_) => Err(diagnostics),
        Err(more) => {
            diagnostics.extend(more);
            diagnostics.sort();
            diagnostics.dedup();
            Err(diagnostics)
        }
    }
}

/// `validate PATH...`: every diagnostic of every folder named, at once.
/// A path is a rules folder (has `instruments.ron`), a country folder (has `country.ron`),
/// a project (has `rules/` and/or `laws/`), or a folder of any of these.
pub fn validate(paths: &[PathBuf], rules_dir: Option<&Path>) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for path in paths {
        validate_path(path, rules_dir, &mut diagnostics);
    }
    diagnostics
}

fn validate_path(path: &Path, rules_dir: Option<&Path>, diagnostics: &mut Vec<Diagnostic>) {
    let rules_here = path.join("rules");
    let laws_here = path.join("laws");
    if path.join("instruments.ron").is_file() {
        if let Err(d) = rule_book(Some(path)) {
            diagnostics.extend(d);
        }
    } else if path.join("country.ron").is_file() {
        match rule_book(rules_dir) {
            Ok((book, _)) => {
                diagnostics.extend(law(&book, &path.to_string_lossy()).err().unwrap_or_default())
            }
            Err(d) => diagnostics.extend(d),
        }
    } else if rules_here.is_dir() || laws_here.is_dir() {
        let rules = if rules_here.is_dir() {
            Some(rules_here.as_path())
        } else {
            rules_dir
        };
        match rule_book(rules) {
            Ok((book, _)) => {
                for country in subfolders(&laws_here) {
                    diagnostics.extend(law(&book, &country.to_string_lossy()).err().unwrap_or_default());
                }
            }
            Err(d) => diagnostics.extend(d),
        }
    } else if has_ron_files(path) {
        // RON files but no country.ron: a country folder missing its country file.
        match rule_book(rules_dir) {
            Ok((book, _)) => {
                diagnostics.extend(law(&book, &path.to_string_lossy()).err().unwrap_or_default())
            }
            Err(d) => diagnostics.extend(d),
        }
    } else if path.is_dir() && !subfolders(path).is_empty() {
        for sub in subfolders(path) {
            validate_path(&sub, rules_dir, diagnostics);
        }
    } else {
        diagnostics.push(
            Diagnostic::new(
                Location::file(&load::display(path)),
                "io",
                "nothing to validate here",
            )
            .hint("give a rules folder, a country folder (laws/kz), or a folder of them"),
        );
    }
}

fn has_ron_files(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .any(|e| e.path().extension().is_some_and(|x| x == "ron"))
        })
        .unwrap_or(false)
}

fn subfolders(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs
}
