//! Names that recur in an imported text, made entities.
//!
//! Deliberately narrow, preferring a missed name to a wrong one: only
//! three shapes are recognised, each of which says what it is —
//! an acronym after its expansion ("Shanghai Cooperation Organization
//! (SCO)": an organization), a person after a title ("President Recep
//! Tayyip Erdoğan", with later "President Erdoğan" as the surname alias),
//! and a run of capitalised words ending in a word that names an
//! organization or a place ("Yunus Emre Foundation", "Caspian Sea"). A
//! name becomes an entity when it, or an alias, is mentioned at least
//! twice.

use crate::model::{Entity, EntityKind};

/// Words that introduce a person's name.
pub const TITLES: [&str; 14] = [
    "President",
    "Minister",
    "Governor",
    "Chairman",
    "Chancellor",
    "Senator",
    "Ambassador",
    "Secretary",
    "King",
    "Queen",
    "Dr",
    "Mr",
    "Mrs",
    "Cumhurbaşkanı",
];

const ORGANIZATION_WORDS: [&str; 17] = [
    "Organization",
    "Organisation",
    "Council",
    "Institute",
    "Foundation",
    "University",
    "Agency",
    "Group",
    "Holding",
    "Forum",
    "Commission",
    "Ministry",
    "Assembly",
    "Center",
    "Centre",
    "Union",
    "Eximbank",
];

const PLACE_WORDS: [&str; 8] = [
    "Sea", "Asia", "Europe", "Region", "District", "Port", "Ocean", "Africa",
];

/// Lowercase words that may sit inside a name ("Partnership for Peace").
const CONNECTORS: [&str; 6] = ["of", "for", "on", "and", "in", "the"];

/// Capitalised words that start sentences rather than names.
const STARTERS: [&str; 24] = [
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "As",
    "By",
    "For",
    "Of",
    "Also",
    "According",
    "Besides",
    "However",
    "Moreover",
    "Following",
    "Although",
    "Currently",
    "Since",
    "Today",
    "Yet",
    "Being",
    "When",
    "Other",
];

/// A word of the text and whether only spaces separate it from the
/// previous word (so that "Asia. Turkey" is not one name).
struct Word<'a> {
    text: &'a str,
    start: usize,
    joined: bool,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut gap_is_space = false;
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let inner = (c == '-' || c == '\'') && start.is_some();
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            let word = text[s..i].trim_end_matches(['-', '\'']);
            let word = word.strip_suffix("'s").unwrap_or(word);
            out.push(Word {
                text: word,
                start: s,
                joined: gap_is_space && !out.is_empty(),
            });
            gap_is_space = true;
        }
        gap_is_space &= c.is_whitespace();
    }
    out
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A word that may be part of a name: capitalised, and not a month or a
/// weekday, which are capitalised without naming anyone.
fn capitalised(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
        && crate::import::prose_dates::month(word).is_none()
        && !WEEKDAYS.contains(&word)
}

/// The capitalised run ending just before word `end` (exclusive), allowing
/// connectors inside it, without leading sentence starters.
fn run_before<'a>(ws: &[Word<'a>], end: usize) -> Vec<&'a str> {
    let mut from = end;
    while from > 0 {
        let w = &ws[from - 1];
        if !(capitalised(w.text) || CONNECTORS.contains(&w.text)) || (from < end && !ws[from].joined) {
            break;
        }
        from -= 1;
    }
    let mut run: Vec<&str> = ws[from..end].iter().map(|w| w.text).collect();
    while run
        .first()
        .is_some_and(|w| CONNECTORS.contains(w) || STARTERS.contains(w))
    {
        run.remove(0);
    }
    run
}

/// The capitalised run starting at word `from`, without connectors.
fn run_from<'a>(ws: &[Word<'a>], from: usize) -> Vec<&'a str> {
    ws.iter()
        .skip(from)
        .enumerate()
        .take_while(|(k, w)| capitalised(w.text) && (*k == 0 || w.joined))
        .map(|(_, w)| w.text)
        .collect()
}

struct Candidate {
    name: String,
    kind: EntityKind,
    alias: Option<String>,
}

fn candidates(text: &str, out: &mut Vec<Candidate>) {
    let ws = words(text);
    for (i, w) in ws.iter().enumerate() {
        let after = &text[w.start + w.text.len()..];
        let acronym = w.text.chars().filter(|c| c.is_uppercase()).count() >= 2;
        if acronym && text[..w.start].ends_with(" (") && after.starts_with(')') {
            let run = run_before(&ws, i);
            let first = |s: &str| s.chars().next().map(|c| c.to_lowercase().to_string());
            if run.len() >= 2 && first(run[0]) == first(w.text) {
                out.push(Candidate {
                    name: run.join(" "),
                    kind: EntityKind::Organization,
                    alias: Some(w.text.to_string()),
                });
            }
        }
        if TITLES.contains(&w.text) {
            let of = ws.get(i + 1).is_some_and(|n| n.text == "of" && n.joined);
            let run = run_from(&ws, i + 1 + usize::from(of));
            let name = if of {
                run.get(1..).unwrap_or_default()
            } else {
                &run[..]
            };
            if (2..=3).contains(&name.len()) {
                out.push(Candidate {
                    name: name.join(" "),
                    kind: EntityKind::Person,
                    alias: name.last().map(|s| s.to_string()),
                });
            }
        }
        let kind = if ORGANIZATION_WORDS.contains(&w.text) {
            Some(EntityKind::Organization)
        } else if PLACE_WORDS.contains(&w.text) {
            Some(EntityKind::Place)
        } else {
            None
        };
        if let Some(kind) = kind {
            let run = run_before(&ws, i + 1);
            if (2..=6).contains(&run.len()) && !CONNECTORS.contains(&run[run.len() - 2]) {
                out.push(Candidate {
                    name: run.join(" "),
                    kind,
                    alias: None,
                });
            }
        }
    }
}

