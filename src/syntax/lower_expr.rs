//! pest pairs to syntax-tree expressions, with the limits that keep later stages off the stack's end.

use super::*;

impl Lower {
    /// Lowers an expression, refusing one too deep for the later stages' recursion.
    pub(super) fn expr(&self, pair: Pair<'_, Rule>) -> Option<Expr> {
        // A level with a single child (a sum of one product …) adds nothing: step over it here
        // rather than recursing, so that nesting counts only what the author nested.
        let mut pair = pair;
        while is_expression_level(pair.as_rule()) {
            let mut children = significant(pair.clone());
            match (children.next(), children.next()) {
                (Some(only), None) if !matches!(only.as_rule(), Rule::negation | Rule::minus) => {
                    pair = only
                }
                _ => break,
            }
        }
        let span = self.span(&pair);
        let nesting = self.nesting.get() + 1;
        if nesting > MAX_NESTING {
            self.refuse(span);
            return Some(placeholder_expr(span));
        }
        self.nesting.set(nesting);
        let lowered = self.lower_expr(pair);
        self.nesting.set(nesting - 1);
        match lowered {
            // Depth is measured once, on the whole expression, as the outermost call returns.
            Some(e) if nesting == 1 && depth(&e) > MAX_DEPTH => {
                self.refuse(e.span);
                Some(placeholder_expr(e.span))
            }
            other => other,
        }
    }

    /// A pair the lowering does not know where the grammar allows it: a bug in planlint, reported
    /// as an internal error, with poison in its place.
    pub(super) fn internal(&self, pair: &Pair<'_, Rule>, what: &'static str) -> Expr {
        let span = self.span(pair);
        self.internal.borrow_mut().push((span, what));
        placeholder_expr(span)
    }

    pub(super) fn refuse(&self, span: Span) {
        let mut refused = self.too_deep.borrow_mut();
        if refused.is_empty() {
            refused.push(span);
        }
    }

    /// Lowers one expression pair.
    ///
    /// It is long because it is one arm per rule of the expression grammar; the larger arms
    /// are functions of their own.
    pub(super) fn lower_expr(&self, pair: Pair<'_, Rule>) -> Option<Expr> {
        let s = self.span(&pair);
        let rule = pair.as_rule();
        match rule {
            Rule::expr => self.expr(significant(pair).next()?),
            Rule::parenthesized => {
                let mut inner = self.expr(significant(pair).next()?)?;
                inner.span = s;
                Some(inner)
            }
            Rule::or_expr | Rule::and_expr => {
                let op = if rule == Rule::or_expr {
                    BinaryOp::Or
                } else {
                    BinaryOp::And
                };
                let mut operands = significant(pair);
                let first = operands.next()?;
                self.fold_chain(s, first, operands.map(|right| (op, right)))
            }
            Rule::not_expr => {
                let mut children: Vec<_> = significant(pair).collect();
                if children.len() == 2 && children[0].as_rule() == Rule::negation {
                    let inner = self.expr(children.pop()?)?;
                    Some(Expr {
                        kind: ExprKind::Not(Box::new(inner)),
                        span: s,
                    })
                } else {
                    self.expr(children.pop()?)
                }
            }
            Rule::comparison => self.comparison(pair, s),
            Rule::sum | Rule::product => {
                let mut children = significant(pair);
                let first = children.next()?;
                let mut rest = Vec::new();
                while let (Some(op), Some(right)) = (children.next(), children.next()) {
                    let Some(op) = binary_op(op.as_str()) else {
                        return Some(self.internal(&op, "an arithmetic operator"));
                    };
                    rest.push((op, right));
                }
                self.fold_chain(s, first, rest.into_iter())
            }
            Rule::unary => {
                let mut children: Vec<_> = significant(pair).collect();
                let operand = self.expr(children.pop()?)?;
                if children.is_empty() {
                    Some(operand)
                } else {
                    Some(Expr {
                        kind: ExprKind::Negate(Box::new(operand)),
                        span: s,
                    })
                }
            }
            Rule::date => Some(Expr {
                kind: ExprKind::Date(pair.as_str().to_string()),
                span: s,
            }),
            Rule::number => Some(Expr {
                kind: ExprKind::Number(pair.as_str().to_string()),
                span: s,
            }),
            Rule::percent => {
                let number = pair.into_inner().next()?.as_str().to_string();
                Some(Expr {
                    kind: ExprKind::Percent(number),
                    span: s,
                })
            }
            Rule::quantity => Some(Expr {
                kind: ExprKind::Quantity(self.quantity(pair)?),
                span: s,
            }),
            Rule::boolean => Some(Expr {
                kind: ExprKind::Bool(pair.as_str() == "true"),
                span: s,
            }),
            Rule::string => Some(Expr {
                kind: ExprKind::Text(self.text(&pair).value),
                span: s,
            }),
            Rule::list_literal => {
                let items = significant(pair)
                    .map(|p| self.expr(p))
                    .collect::<Option<Vec<_>>>()?;
                Some(Expr {
                    kind: ExprKind::List(items),
                    span: s,
                })
            }
            Rule::aggregate => self.aggregate(pair, s),
            Rule::call => {
                let mut children = significant(pair);
                let name = self.ident(&children.next()?);
                let args = children.map(|p| self.expr(p)).collect::<Option<Vec<_>>>()?;
                Some(Expr {
                    kind: ExprKind::Call { name, args },
                    span: s,
                })
            }
            Rule::path => {
                let parts = significant(pair).map(|p| self.ident(&p)).collect();
                Some(Expr {
                    kind: ExprKind::Path(parts),
                    span: s,
                })
            }
            _ => self.expr(significant(pair).next()?),
        }
    }

