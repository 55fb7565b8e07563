//! The one diagnostic type every stage reports with: a registered code (or, for a finding, the
//! rule id), a severity, a message, where it is, and how to fix it. Words only; no rendering.

mod codes;

pub use codes::Code;

use crate::base::span::{SourceFile, Span};
use crate::words::{Language, Said};
use std::borrow::Cow;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Advice,
    Warning,
    Error,
}

impl Severity {
    /// The severity as reports spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Advice => "advice",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A piece of source pointed at, with what to say about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Label {
    pub(crate) span: Span,
    pub(crate) text: String,
}

impl Label {
    pub(crate) fn new(span: Span, text: impl Into<String>) -> Self {
        Label {
            span,
            text: text.into(),
        }
    }
}

/// What a diagnostic is about: a problem of the tool's registry, or a finding of a plan's rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Subject {
    Problem(Code),
    Finding(String),
}

impl Subject {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Subject::Problem(code) => code.as_str(),
            Subject::Finding(rule) => rule,
        }
    }
}

/// A problem or finding: a code, a severity, a message, where it is, and how to fix it.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub(crate) subject: Subject,
    pub(crate) severity: Severity,
    pub(crate) message: String,
    pub(crate) file: Option<SourceFile>,
    pub(crate) primary: Option<Label>,
    pub(crate) secondary: Vec<Label>,
    pub(crate) help: Option<String>,
    /// Extra lines printed under the snippet (clause, quote, responsible units …).
    pub(crate) notes: Vec<String>,
    /// The JSON pointer of the submission value the problem is about, when it is about one.
    pub(crate) pointer: Option<String>,
    /// The message, label and help as words, so a report can write them in its language; `None`
    /// for a diagnostic written in one language only.
    pub(crate) words: Option<Box<DiagnosticWords>>,
}

/// A diagnostic's texts as words of the tool's table.
#[derive(Clone, Debug)]
pub(crate) struct DiagnosticWords {
    message: Said,
    label: Option<Said>,
    /// The words of secondary labels, by their position among them.
    also: Vec<(usize, Said)>,
    help: Option<Said>,
    /// The words of notes, by their position among them.
    notes: Vec<(usize, Said)>,
}

