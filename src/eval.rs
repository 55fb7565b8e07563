//! Evaluation: rules applied to a validated document give findings. Pure: no I/O, no clock.

use crate::ast::{AggregateKind, BinaryOp, CompareOp, Modality};
use crate::date::Date;
use crate::model::{
    Builtin, Expr, ExprKind, Language, Literal, Plan, Rule, Template, TemplatePart, Type,
};
use crate::number::Number;
use crate::span::Span;
use crate::submission::{Document, Node, Record, Value};
use std::borrow::Cow;

/// What one rule says about one document (or one item of it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    NotApplicable,
    Pass,
    Advice,
    MissingInformation,
    Review,
    Violation,
}

impl Outcome {
    pub fn name(self) -> &'static str {
        match self {
            Outcome::NotApplicable => "not_applicable",
            Outcome::Pass => "pass",
            Outcome::Advice => "advice",
            Outcome::MissingInformation => "missing_information",
            Outcome::Review => "review",
            Outcome::Violation => "violation",
        }
    }

    pub fn parse(text: &str) -> Option<Outcome> {
        [
            Outcome::NotApplicable,
            Outcome::Pass,
            Outcome::Advice,
            Outcome::MissingInformation,
            Outcome::Review,
            Outcome::Violation,
        ]
        .into_iter()
        .find(|o| o.name() == text || (text == "missing" && *o == Outcome::MissingInformation))
    }

    /// Whether the outcome is shown by default (pass and not-applicable are not).
    pub fn is_reported(self) -> bool {
        self >= Outcome::Advice
    }
}

/// A value of the submission that a finding points at.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub span: Span,
    pub pointer: String,
    /// The value's place in the document, e.g. `boilers[0].capacity`.
    pub path: String,
    /// The value as the submission wrote it.
    pub value: String,
}

#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: usize,
    pub outcome: Outcome,
    pub message: String,
    /// How to comply, with the rule's values filled in.
    pub help: String,
    /// The value the requirement is about, if it read one.
    pub primary: Option<Fact>,
    /// The values that made the rule apply.
    pub conditions: Vec<Fact>,
    /// Why the outcome is review or advice rather than a violation.
    pub reason: Option<String>,
    /// The field whose absence gave `missing information`.
    pub missing: Option<MissingField>,
    /// A deadline that has not passed yet.
    pub due: Option<Date>,
    /// The index of the justification that turned this into a review.
    pub justification: Option<usize>,
    /// Where the finding sits when it points at no value: the item or the document.
    pub anchor: Span,
    pub anchor_pointer: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MissingField {
    pub field: String,
    /// Where the field is missing from (the record's span and pointer).
    pub span: Span,
    pub pointer: String,
}

