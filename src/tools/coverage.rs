//! `planlint rules coverage`: which rows are encoded and tested, and how much of the plan's
//! normative text the rules quote.

use crate::base::fold::{FoldedText, fold_char};
use crate::eval::Outcome;
use crate::model::Plan;
use crate::tools::rules_test::TestRun;
use serde::Serialize;

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

#[derive(Serialize)]
pub(crate) struct RowCoverage {
    pub(crate) id: String,
    /// `encoded` or `omitted`.
    pub(crate) status: &'static str,
    pub(crate) kind: Option<String>,
    pub(crate) clause: Option<String>,
    /// Test cases that expect the rule to fire (advice or worse).
    pub(crate) firing_cases: usize,
    /// Test cases that expect it to pass or not to apply.
    pub(crate) passing_cases: usize,
    pub(crate) failing_cases: usize,
    /// Encoded, with at least one firing and one passing case, all of them met.
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
    pub(crate) rows: Vec<RowCoverage>,
    pub(crate) encoded: usize,
    pub(crate) omitted: usize,
    pub(crate) tested: usize,
    pub(crate) normative_sentences: usize,
    pub(crate) quoted_sentences: usize,
    pub(crate) sentences: Vec<Sentence>,
}

impl Coverage {
    /// The coverage table `rules coverage` prints.
    pub fn table(&self) -> String {
        table(self)
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
            .filter(|r| r.status == "encoded" && !r.tested)
            .map(|r| r.id.as_str())
            .collect()
    }
}

/// Measures coverage from the plan and a run of its tests.
pub fn measure(plan: &Plan, tests: &TestRun) -> Coverage {
    let by_rule = tests.by_rule();
    let mut rows: Vec<RowCoverage> = plan
        .rules
        .iter()
        .map(|rule| {
            let cases = by_rule
                .get(rule.id.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let firing_cases = cases
                .iter()
                .filter(|c| c.expected >= Outcome::Advice)
                .count();
            let passing_cases = cases.len() - firing_cases;
            let failing_cases = cases.iter().filter(|c| !c.passed()).count();
            RowCoverage {
                id: rule.id.clone(),
                status: "encoded",
                kind: plan.records.get(rule.applies_to).map(|r| r.name.clone()),
                clause: Some(rule.clause.clone()),
                firing_cases,
                passing_cases,
                failing_cases,
                tested: firing_cases > 0 && passing_cases > 0 && failing_cases == 0,
                reason: None,
            }
        })
        .collect();
    rows.extend(plan.omitted.iter().map(|o| RowCoverage {
        id: o.id.clone(),
        status: "omitted",
        kind: None,
        clause: None,
        firing_cases: 0,
        passing_cases: 0,
        failing_cases: 0,
        tested: false,
        reason: Some(o.reason.clone()),
    }));
    let sentences = plan
        .official_text
        .as_ref()
        .map(|text| sentences(plan, text))
        .unwrap_or_default();
    Coverage {
        plan: plan.header.id.clone(),
        encoded: plan.rules.len(),
        omitted: plan.omitted.len(),
        tested: rows.iter().filter(|r| r.tested).count(),
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

/// The table for people.
pub fn table(coverage: &Coverage) -> String {
    let width = coverage
        .rows
        .iter()
        .map(|r| r.id.len())
        .max()
        .unwrap_or(10)
        .max(4);
    let mut out = format!(
        "{:width$}  {:8}  {:16}  {:>6}  {:>7}  detail\n",
        "row", "status", "kind", "firing", "passing"
    );
    for row in &coverage.rows {
        let detail = match (&row.reason, row.tested, row.failing_cases) {
            (Some(reason), _, _) => reason.clone(),
            (None, _, n) if n > 0 => format!("{n} failing case(s)"),
            (None, true, _) => "tested".to_string(),
            (None, false, _) if row.firing_cases == 0 && row.passing_cases == 0 => {
                "untested".to_string()
            }
            (None, false, _) if row.firing_cases == 0 => "no case where it fires".to_string(),
            (None, false, _) => "no case where it passes".to_string(),
        };
        out.push_str(&format!(
            "{:width$}  {:8}  {:16}  {:>6}  {:>7}  {detail}\n",
            row.id,
            row.status,
            row.kind.as_deref().unwrap_or("-"),
            row.firing_cases,
            row.passing_cases
        ));
    }
    let unquoted: Vec<&Sentence> = coverage.sentences.iter().filter(|s| !s.quoted).collect();
    if !unquoted.is_empty() {
        out.push_str("\nnormative sentences no rule quotes:\n");
        for sentence in &unquoted {
            let short: String = sentence.text.chars().take(60).collect();
            let more = if sentence.text.chars().count() > 60 {
                "…"
            } else {
                ""
            };
            out.push_str(&format!("  line {:>3}: {short}{more}\n", sentence.line));
        }
    }
    let share = |part: usize, whole: usize| {
        if whole == 0 {
            0.0
        } else {
            100.0 * part as f64 / whole as f64
        }
    };
    let rows = coverage.rows.len();
    out.push_str(&format!(
        "\n{}: {rows} rows: {} encoded, {} omitted; {} tested ({:.1}% of rows); normative sentences quoted: {}/{} ({:.1}%)\n",
        coverage.plan,
        coverage.encoded,
        coverage.omitted,
        coverage.tested,
        share(coverage.tested, rows),
        coverage.quoted_sentences,
        coverage.normative_sentences,
        share(coverage.quoted_sentences, coverage.normative_sentences)
    ));
    out
}
