//! Every name a compiled plan's rules files declare and every place each is used: the tables hover, definition, references and completion read.
//!
//! Declarations and the names the syntax alone binds (a field's type, a unit in a quantity, a
//! reading, `applies to`, `implements`) come from the syntax tree; the names only types can bind
//! (`b.capacity` is the `capacity` of whatever record `b` is) come from the resolved model, whose
//! expressions know the field, parameter, definition or enum value each one names.

use crate::base::span::Span;
use crate::model::{self, ExprKind, Literal, Type};
use crate::syntax::ast::{self, Declaration, RuleClause};
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SymbolKind {
    Plan,
    Reading,
    Dimension,
    Unit,
    Enum,
    EnumValue,
    Identifier,
    Record,
    Document,
    Field,
    Param,
    Define,
    Rule,
    Row,
}

/// One declared name.
#[derive(Clone, Debug)]
pub struct Symbol {
    pub kind: SymbolKind,
    pub name: String,
    /// The record, enum or dimension it belongs to.
    pub container: Option<String>,
    /// The rules file, indexed like the model's `files`.
    pub file: usize,
    /// The name where it is declared.
    pub span: Span,
    /// The whole declaration, for the outline: a rule's braces included.
    pub extent: Span,
}

/// One use of a declared name.
#[derive(Clone, Copy, Debug)]
pub struct Reference {
    pub symbol: usize,
    pub file: usize,
    pub span: Span,
}

/// What a loop or aggregate variable, or a definition's parameter, stands for inside a span.
#[derive(Clone, Debug)]
pub struct Binding {
    pub name: String,
    pub file: usize,
    /// Where the name can be used.
    pub scope: Span,
    pub ty: Type,
}

#[derive(Debug, Default)]
pub struct Index {
    pub symbols: Vec<Symbol>,
    pub references: Vec<Reference>,
    pub bindings: Vec<Binding>,
    /// Each file's syntax tree, indexed like the model's `files`.
    pub trees: Vec<ast::File>,
    by_name: HashMap<(SymbolKind, Option<String>, String), usize>,
}

impl Index {
    pub fn build(plan: &model::Plan) -> Index {
        let mut index = Index {
            trees: plan
                .files
                .iter()
                .map(|f| crate::syntax::parse(f).0)
                .collect(),
            ..Index::default()
        };
        let trees = std::mem::take(&mut index.trees);
        for (file, tree) in trees.iter().enumerate() {
            for declaration in &tree.declarations {
                index.declare(file, declaration);
            }
        }
        let mut seen = HashSet::new();
        for (file, tree) in trees.iter().enumerate() {
            for declaration in &tree.declarations {
                index.syntactic_references(file, declaration, &mut seen);
            }
        }
        index.trees = trees;
        index.resolved_references(plan, &mut seen);
        index
    }

    /// The symbol of a kind by its name (and container, for fields, values and units).
    pub fn find(&self, kind: SymbolKind, container: Option<&str>, name: &str) -> Option<usize> {
        self.by_name
            .get(&(kind, container.map(str::to_string), name.to_string()))
            .copied()
    }

    /// The symbol declared or used at a byte offset of a file, with the span of the name there. A
    /// declaration comes first: a rule's id is also a use of the inventory row it encodes.
    pub fn at(&self, file: usize, offset: usize) -> Option<(usize, Span)> {
        let hit = |span: Span| span.start <= offset && offset <= span.end;
        self.symbols
            .iter()
            .position(|s| s.file == file && hit(s.span))
            .map(|i| (i, self.symbols[i].span))
            .or_else(|| {
                self.references
                    .iter()
                    .find(|r| r.file == file && hit(r.span))
                    .map(|r| (r.symbol, r.span))
            })
    }

    /// Every use of a symbol, in file and position order.
    pub fn uses(&self, symbol: usize) -> Vec<Reference> {
        let mut uses: Vec<Reference> = self
            .references
            .iter()
            .filter(|r| r.symbol == symbol)
            .copied()
            .collect();
        uses.sort_by_key(|r| (r.file, r.span.start));
        uses
    }

