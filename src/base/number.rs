//! Exact rational numbers, so that `24.5 MW` is exactly `35 t/h` and boundaries never blur.

use std::cmp::Ordering;
use std::fmt;

/// A reduced fraction with a positive denominator. Operations that would overflow return `None`.
///
/// Both parts are 64-bit so that a value is 16 bytes (documents hold many); arithmetic runs in
/// 128 bits and is reduced back, so no intermediate result can overflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Number {
    num: i64,
    den: i64,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

impl Number {
    pub const ZERO: Number = Number { num: 0, den: 1 };
    pub const ONE: Number = Number { num: 1, den: 1 };

    pub fn new(num: i128, den: i128) -> Option<Number> {
        if den == 0 {
            return None;
        }
        let g = gcd(num, den);
        let sign = if den < 0 { -1 } else { 1 };
        Some(Number {
            num: i64::try_from(sign * (num / g)).ok()?,
            den: i64::try_from(sign * (den / g)).ok()?,
        })
    }

    pub fn from_int(value: i64) -> Number {
        Number { num: value, den: 1 }
    }

    /// Parses `35`, `-1.5`, `0.70`; at most 18 digits so the value always fits.
    pub fn parse_decimal(text: &str) -> Option<Number> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        if whole.is_empty() && fraction.is_empty()
            || !whole
                .chars()
                .chain(fraction.chars())
                .all(|c| c.is_ascii_digit())
            || whole.len() + fraction.len() > 18
        {
            return None;
        }
        let mut num: i128 = 0;
        for c in whole.chars().chain(fraction.chars()) {
            num = num * 10 + (c as i128 - '0' as i128);
        }
        let den = 10i128.pow(fraction.len() as u32);
        Number::new(if negative { -num } else { num }, den)
    }

    pub fn is_integer(self) -> bool {
        self.den == 1
    }

    pub fn is_zero(self) -> bool {
        self.num == 0
    }

    fn wide(self) -> (i128, i128) {
        (self.num as i128, self.den as i128)
    }

    pub fn checked_add(self, other: Number) -> Option<Number> {
        let ((a, b), (c, d)) = (self.wide(), other.wide());
        Number::new(a * d + c * b, b * d)
    }

    pub fn checked_sub(self, other: Number) -> Option<Number> {
        let ((a, b), (c, d)) = (self.wide(), other.wide());
        Number::new(a * d - c * b, b * d)
    }

    pub fn checked_mul(self, other: Number) -> Option<Number> {
        let ((a, b), (c, d)) = (self.wide(), other.wide());
        Number::new(a * c, b * d)
    }

    pub fn checked_div(self, other: Number) -> Option<Number> {
        let ((a, b), (c, d)) = (self.wide(), other.wide());
        Number::new(a * d, b * c)
    }

    /// The negative; `i64::MIN` has none and saturates.
    pub fn negated(self) -> Number {
        Number {
            num: self.num.saturating_neg(),
            den: self.den,
        }
    }

    pub fn to_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }
}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Number {
    fn cmp(&self, other: &Self) -> Ordering {
        // Products of two 64-bit values always fit in 128 bits.
        let ((a, b), (c, d)) = (self.wide(), other.wide());
        (a * d).cmp(&(c * b))
    }
}

impl fmt::Display for Number {
    /// Exact decimals are printed exactly; others with up to four decimal places.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den == 1 {
            return write!(f, "{}", self.num);
        }
        let mut den = self.den;
        let mut places = 0u32;
        while den % 10 == 0 || den % 2 == 0 || den % 5 == 0 {
            if den % 10 == 0 {
                den /= 10;
            } else if den % 2 == 0 {
                den /= 2;
            } else {
                den /= 5;
            }
            places += 1;
            if den == 1 {
                break;
            }
        }
        let places = if den == 1 { places.min(12) } else { 4 };
        let text = format!("{:.*}", places as usize, self.to_f64());
        let text = if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            text
        };
        f.write_str(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions_are_exact() {
        let mw = Number::parse_decimal("24.5").unwrap();
        let factor = Number::parse_decimal("0.7").unwrap();
        assert_eq!(mw.checked_div(factor), Some(Number::from_int(35)));
    }

    #[test]
    fn parses_and_prints() {
        assert_eq!(Number::parse_decimal("1.50").unwrap().to_string(), "1.5");
        assert_eq!(Number::parse_decimal("-3").unwrap().to_string(), "-3");
        assert_eq!(Number::new(1, 3).unwrap().to_string(), "0.3333");
        assert!(Number::parse_decimal("1e5").is_none());
        assert!(Number::parse_decimal(".").is_none());
        assert!(Number::parse_decimal("35.1").unwrap() > Number::from_int(35));
    }
}
