//! National identifier standards and written patterns: whether a code is well formed, and if not,
//! which character is wrong and why.
//!
//! The engine knows national standards (they are the same for every plan); which field holds which
//! identifier is the plan's declaration (`identifier uscc "統一社會信用代碼" standard "GB 32100"`).

/// A national identifier standard the engine can check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Standard {
    /// 統一社會信用代碼 (GB 32100-2015): 18 characters ending in a check character.
    Gb32100,
    /// 排污許可證編號 (HJ 608-2017): the USCC, a 3-digit sequence and a letter.
    Hj608,
    /// 國民經濟行業分類代碼 (GB/T 4754-2017): a section letter and 2 to 4 digits.
    Gbt4754,
    /// 行政區劃代碼 (GB/T 2260): six digits, the first two a province.
    Gbt2260,
}

impl Standard {
    /// Every standard, as a plan names it.
    pub const ALL: [(&'static str, Standard); 4] = [
        ("GB 32100", Standard::Gb32100),
        ("HJ 608", Standard::Hj608),
        ("GB/T 4754", Standard::Gbt4754),
        ("GB/T 2260", Standard::Gbt2260),
    ];

    /// The standard a plan names, by its number (`GB 32100`, `GB/T 4754`; case and spaces aside).
    pub fn parse(name: &str) -> Option<Standard> {
        let squeeze = |s: &str| {
            s.chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .flat_map(char::to_uppercase)
                .collect::<String>()
        };
        let wanted = squeeze(name);
        Standard::ALL
            .iter()
            .find(|(n, _)| squeeze(n) == wanted)
            .map(|(_, s)| *s)
    }

    pub fn name(self) -> &'static str {
        Standard::ALL
            .iter()
            .find(|(_, s)| *s == self)
            .map_or("", |(n, _)| n)
    }
}

/// What is wrong with a code. Positions count characters from 1, as the standards do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Flaw {
    /// The code has `found` characters where the standard has `expected`.
    Length {
        found: usize,
        expected: &'static str,
    },
    /// The character at `position` is not one the standard allows there.
    Character {
        position: usize,
        found: char,
        allowed: &'static str,
    },
    /// The check character at `position` should be `expected`.
    Check {
        position: usize,
        found: char,
        expected: char,
    },
    /// Positions `from`–`to` name a division (GB/T 4754 section, GB/T 2260 province) that the
    /// standard does not have, or one that does not go with the letter before it.
    Division {
        from: usize,
        to: usize,
        found: String,
    },
    /// A GB/T 4754 code's section letter is not the section its division belongs to.
    Section {
        found: char,
        division: String,
        expected: char,
    },
}

/// The code as the standards read it: spaces and hyphens dropped, full-width forms made
/// half-width, letters upper-case. The value shown to people stays as it was written.
pub fn normalise(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '－')
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_uppercase)
        .collect()
}

/// Checks a code against a standard.
pub fn check(standard: Standard, code: &str) -> Result<(), Flaw> {
    let chars: Vec<char> = normalise(code).chars().collect();
    match standard {
        Standard::Gb32100 => uscc(&chars),
        Standard::Hj608 => permit(&chars),
        Standard::Gbt4754 => industry(&chars),
        Standard::Gbt2260 => division(&chars),
    }
}

/// GB 32100's 31 characters: digits and the capitals but I, O, S, V and Z.
const USCC_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

fn uscc(chars: &[char]) -> Result<(), Flaw> {
    if chars.len() != 18 {
        return Err(Flaw::Length {
            found: chars.len(),
            expected: "18",
        });
    }
    let mut values = [0u32; 18];
    for (i, &c) in chars.iter().enumerate() {
        let Some(value) = USCC_ALPHABET.find(c) else {
            return Err(Flaw::Character {
                position: i + 1,
                found: c,
                allowed: "0-9, A-Y (not I, O, S, V, Z)",
            });
        };
        // Positions 3–8 are the registering authority's GB/T 2260 division: digits only.
        if (2..8).contains(&i) && !c.is_ascii_digit() {
            return Err(Flaw::Character {
                position: i + 1,
                found: c,
                allowed: "0-9",
            });
        }
        values[i] = value as u32;
    }
    // Positions 9–17 are the GB 11714 organisation code, whose last character checks the
    // eight before it with its own weights (A = 10 … Z = 35).
    let organisation: u32 = chars[8..16]
        .iter()
        .zip([3, 7, 9, 10, 5, 8, 4, 2])
        .map(|(c, w)| c.to_digit(36).unwrap_or(0) * w)
        .sum();
    let inner = match 11 - organisation % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10).unwrap_or('0'),
    };
    if chars[16] != inner {
        return Err(Flaw::Check {
            position: 17,
            found: chars[16],
            expected: inner,
        });
    }
    // Position 18 checks the seventeen before it: weights 3^(i-1) mod 31.
    let mut weight = 1;
    let mut sum = 0;
    for value in &values[..17] {
        sum += value * weight;
        weight = weight * 3 % 31;
    }
    let check = (31 - sum % 31) % 31;
    let expected = USCC_ALPHABET.chars().nth(check as usize).unwrap_or('0');
    if chars[17] != expected {
        return Err(Flaw::Check {
            position: 18,
            found: chars[17],
            expected,
        });
    }
    Ok(())
}

