//! The values evaluation computes with, and the operations on them: arithmetic, comparison,
//! built-in functions.

use super::*;

/// A value as evaluation computes with it: borrowed from the document where it can be.
#[derive(Clone)]
pub(super) enum Computed<'d> {
    Bool(bool),
    Number(Number),
    Percent(Number),
    Quantity(Number),
    Text(Cow<'d, str>),
    Date(Date),
    Enum(usize),
    Record(&'d Record),
    Nodes(&'d [Node]),
    Values(Vec<Computed<'d>>),
}

/// The items of a list, walked without copying them into a vector first.
pub(super) enum Items<'d> {
    Nodes(std::slice::Iter<'d, Node>),
    Values(std::vec::IntoIter<Computed<'d>>),
}

impl<'d> Iterator for Items<'d> {
    type Item = (Computed<'d>, Option<&'d Node>);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Items::Nodes(nodes) => nodes.next().map(|n| (node_value(n), Some(n))),
            Items::Values(values) => values.next().map(|v| (v, None)),
        }
    }
}

/// A submission value as evaluation sees it.
pub(super) fn node_value<'d>(node: &'d Node) -> Computed<'d> {
    match &node.value {
        Value::Bool(b) => Computed::Bool(*b),
        Value::Number(n) => Computed::Number(*n),
        Value::Percent(p) => Computed::Percent(*p),
        Value::Quantity { base, .. } => Computed::Quantity(*base),
        Value::Text(t) => Computed::Text(Cow::Borrowed(t)),
        Value::Date(d) => Computed::Date(*d),
        Value::Enum { value, .. } => Computed::Enum(*value),
        Value::Record(r) => Computed::Record(r),
        Value::List(items) => Computed::Nodes(items),
    }
}

pub(super) fn builtin<'d>(function: Builtin, values: &[Computed<'d>]) -> Computed<'d> {
    let date = |i: usize| match values.get(i) {
        Some(Computed::Date(d)) => Some(*d),
        _ => None,
    };
    let whole = |n: i64| Computed::Number(Number::from_int(n));
    match function {
        Builtin::Year => date(0).map_or(whole(0), |d| whole(d.year as i64)),
        Builtin::Month => date(0).map_or(whole(0), |d| whole(d.month as i64)),
        Builtin::Quarter => date(0).map_or(whole(0), |d| whole((d.month as i64 - 1) / 3 + 1)),
        Builtin::DaysBetween => match (date(0), date(1)) {
            (Some(a), Some(b)) => whole(b.days_since_epoch() - a.days_since_epoch()),
            _ => whole(0),
        },
        Builtin::Share => {
            let part = values.first().and_then(number_of);
            let total = values.get(1).and_then(number_of);
            Computed::Percent(match (part, total) {
                (Some(p), Some(t)) => p.checked_div(t).unwrap_or(Number::ZERO),
                _ => Number::ZERO,
            })
        }
    }
}

pub(super) fn number_of(v: &Computed<'_>) -> Option<Number> {
    match v {
        Computed::Number(n) | Computed::Percent(n) | Computed::Quantity(n) => Some(*n),
        _ => None,
    }
}

pub(super) fn arithmetic<'d>(op: BinaryOp, l: Computed<'d>, r: Computed<'d>) -> Computed<'d> {
    let (Some(a), Some(b)) = (number_of(&l), number_of(&r)) else {
        return Computed::Number(Number::ZERO);
    };
    let result = match op {
        BinaryOp::Add => a.checked_add(b),
        BinaryOp::Sub => a.checked_sub(b),
        BinaryOp::Mul => a.checked_mul(b),
        _ => a.checked_div(b),
    }
    .unwrap_or(Number::ZERO);
    match (op, &l, &r) {
        (BinaryOp::Div, Computed::Quantity(_), Computed::Quantity(_)) => Computed::Number(result),
        (_, Computed::Quantity(_), _) | (BinaryOp::Mul, _, Computed::Quantity(_)) => {
            Computed::Quantity(result)
        }
        (BinaryOp::Mul, Computed::Percent(_), Computed::Percent(_))
        | (BinaryOp::Add | BinaryOp::Sub, Computed::Percent(_), Computed::Percent(_)) => {
            Computed::Percent(result)
        }
        (BinaryOp::Div, Computed::Percent(_), _) => Computed::Percent(result),
        _ => Computed::Number(result),
    }
}

pub(super) fn compare(op: CompareOp, l: &Computed<'_>, r: &Computed<'_>) -> bool {
    use std::cmp::Ordering;
    let ordering: Option<Ordering> = match (l, r) {
        (Computed::Bool(a), Computed::Bool(b)) => Some(a.cmp(b)),
        (Computed::Text(a), Computed::Text(b)) => Some(a.cmp(b)),
        (Computed::Date(a), Computed::Date(b)) => Some(a.cmp(b)),
        (Computed::Enum(a), Computed::Enum(b)) => Some(a.cmp(b)),
        _ => match (number_of(l), number_of(r)) {
            (Some(a), Some(b)) => Some(a.cmp(&b)),
            _ => None,
        },
    };
    let Some(ordering) = ordering else {
        return false;
    };
    match op {
        CompareOp::Eq => ordering == Ordering::Equal,
        CompareOp::Ne => ordering != Ordering::Equal,
        CompareOp::Lt => ordering == Ordering::Less,
        CompareOp::Le => ordering != Ordering::Greater,
        CompareOp::Gt => ordering == Ordering::Greater,
        CompareOp::Ge => ordering != Ordering::Less,
    }
}
