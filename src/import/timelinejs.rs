//! TimelineJS3 timelines: the JSON format and the Google-Sheets template
//! (as CSV). Both are read into the same [`Slide`]s first, so the two
//! forms of one timeline import to the same dataset.
//!
//! Choices (see IMPORT-TABLES.md): the `title` slide is the document;
//! `eras` become events of an "Eras" tab spanning their dates; a `group`
//! is a tab; years outside 0..=9999 (BCE, cosmological) leave the event
//! undated with its date written at the start of the summary; hours and
//! minutes are dropped (a dataset date is at most a day).

use std::io::Read;

use ego_tree::iter::Edge;
use scraper::{Html, Node};
use serde::Deserialize;

use super::build::{Builder, link, title_from};
use super::{ImportError, Imported, Options, Skipped, Where, bad_rows};
use crate::data::JsonPath;
use crate::date::PartialDate;
use crate::model::{Document, Event};

/// The tab eras go to.
const ERAS_TAB: &str = "Eras";

/// A number of a TimelineJS date: written as a number or a string,
/// blank for none.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Part(Option<i64>);

impl Part {
    fn parse(text: &str) -> Result<Part, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(Part(None));
        }
        text.parse()
            .map(|n| Part(Some(n)))
            .map_err(|_| format!("{text:?} is not a whole number"))
    }
}

