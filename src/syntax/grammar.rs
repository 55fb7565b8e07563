//! The pest grammar's parser and the names its rules go by in "expected …" lists.

#[derive(pest_derive::Parser)]
#[grammar = "grammar/rules.pest"]
pub(super) struct RulesParser;

use crate::words::{Said, Word};

/// How a grammar rule is named in "expected …" lists: never a raw rule name.
///
/// It is long because it is a table: one arm per grammar rule that can appear in an error.
pub(super) fn describe_rule(rule: &Rule) -> Said {
    match rule {
        Rule::EOI => Said::new(Word::GrammarEndOfFile),
        Rule::file | Rule::declaration => Said::new(Word::GrammarDeclaration),
        Rule::plan_decl => Said::new(Word::Keyword).with("keyword", "plan"),
        Rule::plan_setting
        | Rule::plan_title
        | Rule::plan_number
        | Rule::plan_level
        | Rule::plan_jurisdiction
        | Rule::plan_effective
        | Rule::plan_text
        | Rule::plan_parent => Said::new(Word::GrammarPlanSetting),
        Rule::date_range => Said::new(Word::GrammarDateRange),
        Rule::ignoring_last_line => Said::new(Word::Keyword).with("keyword", "ignoring last line"),
        Rule::reading_decl => Said::new(Word::Keyword).with("keyword", "reading"),
        Rule::dimension_decl => Said::new(Word::Keyword).with("keyword", "dimension"),
        Rule::unit_decl => Said::new(Word::Keyword).with("keyword", "unit"),
        Rule::convert_decl => Said::new(Word::Keyword).with("keyword", "convert"),
        Rule::enum_decl => Said::new(Word::Keyword).with("keyword", "enum"),
        Rule::ordered_marker => Said::new(Word::Keyword).with("keyword", "ordered"),
        Rule::reason_texts => Said::new(Word::GrammarQuotedText),
        Rule::enum_value => Said::new(Word::GrammarEnumValue),
        Rule::identifier_decl => Said::new(Word::Keyword).with("keyword", "identifier"),
        Rule::identifier_standard => Said::new(Word::Keyword).with("keyword", "standard"),
        Rule::identifier_pattern => Said::new(Word::Keyword).with("keyword", "pattern"),
        Rule::record_decl => Said::new(Word::Keyword).with("keyword", "record"),
        Rule::document_decl => Said::new(Word::Keyword).with("keyword", "document"),
        Rule::dated_by => Said::new(Word::Keyword).with("keyword", "dated by"),
        Rule::field_decl => Said::new(Word::GrammarField),
        Rule::type_expr => Said::new(Word::GrammarType),
        Rule::list_marker => Said::new(Word::Keyword).with("keyword", "list"),
        Rule::optional_marker => Said::new(Word::Keyword).with("keyword", "?"),
        Rule::param_decl => Said::new(Word::Keyword).with("keyword", "param"),
        Rule::define_decl => Said::new(Word::Keyword).with("keyword", "define"),
        Rule::define_params => Said::new(Word::GrammarParameterList),
        Rule::define_param => Said::new(Word::GrammarParameter),
        Rule::rule_decl => Said::new(Word::Keyword).with("keyword", "rule"),
        Rule::omit_decl => Said::new(Word::Keyword).with("keyword", "omit"),
        Rule::row_decl => Said::new(Word::Keyword).with("keyword", "row"),
        Rule::rule_clause
        | Rule::rule_clause_ref
        | Rule::rule_row
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
        | Rule::rule_help => Said::new(Word::GrammarRuleLine),
        Rule::modality | Rule::in_principle_must | Rule::in_principle_forbid => {
            Said::new(Word::GrammarModality)
        }
        Rule::language => Said::new(Word::GrammarLanguage),
        rule if is_expression_level(*rule) || *rule == Rule::primary => {
            Said::new(Word::GrammarExpression)
        }
        Rule::negation => Said::new(Word::Keyword).with("keyword", "not"),
        Rule::compare_op => Said::new(Word::GrammarComparison),
        Rule::not_in_op => Said::new(Word::Keyword).with("keyword", "not in"),
        Rule::in_op => Said::new(Word::Keyword).with("keyword", "in"),
        Rule::add_op => Said::new(Word::GrammarAddOp),
        Rule::mul_op => Said::new(Word::GrammarMulOp),
        Rule::minus => Said::new(Word::Keyword).with("keyword", "-"),
        Rule::list_literal => Said::new(Word::GrammarList),
        Rule::aggregate => Said::new(Word::GrammarAggregate),
        Rule::aggregate_filter => Said::new(Word::Keyword).with("keyword", "where"),
        Rule::aggregate_body => Said::new(Word::Keyword).with("keyword", ":"),
        Rule::aggregate_fn => Said::new(Word::GrammarAggregateFn),
        Rule::call => Said::new(Word::GrammarCall),
        Rule::path => Said::new(Word::GrammarName),
        Rule::date => Said::new(Word::GrammarDate),
        Rule::number => Said::new(Word::GrammarNumber),
        Rule::percent => Said::new(Word::GrammarPercent),
        Rule::quantity => Said::new(Word::GrammarQuantity),
        Rule::unit_name => Said::new(Word::GrammarUnit),
        Rule::boolean => Said::new(Word::GrammarBoolean),
        Rule::string | Rule::string_content | Rule::string_list => {
            Said::new(Word::GrammarQuotedString)
        }
        Rule::template | Rule::template_text | Rule::interpolation | Rule::blamed_parts => {
            Said::new(Word::GrammarQuotedText)
        }
        Rule::name => Said::new(Word::GrammarName),
        Rule::rule_id => Said::new(Word::GrammarId),
        Rule::reserved => Said::new(Word::GrammarReserved),
        Rule::doc_line => Said::new(Word::GrammarDocLine),
        Rule::COMMENT => Said::new(Word::GrammarComment),
        other => keyword_text(*other)
            .map(|k| Said::new(Word::Keyword).with("keyword", k))
            .unwrap_or_else(|| Said::new(Word::GrammarSomethingElse)),
    }
}

/// The word a keyword rule matches, or `None` for rules that are not keywords.
pub(super) fn keyword_text(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::k_plan => "plan",
        Rule::k_omit => "omit",
        Rule::k_identifier => "identifier",
        Rule::k_standard => "standard",
        Rule::k_pattern => "pattern",
        Rule::k_row => "row",
        Rule::k_ordered => "ordered",
        Rule::k_title => "title",
        Rule::k_number => "number",
        Rule::k_level => "level",
        Rule::k_jurisdiction => "jurisdiction",
        Rule::k_effective => "effective",
        Rule::k_text => "text",
        Rule::k_parent => "parent",
        Rule::k_schema => "schema",
        Rule::k_implements => "implements",
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

/// Whether a rule is one level of the expression grammar's precedence climb, which a lone
/// operand passes through unchanged.
pub(super) fn is_expression_level(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::expr
            | Rule::or_expr
            | Rule::and_expr
            | Rule::not_expr
            | Rule::comparison
            | Rule::sum
            | Rule::product
            | Rule::unary
    )
}
