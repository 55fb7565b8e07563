//! Type checking of expressions: operators, comparisons and the types of arithmetic.

use super::*;

impl Resolver {
    pub(super) fn check_bool(&mut self, e: &ast::Expr, scope: &mut Scope, what: Said) -> Expr {
        let checked = self.check(e, scope, Some(&Type::Bool));
        if !matches!(checked.ty, Type::Bool | Type::Error) {
            let found = self.describe(&checked.ty);
            self.report(
                scope.file,
                Code::RulesTypeMismatch,
                Said::new(Word::NeedsCondition)
                    .with_said("what", what)
                    .with_said("found", found),
                checked.span,
                Said::new(Word::NotACondition),
                Said::new(Word::NeedsConditionHelp),
            );
            return invalid(checked.span);
        }
        checked
    }

    pub(super) fn mismatch(&mut self, file: usize, span: Span, message: Said, help: Word) -> Expr {
        let here = Said::new(Word::ValueHere);
        self.report(
            file,
            Code::RulesTypeMismatch,
            message,
            span,
            here,
            Said::new(help),
        );
        invalid(span)
    }

    /// Type-checks an expression; `hint` is the type the context expects (the other side of a
    /// comparison), which lets a bare enum value or a list take its type.
    ///
    /// It is long because it is one arm per form of expression; the larger arms are functions
    /// of their own.
    pub(super) fn check(&mut self, e: &ast::Expr, scope: &mut Scope, hint: Option<&Type>) -> Expr {
        let span = e.span;
        let file = scope.file;
        let make = |kind, ty| Expr { kind, ty, span };
        match &e.kind {
            // Refused by the syntax stage, which reported why.
            A::Invalid => invalid(span),
            A::Bool(b) => make(ExprKind::Literal(Literal::Bool(*b)), Type::Bool),
            A::Number(text) => self.number_literal(text, false, file, span),
            A::Percent(text) => self.number_literal(text, true, file, span),
            A::Quantity(q) => self.quantity_literal(q, file, span),
            A::Text(t) => make(ExprKind::Literal(Literal::Text(t.clone())), Type::Text),
            A::Date(text) => self.date_literal(text, file, span),
            A::List(items) => self.list_literal(items, scope, hint, span),
            A::Path(parts) => self.path(parts, scope, hint, span),
            A::Call { name, args } => self.call(name, args, scope, span),
            A::Aggregate {
                kind,
                var,
                list,
                filter,
                body,
            } => self.aggregate(
                *kind,
                var,
                list,
                filter.as_deref(),
                body.as_deref(),
                scope,
                span,
            ),
            A::Not(inner) => {
                let inner = self.check_bool(
                    inner,
                    scope,
                    Said::new(Word::Keyword).with("keyword", "not"),
                );
                make(ExprKind::Not(Box::new(inner)), Type::Bool)
            }
            A::Negate(inner) => self.negate(inner, scope, span),
            A::Binary {
                op: op @ (BinaryOp::And | BinaryOp::Or),
                left,
                right,
            } => {
                let word = if *op == BinaryOp::And { "and" } else { "or" };
                let word = Said::new(Word::Keyword).with("keyword", word);
                let left = self.check_bool(left, scope, word.clone());
                let right = self.check_bool(right, scope, word);
                make(
                    ExprKind::Binary {
                        op: *op,
                        left: Box::new(left),
                        right: Box::new(right),
                    },
                    Type::Bool,
                )
            }
            A::Binary { op, left, right } => {
                let left = self.check(left, scope, None);
                let right = self.check(right, scope, None);
                match self.arithmetic_type(*op, &left.ty, &right.ty) {
                    Ok(ty) => make(
                        ExprKind::Binary {
                            op: *op,
                            left: Box::new(left),
                            right: Box::new(right),
                        },
                        ty,
                    ),
                    Err((message, help)) => self.mismatch_code(file, span, message, help),
                }
            }
            A::Compare { op, left, right } => {
                let (left, right) = self.check_pair(left, right, scope);
                if let Err((message, help)) = self.comparable(*op, &left.ty, &right.ty) {
                    return self.mismatch_code(file, span, message, help);
                }
                make(
                    ExprKind::Compare {
                        op: *op,
                        left: Box::new(left),
                        right: Box::new(right),
                    },
                    Type::Bool,
                )
            }
            A::In { negated, item, set } => self.membership(*negated, item, set, scope, span),
        }
    }

