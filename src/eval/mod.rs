//! Evaluation: rules applied to a validated document give findings. Pure: no I/O, no clock.

use crate::base::date::Date;
use crate::base::number::Number;
use crate::base::span::Span;
use crate::model::{
    Builtin, DimensionId, EnumId, Expr, ExprKind, Language, Literal, Plan, Rule, Template,
    TemplatePart, Type, UnitId,
};
use crate::submission::{Document, Node, Record, Value};
use crate::syntax::ast::{AggregateKind, BinaryOp, CompareOp, Modality};
use std::borrow::Cow;
use std::sync::Arc;

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
    /// The value as evaluation read it, in the unit the submission wrote it in.
    pub value: Shown,
}

/// A value a finding shows, as data: the report layer chooses how to write it.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    Bool(bool),
    Number(Number),
    Percent(Number),
    /// An amount in a unit (`None` when the dimension declares none).
    Quantity {
        amount: Number,
        unit: Option<UnitId>,
    },
    Text(String),
    Date(Date),
    /// An enum value by position; `ty` is `None` when the expression's type did not say.
    Enum {
        ty: Option<EnumId>,
        value: usize,
    },
    /// A record, shown as a placeholder.
    Record,
    /// A list, shown by its length.
    Count(usize),
    /// A value the document does not give.
    Unknown,
}

/// The values of a rule text's `{expr}` parts, evaluated for each language's version of the
/// text: `TextValues.0[i]` fills the i-th template of the list it was made from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TextValues(pub Vec<Vec<Shown>>);

/// Why the outcome is not what the requirement alone would give.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    /// An `unless` of the rule holds: the clause's own exception.
    Exception,
    /// The rule's `review if` at this position holds.
    Review(usize, TextValues),
    /// The rule's `advice if` at this position holds.
    Advice(usize, TextValues),
}

#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: usize,
    pub outcome: Outcome,
    /// The values of the rule's `message` texts; empty unless the finding is reported.
    pub message: TextValues,
    /// The values of the rule's `help` texts; empty unless the finding is reported.
    pub help: TextValues,
    /// The value the requirement is about, if it read one.
    pub primary: Option<Box<Fact>>,
    /// The values that made the rule apply.
    pub conditions: Vec<Fact>,
    /// Why the outcome is review, advice or not applicable rather than what the requirement gives.
    pub reason: Option<Reason>,
    /// The field whose absence gave `missing information`.
    pub missing: Option<Box<MissingField>>,
    /// A deadline that has not passed yet.
    pub due: Option<Date>,
    /// The index of the justification that turned this into a review.
    pub justification: Option<usize>,
    /// Where the finding sits when it points at no value: the item or the document.
    pub anchor: Span,
    pub anchor_pointer: Arc<str>,
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

/// A field the evaluation needed and the document does not give: where, cheaply. It becomes a
/// `MissingField`, with text, only when it decides a finding.
#[derive(Clone, Copy)]
struct Missing<'d> {
    /// The record the field is missing from; `None` for the document itself.
    record: Option<&'d Node>,
    record_type: usize,
    field: usize,
}

type R<'d> = Result<V<'d>, Missing<'d>>;

struct Eval<'p, 'd> {
    plan: &'p Plan,
    doc: &'d Document,
    check_date: Date,
    locals: Vec<Option<(V<'d>, Option<&'d Node>)>>,
    /// The values read since the last clear; turned into `Fact`s only for reported findings.
    facts: Vec<&'d Node>,
    /// Where the current frame's locals start: 0 in a rule, higher inside a definition's call.
    base: usize,
}

