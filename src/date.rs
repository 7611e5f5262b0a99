//! Partial dates: a year, a month of a year, or a day, with their spans.
//!
//! A dataset date is an ISO 8601 prefix whose length is its precision; a
//! partial date stands for the whole interval it names, so `2017` overlaps
//! `2017-09-09` and comparisons work on first/last days.

use std::fmt;

/// How much of a date is known.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A calendar day as (year, month, day); ordered chronologically.
pub type Day = (i32, u8, u8);

/// A date known to year, month or day precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Why a date string is not a valid partial date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("expected YYYY, YYYY-MM or YYYY-MM-DD, found \"{}\"", crate::sanitize::echo(.0))]
    Format(String),
    #[error("month {0} does not exist (expected 01-12)")]
    Month(u32),
    #[error("day {day} does not exist in {year}-{month:02} (it has {max} days)")]
    Day { year: i32, month: u8, day: u32, max: u8 },
}

/// How an event without a date is shown.
pub const UNDATED: &str = "undated";

/// English month names; index 0 is January.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The month (1-12) an English month name or its abbreviation names, in
/// any case: `September`, `sep`, `Sept.`. The one reader of month names:
/// queries, imported tables and prose share it.
pub fn month_named(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            let m = m.to_ascii_lowercase();
            m == w || (m.starts_with(&w) && (w.len() == 3 || w == "sept"))
        })
        .map(|i| i as u32 + 1)
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` (1-12) of `year`.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl PartialDate {
    /// Builds a date, checking that the month and day exist.
    pub fn new(year: i32, month: Option<u32>, day: Option<u32>) -> Result<Self, DateError> {
        let month = match month {
            Some(m @ 1..=12) => Some(m as u8),
            Some(m) => return Err(DateError::Month(m)),
            None => None,
        };
        let day = match (month, day) {
            (Some(m), Some(d)) => {
                let max = days_in_month(year, m);
                if d == 0 || d > u32::from(max) {
                    return Err(DateError::Day {
                        year,
                        month: m,
                        day: d,
                        max,
                    });
                }
                Some(d as u8)
            }
            (None, Some(_)) => unreachable!("callers never give a day without a month"),
            (_, None) => None,
        };
        Ok(PartialDate { year, month, day })
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` exactly.
    pub fn parse(s: &str) -> Result<Self, DateError> {
        let bad = || DateError::Format(s.to_string());
        let parts: Vec<&str> = s.split('-').collect();
        let widths: Vec<usize> = parts.iter().map(|p| p.len()).collect();
        if !matches!(widths.as_slice(), [4] | [4, 2] | [4, 2, 2])
            || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(bad());
        }
        let num = |i: usize| parts.get(i).map(|p| p.parse::<u32>().expect("digits checked"));
        let year = num(0).expect("one part at least") as i32;
        PartialDate::new(year, num(1), num(2))
    }

    /// Whether [`PartialDate::new`] would make this date: one read back
    /// from a cache entry is checked before it is formatted.
    pub fn is_sound(&self) -> bool {
        let (month, day) = (self.month.map(u32::from), self.day.map(u32::from));
        PartialDate::new(self.year, month, day).is_ok_and(|d| d == *self)
    }

    /// How much of the date is known.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// First day of the interval this date names.
    pub fn first_day(&self) -> Day {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// Last day of the interval this date names.
    pub fn last_day(&self) -> Day {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        (self.year, month, day)
    }

    /// Compact human form: `9 Sep 2017`, `May 2017`, `2012`.
    pub fn short(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", &MONTHS[m as usize - 1][..3], self.year),
            (Some(m), None) => format!("{} {}", &MONTHS[m as usize - 1][..3], self.year),
            _ => self.year.to_string(),
        }
    }

    /// Full human form: `9 September 2017`, `May 2017`, `2012`.
    pub fn long(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[m as usize - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[m as usize - 1], self.year),
            _ => self.year.to_string(),
        }
    }
}

