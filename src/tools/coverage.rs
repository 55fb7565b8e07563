//! `planlint rules coverage`: which rows are encoded and tested, and how much of the plan's
//! normative text the rules quote.

use crate::base::fold::{FoldedText, fold_char};
use crate::base::width::{pad, width};
use crate::eval::Outcome;
use crate::model::Plan;
use crate::tools::rules_test::{CaseResult, TestRun};
use crate::words::{Language, Said, Word};
use serde::Serialize;
use std::collections::BTreeMap;

/// Words that make a sentence of a Chinese plan an obligation, a ban, an aim or an incentive.
/// They are language, not plan: any city's plan uses them.
const NORMATIVE_SIGNALS: &[&str] = &[
    "禁止",
    "嚴禁",
    "不得",
    "不再",
    "應當",
    "應",
    "必須",
    "要",
    "完成",
    "實現",
    "原則上",
    "鼓勵",
    "推廣",
    "支持",
    "力爭",
    "達到",
    "控制在",
    "淘汰",
    "推進",
    "加快",
    "嚴格",
    "開展",
    "建立",
    "提升",
    "落實",
    "確保",
    "全面",
    "不低于",
    "不少于",
    "不超過",
    "以內",
    "基本",
];

/// How one rule is tested.
#[derive(Serialize)]
pub(crate) struct RuleCoverage {
    pub(crate) id: String,
    pub(crate) kind: Option<String>,
    /// The kind's label from the schema, which a Chinese table shows.
    #[serde(skip)]
    pub(crate) kind_label: Option<String>,
    pub(crate) clause: String,
    /// Test cases that expect the rule to fire (advice or worse).
    pub(crate) firing_cases: usize,
    /// Test cases that expect it to pass or not to apply.
    pub(crate) passing_cases: usize,
    pub(crate) failing_cases: usize,
    /// Cases the test files mark as on a threshold of the rule.
    pub(crate) boundary_cases: usize,
    /// Cases that expect missing information: the document leaves out a fact the rule needs.
    pub(crate) missing_cases: usize,
    /// Cases that expect not applicable: the document says the thing is not there.
    pub(crate) not_applicable_cases: usize,
    /// At least one firing and one passing case, all of them met.
    pub(crate) tested: bool,
}

/// One row of the plan's inventory: the rules that encode it, or why none does.
#[derive(Serialize)]
pub(crate) struct RowCoverage {
    pub(crate) id: String,
    /// `encoded`, `omitted` or `not_encoded`.
    pub(crate) status: &'static str,
    pub(crate) clause: Option<String>,
    pub(crate) rules: Vec<RuleCoverage>,
    /// Encoded, and every rule of the row tested.
    pub(crate) tested: bool,
    pub(crate) reason: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct Sentence {
    pub(crate) line: usize,
    pub(crate) text: String,
    pub(crate) quoted: bool,
}

#[derive(Serialize)]
pub struct Coverage {
    pub(crate) plan: String,
    /// Whether the rows come from the plan's declared inventory (otherwise from its rules).
    pub(crate) inventory: bool,
    pub(crate) rows: Vec<RowCoverage>,
    pub(crate) encoded: usize,
    pub(crate) omitted: usize,
    pub(crate) not_encoded: usize,
    pub(crate) tested: usize,
    pub(crate) rules: usize,
    pub(crate) rules_with_boundary_case: usize,
    pub(crate) rules_with_missing_case: usize,
    pub(crate) rules_with_not_applicable_case: usize,
    pub(crate) normative_sentences: usize,
    pub(crate) quoted_sentences: usize,
    pub(crate) sentences: Vec<Sentence>,
}

impl Coverage {
    /// The coverage table `rules coverage` prints, in the reader's language.
    pub fn table(&self, language: Language) -> String {
        table(self, language)
    }

    /// The coverage as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        format!(
            "{}\n",
            serde_json::to_string_pretty(self).unwrap_or_default()
        )
    }

    /// The ids of encoded rules without both a firing and a passing test that hold.
    pub fn untested_rules(&self) -> Vec<&str> {
        self.rows
            .iter()
            .flat_map(|r| &r.rules)
            .filter(|r| !r.tested)
            .map(|r| r.id.as_str())
            .collect()
    }

    /// The inventory rows that have neither a rule nor an `omit`.
    pub fn rows_not_encoded(&self) -> Vec<&str> {
        self.rows
            .iter()
            .filter(|r| r.status == "not_encoded")
            .map(|r| r.id.as_str())
            .collect()
    }
}

