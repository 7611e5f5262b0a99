//! Content checks for the embedded Kazakhstan–Turkey 2017 dataset.
//!
//! Uses only the schema types and partial dates, so it does not depend on the
//! loader, validator or UI modules.
// A test or tool of our own, printing its own messages.
#![allow(clippy::disallowed_macros)]

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use dossier::date::PartialDate;
use dossier::lookup::{DatasetIndex, Lookup};
use dossier::model::*;

const JSON: &str = include_str!("../../assets/kazakhstan-turkey-2017.json");
const SEED: &str = "../shared/seed/000_c4c2074ab496324b.txt";

fn dataset() -> Dataset {
    serde_json::from_str(JSON).expect("assets/kazakhstan-turkey-2017.json matches the schema")
}

/// The analysis text, when it is available next to the checkout.
fn seed() -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(SEED);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            println!("seed {} not found: check skipped", path.display());
            None
        }
    }
}

/// Lowercased words, split on every non-alphanumeric character.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Collapses whitespace and drops Markdown backslash escapes (`\*`, `\$`).
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn citation<'a>(data: Lookup<'a>, number: u32) -> &'a Citation {
    match &data.footnote(number).expect("footnote exists").body {
        FootnoteBody::Citation(c) => c,
        other => panic!("footnote {number} is not a citation: {other:?}"),
    }
}

/// The embedded dataset's tabs, in display order.
const TAB_IDS: [&str; 4] = ["political", "economic", "security", "regional"];

#[test]
fn tab_minimums_and_known_tabs() {
    let data = dataset();
    let ids: Vec<&str> = data.tabs.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, TAB_IDS, "tabs in display order");
    assert_eq!(
        data.version,
        Some(2),
        "the embedded dataset is in the current schema"
    );
    let titles: Vec<&str> = data.tabs.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Political",
            "Economic",
            "Security & Military",
            "Regional Organizations"
        ]
    );
    assert!(data.events.len() >= 45, "only {} events", data.events.len());
    let mut per_tab: HashMap<&str, usize> = HashMap::new();
    for e in &data.events {
        assert!(
            TAB_IDS.contains(&e.tab.as_str()),
            "event {} has unknown tab {:?}",
            e.id,
            e.tab
        );
        *per_tab.entry(e.tab.as_str()).or_default() += 1;
    }
    for (tab, min) in [
        ("political", 6),
        ("economic", 8),
        ("security", 6),
        ("regional", 6),
    ] {
        let n = per_tab.get(tab).copied().unwrap_or(0);
        assert!(n >= min, "tab {tab} has {n} events, needs {min}");
    }
}

#[test]
fn dates_parse_and_spans_run_forward() {
    let data = dataset();
    let published = data.document.published.as_ref().expect("a publication date");
    for d in [published].into_iter().chain(data.document.corrected.as_ref()) {
        PartialDate::parse(d).unwrap_or_else(|e| panic!("document date {d:?}: {e}"));
    }
    for e in &data.events {
        let date = e
            .date
            .as_deref()
            .unwrap_or_else(|| panic!("event {} has no date", e.id));
        let start =
            PartialDate::parse(date).unwrap_or_else(|err| panic!("event {} date {:?}: {err}", e.id, e.date));
        if let Some(end) = &e.end {
            let end =
                PartialDate::parse(end).unwrap_or_else(|err| panic!("event {} end {end:?}: {err}", e.id));
            assert!(
                end.first_day() >= start.first_day() && end.last_day() >= start.last_day(),
                "event {} ends before it starts",
                e.id
            );
        }
    }
    for f in &data.footnotes {
        if let FootnoteBody::Citation(c) = &f.body {
            for d in c.published.iter().chain(c.accessed.iter()) {
                PartialDate::parse(d).unwrap_or_else(|e| panic!("footnote {} date {d:?}: {e}", f.number));
            }
        }
    }
}

