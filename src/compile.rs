//! A plan's files in memory (given by the caller, or the embedded default) through the front end:
//! parse every rules file, resolve, and check the quotes against the official text. No disk.

use crate::base::span::SourceFile;
use crate::check::{CheckOptions, Evaluation, FileReport, Prepared};
use crate::diagnostic::{self, Code, Diagnostic};
use crate::eval::Outcome;
use crate::model::{self, Layer};
use crate::resolve::{ParsedFile, resolve};
use crate::words::{Said, Word};
use crate::{citation, syntax};

pub(crate) mod embedded {
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
    /// Set when compiled; a plan read from its precompiled form (which is made only from a plan
    /// without errors) compiles its text for them the first time they are asked for.
    pub(crate) diagnostics: std::sync::OnceLock<Vec<Diagnostic>>,
    pub(crate) root: String,
    /// The plan's own test submissions (`tests/*.yaml`), named for reports.
    pub(crate) tests: Vec<(String, Vec<u8>)>,
    /// The test submissions of every plan of the chain, this plan's first: where `rules
    /// layering` looks for counter-examples.
    pub(crate) chain_tests: Vec<(String, Vec<u8>)>,
    /// `sha256:…` over every rules file and official text of the chain (see [`chain_digest`]).
    pub(crate) digest: String,
}

impl Plan {
    /// Compiles a plan whose files are all in `files`.
    pub fn compile(files: &PlanFiles) -> Plan {
        files.compile_chain(&|_| None, &|_| None)
    }

    /// Compiles a plan whose official text may lie outside its folder (`text "../x.txt"`):
    /// `read_outside` is asked for such a file by its path relative to the plan's root.
    pub fn compile_with(files: &PlanFiles, read_outside: &dyn Fn(&str) -> Option<Vec<u8>>) -> Plan {
        files.compile_chain(read_outside, &|_| None)
    }

    /// Compiles a plan with the plans above it and their shared schema folder: `read_folder`
    /// is asked for each folder a header names (`parent ID`, `schema NAME`) by that name.
    pub fn compile_chain(
        files: &PlanFiles,
        read_outside: &dyn Fn(&str) -> Option<Vec<u8>>,
        read_folder: &dyn Fn(&str) -> Option<PlanFiles>,
    ) -> Plan {
        files.compile_chain(read_outside, read_folder)
    }

    /// A plan of the embedded folders by its folder name (a parent of the default, say), compiled
    /// with its own chain; `None` when no such folder is embedded.
    pub fn embedded_named(name: &str) -> Option<Plan> {
        PlanFiles::embedded_folder(name)
            .map(|files| files.compile_chain(&|_| None, &PlanFiles::embedded_folder))
    }

    /// The plan built into this library with the plans above it: read from its precompiled
    /// form when the build has a fresh one, compiled from its text otherwise; `None` when the
    /// build embeds no plan.
    pub fn embedded() -> Option<Plan> {
        embedded::PRECOMPILED
            .and_then(|bytes| {
                crate::precompiled::decode(bytes, &embedded::FINGERPRINT, embedded::FILES)
            })
            .or_else(Plan::embedded_from_text)
    }

    /// The embedded chain compiled from its text, as if it had no precompiled form.
    pub fn embedded_from_text() -> Option<Plan> {
        PlanFiles::embedded()
            .map(|files| files.compile_chain(&|_| None, &PlanFiles::embedded_folder))
    }

    /// A plan read from its precompiled form: its diagnostics are not known until asked for.
    pub(crate) fn precompiled(
        model: model::Plan,
        root: String,
        tests: Vec<(String, Vec<u8>)>,
        chain_tests: Vec<(String, Vec<u8>)>,
    ) -> Plan {
        let digest = model.digest.clone();
        Plan {
            model,
            diagnostics: std::sync::OnceLock::new(),
            root,
            tests,
            chain_tests,
            digest,
        }
    }

