//! Expressions evaluated over a document, with Kleene logic where a field is missing.

use super::*;

impl<'p, 'd> Eval<'p, 'd> {
    pub(super) fn eval_bool(&mut self, e: &'p Expr) -> Result<bool, Missing<'d>> {
        match self.eval(e)? {
            Computed::Bool(b) => Ok(b),
            _ => Ok(false),
        }
    }

    pub(super) fn field(
        &mut self,
        record: &'d Record,
        record_node: Option<&'d Node>,
        field: usize,
    ) -> Evaluated<'d> {
        let declared = &self.plan.records[record.ty].fields[field];
        match record.fields.get(field).and_then(Option::as_ref) {
            Some(node) => {
                if !matches!(node.value, Value::Record(_) | Value::List(_)) {
                    self.record_fact(node);
                }
                Ok(node_value(node))
            }
            None if matches!(declared.ty, Type::List(_)) => Ok(Computed::Nodes(&[])),
            None => Err(Missing {
                record: record_node,
                record_type: record.ty,
                field,
            }),
        }
    }

    /// Evaluates an expression: one arm per form, the larger ones in functions of their own.
    pub(super) fn eval(&mut self, e: &'p Expr) -> Evaluated<'d> {
        Ok(match &e.kind {
            ExprKind::Literal(l) => match l {
                Literal::Bool(b) => Computed::Bool(*b),
                Literal::Number(n) => Computed::Number(*n),
                Literal::Percent(p) => Computed::Percent(*p),
                Literal::Quantity(q) => Computed::Quantity(*q),
                Literal::Text(t) => Computed::Text(Cow::Owned(t.clone())),
                Literal::Date(d) => Computed::Date(*d),
                Literal::Enum(_, v) => Computed::Enum(*v),
            },
            ExprKind::Local(slot) => self.local(*slot),
            ExprKind::Root(field) => {
                let record = self.doc.record();
                self.field(record, None, *field)?
            }
            ExprKind::Field { base, field } => self.field_of(base, *field)?,
            ExprKind::Param(i) => self.eval(&self.plan.params[*i].value)?,
            ExprKind::Call { define, args } => self.call(*define, args)?,
            ExprKind::Given(inner) => Computed::Bool(self.eval(inner).is_ok()),
            ExprKind::Missing(inner) => Computed::Bool(self.eval(inner).is_err()),
            ExprKind::Count(inner) => {
                Computed::Number(Number::from_int(self.items(inner)?.count() as i64))
            }
            ExprKind::CheckDate => Computed::Date(self.check_date),
            ExprKind::Builtin { function, args } => {
                let values = args
                    .iter()
                    .map(|a| self.eval(a))
                    .collect::<Result<Vec<_>, _>>()?;
                builtin(*function, &values)
            }
            ExprKind::List(items) => Computed::Values(
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
            ExprKind::Not(inner) => Computed::Bool(!self.eval_bool(inner)?),
            ExprKind::Negate(inner) => match self.eval(inner)? {
                Computed::Number(n) => Computed::Number(n.negated()),
                Computed::Percent(n) => Computed::Percent(n.negated()),
                Computed::Quantity(n) => Computed::Quantity(n.negated()),
                other => other,
            },
            ExprKind::Binary {
                op: op @ (BinaryOp::And | BinaryOp::Or),
                left,
                right,
            } => self.kleene(*op, left, right)?,
            ExprKind::Binary { op, left, right } => {
                let (l, r) = (self.eval(left)?, self.eval(right)?);
                arithmetic(*op, l, r)
            }
            ExprKind::Compare { op, left, right } => {
                let (l, r) = (self.eval(left)?, self.eval(right)?);
                Computed::Bool(compare(*op, &l, &r))
            }
            ExprKind::In { negated, item, set } => self.membership(*negated, item, set)?,
            ExprKind::Invalid => Computed::Bool(false),
        })
    }

    /// A local: a `for each` item, an aggregate's item or a definition's argument.
    fn local(&mut self, slot: usize) -> Computed<'d> {
        match self.locals.get(self.base + slot).cloned().flatten() {
            Some((value, node)) => {
                // A list item read directly (a fuel in `fuels_used`) is a value the finding may point at.
                if let Some(node) =
                    node.filter(|n| !matches!(n.value, Value::Record(_) | Value::List(_)))
                {
                    self.record_fact(node);
                }
                value
            }
            None => Computed::Bool(false),
        }
    }

    /// A field of a record. A record the document gives is reached through its node, without
    /// evaluating the path to it a second time.
    fn field_of(&mut self, base: &'p Expr, field: usize) -> Evaluated<'d> {
        if let Some(node) = self.node_of(base)
            && let Value::Record(record) = &node.value
        {
            return self.field(record, Some(node), field);
        }
        match self.eval(base)? {
            Computed::Record(record) => self.field(record, None, field),
            _ => Ok(Computed::Bool(false)),
        }
    }

    /// A call of a definition. The callee's frame goes on top of the caller's locals: no
    /// allocation per call.
    fn call(&mut self, define: usize, args: &'p [Expr]) -> Evaluated<'d> {
        let definition = &self.plan.defines[define];
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
        result
    }

    /// `and` and `or` in Kleene logic: a side that decides (false for `and`, true for `or`)
    /// decides even when the other side is missing.
    fn kleene(&mut self, op: BinaryOp, left: &'p Expr, right: &'p Expr) -> Evaluated<'d> {
        let decisive = op == BinaryOp::Or;
        let l = self.eval_bool(left);
        if matches!(l, Ok(v) if v == decisive) {
            return Ok(Computed::Bool(decisive));
        }
        let r = self.eval_bool(right);
        if matches!(r, Ok(v) if v == decisive) {
            return Ok(Computed::Bool(decisive));
        }
        l?;
        r?;
        Ok(Computed::Bool(!decisive))
    }

    /// `item in set`: a written list is compared item by item, without building it first.
    fn membership(&mut self, negated: bool, item: &'p Expr, set: &'p Expr) -> Evaluated<'d> {
        let value = self.eval(item)?;
        if let ExprKind::List(choices) = &set.kind {
            let mut found = false;
            for choice in choices {
                if compare(CompareOp::Eq, &value, &self.eval(choice)?) {
                    found = true;
                    break;
                }
            }
            return Ok(Computed::Bool(found != negated));
        }
        let found = match self.eval(set)? {
            Computed::Values(values) => values.iter().any(|v| compare(CompareOp::Eq, &value, v)),
            Computed::Nodes(nodes) => nodes
                .iter()
                .any(|n| compare(CompareOp::Eq, &value, &node_value(n))),
            _ => false,
        };
        Ok(Computed::Bool(found != negated))
    }

    /// The submission node an expression reads directly, if any (for spans and pointers).
    pub(super) fn node_of(&self, e: &Expr) -> Option<&'d Node> {
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

    pub(super) fn items(&mut self, list: &'p Expr) -> Result<Items<'d>, Missing<'d>> {
        Ok(match self.eval(list)? {
            Computed::Nodes(nodes) => Items::Nodes(nodes.iter()),
            Computed::Values(values) => Items::Values(values.into_iter()),
            _ => Items::Values(Vec::new().into_iter()),
        })
    }

    /// `count`, `any`, `all`, `sum`, `min`, `max` or `ratio` over a list. Only the values of the
    /// items that decide the answer are kept as facts, so labels point at them.
    pub(super) fn aggregate(
        &mut self,
        kind: AggregateKind,
        slot: usize,
        list: &'p Expr,
        filter: Option<&'p Expr>,
        body: Option<&'p Expr>,
    ) -> Evaluated<'d> {
        let items = self.items(list)?;
        let mut tally = AggregateTally::default();
        for item in items {
            let at = self.base + slot;
            if self.locals.len() <= at {
                self.locals.resize(at + 1, None);
            }
            self.locals[at] = Some(item);
            let facts_before = self.facts.len();
            if let Some(filter) = filter {
                match self.eval_bool(filter) {
                    Ok(true) => {}
                    Ok(false) => {
                        self.facts.truncate(facts_before);
                        continue;
                    }
                    Err(m) => {
                        tally.missing.get_or_insert(m);
                        continue;
                    }
                }
            }
            tally.chosen += 1;
            if !self.aggregate_item(kind, body, &mut tally) {
                self.facts.truncate(facts_before);
            }
        }
        tally.result(kind)
    }

