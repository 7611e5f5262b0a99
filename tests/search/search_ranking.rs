//! Ranking suite over the embedded dataset: query → events expected at the
//! top, written from the analysis. Each case names the ids that must all
//! appear within the first `top` results.

use dossier::data;
use dossier::search::{Query, SearchIndex};

/// (query, expected ids, within the first `top` results)
const CASES: &[(&str, &[&str], usize)] = &[
    // Names, with and without Turkish letters.
    ("erdogan", &["erdogan-visit-kazakhstan-2017"], 1),
    ("Erdoğan", &["erdogan-visit-kazakhstan-2017"], 1),
    ("ERDOĞAN", &["erdogan-visit-kazakhstan-2017"], 1),
    (
        "erdogan feto",
        &["erdogan-thanks-nazarbayev-feto", "leaders-agenda-myanmar-feto"],
        2,
    ),
    ("FETÖ", &["erdogan-thanks-nazarbayev-feto"], 2),
    ("nazarbayev", &["nazarbayev-balancing-policy"], 4),
    ("nazarbaev", &["nazarbayev-press-conference"], 4),
    ("tika", &["tika-security-training"], 1),
    ("TİKA", &["tika-security-training"], 1),
    // Acronyms, in capitals or not: the entity's alias or the word itself
    // (see `acronyms_match_words_not_scattered_letters` for what must not
    // come with them).
    (
        "FETO",
        &["erdogan-thanks-nazarbayev-feto", "leaders-agenda-myanmar-feto"],
        2,
    ),
    ("TIKA", &["tika-security-training"], 1),
    (
        "SCO",
        &["turkey-chairs-sco-energy-club", "turkey-sco-dialogue-partner"],
        2,
    ),
    ("BTK", &["btk-railway-expected", "aktau-ferry-link"], 2),
    (
        "aselsan",
        &[
            "kae-factory-operational",
            "kazakhstan-aselsan-engineering-founded",
        ],
        2,
    ),
    ("kaboglu", &["kae-factory-operational"], 3),
    ("bobrov", &["kae-thermal-sights-delivered"], 1),
    ("zeybekci", &["zeybekci-visa-free-proposal"], 1),
    ("mert sari", &["mert-sari-expo-forum"], 1),
    ("Mert Sarı", &["mert-sari-expo-forum"], 1),
    ("tuimebayev", &["shymkent-investment-forum"], 1),
    ("xi jinping", &["obor-transit-role"], 1),
    ("sagintayev", &["investment-deals-590m"], 3),
    // Places.
    ("astana", &["oic-science-technology-summit"], 5),
    ("shymkent", &["shymkent-investment-forum"], 1),
    ("aktau", &["aktau-ferry-link"], 1),
    ("ordabasy", &["industrial-zone-agreed", "industrial-zone-area"], 2),
    ("turkistan", &["akhmet-yassawi-university-founded"], 2),
    // Organizations, initiatives, companies.
    (
        "steppe eagle",
        &[
            "steppe-eagle-begins",
            "steppe-eagle-under-nato",
            "turkey-in-steppe-eagle",
        ],
        3,
    ),
    ("btk", &["btk-railway-expected", "aktau-ferry-link"], 2),
    ("turksoy", &["turksoy-established"], 1),
    ("turkpa", &["turkpa-established"], 1),
    ("sco energy club", &["turkey-chairs-sco-energy-club"], 1),
    ("anadolu coca-cola", &["anadolu-group-in-kazakhstan"], 1),
    ("calik holding", &["investment-deals-590m"], 1),
    ("yunus emre", &["yunus-emre-institute-kazakhstan"], 1),
    (
        "new synergy",
        &["new-synergy-26-projects", "economic-protocols-signed"],
        2,
    ),
    ("eximbank", &["turk-eximbank-kazakhstan-share"], 1),
    ("deash al-qaida", &["joint-fight-deash-al-qaida"], 1),
    // Figures.
    ("590", &["investment-deals-590m"], 1),
    ("667.5", &["turkish-investment-projects-since-2012"], 1),
    ("13,000 students", &["akhmet-yassawi-university-students"], 1),
    ("482", &["kazakh-companies-in-turkey"], 1),
    // Dates in every form.
    ("2012", &["hlscc-established", "trade-volume-2012"], 5),
    (
        "1990s",
        &["military-education-agreement", "defense-industry-agreement"],
        6,
    ),
    (
        "2017-08-17",
        &["zeybekci-visa-free-proposal", "kae-thermal-sights-delivered"],
        2,
    ),
    (
        "17 aug 2017",
        &["zeybekci-visa-free-proposal", "kae-thermal-sights-delivered"],
        2,
    ),
    (
        "17 August 2017",
        &["zeybekci-visa-free-proposal", "kae-thermal-sights-delivered"],
        2,
    ),
    ("sep 2017", &["erdogan-visit-kazakhstan-2017"], 3),
    ("september 2017", &["investment-deals-590m"], 8),
    (
        "2017-05",
        &["kae-factory-operational", "kae-helicopter-tender"],
        2,
    ),
    ("feb 2017", &["shymkent-investment-forum"], 1),
    ("2009", &["strategic-partnership-agreement-signed"], 1),
    // The day the analysis gives for Turkey's National Day at EXPO 2017
    // (September 11, 2001 was dropped from the data: the analysis gives it
    // no year).
    (
        "2017-08-10",
        &["expo-2017-turkey-national-day", "mert-sari-expo-forum"],
        2,
    ),
    ("1985", &["eco-founded"], 1),
    (
        "2003..2006",
        &[
            "steppe-eagle-begins",
            "trade-volume-2005",
            "steppe-eagle-under-nato",
        ],
        3,
    ),
    (
        "before:1992",
        &["turkey-recognises-central-asian-states", "eco-founded"],
        4,
    ),
    // Words and dates together.
    ("erdogan 2012", &["hlscc-established"], 1),
    ("trade 2016", &["trade-volume-2016"], 1),
    ("aselsan may 2017", &["kae-factory-operational"], 2),
    // Operators.
    (
        "'helicopter",
        &["kae-helicopter-tender", "kae-helicopter-contract-planned"],
        2,
    ),
    ("steppe !nato", &["steppe-eagle-begins"], 3),
    (
        "kind:external",
        &[
            "turkey-backs-expo-2017-candidacy",
            "turkey-backs-kazakh-unsc-seat",
        ],
        2,
    ),
    ("kind:derived new synergy", &["new-synergy-26-projects"], 1),
    ("tab:regional btk", &["btk-railway-expected"], 1),
    (
        "turksoy | turkpa",
        &["turksoy-established", "turkpa-established"],
        2,
    ),
];

