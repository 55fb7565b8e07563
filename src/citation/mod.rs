//! The citation check: every rule's quote must occur in the plan's official text.
//!
//! In: the resolved plan and its official text. Out: a diagnostic per quote that is not in the
//! text, is ambiguous, or quotes page debris.
//!
//! Both sides are compared in a folded form (half-width, no whitespace, Simplified script), so
//! only differences that change meaning count. Positions map back to the original text.

use crate::base::fold::{FoldedText, fold_char, half_width};
use crate::base::span::{SourceFile, Span};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Plan;
use crate::words::{Said, Word, plural};

/// Where a stretch of the official text sits in the plan's outline: `二(二)3 ¶1`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outline {
    pub section: Option<String>,
    pub subsection: Option<String>,
    pub item: Option<String>,
    pub paragraph: Option<u32>,
}

const NUMERALS: &str = "一二三四五六七八九十";

/// Reads a clause reference such as `二(二)3 ¶1` or `二(二)3`; `None` when it is not one (text
/// left over, or nothing read).
pub fn parse_clause(clause: &str) -> Option<Outline> {
    let text: String = clause
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut outline = Outline::default();
    let mut rest = text.as_str();
    let numeral_len = rest
        .chars()
        .take_while(|c| NUMERALS.contains(*c))
        .map(char::len_utf8)
        .sum::<usize>();
    if numeral_len > 0 {
        outline.section = Some(rest[..numeral_len].to_string());
        rest = &rest[numeral_len..];
    }
    if let Some(after) = rest.strip_prefix('(')
        && let Some(close) = after.find(')')
    {
        outline.subsection = Some(after[..close].to_string());
        rest = &after[close + 1..];
    }
    let digits_len = rest.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits_len > 0 {
        outline.item = Some(rest[..digits_len].to_string());
        rest = &rest[digits_len..];
    }
    if let Some(after) = rest.strip_prefix('¶') {
        let digits: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
        outline.paragraph = digits.parse().ok();
        rest = &after[digits.len()..];
    }
    let read_something = outline.section.is_some() || outline.subsection.is_some();
    (rest.is_empty() && read_something).then_some(outline)
}

impl Outline {
    /// The place as a clause reference is written: `二(二)3 ¶1`.
    fn clause_text(&self) -> String {
        let mut text = self.section.clone().unwrap_or_default();
        if let Some(sub) = &self.subsection {
            text.push_str(&format!("({sub})"));
        }
        if let Some(item) = &self.item {
            text.push_str(item);
        }
        if let Some(p) = self.paragraph.filter(|p| *p > 0) {
            text.push_str(&format!(" ¶{p}"));
        }
        text
    }

    /// Whether a place in the text lies inside the part of the outline a clause names.
    fn contains(&self, place: &Outline) -> bool {
        (self.section.is_none() || self.section == place.section)
            && (self.subsection.is_none() || self.subsection == place.subsection)
            && (self.item.is_none() || self.item == place.item)
            && (self.paragraph.is_none() || self.paragraph == place.paragraph)
    }
}

/// The outline position of every line of a text: headings `一、`, `(一)`, `1.` and the paragraphs
/// under a heading that stands alone on its line.
fn outline_lines(text: &str) -> Vec<(usize, Outline)> {
    let mut out = Vec::new();
    let mut current = Outline::default();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let normal: String = line.trim().chars().map(half_width).collect();
        let numeral_len: usize = normal
            .chars()
            .take_while(|c| NUMERALS.contains(*c))
            .map(char::len_utf8)
            .sum();
        if numeral_len > 0 && normal[numeral_len..].starts_with('、') {
            current = Outline {
                section: Some(normal[..numeral_len].to_string()),
                ..Outline::default()
            };
        } else if let Some(after) = normal.strip_prefix('(')
            && let Some(close) = after.find(')')
            && after[..close].chars().all(|c| NUMERALS.contains(c))
            && close > 0
        {
            current = Outline {
                section: current.section.clone(),
                subsection: Some(after[..close].to_string()),
                ..Outline::default()
            };
        } else {
            let digits: String = normal.chars().take_while(|c| c.is_ascii_digit()).collect();
            let after = &normal[digits.len()..];
            if !digits.is_empty() && (after.starts_with('.') || after.starts_with('、')) {
                // A heading alone on its line ("2.嚴格控制煤炭消費總量。") is followed by numbered paragraphs.
                let body = after[1..].trim_end();
                let alone = body.ends_with('。') && body.matches('。').count() == 1;
                current = Outline {
                    section: current.section.clone(),
                    subsection: current.subsection.clone(),
                    item: Some(digits),
                    paragraph: if alone { Some(0) } else { None },
                };
            } else if let Some(p) = current.paragraph {
                current.paragraph = Some(p + 1);
            }
        }
        out.push((offset, current.clone()));
        offset += line.len();
    }
    out
}

