//! Expressions evaluated over a document, with Kleene logic where a field is missing.

use super::*;

impl<'p: 'd, 'd> Eval<'p, 'd> {
    pub(super) fn eval_bool(&mut self, e: &'p Expr) -> Result<bool, Stop<'d>> {
        // The forms that are truth values are decided here, without a value made for each
        // node and matched again by its parent: conditions are most of what rules evaluate.
        match &e.kind {
            ExprKind::Binary {
                op: op @ (BinaryOp::And | BinaryOp::Or),
                left,
                right,
            } => self.kleene(*op, left, right),
            ExprKind::Not(inner) => Ok(!self.eval_bool(inner)?),
            ExprKind::Compare { op, left, right } => {
                let (l, r) = (self.operand(left)?, self.operand(right)?);
                Ok(compare(*op, &l, &r)?)
            }
            ExprKind::In { negated, item, set } => self.membership(*negated, item, set),
            ExprKind::Given(inner) => self.presence(inner),
            ExprKind::Missing(inner) => Ok(!self.presence(inner)?),
            _ => match self.eval(e)? {
                Computed::Bool(b) => Ok(b),
                _ => Err(Uncomputable::Internal.into()),
            },
        }
    }

    pub(super) fn field(
        &mut self,
        record: &'d Record,
        record_node: Option<&'d Node>,
        field: usize,
    ) -> Evaluated<'d> {
        match record.fields.get(field).and_then(Option::as_ref) {
            Some(node) => {
                if !matches!(node.value, Value::Record(_) | Value::List(_)) {
                    self.record_fact(
                        node,
                        Some(FieldRef {
                            record: record.ty,
                            field,
                        }),
                    );
                }
                Ok(node_value(node))
            }
            None if matches!(self.plan.records[record.ty].fields[field].ty, Type::List(_)) => {
                Ok(Computed::Nodes(&[]))
            }
            None => Err(Missing {
                record: record_node,
                record_type: record.ty,
                field,
            }
            .into()),
        }
    }

    /// Evaluates an expression: one arm per form, the larger ones in functions of their own.
    pub(super) fn eval(&mut self, e: &'p Expr) -> Evaluated<'d> {
        Ok(match &e.kind {
            ExprKind::Literal(l) => literal_value(l),
            ExprKind::Local(slot) => self.local(*slot)?,
            ExprKind::Root(field) => {
                let record = self.doc.record();
                self.field(record, None, *field)?
            }
            ExprKind::Field { base, field } => self.field_of(base, *field)?,
            ExprKind::Param(i) => self.eval(&self.plan.params[*i].value)?,
            ExprKind::Call { define, args } => self.call(*define, args)?,
            ExprKind::Count(inner) => {
                let count = self.items(inner)?.count();
                // The list itself is what a count of it is about: a label points at it.
                if let Some(node) = self.node_of(inner) {
                    let field = self.list_field(inner);
                    self.record_fact(node, field);
                }
                Computed::Number(Number::from_int(count as i64))
            }
            ExprKind::CheckDate => Computed::Date(self.check_date),
            ExprKind::Builtin { function, args } => {
                let values = args
                    .iter()
                    .map(|a| self.eval(a))
                    .collect::<Result<Vec<_>, _>>()?;
                builtin(*function, &values)?
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
            ExprKind::Negate(inner) => match self.eval(inner)? {
                Computed::Number(n) => Computed::Number(n.negated()),
                Computed::Percent(n) => Computed::Percent(n.negated()),
                Computed::Quantity(n) => Computed::Quantity(n.negated()),
                other => other,
            },
            // The truth values are worked out by `eval_bool`, which never hands them back here.
            ExprKind::Given(_)
            | ExprKind::Missing(_)
            | ExprKind::Not(_)
            | ExprKind::Compare { .. }
            | ExprKind::In { .. }
            | ExprKind::Binary {
                op: BinaryOp::And | BinaryOp::Or,
                ..
            } => Computed::Bool(self.eval_bool(e)?),
            ExprKind::Binary { op, left, right } => {
                let (l, r) = (self.operand(left)?, self.operand(right)?);
                arithmetic(*op, l, r)?
            }
            // The plan had errors, so it is never evaluated; should it be, nothing stands in.
            ExprKind::Invalid => return Err(Uncomputable::Internal.into()),
        })
    }

    /// An operand of a comparison or of arithmetic: a written value is taken as it is, without
    /// a call, since most comparisons hold one (`capacity <= 35 t/h`).
    fn operand(&mut self, e: &'p Expr) -> Evaluated<'d> {
        match &e.kind {
            ExprKind::Literal(literal) => Ok(literal_value(literal)),
            _ => self.eval(e),
        }
    }

    /// Whether the document gives a field; only its absence is an answer, other stops pass on.
    fn presence(&mut self, field: &'p Expr) -> Result<bool, Stop<'d>> {
        match self.eval(field) {
            Ok(_) => Ok(true),
            Err(Stop::Missing(_)) => Ok(false),
            Err(other) => Err(other),
        }
    }

    /// A local: a `for each` item, an aggregate's item or a definition's argument.
    fn local(&mut self, slot: usize) -> Evaluated<'d> {
        match self.locals.get(self.base + slot).cloned().flatten() {
            Some((value, node)) => {
                // A list item read directly (a fuel in `fuels_used`) is a value the finding may point at.
                if let Some(node) =
                    node.filter(|n| !matches!(n.value, Value::Record(_) | Value::List(_)))
                {
                    self.record_fact(node, None);
                }
                Ok(value)
            }
            // Every local is bound before it is read; one that is not is a bug.
            None => Err(Uncomputable::Internal.into()),
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
            _ => Err(Uncomputable::Internal.into()),
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
                Err(stop) => {
                    self.locals.truncate(frame);
                    return Err(stop);
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
    fn kleene(&mut self, op: BinaryOp, left: &'p Expr, right: &'p Expr) -> Result<bool, Stop<'d>> {
        let decisive = op == BinaryOp::Or;
        let l = self.eval_bool(left);
        if matches!(l, Ok(v) if v == decisive) {
            return Ok(decisive);
        }
        let r = self.eval_bool(right);
        if matches!(r, Ok(v) if v == decisive) {
            return Ok(decisive);
        }
        l?;
        r?;
        Ok(!decisive)
    }

    /// `item in set`: a written list is compared item by item, without building it first.
    fn membership(
        &mut self,
        negated: bool,
        item: &'p Expr,
        set: &'p Expr,
    ) -> Result<bool, Stop<'d>> {
        let value = self.eval(item)?;
        if let ExprKind::List(choices) = &set.kind {
            let mut found = false;
            for choice in choices {
                // A written choice (an enum value, a number) is taken as it is: evaluating it
                // reads nothing. An enum against an enum value, the commonest test of all, is
                // an index compared.
                let equal = match (&value, &choice.kind) {
                    (Computed::Enum(v), ExprKind::Literal(Literal::Enum(_, c))) => v == c,
                    (_, ExprKind::Literal(literal)) => {
                        compare(CompareOp::Eq, &value, &literal_value(literal))?
                    }
                    _ => compare(CompareOp::Eq, &value, &self.eval(choice)?)?,
                };
                if equal {
                    found = true;
                    break;
                }
            }
            return Ok(found != negated);
        }
        let mut found = false;
        match self.eval(set)? {
            Computed::Values(values) => {
                for v in &values {
                    if compare(CompareOp::Eq, &value, v)? {
                        found = true;
                        break;
                    }
                }
            }
            Computed::Nodes(nodes) => {
                for n in nodes {
                    if compare(CompareOp::Eq, &value, &node_value(n))? {
                        found = true;
                        break;
                    }
                }
            }
            _ => return Err(Uncomputable::Internal.into()),
        }
        Ok(found != negated)
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

    pub(super) fn items(&mut self, list: &'p Expr) -> Result<Items<'d>, Stop<'d>> {
        Ok(match self.eval(list)? {
            Computed::Nodes(nodes) => Items::Nodes(nodes.iter()),
            Computed::Values(values) => Items::Values(values.into_iter()),
            _ => return Err(Uncomputable::Internal.into()),
        })
    }

    /// `count`, `any`, `all`, `sum`, `min`, `max` or `ratio` over a list. Only the values of the
    /// items that decide the answer are kept as facts, so labels point at them: an item's body
    /// values before its filter's, because the body is what is counted, summed or compared.
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
        let aggregate_start = self.facts.len();
        self.aggregate_depth += 1;
        for item in items {
            tally.items += 1;
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
                        // Whether the item is chosen is unknown; it is in no count.
                        tally.stop.get_or_insert(m);
                        continue;
                    }
                }
            }
            let filter_facts = self.facts.len() - facts_before;
            tally.chosen += 1;
            match self.aggregate_item(kind, body, &mut tally) {
                Keep::Item => self.facts[facts_before..].rotate_left(filter_facts),
                Keep::OnlyThis => {
                    self.facts[facts_before..].rotate_left(filter_facts);
                    self.facts.drain(aggregate_start..facts_before);
                }
                Keep::Nothing => self.facts.truncate(facts_before),
            }
        }
        self.aggregate_depth -= 1;
        if self.aggregate_depth == 0 && self.tallies.is_some() {
            let counted = Tally {
                kind,
                list: self.list_field(list),
                list_path: self
                    .node_of(list)
                    .map_or_else(String::new, |n| dotted(&n.pointer)),
                items: tally.items,
                chosen: tally.chosen,
                holding: tally.holding,
            };
            // A definition read several times counts the same list the same way each time: the
            // finding says it once.
            let tallies = self.tallies.get_or_insert_default();
            let same = |t: &Tally| {
                t.kind == counted.kind
                    && t.list_path == counted.list_path
                    && (t.items, t.chosen, t.holding)
                        == (counted.items, counted.chosen, counted.holding)
            };
            if !tallies.iter().any(same) {
                tallies.push(counted);
            }
        }
        tally.result(kind)
    }

    /// The declared list field an aggregate reads, if it reads one directly.
    fn list_field(&self, list: &Expr) -> Option<FieldRef> {
        match &list.kind {
            ExprKind::Root(field) => Some(FieldRef {
                record: self.doc.record().ty,
                field: *field,
            }),
            ExprKind::Field { base, field } => match &self.node_of(base)?.value {
                Value::Record(record) => Some(FieldRef {
                    record: record.ty,
                    field: *field,
                }),
                _ => None,
            },
            _ => None,
        }
    }

    /// Adds one chosen item to the tally, and says which values read so far decide the answer.
    fn aggregate_item(
        &mut self,
        kind: AggregateKind,
        body: Option<&'p Expr>,
        tally: &mut AggregateTally<'d>,
    ) -> Keep {
        let Some(body) = body.filter(|_| kind != AggregateKind::Count) else {
            tally.holding += 1;
            return match kind {
                // `any` with a filter only: its first chosen item is the witness.
                AggregateKind::Any if tally.holding == 1 => Keep::OnlyThis,
                AggregateKind::Any => Keep::Nothing,
                _ => Keep::Item,
            };
        };
        if matches!(
            kind,
            AggregateKind::Sum | AggregateKind::Min | AggregateKind::Max
        ) {
            return match self.eval(body) {
                // Every item decides a sum; only the least or greatest decides `min` or `max`.
                Ok(value) => match (tally.combine(kind, value), kind) {
                    (_, AggregateKind::Sum) => Keep::Item,
                    (true, _) => Keep::OnlyThis,
                    (false, _) => Keep::Nothing,
                },
                Err(m) => {
                    tally.unknown(m);
                    Keep::Item
                }
            };
        }
        match self.eval_bool(body) {
            Ok(true) => {
                tally.holding += 1;
                match kind {
                    // One witness decides `any`: the first, alone.
                    AggregateKind::Any if tally.holding == 1 => Keep::OnlyThis,
                    // Every item decides an `all` that holds, until one fails it.
                    AggregateKind::All if tally.failing == 0 => Keep::Item,
                    _ => Keep::Nothing,
                }
            }
            Ok(false) => {
                tally.failing += 1;
                match kind {
                    // Every item decides an `any` that fails, until one holds.
                    AggregateKind::Any if tally.holding == 0 => Keep::Item,
                    AggregateKind::Any => Keep::Nothing,
                    // The items that fail an `all` decide it, from the first one on.
                    AggregateKind::All if tally.failing == 1 => Keep::OnlyThis,
                    // A share falls short by the items that fail.
                    _ => Keep::Item,
                }
            }
            Err(m) => {
                tally.unknown(m);
                Keep::Item
            }
        }
    }
}

