//! Diagnostics drawn for a terminal or a snapshot with miette: fixed width, no links, colour
//! optional, columns in characters.

use crate::base::span::{SourceFile, Span};
use crate::diagnostic::{Diagnostic, Severity};
use crate::words::{Language, Word};
use std::fmt;

/// Lets miette draw snippets from a [`SourceFile`] while printing the header column in
/// characters: miette's own header counts bytes, which is wrong for CJK text.
impl miette::SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let inner =
            self.text
                .as_ref()
                .read_span(span, context_lines_before, context_lines_after)?;
        let position = self.line_column(inner.span().offset());
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            *inner.span(),
            position.line - 1,
            position.column - 1,
            inner.line_count(),
        )))
    }
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
        Some(Box::new(self.0.code_text()))
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

/// miette writes `help:` before the notes of a diagnostic; a Chinese report says 说明： there. The
/// label is as wide as `help: ` (six columns), so miette's wrapping and indents still line up.
fn localize_frame(rendered: &str, language: Language) -> String {
    let label = Word::FrameNotes.text(language);
    if !language.is_zh() {
        return rendered.to_string();
    }
    let mut out = String::with_capacity(rendered.len());
    for line in rendered.split_inclusive('\n') {
        // The label is the first visible word of its line, after blanks and colour codes.
        match line.find("help:") {
            Some(at) if visible_prefix_is_blank(&line[..at]) => {
                out.push_str(&line[..at]);
                out.push_str(label);
                out.push_str(
                    line[at + "help:".len()..]
                        .strip_prefix(' ')
                        .unwrap_or(&line[at + "help:".len()..]),
                );
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// Whether a line's text before a point is only blanks and terminal colour codes.
fn visible_prefix_is_blank(prefix: &str) -> bool {
    let mut in_escape = false;
    for c in prefix.chars() {
        match c {
            '\u{1b}' => in_escape = true,
            'm' if in_escape => in_escape = false,
            _ if in_escape => {}
            c if c.is_whitespace() => {}
            _ => return false,
        }
    }
    true
}

/// Renders diagnostics for a terminal or a snapshot: fixed width, no links, colour optional, the
/// frame's own words in the report's language.
pub struct HumanRenderer {
    handler: miette::GraphicalReportHandler,
    language: Language,
}

impl HumanRenderer {
    pub fn new(colour: bool, width: usize, language: Language) -> Self {
        let theme = if colour {
            miette::GraphicalTheme::unicode()
        } else {
            miette::GraphicalTheme::unicode_nocolor()
        };
        HumanRenderer {
            handler: miette::GraphicalReportHandler::new_themed(theme)
                .with_width(width)
                .with_links(false),
            language,
        }
    }

    pub fn render(&self, diagnostic: &Diagnostic) -> String {
        let diagnostic = &*diagnostic.in_language(self.language);
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
                diagnostic.code_text(),
                diagnostic.message
            );
        }
        localize_frame(&out, self.language)
    }

    pub fn render_all(&self, diagnostics: &[Diagnostic]) -> String {
        diagnostics
            .iter()
            .map(|d| self.render(d))
            .collect::<Vec<_>>()
            .join("\n")
    }
}