    fn add(&mut self, kind: SymbolKind, container: Option<&str>, name: &ast::Ident, file: usize) {
        self.add_with_extent(kind, container, name, file, name.span);
    }

    fn add_with_extent(
        &mut self,
        kind: SymbolKind,
        container: Option<&str>,
        name: &ast::Ident,
        file: usize,
        extent: Span,
    ) {
        let key = (kind, container.map(str::to_string), name.text.clone());
        // The first declaration wins, as in the resolver; a duplicate is its diagnostic.
        if self.by_name.contains_key(&key) {
            return;
        }
        self.by_name.insert(key, self.symbols.len());
        self.symbols.push(Symbol {
            kind,
            name: name.text.clone(),
            container: container.map(str::to_string),
            file,
            span: name.span,
            extent,
        });
    }

    fn declare(&mut self, file: usize, declaration: &Declaration) {
        match declaration {
            Declaration::Plan(p) => self.add(SymbolKind::Plan, None, &p.id, file),
            Declaration::Reading(r) => self.add(SymbolKind::Reading, None, &r.name, file),
            Declaration::Dimension(d) => {
                self.add(SymbolKind::Dimension, None, &d.name, file);
                for unit in &d.units {
                    self.add(SymbolKind::Unit, Some(&d.name.text), &unit.name, file);
                }
            }
            Declaration::Enum(e) => {
                self.add(SymbolKind::Enum, None, &e.name, file);
                for value in &e.values {
                    self.add(SymbolKind::EnumValue, Some(&e.name.text), &value.name, file);
                }
            }
            Declaration::Identifier(i) => self.add(SymbolKind::Identifier, None, &i.name, file),
            Declaration::Record(r) | Declaration::Document(r) => {
                let kind = if matches!(declaration, Declaration::Document(_)) {
                    SymbolKind::Document
                } else {
                    SymbolKind::Record
                };
                self.add(kind, None, &r.name, file);
                for field in &r.fields {
                    self.add(SymbolKind::Field, Some(&r.name.text), &field.name, file);
                }
            }
            Declaration::Param(p) => {
                let extent = Span::new(p.name.span.start, p.value.span.end);
                self.add_with_extent(SymbolKind::Param, None, &p.name, file, extent);
            }
            Declaration::Define(d) => {
                let extent = Span::new(d.name.span.start, d.body.span.end);
                self.add_with_extent(SymbolKind::Define, None, &d.name, file, extent);
            }
            Declaration::Rule(r) => {
                self.add_with_extent(SymbolKind::Rule, None, &r.id, file, r.span);
            }
            Declaration::Row(r) => self.add(SymbolKind::Row, None, &r.id, file),
            Declaration::Omit(_) => {}
        }
    }

    fn refer(
        &mut self,
        symbol: Option<usize>,
        file: usize,
        span: Span,
        seen: &mut HashSet<(usize, usize, usize)>,
    ) {
        if let Some(symbol) = symbol
            && seen.insert((file, span.start, symbol))
        {
            self.references.push(Reference { symbol, file, span });
        }
    }

    /// The type a field or parameter names: a dimension, enum, record, document or identifier.
    fn type_symbol(&self, name: &str) -> Option<usize> {
        [
            SymbolKind::Dimension,
            SymbolKind::Enum,
            SymbolKind::Record,
            SymbolKind::Document,
            SymbolKind::Identifier,
        ]
        .into_iter()
        .find_map(|kind| self.find(kind, None, name))
    }

    /// A unit by its name, in whichever dimension declares it.
    fn unit_symbol(&self, name: &str) -> Option<usize> {
        self.symbols
            .iter()
            .position(|s| s.kind == SymbolKind::Unit && s.name == name)
    }

