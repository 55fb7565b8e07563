//! Syntax trees to a resolved plan: names, types, units and dependency checks, all errors at once.

use crate::ast::{
    self, AggregateKind, BinaryOp, CompareOp, Declaration, ExprKind as A, Modality, RuleClause,
};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::*;
use crate::normalize::fold;
use crate::number::Number;
use crate::span::{SourceFile, Span};
use crate::suggest::help_for;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::HashMap;

/// One parsed rules file.
pub struct ParsedFile {
    pub source: SourceFile,
    pub tree: ast::File,
}

/// Resolves and type-checks every declaration of a plan's files, returning the plan and every
/// problem found. The plan is only fit to evaluate when no diagnostic is an error.
pub fn resolve(files: &[ParsedFile]) -> (Plan, Vec<Diagnostic>) {
    let mut resolver = Resolver {
        plan: Plan {
            files: files.iter().map(|f| f.source.clone()).collect(),
            ..Plan::default()
        },
        diagnostics: Vec::new(),
        type_names: HashMap::new(),
        values: HashMap::new(),
        define_types: Vec::new(),
        used_params: Vec::new(),
        used_defines: Vec::new(),
    };
    let declarations: Vec<(usize, &Declaration)> = files
        .iter()
        .enumerate()
        .flat_map(|(i, f)| f.tree.declarations.iter().map(move |d| (i, d)))
        .collect();
    resolver.run(&declarations);
    (resolver.plan, resolver.diagnostics)
}

#[derive(Clone, Copy)]
enum TypeName {
    Builtin(fn() -> Type),
    Dimension(DimensionId),
    Enum(EnumId),
    Record(RecordId),
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum ValueName {
    Param(usize),
    Define(usize),
}

struct Resolver {
    plan: Plan,
    diagnostics: Vec<Diagnostic>,
    type_names: HashMap<String, (TypeName, usize, Span)>,
    values: HashMap<String, (ValueName, usize, Span)>,
    define_types: Vec<Option<Type>>,
    used_params: Vec<bool>,
    used_defines: Vec<bool>,
}

/// Names visible inside one expression.
struct Scope {
    file: usize,
    locals: Vec<(String, usize, Type)>,
    next_slot: usize,
    max_slots: usize,
    root: Option<RecordId>,
}

impl Scope {
    fn new(file: usize, root: Option<RecordId>) -> Self {
        Scope {
            file,
            locals: Vec::new(),
            next_slot: 0,
            max_slots: 0,
            root,
        }
    }

    fn bind(&mut self, name: &str, ty: Type) -> usize {
        let slot = self.next_slot;
        self.next_slot += 1;
        self.max_slots = self.max_slots.max(self.next_slot);
        self.locals.push((name.to_string(), slot, ty));
        slot
    }

    fn unbind(&mut self) {
        self.locals.pop();
        self.next_slot -= 1;
    }

