//! `planlint fmt`: one canonical layout of a rules file, keeping every token and comment as written.
//!
//! The layout: two spaces per block level; one declaration or block line per line; at most one
//! blank line where the author left any; a line wider than `WIDTH` columns (a CJK character
//! counts two) is broken before each `and`/`or` of its loosest chain that does not fit, then
//! between call arguments and list items, then before an aggregate's `where` and body. Strings,
//! templates, dates and numbers are printed exactly as written, so quote checks keep passing; a
//! quote wider than the line stays on its line.

use crate::base::span::{SourceFile, Span};
use crate::base::width::width;
use crate::diagnostic::Diagnostic;
use crate::report::Language;
use crate::syntax::concrete::{Child, Construct, Node, Token, TokenKind, concrete_tree};
use crate::words::{Said, Word, plural};

/// The widest a formatted line is, unless one token is wider.
pub const WIDTH: usize = 100;
/// Spaces per block level.
const INDENT: usize = 2;

/// The canonical layout of a rules file; its syntax errors when it has any, for a file is
/// never formatted half-way.
pub fn format(file: &SourceFile) -> Result<String, Vec<Diagnostic>> {
    let (_, diagnostics) = crate::syntax::parse(file);
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let Some(tree) = concrete_tree(&file.text) else {
        return Err(Vec::new());
    };
    let mut printer = Printer {
        text: &file.text,
        out: String::with_capacity(file.text.len()),
        column: 0,
        last: None,
        pending_break: false,
        line_indent: 0,
    };
    printer.block_lines(&tree.children, 0);
    let mut out = printer.out;
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    if !out.is_empty() {
        out.push('\n');
    }
    Ok(out)
}

/// The canonical layout of the rules file `name` holding `text`; its syntax errors when it has any.
pub fn format_text(name: &str, text: &str) -> Result<String, Vec<Diagnostic>> {
    format(&SourceFile::new(name, text))
}

/// How many files a `planlint fmt` run changed (or would change), left alone, and refused.
#[derive(Default)]
pub struct FormatRun {
    pub changed: usize,
    pub unchanged: usize,
    pub refused: usize,
}

impl FormatRun {
    /// The run's last line: what was reformatted (`written`) or would be, and what was refused.
    pub fn summary(&self, written: bool, language: Language) -> String {
        let word = if written {
            Word::FmtSummaryWritten
        } else {
            Word::FmtSummaryChecked
        };
        let mut line = Said::new(word)
            .with("changed", self.changed)
            .with("s_changed", plural(self.changed))
            .with("unchanged", self.unchanged)
            .in_language(language);
        if self.refused > 0 {
            line.push_str(
                &Said::new(Word::FmtSummaryRefused)
                    .with("refused", self.refused)
                    .with("s_refused", plural(self.refused))
                    .in_language(language),
            );
        }
        line.push('\n');
        line
    }
}

/// The line after the syntax errors of a file `fmt` leaves alone.
pub fn refused_line(path: &str, language: Language) -> String {
    let mut line = Said::new(Word::FmtRefused)
        .with("path", path)
        .in_language(language);
    line.push('\n');
    line
}

/// The line `fmt --check` prints for a file whose layout would change.
pub fn would_change_line(path: &str, language: Language) -> String {
    let mut line = Said::new(Word::FmtWouldChange)
        .with("path", path)
        .in_language(language);
    line.push('\n');
    line
}

/// A unified diff from a file's text to its formatted text, three lines of context.
pub fn unified_diff(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(path, path)
        .to_string()
}

struct Printer<'t> {
    text: &'t str,
    out: String,
    column: usize,
    /// The token printed last on the current line, for the spacing before the next one.
    last: Option<TokenKind>,
    /// A comment ended the line: the next token starts a new one.
    pending_break: bool,
    /// The indentation of the line being printed, where an own-line comment inside it goes.
    line_indent: usize,
}

