//! Query parsing: words, operators, field filters and date expressions.
//!
//! A query is a list of clauses that must all hold; a clause is one or more
//! alternatives joined by `|`. Words are folded here once so matching never
//! folds per event.

use super::fold::fold;
use super::text::SHORT_WORD;
use crate::date::{Day, MONTHS, PartialDate, Precision};
use crate::sanitize::echo;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    /// Every clause must match.
    pub clauses: Vec<Clause>,
}

/// One or more alternatives; at least one must match (unless negated).
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    pub alternatives: Vec<Atom>,
    /// The clause as typed, for display.
    pub text: String,
    /// `!word`: the clause must NOT match.
    pub negated: bool,
}

/// One testable condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Atom {
    /// Fuzzy match of a folded word anywhere in the event's text. A short
    /// word the dataset has whole ("tika") or as initials ("btk") matches
    /// words, acronyms and aliases, never letters scattered through a
    /// longer word.
    Fuzzy(String),
    /// A short word typed in capitals (`FETO`, `SCO`), folded: matches a
    /// whole word, a hyphenated name's initials or (ranked far below) the
    /// start of a word, never letters inside one.
    Acronym(String),
    /// Folded substring (`'word` or a quoted phrase).
    Exact(String),
    /// Folded text starting a word (`^word`).
    Prefix(String),
    /// Folded text ending a word (`word$`).
    Suffix(String),
    /// Event date or span overlaps the interval, or the event's text
    /// mentions the range's literal (a bare `2012` also finds "since 2012").
    Date(DateRange),
    /// A `field:value` filter.
    Filter(Filter),
}

/// Field filters: `tab:`, `actor:`, `place:`, `source:`, `fn:`, `kind:`.
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    /// Prefix of a word of the tab's id or title, folded.
    Tab(String),
    /// Exactly the tab with this id (the CLI's `--tab`, once resolved).
    TabId(String),
    /// Every word fuzzy-matches a name or alias of one of the event's actors.
    Actor(Vec<String>),
    /// The same for places.
    Place(Vec<String>),
    /// Folded substring of the outlet of a footnote the event cites
    /// (back-references followed).
    Source(String),
    /// The event cites this footnote number.
    Footnote(u32),
    /// The event has this feature.
    Kind(EventKind),
}

/// What `kind:` can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    Quote,
    Figure,
    Planned,
    Span,
    /// A fact marked as taken from the public record, not the analysis.
    External,
    /// A fact marked as derived from what the analysis states.
    Derived,
}

/// The query language in brief: (example, meaning) pairs for the `?` help
/// and the README, which a test keeps identical.
pub const SYNTAX: &[(&str, &str)] = &[
    (
        "erdogan  Erdoğan  erdgn",
        "fuzzy: letters in order inside one word; accents and ı/İ fold",
    ),
    ("steppe eagle", "every word must match, in any order"),
    (
        "FETO  SCO  tika",
        "acronyms, short words: words, aliases, initials; no stray letters",
    ),
    ("'exact  \"two words\"", "exact text"),
    ("^prefix  suffix$", "a word starting / ending so"),
    ("!word", "events that do not match the word"),
    ("a | b", "either"),
    (
        "2012  1990s  2017-09  2017-08-17",
        "events in that year, decade, month or on that day",
    ),
    ("sep 2017  17 aug 2017", "dates spelled out"),
    ("2012..2015  before:2000  after:2016-06", "date ranges"),
    ("tab:security", "events of one tab"),
    ("actor:aselsan  place:astana", "by actor or place, name or alias"),
    ("source:\"daily sabah\"", "citing a source from that outlet"),
    ("fn:7", "citing footnote 7, or a note that stands for it"),
    (
        "kind:quote  kind:figure  kind:planned  kind:span",
        "events with quotes, figures, plans, spans",
    ),
    (
        "kind:external  kind:derived",
        "events with a fact from outside the analysis, or derived",
    ),
];

