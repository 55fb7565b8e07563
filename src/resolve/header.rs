//! The plan header and readings: id, title, validity, official text, parent.

use super::*;

/// Where each plan setting is written, the ones written twice, and the impossible dates.
type HeaderSettings<'p> = (
    HashMap<&'static str, Span>,
    Vec<(&'static str, Span)>,
    Vec<&'p ast::DateLit>,
);

impl Resolver {
    /// The header of every plan of the chain: one `plan` block per plan folder, none in the
    /// shared schema folder.
    pub(super) fn header(&mut self, declarations: &[(usize, &Declaration)]) {
        let layers = self
            .plan
            .file_layers
            .iter()
            .filter_map(|l| match l {
                Layer::Plan(k) => Some(*k + 1),
                Layer::Schema => None,
            })
            .max()
            .unwrap_or(1);
        let mut headers = Vec::with_capacity(layers);
        for layer in 0..layers {
            let of_layer: Vec<(usize, &Declaration)> = declarations
                .iter()
                .filter(|(file, _)| self.plan.file_layers.get(*file) == Some(&Layer::Plan(layer)))
                .copied()
                .collect();
            self.plan.header = PlanHeader::default();
            self.layer_header(&of_layer);
            headers.push(std::mem::take(&mut self.plan.header));
        }
        for (file, d) in declarations {
            if self.plan.file_layers.get(*file) == Some(&Layer::Schema)
                && let Declaration::Plan(plan) = d
            {
                self.report(
                    *file,
                    Code::RulesPlanHeader,
                    Said::new(Word::PlanInSchemaFolder).with("id", &plan.id.text),
                    plan.id.span,
                    Said::new(Word::InThisPlan),
                    Said::new(Word::PlanInSchemaFolderHelp),
                );
            }
        }
        let mut headers = headers.into_iter();
        self.plan.header = headers.next().unwrap_or_default();
        self.plan.ancestors = headers.collect();
    }

    /// One plan's header: one `plan` block, every setting once, the required ones present.
    fn layer_header(&mut self, declarations: &[(usize, &Declaration)]) {
        let plans: Vec<(usize, &ast::PlanDecl)> = of_kind(declarations, |d| {
            if let Declaration::Plan(x) = d {
                Some(x)
            } else {
                None
            }
        });
        let Some(&(file, plan)) = plans.first() else {
            let diagnostic = Diagnostic::said(Code::RulesPlanHeader, Said::new(Word::NoPlan))
                .help_said(Said::new(Word::NoPlanHelp));
            self.diagnostics.push(diagnostic);
            return;
        };
        for &(other_file, other) in &plans[1..] {
            self.duplicate(
                other_file,
                Word::WhatPlan,
                &other.id.text,
                other.id.span,
                (file, plan.id.span),
            );
        }
        let (seen, repeated, bad_dates) = self.header_settings(plan);
        for (key, span) in repeated {
            self.report(
                file,
                Code::RulesRepeatedClause,
                Said::new(Word::PlanSetTwice).with("key", key),
                span,
                Said::new(Word::SetAgainHere),
                Said::new(Word::KeepOne),
            );
        }
        self.report_bad_dates(file, bad_dates);
        for key in ["title", "level", "effective", "text"] {
            if !seen.contains_key(key) {
                self.report(
                    file,
                    Code::RulesPlanHeader,
                    Said::new(Word::PlanMissingSetting).with("key", key),
                    plan.id.span,
                    Said::new(Word::InThisPlan),
                    Said::new(Word::PlanMissingSettingHelp).with("key", key),
                );
            }
        }
        if let (Some(from), Some(until)) = (
            self.plan.header.effective_from,
            self.plan.header.effective_until,
        ) && from > until
        {
            let span = seen.get("effective").copied().unwrap_or(plan.id.span);
            self.report(
                file,
                Code::RulesInvalidDate,
                Said::new(Word::PlanEndsBeforeStart)
                    .with("until", until)
                    .with("from", from),
                span,
                Said::new(Word::EmptyPeriod),
                Said::new(Word::SwapDates),
            );
        }
    }

