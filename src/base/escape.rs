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

/// Whether a text holds a hazard, found from its UTF-8 bytes: a control byte other than tab and
/// line breaks, DEL, a C1 control (`C2 80`–`C2 9F`), U+061C (`D8 9C`) or a bidirectional control
/// (`E2 80 8E`–`8F`, `E2 80 AA`–`AE`, `E2 81 A6`–`A9`). Every submission is read through this; a
/// byte scan is many times faster than decoding its characters.
fn holds_hazard(text: &str) -> bool {
    let bytes = text.as_bytes();
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    // Most bytes can start no hazard; a table lookup per byte passes them over.
    bytes.iter().enumerate().any(|(i, &b)| {
        MAY_START_HAZARD[b as usize]
            && match b {
                0xc2 => (0x80..=0x9f).contains(&at(i + 1)),
                0xd8 => at(i + 1) == 0x9c,
                0xe2 => match at(i + 1) {
                    0x80 => matches!(at(i + 2), 0x8e | 0x8f | 0xaa..=0xae),
                    0x81 => matches!(at(i + 2), 0xa6..=0xa9),
                    _ => false,
                },
                _ => true,
            }
    })
}

/// The bytes a hazard can start with: the control bytes but tab and line breaks, DEL, and the
/// lead bytes of the hazards beyond ASCII.
const MAY_START_HAZARD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = !matches!(b as u8, b'\t' | b'\n' | b'\r');
        b += 1;
    }
    table[0x7f] = true;
    table[0xc2] = true;
    table[0xd8] = true;
    table[0xe2] = true;
    table
};

/// The text with each hazard replaced by as many `?` as it has bytes, for source excerpts: byte
/// offsets into the text stay where they were, so labels still point at the right place.
pub fn masked(text: &str) -> Cow<'_, str> {
    if !holds_hazard(text) {
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
        // The byte scan finds exactly the characters `is_hazard` names, among every character
        // of the Basic Multilingual Plane and some beyond.
        for c in (0..0x1_0000u32)
            .chain(0x1_f000..0x1_f100)
            .filter_map(char::from_u32)
        {
            let text = format!("锅{c}炉");
            assert_eq!(holds_hazard(&text), is_hazard(c), "{c:?}");
        }
    }
}
