//! planlint: rules-as-code compliance checking of submissions against an encoded plan.

pub mod ast;
pub mod diagnostic;
pub mod span;
pub mod syntax;