#[test]
fn ranking_suite() {
    let dataset = data::embedded();
    let index = SearchIndex::new(&dataset);
    let mut failures = Vec::new();
    for (text, expected, top) in CASES {
        let query = Query::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        let ids: Vec<&str> = index
            .search_forgiving(&query, usize::MAX)
            .hits
            .iter()
            .take(*top)
            .map(|h| dataset.events[h.event].id.as_str())
            .collect();
        let missing: Vec<_> = expected.iter().filter(|id| !ids.contains(id)).collect();
        if !missing.is_empty() {
            failures.push(format!("{text:?}: missing {missing:?} in top {top}: {ids:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn expected_ids_exist() {
    let dataset = data::embedded();
    let index = dossier::lookup::DatasetIndex::new();
    let dataset = dossier::lookup::Lookup::new(&dataset, &index);
    for (text, expected, _) in CASES {
        for id in *expected {
            assert!(dataset.event(id).is_some(), "{text:?} names unknown event {id}");
        }
    }
}

#[test]
fn corrections_are_reported_and_only_when_needed() {
    let dataset = data::embedded();
    let index = SearchIndex::new(&dataset);
    let fixed = index
        .search_forgiving(&Query::parse("Erdgoan visit").unwrap(), 5)
        .corrected;
    assert_eq!(fixed.map(|q| q.to_string()).as_deref(), Some("erdogan visit"));
    assert_eq!(
        index
            .search_forgiving(&Query::parse("erdogan").unwrap(), 5)
            .corrected,
        None
    );
}

#[test]
fn a_correction_is_offered_only_as_a_query_that_types_back() {
    let dataset = data::embedded();
    let index = SearchIndex::new(&dataset);
    let corrected = |typed: &str| index.search_forgiving(&Query::parse(typed).unwrap(), 5).corrected;
    // The nearest word of the dataset is "2017", which typed is a date,
    // not the word the search ran with.
    assert_eq!(corrected("2o17"), None);
    for typed in [
        "2o17 erdgoan",
        "erdgoan | 2o17",
        "kazakhstn 2o17",
        "'tika erdgoan",
    ] {
        if let Some(fixed) = corrected(typed) {
            assert_eq!(Query::parse(&fixed.to_string()).as_ref(), Ok(&fixed), "{typed}");
        }
    }
}

#[test]
fn no_match_is_empty() {
    let dataset = data::embedded();
    let index = SearchIndex::new(&dataset);
    for text in ["zzqqxx", "erdogan 1850", "tab:security turksoy"] {
        assert!(index.search(&Query::parse(text).unwrap()).is_empty(), "{text}");
    }
}

#[test]
fn span_precision_ranks_day_dates_above_year_dates() {
    let dataset = data::embedded();
    let index = SearchIndex::new(&dataset);
    let hits = index.search(&Query::parse("sep 2017").unwrap());
    let precision_of = |i: usize| dataset.events[hits[i].event].date.as_deref().map_or(0, str::len);
    let first_year_only = (0..hits.len())
        .find(|&i| precision_of(i) == 4)
        .expect("a year-dated event overlaps");
    assert!((0..first_year_only).all(|i| precision_of(i) > 4));
}

#[test]
fn highlights_map_back_to_original_chars() {
    let dataset = data::embedded();
    let index = SearchIndex::new(&dataset);
    let query = Query::parse("erdogan").unwrap();
    let hit = index.search(&query)[0];
    let title: Vec<char> = dataset.events[hit.event].title.chars().collect();
    let marked: String = index
        .highlights(&query, &dataset.events[hit.event])
        .title
        .iter()
        .map(|&i| title[i])
        .collect();
    assert_eq!(marked, "Erdoğan");
}

/// Issue 15 4b: a short word in capitals, or one the dataset has whole
/// (an alias, an acronym in lower case), finds words, acronyms and
/// aliases: never letters scattered through a long name ("Russian
/// FEderaTiOn" for FETO, "Baku-TbIlisi-KArs" for tika, "SeCtOrs" for
/// SCO). Each case: the query, the ids that must lead, and events that
/// only such scattered letters used to find.
#[test]
fn acronyms_match_words_not_scattered_letters() {
    let feto = ["erdogan-thanks-nazarbayev-feto", "leaders-agenda-myanmar-feto"];
    let tika = ["tika-security-training"];
    let sco = ["turkey-chairs-sco-energy-club", "turkey-sco-dialogue-partner"];
    let btk = ["btk-railway-expected", "aktau-ferry-link"];
    // Through "Russian Federation" (an alias of Russia).
    let federation = [
        "nazarbayev-balancing-policy",
        "kazakhstan-eeu-ties",
        "military-trade-modest",
        "russia-turkey-crisis-mediation",
    ];
    // Through "Baku-Tbilisi-Kars railway" and "Turkish-Kazakh".
    let scattered_tika = ["btk-railway-expected", "aktau-ferry-link", "mert-sari-expo-forum"];
    // Through "sectors" and "second".
    let scattered_sco = ["nazarbayev-press-conference", "turk-eximbank-kazakhstan-share"];
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("FETO", &feto, &federation),
        ("feto", &feto, &federation),
        ("FETÖ", &feto, &federation),
        ("TIKA", &tika, &scattered_tika),
        ("tika", &tika, &scattered_tika),
        ("SCO", &sco, &scattered_sco),
        ("sco", &sco, &scattered_sco),
        ("BTK", &btk, &[]),
        ("btk", &btk, &[]),
    ];
    let dataset = data::embedded();
    let index = SearchIndex::new(&dataset);
    for (text, leading, absent) in cases {
        let query = Query::parse(text).unwrap();
        let ids: Vec<&str> = index
            .search(&query)
            .iter()
            .map(|h| dataset.events[h.event].id.as_str())
            .collect();
        let mut top = ids[..leading.len().min(ids.len())].to_vec();
        top.sort_unstable();
        let mut want = leading.to_vec();
        want.sort_unstable();
        assert_eq!(top, want, "{text}: {ids:?}");
        for id in *absent {
            assert!(
                !ids.contains(id),
                "{text} finds {id} by scattered letters: {ids:?}"
            );
        }
    }
    // In capitals an acronym never matches inside a word ("MoSCOw"); in
    // lower case it may, far below the word itself.
    let ids = |text: &str| -> Vec<String> {
        index
            .search(&Query::parse(text).unwrap())
            .iter()
            .map(|h| dataset.events[h.event].id.clone())
            .collect()
    };
    let moscow = "russia-turkey-crisis-mediation".to_string();
    assert!(!ids("SCO").contains(&moscow), "{:?}", ids("SCO"));
    assert_eq!(ids("sco").last(), Some(&moscow), "{:?}", ids("sco"));
}

/// Highlights follow the same rule: the whole word or the initials, never
/// scattered letters.
#[test]
fn acronym_highlights_mark_the_word_or_the_initials() {
    let dataset = data::embedded();
    let index = SearchIndex::new(&dataset);
    let marked = |query: &str, text: &str| -> String {
        let query = Query::parse(query).unwrap();
        let chars: Vec<char> = text.chars().collect();
        index.positions(&query, text).iter().map(|&i| chars[i]).collect()
    };
    assert_eq!(marked("FETO", "help against FETÖ"), "FETÖ");
    assert_eq!(marked("FETO", "Russian Federation"), "");
    assert_eq!(marked("tika", "Baku-Tbilisi-Kars railway"), "");
    assert_eq!(marked("btk", "Baku-Tbilisi-Kars railway"), "BTK");
    assert_eq!(marked("BTK", "Baku-Tbilisi-Kars railway"), "BTK");
    assert_eq!(marked("SCO", "sectors and the second SCO summit"), "SCO");
    // A word the dataset does not have whole stays fuzzy.
    assert_eq!(marked("erdgn", "Erdoğan"), "Erdğn");
}

/// Issue 15 4a: a date query lists the events dated as precisely as it
/// asks first, then those dated less precisely that only overlap it.
#[test]
fn exact_dates_come_before_dates_known_less_precisely() {
    let dataset = data::embedded();
    let index = SearchIndex::new(&dataset);
    let hits = index.search(&Query::parse("17 aug 2017").unwrap());
    let exact: Vec<&str> = hits
        .iter()
        .filter(|h| h.exact)
        .map(|h| dataset.events[h.event].id.as_str())
        .collect();
    assert_eq!(
        exact,
        ["zeybekci-visa-free-proposal", "kae-thermal-sights-delivered"]
    );
    assert!(hits.len() > 20, "events dated 2017 still match: {}", hits.len());
    let first_within = hits.iter().position(|h| !h.exact).unwrap();
    assert!(
        hits[first_within..].iter().all(|h| !h.exact),
        "exact always first"
    );
    for hit in &hits[first_within..] {
        let event = &dataset.events[hit.event];
        let date = event.date.as_deref().unwrap();
        assert!(date.len() < "2017-08-17".len(), "{} dated {date}", event.id);
    }
    // A month's events are exact for a month; a year's are not.
    let hits = index.search(&Query::parse("sep 2017").unwrap());
    for hit in &hits {
        let date = dataset.events[hit.event].date.as_deref().unwrap();
        assert_eq!(hit.exact, date.len() >= "2017-09".len(), "{date}");
    }
    // Wholly inside a range is exact at any precision: 1991 is before
    // June 2016 whatever its month.
    let hits = index.search(&Query::parse("before:2016-06").unwrap());
    let recognition = hits
        .iter()
        .find(|h| dataset.events[h.event].id == "turkey-recognises-central-asian-states")
        .unwrap();
    assert!(recognition.exact);
    // A query with no date is exact throughout.
    assert!(
        index
            .search(&Query::parse("erdogan").unwrap())
            .iter()
            .all(|h| h.exact)
    );
}
