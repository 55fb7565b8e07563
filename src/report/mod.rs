//! Reports: every word the tool says and every output format. A checked run becomes text for
//! people (miette) and machines (JSON, SARIF, JUnit, GitHub annotations).

pub(crate) mod concise;
pub(crate) mod finding;
pub(crate) mod github;
pub(crate) mod gitlab;
pub(crate) mod html;
pub(crate) mod human;
pub(crate) mod items;
pub(crate) mod json;
pub(crate) mod jsonl;
pub(crate) mod junit;
pub mod record;
pub(crate) mod sarif;
pub(crate) mod terminal;
pub(crate) mod text;

use crate::check::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::eval::{Finding, Outcome};
use crate::model::Plan;
use terminal::HumanRenderer;

pub use crate::words::Language;
use crate::words::{Word, fill, plural};
pub use record::DecisionRecord;

/// The formats a run can be reported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// miette diagnostics and a summary, for a terminal.
    Human,
    /// `planlint/check/v2`, documented in docs/json-output.md.
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// JUnit XML, for test-report viewers.
    Junit,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// GitLab Code Quality JSON, for the merge-request widget.
    Gitlab,
    /// One line per finding, `path:line:col: outcome ID message`, as ruff's concise format.
    Concise,
    /// JSON Lines: one document report per line.
    Jsonl,
    /// One self-contained HTML page an officer can print and file.
    Html,
}

/// How a report is written.
#[derive(Clone, Debug)]
pub struct ReportOptions {
    /// The language of the tool's own words.
    pub language: Language,
    /// Findings at or above this outcome fail the run.
    pub fail_on: Outcome,
    /// Show the values and conditions behind each finding.
    pub explain: bool,
    /// Colour in human output (for a terminal).
    pub colour: bool,
    /// The width human output wraps at.
    pub width: usize,
    /// The folder relative paths are relative to, as a `file://` URI ending in `/`: SARIF's
    /// `%SRCROOT%`. The command line sets it to the working folder.
    pub source_root: Option<String>,
    /// Passes and rules that did not apply in JSON and JUnit (left out by default).
    pub include_passes: bool,
    /// How much the human report shows.
    pub detail: Detail,
    /// The human report ends with a count of findings per rule and outcome.
    pub statistics: bool,
    /// `sha256:…` of the waiver register applied, for the decision record.
    pub waivers_digest: Option<String>,
}

/// How much the human report shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Detail {
    /// Errors (violations and documents that cannot be checked) and the final line.
    Quiet,
    /// Every finding and problem, and a line per document that has any; clean documents only
    /// as a count.
    #[default]
    Normal,
    /// A line for every document, clean ones too.
    Verbose,
}

impl ReportOptions {
    /// Plain output in a language: no colour, 100 columns, failing from `violation`.
    pub fn new(language: Language) -> ReportOptions {
        ReportOptions {
            language,
            fail_on: Outcome::Violation,
            explain: false,
            colour: false,
            width: 100,
            source_root: None,
            include_passes: false,
            detail: Detail::Normal,
            statistics: false,
            waivers_digest: None,
        }
    }

    pub(crate) fn renderer(&self) -> HumanRenderer {
        HumanRenderer::new(self.colour, self.width, self.language)
    }
}

/// Writes a checked run in a format.
/// The decision record of a run (`--record`): what was decided, from which plan chain,
/// submissions and options, with its content-addressed `decision_id`.
pub fn decision_record(
    plan: &crate::Plan,
    files: &[FileReport],
    options: &ReportOptions,
) -> DecisionRecord {
    DecisionRecord::of(&Run::new(plan, files, options))
}

pub fn render(
    plan: &crate::Plan,
    files: &[FileReport],
    format: Format,
    options: &ReportOptions,
) -> String {
    let run = Run::new(plan, files, options);
    match format {
        Format::Human => human::render(&run, &options.renderer()),
        Format::Json => json::render(&run),
        Format::Sarif => sarif::render(&run),
        Format::Junit => junit::render(&run),
        Format::Github => github::render(&run),
        Format::Gitlab => gitlab::render(&run),
        Format::Concise => concise::render(&run),
        Format::Jsonl => jsonl::render(&run),
        Format::Html => html::render(&run),
    }
}

/// The note that a folder search left out files that declare no `kind` (CI workflows,
/// `package.json` …): they are not submissions.
pub fn skipped_note(count: usize, language: Language) -> String {
    crate::words::fill(
        crate::words::Word::SkippedWithoutKind,
        language,
        &[
            ("count", &count.to_string()),
            ("s_files", crate::words::plural(count)),
        ],
    )
}

/// The report of a run that checked nothing, because the rules cannot be used or no input was
/// found, in a machine format; it says the run failed and why. For `Format::Human` it is the
/// problems drawn for a terminal.
pub fn render_failure(problems: &[Diagnostic], format: Format, options: &ReportOptions) -> String {
    let localized: Vec<Diagnostic> = problems
        .iter()
        .map(|p| p.in_language(options.language).into_owned())
        .collect();
    let problems = &localized[..];
    match format {
        Format::Human => render_diagnostics(problems, options),
        Format::Json => json::failure(problems),
        Format::Sarif => sarif::failure(problems),
        Format::Junit => junit::failure(problems),
        Format::Github => github::failure(problems),
        Format::Gitlab => gitlab::failure(problems),
        Format::Jsonl => jsonl::failure(problems),
        Format::Html => html::failure(problems, options.language),
        Format::Concise => problems
            .iter()
            .map(|p| {
                let path = p.file.as_ref().map_or("planlint", |f| f.name.as_ref());
                crate::base::escape::visible(&format!(
                    "{path}:1:1: {} {} {}\n",
                    p.severity.as_str(),
                    p.code_text(),
                    p.message
                ))
                .into_owned()
            })
            .collect(),
    }
}

