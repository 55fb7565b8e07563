//! Display width: how many terminal columns a text takes, CJK characters counting two.

/// The columns one character takes: two for East Asian wide and full-width characters (CJK
/// ideographs, kana, Hangul, full-width forms and punctuation), one otherwise.
pub fn char_width(c: char) -> usize {
    let wide = matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD);
    if wide { 2 } else { 1 }
}

/// The columns a text takes.
pub fn width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// The text followed by spaces up to `columns` display columns (none when it is already wider).
pub fn pad(text: &str, columns: usize) -> String {
    let mut out = text.to_string();
    out.extend(std::iter::repeat_n(
        ' ',
        columns.saturating_sub(width(text)),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_two_columns() {
        assert_eq!(width("clause"), 6);
        assert_eq!(width("条款"), 4);
        assert_eq!(width("違規，"), 6);
        assert_eq!(pad("条款", 6), "条款  ");
        assert_eq!(pad("clause", 4), "clause");
    }
}
