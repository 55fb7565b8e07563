//! Command-line interface: argument parsing, reading inputs, printing reports, exit codes.

use crate::plan_dir;
use clap::{Parser, Subcommand};
use planlint::check::{CheckOptions, FileReport};
use planlint::diagnostic::{Diagnostic, ReadProblem};
use planlint::report::{self, Language, ReportOptions};
use planlint::{Date, Outcome, Plan};
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "planlint",
    version,
    about = "Check submissions against an air-quality plan encoded as rules"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check submissions (YAML or JSON files, or folders of them) against the plan.
    Check(CheckArgs),
    /// Show what a rule checks (its clause, quote, modality, responsible units and how to
    /// comply), or what a diagnostic code means (`planlint explain submission::unknown-field`).
    Explain {
        /// A rule id, as every finding shows it, or a diagnostic code.
        rule: String,
        /// The plan folder; the embedded plan when not given.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// The language of the tool's words: `zh` (Simplified, also `zh-Hans`, `zh-CN`), `zh-Hant`
        /// (Traditional, also `zh-TW`, `zh-HK`) or `en`; by default from `LC_ALL`, `LC_MESSAGES`
        /// or `LANG`.
        #[arg(long, value_parser = parse_language)]
        lang: Option<Language>,
    },
    /// Check and maintain a plan's rules.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Print a JSON Schema of a document kind, for editors (`# yaml-language-server: $schema=…`).
    Schema {
        /// The document kind: `project`, `enterprise`, `progress_report` …
        kind: String,
        /// The plan folder; the embedded plan when not given.
        #[arg(long)]
        rules: Option<PathBuf>,
    },
    /// Print a shell completion script (`planlint completions bash > /etc/bash_completion.d/planlint`).
    Completions {
        /// The shell: bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for `man`: `planlint man > planlint.1`.
    Man,
    /// Serve the HTTP API for platforms (`POST /v1/check` …, described at `/v1/openapi.json`),
    /// on loopback unless `--bind` names another address. No authentication: a deployment puts
    /// an authenticating reverse proxy in front.
    Serve {
        /// The port on loopback (127.0.0.1).
        #[arg(long, default_value_t = 8750)]
        port: u16,
        /// Listen on this address instead (`0.0.0.0:8750` for every interface): the only way to
        /// leave loopback.
        #[arg(long, value_name = "ADDR:PORT")]
        bind: Option<std::net::SocketAddr>,
        /// The plan folder; the embedded plan when not given.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Seconds a request may take before it is answered 503.
        #[arg(long, default_value_t = 30)]
        timeout: u64,
        /// Requests in progress at once; more are answered 503 at once (twice the CPUs by default).
        #[arg(long)]
        concurrency: Option<usize>,
    },
    /// Run the language server for rules files over stdin and stdout (editors start it: the VS Code
    /// extension in `editors/vscode` does).
    Lsp,
    /// Rewrite rules files in the one canonical layout (comments, blank lines between
    /// declarations and every string kept as written); a file with syntax errors is left alone.
    Fmt {
        /// Rules files, or folders whose `.rules` files to format (ignore files honoured, hidden
        /// folders skipped); the current folder when none is given.
        paths: Vec<PathBuf>,
        /// Change nothing: list the files whose layout would change, and exit 1 if any would.
        #[arg(long, conflicts_with = "diff")]
        check: bool,
        /// Change nothing: print the changes as a unified diff, and exit 1 if there are any.
        #[arg(long)]
        diff: bool,
        /// The language of the tool's words: `zh` (Simplified, also `zh-Hans`, `zh-CN`), `zh-Hant`
        /// (Traditional, also `zh-TW`, `zh-HK`) or `en`; by default from `LC_ALL`, `LC_MESSAGES`
        /// or `LANG`.
        #[arg(long, value_parser = parse_language)]
        lang: Option<Language>,
    },
    /// Write the plan as one literate HTML page: the official text in order, each encoded passage
    /// linked to its rule (what it checks in words, its tests), the rows left out with their
    /// reasons, and the coverage.
    Doc {
        /// The plan folder; the embedded plan when not given.
        dir: Option<PathBuf>,
        /// The page to write.
        #[arg(long, value_name = "FILE.html")]
        out: PathBuf,
        /// The language of the tool's words: `zh` (Simplified, also `zh-Hans`, `zh-CN`), `zh-Hant`
        /// (Traditional, also `zh-TW`, `zh-HK`) or `en`; by default from `LC_ALL`, `LC_MESSAGES`
        /// or `LANG`.
        #[arg(long, value_parser = parse_language)]
        lang: Option<Language>,
    },
    /// Create a new plan folder from its official text: the header, common units, a schema
    /// skeleton, an example rule quoting the text with its two tests, and an empty inventory.
    Init {
        /// The folder to create (empty or not there yet).
        dir: PathBuf,
        /// The plan's id, e.g. `wuhan-2025`.
        #[arg(long)]
        id: String,
        /// The plan's official title.
        #[arg(long)]
        title: String,
        /// The official text (UTF-8), copied into the folder.
        #[arg(long)]
        text: PathBuf,
        /// The first day the plan is in force (YYYY-MM-DD); today when not given.
        #[arg(long, value_parser = parse_date)]
        effective_from: Option<Date>,
        /// The language of the tool's words: `zh` (Simplified, also `zh-Hans`, `zh-CN`), `zh-Hant`
        /// (Traditional, also `zh-TW`, `zh-HK`) or `en`; by default from `LC_ALL`, `LC_MESSAGES`
        /// or `LANG`.
        #[arg(long, value_parser = parse_language)]
        lang: Option<Language>,
    },
    /// Check submissions again with a decision record's options (`check --record`), and say
    /// whether the decision is the same or what changed (the rules, a file, a date, the outcomes).
    Replay {
        /// The decision record (`planlint/decision/v1`).
        record: PathBuf,
        /// The submission files, in the order the record lists them.
        #[arg(required = true)]
        submissions: Vec<PathBuf>,
        /// The plan folder; the embedded plan when not given.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// The waiver register the check applied (`check --waivers`); a changed register is a
        /// changed decision.
        #[arg(long, value_name = "FILE")]
        waivers: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
enum RulesCommand {
    /// Check a plan's rules files: syntax, names, types, units and citations.
    Check {
        /// The plan folder; the embedded plan when not given.
        dir: Option<PathBuf>,
        /// The language of the tool's words: `zh` (Simplified, also `zh-Hans`, `zh-CN`), `zh-Hant`
        /// (Traditional, also `zh-TW`, `zh-HK`) or `en`; by default from `LC_ALL`, `LC_MESSAGES`
        /// or `LANG`.
        #[arg(long, value_parser = parse_language)]
        lang: Option<Language>,
    },
    /// Run the plan's test submissions (`tests/*.yaml`) and report pass or fail per rule.
    Test {
        /// The plan folder; the embedded plan when not given.
        dir: Option<PathBuf>,
        /// Run the tests of every plan of the chain, each plan's in its own folder.
        #[arg(long)]
        chain: bool,
        /// The language of the tool's words: `zh` (Simplified, also `zh-Hans`, `zh-CN`), `zh-Hant`
        /// (Traditional, also `zh-TW`, `zh-HK`) or `en`; by default from `LC_ALL`, `LC_MESSAGES`
        /// or `LANG`.
        #[arg(long, value_parser = parse_language)]
        lang: Option<Language>,
    },
    /// Compare each rule that implements a rule of a plan above it (`implements ID`) with that
    /// rule, and report where the child is weaker, with a counter-example submission.
    Layering {
        /// The plan folder; the embedded plan when not given.
        dir: Option<PathBuf>,
        /// The language of the tool's words: `zh` (Simplified, also `zh-Hans`, `zh-CN`), `zh-Hant`
        /// (Traditional, also `zh-TW`, `zh-HK`) or `en`; by default from `LC_ALL`, `LC_MESSAGES`
        /// or `LANG`.
        #[arg(long, value_parser = parse_language)]
        lang: Option<Language>,
    },
    /// Print the submission reference generated from the plan's schema (Markdown): each document
    /// kind's fields with their Chinese labels, types, accepted spellings and examples.
    Reference {
        /// The plan folder; the embedded plan when not given.
        dir: Option<PathBuf>,
    },
    /// Report which rows are encoded and tested, and how much normative text the rules quote.
    Coverage {
        /// The plan folder; the embedded plan when not given.
        dir: Option<PathBuf>,
        /// Report the coverage of every plan of the chain, each against its own inventory.
        #[arg(long)]
        chain: bool,
        /// Output format: a table or JSON.
        #[arg(long, value_enum, default_value_t = CoverageFormat::Table)]
        format: CoverageFormat,
        /// The language of the tool's words: `zh` (Simplified, also `zh-Hans`, `zh-CN`), `zh-Hant`
        /// (Traditional, also `zh-TW`, `zh-HK`) or `en`; by default from `LC_ALL`, `LC_MESSAGES`
        /// or `LANG`.
        #[arg(long, value_parser = parse_language)]
        lang: Option<Language>,
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
    /// Write the decision record (`planlint/decision/v1`) of the run to this file: digests of the
    /// plan chain and the submissions, the options, the counts and a content-addressed id.
    #[arg(long, value_name = "FILE")]
    record: Option<PathBuf>,
    /// The officer's waiver register (YAML, `waivers:` and its entries): a violation or review a
    /// waiver in force on the check date covers is reported as `waived`. Only `in principle`
    /// rules can be waived unless an entry says `allow_hard: true` and why.
    #[arg(long, value_name = "FILE")]
    waivers: Option<PathBuf>,
    /// Check against this plan of the chain only (its id, as its header writes it); by default
    /// against every plan of the chain in force on the check date.
    #[arg(long = "plan", value_name = "ID")]
    plan_layer: Option<String>,
    /// Check as of this date (YYYY-MM-DD) instead of each document's own date.
    #[arg(long, value_parser = parse_date)]
    as_of: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The language of the tool's words: `zh` (Simplified, also `zh-Hans`, `zh-CN`), `zh-Hant`
    /// (Traditional, also `zh-TW`, `zh-HK`) or `en`; by default from `LC_ALL`, `LC_MESSAGES` or
    /// `LANG`.
    #[arg(long, value_parser = parse_language)]
    lang: Option<Language>,
    /// The least serious outcome that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Violation)]
    fail_on: FailOn,
    /// Show the values and conditions that made each rule fire.
    #[arg(long)]
    explain: bool,
    /// Follow symbolic links to folders while searching folders (each folder is still searched,
    /// and each file checked, once).
    #[arg(long)]
    follow: bool,
    /// List passes and rules that did not apply in JSON and JUnit, too.
    #[arg(long)]
    include_passes: bool,
    /// Show only errors (violations, documents that cannot be checked) and the final line.
    #[arg(long, short, conflicts_with = "verbose")]
    quiet: bool,
    /// Show a line for every document, clean ones too.
    #[arg(long, short)]
    verbose: bool,
    /// End the human report with a count of findings per rule and outcome.
    #[arg(long)]
    statistics: bool,
    /// Write the report to this file; the terminal gets the final line.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Leave out files and folders matching this glob while searching folders (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// The name the report gives the standard input (`-`); its extension says YAML or JSON.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Human,
    Json,
    Sarif,
    Junit,
    Github,
    Gitlab,
    Concise,
    Jsonl,
    /// One self-contained HTML page, printable on A4, for an officer to file.
    Html,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum CoverageFormat {
    Table,
    Json,
}

/// A `--lang` tag as the tool speaks it.
fn parse_language(tag: &str) -> Result<Language, String> {
    Language::parse(tag).ok_or_else(|| {
        format!("`{tag}` is not a language planlint speaks: write `zh`, `zh-Hant` or `en`")
    })
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum FailOn {
    Violation,
    Review,
    Missing,
    Advice,
    /// Exit 0 whatever the documents gave; 2 still for usage, I/O and rules errors.
    Never,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("`{text}` is not a date; write YYYY-MM-DD"))
}

/// Today in UTC+8, the plans' own time zone: the one reading of the clock.
pub(crate) fn today() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Date::from_days_since_epoch((seconds + 8 * 3600).div_euclid(86_400))
}

/// The language from `--lang`, else from the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is
/// set, as POSIX orders them (`zh_CN.UTF-8` is Simplified, `zh_TW.UTF-8` Traditional); English
/// when none names a language the tool speaks.
/// The language the environment asks for (`LC_ALL`, `LC_MESSAGES`, `LANG`), English when none.
pub(crate) fn default_language() -> Language {
    language(None)
}

fn language(arg: Option<Language>) -> Language {
    arg.unwrap_or_else(|| {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
            .and_then(|locale| Language::from_locale(&locale))
            .unwrap_or(Language::En)
    })
}

/// Exit codes: 0 clean; 1 a finding at `--fail-on`, a document with errors, or a plan whose
/// rules or tests fail; 2 a usage or I/O error, or rules that cannot be used to check.
pub(crate) mod exit {
    pub const CLEAN: u8 = 0;
    pub const FINDINGS: u8 = 1;
    pub const TROUBLE: u8 = 2;
}

/// How reports are drawn on this terminal, in a language.
pub(crate) fn report_options(language: Language) -> ReportOptions {
    let mut options = ReportOptions::new(language);
    options.colour = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    options.width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100);
    options.source_root = std::env::current_dir().ok().map(|dir| {
        format!(
            "file://{}/",
            dir.display().to_string().trim_end_matches('/')
        )
    });
    options
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
    // The language server writes stdout from its own thread: a lock held here would stall it.
    if matches!(cli.command, Command::Lsp) {
        return ExitCode::from(crate::lsp::run());
    }
    let mut out = std::io::stdout().lock();
    let code = match cli.command {
        Command::Rules {
            command: RulesCommand::Check { dir, lang },
        } => rules_check(dir.as_deref(), language(lang), &mut out),
        Command::Rules {
            command: RulesCommand::Test { dir, chain, lang },
        } => rules_test(dir.as_deref(), chain, language(lang), &mut out),
        Command::Rules {
            command:
                RulesCommand::Coverage {
                    dir,
                    chain,
                    format,
                    lang,
                },
        } => rules_coverage(dir.as_deref(), chain, format, language(lang), &mut out),
        Command::Rules {
            command: RulesCommand::Reference { dir },
        } => rules_reference(dir.as_deref(), &mut out),
        Command::Rules {
            command: RulesCommand::Layering { dir, lang },
        } => rules_layering(dir.as_deref(), language(lang), &mut out),
        Command::Check(args) => check(&args, &mut out),
        Command::Schema { kind, rules } => schema(&kind, rules.as_deref(), &mut out),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "planlint", &mut script);
            write_text(&mut out, &String::from_utf8_lossy(&script));
            exit::CLEAN
        }
        Command::Replay {
            record,
            submissions,
            rules,
            waivers,
        } => replay(
            &record,
            &submissions,
            rules.as_deref(),
            waivers.as_deref(),
            &mut out,
        ),
        // Served above, before stdout is locked.
        Command::Lsp => exit::TROUBLE,
        Command::Serve {
            port,
            bind,
            rules,
            timeout,
            concurrency,
        } => crate::serve::run(
            bind.unwrap_or_else(|| std::net::SocketAddr::from(([127, 0, 0, 1], port))),
            rules.as_deref(),
            timeout,
            concurrency,
            &mut out,
        ),
        Command::Fmt {
            paths,
            check,
            diff,
            lang,
        } => {
            let mode = if check {
                crate::fmt::Mode::Check
            } else if diff {
                crate::fmt::Mode::Diff
            } else {
                crate::fmt::Mode::Write
            };
            crate::fmt::run(&paths, mode, language(lang), &mut out)
        }
        Command::Doc {
            dir,
            out: page,
            lang,
        } => doc(dir.as_deref(), &page, language(lang), &mut out),
        Command::Init {
            dir,
            id,
            title,
            text,
            effective_from,
            lang,
        } => init(
            &dir,
            &id,
            &title,
            &text,
            effective_from,
            language(lang),
            &mut out,
        ),
        Command::Man => {
            let command = <Cli as clap::CommandFactory>::command();
            let mut page = Vec::new();
            match clap_mangen::Man::new(command).render(&mut page) {
                Ok(()) => {
                    write_text(&mut out, &String::from_utf8_lossy(&page));
                    exit::CLEAN
                }
                Err(error) => {
                    write_diagnostic(
                        &mut out,
                        plan_dir::io_error(Path::new("-"), &error),
                        Language::En,
                    );
                    exit::TROUBLE
                }
            }
        }
        Command::Explain { rule, rules, lang } => {
            explain(&rule, rules.as_deref(), language(lang), &mut out)
        }
    };
    let _ = out.flush();
    ExitCode::from(code)
}

