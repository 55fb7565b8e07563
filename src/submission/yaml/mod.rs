//! YAML (and JSON) text to spanned trees, one per document, with limits for hostile input.
//!
//! Scalars stay text with their style: the schema, not YAML 1.1 guessing, decides what `no` or
//! `010` means. Duplicate keys are errors. Aliases are expanded under a node budget.

use crate::base::span::{SourceFile, Span};
use crate::diagnostic::{Code, Diagnostic};
use crate::words::{Said, Word};
use granit_parser::{ErrorKind, Event, Parser, ScalarStyle};
use std::collections::HashMap;

pub(crate) mod lines;

/// Limits that keep one hostile file from stalling a batch.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_bytes: usize,
    pub max_depth: usize,
    /// Nodes in one document, counting each alias expansion in full.
    pub max_nodes: usize,
    /// Documents in one file. A file's report is held whole until it is written, so the limit
    /// keeps memory flat however large a file is; a batch of more goes in several files.
    pub max_documents: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 8 * 1024 * 1024,
            max_depth: 64,
            max_nodes: 200_000,
            max_documents: 10_000,
        }
    }
}

/// A YAML value with the byte span it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Span,
    pub kind: NodeKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// A scalar; `quoted` is true for quoted and block scalars, which are always text.
    Scalar {
        text: String,
        quoted: bool,
    },
    /// An empty plain value, `~` or `null`.
    Null,
    Sequence(Vec<Node>),
    /// Keys are scalars; their spans point at the key text.
    Mapping(Vec<(Node, Node)>),
}

impl NodeKind {
    /// How the value is named in messages.
    /// What the node is, in the words of an error about it.
    pub fn describe(&self) -> Said {
        Said::new(match self {
            NodeKind::Scalar { .. } => Word::ShapeSingleValue,
            NodeKind::Null => Word::ShapeEmptyValue,
            NodeKind::Sequence(_) => Word::ShapeList,
            NodeKind::Mapping(_) => Word::ShapeMapping,
        })
    }
}

/// One document of a file, or the reason it could not be read.
pub type DocumentResult = Result<Node, Vec<Diagnostic>>;

/// Decodes a file's bytes: UTF-8 only, a leading BOM dropped, a size limit enforced.
pub fn decode(name: &str, bytes: &[u8], limits: &Limits) -> Result<SourceFile, Diagnostic> {
    if bytes.len() > limits.max_bytes {
        return Err(Diagnostic::said(
            Code::SubmissionTooLarge,
            Said::new(Word::FileTooLarge)
                .with("file", name)
                .with("bytes", bytes.len())
                .with("limit", limits.max_bytes),
        )
        .help_said(Said::new(Word::FileTooLargeHelp)));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(encoding) = wide_encoding(bytes) {
        // A UTF-16 or UTF-32 file is not shown at all: its every other byte is a NUL.
        return Err(Diagnostic::said(
            Code::SubmissionEncoding,
            Said::new(Word::WideEncoding)
                .with("file", name)
                .with("encoding", encoding),
        )
        .help_said(Said::new(Word::WideEncodingHelp).with("encoding", encoding)));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(error) => {
            let valid = error.valid_up_to();
            // Point at the bad byte on a lossy copy so the user sees where it is.
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let shown = String::from_utf8_lossy(bytes).into_owned();
            let file = SourceFile::new(name, shown);
            let at = prefix.len();
            let width = file.text[at..].chars().next().map_or(0, char::len_utf8);
            Err(Diagnostic::said(
                Code::SubmissionEncoding,
                Said::new(Word::NotUtf8)
                    .with("file", name)
                    .with("byte", valid),
            )
            .in_file(&file)
            .at_said(Span::new(at, at + width), Said::new(Word::NotUtf8Label))
            .help_said(Said::new(Word::NotUtf8Help)))
        }
    }
}

/// The UTF-16 or UTF-32 encoding a file looks like, by its byte-order mark or, without one, by
/// where the NUL bytes of ASCII text fall in its first bytes.
fn wide_encoding(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        return Some("UTF-32LE");
    }
    if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Some("UTF-32BE");
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Some("UTF-16LE");
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Some("UTF-16BE");
    }
    let head = &bytes[..bytes.len().min(64)];
    if head.len() < 4 || !head.contains(&0) {
        return None;
    }
    let nul_at = |phase: usize, every: usize| {
        head.iter()
            .enumerate()
            .filter(|(i, _)| i % every == phase)
            .all(|(_, b)| *b == 0)
    };
    if nul_at(1, 4) && nul_at(2, 4) && nul_at(3, 4) {
        Some("UTF-32LE")
    } else if nul_at(0, 4) && nul_at(1, 4) && nul_at(2, 4) {
        Some("UTF-32BE")
    } else if nul_at(1, 2) {
        Some("UTF-16LE")
    } else if nul_at(0, 2) {
        Some("UTF-16BE")
    } else {
        None
    }
}

