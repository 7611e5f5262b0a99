//! Dates written in prose: "9 September 2017", "September 2017", "in 2012",
//! "the 1990s", "8–10 September 2017", each found with the precision the
//! text gives it and never more.
//!
//! The text is cut into tokens (numbers, words, punctuation) and the
//! patterns are tried longest first at each token, so "8-10 September 2017"
//! is one range rather than a day and a bare "10". A day written without
//! its year ("on 9th of September") takes the nearest year written before
//! it in the same text, else the caller's default (the document's date),
//! else the first year after it: articles usually state the year first and
//! then drop it. With no year anywhere the phrase is not a date.

use std::ops::Range;

use crate::date::{PartialDate, Precision};

/// A date found in prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Byte offsets of the phrase in the text (always on char boundaries).
    pub span: (usize, usize),
    pub start: PartialDate,
    /// The last day, month or year of a range, at the start's precision.
    pub end: Option<PartialDate>,
}

impl Found {
    pub fn precision(&self) -> Precision {
        self.start.precision()
    }

    pub fn range(&self) -> Range<usize> {
        self.span.0..self.span.1
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Number(u32),
    Word,
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

/// A match before its year is known: `year: None` waits for the context.
struct Pending {
    span: (usize, usize),
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    end: Option<(Option<i32>, Option<u32>, Option<u32>)>,
}

/// Years a bare number may be: wider numbers are amounts, not years.
const YEARS: std::ops::RangeInclusive<u32> = 1000..=2100;

/// Words after which a four-digit number is a year even when a lowercase
/// noun follows ("in 2015 talks").
const YEAR_LEADS: [&str; 10] = [
    "in", "since", "by", "until", "till", "from", "of", "year", "around", "during",
];

/// Lowercase words that may follow a year in a sentence; any other
/// lowercase word makes the number a count ("2000 people").
const AFTER_YEAR: [&str; 24] = [
    "and", "or", "but", "with", "upon", "to", "in", "on", "at", "by", "for", "from", "when", "while", "as",
    "after", "before", "until", "which", "that", "where", "the", "was", "were",
];

/// Finds every date in `text`, in order. `default_year` completes a day
/// written without its year when the text before it names none.
pub fn find(text: &str, default_year: Option<i32>) -> Vec<Found> {
    let tokens = tokenize(text);
    let mut pending = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match try_at(text, &tokens, i) {
            Some((found, used)) => {
                pending.push(found);
                i += used;
            }
            None => i += 1,
        }
    }
    resolve(pending, default_year)
}

/// The most salient date of a text: the first of those with the highest
/// precision, since a text that names a day is usually about that day and
/// mentions coarser dates as background.
pub fn salient(text: &str, default_year: Option<i32>) -> Option<Found> {
    most_salient(&find(text, default_year))
}

/// The first of the most precise of dates already found.
pub fn most_salient(found: &[Found]) -> Option<Found> {
    let best = found.iter().map(Found::precision).max()?;
    found.iter().find(|f| f.precision() == best).copied()
}

fn resolve(pending: Vec<Pending>, default_year: Option<i32>) -> Vec<Found> {
    let known: Vec<(usize, i32)> = pending
        .iter()
        .filter_map(|p| p.year.map(|y| (p.span.0, y)))
        .collect();
    pending
        .into_iter()
        .filter_map(|p| {
            let year = p.year.or_else(|| {
                let before = known.iter().rev().find(|(at, _)| *at < p.span.0).map(|k| k.1);
                let after = known.iter().find(|(at, _)| *at > p.span.0).map(|k| k.1);
                before.or(default_year).or(after)
            })?;
            let start = PartialDate::new(year, p.month, p.day).ok()?;
            let end = match p.end {
                Some((y, m, d)) => {
                    let end = PartialDate::new(y.unwrap_or(year), m, d).ok()?;
                    (end.first_day() > start.first_day()).then_some(end)?;
                    Some(end)
                }
                None => None,
            };
            Some(Found {
                span: p.span,
                start,
                end,
            })
        })
        .collect()
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let mut end = start + c.len_utf8();
        let kind = if c.is_ascii_digit() {
            let mut digits = String::from(c);
            while let Some(&(at, d)) = chars.peek().filter(|(_, d)| d.is_ascii_digit()) {
                digits.push(d);
                end = at + 1;
                chars.next();
            }
            // Nine digits or more cannot be a date part; u32::MAX marks them.
            Kind::Number(digits.parse().unwrap_or(u32::MAX))
        } else if c.is_alphabetic() {
            while let Some(&(at, l)) = chars.peek().filter(|(_, l)| l.is_alphabetic()) {
                end = at + l.len_utf8();
                chars.next();
            }
            Kind::Word
        } else if c.is_whitespace() {
            continue;
        } else {
            Kind::Punct(c)
        };
        tokens.push(Token { kind, start, end });
    }
    tokens
}