    /// Copies each setting of the plan block into the header; returns where each was set, the
    /// settings set twice and the dates that are no calendar days.
    fn header_settings<'p>(&mut self, plan: &'p ast::PlanDecl) -> HeaderSettings<'p> {
        let header = &mut self.plan.header;
        header.id = plan.id.text.clone();
        let mut seen: HashMap<&'static str, Span> = HashMap::new();
        let mut repeated = Vec::new();
        let mut bad_dates = Vec::new();
        for setting in &plan.settings {
            let (key, span) = match setting {
                ast::PlanSetting::Title(t) => {
                    header.title = t.value.clone();
                    ("title", t.span)
                }
                ast::PlanSetting::Number(t) => {
                    header.number = Some(t.value.clone());
                    ("number", t.span)
                }
                ast::PlanSetting::Level(l) => {
                    header.level = l.text.clone();
                    ("level", l.span)
                }
                ast::PlanSetting::Jurisdiction(t) => {
                    header.jurisdiction = Some(t.value.clone());
                    ("jurisdiction", t.span)
                }
                ast::PlanSetting::Effective(range) => {
                    let (from, until) = parse_range(range, &mut bad_dates);
                    header.effective_from = from;
                    header.effective_until = until;
                    ("effective", range.span)
                }
                ast::PlanSetting::TextFile {
                    path,
                    ignore_last_line,
                } => {
                    header.text_path = Some(path.value.clone());
                    header.ignore_last_line = *ignore_last_line;
                    ("text", path.span)
                }
                ast::PlanSetting::Parent(p) => {
                    header.parent = Some(p.text.clone());
                    ("parent", p.span)
                }
                ast::PlanSetting::Schema(s) => {
                    header.schema = Some(s.text.clone());
                    ("schema", s.span)
                }
                ast::PlanSetting::Languages(tags) => {
                    header.languages = tags
                        .iter()
                        .map(|t| match t.text.as_str() {
                            "en" => Language::En,
                            _ => Language::Zh,
                        })
                        .collect();
                    (
                        "languages",
                        tags.first().map_or(Span::default(), |t| t.span),
                    )
                }
            };
            if seen.insert(key, span).is_some() {
                repeated.push((key, span));
            }
        }
        (seen, repeated, bad_dates)
    }

    pub(super) fn report_bad_dates(&mut self, file: usize, bad: Vec<&ast::DateLit>) {
        for date in bad {
            self.report(
                file,
                Code::RulesInvalidDate,
                Said::new(Word::RulesNotDate).with("text", &date.text),
                date.span,
                Said::new(Word::NoSuchDay),
                Said::new(Word::RulesNotDateHelp),
            );
        }
    }

    pub(super) fn readings(&mut self, declarations: &[(usize, &Declaration)]) {
        let mut first: HashMap<String, (usize, Span)> = HashMap::new();
        for (file, d) in declarations {
            if let Declaration::Reading(r) = d {
                if let Some(&at) = first.get(&r.name.text) {
                    self.duplicate(*file, Word::WhatReading, &r.name.text, r.name.span, at);
                    continue;
                }
                first.insert(r.name.text.clone(), (*file, r.name.span));
                self.plan.readings.push(Reading {
                    name: r.name.text.clone(),
                    text: r.text.value.clone(),
                    en: r.en.as_ref().map(|t| t.value.clone()),
                });
                self.lint_reading_languages(*file, r);
            }
        }
    }
}

pub(super) fn parse_range<'a>(
    range: &'a ast::DateRange,
    bad: &mut Vec<&'a ast::DateLit>,
) -> (Option<Date>, Option<Date>) {
    let mut parse = |d: &'a Option<ast::DateLit>| {
        d.as_ref().and_then(|lit| {
            let parsed = Date::parse(&lit.text);
            if parsed.is_none() {
                bad.push(lit);
            }
            parsed
        })
    };
    let from = parse(&range.from);
    let until = parse(&range.until);
    (from, until)
}