/// A sentence without the item number it opens with (`（一）`, `(一)`, `1.`, `一、`): the number is
/// the outline's, not the obligation's words.
fn without_number(sentence: &str) -> &str {
    let numeral = |c: char| NUMERALS.contains(c) || c.is_ascii_digit();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(rest) = sentence.strip_prefix(open)
            && let Some(at) = rest.find(close)
            && rest[..at].chars().all(numeral)
        {
            return rest[at + close.len_utf8()..].trim_start();
        }
    }
    let digits = sentence
        .chars()
        .take_while(|c| numeral(*c))
        .map(char::len_utf8)
        .sum::<usize>();
    if digits > 0 {
        let rest = &sentence[digits..];
        for mark in ['.', '．', '、'] {
            if let Some(rest) = rest.strip_prefix(mark) {
                return rest.trim_start();
            }
        }
    }
    sentence
}

/// The first sentence of an official text (up to a 。, on one line) that sits in a numbered part
/// of its outline, with the clause reference that part has (`一(一)`): what `planlint init`
/// quotes in its example rule. The title and a preamble before the first part have no clause.
pub fn first_clause_sentence(text: &str) -> Option<(String, String)> {
    let outline = outline_lines(text);
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let mut start = 0;
        for (end, _) in line.match_indices('。') {
            let sentence = without_number(line[start..end + '。'.len_utf8()].trim());
            let place = place_of(&outline, offset + start).clause_text();
            // A sentence of a few characters is a heading, not an obligation to quote; one that
            // opens with closing punctuation is the tail of a sentence broken across lines.
            let broken = sentence.starts_with(['）', ')', '，', '、', '；', '。', '”']);
            if !place.is_empty()
                && !broken
                && sentence.chars().count() >= 8
                && parse_clause(&place).is_some()
            {
                return Some((sentence.to_string(), place));
            }
            start = end + '。'.len_utf8();
        }
        offset += line.len();
    }
    None
}

/// Checks the quote of every rule of the plan at depth `layer` of the chain against that plan's
/// official text.
pub fn check(plan: &Plan, layer: usize, text: &SourceFile) -> Vec<Diagnostic> {
    let mut body_end = text.text.len();
    if plan.layer_header(layer).ignore_last_line {
        let trimmed = text.text.trim_end_matches(['\n', '\r']);
        body_end = trimmed.rfind('\n').map_or(0, |i| i + 1);
    }
    let folded = FoldedText::new(&text.text);
    let outline = outline_lines(&text.text);
    let mut diagnostics = Vec::new();
    for rule in &plan.rules {
        if rule.quote.is_empty() || plan.file_layer(rule.file) != layer {
            continue;
        }
        let rules_file = &plan.files[rule.file];
        let quote: Vec<char> = rule.quote.chars().filter_map(fold_char).collect();
        if quote.is_empty() {
            diagnostics.push(
                Diagnostic::said(
                    Code::RulesQuoteNotFound,
                    Said::new(Word::QuotesNothing).with("rule", &rule.id),
                )
                .in_file(rules_file)
                .at_said(rule.quote_span, Said::new(Word::EmptyQuote))
                .help_said(Said::new(Word::QuotesNothingHelp)),
            );
            continue;
        }
        let hits: Vec<usize> = find_all(&folded.chars, &quote);
        let wanted = parse_clause(&rule.clause);
        let exists = wanted
            .as_ref()
            .is_some_and(|w| outline.iter().any(|(_, place)| w.contains(place)));
        if !exists {
            let found = hits
                .first()
                .map(|&i| place_of(&outline, folded.offsets[i]).clause_text());
            diagnostics.push(unknown_clause(rule, rules_file, wanted.is_some(), found));
        }
        // With no clause to hold it to, the quote is still checked against the whole text.
        let wanted = wanted.filter(|_| exists).unwrap_or_default();
        let (in_body, in_debris): (Vec<usize>, Vec<usize>) =
            hits.iter().partition(|&&i| folded.offsets[i] < body_end);
        if in_body.is_empty() && !in_debris.is_empty() {
            diagnostics.push(
                Diagnostic::said(
                    Code::RulesQuoteDebris,
                    Said::new(Word::QuotesDebris).with("rule", &rule.id),
                )
                .in_file(rules_file)
                .at_said(rule.quote_span, Said::new(Word::NotPlanText))
                .help_said(Said::new(Word::QuotesDebrisHelp)),
            );
            continue;
        }
        match in_body.len() {
            0 => diagnostics.push(not_found(rule, rules_file, text, &folded, &quote, body_end)),
            _ => {
                let places: Vec<Outline> = in_body
                    .iter()
                    .map(|&i| place_of(&outline, folded.offsets[i]))
                    .collect();
                let narrowed = places.iter().filter(|p| wanted.contains(p)).count();
                if narrowed == 0 {
                    let found = places[0].clause_text();
                    diagnostics.push(
                        Diagnostic::said(
                            Code::RulesQuoteElsewhere,
                            Said::new(Word::QuoteElsewhere)
                                .with("rule", &rule.id)
                                .with("found", &found)
                                .with("clause", &rule.clause),
                        )
                        .in_file(rules_file)
                        .at_said(rule.clause_span, Said::new(Word::ClauseCited))
                        .also_said(
                            rule.quote_span,
                            Said::new(Word::FromClause).with("found", &found),
                        )
                        .help_said(Said::new(Word::QuoteElsewhereHelp).with("found", &found)),
                    );
                } else if narrowed > 1 {
                    let mut lines: Vec<String> = in_body
                        .iter()
                        .map(|&i| text.line_column(folded.offsets[i]).line.to_string())
                        .collect();
                    lines.dedup();
                    diagnostics.push(
                        Diagnostic::said(
                            Code::RulesQuoteAmbiguous,
                            Said::new(Word::QuoteAmbiguous)
                                .with("rule", &rule.id)
                                .with("count", in_body.len())
                                .with("s_lines", plural(lines.len()))
                                .with("lines", lines.join(", ")),
                        )
                        .in_file(rules_file)
                        .at_said(rule.quote_span, Said::new(Word::OccursMoreThanOnce))
                        .help_said(
                            Said::new(Word::QuoteAmbiguousHelp).with("clause", &rule.clause),
                        ),
                    );
                }
            }
        }
    }
    diagnostics
}

