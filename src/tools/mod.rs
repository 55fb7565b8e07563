//! The plan maintainer's commands: `rules check`, `rules test`, `rules coverage`,
//! `rules reference`, and `explain` for a rule or a diagnostic code. Each returns its report as text or data; printing is the
//! caller's.

pub(crate) mod coverage;
pub(crate) mod explain;
pub mod format;
pub mod init;
pub(crate) mod json_schema;
pub mod layering;
pub(crate) mod literate;
pub(crate) mod reference;
pub(crate) mod rules_test;

use crate::Plan;
use crate::diagnostic::{Code, Diagnostic};
use crate::report::{Language, ReportOptions};
use crate::words::{Said, Word, plural, suggestion};

pub use coverage::Coverage;
pub use layering::Layering;
pub use rules_test::TestRun;

/// The report of `rules check`: every diagnostic of the plan, then a summary line.
pub fn rules_report(plan: &Plan, options: &ReportOptions) -> String {
    let diagnostics = plan.diagnostics();
    let mut text = crate::report::render_diagnostics(diagnostics, options);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    if !text.is_empty() {
        text.push('\n');
    }
    let model = &plan.model;
    let kinds = model.document_kinds().count();
    let rules = model.rules.len();
    let summary = Said::new(Word::RulesSummary)
        .with("root", &plan.root)
        .with("rules", rules)
        .with("s_rules", plural(rules))
        .with("kinds", kinds)
        .with("s_kinds", plural(kinds))
        .with("errors", errors)
        .with("s_errors", plural(errors))
        .with("warnings", warnings)
        .with("s_warnings", plural(warnings));
    text.push_str(&summary.in_language(options.language));
    text.push('\n');
    text
}

/// The line after the rules report when a command cannot use the plan: its rules have errors.
pub fn rules_unusable(language: Language) -> String {
    format!("{}\n", Said::new(Word::RulesUnusable).in_language(language))
}

/// Runs the plan's own test submissions (`tests/*.yaml`) against their `expect` lines.
pub fn test(plan: &Plan) -> TestRun {
    rules_test::run(&plan.model, &plan.tests)
}

impl TestRun {
    /// Test files that could not be run, and expectations that could not be read.
    pub fn problems(&self) -> &[Diagnostic] {
        &self.problems
    }

    /// The text report of `rules test`: a line per rule, failures in detail, a summary.
    pub fn report(&self, plan: &Plan, options: &ReportOptions) -> String {
        rules_test::report(&plan.model, self, options)
    }
}

/// Which of the plan's rows are encoded, omitted and tested, and how much text is quoted.
/// Compares each rule that implements a rule of a plan above it with that rule (`rules
/// layering`), looking for counter-examples among the test submissions of every plan of the chain.
pub fn layering(plan: &Plan) -> Layering {
    layering::compare(plan, &plan.chain_tests)
}

/// The problem of `planlint init` with a folder that already holds files.
pub fn init_folder_not_empty(path: &str) -> Diagnostic {
    Diagnostic::said(
        Code::UsageInitFolderNotEmpty,
        Said::new(Word::InitFolderNotEmpty).with("path", path),
    )
    .help_said(Said::new(Word::InitFolderNotEmptyHelp))
}

/// The problem of `planlint init` with a text that has nothing to quote.
pub fn init_no_clause(path: &str) -> Diagnostic {
    Diagnostic::said(
        Code::UsageInitNoClause,
        Said::new(Word::InitNoClause).with("path", path),
    )
    .help_said(Said::new(Word::InitNoClauseHelp))
}

/// What `planlint init` says when it has made the folder.
pub fn init_created(path: &str, count: usize, language: Language) -> String {
    Said::new(Word::InitCreated)
        .with("path", path)
        .with("count", count)
        .in_language(language)
}

/// The literate page of the plan (`planlint doc`): its text with every encoded passage linked to
/// its rule, the rows left out with their reasons, and its coverage.
pub fn literate_page(plan: &Plan, language: Language) -> String {
    let coverage = coverage(plan, &test(plan));
    literate::page(plan, &coverage, language)
}

/// The report of `rules layering` in the reader's language.
pub fn layering_report(layering: &Layering, language: Language) -> String {
    layering::report(layering, language)
}

pub fn coverage(plan: &Plan, tests: &TestRun) -> Coverage {
    coverage::measure(&plan.model, tests)
}

/// The JSON Schema of a document kind, for editors; `None` when the plan has no such kind.
pub fn json_schema(plan: &Plan, kind: &str) -> Option<String> {
    json_schema::schema(&plan.model, kind).map(|schema| {
        format!(
            "{}\n",
            serde_json::to_string_pretty(&schema).unwrap_or_default()
        )
    })
}

