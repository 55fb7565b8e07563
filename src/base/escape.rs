//! Characters a submission may hold that must never reach a terminal or a CI log as they are:
//! control characters, which can retitle or clear a terminal, and bidirectional overrides, which
//! make a line read differently from its bytes.

use std::borrow::Cow;

/// Whether a character is one no human-readable output may print as it is: C0 controls but tab,
/// line feed and carriage return; DEL; C1 controls; and the Unicode bidirectional controls.
pub fn is_hazard(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}'
        | '\u{b}'..='\u{c}'
        | '\u{e}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200e}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}')
}

/// Whether a character is a bidirectional control (what `rules check` warns about in quotes).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The text with each hazard written visibly as `\u{1b}`, for messages and labels.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hazard) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hazard(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether a text has a byte that can start a hazard: a control byte other than tab and line
/// breaks, or the first byte of a C1 control (`C2`), of U+061C (`D8`) or of the bidirectional
/// controls (`E2`). Every submission is read through this; a byte scan is many times faster
/// than decoding characters, and most texts have none of these bytes.
fn may_hold_hazard(text: &str) -> bool {
    text.bytes().any(|b| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2)
    })
}

/// The text with each hazard replaced by as many `?` as it has bytes, for source excerpts: byte
/// offsets into the text stay where they were, so labels still point at the right place.
pub fn masked(text: &str) -> Cow<'_, str> {
    if !may_hold_hazard(text) || !text.chars().any(is_hazard) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_hazard(c) {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hazards_are_shown_or_masked_and_text_is_left_alone() {
        assert_eq!(visible("a\u{1b}]0;pwned\u{7}b"), "a\\u{1b}]0;pwned\\u{7}b");
        assert_eq!(visible("\u{202e}cod.exe"), "\\u{202e}cod.exe");
        assert!(matches!(visible("锅炉\t35 t/h\n"), Cow::Borrowed(_)));
        let text = "x\u{1b}y\u{85}z\u{202e}";
        assert_eq!(masked(text).len(), text.len());
        assert_eq!(masked(text), "x?y??z???");
        for hazard in [
            "\u{0}", "\u{1f}", "\u{7f}", "\u{85}", "\u{9f}", "\u{61c}", "\u{200f}", "\u{2069}",
        ] {
            assert!(may_hold_hazard(&format!("锅炉{hazard}")), "{hazard:?}");
        }
        assert!(!may_hold_hazard("锅炉\t35 t/h\r\n"));
    }
}