#[derive(Clone)]
enum V<'d> {
    Bool(bool),
    Number(Number),
    Percent(Number),
    Quantity(Number),
    Text(Cow<'d, str>),
    Date(Date),
    Enum(usize),
    Record(&'d Record),
    Nodes(&'d [Node]),
    Values(Vec<V<'d>>),
}

type R<'d> = Result<V<'d>, MissingField>;

struct Eval<'p, 'd> {
    plan: &'p Plan,
    doc: &'d Document,
    check_date: Date,
    locals: Vec<Option<(V<'d>, Option<&'d Node>)>>,
    /// The values read since the last clear; turned into `Fact`s only for reported findings.
    facts: Vec<&'d Node>,
    language: Language,
}

/// Applies every rule for the document's kind and returns one finding per rule and item.
pub fn evaluate(plan: &Plan, doc: &Document, check_date: Date, language: Language) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (index, rule) in plan.rules.iter().enumerate() {
        if rule.applies_to != doc.kind {
            continue;
        }
        let mut eval = Eval {
            plan,
            doc,
            check_date,
            locals: vec![None; rule.locals],
            facts: Vec::new(),
            language,
        };
        let outside_period = rule.effective_from.is_some_and(|from| check_date < from)
            || rule.effective_until.is_some_and(|until| check_date > until);
        if outside_period {
            findings.push(eval.finding(
                index,
                Outcome::NotApplicable,
                doc.kind_span,
                "",
                Vec::new(),
            ));
            continue;
        }
        let before = findings.len();
        eval.for_each(index, rule, 0, doc.kind_span, "", Vec::new(), &mut findings);
        if findings.len() == before {
            // `for each` over an empty list: the rule has nothing to apply to in this document.
            findings.push(eval.finding(
                index,
                Outcome::NotApplicable,
                doc.kind_span,
                "",
                Vec::new(),
            ));
        }
    }
    findings
}

impl<'p, 'd> Eval<'p, 'd> {
    fn finding(
        &self,
        rule: usize,
        outcome: Outcome,
        anchor: Span,
        pointer: &str,
        conditions: Vec<Fact>,
    ) -> Finding {
        Finding {
            rule,
            outcome,
            message: String::new(),
            help: String::new(),
            primary: None,
            conditions,
            reason: None,
            missing: None,
            due: None,
            justification: None,
            anchor,
            anchor_pointer: pointer.to_string(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn for_each(
        &mut self,
        index: usize,
        rule: &'p Rule,
        depth: usize,
        anchor: Span,
        pointer: &str,
        item_facts: Vec<&'d Node>,
        out: &mut Vec<Finding>,
    ) {
        let Some(each) = rule.for_each.get(depth) else {
            out.push(self.instance(index, rule, anchor, pointer, item_facts));
            return;
        };
        self.facts.clear();
        match self.eval(&each.list) {
            Ok(V::Nodes(nodes)) => {
                for node in nodes {
                    self.locals[each.slot] = Some((self.node_value(node), Some(node)));
                    out_push_each(self, index, rule, depth, node, &item_facts, out);
                }
            }
            Ok(V::Values(values)) => {
                for value in values {
                    self.locals[each.slot] = Some((value, None));
                    self.for_each(
                        index,
                        rule,
                        depth + 1,
                        anchor,
                        pointer,
                        item_facts.clone(),
                        out,
                    );
                }
            }
            Ok(_) => {}
            Err(missing) => {
                let conditions = self.facts_of(&item_facts);
                let mut finding = self.finding(
                    index,
                    Outcome::MissingInformation,
                    missing.span,
                    &missing.pointer,
                    conditions,
                );
                finding.message = self.missing_message(&missing);
                finding.missing = Some(missing);
                out.push(finding);
            }
        }
    }

    /// One application of a rule, with its `for each` variables bound.
    fn instance(
        &mut self,
        index: usize,
        rule: &'p Rule,
        anchor: Span,
        pointer: &str,
        item_facts: Vec<&'d Node>,
    ) -> Finding {
        let mut conditions = item_facts;
        let mut finding = self.finding(index, Outcome::NotApplicable, anchor, pointer, Vec::new());
        for condition in &rule.when {
            self.facts.clear();
            let result = self.eval_bool(condition);
            conditions.append(&mut self.facts);
            match result {
                Ok(true) => {}
                Ok(false) => return finding,
                Err(missing) => return self.missing_finding(finding, missing, &conditions),
            }
        }
        for exception in &rule.unless {
            self.facts.clear();
            let result = self.eval_bool(exception);
            conditions.append(&mut self.facts);
            match result {
                Ok(false) => {}
                Ok(true) => {
                    finding.reason = Some("the exception written in the clause applies".into());
                    return finding;
                }
                Err(missing) => return self.missing_finding(finding, missing, &conditions),
            }
        }
        self.facts.clear();
        let holds = self.eval_bool(&rule.requirement);
        let requirement_facts = std::mem::take(&mut self.facts);
        let holds = match holds {
            Ok(h) => h,
            Err(missing) => return self.missing_finding(finding, missing, &conditions),
        };
        let broken = if rule.modality.forbids() {
            holds
        } else {
            !holds
        };
        if !broken {
            finding.outcome = Outcome::Pass;
            return finding;
        }
        // Only now is it worth turning the values read into text for labels.
        finding.primary = self
            .facts_of(&requirement_facts[..requirement_facts.len().min(1)])
            .pop();
        finding.conditions = self.facts_of(&conditions);
        finding.outcome = match rule.modality {
            Modality::Encourage | Modality::Strive => Outcome::Advice,
            _ => Outcome::Violation,
        };
        // An `advice if` (a county measured against a city target) holds whatever the date, so it
        // comes before the deadline, whose note would promise a violation that never comes.
        if finding.outcome == Outcome::Violation {
            if let Some(reason) = self.first_holding(&rule.advices) {
                finding.outcome = Outcome::Advice;
                finding.reason = Some(reason);
            } else if let Some(deadline) = rule.deadline
                && self.check_date <= deadline
            {
                finding.outcome = Outcome::Advice;
                finding.due = Some(deadline);
            } else if let Some(reason) = self.first_holding(&rule.reviews) {
                finding.outcome = Outcome::Review;
                finding.reason = Some(reason);
            }
        }
        let in_principle = matches!(
            rule.modality,
            Modality::InPrincipleForbid | Modality::InPrincipleMust
        );
        if finding.outcome == Outcome::Violation
            && in_principle
            && let Some(j) = self
                .doc
                .justifications
                .iter()
                .position(|j| j.rule == rule.id)
        {
            finding.outcome = Outcome::Review;
            finding.justification = Some(j);
        }
        finding.message = self.render(Rule::text_in(&rule.messages, self.language));
        finding.help = self.render(Rule::text_in(&rule.helps, self.language));
        finding
    }

    fn missing_finding(
        &mut self,
        mut finding: Finding,
        missing: MissingField,
        conditions: &[&'d Node],
    ) -> Finding {
        finding.outcome = Outcome::MissingInformation;
        finding.conditions = self.facts_of(conditions);
        finding.message = self.missing_message(&missing);
        finding.missing = Some(missing);
        finding
    }

    fn missing_message(&self, missing: &MissingField) -> String {
        match self.language {
            Language::Zh => format!("缺少判定所需的欄位 `{}`", missing.field),
            Language::En => format!(
                "the rule needs field `{}`, which the document does not give",
                missing.field
            ),
        }
    }

    fn first_holding(&mut self, downgrades: &'p [crate::model::Downgrade]) -> Option<String> {
        for downgrade in downgrades {
            let saved = std::mem::take(&mut self.facts);
            let holds = matches!(self.eval_bool(&downgrade.condition), Ok(true));
            self.facts = saved;
            if holds {
                return Some(self.render(Rule::text_in(&downgrade.reason, self.language)));
            }
        }
        None
    }

    fn render(&mut self, template: Option<&'p Template>) -> String {
        let Some(template) = template else {
            return String::new();
        };
        let saved = std::mem::take(&mut self.facts);
        let mut out = String::new();
        for part in &template.parts {
            match part {
                TemplatePart::Text(t) => out.push_str(t),
                TemplatePart::Value(e) => match self.eval(e) {
                    Ok(v) => out.push_str(&self.display_value(&v, &e.ty)),
                    Err(_) => out.push('?'),
                },
            }
        }
        self.facts = saved;
        out
    }

    fn node_value(&self, node: &'d Node) -> V<'d> {
        match &node.value {
            Value::Bool(b) => V::Bool(*b),
            Value::Number(n) => V::Number(*n),
            Value::Percent(p) => V::Percent(*p),
            Value::Quantity { base, .. } => V::Quantity(*base),
            Value::Text(t) => V::Text(Cow::Borrowed(t)),
            Value::Date(d) => V::Date(*d),
            Value::Enum { value, .. } => V::Enum(*value),
            Value::Record(r) => V::Record(r),
            Value::List(items) => V::Nodes(items),
        }
    }

    /// The submission's own spelling of a value, for messages.
    fn display_node(&self, node: &Node) -> String {
        match &node.value {
            Value::Quantity { amount, unit, .. } => {
                format!("{amount} {}", self.plan.units[*unit].display())
            }
            Value::Enum { ty, value } => {
                let value = &self.plan.enums[*ty].values[*value];
                value.label.clone().unwrap_or_else(|| value.name.clone())
            }
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.to_string(),
            Value::Percent(p) => format!("{}%", p.checked_mul(Number::from_int(100)).unwrap_or(*p)),
            Value::Text(t) => t.clone(),
            Value::Date(d) => d.to_string(),
            Value::Record(_) => "{…}".into(),
            Value::List(items) => format!("{} items", items.len()),
        }
    }

    fn display_value(&self, value: &V<'d>, ty: &Type) -> String {
        match value {
            V::Bool(b) => b.to_string(),
            V::Number(n) => n.to_string(),
            V::Percent(p) => format!("{}%", p.checked_mul(Number::from_int(100)).unwrap_or(*p)),
            V::Quantity(q) => match ty {
                Type::Quantity(d) => {
                    let base = self.plan.dimensions[*d]
                        .units
                        .first()
                        .map(|u| self.plan.units[*u].display())
                        .unwrap_or("");
                    format!("{q} {base}")
                }
                _ => q.to_string(),
            },
            V::Text(t) => t.to_string(),
            V::Date(d) => d.to_string(),
            V::Enum(e) => match ty {
                Type::Enum(id) => {
                    let value = &self.plan.enums[*id].values[*e];
                    value.label.clone().unwrap_or_else(|| value.name.clone())
                }
                _ => e.to_string(),
            },
            V::Record(_) => "{…}".into(),
            V::Nodes(n) => n.len().to_string(),
            V::Values(v) => v.len().to_string(),
        }
    }

    /// Notes a value read; cheap, because most rules pass and their values are never shown.
    fn record_fact(&mut self, node: &'d Node) {
        self.facts.push(node);
    }

    /// The values read, once each, as labels and explanations show them.
    fn facts_of(&self, nodes: &[&'d Node]) -> Vec<Fact> {
        let mut seen: Vec<Span> = Vec::with_capacity(nodes.len());
        let mut out = Vec::with_capacity(nodes.len());
        for node in nodes {
            if seen.contains(&node.span) {
                continue;
            }
            seen.push(node.span);
            out.push(Fact {
                span: node.span,
                pointer: node.pointer.clone(),
                path: dotted(&node.pointer),
                value: self.display_node(node),
            });
        }
        out
    }

    fn eval_bool(&mut self, e: &'p Expr) -> Result<bool, MissingField> {
        match self.eval(e)? {
            V::Bool(b) => Ok(b),
            _ => Ok(false),
        }
    }

    fn field(
        &mut self,
        record: &'d Record,
        record_node: Option<(Span, &str)>,
        field: usize,
    ) -> R<'d> {
        let declared = &self.plan.records[record.ty].fields[field];
        match record.fields.get(field).and_then(Option::as_ref) {
            Some(node) => {
                if !matches!(node.value, Value::Record(_) | Value::List(_)) {
                    self.record_fact(node);
                }
                Ok(self.node_value(node))
            }
            None if matches!(declared.ty, Type::List(_)) => Ok(V::Nodes(&[])),
            None => {
                let (span, pointer) = record_node.unwrap_or((self.doc.kind_span, ""));
                Err(MissingField {
                    field: format!("{pointer}/{}", declared.name),
                    span,
                    pointer: pointer.to_string(),
                })
            }
        }
    }

    fn eval(&mut self, e: &'p Expr) -> R<'d> {
        Ok(match &e.kind {
            ExprKind::Literal(l) => match l {
                Literal::Bool(b) => V::Bool(*b),
                Literal::Number(n) => V::Number(*n),
                Literal::Percent(p) => V::Percent(*p),
                Literal::Quantity(q) => V::Quantity(*q),
                Literal::Text(t) => V::Text(Cow::Owned(t.clone())),
                Literal::Date(d) => V::Date(*d),
                Literal::Enum(_, v) => V::Enum(*v),
            },
            ExprKind::Local(slot) => match self.locals.get(*slot).cloned().flatten() {
                Some((value, node)) => {
                    // A list item read directly (a fuel in `fuels_used`) is a value the finding may point at.
                    if let Some(node) =
                        node.filter(|n| !matches!(n.value, Value::Record(_) | Value::List(_)))
                    {
                        self.record_fact(node);
                    }
                    value
                }
                None => V::Bool(false),
            },
            ExprKind::Root(field) => {
                let record = self.doc.record();
                self.field(record, Some((self.doc.kind_span, "")), *field)?
            }
            ExprKind::Field { base, field } => {
                let node = self.node_of(base);
                match self.eval(base)? {
                    V::Record(record) => {
                        let at = node.map(|n| (n.span, n.pointer.as_str()));
                        self.field(record, at, *field)?
                    }
                    _ => V::Bool(false),
                }
            }
            ExprKind::Param(i) => self.eval(&self.plan.params[*i].value)?,
            ExprKind::Call { define, args } => {
                let definition = &self.plan.defines[*define];
                let mut frame: Vec<Option<(V<'d>, Option<&'d Node>)>> =
                    vec![None; definition.locals.max(args.len())];
                for (slot, arg) in args.iter().enumerate() {
                    let node = self.node_of(arg);
                    frame[slot] = Some((self.eval(arg)?, node));
                }
                let saved = std::mem::replace(&mut self.locals, frame);
                let result = self.eval(&definition.body);
                self.locals = saved;
                result?
            }
            ExprKind::Given(inner) => V::Bool(self.eval(inner).is_ok()),
            ExprKind::Missing(inner) => V::Bool(self.eval(inner).is_err()),
            ExprKind::Count(inner) => V::Number(Number::from_int(self.items(inner)?.len() as i64)),
            ExprKind::CheckDate => V::Date(self.check_date),
            ExprKind::Builtin { function, args } => {
                let values = args
                    .iter()
                    .map(|a| self.eval(a))
                    .collect::<Result<Vec<_>, _>>()?;
                builtin(*function, &values)
            }
            ExprKind::List(items) => V::Values(
                items
                    .iter()
                    .map(|i| self.eval(i))
                    .collect::<Result<_, _>>()?,
            ),
            ExprKind::Aggregate {
                kind,
                slot,
                list,
                filter,
                body,
            } => self.aggregate(*kind, *slot, list, filter.as_deref(), body.as_deref())?,
            ExprKind::Not(inner) => V::Bool(!self.eval_bool(inner)?),
            ExprKind::Negate(inner) => match self.eval(inner)? {
                V::Number(n) => V::Number(n.negated()),
                V::Percent(n) => V::Percent(n.negated()),
                V::Quantity(n) => V::Quantity(n.negated()),
                other => other,
            },
            ExprKind::Binary {
                op: BinaryOp::And,
                left,
                right,
            } => {
                // Kleene logic: a false side decides even when the other is missing.
                let l = self.eval_bool(left);
                if l == Ok(false) {
                    return Ok(V::Bool(false));
                }
                let r = self.eval_bool(right);
                if r == Ok(false) {
                    return Ok(V::Bool(false));
                }
                V::Bool(l? && r?)
            }
            ExprKind::Binary {
                op: BinaryOp::Or,
                left,
                right,
            } => {
                let l = self.eval_bool(left);
                if l == Ok(true) {
                    return Ok(V::Bool(true));
                }
                let r = self.eval_bool(right);
                if r == Ok(true) {
                    return Ok(V::Bool(true));
                }
                V::Bool(l? || r?)
            }
            ExprKind::Binary { op, left, right } => {
                let (l, r) = (self.eval(left)?, self.eval(right)?);
                arithmetic(*op, l, r)
            }
            ExprKind::Compare { op, left, right } => {
                let (l, r) = (self.eval(left)?, self.eval(right)?);
                V::Bool(compare(*op, &l, &r))
            }
            ExprKind::In { negated, item, set } => {
                let value = self.eval(item)?;
                let found = match self.eval(set)? {
                    V::Values(values) => values.iter().any(|v| compare(CompareOp::Eq, &value, v)),
                    V::Nodes(nodes) => nodes
                        .iter()
                        .any(|n| compare(CompareOp::Eq, &value, &self.node_value(n))),
                    _ => false,
                };
                V::Bool(found != *negated)
            }
            ExprKind::Invalid => V::Bool(false),
        })
    }

    /// The submission node an expression reads directly, if any (for spans and pointers).
    fn node_of(&self, e: &Expr) -> Option<&'d Node> {
        match &e.kind {
            ExprKind::Local(slot) => self
                .locals
                .get(*slot)
                .cloned()
                .flatten()
                .and_then(|(_, n)| n),
            ExprKind::Root(field) => self
                .doc
                .record()
                .fields
                .get(*field)
                .and_then(Option::as_ref),
            ExprKind::Field { base, field } => match &self.node_of(base)?.value {
                Value::Record(r) => r.fields.get(*field).and_then(Option::as_ref),
                _ => None,
            },
            _ => None,
        }
    }

    fn items(&mut self, list: &'p Expr) -> Result<Vec<(V<'d>, Option<&'d Node>)>, MissingField> {
        Ok(match self.eval(list)? {
            V::Nodes(nodes) => nodes
                .iter()
                .map(|n| (self.node_value(n), Some(n)))
                .collect(),
            V::Values(values) => values.into_iter().map(|v| (v, None)).collect(),
            _ => Vec::new(),
        })
    }

    fn aggregate(
        &mut self,
        kind: AggregateKind,
        slot: usize,
        list: &'p Expr,
        filter: Option<&'p Expr>,
        body: Option<&'p Expr>,
    ) -> R<'d> {
        let items = self.items(list)?;
        let mut chosen = 0i64;
        let mut holding = 0i64;
        let mut any_missing = None;
        let mut total: Option<V<'d>> = None;
        for item in items {
            if self.locals.len() <= slot {
                self.locals.resize(slot + 1, None);
            }
            self.locals[slot] = Some(item);
            // Keep only the values of the items that decide the answer, so labels point at them.
            let facts_before = self.facts.len();
            if let Some(filter) = filter {
                match self.eval_bool(filter) {
                    Ok(true) => {}
                    Ok(false) => {
                        self.facts.truncate(facts_before);
                        continue;
                    }
                    Err(m) => {
                        any_missing.get_or_insert(m);
                        continue;
                    }
                }
            }
            chosen += 1;
            let keep = match (kind, body) {
                (AggregateKind::Count, _) | (AggregateKind::Any, None) => {
                    holding += 1;
                    true
                }
                (AggregateKind::Any | AggregateKind::All | AggregateKind::Ratio, Some(body)) => {
                    match self.eval_bool(body) {
                        Ok(true) => {
                            holding += 1;
                            kind == AggregateKind::Any
                        }
                        Ok(false) => kind != AggregateKind::Any,
                        Err(m) => {
                            any_missing.get_or_insert(m);
                            true
                        }
                    }
                }
                (_, Some(body)) => {
                    match self.eval(body) {
                        Ok(value) => {
                            total = Some(match total {
                                None => value,
                                Some(current) => match kind {
                                    AggregateKind::Sum => arithmetic(BinaryOp::Add, current, value),
                                    AggregateKind::Min
                                        if compare(CompareOp::Lt, &value, &current) =>
                                    {
                                        value
                                    }
                                    AggregateKind::Max
                                        if compare(CompareOp::Gt, &value, &current) =>
                                    {
                                        value
                                    }
                                    _ => current,
                                },
                            })
                        }
                        Err(m) => {
                            any_missing.get_or_insert(m);
                        }
                    }
                    true
                }
                (_, None) => true,
            };
            if !keep {
                self.facts.truncate(facts_before);
            }
        }
        // Kleene logic again: one witness decides `any`, one counterexample decides `all`.
        match kind {
            AggregateKind::Any if holding > 0 => return Ok(V::Bool(true)),
            AggregateKind::All if holding < chosen - any_missing.is_some() as i64 => {
                return Ok(V::Bool(false));
            }
            _ => {}
        }
        if let Some(missing) = any_missing {
            return Err(missing);
        }
        Ok(match kind {
            AggregateKind::Count => V::Number(Number::from_int(holding)),
            AggregateKind::Any => V::Bool(holding > 0),
            AggregateKind::All => V::Bool(holding == chosen),
            AggregateKind::Ratio => V::Percent(
                Number::new(holding as i128, chosen.max(1) as i128).unwrap_or(Number::ZERO),
            ),
            AggregateKind::Sum => total.unwrap_or(V::Number(Number::ZERO)),
            AggregateKind::Min | AggregateKind::Max => total.unwrap_or(V::Number(Number::ZERO)),
        })
    }
}

/// A JSON pointer as people read a path: `/boilers/0/capacity` is `boilers[0].capacity`.
pub fn dotted(pointer: &str) -> String {
    let mut out = String::new();
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        if segment.chars().all(|c| c.is_ascii_digit()) && !segment.is_empty() {
            out.push_str(&format!("[{segment}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&segment);
        }
    }
    out
}

fn out_push_each<'p, 'd>(
    eval: &mut Eval<'p, 'd>,
    index: usize,
    rule: &'p Rule,
    depth: usize,
    node: &'d Node,
    item_facts: &[&'d Node],
    out: &mut Vec<Finding>,
) {
    eval.for_each(
        index,
        rule,
        depth + 1,
        node.span,
        &node.pointer,
        item_facts.to_vec(),
        out,
    );
}

fn builtin<'d>(function: Builtin, values: &[V<'d>]) -> V<'d> {
    let date = |i: usize| match values.get(i) {
        Some(V::Date(d)) => Some(*d),
        _ => None,
    };
    let whole = |n: i64| V::Number(Number::from_int(n));
    match function {
        Builtin::Year => date(0).map_or(whole(0), |d| whole(d.year as i64)),
        Builtin::Month => date(0).map_or(whole(0), |d| whole(d.month as i64)),
        Builtin::Quarter => date(0).map_or(whole(0), |d| whole((d.month as i64 - 1) / 3 + 1)),
        Builtin::DaysBetween => match (date(0), date(1)) {
            (Some(a), Some(b)) => whole(b.days_since_epoch() - a.days_since_epoch()),
            _ => whole(0),
        },
        Builtin::Share => {
            let part = values.first().and_then(number_of);
            let total = values.get(1).and_then(number_of);
            V::Percent(match (part, total) {
                (Some(p), Some(t)) => p.checked_div(t).unwrap_or(Number::ZERO),
                _ => Number::ZERO,
            })
        }
    }
}

fn number_of(v: &V<'_>) -> Option<Number> {
    match v {
        V::Number(n) | V::Percent(n) | V::Quantity(n) => Some(*n),
        _ => None,
    }
}

fn arithmetic<'d>(op: BinaryOp, l: V<'d>, r: V<'d>) -> V<'d> {
    let (Some(a), Some(b)) = (number_of(&l), number_of(&r)) else {
        return V::Number(Number::ZERO);
    };
    let result = match op {
        BinaryOp::Add => a.checked_add(b),
        BinaryOp::Sub => a.checked_sub(b),
        BinaryOp::Mul => a.checked_mul(b),
        _ => a.checked_div(b),
    }
    .unwrap_or(Number::ZERO);
    match (op, &l, &r) {
        (BinaryOp::Div, V::Quantity(_), V::Quantity(_)) => V::Number(result),
        (_, V::Quantity(_), _) | (BinaryOp::Mul, _, V::Quantity(_)) => V::Quantity(result),
        (BinaryOp::Mul, V::Percent(_), V::Percent(_))
        | (BinaryOp::Add | BinaryOp::Sub, V::Percent(_), V::Percent(_)) => V::Percent(result),
        (BinaryOp::Div, V::Percent(_), _) => V::Percent(result),
        _ => V::Number(result),
    }
}

fn compare(op: CompareOp, l: &V<'_>, r: &V<'_>) -> bool {
    use std::cmp::Ordering;
    let ordering: Option<Ordering> = match (l, r) {
        (V::Bool(a), V::Bool(b)) => Some(a.cmp(b)),
        (V::Text(a), V::Text(b)) => Some(a.cmp(b)),
        (V::Date(a), V::Date(b)) => Some(a.cmp(b)),
        (V::Enum(a), V::Enum(b)) => Some(a.cmp(b)),
        _ => match (number_of(l), number_of(r)) {
            (Some(a), Some(b)) => Some(a.cmp(&b)),
            _ => None,
        },
    };
    let Some(ordering) = ordering else {
        return false;
    };
    match op {
        CompareOp::Eq => ordering == Ordering::Equal,
        CompareOp::Ne => ordering != Ordering::Equal,
        CompareOp::Lt => ordering == Ordering::Less,
        CompareOp::Le => ordering != Ordering::Greater,
        CompareOp::Gt => ordering == Ordering::Greater,
        CompareOp::Ge => ordering != Ordering::Less,
    }
}
