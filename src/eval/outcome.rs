//! One rule applied to one document or item: its conditions, requirement and downgrades, and the
//! values kept for the report's words.

use super::*;

impl<'p: 'd, 'd> Eval<'p, 'd> {
    pub(super) fn finding(
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
            blamed: Vec::new(),
            tallies: Vec::new(),
            conditions,
            reason: None,
            missing: None,
            absent: None,
            due: None,
            justification: None,
            waiver: None,
            anchor,
            anchor_pointer: Arc::clone(pointer),
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn for_each(
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
            Ok(Computed::Nodes(nodes)) => {
                for node in nodes {
                    self.locals[each.slot] = Some((node_value(node), Some(node)));
                    self.for_each(index, rule, depth + 1, node.span, &node.pointer, out);
                }
            }
            Ok(Computed::Values(values)) => {
                for value in values {
                    self.locals[each.slot] = Some((value, None));
                    self.for_each(index, rule, depth + 1, anchor, pointer, out);
                }
            }
            Ok(_) => {
                let finding =
                    self.finding(index, Outcome::NotApplicable, anchor, pointer, Vec::new());
                out.push(self.stopped_finding(finding, Uncomputable::Internal.into()));
            }
            Err(Stop::Missing(missing)) => {
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
            Err(stop @ Stop::Uncomputable(_)) => {
                let finding =
                    self.finding(index, Outcome::NotApplicable, anchor, pointer, Vec::new());
                out.push(self.stopped_finding(finding, stop));
            }
        }
    }

    /// One application of a rule, with its `for each` variables bound.
    ///
    /// The values read accumulate in `self.facts`: first those of the conditions, then those of
    /// the requirement, so no buffer is allocated per application.
    ///
    /// It is long because the order of the steps is the semantics: conditions, exceptions,
    /// requirement, then advice, deadline, review and justification, in that order; reading
    /// them in one place is what lets a maintainer check the order against decisions.md.
    pub(super) fn instance(
        &mut self,
        index: usize,
        rule: &'p Rule,
        anchor: Span,
        pointer: &Arc<str>,
    ) -> Finding {
        let mut finding = self.finding(index, Outcome::NotApplicable, anchor, pointer, Vec::new());
        self.facts.clear();
        // The `when` lines are one conjunction in Kleene logic: one that is false makes the rule
        // not apply, even when an earlier one needs a value the document lacks.
        let mut stopped = None;
        for condition in &rule.when {
            match self.eval_bool(condition) {
                Ok(true) => {}
                Ok(false) => return finding,
                Err(stop) => {
                    stopped.get_or_insert(stop);
                }
            }
        }
        if let Some(stop) = stopped {
            return self.stopped_finding(finding, stop);
        }
        for exception in &rule.unless {
            match self.eval_bool(exception) {
                Ok(false) => {}
                Ok(true) => {
                    finding.reason = Some(Reason::Exception);
                    return finding;
                }
                Err(stop) => return self.stopped_finding(finding, stop),
            }
        }
        let conditions_end = self.facts.len();
        let holds = match self.eval_bool(&rule.requirement) {
            Ok(h) => h,
            Err(stop) => {
                self.facts.truncate(conditions_end);
                return self.stopped_finding(finding, stop);
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
        // Only now is it worth finding the values that decide the requirement, and turning them
        // into text for labels: the requirement is read again, keeping only the deciding parts.
        self.facts.truncate(conditions_end);
        self.tallies = Some(Vec::new());
        self.absent = None;
        self.blame(&rule.requirement, holds);
        finding.tallies = self.tallies.take().unwrap_or_default();
        if let Some(absent) = self.absent.take() {
            finding.absent = Some(Box::new(self.missing_field(absent)));
        }
        finding.conditions = self.facts_of(&self.facts[..conditions_end]);
        let mut blamed = self.facts_of(&self.facts[conditions_end..]);
        // A value that made the rule apply is labelled as a condition; the requirement's blame
        // goes to the values that fail it (`ule_completed: false`, not the `fuel` both read),
        // unless the conditions' values are all the requirement reads.
        let is_condition = |fact: &Fact| finding.conditions.iter().any(|c| c.span == fact.span);
        if blamed.iter().any(|b| !is_condition(b)) {
            blamed.retain(|b| !is_condition(b));
        }
        // A list counted as a condition says nothing its labelled items do not.
        finding
            .conditions
            .retain(|c| !blamed.iter().any(|b| c.span.encloses(b.span)));
        let mut blamed = blamed.into_iter();
        finding.primary = blamed.next().map(Box::new);
        finding.blamed = blamed.collect();
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
        } else if let Some((index, values)) = self.first_holding(&rule.advices) {
            // A soft rule gives advice; its `advice if` says why (a boundary value, decisions
            // A1b), and its `review if` asks an officer, as on any other modality.
            finding.reason = Some(Reason::Advice(index, values));
        } else if let Some((index, values)) = self.first_holding(&rule.reviews) {
            finding.outcome = Outcome::Review;
            finding.reason = Some(Reason::Review(index, values));
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

    /// Records the values that make `e` come out `value`: the false conjuncts of a false `and`,
    /// the true disjuncts of a true `or`, through `not`; for any other expression, every value it
    /// reads (an aggregate keeps only the items that decide it).
    fn blame(&mut self, e: &'p Expr, value: bool) {
        match &e.kind {
            ExprKind::Binary {
                op: op @ (BinaryOp::And | BinaryOp::Or),
                left,
                right,
            } => {
                let decisive = *op == BinaryOp::Or;
                if value != decisive {
                    // Every side agreed: each one decides.
                    self.blame(left, value);
                    self.blame(right, value);
                    return;
                }
                for side in [left, right] {
                    // Only the value is wanted here, not what it reads or counts.
                    let start = self.facts.len();
                    let tallies = self.tallies.take();
                    let side_value = self.eval_bool(side);
                    self.tallies = tallies;
                    self.facts.truncate(start);
                    if let Ok(v) = side_value
                        && v == decisive
                    {
                        self.blame(side, v);
                    }
                }
            }
            ExprKind::Not(inner) => self.blame(inner, !value),
            // `given(x)` false, `missing(x)` true: what decides is where `x` should be.
            ExprKind::Given(inner) | ExprKind::Missing(inner) => {
                if let Err(Stop::Missing(missing)) = self.eval(inner) {
                    self.absent.get_or_insert(missing);
                }
            }
            _ => {
                // The value is known to be what it was; only the facts it reads are wanted.
                let _ = self.eval(e);
            }
        }
    }

    /// A rule application that stopped for want of a value: missing information when the
    /// document lacks a field; review, with the reason, when a value cannot be computed, because
    /// such a rule neither passes nor is broken on its own say.
    pub(super) fn stopped_finding(&mut self, mut finding: Finding, stop: Stop<'d>) -> Finding {
        finding.conditions = self.facts_of(&self.facts);
        match stop {
            Stop::Missing(missing) => {
                finding.outcome = Outcome::MissingInformation;
                finding.missing = Some(Box::new(self.missing_field(missing)));
            }
            Stop::Uncomputable(reason) => {
                finding.outcome = Outcome::Review;
                finding.reason = Some(Reason::Uncomputable(reason));
            }
        }
        finding
    }

    /// The missing field as findings report it: its pointer and where it belongs.
    pub(super) fn missing_field(&self, missing: Missing<'d>) -> MissingField {
        let (span, pointer) = match missing.record {
            Some(node) => (node.span, node.pointer.to_string()),
            None => (self.doc.kind_span, String::new()),
        };
        let name = &self.plan.records[missing.record_type].fields[missing.field].name;
        let record = match missing.record {
            Some(node) => match &node.value {
                Value::Record(record) => Some(record),
                _ => None,
            },
            None => Some(self.doc.record()),
        };
        let refused = record.and_then(|r| {
            r.refused
                .iter()
                .find(|(field, _)| *field == missing.field)
                .map(|(_, span)| *span)
        });
        MissingField {
            field: format!("{pointer}/{name}"),
            refused,
            span,
            pointer,
        }
    }

    /// The first downgrade whose condition holds, with its reason's values.
    pub(super) fn first_holding(
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
    pub(super) fn text_values(&mut self, texts: &'p [(Language, Template)]) -> TextValues {
        let saved = std::mem::take(&mut self.facts);
        let mut all = Vec::with_capacity(texts.len());
        for (_, template) in texts {
            let mut values = Vec::new();
            for part in &template.parts {
                if let TemplatePart::Value(e) = part {
                    values.push(match self.eval(e) {
                        Ok(v) => {
                            let shown = self.shown_value(&v, &e.ty);
                            // A value of the submission itself is shown as it was written (a
                            // label, a date, an amount with its unit); a bare number or share
                            // is shown as read, since `7.5` alone does not say it is a percentage.
                            match self.node_of(e) {
                                Some(node)
                                    if !matches!(
                                        node.value,
                                        Value::Record(_)
                                            | Value::List(_)
                                            | Value::Number(_)
                                            | Value::Percent(_)
                                    ) =>
                                {
                                    Shown::Written {
                                        span: node.span,
                                        value: Box::new(shown),
                                    }
                                }
                                _ => shown,
                            }
                        }
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
    pub(super) fn shown_node(&self, node: &Node) -> Shown {
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
    pub(super) fn shown_value(&self, value: &Computed<'d>, ty: &Type) -> Shown {
        match value {
            Computed::Bool(b) => Shown::Bool(*b),
            Computed::Number(n) => Shown::Number(*n),
            Computed::Percent(p) => Shown::Percent(*p),
            Computed::Quantity(q) => Shown::Quantity {
                amount: *q,
                unit: match ty {
                    Type::Quantity(d) => self.base_unit(*d),
                    _ => None,
                },
            },
            Computed::Text(t) => Shown::Text(t.to_string()),
            Computed::Date(d) => Shown::Date(*d),
            Computed::Enum(e) => Shown::Enum {
                ty: match ty {
                    Type::Enum(id) => Some(*id),
                    _ => None,
                },
                value: *e,
            },
            Computed::Record(_) => Shown::Record,
            Computed::Nodes(n) => Shown::Count(n.len()),
            Computed::Values(v) => Shown::Count(v.len()),
        }
    }

    pub(super) fn base_unit(&self, dimension: DimensionId) -> Option<UnitId> {
        self.plan.dimensions[dimension].units.first().copied()
    }

    /// Notes a value read; cheap, because most rules pass and their values are never shown.
    pub(super) fn record_fact(&mut self, node: &'d Node, field: Option<FieldRef>) {
        self.facts.push(Read { node, field });
    }

    /// The values read, once each, as labels and explanations show them.
    pub(super) fn facts_of(&self, reads: &[Read<'d>]) -> Vec<Fact> {
        let mut seen: Vec<Span> = Vec::with_capacity(reads.len());
        let mut out = Vec::with_capacity(reads.len());
        for read in reads {
            let node = read.node;
            if seen.contains(&node.span) {
                continue;
            }
            seen.push(node.span);
            out.push(Fact {
                span: node.span,
                pointer: node.pointer.to_string(),
                path: dotted(&node.pointer),
                value: self.shown_node(node),
                field: read.field,
            });
        }
        out
    }
}
