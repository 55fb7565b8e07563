//! Encoding lints: the patterns the audit found make a rule fall silent, warned about on the rule.
//!
//! Each lint is precise by construction: it fires on a form whose effect is certain (a `when`
//! that turns an absent fact into "not applicable", a line that can never or must always take
//! effect), never on a guess about what the maintainer meant. A rule may keep such a form when
//! its text calls for it, and says why in a `///` line `allow CODE: reason`.

use super::*;

/// What `allow CODE: reason` lines of a rule's documentation allow, and whether each was used.
struct Allowed {
    codes: Vec<(String, bool)>,
}

impl Allowed {
    fn of(rule: &Rule) -> Allowed {
        let codes = rule
            .doc
            .iter()
            .filter_map(|line| {
                let (code, reason) = line.strip_prefix("allow ")?.split_once(": ")?;
                (!reason.trim().is_empty()).then(|| (code.trim().to_string(), false))
            })
            .collect();
        Allowed { codes }
    }

    /// Whether the rule argues for this code; marks the argument as used.
    fn allows(&mut self, code: Code) -> bool {
        let mut found = false;
        for (allowed, used) in &mut self.codes {
            if allowed == code.as_str() {
                *used = true;
                found = true;
            }
        }
        found
    }
}

/// A line of a rule that can take effect only in some applications: which one, and its words.
struct Line<'e> {
    condition: &'e Expr,
    keyword: &'static str,
    /// The line is read only when the requirement is broken (`review if`, `advice if`).
    on_broken: bool,
}

impl Resolver {
    /// Every encoding lint on one resolved rule.
    pub(super) fn lint_rule(&mut self, file: usize, rule: &Rule) {
        let mut allowed = Allowed::of(rule);
        self.lint_absent_facts(file, rule, &mut allowed);
        self.lint_ineffective_lines(file, rule, &mut allowed);
        self.lint_text_promises_review(file, rule, &mut allowed);
        self.lint_text_languages(file, rule, &mut allowed);
        for (code, used) in &allowed.codes {
            if !used {
                self.report(
                    file,
                    Code::RulesUnusedAllow,
                    Said::new(Word::UnusedAllow)
                        .with("rule", &rule.id)
                        .with("code", code),
                    rule.id_span,
                    Said::new(Word::InThisRule),
                    Said::new(Word::UnusedAllowHelp),
                );
            }
        }
    }

    /// `when given(x) and …` makes a document that leaves `x` out not applicable, and
    /// `forbid given(x) and …` lets it pass: silence decides, where decisions A18 wants missing
    /// information. Only plain values count: an absent record or list is the document saying
    /// the thing is not there.
    fn lint_absent_facts(&mut self, file: usize, rule: &Rule, allowed: &mut Allowed) {
        let mut found: Vec<(&Expr, Word)> = Vec::new();
        for condition in &rule.when {
            for part in conjuncts(condition) {
                if let ExprKind::Given(inner) = &part.kind
                    && is_plain_value(&inner.ty)
                {
                    found.push((inner, Word::NotApplicable));
                }
            }
        }
        let passing_parts: Vec<&Expr> = if rule.modality.forbids() {
            disjuncts(&rule.requirement)
                .into_iter()
                .flat_map(conjuncts)
                .collect()
        } else {
            disjuncts(&rule.requirement)
        };
        for part in passing_parts {
            let absent = match &part.kind {
                ExprKind::Given(inner) if rule.modality.forbids() => Some(inner),
                ExprKind::Missing(inner) if !rule.modality.forbids() => Some(inner),
                ExprKind::Not(not) if !rule.modality.forbids() => match &not.kind {
                    ExprKind::Given(inner) => Some(inner),
                    _ => None,
                },
                _ => None,
            };
            if let Some(inner) = absent.filter(|i| is_plain_value(&i.ty)) {
                found.push((inner, Word::APass));
            }
        }
        if found.is_empty() || allowed.allows(Code::RulesAbsentNotApplicable) {
            return;
        }
        for (field, outcome) in found {
            let name = self.plan.files[file].slice(field.span).to_string();
            self.report(
                file,
                Code::RulesAbsentNotApplicable,
                Said::new(Word::AbsentDecides)
                    .with("rule", &rule.id)
                    .with_said("outcome", Said::new(outcome))
                    .with("name", &name),
                field.span,
                Said::new(Word::AbsenceDecidesHere),
                Said::new(Word::AbsentDecidesHelp).with("name", &name),
            );
        }
    }