#[test]
fn footnotes_are_complete_and_consistent() {
    let dataset = dataset();
    let index = DatasetIndex::new();
    let data = Lookup::new(&dataset, &index);
    let numbers: Vec<u32> = data.footnotes.iter().map(|f| f.number).collect();
    assert_eq!(
        numbers,
        (1..=29).collect::<Vec<u32>>(),
        "footnotes 1..=29 in order"
    );

    for e in &data.events {
        for n in &e.footnotes {
            assert!(
                data.footnote(*n).is_some(),
                "event {} cites missing footnote {n}",
                e.id
            );
        }
        for q in &e.quotes {
            assert!(
                data.footnote(q.footnote).is_some(),
                "quote in {} cites missing footnote {}",
                e.id,
                q.footnote
            );
        }
    }

    let mut backrefs = HashMap::new();
    for f in &data.footnotes {
        match &f.body {
            FootnoteBody::Backref { text, refers_to } => {
                assert!(*refers_to < f.number, "backref {} must point backward", f.number);
                let target = citation(data, *refers_to);
                let short = text.trim().trim_end_matches('.');
                assert!(
                    target.title.starts_with(short),
                    "backref {} text {short:?} is not a prefix of {:?}",
                    f.number,
                    target.title
                );
                backrefs.insert(f.number, *refers_to);
            }
            FootnoteBody::Citation(c) => {
                let url = c
                    .url
                    .as_deref()
                    .unwrap_or_else(|| panic!("citation {} has no url", f.number));
                assert!(
                    url.starts_with("http://") || url.starts_with("https://"),
                    "citation {} url {url:?}",
                    f.number
                );
                assert!(
                    !c.url.as_deref().unwrap().contains('\\'),
                    "escaped url in {}",
                    f.number
                );
                assert_eq!(c.title, c.title.trim(), "untrimmed title in {}", f.number);
            }
            _ => {}
        }
    }
    let expected: HashMap<u32, u32> = [
        (8, 7),
        (9, 5),
        (11, 10),
        (13, 10),
        (14, 12),
        (15, 2),
        (16, 3),
        (22, 21),
        (29, 7),
    ]
    .into_iter()
    .collect();
    assert_eq!(backrefs, expected, "backref map");

    assert!(matches!(
        data.footnote(19).unwrap().body,
        FootnoteBody::Unresolved { .. }
    ));
    for n in [20, 24, 26] {
        assert!(
            matches!(data.footnote(n).unwrap().body, FootnoteBody::Note { .. }),
            "footnote {n} should be a note"
        );
    }
    match &data.footnote(24).unwrap().body {
        FootnoteBody::Note { url, .. } => assert_eq!(url.as_deref(), Some("http://www.bioem.tsk.tr/")),
        _ => unreachable!(),
    }
    assert_eq!(
        citation(data, 25).url.as_deref(),
        Some(
            "https://www.army.mil/article/192460/multinational_exercise_reaffirms_peacekeeping_partnerships"
        )
    );
}

#[test]
fn entity_references_resolve_and_ids_are_unique() {
    let data = dataset();
    let mut entity_ids = HashSet::new();
    for e in &data.entities {
        assert!(entity_ids.insert(e.id.as_str()), "duplicate entity id {}", e.id);
    }
    let mut event_ids = HashSet::new();
    let mut used = HashSet::new();
    for e in &data.events {
        assert!(event_ids.insert(e.id.as_str()), "duplicate event id {}", e.id);
        let refs = e
            .actors
            .iter()
            .chain(&e.places)
            .chain(e.quotes.iter().map(|q| &q.speaker));
        for id in refs {
            assert!(
                entity_ids.contains(id.as_str()),
                "event {} refers to unknown entity {id}",
                e.id
            );
            used.insert(id.as_str());
        }
    }
    for id in &entity_ids {
        assert!(used.contains(id), "entity {id} is not referenced by any event");
    }
}

