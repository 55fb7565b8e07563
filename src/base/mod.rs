//! Leaf utilities every stage uses: spans and positions, exact numbers, dates, folding,
//! national identifiers, did-you-mean.

pub(crate) mod date;
pub(crate) mod escape;
pub(crate) mod fold;
pub(crate) mod identifier;
pub(crate) mod number;
pub(crate) mod span;
pub(crate) mod suggest;
pub(crate) mod width;