    /// A line that can never take effect, or always does, given the rule's own conditions and
    /// requirement: decidable where the line repeats one of them, or its negation, word for word.
    fn lint_ineffective_lines(&mut self, file: usize, rule: &Rule, allowed: &mut Allowed) {
        let found = ineffective_lines(&self.plan.files[file], rule);

        // A soft rule gives advice, never a violation: a deadline, which only softens a
        // violation, never takes effect on it.
        let soft = matches!(rule.modality, Modality::Encourage | Modality::Strive);
        let deadline = rule.deadline_span.filter(|_| soft);
        if (found.is_empty() && deadline.is_none()) || allowed.allows(Code::RulesIneffectiveLine) {
            return;
        }
        for (span, keyword, how) in found {
            let effect = match (keyword, how) {
                ("unless", Word::AlwaysHolds) => Word::RuleNeverApplies,
                (_, Word::AlwaysHolds) => Word::RuleNeverGivesOutcome,
                _ => Word::LineNeverTakesEffect,
            };
            self.report(
                file,
                Code::RulesIneffectiveLine,
                Said::new(Word::IneffectiveLine)
                    .with("keyword", keyword)
                    .with("rule", &rule.id)
                    .with_said("how", Said::new(how))
                    .with_said("effect", Said::new(effect)),
                span,
                Said::new(Word::RepeatsOwnCondition),
                Said::new(Word::IneffectiveLineHelp),
            );
        }
        if let Some(span) = deadline {
            self.report(
                file,
                Code::RulesIneffectiveLine,
                Said::new(Word::IneffectiveDeadline).with("rule", &rule.id),
                span,
                Said::new(Word::NeverTakesEffect),
                Said::new(Word::IneffectiveDeadlineHelp),
            );
        }
    }

    /// A message or help that tells the reader an officer will decide, on a rule that never
    /// sends anything to an officer (no `review if`, not an in-principle rule).
    fn lint_text_promises_review(&mut self, file: usize, rule: &Rule, allowed: &mut Allowed) {
        let reviews = !rule.reviews.is_empty()
            || matches!(
                rule.modality,
                Modality::InPrincipleForbid | Modality::InPrincipleMust
            );
        if reviews {
            return;
        }
        let promising = rule
            .messages
            .iter()
            .chain(&rule.helps)
            .flat_map(|(_, template)| &template.parts)
            .find_map(|part| match part {
                TemplatePart::Text(text) => REVIEW_WORDS
                    .iter()
                    .find(|w| text.to_lowercase().contains(*w))
                    .copied(),
                _ => None,
            });
        let Some(word) = promising else { return };
        if allowed.allows(Code::RulesTextPromisesReview) {
            return;
        }
        self.report(
            file,
            Code::RulesTextPromisesReview,
            Said::new(Word::TextPromisesReview)
                .with("rule", &rule.id)
                .with("word", word),
            rule.id_span,
            Said::new(Word::InThisRule),
            Said::new(Word::TextPromisesReviewHelp),
        );
    }
}

impl Resolver {
    /// A reading is read by officers in Chinese and by others in English: it needs both, each in
    /// its own language.
    pub(super) fn lint_reading_languages(&mut self, file: usize, reading: &ast::ReadingDecl) {
        let name = &reading.name.text;
        let mut problems = Vec::new();
        let chinese = reads_as_chinese(&reading.text.value);
        let wants_english = self
            .plan
            .header
            .languages
            .contains(&crate::model::Language::En);
        match &reading.en {
            None if !wants_english => {
                if !chinese {
                    problems.push(Word::ReadingNotChinese);
                }
            }
            None if !chinese => problems.push(Word::ReadingEnglishOnly),
            None => problems.push(Word::ReadingWithoutEnglish),
            Some(en) => {
                if !chinese {
                    problems.push(Word::ReadingNotChinese);
                }
                if !reads_as_english(&en.value) {
                    problems.push(Word::ReadingEnglishNotEnglish);
                }
            }
        }
        for problem in problems {
            self.report(
                file,
                Code::RulesSingleLanguageText,
                Said::new(problem).with("name", name),
                reading.text.span,
                Said::new(Word::ThisReading),
                Said::new(Word::ReadingLanguagesHelp),
            );
        }
    }