/// The problem of a command that names a document kind the plan does not declare.
pub fn unknown_kind(plan: &Plan, kind: &str, kinds: &[String]) -> Diagnostic {
    let help = suggestion(
        kind,
        kinds.iter().map(String::as_str),
        Word::WhatDocumentKinds,
    );
    Diagnostic::said(
        Code::UsageUnknownKind,
        Said::new(Word::PlanHasNoKind)
            .with("plan", &plan.model.header.id)
            .with("kind", kind),
    )
    .help_said(help)
}

/// The document kinds a plan declares, by name.
pub fn document_kinds(plan: &Plan) -> Vec<String> {
    plan.model
        .document_kinds()
        .map(|(_, r)| r.name.clone())
        .collect()
}

/// Each document of a YAML or JSON submission as a JSON value, scalars typed as a YAML 1.2 reader
/// (an editor's language server) types them: what `planlint schema` is validated against. A file
/// that cannot be read gives no documents.
pub fn documents_as_json(bytes: &[u8]) -> Vec<serde_json::Value> {
    use crate::submission::yaml::{self, Limits, Node, NodeKind};
    fn value(node: &Node) -> serde_json::Value {
        match &node.kind {
            NodeKind::Null => serde_json::Value::Null,
            NodeKind::Scalar { text, quoted: true } => serde_json::Value::String(text.clone()),
            NodeKind::Scalar { text, .. } => match text.as_str() {
                "true" | "True" | "TRUE" => serde_json::Value::Bool(true),
                "false" | "False" | "FALSE" => serde_json::Value::Bool(false),
                t => t
                    .parse::<i64>()
                    .map(serde_json::Value::from)
                    .ok()
                    .or_else(|| {
                        t.parse::<f64>()
                            .ok()
                            .filter(|f| f.is_finite() && t.contains('.'))
                            .map(serde_json::Value::from)
                    })
                    .unwrap_or_else(|| serde_json::Value::String(t.to_string())),
            },
            NodeKind::Sequence(items) => items.iter().map(value).collect(),
            NodeKind::Mapping(entries) => entries
                .iter()
                .map(|(k, v)| {
                    let key = match &k.kind {
                        NodeKind::Scalar { text, .. } => text.clone(),
                        _ => String::new(),
                    };
                    (key, value(v))
                })
                .collect::<serde_json::Map<_, _>>()
                .into(),
        }
    }
    let limits = Limits::default();
    let Ok(source) = yaml::decode("submission", bytes, &limits) else {
        return Vec::new();
    };
    yaml::parse(&source, &limits)
        .into_iter()
        .filter_map(Result::ok)
        .map(|root| value(&root))
        .collect()
}

/// The submission reference, generated from the plan's schema, as Markdown.
pub fn reference(plan: &Plan) -> String {
    reference::markdown(&plan.model)
}

/// What a rule checks, for an officer: clause, quote, modality, conditions as encoded, how to
/// comply. An unknown id is a diagnostic with the closest ids suggested.
pub fn explain_rule(plan: &Plan, id: &str, language: Language) -> Result<String, Diagnostic> {
    let model = &plan.model;
    match model.rule(id) {
        Some(rule) => Ok(explain::explain_rule(model, rule, language)),
        None => {
            let ids: Vec<&str> = plan.rule_ids().collect();
            let help = suggestion(id, ids.iter().copied(), Word::WhatRules);
            Err(Diagnostic::said(
                Code::UsageUnknownRule,
                Said::new(Word::PlanHasNoRule)
                    .with("plan", &model.header.id)
                    .with("rule", id),
            )
            .help_said(help))
        }
    }
}

/// What a diagnostic code means, like `rustc --explain`. `None` for text that is not shaped like
/// a code (`stage::name`); an unregistered code is a diagnostic with the closest codes suggested.
pub fn explain_code(text: &str) -> Option<Result<String, Diagnostic>> {
    if !text.contains("::") {
        return None;
    }
    let Some(code) = Code::parse(text) else {
        let codes = Code::ALL.iter().map(|c| c.as_str());
        let help = suggestion(text, codes, Word::WhatCodes);
        return Some(Err(Diagnostic::said(
            Code::UsageUnknownCode,
            Said::new(Word::NotACode).with("code", text),
        )
        .help_said(help)));
    };
    Some(Ok(format!(
        "{code}\n\n  {}\n\n  severity       {}\n  reported by    {}\n  message        {}\n",
        code.description(),
        code.severity().as_str(),
        code.stage(),
        code.message_shape(),
    )))
}