/// Applies every rule for the document's kind and returns one finding per rule and item.
pub fn evaluate(plan: &Plan, doc: &Document, check_date: Date) -> Vec<Finding> {
    let mut findings = Vec::with_capacity(plan.rules.len());
    // One evaluator serves every rule of the document: its buffers are reused, not reallocated.
    let mut eval = Eval {
        plan,
        doc,
        check_date,
        locals: Vec::new(),
        facts: Vec::new(),
        base: 0,
    };
    for (index, rule) in plan.rules.iter().enumerate() {
        if rule.applies_to != doc.kind {
            continue;
        }
        eval.locals.clear();
        eval.locals.resize(rule.locals, None);
        eval.facts.clear();
        let outside_period = rule.effective_from.is_some_and(|from| check_date < from)
            || rule.effective_until.is_some_and(|until| check_date > until);
        let before = findings.len();
        if !outside_period {
            eval.for_each(
                index,
                rule,
                0,
                doc.kind_span,
                &doc.root.pointer,
                &mut findings,
            );
        }
        if findings.len() == before {
            // Out of its period, or `for each` over an empty list: nothing to apply the rule to.
            findings.push(eval.finding(
                index,
                Outcome::NotApplicable,
                doc.kind_span,
                &doc.root.pointer,
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
        pointer: &Arc<str>,
        conditions: Vec<Fact>,
    ) -> Finding {
        Finding {
            rule,
            outcome,
            message: TextValues::default(),
            help: TextValues::default(),
            primary: None,
            conditions,
            reason: None,
            missing: None,
            due: None,
            justification: None,
            anchor,
            anchor_pointer: Arc::clone(pointer),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn for_each(
        &mut self,
        index: usize,
        rule: &'p Rule,
        depth: usize,
        anchor: Span,
        pointer: &Arc<str>,
        out: &mut Vec<Finding>,
    ) {
        let Some(each) = rule.for_each.get(depth) else {
            out.push(self.instance(index, rule, anchor, pointer));
            return;
        };
        self.facts.clear();
        match self.eval(&each.list) {
            Ok(V::Nodes(nodes)) => {
                for node in nodes {
                    self.locals[each.slot] = Some((node_value(node), Some(node)));
                    self.for_each(index, rule, depth + 1, node.span, &node.pointer, out);
                }
            }
            Ok(V::Values(values)) => {
                for value in values {
                    self.locals[each.slot] = Some((value, None));
                    self.for_each(index, rule, depth + 1, anchor, pointer, out);
                }
            }
            Ok(_) => {}
            Err(missing) => {
                let missing = self.missing_field(missing);
                let mut finding = self.finding(
                    index,
                    Outcome::MissingInformation,
                    missing.span,
                    &Arc::from(missing.pointer.as_str()),
                    Vec::new(),
                );
                finding.missing = Some(Box::new(missing));
                out.push(finding);
            }
        }
    }

    /// One application of a rule, with its `for each` variables bound.
    ///
    /// The values read accumulate in `self.facts`: first those of the conditions, then those of
    /// the requirement, so no buffer is allocated per application.
    fn instance(
        &mut self,
        index: usize,
        rule: &'p Rule,
        anchor: Span,
        pointer: &Arc<str>,
    ) -> Finding {
        let mut finding = self.finding(index, Outcome::NotApplicable, anchor, pointer, Vec::new());
        self.facts.clear();
        for condition in &rule.when {
            match self.eval_bool(condition) {
                Ok(true) => {}
                Ok(false) => return finding,
                Err(missing) => return self.missing_finding(finding, missing),
            }
        }
        for exception in &rule.unless {
            match self.eval_bool(exception) {
                Ok(false) => {}
                Ok(true) => {
                    finding.reason = Some(Reason::Exception);
                    return finding;
                }
                Err(missing) => return self.missing_finding(finding, missing),
            }
        }
        let conditions_end = self.facts.len();
        let holds = match self.eval_bool(&rule.requirement) {
            Ok(h) => h,
            Err(missing) => {
                self.facts.truncate(conditions_end);
                return self.missing_finding(finding, missing);
            }
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
        let first_read =
            (conditions_end < self.facts.len()).then(|| conditions_end..conditions_end + 1);
        finding.primary = first_read
            .and_then(|read| self.facts_of(&self.facts[read]).pop())
            .map(Box::new);
        finding.conditions = self.facts_of(&self.facts[..conditions_end]);
        finding.outcome = match rule.modality {
            Modality::Encourage | Modality::Strive => Outcome::Advice,
            _ => Outcome::Violation,
        };
        // An `advice if` (a county measured against a city target) holds whatever the date, so it
        // comes before the deadline, whose note would promise a violation that never comes.
        if finding.outcome == Outcome::Violation {
            if let Some((index, values)) = self.first_holding(&rule.advices) {
                finding.outcome = Outcome::Advice;
                finding.reason = Some(Reason::Advice(index, values));
            } else if let Some(deadline) = rule.deadline
                && self.check_date <= deadline
            {
                finding.outcome = Outcome::Advice;
                finding.due = Some(deadline);
            } else if let Some((index, values)) = self.first_holding(&rule.reviews) {
                finding.outcome = Outcome::Review;
                finding.reason = Some(Reason::Review(index, values));
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
        finding.message = self.text_values(&rule.messages);
        finding.help = self.text_values(&rule.helps);
        finding
    }

    fn missing_finding(&mut self, mut finding: Finding, missing: Missing<'d>) -> Finding {
        let missing = self.missing_field(missing);
        finding.outcome = Outcome::MissingInformation;
        finding.conditions = self.facts_of(&self.facts);
        finding.missing = Some(Box::new(missing));
        finding
    }

    /// The missing field as findings report it: its pointer and where it belongs.
    fn missing_field(&self, missing: Missing<'d>) -> MissingField {
        let (span, pointer) = match missing.record {
            Some(node) => (node.span, node.pointer.to_string()),
            None => (self.doc.kind_span, String::new()),
        };
        let name = &self.plan.records[missing.record_type].fields[missing.field].name;
        MissingField {
            field: format!("{pointer}/{name}"),
            span,
            pointer,
        }
    }

    /// The first downgrade whose condition holds, with its reason's values.
    fn first_holding(
        &mut self,
        downgrades: &'p [crate::model::Downgrade],
    ) -> Option<(usize, TextValues)> {
        for (index, downgrade) in downgrades.iter().enumerate() {
            let saved = std::mem::take(&mut self.facts);
            let holds = matches!(self.eval_bool(&downgrade.condition), Ok(true));
            self.facts = saved;
            if holds {
                return Some((index, self.text_values(&downgrade.reason)));
            }
        }
        None
    }

    /// The `{expr}` values of every language's version of a text, for the report to fill in.
    fn text_values(&mut self, texts: &'p [(Language, Template)]) -> TextValues {
        let saved = std::mem::take(&mut self.facts);
        let mut all = Vec::with_capacity(texts.len());
        for (_, template) in texts {
            let mut values = Vec::new();
            for part in &template.parts {
                if let TemplatePart::Value(e) = part {
                    values.push(match self.eval(e) {
                        Ok(v) => self.shown_value(&v, &e.ty),
                        Err(_) => Shown::Unknown,
                    });
                }
            }
            all.push(values);
        }
        self.facts = saved;
        TextValues(all)
    }

    /// A submission value as the submission gave it: a quantity in its own unit.
    fn shown_node(&self, node: &Node) -> Shown {
        match &node.value {
            Value::Quantity { base, unit } => Shown::Quantity {
                amount: base
                    .checked_div(self.plan.units[*unit].to_base)
                    .unwrap_or(*base),
                unit: Some(*unit),
            },
            Value::Enum { ty, value } => Shown::Enum {
                ty: Some(*ty),
                value: *value,
            },
            Value::Bool(b) => Shown::Bool(*b),
            Value::Number(n) => Shown::Number(*n),
            Value::Percent(p) => Shown::Percent(*p),
            Value::Text(t) => Shown::Text(t.clone()),
            Value::Date(d) => Shown::Date(*d),
            Value::Record(_) => Shown::Record,
            Value::List(items) => Shown::Count(items.len()),
        }
    }

    /// An evaluated value; a quantity in its dimension's base unit.
    fn shown_value(&self, value: &V<'d>, ty: &Type) -> Shown {
        match value {
            V::Bool(b) => Shown::Bool(*b),
            V::Number(n) => Shown::Number(*n),
            V::Percent(p) => Shown::Percent(*p),
            V::Quantity(q) => Shown::Quantity {
                amount: *q,
                unit: match ty {
                    Type::Quantity(d) => self.base_unit(*d),
                    _ => None,
                },
            },
            V::Text(t) => Shown::Text(t.to_string()),
            V::Date(d) => Shown::Date(*d),
            V::Enum(e) => Shown::Enum {
                ty: match ty {
                    Type::Enum(id) => Some(*id),
                    _ => None,
                },
                value: *e,
            },
            V::Record(_) => Shown::Record,
            V::Nodes(n) => Shown::Count(n.len()),
            V::Values(v) => Shown::Count(v.len()),
        }
    }

    fn base_unit(&self, dimension: DimensionId) -> Option<UnitId> {
        self.plan.dimensions[dimension].units.first().copied()
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
                pointer: node.pointer.to_string(),
                path: dotted(&node.pointer),
                value: self.shown_node(node),
            });
        }
        out
    }

    fn eval_bool(&mut self, e: &'p Expr) -> Result<bool, Missing<'d>> {
        match self.eval(e)? {
            V::Bool(b) => Ok(b),
            _ => Ok(false),
        }
    }

    fn field(&mut self, record: &'d Record, record_node: Option<&'d Node>, field: usize) -> R<'d> {
        let declared = &self.plan.records[record.ty].fields[field];
        match record.fields.get(field).and_then(Option::as_ref) {
            Some(node) => {
                if !matches!(node.value, Value::Record(_) | Value::List(_)) {
                    self.record_fact(node);
                }
                Ok(node_value(node))
            }
            None if matches!(declared.ty, Type::List(_)) => Ok(V::Nodes(&[])),
            None => Err(Missing {
                record: record_node,
                record_type: record.ty,
                field,
            }),
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
            ExprKind::Local(slot) => match self.locals.get(self.base + *slot).cloned().flatten() {
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
                self.field(record, None, *field)?
            }
            ExprKind::Field { base, field } => {
                // A record the document gives is reached through its node, without evaluating
                // the path to it a second time.
                if let Some(node) = self.node_of(base)
                    && let Value::Record(record) = &node.value
                {
                    return self.field(record, Some(node), *field);
                }
                match self.eval(base)? {
                    V::Record(record) => self.field(record, None, *field)?,
                    _ => V::Bool(false),
                }
            }
            ExprKind::Param(i) => self.eval(&self.plan.params[*i].value)?,
            ExprKind::Call { define, args } => {
                // The callee's frame goes on top of the caller's locals: no allocation per call.
                let definition = &self.plan.defines[*define];
                let frame = self.locals.len();
                for arg in args {
                    let node = self.node_of(arg);
                    match self.eval(arg) {
                        Ok(value) => self.locals.push(Some((value, node))),
                        Err(missing) => {
                            self.locals.truncate(frame);
                            return Err(missing);
                        }
                    }
                }
                self.locals
                    .resize(frame + definition.locals.max(args.len()), None);
                let caller = std::mem::replace(&mut self.base, frame);
                let result = self.eval(&definition.body);
                self.base = caller;
                self.locals.truncate(frame);
                result?
            }
            ExprKind::Given(inner) => V::Bool(self.eval(inner).is_ok()),
            ExprKind::Missing(inner) => V::Bool(self.eval(inner).is_err()),
            ExprKind::Count(inner) => {
                V::Number(Number::from_int(self.items(inner)?.count() as i64))
            }
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
                op: op @ (BinaryOp::And | BinaryOp::Or),
                left,
                right,
            } => {
                // Kleene logic: a side that decides (false for `and`, true for `or`) decides even
                // when the other side is missing.
                let decisive = *op == BinaryOp::Or;
                let l = self.eval_bool(left);
                if matches!(l, Ok(v) if v == decisive) {
                    return Ok(V::Bool(decisive));
                }
                let r = self.eval_bool(right);
                if matches!(r, Ok(v) if v == decisive) {
                    return Ok(V::Bool(decisive));
                }
                l?;
                r?;
                V::Bool(!decisive)
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
                if let ExprKind::List(choices) = &set.kind {
                    // A written list is compared item by item, without building it first.
                    let mut found = false;
                    for choice in choices {
                        if compare(CompareOp::Eq, &value, &self.eval(choice)?) {
                            found = true;
                            break;
                        }
                    }
                    return Ok(V::Bool(found != *negated));
                }
                let found = match self.eval(set)? {
                    V::Values(values) => values.iter().any(|v| compare(CompareOp::Eq, &value, v)),
                    V::Nodes(nodes) => nodes
                        .iter()
                        .any(|n| compare(CompareOp::Eq, &value, &node_value(n))),
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
                .get(self.base + *slot)
                .and_then(|l| l.as_ref())
                .and_then(|(_, n)| *n),
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

    fn items(&mut self, list: &'p Expr) -> Result<Items<'d>, Missing<'d>> {
        Ok(match self.eval(list)? {
            V::Nodes(nodes) => Items::Nodes(nodes.iter()),
            V::Values(values) => Items::Values(values.into_iter()),
            _ => Items::Values(Vec::new().into_iter()),
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
            let at = self.base + slot;
            if self.locals.len() <= at {
                self.locals.resize(at + 1, None);
            }
            self.locals[at] = Some(item);
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

/// The items of a list, walked without copying them into a vector first.
enum Items<'d> {
    Nodes(std::slice::Iter<'d, Node>),
    Values(std::vec::IntoIter<V<'d>>),
}

impl<'d> Iterator for Items<'d> {
    type Item = (V<'d>, Option<&'d Node>);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Items::Nodes(nodes) => nodes.next().map(|n| (node_value(n), Some(n))),
            Items::Values(values) => values.next().map(|v| (v, None)),
        }
    }
}

/// A submission value as evaluation sees it.
fn node_value<'d>(node: &'d Node) -> V<'d> {
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