/// How one rule's test cases cover it.
fn rule_coverage(plan: &Plan, rule: &crate::model::Rule, cases: &[&CaseResult]) -> RuleCoverage {
    let expecting = |outcome: Outcome| cases.iter().filter(|c| c.expected == outcome).count();
    let firing_cases = cases
        .iter()
        .filter(|c| c.expected >= Outcome::Advice)
        .count();
    let passing_cases = cases.len() - firing_cases;
    let failing_cases = cases.iter().filter(|c| !c.passed()).count();
    RuleCoverage {
        id: rule.id.clone(),
        kind: plan.records.get(rule.applies_to).map(|r| r.name.clone()),
        kind_label: plan
            .records
            .get(rule.applies_to)
            .and_then(|r| r.label.clone()),
        clause: rule.clause.clone(),
        firing_cases,
        passing_cases,
        failing_cases,
        boundary_cases: cases.iter().filter(|c| c.boundary).count(),
        missing_cases: expecting(Outcome::MissingInformation),
        not_applicable_cases: expecting(Outcome::NotApplicable),
        tested: firing_cases > 0 && passing_cases > 0 && failing_cases == 0,
    }
}

/// Measures coverage from the plan and a run of its tests: against the plan's inventory when it
/// declares one, so that a row nobody encoded shows, otherwise against its rules and omits.
/// In a chain, coverage is the plan's own: its rows, rules and omits, not its parents'.
pub fn measure(plan: &Plan, tests: &TestRun) -> Coverage {
    let by_rule = tests.by_rule();
    let own = |file: usize| plan.file_layer(file) == 0;
    let mut rules_of: BTreeMap<&str, Vec<RuleCoverage>> = BTreeMap::new();
    for rule in plan.rules.iter().filter(|r| own(r.file)) {
        let cases = by_rule
            .get(rule.id.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        rules_of
            .entry(rule.row.as_str())
            .or_default()
            .push(rule_coverage(plan, rule, cases));
    }
    let omitted_reason = |id: &str| {
        plan.omitted
            .iter()
            .find(|o| o.id == id && own(o.file))
            .map(|o| o.reason.clone())
    };
    let mut row_list: Vec<(String, Option<String>)> = plan
        .rows
        .iter()
        .filter(|r| own(r.file))
        .map(|r| (r.id.clone(), r.clause.clone()))
        .collect();
    let inventory = !row_list.is_empty();
    if !inventory {
        let mut seen = std::collections::HashSet::new();
        for rule in plan.rules.iter().filter(|r| own(r.file)) {
            if seen.insert(rule.row.as_str()) {
                row_list.push((rule.row.clone(), Some(rule.clause.clone())));
            }
        }
        row_list.extend(
            plan.omitted
                .iter()
                .filter(|o| own(o.file))
                .map(|o| (o.id.clone(), None)),
        );
    }
    let rows: Vec<RowCoverage> = row_list
        .into_iter()
        .map(|(id, clause)| {
            let rules = rules_of.remove(id.as_str()).unwrap_or_default();
            let reason = omitted_reason(&id);
            let status = match (rules.is_empty(), &reason) {
                (false, _) => "encoded",
                (true, Some(_)) => "omitted",
                (true, None) => "not_encoded",
            };
            RowCoverage {
                tested: !rules.is_empty() && rules.iter().all(|r| r.tested),
                id,
                status,
                clause,
                rules,
                reason: if status == "omitted" { reason } else { None },
            }
        })
        .collect();
    let sentences = plan
        .official_text
        .as_ref()
        .map(|text| sentences(plan, text))
        .unwrap_or_default();
    let all_rules = || rows.iter().flat_map(|r| &r.rules);
    let count = |status: &str| rows.iter().filter(|r| r.status == status).count();
    Coverage {
        plan: plan.header.id.clone(),
        inventory,
        encoded: count("encoded"),
        omitted: count("omitted"),
        not_encoded: count("not_encoded"),
        tested: rows.iter().filter(|r| r.tested).count(),
        rules: all_rules().count(),
        rules_with_boundary_case: all_rules().filter(|r| r.boundary_cases > 0).count(),
        rules_with_missing_case: all_rules().filter(|r| r.missing_cases > 0).count(),
        rules_with_not_applicable_case: all_rules().filter(|r| r.not_applicable_cases > 0).count(),
        normative_sentences: sentences.len(),
        quoted_sentences: sentences.iter().filter(|s| s.quoted).count(),
        rows,
        sentences,
    }
}

/// The normative sentences of the official text, each marked quoted when a rule quotes part of it.
fn sentences(plan: &Plan, text: &crate::base::span::SourceFile) -> Vec<Sentence> {
    let mut body_end = text.text.len();
    if plan.header.ignore_last_line {
        let trimmed = text.text.trim_end_matches(['\n', '\r']);
        body_end = trimmed.rfind('\n').map_or(0, |i| i + 1);
    }
    let folded = FoldedText::new(&text.text[..body_end]);
    // Every stretch of the folded text that some quote covers.
    let mut quoted = vec![false; folded.chars.len()];
    for rule in &plan.rules {
        let quote: Vec<char> = rule.quote.chars().filter_map(fold_char).collect();
        if quote.is_empty() || quote.len() > folded.chars.len() {
            continue;
        }
        for start in 0..=folded.chars.len() - quote.len() {
            if folded.chars[start..start + quote.len()] == *quote {
                quoted[start..start + quote.len()]
                    .iter_mut()
                    .for_each(|q| *q = true);
            }
        }
    }
    let signals: Vec<Vec<char>> = NORMATIVE_SIGNALS
        .iter()
        .map(|s| s.chars().filter_map(fold_char).collect())
        .collect();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..=folded.chars.len() {
        let at_end = i == folded.chars.len();
        let boundary = at_end
            || matches!(folded.chars[i], '。' | ';' | '!' | '?')
            || is_line_break(text, &folded, i);
        if !boundary {
            continue;
        }
        let end = if at_end { i } else { i + 1 };
        if end > start {
            let chars = &folded.chars[start..end];
            let normative = signals
                .iter()
                .any(|s| chars.windows(s.len()).any(|w| w == s.as_slice()));
            if normative && chars.len() >= 6 && !is_heading(chars) {
                let from = folded.offsets[start];
                let to = folded.offsets.get(end).copied().unwrap_or(body_end);
                out.push(Sentence {
                    line: text.line_column(from).line,
                    text: text.text[from..to].trim().to_string(),
                    quoted: quoted[start..end].iter().any(|q| *q),
                });
            }
        }
        start = end;
    }
    out
}

/// Whether a sentence is an outline heading (`一、…`, `(一)…`, `1.…`): a title, not an obligation.
fn is_heading(chars: &[char]) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十";
    let numerals = chars.iter().take_while(|c| NUMERALS.contains(**c)).count();
    if numerals > 0 && chars.get(numerals) == Some(&'、') {
        return true;
    }
    if chars.first() == Some(&'(') {
        let inside = chars[1..]
            .iter()
            .take_while(|c| NUMERALS.contains(**c))
            .count();
        return inside > 0 && chars.get(inside + 1) == Some(&')');
    }
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    digits > 0 && matches!(chars.get(digits), Some('.') | Some('、'))
}