pub(crate) fn write_text(out: &mut dyn Write, text: &str) {
    // A closed pipe (`planlint … | head`) is not an error worth a panic.
    let _ = out.write_all(text.as_bytes());
}

/// Why a run checked nothing, in the format asked for (a terminal's when none).
fn write_failure(
    out: &mut dyn Write,
    problems: &[Diagnostic],
    format: Option<report::Format>,
    language: Language,
) {
    let options = report_options(language);
    let format = format.unwrap_or(report::Format::Human);
    write_text(out, &report::render_failure(problems, format, &options));
}

pub(crate) fn write_diagnostic(out: &mut dyn Write, diagnostic: Diagnostic, language: Language) {
    let options = report_options(language);
    write_text(out, &report::render_diagnostics(&[diagnostic], &options));
}

fn rules_check(dir: Option<&Path>, language: Language, out: &mut dyn Write) -> u8 {
    let plan = match plan_dir::load(dir) {
        Ok(plan) => plan,
        Err(diagnostic) => {
            write_diagnostic(out, diagnostic, language);
            return exit::TROUBLE;
        }
    };
    let options = report_options(language);
    write_text(out, &planlint::tools::rules_report(&plan, &options));
    if plan.has_errors() {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

/// Loads the plan for checking submissions or running its tests, printing why when it has errors:
/// in a machine format (`check --format …`) as that format's report of a failed run.
pub(crate) fn usable_plan(
    dir: Option<&Path>,
    format: Option<report::Format>,
    language: Language,
    out: &mut dyn Write,
) -> Option<Plan> {
    let plan = match plan_dir::load(dir) {
        Ok(plan) => plan,
        Err(diagnostic) => {
            write_failure(out, &[diagnostic], format, language);
            None?
        }
    };
    if plan.has_errors() {
        if format.is_some_and(|f| f != report::Format::Human) {
            write_failure(out, plan.diagnostics(), format, language);
            return None;
        }
        let options = report_options(language);
        write_text(out, &planlint::tools::rules_report(&plan, &options));
        write_text(out, &planlint::tools::rules_unusable(language));
        return None;
    }
    Some(plan)
}

/// One input of a run.
enum Input {
    /// A file named on the command line (checked strictly) or found in a folder (skipped with a
    /// note when it declares no `kind`).
    File { path: PathBuf, walked: bool },
    /// The standard input, named for the report.
    Stdin(String),
    /// A path that cannot be read, with the reason.
    Unreadable(PathBuf, Box<Diagnostic>),
}

/// Every submission under the given paths, in a stable order, each once. Folders are searched
/// the way ripgrep and ruff do: `.gitignore` and `.ignore` files are obeyed, hidden files and
/// folders skipped, `--exclude` globs left out, and links to folders followed only with
/// `--follow` (and then each folder searched once, so `loop -> .` cannot make it endless).
fn collect_inputs(args: &CheckArgs) -> Vec<Input> {
    let mut found = Vec::new();
    // The same file named twice, or reached through two links, is checked once.
    let mut checked: HashSet<PathBuf> = HashSet::new();
    let mut once = |path: PathBuf, walked: bool, found: &mut Vec<Input>| {
        let identity = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if checked.insert(identity) {
            found.push(Input::File { path, walked });
        }
    };
    for path in &args.paths {
        if path.as_os_str() == "-" {
            let name = args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| "stdin.yaml".to_string());
            found.push(Input::Stdin(name));
        } else if path.is_dir() {
            let mut overrides = ignore::overrides::OverrideBuilder::new(path);
            for glob in &args.exclude {
                if let Err(error) = overrides.add(&format!("!{glob}")) {
                    let problem = Diagnostic::read_problem(ReadProblem::Unreadable {
                        path: glob,
                        kind: std::io::ErrorKind::InvalidInput,
                        reason: &error.to_string(),
                    });
                    found.push(Input::Unreadable(PathBuf::from(glob), Box::new(problem)));
                }
            }
            let mut walk = ignore::WalkBuilder::new(path);
            walk.follow_links(args.follow)
                .require_git(false)
                .sort_by_file_path(|a, b| a.cmp(b));
            if let Ok(overrides) = overrides.build() {
                walk.overrides(overrides);
            }
            for entry in walk.build() {
                match entry {
                    Ok(entry) => {
                        let p = entry.path();
                        let is_file = entry.file_type().is_some_and(|t| !t.is_dir());
                        let submission = p
                            .extension()
                            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json");
                        if is_file && submission {
                            once(p.to_path_buf(), true, &mut found);
                        }
                    }
                    // A link loop met while following links is left out: each folder once.
                    Err(error) if is_loop(&error) => {}
                    Err(error) => {
                        let io = error
                            .io_error()
                            .map_or(std::io::ErrorKind::Other, std::io::Error::kind);
                        let shown = error.to_string();
                        let problem = Diagnostic::read_problem(ReadProblem::Unreadable {
                            path: &path.display().to_string(),
                            kind: io,
                            reason: &shown,
                        });
                        found.push(Input::Unreadable(path.clone(), Box::new(problem)));
                    }
                }
            }
        } else if path.exists() || path.is_symlink() {
            // A link that leads nowhere or in a circle is named as given; reading it says why.
            once(path.clone(), false, &mut found);
        } else {
            let problem = Diagnostic::read_problem(ReadProblem::SubmissionMissing(
                &path.display().to_string(),
            ));
            found.push(Input::Unreadable(path.clone(), Box::new(problem)));
        }
    }
    found
}

/// Whether a walk error is a link loop, however the walker wrapped it.
fn is_loop(error: &ignore::Error) -> bool {
    match error {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_loop(err),
        _ => false,
    }
}

/// Whether a file found in a folder has a `kind` key at all (`kind:`, `"kind":`, `{kind: …}`),
/// leniently: a file that might be a submission is checked, and its problems reported. Other
/// YAML and JSON (CI workflows, `package.json`) is not a submission and is skipped with a note.
fn declares_kind(bytes: &[u8]) -> bool {
    // A file that is not UTF-8 is checked, so that its encoding is reported.
    let Ok(text) = std::str::from_utf8(bytes) else {
        return true;
    };
    text.match_indices("kind").any(|(at, _)| {
        let after = text[at + 4..].trim_start_matches(['"', '\'', ' ', '\t']);
        let before = text[..at].trim_end_matches(['"', '\'']);
        after.starts_with(':')
            && before
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || matches!(c, '{' | ','))
    })
}

