//! Diagnostics drawn for a terminal or a snapshot with miette: fixed width, no links, colour
//! optional, columns in characters.

use crate::base::escape::visible;
use crate::base::span::{SourceFile, Span};
use crate::diagnostic::{Diagnostic, Severity};
use crate::words::{Language, Word};
use std::fmt;

/// Longest excerpt drawn around a label, in bytes either side: a one-line file of megabytes is
/// shown as a window around the value, not whole.
const EXCERPT_REACH: usize = 240;

/// Lets miette draw snippets from a [`SourceFile`], found through the file's line index (miette's
/// own reading of a `str` scans from the first byte for every snippet, which makes a file of many
/// documents quadratic), with the header column in characters (miette counts bytes, which is wrong
/// for CJK text) and long lines cut to a window around the span.
impl miette::SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let text: &str = self.shown_text();
        let start = span.offset().min(text.len());
        let end = (span.offset() + span.len()).clamp(start, text.len());
        if span.offset() > text.len() {
            return Err(miette::MietteError::OutOfBounds);
        }
        let first_line = self.line_of(start);
        let last_line = self.line_of(end.saturating_sub(1).max(start));
        // As miette does: without context the contents start at the span itself (the header's
        // position); with context, at the start of the first context line.
        let (mut from, line) = if context_lines_before == 0 {
            (start, first_line)
        } else {
            let line = first_line.saturating_sub(context_lines_before);
            (self.line_start(line), line)
        };
        let mut to = if context_lines_after == 0 {
            end.max(start + 1).min(text.len())
        } else {
            self.line_start(last_line + context_lines_after + 1)
        };
        // A window around the span on lines too long to show whole.
        let near_start = start.saturating_sub(EXCERPT_REACH);
        if from < near_start && first_line == self.line_of(near_start) {
            from = near_start;
        }
        let near_end = end.saturating_add(EXCERPT_REACH).min(text.len());
        if to > near_end && last_line == self.line_of(near_end) {
            to = near_end;
        }
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        while !text.is_char_boundary(to) {
            to += 1;
        }
        let data = &text[from..to];
        let position = self.line_column(from);
        let line = if from > self.line_start(line) {
            position.line - 1
        } else {
            line
        };
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.to_string(),
            data.as_bytes(),
            (from, to - from).into(),
            line,
            position.column - 1,
            // As miette counts it: the line breaks from the start of the file to the end of the
            // contents, which is what it compares when it merges the snippets of nearby labels.
            self.line_of(to),
        )))
    }
}

/// Adapts a [`Diagnostic`] to miette's trait so its graphical handler can draw it.
struct MietteView<'a>(&'a Diagnostic);

impl fmt::Debug for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&visible(&self.0.message))
    }
}

impl fmt::Display for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&visible(&self.0.message))
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
        Some(Box::new(visible(&lines.join("\n")).into_owned()))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.0.primary.as_ref()?;
        self.0.file.as_ref().map(|f| f as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let file = self.0.file.as_ref()?;
        let primary = self.0.primary.as_ref()?;
        let mut labels = vec![miette::LabeledSpan::new_primary_with_span(
            Some(visible(&primary.text).into_owned()),
            source_span(file, primary.span),
        )];
        for label in &self.0.secondary {
            labels.push(miette::LabeledSpan::new_with_span(
                Some(visible(&label.text).into_owned()),
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
