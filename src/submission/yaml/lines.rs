//! The block YAML submissions are written in, read line by line without the general parser.
//!
//! Nearly every submission is block mappings and sequences of one-line scalars, with flow lists
//! of plain words (`[天然气, 电力]`). The general parser reads those at about 270 instructions a
//! byte, a third of a whole check; this reader takes them a line at a time. It is an
//! accelerator, not a second YAML: the moment it meets anything outside its subset (a tab, a
//! carriage return, an anchor, a tag, a block scalar, a multi-line or escaped scalar, a flow
//! mapping, a key it is not sure of, a problem of any kind) it gives up, and the general parser
//! reads the file from the start. What it does read, it reads into the same tree with the same
//! spans, through the same builder (so duplicate keys and the limits are one code); the tests
//! compare the two readers on fixtures, examples, generated corpora and random texts.

use super::{Builder, Collection, DocumentResult, Limits};
use crate::base::span::{SourceFile, Span};
use crate::diagnostic::Diagnostic;

/// Reads a file's documents, or `None` when the file needs the general parser.
pub(super) fn read(file: &SourceFile, limits: &Limits) -> Option<Vec<DocumentResult>> {
    if !plain_bytes(file.text.as_bytes()) {
        return None;
    }
    let mut reader = Reader {
        text: &file.text,
        bytes: file.text.as_bytes(),
        at: 0,
        end: 0,
        depth: 0,
        max_depth: limits.max_depth / 2,
        builder: Builder::new(file, limits),
        limits,
    };
    reader.documents().ok()?;
    // A problem the builder found but that does not stop reading (a repeated key) is in the
    // documents already; one that stops it was refused above.
    Some(reader.builder.finish())
}

/// Whether every byte is one this reader can take: no tab or carriage return (whose rules
/// differ by place), no other control character, and none of the characters YAML treats
/// specially beyond ASCII (NEL, the line and paragraph separators, a byte-order mark inside the
/// text, the C1 controls, the non-characters U+FFFE and U+FFFF).
fn plain_bytes(bytes: &[u8]) -> bool {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    !bytes.iter().enumerate().any(|(i, &b)| {
        MAY_START_FOREIGN[b as usize]
            && match b {
                0xC2 => (0x80..=0x9F).contains(&at(i + 1)),
                0xE2 => at(i + 1) == 0x80 && matches!(at(i + 2), 0xA8 | 0xA9),
                0xEF => {
                    (at(i + 1) == 0xBB && at(i + 2) == 0xBF)
                        || (at(i + 1) == 0xBF && matches!(at(i + 2), 0xBE | 0xBF))
                }
                _ => true,
            }
    })
}

/// The bytes that can start a character this reader does not take: every control byte but the
/// line feed, DEL, and the lead bytes of the characters above.
const MAY_START_FOREIGN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b != b'\n' as usize;
        b += 1;
    }
    table[0x7F] = true;
    table[0xC2] = true;
    table[0xE2] = true;
    table[0xEF] = true;
    table
};

/// Why reading stopped early: the text needs the general parser (which also reports every
/// problem in its own words).
struct Declined;

type Step = Result<(), Declined>;

/// A problem the builder finds (too many values) is left to the general parser to report with
/// everything else.
impl From<Diagnostic> for Declined {
    fn from(_: Diagnostic) -> Self {
        Declined
    }
}

/// What the next line that is not blank or a comment holds.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Line {
    /// Content starting `indent` spaces into the line that starts at `start`.
    Content {
        start: usize,
        indent: usize,
    },
    /// A `---` line.
    DocumentStart,
    /// A `...` line, or a marker with content after it.
    Foreign,
    End,
}

struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    /// The start of the line being read.
    at: usize,
    /// Its end, found when the line was first looked at.
    end: usize,
    depth: usize,
    /// Collections may nest this deep here; deeper ones are left to the general parser, whose
    /// own limit then decides.
    max_depth: usize,
    builder: Builder<'t>,
    limits: &'t Limits,
}