impl Diagnostic {
    /// A problem of a registered code, with the code's severity.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Self::with_subject(Subject::Problem(code), code.severity(), message)
    }

    /// A finding of a plan's rule, shown with the rule id where a problem shows its code.
    pub(crate) fn finding(rule: &str, severity: Severity, message: impl Into<String>) -> Self {
        Self::with_subject(Subject::Finding(rule.to_string()), severity, message)
    }

    fn with_subject(subject: Subject, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            subject,
            severity,
            message: message.into(),
            file: None,
            primary: None,
            secondary: Vec::new(),
            help: None,
            notes: Vec::new(),
            pointer: None,
            words: None,
        }
    }

    /// A problem of a registered code whose message is a word of the tool's table: English by
    /// default, and in whatever language the report is written in.
    pub(crate) fn said(code: Code, message: Said) -> Self {
        let mut diagnostic = Self::new(code, message.in_language(Language::En));
        diagnostic.words = Some(Box::new(DiagnosticWords {
            message,
            label: None,
            also: Vec::new(),
            help: None,
            notes: Vec::new(),
        }));
        diagnostic
    }

    /// Points at a span with a label that is a word of the tool's table.
    pub(crate) fn at_said(mut self, span: Span, label: Said) -> Self {
        self = self.at(span, label.in_language(Language::En));
        if let Some(words) = &mut self.words {
            words.label = Some(label);
        }
        self
    }

    /// Says which submission value the problem is about, by its JSON pointer.
    pub(crate) fn pointing(mut self, pointer: &str) -> Self {
        self.pointer = Some(pointer.to_string());
        self
    }

    /// Labels another span with a word of the tool's table.
    pub(crate) fn also_said(mut self, span: Span, label: Said) -> Self {
        let position = self.secondary.len();
        self = self.also(span, label.in_language(Language::En));
        if let Some(words) = &mut self.words {
            words.also.push((position, label));
        }
        self
    }

    /// Says how to fix it with a word of the tool's table.
    pub(crate) fn help_said(mut self, help: Said) -> Self {
        self = self.help(help.in_language(Language::En));
        if let Some(words) = &mut self.words {
            words.help = Some(help);
        }
        self
    }

    /// Adds a note that is a word of the tool's table.
    pub(crate) fn note_said(mut self, note: Said) -> Self {
        let position = self.notes.len();
        self = self.note(note.in_language(Language::En));
        if let Some(words) = &mut self.words {
            words.notes.push((position, note));
        }
        self
    }

    /// The diagnostic as a report in a language shows it: its words written in that language.
    pub(crate) fn in_language(&self, language: Language) -> Cow<'_, Diagnostic> {
        let Some(words) = self.words.as_deref().filter(|_| language != Language::En) else {
            return Cow::Borrowed(self);
        };
        let mut localized = self.clone();
        localized.message = words.message.in_language(language);
        if let (Some(label), Some(primary)) = (&words.label, &mut localized.primary) {
            primary.text = label.in_language(language);
        }
        for (position, label) in &words.also {
            if let Some(secondary) = localized.secondary.get_mut(*position) {
                secondary.text = label.in_language(language);
            }
        }
        if let Some(help) = &words.help {
            localized.help = Some(help.in_language(language));
        }
        for (position, note) in &words.notes {
            if let Some(text) = localized.notes.get_mut(*position) {
                *text = note.in_language(language);
            }
        }
        Cow::Owned(localized)
    }

    pub(crate) fn in_file(mut self, file: &SourceFile) -> Self {
        self.file = Some(file.clone());
        self
    }

    pub(crate) fn at(mut self, span: Span, text: impl Into<String>) -> Self {
        self.primary = Some(Label::new(span, text));
        self
    }

    pub(crate) fn also(mut self, span: Span, text: impl Into<String>) -> Self {
        self.secondary.push(Label::new(span, text));
        self
    }

    /// Adds how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// The registered code, or `None` for a finding of a plan's rule.
    pub fn code(&self) -> Option<Code> {
        match self.subject {
            Subject::Problem(code) => Some(code),
            Subject::Finding(_) => None,
        }
    }

    /// The code as reports spell it: the registered code, or the rule id of a finding.
    pub fn code_text(&self) -> &str {
        self.subject.as_str()
    }

    /// How serious it is.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The one-sentence message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// How to fix it, when the tool can say.
    pub fn help_text(&self) -> Option<&str> {
        self.help.as_deref()
    }

    /// `file:line:column` of the primary label, columns in characters.
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_ref()?;
        let label = self.primary.as_ref()?;
        let position = file.line_column(label.span.start);
        Some(format!(
            "{}:{}:{}",
            file.name, position.line, position.column
        ))
    }

    /// The name its help suggests instead of the one its primary label points at ("did you mean
    /// `x`?"), for an editor's quick fix.
    pub fn suggested_name(&self) -> Option<&str> {
        self.words.as_ref()?.help.as_ref()?.suggested_name()
    }

    /// The bytes the primary label points at, in the text of [`Diagnostic::source_text`].
    pub fn byte_range(&self) -> Option<std::ops::Range<usize>> {
        self.primary.as_ref().map(|l| l.span.start..l.span.end)
    }

    /// The text of the file the diagnostic is about, when it is about one.
    pub fn source_text(&self) -> Option<&str> {
        self.file.as_ref().map(|f| f.text.as_ref())
    }

    /// Whether it is an error (and not a warning or advice).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Orders diagnostics by file and position so output never depends on discovery order.
    fn sort_key(&self) -> (String, usize, String) {
        (
            self.file
                .as_ref()
                .map(|f| f.name.to_string())
                .unwrap_or_default(),
            self.primary.as_ref().map_or(0, |l| l.span.start),
            self.code_text().to_string(),
        )
    }
}

