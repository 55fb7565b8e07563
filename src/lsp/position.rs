//! Positions as the editor counts them (UTF-16 code units by default, UTF-8 bytes when agreed) to and from byte offsets, and file paths to and from `file:` URIs.

use lsp_types::{Position, Range, Uri};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// How the client counts characters within a line, agreed at initialisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// The position of a byte offset (clamped to the text, and to a character boundary).
pub fn position(text: &str, offset: usize, encoding: Encoding) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].matches('\n').count();
    let character: usize = text[line_start..offset]
        .chars()
        .map(|c| encoding.width(c))
        .sum();
    Position::new(
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(character).unwrap_or(u32::MAX),
    )
}

/// The byte offset of a position; a position past the end of its line is the line's end, one past
/// the last line is the end of the text.
pub fn offset(text: &str, position: Position, encoding: Encoding) -> usize {
    let mut line_start = 0;
    for _ in 0..position.line {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let mut counted = 0;
    for (i, c) in text[line_start..line_end].char_indices() {
        if counted >= position.character as usize {
            return line_start + i;
        }
        counted += encoding.width(c);
    }
    line_end
}

pub fn range(text: &str, start: usize, end: usize, encoding: Encoding) -> Range {
    Range::new(
        position(text, start, encoding),
        position(text, end, encoding),
    )
}

/// The `file:` URI of a path, every byte outside the unreserved set percent-encoded (a Chinese
/// folder name included).
pub fn uri_of(path: &Path) -> Uri {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut encoded = String::from("file://");
    if !text.starts_with('/') {
        encoded.push('/');
    }
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    Uri::from_str(&encoded).unwrap_or_else(|_| Uri::from_str("file:///").expect("a valid URI"))
}

/// The path of a `file:` URI; `None` for another scheme or a malformed escape.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let mut bytes = Vec::with_capacity(rest.len());
    let mut iter = rest.bytes();
    while let Some(byte) = iter.next() {
        if byte == b'%' {
            let high = (iter.next()? as char).to_digit(16)?;
            let low = (iter.next()? as char).to_digit(16)?;
            bytes.push(u8::try_from(high * 16 + low).ok()?);
        } else {
            bytes.push(byte);
        }
    }
    let text = String::from_utf8(bytes).ok()?;
    // `file:///C:/…` on Windows is the path `C:/…`.
    let text = match text.as_bytes() {
        [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() => text[1..].to_string(),
        _ => text,
    };
    Some(PathBuf::from(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_text_counts_differently_in_each_encoding() {
        let text = "rule R \"燃煤锅炉\" {\n  quote \"𠀀燃煤\" x\n}";
        let x = text.find(" x").expect("x") + 1;
        // `𠀀` is outside the basic plane: two UTF-16 units, four bytes.
        assert_eq!(position(text, x, Encoding::Utf16), Position::new(1, 15));
        assert_eq!(position(text, x, Encoding::Utf8), Position::new(1, 21));
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            assert_eq!(offset(text, position(text, x, encoding), encoding), x);
        }
        assert_eq!(
            offset(text, Position::new(9, 0), Encoding::Utf16),
            text.len()
        );
        assert_eq!(
            offset(text, Position::new(0, 99), Encoding::Utf16),
            text.find('\n').unwrap()
        );
    }

    #[test]
    fn paths_round_trip_through_uris() {
        let path = Path::new("/home/规则 folder/jingzhou-2024/energy.rules");
        let uri = uri_of(path);
        assert_eq!(
            uri.as_str(),
            "file:///home/%E8%A7%84%E5%88%99%20folder/jingzhou-2024/energy.rules"
        );
        assert_eq!(path_of(&uri).as_deref(), Some(path));
    }
}
