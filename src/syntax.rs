//! Text to syntax tree: the pest parser, lowering of its pairs, and syntax errors as diagnostics.
//!
//! pest types never leave this module. A file with a syntax error is cut at every top-level
//! declaration so that one mistake does not hide the rest of the file.

use crate::ast::*;
use crate::diagnostic::Diagnostic;
use crate::span::{SourceFile, Span};
use pest::Parser as _;
use pest::iterators::Pair;

#[derive(pest_derive::Parser)]
#[grammar = "grammar/rules.pest"]
struct RulesParser;

/// Parses one rules file, returning the tree of everything that parsed and every syntax error.
pub fn parse(file: &SourceFile) -> (File, Vec<Diagnostic>) {
    let text: &str = &file.text;
    let too_deep = |spans: Vec<Span>| {
        spans.into_iter().map(|span| {
            Diagnostic::error("rules::too-deep", "this expression is nested too deeply to check")
                .in_file(file)
                .at(span, "too deep from here")
                .help(format!(
                    "keep brackets and `not` within {MAX_NESTING} levels and chains within {MAX_CHAIN} operators; name the parts with `define`"
                ))
        })
    };
    match parse_chunk(text, 0) {
        Ok((tree, refused)) => (tree, too_deep(refused).collect()),
        Err(_) => {
            let mut tree = File::default();
            let mut diagnostics = Vec::new();
            for (start, end) in declaration_chunks(text) {
                match parse_chunk(&text[start..end], start) {
                    Ok((part, refused)) => {
                        tree.declarations.extend(part.declarations);
                        tree.comments.extend(part.comments);
                        diagnostics.extend(too_deep(refused));
                    }
                    Err(error) => diagnostics.push(syntax_diagnostic(file, &error, start)),
                }
            }
            (tree, diagnostics)
        }
    }
}

/// Byte ranges of the file that each start at a top-level keyword in the first column.
fn declaration_chunks(text: &str) -> Vec<(usize, usize)> {
    const STARTS: [&str; 9] = [
        "plan",
        "reading",
        "dimension",
        "enum",
        "record",
        "document",
        "param",
        "define",
        "rule",
    ];
    let mut starts = vec![0];
    let mut offset = 0;
    let mut doc_run_start = None;
    for line in text.split_inclusive('\n') {
        if line.starts_with("///") {
            doc_run_start.get_or_insert(offset);
        } else {
            let first_word: String = line
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if STARTS.contains(&first_word.as_str()) && offset > 0 {
                starts.push(doc_run_start.unwrap_or(offset));
            }
            if !line.trim().is_empty() {
                doc_run_start = None;
            }
        }
        offset += line.len();
    }
    starts.dedup();
    let mut chunks: Vec<(usize, usize)> = starts.windows(2).map(|w| (w[0], w[1])).collect();
    chunks.push((*starts.last().unwrap_or(&0), text.len()));
    chunks.retain(|(s, e)| s < e);
    chunks
}

/// A chunk's tree and the expressions refused as too deep.
type Lowered = (File, Vec<Span>);

fn parse_chunk(text: &str, base: usize) -> Result<Lowered, pest::error::Error<Rule>> {
    let mut pairs = RulesParser::parse(Rule::file, text)?;
    let mut tree = File::default();
    let Some(file_pair) = pairs.next() else {
        return Ok((tree, Vec::new()));
    };
    for pair in file_pair.clone().into_inner().flatten() {
        if pair.as_rule() == Rule::COMMENT {
            tree.comments.push(Comment {
                text: pair.as_str().to_string(),
                span: span(&pair, base),
            });
        }
    }
    let lower = Lower {
        base,
        nesting: Default::default(),
        too_deep: Default::default(),
    };
    for pair in significant(file_pair) {
        if let Some(declaration) = lower.declaration(pair) {
            tree.declarations.push(declaration);
        }
    }
    Ok((tree, lower.too_deep.into_inner()))
}

fn syntax_diagnostic(
    file: &SourceFile,
    error: &pest::error::Error<Rule>,
    base: usize,
) -> Diagnostic {
    let start = match error.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    } + base;
    let rest = &file.text[start.min(file.text.len())..];
    // Point at the whole word the parser stopped on, not just its first character.
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let token_len = if word.is_empty() {
        rest.chars().next().map_or(0, char::len_utf8)
    } else {
        word.len()
    };
    let found = match rest.chars().next() {
        None => "the end of the file".to_string(),
        Some('\n') | Some('\r') => "the end of the line".to_string(),
        Some(c) if word.is_empty() => format!("`{c}`"),
        Some(_) => format!("`{word}`"),
    };
    let expected: Vec<Rule> = match &error.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let mut described: Vec<String> = Vec::new();
    for rule in expected
        .iter()
        .filter(|r| !matches!(r, Rule::COMMENT | Rule::WHITESPACE | Rule::doc_line))
    {
        let text = describe_rule(rule);
        if !described.contains(&text) {
            described.push(text);
        }
    }
    let wants_text = expected.iter().any(|r| {
        matches!(
            r,
            Rule::string | Rule::string_content | Rule::template | Rule::template_text
        )
    });
    let unclosed = if rest.starts_with('"') {
        Some(start)
    } else if wants_text {
        unclosed_quote(&file.text[base..start.min(file.text.len())]).map(|o| o + base)
    } else {
        None
    };
    if let Some(start) = unclosed {
        return Diagnostic::error("rules::syntax", "syntax error: this string is never closed")
            .in_file(file)
            .at(Span::new(start, start + 1), "the string starts here")
            .help(
                "add the closing `\"` on the same line; write `\\\"` for a quote inside the text",
            );
    }
    let message = match described.len() {
        0 => format!("syntax error: unexpected {found}"),
        1 => format!("syntax error: expected {}", described[0]),
        n => format!(
            "syntax error: expected {} or {}",
            described[..n - 1].join(", "),
            described[n - 1]
        ),
    };
    let keywords: Vec<&str> = expected.iter().filter_map(|r| keyword_text(*r)).collect();
    let help = match crate::suggest::closest(&word, keywords.iter().copied()) {
        Some(best) if !word.is_empty() => format!("did you mean `{best}`?"),
        _ => "see docs/language.md for the form of each declaration; the rest of the file was still checked".to_string(),
    };
    Diagnostic::error("rules::syntax", message)
        .in_file(file)
        .at(
            Span::new(start, start + token_len),
            format!("unexpected {found} here"),
        )
        .help(help)
}

