//! Event tables: any delimiter-separated file with a header row, one event
//! a row, columns matched by name (or `--map COLUMN=FIELD`), ACLED exports
//! included. Rows are streamed from the reader: a million-row file is
//! never held whole, only the dataset it becomes.

use std::io::Read;

use csv::StringRecord;

use rustc_hash::FxHashMap;

use super::build::{Builder, EventWriter, link, title_from};
use super::{ImportError, Imported, Options, Skipped, Where, bad_rows};
use crate::date::PartialDate;
use crate::model::{Document, EntityKind, Event, Figure, FootnoteBody, Qualifier};

/// Delimiters a header line is sniffed for, most likely first.
const DELIMITERS: [u8; 4] = [b',', b'\t', b';', b'|'];

/// The delimiter of a header line: the candidate occurring most often
/// outside double quotes, if any does.
pub fn delimiter(line: &[u8]) -> Option<u8> {
    let mut counts = [0usize; DELIMITERS.len()];
    let mut quoted = false;
    for &b in line {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(i) = DELIMITERS.iter().position(|&d| d == b) {
            counts[i] += 1;
        }
    }
    let (best, &count) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(i, c)| (c, std::cmp::Reverse(i)))?;
    (count > 0).then_some(DELIMITERS[best])
}

/// The names in the header line at the start of `head`, lowercased.
fn header_names(head: &[u8]) -> Vec<String> {
    let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
    let Some(delimiter) = delimiter(line) else {
        return Vec::new();
    };
    String::from_utf8_lossy(line)
        .split(char::from(delimiter))
        .map(|name| name.trim().trim_matches('"').trim().to_lowercase())
        .collect()
}

/// Whether `head` starts with the header of TimelineJS's Google-Sheets
/// template rather than an event table.
pub fn is_timeline_sheet(head: &[u8]) -> bool {
    let names = header_names(head);
    ["year", "headline", "display date"]
        .iter()
        .all(|wanted| names.iter().any(|n| n == wanted))
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
    Date,
    End,
    Title,
    Text,
    Tab,
    SubType,
    Actors,
    Places(EntityKind),
    Source,
    Fatalities,
    Precision,
    Ignore,
}

/// The fields `--map` may name, with what they are.
const FIELDS: [(&str, Field); 13] = [
    ("id", Field::Id),
    ("date", Field::Date),
    ("end", Field::End),
    ("title", Field::Title),
    ("text", Field::Text),
    ("tab", Field::Tab),
    ("subtype", Field::SubType),
    ("actors", Field::Actors),
    ("places", Field::Places(EntityKind::Place)),
    ("countries", Field::Places(EntityKind::Country)),
    ("source", Field::Source),
    ("fatalities", Field::Fatalities),
    ("ignore", Field::Ignore),
];

impl Field {
    /// The field a column of this (lowercase) name holds by default.
    fn of(name: &str) -> Field {
        match name {
            "id" | "event_id" | "event_id_cnty" | "unique_id" => Field::Id,
            "date" | "start" | "start_date" | "event_date" => Field::Date,
            "end" | "end_date" => Field::End,
            "title" | "headline" | "name" => Field::Title,
            "text" | "summary" | "description" | "notes" => Field::Text,
            "tab" | "group" | "category" | "type" | "event_type" => Field::Tab,
            "sub_event_type" => Field::SubType,
            "location" | "place" | "admin1" | "admin2" | "admin3" => Field::Places(EntityKind::Place),
            "country" => Field::Places(EntityKind::Country),
            "source" | "url" | "link" => Field::Source,
            "fatalities" => Field::Fatalities,
            "time_precision" => Field::Precision,
            n if n.starts_with("actor") || n.starts_with("assoc_actor") => Field::Actors,
            _ => Field::Ignore,
        }
    }

    /// Whether several columns may hold this field (their values add up).
    fn is_many(self) -> bool {
        matches!(
            self,
            Field::Text | Field::Actors | Field::Places(_) | Field::Source | Field::Ignore
        )
    }
}