    fn syntactic_references(
        &mut self,
        file: usize,
        declaration: &Declaration,
        seen: &mut HashSet<(usize, usize, usize)>,
    ) {
        match declaration {
            Declaration::Plan(p) => {
                for setting in &p.settings {
                    if let ast::PlanSetting::Parent(parent) = setting {
                        let symbol = self.find(SymbolKind::Plan, None, &parent.text);
                        self.refer(symbol, file, parent.span, seen);
                    }
                }
            }
            Declaration::Dimension(d) => {
                for convert in &d.conversions {
                    for side in [&convert.left, &convert.right] {
                        let symbol =
                            self.find(SymbolKind::Unit, Some(&d.name.text), &side.unit.text);
                        self.refer(symbol, file, side.unit.span, seen);
                    }
                }
            }
            Declaration::Record(r) | Declaration::Document(r) => {
                for field in &r.fields {
                    let symbol = self.type_symbol(&field.ty.name.text);
                    self.refer(symbol, file, field.ty.name.span, seen);
                }
                if let Some(dated_by) = &r.dated_by {
                    let symbol = self.find(SymbolKind::Field, Some(&r.name.text), &dated_by.text);
                    self.refer(symbol, file, dated_by.span, seen);
                }
            }
            Declaration::Param(p) => self.quantities(file, &p.value, seen),
            Declaration::Define(d) => {
                for (_, ty) in &d.params {
                    let symbol = self.type_symbol(&ty.name.text);
                    self.refer(symbol, file, ty.name.span, seen);
                }
                self.quantities(file, &d.body, seen);
            }
            Declaration::Rule(r) => {
                let row = self.find(SymbolKind::Row, None, &r.id.text);
                self.refer(row, file, r.id.span, seen);
                for clause in &r.clauses {
                    self.clause_references(file, clause, seen);
                }
            }
            Declaration::Omit(o) => {
                let symbol = self.find(SymbolKind::Row, None, &o.id.text);
                self.refer(symbol, file, o.id.span, seen);
            }
            Declaration::Reading(_)
            | Declaration::Enum(_)
            | Declaration::Identifier(_)
            | Declaration::Row(_) => {}
        }
    }

    fn clause_references(
        &mut self,
        file: usize,
        clause: &RuleClause,
        seen: &mut HashSet<(usize, usize, usize)>,
    ) {
        match clause {
            RuleClause::Row(id) => {
                let symbol = self.find(SymbolKind::Row, None, &id.text);
                self.refer(symbol, file, id.span, seen);
            }
            RuleClause::Implements(ids) => {
                for id in ids {
                    let symbol = self.find(SymbolKind::Rule, None, &id.text);
                    self.refer(symbol, file, id.span, seen);
                }
            }
            RuleClause::Readings(names) => {
                for name in names {
                    let symbol = self.find(SymbolKind::Reading, None, &name.text);
                    self.refer(symbol, file, name.span, seen);
                }
            }
            RuleClause::AppliesTo(kind) => {
                let symbol = self.find(SymbolKind::Document, None, &kind.text);
                self.refer(symbol, file, kind.span, seen);
            }
            RuleClause::ForEach { list: e, .. }
            | RuleClause::When(e)
            | RuleClause::Unless(e)
            | RuleClause::Requirement { expr: e, .. }
            | RuleClause::Review { condition: e, .. }
            | RuleClause::Advice { condition: e, .. } => self.quantities(file, e, seen),
            _ => {}
        }
    }

