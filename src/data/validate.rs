//! Semantic checks on a parsed dataset, and the string-length limit.
//! Paths and messages are built only for what is wrong, and only then is
//! the source scanned again to locate the problems (1,000,000 valid events
//! check in about half a second). Every lookup is a hash table built once,
//! so checking stays linear in the size of the dataset; past
//! [`Limits::max_problems`] problems are only counted, so a file with
//! millions of mistakes is reported in bounded time and memory.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::date::{DateError, PartialDate};
use crate::lookup::{DatasetIndex, Lookup};
use crate::model::{
    Basis, Dataset, ENTITY_FACTS, EVENT_FACTS, Event, FORMAT, FootnoteBody, MAX_TABS, Provenance, TAB_COLORS,
    VERSION,
};

use super::error::Problem;
use super::limits::{Limits, Size, quoted};
use super::locate::positions;
use super::path::JsonPath;

/// Checks `dataset` and returns every problem found, located in `source`
/// (the text it was parsed from) and sorted by position. Empty when the
/// dataset is consistent. Strings are held to the default
/// [`Limits::max_string_bytes`].
pub fn validate(dataset: &Dataset, source: &str) -> Vec<Problem> {
    let limits = Limits {
        max_problems: usize::MAX,
        ..Limits::default()
    };
    report(dataset, source, &limits).problems
}

/// The problems of a dataset: at most [`Limits::max_problems`] of them,
/// located and sorted by position, and how many were found in all.
pub(crate) struct Report {
    pub(crate) problems: Vec<Problem>,
    pub(crate) total: usize,
}

/// Whether `dataset` has no problem at all under `limits`: nothing to
/// locate, so no source text is needed.
pub(crate) fn is_valid(dataset: &Dataset, limits: &Limits) -> bool {
    check(dataset, limits).1 == 0
}

/// Checks `dataset` under `limits`, locating the problems kept in `source`.
pub(crate) fn report(dataset: &Dataset, source: &str, limits: &Limits) -> Report {
    let (issues, total) = check(dataset, limits);
    Report {
        problems: locate(issues, source),
        total,
    }
}

fn locate(issues: Vec<Issue>, source: &str) -> Vec<Problem> {
    if issues.is_empty() {
        return Vec::new();
    }
    let paths: Vec<&JsonPath> = issues.iter().map(|issue| &issue.path).collect();
    let found = positions(source, &paths);
    let mut problems: Vec<Problem> = issues
        .into_iter()
        .zip(found)
        .map(|(issue, pos)| Problem {
            path: issue.path.to_string(),
            line: pos.line,
            column: pos.column,
            message: issue.message,
        })
        .collect();
    problems.sort_by_key(|p| (p.line, p.column));
    problems
}

/// A problem not yet located.
#[derive(Debug)]
struct Issue {
    path: JsonPath,
    message: String,
}

/// The first problems of `dataset` in checking order, and how many there
/// are in all.
fn check(dataset: &Dataset, limits: &Limits) -> (Vec<Issue>, usize) {
    let index = DatasetIndex::new();
    let mut checker = Checker::new(dataset, &index, limits);
    checker.header();
    checker.document();
    checker.tabs();
    checker.entities();
    checker.footnotes();
    if dataset.events.is_empty() {
        checker.report(
            JsonPath::root().key("events"),
            "no events: a dataset needs at least one event".into(),
        );
    }
    // The events a run at a time on every core, beside the strings' lengths:
    // each run's problems are kept apart and joined in order, so they are
    // those of one pass over the events, then the strings. One pass took
    // 0.9 s of a cold open at a million events.
    let (events, strings) = rayon::join(
        || {
            dataset
                .events
                .par_chunks(EVENT_RUN)
                .enumerate()
                .map(|(r, events)| {
                    let mut run = checker.fork();
                    for (j, event) in events.iter().enumerate() {
                        run.event(r * EVENT_RUN + j, event);
                    }
                    run
                })
                .collect::<Vec<_>>()
        },
        || {
            let mut run = checker.fork();
            super::strings::check(dataset, limits.max_string_bytes, &mut |path, len| {
                let message = format!(
                    "string of {} is over the limit of {} per string: expected shorter text",
                    Size(len as u64).precise(),
                    Size(limits.max_string_bytes as u64).precise(),
                );
                run.report(path, message);
            });
            run
        },
    );
    for run in events.into_iter().chain([strings]) {
        checker.join(run);
    }
    (checker.issues, checker.total)
}

/// How many events [`check`] gives each run.
const EVENT_RUN: usize = 4096;

/// The dataset with its lookups by key, plus the problems found so far.
struct Checker<'d> {
    dataset: &'d Dataset,
    /// Entities, footnotes and events by key: the first of duplicates.
    lookup: Lookup<'d>,
    /// The first problems found, at most `max_issues`.
    issues: Vec<Issue>,
    /// Every problem found, kept or not.
    total: usize,
    max_issues: usize,
    /// Valid tab ids as declared, in declaration order, without repeats.
    tabs: Vec<&'d str>,
}

