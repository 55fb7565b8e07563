//! planlint: rules-as-code compliance checking of submissions against an encoded plan.

// A `Diagnostic` is large, but it only travels on error paths, where boxing buys nothing.
#![allow(clippy::result_large_err)]

pub mod ast;
pub mod check;
pub mod citation;
pub mod cli;
pub mod coverage;
pub mod date;
pub mod diagnostic;
pub mod eval;
pub mod explain;
pub mod model;
pub mod normalize;
pub mod number;
pub mod project;
pub mod render;
pub mod resolve;
pub mod rules_test;
pub mod span;
pub mod submission;
pub mod suggest;
pub mod syntax;
pub mod yaml;