impl<'de> Deserialize<'de> for Part {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Part, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Part;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a whole number, as a number or a string")
            }
            fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Part, E> {
                Ok(Part(Some(n)))
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Part, E> {
                i64::try_from(n)
                    .map(|n| Part(Some(n)))
                    .map_err(|_| E::custom("number too large"))
            }
            fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Part, E> {
                // Whole numbers written with a fraction, like 2017.0.
                if n.fract() == 0.0 && n.abs() < 9e15 {
                    Ok(Part(Some(n as i64)))
                } else {
                    Err(E::custom(format!("{n} is not a whole number")))
                }
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Part, E> {
                Part::parse(s).map_err(E::custom)
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Part, E> {
                Ok(Part(None))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// A TimelineJS date; hours and minutes are accepted and not used.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
struct TlDate {
    #[serde(default)]
    year: Part,
    #[serde(default)]
    month: Part,
    #[serde(default)]
    day: Part,
    #[serde(default)]
    display_date: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
struct Text {
    #[serde(default)]
    headline: Option<String>,
    #[serde(default)]
    text: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
struct Media {
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    credit: Option<String>,
    #[serde(default)]
    caption: Option<String>,
}

/// One slide, as JSON has it and the sheet is read into.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
struct Slide {
    #[serde(default)]
    start_date: Option<TlDate>,
    #[serde(default)]
    end_date: Option<TlDate>,
    #[serde(default)]
    display_date: Option<String>,
    #[serde(default)]
    text: Option<Text>,
    #[serde(default)]
    media: Option<Media>,
    #[serde(default)]
    group: Option<String>,
    #[serde(default)]
    unique_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct Timeline {
    #[serde(default)]
    title: Option<Slide>,
    #[serde(default)]
    events: Vec<Slide>,
    #[serde(default)]
    eras: Vec<Slide>,
}

/// What a slide is in the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Event,
    Era,
}

/// A problem with one part of a slide: the JSON key path below the slide,
/// and the sheet's column.
struct Fault {
    keys: &'static [&'static str],
    column: &'static str,
    message: String,
}

/// Imports a TimelineJS JSON file.
pub fn import_json(bytes: &[u8], origin: &str, options: &Options) -> Result<Imported, ImportError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let timeline: Timeline = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner = e.inner();
        ImportError {
            origin: origin.to_string(),
            at: Where::Json {
                path: e.path().to_string(),
                line: inner.line(),
                column: inner.column(),
            },
            message: format!("not a TimelineJS timeline: {inner}"),
        }
    })?;
    let text = String::from_utf8_lossy(bytes);
    let locate = |top: &str, i: usize, fault: Fault| {
        let path = fault.keys.iter().fold(JsonPath::item(top, i), |p, k| p.key(k));
        let position = crate::data::positions(&text, &[&path]).pop();
        ImportError {
            origin: origin.to_string(),
            at: Where::Json {
                path: path.to_string(),
                line: position.as_ref().map_or(1, |p| p.line),
                column: position.map_or(1, |p| p.column),
            },
            message: fault.message,
        }
    };
    let slides = timeline
        .events
        .into_iter()
        .enumerate()
        .map(|(i, s)| (Kind::Event, s, ("events", i)))
        .chain(
            timeline
                .eras
                .into_iter()
                .enumerate()
                .map(|(i, s)| (Kind::Era, s, ("eras", i))),
        );
    build(timeline.title, slides, origin, options, |(top, i), fault| {
        locate(top, i, fault)
    })
}

/// The sheet columns read, lowercased.
const COLUMNS: [&str; 16] = [
    "year",
    "month",
    "day",
    "end year",
    "end month",
    "end day",
    "display date",
    "headline",
    "text",
    "media",
    "media credit",
    "media caption",
    "type",
    "group",
    "unique id",
    "time",
];

/// Imports a TimelineJS Google-Sheets template saved as CSV (or TSV).
pub fn import_sheet(input: impl Read, origin: &str, options: &Options) -> Result<Imported, ImportError> {
    let mut input = std::io::BufReader::with_capacity(1 << 16, input);
    let head = std::io::BufRead::fill_buf(&mut input).map_err(|e| super::io_error(origin, &e))?;
    let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let delimiter = super::table::delimiter(line).unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(input);
    let csv_error = |e: csv::Error| ImportError {
        origin: origin.to_string(),
        at: Where::Row {
            row: e.position().map_or(1, |p| p.record() as usize + 1),
            column: None,
        },
        message: e.to_string(),
    };
    let header = reader.headers().map_err(csv_error)?.clone();
    let index: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|c| header.iter().position(|h| h.trim().eq_ignore_ascii_case(c)))
        .collect();
    let mut title = None;
    let mut slides = Vec::new();
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        let row = record.position().map_or(0, |p| p.record() as usize + 1);
        let cell = |name: &str| {
            COLUMNS
                .iter()
                .position(|c| *c == name)
                .and_then(|i| index[i])
                .and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        let part = |name: &'static str| {
            Part::parse(cell(name).as_deref().unwrap_or_default()).map_err(|message| ImportError {
                origin: origin.to_string(),
                at: Where::Row {
                    row,
                    column: Some(sheet_name(name)),
                },
                message,
            })
        };
        let date = |prefix: &'static [&'static str; 3]| -> Result<Option<TlDate>, ImportError> {
            let date = TlDate {
                year: part(prefix[0])?,
                month: part(prefix[1])?,
                day: part(prefix[2])?,
                display_date: None,
            };
            Ok((date != TlDate::default()).then_some(date))
        };
        let slide = Slide {
            start_date: date(&["year", "month", "day"])?,
            end_date: date(&["end year", "end month", "end day"])?,
            display_date: cell("display date"),
            text: Some(Text {
                headline: cell("headline"),
                text: cell("text"),
            }),
            media: cell("media").map(|url| Media {
                url: Some(url),
                credit: cell("media credit"),
                caption: cell("media caption"),
            }),
            group: cell("group"),
            unique_id: cell("unique id"),
        };
        match cell("type").unwrap_or_default().to_lowercase().as_str() {
            "title" if title.is_none() => title = Some(slide),
            "era" => slides.push((Kind::Era, slide, row)),
            _ => slides.push((Kind::Event, slide, row)),
        }
    }
    // Sheets list eras among the events; JSON after them: the same order.
    slides.sort_by_key(|(kind, _, _)| *kind == Kind::Era);
    build(title, slides.into_iter(), origin, options, |row, fault| {
        ImportError {
            origin: origin.to_string(),
            at: Where::Row {
                row,
                column: Some(sheet_name(fault.column)),
            },
            message: fault.message,
        }
    })
}

