//! The one diagnostic type every stage reports with, and its miette rendering for people.

use crate::span::{SourceFile, Span};
use std::fmt;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Advice,
    Warning,
    Error,
}

impl Severity {
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
pub struct Label {
    pub span: Span,
    pub text: String,
}

impl Label {
    pub fn new(span: Span, text: impl Into<String>) -> Self {
        Label {
            span,
            text: text.into(),
        }
    }
}

/// A problem or finding: a code, a severity, a message, where it is, and how to fix it.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub code: String,
    pub severity: Severity,
    pub message: String,
    pub file: Option<SourceFile>,
    pub primary: Option<Label>,
    pub secondary: Vec<Label>,
    pub help: Option<String>,
    /// Extra lines printed under the snippet (clause, quote, responsible units …).
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            code: code.into(),
            severity,
            message: message.into(),
            file: None,
            primary: None,
            secondary: Vec::new(),
            help: None,
            notes: Vec::new(),
        }
    }

    pub fn error(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    pub fn warning(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    pub fn in_file(mut self, file: &SourceFile) -> Self {
        self.file = Some(file.clone());
        self
    }

    pub fn at(mut self, span: Span, text: impl Into<String>) -> Self {
        self.primary = Some(Label::new(span, text));
        self
    }

    pub fn also(mut self, span: Span, text: impl Into<String>) -> Self {
        self.secondary.push(Label::new(span, text));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
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

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Orders diagnostics by file and position so output never depends on discovery order.
    pub fn sort_key(&self) -> (String, usize, String) {
        (
            self.file
                .as_ref()
                .map(|f| f.name.to_string())
                .unwrap_or_default(),
            self.primary.as_ref().map_or(0, |l| l.span.start),
            self.code.clone(),
        )
    }
}

/// Sorts diagnostics by file, position and code, keeping equal ones in their original order.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_cached_key(Diagnostic::sort_key);
}

/// Adapts a [`Diagnostic`] to miette's trait so its graphical handler can draw it.
struct MietteView<'a>(&'a Diagnostic);

impl fmt::Debug for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl fmt::Display for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for MietteView<'_> {}

fn source_span(file: &SourceFile, span: Span) -> miette::SourceSpan {
    let start = span.start.min(file.text.len());
    let end = span.end.clamp(start, file.text.len());
    (start, end - start).into()
}

impl miette::Diagnostic for MietteView<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.0.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.0.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Advice => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let mut lines: Vec<&str> = self.0.notes.iter().map(String::as_str).collect();
        if let Some(help) = &self.0.help {
            lines.push(help);
        }
        if lines.is_empty() {
            return None;
        }
        Some(Box::new(lines.join("\n")))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.0.primary.as_ref()?;
        self.0.file.as_ref().map(|f| f as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let file = self.0.file.as_ref()?;
        let primary = self.0.primary.as_ref()?;
        let mut labels = vec![miette::LabeledSpan::new_primary_with_span(
            Some(primary.text.clone()),
            source_span(file, primary.span),
        )];
        for label in &self.0.secondary {
            labels.push(miette::LabeledSpan::new_with_span(
                Some(label.text.clone()),
                source_span(file, label.span),
            ));
        }
        Some(Box::new(labels.into_iter()))
    }
}

/// Renders diagnostics for a terminal or a snapshot: fixed width, no links, colour optional.
pub struct HumanRenderer {
    handler: miette::GraphicalReportHandler,
}

impl HumanRenderer {
    pub fn new(colour: bool, width: usize) -> Self {
        let theme = if colour {
            miette::GraphicalTheme::unicode()
        } else {
            miette::GraphicalTheme::unicode_nocolor()
        };
        HumanRenderer {
            handler: miette::GraphicalReportHandler::new_themed(theme)
                .with_width(width)
                .with_links(false),
        }
    }

    /// Plain output for tests and pipes.
    pub fn plain() -> Self {
        Self::new(false, 100)
    }

    pub fn render(&self, diagnostic: &Diagnostic) -> String {
        let mut out = String::new();
        if self
            .handler
            .render_report(&mut out, &MietteView(diagnostic))
            .is_err()
        {
            // A span miette cannot draw still deserves its message.
            out = format!(
                "{} {}: {}\n",
                diagnostic.severity.as_str(),
                diagnostic.code,
                diagnostic.message
            );
        }
        out
    }

    pub fn render_all(&self, diagnostics: &[Diagnostic]) -> String {
        diagnostics
            .iter()
            .map(|d| self.render(d))
            .collect::<Vec<_>>()
            .join("\n")
    }
}
