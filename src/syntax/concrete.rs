//! The concrete tree of a rules file for the formatter: every token, mark and comment in source order.
//!
//! The syntax tree (`ast`) keeps meaning; this tree keeps what was written. Each node is a
//! construct the formatter lays out (a declaration or block line, an `and`/`or` chain, a call or
//! list, an aggregate, parentheses); the grammar's other levels are spliced into their parent.
//! Marks the grammar writes as literals (`{`, `,`, `.` …) are recovered from the gaps between
//! pest's pairs, so nothing the author wrote is lost. Comments at the end of a construct are
//! moved out of it, to the line they end, so a formatter never indents them as continuation.

use super::grammar::{Rule, RulesParser};
use crate::base::span::Span;
use pest::Parser as _;
use pest::iterators::Pair;

/// A construct and what it holds, in source order.
#[derive(Clone, Debug)]
pub struct Node {
    pub construct: Construct,
    pub children: Vec<Child>,
}

#[derive(Clone, Debug)]
pub enum Child {
    Node(Node),
    Token(Token),
}

/// The constructs the formatter lays out differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Construct {
    /// The whole file: its declarations and the comments between them.
    File,
    /// A declaration or a line of a block (a rule clause, a field, an enum value …): one line,
    /// or a header and `{ … }` block of further lines.
    Line,
    /// `define name(…) "label" =` with its expression on the next line.
    Define,
    /// `a or b or c`, `a and b`: broken before every operator or not at all.
    Chain,
    /// Items separated by commas: call arguments, list items, definition parameters, strings.
    Items,
    /// `count(b in boilers where … : …)`: its `where` and body may go to the next line.
    Aggregate,
    /// A `where …` filter or `: …` body of an aggregate.
    AggregatePart,
    /// `( … )` around an expression.
    Parenthesized,
}

/// One written token.
#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A keyword, name, id, number, date or operator.
    Word,
    /// A string or message template, printed exactly as written.
    Text,
    /// `35 t/h`: a number and its unit, which must stay on one line.
    Quantity { unit: Span },
    /// A literal mark of the grammar: `{ } ( ) [ ] , : = . ?`.
    Mark(char),
    /// The `(` of a call, aggregate or parameter list, written against the name before it.
    CallOpen,
    /// A leading `-`, written against its operand.
    Minus,
    /// A `//` comment; `own_line` when nothing precedes it on its line.
    Comment { own_line: bool },
    /// A `///` documentation line.
    DocLine,
}

/// The concrete tree of a text that parses; `None` when it does not (its errors come from
/// `syntax::parse`, which the caller runs first).
pub fn concrete_tree(text: &str) -> Option<Node> {
    let file_pair = RulesParser::parse(Rule::file, text).ok()?.next()?;
    let mut builder = Builder { text };
    let mut children = Vec::new();
    builder.children_of(file_pair, &mut children);
    Some(Node {
        construct: Construct::File,
        children,
    })
}

struct Builder<'t> {
    text: &'t str,
}