/// [`SYNTAX`] as a Markdown table.
pub fn syntax_markdown() -> String {
    let mut out = String::from("| you type | it finds |\n|---|---|\n");
    for (example, meaning) in SYNTAX {
        let examples: Vec<String> = example
            .split("  ")
            .map(|e| format!("`{}`", e.replace('|', "\\|")))
            .collect();
        out.push_str(&format!("| {} | {meaning} |\n", examples.join(", ")));
    }
    out
}

/// Each clause costs a pass over the vocabulary; a pasted paragraph should
/// get an answer, not a stall.
pub const MAX_CLAUSES: usize = 32;

/// The field names a filter may use, for error messages.
const FILTERS: &str = "tab:, actor:, place:, source:, fn:, kind:";

/// Parses `name:value` if `name` is a known filter; `Ok(None)` if the token
/// is not a filter at all.
fn filter(text: &str, column: usize) -> Result<Option<Filter>, QueryError> {
    let Some((name, value)) = text.split_once(':') else {
        return Ok(None);
    };
    let error = |message: String| QueryError {
        message,
        column: column + name.len() + 1,
    };
    let words = || -> Vec<String> { fold(value).split_whitespace().map(String::from).collect() };
    let filter = match name {
        "tab" => Filter::Tab(fold(value)),
        "actor" => Filter::Actor(words()),
        "place" => Filter::Place(words()),
        "source" => Filter::Source(fold(value)),
        "fn" => Filter::Footnote(value.parse().map_err(|_| {
            error(format!(
                "fn: expects a footnote number, found \"{}\"",
                echo(value)
            ))
        })?),
        "kind" => Filter::Kind(match fold(value).as_str() {
            "quote" | "quotes" => EventKind::Quote,
            "figure" | "figures" => EventKind::Figure,
            "planned" => EventKind::Planned,
            "span" => EventKind::Span,
            "external" => EventKind::External,
            "derived" => EventKind::Derived,
            _ => {
                return Err(error(format!(
                    "kind: expects quote, figure, planned, span, external or derived, found \"{}\"",
                    echo(value)
                )));
            }
        }),
        "before" | "after" => return Ok(None),
        _ if name.chars().all(|c| c.is_ascii_alphabetic()) && !name.is_empty() => {
            return Err(QueryError {
                message: format!(
                    "unknown filter \"{}\": expected one of {FILTERS}, before:, after:",
                    echo(name)
                ),
                column,
            });
        }
        _ => return Ok(None),
    };
    let empty = match &filter {
        Filter::Actor(w) | Filter::Place(w) => w.is_empty(),
        Filter::Tab(v) | Filter::TabId(v) | Filter::Source(v) => v.is_empty(),
        _ => false,
    };
    if empty {
        return Err(error(format!("{name}: needs a value")));
    }
    Ok(Some(filter))
}

/// An interval of days the query asks about.
#[derive(Debug, Clone, PartialEq)]
pub struct DateRange {
    pub first: Day,
    pub last: Day,
    /// Precision of the query's date (the finer end for ranges).
    pub precision: Precision,
    /// Folded literal accepted in the text as well, for bare years and
    /// ISO dates that prose mentions ("since 2012").
    pub literal: Option<String>,
}

/// Why a query cannot be understood, with the char column where it went
/// wrong (0-based).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} (at column {})", column + 1)]
pub struct QueryError {
    pub message: String,
    pub column: usize,
}

/// A whitespace-separated piece of the query with its char column.
#[derive(Debug, Clone)]
struct Token {
    text: String,
    column: usize,
    /// Char index just past the token, quotes included.
    end: usize,
    /// Whether any part of it was inside double quotes.
    quoted: bool,
}