/// A clause that names no place of the official text's outline, or is not written as one.
fn unknown_clause(
    rule: &crate::model::Rule,
    rules_file: &SourceFile,
    well_formed: bool,
    quote_place: Option<String>,
) -> Diagnostic {
    let message = if well_formed {
        Word::UnknownClause
    } else {
        Word::NotAClauseReference
    };
    let message = Said::new(message)
        .with("rule", &rule.id)
        .with("clause", &rule.clause);
    let help = match quote_place {
        Some(place) => Said::new(Word::QuoteIsIn).with("place", place),
        None => Said::new(Word::ClauseReferenceHelp),
    };
    Diagnostic::said(Code::RulesUnknownClause, message)
        .in_file(rules_file)
        .at_said(rule.clause_span, Said::new(Word::NoSuchClause))
        .also_said(rule.quote_span, Said::new(Word::TheQuote))
        .help_said(help)
}

fn place_of(outline: &[(usize, Outline)], offset: usize) -> Outline {
    let index = outline
        .partition_point(|(start, _)| *start <= offset)
        .saturating_sub(1);
    outline
        .get(index)
        .map(|(_, o)| o.clone())
        .unwrap_or_default()
}

fn find_all(haystack: &[char], needle: &[char]) -> Vec<usize> {
    let Some((&first, rest)) = needle.split_first() else {
        return Vec::new();
    };
    if needle.len() > haystack.len() {
        return Vec::new();
    }
    // Comparing the first character inline skips almost every position without a slice compare.
    (0..=haystack.len() - needle.len())
        .filter(|&i| haystack[i] == first && haystack[i + 1..i + needle.len()] == *rest)
        .collect()
}

