//! Calendar dates: parsing `2025-12-31` and `2025年12月31日`, ordering, days since 1970.

use std::fmt;

/// A day of the proleptic Gregorian calendar.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        (1..=9999)
            .contains(&year)
            .then_some(())
            .filter(|_| (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .map(|_| Date { year, month, day })
    }

    /// Parses `2025-12-31`, or `2025年12月31日` (digits may be full-width).
    pub fn parse(text: &str) -> Option<Date> {
        let text: String = text
            .trim()
            .chars()
            .map(crate::base::fold::half_width)
            .collect();
        // One separator throughout: `2025-6-1`, `2025.6.1`, `2025/6/1`, or `2025年6月1日`.
        let parts: Vec<&str> = if let Some(rest) = text.strip_suffix('日') {
            rest.split(['年', '月']).collect()
        } else {
            let separator = ['-', '.', '/']
                .into_iter()
                .find(|s| text.contains(*s))
                .unwrap_or('-');
            text.split(separator).collect()
        };
        let [year, month, day] = parts.as_slice() else {
            return None;
        };
        if year.len() != 4 || month.is_empty() || month.len() > 2 || day.is_empty() || day.len() > 2
        {
            return None;
        }
        if !year
            .chars()
            .chain(month.chars())
            .chain(day.chars())
            .all(|c| c.is_ascii_digit())
        {
            return None;
        }
        Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    pub fn days_since_epoch(self) -> i64 {
        let y = self.year as i64 - if self.month <= 2 { 1 } else { 0 };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + if month <= 2 { 1 } else { 0 }) as i32;
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_forms_and_rejects_impossible_days() {
        assert_eq!(Date::parse("2025-12-31"), Date::new(2025, 12, 31));
        assert_eq!(Date::parse("2025年6月1日"), Date::new(2025, 6, 1));
        assert_eq!(Date::parse("２０２５年６月１日"), Date::new(2025, 6, 1));
        assert_eq!(Date::parse("2025-02-29"), None);
        assert_eq!(Date::parse("2024-02-29"), Date::new(2024, 2, 29));
        assert_eq!(Date::parse("2025年13月40日"), None);
        // Dots and slashes, as people write them; one separator per date.
        assert_eq!(Date::parse("2025.6.1"), Date::new(2025, 6, 1));
        assert_eq!(Date::parse("2025/6/1"), Date::new(2025, 6, 1));
        assert_eq!(Date::parse("2025-6-1"), Date::new(2025, 6, 1));
        assert_eq!(Date::parse("2025.6-1"), None);
    }

    #[test]
    fn epoch_days_round_trip() {
        for days in [-1000, 0, 19_000, 20_400, 100_000] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
    }
}