/// The field of every column: `--map` first, then names, the first
/// column of a single-valued field winning.
fn columns(header: &StringRecord, options: &Options, origin: &str) -> Result<Vec<Field>, ImportError> {
    let names: Vec<String> = header.iter().map(|n| n.trim().to_lowercase()).collect();
    let error = |message: String| ImportError {
        origin: origin.to_string(),
        at: Where::Row { row: 1, column: None },
        message,
    };
    let mut fields: Vec<Option<Field>> = vec![None; names.len()];
    for (column, field) in &options.map {
        let Some(i) = names.iter().position(|n| *n == column.trim().to_lowercase()) else {
            return Err(error(format!(
                "--map names column {column:?}, which the header does not have: expected one of {}",
                header
                    .iter()
                    .map(|n| format!("{n:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        };
        let Some(&(_, field)) = FIELDS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(field.trim()))
        else {
            return Err(error(format!(
                "--map {column}={field}: unknown field, expected one of {}",
                FIELDS.map(|(name, _)| name).join(", ")
            )));
        };
        fields[i] = Some(field);
    }
    let taken: Vec<Field> = fields.iter().flatten().copied().collect();
    let mut taken = taken;
    for (i, name) in names.iter().enumerate() {
        if fields[i].is_none() {
            let field = Field::of(name);
            fields[i] = Some(if field.is_many() || !taken.contains(&field) {
                taken.push(field);
                field
            } else {
                Field::Ignore
            });
        }
    }
    Ok(fields.into_iter().map(|f| f.unwrap_or(Field::Ignore)).collect())
}

/// Imports an event table from `input`, streaming its rows.
pub fn import(input: impl Read, origin: &str, options: &Options) -> Result<Imported, ImportError> {
    let mut events = Vec::new();
    let (mut builder, document, skipped) = read(input, origin, options, &mut |event| {
        events.push(event);
        Ok(())
    })?;
    for event in events {
        builder.push(event);
    }
    let dataset = builder.finish(document).ok_or_else(|| no_events(origin))?;
    Ok(Imported { dataset, skipped })
}

/// Imports a table into `out` as it is read: memory holds the distinct
/// tabs, entities and sources, never all the rows. On an error `out` has
/// part of a dataset, to be thrown away.
pub fn import_to(
    input: impl Read,
    origin: &str,
    options: &Options,
    out: &mut dyn std::io::Write,
) -> Result<Skipped, ImportError> {
    let mut writer = EventWriter::new(out).map_err(|e| super::write_error(origin, &e))?;
    let (builder, document, skipped) = read(input, origin, options, &mut |event| writer.push(&event))?;
    if writer.count() == 0 {
        return Err(no_events(origin));
    }
    writer
        .finish(&builder, &document)
        .map_err(|e| super::write_error(origin, &e))?;
    Ok(skipped)
}

fn no_events(origin: &str) -> ImportError {
    ImportError {
        origin: origin.to_string(),
        at: Where::Input,
        message: "no events: expected at least one row after the header".to_string(),
    }
}

/// Reads a table's rows into events given to `sink`, with what they
/// refer to in the builder; returns the document and the rows skipped.
fn read(
    input: impl Read,
    origin: &str,
    options: &Options,
    sink: &mut dyn FnMut(Event) -> std::io::Result<()>,
) -> Result<(Builder, Document, Skipped), ImportError> {
    let mut input = std::io::BufReader::with_capacity(1 << 16, input);
    let head = std::io::BufRead::fill_buf(&mut input).map_err(|e| super::io_error(origin, &e))?;
    let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let Some(delimiter) = delimiter(line) else {
        return Err(ImportError {
            origin: origin.to_string(),
            at: Where::Row { row: 1, column: None },
            message: "no header row: expected column names separated by commas, tabs, semicolons or \
                      pipes on the first line"
                .to_string(),
        });
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(input);
    let header = reader.headers().map_err(|e| csv_error(origin, &e, None))?.clone();
    let fields = columns(&header, options, origin)?;
    let is_acled = ["event_id_cnty", "event_date"]
        .iter()
        .all(|name| header.iter().any(|h| h.trim().eq_ignore_ascii_case(name)));
    let mut rows = Rows {
        builder: Builder::default(),
        sources: FxHashMap::default(),
        header,
        fields,
        origin,
    };
    let mut bad = Skipped::default();
    let mut made = 0;
    let mut record = StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let at = csv_error(origin, &e, Some(&rows.header));
                if !options.skip_bad || !matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                    return Err(at);
                }
                bad.add(at);
                continue;
            }
        }
        let row = record.position().map_or(0, |p| p.record() as usize + 1);
        match rows.add(&record, row)? {
            Ok(event) => {
                sink(event).map_err(|e| super::write_error(origin, &e))?;
                made += 1;
            }
            Err(problem) => bad.add(problem),
        }
    }
    if bad.total > 0 && !options.skip_bad {
        return Err(bad_rows(origin, &bad));
    }
    let kind = if is_acled {
        "an ACLED export"
    } else {
        "an event table"
    };
    let document = Document {
        title: format!("Events from {}", display_name(origin)),
        source_note: Some(format!(
            "Imported from {} ({kind}) by dossier import: {made} events.",
            display_name(origin),
        )),
        ..Document::default()
    };
    Ok((rows.builder, document, bad))
}

/// The file name of `origin` without its directories.
fn display_name(origin: &str) -> &str {
    match origin {
        "-" => "standard input",
        o => o.rsplit('/').next().unwrap_or(o),
    }
}

/// A csv crate error, located by row and, for bad UTF-8, column name.
fn csv_error(origin: &str, err: &csv::Error, header: Option<&StringRecord>) -> ImportError {
    let row = |pos: Option<&csv::Position>| pos.map_or(1, |p| p.record() as usize + 1);
    let (at, message) = match err.kind() {
        csv::ErrorKind::Utf8 { pos, err } => (
            Where::Row {
                row: row(pos.as_ref()),
                column: header.and_then(|h| h.get(err.field())).map(str::to_string),
            },
            format!("not UTF-8 text at byte {}: expected UTF-8", err.valid_up_to()),
        ),
        csv::ErrorKind::Io(e) => (Where::Input, format!("cannot read: {e}")),
        _ => (
            Where::Row {
                row: row(err.position()),
                column: None,
            },
            err.to_string(),
        ),
    };
    ImportError {
        origin: origin.to_string(),
        at,
        message,
    }
}

/// The table being turned into events, row by row.
struct Rows<'o> {
    builder: Builder,
    /// The footnote of each source text: rows repeat a few sources, and
    /// making a note (checking its URL) once each is enough.
    sources: FxHashMap<String, u32>,
    header: StringRecord,
    fields: Vec<Field>,
    origin: &'o str,
}

/// Why a row cannot be used.
type Bad = ImportError;

impl Rows<'_> {
    /// Adds the event of one row: `Ok(Err(…))` when the row cannot be used,
    /// `Err` when the whole import must stop.
    fn add(&mut self, record: &StringRecord, row: usize) -> Result<Result<Event, Bad>, ImportError> {
        let bad = |column: usize, message: String| ImportError {
            origin: self.origin.to_string(),
            at: Where::Row {
                row,
                column: self.header.get(column).map(str::to_string),
            },
            message,
        };
        let mut cells = Cells::default();
        for (i, value) in record.iter().enumerate() {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let field = self.fields.get(i).copied().unwrap_or(Field::Ignore);
            match field {
                Field::Date | Field::End => match parse_date(value) {
                    Ok(date) if field == Field::Date => cells.date = Some((i, date)),
                    Ok(date) => cells.end = Some((i, date)),
                    Err(message) => return Ok(Err(bad(i, message))),
                },
                Field::Precision => match value {
                    "1" | "2" | "3" => cells.precision = value.parse().ok(),
                    _ => {
                        return Ok(Err(bad(
                            i,
                            format!("time precision {value:?}: expected 1, 2 or 3"),
                        )));
                    }
                },
                Field::Fatalities => match value.parse::<f64>() {
                    Ok(n) if n.is_finite() && n >= 0.0 => cells.fatalities = Some(n),
                    _ => {
                        return Ok(Err(bad(i, format!("fatalities {value:?}: expected a number"))));
                    }
                },
                Field::Id => cells.id = value,
                Field::Title => cells.title = value,
                Field::Tab => cells.tab = value,
                Field::SubType => cells.subtype = value,
                Field::Text => {
                    if !cells.text.is_empty() {
                        cells.text.push_str("\n\n");
                    }
                    cells.text.push_str(value);
                }
                Field::Actors => cells
                    .actors
                    .extend(value.split(';').map(str::trim).filter(|a| !a.is_empty())),
                Field::Places(kind) => cells.places.push((value, kind)),
                Field::Source => cells.sources.push(value),
                Field::Ignore => {}
            }
        }
        let title = if !cells.title.is_empty() {
            cells.title.to_string()
        } else if !cells.text.is_empty() {
            title_from(&cells.text)
        } else {
            match (cells.tab, cells.places.first()) {
                ("", _) | (_, None) => {
                    return Ok(Err(bad(
                        usize::MAX,
                        "no title and no text: expected one of them".into(),
                    )));
                }
                (tab, Some((place, _))) => format!("{tab} in {place}"),
            }
        };
        let date = cells.date.map(|(_, d)| truncate(d, cells.precision));
        let end = match (cells.end, date) {
            (None, _) => None,
            (Some((i, _)), None) => return Ok(Err(bad(i, "an end date without a start date".into()))),
            (Some((i, end)), Some(start)) if end.last_day() < start.first_day() => {
                return Ok(Err(bad(i, "the end date is before the start date".into())));
            }
            (Some((_, end)), Some(_)) => Some(end),
        };
        let tab = self.builder.tab(cells.tab).map_err(|message| ImportError {
            origin: self.origin.to_string(),
            at: Where::Row {
                row,
                column: self
                    .fields
                    .iter()
                    .position(|&f| f == Field::Tab)
                    .and_then(|i| self.header.get(i))
                    .map(str::to_string),
            },
            message,
        })?;
        let mut summary = cells.text;
        if !cells.subtype.is_empty() {
            if !summary.is_empty() {
                summary.push_str("\n\n");
            }
            summary.push_str("Sub-event type: ");
            summary.push_str(cells.subtype);
        }
        let actors = cells
            .actors
            .iter()
            .map(|a| {
                self.builder
                    .entity(a, EntityKind::Organization, "An actor of the imported table.")
            })
            .collect();
        let mut places: Vec<String> = Vec::new();
        for (name, kind) in cells.places {
            let id = self.builder.entity(name, kind, "A place of the imported table.");
            if !places.contains(&id) {
                places.push(id);
            }
        }
        let footnotes = cells
            .sources
            .iter()
            .map(|&source| {
                if let Some(&number) = self.sources.get(source) {
                    return number;
                }
                let body = link(source, source).unwrap_or_else(|| FootnoteBody::Note {
                    text: format!("Source: {source}"),
                    url: None,
                });
                let number = self.builder.footnote(body);
                self.sources.insert(source.to_string(), number);
                number
            })
            .collect();
        let id = self.builder.event_id(cells.id, &format!("row-{row}"));
        Ok(Ok(Event {
            id,
            date: date.map(iso),
            end: end.map(iso),
            tab,
            title,
            summary,
            actors,
            places,
            figures: cells
                .fatalities
                .map(|value| Figure {
                    value,
                    unit: "fatalities".to_string(),
                    measure: "reported fatalities".to_string(),
                    year: None,
                    qualifier: Qualifier::Exact,
                })
                .into_iter()
                .collect(),
            footnotes,
            quotes: Vec::new(),
            planned: false,
            provenance: Vec::new(),
            paragraph: None,
        }))
    }
}