fn permit(chars: &[char]) -> Result<(), Flaw> {
    if chars.len() != 22 {
        return Err(Flaw::Length {
            found: chars.len(),
            expected: "22",
        });
    }
    uscc(&chars[..18])?;
    for (i, &c) in chars.iter().enumerate().skip(18) {
        let fits = if i < 21 {
            c.is_ascii_digit()
        } else {
            c.is_ascii_uppercase()
        };
        if !fits {
            return Err(Flaw::Character {
                position: i + 1,
                found: c,
                allowed: if i < 21 { "0-9" } else { "A-Z" },
            });
        }
    }
    Ok(())
}

/// GB/T 4754-2017's sections and the divisions (first two digits) each holds.
const SECTIONS: [(char, u32, u32); 20] = [
    ('A', 1, 5),
    ('B', 6, 12),
    ('C', 13, 43),
    ('D', 44, 46),
    ('E', 47, 50),
    ('F', 51, 52),
    ('G', 53, 60),
    ('H', 61, 62),
    ('I', 63, 65),
    ('J', 66, 69),
    ('K', 70, 70),
    ('L', 71, 72),
    ('M', 73, 75),
    ('N', 76, 79),
    ('O', 80, 82),
    ('P', 83, 83),
    ('Q', 84, 85),
    ('R', 86, 90),
    ('S', 91, 96),
    ('T', 97, 97),
];

fn industry(chars: &[char]) -> Result<(), Flaw> {
    let letter = chars.first().filter(|c| c.is_ascii_alphabetic()).copied();
    let digits = &chars[usize::from(letter.is_some())..];
    if !(2..=4).contains(&digits.len()) {
        return Err(Flaw::Length {
            found: chars.len(),
            expected: "2-4 digits, after an optional section letter",
        });
    }
    let offset = usize::from(letter.is_some());
    if let Some((i, &c)) = digits.iter().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
        return Err(Flaw::Character {
            position: i + offset + 1,
            found: c,
            allowed: "0-9",
        });
    }
    let division: u32 = digits[..2].iter().collect::<String>().parse().unwrap_or(0);
    let section = SECTIONS
        .iter()
        .find(|(_, from, to)| (*from..=*to).contains(&division));
    if let (Some((expected, _, _)), Some(found)) = (section, letter)
        && *expected != found
    {
        return Err(Flaw::Section {
            found,
            division: digits[..2].iter().collect(),
            expected: *expected,
        });
    }
    if section.is_none() {
        let shown: String = chars[..offset + 2].iter().collect();
        return Err(Flaw::Division {
            from: 1,
            to: offset + 2,
            found: shown,
        });
    }
    Ok(())
}

/// GB/T 2260's provinces, autonomous regions, municipalities and SARs by their first two digits.
const PROVINCES: [u32; 34] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
];

fn division(chars: &[char]) -> Result<(), Flaw> {
    if chars.len() != 6 {
        return Err(Flaw::Length {
            found: chars.len(),
            expected: "6",
        });
    }
    if let Some((i, &c)) = chars.iter().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
        return Err(Flaw::Character {
            position: i + 1,
            found: c,
            allowed: "0-9",
        });
    }
    let province: u32 = chars[..2].iter().collect::<String>().parse().unwrap_or(0);
    if !PROVINCES.contains(&province) {
        return Err(Flaw::Division {
            from: 1,
            to: 2,
            found: chars[..2].iter().collect(),
        });
    }
    Ok(())
}