    /// A number or percentage literal, exact; more digits than a rational holds is an error.
    fn number_literal(&mut self, text: &str, percent: bool, file: usize, span: Span) -> Expr {
        let parsed = Number::parse_decimal(text);
        let value = if percent {
            parsed.and_then(|n| n.checked_div(Number::from_int(100)))
        } else {
            parsed
        };
        let Some(n) = value else {
            let shown = if percent {
                format!("{text}%")
            } else {
                text.to_string()
            };
            return self.mismatch(
                file,
                span,
                Said::new(Word::NumberTooLong).with("number", shown),
                Word::NumberTooLongHelp,
            );
        };
        let (literal, ty) = match (percent, n.is_integer()) {
            (true, _) => (Literal::Percent(n), Type::Percent),
            (false, true) => (Literal::Number(n), Type::Integer),
            (false, false) => (Literal::Number(n), Type::Decimal),
        };
        Expr {
            kind: ExprKind::Literal(literal),
            ty,
            span,
        }
    }

    /// A quantity literal, converted exactly to its dimension's base unit.
    fn quantity_literal(&mut self, q: &ast::QuantityLit, file: usize, span: Span) -> Expr {
        let Some(unit) = self.lookup_unit(file, &q.unit) else {
            return invalid(span);
        };
        let value = Number::parse_decimal(&q.number)
            .and_then(|n| n.checked_mul(self.plan.units[unit].to_base));
        match value {
            Some(v) => Expr {
                kind: ExprKind::Literal(Literal::Quantity(v)),
                ty: Type::Quantity(self.plan.units[unit].dimension),
                span,
            },
            None => self.mismatch(
                file,
                span,
                Said::new(Word::NumberTooLong).with("number", &q.number),
                Word::NumberTooLongHelp,
            ),
        }
    }

    /// A date literal; one that is no calendar day is an error.
    fn date_literal(&mut self, text: &str, file: usize, span: Span) -> Expr {
        match Date::parse(text) {
            Some(d) => Expr {
                kind: ExprKind::Literal(Literal::Date(d)),
                ty: Type::Date,
                span,
            },
            None => {
                self.report(
                    file,
                    Code::RulesInvalidDate,
                    Said::new(Word::RulesNotDate).with("text", text),
                    span,
                    Said::new(Word::NoSuchDay),
                    Said::new(Word::RulesNotDateHelp),
                );
                invalid(span)
            }
        }
    }

    /// A written list: every item of one type, taken from the context when it gives one.
    fn list_literal(
        &mut self,
        items: &[ast::Expr],
        scope: &mut Scope,
        hint: Option<&Type>,
        span: Span,
    ) -> Expr {
        let file = scope.file;
        let item_hint = match hint {
            Some(Type::List(inner)) => Some((**inner).clone()),
            _ => None,
        };
        let checked: Vec<Expr> = items
            .iter()
            .map(|i| self.check(i, scope, item_hint.as_ref()))
            .collect();
        let mut item_type = item_hint.clone().unwrap_or(Type::Error);
        if let Some(first) = checked.iter().find(|c| c.ty != Type::Error) {
            item_type = first.ty.clone();
        }
        for item in &checked {
            if !item.ty.compatible(&item_type) {
                let (found, wanted) = (self.describe(&item.ty), self.describe(&item_type));
                self.report(
                    file,
                    Code::RulesTypeMismatch,
                    Said::new(Word::ListMixesTypes)
                        .with_said("wanted", wanted)
                        .with_said("found", found),
                    item.span,
                    Said::new(Word::OfAnotherType),
                    Said::new(Word::ListMixesTypesHelp),
                );
            }
        }
        Expr {
            kind: ExprKind::List(checked),
            ty: Type::List(Box::new(item_type)),
            span,
        }
    }