/// A plan that cannot be read from disk, as the command line (which reads the disk) says it.
#[derive(Clone, Copy, Debug)]
pub enum ReadProblem<'a> {
    /// No plan folder was given and the build embeds none.
    NoEmbeddedPlan,
    /// The path given does not exist.
    Missing(&'a str),
    /// The folder holds no `.rules` file.
    NoRulesFiles(&'a str),
    /// A path that cannot be read: the reason in the tool's words where it is a common one,
    /// otherwise the system's.
    Unreadable {
        path: &'a str,
        kind: std::io::ErrorKind,
        reason: &'a str,
    },
    /// A submission path named on the command line that does not exist.
    SubmissionMissing(&'a str),
    /// The paths named on the command line hold no submission file.
    NoSubmissions(&'a [String]),
    /// `--plan ID` names no plan of the chain; the ids it has.
    UnknownPlan { given: &'a str, known: &'a [String] },
}

impl Diagnostic {
    /// The diagnostic for a plan that cannot be read, in the tool's words.
    pub fn read_problem(problem: ReadProblem<'_>) -> Diagnostic {
        use crate::words::Word;
        let (code, message, help) = match problem {
            ReadProblem::NoEmbeddedPlan => (
                Code::RulesIo,
                Said::new(Word::NoEmbeddedPlan),
                Word::NoEmbeddedPlanHelp,
            ),
            ReadProblem::Missing(path) => (
                Code::IoRead,
                Said::new(Word::PathMissing).with("path", path),
                Word::PathMissingHelp,
            ),
            ReadProblem::NoRulesFiles(path) => (
                Code::RulesIo,
                Said::new(Word::NoRulesFiles).with("path", path),
                Word::NoRulesFilesHelp,
            ),
            ReadProblem::Unreadable { path, kind, reason } => {
                let said_reason = match kind {
                    std::io::ErrorKind::NotFound => Some(Word::IoNotFound),
                    std::io::ErrorKind::PermissionDenied => Some(Word::IoPermissionDenied),
                    std::io::ErrorKind::IsADirectory => Some(Word::IoIsADirectory),
                    std::io::ErrorKind::NotADirectory => Some(Word::IoNotADirectory),
                    std::io::ErrorKind::InvalidData => Some(Word::IoInvalidData),
                    _ => None,
                };
                let message = Said::new(Word::CannotRead).with("path", path);
                let message = match said_reason {
                    Some(word) => message.with_said("reason", Said::new(word)),
                    None => message.with("reason", reason),
                };
                (Code::IoRead, message, Word::CannotReadHelp)
            }
            ReadProblem::SubmissionMissing(path) => (
                Code::IoRead,
                Said::new(Word::PathMissing).with("path", path),
                Word::SubmissionMissingHelp,
            ),
            ReadProblem::NoSubmissions(paths) => {
                let paths: Vec<Said> = paths
                    .iter()
                    .map(|p| Said::new(Word::Quoted).with("text", p))
                    .collect();
                (
                    Code::IoNoInputs,
                    Said::new(Word::NoSubmissionFiles).with_said_list("paths", paths),
                    Word::NoSubmissionFilesHelp,
                )
            }
            ReadProblem::UnknownPlan { given, known } => {
                let known: Vec<Said> = known
                    .iter()
                    .map(|p| Said::new(Word::Quoted).with("text", p))
                    .collect();
                (
                    Code::RulesIo,
                    Said::new(Word::UnknownPlanLayer)
                        .with("given", given)
                        .with_said_list("known", known),
                    Word::UnknownPlanLayerHelp,
                )
            }
        };
        Diagnostic::said(code, message).help_said(Said::new(help))
    }
}

/// Sorts diagnostics by file, position and code, keeping equal ones in their original order.
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_cached_key(Diagnostic::sort_key);
}