/// Parses every document of a file. An error ends the stream (YAML cannot resynchronise), but
/// the documents before it are kept.
pub fn parse(file: &SourceFile, limits: &Limits) -> Vec<DocumentResult> {
    lines::read(file, limits).unwrap_or_else(|| parse_general(file, limits))
}

/// Parses with the general parser, which reads all of YAML.
fn parse_general(file: &SourceFile, limits: &Limits) -> Vec<DocumentResult> {
    let mut options = granit_parser::Options::default();
    options.block_nesting_limit = limits.max_depth;
    options.flow_nesting_limit = limits.max_depth;
    let mut builder = Builder::new(file, limits);
    for event in Parser::new_from_str_with_options(&file.text, options) {
        match event {
            Ok((event, span)) => {
                let span = Span::new(
                    span.start.byte_offset().unwrap_or(0),
                    span.end.byte_offset().unwrap_or(0),
                );
                if matches!(event, Event::DocumentStart(..))
                    && builder.documents.len() >= limits.max_documents
                {
                    // The documents before are checked; the rest of the file is not read.
                    builder.documents.push(Err(vec![
                        Diagnostic::said(
                            Code::SubmissionTooManyDocuments,
                            Said::new(Word::TooManyDocuments)
                                .with("file", &file.name)
                                .with("limit", limits.max_documents),
                        )
                        .in_file(file)
                        .at_said(span, Said::new(Word::TooManyDocumentsLabel))
                        .help_said(Said::new(Word::TooManyDocumentsHelp)),
                    ]));
                    break;
                }
                if let Err(error) = builder.event(event, span) {
                    builder.fail(error);
                    break;
                }
            }
            Err(error) => {
                let diagnostic = scan_error(file, &error, limits);
                builder.fail(diagnostic);
                break;
            }
        }
    }
    builder.finish()
}