    /// The compact form of this plan when it is the embedded chain compiled from its text, as
    /// `rules/precompiled.bin` holds it; `None` when it has errors.
    #[doc(hidden)]
    pub fn precompiled_form(&self) -> Option<Vec<u8>> {
        let layers = std::iter::once(embedded::DEFAULT_PLAN?.to_string())
            .chain(self.model.ancestors.iter().map(|header| header.id.clone()))
            .collect();
        crate::precompiled::encode(self, layers, &embedded::FINGERPRINT)
    }

    /// Every problem the front end found, sorted by file and position.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        self.diagnostics.get_or_init(|| {
            Plan::embedded_from_text()
                .and_then(|plan| plan.diagnostics.into_inner())
                .unwrap_or_default()
        })
    }

    /// Whether a problem is an error, so that the plan cannot check submissions.
    pub fn has_errors(&self) -> bool {
        // A plan whose diagnostics are not known yet was precompiled, so it has no error.
        self.diagnostics
            .get()
            .is_some_and(|found| found.iter().any(Diagnostic::is_error))
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

    /// A digest of every rules file and official text of the chain: the same files give the same
    /// digest, and a changed one a different digest.
    pub fn digest(&self) -> &str {
        &self.digest
    }

    /// The ids of the plans of the chain, this plan first, then its parent and so on.
    pub fn chain_ids(&self) -> Vec<String> {
        (0..self.model.layer_count())
            .map(|k| self.model.layer_header(k).id.clone())
            .collect()
    }

    /// Keeps only the rules of the plan of the chain whose id is `id` (`--plan`); false, and
    /// nothing changed, when the chain has no such plan.
    pub fn keep_only_plan(&mut self, id: &str) -> bool {
        let Some(layer) = self.model.layer_of_plan(id) else {
            return false;
        };
        let model = &self.model;
        let keep: Vec<bool> = model
            .rules
            .iter()
            .map(|r| model.file_layer(r.file) == layer)
            .collect();
        let mut keep = keep.into_iter();
        self.model.rules.retain(|_| keep.next().unwrap_or(false));
        true
    }

    /// Keeps only the rules whose id `keep` accepts: a plan cut down to some of its rules.
    pub fn retain_rules(&mut self, mut keep: impl FnMut(&str) -> bool) {
        self.model.rules.retain(|r| keep(&r.id));
    }
}

impl PlanFiles {
    /// The plan built into the binary.
    pub fn embedded() -> Option<PlanFiles> {
        PlanFiles::embedded_folder(embedded::DEFAULT_PLAN?)
    }

