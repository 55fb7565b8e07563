//! pest pairs to syntax-tree declarations: settings, clauses, fields, types and templates.

use super::*;

/// A pair's span without the blanks and comments pest may leave at its end.
pub(super) fn span(pair: &Pair<'_, Rule>, base: usize) -> Span {
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
        // A token that closes the pair without being a pair of its own (`)`, `]`, `}`, `"`, the
        // `%` of a percentage) still belongs to it; the blanks and comments after it do not.
        let tail = &s.get_input()[end..s.end()];
        let code = tail.split("//").next().unwrap_or_default();
        end += code.trim_end().len();
    }
    Span::new(s.start() + base, end + base)
}

/// The children of a pair without comments and keywords, which carry no meaning of their own.
pub(super) fn significant<'a>(pair: Pair<'a, Rule>) -> impl Iterator<Item = Pair<'a, Rule>> {
    pair.into_inner()
        .filter(|p| p.as_rule() != Rule::COMMENT && keyword_text(p.as_rule()).is_none())
}

/// Decodes the escapes of a string's content.
pub(super) fn unescape(raw: &str) -> String {
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
pub(super) struct Lower {
    pub(super) base: usize,
    /// How many expressions deep the lowering is, to refuse input that would exhaust the stack.
    pub(super) nesting: std::cell::Cell<usize>,
    /// Expressions refused for their depth.
    pub(super) too_deep: std::cell::RefCell<Vec<Span>>,
    /// Pairs the grammar allows and the lowering does not know, with what was expected: bugs.
    pub(super) internal: std::cell::RefCell<Vec<(Span, &'static str)>>,
}

/// Expressions nested deeper than this (brackets, `not`, calls) are refused.
pub(super) const MAX_NESTING: usize = 40;
/// Operators chained in one expression (`a + b + …`, `x and y and …`) beyond this are refused.
pub(super) const MAX_CHAIN: usize = 100;
/// The deepest expression tree later stages are given; their recursion stays far from the stack's end.
pub(super) const MAX_DEPTH: usize = 200;

/// The depth of an expression tree, measured without recursion so that any tree is safe.
pub(super) fn depth(expr: &Expr) -> usize {
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
    pub(super) fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        span(pair, self.base)
    }

    pub(super) fn ident(&self, pair: &Pair<'_, Rule>) -> Ident {
        Ident {
            text: pair.as_str().to_string(),
            span: self.span(pair),
        }
    }

    pub(super) fn text(&self, pair: &Pair<'_, Rule>) -> Text {
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

    pub(super) fn date(&self, pair: &Pair<'_, Rule>) -> DateLit {
        DateLit {
            text: pair.as_str().to_string(),
            span: self.span(pair),
        }
    }

    pub(super) fn doc_and_rest<'a>(
        &self,
        pair: Pair<'a, Rule>,
    ) -> (Vec<String>, Vec<Pair<'a, Rule>>) {
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

    /// Lowers one top-level declaration, its `///` lines kept as its documentation.
    pub(super) fn declaration(&self, pair: Pair<'_, Rule>) -> Option<Declaration> {
        let whole = self.span(&pair);
        let rule = pair.as_rule();
        let (doc, rest) = self.doc_and_rest(pair);
        let mut rest = rest.into_iter();
        Some(match rule {
            Rule::plan_decl => {
                let id = self.ident(&rest.next()?);
                let settings = rest.filter_map(|p| self.plan_setting(p)).collect();
                Declaration::Plan(PlanDecl { id, settings })
            }
            Rule::reading_decl => {
                let name = self.ident(&rest.next()?);
                let text = self.text(&rest.next()?);
                // After the Chinese text, `en` and the English one.
                let en = rest
                    .find(|p| p.as_rule() == Rule::string)
                    .map(|p| self.text(&p));
                Declaration::Reading(ReadingDecl { name, text, en })
            }
            Rule::dimension_decl => self.dimension(rest)?,
            Rule::enum_decl => self.enum_decl(rest)?,
            Rule::identifier_decl => {
                let name = self.ident(&rest.next()?);
                let mut label = None;
                let mut check = None;
                for child in rest {
                    match child.as_rule() {
                        Rule::string => label = Some(self.text(&child)),
                        Rule::identifier_standard => {
                            let standard =
                                child.into_inner().find(|p| p.as_rule() == Rule::string)?;
                            check = Some(IdentifierCheck::Standard(self.text(&standard)));
                        }
                        Rule::identifier_pattern => {
                            let list = child
                                .into_inner()
                                .find(|p| p.as_rule() == Rule::string_list)?;
                            check = Some(IdentifierCheck::Patterns(self.strings(list)));
                        }
                        _ => {}
                    }
                }
                Declaration::Identifier(IdentifierDecl {
                    doc,
                    name,
                    label,
                    check: check?,
                })
            }
            Rule::record_decl | Rule::document_decl => self.record(rule, rest)?,
            Rule::param_decl => {
                let name = self.ident(&rest.next()?);
                // The label documents the parameter for people; nothing reads it yet.
                let value = rest.find(|child| child.as_rule() == Rule::expr)?;
                Declaration::Param(ParamDecl {
                    name,
                    value: self.expr(value)?,
                })
            }
            Rule::define_decl => self.define(rest, whole)?,
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
                Declaration::Omit(OmitDecl { id, reason })
            }
            Rule::row_decl => {
                let id = self.ident(&rest.next()?);
                let clause = rest.next().map(|p| self.text(&p));
                Declaration::Row(RowDecl { id, clause })
            }
            _ => return None,
        })
    }

    /// `dimension NAME "label" { unit … convert … }`.
    fn dimension<'a>(&self, mut rest: impl Iterator<Item = Pair<'a, Rule>>) -> Option<Declaration> {
        let name = self.ident(&rest.next()?);
        let mut decl = DimensionDecl {
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
        Some(Declaration::Dimension(decl))
    }

    /// `enum NAME "label" [ordered] { value "label" also … }`.
    fn enum_decl<'a>(&self, mut rest: impl Iterator<Item = Pair<'a, Rule>>) -> Option<Declaration> {
        let name = self.ident(&rest.next()?);
        let mut decl = EnumDecl {
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
        Some(Declaration::Enum(decl))
    }

    /// `record NAME …` or `document NAME …`: fields, and a document's `dated by`.
    fn record<'a>(
        &self,
        rule: Rule,
        mut rest: impl Iterator<Item = Pair<'a, Rule>>,
    ) -> Option<Declaration> {
        let name = self.ident(&rest.next()?);
        let mut decl = RecordDecl {
            name,
            label: None,
            dated_by: None,
            fields: Vec::new(),
        };
        for child in rest {
            match child.as_rule() {
                Rule::string => decl.label = Some(self.text(&child)),
                Rule::dated_by => decl.dated_by = significant(child).next().map(|p| self.ident(&p)),
                Rule::field_decl => decl.fields.push(self.field(child)?),
                _ => {}
            }
        }
        Some(if rule == Rule::record_decl {
            Declaration::Record(decl)
        } else {
            Declaration::Document(decl)
        })
    }

    /// `define NAME(params) "label" = EXPR`.
    fn define<'a>(
        &self,
        mut rest: impl Iterator<Item = Pair<'a, Rule>>,
        whole: Span,
    ) -> Option<Declaration> {
        let name = self.ident(&rest.next()?);
        let mut decl = DefineDecl {
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
        Some(Declaration::Define(decl))
    }

    pub(super) fn plan_setting(&self, pair: Pair<'_, Rule>) -> Option<PlanSetting> {
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
            Rule::plan_schema => PlanSetting::Schema(self.ident(&value)),
            Rule::plan_languages => PlanSetting::Languages(
                std::iter::once(&value)
                    .chain(parts.collect::<Vec<_>>().iter())
                    .map(|p| self.ident(p))
                    .collect(),
            ),
            _ => return None,
        })
    }

    pub(super) fn date_range(&self, pair: Pair<'_, Rule>) -> DateRange {
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

    pub(super) fn strings(&self, pair: Pair<'_, Rule>) -> Vec<Text> {
        significant(pair).map(|p| self.text(&p)).collect()
    }

    /// A name with its documentation, Chinese label and `also` spellings (units, enum values).
    pub(super) fn spelled(&self, pair: Pair<'_, Rule>) -> Option<Spelled> {
        let (_, parts) = self.doc_and_rest(pair);
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
            name,
            label,
            aliases,
        })
    }

    pub(super) fn quantity(&self, pair: Pair<'_, Rule>) -> Option<QuantityLit> {
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

    pub(super) fn field(&self, pair: Pair<'_, Rule>) -> Option<FieldDecl> {
        let (_, parts) = self.doc_and_rest(pair);
        let mut parts = parts.into_iter();
        let name = self.ident(&parts.next()?);
        let ty = self.type_expr(parts.next()?)?;
        let label = parts.next().map(|p| self.text(&p));
        Some(FieldDecl { name, ty, label })
    }

    pub(super) fn type_expr(&self, pair: Pair<'_, Rule>) -> Option<TypeExpr> {
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

    /// Lowers one clause of a rule.
    ///
    /// It is long because it is one arm per form of clause the grammar has, each a few lines.
    pub(super) fn rule_clause(&self, pair: Pair<'_, Rule>) -> Option<RuleClause> {
        let rule = pair.as_rule();
        let clause_span = self.span(&pair);
        let mut parts = significant(pair);
        Some(match rule {
            Rule::rule_clause_ref => RuleClause::ClauseRef(self.text(&parts.next()?)),
            Rule::rule_row => RuleClause::Row(self.ident(&parts.next()?)),
            Rule::rule_implements => {
                RuleClause::Implements(parts.map(|p| self.ident(&p)).collect())
            }
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
                let inner = modality_pair
                    .clone()
                    .into_inner()
                    .next()
                    .map(|p| p.as_rule());
                let Some(modality) = inner.and_then(modality) else {
                    self.internal(&modality_pair, "a modality");
                    return None;
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
                            span: self.span(&part),
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
                let mut span = clause_span;
                for part in parts {
                    match part.as_rule() {
                        Rule::language => language = Some(self.ident(&part)),
                        Rule::template => {
                            span = self.span(&part);
                            template = self.template(part);
                        }
                        _ => {}
                    }
                }
                let text = LocalText {
                    language,
                    span,
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

    pub(super) fn template(&self, pair: Pair<'_, Rule>) -> Option<Template> {
        let mut parts = Vec::new();
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::template_text => parts.push(TemplatePart::Text(unescape(child.as_str()))),
                Rule::interpolation => {
                    let inner = significant(child).next()?;
                    parts.push(if inner.as_rule() == Rule::blamed_parts {
                        TemplatePart::Blamed
                    } else {
                        TemplatePart::Value(self.expr(inner)?)
                    });
                }
                _ => {}
            }
        }
        Some(Template { parts })
    }
}

/// The modality the inner rule of a `modality` pair stands for.
pub(super) fn modality(rule: Rule) -> Option<Modality> {
    Some(match rule {
        Rule::in_principle_must => Modality::InPrincipleMust,
        Rule::in_principle_forbid => Modality::InPrincipleForbid,
        Rule::k_must => Modality::Must,
        Rule::k_forbid => Modality::Forbid,
        Rule::k_encourage => Modality::Encourage,
        Rule::k_strive => Modality::Strive,
        Rule::k_target => Modality::Target,
        _ => return None,
    })
}
