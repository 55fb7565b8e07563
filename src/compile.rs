//! A plan's files in memory (given by the caller, or the embedded default) through the front end:
//! parse every rules file, resolve, and check the quotes against the official text. No disk.

use crate::base::span::SourceFile;
use crate::check::{CheckOptions, Evaluation, FileReport, Prepared};
use crate::diagnostic::{self, Code, Diagnostic};
use crate::eval::Outcome;
use crate::model;
use crate::resolve::{ParsedFile, resolve};
use crate::words::{Said, Word};
use crate::{citation, syntax};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_plan.rs"));
}

/// The files of one plan, in memory: its `.rules` files, its official text and its tests.
#[derive(Clone, Debug, Default)]
pub struct PlanFiles {
    /// How the plan is named in messages: a folder path, or `rules/NAME` for the embedded plan.
    pub(crate) root: String,
    /// Each file's path relative to the root, and its bytes.
    pub(crate) files: Vec<(String, Vec<u8>)>,
}

/// A plan run through the front end, with every problem found on the way. It checks
/// submissions only when [`Plan::has_errors`] is false.
#[derive(Debug)]
pub struct Plan {
    pub(crate) model: model::Plan,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) root: String,
    /// The plan's own test submissions (`tests/*.yaml`), named for reports.
    pub(crate) tests: Vec<(String, Vec<u8>)>,
}

impl Plan {
    /// Compiles a plan whose files are all in `files`.
    pub fn compile(files: &PlanFiles) -> Plan {
        files.compile_with(&|_| None)
    }

    /// Compiles a plan whose official text may lie outside its folder (`text "../x.txt"`):
    /// `read_outside` is asked for such a file by its path relative to the plan's root.
    pub fn compile_with(files: &PlanFiles, read_outside: &dyn Fn(&str) -> Option<Vec<u8>>) -> Plan {
        files.compile_with(read_outside)
    }

    /// The plan built into this library, compiled; `None` when the build embeds no plan.
    pub fn embedded() -> Option<Plan> {
        PlanFiles::embedded().map(|files| Plan::compile(&files))
    }

    /// Every problem the front end found, sorted by file and position.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Whether a problem is an error, so that the plan cannot check submissions.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The plan's id, as submissions name it in `plan:`.
    pub fn id(&self) -> &str {
        &self.model.header.id
    }

    /// Where the plan's files came from, as messages name it.
    pub fn root(&self) -> &str {
        &self.root
    }

    /// The ids of the plan's rules, in declaration order.
    pub fn rule_ids(&self) -> impl Iterator<Item = &str> {
        self.model.rules.iter().map(|r| r.id.as_str())
    }

    /// Checks one file's bytes (YAML, or strict JSON for a name ending in `.json`).
    pub fn check(&self, name: &str, bytes: &[u8], options: &CheckOptions) -> FileReport {
        crate::check::check_file(&self.model, name, bytes, options)
    }

    /// The first stages of [`Plan::check`] alone: decode, parse and validate every document.
    pub fn prepare(&self, name: &str, bytes: &[u8], options: &CheckOptions) -> Prepared {
        crate::check::prepare(&self.model, name, bytes, options)
    }

    /// Evaluation alone: every rule applied to each valid document of a prepared file. It can
    /// be repeated; nothing of `prepared` is used up.
    pub fn evaluate(&self, prepared: &Prepared) -> Evaluation {
        crate::check::evaluate_prepared(&self.model, prepared)
    }

    /// The last stage of [`Plan::check`]: a prepared file and its evaluation as one report.
    pub fn finish(&self, prepared: Prepared, evaluation: Evaluation) -> FileReport {
        crate::check::finish(&self.model, prepared, evaluation)
    }