/// Byte spans where `needle` occurs in `text` as whole words.
fn occurrences(text: &str, needle: &str) -> Vec<(usize, usize)> {
    let boundary = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
    text.match_indices(needle)
        .filter(|(at, _)| {
            boundary(text[..*at].chars().next_back()) && boundary(text[at + needle.len()..].chars().next())
        })
        .map(|(at, _)| (at, at + needle.len()))
        .collect()
}

/// How many places in `text` mention the entity by name or alias; an alias
/// inside a mention of the full name, or defined right after it ("Shanghai
/// Cooperation Organization (SCO)"), is the same mention.
pub fn mentions(entity: &Entity, text: &str) -> usize {
    let mut spans: Vec<(usize, usize)> = std::iter::once(&entity.name)
        .chain(&entity.aliases)
        .flat_map(|needle| occurrences(text, needle))
        .collect();
    spans.sort_by_key(|&(start, end)| (start, std::cmp::Reverse(end)));
    let mut reach = 0;
    spans
        .into_iter()
        .filter(|&(start, end)| {
            let new = start >= reach && text.get(reach..start) != Some(" (");
            reach = reach.max(end);
            new
        })
        .count()
}

/// The entities of `texts` (paragraphs): names mentioned at least twice,
/// in order of first appearance, with unique slug ids.
pub fn find(texts: &[&str]) -> Vec<Entity> {
    let mut found = Vec::new();
    for text in texts {
        candidates(text, &mut found);
    }
    let mut entities: Vec<Entity> = Vec::new();
    for c in found {
        if let Some(known) = entities.iter_mut().find(|e| e.name == c.name) {
            known
                .aliases
                .extend(c.alias.filter(|a| !known.aliases.contains(a)));
            continue;
        }
        let id = crate::import::markdown::slug(&c.name);
        if id.is_empty() || entities.iter().any(|e| e.id == id) {
            continue;
        }
        entities.push(Entity {
            id,
            name: c.name,
            kind: c.kind,
            aliases: c.alias.into_iter().collect(),
            description: String::new(),
            provenance: Vec::new(),
        });
    }
    entities.retain(|e| texts.iter().map(|t| mentions(e, t)).sum::<usize>() >= 2);
    entities
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(texts: &[&str]) -> Vec<(String, EntityKind, Vec<String>)> {
        find(texts)
            .into_iter()
            .map(|e| (e.name, e.kind, e.aliases))
            .collect()
    }

    #[test]
    fn acronyms_with_their_expansion() {
        let texts = [
            "Kazakhstan is a member of Shanghai Cooperation Organization (SCO) since then.",
            "Turkey is not a member of SCO.",
        ];
        assert_eq!(
            names(&texts),
            [(
                "Shanghai Cooperation Organization".into(),
                EntityKind::Organization,
                vec!["SCO".into()]
            )]
        );
    }

    #[test]
    fn titled_people_with_their_surname() {
        let texts = [
            "President of Turkey Recep Tayyip Erdoğan paid a visit.",
            "President Erdoğan's visit. President of Kazakhstan Nursultan Nazarbayev spoke.",
        ];
        assert_eq!(
            names(&texts),
            [(
                "Recep Tayyip Erdoğan".into(),
                EntityKind::Person,
                vec!["Erdoğan".into()]
            )]
        );
    }

    #[test]
    fn names_named_once_or_across_sentences_are_not_entities() {
        let texts = [
            "In May it rained in Central Asia. Turkey Council met.",
            "The Yunus Emre Foundation.",
        ];
        assert_eq!(names(&texts), []);
        let twice = ["The Caspian Sea basin.", "Ferries over Caspian Sea."];
        assert_eq!(names(&twice), [("Caspian Sea".into(), EntityKind::Place, vec![])]);
    }

    #[test]
    fn months_and_weekdays_are_not_names() {
        let texts = ["On Monday May Council met.", "On Monday May Council met again."];
        assert_eq!(names(&texts), []);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(a in proptest::prelude::any::<String>(), b in "[A-Za-z() ']{0,60}") {
            let _ = find(&[&a, &b, &format!("{b} ({a})")]);
        }
    }

    #[test]
    fn mentions_count_an_alias_inside_the_name_once() {
        let entity = &find(&["President Recep Tayyip Erdoğan and President Erdoğan."])[0];
        assert_eq!(
            mentions(entity, "Recep Tayyip Erdoğan met Erdoğanist Erdoğan."),
            2
        );
    }
}
