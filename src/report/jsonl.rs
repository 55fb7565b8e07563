//! JSON Lines: one line per document (and per file-level problem), each a complete JSON value,
//! so that a batch too large to hold is read a line at a time.

use super::Run;
use super::json::{document, problem};
use serde_json::json;

pub fn render(run: &Run<'_>) -> String {
    let mut out = String::new();
    let mut line = |value: serde_json::Value| {
        out.push_str(&serde_json::to_string(&value).unwrap_or_default());
        out.push('\n');
    };
    for file in run.files {
        if !file.problems.is_empty() {
            line(json!({
                "schema": "planlint/check-line/v1",
                "plan": run.plan.header.id,
                "file": file.path,
                "problems": file.problems.iter().map(|p| problem(&p.in_language(run.language))).collect::<Vec<_>>(),
            }));
        }
        for d in &file.documents {
            line(json!({
                "schema": "planlint/check-line/v1",
                "plan": run.plan.header.id,
                "file": file.path,
                "document": document(run, file, d),
            }));
        }
    }
    out
}

/// A run that checked nothing: one line with its problems.
pub(crate) fn failure(problems: &[crate::diagnostic::Diagnostic]) -> String {
    let value = json!({
        "schema": "planlint/check-line/v1",
        "problems": problems.iter().map(problem).collect::<Vec<_>>(),
        "failed": true,
    });
    format!("{}\n", serde_json::to_string(&value).unwrap_or_default())
}