/// The month a word names: full English names and the usual abbreviations,
/// capitalised only, so that "may" the verb is not a month.
pub fn month(word: &str) -> Option<u32> {
    const SHORT: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    crate::date::MONTHS
        .iter()
        .position(|m| *m == word)
        .or_else(|| SHORT.iter().position(|m| *m == word))
        .or_else(|| (word == "Sept").then_some(8))
        .map(|i| i as u32 + 1)
}

/// Reads tokens from one position; every accessor answers `None` past the
/// end, so patterns are plain `?` chains and cannot index out of bounds.
struct Cursor<'a> {
    text: &'a str,
    tokens: &'a [Token],
}

impl Cursor<'_> {
    fn number(&self, i: usize, digits: Range<usize>) -> Option<u32> {
        let t = self.tokens.get(i)?;
        match t.kind {
            Kind::Number(n) if digits.contains(&(t.end - t.start)) => Some(n),
            _ => None,
        }
    }

    fn year(&self, i: usize) -> Option<i32> {
        self.number(i, 4..5)
            .filter(|n| YEARS.contains(n))
            .map(|n| n as i32)
    }

    fn day(&self, i: usize) -> Option<u32> {
        self.number(i, 1..3).filter(|n| (1..=31).contains(n))
    }

    fn word(&self, i: usize) -> Option<&str> {
        let t = self.tokens.get(i)?;
        (t.kind == Kind::Word).then(|| &self.text[t.start..t.end])
    }

    fn month(&self, i: usize) -> Option<u32> {
        month(self.word(i)?)
    }

    fn punct(&self, i: usize, set: &[char]) -> bool {
        matches!(self.tokens.get(i), Some(Token { kind: Kind::Punct(c), .. }) if set.contains(c))
    }

    /// Whether tokens `i` and `i + 1` touch, with no space between.
    fn glued(&self, i: usize) -> bool {
        matches!((self.tokens.get(i), self.tokens.get(i + 1)), (Some(a), Some(b)) if a.end == b.start)
    }

    /// A day written with an ordinal suffix ("9th") or without.
    fn ordinal_day(&self, i: usize) -> Option<(u32, usize)> {
        let day = self.day(i)?;
        let suffix = self
            .word(i + 1)
            .filter(|w| self.glued(i) && matches!(*w, "st" | "nd" | "rd" | "th"));
        Some((day, if suffix.is_some() { 2 } else { 1 }))
    }

    /// A month optionally followed by a full stop ("Sept."), then `after`.
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        let m = self.month(i)?;
        Some((
            m,
            if self.punct(i + 1, &['.']) && self.glued(i) {
                2
            } else {
                1
            },
        ))
    }

    fn span(&self, from: usize, used: usize) -> (usize, usize) {
        (self.tokens[from].start, self.tokens[from + used - 1].end)
    }

    /// Whether the number at `i` is part of a wider figure: "2,000",
    /// "$2017", "1.5", "2017%".
    fn in_figure(&self, i: usize) -> bool {
        let before = i
            .checked_sub(1)
            .is_some_and(|b| self.punct(b, &['$', '€', '£', '.', ',', '/', '#']) && self.glued(b));
        let after = self.glued(i)
            && (self.punct(i + 1, &['%', '/'])
                || (self.punct(i + 1, &[',', '.'])
                    && self.glued(i + 1)
                    && self.number(i + 2, 1..9).is_some()));
        before || after || self.word(i + 1).is_some_and(|_| self.glued(i))
    }
}

/// A phrase recogniser: what it found at a token and how many tokens it used.
type Pattern = fn(&Cursor, usize) -> Option<(Pending, usize)>;

const DASHES: [char; 3] = ['-', '–', '—'];

fn try_at(text: &str, tokens: &[Token], i: usize) -> Option<(Pending, usize)> {
    let c = Cursor { text, tokens };
    let patterns: [Pattern; 9] = [
        iso,
        dotted,
        day_range,
        day_month,
        month_day_year,
        month_year,
        year_range,
        decade,
        bare_year,
    ];
    patterns.iter().find_map(|p| p(&c, i))
}

fn pending(
    c: &Cursor,
    i: usize,
    used: usize,
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
) -> (Pending, usize) {
    let found = Pending {
        span: c.span(i, used),
        year,
        month,
        day,
        end: None,
    };
    (found, used)
}

