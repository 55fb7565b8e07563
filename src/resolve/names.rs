//! Names in expressions: field paths, calls of definitions and built-ins, aggregates.

use super::builtins::{self, BuiltinKind};
use super::*;

impl Resolver {
    /// A dotted path: its head (a local, a field of the document, a parameter or definition,
    /// `check_date`, or an enum value the other side of a comparison expects), then its fields.
    pub(super) fn path(
        &mut self,
        parts: &[ast::Ident],
        scope: &mut Scope,
        hint: Option<&Type>,
        span: Span,
    ) -> Expr {
        let Some(head) = parts.first() else {
            return invalid(span);
        };
        let bare = parts.len() == 1;
        let mut current = match self.path_head(head, scope, hint, bare, span) {
            Ok(expr) => expr,
            Err(done) => return done,
        };
        for part in &parts[1..] {
            current = match self.field_of(current, part, scope.file, span) {
                Ok(expr) => expr,
                Err(done) => return done,
            };
        }
        current
    }

    /// The first name of a path. `Err` is the whole path's final answer: an enum literal, or
    /// the poison after a reported error.
    fn path_head(
        &mut self,
        head: &ast::Ident,
        scope: &Scope,
        hint: Option<&Type>,
        bare: bool,
        span: Span,
    ) -> Result<Expr, Expr> {
        let name = head.text.as_str();
        let at = |kind: ExprKind, ty: Type| Expr {
            kind,
            ty,
            span: head.span,
        };
        if let Some((slot, ty)) = scope.local(name) {
            return Ok(at(ExprKind::Local(slot), ty));
        }
        if let Some(root) = scope.root
            && let Some(field) = self.plan.records[root].field(name)
        {
            let ty = self.plan.records[root].fields[field].ty.clone();
            return Ok(at(ExprKind::Root(field), ty));
        }
        if let Some(&(value, _, _)) = self.values.get(name) {
            return self.value_name(value, head, scope.file, span);
        }
        if name == "check_date" {
            return Ok(at(ExprKind::CheckDate, Type::Date));
        }
        match hint {
            // The other side already failed; this bare name was probably an enum value of it.
            Some(Type::Error) if bare => Err(invalid(span)),
            Some(Type::Enum(e)) if bare => Err(self.enum_value(*e, head, scope.file, span)),
            _ => {
                self.unknown_name(head, scope, hint);
                Err(invalid(span))
            }
        }
    }

    /// A parameter, or a definition without parameters, named by a path's head.
    fn value_name(
        &mut self,
        value: ValueName,
        head: &ast::Ident,
        file: usize,
        span: Span,
    ) -> Result<Expr, Expr> {
        let name = head.text.as_str();
        let (kind, ty) = match value {
            ValueName::Param(i) => {
                self.used_params[i] = true;
                (ExprKind::Param(i), self.plan.params[i].value.ty.clone())
            }
            ValueName::Define(i) => {
                let arity = self.plan.defines[i].params.len();
                if arity > 0 {
                    self.report(
                        file,
                        Code::RulesArity,
                        Said::new(Word::DefinitionWithoutArguments)
                            .with("name", name)
                            .with("arity", arity),
                        head.span,
                        Said::new(Word::NoArguments),
                        Said::new(Word::CallItAs).with("name", name),
                    );
                    return Err(invalid(span));
                }
                self.used_defines[i] = true;
                let kind = ExprKind::Call {
                    define: i,
                    args: Vec::new(),
                };
                (kind, self.define_types[i].clone().unwrap_or(Type::Error))
            }
        };
        Ok(Expr {
            kind,
            ty,
            span: head.span,
        })
    }

    /// A bare name where a value of enum `e` is expected.
    fn enum_value(&mut self, e: EnumId, head: &ast::Ident, file: usize, span: Span) -> Expr {
        let name = head.text.as_str();
        let values = &self.plan.enums[e].values;
        if let Some(v) = values.iter().position(|v| v.name == name) {
            return Expr {
                kind: ExprKind::Literal(Literal::Enum(e, v)),
                ty: Type::Enum(e),
                span,
            };
        }
        let help = self.suggest(name, Word::WhatValues, |r| {
            r.plan.enums[e]
                .values
                .iter()
                .map(|v| v.name.clone())
                .collect()
        });
        let enum_name = self.plan.enums[e].name.clone();
        self.report(
            file,
            Code::RulesUnknownEnumValue,
            Said::new(Word::NotAnEnumValue)
                .with("name", name)
                .with("enum", enum_name),
            head.span,
            Said::new(Word::NotInTheEnum),
            help,
        );
        invalid(span)
    }

