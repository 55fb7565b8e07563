//! `planlint doc`: the plan as one literate page, the official text in order with every encoded
//! passage marked and linked to its rule, for a legal reviewer who checks the encoding against
//! the text without reading code (as Catala's literate output does).

use super::coverage::Coverage;
use crate::base::fold::{FoldedText, fold_char};
use crate::report::html::{esc, head};
use crate::words::{Language, Said, Word};
use std::fmt::Write as _;

/// The page of the plan (its own layer of a chain): the coverage summary, the text with each
/// quoted passage marked, each rule beside the line its quote starts on, then the rows left out
/// with their reasons and the normative sentences no rule quotes.
pub fn page(plan: &crate::Plan, coverage: &Coverage, language: Language) -> String {
    let model = &plan.model;
    let say = |word: Word| Said::new(word).in_language(language);
    let mut out = String::new();
    let title = language.script(&model.header.title).into_owned();
    head(
        language,
        &format!("{title} — {}", say(Word::DocTitle)),
        &mut out,
    );
    let _ = writeln!(out, "<style>{LITERATE_STYLE}</style>");
    let _ = writeln!(out, "<h1>{}</h1>", esc(&title));
    if let Some(number) = &model.header.number {
        let _ = writeln!(
            out,
            "<p class=\"plans\">{}</p>",
            esc(&language.script(number))
        );
    }
    let summary = coverage.table(language);
    let summary = summary.lines().last().unwrap_or_default();
    let _ = writeln!(out, "<p class=\"summary\">{}</p>", esc(summary));
    let own: Vec<&crate::model::Rule> = model
        .rules
        .iter()
        .filter(|r| model.file_layer(r.file) == 0)
        .collect();
    let Some(text) = model.official_text.as_ref() else {
        let _ = writeln!(out, "<p>{}</p>", esc(&say(Word::DocNoText)));
        out.push_str("</body>\n</html>\n");
        return out;
    };
    // Where each rule's quote is in the text, as byte ranges.
    let folded = FoldedText::new(&text.text);
    let mut passages: Vec<(usize, usize, usize)> = Vec::new();
    for (index, rule) in own.iter().enumerate() {
        let quote: Vec<char> = rule.quote.chars().filter_map(fold_char).collect();
        if quote.is_empty() || quote.len() > folded.chars.len() {
            continue;
        }
        for start in 0..=folded.chars.len() - quote.len() {
            if folded.chars[start..start + quote.len()] == *quote {
                let from = folded.offsets[start];
                let last = folded.offsets[start + quote.len() - 1];
                let to = last + text.text[last..].chars().next().map_or(1, char::len_utf8);
                passages.push((from, to, index));
            }
        }
    }
    passages.sort();
    let _ = writeln!(out, "<h2>{}</h2>", esc(&say(Word::DocText)));
    let body = &text.text;
    let mut offset = 0;
    for (number, line) in body.split_inclusive('\n').enumerate() {
        let end = offset + line.len();
        let trimmed_end = offset + line.trim_end_matches(['\n', '\r']).len();
        let _ = write!(
            out,
            "<p class=\"line\"><span class=\"ln\">{}</span>",
            number + 1
        );
        let mut at = offset;
        // A passage inside one already marked (a rule quoting part of another's quote) is linked
        // after the line instead, so that every rule's passage has its link.
        let mut nested: Vec<usize> = Vec::new();
        for &(from, to, index) in passages
            .iter()
            .filter(|(f, t, _)| *f < trimmed_end && *t > offset)
        {
            let (from, to) = (from.max(at), to.min(trimmed_end));
            if from >= to || !body.is_char_boundary(from) || !body.is_char_boundary(to) {
                if !nested.contains(&index) {
                    nested.push(index);
                }
                continue;
            }
            out.push_str(&esc(&body[at..from]));
            let id = &own[index].id;
            let _ = write!(
                out,
                "<a class=\"quote\" href=\"#{0}\" title=\"{0}\">{1}</a>",
                esc(id),
                esc(&body[from..to])
            );
            at = to;
        }
        if at < trimmed_end {
            out.push_str(&esc(&body[at..trimmed_end]));
        }
        for index in nested {
            let _ = write!(
                out,
                " <a class=\"also\" href=\"#{0}\">{0}</a>",
                esc(&own[index].id)
            );
        }
        out.push_str("</p>\n");
        // The rules whose quote starts on this line, beside it.
        for &(_, _, index) in passages.iter().filter(|(f, _, _)| *f >= offset && *f < end) {
            rule_card(plan, own[index], coverage, language, &mut out);
        }
        offset = end;
    }
    let omitted: Vec<_> = coverage
        .rows
        .iter()
        .filter(|r| r.status == "omitted")
        .collect();
    if !omitted.is_empty() {
        let _ = writeln!(out, "<h2>{}</h2>\n<table>", esc(&say(Word::DocOmitted)));
        for row in omitted {
            let _ = writeln!(
                out,
                "<tr><th><span class=\"rule\">{}</span> {}</th><td>{}</td></tr>",
                esc(&row.id),
                esc(row.clause.as_deref().unwrap_or("")),
                esc(row.reason.as_deref().unwrap_or(""))
            );
        }
        out.push_str("</table>\n");
    }
    let unquoted: Vec<_> = coverage.sentences.iter().filter(|s| !s.quoted).collect();
    if !unquoted.is_empty() {
        let _ = writeln!(
            out,
            "<h2>{}</h2>\n<ul class=\"unquoted\">",
            esc(&say(Word::DocUnquoted))
        );
        for sentence in unquoted {
            let _ = writeln!(
                out,
                "<li><span class=\"ln\">{}</span> {}</li>",
                sentence.line,
                esc(&sentence.text)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

const LITERATE_STYLE: &str = r#"
p.summary { text-align: center; color: #333; }
p.line { margin: 0 0 1.5mm; }
p.line .ln, ul.unquoted .ln { display: inline-block; width: 9mm; color: #999; font-size: 8.5pt; }
a.quote { background: #e3f0ff; border-bottom: 1pt solid #1d6fa5; color: inherit; text-decoration: none; }
.card { border: 0.75pt solid #1d6fa5; border-left: 4pt solid #1d6fa5; margin: 1mm 0 3mm 9mm; padding: 1.5mm 3mm; break-inside: avoid; }
.card pre { font-family: "Consolas", "Menlo", "WenQuanYi Zen Hei Mono", monospace; font-size: 8.5pt; white-space: pre-wrap; margin: 1mm 0; }
ul.unquoted li { color: #555; }
a.also { font-family: "Consolas", "Menlo", monospace; font-size: 8pt; color: #1d6fa5; vertical-align: super; }
"#;

/// One rule beside its passage: id, title, what it checks in words, and its tests.
fn rule_card(
    plan: &crate::Plan,
    rule: &crate::model::Rule,
    coverage: &Coverage,
    language: Language,
    out: &mut String,
) {
    let tested = coverage
        .rows
        .iter()
        .flat_map(|r| &r.rules)
        .find(|r| r.id == rule.id)
        .map_or(0, |r| r.firing_cases + r.passing_cases);
    let explained = super::explain::explain_rule(&plan.model, rule, language);
    let _ = writeln!(
        out,
        "<div class=\"card\" id=\"{}\"><b>{}</b> <span class=\"rule\">{}</span><pre>{}</pre>{}</div>",
        esc(&rule.id),
        esc(&language.script(&rule.title)),
        esc(&rule.id),
        esc(&explained),
        esc(&Said::new(Word::DocTests)
            .with("count", tested)
            .in_language(language))
    );
}