/// `2017-09-09`
fn iso(c: &Cursor, i: usize) -> Option<(Pending, usize)> {
    let year = c.year(i)?;
    let glued = (i..i + 4).all(|j| c.glued(j));
    let (month, day) = (c.number(i + 2, 2..3)?, c.number(i + 4, 2..3)?);
    (glued && c.punct(i + 1, &['-']) && c.punct(i + 3, &['-']))
        .then(|| pending(c, i, 5, Some(year), Some(month), Some(day)))
}

/// `13.09.2017`, day first as written in Europe.
fn dotted(c: &Cursor, i: usize) -> Option<(Pending, usize)> {
    let day = c.day(i)?;
    let month = c.number(i + 2, 1..3)?;
    let year = c.year(i + 4)?;
    let glued = (i..i + 4).all(|j| c.glued(j));
    (glued && c.punct(i + 1, &['.']) && c.punct(i + 3, &['.']))
        .then(|| pending(c, i, 5, Some(year), Some(month), Some(day)))
}

/// `8–10 September 2017`: the days of one month.
fn day_range(c: &Cursor, i: usize) -> Option<(Pending, usize)> {
    let first = c.day(i)?;
    if !c.punct(i + 1, &DASHES) {
        return None;
    }
    let last = c.day(i + 2)?;
    let (month, m_used) = c.month_at(i + 3)?;
    let year = c.year(i + 3 + m_used);
    let used = 3 + m_used + usize::from(year.is_some());
    let (mut found, used) = pending(c, i, used, year, Some(month), Some(first));
    found.end = Some((year, Some(month), Some(last)));
    Some((found, used))
}

/// `9 September 2017`, `9th of September`, `17th of August 2017`.
fn day_month(c: &Cursor, i: usize) -> Option<(Pending, usize)> {
    let (day, d_used) = c.ordinal_day(i)?;
    let of = usize::from(c.word(i + d_used) == Some("of"));
    let (month, m_used) = c.month_at(i + d_used + of)?;
    let at_year = i + d_used + of + m_used;
    let year = c.year(at_year).filter(|_| !c.in_figure(at_year));
    let used = d_used + of + m_used + usize::from(year.is_some());
    Some(pending(c, i, used, year, Some(month), Some(day)))
}

/// `September 9, 2017`: only with its year, since "September 11" alone
/// is as often a name as a date.
fn month_day_year(c: &Cursor, i: usize) -> Option<(Pending, usize)> {
    let (month, m_used) = c.month_at(i)?;
    let (day, d_used) = c.ordinal_day(i + m_used)?;
    let comma = usize::from(c.punct(i + m_used + d_used, &[',']));
    let year = c.year(i + m_used + d_used + comma)?;
    Some(pending(
        c,
        i,
        m_used + d_used + comma + 1,
        Some(year),
        Some(month),
        Some(day),
    ))
}

/// `September 2017`
fn month_year(c: &Cursor, i: usize) -> Option<(Pending, usize)> {
    let (month, m_used) = c.month_at(i)?;
    let year = c.year(i + m_used).filter(|_| !c.in_figure(i + m_used))?;
    Some(pending(c, i, m_used + 1, Some(year), Some(month), None))
}

/// `2012–2016`, a span of years.
fn year_range(c: &Cursor, i: usize) -> Option<(Pending, usize)> {
    let first = c.year(i)?;
    let last = c.year(i + 2)?;
    if !(c.punct(i + 1, &DASHES) && c.glued(i) && c.glued(i + 1)) || last <= first || c.in_figure(i + 2) {
        return None;
    }
    let (mut found, used) = pending(c, i, 3, Some(first), None, None);
    found.end = Some((Some(last), None, None));
    Some((found, used))
}

/// `the 1990s`: the decade as a span of years.
fn decade(c: &Cursor, i: usize) -> Option<(Pending, usize)> {
    let first = c.year(i).filter(|y| y % 10 == 0)?;
    if !(c.word(i + 1) == Some("s") && c.glued(i)) {
        return None;
    }
    let (mut found, used) = pending(c, i, 2, Some(first), None, None);
    found.end = Some((Some(first + 9), None, None));
    Some((found, used))
}

