//! Text to syntax tree: the pest parser, lowering of its pairs, and syntax errors as diagnostics.
//!
//! In: one rules file's text. Out: its syntax tree (`ast::File`, byte spans everywhere) and
//! every syntax error.
//!
//! pest types never leave this module. A file with a syntax error is cut at every top-level
//! declaration so that one mistake does not hide the rest of the file.

pub(crate) mod ast;
pub(crate) mod concrete;
mod errors;
mod grammar;
mod lower;
mod lower_expr;

use crate::base::span::{SourceFile, Span};
use crate::diagnostic::{Code, Diagnostic};
use crate::words::{Said, Word};
use ast::*;
use errors::*;
use grammar::*;
use lower::*;
use lower_expr::*;
use pest::Parser as _;
use pest::iterators::Pair;

/// Parses one rules file, returning the tree of everything that parsed and every syntax error.
pub fn parse(file: &SourceFile) -> (File, Vec<Diagnostic>) {
    let text: &str = &file.text;
    let too_deep = |spans: Vec<Span>| {
        spans.into_iter().map(|span| {
            Diagnostic::said(Code::RulesTooDeep, Said::new(Word::ExpressionTooDeep))
                .in_file(file)
                .at_said(span, Said::new(Word::YamlTooDeepLabel))
                .help_said(
                    Said::new(Word::ExpressionTooDeepHelp)
                        .with("nesting", MAX_NESTING)
                        .with("chain", MAX_CHAIN),
                )
        })
    };
    let internal = |pairs: Vec<(Span, &'static str)>| {
        pairs.into_iter().map(|(span, what)| {
            Diagnostic::said(
                Code::InternalError,
                Said::new(Word::GrammarNotLowered).with_said("what", internal_what(what)),
            )
            .in_file(file)
            .at_said(span, Said::new(Word::NotUnderstood))
            .help_said(Said::new(Word::GrammarNotLoweredHelp))
        })
    };
    match parse_chunk(text, 0) {
        Ok((tree, refused, unknown)) => {
            (tree, too_deep(refused).chain(internal(unknown)).collect())
        }
        Err(_) => {
            let mut tree = File::default();
            let mut diagnostics = Vec::new();
            for (start, end) in declaration_chunks(text) {
                match parse_chunk(&text[start..end], start) {
                    Ok((part, refused, unknown)) => {
                        tree.declarations.extend(part.declarations);
                        tree.comments.extend(part.comments);
                        diagnostics.extend(too_deep(refused));
                        diagnostics.extend(internal(unknown));
                    }
                    Err(error) => diagnostics.push(syntax_diagnostic(file, &error, start)),
                }
            }
            (tree, diagnostics)
        }
    }
}

/// The keywords a top-level declaration starts with, where recovery cuts a broken file. A test
/// holds this list against the grammar's `declaration` rule.
pub(crate) const DECLARATION_KEYWORDS: [&str; 12] = [
    "plan",
    "reading",
    "dimension",
    "enum",
    "identifier",
    "record",
    "document",
    "param",
    "define",
    "rule",
    "omit",
    "row",
];