/// Draws problems (of the rules, of reading inputs) for a terminal, one after another.
pub fn render_diagnostics(diagnostics: &[Diagnostic], options: &ReportOptions) -> String {
    options.renderer().render_all(diagnostics)
}

/// Everything a renderer needs about one run.
pub(crate) struct Run<'a> {
    pub(crate) plan: &'a Plan,
    pub(crate) files: &'a [FileReport],
    pub(crate) language: Language,
    /// Findings at or above this outcome fail the run.
    pub(crate) fail_on: Outcome,
    /// Show the values and conditions behind each finding.
    pub(crate) explain: bool,
    /// SARIF's `%SRCROOT%`, when the caller knows it.
    pub(crate) source_root: Option<&'a str>,
    pub(crate) include_passes: bool,
    pub(crate) detail: Detail,
    pub(crate) statistics: bool,
    pub(crate) waivers_digest: Option<&'a str>,
}

/// The severity a finding is shown with.
pub(crate) fn severity(outcome: Outcome) -> Severity {
    match outcome {
        Outcome::Violation => Severity::Error,
        Outcome::Review | Outcome::MissingInformation => Severity::Warning,
        _ => Severity::Advice,
    }
}

/// The tool's own word for an outcome in the chosen language.
pub(crate) fn outcome_word(outcome: Outcome, language: Language) -> &'static str {
    let word = match outcome {
        Outcome::Violation => Word::Violation,
        Outcome::Review => Word::Review,
        Outcome::MissingInformation => Word::MissingInformation,
        Outcome::Advice => Word::Advice,
        Outcome::Waived => Word::Waived,
        Outcome::Pass => Word::Pass,
        Outcome::NotApplicable => Word::NotApplicable,
    };
    word.text(language)
}

/// Counts of reported outcomes, most serious first.
#[derive(Default, Clone, Copy, serde::Serialize)]
pub(crate) struct Tally {
    pub violation: usize,
    pub review: usize,
    pub missing_information: usize,
    pub advice: usize,
    /// Violations and reviews an officer's waiver covers.
    pub waived: usize,
    /// Problems with the submissions themselves (unreadable or invalid documents).
    pub errors: usize,
}

impl Tally {
    pub fn add(&mut self, finding: &Finding) {
        match finding.outcome {
            Outcome::Violation => self.violation += 1,
            Outcome::Review => self.review += 1,
            Outcome::MissingInformation => self.missing_information += 1,
            Outcome::Advice => self.advice += 1,
            Outcome::Waived => self.waived += 1,
            _ => {}
        }
    }

    pub fn of_file(file: &FileReport) -> Tally {
        let mut tally = Tally::default();
        for (_, finding) in file.findings() {
            tally.add(finding);
        }
        tally.errors = file.problems().filter(|p| p.is_error()).count();
        tally
    }

    pub fn merge(&mut self, other: Tally) {
        self.violation += other.violation;
        self.review += other.review;
        self.missing_information += other.missing_information;
        self.advice += other.advice;
        self.waived += other.waived;
        self.errors += other.errors;
    }

    pub fn describe(&self, language: Language) -> String {
        let mut line = self.describe_reported(language);
        if self.waived > 0 {
            line.push_str(
                &crate::words::Said::new(Word::TallyWaived)
                    .with("waived", self.waived)
                    .in_language(language),
            );
        }
        line
    }

    fn describe_reported(&self, language: Language) -> String {
        let counts = [
            self.violation,
            self.review,
            self.missing_information,
            self.advice,
            self.errors,
        ]
        .map(|n| n.to_string());
        fill(
            Word::Tally,
            language,
            &[
                ("violation", &counts[0]),
                ("review", &counts[1]),
                ("missing", &counts[2]),
                ("advice", &counts[3]),
                ("errors", &counts[4]),
                ("s_violation", plural(self.violation)),
                ("s_review", plural(self.review)),
                ("s_errors", plural(self.errors)),
            ],
        )
    }
}

impl Run<'_> {
    /// The run of a check as the options describe its report.
    pub(crate) fn new<'a>(
        plan: &'a crate::Plan,
        files: &'a [FileReport],
        options: &'a ReportOptions,
    ) -> Run<'a> {
        Run {
            plan: &plan.model,
            files,
            language: options.language,
            fail_on: options.fail_on,
            explain: options.explain,
            source_root: options.source_root.as_deref(),
            include_passes: options.include_passes,
            detail: options.detail,
            statistics: options.statistics,
            waivers_digest: options.waivers_digest.as_deref(),
        }
    }

    /// Whether the run fails: a finding at the `--fail-on` level, or a document that could not be checked.
    pub fn fails(&self) -> bool {
        self.files.iter().any(|f| f.fails(self.fail_on))
    }

    pub fn tally(&self) -> Tally {
        let mut tally = Tally::default();
        for file in self.files {
            tally.merge(Tally::of_file(file));
        }
        tally
    }
}
