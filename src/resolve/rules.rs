//! Rules and omit declarations: clauses booked once, required clauses, the document kind, templates.

use super::header::parse_range;
use super::*;

/// The clause key of a message or help text: one per language, `zh` being the untagged one.
fn texts_key(text: &ast::LocalText, zh: &'static str, en: &'static str) -> &'static str {
    match text.language.as_ref().map(|l| l.text.as_str()) {
        Some("en") => en,
        _ => zh,
    }
}

impl Resolver {
    pub(super) fn rules(&mut self, declarations: &[(usize, &Declaration)]) {
        let mut ids: HashMap<String, (usize, Span)> = HashMap::new();
        for (file, d) in declarations {
            let Declaration::Rule(rule) = d else { continue };
            if let Some(&first) = ids.get(&rule.id.text) {
                self.duplicate(*file, Word::WhatRule, &rule.id.text, rule.id.span, first);
                // The second rule is not kept, but its own mistakes are still reported.
                let _ = self.rule(*file, rule);
                continue;
            }
            ids.insert(rule.id.text.clone(), (*file, rule.id.span));
            if let Some(resolved) = self.rule(*file, rule) {
                self.plan.rules.push(resolved);
            }
        }
        for (file, d) in declarations {
            let Declaration::Omit(omit) = d else { continue };
            if let Some(&first) = ids.get(&omit.id.text) {
                self.duplicate(*file, Word::WhatRow, &omit.id.text, omit.id.span, first);
                continue;
            }
            ids.insert(omit.id.text.clone(), (*file, omit.id.span));
            if omit.reason.value.trim().is_empty() {
                self.report(
                    *file,
                    Code::RulesMissingClause,
                    Said::new(Word::OmitWithoutReason).with("id", &omit.id.text),
                    omit.reason.span,
                    Said::new(Word::EmptyReason),
                    Said::new(Word::OmitWithoutReasonHelp),
                );
            }
            self.plan.omitted.push(Omitted {
                id: omit.id.text.clone(),
                file: *file,
                reason: omit.reason.value.clone(),
            });
        }
        self.implemented_rules();
    }

    /// Each `implements ID` names a rule of a plan above the rule's own: what `rules layering`
    /// compares the rule with.
    fn implemented_rules(&mut self) {
        let mut unknown = Vec::new();
        for rule in &self.plan.rules {
            let layer = self.plan.file_layer(rule.file);
            for (id, span) in &rule.implements {
                let above = self
                    .plan
                    .rules
                    .iter()
                    .any(|r| &r.id == id && self.plan.file_layer(r.file) > layer);
                if !above {
                    unknown.push((rule.file, rule.id.clone(), id.clone(), *span));
                }
            }
        }
        for (file, rule, id, span) in unknown {
            self.report(
                file,
                Code::RulesImplementsUnknown,
                Said::new(Word::ImplementsUnknown)
                    .with("rule", &rule)
                    .with("id", &id),
                span,
                Said::new(Word::NotARuleAbove),
                Said::new(Word::ImplementsUnknownHelp),
            );
        }
    }

    /// The clause inventory: each row declared once; when there is one, every rule and `omit`
    /// names a row of it, and every row has a rule or an `omit`.
    pub(super) fn inventory(&mut self, declarations: &[(usize, &Declaration)]) {
        let mut rows: HashMap<String, (usize, Span)> = HashMap::new();
        for (file, d) in declarations {
            let Declaration::Row(row) = d else { continue };
            if let Some(&first) = rows.get(&row.id.text) {
                self.duplicate(*file, Word::WhatRow, &row.id.text, row.id.span, first);
                continue;
            }
            rows.insert(row.id.text.clone(), (*file, row.id.span));
            self.plan.rows.push(InventoryRow {
                id: row.id.text.clone(),
                file: *file,
                clause: row.clause.as_ref().map(|c| c.value.clone()),
            });
        }
        if rows.is_empty() {
            return;
        }
        let row_ids: Vec<String> = self.plan.rows.iter().map(|r| r.id.clone()).collect();
        let mut covered: HashSet<String> = HashSet::new();
        for (file, d) in declarations {
            let (rule_id, row) = match d {
                Declaration::Rule(rule) => {
                    let named = rule.clauses.iter().find_map(|c| match c {
                        RuleClause::Row(r) => Some(r),
                        _ => None,
                    });
                    (Some(&rule.id), named.unwrap_or(&rule.id))
                }
                Declaration::Omit(omit) => (None, &omit.id),
                _ => continue,
            };
            if rows.contains_key(&row.text) {
                covered.insert(row.text.clone());
                continue;
            }
            let help = self.suggest(&row.text, Word::WhatRows, |_| row_ids.clone());
            let message = match rule_id {
                Some(id) => Said::new(Word::RuleUnknownRow)
                    .with("rule", &id.text)
                    .with("row", &row.text),
                None => Said::new(Word::OmitUnknownRow).with("row", &row.text),
            };
            self.report(
                *file,
                Code::RulesUnknownRow,
                message,
                row.span,
                Said::new(Word::NotAnInventoryRow),
                help,
            );
        }
        for (file, d) in declarations {
            let Declaration::Row(row) = d else { continue };
            if covered.contains(&row.id.text)
                || rows.get(&row.id.text) != Some(&(*file, row.id.span))
            {
                continue;
            }
            self.report(
                *file,
                Code::RulesRowNotEncoded,
                Said::new(Word::RowNotEncoded).with("row", &row.id.text),
                row.id.span,
                Said::new(Word::NoRuleNoOmit),
                Said::new(Word::RowNotEncodedHelp).with("row", &row.id.text),
            );
        }
    }

