//! planlint: rules-as-code compliance checking of submissions against an encoded plan.
//!
//! A plan is a folder of rules files that encode an action plan's clauses, each with its
//! verbatim quote. planlint is a pipeline, one stage per module:
//!
//! ```text
//! rules text ──syntax──▶ ast ──resolve──▶ model::Plan ──citation──▶ quotes checked
//!                                               │
//! submission bytes ──submission──▶ Document ──eval──▶ findings (data) ──report──▶ text
//! ```
//!
//! Every stage reports problems as [`diagnostic::Diagnostic`]s with a registered [`diagnostic::Code`]
//! instead of stopping. The library reads no file, clock, environment or terminal: the caller
//! hands it the plan's files, the submission's bytes and the date.
//!
//! # Example
//!
//! ```
//! use planlint::report::{self, Format, Language, ReportOptions};
//! use planlint::check::CheckOptions;
//! use planlint::{Date, Plan};
//!
//! let plan = Plan::embedded().expect("this build embeds a plan");
//! assert!(!plan.has_errors());
//! let submission = format!(
//!     "kind: project\nplan: {}\nsubmitted_on: 2025-06-01\n",
//!     plan.id()
//! );
//! let today = Date::new(2025, 6, 1).expect("a calendar date");
//! let file = plan.check("application.yaml", submission.as_bytes(), &CheckOptions::new(today));
//! // A project that says nothing about itself: its missing fields are errors of the document.
//! assert!(file.problems().next().is_some());
//! let json = report::render(&plan, &[file], Format::Json, &ReportOptions::new(Language::En));
//! assert!(json.contains("\"schema\": \"planlint/check/v2\""));
//! ```

// A `Diagnostic` is large, but it only travels on error paths, where boxing buys nothing.
#![allow(clippy::result_large_err)]

mod base;
pub mod check;
mod citation;
mod compile;
pub mod diagnostic;
mod eval;
#[cfg(feature = "lsp")]
pub mod lsp;
mod model;
mod precompiled;
pub mod report;
mod resolve;
#[cfg(feature = "serve")]
pub mod serve;
mod submission;
mod syntax;
pub mod tools;
pub mod waiver;
mod words;

pub use base::date::Date;
pub use compile::{Plan, PlanFiles};
pub use eval::Outcome;
/// How the line reader of submissions and the general YAML parser compare on a text, for the
/// benchmark's check that its corpus is read by the one it measures.
#[doc(hidden)]
pub use submission::yaml::lines::{Agreement as YamlAgreement, compare as compare_yaml_readers};