/// Whether a line break separates folded characters `i` and `i + 1` (folding drops the break).
fn is_line_break(text: &crate::base::span::SourceFile, folded: &FoldedText, i: usize) -> bool {
    match (folded.offsets.get(i), folded.offsets.get(i + 1)) {
        (Some(&a), Some(&b)) => text.text[a..b].contains('\n'),
        _ => false,
    }
}

/// A share as a percentage with one decimal, `0.0%` of nothing.
fn share(part: usize, whole: usize) -> String {
    let percent = if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    };
    format!("{percent:.1}%")
}

/// The rule's document kind: its schema label in the reader's script for a Chinese table.
fn kind_of(rule: &RuleCoverage, language: Language) -> String {
    match (&rule.kind_label, &rule.kind) {
        (Some(label), _) if language.is_zh() => language.script(label).into_owned(),
        (_, Some(kind)) => kind.clone(),
        _ => "-".to_string(),
    }
}

/// What the detail column says about a rule: failures first, then what its tests lack.
fn rule_detail(rule: &RuleCoverage, row: &str, language: Language) -> String {
    let say = |said: Said| said.in_language(language);
    let mut detail = if rule.failing_cases > 0 {
        say(Said::new(Word::CoverageFailingCases).with("n", rule.failing_cases))
    } else if rule.tested {
        say(Said::new(Word::CoverageTested))
    } else if rule.firing_cases == 0 && rule.passing_cases == 0 {
        say(Said::new(Word::CoverageUntested))
    } else if rule.firing_cases == 0 {
        say(Said::new(Word::CoverageNoFiring))
    } else {
        say(Said::new(Word::CoverageNoPassing))
    };
    let parts = if language.is_zh() { "；" } else { "; " };
    let mut lacks = Vec::new();
    if rule.boundary_cases == 0 {
        lacks.push(Said::new(Word::CoverageBoundaryCase));
    }
    if rule.missing_cases == 0 {
        lacks.push(Said::new(Word::CoverageMissingCase));
    }
    if rule.not_applicable_cases == 0 {
        lacks.push(Said::new(Word::CoverageNotApplicableCase));
    }
    if !lacks.is_empty() {
        detail.push_str(parts);
        detail.push_str(&say(
            Said::new(Word::CoverageLacks).with_said_list("cases", lacks)
        ));
    }
    if rule.id != row {
        detail.push_str(parts);
        detail.push_str(&format!("→ {row}"));
    }
    detail
}

