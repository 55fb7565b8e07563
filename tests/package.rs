//! The published crate can build: every file its sources include is in `Cargo.toml`'s `include`.

use std::path::{Component, Path, PathBuf};

/// The patterns of `include = [ … ]` in `Cargo.toml`.
fn included_patterns(manifest: &str) -> Vec<String> {
    let start = manifest
        .find("\ninclude = [")
        .expect("Cargo.toml has an include list");
    let list = &manifest[start..];
    let end = list.find(']').expect("the include list ends");
    list[..end]
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// Whether a path relative to the crate is matched by one of the patterns this crate uses: an
/// exact path, `DIR/**`, or a file name ending in `*`.
fn matches(pattern: &str, path: &str) -> bool {
    if let Some(dir) = pattern.strip_suffix("/**") {
        path.starts_with(&format!("{dir}/"))
    } else if let Some(prefix) = pattern.strip_suffix('*') {
        path.starts_with(prefix) && !path[prefix.len()..].contains('/')
    } else {
        path == pattern
    }
}

/// `a/b/../c` as `a/c`.
fn normalised(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Every `.rs` file under a folder.
fn sources(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the folder reads").flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn every_file_the_sources_include_is_packaged() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml reads");
    let patterns = included_patterns(&manifest);
    assert!(patterns.iter().any(|p| p == "src/**"), "{patterns:?}");
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let mut checked = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).expect("a source reads");
        for macro_name in ["include_str!(\"", "include_bytes!(\""] {
            for (at, _) in text.match_indices(macro_name) {
                let rest = &text[at + macro_name.len()..];
                let literal = &rest[..rest.find('"').expect("the literal ends")];
                let included = normalised(&file.parent().expect("a folder").join(literal));
                let relative = included
                    .strip_prefix(root)
                    .expect("an included file inside the crate")
                    .to_string_lossy()
                    .replace('\\', "/");
                assert!(
                    included.exists(),
                    "{} includes `{literal}`, which does not exist",
                    file.display()
                );
                assert!(
                    patterns.iter().any(|p| matches(p, &relative)),
                    "{} includes `{relative}`, which Cargo.toml's `include` leaves out",
                    file.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 5, "only {checked} included files found");
}

#[test]
fn the_patterns_match_as_cargo_reads_them() {
    assert!(matches("src/**", "src/serve/page/page.js"));
    assert!(!matches("src/**", "docs/openapi.json"));
    assert!(matches("docs/openapi.json", "docs/openapi.json"));
    assert!(matches("LICENSE-*", "LICENSE-MIT"));
    assert!(!matches("LICENSE-*", "LICENSE-MIT/x"));
}