    /// The units of the quantities an expression writes.
    fn quantities(
        &mut self,
        file: usize,
        expr: &ast::Expr,
        seen: &mut HashSet<(usize, usize, usize)>,
    ) {
        let mut stack = vec![expr];
        while let Some(expr) = stack.pop() {
            match &expr.kind {
                ast::ExprKind::Quantity(q) => {
                    let symbol = self.unit_symbol(&q.unit.text);
                    self.refer(symbol, file, q.unit.span, seen);
                }
                ast::ExprKind::List(items) => stack.extend(items),
                ast::ExprKind::Call { args, .. } => stack.extend(args),
                ast::ExprKind::Aggregate {
                    list, filter, body, ..
                } => {
                    stack.push(list);
                    stack.extend(filter.as_deref());
                    stack.extend(body.as_deref());
                }
                ast::ExprKind::Not(e) | ast::ExprKind::Negate(e) => stack.push(e),
                ast::ExprKind::Binary { left, right, .. }
                | ast::ExprKind::Compare { left, right, .. } => {
                    stack.push(left);
                    stack.push(right);
                }
                ast::ExprKind::In { item, set, .. } => {
                    stack.push(item);
                    stack.push(set);
                }
                _ => {}
            }
        }
    }

    fn resolved_references(
        &mut self,
        plan: &model::Plan,
        seen: &mut HashSet<(usize, usize, usize)>,
    ) {
        for rule in &plan.rules {
            let document = Some(rule.applies_to);
            let scope = self
                .find(SymbolKind::Rule, None, &rule.id)
                .map(|s| self.symbols[s].extent)
                .unwrap_or(rule.id_span);
            let mut exprs: Vec<&model::Expr> = Vec::new();
            for each in &rule.for_each {
                exprs.push(&each.list);
                self.bindings.push(Binding {
                    name: each.name.clone(),
                    file: rule.file,
                    scope,
                    ty: element_type(&each.list.ty),
                });
            }
            exprs.extend(&rule.when);
            exprs.push(&rule.requirement);
            exprs.extend(&rule.unless);
            for downgrade in rule.reviews.iter().chain(&rule.advices) {
                exprs.push(&downgrade.condition);
                for (_, template) in &downgrade.reason {
                    exprs.extend(template_values(template));
                }
            }
            for (_, template) in rule.messages.iter().chain(&rule.helps) {
                exprs.extend(template_values(template));
            }
            for expr in exprs {
                self.walk(plan, rule.file, document, expr, seen);
            }
        }
        for define in &plan.defines {
            let scope = self
                .find(SymbolKind::Define, None, &define.name)
                .map(|s| self.symbols[s].extent)
                .unwrap_or(define.body.span);
            for (name, ty) in &define.params {
                self.bindings.push(Binding {
                    name: name.clone(),
                    file: define.file,
                    scope,
                    ty: ty.clone(),
                });
            }
            self.walk(plan, define.file, None, &define.body, seen);
        }
        for param in &plan.params {
            self.walk(plan, param.file, None, &param.value, seen);
        }
    }