    /// Every text a finding shows (message, help, the reason of a review or advice) in Chinese
    /// and in English, each in its own language: an officer reads one, a platform's engineer the
    /// other.
    fn lint_text_languages(&mut self, file: usize, rule: &Rule, allowed: &mut Allowed) {
        let mut problems: Vec<(Word, Word)> = Vec::new();
        let wants_english = self
            .plan
            .header
            .languages
            .contains(&crate::model::Language::En);
        let mut check = |what: Word, texts: &[(crate::model::Language, Template)]| {
            let zh: Vec<String> = texts
                .iter()
                .filter(|(l, _)| *l == crate::model::Language::Zh)
                .map(|(_, t)| literal_text(t))
                .collect();
            let en: Vec<String> = texts
                .iter()
                .filter(|(l, _)| *l == crate::model::Language::En)
                .map(|(_, t)| literal_text(t))
                .collect();
            if zh.is_empty() {
                problems.push((Word::TextWithoutChinese, what));
            } else if zh.iter().any(|t| !reads_as_chinese(t)) {
                problems.push((Word::TextMixesEnglish, what));
            }
            if en.is_empty() {
                if wants_english {
                    problems.push((Word::TextWithoutEnglish, what));
                }
            } else if en.iter().any(|t| !reads_as_english(t)) {
                problems.push((Word::EnglishTextNotEnglish, what));
            }
        };
        check(Word::TextMessage, &rule.messages);
        if !rule.helps.is_empty() {
            check(Word::TextHelp, &rule.helps);
        }
        for downgrade in rule.reviews.iter().chain(&rule.advices) {
            check(Word::TextReason, &downgrade.reason);
        }
        if problems.is_empty() || allowed.allows(Code::RulesSingleLanguageText) {
            return;
        }
        for (problem, what) in problems {
            self.report(
                file,
                Code::RulesSingleLanguageText,
                Said::new(Word::RuleTextProblem)
                    .with("rule", &rule.id)
                    .with_said(
                        "problem",
                        Said::new(problem).with_said("what", Said::new(what)),
                    ),
                rule.id_span,
                Said::new(Word::InThisRule),
                Said::new(Word::TextLanguagesHelp),
            );
        }
    }
}