    /// Unary minus, on numbers, percentages and quantities.
    fn negate(&mut self, inner: &ast::Expr, scope: &mut Scope, span: Span) -> Expr {
        let file = scope.file;
        let make = |kind, ty| Expr { kind, ty, span };
        let inner = self.check(inner, scope, None);
        match inner.ty {
            Type::Integer | Type::Decimal | Type::Percent | Type::Quantity(_) | Type::Error => {
                let ty = inner.ty.clone();
                make(ExprKind::Negate(Box::new(inner)), ty)
            }
            _ => {
                let found = self.describe(&inner.ty);
                self.mismatch(
                    file,
                    span,
                    Said::new(Word::CannotNegate).with_said("found", found),
                    Word::CannotNegateHelp,
                )
            }
        }
    }

    /// `item in list` and `item not in list`; a bare enum value takes its type from the list.
    fn membership(
        &mut self,
        negated: bool,
        item: &ast::Expr,
        set: &ast::Expr,
        scope: &mut Scope,
        span: Span,
    ) -> Expr {
        let file = scope.file;
        let make = |kind, ty| Expr { kind, ty, span };
        let unresolved_item = self.is_unresolved_name(item, scope);
        let (item, set) = if unresolved_item {
            let set = self.check(set, scope, None);
            let hint = if let Type::List(inner) = &set.ty {
                Some((**inner).clone())
            } else {
                None
            };
            (self.check(item, scope, hint.as_ref()), set)
        } else {
            let item = self.check(item, scope, None);
            let hint = Type::List(Box::new(item.ty.clone()));
            (item, self.check(set, scope, Some(&hint)))
        };
        match &set.ty {
            Type::List(inner) if inner.compatible(&item.ty) => {}
            Type::Error => {}
            Type::List(inner) => {
                let (wanted, found) = (self.describe(&item.ty), self.describe(inner));
                return self.mismatch(
                    file,
                    span,
                    Said::new(Word::CannotLookFor)
                        .with_said("wanted", wanted)
                        .with_said("found", found),
                    Word::CannotLookForHelp,
                );
            }
            other => {
                let found = self.describe(other);
                return self.mismatch(
                    file,
                    set.span,
                    Said::new(Word::InNeedsList).with_said("found", found),
                    Word::InNeedsListHelp,
                );
            }
        }
        make(
            ExprKind::In {
                negated,
                item: Box::new(item),
                set: Box::new(set),
            },
            Type::Bool,
        )
    }

    pub(super) fn mismatch_code(
        &mut self,
        file: usize,
        span: Span,
        message: (Said, Code),
        help: Word,
    ) -> Expr {
        let (text, code) = message;
        let here = Said::new(Word::ValueHere);
        self.report(file, code, text, span, here, Said::new(help));
        invalid(span)
    }

    /// Checks both sides of a comparison, letting a bare enum value take its type from the other side.
    pub(super) fn check_pair(
        &mut self,
        left: &ast::Expr,
        right: &ast::Expr,
        scope: &mut Scope,
    ) -> (Expr, Expr) {
        if self.is_unresolved_name(left, scope) {
            let right = self.check(right, scope, None);
            let left = self.check(left, scope, Some(&right.ty.clone()));
            (left, right)
        } else {
            let left = self.check(left, scope, None);
            let right = self.check(right, scope, Some(&left.ty.clone()));
            (left, right)
        }
    }

    pub(super) fn is_unresolved_name(&self, e: &ast::Expr, scope: &Scope) -> bool {
        let A::Path(parts) = &e.kind else {
            return false;
        };
        let [only] = parts.as_slice() else {
            return false;
        };
        let name = only.text.as_str();
        scope.local(name).is_none()
            && scope
                .root
                .is_none_or(|r| self.plan.records[r].field(name).is_none())
            && !self.values.contains_key(name)
            && name != "check_date"
    }