/// The table for people: one line per rule (or per row without one), columns aligned by display
/// width, in the reader's language.
pub fn table(coverage: &Coverage, language: Language) -> String {
    let say = |said: Said| said.in_language(language);
    let heading = say(Said::new(Word::CoverageHeading));
    let heading: Vec<&str> = heading.split('|').collect();
    let status_word = |status: &str| {
        say(Said::new(match status {
            "encoded" => Word::CoverageEncoded,
            "omitted" => Word::CoverageOmitted,
            _ => Word::CoverageNotEncoded,
        }))
    };
    let mut lines: Vec<Vec<String>> = Vec::new();
    for row in &coverage.rows {
        if row.rules.is_empty() {
            let detail = row
                .reason
                .clone()
                .unwrap_or_else(|| say(Said::new(Word::CoverageNoRule)));
            let empty = || "-".to_string();
            lines.push(vec![
                row.id.clone(),
                status_word(row.status),
                empty(),
                empty(),
                empty(),
                empty(),
                empty(),
                empty(),
                detail,
            ]);
        }
        for rule in &row.rules {
            lines.push(vec![
                rule.id.clone(),
                status_word(row.status),
                kind_of(rule, language),
                rule.firing_cases.to_string(),
                rule.passing_cases.to_string(),
                rule.boundary_cases.to_string(),
                rule.missing_cases.to_string(),
                rule.not_applicable_cases.to_string(),
                rule_detail(rule, &row.id, language),
            ]);
        }
    }
    let header: Vec<String> = heading.iter().map(|h| h.to_string()).collect();
    let columns = header.len();
    let widths: Vec<usize> = (0..columns)
        .map(|i| {
            std::iter::once(&header)
                .chain(&lines)
                .map(|line| line.get(i).map_or(0, |cell| width(cell)))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let numeric = |i: usize| (3..=7).contains(&i);
    let render = |line: &[String]| {
        let mut out = String::new();
        for (i, cell) in line.iter().enumerate() {
            if i + 1 == line.len() {
                out.push_str(cell);
            } else if numeric(i) {
                out.push_str(&" ".repeat(widths[i].saturating_sub(width(cell))));
                out.push_str(cell);
                out.push_str("  ");
            } else {
                out.push_str(&pad(cell, widths[i]));
                out.push_str("  ");
            }
        }
        out.trim_end().to_string()
    };
    let mut out = render(&header);
    out.push('\n');
    for line in &lines {
        out.push_str(&render(line));
        out.push('\n');
    }
    let unquoted: Vec<&Sentence> = coverage.sentences.iter().filter(|s| !s.quoted).collect();
    if !unquoted.is_empty() {
        out.push('\n');
        out.push_str(&say(Said::new(Word::CoverageUnquoted)));
        out.push('\n');
        for sentence in &unquoted {
            let short: String = sentence.text.chars().take(60).collect();
            let more = if sentence.text.chars().count() > 60 {
                "…"
            } else {
                ""
            };
            let line =
                say(Said::new(Word::CoverageLine).with("line", format!("{:>3}", sentence.line)));
            out.push_str(&format!("  {line} {short}{more}\n"));
        }
    }
    let rows = coverage.rows.len();
    out.push('\n');
    out.push_str(&say(Said::new(Word::CoverageSummary)
        .with("plan", &coverage.plan)
        .with("rows", rows)
        .with("encoded", coverage.encoded)
        .with("omitted", coverage.omitted)
        .with("missing", coverage.not_encoded)
        .with("tested", coverage.tested)
        .with("share", share(coverage.tested, rows))
        .with("rules", coverage.rules)
        .with("boundary", coverage.rules_with_boundary_case)
        .with("missing_cases", coverage.rules_with_missing_case)
        .with("na", coverage.rules_with_not_applicable_case)
        .with("quoted", coverage.quoted_sentences)
        .with("sentences", coverage.normative_sentences)
        .with(
            "quoted_share",
            share(coverage.quoted_sentences, coverage.normative_sentences),
        )));
    out.push('\n');
    out
}