    /// Reports a path head that names nothing, suggesting the closest name in scope.
    fn unknown_name(&mut self, head: &ast::Ident, scope: &Scope, hint: Option<&Type>) {
        let help = self.suggest(&head.text, Word::WhatNames, |r| {
            let mut names: Vec<String> = scope.locals.iter().map(|(n, _, _)| n.clone()).collect();
            if let Some(root) = scope.root {
                names.extend(r.plan.records[root].fields.iter().map(|f| f.name.clone()));
            }
            names.extend(r.values.keys().cloned());
            if let Some(Type::Enum(e)) = hint {
                names.extend(r.plan.enums[*e].values.iter().map(|v| v.name.clone()));
            }
            names
        });
        self.report(
            scope.file,
            Code::RulesUnknownName,
            Said::new(Word::UnknownName).with("name", &head.text),
            head.span,
            Said::new(Word::NotDefinedHere),
            help,
        );
    }

    /// One `.field` step of a path. `Err` is the poison after a reported error.
    fn field_of(
        &mut self,
        current: Expr,
        part: &ast::Ident,
        file: usize,
        span: Span,
    ) -> Result<Expr, Expr> {
        let r = match &current.ty {
            Type::Record(r) => *r,
            Type::Error => return Err(invalid(span)),
            Type::List(_) => {
                return Err(self.mismatch(
                    file,
                    part.span,
                    Said::new(Word::FieldOfList).with("field", &part.text),
                    Word::FieldOfListHelp,
                ));
            }
            other => {
                let found = self.describe(other);
                return Err(self.mismatch(
                    file,
                    part.span,
                    Said::new(Word::FieldOfValue)
                        .with("field", &part.text)
                        .with_said("found", found),
                    Word::FieldOfValueHelp,
                ));
            }
        };
        let Some(field) = self.plan.records[r].field(&part.text) else {
            let help = self.suggest(&part.text, Word::WhatFields, |resolver| {
                resolver.plan.records[r]
                    .fields
                    .iter()
                    .map(|f| f.name.clone())
                    .collect()
            });
            let message = Said::new(Word::RecordHasNoField)
                .with("record", &self.plan.records[r].name)
                .with("field", &part.text);
            self.report(
                file,
                Code::RulesUnknownField,
                message,
                part.span,
                Said::new(Word::NoSuchField),
                help,
            );
            return Err(invalid(span));
        };
        let ty = self.plan.records[r].fields[field].ty.clone();
        let whole = current.span.to(part.span);
        Ok(Expr {
            kind: ExprKind::Field {
                base: Box::new(current),
                field,
            },
            ty,
            span: whole,
        })
    }

    /// A call: a built-in from the table, else a definition of the plan.
    pub(super) fn call(
        &mut self,
        name: &ast::Ident,
        args: &[ast::Expr],
        scope: &mut Scope,
        span: Span,
    ) -> Expr {
        let builtin = builtins::find(&name.text)
            .filter(|b| !b.shadowable || !self.values.contains_key(b.name));
        let Some(builtin) = builtin else {
            return self.define_call(name, args, scope, span);
        };
        if args.len() != builtin.arity {
            return self.arity_error(scope.file, name, builtin.arity, args.len(), span);
        }
        match builtin.kind {
            BuiltinKind::Presence { given } => self.presence(name, given, &args[0], scope, span),
            BuiltinKind::Count => self.count_call(&args[0], scope, span),
            BuiltinKind::Calendar(function) => {
                self.calendar_call(name, function, args, scope, span)
            }
            BuiltinKind::Share => self.calendar_call(name, Builtin::Share, args, scope, span),
        }
    }

    fn arity_error(
        &mut self,
        file: usize,
        name: &ast::Ident,
        wanted: usize,
        given: usize,
        span: Span,
    ) -> Expr {
        self.report(
            file,
            Code::RulesArity,
            Said::new(Word::WrongArity)
                .with("name", &name.text)
                .with("wanted", wanted)
                .with("given", given),
            span,
            Said::new(Word::WrongNumberOfArguments),
            Said::new(Word::WrongArityHelp)
                .with("name", &name.text)
                .with("wanted", wanted),
        );
        invalid(span)
    }

