//! Reads a plan from disk into memory: a folder of rules files, or one rules file on its own.

// A `Diagnostic` is large, but it only travels on error paths, where boxing buys nothing.
#![allow(clippy::result_large_err)]

use planlint::diagnostic::{Diagnostic, ReadProblem};
use planlint::{Plan, PlanFiles};
use std::path::{Path, PathBuf};

/// Reads and compiles the plan at `path`, or the embedded one when there is none.
pub fn load(path: Option<&Path>) -> Result<Plan, Diagnostic> {
    let Some(path) = path else {
        return Plan::embedded()
            .ok_or_else(|| Diagnostic::read_problem(ReadProblem::NoEmbeddedPlan));
    };
    let (files, root) = read(path)?;
    Ok(compile(&files, &root))
}

/// Compiles files read from `root`; an official text outside it (`text "../x.txt"`) is read on
/// demand.
pub fn compile(files: &PlanFiles, root: &Path) -> Plan {
    // A plan's parents and its shared schema are folders beside its own (`rules/NAME`).
    let beside = root.parent().map(Path::to_path_buf).unwrap_or_default();
    Plan::compile_chain(
        files,
        &|relative| std::fs::read(root.join(relative)).ok(),
        &|name| read_dir(&beside.join(name)).ok(),
    )
}

/// A folder's files, or a single `.rules` file as a plan of its own, with the folder they are in.
pub fn read(path: &Path) -> Result<(PlanFiles, PathBuf), Diagnostic> {
    if path.is_file() {
        let bytes = std::fs::read(path).map_err(|e| io_error(path, &e))?;
        let parent = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut files = PlanFiles::new(parent.display().to_string());
        files.add(name, bytes);
        return Ok((files, parent));
    }
    if !path.exists() {
        return Err(Diagnostic::read_problem(ReadProblem::Missing(
            &path.display().to_string(),
        )));
    }
    let files = read_dir(path)?;
    Ok((files, path.to_path_buf()))
}

/// A plan folder: its `.rules` files, its official text and its tests, every file below it.
pub fn read_dir(dir: &Path) -> Result<PlanFiles, Diagnostic> {
    let mut files = PlanFiles::new(dir.display().to_string());
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let entries = std::fs::read_dir(&current).map_err(|e| io_error(&current, &e))?;
        for entry in entries {
            let path = entry.map_err(|e| io_error(&current, &e))?.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).map_err(|e| io_error(&path, &e))?;
            let relative = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            files.add(relative, bytes);
        }
    }
    if !files.has_rules() {
        return Err(Diagnostic::read_problem(ReadProblem::NoRulesFiles(
            &dir.display().to_string(),
        )));
    }
    Ok(files)
}

/// A read error in the tool's words: lowercase, the path in backticks.
pub fn io_error(path: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::read_problem(ReadProblem::Unreadable {
        path: &path.display().to_string(),
        kind: error.kind(),
        reason: &lowercase(&error.to_string()),
    })
}

fn lowercase(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}
