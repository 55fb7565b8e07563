//! GitLab Code Quality: the JSON array GitLab's merge-request widget reads, one entry per
//! reported finding and problem.

use super::Run;
use super::items::{fingerprint, items};
use crate::diagnostic::Severity;
use crate::eval::Outcome;
use serde_json::{Value, json};

/// GitLab's severities, from `info` to `blocker`: a document that cannot be checked blocks, a
/// violation is critical, a review or missing fact major, advice minor.
fn gitlab_severity(outcome: Option<Outcome>, severity: Severity) -> &'static str {
    match (outcome, severity) {
        (None, Severity::Error) => "blocker",
        (Some(Outcome::Violation), _) => "critical",
        (Some(Outcome::Review | Outcome::MissingInformation), _) | (None, Severity::Warning) => {
            "major"
        }
        (Some(Outcome::Advice), _) => "minor",
        _ => "info",
    }
}

pub fn render(run: &Run<'_>) -> String {
    let entries: Vec<Value> = items(run)
        .iter()
        .map(|item| {
            let mut description = format!("{}: {}", item.label, item.message_with_reason());
            if let Some((plan, number)) = &item.plan {
                let number = number.as_deref().map_or(String::new(), |n| format!(" {n}"));
                description = format!("[{plan}{number}] {description}");
            }
            if !item.help.is_empty() {
                description.push_str(&format!(" — {}", item.help));
            }
            json!({
                "description": description,
                "check_name": item.id,
                "fingerprint": fingerprint(&item.id, &item.path, item.document, &item.pointer),
                "severity": gitlab_severity(item.outcome, item.severity),
                "location": {
                    "path": item.path.trim_start_matches("./"),
                    "lines": { "begin": item.line },
                },
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&entries).unwrap_or_default();
    text.push('\n');
    text
}

/// A run that checked nothing: its problems, each a blocker at the top of the project.
pub(crate) fn failure(problems: &[crate::diagnostic::Diagnostic]) -> String {
    let entries: Vec<Value> = problems
        .iter()
        .map(|p| {
            let path = p.file.as_ref().map_or("planlint", |f| f.name.as_ref());
            json!({
                "description": p.message,
                "check_name": p.code_text(),
                "fingerprint": fingerprint(p.code_text(), path, 0, ""),
                "severity": "blocker",
                "location": { "path": path, "lines": { "begin": 1 } },
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&entries).unwrap_or_default();
    text.push('\n');
    text
}
