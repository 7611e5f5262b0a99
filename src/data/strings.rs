//! The string-length limit: every string of a dataset, visited with the
//! JSON path it came from, which is built only for the strings too long.

use crate::model::{Dataset, FootnoteBody, Provenance};

use super::path::JsonPath;

/// Calls `too_long(path, length)` for every string of `dataset` longer
/// than `max` bytes, in document order.
pub(crate) fn check(dataset: &Dataset, max: usize, too_long: &mut dyn FnMut(JsonPath, usize)) {
    let mut one = |value: &str, path: &dyn Fn() -> JsonPath| {
        if value.len() > max {
            too_long(path(), value.len());
        }
    };
    let d = &dataset.document;
    let doc = |key: &'static str| move || JsonPath::root().key("document").key(key);
    one(&d.title, &doc("title"));
    for (key, value) in [
        ("author", &d.author),
        ("author_role", &d.author_role),
        ("publisher", &d.publisher),
        ("series", &d.series),
        ("published", &d.published),
        ("corrected", &d.corrected),
        ("language", &d.language),
        ("url", &d.url),
        ("source_note", &d.source_note),
        ("overview", &d.overview),
        ("conclusion", &d.conclusion),
    ] {
        if let Some(value) = value {
            one(value, &doc(key));
        }
    }
    for (i, tab) in dataset.tabs.iter().enumerate() {
        let at = |key: &'static str| move || JsonPath::item("tabs", i).key(key);
        one(&tab.id, &at("id"));
        one(&tab.title, &at("title"));
        for (key, value) in [
            ("label", &tab.label),
            ("badge", &tab.badge),
            ("color", &tab.color),
            ("summary", &tab.summary),
        ] {
            if let Some(value) = value {
                one(value, &at(key));
            }
        }
    }
    for (i, ev) in dataset.events.iter().enumerate() {
        let at = |key: &'static str| move || JsonPath::item("events", i).key(key);
        for (key, value) in [
            ("id", &ev.id),
            ("tab", &ev.tab),
            ("title", &ev.title),
            ("summary", &ev.summary),
        ] {
            one(value, &at(key));
        }
        for (key, value) in [("date", &ev.date), ("end", &ev.end)] {
            if let Some(value) = value {
                one(value, &at(key));
            }
        }
        for (key, list) in [("actors", &ev.actors), ("places", &ev.places)] {
            for (k, value) in list.iter().enumerate() {
                one(value, &|| at(key)().index(k));
            }
        }
        for (k, f) in ev.figures.iter().enumerate() {
            one(&f.unit, &|| at("figures")().index(k).key("unit"));
            one(&f.measure, &|| at("figures")().index(k).key("measure"));
        }
        for (k, q) in ev.quotes.iter().enumerate() {
            one(&q.speaker, &|| at("quotes")().index(k).key("speaker"));
            one(&q.text, &|| at("quotes")().index(k).key("text"));
        }
        provenance(&ev.provenance, &at("provenance"), &mut one);
    }
    for (i, e) in dataset.entities.iter().enumerate() {
        let at = |key: &'static str| move || JsonPath::item("entities", i).key(key);
        for (key, value) in [("id", &e.id), ("name", &e.name), ("description", &e.description)] {
            one(value, &at(key));
        }
        for (k, alias) in e.aliases.iter().enumerate() {
            one(alias, &|| at("aliases")().index(k));
        }
        provenance(&e.provenance, &at("provenance"), &mut one);
    }
    for (i, f) in dataset.footnotes.iter().enumerate() {
        let at = |key: &'static str| move || JsonPath::item("footnotes", i).key(key);
        match &f.body {
            FootnoteBody::Citation(c) => {
                one(&c.title, &at("title"));
                one(&c.outlet, &at("outlet"));
                for (key, value) in [
                    ("author", &c.author),
                    ("published", &c.published),
                    ("accessed", &c.accessed),
                    ("url", &c.url),
                    ("language", &c.language),
                ] {
                    if let Some(value) = value {
                        one(value, &at(key));
                    }
                }
            }
            FootnoteBody::Backref { text, .. } | FootnoteBody::Unresolved { text } => one(text, &at("text")),
            FootnoteBody::Note { text, url } => {
                one(text, &at("text"));
                if let Some(url) = url {
                    one(url, &at("url"));
                }
            }
        }
    }
}

/// The strings of a provenance list at `at`, passed to `one`.
fn provenance(
    list: &[Provenance],
    at: &dyn Fn() -> JsonPath,
    one: &mut dyn FnMut(&str, &dyn Fn() -> JsonPath),
) {
    for (k, p) in list.iter().enumerate() {
        one(&p.fact, &|| at().index(k).key("fact"));
        if let Some(note) = &p.note {
            one(note, &|| at().index(k).key("note"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::testdata::BASE;

    fn long_paths(dataset: &Dataset, max: usize) -> Vec<(String, usize)> {
        let mut found = Vec::new();
        check(dataset, max, &mut |path, len| found.push((path.to_string(), len)));
        found
    }

    #[test]
    fn every_string_field_is_visited() {
        let dataset: Dataset = serde_json::from_str(BASE).unwrap();
        // With a limit of 0 every non-empty string is "too long": the
        // paths show that each field is reached, with the right path.
        let found = long_paths(&dataset, 0);
        let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        for expected in [
            "document.title",
            "document.conclusion",
            "tabs[1].summary",
            "events[0].actors[0]",
            "events[1].figures[0].measure",
            "events[1].quotes[0].text",
            "entities[1].description",
            "footnotes[0].url",
            "footnotes[1].text",
            "footnotes[3].text",
        ] {
            assert!(paths.contains(&expected), "{expected} not in {paths:?}");
        }
        assert!(found.contains(&("events[0].title".to_string(), "Erdoğan in Astana".len())));
        assert_eq!(long_paths(&dataset, 1 << 20), []);
    }
}