    /// A folder built into the binary by its name under `rules/`: the default plan, a plan above
    /// it, or their shared schema.
    pub fn embedded_folder(name: &str) -> Option<PlanFiles> {
        let prefix = format!("{name}/");
        let files = embedded::FILES
            .iter()
            .filter_map(|(path, bytes)| {
                path.strip_prefix(&prefix)
                    .map(|p| (p.to_string(), bytes.to_vec()))
            })
            .collect::<Vec<_>>();
        if files.is_empty() {
            return None;
        }
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
    pub(crate) fn tests(&self) -> Vec<(String, Vec<u8>)> {
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
                let layer = Layer::Plan(0);
                (
                    Some(ParsedFile {
                        source,
                        tree,
                        layer,
                    }),
                    errors,
                )
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

    /// Every rules file of the folder parsed as part of `layer`, on several threads when the
    /// build has them.
    fn parse_rules(
        &self,
        layer: Layer,
        parsed: &mut Vec<ParsedFile>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
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
        for (file, errors) in results {
            parsed.extend(file.map(|mut f| {
                f.layer = layer;
                f
            }));
            diagnostics.extend(errors);
        }
    }

    /// Parses, resolves and cites: the whole front end, over the plan, the plans above it
    /// (`parent ID`, each found by `read_folder` as a folder beside this one) and the schema
    /// folder they share (`schema NAME`).
    fn compile_chain(
        &self,
        read_outside: &dyn Fn(&str) -> Option<Vec<u8>>,
        read_folder: &dyn Fn(&str) -> Option<PlanFiles>,
    ) -> Plan {
        let mut diagnostics = Vec::new();
        let mut parsed = Vec::new();
        self.parse_rules(Layer::Plan(0), &mut parsed, &mut diagnostics);
        let mut layers: Vec<std::borrow::Cow<'_, PlanFiles>> =
            vec![std::borrow::Cow::Borrowed(self)];
        let mut chain: Vec<String> = Vec::new();
        let mut schema: Option<String> = None;
        let mut schema_files: Option<PlanFiles> = None;
        // Each plan that names a parent: its id, level, and where it names the parent.
        let mut child_levels: Vec<(String, String, usize, crate::base::span::Span)> = Vec::new();
        loop {
            let depth = layers.len() - 1;
            let Some(links) = chain_links(&parsed, depth) else {
                break;
            };
            chain.push(links.id.clone());
            if let Some((name, file, span)) = &links.schema {
                match &schema {
                    None => {
                        schema = Some(name.clone());
                        match read_folder(name) {
                            Some(files) => {
                                files.parse_rules(Layer::Schema, &mut parsed, &mut diagnostics);
                                schema_files = Some(files);
                            }
                            None => diagnostics.push(missing_folder(
                                Code::RulesPlanHeader,
                                &parsed[*file].source,
                                *span,
                                &links.id,
                                Word::WhatSchemaFolder,
                                name,
                                &layers[depth].root,
                            )),
                        }
                    }
                    Some(expected) if expected != name => diagnostics.push(
                        Diagnostic::said(
                            Code::RulesPlanHeader,
                            Said::new(Word::SchemaDiffers)
                                .with("plan", &links.id)
                                .with("found", name)
                                .with("expected", expected),
                        )
                        .in_file(&parsed[*file].source)
                        .at_said(*span, Said::new(Word::InThisPlan))
                        .help_said(Said::new(Word::SchemaDiffersHelp)),
                    ),
                    Some(_) => {}
                }
            }
            let Some((parent, file, span)) = links.parent else {
                break;
            };
            child_levels.push((links.id.clone(), links.level.clone(), file, span));
            if chain.contains(&parent) {
                chain.push(parent);
                diagnostics.push(
                    Diagnostic::said(
                        Code::RulesPlanHeader,
                        Said::new(Word::ParentCycle).with("chain", chain.join(" → ")),
                    )
                    .in_file(&parsed[file].source)
                    .at_said(span, Said::new(Word::InThisPlan))
                    .help_said(Said::new(Word::ParentCycleHelp)),
                );
                break;
            }
            // A parent whose folder is not here (a provincial plan whose text could not be
            // obtained) is skipped, and the check says so: the chain goes on without it.
            let Some(files) = read_folder(&parent) else {
                diagnostics.push(missing_folder(
                    Code::RulesLayerMissing,
                    &parsed[file].source,
                    span,
                    &links.id,
                    Word::WhatParentPlan,
                    &parent,
                    &layers[depth].root,
                ));
                break;
            };
            files.parse_rules(Layer::Plan(depth + 1), &mut parsed, &mut diagnostics);
            layers.push(std::borrow::Cow::Owned(files));
        }
        for (k, (child, level, file, span)) in child_levels.iter().enumerate() {
            let Some(parent_level) = chain_level(&parsed, k + 1) else {
                continue;
            };
            let skipped = skipped_levels(level, &parent_level);
            if !skipped.is_empty() {
                let skipped: Vec<Said> = skipped.iter().map(|l| level_said(l)).collect();
                diagnostics.push(
                    Diagnostic::said(
                        Code::RulesLayerSkipped,
                        Said::new(Word::LayerSkipped)
                            .with("plan", child)
                            .with_said("level", level_said(level))
                            .with_said("parent_level", level_said(&parent_level))
                            .with_said_list("skipped", skipped),
                    )
                    .in_file(&parsed[*file].source)
                    .at_said(*span, Said::new(Word::InThisPlan))
                    .help_said(Said::new(Word::LayerSkippedHelp)),
                );
            }
        }
        let (mut plan, errors) = resolve(&parsed);
        diagnostics.extend(errors);
        for (depth, files) in layers.iter().enumerate() {
            // Only the plan checked may keep its text outside its folder; a parent's is in its own.
            let outside: &dyn Fn(&str) -> Option<Vec<u8>> =
                if depth == 0 { read_outside } else { &|_| None };
            let text = files.official_text(&plan, depth, outside, &mut diagnostics);
            if depth == 0 {
                plan.official_text = text;
            } else if plan.ancestors.len() >= depth {
                plan.ancestor_texts.resize(depth, None);
                plan.ancestor_texts[depth - 1] = text;
            }
        }
        diagnostic::sort(&mut diagnostics);
        let digest = chain_digest(&plan, &layers, schema_files.as_ref());
        plan.digest = digest.clone();
        Plan {
            model: plan,
            diagnostics: std::sync::OnceLock::from(diagnostics),
            root: self.root.clone(),
            tests: self.tests(),
            chain_tests: layers.iter().flat_map(|files| files.tests()).collect(),
            digest,
        }
    }

    /// The official text of the plan at `depth`, read and its rules' quotes checked against it.
    fn official_text(
        &self,
        plan: &model::Plan,
        depth: usize,
        read_outside: &dyn Fn(&str) -> Option<Vec<u8>>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<SourceFile> {
        let text_path = plan.layer_header(depth).text_path.clone()?;
        let bytes = self.file(&text_path, read_outside);
        match bytes.as_deref().map(std::str::from_utf8) {
            Some(Ok(text)) => {
                let source =
                    SourceFile::new(self.display_path(&normalize_relative(&text_path)), text);
                diagnostics.extend(citation::check(plan, depth, &source));
                Some(source)
            }
            Some(Err(_)) => {
                diagnostics.push(
                    Diagnostic::said(
                        Code::RulesEncoding,
                        Said::new(Word::OfficialTextNotUtf8).with("path", text_path),
                    )
                    .help_said(Said::new(Word::SaveItAsUtf8)),
                );
                None
            }
            None => {
                diagnostics.push(
                    Diagnostic::said(
                        Code::RulesIo,
                        Said::new(Word::OfficialTextMissing)
                            .with("path", text_path)
                            .with("root", &self.root),
                    )
                    .help_said(Said::new(Word::OfficialTextMissingHelp)),
                );
                None
            }
        }
    }
}

/// The digest a decision record names the plan chain by: SHA-256 over the sorted lines
/// `FOLDER/PATH<TAB>SHA256` of every rules file and every official text of the chain, the
/// folder being the last part of each plan's root, so that the same files give the same digest
/// wherever they are read from (the embedded copy or a checkout).
fn chain_digest(
    plan: &model::Plan,
    layers: &[std::borrow::Cow<'_, PlanFiles>],
    schema: Option<&PlanFiles>,
) -> String {
    use sha2::{Digest, Sha256};
    let mut lines: Vec<String> = Vec::new();
    let mut add = |files: &PlanFiles, wanted: &dyn Fn(&str) -> bool| {
        let folder = files
            .root
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("");
        for (path, bytes) in &files.files {
            if wanted(path) {
                lines.push(format!("{folder}/{path}\t{}", hex(&Sha256::digest(bytes))));
            }
        }
    };
    for (depth, files) in layers.iter().enumerate() {
        let text = plan
            .layer_header(depth)
            .text_path
            .as_deref()
            .map(normalize_relative);
        add(files, &|path: &str| {
            (path.ends_with(".rules") && !path.contains('/')) || Some(path) == text.as_deref()
        });
    }
    if let Some(files) = schema {
        add(files, &|path: &str| {
            path.ends_with(".rules") && !path.contains('/')
        });
    }
    lines.sort();
    format!(
        "sha256:{}",
        hex(&Sha256::digest(lines.join("\n").as_bytes()))
    )
}

/// Bytes as lowercase hexadecimal.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a plan's header says of its place in a chain: its id, its parent and its schema folder,
/// each with the file and span that name it.
struct ChainLinks {
    id: String,
    level: String,
    parent: Option<(String, usize, crate::base::span::Span)>,
    schema: Option<(String, usize, crate::base::span::Span)>,
}

/// The chain settings of the first `plan` block among the files of the plan at `depth`.
fn chain_links(parsed: &[ParsedFile], depth: usize) -> Option<ChainLinks> {
    use crate::syntax::ast::{Declaration, PlanSetting};
    parsed
        .iter()
        .enumerate()
        .filter(|(_, f)| f.layer == Layer::Plan(depth))
        .find_map(|(file, f)| {
            f.tree.declarations.iter().find_map(|d| {
                let Declaration::Plan(plan) = d else {
                    return None;
                };
                let mut links = ChainLinks {
                    id: plan.id.text.clone(),
                    level: String::new(),
                    parent: None,
                    schema: None,
                };
                for setting in &plan.settings {
                    match setting {
                        PlanSetting::Level(l) => links.level = l.text.clone(),
                        PlanSetting::Parent(p) => {
                            links.parent = Some((p.text.clone(), file, p.span))
                        }
                        PlanSetting::Schema(s) => {
                            links.schema = Some((s.text.clone(), file, s.span))
                        }
                        _ => {}
                    }
                }
                Some(links)
            })
        })
}

/// The level of the plan at `depth`, when its header says one.
fn chain_level(parsed: &[ParsedFile], depth: usize) -> Option<String> {
    chain_links(parsed, depth)
        .map(|l| l.level)
        .filter(|l| !l.is_empty())
}

/// A level of government in the reader's words (`city` is 市级); a level off the ladder as written.
fn level_said(level: &str) -> Said {
    match level {
        "county" => Said::new(Word::LevelCounty),
        "city" => Said::new(Word::LevelCity),
        "province" => Said::new(Word::LevelProvince),
        "national" => Said::new(Word::LevelNational),
        other => Said::new(Word::Quoted).with("text", other),
    }
}

/// The administrative levels between a plan's and its parent's (`city` under `national` skips
/// `province`), from the ladder of Chinese government: county, city, province, national. Levels
/// off the ladder are never said to skip anything.
fn skipped_levels(child: &str, parent: &str) -> Vec<&'static str> {
    const LADDER: [&str; 4] = ["county", "city", "province", "national"];
    let rank = |level: &str| LADDER.iter().position(|l| *l == level);
    match (rank(child), rank(parent)) {
        (Some(c), Some(p)) if p > c + 1 => LADDER[c + 1..p].to_vec(),
        _ => Vec::new(),
    }
}

/// The problem of a `parent` or `schema` line whose folder is not beside the plan's.
fn missing_folder(
    code: Code,
    source: &SourceFile,
    span: crate::base::span::Span,
    plan: &str,
    what: Word,
    name: &str,
    root: &str,
) -> Diagnostic {
    let place = match root.trim_end_matches('/').rsplit_once('/') {
        Some((above, _)) => format!("{above}/{name}"),
        None => name.to_string(),
    };
    Diagnostic::said(
        code,
        Said::new(Word::LayerFolderMissing)
            .with("plan", plan)
            .with_said("what", Said::new(what))
            .with("name", name)
            .with("place", place),
    )
    .in_file(source)
    .at_said(span, Said::new(Word::InThisPlan))
    .help_said(Said::new(Word::LayerFolderMissingHelp).with("name", name))
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