/// The offset of the opening quote of the first line with an unclosed string, if any.
fn unclosed_quote(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let mut open = None;
        let mut escaped = false;
        let code = line.split("//").next().unwrap_or(line);
        for (i, c) in code.char_indices() {
            match c {
                '\\' if !escaped => {
                    escaped = true;
                    continue;
                }
                '"' if !escaped => {
                    open = if open.is_some() {
                        None
                    } else {
                        Some(offset + i)
                    }
                }
                _ => {}
            }
            escaped = false;
        }
        if open.is_some() {
            return open;
        }
        offset += line.len();
    }
    None
}

/// How a grammar rule is named in "expected …" lists: never a raw rule name.
fn describe_rule(rule: &Rule) -> String {
    let text = match rule {
        Rule::EOI => "the end of the file",
        Rule::file | Rule::declaration => {
            "a declaration (`plan`, `dimension`, `enum`, `record`, `document`, `param`, `define`, `rule` …)"
        }
        Rule::plan_decl => "`plan`",
        Rule::plan_setting
        | Rule::plan_title
        | Rule::plan_number
        | Rule::plan_level
        | Rule::plan_jurisdiction
        | Rule::plan_effective
        | Rule::plan_text
        | Rule::plan_parent => {
            "a plan setting (`title`, `number`, `level`, `jurisdiction`, `effective`, `text`, `parent`)"
        }
        Rule::date_range => "`from DATE` or `until DATE`",
        Rule::ignoring_last_line => "`ignoring last line`",
        Rule::reading_decl => "`reading`",
        Rule::dimension_decl => "`dimension`",
        Rule::unit_decl => "`unit`",
        Rule::convert_decl => "`convert`",
        Rule::enum_decl => "`enum`",
        Rule::ordered_marker => "`ordered`",
        Rule::reason_texts => "a quoted text",
        Rule::enum_value => "an enum value",
        Rule::record_decl => "`record`",
        Rule::document_decl => "`document`",
        Rule::dated_by => "`dated by`",
        Rule::field_decl => "a field (`name: type`)",
        Rule::type_expr => "a type",
        Rule::list_marker => "`list`",
        Rule::optional_marker => "`?`",
        Rule::param_decl => "`param`",
        Rule::define_decl => "`define`",
        Rule::define_params => "a parameter list",
        Rule::define_param => "a parameter (`name: type`)",
        Rule::rule_decl => "`rule`",
        Rule::omit_decl => "`omit`",
        Rule::rule_clause
        | Rule::rule_clause_ref
        | Rule::rule_quote
        | Rule::rule_responsible
        | Rule::rule_readings
        | Rule::rule_applies
        | Rule::rule_for_each
        | Rule::rule_when
        | Rule::rule_requirement
        | Rule::rule_unless
        | Rule::rule_review
        | Rule::rule_advice
        | Rule::rule_deadline
        | Rule::rule_effective
        | Rule::rule_message
        | Rule::rule_help => {
            "a rule line (`clause`, `quote`, `when`, `must`, `forbid`, `message` …)"
        }
        Rule::modality | Rule::in_principle_must | Rule::in_principle_forbid => {
            "a modality (`must`, `forbid`, `in principle must` …)"
        }
        Rule::language => "`en` or `zh`",
        Rule::expr
        | Rule::or_expr
        | Rule::and_expr
        | Rule::not_expr
        | Rule::comparison
        | Rule::sum
        | Rule::product
        | Rule::unary
        | Rule::primary => "an expression",
        Rule::negation => "`not`",
        Rule::compare_op => "a comparison (`=`, `<=`, `>` …)",
        Rule::not_in_op => "`not in`",
        Rule::in_op => "`in`",
        Rule::add_op => "`+` or `-`",
        Rule::mul_op => "`*` or `/`",
        Rule::minus => "`-`",
        Rule::list_literal => "a list (`[a, b]`)",
        Rule::aggregate => "an aggregate (`count(x in list where …)`)",
        Rule::aggregate_filter => "`where`",
        Rule::aggregate_body => "`:`",
        Rule::aggregate_fn => "`count`, `any`, `all`, `sum`, `min`, `max` or `ratio`",
        Rule::call => "a call",
        Rule::path => "a name",
        Rule::date => "a date (`2025-12-31`)",
        Rule::number => "a number",
        Rule::percent => "a percentage (`5%`)",
        Rule::quantity => "a quantity (`35 t/h`)",
        Rule::unit_name => "a unit",
        Rule::boolean => "`true` or `false`",
        Rule::string | Rule::string_content | Rule::string_list => "a quoted string",
        Rule::template | Rule::template_text | Rule::interpolation => "a quoted text",
        Rule::name => "a name",
        Rule::rule_id => "an id",
        Rule::reserved => "a reserved word",
        Rule::doc_line => "`///` documentation",
        Rule::COMMENT => "a comment",
        other => {
            return keyword_text(*other)
                .map(|k| format!("`{k}`"))
                .unwrap_or_else(|| "something else".into());
        }
    };
    text.to_string()
}

