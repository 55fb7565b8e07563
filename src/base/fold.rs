//! Meaning-preserving text normalisation: full-width forms, whitespace, and Traditional vs
//! Simplified character variants, so quotes, enum labels and units match however typed.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Maps a full-width ASCII form (and the ideographic space) to its half-width character.
pub fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

type Converter = OnceLock<Option<ferrous_opencc::OpenCC>>;

/// An OpenCC converter built once, on first use; `None` if its tables cannot be loaded.
fn built_once(
    cell: &'static Converter,
    config: ferrous_opencc::config::BuiltinConfig,
) -> Option<&'static ferrous_opencc::OpenCC> {
    cell.get_or_init(|| ferrous_opencc::OpenCC::from_config(config).ok())
        .as_ref()
}

fn converter() -> Option<&'static ferrous_opencc::OpenCC> {
    static CONVERTER: Converter = OnceLock::new();
    built_once(&CONVERTER, ferrous_opencc::config::BuiltinConfig::T2s)
}

fn to_traditional_converter() -> Option<&'static ferrous_opencc::OpenCC> {
    static CONVERTER: Converter = OnceLock::new();
    built_once(&CONVERTER, ferrous_opencc::config::BuiltinConfig::S2tw)
}

/// Text in Simplified characters, converted by phrase with OpenCC's tables (for reading, not for
/// comparing: positions may move). ASCII text is returned as it is, without work.
pub fn to_simplified(text: &str) -> Cow<'_, str> {
    convert_with(converter(), text)
}

/// Text in Traditional characters as Taiwan writes them (審核, not 審覈), without changing the
/// vocabulary.
pub fn to_traditional(text: &str) -> Cow<'_, str> {
    convert_with(to_traditional_converter(), text)
}

fn convert_with<'a>(converter: Option<&ferrous_opencc::OpenCC>, text: &'a str) -> Cow<'a, str> {
    match converter {
        Some(cc) if !text.is_ascii() => {
            let converted = cc.convert(text);
            if converted == text {
                Cow::Borrowed(text)
            } else {
                Cow::Owned(converted)
            }
        }
        _ => Cow::Borrowed(text),
    }
}

/// The Simplified form of one character, from OpenCC's character table. Converting character by
/// character keeps positions one-to-one, which the quote checker needs to point into the text.
pub fn simplified(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    // Each thread keeps its own cache: no lock on a path every scalar of a batch takes. The
    // Basic Multilingual Plane, where all common Chinese characters are, is a table indexed by
    // the character (0 for not known yet: ASCII never gets here), so a character read again
    // costs an index, not a hash; the planes beyond it share a map.
    thread_local! {
        static PLANE: RefCell<Vec<u16>> = const { RefCell::new(Vec::new()) };
        static CACHE: RefCell<HashMap<char, char>> = RefCell::new(HashMap::new());
    }
    let code = c as u32;
    if code <= 0xFFFF {
        let known = PLANE.with(|plane| plane.borrow().get(code as usize).copied().unwrap_or(0));
        if known != 0 {
            return char::from_u32(u32::from(known)).unwrap_or(c);
        }
    } else if let Some(known) = CACHE.with(|cache| cache.borrow().get(&c).copied()) {
        return known;
    }
    let converted = converter()
        .map(|cc| cc.convert(c.encode_utf8(&mut [0; 4])))
        .and_then(|s| {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(one), None) => Some(one),
                _ => None,
            }
        })
        .unwrap_or(c);
    match u16::try_from(converted as u32) {
        Ok(short) if code <= 0xFFFF && !(0xD800..=0xDFFF).contains(&short) => {
            PLANE.with(|plane| {
                let mut plane = plane.borrow_mut();
                if plane.is_empty() {
                    plane.resize(0x1_0000, 0);
                }
                plane[code as usize] = short;
            });
        }
        _ => {
            CACHE.with(|cache| cache.borrow_mut().insert(c, converted));
        }
    }
    converted
}

/// One character in its comparison form, or `None` for whitespace, which never counts.
pub fn fold_char(c: char) -> Option<char> {
    let c = half_width(c);
    if c.is_whitespace() {
        return None;
    }
    Some(simplified(c))
}

/// A string in its comparison form: half-width, no whitespace, Simplified, lowercase ASCII.
pub fn fold(text: &str) -> String {
    text.chars()
        .filter_map(fold_char)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Normalised text that remembers where each character came from in the original.
pub struct FoldedText {
    pub chars: Vec<char>,
    /// The byte offset in the original text of each folded character.
    pub offsets: Vec<usize>,
}

impl FoldedText {
    pub fn new(text: &str) -> Self {
        let mut chars = Vec::with_capacity(text.len() / 2);
        let mut offsets = Vec::with_capacity(text.len() / 2);
        for (offset, c) in text.char_indices() {
            if let Some(folded) = fold_char(c) {
                chars.push(folded);
                offsets.push(offset);
            }
        }
        FoldedText { chars, offsets }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_widths_fold_together() {
        assert_eq!(fold("蒸噸/小時"), fold("蒸吨/小时"));
        assert_eq!(fold("關于"), fold("关於"));
        assert_eq!(fold("(責任單位:市發改委)"), fold("（责任单位：市发改委）"));
        assert_eq!(fold("３５ t / h"), "35t/h");
    }

    #[test]
    fn a_character_read_again_is_simplified_as_the_first_time() {
        // The first reading fills the thread's table; the second is answered from it.
        let traditional = "鍋爐噸時關於責任單位發改委锅炉𠀋𪚥";
        let first: String = traditional.chars().map(simplified).collect();
        let again: String = traditional.chars().map(simplified).collect();
        assert_eq!(first, again);
        assert!(
            first.starts_with("锅炉吨时关于责任单位发改委锅炉"),
            "{first}"
        );
        // A fresh thread, whose table is empty, agrees.
        let fresh =
            std::thread::spawn(move || traditional.chars().map(simplified).collect::<String>())
                .join()
                .expect("the thread runs");
        assert_eq!(fresh, first);
    }
}
