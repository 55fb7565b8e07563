//! Finds a plan's files (a folder on disk or the embedded default) and runs the front end on them.

use crate::diagnostic::{self, Diagnostic};
use crate::model::Plan;
use crate::resolve::{ParsedFile, resolve};
use crate::span::SourceFile;
use crate::{citation, syntax};
use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_plan.rs"));
}

/// The files of one plan, read into memory.
#[derive(Clone, Debug)]
pub struct PlanFiles {
    /// How the plan is named in messages: a folder path, or `rules/NAME` for the embedded plan.
    pub root: String,
    /// Each file's path relative to the root, and its bytes.
    pub files: Vec<(String, Vec<u8>)>,
    /// The folder on disk the plan came from, for a text that lies outside it (`../x.txt`).
    pub disk_root: Option<PathBuf>,
}

/// A plan run through the front end, with every problem found on the way.
pub struct Compiled {
    pub plan: Plan,
    pub diagnostics: Vec<Diagnostic>,
}

impl Compiled {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

impl PlanFiles {
    /// The plan built into the binary.
    pub fn embedded() -> Option<PlanFiles> {
        let name = embedded::DEFAULT_PLAN?;
        let prefix = format!("{name}/");
        let files = embedded::FILES
            .iter()
            .filter_map(|(path, bytes)| {
                path.strip_prefix(&prefix)
                    .map(|p| (p.to_string(), bytes.to_vec()))
            })
            .collect();
        Some(PlanFiles {
            root: format!("rules/{name}"),
            files,
            disk_root: None,
        })
    }

    /// Reads a plan folder: its `.rules` files, its official text and its tests.
    pub fn read_dir(dir: &Path) -> Result<PlanFiles, Diagnostic> {
        let mut files = Vec::new();
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
                files.push((relative, bytes));
            }
        }
        files.sort();
        let has_rules = files
            .iter()
            .any(|(p, _)| p.ends_with(".rules") && !p.contains('/'));
        if !has_rules {
            return Err(Diagnostic::error(
                "rules::io",
                format!("`{}` holds no `.rules` files", dir.display()),
            )
            .help("point at a plan folder: the one holding the plan's `.rules` files"));
        }
        Ok(PlanFiles {
            root: dir.display().to_string(),
            files,
            disk_root: Some(dir.to_path_buf()),
        })
    }

    /// Reads a plan from a folder, or a single `.rules` file as a plan of its own.
    pub fn read(path: &Path) -> Result<PlanFiles, Diagnostic> {
        if path.is_file() {
            let bytes = std::fs::read(path).map_err(|e| io_error(path, &e))?;
            let parent = path.parent().map(Path::to_path_buf).unwrap_or_default();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let files = vec![(name, bytes)];
            return Ok(PlanFiles {
                root: parent.display().to_string(),
                files,
                disk_root: Some(parent),
            });
        }
        if !path.exists() {
            return Err(
                Diagnostic::error("io", format!("`{}` does not exist", path.display()))
                    .help("give the path of a plan folder"),
            );
        }
        Self::read_dir(path)
    }

    fn display_path(&self, relative: &str) -> String {
        if self.root.is_empty() {
            relative.to_string()
        } else {
            format!("{}/{relative}", self.root.trim_end_matches('/'))
        }
    }

    fn file(&self, relative: &str) -> Option<Vec<u8>> {
        let wanted = normalize_relative(relative);
        if let Some((_, bytes)) = self.files.iter().find(|(p, _)| *p == wanted) {
            return Some(bytes.clone());
        }
        std::fs::read(self.disk_root.as_ref()?.join(&wanted)).ok()
    }

    /// Test submissions under `tests/`, as named sources.
    pub fn tests(&self) -> Vec<(String, Vec<u8>)> {
        self.files
            .iter()
            .filter(|(p, _)| {
                p.starts_with("tests/") && (p.ends_with(".yaml") || p.ends_with(".yml"))
            })
            .map(|(p, b)| (self.display_path(p), b.clone()))
            .collect()
    }

    /// Parses, resolves and cites: the whole front end.
    pub fn compile(&self) -> Compiled {
        use rayon::prelude::*;
        // Files parse independently; on two cores that halves a cold start's parsing time.
        let results: Vec<(Option<ParsedFile>, Vec<Diagnostic>)> = self
            .files
            .par_iter()
            .filter(|(path, _)| path.ends_with(".rules") && !path.contains('/'))
            .map(|(path, bytes)| {
                let name = self.display_path(path);
                match std::str::from_utf8(bytes) {
                    Ok(text) => {
                        let source =
                            SourceFile::new(name, text.strip_prefix('\u{FEFF}').unwrap_or(text));
                        let (tree, errors) = syntax::parse(&source);
                        (Some(ParsedFile { source, tree }), errors)
                    }
                    Err(error) => {
                        let problem = Diagnostic::error(
                            "rules::encoding",
                            format!("`{name}` is not valid UTF-8 (byte {})", error.valid_up_to()),
                        )
                        .help("save the file as UTF-8");
                        (None, vec![problem])
                    }
                }
            })
            .collect();
        let mut diagnostics = Vec::new();
        let mut parsed = Vec::new();
        for (file, errors) in results {
            parsed.extend(file);
            diagnostics.extend(errors);
        }
        let (mut plan, errors) = resolve(&parsed);
        diagnostics.extend(errors);
        if let Some(text_path) = plan.header.text_path.clone() {
            let bytes = self.file(&text_path);
            match bytes.as_deref().map(std::str::from_utf8) {
                Some(Ok(text)) => {
                    let source = SourceFile::new(self.display_path(&normalize_relative(&text_path)), text);
                    diagnostics.extend(citation::check(&plan, &source));
                    plan.official_text = Some(source);
                }
                Some(Err(_)) => diagnostics.push(Diagnostic::error("rules::encoding", format!("the official text `{text_path}` is not valid UTF-8")).help("save it as UTF-8")),
                None => diagnostics.push(
                    Diagnostic::error("rules::io", format!("the official text `{text_path}` named by the plan is not in `{}`", self.root))
                        .help("put the official text beside the rules files, or correct the plan's `text` line"),
                ),
            }
        }
        diagnostic::sort(&mut diagnostics);
        Compiled { plan, diagnostics }
    }
}

/// `../sample/x.txt` relative to the plan root, with `.` and `..` resolved textually.
fn normalize_relative(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

fn io_error(path: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        "io",
        format!(
            "cannot read `{}`: {}",
            path.display(),
            lowercase(&error.to_string())
        ),
    )
    .help("check the path and its permissions")
}

fn lowercase(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The plan folder a path names, for messages.
pub fn describe(path: Option<&PathBuf>) -> String {
    path.map_or_else(
        || "the embedded plan".to_string(),
        |p| format!("`{}`", p.display()),
    )
}