fn check(args: &CheckArgs, out: &mut dyn Write) -> u8 {
    let format = match args.format {
        Format::Human => report::Format::Human,
        Format::Json => report::Format::Json,
        Format::Sarif => report::Format::Sarif,
        Format::Junit => report::Format::Junit,
        Format::Github => report::Format::Github,
        Format::Gitlab => report::Format::Gitlab,
        Format::Concise => report::Format::Concise,
        Format::Jsonl => report::Format::Jsonl,
        Format::Html => report::Format::Html,
    };
    let language = language(args.lang);
    let Some(mut plan) = usable_plan(args.rules.as_deref(), Some(format), language, out) else {
        return exit::TROUBLE;
    };
    if let Some(id) = &args.plan_layer
        && !plan.keep_only_plan(id)
    {
        let known = plan.chain_ids();
        let diagnostic = Diagnostic::read_problem(ReadProblem::UnknownPlan {
            given: id,
            known: &known,
        });
        write_failure(out, &[diagnostic], Some(format), language);
        return exit::TROUBLE;
    }
    let register = match args
        .waivers
        .as_deref()
        .map(|p| read_register(&plan, p))
        .transpose()
    {
        Ok(register) => register,
        Err(problem) => {
            write_failure(out, &[*problem], Some(format), language);
            return exit::TROUBLE;
        }
    };
    let options = CheckOptions::new(today())
        .as_of(args.as_of)
        .waivers(register.clone());
    let inputs = collect_inputs(args);
    if inputs.is_empty() {
        let names: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        let diagnostic = Diagnostic::read_problem(ReadProblem::NoSubmissions(&names));
        write_failure(out, &[diagnostic], Some(format), language);
        return exit::TROUBLE;
    }
    let progress = Progress::new(inputs.len());
    // An input that cannot be read is a file of the report with its problem, so that every
    // format says the run did not check it.
    // The standard input is read once, before the files are checked in parallel.
    let stdin: Option<Vec<u8>> = inputs
        .iter()
        .any(|i| matches!(i, Input::Stdin(_)))
        .then(|| {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map(|_| bytes)
        })
        .and_then(Result::ok);
    let checked: Vec<Option<FileReport>> = inputs
        .par_iter()
        .map(|input| {
            let report = match input {
                Input::File { path, walked } => {
                    let name = path.display().to_string();
                    match std::fs::read(path) {
                        Ok(bytes) if *walked && !declares_kind(&bytes) => None,
                        Ok(bytes) => Some(plan.check(&name, &bytes, &options)),
                        Err(error) => Some(FileReport::unreadable(
                            &name,
                            plan_dir::io_error(path, &error),
                        )),
                    }
                }
                Input::Stdin(name) => {
                    Some(plan.check(name, stdin.as_deref().unwrap_or_default(), &options))
                }
                Input::Unreadable(path, problem) => Some(FileReport::unreadable(
                    &path.display().to_string(),
                    (**problem).clone(),
                )),
            };
            progress.tick();
            report
        })
        .collect();
    let skipped = checked.iter().filter(|r| r.is_none()).count();
    let mut reports: Vec<FileReport> = checked.into_iter().flatten().collect();
    // The register's own problems, and its entries that met no finding, are a file of the run.
    if let Some(register) = &register
        && let Some(problems) = planlint::waiver::register_report(register, &reports)
    {
        reports.push(problems);
    }
    if skipped > 0 {
        // A note for people, on the error stream: the report itself stays what its format is.
        eprintln!("{}", report::skipped_note(skipped, language));
    }
    progress.finish();
    let mut report_options = report_options(language);
    report_options.fail_on = match args.fail_on {
        FailOn::Violation | FailOn::Never => Outcome::Violation,
        FailOn::Review => Outcome::Review,
        FailOn::Missing => Outcome::MissingInformation,
        FailOn::Advice => Outcome::Advice,
    };
    report_options.explain = args.explain;
    report_options.waivers_digest = register.as_ref().map(|r| r.digest.clone());
    report_options.include_passes = args.include_passes;
    report_options.statistics = args.statistics;
    report_options.detail = if args.quiet {
        report::Detail::Quiet
    } else if args.verbose {
        report::Detail::Verbose
    } else {
        report::Detail::Normal
    };
    if let Some(path) = &args.output {
        // The report goes to the file (never coloured); the terminal keeps its last line.
        let mut file_options = report_options.clone();
        file_options.colour = false;
        let rendered = report::render(&plan, &reports, format, &file_options);
        if let Err(error) = std::fs::write(path, rendered) {
            write_diagnostic(out, plan_dir::io_error(path, &error), language);
            return exit::TROUBLE;
        }
        let summary = report::render(&plan, &reports, report::Format::Human, &{
            let mut quiet = report_options.clone();
            quiet.detail = report::Detail::Quiet;
            quiet
        });
        write_text(out, summary.lines().last().map_or("", |l| l));
        write_text(out, "\n");
    } else {
        write_text(
            out,
            &report::render(&plan, &reports, format, &report_options),
        );
    }
    if let Some(path) = &args.record {
        let record = report::decision_record(&plan, &reports, &report_options);
        if let Err(error) = std::fs::write(path, record.to_json()) {
            write_diagnostic(out, plan_dir::io_error(path, &error), language);
            return exit::TROUBLE;
        }
    }
    // A file that could not be read, or a waiver register with entries that cannot be applied,
    // is an error of the run, whatever the documents gave.
    if reports.iter().any(|r| r.read_problem().is_some())
        || register.as_ref().is_some_and(|r| r.has_errors())
    {
        exit::TROUBLE
    } else if args.fail_on == FailOn::Never {
        exit::CLEAN
    } else if reports.iter().any(|r| r.fails(report_options.fail_on)) {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

/// `planlint doc`: the plan's literate page written to a file.
fn doc(dir: Option<&Path>, page: &Path, language: Language, out: &mut dyn Write) -> u8 {
    let Some(plan) = usable_plan(dir, None, language, out) else {
        return exit::TROUBLE;
    };
    match std::fs::write(page, planlint::tools::literate_page(&plan, language)) {
        Ok(()) => exit::CLEAN,
        Err(error) => {
            write_diagnostic(out, plan_dir::io_error(page, &error), language);
            exit::TROUBLE
        }
    }
}

/// `planlint init`: a new plan folder written from its official text.
fn init(
    dir: &Path,
    id: &str,
    title: &str,
    text: &Path,
    effective_from: Option<Date>,
    language: Language,
    out: &mut dyn Write,
) -> u8 {
    let shown = dir.display().to_string();
    if std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()) {
        write_diagnostic(
            out,
            planlint::tools::init_folder_not_empty(&shown),
            language,
        );
        return exit::TROUBLE;
    }
    let official = match std::fs::read_to_string(text) {
        Ok(official) => official,
        Err(error) => {
            write_diagnostic(out, plan_dir::io_error(text, &error), language);
            return exit::TROUBLE;
        }
    };
    let plan = planlint::tools::init::NewPlan {
        id,
        title,
        text: &official,
        effective_from: effective_from.unwrap_or_else(today),
    };
    let Ok(files) = planlint::tools::init::files(&plan) else {
        let problem = planlint::tools::init_no_clause(&text.display().to_string());
        write_diagnostic(out, problem, language);
        return exit::TROUBLE;
    };
    for (relative, contents) in &files {
        let path = dir.join(relative);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, contents));
        if let Err(error) = written {
            write_diagnostic(out, plan_dir::io_error(&path, &error), language);
            return exit::TROUBLE;
        }
    }
    write_text(
        out,
        &planlint::tools::init_created(&shown, files.len(), language),
    );
    write_text(out, "\n");
    exit::CLEAN
}

