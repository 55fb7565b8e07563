//! Names in expressions: field paths, calls of definitions and built-ins, aggregates.

use super::*;

impl Resolver {
    pub(super) fn path(
        &mut self,
        parts: &[ast::Ident],
        scope: &mut Scope,
        hint: Option<&Type>,
        span: Span,
    ) -> Expr {
        let file = scope.file;
        let Some(head) = parts.first() else {
            return invalid(span);
        };
        let name = head.text.as_str();
        let mut current = if let Some((slot, ty)) = scope.local(name) {
            Expr {
                kind: ExprKind::Local(slot),
                ty,
                span: head.span,
            }
        } else if let Some(field) = scope.root.and_then(|r| self.plan.records[r].field(name)) {
            let ty = self.plan.records[scope.root.unwrap_or_default()].fields[field]
                .ty
                .clone();
            Expr {
                kind: ExprKind::Root(field),
                ty,
                span: head.span,
            }
        } else if let Some(&(value, _, _)) = self.values.get(name) {
            match value {
                ValueName::Param(i) => {
                    self.used_params[i] = true;
                    let ty = self.plan.params[i].value.ty.clone();
                    Expr {
                        kind: ExprKind::Param(i),
                        ty,
                        span: head.span,
                    }
                }
                ValueName::Define(i) => {
                    if !self.plan.defines[i].params.is_empty() {
                        let arity = self.plan.defines[i].params.len();
                        self.report(
                            file,
                            Code::RulesArity,
                            format!(
                                "definition `{name}` takes {arity} argument(s), and none are given"
                            ),
                            head.span,
                            "no arguments",
                            format!("call it as `{name}(…)`"),
                        );
                        return invalid(span);
                    }
                    self.used_defines[i] = true;
                    let ty = self.define_types[i].clone().unwrap_or(Type::Error);
                    Expr {
                        kind: ExprKind::Call {
                            define: i,
                            args: Vec::new(),
                        },
                        ty,
                        span: head.span,
                    }
                }
            }
        } else if name == "check_date" {
            Expr {
                kind: ExprKind::CheckDate,
                ty: Type::Date,
                span: head.span,
            }
        } else if matches!(hint, Some(Type::Error)) && parts.len() == 1 {
            // The other side already failed; this bare name was probably an enum value of it.
            return invalid(span);
        } else if let (Some(Type::Enum(e)), 1) = (hint, parts.len()) {
            let e = *e;
            match self.plan.enums[e]
                .values
                .iter()
                .position(|v| v.name == name)
            {
                Some(v) => {
                    return Expr {
                        kind: ExprKind::Literal(Literal::Enum(e, v)),
                        ty: Type::Enum(e),
                        span,
                    };
                }
                None => {
                    let values: Vec<String> = self.plan.enums[e]
                        .values
                        .iter()
                        .map(|v| v.name.clone())
                        .collect();
                    let help = help_for(name, values.iter().map(String::as_str), "values");
                    let enum_name = self.plan.enums[e].name.clone();
                    self.report(
                        file,
                        Code::RulesUnknownEnumValue,
                        format!("`{name}` is not a value of `{enum_name}`"),
                        head.span,
                        "not in the enum",
                        help,
                    );
                    return invalid(span);
                }
            }
        } else {
            let mut names: Vec<String> = scope.locals.iter().map(|(n, _, _)| n.clone()).collect();
            if let Some(r) = scope.root {
                names.extend(self.plan.records[r].fields.iter().map(|f| f.name.clone()));
            }
            names.extend(self.values.keys().cloned());
            if let Some(Type::Enum(e)) = hint {
                names.extend(self.plan.enums[*e].values.iter().map(|v| v.name.clone()));
            }
            let help = help_for(name, names.iter().map(String::as_str), "names");
            self.report(
                file,
                Code::RulesUnknownName,
                format!("unknown name `{name}`"),
                head.span,
                "not defined here",
                help,
            );
            return invalid(span);
        };
        for part in &parts[1..] {
            match &current.ty {
                Type::Record(r) => {
                    let r = *r;
                    match self.plan.records[r].field(&part.text) {
                        Some(field) => {
                            let ty = self.plan.records[r].fields[field].ty.clone();
                            let whole = current.span.to(part.span);
                            current = Expr {
                                kind: ExprKind::Field {
                                    base: Box::new(current),
                                    field,
                                },
                                ty,
                                span: whole,
                            };
                        }
                        None => {
                            let record = self.plan.records[r].name.clone();
                            let names: Vec<String> = self.plan.records[r]
                                .fields
                                .iter()
                                .map(|f| f.name.clone())
                                .collect();
                            let help =
                                help_for(&part.text, names.iter().map(String::as_str), "fields");
                            self.report(
                                file,
                                Code::RulesUnknownField,
                                format!("`{record}` has no field `{}`", part.text),
                                part.span,
                                "no such field",
                                help,
                            );
                            return invalid(span);
                        }
                    }
                }
                Type::Error => return invalid(span),
                Type::List(_) => {
                    return self.mismatch(
                        file,
                        part.span,
                        format!("cannot take field `{}` of a list", part.text),
                        "use an aggregate such as `any(x in list: x.field …)` or `for each`",
                    );
                }
                other => {
                    let found = other.describe(&self.plan);
                    return self.mismatch(
                        file,
                        part.span,
                        format!("cannot take field `{}` of {found}", part.text),
                        "only records have fields",
                    );
                }
            }
        }
        current
    }

