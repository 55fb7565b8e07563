//! Embeds the default plan folder under `rules/` into the binary, so `planlint` needs no files.
//!
//! The default is the folder named in `rules/DEFAULT`, or the only folder under `rules/`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rerun-if-changed=rules");
    let rules = Path::new("rules");
    let default = std::fs::read_to_string(rules.join("DEFAULT"))
        .ok()
        .map(|s| s.trim().to_string())
        .or_else(|| {
            let mut folders: Vec<String> = std::fs::read_dir(rules)
                .into_iter()
                .flatten()
                .flatten()
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            folders.sort();
            (folders.len() == 1).then(|| folders.remove(0))
        });
    // Every folder is embedded, not only the default: the default's parents and the schema folder
    // they share are found among them by name when the plan is compiled.
    let mut files = Vec::new();
    if default.is_some() {
        for entry in std::fs::read_dir(rules).into_iter().flatten().flatten() {
            if entry.path().is_dir() {
                collect(&entry.path(), &mut files);
            }
        }
    }
    files.sort();
    let mut code = String::new();
    let _ = writeln!(
        code,
        "/// The default plan's folder name, if one is embedded."
    );
    let _ = writeln!(
        code,
        "pub const DEFAULT_PLAN: Option<&str> = {:?};",
        default
    );
    let _ = writeln!(
        code,
        "/// Every file of the default plan: its path under `rules/` and its bytes."
    );
    let _ = writeln!(code, "pub const FILES: &[(&str, &[u8])] = &[");
    for file in &files {
        let absolute = std::fs::canonicalize(file).unwrap_or_else(|_| file.clone());
        println!("cargo::rerun-if-changed={}", file.display());
        let relative = file
            .strip_prefix(rules)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/");
        let _ = writeln!(
            code,
            "    ({relative:?}, include_bytes!({:?})),",
            absolute.to_string_lossy()
        );
    }
    let _ = writeln!(code, "];");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("embedded_plan.rs");
    if let Err(error) = std::fs::write(&out, code) {
        panic!("cannot write {}: {error}", out.display());
    }
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path
            .extension()
            .is_some_and(|e| e == "rules" || e == "txt" || e == "yaml" || e == "yml" || e == "md")
        {
            files.push(path);
        }
    }
}