/// A year standing alone: `in 2012`, `since 2003`, `EXPO 2017`; not an
/// amount ("2,000", "$2017") nor a count ("2000 people").
fn bare_year(c: &Cursor, i: usize) -> Option<(Pending, usize)> {
    let year = c.year(i)?;
    if c.in_figure(i) {
        return None;
    }
    let led = i
        .checked_sub(1)
        .and_then(|p| c.word(p))
        .is_some_and(|w| YEAR_LEADS.contains(&w.to_lowercase().as_str()));
    let counted = c
        .word(i + 1)
        .is_some_and(|w| w.starts_with(char::is_lowercase) && !AFTER_YEAR.contains(&w));
    (led || !counted).then(|| pending(c, i, 1, Some(year), None, None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Each date found as (phrase, start, end).
    fn dates(text: &str, default_year: Option<i32>) -> Vec<(String, String, Option<String>)> {
        find(text, default_year)
            .into_iter()
            .map(|f| {
                (
                    text[f.range()].to_string(),
                    f.start.to_string(),
                    f.end.map(|e| e.to_string()),
                )
            })
            .collect()
    }

    fn one(text: &str) -> (String, Option<String>) {
        let found = dates(text, None);
        assert_eq!(found.len(), 1, "{text:?} gave {found:?}");
        (found[0].1.clone(), found[0].2.clone())
    }

    #[test]
    fn full_dates_in_every_written_order() {
        for text in [
            "on 2017-09-09 it",
            "on 9 September 2017 it",
            "on September 9, 2017 it",
            "on 9th of September 2017",
            "on 09.09.2017",
            "on Sept. 9, 2017",
        ] {
            assert_eq!(one(text), ("2017-09-09".into(), None), "{text}");
        }
    }

    #[test]
    fn coarser_dates_keep_their_precision() {
        assert_eq!(one("In May 2017, he"), ("2017-05".into(), None));
        assert_eq!(one("established in 2012."), ("2012".into(), None));
        assert_eq!(one("since 2003.[25]"), ("2003".into(), None));
        assert_eq!(one("In the 1990s, the"), ("1990".into(), Some("1999".into())));
        assert_eq!(one("the 2012–2016 plan"), ("2012".into(), Some("2016".into())));
    }

    #[test]
    fn ranges_of_days() {
        let range = ("2017-09-08".to_string(), Some("2017-09-10".to_string()));
        assert_eq!(one("between the dates 8-10 September 2017."), range);
        assert_eq!(one("between 8–10 September 2017"), range);
    }

    #[test]
    fn a_day_without_its_year_takes_the_year_before_it_else_the_default() {
        let text = "EXPO 2016, then on 10th of August it";
        assert_eq!(dates(text, Some(2017))[1].1, "2016-08-10");
        assert_eq!(
            dates("On 9th of September, since 2012", Some(2017))[0].1,
            "2017-09-09"
        );
        assert_eq!(dates("On 9th of September, since 2012", None)[0].1, "2012-09-09");
        assert_eq!(dates("On 9th of September", None), []);
    }

    #[test]
    fn amounts_and_counts_are_not_years() {
        for text in [
            "18 million people",
            "2,000 people",
            "13,000 students",
            "to 2000 people",
            "$2017 paid",
            "1.2017 units",
            "September 11 attacks",
            "2017% growth",
        ] {
            assert_eq!(dates(text, Some(2017)), [], "{text}");
        }
    }

    #[test]
    fn impossible_days_are_not_dates() {
        assert_eq!(dates("on 31 February 2017", None), []);
        assert_eq!(dates("on 2017-13-01", None), []);
    }

    #[test]
    fn salient_is_the_first_of_the_most_precise() {
        let text = "In 2012 it began; on 9 September 2017 and 10 September 2017 it ended.";
        assert_eq!(
            salient(text, None).map(|f| f.start.to_string()),
            Some("2017-09-09".into())
        );
        assert_eq!(salient("no date here", None), None);
    }

    proptest! {
        #[test]
        fn never_panics(text in any::<String>(), year in proptest::option::of(-5000i32..5000)) {
            for f in find(&text, year) {
                prop_assert!(text.is_char_boundary(f.span.0) && text.is_char_boundary(f.span.1));
            }
        }

        #[test]
        fn never_panics_on_date_like_text(text in "[0-9 .,–\\-a-zA-Z$%]{0,40}") {
            let _ = find(&text, Some(2017));
        }

        #[test]
        fn month_and_year_is_month_precision(m in 0usize..12, year in 1000i32..=2100, before in "[a-z ]{0,10}") {
            let text = format!("{before} {} {year} and", crate::date::MONTHS[m]);
            let found = find(&text, Some(2017));
            prop_assert_eq!(found.len(), 1);
            prop_assert_eq!(found[0].precision(), Precision::Month);
        }

        #[test]
        fn a_year_is_year_precision(year in 1000i32..=2100, lead in "(in|since|by|the|until)") {
            let found = find(&format!("it was {lead} {year}."), Some(2017));
            prop_assert_eq!(found.len(), 1);
            prop_assert_eq!(found[0].precision(), Precision::Year);
        }

        #[test]
        fn a_day_month_year_is_day_precision(d in 1u32..=28, m in 0usize..12, year in 1000i32..=2100) {
            let found = find(&format!("on {d} {} {year}", crate::date::MONTHS[m]), None);
            prop_assert_eq!(found.len(), 1);
            prop_assert_eq!(found[0].precision(), Precision::Day);
        }
    }
}