impl fmt::Display for PartialDate {
    /// The ISO prefix form the dataset uses.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// A closed interval of days, from a date and an optional end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Span {
    pub start: PartialDate,
    pub end: Option<PartialDate>,
}

impl Span {
    /// First day covered.
    pub fn first_day(&self) -> Day {
        self.start.first_day()
    }

    /// Last day covered.
    pub fn last_day(&self) -> Day {
        self.end.unwrap_or(self.start).last_day()
    }

    /// Whether the two intervals share at least one day.
    pub fn overlaps(&self, first: Day, last: Day) -> bool {
        self.first_day() <= last && first <= self.last_day()
    }

    /// Compact human form; spans print as `8–10 Sep 2017` or `2012–2015`.
    pub fn short(&self) -> String {
        let Some(end) = self.end else {
            return self.start.short();
        };
        let s = self.start;
        match (s.day, end.day) {
            (Some(d1), Some(d2)) if s.year == end.year && s.month == end.month => {
                let month = &MONTHS[end.month.unwrap_or(1) as usize - 1][..3];
                format!("{d1}–{d2} {month} {}", end.year)
            }
            _ => format!("{}–{}", s.short(), end.short()),
        }
    }

    /// Full human form with the precision spelled out where it helps.
    pub fn long(&self) -> String {
        match self.end {
            Some(end) => format!("{} – {}", self.start.long(), end.long()),
            None => self.start.long(),
        }
    }
}

/// The one chronological order of events, given their spans: by first day,
/// then by last day (a day before the span that starts on it), then in
/// the order given; undated events last. Every list, the CLI and exports
/// use it, so they agree on undated and same-day events.
pub fn chronological(spans: &[Option<Span>]) -> Vec<usize> {
    use rayon::prelude::*;
    // Keys worked out once, not at each of n log n comparisons; the index
    // ends each key, so an unstable sort keeps the given order of equals.
    let mut keys: Vec<_> = spans
        .par_iter()
        .enumerate()
        .map(|(i, span)| (span.is_none(), span.map(|s| (s.first_day(), s.last_day())), i))
        .collect();
    keys.par_sort_unstable();
    keys.into_iter().map(|(_, _, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(PartialDate::parse("2012").unwrap().precision(), Precision::Year);
        assert_eq!(
            PartialDate::parse("2017-05").unwrap().precision(),
            Precision::Month
        );
        let d = PartialDate::parse("2017-09-09").unwrap();
        assert_eq!(d.precision(), Precision::Day);
        assert_eq!(d.to_string(), "2017-09-09");
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(PartialDate::parse("2017-13"), Err(DateError::Month(13)));
        assert!(matches!(
            PartialDate::parse("2017-02-30"),
            Err(DateError::Day { day: 30, max: 28, .. })
        ));
        assert!(PartialDate::parse("2016-02-29").is_ok());
        assert!(PartialDate::parse("1900-02-29").is_err());
        for bad in [
            "",
            "17",
            "2017-9",
            "2017-09-9",
            "2017/09",
            "20x7",
            "2017-09-09T00",
        ] {
            assert!(
                matches!(PartialDate::parse(bad), Err(DateError::Format(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn human_forms() {
        let d = PartialDate::parse("2017-09-09").unwrap();
        assert_eq!(d.short(), "9 Sep 2017");
        assert_eq!(d.long(), "9 September 2017");
        assert_eq!(PartialDate::parse("2017-05").unwrap().short(), "May 2017");
        let span = Span {
            start: PartialDate::parse("2017-09-08").unwrap(),
            end: Some(PartialDate::parse("2017-09-10").unwrap()),
        };
        assert_eq!(span.short(), "8–10 Sep 2017");
    }

    #[test]
    fn partial_dates_cover_their_interval() {
        let year = Span {
            start: PartialDate::parse("2017").unwrap(),
            end: None,
        };
        assert!(year.overlaps((2017, 9, 1), (2017, 9, 30)));
        assert!(!year.overlaps((2018, 1, 1), (2018, 12, 31)));
        assert_eq!(PartialDate::parse("2016-02").unwrap().last_day(), (2016, 2, 29));
    }
}
