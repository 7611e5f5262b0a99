//! A straightforward search, event by event over folded text, with no
//! vocabulary, no token ids, no threads and no partial sort: the meaning
//! the optimized index must reproduce exactly (checked by property tests).

use fuzzy_matcher::skim::SkimMatcherV2;

use super::fold::fold;
use super::query::{Atom, EventKind, Filter, Query};
use super::text::{
    Anchor, EXACT_PER_CHAR, SLOTS, Strictness, entity_names, occurrences, other, strictness, tokens,
    word_token_score,
};
use super::typo::Vocabulary;
use super::{Hit, SearchIndex};
use crate::date::{Day, Precision};
use crate::lookup::{DatasetIndex, Lookup};
use crate::model::{Basis, Dataset, Event, Resolution};

/// (weight in percent, slots) of each field, in `Field::ALL` order.
const FIELDS: [(i64, &[usize]); 4] = [(200, &[0]), (150, &[1, 2]), (100, &[3]), (100, &[4])];

/// The folded text of each slot of an event, the entities looked up one
/// by one (the index caches each entity's tokens instead).
fn slots(dataset: Lookup<'_>, event: &Event) -> [String; SLOTS] {
    let names = |ids: &[String]| -> String {
        ids.iter()
            .filter_map(|id| dataset.entity(id))
            .map(entity_names)
            .collect()
    };
    [
        fold(&event.title),
        fold(&names(&event.actors)),
        fold(&names(&event.places)),
        fold(&event.summary),
        fold(&other(dataset, event)),
    ]
}

fn field_tokens<'a>(texts: &'a [String; SLOTS], slots: &[usize]) -> Vec<&'a str> {
    slots
        .iter()
        .flat_map(|&s| tokens(&texts[s]).map(|(_, t)| t))
        .collect()
}

fn phrase_in(words: &[&str], toks: &[&str], anchor: Anchor) -> bool {
    let (first, last) = (0, words.len() - 1);
    toks.windows(words.len()).any(|win| {
        win.iter().zip(words).enumerate().all(|(i, (t, w))| match i {
            i if i == first => {
                let a = if matches!(anchor, Anchor::WordStart | Anchor::WholeWord) {
                    Anchor::WordStart
                } else {
                    Anchor::Anywhere
                };
                occurrences(t, w, a).any(|s| s + w.len() == t.len())
            }
            i if i == last => {
                let a = if matches!(anchor, Anchor::WordEnd | Anchor::WholeWord) {
                    Anchor::WordEnd
                } else {
                    Anchor::Anywhere
                };
                occurrences(t, w, a).any(|s| s == 0)
            }
            _ => t == w,
        })
    })
}

fn literal(texts: &[String; SLOTS], needle: &str, anchor: Anchor) -> Option<i64> {
    let words: Vec<&str> = needle.split_whitespace().collect();
    let base = EXACT_PER_CHAR * needle.chars().count() as i64;
    FIELDS.iter().find_map(|(weight, slots)| {
        let toks = field_tokens(texts, slots);
        let hit = match words.len() {
            0 => false,
            1 => toks
                .iter()
                .any(|t| occurrences(t, words[0], anchor).next().is_some()),
            _ => phrase_in(&words, &toks, anchor),
        };
        hit.then_some(base * weight / 100)
    })
}

/// What every event's matching needs: the matcher, and the dataset's
/// words for deciding how strict a query word is.
struct Cx<'a> {
    m: &'a SkimMatcherV2,
    words: &'a Vocabulary,
}

impl Cx<'_> {
    fn strictness(&self, word: &str, acronym: bool) -> Strictness {
        strictness(word, acronym, |w| self.words.knows(w))
    }

    /// The best score of `word` among `tokens`.
    fn word<'t>(&self, word: &str, acronym: bool, tokens: impl Iterator<Item = &'t str>) -> Option<i64> {
        let strict = self.strictness(word, acronym);
        tokens
            .filter_map(|t| word_token_score(self.m, word, strict, t))
            .max()
    }
}