/// Splits on whitespace outside double quotes; quotes are removed.
fn tokenize(input: &str) -> Result<Vec<Token>, QueryError> {
    let mut tokens = Vec::new();
    let mut current: Option<Token> = None;
    let mut open_quote: Option<usize> = None;
    for (i, c) in input.chars().enumerate() {
        if c.is_whitespace() && open_quote.is_none() {
            tokens.extend(current.take());
            continue;
        }
        let token = current.get_or_insert_with(|| Token {
            text: String::new(),
            column: i,
            end: i,
            quoted: false,
        });
        token.end = i + 1;
        if c == '"' {
            open_quote = if open_quote.is_some() { None } else { Some(i) };
            token.quoted = true;
        } else {
            token.text.push(c);
        }
    }
    if let Some(column) = open_quote {
        return Err(QueryError {
            message: "unbalanced double quote: expected a closing \"".into(),
            column,
        });
    }
    tokens.extend(current);
    Ok(tokens)
}

/// Month number (1-12) for an English month name or its abbreviation.
fn month_number(word: &str) -> Option<u32> {
    crate::date::month_named(&fold(word))
}

fn is_digits(s: &str, len: std::ops::RangeInclusive<usize>) -> bool {
    len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

fn range_of(date: PartialDate, literal: Option<String>) -> DateRange {
    DateRange {
        first: date.first_day(),
        last: date.last_day(),
        precision: date.precision(),
        literal,
    }
}

/// Parses one compact date: `2012`, `1990s`, `2017-09`, `2017-08-17`.
/// `Ok(None)` means "not a date"; `Err` means "a date, but impossible".
fn compact_date(text: &str, column: usize) -> Result<Option<DateRange>, QueryError> {
    if let Some(decade) = text.strip_suffix('s')
        && is_digits(decade, 4..=4)
        && decade.ends_with('0')
    {
        let start: i32 = decade.parse().expect("digits");
        return Ok(Some(DateRange {
            first: (start, 1, 1),
            last: (start + 9, 12, 31),
            precision: Precision::Year,
            literal: None,
        }));
    }
    // Byte-wise on purpose: slicing a str at 4 could split a multi-byte char.
    let bytes = text.as_bytes();
    let looks_iso = bytes.len() >= 4
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4..].iter().all(|b| b.is_ascii_digit() || *b == b'-');
    if !looks_iso {
        return Ok(None);
    }
    let date = PartialDate::parse(text).map_err(|e| QueryError {
        message: format!("bad date \"{}\": {e}", echo(text)),
        column,
    })?;
    Ok(Some(range_of(date, Some(text.to_string()))))
}

/// Tries to read a spelled-out date starting at `tokens[i]`: `sep 2017`,
/// `september 2017`, `17 aug 2017`, `aug 17 2017`. Returns the range and how
/// many tokens it used.
fn spelled_date(tokens: &[Token]) -> Result<Option<(DateRange, usize)>, QueryError> {
    let word = |k: usize| tokens.get(k).map(|t| t.text.trim_end_matches(','));
    let year = |k: usize| {
        word(k)
            .filter(|w| is_digits(w, 4..=4))
            .map(|w| w.parse::<i32>().expect("digits"))
    };
    let day = |k: usize| {
        word(k)
            .filter(|w| is_digits(w, 1..=2))
            .map(|w| w.parse::<u32>().expect("digits"))
    };
    let month = |k: usize| word(k).and_then(month_number);
    let make = |y: i32, m: u32, d: Option<u32>, used: usize| {
        PartialDate::new(y, Some(m), d)
            .map(|date| Some((range_of(date, None), used)))
            .map_err(|e| QueryError {
                message: format!("bad date: {e}"),
                column: tokens[0].column,
            })
    };
    if let (Some(d), Some(m), Some(y)) = (day(0), month(1), year(2)) {
        return make(y, m, Some(d), 3);
    }
    if let (Some(m), Some(d), Some(y)) = (month(0), day(1), year(2)) {
        return make(y, m, Some(d), 3);
    }
    if let (Some(m), Some(y)) = (month(0), year(1)) {
        return make(y, m, None, 2);
    }
    Ok(None)
}

/// A date bound for `before:`/`after:`/ranges, which must be a compact date.
fn bound(text: &str, column: usize) -> Result<DateRange, QueryError> {
    compact_date(text, column)?.ok_or_else(|| QueryError {
        message: format!(
            "expected a date like 2017, 1990s, 2017-09 or 2017-09-09, found \"{}\"",
            echo(text)
        ),
        column,
    })
}