impl<'t> Printer<'t> {
    fn slice(&self, span: Span) -> &'t str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// Lines of a block or of the file: each construct on its own line, comments on theirs or
    /// after the line they follow, one blank line where the source had one or more.
    fn block_lines(&mut self, children: &[Child], indent: usize) {
        let mut previous_end: Option<usize> = None;
        let mut skip_until = 0;
        for (i, child) in children.iter().enumerate() {
            if i < skip_until {
                continue;
            }
            let rows = self.table_at(&children[i..]);
            if rows > 0
                && let Some(widths) = self.table_widths(&children[i..i + 2 * rows])
            {
                for pair in children[i..i + 2 * rows].chunks(2) {
                    let blank = previous_end.is_some_and(|end| self.blank_between(end, &pair[0]));
                    self.start_line(indent, blank, previous_end.is_none());
                    self.table_row(&pair[0], &pair[1], &widths);
                    previous_end = Some(last_offset(&pair[1]));
                }
                skip_until = i + 2 * rows;
                continue;
            }
            let start = first_offset(child);
            let blank = previous_end.is_some_and(|end| {
                self.text
                    .get(end..start)
                    .is_some_and(|gap| gap.matches('\n').count() >= 2)
            });
            match child {
                Child::Token(
                    token @ Token {
                        kind: TokenKind::Comment { own_line: false },
                        ..
                    },
                ) if !self.out.is_empty() => {
                    self.trailing_comment(*token);
                }
                Child::Token(token) => {
                    self.start_line(indent, blank, previous_end.is_none());
                    self.word(*token);
                    self.pending_break = false;
                }
                Child::Node(node) => {
                    self.start_line(indent, blank, previous_end.is_none());
                    self.line(node, indent);
                }
            }
            previous_end = Some(last_offset(child));
        }
    }

    /// Whether the source leaves a blank line between `end` and the start of `child`.
    fn blank_between(&self, end: usize, child: &Child) -> bool {
        self.text
            .get(end..first_offset(child))
            .is_some_and(|gap| gap.matches('\n').count() >= 2)
    }

    /// How many lines of a table start here: consecutive one-line declarations of one keyword
    /// and one shape, each followed by a comment on its line (the inventory's `row` lines, a
    /// dimension's `convert` lines), which are aligned in columns. Zero when none start here.
    fn table_at(&self, children: &[Child]) -> usize {
        let mut rows = 0;
        let mut shape: Option<(&str, usize)> = None;
        let mut previous_end = None;
        for pair in children.chunks(2) {
            let [Child::Node(line), Child::Token(comment)] = pair else {
                break;
            };
            let trailing = comment.kind == (TokenKind::Comment { own_line: false });
            let tokens_only = line.construct == Construct::Line
                && line.children.iter().all(|c| {
                    matches!(c, Child::Token(t) if !matches!(t.kind, TokenKind::Comment { .. } | TokenKind::DocLine | TokenKind::Mark('{' | '}')))
                });
            let Some(Child::Token(first)) = line.children.first() else {
                break;
            };
            let this = (self.slice(first.span), line.children.len());
            let apart = previous_end.is_some_and(|end| self.blank_between(end, &pair[0]));
            if !trailing || !tokens_only || apart || shape.is_some_and(|s| s != this) {
                break;
            }
            shape = Some(this);
            previous_end = Some(comment.span.end);
            rows += 1;
        }
        if rows >= 2 { rows } else { 0 }
    }

    /// The width of each column of a table (lines and their comments, in pairs), or `None` when
    /// aligned it would be wider than the line, or a pair of its tokens is written together.
    fn table_widths(&self, pairs: &[Child]) -> Option<Vec<usize>> {
        let mut widths: Vec<usize> = Vec::new();
        for pair in pairs.chunks(2) {
            let Child::Node(line) = &pair[0] else {
                return None;
            };
            let mut last = None;
            for (column, child) in line.children.iter().enumerate() {
                let Child::Token(token) = child else {
                    return None;
                };
                if let Some(last) = last
                    && !spaced(last, token.kind)
                {
                    return None;
                }
                last = Some(token.kind);
                let w = width(&self.printed(*token));
                match widths.get_mut(column) {
                    Some(existing) => *existing = (*existing).max(w),
                    None => widths.push(w),
                }
            }
        }
        let code: usize = widths.iter().sum::<usize>() + widths.len().saturating_sub(1);
        (code <= WIDTH).then_some(widths)
    }