/// The non-empty cells of one row, by field.
#[derive(Default)]
struct Cells<'r> {
    id: &'r str,
    date: Option<(usize, PartialDate)>,
    end: Option<(usize, PartialDate)>,
    precision: Option<u8>,
    title: &'r str,
    text: String,
    tab: &'r str,
    subtype: &'r str,
    actors: Vec<&'r str>,
    places: Vec<(&'r str, EntityKind)>,
    sources: Vec<&'r str>,
    fatalities: Option<f64>,
}

/// `date` cut to what ACLED's time precision says is known: 1 the day,
/// 2 (a day within a week or so) and 3 (within a month) the month only.
fn truncate(date: PartialDate, precision: Option<u8>) -> PartialDate {
    match precision {
        Some(2 | 3) => PartialDate { day: None, ..date },
        _ => date,
    }
}

/// `date` as the dataset writes it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn iso(date: PartialDate) -> String {
    match (date.month, date.day) {
        (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", date.year),
        (Some(m), None) => format!("{:04}-{m:02}", date.year),
        _ => format!("{:04}", date.year),
    }
}

/// A table's date: ISO (`2017`, `2017-09`, `2017-09-09`, also with a time
/// after it), `2017/09/09`, or with a month name (`9 September 2017`,
/// `September 9, 2017`, `Sep 2017`). Day/month order in `09/09/2017` is
/// a guess this refuses to make.
pub fn parse_date(text: &str) -> Result<PartialDate, String> {
    let unknown = || {
        format!(
            "unrecognised date {text:?}: expected ISO (2017-09-09, 2017-09, 2017) or a month name \
             (9 September 2017)"
        )
    };
    let number = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let checked = |y: u32, m: Option<u32>, d: Option<u32>| {
        let year = i32::try_from(y).map_err(|_| unknown())?;
        PartialDate::new(year, m, d).map_err(|e| format!("invalid date {text:?}: {e}"))
    };
    // ISO, with an optional time after the date.
    let date_part = text.split(['T', ' ']).next().unwrap_or(text);
    for separator in ['-', '/'] {
        let parts: Vec<&str> = date_part.split(separator).collect();
        if parts.len() > 3 || !parts.iter().all(|p| number(p).is_some()) {
            continue;
        }
        if parts[0].len() != 4 {
            if separator == '/' && parts.len() == 3 {
                return Err(format!(
                    "ambiguous date {text:?}: day and month order is unknown; expected ISO \
                     (2017-09-09) or a month name (9 September 2017)"
                ));
            }
            continue;
        }
        let part = |i: usize| parts.get(i).and_then(|p| number(p));
        if parts.len() > 1 && parts[1..].iter().any(|p| p.len() != 2) && separator == '-' {
            return Err(unknown());
        }
        return part(0).map_or_else(|| Err(unknown()), |y| checked(y, part(1), part(2)));
    }
    // With a month name: the 4-digit number is the year, a shorter one the day.
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > 3 {
        return Err(unknown());
    }
    let (mut year, mut month_no, mut day) = (None, None, None);
    for word in words {
        let digits = word.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
        match (number(digits), crate::date::month_named(word)) {
            (Some(n), _) if digits.len() == 4 && year.is_none() => year = Some(n),
            (Some(n), _) if digits.len() <= 2 && day.is_none() => day = Some(n),
            (None, Some(m)) if month_no.is_none() => month_no = Some(m),
            _ => return Err(unknown()),
        }
    }
    match (year, month_no, day) {
        (Some(y), Some(m), d) => checked(y, Some(m), d),
        _ => Err(unknown()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Result<String, String> {
        parse_date(text).map(iso)
    }

    #[test]
    fn dates_are_iso_or_have_a_month_name() {
        assert_eq!(date("2017-09-09"), Ok("2017-09-09".into()));
        assert_eq!(date("2017-09-09T10:00:00Z"), Ok("2017-09-09".into()));
        assert_eq!(date("2017-09"), Ok("2017-09".into()));
        assert_eq!(date("2017"), Ok("2017".into()));
        assert_eq!(date("2017/9/9"), Ok("2017-09-09".into()));
        assert_eq!(date("09 September 2017"), Ok("2017-09-09".into()));
        assert_eq!(date("September 9, 2017"), Ok("2017-09-09".into()));
        assert_eq!(date("9th Sept. 2017"), Ok("2017-09-09".into()));
        assert_eq!(date("Sep 2017"), Ok("2017-09".into()));
        assert!(date("09/09/2017").unwrap_err().starts_with("ambiguous date"));
        assert!(date("2017-02-30").unwrap_err().contains("invalid date"));
        assert!(date("soon").unwrap_err().starts_with("unrecognised date"));
        assert!(date("9 2017").is_err());
        assert!(date("17-9-9").is_err());
    }

    #[test]
    fn delimiters_are_sniffed_outside_quotes() {
        assert_eq!(delimiter(b"a;b;c"), Some(b';'));
        assert_eq!(delimiter(b"\"a,b\"|c|d"), Some(b'|'));
        assert_eq!(delimiter(b"a\tb,c\td"), Some(b'\t'));
        assert_eq!(delimiter(b"title"), None);
    }

    fn run(text: &str, options: &Options) -> Result<Imported, ImportError> {
        import(text.as_bytes(), "t.csv", options)
    }

    #[test]
    fn streamed_and_held_imports_are_one_dataset() {
        let text = "event_id_cnty,event_date,time_precision,event_type,actor1,country,notes,source,fatalities\n\
                    KAZ1,2020-01-05,1,Protests,Workers,Kazakhstan,A march,https://example.org/a,0\n\
                    KAZ2,2020-01-06,2,Riots,Workers; Police,Kazakhstan,\"Clashes, \"\"heavy\"\"\",Local press,3\n";
        let held = run(text, &Options::default()).unwrap().dataset;
        let mut out = Vec::new();
        let skipped = import_to(text.as_bytes(), "t.csv", &Options::default(), &mut out).unwrap();
        assert_eq!(skipped, Skipped::default());
        let streamed = crate::data::load_bytes(&out, "streamed").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(streamed, held);
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("{\n  \"format\": \"dossier\",\n  \"version\": 2,\n  \"events\": [\n    {"));
        assert_eq!(
            text.lines().filter(|l| l.starts_with("    {\"id\"")).count(),
            2,
            "one event a line"
        );
    }

    #[test]
    fn acled_precision_cuts_the_date() {
        let csv = "event_id_cnty,event_date,time_precision,event_type,location,notes\n\
                   A1,2017-09-09,1,Protests,Kabul,one\nA2,2017-09-09,2,Protests,Kabul,two\n";
        let dataset = run(csv, &Options::default()).unwrap().dataset;
        let dates: Vec<_> = dataset.events.iter().map(|e| e.date.as_deref()).collect();
        assert_eq!(dates, [Some("2017-09-09"), Some("2017-09")]);
        assert_eq!(dataset.events[0].id, "a1");
    }

    #[test]
    fn too_many_tabs_is_located() {
        let mut csv = String::from("title,tab\n");
        for i in 0..70 {
            csv.push_str(&format!("t{i},tab {i}\n"));
        }
        let err = run(&csv, &Options::default()).unwrap_err();
        assert_eq!(
            err.at,
            Where::Row {
                row: 66,
                column: Some("tab".into())
            }
        );
    }

    proptest::proptest! {
        #[test]
        fn random_tables_never_panic(bytes in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::sample::select(b",;|\t\n\r\"' -/:9aZ\xc3\xff".to_vec()),
                proptest::num::u8::ANY,
            ],
            0..400,
        ), skip_bad: bool) {
            let header = "id,date,end,title,text,tab,actor1,location,source,fatalities,time_precision\n";
            let mut input = header.as_bytes().to_vec();
            input.extend_from_slice(&bytes);
            let options = Options { skip_bad, ..Options::default() };
            if let Ok(imported) = import(&input[..], "p.csv", &options) {
                let json = serde_json::to_string(&imported.dataset).unwrap();
                proptest::prop_assert_eq!(crate::data::validate(&imported.dataset, &json), []);
            }
            let _ = import(&bytes[..], "p.csv", &options);
        }
    }
}