/// A `.json` file must be JSON, not merely YAML that looks like it (no trailing commas).
pub fn strict_json_problem(file: &SourceFile) -> Option<Diagnostic> {
    let error = serde_json::from_str::<serde::de::IgnoredAny>(&file.text).err()?;
    // serde_json counts lines from 1 and columns in bytes from 1.
    let line_start: usize = file
        .text
        .split_inclusive('\n')
        .take(error.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let mut at = (line_start + error.column().saturating_sub(1)).min(file.text.len());
    while !file.text.is_char_boundary(at) {
        at -= 1;
    }
    let width = file.text[at..].chars().next().map_or(0, char::len_utf8);
    let message = error.to_string();
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_string();
    Some(
        Diagnostic::said(
            Code::SubmissionJson,
            Said::new(Word::JsonUnreadable).with("why", message),
        )
        .in_file(file)
        .at_said(Span::new(at, at + width), Said::new(Word::ValueHere))
        .help_said(Said::new(Word::JsonUnreadableHelp)),
    )
}

/// The longest implicit key YAML allows, in characters.
const YAML_KEY_LIMIT: usize = 1024;

/// Whether the line of an error, or the one before it, starts with more than YAML's key limit
/// of characters before any `:`: a key too long to be read as one.
fn long_key_before(file: &SourceFile, at: usize) -> bool {
    let line = file.line_of(at);
    [line, line.saturating_sub(1)].iter().any(|&l| {
        let start = file.line_start(l);
        let end = file.line_start(l + 1);
        let text = file.text.get(start..end).unwrap_or("");
        let key = text.split(": ").next().unwrap_or(text).trim();
        key.chars().count() > YAML_KEY_LIMIT
    })
}

fn scan_error(file: &SourceFile, error: &granit_parser::ScanError, limits: &Limits) -> Diagnostic {
    let at = error
        .marker()
        .byte_offset()
        .unwrap_or(0)
        .min(file.text.len());
    let width = file.text[at..].chars().next().map_or(0, char::len_utf8);
    let (message, label, help) = match error.kind() {
        ErrorKind::TabInBlockIndentation | ErrorKind::TabInPlainScalar => (
            Said::new(Word::YamlTab),
            Said::new(Word::YamlTabLabel),
            Said::new(Word::YamlTabHelp),
        ),
        ErrorKind::RecursionLimitExceeded => (
            Said::new(Word::YamlTooDeep).with("depth", limits.max_depth),
            Said::new(Word::YamlTooDeepLabel),
            Said::new(Word::YamlTooDeepHelp),
        ),
        // YAML allows an implicit key of at most 1024 characters; the parser only says that the
        // `:` it expected did not come.
        ErrorKind::SimpleKeyExpected | ErrorKind::InvalidSimpleKey if long_key_before(file, at) => {
            (
                Said::new(Word::YamlKeyTooLong).with("limit", YAML_KEY_LIMIT),
                Said::new(Word::YamlKeyTooLongLabel),
                Said::new(Word::YamlKeyTooLongHelp),
            )
        }
        ErrorKind::UnknownAnchor => (
            Said::new(Word::YamlUnknownAnchor),
            Said::new(Word::YamlUnknownAnchorLabel),
            Said::new(Word::YamlUnknownAnchorHelp),
        ),
        _ => {
            // The parser's own words are kept, quoted, behind the tool's.
            let text = error.to_string();
            let text = text.split(" at char ").next().unwrap_or(&text).to_string();
            (
                Said::new(Word::YamlUnreadable).with("why", text),
                Said::new(Word::ValueHere),
                Said::new(Word::YamlUnreadableHelp),
            )
        }
    };
    Diagnostic::said(Code::SubmissionYaml, message)
        .in_file(file)
        .at_said(Span::new(at, at + width), label)
        .help_said(help)
}

enum Frame {
    Sequence {
        start: usize,
        /// Where its items start in the builder's shared list of open items.
        base: usize,
        anchor: usize,
    },
    Mapping {
        start: usize,
        /// Where its entries start in the builder's shared list of open entries.
        base: usize,
        pending_key: Option<Node>,
        /// Each key's text and where it was first given, once the mapping has more keys than
        /// a scan handles well: a repeated key is then found in constant time, so a mapping of
        /// many keys is still read in time linear in its size. Small mappings, nearly all of
        /// them, are scanned and never hash.
        seen: HashMap<String, Span>,
        anchor: usize,
    },
}

struct Builder<'a> {
    file: &'a SourceFile,
    limits: &'a Limits,
    documents: Vec<DocumentResult>,
    stack: Vec<Frame>,
    /// The items and entries of every open collection, innermost last: one list grows for
    /// them all, and each collection takes its own, of the right size, when it ends.
    items: Vec<Node>,
    entries: Vec<(Node, Node)>,
    anchors: HashMap<usize, (Node, usize)>,
    nodes: usize,
    /// Problems of the current document that do not stop reading it (duplicate keys).
    errors: Vec<Diagnostic>,
}

/// The kinds of collection a start event opens.
#[derive(Clone, Copy)]
enum Collection {
    Sequence,
    Mapping,
}

impl<'a> Builder<'a> {
    fn new(file: &'a SourceFile, limits: &'a Limits) -> Self {
        Builder {
            file,
            limits,
            documents: Vec::new(),
            stack: Vec::new(),
            items: Vec::new(),
            entries: Vec::new(),
            anchors: HashMap::new(),
            nodes: 0,
            errors: Vec::new(),
        }
    }

    /// The documents read, or the error of a file that has none.
    fn finish(mut self) -> Vec<DocumentResult> {
        if self.documents.is_empty() {
            self.documents.push(Err(vec![
                Diagnostic::said(
                    Code::SubmissionEmpty,
                    Said::new(Word::NoDocument).with("file", &self.file.name),
                )
                .help_said(Said::new(Word::NoDocumentHelp)),
            ]));
        }
        self.documents
    }

    fn fail(&mut self, diagnostic: Diagnostic) {
        let mut errors = std::mem::take(&mut self.errors);
        errors.push(diagnostic);
        self.documents.push(Err(errors));
        self.stack.clear();
        self.items.clear();
        self.entries.clear();
    }

    fn count(&mut self, nodes: usize, span: Span) -> Result<(), Diagnostic> {
        self.nodes += nodes;
        if self.nodes > self.limits.max_nodes {
            return Err(Diagnostic::said(
                Code::SubmissionTooManyNodes,
                Said::new(Word::TooManyValues).with("limit", self.limits.max_nodes),
            )
            .in_file(self.file)
            .at_said(span, Said::new(Word::TooManyValuesLabel))
            .help_said(Said::new(Word::TooManyValuesHelp)));
        }
        Ok(())
    }

