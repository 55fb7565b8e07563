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

/// A built-in function applied to its evaluated arguments; the type checker has made sure of
/// their kinds, so another kind is an internal error, not a zero.
pub(super) fn builtin<'d>(
    function: Builtin,
    values: &[Computed<'d>],
) -> Result<Computed<'d>, Uncomputable> {
    let date = |i: usize| match values.get(i) {
        Some(Computed::Date(d)) => Ok(*d),
        _ => Err(Uncomputable::Internal),
    };
    let whole = |n: i64| Computed::Number(Number::from_int(n));
    Ok(match function {
        Builtin::Year => whole(date(0)?.year as i64),
        Builtin::Month => whole(date(0)?.month as i64),
        Builtin::Quarter => whole((date(0)?.month as i64 - 1) / 3 + 1),
        Builtin::DaysBetween => whole(date(1)?.days_since_epoch() - date(0)?.days_since_epoch()),
        Builtin::Share => {
            let number = |i: usize| {
                values
                    .get(i)
                    .and_then(number_of)
                    .ok_or(Uncomputable::Internal)
            };
            let (part, total) = (number(0)?, number(1)?);
            if total.is_zero() {
                return Err(Uncomputable::DivisionByZero);
            }
            Computed::Percent(part.checked_div(total).ok_or(Uncomputable::Overflow)?)
        }
    })
}

pub(super) fn number_of(v: &Computed<'_>) -> Option<Number> {
    match v {
        Computed::Number(n) | Computed::Percent(n) | Computed::Quantity(n) => Some(*n),
        _ => None,
    }
}

/// Exact arithmetic; an overflow or a division by zero is said, never turned into a number.
pub(super) fn arithmetic<'d>(
    op: BinaryOp,
    l: Computed<'d>,
    r: Computed<'d>,
) -> Result<Computed<'d>, Uncomputable> {
    let (Some(a), Some(b)) = (number_of(&l), number_of(&r)) else {
        return Err(Uncomputable::Internal);
    };
    let result = match op {
        BinaryOp::Add => a.checked_add(b),
        BinaryOp::Sub => a.checked_sub(b),
        BinaryOp::Mul => a.checked_mul(b),
        BinaryOp::Div if b.is_zero() => return Err(Uncomputable::DivisionByZero),
        BinaryOp::Div => a.checked_div(b),
        BinaryOp::And | BinaryOp::Or => return Err(Uncomputable::Internal),
    }
    .ok_or(Uncomputable::Overflow)?;
    Ok(match (op, &l, &r) {
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
    })
}

/// Compares two values of kinds the type checker has matched; other kinds are an internal error.
pub(super) fn compare(
    op: CompareOp,
    l: &Computed<'_>,
    r: &Computed<'_>,
) -> Result<bool, Uncomputable> {
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
        return Err(Uncomputable::Internal);
    };
    Ok(match op {
        CompareOp::Eq => ordering == Ordering::Equal,
        CompareOp::Ne => ordering != Ordering::Equal,
        CompareOp::Lt => ordering == Ordering::Less,
        CompareOp::Le => ordering != Ordering::Greater,
        CompareOp::Gt => ordering == Ordering::Greater,
        CompareOp::Ge => ordering != Ordering::Less,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: i64) -> Computed<'static> {
        Computed::Number(Number::from_int(v))
    }

    #[test]
    fn arithmetic_says_when_it_cannot_compute() {
        assert!(
            matches!(arithmetic(BinaryOp::Add, n(2), n(3)), Ok(Computed::Number(x)) if x == Number::from_int(5))
        );
        assert_eq!(
            arithmetic(BinaryOp::Div, n(1), n(0)).err(),
            Some(Uncomputable::DivisionByZero)
        );
        assert_eq!(
            arithmetic(BinaryOp::Mul, n(i64::MAX), n(2)).err(),
            Some(Uncomputable::Overflow)
        );
        assert_eq!(
            arithmetic(BinaryOp::Add, n(1), Computed::Bool(true)).err(),
            Some(Uncomputable::Internal)
        );
    }

    #[test]
    fn share_by_zero_and_mismatched_comparisons_are_not_values() {
        assert_eq!(
            builtin(Builtin::Share, &[n(1), n(0)]).err(),
            Some(Uncomputable::DivisionByZero)
        );
        assert_eq!(
            builtin(Builtin::Year, &[n(1)]).err(),
            Some(Uncomputable::Internal)
        );
        assert_eq!(
            compare(CompareOp::Eq, &n(1), &Computed::Bool(true)).err(),
            Some(Uncomputable::Internal)
        );
        assert_eq!(compare(CompareOp::Le, &n(1), &n(1)), Ok(true));
    }
}