fn filter(dataset: Lookup<'_>, event: &Event, texts: &[String; SLOTS], f: &Filter, cx: &Cx<'_>) -> bool {
    let names_match = |slot: usize, words: &[String]| {
        words
            .iter()
            .all(|w| cx.word(w, false, tokens(&texts[slot]).map(|(_, t)| t)).is_some())
    };
    let cited: Vec<u32> = event
        .footnotes
        .iter()
        .chain(event.quotes.iter().map(|q| &q.footnote))
        .copied()
        .collect();
    match f {
        Filter::Tab(tab) => {
            let title = dataset.tab(&event.tab).map_or("", |t| t.title.as_str());
            fold(&format!("{} {title}", event.tab))
                .split(' ')
                .any(|w| w.starts_with(tab.as_str()))
        }
        Filter::TabId(id) => event.tab == *id,
        Filter::Actor(words) => names_match(1, words),
        Filter::Place(words) => names_match(2, words),
        Filter::Source(outlet) => cited.iter().any(|&n| match dataset.resolve(n) {
            Some(Resolution::Citation(c) | Resolution::SameAs { citation: c, .. }) => {
                fold(&c.outlet).contains(outlet.as_str())
            }
            _ => false,
        }),
        Filter::Footnote(want) => cited.iter().any(|&n| {
            n == *want
                || matches!(dataset.resolve(n), Some(Resolution::SameAs { number, .. }) if number == *want)
        }),
        Filter::Kind(kind) => match kind {
            EventKind::Quote => !event.quotes.is_empty(),
            EventKind::Figure => !event.figures.is_empty(),
            EventKind::Planned => event.planned,
            EventKind::Span => event.end.is_some(),
            EventKind::External => event.has_basis(Basis::External),
            EventKind::Derived => event.has_basis(Basis::Derived),
        },
    }
}

/// The score of atom `a` for an event, and whether it matched only
/// approximately (a date overlapping an event dated less precisely).
fn atom(
    dataset: Lookup<'_>,
    event: &Event,
    texts: &[String; SLOTS],
    a: &Atom,
    cx: &Cx<'_>,
) -> Option<(i64, bool)> {
    let exact = |score: Option<i64>| score.map(|s| (s, false));
    match a {
        Atom::Fuzzy(word) | Atom::Acronym(word) => exact(
            FIELDS
                .iter()
                .filter_map(|(weight, slots)| {
                    let toks = field_tokens(texts, slots);
                    let best = cx.word(word, matches!(a, Atom::Acronym(_)), toks.into_iter())?;
                    Some(best.clamp(0, i32::MAX as i64) * weight / 100)
                })
                .max(),
        ),
        Atom::Exact(t) => exact(literal(texts, t, Anchor::Anywhere)),
        Atom::Prefix(t) => exact(literal(texts, t, Anchor::WordStart)),
        Atom::Suffix(t) => exact(literal(texts, t, Anchor::WordEnd)),
        Atom::Date(range) => {
            if let Some(span) = event.span()
                && span.overlaps(range.first, range.last)
            {
                let inside = range.first <= span.first_day() && span.last_day() <= range.last;
                let finer = match span.start.precision() {
                    Precision::Year => 0,
                    Precision::Month => 1,
                    Precision::Day => 2,
                };
                let approximate = !inside && span.start.precision() < range.precision;
                return Some((if inside { 100 } else { 60 } + finer * 20, approximate));
            }
            let lit = range.literal.as_deref()?;
            let all: Vec<usize> = (0..SLOTS).collect();
            exact(
                field_tokens(texts, &all)
                    .iter()
                    .any(|t| occurrences(t, lit, Anchor::WholeWord).next().is_some())
                    .then_some(30),
            )
        }
        Atom::Filter(f) => exact(filter(dataset, event, texts, f, cx).then_some(10)),
    }
}

