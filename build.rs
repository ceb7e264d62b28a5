//! Embeds `rules/` and `laws/` in the binary, so `gapcheck analyze kz` works from any folder.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    let mut files = Vec::new();
    for root in ["rules", "laws"] {
        println!("cargo:rerun-if-changed={root}");
        collect(Path::new(root), &mut files);
    }
    files.sort();
    let mut out = String::from("pub static FILES: &[(&str, &str)] = &[\n");
    for path in &files {
        let abs = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join(path);
        writeln!(out, "    ({path:?}, include_str!({:?})),", abs.display()).unwrap();
    }
    out.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("embedded.rs"), out).unwrap();
}

fn collect(dir: &Path, files: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "ron") {
            files.push(path.to_string_lossy().replace('\\', "/"));
        }
    }
}