    /// The rule id and outcome of every rule applied to every document of a report.
    pub fn outcomes<'a>(
        &'a self,
        report: &'a FileReport,
    ) -> impl Iterator<Item = (&'a str, Outcome)> + 'a {
        report
            .findings()
            .map(|(_, f)| (self.model.rules[f.rule].id.as_str(), f.outcome))
    }

    /// Keeps only the rules whose id `keep` accepts: a plan cut down to some of its rules.
    pub fn retain_rules(&mut self, mut keep: impl FnMut(&str) -> bool) {
        self.model.rules.retain(|r| keep(&r.id));
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
        })
    }

    /// An empty plan named `root` in messages (a folder path, usually).
    pub fn new(root: impl Into<String>) -> PlanFiles {
        PlanFiles {
            root: root.into(),
            files: Vec::new(),
        }
    }

    /// Adds a file by its path relative to the root (`energy.rules`, `tests/boilers.yaml`), or
    /// replaces the file of that path (as an editor does with unsaved text).
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        // Kept in path order as files arrive, so that the plan's files are read in one order.
        let path = path.into();
        let at = self.files.partition_point(|(p, _)| *p < path);
        match self.files.get_mut(at) {
            Some((p, old)) if *p == path => *old = bytes.into(),
            _ => self.files.insert(at, (path, bytes.into())),
        }
    }

    /// The bytes of a file by its path relative to the root.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, bytes)| bytes.as_slice())
    }

    /// Whether the root holds at least one `.rules` file.
    pub fn has_rules(&self) -> bool {
        self.files
            .iter()
            .any(|(p, _)| p.ends_with(".rules") && !p.contains('/'))
    }

    fn display_path(&self, relative: &str) -> String {
        if self.root.is_empty() {
            relative.to_string()
        } else {
            format!("{}/{relative}", self.root.trim_end_matches('/'))
        }
    }

    fn file(
        &self,
        relative: &str,
        read_outside: &dyn Fn(&str) -> Option<Vec<u8>>,
    ) -> Option<Vec<u8>> {
        let wanted = normalize_relative(relative);
        if let Some((_, bytes)) = self.files.iter().find(|(p, _)| *p == wanted) {
            return Some(bytes.clone());
        }
        read_outside(&wanted)
    }

    /// Test submissions under `tests/`, as named sources.
    fn tests(&self) -> Vec<(String, Vec<u8>)> {
        self.files
            .iter()
            .filter(|(p, _)| {
                p.starts_with("tests/") && (p.ends_with(".yaml") || p.ends_with(".yml"))
            })
            .map(|(p, b)| (self.display_path(p), b.clone()))
            .collect()
    }

    /// One rules file parsed, or the problem that it is not UTF-8.
    fn parse_file(&self, path: &str, bytes: &[u8]) -> (Option<ParsedFile>, Vec<Diagnostic>) {
        let name = self.display_path(path);
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                let source = SourceFile::new(name, text.strip_prefix('\u{FEFF}').unwrap_or(text));
                let (tree, errors) = syntax::parse(&source);
                (Some(ParsedFile { source, tree }), errors)
            }
            Err(error) => {
                let problem = Diagnostic::said(
                    Code::RulesEncoding,
                    Said::new(Word::RulesNotUtf8)
                        .with("file", name)
                        .with("byte", error.valid_up_to()),
                )
                .help_said(Said::new(Word::SaveFileAsUtf8));
                (None, vec![problem])
            }
        }
    }

    /// Parses, resolves and cites: the whole front end.
    fn compile_with(&self, read_outside: &dyn Fn(&str) -> Option<Vec<u8>>) -> Plan {
        let rules_files: Vec<&(String, Vec<u8>)> = self
            .files
            .iter()
            .filter(|(path, _)| path.ends_with(".rules") && !path.contains('/'))
            .collect();
        let parse = |(path, bytes): &&(String, Vec<u8>)| self.parse_file(path, bytes);
        // Files parse independently; on two cores that halves a cold start's parsing time.
        #[cfg(feature = "parallel")]
        let results: Vec<(Option<ParsedFile>, Vec<Diagnostic>)> = {
            use rayon::prelude::*;
            rules_files.par_iter().map(parse).collect()
        };
        #[cfg(not(feature = "parallel"))]
        let results: Vec<(Option<ParsedFile>, Vec<Diagnostic>)> =
            rules_files.iter().map(parse).collect();
        let mut diagnostics = Vec::new();
        let mut parsed = Vec::new();
        for (file, errors) in results {
            parsed.extend(file);
            diagnostics.extend(errors);
        }
        let (mut plan, errors) = resolve(&parsed);
        diagnostics.extend(errors);
        if let Some(text_path) = plan.header.text_path.clone() {
            let bytes = self.file(&text_path, read_outside);
            match bytes.as_deref().map(std::str::from_utf8) {
                Some(Ok(text)) => {
                    let source =
                        SourceFile::new(self.display_path(&normalize_relative(&text_path)), text);
                    diagnostics.extend(citation::check(&plan, &source));
                    plan.official_text = Some(source);
                }
                Some(Err(_)) => diagnostics.push(
                    Diagnostic::said(
                        Code::RulesEncoding,
                        Said::new(Word::OfficialTextNotUtf8).with("path", text_path),
                    )
                    .help_said(Said::new(Word::SaveItAsUtf8)),
                ),
                None => diagnostics.push(
                    Diagnostic::said(
                        Code::RulesIo,
                        Said::new(Word::OfficialTextMissing)
                            .with("path", text_path)
                            .with("root", &self.root),
                    )
                    .help_said(Said::new(Word::OfficialTextMissingHelp)),
                ),
            }
        }
        diagnostic::sort(&mut diagnostics);
        Plan {
            model: plan,
            diagnostics,
            root: self.root.clone(),
            tests: self.tests(),
        }
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