#[test]
fn aliases_resolve_to_the_right_entity() {
    let data = dataset();
    for (alias, id) in [
        ("Erdogan", "erdogan"),
        ("Nazarbaev", "nazarbayev"),
        ("Nazarbayev", "nazarbayev"),
        ("TIKA", "tika"),
        ("FETO", "feto"),
        ("BTK", "btk-railway"),
        ("Aqtau", "aktau-port"),
        ("Ordabasy", "ordabasy-district"),
    ] {
        let owners: Vec<&str> = data
            .entities
            .iter()
            .filter(|e| e.aliases.iter().any(|a| a == alias))
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(owners, [id], "alias {alias:?}");
    }
}

#[test]
fn prose_is_in_our_own_words() {
    let Some(seed) = seed() else { return };
    let seed_words = words(&seed);
    let shingles: HashSet<&[String]> = seed_words.windows(8).collect();

    let data = dataset();
    let mut prose: Vec<(String, &str)> = vec![
        (
            "document.source_note".into(),
            data.document.source_note.as_deref().unwrap_or_default(),
        ),
        (
            "document.overview".into(),
            data.document.overview.as_deref().unwrap_or_default(),
        ),
        (
            "document.conclusion".into(),
            data.document.conclusion.as_deref().unwrap_or_default(),
        ),
    ];
    prose.extend(
        data.tabs
            .iter()
            .map(|t| (format!("tab {}", t.id), t.summary.as_deref().unwrap_or_default())),
    );
    prose.extend(
        data.events
            .iter()
            .map(|e| (format!("event {}", e.id), e.summary.as_str())),
    );
    prose.extend(
        data.entities
            .iter()
            .map(|e| (format!("entity {}", e.id), e.description.as_str())),
    );
    for f in &data.footnotes {
        if let FootnoteBody::Note { text, .. } = &f.body {
            prose.push((format!("footnote {}", f.number), text));
        }
    }
    let provenance = data
        .events
        .iter()
        .map(|e| (&e.id, &e.provenance))
        .chain(data.entities.iter().map(|e| (&e.id, &e.provenance)));
    for (id, list) in provenance {
        for p in list {
            if let Some(note) = &p.note {
                prose.push((format!("provenance of {id}.{}", p.fact), note));
            }
        }
    }

    let mut copied = Vec::new();
    for (place, text) in prose {
        for window in words(text).windows(8) {
            if shingles.contains(window) {
                copied.push(format!("{place}: {}", window.join(" ")));
            }
        }
    }
    assert!(
        copied.is_empty(),
        "runs of 8 words copied from the seed:\n{}",
        copied.join("\n")
    );
}

#[test]
fn quotes_are_verbatim() {
    let Some(seed) = seed() else { return };
    let seed = normalize(&seed);
    let data = dataset();
    let mut count = 0;
    for e in &data.events {
        for q in &e.quotes {
            count += 1;
            assert!(
                seed.contains(&normalize(&q.text)),
                "quote in {} is not verbatim: {:?}",
                e.id,
                q.text
            );
        }
    }
    // Nazarbayev's, Mert Sarı's and Erdoğan's. "Aksakal" is a form of
    // address the analysis reports and glosses, not a quotation.
    assert!(count >= 3, "expected the three quotations, found {count}");
}

#[test]
fn key_figures_are_present() {
    let data = dataset();
    let values: Vec<f64> = data
        .events
        .iter()
        .flat_map(|e| e.figures.iter().map(|f| f.value))
        .collect();
    for expected in [
        590_000_000.0,
        667_500_000.0,
        4_500_000_000.0,
        10_000_000_000.0,
        44_000_000.0,
        681_000_000.0,
        1_800_000_000.0,
        13_000.0,
        15_000.0,
        600.0,
        482.0,
        2_000.0,
        50.0,
        250.0,
        200_000_000.0,
    ] {
        assert!(
            values.contains(&expected),
            "figure {expected} is missing from every event"
        );
    }

    // The trade-volume series drives a chart: one measure, years set.
    let trade: Vec<&Figure> = data
        .events
        .iter()
        .flat_map(|e| &e.figures)
        .filter(|f| f.measure == "bilateral trade volume")
        .collect();
    for (year, value) in [(2005, 1e9), (2012, 4.5e9), (2016, 2e9)] {
        assert!(
            trade.iter().any(|f| f.year == Some(year) && f.value == value),
            "trade volume for {year} missing"
        );
    }
    assert!(
        trade
            .iter()
            .any(|f| f.value == 1e10 && f.qualifier == Qualifier::Target),
        "the $10 billion target must be qualified as a target"
    );
}