    /// A left-associative chain `a op b op c …`, refused past `MAX_CHAIN` operators so that no
    /// chain can exhaust the stack of the stages after this one.
    fn fold_chain<'a>(
        &self,
        span: Span,
        first: Pair<'a, Rule>,
        rest: impl Iterator<Item = (BinaryOp, Pair<'a, Rule>)>,
    ) -> Option<Expr> {
        let mut left = self.expr(first)?;
        for (count, (op, right)) in rest.enumerate() {
            if count >= MAX_CHAIN {
                self.refuse(span);
                return Some(placeholder_expr(span));
            }
            let right = self.expr(right)?;
            let whole = left.span.to(right.span);
            left = Expr {
                kind: ExprKind::Binary {
                    op,
                    left: Box::new(left),
                    right: Box::new(right),
                },
                span: whole,
            };
        }
        Some(left)
    }

    /// A comparison or membership test; a lone operand is the operand itself.
    fn comparison(&self, pair: Pair<'_, Rule>, s: Span) -> Option<Expr> {
        let mut children = significant(pair);
        let left = self.expr(children.next()?)?;
        let Some(op) = children.next() else {
            return Some(left);
        };
        let right = Box::new(self.expr(children.next()?)?);
        let left = Box::new(left);
        let kind = match op.as_rule() {
            Rule::in_op => ExprKind::In {
                negated: false,
                item: left,
                set: right,
            },
            Rule::not_in_op => ExprKind::In {
                negated: true,
                item: left,
                set: right,
            },
            _ => match compare_op(op.as_str()) {
                Some(compare) => ExprKind::Compare {
                    op: compare,
                    left,
                    right,
                },
                None => return Some(self.internal(&op, "a comparison")),
            },
        };
        Some(Expr { kind, span: s })
    }

    /// `count`, `any`, `all`, `sum`, `min`, `max` or `ratio` over a list, with an optional
    /// `where` filter and `:` body.
    fn aggregate(&self, pair: Pair<'_, Rule>, s: Span) -> Option<Expr> {
        let mut children = significant(pair);
        let function = children.next()?;
        let Some(kind) = aggregate_kind(function.as_str()) else {
            return Some(self.internal(&function, "an aggregate"));
        };
        let var = self.ident(&children.next()?);
        let list = Box::new(self.expr(children.next()?)?);
        let mut filter = None;
        let mut body = None;
        for child in children {
            let is_body = child.as_rule() == Rule::aggregate_body;
            let expr = Box::new(self.expr(significant(child).next()?)?);
            if is_body {
                body = Some(expr)
            } else {
                filter = Some(expr)
            }
        }
        Some(Expr {
            kind: ExprKind::Aggregate {
                kind,
                var,
                list,
                filter,
                body,
            },
            span: s,
        })
    }
}

/// The expression that stands where one was refused: poison, not a value.
pub(super) fn placeholder_expr(span: Span) -> Expr {
    Expr {
        kind: ExprKind::Invalid,
        span,
    }
}

/// The comparison a `compare_op` token spells; `None` only if the grammar and this table
/// disagree (a test holds them together).
pub(super) fn compare_op(text: &str) -> Option<CompareOp> {
    Some(match text {
        "<=" | "≤" => CompareOp::Le,
        ">=" | "≥" => CompareOp::Ge,
        "!=" | "≠" => CompareOp::Ne,
        "<" => CompareOp::Lt,
        ">" => CompareOp::Gt,
        "=" | "==" => CompareOp::Eq,
        _ => return None,
    })
}

/// The arithmetic an `add_op` or `mul_op` token spells.
pub(super) fn binary_op(text: &str) -> Option<BinaryOp> {
    Some(match text {
        "+" => BinaryOp::Add,
        "-" => BinaryOp::Sub,
        "*" | "×" => BinaryOp::Mul,
        "/" | "÷" => BinaryOp::Div,
        _ => return None,
    })
}

/// The aggregate an `aggregate_fn` token names.
pub(super) fn aggregate_kind(text: &str) -> Option<AggregateKind> {
    Some(match text {
        "count" => AggregateKind::Count,
        "any" => AggregateKind::Any,
        "all" => AggregateKind::All,
        "sum" => AggregateKind::Sum,
        "min" => AggregateKind::Min,
        "max" => AggregateKind::Max,
        "ratio" => AggregateKind::Ratio,
        _ => return None,
    })
}