/// Every matching event, best first, the slow and obvious way.
pub(super) fn search(dataset: &Dataset, query: &Query) -> Vec<Hit> {
    let index = DatasetIndex::new();
    let dataset = Lookup::new(dataset, &index);
    let m = SkimMatcherV2::default();
    let all_texts: Vec<[String; SLOTS]> = dataset.events.iter().map(|e| slots(dataset, e)).collect();
    let words = Vocabulary::new(
        all_texts
            .iter()
            .flat_map(|texts| texts.iter().flat_map(|t| tokens(t).map(|(_, t)| (t, 1)))),
    );
    let cx = Cx { m: &m, words: &words };
    let mut hits: Vec<(Hit, Day)> = Vec::new();
    'events: for (i, (event, texts)) in dataset.events.iter().zip(&all_texts).enumerate() {
        let mut total = 0;
        let mut all_exact = true;
        for clause in &query.clauses {
            let matches: Vec<(i64, bool)> = clause
                .alternatives
                .iter()
                .filter_map(|a| atom(dataset, event, texts, a, &cx))
                .collect();
            let best = matches.iter().map(|(s, _)| *s).max();
            match (best, clause.negated) {
                (Some(s), false) => {
                    total += s;
                    all_exact &= matches.iter().any(|(_, approximate)| !approximate);
                }
                (None, true) => {}
                _ => continue 'events,
            }
        }
        let newest = event.span().map_or((i32::MIN, 0, 0), |s| s.last_day());
        hits.push((
            Hit {
                event: i,
                score: total,
                exact: all_exact,
            },
            newest,
        ));
    }
    hits.sort_by(|(a, da), (b, db)| {
        b.exact
            .cmp(&a.exact)
            .then(b.score.cmp(&a.score))
            .then(db.cmp(da))
            .then(a.event.cmp(&b.event))
    });
    hits.into_iter().map(|(h, _)| h).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Entity, EntityKind, Footnote, FootnoteBody, Provenance, Tab};
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "Erdoğan",
        "Nazarbayev",
        "TİKA",
        "Astana",
        "Şymkent",
        "trade",
        "billion",
        "2017",
        "2012-2015",
        "(tika)",
        "al-qaida",
        "13,000",
        "eagle",
        "steppe",
        "kazakh-turkish",
        "Öğütcü",
        "ıslak",
        "Straße",
        "Ærø",
        "$590",
    ];

    /// Title and summary word indices, year offset, month (0 = none), span years.
    type EventSpec = (Vec<usize>, Vec<usize>, u8, u8, Option<u8>);

    fn dataset(events: Vec<EventSpec>) -> Dataset {
        let text = |idx: &[usize]| {
            idx.iter()
                .map(|&i| WORDS[i % WORDS.len()])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let entities: Vec<Entity> = (0..4)
            .map(|i| Entity {
                id: format!("e{i}"),
                name: WORDS[i * 3].to_string(),
                kind: EntityKind::Person,
                aliases: vec![WORDS[i * 3 + 1].to_string()],
                description: String::new(),
                provenance: vec![],
            })
            .collect();
        let tabs = TAB_IDS
            .iter()
            .map(|id| Tab {
                id: id.to_string(),
                title: id.to_uppercase(),
                label: None,
                badge: None,
                color: None,
                summary: None,
            })
            .collect();
        let footnotes = vec![
            Footnote {
                number: 1,
                body: FootnoteBody::Citation(crate::model::Citation {
                    author: None,
                    title: "t".into(),
                    outlet: "Daily Sabah".into(),
                    published: None,
                    accessed: None,
                    url: None,
                    language: None,
                }),
            },
            Footnote {
                number: 2,
                body: FootnoteBody::Backref {
                    text: "t".into(),
                    refers_to: 1,
                },
            },
        ];
        let events = events
            .into_iter()
            .enumerate()
            .map(|(i, (title, summary, year, month, end))| Event {
                id: format!("ev{i}"),
                // Every seventh event is undated: it must still be found
                // by words, and never by a date.
                date: (i % 7 != 6).then(|| {
                    if month == 0 {
                        format!("{}", 2000 + year as i32)
                    } else {
                        format!("{}-{:02}", 2000 + year as i32, month.min(12))
                    }
                }),
                end: end
                    .filter(|_| i % 7 != 6)
                    .map(|e| format!("{}", 2000 + year as i32 + e as i32)),
                tab: TAB_IDS[i % 4].to_string(),
                title: text(&title),
                summary: text(&summary),
                actors: vec![format!("e{}", i % 4)],
                places: vec![format!("e{}", (i + 1) % 4)],
                figures: vec![],
                footnotes: vec![(i % 3) as u32].into_iter().filter(|&n| n > 0).collect(),
                quotes: vec![],
                planned: i % 5 == 0,
                paragraph: None,
                provenance: [(7, Basis::External), (3, Basis::Derived)]
                    .into_iter()
                    .filter(|(n, _)| i % *n == 0)
                    .map(|(_, basis)| Provenance {
                        fact: "date".into(),
                        basis,
                        note: Some("n".into()),
                    })
                    .collect(),
            })
            .collect();
        Dataset {
            format: None,
            version: None,
            document: Document {
                title: "t".into(),
                ..Document::default()
            },
            tabs,
            events,
            entities,
            footnotes,
        }
    }

    const TAB_IDS: [&str; 4] = ["political", "economic", "security", "regional"];

    fn event() -> impl Strategy<Value = EventSpec> {
        (
            prop::collection::vec(0..40usize, 1..5),
            prop::collection::vec(0..40usize, 0..12),
            0..20u8,
            0..13u8,
            prop::option::of(0..3u8),
        )
    }

    fn query() -> impl Strategy<Value = String> {
        let word = prop_oneof![
            prop::sample::select(vec![
                "erdogan",
                "tika",
                "e",
                "er",
                "2017",
                "sep 2012",
                "2005..2010",
                "before:2010",
                "'tik",
                "^ast",
                "sabah$",
                "\"steppe eagle\"",
                "!trade",
                "eagle | billion",
                "tab:pol",
                "actor:nazarbayev",
                "source:sabah",
                "fn:1",
                "kind:planned",
                "kind:span",
                "kind:external",
                "kind:derived",
                "13,000",
                "al-qaida",
                "ıslak",
                "strasse",
            ])
            .prop_map(String::from),
            "[a-zğış0-9]{1,4}",
        ];
        prop::collection::vec(word, 1..4).prop_map(|w| w.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn index_matches_reference(events in prop::collection::vec(event(), 0..30), text in query()) {
            let data = dataset(events);
            let Ok(q) = Query::parse(&text) else { return Ok(()) };
            let index = SearchIndex::new(&data);
            let expected = search(&data, &q);
            prop_assert_eq!(index.search(&q), expected.clone());
            // Reading every event, then only those a rare word lists.
            for typing in [false, true] {
                if typing {
                    index.prepare_for_typing();
                }
                for limit in [0, 1, 3] {
                    let (top, total) = index.search_top(&q, limit);
                    prop_assert_eq!(total, expected.len());
                    let best = expected.iter().copied().take(limit).collect::<Vec<_>>();
                    prop_assert_eq!(&top, &best);
                    // Unless a typo-corrected query ran instead.
                    let (first, counted) = index.first_until(&q, limit, limit, &|| false).unwrap();
                    if first.corrected.is_none() {
                        prop_assert_eq!(first.hits, best);
                        if counted {
                            prop_assert_eq!(first.total, expected.len());
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn parallel_path_matches_reference() {
        // Above the size where the index splits work across threads.
        let mut seed = 7u64;
        let mut next = move |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % n) as usize
        };
        let events = (0..9_000)
            .map(|_| {
                let title = (0..1 + next(4)).map(|_| next(40)).collect();
                let summary = (0..next(10)).map(|_| next(40)).collect();
                (title, summary, next(20) as u8, next(13) as u8, None)
            })
            .collect();
        let data = dataset(events);
        assert!(data.events.len() >= super::super::index::PARALLEL_FROM);
        let index = SearchIndex::new(&data);
        index.prepare_for_typing();
        let mut found_first = Vec::new();
        // Two words read from their lists, one with alternatives.
        for text in [
            "erdogan",
            "e 2012",
            "kind:planned !tika",
            "e",
            "steppe eagle",
            "tika | eagle trade",
            // The second clause's lists are read by both threads.
            "eagle trade | billion | astana",
            // A date after a listed word.
            "eagle 2012",
            "tika 2005..2010",
        ] {
            let q = Query::parse(text).unwrap();
            let expected = search(&data, &q);
            assert_eq!(index.search(&q), expected, "{text}");
            // The best k kept per thread, then merged.
            for limit in [1, 100, 5_000] {
                let (top, total) = index.search_top(&q, limit);
                assert_eq!(total, expected.len(), "{text}");
                assert_eq!(top, expected[..limit.min(total)], "{text} top {limit}");
                let (first, counted) = index.first_until(&q, limit, limit, &|| false).unwrap();
                assert_eq!(first.hits, top, "{text} first {limit}");
                if counted {
                    assert_eq!(first.total, total, "{text} first {limit}");
                } else {
                    found_first.push((text, limit));
                }
            }
        }
        // One word: read newest first where many events hold the best
        // score for the few asked ("e" is in most titles of these 9,000
        // events), never where the best asked for would be read past their
        // share. Two: the last one's lists read from the highest score
        // down, where they need not all be read; or, for a date, the
        // events inside it newest first.
        assert_eq!(
            found_first,
            [
                ("erdogan", 1),
                ("e", 1),
                ("steppe eagle", 1),
                ("steppe eagle", 100),
                ("tika | eagle trade", 1),
                ("tika | eagle trade", 100),
                ("eagle trade | billion | astana", 1),
                ("eagle trade | billion | astana", 100),
                ("eagle 2012", 1),
                ("tika 2005..2010", 1),
                ("tika 2005..2010", 100),
            ]
        );
    }

    #[test]
    fn tokens_beyond_16_bit_ids_match_reference() {
        // Two new words per event: the later ones get ids past 65,535 and
        // are stored escaped.
        let n = 34_000;
        let mut data = dataset((0..n).map(|i| (vec![i % 7], vec![5, 12], 0, 0, None)).collect());
        for (i, event) in data.events.iter_mut().enumerate() {
            event.title = format!("{} q{i}x", event.title);
            event.summary = format!("q{i}y eagle {}", event.summary);
        }
        let index = SearchIndex::new(&data);
        index.prepare_for_typing();
        for text in [
            "q33001x",
            "q3300",
            "\"q33002y eagle\"",
            "'33003y",
            "q3300 eagle",
            "e",
        ] {
            let q = Query::parse(text).unwrap();
            let expected = search(&data, &q);
            assert!(!expected.is_empty(), "{text}");
            assert_eq!(index.search(&q), expected, "{text}");
            let (top, total) = index.search_top(&q, 10);
            assert_eq!(
                (top.as_slice(), total),
                (&expected[..10.min(total)], expected.len()),
                "{text}"
            );
        }
    }

    #[test]
    fn index_matches_reference_on_the_embedded_dataset() {
        let data = crate::data::embedded();
        let index = SearchIndex::new(&data);
        for text in [
            "erdogan",
            "e",
            "2017",
            "sep 2017",
            "tab:sec aselsan",
            "\"daily sabah\"",
            "fn:7",
            "!e",
        ] {
            let q = Query::parse(text).unwrap();
            assert_eq!(index.search(&q), search(&data, &q), "{text}");
        }
    }
}