/// A sheet column's name as the template writes it: `End Year`.
fn sheet_name(lower: &str) -> String {
    lower
        .split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The dataset of a timeline's slides; `locate` places a slide's fault.
fn build<L>(
    title: Option<Slide>,
    slides: impl Iterator<Item = (Kind, Slide, L)>,
    origin: &str,
    options: &Options,
    locate: impl Fn(L, Fault) -> ImportError,
) -> Result<Imported, ImportError> {
    let mut builder = Builder::default();
    let mut bad = Skipped::default();
    let mut document = Document {
        title: "Timeline".to_string(),
        source_note: Some(format!(
            "Imported from a TimelineJS timeline ({origin}) by dossier import."
        )),
        ..Document::default()
    };
    if let Some(slide) = &title {
        let text = slide.text.clone().unwrap_or_default();
        let headline = html_text(text.headline.as_deref().unwrap_or_default()).text;
        let overview = html_text(text.text.as_deref().unwrap_or_default());
        for (label, url) in &overview.links {
            if let Some(body) = link(label, url) {
                builder.footnote(body);
            }
        }
        if !headline.is_empty() {
            document.title = headline;
        }
        document.overview = Some(overview.text).filter(|t| !t.is_empty());
    }
    for (n, (kind, slide, at)) in slides.enumerate() {
        match event(&mut builder, kind, &slide, n + 1) {
            Ok(Ok(event)) => builder.push(event),
            Ok(Err(fault)) => bad.add(locate(at, fault)),
            Err(message) => {
                return Err(locate(
                    at,
                    Fault {
                        keys: &["group"],
                        column: "group",
                        message,
                    },
                ));
            }
        }
    }
    if bad.total > 0 && !options.skip_bad {
        return Err(bad_rows(origin, &bad));
    }
    let dataset = builder.finish(document).ok_or_else(|| ImportError {
        origin: origin.to_string(),
        at: Where::Input,
        message: "no events: expected at least one event or era".to_string(),
    })?;
    Ok(Imported {
        dataset,
        skipped: bad,
    })
}

/// The event of one slide (`Ok(Err)` when the slide cannot be used, `Err`
/// when the timeline has too many groups).
fn event(builder: &mut Builder, kind: Kind, slide: &Slide, n: usize) -> Result<Result<Event, Fault>, String> {
    let text = slide.text.clone().unwrap_or_default();
    let headline = html_text(text.headline.as_deref().unwrap_or_default());
    let body = html_text(text.text.as_deref().unwrap_or_default());
    let title = if !headline.text.is_empty() {
        headline.text.replace('\n', " ")
    } else if !body.text.is_empty() {
        title_from(&body.text)
    } else {
        return Ok(Err(Fault {
            keys: &["text", "headline"],
            column: "headline",
            message: "no headline and no text: expected one of them".to_string(),
        }));
    };
    let start = match slide.start_date.as_ref().map(|d| date(d, false)).transpose() {
        Ok(d) => d,
        Err(fault) => return Ok(Err(fault)),
    };
    let end = match slide.end_date.as_ref().map(|d| date(d, true)).transpose() {
        Ok(d) => d,
        Err(fault) => return Ok(Err(fault)),
    };
    // A date the dataset cannot hold is written where it is seen.
    let display = slide
        .display_date
        .clone()
        .or_else(|| slide.start_date.as_ref().and_then(|d| d.display_date.clone()))
        .filter(|d| !d.trim().is_empty());
    let (date, end, shown) = match (start, end) {
        (Some(Dated::Day(s)), Some(Dated::Day(e))) if e.last_day() < s.first_day() => {
            return Ok(Err(Fault {
                keys: &["end_date"],
                column: "end year",
                message: "the end date is before the start date".to_string(),
            }));
        }
        (Some(Dated::Day(s)), Some(Dated::Day(e))) => (Some(s), Some(e), display),
        (Some(Dated::Day(s)), None) => (Some(s), None, display),
        (Some(Dated::Day(s)), Some(Dated::Beyond(e))) => {
            (Some(s), None, display.or(Some(format!("until {e}"))))
        }
        (Some(Dated::Beyond(s)), end) => {
            let until = match end {
                Some(Dated::Beyond(e)) => format!(" – {e}"),
                Some(Dated::Day(e)) => format!(" – {}", super::table::iso(e)),
                None => String::new(),
            };
            (None, None, display.or(Some(format!("{s}{until}"))))
        }
        (None, Some(_)) => {
            return Ok(Err(Fault {
                keys: &["start_date"],
                column: "year",
                message: "an end date without a start date".to_string(),
            }));
        }
        (None, None) => (None, None, display),
    };
    let summary = match shown {
        Some(shown) if body.text.is_empty() => shown,
        Some(shown) => format!("{shown} — {}", body.text),
        None => body.text.clone(),
    };
    let tab = match kind {
        Kind::Era => builder.tab(ERAS_TAB)?,
        Kind::Event => builder.tab(slide.group.as_deref().unwrap_or_default())?,
    };
    let mut footnotes: Vec<u32> = Vec::new();
    let mut cite = |builder: &mut Builder, body| {
        let number = builder.footnote(body);
        if !footnotes.contains(&number) {
            footnotes.push(number);
        }
    };
    for (label, url) in headline.links.iter().chain(&body.links) {
        if let Some(note) = link(label, url) {
            cite(builder, note);
        }
    }
    if let Some(media) = &slide.media {
        let caption = html_text(media.caption.as_deref().unwrap_or_default()).text;
        let credit = html_text(media.credit.as_deref().unwrap_or_default()).text;
        let label = match (caption.is_empty(), credit.is_empty()) {
            (false, false) => format!("Media: {caption} ({credit})"),
            (false, true) => format!("Media: {caption}"),
            (true, false) => format!("Media ({credit})"),
            (true, true) => "Media".to_string(),
        };
        if let Some(note) = link(&label, media.url.as_deref().unwrap_or_default()) {
            cite(builder, note);
        }
    }
    let wanted = slide.unique_id.as_deref().unwrap_or(&title);
    let id = builder.event_id(wanted, &format!("event-{n}"));
    Ok(Ok(Event {
        id,
        date: date.map(super::table::iso),
        end: end.map(super::table::iso),
        tab,
        title,
        summary,
        actors: Vec::new(),
        places: Vec::new(),
        figures: Vec::new(),
        footnotes,
        quotes: Vec::new(),
        planned: false,
        provenance: Vec::new(),
        paragraph: None,
    }))
}

/// A slide's date: one the dataset holds, or one it cannot (before year 0
/// or after 9999), described in words.
enum Dated {
    Day(PartialDate),
    Beyond(String),
}

fn date(d: &TlDate, end: bool) -> Result<Dated, Fault> {
    let fault = |part: usize, message: String| {
        const START: [&[&str]; 3] = [
            &["start_date", "year"],
            &["start_date", "month"],
            &["start_date", "day"],
        ];
        const END: [&[&str]; 3] = [
            &["end_date", "year"],
            &["end_date", "month"],
            &["end_date", "day"],
        ];
        const COLUMNS: [[&str; 3]; 2] = [["year", "month", "day"], ["end year", "end month", "end day"]];
        Fault {
            keys: if end { END[part] } else { START[part] },
            column: COLUMNS[usize::from(end)][part],
            message,
        }
    };
    let Some(year) = d.year.0 else {
        return Err(fault(0, "no year: expected the year of the date".to_string()));
    };
    let Ok(year) = i32::try_from(year).map(|y| (y, (0..=9999).contains(&y))) else {
        return Ok(Dated::Beyond(describe(year)));
    };
    match year {
        (year, true) => {
            let number = |p: Part, i: usize| {
                p.0.map(|n| {
                    u32::try_from(n).map_err(|_| fault(i, format!("{n} is not a month or day number")))
                })
                .transpose()
            };
            let month = number(d.month, 1)?;
            let day = number(d.day, 2)?;
            if month.is_none() && day.is_some() {
                return Err(fault(
                    2,
                    "a day without a month: expected the month too".to_string(),
                ));
            }
            PartialDate::new(year, month, day)
                .map(Dated::Day)
                .map_err(|e| fault(if day.is_some() { 2 } else { 1 }, e.to_string()))
        }
        (year, false) => Ok(Dated::Beyond(describe(i64::from(year)))),
    }
}

/// A year the dataset cannot hold, in words: `13.8 billion years ago`,
/// `500 BCE`, `year 12000`.
fn describe(year: i64) -> String {
    let ago = |n: f64, unit: &str| {
        let n = format!("{n:.1}");
        format!("{} {unit} years ago", n.trim_end_matches(".0"))
    };
    let magnitude = year.unsigned_abs() as f64;
    match year {
        y if y < 0 && magnitude >= 1e9 => ago(magnitude / 1e9, "billion"),
        y if y < 0 && magnitude >= 1e6 => ago(magnitude / 1e6, "million"),
        y if y < 0 => format!("{} BCE", year.unsigned_abs()),
        y => format!("year {y}"),
    }
}

/// HTML as plain text, with its links.
struct Plain {
    text: String,
    /// `(link text, href)` of every `<a href>`, in order.
    links: Vec<(String, String)>,
}

/// The text of an HTML fragment: block elements and `<br>` break lines,
/// runs of spaces are one space; the links are kept aside. Walked without
/// recursion: a deeply nested hostile fragment cannot overflow the stack.
fn html_text(html: &str) -> Plain {
    if !html.contains(['<', '&']) {
        return Plain {
            text: squeeze(html),
            links: Vec::new(),
        };
    }
    let fragment = Html::parse_fragment(html);
    let mut raw = String::new();
    let mut links = Vec::new();
    let mut open_links: Vec<(usize, String)> = Vec::new();
    for edge in fragment.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(text) => raw.push_str(text),
                Node::Element(e) if e.name() == "br" => raw.push('\n'),
                Node::Element(e) if e.name() == "a" => {
                    if let Some(href) = e.attr("href") {
                        open_links.push((raw.len(), href.to_string()));
                    }
                }
                _ => {}
            },
            Edge::Close(node) => match node.value() {
                Node::Element(e) if e.name() == "a" && e.attr("href").is_some() => {
                    if let Some((start, href)) = open_links.pop() {
                        links.push((squeeze(&raw[start..]), href));
                    }
                }
                Node::Element(e) if is_block(e.name()) => raw.push('\n'),
                _ => {}
            },
        }
    }
    Plain {
        text: squeeze(&raw),
        links,
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "blockquote"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "table"
    )
}