/// `planlint replay`: the submissions checked with the record's options, the decisions compared.
fn replay(
    record: &Path,
    submissions: &[PathBuf],
    rules: Option<&Path>,
    waivers: Option<&Path>,
    out: &mut dyn Write,
) -> u8 {
    let fallback = language(None);
    let recorded = match std::fs::read_to_string(record) {
        Ok(text) => match report::DecisionRecord::from_json(&text) {
            Ok(recorded) => recorded,
            Err(reason) => {
                let problem =
                    report::DecisionRecord::invalid(&record.display().to_string(), &reason);
                write_diagnostic(out, problem, fallback);
                return exit::TROUBLE;
            }
        },
        Err(error) => {
            write_diagnostic(out, plan_dir::io_error(record, &error), fallback);
            return exit::TROUBLE;
        }
    };
    let language = Language::parse(&recorded.options.language).unwrap_or(fallback);
    let Some(plan) = usable_plan(rules, None, language, out) else {
        return exit::TROUBLE;
    };
    let register = match waivers.map(|p| read_register(&plan, p)).transpose() {
        Ok(register) => register,
        Err(problem) => {
            write_diagnostic(out, *problem, language);
            return exit::TROUBLE;
        }
    };
    let mut reports = Vec::new();
    for (i, path) in submissions.iter().enumerate() {
        // A date that came from the day of the check, or was given, is pinned to the recorded
        // one; a document's own date is read from the document again.
        let pinned = recorded.inputs.get(i).and_then(|input| {
            input
                .documents
                .iter()
                .find(|d| d.date_source != "document")
                .and_then(|d| planlint::Date::parse(&d.check_date))
        });
        let options = CheckOptions::new(today())
            .as_of(pinned)
            .waivers(register.clone());
        let name = path.display().to_string();
        reports.push(match std::fs::read(path) {
            Ok(bytes) => plan.check(&name, &bytes, &options),
            Err(error) => FileReport::unreadable(&name, plan_dir::io_error(path, &error)),
        });
    }
    let mut options = report_options(language);
    options.fail_on = [
        Outcome::Violation,
        Outcome::Review,
        Outcome::MissingInformation,
        Outcome::Advice,
    ]
    .into_iter()
    .find(|o| o.name() == recorded.options.fail_on)
    .unwrap_or(Outcome::Violation);
    options.waivers_digest = register.as_ref().map(|r| r.digest.clone());
    let now = report::decision_record(&plan, &reports, &options);
    let (text, same) = recorded.replay_report(&now, language);
    write_text(out, &text);
    if same { exit::CLEAN } else { exit::FINDINGS }
}