    /// Takes one event of the general parser into the tree being built.
    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), Diagnostic> {
        match event {
            Event::DocumentEnd => self.document_end(),
            Event::Scalar(text, style, anchor, _tag) => {
                self.scalar(
                    text.into_owned(),
                    !matches!(style, ScalarStyle::Plain),
                    anchor,
                    span,
                )?;
            }
            Event::SequenceStart(_, anchor, _) => self.start(Collection::Sequence, anchor, span)?,
            Event::MappingStart(_, anchor, _) => self.start(Collection::Mapping, anchor, span)?,
            Event::SequenceEnd | Event::MappingEnd => self.end(span)?,
            Event::Alias(id) => self.alias(id, span)?,
            _ => {}
        }
        Ok(())
    }

    fn document_end(&mut self) {
        self.anchors.clear();
        self.nodes = 0;
    }

    /// A scalar; `quoted` is true for every style but plain, whose empty and null spellings are
    /// the null value.
    fn scalar(
        &mut self,
        text: String,
        quoted: bool,
        anchor: usize,
        span: Span,
    ) -> Result<(), Diagnostic> {
        self.count(1, span)?;
        let kind = if !quoted && matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL") {
            NodeKind::Null
        } else {
            NodeKind::Scalar { text, quoted }
        };
        let node = Node { span, kind };
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), 1));
        }
        self.push(node)
    }

    fn start(
        &mut self,
        collection: Collection,
        anchor: usize,
        span: Span,
    ) -> Result<(), Diagnostic> {
        self.count(1, span)?;
        let start = span.start;
        self.stack.push(match collection {
            Collection::Sequence => Frame::Sequence {
                start,
                base: self.items.len(),
                anchor,
            },
            Collection::Mapping => Frame::Mapping {
                start,
                base: self.entries.len(),
                pending_key: None,
                seen: HashMap::new(),
                anchor,
            },
        });
        Ok(())
    }

    /// Ends the innermost collection; `span` is the end event's, whose end is the collection's
    /// only when it is empty (`[]`, `{}`).
    fn end(&mut self, span: Span) -> Result<(), Diagnostic> {
        let (node, anchor) = match self.stack.pop() {
            Some(Frame::Sequence {
                start,
                base,
                anchor,
            }) => {
                let items: Vec<Node> = self.items.drain(base..).collect();
                let end = items.last().map_or(span.end, |n| n.span.end).max(start);
                (
                    Node {
                        span: Span::new(start, end),
                        kind: NodeKind::Sequence(items),
                    },
                    anchor,
                )
            }
            Some(Frame::Mapping {
                start,
                base,
                anchor,
                ..
            }) => {
                let entries: Vec<(Node, Node)> = self.entries.drain(base..).collect();
                let end = entries
                    .last()
                    .map_or(span.end, |(_, v)| v.span.end)
                    .max(start);
                (
                    Node {
                        span: Span::new(start, end),
                        kind: NodeKind::Mapping(entries),
                    },
                    anchor,
                )
            }
            None => return Ok(()),
        };
        if anchor != 0 {
            let size = node_count(&node);
            self.anchors.insert(anchor, (node.clone(), size));
        }
        self.push(node)
    }

    fn alias(&mut self, id: usize, span: Span) -> Result<(), Diagnostic> {
        let Some((_, size)) = self.anchors.get(&id) else {
            return Ok(());
        };
        // Count before copying, so a bomb is stopped before it takes memory.
        self.count(*size, span)?;
        let Some((target, _)) = self.anchors.get(&id) else {
            return Ok(());
        };
        let mut node = target.clone();
        // The copy is reported at the alias, where the reader sees it.
        node.span = span;
        self.push(node)
    }

    fn push(&mut self, node: Node) -> Result<(), Diagnostic> {
        match self.stack.last_mut() {
            None => {
                let errors = std::mem::take(&mut self.errors);
                self.documents.push(if errors.is_empty() {
                    Ok(node)
                } else {
                    Err(errors)
                });
            }
            Some(Frame::Sequence { .. }) => self.items.push(node),
            Some(Frame::Mapping {
                base,
                pending_key,
                seen,
                ..
            }) => match pending_key.take() {
                None => {
                    if !matches!(node.kind, NodeKind::Scalar { .. } | NodeKind::Null) {
                        return Err(Diagnostic::said(
                            Code::SubmissionComplexKey,
                            Said::new(Word::ComplexKey),
                        )
                        .in_file(self.file)
                        .at_said(node.span, Said::new(Word::ComplexKeyLabel))
                        .help_said(Said::new(Word::ComplexKeyHelp)));
                    }
                    let key = match &node.kind {
                        NodeKind::Scalar { text, .. } => text.as_str(),
                        _ => "",
                    };
                    let entries = &self.entries[*base..];
                    let first = if entries.len() < SCANNED_KEYS {
                        entries
                            .iter()
                            .find(|(k, _)| key_text(k) == key)
                            .map(|(k, _)| k.span)
                    } else {
                        if seen.is_empty() {
                            for (k, _) in entries.iter() {
                                seen.entry(key_text(k).to_string()).or_insert(k.span);
                            }
                        }
                        seen.get(key).copied()
                    };
                    if let Some(first_span) = first {
                        self.errors.push(
                            Diagnostic::said(
                                Code::SubmissionDuplicateKey,
                                Said::new(Word::DuplicateKey).with("key", key),
                            )
                            .in_file(self.file)
                            .at_said(node.span, Said::new(Word::RepeatedHere))
                            .also_said(first_span, Said::new(Word::FirstGivenHere))
                            .help_said(Said::new(Word::DuplicateKeyHelp)),
                        );
                    } else if entries.len() >= SCANNED_KEYS {
                        seen.insert(key.to_string(), node.span);
                    }
                    *pending_key = Some(node);
                }
                Some(key) => self.entries.push((key, node)),
            },
        }
        Ok(())
    }
}