/// Parses `a..b`, `before:x`, `after:x` or a compact date.
fn date_atom(text: &str, column: usize) -> Result<Option<DateRange>, QueryError> {
    if let Some(rest) = text.strip_prefix("before:") {
        let b = bound(rest, column + 7)?;
        // "before:2000" excludes 2000 itself.
        return Ok(Some(DateRange {
            first: (i32::MIN, 1, 1),
            last: previous_day(b.first),
            precision: b.precision,
            literal: None,
        }));
    }
    if let Some(rest) = text.strip_prefix("after:") {
        let b = bound(rest, column + 6)?;
        return Ok(Some(DateRange {
            first: next_day(b.last),
            last: (i32::MAX, 12, 31),
            precision: b.precision,
            literal: None,
        }));
    }
    if let Some((a, b)) = text.split_once("..") {
        let (start, end) = (bound(a, column)?, bound(b, column + a.len() + 2)?);
        if end.last < start.first {
            return Err(QueryError {
                message: format!("range \"{}\" ends before it starts", echo(text)),
                column,
            });
        }
        return Ok(Some(DateRange {
            first: start.first,
            last: end.last,
            precision: start.precision.max(end.precision),
            literal: None,
        }));
    }
    compact_date(text, column)
}

fn previous_day((y, m, d): Day) -> Day {
    match (m, d) {
        (1, 1) => (y - 1, 12, 31),
        (m, 1) => (y, m - 1, crate::date::days_in_month(y, m - 1)),
        (m, d) => (y, m, d - 1),
    }
}

fn next_day((y, m, d): Day) -> Day {
    if d < crate::date::days_in_month(y, m) {
        (y, m, d + 1)
    } else if m < 12 {
        (y, m + 1, 1)
    } else {
        (y + 1, 1, 1)
    }
}

/// Whether a typed word reads as an acronym: letters and digits only,
/// every letter a capital, two letters at least, and folded, at most
/// [`SHORT_WORD`] ASCII letters and digits (so that it displays, in
/// capitals, as text that parses back to it).
fn is_acronym(typed: &str) -> bool {
    if typed.len() > 4 * SHORT_WORD
        || !typed
            .chars()
            .all(|c| c.is_alphanumeric() && (!c.is_alphabetic() || c.is_uppercase()))
    {
        return false;
    }
    let folded = fold(typed);
    folded.len() <= SHORT_WORD
        && folded.bytes().all(|b| b.is_ascii_alphanumeric())
        && folded.bytes().filter(u8::is_ascii_alphabetic).count() >= 2
}

/// Parses one word (no `!`) into an atom; `acronym` says it was typed as
/// one ([`is_acronym`]).
fn atom(token: &Token, acronym: bool) -> Result<Atom, QueryError> {
    let text = token.text.as_str();
    if let Some(filter) = filter(text, token.column)? {
        return Ok(Atom::Filter(filter));
    }
    if token.quoted {
        return Ok(Atom::Exact(fold(text)));
    }
    if let Some(date) = date_atom(text, token.column)? {
        return Ok(Atom::Date(date));
    }
    if let Some(exact) = text.strip_prefix('\'') {
        return Ok(Atom::Exact(fold(exact)));
    }
    if let Some(prefix) = text.strip_prefix('^') {
        return Ok(Atom::Prefix(fold(prefix)));
    }
    if let Some(suffix) = text.strip_suffix('$') {
        return Ok(Atom::Suffix(fold(suffix)));
    }
    if acronym {
        return Ok(Atom::Acronym(fold(text)));
    }
    Ok(Atom::Fuzzy(fold(text)))
}