/// Which values an aggregate keeps after an item: the ones that decide its answer so far.
enum Keep {
    /// This item's values, beside the earlier items' kept ones.
    Item,
    /// This item's values, instead of every earlier item's.
    OnlyThis,
    /// None of this item's values.
    Nothing,
}

/// What an aggregate has seen so far.
#[derive(Default)]
struct AggregateTally<'d> {
    /// Items in the list.
    items: i64,
    /// Items that passed the filter.
    chosen: i64,
    /// Chosen items whose body holds (`any`, `all`, `ratio`), or every chosen item (`count`).
    holding: i64,
    /// Chosen items whose body is false.
    failing: i64,
    /// Chosen items whose body has no value (a missing field, an uncomputable value).
    unknown: i64,
    /// Why the first unknown item, or the first item whose filter has no value, has none.
    stop: Option<Stop<'d>>,
    /// The running sum, minimum or maximum.
    total: Option<Computed<'d>>,
}

impl<'d> AggregateTally<'d> {
    /// Folds one body value into the running sum, minimum or maximum; whether the value is now
    /// the least or greatest seen.
    fn combine(&mut self, kind: AggregateKind, value: Computed<'d>) -> bool {
        let (combined, replaced) = match self.total.take() {
            None => (Ok(value), true),
            Some(current) => match kind {
                AggregateKind::Sum => (arithmetic(BinaryOp::Add, current, value), false),
                AggregateKind::Min | AggregateKind::Max => {
                    let op = if kind == AggregateKind::Min {
                        CompareOp::Lt
                    } else {
                        CompareOp::Gt
                    };
                    match compare(op, &value, &current) {
                        Ok(true) => (Ok(value), true),
                        Ok(false) => (Ok(current), false),
                        Err(reason) => (Err(reason), false),
                    }
                }
                _ => (Err(Uncomputable::Internal), false),
            },
        };
        match combined {
            Ok(total) => self.total = Some(total),
            Err(reason) => self.unknown(reason.into()),
        }
        replaced
    }

