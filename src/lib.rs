//! planlint: rules-as-code compliance checking of submissions against an encoded plan.

pub mod ast;
pub mod diagnostic;
pub mod span;
pub mod syntax;
pub mod date;
pub mod normalize;
pub mod number;
pub mod model;
pub mod resolve;
pub mod suggest;
pub mod citation;
pub mod project;
pub mod cli;
pub mod yaml;
pub mod submission;
pub mod eval;
pub mod check;
pub mod render;
pub mod explain;
pub mod rules_test;