    /// Resolves one rule: its clauses booked, its document kind, its metadata, then its
    /// expressions type-checked. `None` when the kind is unknown, which the kind error explains.
    pub(super) fn rule(&mut self, file: usize, rule: &ast::RuleDecl) -> Option<Rule> {
        let applies = self.book_clauses(file, rule);
        self.report_missing_texts(file, rule);
        let root = applies.and_then(|kind| self.rule_kind(file, kind));
        let mut resolved = Rule {
            id: rule.id.text.clone(),
            row: rule.id.text.clone(),
            id_span: rule.id.span,
            title: rule.title.value.clone(),
            doc: rule.doc.clone(),
            clause: String::new(),
            clause_span: rule.id.span,
            quote: String::new(),
            quote_span: rule.id.span,
            implements: Vec::new(),
            responsible: Vec::new(),
            readings: Vec::new(),
            applies_to: root.unwrap_or(usize::MAX),
            for_each: Vec::new(),
            when: Vec::new(),
            modality: Modality::Must,
            requirement: invalid(rule.span),
            unless: Vec::new(),
            reviews: Vec::new(),
            advices: Vec::new(),
            deadline: None,
            deadline_span: None,
            effective_from: None,
            effective_until: None,
            messages: Vec::new(),
            helps: Vec::new(),
            locals: 0,
            file,
        };
        self.rule_metadata(file, rule, &mut resolved);
        // Without the document kind every field name would be an error; the kind error says it all.
        let root = root?;
        self.rule_expressions(file, rule, root, &mut resolved);
        Some(resolved)
    }