/// Mappings with fewer keys than this find a repeated key by scanning the keys read so far.
const SCANNED_KEYS: usize = 24;

fn key_text(node: &Node) -> &str {
    match &node.kind {
        NodeKind::Scalar { text, .. } => text,
        _ => "",
    }
}

fn node_count(node: &Node) -> usize {
    match &node.kind {
        NodeKind::Scalar { .. } | NodeKind::Null => 1,
        NodeKind::Sequence(items) => 1 + items.iter().map(node_count).sum::<usize>(),
        NodeKind::Mapping(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| node_count(k) + node_count(v))
                .sum::<usize>()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn documents(text: &str) -> Vec<DocumentResult> {
        parse(&SourceFile::new("t.yaml", text), &Limits::default())
    }

    #[test]
    fn values_keep_byte_spans() {
        let docs = documents("a: 1\n金额: 五千元\n");
        let Ok(Node {
            kind: NodeKind::Mapping(entries),
            ..
        }) = &docs[0]
        else {
            panic!("expected a mapping")
        };
        assert_eq!(entries[1].1.span, Span::new(13, 22));
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let docs = documents("a: 1\na: 2\n");
        assert!(matches!(&docs[0], Err(e) if e[0].code() == Some(Code::SubmissionDuplicateKey)));
    }

    #[test]
    fn duplicate_keys_are_found_in_large_mappings_too() {
        // Small mappings are scanned, large ones hashed: a repeat on either side of the switch,
        // and a repeat of a key read before the switch, are all found, each once.
        for (first, repeat) in [(3, 10), (3, 40), (30, 40), (50, 60)] {
            let mut text = String::new();
            for i in 0..70 {
                let key = if i == repeat { first } else { i };
                text.push_str(&format!("k{key}: {i}\n"));
            }
            let docs = documents(&text);
            let Err(errors) = &docs[0] else {
                panic!("a repeat of k{first} at {repeat} was not found");
            };
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].code(), Some(Code::SubmissionDuplicateKey));
        }
        assert!(documents(&(0..70).map(|i| format!("k{i}: 1\n")).collect::<String>())[0].is_ok());
    }

    #[test]
    fn alias_bombs_stop_at_the_budget() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let refs = vec![format!("*a{}", i - 1); 9].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let docs = documents(&text);
        assert!(matches!(&docs[0], Err(e) if e[0].code() == Some(Code::SubmissionTooManyNodes)));
    }

    #[test]
    fn several_documents_are_kept_apart() {
        assert_eq!(documents("a: 1\n---\nb: 2\n").len(), 2);
        assert!(matches!(&documents("")[0], Err(e) if e[0].code() == Some(Code::SubmissionEmpty)));
    }
}
