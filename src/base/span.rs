//! Byte spans into source files, and their line and character-column positions.

use std::sync::Arc;

/// A half-open byte range `start..end` into one source text.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// Whether `other` lies inside this span (an item inside its list).
    pub fn encloses(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end && self != other
    }

    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A named source text with a line index, shared cheaply between diagnostics.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub name: Arc<str>,
    pub text: Arc<str>,
    line_starts: Arc<[usize]>,
    /// The text with control characters and bidirectional overrides masked, byte for byte, for
    /// excerpts; only made for a text that holds any.
    masked: Option<Arc<str>>,
}

/// A position for people: 1-based line and 1-based column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> Self {
        let text: Arc<str> = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let masked = match crate::base::escape::masked(&text) {
            std::borrow::Cow::Owned(masked) => Some(masked.into()),
            std::borrow::Cow::Borrowed(_) => None,
        };
        SourceFile {
            name: name.into(),
            text,
            line_starts,
            masked,
        }
    }

    /// The text as excerpts show it: hazards masked, every byte offset where it was.
    pub fn shown_text(&self) -> &str {
        self.masked.as_deref().unwrap_or(&self.text)
    }

    /// The line and character column of a byte offset (clamped into the text and onto a
    /// character boundary, so any offset is safe).
    pub fn line_column(&self, offset: usize) -> LineColumn {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let column = self.text[self.line_starts[line]..offset].chars().count();
        LineColumn {
            line: line + 1,
            column: column + 1,
        }
    }

    /// The 0-based line holding a byte offset (clamped into the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    /// Where a 0-based line starts, or the end of the text for a line past the last.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// The text of a span, or an empty string for a span outside the text.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let file = SourceFile::new("a.yaml", "a: 1\n金额: 五千元\n");
        let value = file.text.find('五').unwrap();
        assert_eq!(file.line_column(value), LineColumn { line: 2, column: 5 });
        assert_eq!(file.line_column(0), LineColumn { line: 1, column: 1 });
        assert_eq!(file.line_column(10_000).line, 3);
    }
}