impl<'d> Checker<'d> {
    fn new(dataset: &'d Dataset, index: &'d DatasetIndex, limits: &Limits) -> Self {
        let mut tabs = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for tab in &dataset.tabs {
            if is_slug(&tab.id) && seen.insert(tab.id.as_str()) {
                tabs.push(tab.id.as_str());
            }
        }
        Checker {
            dataset,
            lookup: Lookup::new(dataset, index),
            issues: Vec::new(),
            total: 0,
            max_issues: limits.max_problems,
            tabs,
        }
    }

    /// A checker of the same dataset with no problems found yet, for a
    /// part of the checks run beside the others.
    fn fork(&self) -> Checker<'d> {
        Checker {
            issues: Vec::new(),
            total: 0,
            tabs: self.tabs.clone(),
            ..*self
        }
    }

    /// Takes in the problems a [`Checker::fork`] found, after its own.
    fn join(&mut self, run: Checker<'d>) {
        self.total += run.total;
        let room = self.max_issues.saturating_sub(self.issues.len());
        self.issues.extend(run.issues.into_iter().take(room));
    }

    fn report(&mut self, path: JsonPath, message: String) {
        self.total += 1;
        if self.issues.len() < self.max_issues {
            self.issues.push(Issue { path, message });
        }
    }

    /// Reports an empty or blank `value`, described as `what`.
    fn non_empty(&mut self, value: &str, what: &str, path: impl FnOnce() -> JsonPath) {
        if value.trim().is_empty() {
            self.report(path(), format!("{what} is empty: expected some text"));
        }
    }

    /// Parses a date, reporting it when invalid.
    fn date(&mut self, value: &str, path: impl FnOnce() -> JsonPath) -> Option<PartialDate> {
        match PartialDate::parse(value) {
            Ok(date) => Some(date),
            Err(err) => {
                // The value is quoted short: it may be a megabyte long.
                let message = match err {
                    DateError::Format(_) => format!(
                        "invalid date: expected YYYY, YYYY-MM or YYYY-MM-DD, found {}",
                        quoted(value)
                    ),
                    _ => format!("invalid date {}: {err}", quoted(value)),
                };
                self.report(path(), message);
                None
            }
        }
    }

    fn url(&mut self, value: &str, path: impl FnOnce() -> JsonPath) {
        if let Some(message) = crate::web::problem(value) {
            self.report(path(), message);
        }
    }

    /// `format` and `version`: both absent (version 1), or `"dossier"`
    /// and a version this program reads.
    fn header(&mut self) {
        let ds = self.dataset;
        if let Some(format) = &ds.format
            && format != FORMAT
        {
            let message = format!(
                "format {} is not a dossier dataset: expected \"{FORMAT}\"",
                quoted(format)
            );
            self.report(JsonPath::root().key("format"), message);
        }
        match (ds.format.is_some(), ds.version) {
            (_, Some(v)) if v == 0 || v > VERSION => {
                let message = format!(
                    "version {v} is not one this dossier reads: expected 1 or {VERSION} (a newer dossier may read it)"
                );
                self.report(JsonPath::root().key("version"), message);
            }
            (true, None) => self.report(
                JsonPath::root().key("format"),
                format!("\"format\" without \"version\": expected \"version\": {VERSION} beside it"),
            ),
            (false, Some(v)) if v >= 2 => self.report(
                JsonPath::root().key("version"),
                format!("version {v} without \"format\": expected \"format\": \"{FORMAT}\" beside it"),
            ),
            _ => {}
        }
    }

    fn document(&mut self) {
        let doc = &self.dataset.document;
        let at = |key: &str| JsonPath::root().key("document").key(key);
        self.non_empty(&doc.title, "document title", || at("title"));
        for (key, value) in [("published", &doc.published), ("corrected", &doc.corrected)] {
            if let Some(date) = value {
                self.date(date, || at(key));
            }
        }
        if let Some(url) = &doc.url {
            self.url(url, || at("url"));
        }
    }

    fn tabs(&mut self) {
        let count = self.dataset.tabs.len();
        if !(1..=MAX_TABS).contains(&count) {
            let message = format!("{count} tabs: expected 1 to {MAX_TABS}");
            self.report(JsonPath::root().key("tabs"), message);
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, tab) in self.dataset.tabs.iter().enumerate() {
            let at = |key: &str| JsonPath::item("tabs", i).key(key);
            if !is_slug(&tab.id) {
                let message = format!(
                    "tab id {} is not a slug: expected 1 to 64 lowercase letters, digits, '-' or '_', starting with a letter or digit",
                    quoted(&tab.id),
                );
                self.report(at("id"), message);
            } else if let Some(&first) = seen.get(tab.id.as_str()) {
                let message = format!(
                    "duplicate tab id {}: already declared at tabs[{first}].id",
                    quoted(&tab.id)
                );
                self.report(at("id"), message);
            } else {
                seen.insert(&tab.id, i);
            }
            self.non_empty(&tab.title, "tab title", || at("title"));
            if let Some(label) = &tab.label {
                self.non_empty(label, "tab label", || at("label"));
            }
            if let Some(badge) = &tab.badge
                && !is_badge(badge)
            {
                let message = format!(
                    "badge {} is not one visible character: expected a single letter, digit or sign",
                    quoted(badge)
                );
                self.report(at("badge"), message);
            }
            if let Some(color) = &tab.color
                && !is_color(color)
            {
                let message = format!(
                    "colour {} is not known: expected #rrggbb or one of {}",
                    quoted(color),
                    TAB_COLORS.join(", ")
                );
                self.report(at("color"), message);
            }
        }
    }

    fn entities(&mut self) {
        for (i, entity) in self.dataset.entities.iter().enumerate() {
            let at = |key: &str| JsonPath::item("entities", i).key(key);
            if entity.id.trim().is_empty() {
                self.report(at("id"), "entity id is empty: expected a unique slug".into());
            } else if let Some(first) = self.lookup.entity_index(&entity.id).filter(|&first| first != i) {
                let message = format!(
                    "duplicate entity id {}: first used at entities[{first}].id",
                    quoted(&entity.id)
                );
                self.report(at("id"), message);
            }
            self.non_empty(&entity.name, "entity name", || at("name"));
            self.provenance(&entity.provenance, &ENTITY_FACTS, |k| at("provenance").index(k));
        }
    }

    /// A fact's basis must name a field of its item, and say what a fact
    /// not stated in the analysis rests on.
    fn provenance(&mut self, list: &[Provenance], facts: &[&str], at: impl Fn(usize) -> JsonPath) {
        for (k, p) in list.iter().enumerate() {
            if !facts.contains(&p.fact.as_str()) {
                let message = format!(
                    "unknown fact {}: expected one of {}",
                    quoted(&p.fact),
                    facts.join(", ")
                );
                self.report(at(k).key("fact"), message);
            }
            let blank = p.note.as_deref().is_none_or(|n| n.trim().is_empty());
            if p.basis != Basis::Stated && blank {
                let message = "provenance note is missing: a derived or external fact needs a note saying what it rests on";
                self.report(at(k).key("basis"), message.into());
            }
        }
    }

    fn footnotes(&mut self) {
        let footnotes = &self.dataset.footnotes;
        for (i, footnote) in footnotes.iter().enumerate() {
            let at = |key: &str| JsonPath::item("footnotes", i).key(key);
            let number = footnote.number;
            if number == 0 {
                self.report(
                    at("number"),
                    "footnote number 0: expected a number from 1 up".into(),
                );
            } else if let Some(first) = self.lookup.footnote_index(number).filter(|&first| first != i) {
                let message =
                    format!("duplicate footnote number {number}: first used at footnotes[{first}].number");
                self.report(at("number"), message);
            }
            match &footnote.body {
                FootnoteBody::Citation(citation) => {
                    self.non_empty(&citation.title, "citation title", || at("title"));
                    if let Some(published) = &citation.published {
                        self.date(published, || at("published"));
                    }
                    if let Some(accessed) = &citation.accessed {
                        self.date(accessed, || at("accessed"));
                    }
                    if let Some(url) = &citation.url {
                        self.url(url, || at("url"));
                    }
                }
                FootnoteBody::Note { url: Some(url), .. } => self.url(url, || at("url")),
                FootnoteBody::Note { url: None, .. } | FootnoteBody::Unresolved { .. } => {}
                FootnoteBody::Backref { refers_to, .. } => {
                    self.backref(number, *refers_to, || at("refers_to"));
                }
            }
        }
    }

    /// Footnote `number` refers back to `target`, which must be an earlier
    /// full citation.
    fn backref(&mut self, number: u32, target: u32, path: impl Fn() -> JsonPath) {
        let Some(target_note) = self.lookup.footnote(target) else {
            let message = format!(
                "refers to footnote {target}, which does not exist: expected the number of an earlier citation"
            );
            self.report(path(), message);
            return;
        };
        if target == number {
            let message =
                format!("refers to itself (footnote {number}): expected the number of an earlier citation");
            self.report(path(), message);
        } else if target > number {
            let message = format!(
                "points forward: refers to footnote {target} from footnote {number}: expected a lower number (an earlier citation)"
            );
            self.report(path(), message);
        }
        let what = match &target_note.body {
            FootnoteBody::Citation(_) => return,
            FootnoteBody::Note { .. } => "an explanatory note",
            FootnoteBody::Unresolved { .. } => "an unresolved short title",
            FootnoteBody::Backref { .. } => "another back-reference",
        };
        let message = format!(
            "refers to footnote {target}, which is {what}, not a citation: expected the number of a full citation"
        );
        self.report(path(), message);
    }

    fn event(&mut self, i: usize, event: &'d Event) {
        let at = |key: &str| JsonPath::item("events", i).key(key);
        let at_index = |key: &str, k: usize| at(key).index(k);
        if event.id.trim().is_empty() {
            self.report(at("id"), "event id is empty: expected a unique slug".into());
        } else {
            if let Some(first) = self.lookup.event_index(&event.id).filter(|&first| first != i) {
                let message = format!(
                    "duplicate event id {}: first used at events[{first}].id",
                    quoted(&event.id),
                );
                self.report(at("id"), message);
            }
        }
        let start = event
            .date
            .as_ref()
            .and_then(|date| self.date(date, || at("date")));
        if event.date.is_none() && event.end.is_some() {
            let message =
                "an end without a date: expected a date for the start of the span, or no end".into();
            self.report(at("end"), message);
        }
        if let Some(end_text) = &event.end {
            let end = self.date(end_text, || at("end"));
            if let (Some(start), Some(end)) = (start, end)
                && end.last_day() < start.first_day()
            {
                let message = format!(
                    "end {} is before date {}: expected an end on or after the start",
                    quoted(end_text),
                    quoted(event.date.as_deref().unwrap_or_default())
                );
                self.report(at("end"), message);
            }
        }
        if !self.tabs.contains(&event.tab.as_str()) {
            let message = if self.tabs.is_empty() {
                format!(
                    "unknown tab {}: no valid tabs are declared in tabs",
                    quoted(&event.tab)
                )
            } else {
                format!(
                    "unknown tab {}: expected one of {}",
                    quoted(&event.tab),
                    self.tabs.join(", ")
                )
            };
            self.report(at("tab"), message);
        }
        self.non_empty(&event.title, "event title", || at("title"));
        for (k, id) in event.actors.iter().enumerate() {
            self.entity_ref(id, || at_index("actors", k));
        }
        for (k, id) in event.places.iter().enumerate() {
            self.entity_ref(id, || at_index("places", k));
        }
        for (k, figure) in event.figures.iter().enumerate() {
            if !figure.value.is_finite() {
                let message = format!(
                    "figure value {} is not a finite number: expected a finite number",
                    figure.value
                );
                self.report(at_index("figures", k).key("value"), message);
            }
        }
        for (k, &number) in event.footnotes.iter().enumerate() {
            self.footnote_ref(number, || at_index("footnotes", k));
        }
        for (k, quote) in event.quotes.iter().enumerate() {
            self.entity_ref(&quote.speaker, || at_index("quotes", k).key("speaker"));
            self.footnote_ref(quote.footnote, || at_index("quotes", k).key("footnote"));
        }
        self.provenance(&event.provenance, &EVENT_FACTS, |k| at_index("provenance", k));
    }

    fn entity_ref(&mut self, id: &str, path: impl FnOnce() -> JsonPath) {
        if self.lookup.entity_index(id).is_none() {
            let message = format!(
                "unknown entity {}: expected the id of an entry in entities",
                quoted(id)
            );
            self.report(path(), message);
        }
    }

    fn footnote_ref(&mut self, number: u32, path: impl FnOnce() -> JsonPath) {
        if self.lookup.footnote(number).is_none() {
            let message = format!("unknown footnote {number}: expected the number of an entry in footnotes");
            self.report(path(), message);
        }
    }
}

