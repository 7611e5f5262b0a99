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
        let month = |m: u8| (1..=12).contains(&m);
        match (self.month, self.day) {
            (None, None) => true,
            (Some(m), None) => month(m),
            (Some(m), Some(d)) => month(m) && (1..=days_in_month(self.year, m)).contains(&d),
            (None, Some(_)) => false,
        }
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

/// An event's dates, or none, in 12 bytes: the lists keep them so for
/// every event, and a cache entry stores them so, to be read back as a
/// copy. Decoding an `Option<Span>` each took 25 ms at a million events.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Dates {
    start: i32,
    end: i32,
    /// Whether there are dates and an end, then the start's month and
    /// day and the end's, 0 for none (see [`Dates::FIELDS`]).
    parts: u32,
}

impl Dates {
    /// Bit offset and width of: dated, has an end, start month, start
    /// day, end month, end day. Wide enough for any sound date.
    const FIELDS: [(u32, u32); 6] = [(0, 1), (1, 1), (2, 4), (6, 5), (11, 4), (16, 5)];

    /// `span` packed; a sound span is given back whole by [`Dates::span`].
    pub fn of(span: Option<Span>) -> Dates {
        let Some(Span { start, end }) = span else {
            return Dates::default();
        };
        let end_date = end.unwrap_or(start);
        let values = [
            1,
            u32::from(end.is_some()),
            u32::from(start.month.unwrap_or(0)),
            u32::from(start.day.unwrap_or(0)),
            u32::from(end_date.month.unwrap_or(0)),
            u32::from(end_date.day.unwrap_or(0)),
        ];
        let parts = (Dates::FIELDS.iter().zip(values))
            .map(|(&(at, bits), v)| (v & ((1 << bits) - 1)) << at)
            .fold(0, |all, v| all | v);
        Dates {
            start: start.year,
            end: end_date.year,
            parts,
        }
    }

    /// The span packed, if any.
    pub fn span(self) -> Option<Span> {
        let field = |i: usize| {
            let (at, bits) = Dates::FIELDS[i];
            (self.parts >> at) & ((1 << bits) - 1)
        };
        let part = |i: usize| u8::try_from(field(i)).ok().filter(|&v| v > 0);
        if field(0) == 0 {
            return None;
        }
        let start = PartialDate {
            year: self.start,
            month: part(2),
            day: part(3),
        };
        let end = (field(1) == 1).then_some(PartialDate {
            year: self.end,
            month: part(4),
            day: part(5),
        });
        Some(Span { start, end })
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

    /// Exactly the dates `new` makes are sound; a day without a month
    /// (which `new` is never asked for) is not.
    #[test]
    fn sound_dates_are_those_new_makes() {
        for year in [1900, 2000, 2016, 2017] {
            for month in (0..16).map(Some).chain([None]) {
                for day in (0..33).map(Some).chain([None]) {
                    let date = PartialDate { year, month, day };
                    let made = month.is_some() || day.is_none();
                    let made = made
                        && PartialDate::new(year, month.map(u32::from), day.map(u32::from))
                            .is_ok_and(|d| d == date);
                    assert_eq!(date.is_sound(), made, "{date:?}");
                }
            }
        }
    }

    #[test]
    fn dates_give_back_the_span_they_were_made_of() {
        let date = |s: &str| PartialDate::parse(s).unwrap();
        let extreme = |year, month, day| PartialDate::new(year, month, day).unwrap();
        let spans = [
            None,
            Some(Span {
                start: date("2017"),
                end: None,
            }),
            Some(Span {
                start: date("0044-03-15"),
                end: Some(date("2017-12-31")),
            }),
            Some(Span {
                start: date("2017-02"),
                end: Some(date("2018")),
            }),
            Some(Span {
                start: extreme(i32::MIN, Some(12), Some(31)),
                end: Some(extreme(i32::MAX, Some(9), None)),
            }),
        ];
        for span in spans {
            assert_eq!(Dates::of(span).span(), span, "{span:?}");
        }
        assert_ne!(Dates::of(spans[1]), Dates::of(spans[0]));
    }

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
