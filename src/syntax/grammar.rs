//! The pest grammar's parser and the names its rules go by in "expected …" lists.

#[derive(pest_derive::Parser)]
#[grammar = "grammar/rules.pest"]
pub(super) struct RulesParser;

/// How a grammar rule is named in "expected …" lists: never a raw rule name.
///
/// It is long because it is a table: one arm per grammar rule that can appear in an error.
pub(super) fn describe_rule(rule: &Rule) -> String {
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
        rule if is_expression_level(*rule) || *rule == Rule::primary => "an expression",
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
        Rule::template | Rule::template_text | Rule::interpolation | Rule::blamed_parts => {
            "a quoted text"
        }
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
pub(super) fn keyword_text(rule: Rule) -> Option<&'static str> {
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