    /// The names a resolved expression uses: fields, parameters, definitions and enum values;
    /// and the variables its aggregates bind.
    fn walk(
        &mut self,
        plan: &model::Plan,
        file: usize,
        document: Option<usize>,
        expr: &model::Expr,
        seen: &mut HashSet<(usize, usize, usize)>,
    ) {
        let Some(text) = plan.files.get(file).map(|f| f.text.clone()) else {
            return;
        };
        let mut stack = vec![expr];
        while let Some(expr) = stack.pop() {
            let span = expr.span;
            match &expr.kind {
                ExprKind::Root(field) => {
                    if let Some(record) = document.and_then(|d| plan.records.get(d))
                        && let Some(f) = record.fields.get(*field)
                    {
                        let symbol = self.find(SymbolKind::Field, Some(&record.name), &f.name);
                        self.refer(symbol, file, span, seen);
                    }
                }
                ExprKind::Field { base, field } => {
                    if let Type::Record(r) = &base.ty
                        && let Some(record) = plan.records.get(*r)
                        && let Some(f) = record.fields.get(*field)
                    {
                        let written = text.get(span.start..span.end).unwrap_or("");
                        let at = written.rfind(f.name.as_str()).unwrap_or(0);
                        let name = Span::new(span.start + at, span.start + at + f.name.len());
                        let symbol = self.find(SymbolKind::Field, Some(&record.name), &f.name);
                        self.refer(symbol, file, name, seen);
                    }
                    stack.push(base);
                }
                ExprKind::Param(p) => {
                    if let Some(param) = plan.params.get(*p) {
                        let symbol = self.find(SymbolKind::Param, None, &param.name);
                        self.refer(symbol, file, span, seen);
                    }
                }
                ExprKind::Call { define, args } => {
                    if let Some(d) = plan.defines.get(*define) {
                        let name = Span::new(span.start, span.start + d.name.len());
                        let symbol = self.find(SymbolKind::Define, None, &d.name);
                        self.refer(symbol, file, name, seen);
                    }
                    stack.extend(args);
                }
                ExprKind::Literal(Literal::Enum(e, v)) => {
                    if let Some(enumeration) = plan.enums.get(*e)
                        && let Some(value) = enumeration.values.get(*v)
                    {
                        let symbol =
                            self.find(SymbolKind::EnumValue, Some(&enumeration.name), &value.name);
                        self.refer(symbol, file, span, seen);
                    }
                }
                ExprKind::Aggregate {
                    list, filter, body, ..
                } => {
                    let written = text.get(span.start..span.end).unwrap_or("");
                    if let Some(name) = aggregate_variable(written) {
                        self.bindings.push(Binding {
                            name: name.to_string(),
                            file,
                            scope: span,
                            ty: element_type(&list.ty),
                        });
                    }
                    stack.push(list);
                    stack.extend(filter.as_deref());
                    stack.extend(body.as_deref());
                }
                ExprKind::Given(e)
                | ExprKind::Missing(e)
                | ExprKind::Count(e)
                | ExprKind::Not(e)
                | ExprKind::Negate(e) => stack.push(e),
                ExprKind::Builtin { args, .. } | ExprKind::List(args) => stack.extend(args),
                ExprKind::Binary { left, right, .. } | ExprKind::Compare { left, right, .. } => {
                    stack.push(left);
                    stack.push(right);
                }
                ExprKind::In { item, set, .. } => {
                    stack.push(item);
                    stack.push(set);
                }
                ExprKind::Literal(_)
                | ExprKind::Local(_)
                | ExprKind::CheckDate
                | ExprKind::Invalid => {}
            }
        }
    }
}

/// The type of a list's items.
fn element_type(ty: &Type) -> Type {
    match ty {
        Type::List(item) => (**item).clone(),
        other => other.clone(),
    }
}

fn template_values(template: &model::Template) -> impl Iterator<Item = &model::Expr> {
    template.parts.iter().filter_map(|part| match part {
        model::TemplatePart::Value(expr) => Some(expr),
        _ => None,
    })
}

/// The variable an aggregate as written binds: `b` in `any(b in boilers: …)`.
fn aggregate_variable(written: &str) -> Option<&str> {
    let inside = written.split_once('(')?.1.trim_start();
    let end = inside
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(inside.len());
    (end > 0).then(|| &inside[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// In the embedded chain, every kind of name the server binds has a declaration with uses
    /// (the test names no plan: it asks the index which names there are).
    #[test]
    fn every_kind_of_name_has_its_uses() {
        let plan = crate::Plan::embedded().expect("the embedded plan");
        let index = Index::build(&plan.model);
        for kind in [
            SymbolKind::Param,
            SymbolKind::Define,
            SymbolKind::Unit,
            SymbolKind::Reading,
            SymbolKind::Record,
            SymbolKind::Document,
            SymbolKind::Enum,
            SymbolKind::EnumValue,
            SymbolKind::Field,
            SymbolKind::Dimension,
            SymbolKind::Row,
            SymbolKind::Rule,
        ] {
            let used = (0..index.symbols.len())
                .filter(|&s| index.symbols[s].kind == kind)
                .any(|s| !index.uses(s).is_empty());
            assert!(used, "no {kind:?} of the embedded chain has a use");
        }
    }
}