/// The quote is nowhere in the text: show the closest passage and where the two first differ.
fn not_found(
    rule: &crate::model::Rule,
    rules_file: &SourceFile,
    text: &SourceFile,
    folded: &FoldedText,
    quote: &[char],
    body_end: usize,
) -> Diagnostic {
    let searchable = folded.offsets.partition_point(|&o| o < body_end);
    let chars = &folded.chars[..searchable];
    let best = closest_alignment(chars, quote);
    let mut diagnostic = Diagnostic::said(
        Code::RulesQuoteNotFound,
        Said::new(Word::QuoteNotFound).with("rule", &rule.id),
    )
    .in_file(rules_file);
    // Align the passage so that its longest agreeing run sits under the quote's, then find the
    // first character that differs.
    let start = best.2;
    let differ = quote
        .iter()
        .enumerate()
        .position(|(i, q)| chars.get(start + i) != Some(q));
    let quote_offsets = quote_char_offsets(rules_file, rule.quote_span);
    match (best.0 >= 2, differ) {
        (true, Some(at)) => {
            let passage_start = folded.offsets[start];
            // Run the passage on to the end of its phrase, so the reader sees what follows.
            let mut passage_end_index = (start + quote.len()).min(chars.len());
            let stop = (passage_end_index + 12).min(chars.len());
            while passage_end_index < stop && !"。,;:".contains(chars[passage_end_index]) {
                passage_end_index += 1;
            }
            let passage_end = folded
                .offsets
                .get(passage_end_index)
                .copied()
                .unwrap_or(body_end)
                .min(body_end);
            let passage = text.text[passage_start..passage_end].trim_end();
            let position = text.line_column(passage_start);
            let found = chars
                .get(start + at)
                .map_or(Said::new(Word::EndOfText), |c| {
                    Said::new(Word::Keyword).with("keyword", c)
                });
            let quote_at = quote_offsets
                .get(at)
                .copied()
                .unwrap_or(rule.quote_span.start);
            let width = rules_file.text[quote_at..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
            diagnostic = diagnostic
                .at_said(
                    Span::new(quote_at, quote_at + width),
                    Said::new(Word::TextHasHere).with_said("found", found),
                )
                .also_said(rule.quote_span, Said::new(Word::ThisQuote))
                .note_said(
                    Said::new(Word::ClosestPassage)
                        .with("line", position.line)
                        .with("passage", passage),
                )
                .help_said(Said::new(Word::CopyQuoteExactlyFolded));
        }
        _ => {
            diagnostic = diagnostic
                .at_said(rule.quote_span, Said::new(Word::NotInTheText))
                .help_said(Said::new(Word::CopyQuoteExactly));
        }
    }
    diagnostic
}

/// Byte offsets in the rules file of each folded character of a quote literal.
fn quote_char_offsets(file: &SourceFile, span: Span) -> Vec<usize> {
    let literal = file.slice(span);
    let inner_start = span.start + usize::from(literal.starts_with('"'));
    let inner = literal
        .strip_prefix('"')
        .and_then(|l| l.strip_suffix('"'))
        .unwrap_or(literal);
    let folded = FoldedText::new(inner);
    folded.offsets.iter().map(|o| o + inner_start).collect()
}

/// The alignment of the quote in the text that agrees best: by its longest run of agreeing
/// characters, then by how many agree. Returns (longest run, matches, start).
fn closest_alignment(chars: &[char], quote: &[char]) -> (usize, usize, usize) {
    // Score every alignment by its longest run of agreeing characters, then by how many agree.
    let mut best = (0usize, 0usize, 0usize); // (longest run, matches, start)
    if !chars.is_empty() {
        let last_start = chars.len().saturating_sub(1);
        for start in 0..=last_start {
            let mut run = 0;
            let mut longest = 0;
            let mut matches = 0;
            for (i, q) in quote.iter().enumerate() {
                match chars.get(start + i) {
                    Some(c) if c == q => {
                        run += 1;
                        matches += 1;
                        longest = longest.max(run);
                    }
                    _ => run = 0,
                }
            }
            if (longest, matches) > (best.0, best.1) {
                best = (longest, matches, start);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_references_parse() {
        let o = parse_clause("二(二)3 ¶1").expect("a clause");
        assert_eq!(o.section.as_deref(), Some("二"));
        assert_eq!(o.subsection.as_deref(), Some("二"));
        assert_eq!(o.item.as_deref(), Some("3"));
        assert_eq!(o.paragraph, Some(1));
        assert_eq!(o.clause_text(), "二(二)3 ¶1");
        let section = parse_clause("一").expect("a clause");
        assert_eq!(section.section.as_deref(), Some("一"));
        assert_eq!(parse_clause("bogus"), None);
        assert_eq!(parse_clause("二(二)3x"), None);
        assert_eq!(parse_clause(""), None);
    }

    #[test]
    fn outline_counts_paragraphs_under_lone_headings() {
        let text = "二、工作任務\n(二)能源\n2.嚴格控制煤炭消費總量。\n利用江陵。\n加強散煤管控。\n3.持續開展。其他。\n";
        let lines = outline_lines(text);
        assert_eq!(lines[3].1.paragraph, Some(1));
        assert_eq!(lines[4].1.paragraph, Some(2));
        assert_eq!(lines[5].1.item.as_deref(), Some("3"));
        assert_eq!(lines[5].1.paragraph, None);
    }
}
