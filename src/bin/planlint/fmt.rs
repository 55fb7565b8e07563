//! `planlint fmt`: finds the rules files, formats each, and writes, lists or diffs the changes.

use crate::cli::{exit, report_options, write_diagnostic, write_text};
use crate::plan_dir;
use planlint::diagnostic::Diagnostic;
use planlint::report::{self, Language};
use planlint::tools::format::{self, FormatRun};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `fmt` does with a file whose layout differs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    Check,
    Diff,
}

/// Formats every rules file named or under the folders named; returns the exit code.
pub fn run(paths: &[PathBuf], mode: Mode, language: Language, out: &mut dyn Write) -> u8 {
    let options = report_options(language);
    let mut run = FormatRun::default();
    let here = [PathBuf::from(".")];
    let paths = if paths.is_empty() { &here[..] } else { paths };
    for path in rules_files(paths, &mut run, language, out) {
        let shown = path.display().to_string();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) => {
                write_diagnostic(out, plan_dir::io_error(&path, &error), language);
                run.refused += 1;
                continue;
            }
        };
        let formatted = match format::format_text(&shown, &text) {
            Ok(formatted) => formatted,
            Err(problems) => {
                write_text(out, &report::render_diagnostics(&problems, &options));
                write_text(out, &format::refused_line(&shown, language));
                run.refused += 1;
                continue;
            }
        };
        if formatted == text {
            run.unchanged += 1;
            continue;
        }
        run.changed += 1;
        match mode {
            Mode::Write => {
                if let Err(error) = std::fs::write(&path, &formatted) {
                    write_diagnostic(out, plan_dir::io_error(&path, &error), language);
                    run.changed -= 1;
                    run.refused += 1;
                }
            }
            Mode::Check => write_text(out, &format::would_change_line(&shown, language)),
            Mode::Diff => write_text(out, &format::unified_diff(&shown, &text, &formatted)),
        }
    }
    write_text(out, &run.summary(mode == Mode::Write, language));
    if run.refused > 0 {
        exit::TROUBLE
    } else if mode != Mode::Write && run.changed > 0 {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

/// The files named, and the `.rules` files under the folders named (ignore files honoured,
/// hidden folders skipped), each once, in order.
fn rules_files(
    paths: &[PathBuf],
    run: &mut FormatRun,
    language: Language,
    out: &mut dyn Write,
) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut walk = ignore::WalkBuilder::new(path);
            walk.require_git(false).sort_by_file_path(|a, b| a.cmp(b));
            for entry in walk.build() {
                match entry {
                    Ok(entry) => {
                        let is_file = entry.file_type().is_some_and(|t| t.is_file());
                        if is_file && entry.path().extension().is_some_and(|e| e == "rules") {
                            found.push(entry.path().to_path_buf());
                        }
                    }
                    Err(error) => {
                        let io = std::io::Error::other(error.to_string());
                        write_diagnostic(out, plan_dir::io_error(path, &io), language);
                        run.refused += 1;
                    }
                }
            }
        } else if path.exists() {
            found.push(path.clone());
        } else {
            let error = std::io::Error::from(std::io::ErrorKind::NotFound);
            let problem: Diagnostic = plan_dir::io_error(Path::new(path), &error);
            write_diagnostic(out, problem, language);
            run.refused += 1;
        }
    }
    found.dedup();
    found
}