    /// Adds one chosen item to the tally; whether its values decide the answer.
    fn aggregate_item(
        &mut self,
        kind: AggregateKind,
        body: Option<&'p Expr>,
        tally: &mut AggregateTally<'d>,
    ) -> bool {
        match (kind, body) {
            (AggregateKind::Count, _) | (AggregateKind::Any, None) => {
                tally.holding += 1;
                true
            }
            (AggregateKind::Any | AggregateKind::All | AggregateKind::Ratio, Some(body)) => {
                match self.eval_bool(body) {
                    Ok(true) => {
                        tally.holding += 1;
                        kind == AggregateKind::Any
                    }
                    Ok(false) => kind != AggregateKind::Any,
                    Err(m) => {
                        tally.missing.get_or_insert(m);
                        true
                    }
                }
            }
            (_, Some(body)) => {
                match self.eval(body) {
                    Ok(value) => tally.combine(kind, value),
                    Err(m) => {
                        tally.missing.get_or_insert(m);
                    }
                }
                true
            }
            (_, None) => true,
        }
    }
}

/// What an aggregate has seen so far.
#[derive(Default)]
struct AggregateTally<'d> {
    /// Items that passed the filter.
    chosen: i64,
    /// Chosen items whose body holds (`any`, `all`, `ratio`), or every chosen item (`count`).
    holding: i64,
    /// The first chosen item whose body needed a missing field.
    missing: Option<Missing<'d>>,
    /// The running sum, minimum or maximum.
    total: Option<Computed<'d>>,
}

