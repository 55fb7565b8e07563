//! The HTML report an approval officer files: one self-contained page, printable on A4, in the
//! reader's language, that can never reach the network.
//!
//! Everything is inline: the CSS, no scripts, no fonts or images from anywhere, and a
//! Content-Security-Policy that forbids every fetch. Every text from a submission or a plan is
//! HTML-escaped, and hazards (control characters, bidirectional overrides) are shown visibly.
//! The page follows the officer's order: the plans, then per document who submitted it and
//! when it was checked, a summary, each finding with the clause, how to comply and the excerpt
//! with the blamed value marked, the justifications applied, and a block for the officer's
//! opinion.

use super::finding::finding_diagnostic;
use super::text::FindingText;
use super::{Run, Tally, outcome_word};
use crate::base::escape::visible;
use crate::base::span::{SourceFile, Span};
use crate::check::{DateSource, DocumentReport, FileReport};
use crate::eval::{Finding, Outcome};
use crate::model::Type;
use crate::submission::Value;
use crate::words::{Language, Said, Word};
use std::fmt::Write as _;

/// Text made safe for HTML: the five special characters escaped, hazards written visibly.
pub(crate) fn esc(text: &str) -> String {
    let text = visible(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A colon in the reader's language: full-width in Chinese.
fn colon(language: Language) -> &'static str {
    if language.is_zh() { "：" } else { ": " }
}

/// Text from the tool's words, escaped, with each `backticked` stretch (a field, a value, an
/// id) set as code, as the terminal report marks it with backticks.
fn rich(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 && text.matches('`').count().is_multiple_of(2) {
            out.push_str("<code>");
            out.push_str(&esc(part));
            out.push_str("</code>");
        } else {
            out.push_str(&esc(part));
        }
    }
    out
}