    fn local(&self, name: &str) -> Option<(usize, Type)> {
        self.locals
            .iter()
            .rev()
            .find(|(n, _, _)| n == name)
            .map(|(_, s, t)| (*s, t.clone()))
    }
}

/// The declarations of one kind, with the file each is in.
fn of_kind<'a, T>(
    declarations: &[(usize, &'a Declaration)],
    pick: impl Fn(&'a Declaration) -> Option<&'a T>,
) -> Vec<(usize, &'a T)> {
    declarations
        .iter()
        .filter_map(|(file, d)| pick(d).map(|x| (*file, x)))
        .collect()
}

/// The longest chain of parameters and definitions one may depend on.
const MAX_CALL_DEPTH: usize = 64;

/// Makes the type a built-in type name stands for.
type TypeMaker = fn() -> Type;

const BUILTIN_TYPES: [(&str, TypeMaker); 6] = [
    ("text", || Type::Text),
    ("bool", || Type::Bool),
    ("date", || Type::Date),
    ("integer", || Type::Integer),
    ("decimal", || Type::Decimal),
    ("percent", || Type::Percent),
];

const BUILTIN_FUNCTIONS: [&str; 8] = [
    "given",
    "missing",
    "count",
    "year",
    "month",
    "quarter",
    "days_between",
    "share",
];

fn invalid(span: Span) -> Expr {
    Expr {
        kind: ExprKind::Invalid,
        ty: Type::Error,
        span,
    }
}

impl Resolver {
    fn file(&self, index: usize) -> &SourceFile {
        &self.plan.files[index]
    }

    fn error(
        &mut self,
        file: usize,
        code: &str,
        message: String,
        span: Span,
        label: &str,
        help: impl Into<String>,
    ) {
        self.report(Severity::Error, file, code, message, span, label, help);
    }

    fn warning(
        &mut self,
        file: usize,
        code: &str,
        message: String,
        span: Span,
        label: &str,
        help: impl Into<String>,
    ) {
        self.report(Severity::Warning, file, code, message, span, label, help);
    }

    #[allow(clippy::too_many_arguments)]
    fn report(
        &mut self,
        severity: Severity,
        file: usize,
        code: &str,
        message: String,
        span: Span,
        label: &str,
        help: impl Into<String>,
    ) {
        let diagnostic = Diagnostic::new(severity, code, message)
            .in_file(self.file(file))
            .at(span, label)
            .help(help);
        self.diagnostics.push(diagnostic);
    }

    fn duplicate(&mut self, file: usize, what: &str, name: &str, span: Span, first: (usize, Span)) {
        let mut diagnostic = Diagnostic::error(
            "rules::duplicate",
            format!("{what} `{name}` is declared twice"),
        )
        .in_file(self.file(file))
        .at(span, "declared again here")
        .help("rename one of them or remove the copy");
        if first.0 == file {
            diagnostic = diagnostic.also(first.1, "first declared here");
        } else {
            let position = self.file(first.0).line_column(first.1.start);
            diagnostic = diagnostic.note(format!(
                "first declared at {}:{}:{}",
                self.file(first.0).name,
                position.line,
                position.column
            ));
        }
        self.diagnostics.push(diagnostic);
    }

    fn run(&mut self, declarations: &[(usize, &Declaration)]) {
        self.header(declarations);
        self.readings(declarations);
        self.index_types(declarations);
        self.units(declarations);
        self.enums(declarations);
        self.records(declarations);
        self.params_and_defines(declarations);
        self.rules(declarations);
        self.report_unused(declarations);
    }

    // -- plan header ---------------------------------------------------------------------------

    fn header(&mut self, declarations: &[(usize, &Declaration)]) {
        let plans: Vec<(usize, &ast::PlanDecl)> = of_kind(declarations, |d| {
            if let Declaration::Plan(x) = d {
                Some(x)
            } else {
                None
            }
        });
        let Some(&(file, plan)) = plans.first() else {
            let diagnostic = Diagnostic::error("rules::plan-header", "the rules declare no `plan`")
                .help("add a `plan ID { title … level … effective … text … }` block; see docs/language.md");
            self.diagnostics.push(diagnostic);
            return;
        };
        for &(other_file, other) in &plans[1..] {
            self.duplicate(
                other_file,
                "plan",
                &other.id.text,
                other.id.span,
                (file, plan.id.span),
            );
        }
        let header = &mut self.plan.header;
        header.id = plan.id.text.clone();
        let mut seen: HashMap<&'static str, Span> = HashMap::new();
        let mut repeated = Vec::new();
        let mut bad_dates = Vec::new();
        for setting in &plan.settings {
            let (key, span) = match setting {
                ast::PlanSetting::Title(t) => {
                    header.title = t.value.clone();
                    ("title", t.span)
                }
                ast::PlanSetting::Number(t) => {
                    header.number = Some(t.value.clone());
                    ("number", t.span)
                }
                ast::PlanSetting::Level(l) => {
                    header.level = l.text.clone();
                    ("level", l.span)
                }
                ast::PlanSetting::Jurisdiction(t) => {
                    header.jurisdiction = Some(t.value.clone());
                    ("jurisdiction", t.span)
                }
                ast::PlanSetting::Effective(range) => {
                    let (from, until) = parse_range(range, &mut bad_dates);
                    header.effective_from = from;
                    header.effective_until = until;
                    ("effective", range.span)
                }
                ast::PlanSetting::TextFile {
                    path,
                    ignore_last_line,
                } => {
                    header.text_path = Some(path.value.clone());
                    header.ignore_last_line = *ignore_last_line;
                    ("text", path.span)
                }
                ast::PlanSetting::Parent(p) => {
                    header.parent = Some(p.text.clone());
                    ("parent", p.span)
                }
            };
            if seen.insert(key, span).is_some() {
                repeated.push((key, span));
            }
        }
        for (key, span) in repeated {
            self.error(
                file,
                "rules::repeated-clause",
                format!("the plan sets `{key}` twice"),
                span,
                "set again here",
                "keep one",
            );
        }
        self.report_bad_dates(file, bad_dates);
        for key in ["title", "level", "effective", "text"] {
            if !seen.contains_key(key) {
                self.error(
                    file,
                    "rules::plan-header",
                    format!("the plan does not set `{key}`"),
                    plan.id.span,
                    "in this plan",
                    format!("add a `{key}` line to the plan block; see docs/language.md"),
                );
            }
        }
        if let (Some(from), Some(until)) = (
            self.plan.header.effective_from,
            self.plan.header.effective_until,
        ) && from > until
        {
            let span = seen.get("effective").copied().unwrap_or(plan.id.span);
            self.error(
                file,
                "rules::invalid-date",
                format!("the plan ends ({until}) before it starts ({from})"),
                span,
                "this period is empty",
                "swap the two dates",
            );
        }
    }

    fn report_bad_dates(&mut self, file: usize, bad: Vec<&ast::DateLit>) {
        for date in bad {
            self.error(
                file,
                "rules::invalid-date",
                format!("`{}` is not a calendar date", date.text),
                date.span,
                "no such day",
                "write a real day as YYYY-MM-DD",
            );
        }
    }

    fn readings(&mut self, declarations: &[(usize, &Declaration)]) {
        let mut first: HashMap<String, (usize, Span)> = HashMap::new();
        for (file, d) in declarations {
            if let Declaration::Reading(r) = d {
                if let Some(&at) = first.get(&r.name.text) {
                    self.duplicate(*file, "reading", &r.name.text, r.name.span, at);
                    continue;
                }
                first.insert(r.name.text.clone(), (*file, r.name.span));
                self.plan.readings.push(Reading {
                    name: r.name.text.clone(),
                    text: r.text.value.clone(),
                });
            }
        }
    }

    // -- schema ----------------------------------------------------------------------------------

    fn index_types(&mut self, declarations: &[(usize, &Declaration)]) {
        for (name, make) in BUILTIN_TYPES {
            self.type_names.insert(
                name.to_string(),
                (TypeName::Builtin(make), usize::MAX, Span::default()),
            );
        }
        for (file, d) in declarations {
            let (name, entry) = match d {
                Declaration::Dimension(x) => {
                    self.plan.dimensions.push(Dimension {
                        name: x.name.text.clone(),
                        label: x.label.as_ref().map(|l| l.value.clone()),
                        units: Vec::new(),
                    });
                    (&x.name, TypeName::Dimension(self.plan.dimensions.len() - 1))
                }
                Declaration::Enum(x) => {
                    self.plan.enums.push(EnumType {
                        name: x.name.text.clone(),
                        label: x.label.as_ref().map(|l| l.value.clone()),
                        ordered: x.ordered,
                        values: Vec::new(),
                        lookup: HashMap::new(),
                    });
                    (&x.name, TypeName::Enum(self.plan.enums.len() - 1))
                }
                Declaration::Record(x) | Declaration::Document(x) => {
                    self.plan.records.push(RecordType {
                        name: x.name.text.clone(),
                        label: x.label.as_ref().map(|l| l.value.clone()),
                        fields: Vec::new(),
                        is_document: matches!(d, Declaration::Document(_)),
                        dated_by: None,
                    });
                    (&x.name, TypeName::Record(self.plan.records.len() - 1))
                }
                _ => continue,
            };
            match self.type_names.get(&name.text) {
                Some((_, first_file, first_span)) if *first_file == usize::MAX => {
                    let _ = first_span;
                    self.error(
                        *file,
                        "rules::duplicate",
                        format!("`{}` is a built-in type", name.text),
                        name.span,
                        "this name is taken",
                        "choose another name",
                    );
                }
                Some(&(_, first_file, first_span)) => {
                    self.duplicate(
                        *file,
                        "type",
                        &name.text,
                        name.span,
                        (first_file, first_span),
                    );
                }
                None => {
                    self.type_names
                        .insert(name.text.clone(), (entry, *file, name.span));
                }
            }
        }
    }

    fn units(&mut self, declarations: &[(usize, &Declaration)]) {
        let dimensions: Vec<(usize, &ast::DimensionDecl)> = of_kind(declarations, |d| {
            if let Declaration::Dimension(x) = d {
                Some(x)
            } else {
                None
            }
        });
        let mut first_spans: HashMap<String, Span> = HashMap::new();
        for (dimension, (file, dim)) in dimensions.iter().enumerate() {
            self.declare_units(*file, dimension, dim, &mut first_spans);
        }
        for (dimension, (file, dim)) in dimensions.iter().enumerate() {
            self.convert_units(*file, dimension, dim, &first_spans);
        }
    }

    fn declare_units(
        &mut self,
        file: usize,
        dimension: DimensionId,
        dim: &ast::DimensionDecl,
        first_spans: &mut HashMap<String, Span>,
    ) {
        let file = &file;
        {
            for unit in &dim.units {
                let id = self.plan.units.len();
                let spellings = std::iter::once(unit.name.text.as_str())
                    .chain(unit.label.iter().map(|l| l.value.as_str()))
                    .chain(unit.aliases.iter().map(|a| a.value.as_str()));
                let mut clash = None;
                for spelling in spellings {
                    let key = fold(spelling);
                    match self.plan.unit_lookup.get(&key) {
                        Some(&other) if other != id => clash = Some((spelling.to_string(), other)),
                        Some(_) => {}
                        None => {
                            self.plan.unit_lookup.insert(key, id);
                        }
                    }
                }
                if let Some((spelling, other)) = clash {
                    let other_name = self.plan.units[other].name.clone();
                    self.error(
                        *file,
                        "rules::duplicate",
                        format!(
                            "unit spelling `{spelling}` is already used by unit `{other_name}`"
                        ),
                        unit.name.span,
                        "this unit",
                        "each spelling must name one unit, or submissions would be ambiguous",
                    );
                }
                first_spans.insert(unit.name.text.clone(), unit.name.span);
                self.plan.units.push(Unit {
                    name: unit.name.text.clone(),
                    label: unit.label.as_ref().map(|l| l.value.clone()),
                    aliases: unit.aliases.iter().map(|a| a.value.clone()).collect(),
                    dimension,
                    to_base: Number::ONE,
                });
                self.plan.dimensions[dimension].units.push(id);
            }
        }
    }

    fn convert_units(
        &mut self,
        file: usize,
        dimension: DimensionId,
        dim: &ast::DimensionDecl,
        first_spans: &HashMap<String, Span>,
    ) {
        let file = &file;
        {
            if dim.units.is_empty() {
                self.error(
                    *file,
                    "rules::unit-unconnected",
                    format!("dimension `{}` declares no unit", dim.name.text),
                    dim.name.span,
                    "no units",
                    "add at least one `unit` line",
                );
                return;
            }
            // Work out each unit's factor to the base unit from the conversions, breadth first.
            let mut edges: Vec<(UnitId, UnitId, Number, Span)> = Vec::new();
            for convert in &dim.conversions {
                let Some((left, left_amount)) =
                    self.conversion_side(*file, dimension, &convert.left)
                else {
                    continue;
                };
                let Some((right, right_amount)) =
                    self.conversion_side(*file, dimension, &convert.right)
                else {
                    continue;
                };
                // `a L = b R` means one R is a/b L.
                match left_amount.checked_div(right_amount) {
                    Some(factor) if !factor.is_zero() => {
                        edges.push((left, right, factor, convert.span))
                    }
                    _ => self.error(
                        *file,
                        "rules::invalid-conversion",
                        "a conversion factor cannot be zero".into(),
                        convert.span,
                        "zero here",
                        "give both sides a non-zero amount",
                    ),
                }
            }
            let units = self.plan.dimensions[dimension].units.clone();
            let base = units[0];
            let mut known: HashMap<UnitId, Number> = HashMap::from([(base, Number::ONE)]);
            let mut changed = true;
            while changed {
                changed = false;
                for &(left, right, factor, _) in &edges {
                    match (known.get(&left).copied(), known.get(&right).copied()) {
                        (Some(l), None) => {
                            if let Some(value) = l.checked_mul(factor) {
                                known.insert(right, value);
                                changed = true;
                            }
                        }
                        (None, Some(r)) => {
                            if let Some(value) = r.checked_div(factor) {
                                known.insert(left, value);
                                changed = true;
                            }
                        }
                        _ => {}
                    }
                }
            }
            for unit in units {
                match known.get(&unit) {
                    Some(&factor) => self.plan.units[unit].to_base = factor,
                    None => {
                        let name = self.plan.units[unit].name.clone();
                        let base_name = self.plan.units[base].name.clone();
                        let span = first_spans.get(&name).copied().unwrap_or(dim.name.span);
                        self.error(
                            *file,
                            "rules::unit-unconnected",
                            format!("unit `{name}` cannot be converted to `{base_name}`, the base unit of `{}`", dim.name.text),
                            span,
                            "no conversion reaches this unit",
                            format!("add a line such as `convert 1 {base_name} = … {name}`"),
                        );
                    }
                }
            }
        }
    }

    fn conversion_side(
        &mut self,
        file: usize,
        dimension: DimensionId,
        q: &ast::QuantityLit,
    ) -> Option<(UnitId, Number)> {
        let amount = Number::parse_decimal(&q.number)?;
        let unit = self.lookup_unit(file, &q.unit)?;
        if self.plan.units[unit].dimension != dimension {
            let other = self.plan.dimensions[self.plan.units[unit].dimension]
                .name
                .clone();
            let this = self.plan.dimensions[dimension].name.clone();
            self.error(
                file,
                "rules::dimension-mismatch",
                format!(
                    "unit `{}` belongs to `{other}`, not to `{this}`",
                    q.unit.text
                ),
                q.unit.span,
                "from another dimension",
                "a conversion may only join units of the dimension it is declared in",
            );
            return None;
        }
        Some((unit, amount))
    }

    fn lookup_unit(&mut self, file: usize, name: &ast::Ident) -> Option<UnitId> {
        if let Some(&unit) = self.plan.unit_lookup.get(&fold(&name.text)) {
            return Some(unit);
        }
        let names: Vec<String> = self.plan.units.iter().map(|u| u.name.clone()).collect();
        let help = help_for(&name.text, names.iter().map(String::as_str), "units");
        self.error(
            file,
            "rules::unknown-unit",
            format!("unknown unit `{}`", name.text),
            name.span,
            "not a declared unit",
            help,
        );
        None
    }

    fn enums(&mut self, declarations: &[(usize, &Declaration)]) {
        let mut index = 0;
        for (file, d) in declarations {
            let Declaration::Enum(e) = d else { continue };
            let id = index;
            index += 1;
            let mut names: HashMap<String, Span> = HashMap::new();
            let mut spellings: HashMap<String, String> = HashMap::new();
            for value in &e.values {
                if let Some(&first) = names.get(&value.name.text) {
                    self.duplicate(
                        *file,
                        "enum value",
                        &value.name.text,
                        value.name.span,
                        (*file, first),
                    );
                    continue;
                }
                names.insert(value.name.text.clone(), value.name.span);
                let all = std::iter::once(value.name.text.as_str())
                    .chain(value.label.iter().map(|l| l.value.as_str()))
                    .chain(value.aliases.iter().map(|a| a.value.as_str()));
                let position = self.plan.enums[id].values.len();
                for spelling in all {
                    self.plan.enums[id]
                        .lookup
                        .entry(fold(spelling))
                        .or_insert(position);
                    if let Some(owner) = spellings.insert(fold(spelling), value.name.text.clone())
                        && owner != value.name.text
                    {
                        self.error(
                            *file,
                            "rules::duplicate",
                            format!(
                                "`{spelling}` names both `{owner}` and `{}` in enum `{}`",
                                value.name.text, e.name.text
                            ),
                            value.name.span,
                            "ambiguous spelling",
                            "each label and alias must name one value",
                        );
                    }
                }
                self.plan.enums[id].values.push(EnumValue {
                    name: value.name.text.clone(),
                    label: value.label.as_ref().map(|l| l.value.clone()),
                    aliases: value.aliases.iter().map(|a| a.value.clone()).collect(),
                });
            }
        }
    }

    fn resolve_type(&mut self, file: usize, ty: &ast::TypeExpr) -> Type {
        let inner = match self.type_names.get(&ty.name.text) {
            Some((TypeName::Builtin(make), _, _)) => make(),
            Some((TypeName::Dimension(d), _, _)) => Type::Quantity(*d),
            Some((TypeName::Enum(e), _, _)) => Type::Enum(*e),
            Some((TypeName::Record(r), _, _)) => Type::Record(*r),
            None => {
                let names: Vec<String> = self.type_names.keys().cloned().collect();
                let help = help_for(&ty.name.text, names.iter().map(String::as_str), "types");
                self.error(
                    file,
                    "rules::unknown-type",
                    format!("unknown type `{}`", ty.name.text),
                    ty.name.span,
                    "not a type",
                    help,
                );
                Type::Error
            }
        };
        if ty.list {
            Type::List(Box::new(inner))
        } else {
            inner
        }
    }

    fn records(&mut self, declarations: &[(usize, &Declaration)]) {
        let mut index = 0;
        for (file, d) in declarations {
            let (Declaration::Record(r) | Declaration::Document(r)) = d else {
                continue;
            };
            let id = index;
            index += 1;
            let mut seen: HashMap<String, Span> = HashMap::new();
            for field in &r.fields {
                if let Some(&first) = seen.get(&field.name.text) {
                    self.duplicate(
                        *file,
                        "field",
                        &field.name.text,
                        field.name.span,
                        (*file, first),
                    );
                    continue;
                }
                if ["kind", "plan", "justifications"].contains(&field.name.text.as_str())
                    && matches!(d, Declaration::Document(_))
                {
                    self.error(
                        *file,
                        "rules::reserved-field",
                        format!("`{}` is reserved in every document", field.name.text),
                        field.name.span,
                        "reserved key",
                        "choose another field name",
                    );
                }
                seen.insert(field.name.text.clone(), field.name.span);
                let ty = self.resolve_type(*file, &field.ty);
                self.plan.records[id].fields.push(Field {
                    name: field.name.text.clone(),
                    label: field.label.as_ref().map(|l| l.value.clone()),
                    ty,
                    optional: field.ty.optional,
                });
            }
            if let Some(dated) = &r.dated_by {
                match self.plan.records[id].field(&dated.text) {
                    Some(f)
                        if matches!(
                            self.plan.records[id].fields[f].ty,
                            Type::Date | Type::Error
                        ) =>
                    {
                        self.plan.records[id].dated_by = Some(f)
                    }
                    Some(_) => self.error(
                        *file,
                        "rules::type-mismatch",
                        format!(
                            "`dated by` needs a date field, and `{}` is not one",
                            dated.text
                        ),
                        dated.span,
                        "not a date",
                        "declare the field as `date`",
                    ),
                    None => {
                        let names: Vec<String> = self.plan.records[id]
                            .fields
                            .iter()
                            .map(|f| f.name.clone())
                            .collect();
                        let help =
                            help_for(&dated.text, names.iter().map(String::as_str), "fields");
                        self.error(
                            *file,
                            "rules::unknown-field",
                            format!("`{}` has no field `{}`", r.name.text, dated.text),
                            dated.span,
                            "no such field",
                            help,
                        );
                    }
                }
            }
        }
    }

    // -- parameters and definitions --------------------------------------------------------------

    fn params_and_defines(&mut self, declarations: &[(usize, &Declaration)]) {
        let mut params: Vec<(usize, &ast::ParamDecl)> = Vec::new();
        let mut defines: Vec<(usize, &ast::DefineDecl)> = Vec::new();
        for (file, d) in declarations {
            let (name, value) = match d {
                Declaration::Param(p) => {
                    params.push((*file, p));
                    (&p.name, ValueName::Param(params.len() - 1))
                }
                Declaration::Define(x) => {
                    defines.push((*file, x));
                    (&x.name, ValueName::Define(defines.len() - 1))
                }
                _ => continue,
            };
            if let Some(&(_, first_file, first_span)) = self.values.get(&name.text) {
                self.duplicate(
                    *file,
                    "name",
                    &name.text,
                    name.span,
                    (first_file, first_span),
                );
            } else {
                self.values
                    .insert(name.text.clone(), (value, *file, name.span));
            }
        }
        self.used_params = vec![false; params.len()];
        self.used_defines = vec![false; defines.len()];
        self.define_types = vec![None; defines.len()];
        for (_, p) in &params {
            self.plan.params.push(Param {
                name: p.name.text.clone(),
                label: p.label.as_ref().map(|l| l.value.clone()),
                value: invalid(p.value.span),
            });
        }
        for (file, d) in &defines {
            let params = d
                .params
                .iter()
                .map(|(n, t)| (n.text.clone(), self.resolve_type(*file, t)))
                .collect();
            self.plan.defines.push(Define {
                name: d.name.text.clone(),
                label: d.label.as_ref().map(|l| l.value.clone()),
                params,
                body: invalid(d.body.span),
                locals: 0,
            });
        }

        // The dependency graph between parameters and definitions, for cycles and check order.
        let mut graph: DiGraph<ValueName, ()> = DiGraph::new();
        let mut nodes: HashMap<ValueName, NodeIndex> = HashMap::new();
        for i in 0..params.len() {
            nodes.insert(ValueName::Param(i), graph.add_node(ValueName::Param(i)));
        }
        for i in 0..defines.len() {
            nodes.insert(ValueName::Define(i), graph.add_node(ValueName::Define(i)));
        }
        let mut edge_spans: HashMap<(ValueName, ValueName), Span> = HashMap::new();
        let bodies: Vec<(ValueName, &ast::Expr, Vec<String>)> = params
            .iter()
            .enumerate()
            .map(|(i, (_, p))| (ValueName::Param(i), &p.value, Vec::new()))
            .chain(defines.iter().enumerate().map(|(i, (_, d))| {
                (
                    ValueName::Define(i),
                    &d.body,
                    d.params.iter().map(|(n, _)| n.text.clone()).collect(),
                )
            }))
            .collect();
        for (from, body, bound) in &bodies {
            let mut references = Vec::new();
            collect_references(body, &mut bound.clone(), &mut references);
            for (name, span) in references {
                if let Some(&(to, _, _)) = self.values.get(&name) {
                    graph.update_edge(nodes[from], nodes[&to], ());
                    edge_spans.entry((*from, to)).or_insert(span);
                }
            }
        }
        // Anything another parameter or definition refers to counts as used, even inside a cycle.
        for edge in graph.edge_indices() {
            if let Some((_, to)) = graph.edge_endpoints(edge) {
                match graph[to] {
                    ValueName::Param(i) => self.used_params[i] = true,
                    ValueName::Define(i) => self.used_defines[i] = true,
                }
            }
        }
        let mut in_cycle = vec![false; graph.node_count()];
        let components = petgraph::algo::tarjan_scc(&graph);
        for component in &components {
            let self_loop = component.len() == 1 && graph.contains_edge(component[0], component[0]);
            if component.len() > 1 || self_loop {
                for node in component {
                    in_cycle[node.index()] = true;
                }
                self.report_cycle(&graph, component, &edge_spans, &params, &defines);
            }
        }
        // Evaluation recurses once per call; a chain of definitions deeper than this is refused
        // so that no plan can exhaust the stack. Components come callees first.
        let mut call_depth = vec![1usize; graph.node_count()];
        for component in &components {
            for node in component {
                if in_cycle[node.index()] {
                    continue;
                }
                let deepest_callee = graph
                    .neighbors(*node)
                    .filter(|n| !in_cycle[n.index()])
                    .map(|n| call_depth[n.index()])
                    .max()
                    .unwrap_or(0);
                call_depth[node.index()] = deepest_callee + 1;
                if call_depth[node.index()] == MAX_CALL_DEPTH + 1 {
                    let (file, name) = match graph[*node] {
                        ValueName::Param(i) => (params[i].0, params[i].1.name.clone()),
                        ValueName::Define(i) => (defines[i].0, defines[i].1.name.clone()),
                    };
                    self.error(
                        file,
                        "rules::too-deep",
                        format!(
                            "`{}` depends on a chain of more than {MAX_CALL_DEPTH} definitions",
                            name.text
                        ),
                        name.span,
                        "too deep",
                        "flatten the chain: let this definition use the facts directly",
                    );
                }
            }
        }
        // tarjan_scc lists components callees first, which is the order to type-check in.
        for component in &components {
            for node in component {
                if in_cycle[node.index()] {
                    if let ValueName::Define(i) = graph[*node] {
                        self.define_types[i] = Some(Type::Error);
                    }
                    continue;
                }
                match graph[*node] {
                    ValueName::Param(i) => {
                        let (file, p) = params[i];
                        let mut scope = Scope::new(file, None);
                        let value = self.check(&p.value, &mut scope, None);
                        self.plan.params[i].value = value;
                    }
                    ValueName::Define(i) => {
                        let (file, d) = defines[i];
                        let mut scope = Scope::new(file, None);
                        for (name, ty) in self.plan.defines[i].params.clone() {
                            scope.bind(&name, ty);
                        }
                        let body = self.check(&d.body, &mut scope, None);
                        self.define_types[i] = Some(body.ty.clone());
                        self.plan.defines[i].body = body;
                        self.plan.defines[i].locals = scope.max_slots;
                    }
                }
            }
        }
    }

    fn report_cycle(
        &mut self,
        graph: &DiGraph<ValueName, ()>,
        component: &[NodeIndex],
        edge_spans: &HashMap<(ValueName, ValueName), Span>,
        params: &[(usize, &ast::ParamDecl)],
        defines: &[(usize, &ast::DefineDecl)],
    ) {
        // Walk the cycle from its first-declared member so the path reads in a stable order.
        let start = *component
            .iter()
            .min_by_key(|n| graph[**n].sort_key())
            .unwrap_or(&component[0]);
        let mut path = vec![start];
        let mut current = start;
        for _ in 0..component.len() {
            let next = graph
                .neighbors(current)
                .filter(|n| component.contains(n))
                .min_by_key(|n| (*n != start, graph[*n].sort_key()));
            let Some(next) = next else { break };
            if next == start {
                break;
            }
            if path.contains(&next) {
                break;
            }
            path.push(next);
            current = next;
        }
        let name_of = |v: ValueName| match v {
            ValueName::Param(i) => (params[i].0, params[i].1.name.clone()),
            ValueName::Define(i) => (defines[i].0, defines[i].1.name.clone()),
        };
        let mut names: Vec<String> = path.iter().map(|n| name_of(graph[*n]).1.text).collect();
        names.push(names[0].clone());
        let (file, first) = name_of(graph[start]);
        let mut diagnostic = Diagnostic::error(
            "rules::cycle",
            format!(
                "definitions depend on themselves: {}",
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(" → ")
            ),
        )
        .in_file(self.file(file))
        .at(first.span, "the cycle starts here")
        .help("break the cycle: one of these must be defined without the others");
        for pair in path.windows(2).chain(std::iter::once(
            [*path.last().unwrap_or(&start), start].as_slice(),
        )) {
            let (from, to) = (graph[pair[0]], graph[pair[1]]);
            let (from_file, _) = name_of(from);
            if let Some(&span) = edge_spans.get(&(from, to))
                && from_file == file
            {
                diagnostic = diagnostic.also(span, format!("uses `{}`", name_of(to).1.text));
            }
        }
        self.diagnostics.push(diagnostic);
    }

    // -- rules -------------------------------------------------------------------------------------

    fn rules(&mut self, declarations: &[(usize, &Declaration)]) {
        let mut ids: HashMap<String, (usize, Span)> = HashMap::new();
        for (file, d) in declarations {
            let Declaration::Rule(rule) = d else { continue };
            if let Some(&first) = ids.get(&rule.id.text) {
                self.duplicate(*file, "rule", &rule.id.text, rule.id.span, first);
                continue;
            }
            ids.insert(rule.id.text.clone(), (*file, rule.id.span));
            if let Some(resolved) = self.rule(*file, rule) {
                self.plan.rules.push(resolved);
            }
        }
        for (file, d) in declarations {
            let Declaration::Omit(omit) = d else { continue };
            if let Some(&first) = ids.get(&omit.id.text) {
                self.duplicate(*file, "row", &omit.id.text, omit.id.span, first);
                continue;
            }
            ids.insert(omit.id.text.clone(), (*file, omit.id.span));
            if omit.reason.value.trim().is_empty() {
                self.error(
                    *file,
                    "rules::missing-clause",
                    format!("`omit {}` gives no reason", omit.id.text),
                    omit.reason.span,
                    "empty reason",
                    "say why the row is not encoded, e.g. that no submission carries the fact",
                );
            }
            self.plan.omitted.push(Omitted {
                id: omit.id.text.clone(),
                reason: omit.reason.value.clone(),
            });
        }
    }

    fn rule(&mut self, file: usize, rule: &ast::RuleDecl) -> Option<Rule> {
        let mut single: HashMap<&'static str, Span> = HashMap::new();
        let mut repeated = Vec::new();
        let mut note = |key: &'static str, span: Span, repeated: &mut Vec<(&'static str, Span)>| {
            if single.insert(key, span).is_some() {
                repeated.push((key, span));
            }
        };
        let mut applies = None;
        for clause in &rule.clauses {
            match clause {
                RuleClause::ClauseRef(t) => note("clause", t.span, &mut repeated),
                RuleClause::Quote(t) => note("quote", t.span, &mut repeated),
                RuleClause::AppliesTo(k) => {
                    note("applies to", k.span, &mut repeated);
                    applies = Some(k);
                }
                RuleClause::Requirement { modality_span, .. } => {
                    note("requirement", *modality_span, &mut repeated)
                }
                RuleClause::Deadline(d) => note("deadline", d.span, &mut repeated),
                RuleClause::Effective(r) => note("effective", r.span, &mut repeated),
                RuleClause::Responsible(list) => note(
                    "responsible",
                    list.first().map_or(rule.id.span, |t| t.span),
                    &mut repeated,
                ),
                _ => {}
            }
        }
        for (key, span) in repeated {
            let what = if key == "requirement" {
                "more than one requirement (`must`, `forbid` …)".to_string()
            } else {
                format!("`{key}` twice")
            };
            self.error(file, "rules::repeated-clause", format!("rule `{}` has {what}", rule.id.text), span, "repeated here", "a rule states this once; split the clause into two rules if it holds two obligations");
        }
        for (key, example) in [
            ("clause", "clause \"二(二)3 ¶1\""),
            ("quote", "quote \"…\""),
            ("responsible", "responsible \"市生態環境局\""),
            ("applies to", "applies to project"),
            ("requirement", "must … or forbid …"),
        ] {
            if !single.contains_key(key) {
                let what = if key == "requirement" {
                    "a requirement".to_string()
                } else {
                    format!("`{key}`")
                };
                self.error(
                    file,
                    "rules::missing-clause",
                    format!("rule `{}` has no {what}", rule.id.text),
                    rule.id.span,
                    "in this rule",
                    format!("add a line such as `{example}`"),
                );
            }
        }
        if !rule
            .clauses
            .iter()
            .any(|c| matches!(c, RuleClause::Message(_)))
        {
            self.error(
                file,
                "rules::missing-clause",
                format!("rule `{}` has no `message`", rule.id.text),
                rule.id.span,
                "in this rule",
                "add `message \"…\"` saying what is wrong, with values in `{…}`",
            );
        }
        if !rule
            .clauses
            .iter()
            .any(|c| matches!(c, RuleClause::Help(_)))
        {
            self.warning(
                file,
                "rules::missing-help",
                format!("rule `{}` has no `help`", rule.id.text),
                rule.id.span,
                "in this rule",
                "add `help \"…\"` saying how to comply",
            );
        }

        let root = match applies {
            Some(kind) => match self.type_names.get(&kind.text) {
                Some((TypeName::Record(r), _, _)) if self.plan.records[*r].is_document => Some(*r),
                _ => {
                    let kinds: Vec<String> = self
                        .plan
                        .document_kinds()
                        .map(|(_, r)| r.name.clone())
                        .collect();
                    let help = help_for(
                        &kind.text,
                        kinds.iter().map(String::as_str),
                        "document kinds",
                    );
                    self.error(
                        file,
                        "rules::unknown-kind",
                        format!("unknown document kind `{}`", kind.text),
                        kind.span,
                        "not a declared `document`",
                        help,
                    );
                    None
                }
            },
            None => None,
        };

        let mut resolved = Rule {
            id: rule.id.text.clone(),
            title: rule.title.value.clone(),
            doc: rule.doc.clone(),
            clause: String::new(),
            quote: String::new(),
            quote_span: rule.id.span,
            responsible: Vec::new(),
            readings: Vec::new(),
            applies_to: root.unwrap_or(usize::MAX),
            for_each: Vec::new(),
            when: Vec::new(),
            modality: Modality::Must,
            requirement: invalid(rule.span),
            unless: Vec::new(),
            reviews: Vec::new(),
            advices: Vec::new(),
            deadline: None,
            effective_from: None,
            effective_until: None,
            messages: Vec::new(),
            helps: Vec::new(),
            locals: 0,
            file,
            span: rule.span,
        };
        let mut bad_dates = Vec::new();
        for clause in &rule.clauses {
            match clause {
                RuleClause::ClauseRef(t) => resolved.clause = t.value.clone(),
                RuleClause::Quote(t) => {
                    resolved.quote = t.value.clone();
                    resolved.quote_span = t.span;
                }
                RuleClause::Responsible(list) => {
                    resolved.responsible = list.iter().map(|t| t.value.clone()).collect()
                }
                RuleClause::Readings(names) => {
                    for name in names {
                        if self.plan.readings.iter().any(|r| r.name == name.text) {
                            resolved.readings.push(name.text.clone());
                        } else {
                            let known: Vec<String> =
                                self.plan.readings.iter().map(|r| r.name.clone()).collect();
                            let help =
                                help_for(&name.text, known.iter().map(String::as_str), "readings");
                            self.error(
                                file,
                                "rules::unknown-reading",
                                format!("unknown reading `{}`", name.text),
                                name.span,
                                "not a declared `reading`",
                                help,
                            );
                        }
                    }
                }
                RuleClause::Deadline(d) => match Date::parse(&d.text) {
                    Some(date) => resolved.deadline = Some(date),
                    None => bad_dates.push(d),
                },
                RuleClause::Effective(range) => {
                    let (from, until) = parse_range(range, &mut bad_dates);
                    resolved.effective_from = from;
                    resolved.effective_until = until;
                }
                _ => {}
            }
        }
        self.report_bad_dates(file, bad_dates);
        // Without the document kind every field name would be an error; the kind error says it all.
        let root = root?;
        let mut scope = Scope::new(file, Some(root));
        for clause in &rule.clauses {
            if let RuleClause::ForEach { var, list } = clause {
                let list = self.check(list, &mut scope, None);
                let item = match &list.ty {
                    Type::List(item) => (**item).clone(),
                    Type::Error => Type::Error,
                    other => {
                        let found = other.describe(&self.plan);
                        self.error(
                            file,
                            "rules::type-mismatch",
                            format!("`for each` needs a list, and this is {found}"),
                            list.span,
                            "not a list",
                            "name a field declared as `list …`",
                        );
                        Type::Error
                    }
                };
                let slot = scope.bind(&var.text, item);
                resolved.for_each.push(ForEach {
                    name: var.text.clone(),
                    slot,
                    list,
                });
            }
        }
        for clause in &rule.clauses {
            match clause {
                RuleClause::When(e) => resolved.when.push(self.check_bool(e, &mut scope, "`when`")),
                RuleClause::Unless(e) => resolved
                    .unless
                    .push(self.check_bool(e, &mut scope, "`unless`")),
                RuleClause::Requirement { modality, expr, .. } => {
                    resolved.modality = *modality;
                    resolved.requirement = self.check_bool(expr, &mut scope, "a requirement");
                }
                RuleClause::Review { condition, reason }
                | RuleClause::Advice { condition, reason } => {
                    let condition = self.check_bool(condition, &mut scope, "`if`");
                    let reason = reason
                        .iter()
                        .map(|text| self.local_text(text, &mut scope))
                        .collect();
                    let downgrade = Downgrade { condition, reason };
                    if matches!(clause, RuleClause::Review { .. }) {
                        resolved.reviews.push(downgrade);
                    } else {
                        resolved.advices.push(downgrade);
                    }
                }
                RuleClause::Message(text) | RuleClause::Help(text) => {
                    let (language, template) = self.local_text(text, &mut scope);
                    if matches!(clause, RuleClause::Message(_)) {
                        resolved.messages.push((language, template));
                    } else {
                        resolved.helps.push((language, template));
                    }
                }
                _ => {}
            }
        }
        resolved.locals = scope.max_slots;
        Some(resolved)
    }

    /// A text with its language: `en` when tagged so, Chinese otherwise.
    fn local_text(&mut self, text: &ast::LocalText, scope: &mut Scope) -> (Language, Template) {
        let language = match text.language.as_ref().map(|l| l.text.as_str()) {
            Some("en") => Language::En,
            _ => Language::Zh,
        };
        (language, self.template(&text.template, scope))
    }

    fn template(&mut self, template: &ast::Template, scope: &mut Scope) -> Template {
        let parts = template
            .parts
            .iter()
            .map(|part| match part {
                ast::TemplatePart::Text(t) => TemplatePart::Text(t.clone()),
                ast::TemplatePart::Value(e) => TemplatePart::Value(self.check(e, scope, None)),
            })
            .collect();
        Template {
            parts,
            span: template.span,
        }
    }

    fn report_unused(&mut self, declarations: &[(usize, &Declaration)]) {
        let mut counts = (0, 0);
        for (file, d) in declarations {
            let (name, value, used, what) = match d {
                Declaration::Param(p) => {
                    counts.0 += 1;
                    (
                        &p.name,
                        ValueName::Param(counts.0 - 1),
                        self.used_params.get(counts.0 - 1),
                        "parameter",
                    )
                }
                Declaration::Define(x) => {
                    counts.1 += 1;
                    (
                        &x.name,
                        ValueName::Define(counts.1 - 1),
                        self.used_defines.get(counts.1 - 1),
                        "definition",
                    )
                }
                _ => continue,
            };
            // A duplicate was reported already; only the declaration the name resolves to counts.
            let is_the_declaration = self.values.get(&name.text).is_some_and(|v| v.0 == value);
            if used == Some(&false) && is_the_declaration {
                self.warning(
                    *file,
                    "rules::unused",
                    format!("{what} `{}` is never used", name.text),
                    name.span,
                    "unused",
                    "use it in a rule or remove it",
                );
            }
        }
    }

    // -- expressions -----------------------------------------------------------------------------

    fn check_bool(&mut self, e: &ast::Expr, scope: &mut Scope, what: &str) -> Expr {
        let checked = self.check(e, scope, Some(&Type::Bool));
        if !matches!(checked.ty, Type::Bool | Type::Error) {
            let found = checked.ty.describe(&self.plan);
            self.error(
                scope.file,
                "rules::type-mismatch",
                format!("{what} needs a condition (true or false), and this is {found}"),
                checked.span,
                "not a condition",
                "compare it with something, e.g. `x >= 35 t/h` or `x = true`",
            );
            return invalid(checked.span);
        }
        checked
    }

    fn mismatch(&mut self, file: usize, span: Span, message: String, help: &str) -> Expr {
        self.error(file, "rules::type-mismatch", message, span, "here", help);
        invalid(span)
    }

    fn check(&mut self, e: &ast::Expr, scope: &mut Scope, hint: Option<&Type>) -> Expr {
        let span = e.span;
        let file = scope.file;
        let make = |kind, ty| Expr { kind, ty, span };
        match &e.kind {
            A::Bool(b) => make(ExprKind::Literal(Literal::Bool(*b)), Type::Bool),
            A::Number(text) => match Number::parse_decimal(text) {
                Some(n) => make(
                    ExprKind::Literal(Literal::Number(n)),
                    if n.is_integer() {
                        Type::Integer
                    } else {
                        Type::Decimal
                    },
                ),
                None => self.mismatch(
                    file,
                    span,
                    format!("`{text}` is too long a number"),
                    "use at most 18 digits",
                ),
            },
            A::Percent(text) => match Number::parse_decimal(text)
                .and_then(|n| n.checked_div(Number::from_int(100)))
            {
                Some(n) => make(ExprKind::Literal(Literal::Percent(n)), Type::Percent),
                None => self.mismatch(
                    file,
                    span,
                    format!("`{text}%` is too long a number"),
                    "use at most 18 digits",
                ),
            },
            A::Quantity(q) => {
                let Some(unit) = self.lookup_unit(file, &q.unit) else {
                    return invalid(span);
                };
                let value = Number::parse_decimal(&q.number)
                    .and_then(|n| n.checked_mul(self.plan.units[unit].to_base));
                match value {
                    Some(v) => make(
                        ExprKind::Literal(Literal::Quantity(v)),
                        Type::Quantity(self.plan.units[unit].dimension),
                    ),
                    None => self.mismatch(
                        file,
                        span,
                        format!("`{}` is too long a number", q.number),
                        "use at most 18 digits",
                    ),
                }
            }
            A::Text(t) => make(ExprKind::Literal(Literal::Text(t.clone())), Type::Text),
            A::Date(text) => match Date::parse(text) {
                Some(d) => make(ExprKind::Literal(Literal::Date(d)), Type::Date),
                None => {
                    self.error(
                        file,
                        "rules::invalid-date",
                        format!("`{text}` is not a calendar date"),
                        span,
                        "no such day",
                        "write a real day as YYYY-MM-DD",
                    );
                    invalid(span)
                }
            },
            A::List(items) => {
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
                        let (found, wanted) =
                            (item.ty.describe(&self.plan), item_type.describe(&self.plan));
                        self.error(
                            file,
                            "rules::type-mismatch",
                            format!("a list mixes {wanted} and {found}"),
                            item.span,
                            "of another type",
                            "every item of a list must be of one type",
                        );
                    }
                }
                make(ExprKind::List(checked), Type::List(Box::new(item_type)))
            }
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
                let inner = self.check_bool(inner, scope, "`not`");
                make(ExprKind::Not(Box::new(inner)), Type::Bool)
            }
            A::Negate(inner) => {
                let inner = self.check(inner, scope, None);
                match inner.ty {
                    Type::Integer
                    | Type::Decimal
                    | Type::Percent
                    | Type::Quantity(_)
                    | Type::Error => {
                        let ty = inner.ty.clone();
                        make(ExprKind::Negate(Box::new(inner)), ty)
                    }
                    _ => {
                        let found = inner.ty.describe(&self.plan);
                        self.mismatch(
                            file,
                            span,
                            format!("cannot negate {found}"),
                            "only numbers, percentages and quantities have a sign",
                        )
                    }
                }
            }
            A::Binary {
                op: op @ (BinaryOp::And | BinaryOp::Or),
                left,
                right,
            } => {
                let word = if *op == BinaryOp::And {
                    "`and`"
                } else {
                    "`or`"
                };
                let left = self.check_bool(left, scope, word);
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
            A::In { negated, item, set } => {
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
                        let (wanted, found) =
                            (item.ty.describe(&self.plan), inner.describe(&self.plan));
                        return self.mismatch(
                            file,
                            span,
                            format!("cannot look for {wanted} in a list of {found}"),
                            "the item and the list must be of one type",
                        );
                    }
                    other => {
                        let found = other.describe(&self.plan);
                        return self.mismatch(
                            file,
                            set.span,
                            format!("`in` needs a list, and this is {found}"),
                            "write the choices as a list: `[a, b]`",
                        );
                    }
                }
                make(
                    ExprKind::In {
                        negated: *negated,
                        item: Box::new(item),
                        set: Box::new(set),
                    },
                    Type::Bool,
                )
            }
        }
    }

    fn mismatch_code(
        &mut self,
        file: usize,
        span: Span,
        message: (String, &'static str),
        help: &str,
    ) -> Expr {
        let (text, code) = message;
        self.error(file, code, text, span, "here", help);
        invalid(span)
    }

    /// Checks both sides of a comparison, letting a bare enum value take its type from the other side.
    fn check_pair(
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

    fn is_unresolved_name(&self, e: &ast::Expr, scope: &Scope) -> bool {
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

    fn arithmetic_type(
        &self,
        op: BinaryOp,
        left: &Type,
        right: &Type,
    ) -> Result<Type, ((String, &'static str), &'static str)> {
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
        let (l, r) = (left.describe(&self.plan), right.describe(&self.plan));
        let symbol = match op {
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            _ => "/",
        };
        if let (Quantity(_), Quantity(_)) = (left, right) {
            return Err((
                (
                    format!("cannot combine {l} with {r} by `{symbol}`: their dimensions differ"),
                    "rules::dimension-mismatch",
                ),
                "convert one side, or compare quantities of one dimension",
            ));
        }
        Err((
            (
                format!("cannot compute {l} {symbol} {r}"),
                "rules::type-mismatch",
            ),
            "arithmetic works on numbers, percentages and quantities of one dimension",
        ))
    }

    fn comparable(
        &self,
        op: CompareOp,
        left: &Type,
        right: &Type,
    ) -> Result<(), ((String, &'static str), &'static str)> {
        use Type::*;
        let (l, r) = (left.describe(&self.plan), right.describe(&self.plan));
        if matches!(left, Error) || matches!(right, Error) {
            return Ok(());
        }
        if let (Quantity(a), Quantity(b)) = (left, right)
            && a != b
        {
            return Err((
                (
                    format!("cannot compare {l} with {r}: their dimensions differ"),
                    "rules::dimension-mismatch",
                ),
                "compare quantities of one dimension; convert with a declared unit",
            ));
        }
        if !left.compatible(right) {
            let help = match (left, right) {
                (Percent, n) | (n, Percent) if n.is_numeric() => {
                    "write the number as a percentage, e.g. `87%`"
                }
                (Quantity(_), n) | (n, Quantity(_)) if n.is_numeric() => {
                    "give the number its unit, e.g. `35 t/h`"
                }
                _ => "both sides of a comparison must be of one type",
            };
            return Err((
                (
                    format!("cannot compare {l} with {r}"),
                    "rules::type-mismatch",
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
                    format!(
                        "`{}` needs values with an order, and {l} has none",
                        op.symbol()
                    ),
                    "rules::type-mismatch",
                ),
                "use `=` or `!=`, or `in [..]`; an enum whose values have an order can be declared `ordered`",
            ));
        }
        if matches!(left, Record(_) | List(_)) {
            return Err((
                (
                    format!("cannot compare whole {l} values"),
                    "rules::type-mismatch",
                ),
                "compare one of their fields",
            ));
        }
        Ok(())
    }

    fn path(
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
                        self.error(
                            file,
                            "rules::arity",
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
                    self.error(
                        file,
                        "rules::unknown-enum-value",
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
            self.error(
                file,
                "rules::unknown-name",
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
                            self.error(
                                file,
                                "rules::unknown-field",
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

    fn call(
        &mut self,
        name: &ast::Ident,
        args: &[ast::Expr],
        scope: &mut Scope,
        span: Span,
    ) -> Expr {
        let file = scope.file;
        let arity_error = |this: &mut Self, wanted: usize| {
            this.error(
                file,
                "rules::arity",
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
                    self.error(
                        file,
                        "rules::unknown-name",
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
                        self.error(
                            file,
                            "rules::type-mismatch",
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
    fn aggregate(
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
                self.error(
                    file,
                    "rules::type-mismatch",
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
                self.error(
                    file,
                    "rules::arity",
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
            self.error(
                file,
                "rules::arity",
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

impl ValueName {
    fn sort_key(self) -> (u8, usize) {
        match self {
            ValueName::Param(i) => (0, i),
            ValueName::Define(i) => (1, i),
        }
    }
}

fn parse_range<'a>(
    range: &'a ast::DateRange,
    bad: &mut Vec<&'a ast::DateLit>,
) -> (Option<Date>, Option<Date>) {
    let mut parse = |d: &'a Option<ast::DateLit>| {
        d.as_ref().and_then(|lit| {
            let parsed = Date::parse(&lit.text);
            if parsed.is_none() {
                bad.push(lit);
            }
            parsed
        })
    };
    let from = parse(&range.from);
    let until = parse(&range.until);
    (from, until)
}

/// The names an expression refers to (heads of paths and called names), minus bound locals.
fn collect_references(e: &ast::Expr, bound: &mut Vec<String>, out: &mut Vec<(String, Span)>) {
    match &e.kind {
        A::Path(parts) => {
            if let Some(head) = parts.first()
                && !bound.contains(&head.text)
            {
                out.push((head.text.clone(), head.span));
            }
        }
        A::Call { name, args } => {
            out.push((name.text.clone(), name.span));
            for a in args {
                collect_references(a, bound, out);
            }
        }
        A::Aggregate {
            var,
            list,
            filter,
            body,
            ..
        } => {
            collect_references(list, bound, out);
            bound.push(var.text.clone());
            for part in [filter, body].into_iter().flatten() {
                collect_references(part, bound, out);
            }
            bound.pop();
        }
        A::List(items) => items.iter().for_each(|i| collect_references(i, bound, out)),
        A::Not(x) | A::Negate(x) => collect_references(x, bound, out),
        A::Binary { left, right, .. } | A::Compare { left, right, .. } => {
            collect_references(left, bound, out);
            collect_references(right, bound, out);
        }
        A::In { item, set, .. } => {
            collect_references(item, bound, out);
            collect_references(set, bound, out);
        }
        A::Bool(_) | A::Number(_) | A::Percent(_) | A::Quantity(_) | A::Text(_) | A::Date(_) => {}
    }
}