impl Query {
    /// Parses a query string; an empty string is an empty query.
    pub fn parse(input: &str) -> Result<Query, QueryError> {
        let tokens = tokenize(input)?;
        let chars: Vec<char> = input.chars().collect();
        let mut clauses: Vec<Clause> = Vec::new();
        let mut join_next = false;
        let mut i = 0;
        while i < tokens.len() {
            let token = &tokens[i];
            if token.text == "|" && !token.quoted {
                if clauses.is_empty() || join_next {
                    return Err(QueryError {
                        message: "`|` needs a word on each side".into(),
                        column: token.column,
                    });
                }
                join_next = true;
                i += 1;
                continue;
            }
            let (atom, used, negated) = match spelled_date(&tokens[i..])? {
                Some((range, used)) => (Atom::Date(range), used, false),
                None => {
                    let negated = token.text.starts_with('!') && token.text.len() > 1;
                    let typed = token.text.trim_start_matches('!');
                    let acronym = !token.quoted && is_acronym(typed);
                    // Read the folded word, not the typed one: folding maps
                    // `’` to `'` and `‐` to `-`, and an atom must mean what
                    // its folded spelling (its Display) means when typed back.
                    let stripped = Token {
                        text: fold(token.text.trim_start_matches('!')),
                        column: token.column + usize::from(negated),
                        ..token.clone()
                    };
                    if stripped.text.is_empty() && !stripped.quoted {
                        i += 1;
                        continue;
                    }
                    (atom(&stripped, acronym)?, 1, negated)
                }
            };
            let typed: String = chars[token.column..tokens[i + used - 1].end].iter().collect();
            match clauses.last_mut() {
                Some(last) if join_next => {
                    last.alternatives.push(atom);
                    last.text = format!("{} | {typed}", last.text);
                }
                _ => clauses.push(Clause {
                    alternatives: vec![atom],
                    text: typed,
                    negated,
                }),
            }
            join_next = false;
            i += used;
        }
        // Each alternative costs a pass like a clause, so both count.
        let terms: usize = clauses
            .iter()
            .flat_map(|c| &c.alternatives)
            .map(Atom::terms)
            .sum();
        if terms > MAX_CLAUSES {
            return Err(QueryError {
                message: format!("too many terms ({terms}): a query takes at most {MAX_CLAUSES}",),
                column: 0,
            });
        }
        if join_next {
            let column = tokens.last().map_or(0, |t| t.column);
            return Err(QueryError {
                message: "`|` needs a word on each side".into(),
                column,
            });
        }
        Ok(Query { clauses })
    }

    /// Whether the query is this one atom and nothing else.
    pub fn reads_as(&self, atom: &Atom) -> bool {
        matches!(self.clauses.as_slice(), [clause] if !clause.negated && clause.alternatives.as_slice() == std::slice::from_ref(atom))
    }

    /// Whether the query has nothing to match (every event matches).
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }
}

impl Atom {
    /// How many passes over the corpus the atom costs, for the term limit:
    /// each word of a name filter is matched on its own, so
    /// `actor:"a b … z"` costs as much as that many clauses.
    fn terms(&self) -> usize {
        match self {
            Atom::Filter(Filter::Actor(words) | Filter::Place(words)) => words.len().max(1),
            _ => 1,
        }
    }
}

impl std::fmt::Display for Atom {
    /// The atom as a query would spell it (folded), for `--explain` and
    /// "showing results for": typed back, it parses to this same atom
    /// (except [`Filter::TabId`], which reads back as [`Filter::Tab`]).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Atom::Fuzzy(w) => write!(f, "{w}"),
            Atom::Acronym(w) => write!(f, "{}", w.to_ascii_uppercase()),
            // Unquoted, whitespace would split the word and `..` would read
            // as a date range.
            Atom::Exact(w) if w.contains(char::is_whitespace) || w.contains("..") => {
                write!(f, "\"{w}\"")
            }
            Atom::Exact(w) => write!(f, "'{w}"),
            Atom::Prefix(w) => write!(f, "^{w}"),
            Atom::Suffix(w) => write!(f, "{w}$"),
            Atom::Date(range) => write!(f, "{range}"),
            Atom::Filter(filter) => write!(f, "{filter}"),
        }
    }
}