/// The `unless`, `review if` and `advice if` lines of a rule that never hold where they are read,
/// or always do, with their keyword and which of the two.
fn ineffective_lines(source: &SourceFile, rule: &Rule) -> Vec<(Span, &'static str, Word)> {
    let text = |e: &Expr| normalized(source.slice(e.span));
    let conditions: Vec<String> = rule.when.iter().flat_map(conjuncts).map(text).collect();
    let requirement = text(&rule.requirement);
    let lines = rule
        .unless
        .iter()
        .map(|condition| Line {
            condition,
            keyword: "unless",
            on_broken: false,
        })
        .chain(rule.reviews.iter().map(|d| Line {
            condition: &d.condition,
            keyword: "review if",
            on_broken: true,
        }))
        .chain(rule.advices.iter().map(|d| Line {
            condition: &d.condition,
            keyword: "advice if",
            on_broken: true,
        }));
    let mut found: Vec<(Span, &'static str, Word)> = Vec::new();
    for line in lines {
        // What is known true wherever the line is read: the conditions, and, after a broken
        // requirement, the requirement itself (forbid) or its negation (must).
        let mut known_true = conditions.clone();
        let mut known_false = Vec::new();
        if line.on_broken {
            if rule.modality.forbids() {
                known_true.push(requirement.clone());
            } else {
                known_false.push(requirement.clone());
            }
        }
        let parts: Vec<(String, bool)> = conjuncts(line.condition)
            .into_iter()
            .map(|part| match &part.kind {
                ExprKind::Not(inner) => (text(inner), false),
                _ => (text(part), true),
            })
            .collect();
        let contradicted = parts.iter().any(|(t, positive)| {
            t == "false"
                || (*positive && known_false.contains(t))
                || (!*positive && known_true.contains(t))
        });
        // `review if true` is written to say that every broken application goes to an
        // officer (a restriction, not a ban): deliberate, so it is not flagged.
        let implied = parts.iter().all(|(t, positive)| {
            (*positive && known_true.contains(t)) || (!*positive && known_false.contains(t))
        });
        if contradicted {
            found.push((line.condition.span, line.keyword, Word::NeverHolds));
        } else if implied {
            found.push((line.condition.span, line.keyword, Word::AlwaysHolds));
        }
    }
    found
}

/// A template's own words, without its `{…}` values.
fn literal_text(template: &Template) -> String {
    template
        .parts
        .iter()
        .filter_map(|p| match p {
            TemplatePart::Text(t) => Some(t.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text with spellings set apart (in backticks, 「」 or quotes) removed: what is left is the
/// text's own language.
fn own_words(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    let mut in_code = false;
    for c in text.chars() {
        match c {
            '`' => in_code = !in_code,
            '「' | '“' | '《' => depth += 1,
            '」' | '”' | '》' => depth = depth.saturating_sub(1),
            _ if in_code || depth > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

/// Whether a Chinese text is Chinese: it has Chinese characters and no run of three English
/// words (a unit, an id or a reading's name is fine; an English clause is not).
fn reads_as_chinese(text: &str) -> bool {
    let own = own_words(text);
    let has_chinese = own.chars().any(|c| crate::base::width::char_width(c) == 2);
    // Runs of English words between two Chinese characters: a Chinese character ends a run.
    let mut longest = 0;
    for segment in own.split(|c: char| crate::base::width::char_width(c) == 2) {
        let mut run = 0;
        for word in segment.split(|c: char| !(c.is_ascii_alphabetic() || c == '\'')) {
            if word.len() >= 2 && word.chars().all(|c| c.is_ascii_lowercase() || c == '\'') {
                run += 1;
                longest = longest.max(run);
            } else if !word.is_empty() {
                run = 0;
            }
        }
    }
    has_chinese && longest < 3
}

/// Whether an English text is English: its own words have more Latin letters than Chinese
/// characters (it may name Chinese terms).
fn reads_as_english(text: &str) -> bool {
    let own = own_words(text);
    let latin = own.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let chinese = own
        .chars()
        .filter(|c| crate::base::width::char_width(*c) == 2)
        .count();
    latin > chinese
}

/// Words with which a text promises that an officer will decide.
const REVIEW_WORDS: [&str; 8] = [
    "人工審核",
    "人工审核",
    "人工複核",
    "人工复核",
    "審核人員",
    "审核人员",
    "an officer decides",
    "manual review",
];

/// Whether a value is a plain fact (a flag, a figure, a date, a class), not a record or a list.
fn is_plain_value(ty: &Type) -> bool {
    !matches!(ty, Type::Record(_) | Type::List(_))
}

/// The parts of a chain of `and`s.
fn conjuncts(e: &Expr) -> Vec<&Expr> {
    chain(e, BinaryOp::And)
}

/// The parts of a chain of `or`s.
fn disjuncts(e: &Expr) -> Vec<&Expr> {
    chain(e, BinaryOp::Or)
}

fn chain(e: &Expr, op: BinaryOp) -> Vec<&Expr> {
    match &e.kind {
        ExprKind::Binary {
            op: found,
            left,
            right,
        } if *found == op => {
            let mut parts = chain(left, op);
            parts.extend(chain(right, op));
            parts
        }
        _ => vec![e],
    }
}

/// An expression's text without blanks or enclosing parentheses, so that two writings of the
/// same condition compare equal.
fn normalized(text: &str) -> String {
    let mut text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    while text.starts_with('(') && text.ends_with(')') && balanced(&text[1..text.len() - 1]) {
        text = text[1..text.len() - 1].to_string();
    }
    text
}

/// Whether every parenthesis in the text closes one opened before it.
fn balanced(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}