    /// A chosen item whose body has no value: the aggregate may still be decided without it.
    fn unknown(&mut self, stop: Stop<'d>) {
        self.unknown += 1;
        self.stop.get_or_insert(stop);
    }

    /// The aggregate's value. Kleene logic again: one witness decides `any`, one
    /// counterexample decides `all`, even when another item lacks a field.
    fn result(self, kind: AggregateKind) -> Evaluated<'d> {
        match kind {
            AggregateKind::Any if self.holding > 0 => return Ok(Computed::Bool(true)),
            // A chosen item known to fail decides `all`, whatever the unknown ones would be.
            AggregateKind::All if self.holding + self.unknown < self.chosen => {
                return Ok(Computed::Bool(false));
            }
            _ => {}
        }
        if let Some(stop) = self.stop {
            return Err(stop);
        }
        let (holding, chosen) = (self.holding, self.chosen);
        Ok(match kind {
            AggregateKind::Count => Computed::Number(Number::from_int(holding)),
            AggregateKind::Any => Computed::Bool(holding > 0),
            AggregateKind::All => Computed::Bool(holding == chosen),
            AggregateKind::Ratio if chosen == 0 => return Err(Uncomputable::NoItems.into()),
            AggregateKind::Ratio => Computed::Percent(
                Number::new(holding as i128, chosen as i128).ok_or(Uncomputable::Overflow)?,
            ),
            // The sum of no items is zero; their least or greatest is nothing.
            AggregateKind::Sum => self.total.unwrap_or(Computed::Number(Number::ZERO)),
            AggregateKind::Min | AggregateKind::Max => self.total.ok_or(Uncomputable::NoItems)?,
        })
    }
}

/// A written value as evaluation computes with it.
fn literal_value<'p>(literal: &'p Literal) -> Computed<'p> {
    match literal {
        Literal::Bool(b) => Computed::Bool(*b),
        Literal::Number(n) => Computed::Number(*n),
        Literal::Percent(p) => Computed::Percent(*p),
        Literal::Quantity(q) => Computed::Quantity(*q),
        Literal::Text(t) => Computed::Text(Cow::Borrowed(t)),
        Literal::Date(d) => Computed::Date(*d),
        Literal::Enum(_, v) => Computed::Enum(*v),
    }
}