    /// One line of a table: its tokens padded to their columns, then its comment.
    fn table_row(&mut self, line: &Child, comment: &Child, widths: &[usize]) {
        let (Child::Node(line), Child::Token(comment)) = (line, comment) else {
            return;
        };
        for (column, child) in line.children.iter().enumerate() {
            if let Child::Token(token) = child {
                if column > 0 {
                    self.out.push(' ');
                }
                let text = self.printed(*token);
                self.out
                    .push_str(&crate::base::width::pad(&text, widths[column]));
            }
        }
        self.out.push(' ');
        self.out.push_str(self.slice(comment.span).trim_end());
        self.last = Some(comment.kind);
        self.pending_break = true;
    }

    /// Ends the current line (and leaves one blank line when asked) and indents the next.
    fn start_line(&mut self, indent: usize, blank: bool, first: bool) {
        if !first || !self.out.is_empty() {
            self.newline();
            if blank {
                self.out.push('\n');
            }
        }
        self.indent_to(indent);
        self.line_indent = indent;
    }

    fn newline(&mut self) {
        let trimmed = self.out.trim_end_matches([' ', '\t']).len();
        self.out.truncate(trimmed);
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.column = 0;
        self.last = None;
        self.pending_break = false;
    }

    fn indent_to(&mut self, indent: usize) {
        self.out.extend(std::iter::repeat_n(' ', indent));
        self.column = indent;
        self.last = None;
    }

    fn trailing_comment(&mut self, token: Token) {
        self.out.push(' ');
        self.out.push_str(self.slice(token.span).trim_end());
        self.pending_break = true;
        self.last = Some(token.kind);
    }

    /// A declaration or block line: its documentation lines, then its tokens, then its block.
    fn line(&mut self, node: &Node, indent: usize) {
        let children = &node.children;
        let mut rest = children.as_slice();
        while let Some((Child::Token(token), tail)) = rest.split_first()
            && matches!(token.kind, TokenKind::DocLine | TokenKind::Comment { .. })
        {
            self.word(*token);
            self.newline();
            self.indent_to(indent);
            rest = tail;
        }
        if node.construct == Construct::Define
            && let Some(equals) = rest.iter().position(|c| is_mark(c, '='))
        {
            self.inline(&rest[..=equals], indent + INDENT);
            self.break_to(indent + INDENT);
            self.inline(&rest[equals + 1..], indent + 2 * INDENT);
            return;
        }
        let open = rest.iter().position(|c| is_mark(c, '{'));
        let close = rest.iter().rposition(|c| is_mark(c, '}'));
        match (open, close) {
            (Some(open), Some(close)) if open < close => {
                self.inline(&rest[..open], indent + INDENT);
                let Child::Token(brace) = &rest[open] else {
                    return;
                };
                self.word(*brace);
                let inside = &rest[open + 1..close];
                if !inside.is_empty() {
                    self.block_lines(inside, indent + INDENT);
                    self.newline();
                    self.indent_to(indent);
                }
                if let Child::Token(brace) = &rest[close] {
                    self.word(*brace);
                }
                self.inline(&rest[close + 1..], indent + INDENT);
            }
            _ => self.inline(rest, indent + INDENT),
        }
    }

    /// Children printed on the current line, broken at `continuation` where they do not fit.
    fn inline(&mut self, children: &[Child], continuation: usize) {
        for child in children {
            match child {
                Child::Token(token) => self.token(*token, continuation),
                Child::Node(node) => self.construct(node, continuation),
            }
        }
    }

    fn construct(&mut self, node: &Node, continuation: usize) {
        if self.fits(node) {
            self.flat(node);
            return;
        }
        match node.construct {
            Construct::Chain => self.broken_chain(node, continuation),
            Construct::Items => self.filled_items(node, continuation),
            Construct::Aggregate => {
                for child in &node.children {
                    match child {
                        Child::Node(part) if part.construct == Construct::AggregatePart => {
                            self.aggregate_part(part, continuation);
                        }
                        Child::Node(inner) => self.construct(inner, continuation + INDENT),
                        Child::Token(token) => self.token(*token, continuation),
                    }
                }
            }
            _ => self.inline(&node.children, continuation),
        }
    }

    /// An aggregate's `where …` or `: …` that does not fit goes to a new line; a body's `:` stays
    /// at the end of the line before it.
    fn aggregate_part(&mut self, part: &Node, continuation: usize) {
        if self.fits(part) {
            self.flat(part);
            return;
        }
        let mut children = part.children.as_slice();
        if let Some((colon @ Child::Token(token), rest)) = children.split_first()
            && is_mark(colon, ':')
        {
            self.token(*token, continuation);
            children = rest;
        }
        self.break_to(continuation);
        self.inline(children, continuation + INDENT);
    }

