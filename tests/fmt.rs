//! `planlint fmt` as a maintainer and CI run it: `--check` and `--diff` change nothing and exit 1
//! on a change, a file with syntax errors is refused whole while the others are formatted.

mod common;

use common::planlint;
use std::path::{Path, PathBuf};

/// A fresh folder holding copies of the named fixtures.
fn scratch(name: &str, fixtures: &[&str]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("planlint-fmt-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    for fixture in fixtures {
        let from = Path::new("tests/fixtures/fmt").join(fixture);
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(from);
        std::fs::copy(&from, dir.join(fixture)).expect("the fixture copies");
    }
    dir
}

#[test]
fn the_embedded_plans_pass_fmt_check() {
    let (code, out) = planlint(&["fmt", "--check", "rules"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("0 files would be reformatted, 23 already formatted"),
        "{out}"
    );
}

#[test]
fn check_lists_what_would_change_and_changes_nothing() {
    let dir = scratch("check", &["layout.rules", "comments.rules"]);
    let before = std::fs::read(dir.join("layout.rules")).expect("readable");
    let shown = dir.display().to_string();
    let (code, out) = planlint(&["fmt", "--check", "--lang", "en", &shown]);
    assert_eq!(code, 1, "a file that would change exits 1:\n{out}");
    let out = out.replace(&shown, "DIR");
    insta::assert_snapshot!("fmt_check", out);
    assert_eq!(
        before,
        std::fs::read(dir.join("layout.rules")).expect("readable")
    );
}

#[test]
fn diff_prints_a_unified_diff() {
    let (code, out) = planlint(&[
        "fmt",
        "--diff",
        "--lang",
        "en",
        "tests/fixtures/fmt/layout.rules",
    ]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with(
            "--- tests/fixtures/fmt/layout.rules\n+++ tests/fixtures/fmt/layout.rules\n"
        )
    );
    insta::assert_snapshot!("fmt_diff", out);
}

#[test]
fn writing_formats_every_file_once() {
    let dir = scratch("write", &["layout.rules", "width.rules"]);
    let shown = dir.display().to_string();
    let (code, out) = planlint(&["fmt", "--lang", "en", &shown]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out, "2 files reformatted, 0 left unchanged\n");
    let (code, out) = planlint(&["fmt", "--lang", "zh", &shown]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out, "已重新格式化 0 个文件，2 个未变\n");
    let (code, _) = planlint(&["fmt", "--check", &shown]);
    assert_eq!(code, 0, "the written files are formatted");
}

#[test]
fn a_file_with_syntax_errors_is_refused_and_the_rest_formatted() {
    let dir = scratch("refused", &["layout.rules"]);
    let broken = "rule R \"t\" {\n  must a and\n}\n";
    std::fs::write(dir.join("broken.rules"), broken).expect("writable");
    let shown = dir.display().to_string();
    let (code, out) = planlint(&["fmt", "--lang", "en", &shown]);
    assert_eq!(code, 2, "a refused file exits 2:\n{out}");
    assert_eq!(
        broken,
        std::fs::read_to_string(dir.join("broken.rules")).expect("readable")
    );
    let formatted = std::fs::read_to_string(dir.join("layout.rules")).expect("readable");
    assert!(
        formatted.starts_with("// Spacing"),
        "the good file is still formatted"
    );
    assert!(formatted.contains("\nplan layout-2025 {\n  title \"版式\"\n"));
    insta::assert_snapshot!("fmt_refused", out.replace(&shown, "DIR"));
}

#[test]
fn a_missing_path_is_an_error() {
    let (code, out) = planlint(&["fmt", "--lang", "en", "no/such/file.rules"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("no/such/file.rules"), "{out}");
}