/// The word a keyword rule matches, or `None` for rules that are not keywords.
fn keyword_text(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::k_plan => "plan",
        Rule::k_omit => "omit",
        Rule::k_ordered => "ordered",
        Rule::k_title => "title",
        Rule::k_number => "number",
        Rule::k_level => "level",
        Rule::k_jurisdiction => "jurisdiction",
        Rule::k_effective => "effective",
        Rule::k_text => "text",
        Rule::k_parent => "parent",
        Rule::k_ignoring => "ignoring",
        Rule::k_last => "last",
        Rule::k_line => "line",
        Rule::k_from => "from",
        Rule::k_until => "until",
        Rule::k_reading => "reading",
        Rule::k_dimension => "dimension",
        Rule::k_unit => "unit",
        Rule::k_also => "also",
        Rule::k_convert => "convert",
        Rule::k_enum => "enum",
        Rule::k_record => "record",
        Rule::k_document => "document",
        Rule::k_dated => "dated",
        Rule::k_by => "by",
        Rule::k_list => "list",
        Rule::k_param => "param",
        Rule::k_define => "define",
        Rule::k_rule => "rule",
        Rule::k_clause => "clause",
        Rule::k_quote => "quote",
        Rule::k_responsible => "responsible",
        Rule::k_applies => "applies",
        Rule::k_to => "to",
        Rule::k_for => "for",
        Rule::k_each => "each",
        Rule::k_in => "in",
        Rule::k_when => "when",
        Rule::k_unless => "unless",
        Rule::k_review => "review",
        Rule::k_advice => "advice",
        Rule::k_if => "if",
        Rule::k_because => "because",
        Rule::k_deadline => "deadline",
        Rule::k_message => "message",
        Rule::k_help => "help",
        Rule::k_must => "must",
        Rule::k_forbid => "forbid",
        Rule::k_principle => "principle",
        Rule::k_encourage => "encourage",
        Rule::k_strive => "strive",
        Rule::k_target => "target",
        Rule::k_or => "or",
        Rule::k_and => "and",
        Rule::k_not => "not",
        Rule::k_where => "where",
        _ => return None,
    })
}

/// A pair's span without the blanks and comments pest may leave at its end.
fn span(pair: &Pair<'_, Rule>, base: usize) -> Span {
    let s = pair.as_span();
    let mut end = s.end();
    if pair.clone().into_inner().next().is_some() {
        // The last leaf ends the pair: pest leaves the blanks after `a` inside `a ~ b*` when no
        // `b` follows, so the ends of inner pairs cannot be trusted. Walking down the last child
        // keeps this linear in the depth of the tree.
        let mut last = pair.clone();
        while let Some(child) = last
            .clone()
            .into_inner()
            .filter(|p| p.as_rule() != Rule::COMMENT)
            .last()
        {
            last = child;
        }
        end = last.as_span().end().max(s.start());
        // A closing token such as `)`, `]` or `}` is not a pair of its own.
        let tail = &s.get_input()[end..s.end()];
        let closing = tail
            .trim_start()
            .chars()
            .next()
            .filter(|c| matches!(c, ')' | ']' | '}' | '"'));
        if let Some(c) = closing {
            end += tail.find(c).map_or(0, |i| i + c.len_utf8());
        }
    }
    Span::new(s.start() + base, end + base)
}

/// The children of a pair without comments and keywords, which carry no meaning of their own.
fn significant<'a>(pair: Pair<'a, Rule>) -> impl Iterator<Item = Pair<'a, Rule>> {
    pair.into_inner()
        .filter(|p| p.as_rule() != Rule::COMMENT && keyword_text(p.as_rule()).is_none())
}

/// Decodes the escapes of a string's content.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Lowers pest pairs into the syntax tree, shifting spans by the chunk's offset in the file.
struct Lower {
    base: usize,
    /// How many expressions deep the lowering is, to refuse input that would exhaust the stack.
    nesting: std::cell::Cell<usize>,
    /// Expressions refused for their depth.
    too_deep: std::cell::RefCell<Vec<Span>>,
}