    /// `given(field)` or `missing(field)`: the argument must be a field of the document.
    fn presence(
        &mut self,
        name: &ast::Ident,
        given: bool,
        arg: &ast::Expr,
        scope: &mut Scope,
        span: Span,
    ) -> Expr {
        let inner = self.check(arg, scope, None);
        if !matches!(
            inner.kind,
            ExprKind::Root(_) | ExprKind::Field { .. } | ExprKind::Invalid
        ) {
            return self.mismatch(
                scope.file,
                inner.span,
                Said::new(Word::NeedsDocumentField).with("name", &name.text),
                Word::NeedsDocumentFieldHelp,
            );
        }
        let kind = if given {
            ExprKind::Given(Box::new(inner))
        } else {
            ExprKind::Missing(Box::new(inner))
        };
        Expr {
            kind,
            ty: Type::Bool,
            span,
        }
    }

    fn count_call(&mut self, arg: &ast::Expr, scope: &mut Scope, span: Span) -> Expr {
        let inner = self.check(arg, scope, None);
        if !matches!(inner.ty, Type::List(_) | Type::Error) {
            let found = self.describe(&inner.ty);
            return self.mismatch(
                scope.file,
                inner.span,
                Said::new(Word::CountNeedsList).with_said("found", found),
                Word::NameAListField,
            );
        }
        Expr {
            kind: ExprKind::Count(Box::new(inner)),
            ty: Type::Integer,
            span,
        }
    }

    /// The calendar functions on dates and `share` on two numbers or like quantities.
    fn calendar_call(
        &mut self,
        name: &ast::Ident,
        function: Builtin,
        args: &[ast::Expr],
        scope: &mut Scope,
        span: Span,
    ) -> Expr {
        let checked: Vec<Expr> = args.iter().map(|a| self.check(a, scope, None)).collect();
        let fits = match function {
            Builtin::Share => {
                let (a, b) = (&checked[0].ty, &checked[1].ty);
                (a.is_numeric() && b.is_numeric())
                    || matches!((a, b), (Type::Quantity(x), Type::Quantity(y)) if x == y)
                    || a == &Type::Error
                    || b == &Type::Error
            }
            _ => checked
                .iter()
                .all(|c| matches!(c.ty, Type::Date | Type::Error)),
        };
        if !fits {
            let wanted = if function == Builtin::Share {
                Word::TakesTwoNumbers
            } else {
                Word::TakesDates
            };
            return self.mismatch(
                scope.file,
                span,
                Said::new(wanted).with("name", &name.text),
                Word::SeeBuiltins,
            );
        }
        let ty = if function == Builtin::Share {
            Type::Percent
        } else {
            Type::Integer
        };
        Expr {
            kind: ExprKind::Builtin {
                function,
                args: checked,
            },
            ty,
            span,
        }
    }

    /// A call of one of the plan's definitions, each argument checked against its parameter.
    fn define_call(
        &mut self,
        name: &ast::Ident,
        args: &[ast::Expr],
        scope: &mut Scope,
        span: Span,
    ) -> Expr {
        let file = scope.file;
        let callee = name.text.as_str();
        let Some(&(ValueName::Define(i), _, _)) = self.values.get(callee) else {
            let help = self.suggest(callee, Word::WhatDefinitions, |r| {
                let mut names: Vec<String> =
                    r.plan.defines.iter().map(|d| d.name.clone()).collect();
                names.extend(builtins::BUILTINS.iter().map(|b| b.name.to_string()));
                names
            });
            self.report(
                file,
                Code::RulesUnknownName,
                Said::new(Word::UnknownDefinition).with("name", callee),
                name.span,
                Said::new(Word::NotDefined),
                help,
            );
            return invalid(span);
        };
        self.used_defines[i] = true;
        let wanted = self.plan.defines[i].params.clone();
        if wanted.len() != args.len() {
            return self.arity_error(file, name, wanted.len(), args.len(), span);
        }
        let mut checked = Vec::new();
        for (arg, (param, ty)) in args.iter().zip(&wanted) {
            let value = self.check(arg, scope, Some(ty));
            if !value.ty.compatible(ty) {
                let (w, f) = (self.describe(ty), self.describe(&value.ty));
                self.report(
                    file,
                    Code::RulesTypeMismatch,
                    Said::new(Word::ArgumentType)
                        .with("param", param)
                        .with("callee", callee)
                        .with_said("wanted", w)
                        .with_said("found", f),
                    value.span,
                    Said::new(Word::WrongType),
                    Said::new(Word::ArgumentTypeHelp),
                );
            }
            checked.push(value);
        }
        let ty = self.define_types[i].clone().unwrap_or(Type::Error);
        Expr {
            kind: ExprKind::Call {
                define: i,
                args: checked,
            },
            ty,
            span,
        }
    }

