//! Command-line interface: argument parsing, reading inputs, printing reports, exit codes.

use crate::check::{CheckOptions, FileReport, check_file};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, HumanRenderer};
use crate::eval::Outcome;
use crate::model::Language;
use crate::project::{Compiled, PlanFiles};
use crate::render::{self, Run};
use clap::{Parser, Subcommand};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "planlint",
    version,
    about = "Check submissions against an air-quality plan encoded as rules"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check submissions (YAML or JSON files, or folders of them) against the plan.
    Check(CheckArgs),
    /// Show what a rule checks: its clause, quote, modality, responsible units and how to comply.
    Explain {
        /// The rule id, as `rules check` and every finding show it.
        rule: String,
        /// The plan folder; the embedded plan when not given.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// The language of the tool's own words: `zh` or `en` (default from `LANG`).
        #[arg(long)]
        lang: Option<LanguageArg>,
    },
    /// Check and maintain a plan's rules.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Subcommand, Debug)]
enum RulesCommand {
    /// Check a plan's rules files: syntax, names, types, units and citations.
    Check {
        /// The plan folder; the embedded plan when not given.
        dir: Option<PathBuf>,
    },
    /// Run the plan's test submissions (`tests/*.yaml`) and report pass or fail per rule.
    Test {
        /// The plan folder; the embedded plan when not given.
        dir: Option<PathBuf>,
    },
    /// Report which rows are encoded and tested, and how much normative text the rules quote.
    Coverage {
        /// The plan folder; the embedded plan when not given.
        dir: Option<PathBuf>,
        /// Output format: a table or JSON.
        #[arg(long, value_enum, default_value_t = CoverageFormat::Table)]
        format: CoverageFormat,
    },
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// Submission files or folders (searched for `*.yaml`, `*.yml` and `*.json`).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The plan folder; the embedded plan when not given.
    #[arg(long)]
    rules: Option<PathBuf>,
    /// Check as of this date (YYYY-MM-DD) instead of each document's own date.
    #[arg(long, value_parser = parse_date)]
    as_of: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The language of the tool's own words: `zh` or `en` (default from `LANG`).
    #[arg(long)]
    lang: Option<LanguageArg>,
    /// The least serious outcome that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Violation)]
    fail_on: FailOn,
    /// Show the values and conditions that made each rule fire.
    #[arg(long)]
    explain: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Human,
    Json,
    Sarif,
    Junit,
    Github,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum CoverageFormat {
    Table,
    Json,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum LanguageArg {
    Zh,
    En,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum FailOn {
    Violation,
    Review,
    Missing,
    Advice,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("`{text}` is not a date; write YYYY-MM-DD"))
}

/// The language from `--lang`, else from `LANG`/`LC_ALL` (Chinese locales give `zh`).
fn language(arg: Option<LanguageArg>) -> Language {
    match arg {
        Some(LanguageArg::Zh) => Language::Zh,
        Some(LanguageArg::En) => Language::En,
        None => {
            let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
                .unwrap_or_default();
            if locale.starts_with("zh") {
                Language::Zh
            } else {
                Language::En
            }
        }
    }
}

/// Exit codes: 0 clean, 1 findings or rule errors, 2 usage, I/O or rules errors.
pub mod exit {
    pub const CLEAN: u8 = 0;
    pub const FINDINGS: u8 = 1;
    pub const TROUBLE: u8 = 2;
}

/// How diagnostics are drawn on this terminal.
pub fn human_renderer() -> HumanRenderer {
    let colour = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100);
    HumanRenderer::new(colour, width)
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() {
                exit::TROUBLE
            } else {
                exit::CLEAN
            };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    let mut out = std::io::stdout().lock();
    let code = match cli.command {
        Command::Rules {
            command: RulesCommand::Check { dir },
        } => rules_check(dir.as_deref(), &mut out),
        Command::Rules {
            command: RulesCommand::Test { dir },
        } => rules_test(dir.as_deref(), &mut out),
        Command::Rules {
            command: RulesCommand::Coverage { dir, format },
        } => rules_coverage(dir.as_deref(), format, &mut out),
        Command::Check(args) => check(&args, &mut out),
        Command::Explain { rule, rules, lang } => {
            explain(&rule, rules.as_deref(), language(lang), &mut out)
        }
    };
    let _ = out.flush();
    ExitCode::from(code)
}

/// Reads the plan at `dir`, or the embedded one.
pub fn load_plan(dir: Option<&Path>) -> Result<PlanFiles, Diagnostic> {
    match dir {
        Some(dir) => PlanFiles::read(dir),
        None => PlanFiles::embedded().ok_or_else(|| {
            Diagnostic::error("rules::io", "this build embeds no plan").help("pass `--rules DIR`")
        }),
    }
}

fn write_text(out: &mut dyn Write, text: &str) {
    // A closed pipe (`planlint … | head`) is not an error worth a panic.
    let _ = out.write_all(text.as_bytes());
}

fn rules_check(dir: Option<&Path>, out: &mut dyn Write) -> u8 {
    let renderer = human_renderer();
    let files = match load_plan(dir) {
        Ok(files) => files,
        Err(diagnostic) => {
            write_text(out, &renderer.render(&diagnostic));
            return exit::TROUBLE;
        }
    };
    let compiled = files.compile();
    write_text(out, &rules_report(&compiled, &files, &renderer));
    if compiled.has_errors() {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

/// The report of `rules check`: every diagnostic, then a summary line.
pub fn rules_report(compiled: &Compiled, files: &PlanFiles, renderer: &HumanRenderer) -> String {
    let mut text = renderer.render_all(&compiled.diagnostics);
    let errors = compiled.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = compiled.diagnostics.len() - errors;
    if !text.is_empty() {
        text.push('\n');
    }
    let plan = &compiled.plan;
    text.push_str(&format!(
        "{}: {} rules, {} document kinds; {} error{}, {} warning{}\n",
        files.root,
        plan.rules.len(),
        plan.document_kinds().count(),
        errors,
        if errors == 1 { "" } else { "s" },
        warnings,
        if warnings == 1 { "" } else { "s" },
    ));
    text
}

/// Loads and compiles the plan for checking submissions, printing why when it cannot be used.
fn compiled_plan(dir: Option<&Path>, out: &mut dyn Write) -> Option<Compiled> {
    let plan = plan_with_files(dir, out).map(|(_, compiled)| compiled);
    if plan.is_none() {
        write_text(
            out,
            "the rules cannot be used; fix them (see `planlint rules check`) before checking submissions\n",
        );
    }
    plan
}

/// Every submission file under the given paths, in a stable order.
fn collect_inputs(paths: &[PathBuf]) -> Vec<Result<PathBuf, Diagnostic>> {
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut stack = vec![path.clone()];
            let mut files = Vec::new();
            while let Some(dir) = stack.pop() {
                match std::fs::read_dir(&dir) {
                    Ok(entries) => {
                        for entry in entries.flatten() {
                            let p = entry.path();
                            if p.is_dir() {
                                stack.push(p);
                            } else if p
                                .extension()
                                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
                            {
                                files.push(p);
                            }
                        }
                    }
                    Err(error) => found.push(Err(Diagnostic::error(
                        "io",
                        format!("cannot read folder `{}`: {error}", dir.display()),
                    )
                    .help("check the path and its permissions"))),
                }
            }
            files.sort();
            found.extend(files.into_iter().map(Ok));
        } else if path.exists() {
            found.push(Ok(path.clone()));
        } else {
            found.push(Err(Diagnostic::error(
                "io",
                format!("`{}` does not exist", path.display()),
            )
            .help("give a submission file or a folder of them")));
        }
    }
    found
}

fn check(args: &CheckArgs, out: &mut dyn Write) -> u8 {
    let Some(compiled) = compiled_plan(args.rules.as_deref(), out) else {
        return exit::TROUBLE;
    };
    let plan = &compiled.plan;
    let options = CheckOptions {
        as_of: args.as_of,
        today: Date::today(),
        language: language(args.lang),
        limits: Default::default(),
    };
    let inputs = collect_inputs(&args.paths);
    let io_errors: Vec<&Diagnostic> = inputs.iter().filter_map(|i| i.as_ref().err()).collect();
    let paths: Vec<&PathBuf> = inputs.iter().filter_map(|i| i.as_ref().ok()).collect();
    if paths.is_empty() && io_errors.is_empty() {
        let names: Vec<String> = args
            .paths
            .iter()
            .map(|p| format!("`{}`", p.display()))
            .collect();
        let diagnostic = Diagnostic::error(
            "io",
            format!(
                "no submission files (`*.yaml`, `*.yml`, `*.json`) under {}",
                names.join(", ")
            ),
        )
        .help("name the files to check, or a folder that holds them");
        write_text(out, &human_renderer().render(&diagnostic));
        return exit::TROUBLE;
    }
    let progress = Progress::new(paths.len());
    let reports: Vec<FileReport> = paths
        .par_iter()
        .map(|path| {
            let name = path.display().to_string();
            let report = match std::fs::read(path) {
                Ok(bytes) => check_file(plan, &name, &bytes, &options),
                Err(error) => FileReport {
                    path: name.clone(),
                    source: None,
                    documents: Vec::new(),
                    problems: vec![
                        Diagnostic::error("io", format!("cannot read `{name}`: {error}"))
                            .help("check the path and its permissions"),
                    ],
                },
            };
            progress.tick();
            report
        })
        .collect();
    progress.finish();
    let fail_on = match args.fail_on {
        FailOn::Violation => Outcome::Violation,
        FailOn::Review => Outcome::Review,
        FailOn::Missing => Outcome::MissingInformation,
        FailOn::Advice => Outcome::Advice,
    };
    let run = Run {
        plan,
        files: &reports,
        language: options.language,
        fail_on,
        explain: args.explain,
    };
    let renderer = human_renderer();
    for error in &io_errors {
        let _ = writeln!(std::io::stderr(), "{}", renderer.render(error));
    }
    let text = match args.format {
        Format::Human => render::human::render(&run, &renderer),
        Format::Json => render::json::render(&run),
        Format::Sarif => render::sarif::render(&run),
        Format::Junit => render::junit::render(&run),
        Format::Github => render::github::render(&run),
    };
    write_text(out, &text);
    if !io_errors.is_empty() {
        exit::TROUBLE
    } else if run.fails() {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

/// A progress count on stderr for long batches, only when stderr is a terminal.
struct Progress {
    total: usize,
    done: std::sync::atomic::AtomicUsize,
    enabled: bool,
}

impl Progress {
    fn new(total: usize) -> Self {
        let enabled = total >= 50 && std::io::stderr().is_terminal();
        Progress {
            total,
            done: Default::default(),
            enabled,
        }
    }

    fn tick(&self) {
        let done = self.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if self.enabled && (done.is_multiple_of(25) || done == self.total) {
            let _ = write!(std::io::stderr(), "\rchecked {done}/{}", self.total);
        }
    }

    fn finish(&self) {
        if self.enabled {
            let _ = writeln!(std::io::stderr());
        }
    }
}

fn explain(id: &str, dir: Option<&Path>, language: Language, out: &mut dyn Write) -> u8 {
    let Some(compiled) = compiled_plan(dir, out) else {
        return exit::TROUBLE;
    };
    let plan = &compiled.plan;
    let Some(rule) = plan.rule(id) else {
        let ids: Vec<&str> = plan.rules.iter().map(|r| r.id.as_str()).collect();
        let help = crate::suggest::help_for(id, ids.iter().copied(), "rules");
        let diagnostic = Diagnostic::error(
            "unknown-rule",
            format!("plan `{}` has no rule `{id}`", plan.header.id),
        )
        .help(help);
        write_text(out, &human_renderer().render(&diagnostic));
        return exit::TROUBLE;
    };
    write_text(out, &crate::explain::explain_rule(plan, rule, language));
    exit::CLEAN
}

/// Loads a plan with its files, printing the reason and giving `None` when it has errors.
fn plan_with_files(dir: Option<&Path>, out: &mut dyn Write) -> Option<(PlanFiles, Compiled)> {
    let renderer = human_renderer();
    let files = match load_plan(dir) {
        Ok(files) => files,
        Err(diagnostic) => {
            write_text(out, &renderer.render(&diagnostic));
            return None;
        }
    };
    let compiled = files.compile();
    if compiled.has_errors() {
        write_text(out, &rules_report(&compiled, &files, &renderer));
        return None;
    }
    Some((files, compiled))
}

fn rules_coverage(dir: Option<&Path>, format: CoverageFormat, out: &mut dyn Write) -> u8 {
    let Some((files, compiled)) = plan_with_files(dir, out) else {
        return exit::TROUBLE;
    };
    let run = crate::rules_test::run(&compiled.plan, &files.tests());
    let coverage = crate::coverage::measure(&compiled.plan, &run);
    match format {
        CoverageFormat::Table => write_text(out, &crate::coverage::table(&coverage)),
        CoverageFormat::Json => write_text(
            out,
            &format!(
                "{}\n",
                serde_json::to_string_pretty(&coverage).unwrap_or_default()
            ),
        ),
    }
    exit::CLEAN
}

fn rules_test(dir: Option<&Path>, out: &mut dyn Write) -> u8 {
    let renderer = human_renderer();
    let Some((files, compiled)) = plan_with_files(dir, out) else {
        return exit::TROUBLE;
    };
    let run = crate::rules_test::run(&compiled.plan, &files.tests());
    write_text(
        out,
        &crate::rules_test::report(&compiled.plan, &run, &renderer),
    );
    if run.failed() {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}