/// The officer's waiver register read from disk and checked against the plan.
fn read_register(
    plan: &planlint::Plan,
    path: &Path,
) -> Result<std::sync::Arc<planlint::waiver::Register>, Box<Diagnostic>> {
    let bytes = std::fs::read(path).map_err(|e| Box::new(plan_dir::io_error(path, &e)))?;
    let name = path.display().to_string();
    Ok(std::sync::Arc::new(planlint::waiver::Register::read(
        plan, &name, &bytes,
    )))
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

/// `explain ID`: a diagnostic code's description, else the rule of that id.
fn explain(id: &str, dir: Option<&Path>, language: Language, out: &mut dyn Write) -> u8 {
    match planlint::tools::explain_code(id) {
        Some(Ok(text)) => {
            write_text(out, &text);
            return exit::CLEAN;
        }
        Some(Err(diagnostic)) => {
            write_diagnostic(out, diagnostic, language);
            return exit::TROUBLE;
        }
        None => {}
    }
    let Some(plan) = usable_plan(dir, None, language, out) else {
        return exit::TROUBLE;
    };
    match planlint::tools::explain_rule(&plan, id, language) {
        Ok(text) => {
            write_text(out, &text);
            exit::CLEAN
        }
        Err(diagnostic) => {
            write_diagnostic(out, diagnostic, language);
            exit::TROUBLE
        }
    }
}

fn rules_coverage(
    dir: Option<&Path>,
    chain: bool,
    format: CoverageFormat,
    language: Language,
    out: &mut dyn Write,
) -> u8 {
    let Some(plans) = plans_of(dir, chain, language, out) else {
        return exit::TROUBLE;
    };
    let mut json = Vec::new();
    for plan in &plans {
        let coverage = planlint::tools::coverage(plan, &planlint::tools::test(plan));
        match format {
            CoverageFormat::Table => write_text(out, &coverage.table(language)),
            CoverageFormat::Json if chain => json.push(coverage.to_json()),
            CoverageFormat::Json => write_text(out, &coverage.to_json()),
        }
    }
    if chain && format == CoverageFormat::Json {
        write_text(out, &format!("[\n{}]\n", json.join(",\n")));
    }
    exit::CLEAN
}

/// The plan at `dir` (the embedded one without it), and with `chain` the plans above it too,
/// each compiled from its own folder so that its own tests and inventory are its own.
fn plans_of(
    dir: Option<&Path>,
    chain: bool,
    language: Language,
    out: &mut dyn Write,
) -> Option<Vec<Plan>> {
    let plan = usable_plan(dir, None, language, out)?;
    let mut plans = Vec::new();
    let ids = plan.chain_ids();
    plans.push(plan);
    if chain {
        for id in ids.iter().skip(1) {
            let above = match dir {
                Some(dir) => {
                    let beside = dir.parent().map(Path::to_path_buf).unwrap_or_default();
                    usable_plan(Some(&beside.join(id)), None, language, out)?
                }
                None => Plan::embedded_named(id)?,
            };
            plans.push(above);
        }
    }
    Some(plans)
}

fn schema(kind: &str, dir: Option<&Path>, out: &mut dyn Write) -> u8 {
    let Some(plan) = usable_plan(dir, None, Language::En, out) else {
        return exit::TROUBLE;
    };
    match planlint::tools::json_schema(&plan, kind) {
        Some(schema) => {
            write_text(out, &schema);
            exit::CLEAN
        }
        None => {
            let kinds = planlint::tools::document_kinds(&plan);
            let diagnostic = planlint::tools::unknown_kind(&plan, kind, &kinds);
            write_diagnostic(out, diagnostic, language(None));
            exit::TROUBLE
        }
    }
}

fn rules_reference(dir: Option<&Path>, out: &mut dyn Write) -> u8 {
    let Some(plan) = usable_plan(dir, None, Language::En, out) else {
        return exit::TROUBLE;
    };
    write_text(out, &planlint::tools::reference(&plan));
    exit::CLEAN
}

/// `rules layering`: exit 1 when a child rule is weaker than its parent or cannot be verified.
fn rules_layering(dir: Option<&Path>, language: Language, out: &mut dyn Write) -> u8 {
    let Some(plan) = usable_plan(dir, None, language, out) else {
        return exit::TROUBLE;
    };
    let layering = planlint::tools::layering(&plan);
    write_text(out, &planlint::tools::layering_report(&layering, language));
    if layering
        .pairs
        .iter()
        .all(|p| p.verdict == planlint::tools::layering::Verdict::NoWeaker)
    {
        exit::CLEAN
    } else {
        exit::FINDINGS
    }
}

fn rules_test(dir: Option<&Path>, chain: bool, language: Language, out: &mut dyn Write) -> u8 {
    let Some(plans) = plans_of(dir, chain, language, out) else {
        return exit::TROUBLE;
    };
    let mut failed = false;
    for (i, plan) in plans.iter().enumerate() {
        if chain {
            if i > 0 {
                write_text(out, "\n");
            }
            write_text(out, &format!("{}:\n", plan.root()));
        }
        let run = planlint::tools::test(plan);
        write_text(out, &run.report(plan, &report_options(language)));
        failed |= run.failed();
    }
    if failed { exit::FINDINGS } else { exit::CLEAN }
}