/// A tab id: `[a-z0-9][a-z0-9_-]{0,63}`, as the JSON Schema says.
pub(crate) fn is_slug(id: &str) -> bool {
    let mut bytes = id.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z' | b'0'..=b'9'))
        && id.len() <= 64
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_'))
}

/// One character one column wide that shows something.
fn is_badge(badge: &str) -> bool {
    use unicode_width::UnicodeWidthChar;
    let mut chars = badge.chars();
    matches!((chars.next(), chars.next()), (Some(c), None)
        if !c.is_whitespace() && !crate::sanitize::is_unsafe(c) && c.width() == Some(1))
}

/// A colour name of [`TAB_COLORS`] or `#rrggbb`.
fn is_color(color: &str) -> bool {
    match color.strip_prefix('#') {
        Some(hex) => hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()),
        None => TAB_COLORS.contains(&color),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::testdata::{BASE, MINI, assert_problem, edit};

    fn problems(text: &str) -> Vec<Problem> {
        let dataset: Dataset = serde_json::from_str(text).expect("test JSON has the schema's shape");
        validate(&dataset, text)
    }

    /// The single problem of `text`.
    #[track_caller]
    fn only(text: &str) -> Problem {
        let mut found = problems(text);
        assert_eq!(found.len(), 1, "{found:#?}");
        found.remove(0)
    }

    #[test]
    fn events_checked_in_runs_give_the_problems_of_one_pass_in_order() {
        let mut dataset: Dataset = serde_json::from_str(MINI).unwrap();
        let first = dataset.events[0].clone();
        let n = 3 * EVENT_RUN + 10;
        dataset.events = (0..n)
            .map(|i| Event {
                id: format!("e{i}"),
                ..first.clone()
            })
            .collect();
        // Problems in every run, and past the last: a string too long in
        // the first event, found by the strings' check after the events'.
        let bad = [3, EVENT_RUN - 1, EVENT_RUN, 2 * EVENT_RUN + 7, n - 1];
        for &i in &bad {
            dataset.events[i].title.clear();
        }
        dataset.events[2 * EVENT_RUN + 9].id = "e1".into();
        let limits = Limits::default();
        dataset.events[0].summary = "x".repeat(limits.max_string_bytes + 1);
        let paths = |max_problems| {
            let (issues, total) = check(
                &dataset,
                &Limits {
                    max_problems,
                    ..limits
                },
            );
            let paths: Vec<String> = issues.iter().map(|i| i.path.to_string()).collect();
            (paths, total)
        };
        let mut expected: Vec<String> = bad.iter().map(|i| format!("events[{i}].title")).collect();
        expected.insert(4, format!("events[{}].id", 2 * EVENT_RUN + 9));
        expected.push("events[0].summary".into());
        assert_eq!(paths(usize::MAX), (expected.clone(), expected.len()));
        assert_eq!(
            paths(3),
            (expected[..3].to_vec(), expected.len()),
            "the first kept"
        );
    }

    #[test]
    fn valid_datasets_have_no_problems() {
        assert_eq!(problems(BASE), []);
        assert_eq!(problems(MINI), []);
    }

    #[test]
    fn tab_ids_are_any_slug_and_events_use_declared_ones() {
        // Any slug is a tab id; an event in an undeclared one is located.
        let found = problems(&edit(&[(r#""id": "economic""#, r#""id": "finance-2017""#)]));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_problem(
            &found[0],
            "events[1].tab",
            (6, 38),
            r#"unknown tab "economic": expected one of political, finance-2017"#,
        );
        let found = problems(&edit(&[
            (r#""id": "economic""#, r#""id": "Econ omic""#),
            (r#""tab": "economic""#, r#""tab": "Econ omic""#),
        ]));
        assert_problem(
            &found[0],
            "tabs[1].id",
            (3, 76),
            r#"tab id "Econ omic" is not a slug: expected 1 to 64 lowercase letters, digits, '-' or '_', starting with a letter or digit"#,
        );
    }

    #[test]
    fn tabs_number_1_to_64() {
        let none = edit(&[(
            r#"[{"id": "political", "title": "Political", "summary": "s"}, {"id": "economic", "title": "Economic", "summary": "s"}]"#,
            "[]",
        )]);
        assert_problem(&problems(&none)[0], "tabs", (3, 9), "0 tabs: expected 1 to 64");
        let many: Vec<String> = (0..65)
            .map(|i| format!(r#"{{"id": "t{i}", "title": "T{i}"}}"#))
            .chain([r#"{"id": "political", "title": "P"}, {"id": "economic", "title": "E"}"#.to_string()])
            .collect();
        let text = edit(&[(
            r#"[{"id": "political", "title": "Political", "summary": "s"}, {"id": "economic", "title": "Economic", "summary": "s"}]"#,
            &format!("[{}]", many.join(", ")),
        )]);
        assert_problem(&only(&text), "tabs", (3, 9), "67 tabs: expected 1 to 64");
    }

    #[test]
    fn tab_badges_colours_and_labels_are_checked() {
        let text = edit(&[(
            r#"{"id": "economic", "title": "Economic", "summary": "s"}"#,
            r#"{"id": "economic", "title": "Economic", "label": " ", "badge": "EC", "color": "teal"}"#,
        )]);
        let found = problems(&text);
        let messages: Vec<&str> = found.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "tab label is empty: expected some text",
                r#"badge "EC" is not one visible character: expected a single letter, digit or sign"#,
                r#"colour "teal" is not known: expected #rrggbb or one of black, red, green, yellow, blue, magenta, cyan, gray, darkgray, lightred, lightgreen, lightyellow, lightblue, lightmagenta, lightcyan, white"#,
            ]
        );
        let fine = edit(&[(
            r#"{"id": "economic", "title": "Economic", "summary": "s"}"#,
            r##"{"id": "economic", "title": "Economic", "label": "Econ", "badge": "€", "color": "#00aa7F"}"##,
        )]);
        assert_eq!(problems(&fine), []);
    }

    #[test]
    fn the_header_names_a_version_this_program_reads() {
        let v2 = |header: &str| edit(&[("{\n\"document\"", &format!("{{{header}\n\"document\""))]);
        assert_eq!(problems(&v2(r#""format": "dossier", "version": 2,"#)), []);
        assert_eq!(problems(&v2(r#""version": 1,"#)), []);
        let messages =
            |text: &str| -> Vec<String> { problems(text).into_iter().map(|p| p.to_string()).collect() };
        assert_eq!(
            messages(&v2(r#""format": "dossier", "version": 3,"#)),
            [
                "version (1:34): version 3 is not one this dossier reads: expected 1 or 2 (a newer dossier may read it)"
            ]
        );
        assert_eq!(
            messages(&v2(r#""format": "timeline", "version": 2,"#)),
            [r#"format (1:12): format "timeline" is not a dossier dataset: expected "dossier""#]
        );
        assert_eq!(
            messages(&v2(r#""version": 2,"#)),
            [r#"version (1:13): version 2 without "format": expected "format": "dossier" beside it"#]
        );
        assert_eq!(
            messages(&v2(r#""format": "dossier","#)),
            [r#"format (1:12): "format" without "version": expected "version": 2 beside it"#]
        );
    }

    #[test]
    fn events_may_be_undated_but_a_span_needs_its_start() {
        assert_eq!(problems(&edit(&[(r#""date": "2016", "#, "")])), []);
        let text = edit(&[(r#""date": "2016", "#, r#""end": "2017", "#)]);
        assert_problem(
            &only(&text),
            "events[1].end",
            (6, 22),
            "an end without a date: expected a date for the start of the span, or no end",
        );
    }

    #[test]
    fn duplicate_tab_id() {
        let text = edit(&[
            (r#""id": "economic""#, r#""id": "political""#),
            (r#""tab": "economic""#, r#""tab": "political""#),
        ]);
        assert_problem(
            &only(&text),
            "tabs[1].id",
            (3, 76),
            r#"duplicate tab id "political": already declared at tabs[0].id"#,
        );
    }

    #[test]
    fn event_tab_must_be_declared() {
        let text = edit(&[(r#""tab": "economic""#, r#""tab": "security""#)]);
        assert_problem(
            &only(&text),
            "events[1].tab",
            (6, 38),
            r#"unknown tab "security": expected one of political, economic"#,
        );
    }

    #[test]
    fn duplicate_event_id() {
        let text = edit(&[(r#""id": "ev2""#, r#""id": "ev1""#)]);
        assert_problem(
            &only(&text),
            "events[1].id",
            (6, 8),
            r#"duplicate event id "ev1": first used at events[0].id"#,
        );
    }

    #[test]
    fn duplicate_entity_id() {
        let text = edit(&[(r#""id": "nazarbayev""#, r#""id": "erdogan""#)]);
        assert_problem(
            &only(&text),
            "entities[1].id",
            (10, 8),
            r#"duplicate entity id "erdogan": first used at entities[0].id"#,
        );
    }

    #[test]
    fn duplicate_footnote_number() {
        let text = edit(&[(r#""number": 3"#, r#""number": 2"#)]);
        assert_problem(
            &only(&text),
            "footnotes[2].number",
            (15, 12),
            "duplicate footnote number 2: first used at footnotes[1].number",
        );
    }

    #[test]
    fn footnote_number_zero() {
        let text = edit(&[(r#""number": 3"#, r#""number": 0"#)]);
        assert_problem(
            &only(&text),
            "footnotes[2].number",
            (15, 12),
            "footnote number 0: expected a number from 1 up",
        );
    }

    #[test]
    fn impossible_day() {
        let text = edit(&[(r#""date": "2017-09-09""#, r#""date": "2017-02-30""#)]);
        assert_problem(
            &only(&text),
            "events[0].date",
            (5, 23),
            r#"invalid date "2017-02-30": day 30 does not exist in 2017-02 (it has 28 days)"#,
        );
    }

    #[test]
    fn impossible_month_counts_columns_in_characters() {
        // "Öğütcü" earlier on the line is 6 characters but 10 bytes.
        let text = edit(&[(r#""published": "2017-09-13""#, r#""published": "2017-13""#)]);
        assert_problem(
            &only(&text),
            "document.published",
            (2, 123),
            r#"invalid date "2017-13": month 13 does not exist (expected 01-12)"#,
        );
    }

    #[test]
    fn malformed_citation_date() {
        let text = edit(&[(r#""published": "2017-09-01""#, r#""published": "Sept 2017""#)]);
        assert_problem(
            &only(&text),
            "footnotes[0].published",
            (13, 81),
            r#"invalid date: expected YYYY, YYYY-MM or YYYY-MM-DD, found "Sept 2017""#,
        );
    }

    #[test]
    fn end_before_date() {
        let text = edit(&[(
            r#""date": "2017-09-09""#,
            r#""date": "2017-09-09", "end": "2017-08""#,
        )]);
        assert_problem(
            &only(&text),
            "events[0].end",
            (5, 44),
            r#"end "2017-08" is before date "2017-09-09": expected an end on or after the start"#,
        );
    }

    #[test]
    fn partial_end_covering_the_date_is_fine() {
        // "2017-09" lasts until 30 September: not before the 9th.
        let text = edit(&[(
            r#""date": "2017-09-09""#,
            r#""date": "2017-09-09", "end": "2017-09""#,
        )]);
        assert_eq!(problems(&text), []);
    }

    #[test]
    fn event_footnote_must_exist() {
        let text = edit(&[(r#""footnotes": [1]"#, r#""footnotes": [9]"#)]);
        assert_problem(
            &only(&text),
            "events[0].footnotes[0]",
            (5, 140),
            "unknown footnote 9: expected the number of an entry in footnotes",
        );
    }

    #[test]
    fn actor_must_exist() {
        let text = edit(&[(r#""actors": ["erdogan"]"#, r#""actors": ["erdogn"]"#)]);
        assert_problem(
            &only(&text),
            "events[0].actors[0]",
            (5, 114),
            r#"unknown entity "erdogn": expected the id of an entry in entities"#,
        );
    }

    #[test]
    fn place_must_exist() {
        let text = edit(&[(r#""actors": ["erdogan"]"#, r#""places": ["astana"]"#)]);
        assert_problem(
            &only(&text),
            "events[0].places[0]",
            (5, 114),
            r#"unknown entity "astana""#,
        );
    }

    #[test]
    fn quote_speaker_must_exist() {
        let text = edit(&[(r#""speaker": "erdogan""#, r#""speaker": "nobody""#)]);
        assert_problem(
            &only(&text),
            "events[1].quotes[0].speaker",
            (6, 169),
            r#"unknown entity "nobody""#,
        );
    }

    #[test]
    fn quote_footnote_must_exist() {
        let text = edit(&[(r#""footnote": 2"#, r#""footnote": 7"#)]);
        assert_problem(
            &only(&text),
            "events[1].quotes[0].footnote",
            (6, 213),
            "unknown footnote 7",
        );
    }

    #[test]
    fn figure_must_be_finite() {
        // JSON cannot spell infinity, but a dataset built in code can hold it.
        let mut dataset: Dataset = serde_json::from_str(BASE).unwrap();
        dataset.events[1].figures[0].value = f64::INFINITY;
        let found = validate(&dataset, BASE);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_problem(
            &found[0],
            "events[1].figures[0].value",
            (6, 106),
            "figure value inf is not a finite number",
        );
    }

    #[test]
    fn backref_target_must_exist() {
        let text = edit(&[(r#""refers_to": 1"#, r#""refers_to": 9"#)]);
        assert_problem(
            &only(&text),
            "footnotes[1].refers_to",
            (14, 64),
            "refers to footnote 9, which does not exist",
        );
    }

    #[test]
    fn backref_must_not_point_forward() {
        let text = edit(&[
            (r#""number": 1"#, r#""number": 5"#),
            (r#""footnotes": [1]"#, r#""footnotes": [5]"#),
            (r#""refers_to": 1"#, r#""refers_to": 5"#),
        ]);
        assert_problem(
            &only(&text),
            "footnotes[1].refers_to",
            (14, 64),
            "points forward: refers to footnote 5 from footnote 2: expected a lower number",
        );
    }

    #[test]
    fn backref_must_not_point_to_itself() {
        let text = edit(&[(r#""refers_to": 1"#, r#""refers_to": 2"#)]);
        let found = problems(&text);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_problem(&found[0], "footnotes[1].refers_to", (14, 64), "refers to itself");
        assert_problem(
            &found[1],
            "footnotes[1].refers_to",
            (14, 64),
            "which is another back-reference, not a citation",
        );
    }

    #[test]
    fn backref_must_point_to_a_citation() {
        let to_note = edit(&[(
            r#"{"number": 4, "kind": "unresolved", "text": "u"}"#,
            r#"{"number": 4, "kind": "backref", "text": "u", "refers_to": 3}"#,
        )]);
        assert_problem(
            &only(&to_note),
            "footnotes[3].refers_to",
            (16, 60),
            "refers to footnote 3, which is an explanatory note, not a citation",
        );
        let to_backref = edit(&[(
            r#"{"number": 3, "kind": "note", "text": "n"}"#,
            r#"{"number": 3, "kind": "backref", "text": "n", "refers_to": 2}"#,
        )]);
        assert_problem(
            &only(&to_backref),
            "footnotes[2].refers_to",
            (15, 60),
            "refers to footnote 2, which is another back-reference, not a citation",
        );
        let to_unresolved = edit(&[(
            r#""kind": "citation", "title": "Şehir", "outlet": "o", "published": "2017-09-01", "url": "https://example.org/a""#,
            r#""kind": "unresolved", "text": "Şehir""#,
        )]);
        assert_problem(
            &only(&to_unresolved),
            "footnotes[1].refers_to",
            (14, 64),
            "refers to footnote 1, which is an unresolved short title, not a citation",
        );
    }

    #[test]
    fn url_must_be_http() {
        let text = edit(&[(r#""https://example.org/a""#, r#""ftp://example.org/a""#)]);
        assert_problem(
            &only(&text),
            "footnotes[0].url",
            (13, 102),
            r#"invalid URL "ftp://example.org/a": expected it to start with http:// or https://"#,
        );
    }

    #[test]
    fn url_must_not_contain_whitespace_or_controls() {
        let text = edit(&[(r#""https://example.org/a""#, r#""https://example.org/a b""#)]);
        assert_problem(
            &only(&text),
            "footnotes[0].url",
            (13, 102),
            "a space at character 22: expected no whitespace or control characters",
        );
        let text = edit(&[(
            r#""kind": "note", "text": "n""#,
            r#""kind": "note", "text": "n", "url": "http://example.org/\u0007""#,
        )]);
        assert_problem(
            &only(&text),
            "footnotes[2].url",
            (15, 51),
            r#"invalid URL "http://example.org/\u{7}": control character U+0007 at character 20"#,
        );
    }

    #[test]
    fn url_must_not_hide_characters() {
        for (escaped, code) in [
            (r"\u202e", "202E"),
            (r"\u2066", "2066"),
            (r"\u200b", "200B"),
            (r"\ufeff", "FEFF"),
            (r"\u00ad", "00AD"),
        ] {
            let text = edit(&[(
                r#""https://example.org/a""#,
                &format!(r#""https://example.org/{escaped}a""#),
            )]);
            assert_problem(
                &only(&text),
                "footnotes[0].url",
                (13, 102),
                &format!("invisible formatting character U+{code} at character 21"),
            );
        }
    }

    #[test]
    fn url_needs_a_host() {
        // WHATWG parsing finds no host in any of these either.
        for url in [
            "https://",
            "http://?q",
            "http://:80",
            "http://@",
            "http://#",
            "https://@/x",
        ] {
            let text = edit(&[(
                r#""language": "en""#,
                &format!(r#""language": "en", "url": "{url}""#),
            )]);
            let problem = only(&text);
            assert_eq!(problem.path, "document.url");
            assert!(
                problem.message.contains("expected a host name"),
                "{url}: {problem}"
            );
        }
    }

    #[test]
    fn url_must_parse() {
        for (url, expected) in [
            ("https://[::1/", "invalid IPv6 address"),
            ("http://exa%mple.org/", "invalid international domain name"),
            ("https://example.org:99999/", "invalid port number"),
        ] {
            let text = edit(&[(r#""https://example.org/a""#, &format!(r#""{url}""#))]);
            let problem = only(&text);
            assert_eq!(problem.path, "footnotes[0].url");
            assert!(problem.message.contains(expected), "{url}: {problem}");
        }
    }

    #[test]
    fn url_must_not_hide_its_host_behind_a_backslash() {
        // Browsers read `\` as `/`: the host is evil.example, not good.example.
        let text = edit(&[(
            r#""https://example.org/a""#,
            r#""https://evil.example\\@good.example/""#,
        )]);
        assert_problem(
            &only(&text),
            "footnotes[0].url",
            (13, 102),
            "a backslash at character 21: expected / (browsers read a backslash as /)",
        );
    }

    #[test]
    fn titles_names_and_ids_must_not_be_empty() {
        let text = edit(&[
            (r#""title": "Kazakistan""#, r#""title": "  ""#),
            (r#""title": "Political""#, r#""title": """#),
            (r#""title": "Erdoğan in Astana""#, r#""title": "\t""#),
            (r#""title": "Şehir""#, r#""title": """#),
            (r#""id": "ev2""#, r#""id": """#),
            (r#""id": "nazarbayev""#, r#""id": " ""#),
            (r#""name": "Erdoğan""#, r#""name": """#),
        ]);
        let found = problems(&text);
        let summary: Vec<(&str, &str)> = found
            .iter()
            .map(|p| (p.path.as_str(), p.message.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                ("document.title", "document title is empty: expected some text"),
                ("tabs[0].title", "tab title is empty: expected some text"),
                ("events[0].title", "event title is empty: expected some text"),
                ("events[1].id", "event id is empty: expected a unique slug"),
                ("entities[0].name", "entity name is empty: expected some text"),
                ("entities[1].id", "entity id is empty: expected a unique slug"),
                (
                    "footnotes[0].title",
                    "citation title is empty: expected some text"
                ),
            ]
        );
        assert_eq!((found[0].line, found[0].column), (2, 23));
        assert_eq!((found[4].line, found[4].column), (9, 27));
    }

    #[test]
    fn provenance_names_a_known_fact_and_notes_its_basis() {
        let text = edit(&[
            (
                r#""summary": "s", "actors": ["erdogan"]"#,
                r#""summary": "s", "provenance": [{"fact": "date", "basis": "derived", "note": "note 1's day"}, {"fact": "place", "basis": "stated"}], "actors": ["erdogan"]"#,
            ),
            (
                r#""name": "Erdoğan", "kind": "person", "description": "d"}"#,
                r#""name": "Erdoğan", "kind": "person", "description": "d", "provenance": [{"fact": "date", "basis": "external", "note": " "}]}"#,
            ),
        ]);
        let found = problems(&text);
        let summary: Vec<(&str, &str)> = found
            .iter()
            .map(|p| (p.path.as_str(), p.message.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                (
                    "events[0].provenance[1].fact",
                    "unknown fact \"place\": expected one of date, end, title, summary"
                ),
                (
                    "entities[0].provenance[0].fact",
                    "unknown fact \"date\": expected one of name, description"
                ),
                (
                    "entities[0].provenance[0].basis",
                    "provenance note is missing: a derived or external fact needs a note saying what it rests on"
                ),
            ]
        );
        assert_eq!(found[0].line, 5);
    }

    #[test]
    fn reports_all_problems_in_source_order() {
        let text = edit(&[
            (r#""refers_to": 1"#, r#""refers_to": 9"#),
            (r#""date": "2016""#, r#""date": "2016-00""#),
            (r#""actors": ["erdogan"]"#, r#""actors": ["erdogn"]"#),
        ]);
        let found = problems(&text);
        let paths: Vec<&str> = found.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            ["events[0].actors[0]", "events[1].date", "footnotes[1].refers_to"]
        );
        assert_eq!(
            found[1].to_string(),
            r#"events[1].date (6:23): invalid date "2016-00": month 0 does not exist (expected 01-12)"#
        );
    }

    #[test]
    fn locates_even_when_the_source_does_not_match() {
        // A dataset changed in code, checked against unrelated text: the
        // problems are still reported, at the nearest existing value.
        let mut dataset: Dataset = serde_json::from_str(BASE).unwrap();
        dataset.events[0].date = Some("soon".into());
        let found = validate(&dataset, "not json at all");
        assert_eq!(found.len(), 1);
        assert_problem(&found[0], "events[0].date", (1, 1), "invalid date");
        let found = validate(&dataset, r#"{"events": []}"#);
        assert_problem(&found[0], "events[0].date", (1, 12), "invalid date");
    }
}