impl std::fmt::Display for DateRange {
    /// The form that parses back to this range, precision and literal
    /// included: the literal as typed (`2012`), else `before:`/`after:`, a
    /// decade, a spelled-out month or day (which has no literal), or a range.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let precision = self.precision;
        let (y, m, d) = self.first;
        let one_unit = self.last == unit_end(self.first, precision);
        let month = || MONTHS[usize::from(m) - 1][..3].to_ascii_lowercase();
        match &self.literal {
            Some(literal) => write!(f, "{literal}"),
            None if y == i32::MIN => {
                write!(f, "before:{}", compact(next_day(self.last), precision))
            }
            None if self.last.0 == i32::MAX => {
                write!(f, "after:{}", compact(previous_day(self.first), precision))
            }
            None if precision == Precision::Year
                && y % 10 == 0
                && self.last == (y + 9, 12, 31)
                && (m, d) == (1, 1) =>
            {
                write!(f, "{y:04}s")
            }
            None if one_unit && precision == Precision::Month => write!(f, "{} {y:04}", month()),
            None if one_unit && precision == Precision::Day => {
                write!(f, "{d} {} {y:04}", month())
            }
            None => write!(
                f,
                "{}..{}",
                compact(self.first, precision),
                compact(self.last, precision)
            ),
        }
    }
}

/// `day` at `precision`, as a compact date: `2017`, `2017-09`, `2017-09-08`.
fn compact((y, m, d): Day, precision: Precision) -> String {
    match precision {
        Precision::Year => format!("{y:04}"),
        Precision::Month => format!("{y:04}-{m:02}"),
        Precision::Day => format!("{y:04}-{m:02}-{d:02}"),
    }
}

/// The last day of the year, month or day that starts on `first`.
fn unit_end((y, m, d): Day, precision: Precision) -> Day {
    match precision {
        Precision::Year => (y, 12, 31),
        Precision::Month => (y, m, crate::date::days_in_month(y, m)),
        Precision::Day => (y, m, d),
    }
}

impl std::fmt::Display for Filter {
    /// The filter as it would be typed: `tab:security`, `actor:"a b"`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Quoted with plain quotes: the query language has no escapes, and
        // a folded value holds no `"`.
        let value = |v: &str| {
            if v.contains(char::is_whitespace) {
                format!("\"{v}\"")
            } else {
                v.to_string()
            }
        };
        match self {
            Filter::Tab(v) | Filter::TabId(v) => write!(f, "tab:{}", value(v)),
            Filter::Actor(words) => write!(f, "actor:{}", value(&words.join(" "))),
            Filter::Place(words) => write!(f, "place:{}", value(&words.join(" "))),
            Filter::Source(v) => write!(f, "source:{}", value(v)),
            Filter::Footnote(n) => write!(f, "fn:{n}"),
            Filter::Kind(kind) => write!(f, "kind:{}", format!("{kind:?}").to_lowercase()),
        }
    }
}

impl std::fmt::Display for Query {
    /// The query as it would be typed (folded), e.g. for "showing results for".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let clauses: Vec<String> = self.clauses.iter().map(ToString::to_string).collect();
        write!(f, "{}", clauses.join(" "))
    }
}