    /// `a or b or c` that does not fit: a new line before every operator.
    fn broken_chain(&mut self, node: &Node, continuation: usize) {
        for child in &node.children {
            match child {
                Child::Token(
                    token @ Token {
                        kind: TokenKind::Word,
                        ..
                    },
                ) if is_chain_operator(self.slice(token.span)) => {
                    self.break_to(continuation);
                    self.token(*token, continuation);
                }
                Child::Token(token) => self.token(*token, continuation),
                Child::Node(inner) => self.construct(inner, continuation + INDENT),
            }
        }
    }

    /// Comma-separated items that do not fit: as many on each line as fit.
    fn filled_items(&mut self, node: &Node, continuation: usize) {
        let mut after_comma = false;
        for (i, child) in node.children.iter().enumerate() {
            if after_comma && !self.pending_break {
                let item_end = node.children[i..]
                    .iter()
                    .position(|c| is_mark(c, ',') || is_mark(c, ')') || is_mark(c, ']'))
                    .map_or(node.children.len(), |p| i + p);
                let item = &node.children[i..=item_end.min(node.children.len() - 1)];
                let item_width = 1 + self.flat_width(item).unwrap_or(usize::MAX / 2);
                if self.column + item_width > WIDTH {
                    self.break_to(continuation);
                }
            }
            after_comma = is_mark(child, ',');
            match child {
                Child::Token(token) => self.token(*token, continuation),
                Child::Node(inner) => self.construct(inner, continuation + INDENT),
            }
        }
    }

    fn break_to(&mut self, continuation: usize) {
        if self.last.is_some() {
            self.newline();
            self.indent_to(continuation);
        }
    }

    /// A token in running text: an own-line comment gets a line of its own at the line's
    /// continuation; after a comment the line is broken.
    fn token(&mut self, token: Token, continuation: usize) {
        match token.kind {
            TokenKind::Comment { own_line: true } => {
                if self.last.is_some() {
                    self.newline();
                    self.indent_to(continuation);
                }
                self.word(token);
                self.pending_break = true;
            }
            TokenKind::Comment { own_line: false } if self.last.is_some() => {
                self.trailing_comment(token);
            }
            _ => {
                if self.pending_break {
                    self.newline();
                    self.indent_to(continuation);
                }
                self.word(token);
            }
        }
    }

    /// Prints a token with the canonical space before it.
    fn word(&mut self, token: Token) {
        let text = self.printed(token);
        if let Some(last) = self.last
            && spaced(last, token.kind)
        {
            self.out.push(' ');
            self.column += 1;
        }
        self.column += width(&text);
        self.out.push_str(&text);
        self.last = Some(token.kind);
    }

    /// A token as printed: as written, but a quantity with one space before its unit and a
    /// comment without trailing blanks.
    fn printed(&self, token: Token) -> String {
        match token.kind {
            TokenKind::Quantity { unit } => {
                let number = self
                    .slice(Span::new(token.span.start, unit.start))
                    .trim_end();
                format!("{number} {}", self.slice(unit))
            }
            TokenKind::Comment { .. } | TokenKind::DocLine => {
                self.slice(token.span).trim_end().to_string()
            }
            _ => self.slice(token.span).to_string(),
        }
    }

    /// Whether a construct fits flat on the rest of the line.
    fn fits(&self, node: &Node) -> bool {
        let space = usize::from(self.last.is_some());
        self.flat_width(&node.children)
            .is_some_and(|w| self.column + space + w <= WIDTH)
    }

    /// The width of children printed on one line; `None` when a comment forces a break.
    fn flat_width(&self, children: &[Child]) -> Option<usize> {
        let mut total = 0;
        let mut last: Option<TokenKind> = None;
        let mut stack: Vec<&[Child]> = vec![children];
        while let Some(list) = stack.pop() {
            let Some((head, tail)) = list.split_first() else {
                continue;
            };
            stack.push(tail);
            match head {
                Child::Node(node) => stack.push(&node.children),
                Child::Token(Token {
                    kind: TokenKind::Comment { .. } | TokenKind::DocLine,
                    ..
                }) => return None,
                Child::Token(token) => {
                    let text = self.printed(*token);
                    if let Some(last) = last
                        && spaced(last, token.kind)
                    {
                        total += 1;
                    }
                    total += width(&text);
                    last = Some(token.kind);
                }
            }
        }
        Some(total)
    }