/// Byte ranges of the file that each start at a top-level keyword in the first column.
fn declaration_chunks(text: &str) -> Vec<(usize, usize)> {
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
            if DECLARATION_KEYWORDS.contains(&first_word.as_str()) && offset > 0 {
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

/// A chunk's tree, the expressions refused as too deep, and the pairs the lowering did not know.
/// The words for what the lowering could not read (`Lowerer::internal`).
fn internal_what(what: &str) -> Said {
    match what {
        "a comparison" => Said::new(Word::InternalComparison),
        "a modality" => Said::new(Word::InternalModality),
        "an aggregate" => Said::new(Word::InternalAggregate),
        "an arithmetic operator" => Said::new(Word::InternalOperator),
        other => Said::new(Word::Keyword).with("keyword", other),
    }
}

type Lowered = (File, Vec<Span>, Vec<(Span, &'static str)>);

fn parse_chunk(text: &str, base: usize) -> Result<Lowered, pest::error::Error<Rule>> {
    let mut pairs = RulesParser::parse(Rule::file, text)?;
    let mut tree = File::default();
    let Some(file_pair) = pairs.next() else {
        return Ok((tree, Vec::new(), Vec::new()));
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
        internal: Default::default(),
    };
    for pair in significant(file_pair) {
        if let Some(declaration) = lower.declaration(pair) {
            tree.declarations.push(declaration);
        }
    }
    Ok((
        tree,
        lower.too_deep.into_inner(),
        lower.internal.into_inner(),
    ))
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
    fn recovery_cuts_at_every_declaration_the_grammar_has() {
        let grammar = include_str!("../../grammar/rules.pest");
        let start = grammar
            .find("\ndeclaration = _{")
            .expect("the declaration rule");
        let alternatives = &grammar[start..start + grammar[start..].find('}').expect("its end")];
        let declarations: Vec<&str> = alternatives
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| w.ends_with("_decl"))
            .collect();
        assert!(declarations.len() >= 10, "{declarations:?}");
        for declaration in declarations {
            let rule = grammar
                .lines()
                .find(|l| l.starts_with(&format!("{declaration} = ")))
                .expect("the declaration's rule");
            let keyword = rule
                .split_whitespace()
                .find_map(|w| w.strip_prefix("k_"))
                .expect("a keyword");
            assert!(
                DECLARATION_KEYWORDS.contains(&keyword),
                "recovery does not cut at `{keyword}`"
            );
        }
    }

    /// The quoted tokens of a grammar rule, e.g. `compare_op = @{ "<=" | … }`.
    fn grammar_tokens(rule: &str) -> Vec<String> {
        let grammar = include_str!("../../grammar/rules.pest");
        let line = grammar
            .lines()
            .find(|l| l.starts_with(&format!("{rule} = ")))
            .expect("the rule");
        line.split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn every_operator_the_grammar_spells_has_a_meaning_and_no_other_does() {
        for token in grammar_tokens("compare_op") {
            assert!(compare_op(&token).is_some(), "compare_op `{token}`");
        }
        for token in grammar_tokens("add_op")
            .into_iter()
            .chain(grammar_tokens("mul_op"))
        {
            assert!(binary_op(&token).is_some(), "operator `{token}`");
        }
        for token in grammar_tokens("aggregate_fn") {
            assert!(aggregate_kind(&token).is_some(), "aggregate `{token}`");
        }
        assert_eq!(compare_op("<>"), None);
        assert_eq!(binary_op("%"), None);
        assert_eq!(aggregate_kind("avg"), None);
        assert_eq!(modality(Rule::k_when), None);
        for rule in [
            Rule::in_principle_must,
            Rule::in_principle_forbid,
            Rule::k_must,
            Rule::k_forbid,
            Rule::k_encourage,
            Rule::k_strive,
            Rule::k_target,
        ] {
            assert!(modality(rule).is_some(), "{rule:?}");
        }
    }

    #[test]
    fn a_refused_expression_is_poison_not_false() {
        let text = format!("param a = {}true\n", "not ".repeat(100));
        let (tree, errors) = parse_text(&text);
        assert!(errors.iter().any(|e| e.code() == Some(Code::RulesTooDeep)));
        let Declaration::Param(a) = &tree.declarations[0] else {
            panic!("expected a param")
        };
        // Walk down to where the refused part was cut: poison stands there, no made-up literal.
        let mut e = &a.value;
        while let ExprKind::Not(inner) = &e.kind {
            e = inner;
        }
        assert!(matches!(e.kind, ExprKind::Invalid), "{:?}", e.kind);
    }

    #[test]
    fn an_omit_after_a_broken_declaration_is_kept() {
        let (tree, errors) =
            parse_text("rule R \"t\" {\n  when (\n}\nomit R-2 because \"no document shows it\"\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            tree.declarations
                .iter()
                .any(|d| matches!(d, Declaration::Omit(o) if o.id.text == "R-2")),
            "{:?}",
            tree.declarations
        );
    }

    #[test]
    fn a_doc_line_after_an_expression_is_not_division() {
        let (tree, errors) = parse_text("param a = 2\n/// doc\nparam b = 3\n");
        assert!(errors.is_empty(), "{errors:?}");
        let Declaration::Param(a) = &tree.declarations[0] else {
            panic!("expected a param")
        };
        assert!(matches!(&a.value.kind, ExprKind::Number(n) if n == "2"));
        assert!(matches!(&tree.declarations[1], Declaration::Param(_)));
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
                    .any(|e| matches!(e.code(), Some(Code::RulesTooDeep | Code::RulesSyntax)));
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
        assert_eq!(
            tree.comments.len(),
            2,
            "a `///` line is documentation, not a comment"
        );
        assert_eq!(tree.declarations.len(), 2);
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
        // The parentheses belong to the expression, the comment after it does not.
        assert_eq!(&text[expr.span.start..expr.span.end], "(x <= 3 t/h)");
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
