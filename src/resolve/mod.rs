//! Syntax trees to a resolved plan: names, types, units and dependency checks, all errors at once.
//!
//! In: the syntax trees of a plan's rules files. Out: the typed plan (`model::Plan`) and every
//! problem, in pass order: header, readings, type names, units, enums, records, parameters and
//! definitions, rules, unused names. Each pass is a file of this folder.

mod builtins;
mod expr;
mod header;
mod lints;
mod names;
mod rules;
mod schema;
mod units;
mod values;

use crate::base::date::Date;
use crate::base::fold::fold;
use crate::base::identifier::Standard;
use crate::base::number::Number;
use crate::base::span::{SourceFile, Span};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::*;
use crate::syntax::ast::{
    self, AggregateKind, BinaryOp, CompareOp, Declaration, ExprKind as A, IdentifierCheck,
    Modality, RuleClause,
};
use crate::words::{Said, Word, suggestion};
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{HashMap, HashSet};

/// One parsed rules file.
pub struct ParsedFile {
    pub source: SourceFile,
    pub tree: ast::File,
    /// The plan of the chain it belongs to, or the shared schema.
    pub layer: crate::model::Layer,
}

/// Resolves and type-checks every declaration of a plan's files, returning the plan and every
/// problem found. The plan is only fit to evaluate when no diagnostic is an error.
pub fn resolve(files: &[ParsedFile]) -> (Plan, Vec<Diagnostic>) {
    let mut resolver = Resolver {
        plan: Plan {
            files: files.iter().map(|f| f.source.clone()).collect(),
            file_layers: files.iter().map(|f| f.layer).collect(),
            ..Plan::default()
        },
        diagnostics: Vec::new(),
        type_names: HashMap::new(),
        values: HashMap::new(),
        define_types: Vec::new(),
        used_params: Vec::new(),
        used_defines: Vec::new(),
        suggestions_left: SUGGESTION_BUDGET,
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
    Identifier(IdentifierId),
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
    /// Did-you-means still to be worked out; see [`Resolver::suggest`].
    suggestions_left: usize,
}

/// How many did-you-means one plan's problems may carry: each compares a name with every name
/// declared, so thousands of misspelt names would otherwise cost time quadratic in the file.
const SUGGESTION_BUDGET: usize = 200;

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

    /// Reports a problem at one place of a rules file, with the code's own severity, in words
    /// of the tool's table.
    fn report(
        &mut self,
        file: usize,
        code: Code,
        message: Said,
        span: Span,
        label: Said,
        help: Said,
    ) {
        let diagnostic = Diagnostic::said(code, message)
            .in_file(self.file(file))
            .at_said(span, label)
            .help_said(help);
        self.diagnostics.push(diagnostic);
    }

    /// A did-you-mean for a name that is not declared, from the names `names` lists; once the
    /// plan's budget is spent, only that the name is unknown, without listing or comparing.
    fn suggest(
        &mut self,
        wanted: &str,
        what: Word,
        names: impl FnOnce(&Self) -> Vec<String>,
    ) -> Said {
        if self.suggestions_left == 0 {
            return Said::new(Word::NoMoreSuggestions);
        }
        self.suggestions_left -= 1;
        let names = names(self);
        suggestion(wanted, names.iter().map(String::as_str), what)
    }

    /// The words for a type, as messages name it (`integer`, a quantity of `power` …).
    fn describe(&self, ty: &Type) -> Said {
        match ty {
            Type::Bool => Said::new(Word::TypeBool),
            Type::Integer => Said::new(Word::TypeInteger),
            Type::Decimal => Said::new(Word::TypeDecimal),
            Type::Percent => Said::new(Word::TypePercent),
            Type::Text => Said::new(Word::TypeText),
            Type::Date => Said::new(Word::TypeDate),
            Type::Quantity(d) => {
                Said::new(Word::TypeQuantity).with("dimension", &self.plan.dimensions[*d].name)
            }
            Type::Enum(e) => Said::new(Word::TypeNamed).with("name", &self.plan.enums[*e].name),
            Type::Identifier(i) => {
                Said::new(Word::TypeNamed).with("name", &self.plan.identifiers[*i].name)
            }
            Type::Record(r) => Said::new(Word::TypeNamed).with("name", &self.plan.records[*r].name),
            Type::List(inner) => Said::new(Word::TypeList).with_said("item", self.describe(inner)),
            Type::Error => Said::new(Word::TypeUnknown),
        }
    }

    fn duplicate(&mut self, file: usize, what: Word, name: &str, span: Span, first: (usize, Span)) {
        let mut diagnostic = Diagnostic::said(
            Code::RulesDuplicate,
            Said::new(Word::DeclaredTwice)
                .with_said("what", Said::new(what))
                .with("name", name),
        )
        .in_file(self.file(file))
        .at_said(span, Said::new(Word::DeclaredAgainHere))
        .help_said(Said::new(Word::DeclaredTwiceHelp));
        if first.0 == file {
            diagnostic = diagnostic.also_said(first.1, Said::new(Word::FirstDeclaredHere));
        } else {
            let position = self.file(first.0).line_column(first.1.start);
            diagnostic = diagnostic.note_said(Said::new(Word::FirstDeclaredAt).with(
                "place",
                format!(
                    "{}:{}:{}",
                    self.file(first.0).name,
                    position.line,
                    position.column
                ),
            ));
        }
        self.diagnostics.push(diagnostic);
    }

    /// Every bidirectional control character in the rules files: a quote or a condition that
    /// reads differently from its bytes (the "Trojan source" trick) is worth a warning.
    fn bidi_controls(&mut self) {
        let mut found = Vec::new();
        for (file, source) in self.plan.files.iter().enumerate() {
            for (at, c) in source.text.char_indices() {
                if crate::base::escape::is_bidi_control(c) {
                    found.push((file, Span::new(at, at + c.len_utf8()), c));
                }
            }
        }
        for (file, span, c) in found {
            self.report(
                file,
                Code::RulesBidiControl,
                Said::new(Word::BidiControl).with("char", format!("U+{:04X}", c as u32)),
                span,
                Said::new(Word::BidiControlHere),
                Said::new(Word::BidiControlHelp),
            );
        }
    }

    fn run(&mut self, declarations: &[(usize, &Declaration)]) {
        self.bidi_controls();
        self.header(declarations);
        self.readings(declarations);
        self.index_types(declarations);
        self.units(declarations);
        self.enums(declarations);
        self.identifiers(declarations);
        self.records(declarations);
        self.params_and_defines(declarations);
        self.rules(declarations);
        self.inventory(declarations);
        self.report_unused(declarations);
    }
}