    /// Books the clauses a rule states once, reporting repeated and missing ones; returns the
    /// `applies to` kind, if given.
    fn book_clauses<'r>(&mut self, file: usize, rule: &'r ast::RuleDecl) -> Option<&'r ast::Ident> {
        let mut single: HashMap<&'static str, Span> = HashMap::new();
        let mut repeated = Vec::new();
        let mut note = |key: &'static str, span: Span, repeated: &mut Vec<(&'static str, Span)>| {
            if single.insert(key, span).is_some() {
                repeated.push((key, span));
            }
        };
        let mut applies = None;
        for clause in &rule.clauses {
            match clause {
                RuleClause::ClauseRef(t) => note("clause", t.span, &mut repeated),
                RuleClause::Row(r) => note("row", r.span, &mut repeated),
                RuleClause::Quote(t) => note("quote", t.span, &mut repeated),
                RuleClause::AppliesTo(k) => {
                    note("applies to", k.span, &mut repeated);
                    applies = Some(k);
                }
                RuleClause::Requirement { modality_span, .. } => {
                    note("requirement", *modality_span, &mut repeated)
                }
                RuleClause::Deadline(d) => note("deadline", d.span, &mut repeated),
                RuleClause::Effective(r) => note("effective", r.span, &mut repeated),
                // One text per language: a second would never be shown.
                RuleClause::Message(text) => note(
                    texts_key(text, "message", "message en"),
                    text.span,
                    &mut repeated,
                ),
                RuleClause::Help(text) => {
                    note(texts_key(text, "help", "help en"), text.span, &mut repeated)
                }
                RuleClause::Responsible(list) => note(
                    "responsible",
                    list.first().map_or(rule.id.span, |t| t.span),
                    &mut repeated,
                ),
                _ => {}
            }
        }
        for (key, span) in repeated {
            let message = if key == "requirement" {
                Said::new(Word::RuleTwoRequirements)
            } else {
                Said::new(Word::RuleClauseTwice).with("key", key)
            };
            let help = if key.starts_with("message") || key.starts_with("help") {
                Word::RuleTextTwiceHelp
            } else {
                Word::RuleClauseTwiceHelp
            };
            self.report(
                file,
                Code::RulesRepeatedClause,
                message.with("rule", &rule.id.text),
                span,
                Said::new(Word::RepeatedHere),
                Said::new(help),
            );
        }
        for (key, example) in [
            ("clause", "clause \"二(二)3 ¶1\""),
            ("quote", "quote \"…\""),
            ("responsible", "responsible \"市生態環境局\""),
            ("applies to", "applies to project"),
            ("requirement", "must … or forbid …"),
        ] {
            if !single.contains_key(key) {
                let message = if key == "requirement" {
                    Said::new(Word::RuleWithoutRequirement)
                } else {
                    Said::new(Word::RuleWithoutClause).with("key", key)
                };
                self.report(
                    file,
                    Code::RulesMissingClause,
                    message.with("rule", &rule.id.text),
                    rule.id.span,
                    Said::new(Word::InThisRule),
                    Said::new(Word::AddLineSuchAs).with("example", example),
                );
            }
        }
        applies
    }

    /// A rule without a `message` is an error, one without `help` a warning.
    fn report_missing_texts(&mut self, file: usize, rule: &ast::RuleDecl) {
        let has_message = rule
            .clauses
            .iter()
            .any(|c| matches!(c, RuleClause::Message(_)));
        let has_help = rule
            .clauses
            .iter()
            .any(|c| matches!(c, RuleClause::Help(_)));
        let missing = [
            (
                has_message,
                Code::RulesMissingClause,
                "message",
                Word::MissingMessageHelp,
            ),
            (
                has_help,
                Code::RulesMissingHelp,
                "help",
                Word::MissingHelpHelp,
            ),
        ];
        for (present, code, key, help) in missing {
            if !present {
                self.report(
                    file,
                    code,
                    Said::new(Word::RuleWithoutClause)
                        .with("rule", &rule.id.text)
                        .with("key", key),
                    rule.id.span,
                    Said::new(Word::InThisRule),
                    Said::new(help),
                );
            }
        }
    }

    /// The document kind a rule applies to, reported when it is not a declared `document`.
    fn rule_kind(&mut self, file: usize, kind: &ast::Ident) -> Option<RecordId> {
        match self.type_names.get(&kind.text) {
            Some((TypeName::Record(r), _, _)) if self.plan.records[*r].is_document => Some(*r),
            _ => {
                let help = self.suggest(&kind.text, Word::WhatDocumentKinds, |resolver| {
                    resolver
                        .plan
                        .document_kinds()
                        .map(|(_, r)| r.name.clone())
                        .collect()
                });
                self.report(
                    file,
                    Code::RulesUnknownKind,
                    Said::new(Word::UnknownKind).with("kind", &kind.text),
                    kind.span,
                    Said::new(Word::NotADeclaredDocument),
                    help,
                );
                None
            }
        }
    }

    /// What a rule says about itself: clause, quote, responsible units, readings and dates.
    fn rule_metadata(&mut self, file: usize, rule: &ast::RuleDecl, resolved: &mut Rule) {
        let mut bad_dates = Vec::new();
        for clause in &rule.clauses {
            match clause {
                RuleClause::ClauseRef(t) => {
                    resolved.clause = t.value.clone();
                    resolved.clause_span = t.span;
                }
                RuleClause::Row(r) => resolved.row = r.text.clone(),
                RuleClause::Implements(ids) => resolved
                    .implements
                    .extend(ids.iter().map(|id| (id.text.clone(), id.span))),
                RuleClause::Quote(t) => {
                    resolved.quote = t.value.clone();
                    resolved.quote_span = t.span;
                }
                RuleClause::Responsible(list) => {
                    resolved.responsible = list.iter().map(|t| t.value.clone()).collect()
                }
                RuleClause::Readings(names) => {
                    for name in names {
                        if self.plan.readings.iter().any(|r| r.name == name.text) {
                            resolved.readings.push(name.text.clone());
                        } else {
                            let help = self.suggest(&name.text, Word::WhatReadings, |resolver| {
                                resolver
                                    .plan
                                    .readings
                                    .iter()
                                    .map(|r| r.name.clone())
                                    .collect()
                            });
                            self.report(
                                file,
                                Code::RulesUnknownReading,
                                Said::new(Word::UnknownReading).with("name", &name.text),
                                name.span,
                                Said::new(Word::NotADeclaredReading),
                                help,
                            );
                        }
                    }
                }
                RuleClause::Deadline(d) => match Date::parse(&d.text) {
                    Some(date) => {
                        resolved.deadline = Some(date);
                        resolved.deadline_span = Some(d.span);
                    }
                    None => bad_dates.push(d),
                },
                RuleClause::Effective(range) => {
                    let (from, until) = parse_range(range, &mut bad_dates);
                    resolved.effective_from = from;
                    resolved.effective_until = until;
                }
                _ => {}
            }
        }
        self.report_bad_dates(file, bad_dates);
    }

    /// The rule's `for each` lists, conditions, requirement, downgrades and texts, type-checked
    /// in one scope whose root is the document kind.
    fn rule_expressions(
        &mut self,
        file: usize,
        rule: &ast::RuleDecl,
        root: RecordId,
        resolved: &mut Rule,
    ) {
        let mut scope = Scope::new(file, Some(root));
        for clause in &rule.clauses {
            if let RuleClause::ForEach { var, list } = clause {
                let list = self.check(list, &mut scope, None);
                let item = self.list_item_type(
                    Said::new(Word::Keyword).with("keyword", "for each"),
                    &list,
                    file,
                );
                let slot = scope.bind(&var.text, item);
                resolved.for_each.push(ForEach {
                    name: var.text.clone(),
                    slot,
                    list,
                });
            }
        }
        for clause in &rule.clauses {
            match clause {
                RuleClause::When(e) => resolved.when.push(self.check_bool(
                    e,
                    &mut scope,
                    Said::new(Word::Keyword).with("keyword", "when"),
                )),
                RuleClause::Unless(e) => resolved.unless.push(self.check_bool(
                    e,
                    &mut scope,
                    Said::new(Word::Keyword).with("keyword", "unless"),
                )),
                RuleClause::Requirement { modality, expr, .. } => {
                    resolved.modality = *modality;
                    resolved.requirement =
                        self.check_bool(expr, &mut scope, Said::new(Word::ARequirement));
                }
                RuleClause::Review { condition, reason }
                | RuleClause::Advice { condition, reason } => {
                    let condition = self.check_bool(
                        condition,
                        &mut scope,
                        Said::new(Word::Keyword).with("keyword", "if"),
                    );
                    let reason = reason
                        .iter()
                        .map(|text| self.local_text(text, &mut scope))
                        .collect();
                    let downgrade = Downgrade { condition, reason };
                    if matches!(clause, RuleClause::Review { .. }) {
                        resolved.reviews.push(downgrade);
                    } else {
                        resolved.advices.push(downgrade);
                    }
                }
                RuleClause::Message(text) | RuleClause::Help(text) => {
                    let (language, template) = self.local_text(text, &mut scope);
                    if matches!(clause, RuleClause::Message(_)) {
                        resolved.messages.push((language, template));
                    } else {
                        resolved.helps.push((language, template));
                    }
                }
                _ => {}
            }
        }
        resolved.locals = scope.max_slots;
        self.report_review_on_soft_rule(file, rule, resolved.modality);
        self.lint_rule(file, resolved);
    }

    /// A `review if` on an encourage or strive rule raises advice to review; decisions A1b keeps
    /// the officer's review queue for obligations, so this is almost always meant as `advice if`.
    fn report_review_on_soft_rule(
        &mut self,
        file: usize,
        rule: &ast::RuleDecl,
        modality: Modality,
    ) {
        if !matches!(modality, Modality::Encourage | Modality::Strive) {
            return;
        }
        for clause in &rule.clauses {
            if let RuleClause::Review { condition, .. } = clause {
                self.report(
                    file,
                    Code::RulesReviewOnSoftRule,
                    Said::new(Word::ReviewOnSoftRule)
                        .with("rule", &rule.id.text)
                        .with("modality", modality.name()),
                    condition.span,
                    Said::new(Word::ReviewOnSoftRuleLabel),
                    Said::new(Word::ReviewOnSoftRuleHelp),
                );
            }
        }
    }

    /// A text with its language: `en` when tagged so, Chinese otherwise.
    pub(super) fn local_text(
        &mut self,
        text: &ast::LocalText,
        scope: &mut Scope,
    ) -> (Language, Template) {
        let language = match text.language.as_ref().map(|l| l.text.as_str()) {
            Some("en") => Language::En,
            _ => Language::Zh,
        };
        (language, self.template(&text.template, scope))
    }

    pub(super) fn template(&mut self, template: &ast::Template, scope: &mut Scope) -> Template {
        let parts = template
            .parts
            .iter()
            .map(|part| match part {
                ast::TemplatePart::Text(t) => TemplatePart::Text(t.clone()),
                ast::TemplatePart::Value(e) => TemplatePart::Value(self.check(e, scope, None)),
                ast::TemplatePart::Blamed => TemplatePart::Blamed,
            })
            .collect();
        Template { parts }
    }
}