impl<'d> AggregateTally<'d> {
    /// Folds one body value into the running sum, minimum or maximum.
    fn combine(&mut self, kind: AggregateKind, value: Computed<'d>) {
        self.total = Some(match self.total.take() {
            None => value,
            Some(current) => match kind {
                AggregateKind::Sum => arithmetic(BinaryOp::Add, current, value),
                AggregateKind::Min if compare(CompareOp::Lt, &value, &current) => value,
                AggregateKind::Max if compare(CompareOp::Gt, &value, &current) => value,
                _ => current,
            },
        });
    }

    /// The aggregate's value. Kleene logic again: one witness decides `any`, one
    /// counterexample decides `all`, even when another item lacks a field.
    fn result(self, kind: AggregateKind) -> Evaluated<'d> {
        match kind {
            AggregateKind::Any if self.holding > 0 => return Ok(Computed::Bool(true)),
            AggregateKind::All if self.holding < self.chosen - self.missing.is_some() as i64 => {
                return Ok(Computed::Bool(false));
            }
            _ => {}
        }
        if let Some(missing) = self.missing {
            return Err(missing);
        }
        let (holding, chosen) = (self.holding, self.chosen);
        Ok(match kind {
            AggregateKind::Count => Computed::Number(Number::from_int(holding)),
            AggregateKind::Any => Computed::Bool(holding > 0),
            AggregateKind::All => Computed::Bool(holding == chosen),
            AggregateKind::Ratio => Computed::Percent(
                Number::new(holding as i128, chosen.max(1) as i128).unwrap_or(Number::ZERO),
            ),
            AggregateKind::Sum | AggregateKind::Min | AggregateKind::Max => {
                self.total.unwrap_or(Computed::Number(Number::ZERO))
            }
        })
    }
}