    pub(super) fn call(
        &mut self,
        name: &ast::Ident,
        args: &[ast::Expr],
        scope: &mut Scope,
        span: Span,
    ) -> Expr {
        let file = scope.file;
        let arity_error = |this: &mut Self, wanted: usize| {
            this.report(
                file,
                Code::RulesArity,
                format!(
                    "`{}` takes {wanted} argument(s), and {} are given",
                    name.text,
                    args.len()
                ),
                span,
                "wrong number of arguments",
                format!("give `{}` exactly {wanted}", name.text),
            );
            invalid(span)
        };
        match name.text.as_str() {
            "given" | "missing" => {
                if args.len() != 1 {
                    return arity_error(self, 1);
                }
                let inner = self.check(&args[0], scope, None);
                if !matches!(
                    inner.kind,
                    ExprKind::Root(_) | ExprKind::Field { .. } | ExprKind::Invalid
                ) {
                    return self.mismatch(
                        file,
                        inner.span,
                        format!("`{}` needs a field of the document", name.text),
                        "name a field, e.g. `given(b.commissioned)`",
                    );
                }
                let kind = if name.text == "given" {
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
            "count" if !self.values.contains_key("count") => {
                if args.len() != 1 {
                    return arity_error(self, 1);
                }
                let inner = self.check(&args[0], scope, None);
                if !matches!(inner.ty, Type::List(_) | Type::Error) {
                    let found = inner.ty.describe(&self.plan);
                    return self.mismatch(
                        file,
                        inner.span,
                        format!("`count` needs a list, and this is {found}"),
                        "name a list field",
                    );
                }
                Expr {
                    kind: ExprKind::Count(Box::new(inner)),
                    ty: Type::Integer,
                    span,
                }
            }
            builtin @ ("year" | "month" | "quarter" | "days_between" | "share")
                if !self.values.contains_key(builtin) =>
            {
                let (function, wanted) = match builtin {
                    "year" => (Builtin::Year, 1),
                    "month" => (Builtin::Month, 1),
                    "quarter" => (Builtin::Quarter, 1),
                    "days_between" => (Builtin::DaysBetween, 2),
                    _ => (Builtin::Share, 2),
                };
                if args.len() != wanted {
                    return arity_error(self, wanted);
                }
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
                    let wanted_text = if function == Builtin::Share {
                        "two numbers, or two quantities of one dimension"
                    } else {
                        "dates"
                    };
                    return self.mismatch(
                        file,
                        span,
                        format!("`{builtin}` takes {wanted_text}"),
                        "see the built-in functions in docs/language.md",
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
            other => {
                let Some(&(ValueName::Define(i), _, _)) = self.values.get(other) else {
                    let mut names: Vec<String> =
                        self.plan.defines.iter().map(|d| d.name.clone()).collect();
                    names.extend(BUILTIN_FUNCTIONS.iter().map(|s| s.to_string()));
                    let help = help_for(other, names.iter().map(String::as_str), "definitions");
                    self.report(
                        file,
                        Code::RulesUnknownName,
                        format!("unknown definition `{other}`"),
                        name.span,
                        "not defined",
                        help,
                    );
                    return invalid(span);
                };
                self.used_defines[i] = true;
                let wanted = self.plan.defines[i].params.clone();
                if wanted.len() != args.len() {
                    return arity_error(self, wanted.len());
                }
                let mut checked = Vec::new();
                for (arg, (param, ty)) in args.iter().zip(&wanted) {
                    let value = self.check(arg, scope, Some(ty));
                    if !value.ty.compatible(ty) {
                        let (w, f) = (ty.describe(&self.plan), value.ty.describe(&self.plan));
                        self.report(
                            file,
                            Code::RulesTypeMismatch,
                            format!("argument `{param}` of `{other}` must be {w}, and this is {f}"),
                            value.span,
                            "wrong type",
                            "pass a value of the declared type",
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
        }
    }

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
        let item = match &list.ty {
            Type::List(item) => (**item).clone(),
            Type::Error => Type::Error,
            other => {
                let found = other.describe(&self.plan);
                self.report(
                    file,
                    Code::RulesTypeMismatch,
                    format!("`{}` needs a list, and this is {found}", kind.name()),
                    list.span,
                    "not a list",
                    "name a field declared as `list …`",
                );
                Type::Error
            }
        };
        let slot = scope.bind(&var.text, item);
        let filter = filter.map(|f| Box::new(self.check_bool(f, scope, "`where`")));
        let body_needed = !matches!(kind, AggregateKind::Count | AggregateKind::Any);
        let checked_body = match (body, kind) {
            (Some(b), AggregateKind::Any | AggregateKind::All | AggregateKind::Ratio) => Some(
                Box::new(self.check_bool(b, scope, &format!("the body of `{}`", kind.name()))),
            ),
            (Some(b), AggregateKind::Count) => {
                self.report(
                    file,
                    Code::RulesArity,
                    "`count` takes no `:` body".into(),
                    b.span,
                    "remove this",
                    "count the items chosen by `where` instead: `count(x in list where …)`",
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
                format!("`{}` needs a body after `:`", kind.name()),
                span,
                "no body",
                format!("for example `{example}`"),
            );
            return invalid(span);
        }
        let ty = match (kind, &checked_body) {
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
                    let found = other.describe(&self.plan);
                    return self.mismatch(
                        file,
                        b.span,
                        format!(
                            "`{}` needs numbers or quantities, and this is {found}",
                            kind.name()
                        ),
                        "aggregate a numeric field",
                    );
                }
            },
            (_, None) => Type::Error,
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
}