/// Whether a code has the shape of a pattern: `#` is a digit, `@` a capital letter, `*` one or
/// more of any characters, and every other character itself. Both sides are compared folded
/// (half-width, no spaces, Simplified, capitals), so `號` in a pattern matches `号` in a code;
/// other bracket styles are other patterns the plan lists.
pub fn matches_pattern(pattern: &str, code: &str) -> bool {
    let folded = |text: &str| -> Vec<char> {
        text.chars()
            .filter_map(crate::base::fold::fold_char)
            .flat_map(char::to_uppercase)
            .collect()
    };
    let (pattern, code) = (folded(pattern), folded(code));
    // reachable[j]: the pattern read so far can end just before code[j]. One row per pattern
    // character keeps the match linear in the code for each pattern character.
    let mut reachable = vec![false; code.len() + 1];
    reachable[0] = true;
    for p in &pattern {
        let mut next = vec![false; code.len() + 1];
        for j in 0..code.len() {
            // A `*` may go on consuming from where it already consumed one character.
            if !(reachable[j] || *p == '*' && next[j]) {
                continue;
            }
            let c = code[j];
            let fits = match p {
                '#' => c.is_ascii_digit(),
                '@' => c.is_ascii_uppercase(),
                '*' => true,
                other => c == *other,
            };
            if fits {
                next[j + 1] = true;
            }
        }
        reachable = next;
    }
    reachable[code.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_codes_pass() {
        assert_eq!(check(Standard::Gb32100, "91110000600037341L"), Ok(()));
        assert_eq!(check(Standard::Gb32100, "91130200699229617X"), Ok(()));
        assert_eq!(check(Standard::Gb32100, "9113 0200 6992 2961 7x"), Ok(()));
        assert_eq!(check(Standard::Hj608, "91130200699229617X001P"), Ok(()));
        assert_eq!(check(Standard::Gbt4754, "C3011"), Ok(()));
        assert_eq!(check(Standard::Gbt4754, "3011"), Ok(()));
        assert_eq!(check(Standard::Gbt2260, "421087"), Ok(()));
    }

    #[test]
    fn a_wrong_check_character_names_its_position() {
        assert_eq!(
            check(Standard::Gb32100, "91110000600037341M"),
            Err(Flaw::Check {
                position: 18,
                found: 'M',
                expected: 'L'
            })
        );
        assert_eq!(
            check(Standard::Gb32100, "911100006000373429"),
            Err(Flaw::Check {
                position: 17,
                found: '2',
                expected: '1'
            })
        );
        assert!(matches!(
            check(Standard::Hj608, "91130200699229617Y001P"),
            Err(Flaw::Check { position: 18, .. })
        ));
    }

    #[test]
    fn shapes_are_refused_with_the_place_that_is_wrong() {
        assert_eq!(
            check(Standard::Gb32100, "9111000060003734"),
            Err(Flaw::Length {
                found: 16,
                expected: "18"
            })
        );
        assert!(matches!(
            check(Standard::Gb32100, "91110000600O37341L"),
            Err(Flaw::Character {
                position: 12,
                found: 'O',
                ..
            })
        ));
        assert!(matches!(
            check(Standard::Hj608, "91130200699229617X01PP"),
            Err(Flaw::Character { position: 21, .. })
        ));
        assert_eq!(
            check(Standard::Gbt4754, "B3011"),
            Err(Flaw::Section {
                found: 'B',
                division: "30".to_string(),
                expected: 'C'
            })
        );
        assert!(matches!(
            check(Standard::Gbt4754, "9811"),
            Err(Flaw::Division { .. })
        ));
        assert!(matches!(
            check(Standard::Gbt2260, "991000"),
            Err(Flaw::Division { .. })
        ));
    }

    #[test]
    fn patterns_match_whole_codes() {
        let project = "####-######-##-##-######";
        assert!(matches_pattern(project, "2024-421087-30-03-012345"));
        assert!(!matches_pattern(project, "2024-421087-30-03-01234"));
        let approval = "*〔####〕*號";
        assert!(matches_pattern(approval, "荊環審〔2024〕12號"));
        assert!(matches_pattern(approval, "荆环审〔2024〕1号"));
        assert!(!matches_pattern(approval, "荊環審2024年12號"));
        assert!(matches_pattern("*", "x"));
        assert!(!matches_pattern("*", ""));
    }

    #[test]
    fn standards_are_named_as_written() {
        assert_eq!(Standard::parse("GB 32100"), Some(Standard::Gb32100));
        assert_eq!(Standard::parse("gb/t4754"), Some(Standard::Gbt4754));
        assert_eq!(Standard::parse("HJ 608-2017"), None);
    }
}