    pub(super) fn arithmetic_type(
        &self,
        op: BinaryOp,
        left: &Type,
        right: &Type,
    ) -> Result<Type, ((Said, Code), Word)> {
        use Type::*;
        let number = |a: &Type, b: &Type| {
            if *a == Integer && *b == Integer {
                Integer
            } else {
                Decimal
            }
        };
        let result = match (op, left, right) {
            (_, Error, _) | (_, _, Error) => Some(Error),
            (BinaryOp::Add | BinaryOp::Sub, a, b) if a.is_numeric() && b.is_numeric() => {
                Some(number(a, b))
            }
            (BinaryOp::Add | BinaryOp::Sub, Percent, Percent) => Some(Percent),
            (BinaryOp::Add | BinaryOp::Sub, Quantity(a), Quantity(b)) if a == b => {
                Some(Quantity(*a))
            }
            (BinaryOp::Mul, a, b) if a.is_numeric() && b.is_numeric() => Some(number(a, b)),
            (BinaryOp::Mul, Percent, Percent) => Some(Percent),
            (BinaryOp::Mul, Percent, n) | (BinaryOp::Mul, n, Percent) if n.is_numeric() => {
                Some(Decimal)
            }
            (BinaryOp::Mul, Quantity(d), n) | (BinaryOp::Mul, n, Quantity(d))
                if n.is_numeric() || *n == Percent =>
            {
                Some(Quantity(*d))
            }
            (BinaryOp::Div, a, b) if a.is_numeric() && b.is_numeric() => Some(Decimal),
            (BinaryOp::Div, Quantity(a), Quantity(b)) if a == b => Some(Decimal),
            (BinaryOp::Div, Quantity(d), n) if n.is_numeric() => Some(Quantity(*d)),
            (BinaryOp::Div, Percent, n) if n.is_numeric() => Some(Percent),
            _ => None,
        };
        if let Some(ty) = result {
            return Ok(ty);
        }
        let (l, r) = (self.describe(left), self.describe(right));
        let symbol = match op {
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            _ => "/",
        };
        if let (Quantity(_), Quantity(_)) = (left, right) {
            return Err((
                (
                    Said::new(Word::CannotCombine)
                        .with_said("left", l)
                        .with_said("right", r)
                        .with("symbol", symbol),
                    Code::RulesDimensionMismatch,
                ),
                Word::CannotCombineHelp,
            ));
        }
        Err((
            (
                Said::new(Word::CannotCompute)
                    .with_said("left", l)
                    .with_said("right", r)
                    .with("symbol", symbol),
                Code::RulesTypeMismatch,
            ),
            Word::CannotComputeHelp,
        ))
    }

    pub(super) fn comparable(
        &self,
        op: CompareOp,
        left: &Type,
        right: &Type,
    ) -> Result<(), ((Said, Code), Word)> {
        use Type::*;
        let (l, r) = (self.describe(left), self.describe(right));
        if matches!(left, Error) || matches!(right, Error) {
            return Ok(());
        }
        if let (Quantity(a), Quantity(b)) = (left, right)
            && a != b
        {
            return Err((
                (
                    Said::new(Word::CannotCompareDimensions)
                        .with_said("left", l)
                        .with_said("right", r),
                    Code::RulesDimensionMismatch,
                ),
                Word::CannotCompareDimensionsHelp,
            ));
        }
        if !left.compatible(right) {
            let help = match (left, right) {
                (Percent, n) | (n, Percent) if n.is_numeric() => Word::WriteAsPercentage,
                (Quantity(_), n) | (n, Quantity(_)) if n.is_numeric() => Word::GiveNumberUnit,
                _ => Word::CompareOneType,
            };
            return Err((
                (
                    Said::new(Word::CannotCompare)
                        .with_said("left", l)
                        .with_said("right", r),
                    Code::RulesTypeMismatch,
                ),
                help,
            ));
        }
        let ordered = left.is_numeric()
            || matches!(left, Percent | Quantity(_) | Date)
            || matches!(left, Enum(e) if self.plan.enums[*e].ordered);
        if !matches!(op, CompareOp::Eq | CompareOp::Ne) && !ordered {
            return Err((
                (
                    Said::new(Word::NeedsOrder)
                        .with("symbol", op.symbol())
                        .with_said("left", l),
                    Code::RulesTypeMismatch,
                ),
                Word::NeedsOrderHelp,
            ));
        }
        if matches!(left, Record(_) | List(_)) {
            return Err((
                (
                    Said::new(Word::CannotCompareWhole).with_said("left", l),
                    Code::RulesTypeMismatch,
                ),
                Word::CompareOneField,
            ));
        }
        Ok(())
    }
}
