//! pest's errors in the words of the language: expected lists, unclosed strings, misspelt keywords.

use super::*;
use crate::words::{Said, Word};

pub(super) fn syntax_diagnostic(
    file: &SourceFile,
    error: &pest::error::Error<Rule>,
    base: usize,
) -> Diagnostic {
    let start = match error.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    } + base;
    let rest = &file.text[start.min(file.text.len())..];
    // Point at the whole word the parser stopped on, not just its first character.
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let token_len = if word.is_empty() {
        rest.chars().next().map_or(0, char::len_utf8)
    } else {
        word.len()
    };
    let found = match rest.chars().next() {
        None => Said::new(Word::GrammarEndOfFile),
        Some('\n') | Some('\r') => Said::new(Word::GrammarEndOfLine),
        Some(c) if word.is_empty() => Said::new(Word::Keyword).with("keyword", c),
        Some(_) => Said::new(Word::Keyword).with("keyword", &word),
    };
    let expected: Vec<Rule> = match &error.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let mut described: Vec<Said> = Vec::new();
    for rule in expected
        .iter()
        .filter(|r| !matches!(r, Rule::COMMENT | Rule::WHITESPACE | Rule::doc_line))
    {
        let text = describe_rule(rule);
        if !described.contains(&text) {
            described.push(text);
        }
    }
    let wants_text = expected.iter().any(|r| {
        matches!(
            r,
            Rule::string | Rule::string_content | Rule::template | Rule::template_text
        )
    });
    let unclosed = if rest.starts_with('"') {
        Some(start)
    } else if wants_text {
        unclosed_quote(&file.text[base..start.min(file.text.len())]).map(|o| o + base)
    } else {
        None
    };
    if let Some(start) = unclosed {
        return Diagnostic::said(Code::RulesSyntax, Said::new(Word::SyntaxUnclosedString))
            .in_file(file)
            .at_said(
                Span::new(start, start + 1),
                Said::new(Word::StringStartsHere),
            )
            .help_said(Said::new(Word::SyntaxUnclosedStringHelp));
    }
    let message = match described.len() {
        0 => Said::new(Word::SyntaxUnexpected).with_said("found", found.clone()),
        1 => Said::new(Word::SyntaxExpected).with_said("expected", described.remove(0)),
        _ => {
            let last = described
                .pop()
                .unwrap_or_else(|| Said::new(Word::GrammarSomethingElse));
            Said::new(Word::SyntaxExpectedOneOf)
                .with_said_list("expected", described)
                .with_said("last", last)
        }
    };
    let keywords: Vec<&str> = expected.iter().filter_map(|r| keyword_text(*r)).collect();
    let help = match crate::base::suggest::closest(&word, keywords.iter().copied()) {
        Some(best) if !word.is_empty() => Said::new(Word::DidYouMean).with("best", best),
        _ => Said::new(Word::SyntaxHelp),
    };
    Diagnostic::said(Code::RulesSyntax, message)
        .in_file(file)
        .at_said(
            Span::new(start, start + token_len),
            Said::new(Word::UnexpectedHere).with_said("found", found),
        )
        .help_said(help)
}

/// The offset of the opening quote of the first line with an unclosed string, if any.
pub(super) fn unclosed_quote(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let mut open = None;
        let mut escaped = false;
        let code = line.split("//").next().unwrap_or(line);
        for (i, c) in code.char_indices() {
            match c {
                '\\' if !escaped => {
                    escaped = true;
                    continue;
                }
                '"' if !escaped => {
                    open = if open.is_some() {
                        None
                    } else {
                        Some(offset + i)
                    }
                }
                _ => {}
            }
            escaped = false;
        }
        if open.is_some() {
            return open;
        }
        offset += line.len();
    }
    None
}
