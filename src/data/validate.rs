//! Semantic checks on a parsed dataset. Checking allocates nothing per item
//! unless something is wrong; only then is the source parsed again to
//! locate the problems.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::date::{DateError, PartialDate};
use crate::model::{Dataset, Event, FootnoteBody, TAB_IDS};

use super::error::Problem;
use super::locate::Locator;
use super::path::JsonPath;

/// Checks `dataset` and returns every problem found, located in `source`
/// (the text it was parsed from) and sorted by position. Empty when the
/// dataset is consistent.
pub fn validate(dataset: &Dataset, source: &str) -> Vec<Problem> {
    let issues = check(dataset);
    if issues.is_empty() {
        return Vec::new();
    }
    let locator = Locator::new(source);
    let mut problems: Vec<Problem> = issues
        .into_iter()
        .map(|issue| {
            let pos = locator.position(&issue.path);
            Problem {
                path: issue.path.to_string(),
                line: pos.line,
                column: pos.column,
                message: issue.message,
            }
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

/// Every problem of `dataset`, in checking order.
fn check(dataset: &Dataset) -> Vec<Issue> {
    let mut checker = Checker::new(dataset);
    checker.document();
    checker.tabs();
    checker.entities();
    checker.footnotes();
    for (i, event) in dataset.events.iter().enumerate() {
        checker.event(i, event);
    }
    checker.issues
}

/// Lookup tables built once, plus the problems found so far.
struct Checker<'d> {
    dataset: &'d Dataset,
    issues: Vec<Issue>,
    /// Valid tab ids as declared, in declaration order, without repeats.
    tabs: Vec<&'d str>,
    /// Entity id -> index of its first occurrence.
    entities: HashMap<&'d str, usize>,
    /// Footnote number -> index of its first occurrence.
    footnotes: HashMap<u32, usize>,
    /// Event id -> index of its first occurrence.
    events: HashMap<&'d str, usize>,
}

impl<'d> Checker<'d> {
    fn new(dataset: &'d Dataset) -> Self {
        let mut tabs = Vec::new();
        for tab in &dataset.tabs {
            if TAB_IDS.contains(&tab.id.as_str()) && !tabs.contains(&tab.id.as_str()) {
                tabs.push(tab.id.as_str());
            }
        }
        let mut entities = HashMap::with_capacity(dataset.entities.len());
        for (i, entity) in dataset.entities.iter().enumerate() {
            entities.entry(entity.id.as_str()).or_insert(i);
        }
        let mut footnotes = HashMap::with_capacity(dataset.footnotes.len());
        for (i, footnote) in dataset.footnotes.iter().enumerate() {
            footnotes.entry(footnote.number).or_insert(i);
        }
        Checker {
            dataset,
            issues: Vec::new(),
            tabs,
            entities,
            footnotes,
            events: HashMap::with_capacity(dataset.events.len()),
        }
    }

    fn report(&mut self, path: JsonPath, message: String) {
        self.issues.push(Issue { path, message });
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
                let message = match err {
                    DateError::Format(_) => format!("invalid date: {err}"),
                    _ => format!("invalid date {value:?}: {err}"),
                };
                self.report(path(), message);
                None
            }
        }
    }

    fn url(&mut self, value: &str, path: impl FnOnce() -> JsonPath) {
        if let Some(message) = url_problem(value) {
            self.report(path(), message);
        }
    }

    fn document(&mut self) {
        let doc = &self.dataset.document;
        let at = |key: &str| JsonPath::root().key("document").key(key);
        self.non_empty(&doc.title, "document title", || at("title"));
        self.date(&doc.published, || at("published"));
        if let Some(corrected) = &doc.corrected {
            self.date(corrected, || at("corrected"));
        }
        if let Some(url) = &doc.url {
            self.url(url, || at("url"));
        }
    }

    fn tabs(&mut self) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, tab) in self.dataset.tabs.iter().enumerate() {
            let at = |key: &str| JsonPath::item("tabs", i).key(key);
            if !TAB_IDS.contains(&tab.id.as_str()) {
                let message = format!(
                    "unknown tab id {:?}: expected one of {}",
                    tab.id,
                    TAB_IDS.join(", ")
                );
                self.report(at("id"), message);
            } else if let Some(&first) = seen.get(tab.id.as_str()) {
                let message = format!(
                    "duplicate tab id {:?}: already declared at tabs[{first}].id",
                    tab.id
                );
                self.report(at("id"), message);
            } else {
                seen.insert(&tab.id, i);
            }
            self.non_empty(&tab.title, "tab title", || at("title"));
        }
    }

    fn entities(&mut self) {
        for (i, entity) in self.dataset.entities.iter().enumerate() {
            let at = |key: &str| JsonPath::item("entities", i).key(key);
            if entity.id.trim().is_empty() {
                self.report(at("id"), "entity id is empty: expected a unique slug".into());
            } else if let Some(&first) = self.entities.get(entity.id.as_str())
                && first != i
            {
                let message = format!(
                    "duplicate entity id {:?}: first used at entities[{first}].id",
                    entity.id
                );
                self.report(at("id"), message);
            }
            self.non_empty(&entity.name, "entity name", || at("name"));
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
            } else if let Some(&first) = self.footnotes.get(&number)
                && first != i
            {
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
        let Some(&index) = self.footnotes.get(&target) else {
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
        let what = match &self.dataset.footnotes[index].body {
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
            match self.events.entry(event.id.as_str()) {
                Entry::Occupied(first) => {
                    let message = format!(
                        "duplicate event id {:?}: first used at events[{}].id",
                        event.id,
                        first.get()
                    );
                    self.report(at("id"), message);
                }
                Entry::Vacant(slot) => {
                    slot.insert(i);
                }
            }
        }
        let start = self.date(&event.date, || at("date"));
        if let Some(end_text) = &event.end {
            let end = self.date(end_text, || at("end"));
            if let (Some(start), Some(end)) = (start, end)
                && end.last_day() < start.first_day()
            {
                let message = format!(
                    "end {end_text:?} is before date {:?}: expected an end on or after the start",
                    event.date
                );
                self.report(at("end"), message);
            }
        }
        if !self.tabs.contains(&event.tab.as_str()) {
            let message = if self.tabs.is_empty() {
                format!("unknown tab {:?}: no valid tabs are declared in tabs", event.tab)
            } else {
                format!(
                    "unknown tab {:?}: expected one of {}",
                    event.tab,
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
    }

    fn entity_ref(&mut self, id: &str, path: impl FnOnce() -> JsonPath) {
        if !self.entities.contains_key(id) {
            let message = format!("unknown entity {id:?}: expected the id of an entry in entities");
            self.report(path(), message);
        }
    }

    fn footnote_ref(&mut self, number: u32, path: impl FnOnce() -> JsonPath) {
        if !self.footnotes.contains_key(&number) {
            let message = format!("unknown footnote {number}: expected the number of an entry in footnotes");
            self.report(path(), message);
        }
    }
}

/// Why `url` is not an acceptable link, if it is not.
fn url_problem(url: &str) -> Option<String> {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return Some(format!(
            "invalid URL {url:?}: expected it to start with http:// or https://"
        ));
    };
    let bad = url
        .chars()
        .enumerate()
        .find(|(_, c)| c.is_whitespace() || c.is_control());
    if let Some((index, c)) = bad {
        let what = match c {
            ' ' => "a space".to_string(),
            '\t' => "a tab".to_string(),
            '\n' | '\r' => "a line break".to_string(),
            c if c.is_whitespace() => format!("whitespace U+{:04X}", u32::from(c)),
            c => format!("control character U+{:04X}", u32::from(c)),
        };
        return Some(format!(
            "invalid URL {url:?}: {what} at character {}: expected no whitespace or control characters (percent-encode them, e.g. %20)",
            index + 1
        ));
    }
    if rest.is_empty() || rest.starts_with('/') {
        return Some(format!(
            "invalid URL {url:?}: expected a host name after the scheme"
        ));
    }
    None
}