impl Builder<'_> {
    /// Appends the children of `pair`, with the marks in the gaps between its pairs, to `out`.
    fn children_of(&mut self, pair: Pair<'_, Rule>, out: &mut Vec<Child>) {
        let outer = pair.as_span();
        let parent = pair.as_rule();
        let mut cursor = outer.start();
        for inner in pair.into_inner() {
            let span = inner.as_span();
            self.marks(cursor, span.start(), parent, out);
            cursor = span.end();
            self.child(inner, out);
        }
        self.marks(cursor, outer.end(), parent, out);
    }

    /// The literal marks written between two pairs: every character that is not a blank.
    fn marks(&self, start: usize, end: usize, parent: Rule, out: &mut Vec<Child>) {
        let Some(gap) = self.text.get(start..end) else {
            return;
        };
        for (offset, c) in gap.char_indices() {
            if c.is_whitespace() || c == '\u{FEFF}' {
                continue;
            }
            let kind = match (c, parent) {
                ('(', Rule::call | Rule::aggregate | Rule::define_params) => TokenKind::CallOpen,
                _ => TokenKind::Mark(c),
            };
            let at = start + offset;
            out.push(Child::Token(Token {
                kind,
                span: Span::new(at, at + c.len_utf8()),
            }));
        }
    }

    fn child(&mut self, pair: Pair<'_, Rule>, out: &mut Vec<Child>) {
        let span = Span::new(pair.as_span().start(), pair.as_span().end());
        let token = |kind| Child::Token(Token { kind, span });
        match pair.as_rule() {
            Rule::EOI => {}
            Rule::COMMENT => {
                let line_start = self.text[..span.start].rfind('\n').map_or(0, |i| i + 1);
                let own_line = self.text[line_start..span.start].trim().is_empty();
                out.push(token(TokenKind::Comment { own_line }));
            }
            Rule::doc_line => out.push(token(TokenKind::DocLine)),
            Rule::string | Rule::template => out.push(token(TokenKind::Text)),
            Rule::quantity => {
                let unit = pair
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::unit_name)
                    .map(|p| Span::new(p.as_span().start(), p.as_span().end()))
                    .unwrap_or(span);
                out.push(token(TokenKind::Quantity { unit }));
            }
            Rule::minus => out.push(token(TokenKind::Minus)),
            Rule::optional_marker => out.push(token(TokenKind::Mark('?'))),
            rule if is_leaf(rule) => out.push(token(TokenKind::Word)),
            rule => {
                let construct = match construct_of(rule) {
                    Some(Construct::Chain) if !joins_operands(&pair) => None,
                    other => other,
                };
                let mut children = Vec::new();
                self.children_of(pair, &mut children);
                match construct {
                    Some(construct) => {
                        let trailing = trailing_comments(&mut children);
                        out.push(Child::Node(Node {
                            construct,
                            children,
                        }));
                        out.extend(trailing);
                    }
                    None => out.extend(children),
                }
            }
        }
    }
}

/// Pairs printed as one token: atomic rules and keywords.
fn is_leaf(rule: Rule) -> bool {
    let name = format!("{rule:?}");
    name.starts_with("k_")
        || matches!(
            rule,
            Rule::name
                | Rule::rule_id
                | Rule::unit_name
                | Rule::number
                | Rule::percent
                | Rule::date
                | Rule::boolean
                | Rule::language
                | Rule::compare_op
                | Rule::add_op
                | Rule::mul_op
                | Rule::aggregate_fn
                | Rule::blamed_parts
        )
}

/// The construct a grammar rule is laid out as; `None` for the levels spliced into their parent.
fn construct_of(rule: Rule) -> Option<Construct> {
    use Rule::*;
    Some(match rule {
        plan_decl | reading_decl | dimension_decl | enum_decl | identifier_decl | record_decl
        | document_decl | param_decl | rule_decl | omit_decl | row_decl => Construct::Line,
        define_decl => Construct::Define,
        plan_languages | plan_title | plan_number | plan_level | plan_jurisdiction
        | plan_effective | plan_text | plan_parent | plan_schema => Construct::Line,
        unit_decl | convert_decl | enum_value | field_decl | dated_by => Construct::Line,
        rule_clause_ref | rule_row | rule_implements | rule_quote | rule_responsible
        | rule_readings | rule_applies | rule_for_each | rule_when | rule_requirement
        | rule_unless | rule_review | rule_advice | rule_deadline | rule_effective
        | rule_message | rule_help => Construct::Line,
        or_expr | and_expr => Construct::Chain,
        call | list_literal | define_params | string_list => Construct::Items,
        aggregate => Construct::Aggregate,
        aggregate_filter | aggregate_body => Construct::AggregatePart,
        parenthesized => Construct::Parenthesized,
        _ => return None,
    })
}

/// Whether an `or`/`and` level joins more than one operand (else it is spliced away).
fn joins_operands(pair: &Pair<'_, Rule>) -> bool {
    pair.clone()
        .into_inner()
        .any(|p| matches!(p.as_rule(), Rule::k_or | Rule::k_and))
}

/// Takes the comments at the end of a construct's children, to be put after the construct.
fn trailing_comments(children: &mut Vec<Child>) -> Vec<Child> {
    let keep = children
        .iter()
        .rposition(|child| {
            !matches!(
                child,
                Child::Token(Token {
                    kind: TokenKind::Comment { .. },
                    ..
                })
            )
        })
        .map_or(0, |i| i + 1);
    children.split_off(keep)
}
