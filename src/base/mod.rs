//! Leaf utilities every stage uses: spans and positions, exact numbers, dates, folding, did-you-mean.

pub(crate) mod date;
pub(crate) mod fold;
pub(crate) mod number;
pub(crate) mod span;
pub(crate) mod suggest;
pub(crate) mod width;