/// Expressions nested deeper than this (brackets, `not`, calls) are refused.
const MAX_NESTING: usize = 40;
/// Operators chained in one expression (`a + b + …`, `x and y and …`) beyond this are refused.
const MAX_CHAIN: usize = 100;
/// The deepest expression tree later stages are given; their recursion stays far from the stack's end.
const MAX_DEPTH: usize = 200;

/// The depth of an expression tree, measured without recursion so that any tree is safe.
fn depth(expr: &Expr) -> usize {
    let mut deepest = 0;
    let mut stack: Vec<(&Expr, usize)> = vec![(expr, 1)];
    while let Some((e, d)) = stack.pop() {
        deepest = deepest.max(d);
        let children: Vec<&Expr> = match &e.kind {
            ExprKind::List(items) | ExprKind::Call { args: items, .. } => items.iter().collect(),
            ExprKind::Aggregate {
                list, filter, body, ..
            } => std::iter::once(list.as_ref())
                .chain(filter.as_deref())
                .chain(body.as_deref())
                .collect(),
            ExprKind::Not(x) | ExprKind::Negate(x) => vec![x.as_ref()],
            ExprKind::Binary { left, right, .. } | ExprKind::Compare { left, right, .. } => {
                vec![left.as_ref(), right.as_ref()]
            }
            ExprKind::In { item, set, .. } => vec![item.as_ref(), set.as_ref()],
            _ => Vec::new(),
        };
        stack.extend(children.into_iter().map(|c| (c, d + 1)));
    }
    deepest
}