impl Reader<'_> {
    fn documents(&mut self) -> Step {
        let mut count = 0;
        loop {
            let mut line = self.peek();
            if line == Line::DocumentStart {
                self.next_line();
                line = self.peek();
            }
            let Line::Content { start, indent } = line else {
                // An empty file or an empty document, or a line this reader leaves.
                return Err(Declined);
            };
            if count == self.limits.max_documents {
                return Err(Declined);
            }
            self.block(start, indent)?;
            self.builder.document_end();
            count += 1;
            match self.peek() {
                Line::End => return Ok(()),
                Line::DocumentStart => {}
                // A line less indented than the document's first, or one this reader leaves.
                Line::Content { .. } | Line::Foreign => return Err(Declined),
            }
        }
    }

    /// The end of the line holding `at`.
    fn line_end(&self, at: usize) -> usize {
        memchr_newline(&self.bytes[at..]).map_or(self.bytes.len(), |i| at + i)
    }

    /// Moves past the line `peek` last found.
    fn next_line(&mut self) {
        self.at = (self.end + 1).min(self.bytes.len());
    }

    /// Moves past blank and comment lines to the next that holds something.
    fn peek(&mut self) -> Line {
        loop {
            if self.at >= self.bytes.len() {
                return Line::End;
            }
            let start = self.at;
            let end = self.line_end(start);
            let indent = self.bytes[start..end]
                .iter()
                .take_while(|&&b| b == b' ')
                .count();
            let content = &self.bytes[start + indent..end];
            self.end = end;
            if content.is_empty() || content[0] == b'#' {
                self.next_line();
                continue;
            }
            if indent == 0 && (content.starts_with(b"---") || content.starts_with(b"...")) {
                let rest = &content[3..];
                if content[0] == b'-' && (rest.is_empty() || rest.iter().all(|&b| b == b' ')) {
                    return Line::DocumentStart;
                }
                if rest.is_empty() || rest[0] == b' ' {
                    return Line::Foreign;
                }
            }
            return Line::Content { start, indent };
        }
    }

    /// A collection whose first line starts at `start`, `indent` spaces in.
    fn block(&mut self, start: usize, indent: usize) -> Step {
        let first = start + indent;
        if self.is_dash(first) {
            self.sequence(indent, first)
        } else {
            self.mapping(indent, first)
        }
    }

    /// After a key or a `-` with nothing after it on its line: reads the collection on the
    /// lines below when they are indented deeper than `indent`, and says whether there was one.
    fn block_below(&mut self, indent: usize) -> Result<bool, Declined> {
        self.next_line();
        match self.peek() {
            Line::Content {
                start,
                indent: inner,
            } if inner > indent => {
                self.block(start, inner)?;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// The start of the next line of a collection `indent` spaces in, or `None` where the
    /// collection ends (a line less indented, a marker, the end). A line more indented than the
    /// collection's own here would continue a scalar over lines: the general parser's work.
    fn next_at(&mut self, indent: usize) -> Result<Option<usize>, Declined> {
        match self.peek() {
            Line::Content {
                start,
                indent: next,
            } if next == indent => Ok(Some(start)),
            Line::Content { indent: next, .. } if next > indent => Err(Declined),
            _ => Ok(None),
        }
    }

    /// Whether a block sequence entry's `-` is at `at`.
    fn is_dash(&self, at: usize) -> bool {
        self.bytes[at] == b'-' && matches!(self.bytes.get(at + 1), None | Some(b'\n' | b' '))
    }

    fn enter(&mut self) -> Step {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(Declined);
        }
        Ok(())
    }

    /// A block mapping `indent` spaces in, whose first key is at `first`.
    fn mapping(&mut self, indent: usize, first: usize) -> Step {
        self.enter()?;
        self.builder
            .start(Collection::Mapping, 0, Span::new(first, first))?;
        let mut key = first;
        loop {
            let colon = self.key(key)?;
            self.emit_scalar(key, colon, false)?;
            let line_end = self.end;
            let value = skip_spaces(self.bytes, colon + 1, line_end);
            if value == line_end || self.bytes[value] == b'#' {
                // The value is on the lines below, or there is none.
                if !self.block_below(indent)? {
                    match self.peek() {
                        Line::Content { start, indent: at }
                            if at == indent && self.is_dash(start + at) =>
                        {
                            // A sequence at the key's own indentation is the key's value.
                            let item = skip_spaces(self.bytes, start + at + 1, self.end);
                            if item == self.end || self.bytes[item] == b'#' {
                                return Err(Declined);
                            }
                            self.sequence(indent, item)?;
                        }
                        _ => self.emit_null(colon)?,
                    }
                }
            } else {
                self.inline_value(value, line_end)?;
                self.next_line();
            }
            let Some(next) = self.next_at(indent)? else {
                break;
            };
            key = next + indent;
            if self.is_dash(key) {
                return Err(Declined);
            }
        }
        self.depth -= 1;
        self.builder.end(Span::new(first, first))?;
        Ok(())
    }

    /// A block sequence whose entries' `-` are `indent` spaces in. Its span starts at `first`:
    /// the first `-`, or, for a sequence at its key's indentation, the first entry's value, as
    /// the general parser has it.
    fn sequence(&mut self, indent: usize, first: usize) -> Step {
        self.enter()?;
        self.builder
            .start(Collection::Sequence, 0, Span::new(first, first))?;
        let mut line_start = self.at;
        loop {
            let dash = line_start + indent;
            let line_end = self.end;
            let value = skip_spaces(self.bytes, dash + 1, line_end);
            if value == line_end || self.bytes[value] == b'#' {
                if !self.block_below(indent)? {
                    // The general parser puts an empty entry at its line's end.
                    self.emit_null(line_end)?;
                }
            } else if self.is_dash(value) {
                return Err(Declined);
            } else if self.starts_key(value, line_end) {
                self.mapping(value - line_start, value)?;
            } else {
                self.inline_value(value, line_end)?;
                self.next_line();
            }
            match self.next_at(indent)? {
                Some(start) if self.is_dash(start + indent) => line_start = start,
                _ => break,
            }
        }
        self.depth -= 1;
        self.builder.end(Span::new(first, first))?;
        Ok(())
    }

    /// The `:` after a plain key starting at `at`, which must be one this reader is sure of:
    /// not starting with an indicator, no space before the `:`, no comment before it, not
    /// longer than YAML's implicit-key limit, and followed by a space or the line's end.
    fn key(&self, at: usize) -> Result<usize, Declined> {
        let line_end = self.end;
        if !plain_start(self.bytes, at, line_end) {
            return Err(Declined);
        }
        let mut i = at;
        while i < line_end {
            match self.bytes[i] {
                b':' if i + 1 == line_end || self.bytes[i + 1] == b' ' => {
                    if self.bytes[i - 1] == b' ' || i - at > 1000 {
                        return Err(Declined);
                    }
                    return Ok(i);
                }
                b'#' if self.bytes[i - 1] == b' ' => return Err(Declined),
                b'"' | b'\'' | b'[' | b']' | b'{' | b'}' | b',' => return Err(Declined),
                _ => {}
            }
            i += 1;
        }
        Err(Declined)
    }

    /// Whether a sequence entry's value at `at` is a mapping's first key.
    fn starts_key(&self, at: usize, line_end: usize) -> bool {
        let mut i = at;
        while i < line_end {
            match self.bytes[i] {
                b':' if i + 1 == line_end || self.bytes[i + 1] == b' ' => return true,
                b'#' if i > at && self.bytes[i - 1] == b' ' => return false,
                _ => {}
            }
            i += 1;
        }
        false
    }

    /// A value that starts at `at` and ends on its line: a plain, single- or double-quoted
    /// scalar, or a flow list of plain words.
    fn inline_value(&mut self, at: usize, line_end: usize) -> Step {
        let end = match self.bytes[at] {
            b'"' => {
                let close = find(self.bytes, b'"', at + 1, line_end).ok_or(Declined)?;
                if self.bytes[at + 1..close].contains(&b'\\') {
                    return Err(Declined);
                }
                self.emit_quoted(at, close + 1, self.text[at + 1..close].to_string())?;
                close + 1
            }
            b'\'' => {
                let mut i = at + 1;
                let close = loop {
                    let quote = find(self.bytes, b'\'', i, line_end).ok_or(Declined)?;
                    if self.bytes.get(quote + 1) == Some(&b'\'') {
                        i = quote + 2;
                    } else {
                        break quote;
                    }
                };
                let text = self.text[at + 1..close].replace("''", "'");
                self.emit_quoted(at, close + 1, text)?;
                close + 1
            }
            b'[' => self.flow_list(at, line_end)?,
            _ => {
                if !plain_start(self.bytes, at, line_end) {
                    return Err(Declined);
                }
                let mut end = at;
                let mut i = at;
                while i < line_end {
                    match self.bytes[i] {
                        b'#' if self.bytes[i - 1] == b' ' => break,
                        b':' if i + 1 == line_end || self.bytes[i + 1] == b' ' => {
                            return Err(Declined);
                        }
                        b' ' => {}
                        _ => end = i + 1,
                    }
                    i += 1;
                }
                // `end` is past the last byte that is not a space, which may be inside a
                // character of several bytes only if it is that character's last.
                self.emit_scalar(at, end, false)?;
                end
            }
        };
        let rest = skip_spaces(self.bytes, end, line_end);
        if rest == line_end || (self.bytes[rest] == b'#' && rest > end) {
            Ok(())
        } else {
            Err(Declined)
        }
    }

    /// A flow list on one line whose items are plain words, `[]` included; returns where it
    /// ends.
    fn flow_list(&mut self, at: usize, line_end: usize) -> Result<usize, Declined> {
        self.enter()?;
        self.builder
            .start(Collection::Sequence, 0, Span::new(at, at))?;
        let mut i = skip_spaces(self.bytes, at + 1, line_end);
        if i < line_end && self.bytes[i] != b']' {
            loop {
                if i >= line_end || !plain_start(self.bytes, i, line_end) {
                    return Err(Declined);
                }
                let item = i;
                let mut end = i;
                while i < line_end {
                    match self.bytes[i] {
                        b',' | b']' => break,
                        b'[' | b'{' | b'}' | b':' | b'#' | b'"' | b'\'' => return Err(Declined),
                        b' ' => {}
                        _ => end = i + 1,
                    }
                    i += 1;
                }
                self.emit_scalar(item, end, false)?;
                if i >= line_end {
                    return Err(Declined);
                }
                if self.bytes[i] == b']' {
                    break;
                }
                i = skip_spaces(self.bytes, i + 1, line_end);
            }
        }
        if i >= line_end || self.bytes[i] != b']' {
            return Err(Declined);
        }
        self.depth -= 1;
        self.builder.end(Span::new(at, i + 1))?;
        Ok(i + 1)
    }

    fn emit_scalar(&mut self, start: usize, end: usize, quoted: bool) -> Step {
        let text = self.text[start..end].to_string();
        self.builder
            .scalar(text, quoted, 0, Span::new(start, end))?;
        Ok(())
    }

    fn emit_quoted(&mut self, start: usize, end: usize, text: String) -> Step {
        self.builder.scalar(text, true, 0, Span::new(start, end))?;
        Ok(())
    }

    /// An absent value, placed where the general parser places it.
    fn emit_null(&mut self, at: usize) -> Step {
        self.builder
            .scalar(String::new(), false, 0, Span::new(at, at))?;
        Ok(())
    }
}

/// Whether a plain scalar may start at `at`: not with an indicator, except `-` before a digit
/// or a dot (a negative number).
fn plain_start(bytes: &[u8], at: usize, line_end: usize) -> bool {
    match bytes[at] {
        b'-' => at + 1 < line_end && (bytes[at + 1].is_ascii_digit() || bytes[at + 1] == b'.'),
        b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|'
        | b'>' | b'\'' | b'"' | b'%' | b'@' | b'`' | b' ' => false,
        _ => true,
    }
}

fn skip_spaces(bytes: &[u8], mut at: usize, end: usize) -> usize {
    while at < end && bytes[at] == b' ' {
        at += 1;
    }
    at
}

fn find(bytes: &[u8], byte: u8, from: usize, end: usize) -> Option<usize> {
    bytes[from..end]
        .iter()
        .position(|&b| b == byte)
        .map(|i| from + i)
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

/// How the two readers compare on one text, for the tests and the benchmark's corpus check.
#[derive(Debug, PartialEq)]
pub enum Agreement {
    /// This reader left the text to the general parser.
    Declined,
    Same,
    /// Both trees (or errors), as debug text: this reader's, then the general parser's.
    Different(String, String),
}

/// Reads `text` with both readers and compares what they make.
pub fn compare(text: &str) -> Agreement {
    let file = SourceFile::new("compared.yaml", text);
    let limits = Limits::default();
    let Some(fast) = read(&file, &limits) else {
        return Agreement::Declined;
    };
    let fast = outline(&fast);
    let general = outline(&super::parse_general(&file, &limits));
    if fast == general {
        Agreement::Same
    } else {
        Agreement::Different(fast, general)
    }
}

/// A one-line account of documents, spans included, to compare and show.
fn outline(documents: &[DocumentResult]) -> String {
    fn node(out: &mut String, n: &super::Node) {
        use super::NodeKind;
        use std::fmt::Write;
        let _ = write!(out, "@{}..{}", n.span.start, n.span.end);
        match &n.kind {
            NodeKind::Null => out.push('~'),
            NodeKind::Scalar { text, quoted } => {
                let _ = write!(out, "{}{text:?}", if *quoted { "q" } else { "" });
            }
            NodeKind::Sequence(items) => {
                out.push('[');
                for item in items {
                    node(out, item);
                    out.push_str(", ");
                }
                out.push(']');
            }
            NodeKind::Mapping(entries) => {
                out.push('{');
                for (k, v) in entries {
                    node(out, k);
                    out.push_str(": ");
                    node(out, v);
                    out.push_str(", ");
                }
                out.push('}');
            }
        }
    }
    let mut out = String::new();
    for document in documents {
        match document {
            Ok(n) => node(&mut out, n),
            Err(errors) => out.push_str(&format!("{errors:?}")),
        }
        out.push_str("\n---\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same(text: &str) {
        match compare(text) {
            Agreement::Same => {}
            Agreement::Declined => panic!("declined {text:?}"),
            Agreement::Different(fast, general) => {
                panic!("{text:?}\nthis reader: {fast}\ngeneral: {general}")
            }
        }
    }

    #[test]
    fn reads_what_submissions_are_made_of_as_the_general_parser_does() {
        for text in [
            "a: 1\n",
            "a: 1",
            "a: 1\nb:\nc: 'x''y'  # c\nd: \"q\"\n",
            "e:\n  - x\n  -\n  - k: v\n    l: w\n",
            "f:\n- 1\n- 2\ng: x\n",
            "f:\n- k: 1\n  l: 2\n- m: 3\ng: x\n",
            "g: [a, b ,c]\nh: []\ni: [ ]\nj:   \n",
            "# c\n---\na: 1\n---\nb: [ ]\n",
            "  a: 1\n  b:  x y  \n",
            "a:   # comment\n  b: 1\n",
            "a: # comment\nb: 2\n",
            "名称: 长江新型建材有限公司\n产能: 12.6蒸吨\n",
            "a: -5\nb: -0.5\nc: 5-6\nd: a#b\ne: x # y\nf: http://x.y/z\ng: 12:30\n",
            "a:\n  -\n    b: 1\n  - c\n",
            "a:\n  - - 1\n",
            "a:\n  b:\n    c:\n      d: 1\n  e: 2\nf: 3\n",
            "- a\n- b\n",
            "-\n  a: 1\n- b\n",
            "a: null\nb: ~\nc: Null\nd: ''\ne: \"\"\n",
            "a: 1\na: 2\n",
            "a: 1\n\n\n# x\n   # y\nb: 2\n",
            "a: 1\n---\n",
            "---\na: 1\n...\n",
            "a: 'x'\nb: 'it''s' # c\nc: '中文'\n",
            "a: [中文, 英文]\nb: [1,2,3]\nc: [ a , b ]\n",
            "key with spaces: value with spaces\n",
            "a:\n- \n- x\n",
            "a:\n  - x\n  -   # c\n",
            "a: b\n  c\n",
            "a: b: c\n",
            "a:\nb:\n",
            "- k: v\n  - x\n",
        ] {
            match compare(text) {
                Agreement::Different(fast, general) => {
                    panic!("{text:?}\nthis reader: {fast}\ngeneral: {general}")
                }
                Agreement::Same | Agreement::Declined => {}
            }
        }
        // The shapes submissions use are read here, not declined.
        for text in [
            "a: 1\nb:\nc: 'x''y'  # c\nd: \"q\"\n",
            "e:\n  - x\n  -\n  - k: v\n    l: w\n",
            "f:\n- 1\n- 2\ng: x\n",
            "g: [a, b ,c]\nh: []\ni: [ ]\nj:   \n",
            "# c\n---\na: 1\n---\nb: [ ]\n",
            "名称: 长江新型建材有限公司\n产能: 12.6蒸吨\n",
            "a: 1\na: 2\n",
        ] {
            same(text);
        }
    }

    #[test]
    fn leaves_the_rest_of_yaml_to_the_general_parser() {
        for text in [
            "",
            "# only a comment\n",
            "a:\tb\n",
            "a: 1\r\nb: 2\r\n",
            "a: &x 1\nb: *x\n",
            "a: !tag 1\n",
            "a: |\n  text\n",
            "a: >\n  text\n",
            "a: \"line\\n\"\n",
            "a: \"two\n  lines\"\n",
            "a: plain\n  continued\n",
            "a: {b: 1}\n",
            "a: [[1]]\n",
            "a: [1,]\n",
            "\"quoted key\": 1\n",
            "? complex\n: key\n",
            "%YAML 1.2\n---\na: 1\n",
            "--- a\n",
            "a: b: c\n",
            "a:\n  b: 1\n c: 2\n",
            "a: 1\n---\n---\nb: 2\n",
            "just a scalar\n",
            "a: \u{85}\n",
            "a: x\u{2028}y\n",
            "a: \u{feff}\n",
        ] {
            assert_eq!(compare(text), Agreement::Declined, "{text:?}");
        }
    }

    #[test]
    fn agrees_with_the_general_parser_on_every_fixture_and_example() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut read = 0;
        let mut stack = vec![root.join("tests/fixtures"), root.join("examples")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if !matches!(ext, "yaml" | "yml" | "json") {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
                match compare(text) {
                    Agreement::Same => read += 1,
                    Agreement::Declined => {}
                    Agreement::Different(fast, general) => {
                        panic!(
                            "{}\nthis reader: {fast}\ngeneral: {general}",
                            path.display()
                        )
                    }
                }
            }
        }
        assert!(read > 50, "only {read} files were read here");
    }

    /// Pieces of lines, many of them at the edges of the subset, put together at random.
    fn line() -> impl Strategy<Value = String> {
        let indent = prop::sample::select(vec!["", "  ", "    ", " ", "      "]);
        let key = prop::sample::select(vec![
            "a", "b", "名称", "key x", "-k", "k:", "a#b", "a #b", "'q'", "\"q\"", "- a", "-", "k ",
            "?", "[a]", "a,b",
        ]);
        let sep = prop::sample::select(vec![":", ": ", ":  ", " :", ":\t", ""]);
        let value = prop::sample::select(vec![
            "",
            "1",
            "-5",
            "- x",
            "x y ",
            "x # c",
            "x#c",
            "'a''b'",
            "'a",
            "\"a\"",
            "\"a\\n\"",
            "[a, b]",
            "[a,b ,c ]",
            "[]",
            "[ ]",
            "[a,]",
            "[a, [b]]",
            "{}",
            "{a: 1}",
            "~",
            "null",
            "a: b",
            "a:",
            "http://x",
            "中文 文字",
            "&a x",
            "*a",
            "!t x",
            "|",
            ">",
            "#c",
            "  # c",
            "'x' y",
            "\"x\":",
            "...",
            "---",
            "%x",
            "@x",
            "`x",
            "x\u{85}",
            "\u{3000}x",
        ]);
        (indent, key, sep, value).prop_map(|(i, k, s, v)| format!("{i}{k}{s}{v}"))
    }

    fn text() -> impl Strategy<Value = String> {
        let special =
            prop::sample::select(vec!["---", "...", "", "# c", "  # c", "-", "  -", "- a"]);
        prop::collection::vec(
            prop_oneof![4 => line(), 1 => special.prop_map(String::from)],
            1..14,
        )
        .prop_map(|lines| lines.join("\n") + "\n")
    }

    /// A tree of the shapes submissions have, with the choices of how to write it.
    #[derive(Clone, Debug)]
    enum Tree {
        Scalar(&'static str),
        Flow(Vec<&'static str>),
        /// Entries, and the indentation step below the parent.
        Map(Vec<(&'static str, Tree)>, usize),
        /// Items, the indentation step, and whether it sits at its key's indentation.
        List(Vec<Tree>, usize, bool),
    }

    fn tree() -> impl Strategy<Value = Tree> {
        let scalar = prop::sample::select(vec![
            "1",
            "-5",
            "12.6蒸吨",
            "x y",
            "中文",
            "'a''b'",
            "\"q\"",
            "a#b",
            "~",
            "",
            "http://x",
            "12:30",
            "x # c",
            "null",
            "'中'",
            "\"\"",
            "5 t/h",
            "2025年10月19日",
            "A&B",
        ]);
        let word = prop::sample::select(vec!["天然气", "电力", "a", "b c", "1"]);
        let leaf = prop_oneof![
            4 => scalar.prop_map(Tree::Scalar),
            1 => prop::collection::vec(word, 0..4).prop_map(Tree::Flow),
        ];
        let key = prop::sample::select(vec!["a", "b", "c", "名称", "key x", "d1", "status"]);
        leaf.prop_recursive(4, 40, 5, move |inner| {
            prop_oneof![
                (
                    prop::collection::vec((key.clone(), inner.clone()), 1..5),
                    1..4usize
                )
                    .prop_map(|(e, step)| Tree::Map(e, step)),
                (prop::collection::vec(inner, 1..4), 1..4usize, any::<bool>())
                    .prop_map(|(items, step, compact)| Tree::List(items, step, compact)),
            ]
        })
    }

    fn render_value(out: &mut String, tree: &Tree, indent: usize) {
        match tree {
            Tree::Scalar(s) => {
                if !s.is_empty() {
                    out.push(' ');
                    out.push_str(s);
                }
                out.push('\n');
            }
            Tree::Flow(items) => out.push_str(&format!(" [{}]\n", items.join(", "))),
            Tree::Map(entries, step) => {
                out.push('\n');
                render_map(out, entries, indent + step, false);
            }
            Tree::List(items, step, compact) => {
                out.push('\n');
                render_list(out, items, if *compact { indent } else { indent + step });
            }
        }
    }

    /// A mapping `indent` spaces in; `first_inline` when its first key follows a `- `.
    fn render_map(out: &mut String, entries: &[(&str, Tree)], indent: usize, first_inline: bool) {
        for (i, (key, value)) in entries.iter().enumerate() {
            if i > 0 || !first_inline {
                out.push_str(&" ".repeat(indent));
            }
            out.push_str(key);
            out.push(':');
            render_value(out, value, indent);
        }
    }

    fn render_list(out: &mut String, items: &[Tree], indent: usize) {
        for item in items {
            out.push_str(&" ".repeat(indent));
            out.push('-');
            match item {
                Tree::Map(entries, _) => {
                    out.push(' ');
                    render_map(out, entries, indent + 2, true);
                }
                Tree::List(inner, step, _) => {
                    out.push('\n');
                    render_list(out, inner, indent + step);
                }
                leaf => render_value(out, leaf, indent),
            }
        }
    }

    /// A document of the submission's shape, sometimes with one character changed, added or
    /// taken away: the changes probe the edges of what this reader takes.
    fn shaped_text() -> impl Strategy<Value = String> {
        let map = prop::collection::vec(
            (
                prop::sample::select(vec!["kind", "name", "site", "boilers", "名称"]),
                tree(),
            ),
            1..6,
        );
        let edit = prop::option::of((
            any::<prop::sample::Index>(),
            0..3u8,
            prop::sample::select(vec![
                ' ', ':', '#', '-', '\n', '\'', '"', '[', ']', ',', '中', '?', '&', '|',
            ]),
        ));
        (map, edit).prop_map(|(entries, edit)| {
            let mut out = String::new();
            render_map(&mut out, &entries, 0, false);
            if let Some((index, op, c)) = edit {
                let mut chars: Vec<char> = out.chars().collect();
                let at = index.index(chars.len());
                match op {
                    0 => chars.insert(at, c),
                    1 => {
                        chars.remove(at);
                    }
                    _ => chars[at] = c,
                }
                out = chars.into_iter().collect();
            }
            out
        })
    }

    #[test]
    fn reads_most_generated_submissions() {
        use proptest::strategy::ValueTree;
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let strategy = shaped_text();
        let mut read = 0;
        for _ in 0..2000 {
            let text = strategy.new_tree(&mut runner).unwrap().current();
            match compare(&text) {
                Agreement::Same => read += 1,
                Agreement::Declined => {}
                Agreement::Different(fast, general) => {
                    panic!("{text:?}\nthis reader: {fast}\ngeneral: {general}")
                }
            }
        }
        // Without that, the properties below would be comparing little but declines.
        assert!(read > 800, "{read} of 2000 read");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn never_reads_a_text_differently_from_the_general_parser(text in text()) {
            if let Agreement::Different(fast, general) = compare(&text) {
                prop_assert!(false, "{text:?}\nthis reader: {fast}\ngeneral: {general}");
            }
        }

        #[test]
        fn never_reads_a_submission_shape_differently(text in shaped_text()) {
            if let Agreement::Different(fast, general) = compare(&text) {
                prop_assert!(false, "{text:?}\nthis reader: {fast}\ngeneral: {general}");
            }
        }
    }
}