    /// An aggregate over a list, its variable bound while its filter and body are checked.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn aggregate(
        &mut self,
        kind: AggregateKind,
        var: &ast::Ident,
        list: &ast::Expr,
        filter: Option<&ast::Expr>,
        body: Option<&ast::Expr>,
        scope: &mut Scope,
        span: Span,
    ) -> Expr {
        let file = scope.file;
        let list = self.check(list, scope, None);
        let item = self.list_item_type(
            Said::new(Word::Keyword).with("keyword", kind.name()),
            &list,
            file,
        );
        let slot = scope.bind(&var.text, item);
        let filter = filter.map(|f| {
            Box::new(self.check_bool(f, scope, Said::new(Word::Keyword).with("keyword", "where")))
        });
        let body_needed = !matches!(kind, AggregateKind::Count | AggregateKind::Any);
        let checked_body = match (body, kind) {
            (Some(b), AggregateKind::Any | AggregateKind::All | AggregateKind::Ratio) => {
                Some(Box::new(self.check_bool(
                    b,
                    scope,
                    Said::new(Word::BodyOf).with("name", kind.name()),
                )))
            }
            (Some(b), AggregateKind::Count) => {
                self.report(
                    file,
                    Code::RulesArity,
                    Said::new(Word::CountTakesNoBody),
                    b.span,
                    Said::new(Word::RemoveThis),
                    Said::new(Word::CountTakesNoBodyHelp),
                );
                None
            }
            (Some(b), _) => Some(Box::new(self.check(b, scope, None))),
            (None, _) => None,
        };
        scope.unbind();
        if body_needed && checked_body.is_none() {
            let example = match kind {
                AggregateKind::Ratio => "ratio(v in vehicles where v.is_new: v.is_electric)",
                AggregateKind::All => "all(b in boilers: b.retrofitted)",
                _ => "sum(b in boilers: b.capacity)",
            };
            self.report(
                file,
                Code::RulesArity,
                Said::new(Word::NeedsBody).with("name", kind.name()),
                span,
                Said::new(Word::NoBody),
                Said::new(Word::ForExample).with("example", example),
            );
            return invalid(span);
        }
        let ty = match self.aggregate_type(kind, checked_body.as_deref(), file) {
            Ok(ty) => ty,
            Err(poison) => return poison,
        };
        Expr {
            kind: ExprKind::Aggregate {
                kind,
                slot,
                list: Box::new(list),
                filter,
                body: checked_body,
            },
            ty,
            span,
        }
    }

    /// The type of the items of a list that `what` (`for each`, an aggregate) walks; reported
    /// when it is no list.
    pub(super) fn list_item_type(&mut self, what: Said, list: &Expr, file: usize) -> Type {
        match &list.ty {
            Type::List(item) => (**item).clone(),
            Type::Error => Type::Error,
            other => {
                let found = self.describe(other);
                self.report(
                    file,
                    Code::RulesTypeMismatch,
                    Said::new(Word::NeedsList)
                        .with_said("what", what)
                        .with_said("found", found),
                    list.span,
                    Said::new(Word::NotListLabel),
                    Said::new(Word::NeedsListHelp),
                );
                Type::Error
            }
        }
    }

    /// What an aggregate gives: a count, a truth, a share, or its body's number, quantity or
    /// date. `Err` is the poison after a reported error.
    fn aggregate_type(
        &mut self,
        kind: AggregateKind,
        body: Option<&Expr>,
        file: usize,
    ) -> Result<Type, Expr> {
        Ok(match (kind, body) {
            (AggregateKind::Count, _) => Type::Integer,
            (AggregateKind::Any | AggregateKind::All, _) => Type::Bool,
            (AggregateKind::Ratio, _) => Type::Percent,
            (_, Some(b)) => match &b.ty {
                t @ (Type::Integer
                | Type::Decimal
                | Type::Percent
                | Type::Quantity(_)
                | Type::Error) => t.clone(),
                Type::Date if kind != AggregateKind::Sum => Type::Date,
                other => {
                    let found = self.describe(other);
                    return Err(self.mismatch(
                        file,
                        b.span,
                        Said::new(Word::AggregateNeedsNumbers)
                            .with("name", kind.name())
                            .with_said("found", found),
                        Word::AggregateNumericField,
                    ));
                }
            },
            (_, None) => Type::Error,
        })
    }
}