impl Lower {
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        span(pair, self.base)
    }

    fn ident(&self, pair: &Pair<'_, Rule>) -> Ident {
        Ident {
            text: pair.as_str().to_string(),
            span: self.span(pair),
        }
    }

    fn text(&self, pair: &Pair<'_, Rule>) -> Text {
        let raw = pair.as_str();
        let inner = raw
            .strip_prefix('"')
            .and_then(|r| r.strip_suffix('"'))
            .unwrap_or(raw);
        Text {
            value: unescape(inner),
            span: self.span(pair),
        }
    }

    fn date(&self, pair: &Pair<'_, Rule>) -> DateLit {
        DateLit {
            text: pair.as_str().to_string(),
            span: self.span(pair),
        }
    }

    fn doc_and_rest<'a>(&self, pair: Pair<'a, Rule>) -> (Vec<String>, Vec<Pair<'a, Rule>>) {
        let mut doc = Vec::new();
        let mut rest = Vec::new();
        for child in significant(pair) {
            if child.as_rule() == Rule::doc_line {
                doc.push(child.as_str().trim_start_matches("///").trim().to_string());
            } else {
                rest.push(child);
            }
        }
        (doc, rest)
    }

    fn declaration(&self, pair: Pair<'_, Rule>) -> Option<Declaration> {
        let whole = self.span(&pair);
        let rule = pair.as_rule();
        let (doc, rest) = self.doc_and_rest(pair);
        let mut rest = rest.into_iter();
        Some(match rule {
            Rule::plan_decl => {
                let id = self.ident(&rest.next()?);
                let settings = rest.filter_map(|p| self.plan_setting(p)).collect();
                Declaration::Plan(PlanDecl {
                    doc,
                    id,
                    settings,
                    span: whole,
                })
            }
            Rule::reading_decl => {
                let name = self.ident(&rest.next()?);
                let text = self.text(&rest.next()?);
                Declaration::Reading(ReadingDecl { doc, name, text })
            }
            Rule::dimension_decl => {
                let name = self.ident(&rest.next()?);
                let mut decl = DimensionDecl {
                    doc,
                    name,
                    label: None,
                    units: Vec::new(),
                    conversions: Vec::new(),
                };
                for child in rest {
                    match child.as_rule() {
                        Rule::string => decl.label = Some(self.text(&child)),
                        Rule::unit_decl => decl.units.push(self.spelled(child)?),
                        Rule::convert_decl => {
                            let s = self.span(&child);
                            let mut sides = significant(child);
                            let left = self.quantity(sides.next()?)?;
                            let right = self.quantity(sides.next()?)?;
                            decl.conversions.push(ConvertDecl {
                                left,
                                right,
                                span: s,
                            });
                        }
                        _ => {}
                    }
                }
                Declaration::Dimension(decl)
            }
            Rule::enum_decl => {
                let name = self.ident(&rest.next()?);
                let mut decl = EnumDecl {
                    doc,
                    name,
                    label: None,
                    ordered: false,
                    values: Vec::new(),
                };
                for child in rest {
                    match child.as_rule() {
                        Rule::string => decl.label = Some(self.text(&child)),
                        Rule::ordered_marker => decl.ordered = true,
                        Rule::enum_value => {
                            let value = self.spelled(child)?;
                            decl.values.push(value);
                        }
                        _ => {}
                    }
                }
                Declaration::Enum(decl)
            }
            Rule::record_decl | Rule::document_decl => {
                let name = self.ident(&rest.next()?);
                let mut decl = RecordDecl {
                    doc,
                    name,
                    label: None,
                    dated_by: None,
                    fields: Vec::new(),
                };
                for child in rest {
                    match child.as_rule() {
                        Rule::string => decl.label = Some(self.text(&child)),
                        Rule::dated_by => {
                            decl.dated_by = significant(child).next().map(|p| self.ident(&p))
                        }
                        Rule::field_decl => decl.fields.push(self.field(child)?),
                        _ => {}
                    }
                }
                if rule == Rule::record_decl {
                    Declaration::Record(decl)
                } else {
                    Declaration::Document(decl)
                }
            }
            Rule::param_decl => {
                let name = self.ident(&rest.next()?);
                let mut label = None;
                let mut value = None;
                for child in rest {
                    match child.as_rule() {
                        Rule::string => label = Some(self.text(&child)),
                        Rule::expr => value = Some(self.expr(child)?),
                        _ => {}
                    }
                }
                Declaration::Param(ParamDecl {
                    doc,
                    name,
                    label,
                    value: value?,
                })
            }
            Rule::define_decl => {
                let name = self.ident(&rest.next()?);
                let mut decl = DefineDecl {
                    doc,
                    name,
                    params: Vec::new(),
                    label: None,
                    body: placeholder_expr(whole),
                };
                for child in rest {
                    match child.as_rule() {
                        Rule::string => decl.label = Some(self.text(&child)),
                        Rule::define_params => {
                            for param in significant(child) {
                                let mut parts = significant(param);
                                let name = self.ident(&parts.next()?);
                                let ty = self.type_expr(parts.next()?)?;
                                decl.params.push((name, ty));
                            }
                        }
                        Rule::expr => decl.body = self.expr(child)?,
                        _ => {}
                    }
                }
                Declaration::Define(decl)
            }
            Rule::rule_decl => {
                let id = self.ident(&rest.next()?);
                let title = self.text(&rest.next()?);
                let clauses = rest.filter_map(|p| self.rule_clause(p)).collect();
                Declaration::Rule(RuleDecl {
                    doc,
                    id,
                    title,
                    clauses,
                    span: whole,
                })
            }
            Rule::omit_decl => {
                let id = self.ident(&rest.next()?);
                let reason = self.text(&rest.next()?);
                Declaration::Omit(OmitDecl { doc, id, reason })
            }
            _ => return None,
        })
    }

    fn plan_setting(&self, pair: Pair<'_, Rule>) -> Option<PlanSetting> {
        let rule = pair.as_rule();
        let mut parts = significant(pair);
        let value = parts.next()?;
        Some(match rule {
            Rule::plan_title => PlanSetting::Title(self.text(&value)),
            Rule::plan_number => PlanSetting::Number(self.text(&value)),
            Rule::plan_level => PlanSetting::Level(self.ident(&value)),
            Rule::plan_jurisdiction => PlanSetting::Jurisdiction(self.text(&value)),
            Rule::plan_effective => PlanSetting::Effective(self.date_range(value)),
            Rule::plan_text => PlanSetting::TextFile {
                path: self.text(&value),
                ignore_last_line: parts.next().is_some(),
            },
            Rule::plan_parent => PlanSetting::Parent(self.ident(&value)),
            _ => return None,
        })
    }

    fn date_range(&self, pair: Pair<'_, Rule>) -> DateRange {
        let s = self.span(&pair);
        let mut range = DateRange {
            from: None,
            until: None,
            span: s,
        };
        let mut next_is_until = pair.as_str().trim_start().starts_with("until");
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::k_until => next_is_until = true,
                Rule::date if next_is_until => range.until = Some(self.date(&child)),
                Rule::date => range.from = Some(self.date(&child)),
                _ => {}
            }
        }
        range
    }

    fn strings(&self, pair: Pair<'_, Rule>) -> Vec<Text> {
        significant(pair).map(|p| self.text(&p)).collect()
    }

    /// A name with its documentation, Chinese label and `also` spellings (units, enum values).
    fn spelled(&self, pair: Pair<'_, Rule>) -> Option<Spelled> {
        let (doc, parts) = self.doc_and_rest(pair);
        let mut parts = parts.into_iter();
        let name = self.ident(&parts.next()?);
        let mut label = None;
        let mut aliases = Vec::new();
        for part in parts {
            match part.as_rule() {
                Rule::string => label = Some(self.text(&part)),
                Rule::string_list => aliases = self.strings(part),
                _ => {}
            }
        }
        Some(Spelled {
            doc,
            name,
            label,
            aliases,
        })
    }

    fn quantity(&self, pair: Pair<'_, Rule>) -> Option<QuantityLit> {
        let s = self.span(&pair);
        let mut parts = pair.into_inner();
        let number = parts.next()?.as_str().to_string();
        let unit = self.ident(&parts.next()?);
        Some(QuantityLit {
            number,
            unit,
            span: s,
        })
    }

    fn field(&self, pair: Pair<'_, Rule>) -> Option<FieldDecl> {
        let (doc, parts) = self.doc_and_rest(pair);
        let mut parts = parts.into_iter();
        let name = self.ident(&parts.next()?);
        let ty = self.type_expr(parts.next()?)?;
        let label = parts.next().map(|p| self.text(&p));
        Some(FieldDecl {
            doc,
            name,
            ty,
            label,
        })
    }

    fn type_expr(&self, pair: Pair<'_, Rule>) -> Option<TypeExpr> {
        let s = self.span(&pair);
        let mut ty = TypeExpr {
            list: false,
            name: Ident {
                text: String::new(),
                span: s,
            },
            optional: false,
            span: s,
        };
        for child in significant(pair) {
            match child.as_rule() {
                Rule::list_marker => ty.list = true,
                Rule::optional_marker => ty.optional = true,
                Rule::name => ty.name = self.ident(&child),
                _ => {}
            }
        }
        Some(ty)
    }

    fn rule_clause(&self, pair: Pair<'_, Rule>) -> Option<RuleClause> {
        let rule = pair.as_rule();
        let mut parts = significant(pair);
        Some(match rule {
            Rule::rule_clause_ref => RuleClause::ClauseRef(self.text(&parts.next()?)),
            Rule::rule_quote => RuleClause::Quote(self.text(&parts.next()?)),
            Rule::rule_responsible => RuleClause::Responsible(self.strings(parts.next()?)),
            Rule::rule_readings => RuleClause::Readings(parts.map(|p| self.ident(&p)).collect()),
            Rule::rule_applies => RuleClause::AppliesTo(self.ident(&parts.next()?)),
            Rule::rule_for_each => {
                let var = self.ident(&parts.next()?);
                RuleClause::ForEach {
                    var,
                    list: self.expr(parts.next()?)?,
                }
            }
            Rule::rule_when => RuleClause::When(self.expr(parts.next()?)?),
            Rule::rule_unless => RuleClause::Unless(self.expr(parts.next()?)?),
            Rule::rule_requirement => {
                let modality_pair = parts.next()?;
                let modality_span = self.span(&modality_pair);
                let modality = match significant(modality_pair.clone())
                    .next()
                    .map(|p| p.as_rule())
                {
                    Some(Rule::in_principle_must) => Modality::InPrincipleMust,
                    Some(Rule::in_principle_forbid) => Modality::InPrincipleForbid,
                    _ => match modality_pair.as_str() {
                        "must" => Modality::Must,
                        "forbid" => Modality::Forbid,
                        "encourage" => Modality::Encourage,
                        "strive" => Modality::Strive,
                        _ => Modality::Target,
                    },
                };
                RuleClause::Requirement {
                    modality,
                    modality_span,
                    expr: self.expr(parts.next()?)?,
                }
            }
            Rule::rule_review | Rule::rule_advice => {
                let condition = self.expr(parts.next()?)?;
                let mut reason = Vec::new();
                let mut language = None;
                for part in significant(parts.next()?) {
                    match part.as_rule() {
                        Rule::language => language = Some(self.ident(&part)),
                        _ => reason.push(LocalText {
                            language: language.take(),
                            template: self.template(part)?,
                        }),
                    }
                }
                if rule == Rule::rule_review {
                    RuleClause::Review { condition, reason }
                } else {
                    RuleClause::Advice { condition, reason }
                }
            }
            Rule::rule_deadline => RuleClause::Deadline(self.date(&parts.next()?)),
            Rule::rule_effective => RuleClause::Effective(self.date_range(parts.next()?)),
            Rule::rule_message | Rule::rule_help => {
                let mut language = None;
                let mut template = None;
                for part in parts {
                    match part.as_rule() {
                        Rule::language => language = Some(self.ident(&part)),
                        Rule::template => template = self.template(part),
                        _ => {}
                    }
                }
                let text = LocalText {
                    language,
                    template: template?,
                };
                if rule == Rule::rule_message {
                    RuleClause::Message(text)
                } else {
                    RuleClause::Help(text)
                }
            }
            _ => return None,
        })
    }

    fn template(&self, pair: Pair<'_, Rule>) -> Option<Template> {
        let s = self.span(&pair);
        let mut parts = Vec::new();
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::template_text => parts.push(TemplatePart::Text(unescape(child.as_str()))),
                Rule::interpolation => {
                    let expr = significant(child).next()?;
                    parts.push(TemplatePart::Value(self.expr(expr)?));
                }
                _ => {}
            }
        }
        Some(Template { parts, span: s })
    }

    /// Lowers an expression, refusing one too deep for the later stages' recursion.
    fn expr(&self, pair: Pair<'_, Rule>) -> Option<Expr> {
        // A level with a single child (a sum of one product …) adds nothing: step over it here
        // rather than recursing, so that nesting counts only what the author nested.
        let mut pair = pair;
        while matches!(
            pair.as_rule(),
            Rule::expr
                | Rule::or_expr
                | Rule::and_expr
                | Rule::not_expr
                | Rule::comparison
                | Rule::sum
                | Rule::product
                | Rule::unary
        ) {
            let mut children = significant(pair.clone());
            match (children.next(), children.next()) {
                (Some(only), None) if !matches!(only.as_rule(), Rule::negation | Rule::minus) => {
                    pair = only
                }
                _ => break,
            }
        }
        let span = self.span(&pair);
        let nesting = self.nesting.get() + 1;
        if nesting > MAX_NESTING {
            self.refuse(span);
            return Some(placeholder_expr(span));
        }
        self.nesting.set(nesting);
        let lowered = self.lower_expr(pair);
        self.nesting.set(nesting - 1);
        match lowered {
            // Depth is measured once, on the whole expression, as the outermost call returns.
            Some(e) if nesting == 1 && depth(&e) > MAX_DEPTH => {
                self.refuse(e.span);
                Some(placeholder_expr(e.span))
            }
            other => other,
        }
    }

    fn refuse(&self, span: Span) {
        let mut refused = self.too_deep.borrow_mut();
        if refused.is_empty() {
            refused.push(span);
        }
    }

    fn lower_expr(&self, pair: Pair<'_, Rule>) -> Option<Expr> {
        let s = self.span(&pair);
        let rule = pair.as_rule();
        match rule {
            Rule::expr => self.expr(significant(pair).next()?),
            Rule::or_expr | Rule::and_expr => {
                let op = if rule == Rule::or_expr {
                    BinaryOp::Or
                } else {
                    BinaryOp::And
                };
                let mut operands = significant(pair);
                let mut left = self.expr(operands.next()?)?;
                for (count, right) in operands.enumerate() {
                    if count >= MAX_CHAIN {
                        self.refuse(s);
                        return Some(placeholder_expr(s));
                    }
                    let right = self.expr(right)?;
                    let span = left.span.to(right.span);
                    left = Expr {
                        kind: ExprKind::Binary {
                            op,
                            left: Box::new(left),
                            right: Box::new(right),
                        },
                        span,
                    };
                }
                Some(left)
            }
            Rule::not_expr => {
                let mut children: Vec<_> = significant(pair).collect();
                if children.len() == 2 && children[0].as_rule() == Rule::negation {
                    let inner = self.expr(children.pop()?)?;
                    Some(Expr {
                        kind: ExprKind::Not(Box::new(inner)),
                        span: s,
                    })
                } else {
                    self.expr(children.pop()?)
                }
            }
            Rule::comparison => {
                let mut children = significant(pair);
                let left = self.expr(children.next()?)?;
                let Some(op) = children.next() else {
                    return Some(left);
                };
                let right = Box::new(self.expr(children.next()?)?);
                let left = Box::new(left);
                let kind = match op.as_rule() {
                    Rule::in_op => ExprKind::In {
                        negated: false,
                        item: left,
                        set: right,
                    },
                    Rule::not_in_op => ExprKind::In {
                        negated: true,
                        item: left,
                        set: right,
                    },
                    _ => ExprKind::Compare {
                        op: match op.as_str() {
                            "<=" | "≤" => CompareOp::Le,
                            ">=" | "≥" => CompareOp::Ge,
                            "!=" | "≠" => CompareOp::Ne,
                            "<" => CompareOp::Lt,
                            ">" => CompareOp::Gt,
                            _ => CompareOp::Eq,
                        },
                        left,
                        right,
                    },
                };
                Some(Expr { kind, span: s })
            }
            Rule::sum | Rule::product => {
                let mut children = significant(pair);
                let mut left = self.expr(children.next()?)?;
                let mut count = 0;
                while let Some(op) = children.next() {
                    count += 1;
                    if count > MAX_CHAIN {
                        self.refuse(s);
                        return Some(placeholder_expr(s));
                    }
                    let right = self.expr(children.next()?)?;
                    let op = match op.as_str() {
                        "+" => BinaryOp::Add,
                        "-" => BinaryOp::Sub,
                        "*" | "×" => BinaryOp::Mul,
                        _ => BinaryOp::Div,
                    };
                    let span = left.span.to(right.span);
                    left = Expr {
                        kind: ExprKind::Binary {
                            op,
                            left: Box::new(left),
                            right: Box::new(right),
                        },
                        span,
                    };
                }
                Some(left)
            }
            Rule::unary => {
                let mut children: Vec<_> = significant(pair).collect();
                let operand = self.expr(children.pop()?)?;
                if children.is_empty() {
                    Some(operand)
                } else {
                    Some(Expr {
                        kind: ExprKind::Negate(Box::new(operand)),
                        span: s,
                    })
                }
            }
            Rule::date => Some(Expr {
                kind: ExprKind::Date(pair.as_str().to_string()),
                span: s,
            }),
            Rule::number => Some(Expr {
                kind: ExprKind::Number(pair.as_str().to_string()),
                span: s,
            }),
            Rule::percent => {
                let number = pair.into_inner().next()?.as_str().to_string();
                Some(Expr {
                    kind: ExprKind::Percent(number),
                    span: s,
                })
            }
            Rule::quantity => Some(Expr {
                kind: ExprKind::Quantity(self.quantity(pair)?),
                span: s,
            }),
            Rule::boolean => Some(Expr {
                kind: ExprKind::Bool(pair.as_str() == "true"),
                span: s,
            }),
            Rule::string => Some(Expr {
                kind: ExprKind::Text(self.text(&pair).value),
                span: s,
            }),
            Rule::list_literal => {
                let items = significant(pair)
                    .map(|p| self.expr(p))
                    .collect::<Option<Vec<_>>>()?;
                Some(Expr {
                    kind: ExprKind::List(items),
                    span: s,
                })
            }
            Rule::aggregate => {
                let mut children = significant(pair);
                let kind = match children.next()?.as_str() {
                    "count" => AggregateKind::Count,
                    "any" => AggregateKind::Any,
                    "all" => AggregateKind::All,
                    "sum" => AggregateKind::Sum,
                    "min" => AggregateKind::Min,
                    "max" => AggregateKind::Max,
                    _ => AggregateKind::Ratio,
                };
                let var = self.ident(&children.next()?);
                let list = Box::new(self.expr(children.next()?)?);
                let mut filter = None;
                let mut body = None;
                for child in children {
                    let is_body = child.as_rule() == Rule::aggregate_body;
                    let expr = Box::new(self.expr(significant(child).next()?)?);
                    if is_body {
                        body = Some(expr)
                    } else {
                        filter = Some(expr)
                    }
                }
                Some(Expr {
                    kind: ExprKind::Aggregate {
                        kind,
                        var,
                        list,
                        filter,
                        body,
                    },
                    span: s,
                })
            }
            Rule::call => {
                let mut children = significant(pair);
                let name = self.ident(&children.next()?);
                let args = children.map(|p| self.expr(p)).collect::<Option<Vec<_>>>()?;
                Some(Expr {
                    kind: ExprKind::Call { name, args },
                    span: s,
                })
            }
            Rule::path => {
                let parts = significant(pair).map(|p| self.ident(&p)).collect();
                Some(Expr {
                    kind: ExprKind::Path(parts),
                    span: s,
                })
            }
            _ => self.expr(significant(pair).next()?),
        }
    }
}

