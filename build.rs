//! Embeds the default plan folder under `rules/` into the binary, so `planlint` needs no files,
//! with the precompiled form of its chain (`rules/precompiled.bin`) when that form is fresh.
//!
//! The default is the folder named in `rules/DEFAULT`, or the only folder under `rules/`.
//! The precompiled form starts with the fingerprint of what it was made from: the embedded
//! files, the front end's sources and grammar, and `Cargo.lock`. It is embedded only when that
//! fingerprint is this build's, so a plan or a compiler edited since is compiled from its text.

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
    let fingerprint = fingerprint(default.as_deref(), rules, &files);
    let _ = writeln!(
        code,
        "/// SHA-256 of the embedded files, the front end's sources and `Cargo.lock`."
    );
    let _ = writeln!(code, "pub const FINGERPRINT: [u8; 32] = {fingerprint:?};");
    let precompiled = rules.join(PRECOMPILED);
    println!("cargo::rerun-if-changed={}", precompiled.display());
    let fresh = std::fs::read(&precompiled)
        .is_ok_and(|bytes| bytes.len() > 32 && bytes[..32] == fingerprint);
    let _ = writeln!(
        code,
        "/// The chain's precompiled form, when it was made from exactly these files and sources."
    );
    if fresh {
        let absolute = std::fs::canonicalize(&precompiled).unwrap_or(precompiled);
        let _ = writeln!(
            code,
            "pub const PRECOMPILED: Option<&[u8]> = Some(include_bytes!({:?}));",
            absolute.to_string_lossy()
        );
    } else {
        let _ = writeln!(code, "pub const PRECOMPILED: Option<&[u8]> = None;");
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("embedded_plan.rs");
    if let Err(error) = std::fs::write(&out, code) {
        panic!("cannot write {}: {error}", out.display());
    }
}

/// Where the precompiled form of the default chain is kept, under `rules/`.
const PRECOMPILED: &str = "precompiled.bin";

/// The sources whose change can change the compiled plan: the front end (the model, the syntax
/// stage and its grammar, resolution, the quote check, the leaf utilities) and the locked
/// dependencies (pest, the Chinese conversion tables).
const FRONT_END: &[&str] = &[
    "grammar",
    "src/base",
    "src/syntax",
    "src/resolve",
    "src/citation",
    "src/model.rs",
    "src/compile.rs",
    "src/precompiled.rs",
    "Cargo.lock",
];

/// SHA-256 over the default plan's name and every input of its compiled form, each as its path,
/// its length and its bytes, in path order.
fn fingerprint(default: Option<&str>, rules: &Path, embedded: &[PathBuf]) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut inputs: Vec<(String, PathBuf)> = embedded
        .iter()
        .map(|path| {
            let name = path.strip_prefix(rules).unwrap_or(path);
            (
                format!("rules/{}", name.to_string_lossy().replace('\\', "/")),
                path.clone(),
            )
        })
        .collect();
    for source in FRONT_END {
        println!("cargo::rerun-if-changed={source}");
        let path = Path::new(source);
        if path.is_dir() {
            let mut found = Vec::new();
            collect_sources(path, &mut found);
            inputs.extend(
                found
                    .into_iter()
                    .map(|p| (p.to_string_lossy().replace('\\', "/"), p)),
            );
        } else if path.exists() {
            inputs.push((source.to_string(), path.to_path_buf()));
        }
    }
    inputs.sort();
    let mut hasher = Sha256::new();
    hasher.update(default.unwrap_or("").as_bytes());
    for (name, path) in &inputs {
        let bytes = std::fs::read(path).unwrap_or_default();
        hasher.update((name.len() as u64).to_le_bytes());
        hasher.update(name.as_bytes());
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    hasher.finalize().into()
}

/// Every file under a source folder.
fn collect_sources(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_sources(&path, files);
        } else {
            files.push(path);
        }
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
