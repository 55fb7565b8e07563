//! The built-in functions of the rules language: each one's name, arity, and what it takes and
//! gives. One table, so that adding a built-in is one row here and one arm in evaluation.

use crate::model::Builtin;

/// What a built-in does, which decides how its arguments are checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BuiltinKind {
    /// `given(field)` / `missing(field)`: whether the document gives a field.
    Presence { given: bool },
    /// `count(list)`: how many items a list has.
    Count,
    /// `year`, `month`, `quarter`, `days_between`: whole numbers from dates.
    Calendar(Builtin),
    /// `share(part, whole)`: a percentage of two numbers or two quantities of one dimension.
    Share,
}

/// One built-in function.
#[derive(Clone, Copy, Debug)]
pub(super) struct BuiltinFunction {
    pub(super) name: &'static str,
    pub(super) arity: usize,
    pub(super) kind: BuiltinKind,
    /// Whether a plan's own parameter or definition of the same name takes its place. `given`
    /// and `missing` cannot be shadowed: they decide missing information (decisions A18).
    pub(super) shadowable: bool,
}

pub(super) const BUILTINS: [BuiltinFunction; 8] = [
    BuiltinFunction {
        name: "given",
        arity: 1,
        kind: BuiltinKind::Presence { given: true },
        shadowable: false,
    },
    BuiltinFunction {
        name: "missing",
        arity: 1,
        kind: BuiltinKind::Presence { given: false },
        shadowable: false,
    },
    BuiltinFunction {
        name: "count",
        arity: 1,
        kind: BuiltinKind::Count,
        shadowable: true,
    },
    BuiltinFunction {
        name: "year",
        arity: 1,
        kind: BuiltinKind::Calendar(Builtin::Year),
        shadowable: true,
    },
    BuiltinFunction {
        name: "month",
        arity: 1,
        kind: BuiltinKind::Calendar(Builtin::Month),
        shadowable: true,
    },
    BuiltinFunction {
        name: "quarter",
        arity: 1,
        kind: BuiltinKind::Calendar(Builtin::Quarter),
        shadowable: true,
    },
    BuiltinFunction {
        name: "days_between",
        arity: 2,
        kind: BuiltinKind::Calendar(Builtin::DaysBetween),
        shadowable: true,
    },
    BuiltinFunction {
        name: "share",
        arity: 2,
        kind: BuiltinKind::Share,
        shadowable: true,
    },
];

/// The built-in of that name, if there is one.
pub(super) fn find(name: &str) -> Option<&'static BuiltinFunction> {
    BUILTINS.iter().find(|b| b.name == name)
}