    fn flat(&mut self, node: &Node) {
        for child in &node.children {
            match child {
                Child::Token(token) => self.word(*token),
                Child::Node(inner) => self.flat(inner),
            }
        }
    }
}

/// Whether a space goes between two tokens on one line.
fn spaced(last: TokenKind, next: TokenKind) -> bool {
    let glued_after = matches!(
        last,
        TokenKind::Mark('(' | '[' | '.') | TokenKind::CallOpen | TokenKind::Minus
    );
    let glued_before = matches!(
        next,
        TokenKind::Mark(',' | ')' | ']' | ':' | '.' | '?') | TokenKind::CallOpen
    );
    let empty_block = last == TokenKind::Mark('{') && next == TokenKind::Mark('}');
    !(glued_after || glued_before || empty_block)
}

fn is_chain_operator(text: &str) -> bool {
    text == "and" || text == "or"
}

fn is_mark(child: &Child, mark: char) -> bool {
    matches!(child, Child::Token(Token { kind: TokenKind::Mark(c), .. }) if *c == mark)
}

fn first_offset(child: &Child) -> usize {
    match child {
        Child::Token(token) => token.span.start,
        Child::Node(node) => node.children.first().map_or(0, first_offset),
    }
}

fn last_offset(child: &Child) -> usize {
    match child {
        Child::Token(token) => token.span.end,
        Child::Node(node) => node.children.last().map_or(0, last_offset),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::{Plan, PlanFiles};
    use proptest::prelude::*;
    use std::path::{Path, PathBuf};

    fn parse_text(text: &str) -> (crate::syntax::ast::File, Vec<Diagnostic>) {
        crate::syntax::parse(&SourceFile::new("test.rules", text))
    }

    /// The syntax tree printed with every span left out: what a layout may not change.
    fn tree_without_spans(text: &str) -> String {
        let (tree, _) = parse_text(text);
        let printed = format!("{:?}", tree.declarations);
        let mut out = String::with_capacity(printed.len());
        let mut rest = printed.as_str();
        while let Some(at) = rest.find("Span { start: ") {
            out.push_str(&rest[..at]);
            let after = &rest[at..];
            let end = after.find('}').map_or(after.len(), |i| i + 1);
            rest = &after[end..];
        }
        out.push_str(rest);
        out
    }

    fn comment_texts(text: &str) -> Vec<String> {
        let (tree, _) = parse_text(text);
        tree.comments
            .iter()
            .map(|c| c.text.trim_end().to_string())
            .collect()
    }

    /// Formatting changes no meaning, drops or reorders no comment, and is a fixed point.
    fn assert_sound(name: &str, text: &str) {
        let once = format_text(name, text).unwrap_or_else(|e| panic!("{name}: refused: {e:?}"));
        let twice = format_text(name, &once).unwrap_or_else(|e| panic!("{name}: {e:?}\n{once}"));
        assert_eq!(
            once, twice,
            "{name}: formatting the formatted text changes it"
        );
        assert_eq!(
            tree_without_spans(text),
            tree_without_spans(&once),
            "{name}: the syntax tree changed"
        );
        assert_eq!(
            comment_texts(text),
            comment_texts(&once),
            "{name}: the comments changed"
        );
    }

    fn rules_files_under(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                rules_files_under(&path, out);
            } else if path.extension().is_some_and(|e| e == "rules") {
                out.push(path);
            }
        }
    }

    /// Every rules file of the repository that parses: the plans and every fixture.
    #[test]
    fn every_rules_file_formats_soundly() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["rules", "tests/fixtures", "editors", "docs"] {
            rules_files_under(&root.join(dir), &mut files);
        }
        let mut formatted = 0;
        for path in &files {
            // A hostile fixture that is not UTF-8 is refused before the formatter sees it.
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            if !parse_text(&text).1.is_empty() {
                assert!(format_text("x.rules", &text).is_err(), "{}", path.display());
                continue;
            }
            assert_sound(&path.display().to_string(), &text);
            // `rules check` of the file as a plan of its own says the same before and after.
            let alone = |text: &str| {
                let mut files = PlanFiles::new("alone");
                files.add("file.rules", text.as_bytes().to_vec());
                let plan = Plan::compile(&files);
                plan.diagnostics()
                    .iter()
                    .map(|d| format!("{} {} {:?}", d.code_text(), d.message, d.help))
                    .collect::<Vec<_>>()
            };
            let once = format_text("x.rules", &text).expect("it parses");
            assert_eq!(
                alone(&text),
                alone(&once),
                "{}: other diagnostics",
                path.display()
            );
            formatted += 1;
        }
        assert!(formatted > 100, "only {formatted} rules files were found");
    }

    /// The embedded plans are kept formatted (CI runs `planlint fmt --check rules/` too).
    #[test]
    fn the_embedded_plans_are_formatted() {
        for name in ["cn-air-schema", "national-2023", "jingzhou-2024"] {
            let files = PlanFiles::embedded_folder(name).expect("an embedded folder");
            for (path, bytes) in files.files.iter().filter(|(p, _)| p.ends_with(".rules")) {
                let text = std::str::from_utf8(bytes).expect("UTF-8");
                let formatted = format_text(path, text).expect("the plan parses");
                assert!(formatted == text, "rules/{name}/{path} is not formatted");
            }
        }
    }

    /// A formatted chain compiles to the same diagnostics as the chain as written.
    #[test]
    fn formatting_keeps_the_diagnostics_of_rules_check() {
        fn formatted(name: &str) -> Option<PlanFiles> {
            let mut files = PlanFiles::embedded_folder(name)?;
            for (path, bytes) in &mut files.files {
                if path.ends_with(".rules") {
                    let text = String::from_utf8(bytes.clone()).ok()?;
                    // A blank line more in every file moves every position but keeps the layout's
                    // meaning; the formatter must take it out again.
                    let spread = text.replace("\n\n", "\n\n\n  \n");
                    *bytes = format_text(path, &spread).ok()?.into_bytes();
                }
            }
            Some(files)
        }
        let shape = |plan: &Plan| -> Vec<String> {
            plan.diagnostics()
                .iter()
                .map(|d| format!("{} {} {:?}", d.code_text(), d.message, d.help))
                .collect()
        };
        for name in ["national-2023", "jingzhou-2024"] {
            let written = Plan::embedded_named(name).expect("embedded");
            let files = formatted(name).expect("formats");
            let reformatted = Plan::compile_chain(&files, &|_| None, &formatted);
            assert_eq!(shape(&written), shape(&reformatted), "{name}");
            assert_eq!(written.model.rules.len(), reformatted.model.rules.len());
        }
    }

    #[test]
    fn a_file_with_a_syntax_error_is_refused_whole() {
        let text = "rule R \"t\" {\n  must a and\n}\nrule S \"u\" {   must b }\n";
        let problems = format_text("bad.rules", text).expect_err("a syntax error");
        assert!(!problems.is_empty());
    }

    #[test]
    fn cjk_characters_count_two_columns() {
        // 46 characters fit in 100 columns as ASCII but not as CJK.
        let name = "長".repeat(23);
        let text = format!("rule R \"t\" {{\n  when {name} and {name}\n}}\n");
        let formatted = format_text("w.rules", &text).expect("parses");
        assert_eq!(
            formatted,
            format!("rule R \"t\" {{\n  when {name}\n    and {name}\n}}\n")
        );
        let ascii = "a".repeat(23);
        let text = format!("rule R \"t\" {{\n  when {ascii} and {ascii}\n}}\n");
        assert_eq!(format_text("w.rules", &text).expect("parses"), text);
    }

    #[test]
    fn strings_are_printed_as_written() {
        let text = "rule R \"t\" {\n  quote \"原文\\\"引號\\\\，全角　空格\"\n  message en \"\\{x\\} {a.b}\"\n}\n";
        assert_eq!(format_text("s.rules", text).expect("parses"), text);
    }

    /// Whitespace an author may write between two tokens.
    fn blank() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            Just(" "),
            Just("  "),
            Just("\n"),
            Just("\t"),
            Just("\u{3000}"),
            Just("\n\n\n"),
            Just(" \n    "),
        ]
    }

    /// A file's tokens joined by other whitespace: a blank where there was one (a newline after a
    /// comment), and now and then a blank where there was none.
    fn respaced(text: &str, blanks: &[&str]) -> String {
        let tree = concrete_tree(text).expect("parses");
        let mut tokens = Vec::new();
        fn collect(children: &[Child], out: &mut Vec<Token>) {
            for child in children {
                match child {
                    Child::Token(t) => out.push(*t),
                    Child::Node(n) => collect(&n.children, out),
                }
            }
        }
        collect(&tree.children, &mut tokens);
        let mut out = String::new();
        for (i, token) in tokens.iter().enumerate() {
            if i > 0 {
                let previous = tokens[i - 1];
                let gap = &text[previous.span.end..token.span.start];
                let blank = blanks[i % blanks.len()];
                // A line break stays one: after a comment it ends the comment, and after a number
                // it keeps the next word from being read as the number's unit (`= 0` then
                // `message` on the next line).
                let ends_line = matches!(
                    previous.kind,
                    TokenKind::Comment { .. } | TokenKind::DocLine
                ) || gap.contains('\n');
                if ends_line && !blank.contains('\n') {
                    out.push('\n');
                } else if !gap.is_empty() || i % 7 == 0 {
                    out.push_str(blank);
                }
            }
            out.push_str(&text[token.span.start..token.span.end]);
        }
        out
    }

    /// An expression of names, quantities, comparisons, calls, lists, aggregates and
    /// parentheses, as wide as the generator likes.
    fn expression() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            "[a-z]{1,12}(\\.[a-z]{1,10}){0,2}",
            "[0-9]{1,3} t/h",
            "20[0-9]{2}-0[1-9]-1[0-9]",
            Just("鍋爐容量".to_string()),
            Just("true".to_string()),
        ];
        leaf.prop_recursive(5, 48, 4, |inner| {
            prop_oneof![
                (
                    inner.clone(),
                    prop_oneof![Just("and"), Just("or")],
                    inner.clone()
                )
                    .prop_map(|(a, op, b)| format!("{a} {op} {b}")),
                (
                    inner.clone(),
                    prop_oneof![Just("<="), Just("="), Just("≠")],
                    inner.clone()
                )
                    .prop_map(|(a, op, b)| format!("{a} {op} {b}")),
                inner.clone().prop_map(|a| format!("({a})")),
                inner.clone().prop_map(|a| format!("not {a}")),
                prop::collection::vec(inner.clone(), 1..4)
                    .prop_map(|items| format!("given({})", items.join(", "))),
                prop::collection::vec(inner.clone(), 1..4)
                    .prop_map(|items| format!("x in [{}]", items.join(", "))),
                (inner.clone(), inner.clone())
                    .prop_map(|(a, b)| format!("any(b in boilers where {a}: {b})")),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// A plan file with its whitespace shuffled formats soundly.
        #[test]
        fn shuffled_whitespace_formats_soundly(
            which in 0usize..64,
            blanks in prop::collection::vec(blank(), 1..9),
        ) {
            let files: Vec<(String, String)> = ["cn-air-schema", "national-2023", "jingzhou-2024"]
                .iter()
                .flat_map(|name| PlanFiles::embedded_folder(name).expect("embedded").files)
                .filter(|(p, _)| p.ends_with(".rules"))
                .map(|(p, b)| (p, String::from_utf8(b).expect("UTF-8")))
                .collect();
            let (path, text) = &files[which % files.len()];
            let shuffled = respaced(text, &blanks);
            prop_assert!(parse_text(&shuffled).1.is_empty(), "{path}: the shuffle broke the file");
            assert_sound(path, &shuffled);
            // However it was spaced, the file comes back to its one layout, comments aside.
            if !text.contains("//") {
                prop_assert_eq!(format_text(path, &shuffled).expect("parses"), text.clone());
            }
        }

        /// Generated rules, wide and deep, with comments among their clauses, format soundly.
        #[test]
        fn generated_rules_format_soundly(
            conditions in prop::collection::vec(expression(), 1..4),
            blanks in prop::collection::vec(blank(), 1..9),
        ) {
            let mut text = String::from("// generated\nrule R-GEN \"生成的規則\" {\n  quote \"引文\"\n");
            for (i, condition) in conditions.iter().enumerate() {
                text.push_str(&format!("  when {condition} // condition {i}\n"));
            }
            text.push_str("  must true\n}\n");
            prop_assume!(parse_text(&text).1.is_empty());
            assert_sound("generated.rules", &text);
            assert_sound("generated.rules", &respaced(&text, &blanks));
        }
    }
}