impl std::fmt::Display for Clause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(q: &str) -> Vec<(Day, Day, Precision)> {
        Query::parse(q)
            .unwrap()
            .clauses
            .into_iter()
            .flat_map(|c| c.alternatives)
            .filter_map(|a| match a {
                Atom::Date(d) => Some((d.first, d.last, d.precision)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn date_forms() {
        use Precision::*;
        assert_eq!(dates("2012"), [((2012, 1, 1), (2012, 12, 31), Year)]);
        assert_eq!(dates("1990s"), [((1990, 1, 1), (1999, 12, 31), Year)]);
        assert_eq!(dates("2017-09"), [((2017, 9, 1), (2017, 9, 30), Month)]);
        assert_eq!(dates("sep 2017"), [((2017, 9, 1), (2017, 9, 30), Month)]);
        assert_eq!(dates("September 2017"), [((2017, 9, 1), (2017, 9, 30), Month)]);
        assert_eq!(dates("17 aug 2017"), [((2017, 8, 17), (2017, 8, 17), Day)]);
        assert_eq!(dates("17 August 2017"), [((2017, 8, 17), (2017, 8, 17), Day)]);
        assert_eq!(dates("2017-08-17"), [((2017, 8, 17), (2017, 8, 17), Day)]);
        assert_eq!(dates("2012..2015"), [((2012, 1, 1), (2015, 12, 31), Year)]);
        assert_eq!(dates("before:2000")[0].1, (1999, 12, 31));
        assert_eq!(dates("after:2016-06")[0].0, (2016, 7, 1));
    }

    #[test]
    fn long_input_is_echoed_short_in_errors() {
        let long = "x".repeat(100_000);
        let digits = "1".repeat(100_000);
        for bad in [
            format!("fn:{long}"),
            format!("kind:{long}"),
            format!("{long}:x"),
            format!("2017-{}", "-".repeat(100_000)),
            format!("before:{long}"),
            format!("{digits}..2012"),
        ] {
            let e = Query::parse(&bad).unwrap_err();
            let shown = e.to_string();
            // Two echoes at most: the value, and why it is not a date.
            let length = shown.chars().count();
            assert!(length < 600, "{length} characters");
            assert!(shown.contains("…\""), "{shown}");
        }
    }

    #[test]
    fn bad_queries_are_located_errors() {
        let e = Query::parse("erdogan after:2017-13").unwrap_err();
        assert!(e.message.contains("month 13"), "{e}");
        assert_eq!(e.column, 14);
        let e = Query::parse("source:\"daily sabah").unwrap_err();
        assert!(e.message.contains("unbalanced"), "{e}");
        assert_eq!(e.column, 7);
        assert!(Query::parse("2015..2012").is_err());
        assert!(Query::parse("| a").is_err());
        assert!(Query::parse("a |").is_err());
        assert!(Query::parse("before:soon").is_err());
    }

    #[test]
    fn words_and_operators() {
        let q = Query::parse("Erdoğan !feto 'tika ^astana port$ a | b \"daily sabah\"").unwrap();
        let shapes: Vec<_> = q
            .clauses
            .iter()
            .map(|c| (c.negated, c.alternatives.clone()))
            .collect();
        assert_eq!(
            shapes,
            vec![
                (false, vec![Atom::Fuzzy("erdogan".into())]),
                (true, vec![Atom::Fuzzy("feto".into())]),
                (false, vec![Atom::Exact("tika".into())]),
                (false, vec![Atom::Prefix("astana".into())]),
                (false, vec![Atom::Suffix("port".into())]),
                (false, vec![Atom::Fuzzy("a".into()), Atom::Fuzzy("b".into())]),
                (false, vec![Atom::Exact("daily sabah".into())]),
            ]
        );
    }

    #[test]
    fn short_words_in_capitals_are_acronyms() {
        let atoms = |text: &str| -> Vec<Atom> {
            Query::parse(text)
                .unwrap()
                .clauses
                .into_iter()
                .flat_map(|c| c.alternatives)
                .collect()
        };
        assert_eq!(
            atoms("FETO TİKA FETÖ B2B !SCO"),
            ["feto", "tika", "feto", "b2b", "sco"].map(|w| Atom::Acronym(w.into()))
        );
        // Too long, one letter, mixed case, lower case, or not a word.
        assert_eq!(
            atoms("ERDOĞAN G20 Feto feto N.A.T.O"),
            ["erdogan", "g20", "feto", "feto", "n.a.t.o"].map(|w| Atom::Fuzzy(w.into()))
        );
        assert_eq!(atoms("'FETO"), [Atom::Exact("feto".into())]);
        assert_eq!(atoms("\"FETO\""), [Atom::Exact("feto".into())]);
        assert_eq!(Atom::Acronym("feto".into()).to_string(), "FETO");
    }

    /// Every atom of `query` displays as text that parses back to it alone.
    fn assert_atoms_type_back(query: &Query) {
        for atom in query.clauses.iter().flat_map(|c| &c.alternatives) {
            let shown = atom.to_string();
            let again = Query::parse(&shown);
            assert!(
                again.as_ref().is_ok_and(|q| q.reads_as(atom)),
                "{atom:?} displays as {shown:?}, which parses as {again:?}"
            );
        }
        assert_eq!(Query::parse(&query.to_string()).as_ref(), Ok(query));
    }

    #[test]
    fn every_kind_of_atom_types_back() {
        let every_kind = [
            "erdogan Erdoğan",
            r#"'tika 'a|b '' "daily sabah" "2012..2015" "before:2000" "|" '^x"#,
            "^astana ^ port$ 2012$ $",
            "2012 1990s 2017-09 2017-08-17 0999",
            "sep 2017 17 aug 2017 aug 17 2017 2017-09..2017-09",
            "2012..2015 2012..2015-06 1990s..2001 2012..2012 2017-09-08..2017-09-10",
            "before:2000 before:1990s before:2016-06 after:2016-06 after:2017-09-09 after:1990s",
            r#"tab:security tab:"security and" actor:aselsan actor:"a  b" place:astana"#,
            r#"source:"daily sabah" source:" sabah" source:x\y fn:7 fn:007"#,
            "kind:quote kind:figures kind:planned kind:span kind:external kind:derived",
            "a | 'b | ^c | d$ | 2012 | tab:x !neg",
            "\u{2019}tika 2017\u{2010}09 TAB:Security",
            "FETO !SCO TİKA BTK | NATO ẞẞ ÆB",
        ];
        for text in every_kind {
            assert_atoms_type_back(&Query::parse(text).unwrap());
        }
        // The typographic forms read as their ASCII forms.
        let folded = Query::parse("\u{2019}tika 2017\u{2010}09").unwrap();
        assert_eq!(folded.clauses[0].alternatives, [Atom::Exact("tika".into())]);
        assert!(matches!(folded.clauses[1].alternatives[0], Atom::Date(_)));
        // "showing results for" once read `erdogan | Tab("security")`.
        let query = Query::parse("erdgan | tab:security").unwrap();
        let shown: Vec<String> = query.clauses[0]
            .alternatives
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(shown.join(" | "), "erdgan | tab:security");
    }

    proptest::proptest! {
        #[test]
        fn atoms_type_back(
            input in r#"([!^'"|]?[a-zA-Z0-9.:\\ ’‐-]{0,10}[$"]? ?){0,5}|((before:|after:)?[12][0-9]{3}(-[01][0-9](-[0-3][0-9])?)?(\.\.[12][0-9]{3}s?)? ?){1,3}|(([0-9]{1,2} )?(jan|feb|sep|dec)[a-z]{0,3} [0-9]{4} ?){1,2}"#
        ) {
            if let Ok(query) = Query::parse(&input) {
                assert_atoms_type_back(&query);
            }
        }

        #[test]
        fn parsing_never_panics(input in "\\PC{0,40}") {
            let _ = Query::parse(&input);
        }

        #[test]
        fn parsing_never_panics_on_query_like_text(
            input in "([!^'\"|]?[a-zA-ZğüşöçıİĞÜŞÖÇ0-9.:-]{0,12}[$]? ?){0,6}"
        ) {
            let _ = Query::parse(&input);
        }
    }

    #[test]
    fn readme_query_table_is_the_generated_one() {
        let table = syntax_markdown();
        assert!(
            include_str!("../../README.md").contains(&table),
            "README.md's query table differs from search::SYNTAX; replace it with:\n{table}"
        );
    }

    #[test]
    fn syntax_examples_parse() {
        for (examples, _) in SYNTAX {
            for example in examples.split("  ") {
                assert!(Query::parse(example).is_ok(), "{example}");
            }
        }
    }

    #[test]
    fn month_names_need_three_letters() {
        assert_eq!(month_number("sep"), Some(9));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("september"), Some(9));
        assert_eq!(month_number("ma"), None);
        assert_eq!(month_number("mayday"), None);
        assert_eq!(month_number("septem"), None);
    }
}