#[test]
fn every_footnote_resolves_to_what_it_stands_for() {
    use dossier::model::Resolution;
    let dataset = dataset();
    let index = DatasetIndex::new();
    let data = Lookup::new(&dataset, &index);
    for n in 1..=29 {
        let resolution = data
            .resolve(n)
            .unwrap_or_else(|| panic!("[{n}] does not resolve"));
        match (n, resolution) {
            (8 | 29, Resolution::SameAs { number: 7, citation }) => {
                assert!(citation.url.as_deref().unwrap().contains("590-million"))
            }
            (19, Resolution::Unresolved { text }) => assert!(text.contains("$590 million")),
            (20 | 24 | 26, Resolution::Note { .. }) => {}
            (9 | 11 | 13 | 14 | 15 | 16 | 22, Resolution::SameAs { .. }) => {}
            (_, Resolution::Citation(c)) => assert!(c.url.is_some(), "[{n}] has no URL"),
            (n, other) => panic!("[{n}] resolved unexpectedly to {other:?}"),
        }
    }
}

/// The analysis's running text, without its notes and end matter.
fn body(seed: &str) -> &str {
    seed.split("\n[1] ").next().unwrap_or(seed)
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Days the analysis writes out next to the note marker that sources
/// them, (note, day): used when the seed is not next to the checkout.
const STATED_DAYS: &[(u32, &str)] = &[
    (1, "2017-09-08"),
    (1, "2017-09-09"),
    (1, "2017-09-10"),
    (2, "2017-08-10"),
    (5, "2017-09-09"),
    (7, "2017-09-09"),
    (8, "2017-09-09"),
    (17, "2017-08-17"),
    (23, "2017-08-17"),
];

/// Whether a paragraph of the analysis that carries the marker of one of
/// `notes` writes out `day` ("9th of September", "17 August", "8-10
/// September"): a day the analysis only implies through the date of a
/// cited note is derived, not stated.
fn day_is_stated(seed: Option<&str>, notes: &[u32], day: &str) -> bool {
    let Some(seed) = seed else {
        return notes.iter().any(|n| STATED_DAYS.contains(&(*n, day)));
    };
    let (month, dd) = (&day[5..7], &day[8..10]);
    let month = MONTHS[month.parse::<usize>().unwrap() - 1];
    let d = dd.trim_start_matches('0');
    let spelled = [
        d.to_string(),
        format!("{d}th"),
        format!("{d}st"),
        format!("{d}nd"),
        format!("{d}rd"),
    ];
    body(seed).split("\n\n").any(|para| {
        let marked = notes
            .iter()
            .any(|n| para.contains(&format!("[{n}]")) || para.contains(&format!("[\\[{n}\\]]")));
        let w = words(para);
        marked
            && (0..w.len())
                .any(|i| w[i] == month && w[i.saturating_sub(3)..i].iter().any(|t| spelled.contains(t)))
    })
}

/// The footnote numbers a provenance note names ("note 9", "notes 5 and 9").
fn named_notes(note: &str) -> Vec<u32> {
    let w = words(note);
    let mut out = Vec::new();
    for (i, word) in w.iter().enumerate() {
        if word == "note" || word == "notes" {
            out.extend(w[i + 1..].iter().map_while(|t| t.parse::<u32>().ok()));
        }
    }
    out
}

/// The publication date of the citation footnote `n` stands for.
fn published(data: &Dataset, n: u32) -> Option<&str> {
    match data.resolve_with(n, |k| data.footnotes.iter().find(|f| f.number == k))? {
        Resolution::Citation(c) | Resolution::SameAs { citation: c, .. } => c.published.as_deref(),
        _ => None,
    }
}

#[test]
fn dates_are_no_more_precise_than_their_basis() {
    let seed = seed();
    let body = seed.as_deref().map(body);
    let data = dataset();
    let mut wrong = Vec::new();
    for e in &data.events {
        let mut notes = e.footnotes.clone();
        notes.extend(e.quotes.iter().map(|q| q.footnote));
        for (fact, value) in [("date", e.date.as_ref()), ("end", e.end.as_ref())] {
            let Some(value) = value else { continue };
            let basis = e.provenance.iter().find(|p| p.fact == fact);
            let precision = PartialDate::parse(value).unwrap().precision();
            match basis.map_or(Basis::Stated, |p| p.basis) {
                Basis::Stated => {
                    // A year the analysis never writes cannot be stated.
                    if let Some(body) = body
                        && !words(body).contains(&value[..4].to_string())
                    {
                        wrong.push(format!(
                            "{} {fact} {value}: the year is not in the analysis",
                            e.id
                        ));
                    }
                    if precision == dossier::date::Precision::Day
                        && !day_is_stated(seed.as_deref(), &notes, value)
                    {
                        wrong.push(format!(
                            "{} {fact} {value}: the analysis does not write this day where it cites the event's notes",
                            e.id
                        ));
                    }
                }
                Basis::Derived => {
                    let note = basis.and_then(|p| p.note.as_deref()).unwrap_or("");
                    let dated = named_notes(note)
                        .into_iter()
                        .any(|n| published(&data, n).is_some_and(|p| p.starts_with(value.as_str())));
                    if precision == dossier::date::Precision::Day && !dated {
                        wrong.push(format!(
                            "{} {fact} {value}: derived, but its note names no footnote published that day",
                            e.id
                        ));
                    }
                }
                Basis::External => {
                    if precision == dossier::date::Precision::Day {
                        wrong.push(format!(
                            "{} {fact} {value}: a day from outside the analysis",
                            e.id
                        ));
                    }
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "dates more precise than their basis:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn facts_not_stated_say_what_they_rest_on() {
    let data = dataset();
    let lists = data
        .events
        .iter()
        .map(|e| (&e.id, &e.provenance, &EVENT_FACTS[..]))
        .chain(
            data.entities
                .iter()
                .map(|e| (&e.id, &e.provenance, &ENTITY_FACTS[..])),
        );
    for (id, list, facts) in lists {
        for p in list {
            assert!(
                facts.contains(&p.fact.as_str()),
                "{id}: unknown fact {:?}",
                p.fact
            );
            let note = p.note.as_deref().unwrap_or("").trim();
            assert!(
                p.basis == Basis::Stated || !note.is_empty(),
                "{id}: {} is {:?} but has no note",
                p.fact,
                p.basis
            );
            for n in named_notes(note) {
                assert!(
                    data.footnote(n).is_some(),
                    "{id}: note names missing footnote {n}"
                );
            }
        }
    }
}

#[test]
fn source_note_says_where_dates_come_from() {
    let data = dataset();
    let note = data.document.source_note.as_deref().expect("a source note");
    let sentence = note
        .split(". ")
        .find(|s| s.to_lowercase().contains("dates"))
        .expect("the source note says how dates were carried over");
    assert!(
        sentence.contains("except where"),
        "the source note claims every date is the analysis's own: {sentence:?}"
    );
    let marked = data
        .events
        .iter()
        .flat_map(|e| &e.provenance)
        .chain(data.entities.iter().flat_map(|e| &e.provenance));
    for basis in [Basis::Derived, Basis::External] {
        if marked.clone().any(|p| p.basis == basis) {
            let word = if basis == Basis::Derived {
                "derived"
            } else {
                "public record"
            };
            assert!(
                note.contains(word),
                "the source note does not mention {word} facts"
            );
        }
    }
}