pub(crate) const STYLE: &str = r#"
@page { size: A4; margin: 30mm 26mm 30mm 28mm; }
* { box-sizing: border-box; }
body { font-family: "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", "WenQuanYi Zen Hei", serif; font-size: 11pt; line-height: 1.6; color: #111; margin: 0 auto; max-width: 180mm; padding: 8mm 0; }
h1, h2, h3 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; line-height: 1.3; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 2mm; }
h2 { font-size: 14pt; border-bottom: 1.5pt solid #333; padding-bottom: 1mm; margin: 8mm 0 3mm; }
h3 { font-size: 12pt; margin: 0 0 1mm; }
p.plans { text-align: center; margin: 0 0 6mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; }
th, td { border: 0.75pt solid #555; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
th { background: #eee; width: 32%; font-weight: normal; }
table.summary th, table.summary td { text-align: center; width: auto; }
.finding { border: 0.75pt solid #555; border-left: 4pt solid #555; padding: 2mm 3mm; margin: 0 0 4mm; break-inside: avoid; }
.finding.violation { border-left-color: #b00020; }
.finding.review { border-left-color: #c77700; }
.finding.missing_information { border-left-color: #6a4c93; }
.finding.advice { border-left-color: #1d6fa5; }
.finding.waived { border-left-color: #2e7d32; }
.outcome { font-weight: bold; }
.violation .outcome { color: #b00020; }
.review .outcome { color: #a05f00; }
.missing_information .outcome { color: #6a4c93; }
.advice .outcome { color: #1d6fa5; }
.waived .outcome { color: #2e7d32; }
.rule { font-family: "Consolas", "Menlo", monospace; font-size: 9.5pt; color: #444; }
code { font-family: "Consolas", "Menlo", "WenQuanYi Zen Hei Mono", monospace; font-size: 9.5pt; background: #f1f1f1; padding: 0 0.5mm; }
ul.notes { margin: 1mm 0; padding-left: 5mm; }
pre.excerpt { font-family: "Consolas", "Menlo", "Noto Sans Mono CJK SC", "WenQuanYi Zen Hei Mono", monospace; font-size: 9pt; line-height: 1.45; background: #f6f6f6; border: 0.5pt solid #999; padding: 1.5mm 2mm; margin: 1.5mm 0; white-space: pre-wrap; }
pre.excerpt .ln { color: #888; user-select: none; }
mark.blamed { background: #ffd0d0; outline: 0.75pt solid #b00020; }
mark.fact { background: #fff2b3; }
.opinion { border: 0.75pt solid #333; padding: 3mm; margin-top: 6mm; break-inside: avoid; }
.opinion .lines { height: 40mm; border-bottom: 0.5pt dashed #999; margin-bottom: 4mm; }
.opinion .sign { display: flex; gap: 20mm; }
.opinion .sign span { flex: 1; border-bottom: 0.5pt solid #333; padding-bottom: 6mm; }
.note { color: #555; }
p.help { margin: 1mm 0; font-weight: bold; }
footer { margin-top: 8mm; font-size: 9pt; color: #555; border-top: 0.5pt solid #999; padding-top: 2mm; }
@media print { body { max-width: none; padding: 0; } }
"#;

/// The page's head: the language, the policy that forbids every fetch, the title and the style.
pub(crate) fn head(language: Language, title: &str, out: &mut String) {
    let lang = if !language.is_zh() {
        "en"
    } else if language.script("汉") == "漢" {
        "zh-Hant"
    } else {
        "zh-CN"
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(title)
    );
}

/// The page of a run that checked nothing: its problems.
pub(crate) fn failure(problems: &[crate::diagnostic::Diagnostic], language: Language) -> String {
    let mut out = String::new();
    let title = Said::new(Word::HtmlTitle).in_language(language);
    head(language, &title, &mut out);
    let _ = writeln!(out, "<h1>{}</h1>", esc(&title));
    for problem in problems {
        let problem = problem.in_language(language);
        let _ = writeln!(
            out,
            "<p><span class=\"rule\">{}</span> {}</p>",
            esc(problem.code_text()),
            esc(&problem.message)
        );
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The whole report as one HTML page.
pub fn render(run: &Run<'_>) -> String {
    let language = run.language;
    let say = |word: Word| Said::new(word).in_language(language);
    let mut out = String::new();
    let title = language.script(&run.plan.header.title).into_owned();
    head(
        language,
        &format!("{} — {title}", say(Word::HtmlTitle)),
        &mut out,
    );
    let _ = writeln!(out, "<h1>{}</h1>", esc(&say(Word::HtmlTitle)));
    let plans: Vec<String> = (0..run.plan.layer_count())
        .map(|k| {
            let header = run.plan.layer_header(k);
            let name = language.script(&header.title).into_owned();
            match &header.number {
                Some(number) => format!("《{}》（{}）", esc(&name), esc(&language.script(number))),
                None => format!("《{}》", esc(&name)),
            }
        })
        .collect();
    let _ = writeln!(
        out,
        "<p class=\"plans\">{}{}{}</p>",
        esc(&say(Word::HtmlPlans)),
        colon(language),
        plans.join(if language.is_zh() { "、" } else { ", " })
    );
    for file in run.files {
        if !file.problems.is_empty() {
            let _ = writeln!(out, "<h2>{}</h2>", esc(&file.path));
        }
        for problem in &file.problems {
            let problem = problem.in_language(language);
            let _ = writeln!(
                out,
                "<p class=\"note\"><span class=\"rule\">{}</span> {}</p>",
                esc(problem.code_text()),
                rich(&problem.message)
            );
        }
        for document in &file.documents {
            document_section(run, file, document, &mut out);
        }
    }
    opinion_block(language, &mut out);
    footer(run, &mut out);
    out.push_str("</body>\n</html>\n");
    out
}

fn document_section(run: &Run<'_>, file: &FileReport, document: &DocumentReport, out: &mut String) {
    let language = run.language;
    let say = |word: Word| Said::new(word).in_language(language);
    let heading = if file.documents.len() > 1 {
        format!("{} #{}", file.path, document.index + 1)
    } else {
        file.path.clone()
    };
    let _ = writeln!(out, "<section>\n<h2>{}</h2>", esc(&heading));
    // Who submitted what, and when it was checked.
    let mut rows: Vec<(String, String)> = vec![(say(Word::HtmlFile), file.path.clone())];
    if let Some(doc) = &document.document {
        let record = &run.plan.records[doc.kind];
        let kind = record.label.as_deref().unwrap_or(&record.name);
        rows.push((say(Word::HtmlKind), language.script(kind).into_owned()));
        // The document's name and its identifiers (credit code, project code, permit number),
        // found by their types: the first text field of the record and each identifier.
        let fields = match &doc.root.value {
            Value::Record(r) => r.fields.as_slice(),
            _ => &[],
        };
        let mut named = false;
        for (declared, value) in record.fields.iter().zip(fields) {
            let Some(node) = value else { continue };
            let wanted = match declared.ty {
                Type::Text => !named,
                Type::Identifier(_) => true,
                _ => false,
            };
            if !wanted {
                continue;
            }
            if declared.ty == Type::Text {
                named = true;
            }
            let label = declared.label.as_deref().unwrap_or(&declared.name);
            let shown = file
                .source
                .as_ref()
                .map(|s| s.slice(node.span).trim().to_string())
                .unwrap_or_default();
            rows.push((language.script(label).into_owned(), shown));
        }
    }
    let source = match document.date_source {
        DateSource::AsOf => Word::HtmlDateAsOf,
        DateSource::Document => Word::HtmlDateDocument,
        DateSource::Today => Word::HtmlDateToday,
    };
    rows.push((
        say(Word::HtmlCheckDate),
        format!("{}（{}）", document.check_date, say(source)),
    ));
    if let Some(note) = super::human::document_heading(run, document) {
        rows.push((say(Word::HtmlPlanInForce), note));
    }
    out.push_str("<table class=\"identity\">\n");
    for (label, value) in rows {
        let _ = writeln!(
            out,
            "<tr><th>{}</th><td>{}</td></tr>",
            esc(&label),
            esc(&value)
        );
    }
    out.push_str("</table>\n");
    // The summary an officer reads first.
    let mut tally = Tally::default();
    for finding in &document.findings {
        tally.add(finding);
    }
    let errors = document.problems.iter().filter(|p| p.is_error()).count();
    let _ = writeln!(
        out,
        "<table class=\"summary\">\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n\
         <tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n</table>",
        esc(outcome_word(Outcome::Violation, language)),
        esc(outcome_word(Outcome::Review, language)),
        esc(outcome_word(Outcome::MissingInformation, language)),
        esc(outcome_word(Outcome::Advice, language)),
        esc(outcome_word(Outcome::Waived, language)),
        esc(&say(Word::HtmlDocumentErrors)),
        tally.violation,
        tally.review,
        tally.missing_information,
        tally.advice,
        tally.waived,
        errors
    );
    for problem in &document.problems {
        let problem = problem.in_language(language);
        let _ = writeln!(
            out,
            "<p class=\"note\"><span class=\"rule\">{}</span> {}</p>",
            esc(problem.code_text()),
            rich(&problem.message)
        );
    }
    let mut findings: Vec<&Finding> = document
        .findings
        .iter()
        .filter(|f| f.outcome.is_reported())
        .collect();
    findings.sort_by_key(|f| std::cmp::Reverse(f.outcome));
    if findings.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(&say(Word::HtmlNoFindings)));
    } else {
        let _ = writeln!(out, "<h3>{}</h3>", esc(&say(Word::HtmlFindings)));
    }
    for finding in findings {
        finding_block(run, file, document, finding, out);
    }
    justifications(run, document, out);
    waivers(run, document, out);
    out.push_str("</section>\n");
}

fn finding_block(
    run: &Run<'_>,
    file: &FileReport,
    document: &DocumentReport,
    finding: &Finding,
    out: &mut String,
) {
    let language = run.language;
    let rule = &run.plan.rules[finding.rule];
    let text = FindingText::of(run.plan, file, finding, language);
    let diagnostic = finding_diagnostic(run, file, document, finding);
    let _ = writeln!(
        out,
        "<div class=\"finding {}\" id=\"{}-{}-{}\">\n<p><span class=\"outcome\">{}</span> \
         <span class=\"rule\">{}</span><br>{}</p>",
        finding.outcome.name(),
        esc(&rule.id),
        document.index,
        esc(&finding.anchor_pointer),
        esc(outcome_word(finding.outcome, language)),
        esc(&rule.id),
        rich(&text.message)
    );
    if !diagnostic.notes.is_empty() {
        out.push_str("<ul class=\"notes\">\n");
        for note in &diagnostic.notes {
            let _ = writeln!(out, "<li>{}</li>", rich(note));
        }
        out.push_str("</ul>\n");
    }
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(out, "<p class=\"help\">{}</p>", rich(help));
    }
    if let Some(source) = &file.source {
        let blamed: Vec<Span> = diagnostic.primary.iter().map(|l| l.span).collect();
        let facts: Vec<Span> = diagnostic.secondary.iter().map(|l| l.span).collect();
        if let Some(excerpt) = excerpt(source, &blamed, &facts) {
            out.push_str(&excerpt);
        }
    }
    out.push_str("</div>\n");
}

/// The lines of the submission around a finding, numbered, the blamed value marked and the
/// values that decided it highlighted.
fn excerpt(source: &SourceFile, blamed: &[Span], facts: &[Span]) -> Option<String> {
    let spans: Vec<Span> = blamed.iter().chain(facts).copied().collect();
    let first = spans.iter().map(|s| source.line_of(s.start)).min()?;
    let last = spans
        .iter()
        .map(|s| source.line_of(s.end.saturating_sub(1).max(s.start)))
        .max()?;
    // A few lines of context, but never a whole long file.
    let from = first.saturating_sub(1);
    let to = (last + 1).min(from + 24);
    let text = source.shown_text();
    let mut out = String::from("<pre class=\"excerpt\">");
    for line in from..=to {
        let start = source.line_start(line);
        if start >= text.len() && line > first {
            break;
        }
        let end = source.line_start(line + 1).min(text.len());
        let mut at = start;
        let _ = write!(out, "<span class=\"ln\">{:>4} │ </span>", line + 1);
        // Marks on this line, in order, clipped to it; where two overlap the first wins.
        let mut marks: Vec<(usize, usize, &str)> = blamed
            .iter()
            .map(|s| (s.start, s.end, "blamed"))
            .chain(facts.iter().map(|s| (s.start, s.end, "fact")))
            .filter(|(s, e, _)| *s < end && *e > start && s < e)
            .map(|(s, e, class)| (s.max(start), e.min(end), class))
            .collect();
        marks.sort_by_key(|(s, _, _)| *s);
        for (s, e, class) in marks {
            if s < at || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            out.push_str(&esc(&text[at..s]));
            let _ = write!(out, "<mark class=\"{class}\">{}</mark>", esc(&text[s..e]));
            at = e;
        }
        if text.is_char_boundary(at) && at <= end {
            out.push_str(&esc(text[at..end].trim_end_matches(['\n', '\r'])));
        }
        out.push('\n');
    }
    out.push_str("</pre>\n");
    Some(out)
}

/// The justifications the document gives, and which finding each turned into a review.
fn justifications(run: &Run<'_>, document: &DocumentReport, out: &mut String) {
    let Some(doc) = &document.document else {
        return;
    };
    if doc.justifications.is_empty() {
        return;
    }
    let language = run.language;
    let say = |word: Word| Said::new(word).in_language(language);
    let _ = writeln!(
        out,
        "<h3>{}</h3>\n<table class=\"justifications\">\n<tr><th>{}</th><td><b>{}</b></td></tr>",
        esc(&say(Word::HtmlJustifications)),
        esc(&say(Word::HtmlRule)),
        esc(&say(Word::HtmlReasonAndApproval))
    );
    for (i, justification) in doc.justifications.iter().enumerate() {
        let used = document.findings.iter().any(|f| f.justification == Some(i));
        let status = if used {
            say(Word::HtmlJustificationUsed)
        } else {
            say(Word::HtmlJustificationUnused)
        };
        let approval = justification
            .approval
            .as_deref()
            .map_or(String::new(), |a| format!("（{}）", esc(a)));
        let _ = writeln!(
            out,
            "<tr><th><span class=\"rule\">{}</span><br>{}</th><td>{}{}</td></tr>",
            esc(&justification.rule),
            esc(&status),
            esc(&justification.reason),
            approval
        );
    }
    out.push_str("</table>\n");
}

/// The officer's waivers the document's findings met: which rule each covers, the approval
/// document, who granted it and for how long, and whether it applied on the check date.
fn waivers(run: &Run<'_>, document: &DocumentReport, out: &mut String) {
    let language = run.language;
    let say = |word: Word| Said::new(word).in_language(language);
    let mut met: Vec<&crate::waiver::Applied> = Vec::new();
    for finding in &document.findings {
        if let Some(applied) = finding.waiver.as_deref()
            && !met.iter().any(|m| m.index == applied.index)
        {
            met.push(applied);
        }
    }
    if met.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<h3>{}</h3>\n<table class=\"waivers\">\n<tr><th>{}</th><td><b>{}</b></td></tr>",
        esc(&say(Word::HtmlWaivers)),
        esc(&say(Word::HtmlRule)),
        esc(&say(Word::HtmlWaiverTerms))
    );
    for applied in met {
        let waiver = &applied.waiver;
        let status = match applied.standing {
            crate::waiver::Standing::Applied => say(Word::HtmlWaiverApplied),
            _ => say(Word::HtmlWaiverNotInForce),
        };
        let hard = waiver
            .hard_reason
            .as_deref()
            .map_or(String::new(), |r| format!("<br>{}", esc(r)));
        let _ = writeln!(
            out,
            "<tr><th><span class=\"rule\">{}</span><br><span class=\"rule\">{}</span><br>{}</th>\
             <td>{}（{}，{}，{} – {}）{}</td></tr>",
            esc(&waiver.id),
            esc(&waiver.rule),
            esc(&status),
            esc(&waiver.reason),
            esc(&waiver.document),
            esc(&waiver.granted_by),
            waiver.granted_on,
            waiver.expires_on,
            hard
        );
    }
    out.push_str("</table>\n");
}

/// The block the officer fills in by hand: opinion, who handled it, the date.
fn opinion_block(language: Language, out: &mut String) {
    let say = |word: Word| Said::new(word).in_language(language);
    let _ = writeln!(
        out,
        "<div class=\"opinion\">\n<h3>{}</h3>\n<div class=\"lines\"></div>\n<div class=\"sign\">\
         <span>{}{colon}</span><span>{}{colon}</span></div>\n</div>",
        esc(&say(Word::HtmlOpinion)),
        esc(&say(Word::HtmlOfficer)),
        esc(&say(Word::HtmlDate)),
        colon = colon(language).trim_end()
    );
}

/// What the page was made by and from, so a printed page can be traced to its run.
fn footer(run: &Run<'_>, out: &mut String) {
    let language = run.language;
    let plans: Vec<String> = (0..run.plan.layer_count())
        .map(|k| {
            let header = run.plan.layer_header(k);
            match &header.number {
                Some(number) => format!("{} {}", header.id, language.script(number)),
                None => header.id.clone(),
            }
        })
        .collect();
    let said = Said::new(Word::HtmlFooter)
        .with("version", env!("CARGO_PKG_VERSION"))
        .with("plans", plans.join(", "))
        .with("fail_on", run.fail_on.name());
    let record = super::record::DecisionRecord::of(run);
    let inputs: Vec<String> = record
        .inputs
        .iter()
        .map(|i| {
            if i.sha256.is_empty() {
                i.name.clone()
            } else {
                format!("{} {}", i.name, i.sha256)
            }
        })
        .collect();
    let recorded = Said::new(Word::HtmlRecord)
        .with("id", &record.decision_id)
        .with("digest", &record.plan.digest)
        .with("inputs", inputs.join("; "));
    let _ = writeln!(
        out,
        "<footer>{}<br>{}</footer>",
        esc(&said.in_language(language)),
        esc(&recorded.in_language(language))
    );
}