fn placeholder_expr(span: Span) -> Expr {
    Expr {
        kind: ExprKind::Bool(false),
        span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> (File, Vec<Diagnostic>) {
        parse(&SourceFile::new("test.rules", text))
    }

    #[test]
    fn keywords_end_at_word_boundaries() {
        let (_, errors) = parse_text("rule R \"t\" {\n  whenx = 1\n}\n");
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn quantities_take_units_only_on_the_same_line() {
        let (tree, errors) = parse_text("param a = 35 t/h\nparam b = 35\nparam c = 2\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(tree.declarations.len(), 3);
    }

    #[test]
    fn one_bad_declaration_does_not_hide_the_next() {
        let (tree, errors) = parse_text("param a = = 1\nparam b = (\nparam c = 2\n");
        assert_eq!(errors.len(), 2);
        assert_eq!(tree.declarations.len(), 1);
    }

    #[test]
    fn a_doc_line_after_an_expression_is_not_division() {
        let (tree, errors) = parse_text("param a = 2\n/// doc\nparam b = 3\n");
        assert!(errors.is_empty(), "{errors:?}");
        let Declaration::Param(b) = &tree.declarations[1] else {
            panic!("expected a param")
        };
        assert_eq!(b.doc, vec!["doc".to_string()]);
    }

    #[test]
    fn deep_nesting_is_refused_without_exhausting_the_stack() {
        for n in [200, 5_000, 30_000] {
            let cases = [
                format!("param a = {}1{}\n", "(".repeat(n), ")".repeat(n)),
                format!("param a = {}true\n", "not ".repeat(n)),
                format!("param a = {}\n", vec!["1"; n].join(" + ")),
                format!("param a = {}\n", vec!["true"; n].join(" and ")),
                format!("param a = {}1{}\n", "[".repeat(n), "]".repeat(n)),
            ];
            for text in cases {
                let (_, errors) = parse_text(&text);
                let refused = errors
                    .iter()
                    .any(|e| e.code == "rules::too-deep" || e.code == "rules::syntax");
                let shallow_parens = text.starts_with("param a = (") && n <= 200;
                assert!(
                    refused || shallow_parens,
                    "depth {n} was accepted: {}",
                    &text[..40]
                );
            }
        }
    }

    #[test]
    fn comments_are_kept() {
        let (tree, _) = parse_text("// first\nparam a = 1 // second\n/// doc\nparam b = 2\n");
        assert_eq!(tree.comments.len(), 2);
        let Declaration::Param(b) = &tree.declarations[1] else {
            panic!("expected a param")
        };
        assert_eq!(b.doc, vec!["doc".to_string()]);
    }

    #[test]
    fn spans_end_at_the_last_token() {
        let text = "rule R \"t\" {\n  forbid (x <= 3 t/h) // note\n  unless a < 2025-03-01\n  message \"m\"\n}\n";
        let (tree, _) = parse_text(text);
        let Declaration::Rule(rule) = &tree.declarations[0] else {
            panic!("expected a rule")
        };
        let RuleClause::Requirement { expr, .. } = &rule.clauses[0] else {
            panic!("expected a requirement")
        };
        assert_eq!(&text[expr.span.start..expr.span.end], "x <= 3 t/h");
        let RuleClause::Unless(expr) = &rule.clauses[1] else {
            panic!("expected an exception")
        };
        assert_eq!(&text[expr.span.start..expr.span.end], "a < 2025-03-01");
    }

    #[test]
    fn aggregates_tell_filter_from_body() {
        let (tree, errors) = parse_text("param s = sum(b in bs where b.new: b.cap)\n");
        assert!(errors.is_empty(), "{errors:?}");
        let Declaration::Param(p) = &tree.declarations[0] else {
            panic!("expected a param")
        };
        let ExprKind::Aggregate { filter, body, .. } = &p.value.kind else {
            panic!("expected an aggregate")
        };
        assert!(filter.is_some() && body.is_some());
    }
}
