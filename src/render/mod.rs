//! Renderers: a checked run to text for people (miette) and machines (JSON, SARIF, JUnit, GitHub).

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use crate::check::FileReport;
use crate::diagnostic::Severity;
use crate::eval::{Finding, Outcome};
use crate::model::{Language, Plan};

/// Everything a renderer needs about one run.
pub struct Run<'a> {
    pub plan: &'a Plan,
    pub files: &'a [FileReport],
    pub language: Language,
    /// Findings at or above this outcome fail the run.
    pub fail_on: Outcome,
    /// Show the values and conditions behind each finding.
    pub explain: bool,
}

/// The severity a finding is shown with.
pub fn severity(outcome: Outcome) -> Severity {
    match outcome {
        Outcome::Violation => Severity::Error,
        Outcome::Review | Outcome::MissingInformation => Severity::Warning,
        _ => Severity::Advice,
    }
}

/// The tool's own word for an outcome in the chosen language.
pub fn outcome_word(outcome: Outcome, language: Language) -> &'static str {
    match (outcome, language) {
        (Outcome::Violation, Language::Zh) => "違規",
        (Outcome::Review, Language::Zh) => "需人工審核",
        (Outcome::MissingInformation, Language::Zh) => "資料不足",
        (Outcome::Advice, Language::Zh) => "建議",
        (Outcome::Pass, Language::Zh) => "符合",
        (Outcome::NotApplicable, Language::Zh) => "不適用",
        (other, Language::En) => match other {
            Outcome::MissingInformation => "missing information",
            Outcome::NotApplicable => "not applicable",
            o => o.name(),
        },
    }
}

/// Counts of reported outcomes, most serious first.
#[derive(Default, Clone, Copy, serde::Serialize)]
pub struct Tally {
    pub violation: usize,
    pub review: usize,
    pub missing_information: usize,
    pub advice: usize,
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
        self.errors += other.errors;
    }

    pub fn describe(&self, language: Language) -> String {
        match language {
            Language::Zh => format!(
                "違規 {},需人工審核 {},資料不足 {},建議 {},文件錯誤 {}",
                self.violation, self.review, self.missing_information, self.advice, self.errors
            ),
            Language::En => format!(
                "{} violation{}, {} review{}, {} missing information, {} advice, {} document error{}",
                self.violation,
                plural(self.violation),
                self.review,
                plural(self.review),
                self.missing_information,
                self.advice,
                self.errors,
                plural(self.errors)
            ),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

impl Run<'_> {
    /// Whether the run fails: a finding at the `--fail-on` level, or a document that could not be checked.
    pub fn fails(&self) -> bool {
        self.files.iter().any(|f| {
            f.problems().any(|p| p.is_error())
                || f.findings().any(|(_, x)| x.outcome >= self.fail_on)
        })
    }

    pub fn tally(&self) -> Tally {
        let mut tally = Tally::default();
        for file in self.files {
            tally.merge(Tally::of_file(file));
        }
        tally
    }
}