/// Each line's whitespace runs as one space; blank lines dropped.
fn squeeze(text: &str) -> String {
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_text_with_its_links() {
        let plain =
            html_text("<p>Talks in <a href='https://x.org/a'>Astana</a>,</p><p>then&nbsp;<b>more</b></p>");
        assert_eq!(plain.text, "Talks in Astana,\nthen more");
        assert_eq!(
            plain.links,
            [("Astana".to_string(), "https://x.org/a".to_string())]
        );
        assert_eq!(html_text("\u{1b}[2J plain").text, "\u{1b}[2J plain");
        let deep = "<div>".repeat(2_000) + "x";
        assert_eq!(html_text(&deep).text, "x");
    }

    #[test]
    fn years_outside_the_dataset_are_words() {
        assert_eq!(describe(-13_800_000_000), "13.8 billion years ago");
        assert_eq!(describe(-65_000_000), "65 million years ago");
        assert_eq!(describe(-500), "500 BCE");
        assert_eq!(describe(12_000), "year 12000");
    }

    #[test]
    fn cosmological_and_bce_events_stay_undated_with_their_date_shown() {
        let json = br#"{"scale": "cosmological", "events": [
            {"start_date": {"year": -13800000000}, "text": {"headline": "Big Bang", "text": "<p>Everything</p>"}},
            {"start_date": {"year": "1969", "month": "7"}, "text": {"headline": "Moon"}, "unique_id": "Apollo 11"}
        ]}"#;
        let dataset = import_json(json, "t.json", &Options::default()).unwrap().dataset;
        assert_eq!(dataset.events[0].date, None);
        assert_eq!(dataset.events[0].summary, "13.8 billion years ago — Everything");
        assert_eq!(dataset.events[1].date.as_deref(), Some("1969-07"));
        assert_eq!(dataset.events[1].id, "apollo-11");
        assert_eq!(dataset.tabs[0].title, "Events");
    }

    #[test]
    fn bad_json_is_located_by_path() {
        let json = b"{\"events\": [{\"start_date\": {\"year\": \"soon\"}}]}";
        let err = import_json(json, "t.json", &Options::default()).unwrap_err();
        assert!(
            matches!(&err.at, Where::Json { path, line: 1, .. } if path == "events[0].start_date.year"),
            "{err}"
        );
        let json = b"{\"events\": [{\"start_date\": {\"year\": 2017, \"month\": 13}, \"text\": {\"headline\": \"x\"}}]}";
        let err = import_json(json, "t.json", &Options::default()).unwrap_err();
        assert!(err.to_string().contains("events[0].start_date.month"), "{err}");
    }
}
