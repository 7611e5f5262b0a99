//! A Markdown article made a dossier.
//!
//! What becomes what:
//! - the document: YAML front matter (`title`, `author`, `date`), else the
//!   first level 1 heading, else the first heading of any level (articles
//!   copied from the web often title themselves with `##`). Short lines
//!   right under a title heading are its byline: a name is the author, the
//!   line after it the author's role, a date the publication date, another
//!   line with a number the series ("Analysis No : 2017 / 29").
//! - tabs: the headings of the highest level left once the title is taken;
//!   text before the first of them goes to an "Introduction" tab (a tab
//!   rather than the overview, because it holds dated facts like the rest).
//!   Without headings everything is in one "Article" tab.
//! - events: one per sentence that names a date, since an article often
//!   packs several dated facts into a paragraph ("In 2009 an agreement
//!   was signed. In 2012 a council was set up."). The sentences after it
//!   that name none belong to its event: they go on about its fact. The
//!   sentences that open a paragraph before its first date are an undated
//!   event of their own, so that a dated event's title is the sentence
//!   that dates it. A paragraph naming no date is one undated event. A paragraph cut
//!   mid-sentence by a blank line (page breaks in text copied from PDFs)
//!   is joined to the next first. Paragraphs entirely in italics are
//!   editorial asides (photo credits, "Corrected on 19 May 2020", which
//!   fills `corrected`), not events. An event's date is the first of the
//!   most precise dates its sentence names ([`prose_dates::most_salient`]),
//!   a range giving `end` too; a day without its year takes the year from
//!   the paragraph or the document. Its summary is its sentences as
//!   written with markers as ` [n]`, its title the first sentence, its
//!   `paragraph` the paragraph's number, so that the Reader can read the
//!   article as written.
//! - footnotes: `[^id]` notes (multi-paragraph too), inline `^[…]` notes,
//!   and endnotes: `[\[n\]](#)`, `<sup>[n]</sup>` or `[n]` markers with a
//!   list of paragraphs starting `[n] ` at the end. The list ends the
//!   article: what follows it is back matter (about the author, contact),
//!   not events. Labelled and inline notes are numbered after the highest
//!   endnote, in order of first reference.
//! - entities: recurring names ([`super::names`]).

use std::collections::BTreeMap;

use pulldown_cmark::{Event as Md, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::{ImportError, Imported, Where, names, prose_dates};
use crate::model::{Citation, Dataset, Document, EntityKind, Event, Footnote, FootnoteBody, Tab};

/// Longest event title, in characters, before it is cut at a word.
const TITLE_CHARS: usize = 80;

/// Notes longer than this many words explain rather than name a source.
const SHORT_TITLE_WORDS: usize = 15;

/// A piece of a paragraph, its markup resolved.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    /// Italics: in a citation, the outlet.
    Emph(String),
    Link {
        text: String,
        url: String,
    },
    /// A note marker: its endnote number, or its label for `[^id]`.
    Number(u32),
    Label(String),
    /// An inline `^[…]` note's text.
    Inline(String),
}

#[derive(Debug, Clone, Default)]
struct Para {
    pieces: Vec<Piece>,
    /// Byte offset in the input, for errors.
    offset: usize,
    /// From a list item, where a missing full stop is normal.
    item: bool,
}

impl Para {
    fn push_text(&mut self, text: &str) {
        match self.pieces.last_mut() {
            Some(Piece::Text(last)) => last.push_str(text),
            _ => self.pieces.push(Piece::Text(text.to_string())),
        }
    }

    /// The text as written, markers as ` [n]` given their numbers.
    fn render(&self, number: impl Fn(usize) -> Option<u32>) -> String {
        let mut out = String::new();
        for (i, piece) in self.pieces.iter().enumerate() {
            match piece {
                Piece::Text(t) | Piece::Emph(t) | Piece::Link { text: t, .. } => out.push_str(t),
                _ => {
                    if let Some(n) = number(i) {
                        out.push_str(&format!(" [{n}]"));
                    }
                }
            }
        }
        out.trim().to_string()
    }

    /// The text without markers.
    fn plain(&self) -> String {
        self.render(|_| None)
    }

    /// The text without markers, untrimmed: offsets in it are offsets in
    /// the concatenated pieces.
    fn raw(&self) -> String {
        self.pieces
            .iter()
            .filter_map(|piece| match piece {
                Piece::Text(t) | Piece::Emph(t) | Piece::Link { text: t, .. } => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }

    /// Whether this could be a line of a byline: short, not a sentence,
    /// unsourced ("Özge Nur ÖĞÜTCÜ", "13.09.2017").
    fn byline_like(&self) -> bool {
        let plain = self.plain();
        plain.split_whitespace().count() < 8
            && !plain.ends_with(['.', '!', '?'])
            && self.pieces.iter().all(|p| matches!(p, Piece::Text(_)))
    }

    fn all_emphasis(&self) -> bool {
        self.pieces
            .iter()
            .all(|p| matches!(p, Piece::Emph(_)) || matches!(p, Piece::Text(t) if t.trim().is_empty()))
            && self.pieces.iter().any(|p| matches!(p, Piece::Emph(_)))
    }
}

enum Block {
    Heading { level: u8, text: String },
    Para(Para),
}

/// What the parser saw, before any interpretation.
#[derive(Default)]
struct Parsed {
    blocks: Vec<Block>,
    /// `[^id]` definitions, each a list of paragraphs.
    definitions: Vec<(String, Vec<Para>)>,
    front_matter: Option<(String, usize)>,
}

fn parse(text: &str) -> Parsed {
    let options = Options::ENABLE_FOOTNOTES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut parsed = Parsed::default();
    let mut para: Option<Para> = None;
    let mut heading: Option<(u8, String)> = None;
    let mut definition: Option<(String, Vec<Para>)> = None;
    let mut link: Option<(String, String)> = None;
    let mut emphasis = 0usize;
    let mut metadata: Option<(String, usize)> = None;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let mut words = |s: &str, para: &mut Option<Para>, heading: &mut Option<(u8, String)>| {
            if let Some((_, h)) = heading {
                h.push_str(s);
            } else if let Some((_, t)) = &mut link {
                t.push_str(s);
            } else if let Some(p) = para {
                match p.pieces.last_mut() {
                    Some(Piece::Emph(last)) if emphasis > 0 => last.push_str(s),
                    _ if emphasis > 0 => p.pieces.push(Piece::Emph(s.to_string())),
                    _ => p.push_text(s),
                }
            }
        };
        match event {
            Md::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => {
                metadata = Some((String::new(), range.start))
            }
            Md::End(TagEnd::MetadataBlock(_)) => parsed.front_matter = metadata.take(),
            Md::Text(t) if metadata.is_some() => {
                if let Some((m, _)) = &mut metadata {
                    m.push_str(&t);
                }
            }
            Md::Start(Tag::Heading { level, .. }) => heading = Some((level as u8, String::new())),
            Md::End(TagEnd::Heading(_)) => {
                // An empty heading names nothing: neither a title nor a tab.
                if let Some((level, text)) = heading.take().filter(|(_, t)| !t.trim().is_empty()) {
                    parsed.blocks.push(Block::Heading {
                        level,
                        text: text.trim().to_string(),
                    });
                }
            }
            Md::Start(Tag::FootnoteDefinition(label)) => definition = Some((label.to_string(), Vec::new())),
            Md::End(TagEnd::FootnoteDefinition) => parsed.definitions.extend(definition.take()),
            Md::Start(Tag::Paragraph | Tag::Item) if para.is_none() => {
                para = Some(Para {
                    offset: range.start,
                    item: matches!(event, Md::Start(Tag::Item)),
                    ..Para::default()
                });
            }
            Md::End(TagEnd::Paragraph | TagEnd::Item) => {
                if let Some(p) = para.take().filter(|p| !p.plain().is_empty()) {
                    match &mut definition {
                        Some((_, paras)) => paras.push(p),
                        None => parsed.blocks.push(Block::Para(p)),
                    }
                }
            }
            Md::Start(Tag::Emphasis) => emphasis += 1,
            Md::End(TagEnd::Emphasis) => emphasis = emphasis.saturating_sub(1),
            Md::Start(Tag::Link { dest_url, .. }) => link = Some((dest_url.to_string(), String::new())),
            Md::End(TagEnd::Link) => {
                if let (Some((url, text)), Some(p)) = (link.take(), &mut para) {
                    let number = text
                        .strip_prefix('[')
                        .and_then(|t| t.strip_suffix(']'))
                        .and_then(|n| n.parse().ok());
                    match number {
                        Some(n) if url == "#" => p.pieces.push(Piece::Number(n)),
                        _ => p.pieces.push(Piece::Link { text, url }),
                    }
                }
            }
            Md::FootnoteReference(label) => {
                if let Some(p) = &mut para {
                    p.pieces.push(Piece::Label(label.to_string()));
                }
            }
            Md::Text(t) | Md::Code(t) => words(&t, &mut para, &mut heading),
            Md::SoftBreak | Md::HardBreak => words(" ", &mut para, &mut heading),
            _ => {}
        }
    }
    parsed
}

/// 1-based line and column (in characters) of byte `offset`.
fn position(text: &str, offset: usize) -> Where {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
    Where::Text { line, column }
}

/// An id from a title: lowercase ASCII letters and digits joined by `-`,
/// at most 64 characters; letters with accents lose them.
pub fn slug(title: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in title.nfkd().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_ascii() && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        } else if c == 'ı' {
            out.push('i');
        }
    }
    let mut out: String = out.trim_end_matches('-').chars().take(64).collect();
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Splits `^[…]` inline notes out of the text pieces. An unclosed one is an
/// error: silently keeping it as text would lose the note.
fn inline_notes(para: &mut Para, source: &str, origin: &str) -> Result<(), ImportError> {
    let mut pieces = Vec::new();
    for piece in para.pieces.drain(..) {
        let Piece::Text(mut text) = piece else {
            pieces.push(piece);
            continue;
        };
        while let Some(at) = text.find("^[") {
            let mut depth = 0usize;
            let close = text[at + 1..].char_indices().find_map(|(i, c)| {
                depth = match c {
                    '[' => depth + 1,
                    ']' => depth - 1,
                    _ => depth,
                };
                (depth == 0).then_some(at + 1 + i)
            });
            let Some(close) = close else {
                let offset = source[para.offset..]
                    .find("^[")
                    .map_or(para.offset, |i| para.offset + i);
                return Err(ImportError {
                    origin: origin.to_string(),
                    at: position(source, offset),
                    message: "an inline note ^[ is not closed: expected a ] in the same paragraph".into(),
                });
            };
            pieces.push(Piece::Text(text[..at].to_string()));
            pieces.push(Piece::Inline(text[at + 2..close].trim().to_string()));
            text = text[close + 1..].to_string();
        }
        pieces.push(Piece::Text(text));
    }
    para.pieces = pieces;
    Ok(())
}

/// A `[^label]` left as text: the parser makes markers only of notes
/// that are defined, so this one has no definition.
fn undefined_label(para: &Para) -> Option<String> {
    para.pieces.iter().find_map(|p| {
        let Piece::Text(t) = p else { return None };
        t.match_indices("[^").find_map(|(at, _)| {
            let label = t[at + 2..].split(']').next()?;
            let closed = t[at + 2 + label.len()..].starts_with(']');
            (closed && !label.is_empty() && !label.contains(char::is_whitespace)).then(|| label.to_string())
        })
    })
}

/// Turns written `[n]` markers into note markers, for the numbers the note
/// list has; other bracketed numbers stay text.
fn written_markers(para: &mut Para, listed: &BTreeMap<u32, Para>) {
    let mut pieces = Vec::new();
    for piece in para.pieces.drain(..) {
        let Piece::Text(text) = piece else {
            pieces.push(piece);
            continue;
        };
        let mut rest = text.as_str();
        while let Some((at, n, len)) = next_marker(rest, listed) {
            pieces.push(Piece::Text(rest[..at].to_string()));
            pieces.push(Piece::Number(n));
            rest = &rest[at + len..];
        }
        pieces.push(Piece::Text(rest.to_string()));
    }
    pieces.retain(|p| !matches!(p, Piece::Text(t) if t.is_empty()));
    para.pieces = pieces;
}

fn next_marker(text: &str, listed: &BTreeMap<u32, Para>) -> Option<(usize, u32, usize)> {
    text.match_indices('[').find_map(|(at, _)| {
        let digits = text[at + 1..].split(']').next()?;
        let n: u32 = digits.parse().ok()?;
        let closed = text[at + 1 + digits.len()..].starts_with(']');
        (closed && listed.contains_key(&n)).then_some((at, n, digits.len() + 2))
    })
}

/// The number a list paragraph `[n] …` gives its note, with the note
/// itself; `None` for any other paragraph.
fn endnote(para: &Para) -> Option<(u32, Para)> {
    let Some(Piece::Text(first)) = para.pieces.first() else {
        return None;
    };
    let rest = first.trim_start().strip_prefix('[')?;
    let (digits, after) = rest.split_once(']')?;
    let n = digits.parse().ok()?;
    let mut note = para.clone();
    note.pieces[0] = Piece::Text(after.trim_start().to_string());
    Some((n, note))
}

/// Simple `key: value` front matter; only the keys the document has.
fn front_matter(
    yaml: &str,
    offset: usize,
    source: &str,
    origin: &str,
    doc: &mut Document,
) -> Result<(), ImportError> {
    for (i, line) in yaml.lines().enumerate() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            let line_no = source[..offset.min(source.len())].matches('\n').count() + 2 + i;
            return Err(ImportError {
                origin: origin.to_string(),
                at: Where::Text {
                    line: line_no,
                    column: 1,
                },
                message: format!("front matter line {line:?} has no colon: expected key: value"),
            });
        };
        let value = value.trim().trim_matches(['"', '\'']).to_string();
        if value.is_empty() {
            continue;
        }
        match key.trim() {
            "title" => doc.title = value,
            "author" => doc.author = Some(value),
            "date" => doc.published = whole_date(&value),
            "url" => doc.url = Some(value),
            "lang" | "language" => doc.language = Some(value),
            _ => {}
        }
    }
    Ok(())
}

/// The date a text consists of ("13.09.2017"), as a dataset date.
fn whole_date(text: &str) -> Option<String> {
    let found = prose_dates::find(text, None);
    match found.as_slice() {
        [f] if f.span.1 - f.span.0 >= text.trim().len() => Some(f.start.to_string()),
        _ => None,
    }
}

/// Words that end with a full stop inside a sentence.
const ABBREVIATIONS: [&str; 10] = ["Mr", "Mrs", "Ms", "Dr", "Prof", "St", "No", "Gen", "Col", "vs"];

/// Byte offsets just after each `.`, `!` or `?` that ends a sentence: a
/// space and a capital follow, and the word before is neither an initial
/// ("R. T. Erdoğan") nor an abbreviation ("Dr.").
fn sentence_ends(text: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    chars
        .windows(3)
        .filter(|w| {
            let before_stop = text[..w[0].0].rsplit(' ').next().unwrap_or_default();
            matches!(w[0].1, '.' | '!' | '?')
                && w[1].1 == ' '
                && w[2].1.is_uppercase()
                && before_stop.chars().count() > 1
                && !ABBREVIATIONS.contains(&before_stop)
        })
        .map(|w| w[0].0 + 1)
        .collect()
}

/// The paragraph cut into sentences, each with the note numbers of its
/// pieces. A marker right after a sentence's full stop stays with that
/// sentence; links and emphasis are never cut.
fn sentences(para: &Para, numbers: &[Option<u32>]) -> Vec<(Para, Vec<Option<u32>>, usize)> {
    let raw = para.raw();
    let ends = sentence_ends(&raw);
    let sentence_at = |offset: usize| ends.partition_point(|&e| e <= offset);
    let mut out: Vec<(Para, Vec<Option<u32>>, usize)> = (0..=ends.len())
        .map(|i| {
            let start = if i == 0 { 0 } else { ends[i - 1] };
            (
                Para {
                    offset: para.offset,
                    item: para.item,
                    pieces: Vec::new(),
                },
                Vec::new(),
                start,
            )
        })
        .collect();
    let mut at = 0;
    for (piece, number) in para.pieces.iter().zip(numbers) {
        match piece {
            Piece::Text(text) => {
                let mut start = at;
                for cut in ends
                    .iter()
                    .copied()
                    .filter(|&e| e > at && e < at + text.len())
                    .chain([at + text.len()])
                {
                    let (para, numbers, _) = &mut out[sentence_at(start)];
                    para.push_text(&text[start - at..cut - at]);
                    numbers.push(None);
                    start = cut;
                }
                at += text.len();
            }
            Piece::Emph(text) | Piece::Link { text, .. } => {
                let (para, numbers, _) = &mut out[sentence_at(at)];
                para.pieces.push(piece.clone());
                numbers.push(None);
                at += text.len();
            }
            _ => {
                let (para, numbers, _) = &mut out[ends.partition_point(|&e| e < at)];
                para.pieces.push(piece.clone());
                numbers.push(*number);
            }
        }
    }
    out.retain(|(para, _, _)| !para.pieces.is_empty());
    out
}

/// The first sentence of `text`, cut at a word to about [`TITLE_CHARS`].
fn title_of(text: &str) -> String {
    let end = sentence_ends(text).first().copied().unwrap_or(text.len());
    let sentence = text[..end].trim();
    if sentence.chars().count() <= TITLE_CHARS {
        return sentence.to_string();
    }
    let cut: String = sentence.chars().take(TITLE_CHARS).collect();
    let at_word = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ']))
}

/// Text compared when matching a short note to an earlier title: letters
/// and digits, lowercased, single-spaced.
fn normal(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words that say the dates after them are when the source was read.
const ACCESS_WORDS: [&str; 5] = [
    "access date",
    "accessed",
    "retrieved",
    "erişim tarihi",
    "last visited",
];

/// A note read as a full citation, with the text its short form may repeat.
struct Cited {
    citation: Citation,
    /// The words before the outlet: author and title as written.
    head: String,
}

fn citation(note: &Para) -> Option<Cited> {
    let url = note.pieces.iter().find_map(|p| match p {
        Piece::Link { url, .. } => Some(url.clone()),
        _ => None,
    });
    let prose: String = note
        .pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) | Piece::Emph(t) => t.as_str(),
            _ => "",
        })
        .collect();
    let access = ACCESS_WORDS
        .iter()
        .filter_map(|w| prose.to_lowercase().find(w))
        .min()
        .unwrap_or(prose.len());
    let dates = prose_dates::find(&prose, None);
    let published = dates
        .iter()
        .find(|d| d.span.0 < access)
        .map(|d| d.start.to_string());
    let accessed = dates
        .iter()
        .find(|d| d.span.0 > access)
        .map(|d| d.start.to_string());
    let before_date = dates.first().map_or(prose.len(), |d| d.span.0).min(access);
    let emph = note
        .pieces
        .iter()
        .position(|p| matches!(p, Piece::Emph(t) if !t.trim().is_empty()));
    let (outlet, head) = match emph {
        Some(i) => {
            let head: String = note.pieces[..i]
                .iter()
                .map(|p| match p {
                    Piece::Text(t) => t.as_str(),
                    _ => "",
                })
                .collect();
            let Piece::Emph(outlet) = &note.pieces[i] else {
                return None;
            };
            (outlet.trim().to_string(), head)
        }
        // Without italics the outlet is the last part before the dates.
        None if url.is_some() && before_date < prose.len() => {
            let head = prose[..before_date].trim().trim_end_matches(',');
            let (head, outlet) = head.rsplit_once(',')?;
            (outlet.trim().to_string(), head.to_string())
        }
        None => return None,
    };
    if outlet.is_empty() || (url.is_none() && published.is_none() && accessed.is_none()) {
        return None;
    }
    let head = head.trim().trim_end_matches(',').trim().to_string();
    let author = head
        .split_once(", ")
        .filter(|(name, rest)| is_author(name) && !rest.trim().is_empty());
    let title = author
        .map_or(head.as_str(), |(_, rest)| rest)
        .trim()
        .trim_matches(['"', '“', '”', ' ']);
    Some(Cited {
        citation: Citation {
            author: author.map(|(name, _)| name.trim().to_string()),
            title: if title.is_empty() {
                outlet.clone()
            } else {
                title.to_string()
            },
            outlet,
            published,
            accessed,
            url,
            language: None,
        },
        head,
    })
}

/// Whether a citation's first part is a person's name: two to four
/// capitalised words (a parenthesised rank may follow), not a title.
fn is_author(text: &str) -> bool {
    let name = text.split(" (").next().unwrap_or(text);
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) && !w.contains(char::is_numeric))
        && !names::TITLES.contains(&words[0])
}

/// Turns each note into a footnote, in number order: full citations,
/// back-references to the first citation a short note repeats (or to the
/// previous one, for "Ibid."), else explanatory or unresolved notes.
fn footnotes(notes: &BTreeMap<u32, Para>) -> Vec<Footnote> {
    let mut cited: Vec<(u32, String, String)> = Vec::new();
    let mut last: Option<u32> = None;
    let mut out = Vec::new();
    for (&number, note) in notes {
        let text = note.plain();
        let body = if let Some(c) = citation(note) {
            cited.push((number, normal(&c.citation.title), normal(&c.head)));
            last = Some(number);
            FootnoteBody::Citation(c.citation)
        } else if let Some(to) = last.filter(|_| normal(&text).starts_with("ibid")) {
            FootnoteBody::Backref { text, refers_to: to }
        } else if let Some(to) = repeated(&cited, &normal(&text)) {
            last = Some(to);
            FootnoteBody::Backref { text, refers_to: to }
        } else {
            let url = note.pieces.iter().find_map(|p| match p {
                Piece::Link { url, .. } => Some(url.clone()),
                _ => None,
            });
            let words = text.split_whitespace().count();
            let short = words <= SHORT_TITLE_WORDS && !text.contains([';', ':', '%']);
            if short && url.is_none() {
                FootnoteBody::Unresolved { text }
            } else {
                FootnoteBody::Note { text, url }
            }
        };
        out.push(Footnote { number, body });
    }
    out
}

/// The first citation whose title (or author and title) the short note
/// repeats in full or begins with whole words.
fn repeated(cited: &[(u32, String, String)], short: &str) -> Option<u32> {
    let begins =
        |long: &str| long == short || (long.starts_with(short) && long[short.len()..].starts_with(' '));
    (short.split(' ').count() >= 2)
        .then(|| {
            cited
                .iter()
                .find(|(_, title, head)| begins(title) || begins(head))
                .map(|c| c.0)
        })
        .flatten()
}

/// Whether a paragraph stops mid-sentence, so the next continues it.
fn unfinished(para: &Para) -> bool {
    match para.pieces.last() {
        Some(Piece::Text(t)) => t.trim_end().ends_with(|c: char| c.is_alphanumeric() || c == ','),
        _ => false,
    }
}

struct Section {
    tab: Tab,
    paras: Vec<Para>,
}

/// Imports a Markdown article; `origin` names it in errors.
pub fn import(text: &str, origin: &str) -> Result<Imported, ImportError> {
    let error = |at: Where, message: &str| ImportError {
        origin: origin.to_string(),
        at,
        message: message.to_string(),
    };
    let parsed = parse(text);
    let mut document = Document::default();
    if let Some((yaml, offset)) = &parsed.front_matter {
        front_matter(yaml, *offset, text, origin, &mut document)?;
    }
    let has_h1 = parsed
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Heading { level: 1, .. }));
    let mut blocks = parsed.blocks;
    if document.title.is_empty() {
        let title = blocks
            .iter()
            .position(|b| matches!(b, Block::Heading { level, .. } if !has_h1 || *level == 1));
        let Some(at) = title else {
            return Err(error(
                Where::Text { line: 1, column: 1 },
                "no title: expected front matter with title: or a heading",
            ));
        };
        if let Block::Heading { text, .. } = blocks.remove(at) {
            document.title = text;
        }
        let byline_end = blocks[at..]
            .iter()
            .position(|b| !matches!(b, Block::Para(p) if p.byline_like()))
            .map_or(blocks.len(), |n| at + n);
        let lines: Vec<String> = blocks
            .drain(at..byline_end)
            .filter_map(|b| match b {
                Block::Para(p) => Some(p.plain()),
                Block::Heading { .. } => None,
            })
            .collect();
        read_byline(&lines, &mut document);
    }

    // The note list, and the back matter after it. The list must start at
    // [1], so that a paragraph opening with "[2019]" does not end the text.
    let list_start = blocks
        .iter()
        .position(|b| matches!(b, Block::Para(p) if endnote(p).is_some_and(|(n, _)| n == 1)))
        .unwrap_or(blocks.len());
    let mut notes: BTreeMap<u32, Para> = BTreeMap::new();
    for block in blocks.drain(list_start..) {
        if let Block::Para(p) = block
            && let Some((n, note)) = endnote(&p)
        {
            notes.entry(n).or_insert(note);
        }
    }

    let section_level = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, .. } => Some(*level),
            Block::Para(_) => None,
        })
        .min();
    let mut sections: Vec<Section> = Vec::new();
    let mut previous_unfinished = false;
    for block in blocks {
        match block {
            Block::Heading { level, text: title } if Some(level) == section_level => {
                let id = unique(&slug(&title), sections.iter().map(|s| s.tab.id.as_str()));
                sections.push(Section {
                    tab: tab(id, title, &sections),
                    paras: Vec::new(),
                });
                previous_unfinished = false;
            }
            Block::Heading { .. } => previous_unfinished = false,
            Block::Para(mut para) => {
                if let Some(label) = undefined_label(&para) {
                    let marker = format!("[^{label}]");
                    let at = text[para.offset..]
                        .find(&marker)
                        .map_or(para.offset, |i| para.offset + i);
                    let message = format!("note {marker} has no definition: expected a line {marker}: …");
                    return Err(error(position(text, at), &message));
                }
                inline_notes(&mut para, text, origin)?;
                written_markers(&mut para, &notes);
                if para.all_emphasis() {
                    let plain = para.plain();
                    if plain.trim_start_matches(['*', ' ']).starts_with("Corrected") {
                        document.corrected = prose_dates::salient(&plain, None).map(|f| f.start.to_string());
                    }
                    continue;
                }
                if sections.is_empty() {
                    sections.push(Section {
                        tab: tab("introduction".into(), "Introduction".into(), &sections),
                        paras: Vec::new(),
                    });
                }
                let Some(section) = sections.last_mut() else {
                    continue;
                };
                let joined = previous_unfinished && !para.item;
                previous_unfinished = unfinished(&para) && !para.item;
                match section.paras.last_mut().filter(|_| joined) {
                    Some(last) => {
                        last.push_text(" ");
                        last.pieces.extend(para.pieces);
                    }
                    None => section.paras.push(para),
                }
            }
        }
    }
    sections.retain(|s| !s.paras.is_empty());
    if sections.is_empty() {
        return Err(error(
            Where::Input,
            "no paragraphs: expected at least one paragraph of text",
        ));
    }
    if sections.len() > crate::model::MAX_TABS {
        return Err(error(
            Where::Input,
            "more than 64 sections: a dossier has at most 64 tabs",
        ));
    }
    if sections.len() == 1 && sections[0].tab.id == "introduction" {
        sections[0].tab = tab("article".into(), "Article".into(), &[]);
    }

    // Number the labelled and inline notes after the listed ones.
    let mut next = notes.keys().next_back().copied().unwrap_or(0);
    let mut labels: BTreeMap<String, u32> = BTreeMap::new();
    let mut numbered: Vec<Vec<Option<u32>>> = Vec::new();
    for section in &sections {
        for para in &section.paras {
            let mut numbers = Vec::new();
            for piece in &para.pieces {
                numbers.push(match piece {
                    Piece::Number(n) if notes.contains_key(n) => Some(*n),
                    Piece::Number(n) => {
                        return Err(error(
                            position(text, para.offset),
                            &format!("note [{n}] is referenced but not in the note list: expected a paragraph starting [{n}]"),
                        ));
                    }
                    Piece::Label(label) => Some(*labels.entry(label.clone()).or_insert_with(|| {
                        next += 1;
                        next
                    })),
                    Piece::Inline(note) => {
                        next += 1;
                        notes.insert(next, Para {
                            pieces: vec![Piece::Text(note.clone())],
                            ..Para::default()
                        });
                        Some(next)
                    }
                    _ => None,
                });
            }
            numbered.push(numbers);
        }
    }
    for (label, paras) in &parsed.definitions {
        let number = *labels.entry(label.clone()).or_insert_with(|| {
            next += 1;
            next
        });
        notes.insert(number, join_paragraphs(paras));
    }
    let default_year = document
        .published
        .as_deref()
        .and_then(|d| crate::date::PartialDate::parse(d).ok())
        .map(|d| d.year);
    let plains: Vec<String> = sections
        .iter()
        .flat_map(|s| s.paras.iter().map(Para::plain))
        .collect();
    let entities = names::find(&plains.iter().map(String::as_str).collect::<Vec<_>>());
    let mut events = Vec::new();
    let paras = sections
        .iter()
        .flat_map(|s| s.paras.iter().map(move |p| (&s.tab.id, p)));
    let mut in_tab = 0;
    for (written, ((tab, para), numbers)) in paras.zip(&numbered).enumerate() {
        if events.last().is_some_and(|e: &Event| e.tab != *tab) {
            in_tab = 0;
        }
        // Dates are found in the whole paragraph, where a day without its
        // year finds the year written before it.
        let found = prose_dates::find(&para.raw(), default_year);
        let mut groups: Vec<(Para, Vec<Option<u32>>, Vec<prose_dates::Found>)> = Vec::new();
        let cut = sentences(para, numbers);
        for (i, (sentence, numbers, start)) in cut.iter().enumerate() {
            let end = cut.get(i + 1).map_or(usize::MAX, |next| next.2);
            let dates: Vec<_> = found
                .iter()
                .filter(|f| (*start..end).contains(&f.span.0))
                .copied()
                .collect();
            match groups.last_mut() {
                Some(group) if dates.is_empty() => {
                    group.0.pieces.extend(sentence.pieces.iter().cloned());
                    group.1.extend(numbers);
                    group.2.extend(dates);
                }
                _ => groups.push((sentence.clone(), numbers.clone(), dates)),
            }
        }
        for (para, numbers, dates) in groups {
            let plain = para.plain();
            let date = prose_dates::most_salient(&dates);
            let mentioned = |places: bool| {
                entities
                    .iter()
                    .filter(|e| (e.kind == EntityKind::Place) == places && names::mentions(e, &plain) > 0)
                    .map(|e| e.id.clone())
                    .collect()
            };
            let mut footnotes: Vec<u32> = numbers.iter().flatten().copied().collect();
            footnotes.dedup();
            in_tab += 1;
            events.push(Event {
                id: format!("{tab}-{in_tab}"),
                date: date.map(|d| d.start.to_string()),
                end: date.and_then(|d| d.end).map(|e| e.to_string()),
                tab: tab.clone(),
                title: title_of(&plain),
                summary: para.render(|at| numbers.get(at).copied().flatten()),
                actors: mentioned(false),
                places: mentioned(true),
                figures: Vec::new(),
                footnotes,
                quotes: Vec::new(),
                planned: false,
                provenance: Vec::new(),
                paragraph: u32::try_from(written + 1).ok(),
            });
        }
    }
    Ok(Imported {
        dataset: Dataset {
            format: Some(crate::model::FORMAT.into()),
            version: Some(crate::model::VERSION),
            document,
            tabs: sections.into_iter().map(|s| s.tab).collect(),
            events,
            entities,
            footnotes: footnotes(&notes),
        },
        skipped: super::Skipped::default(),
    })
}

/// A multi-paragraph note as one, its paragraphs separated by a blank line.
fn join_paragraphs(paras: &[Para]) -> Para {
    let mut joined = Para::default();
    for (i, p) in paras.iter().enumerate() {
        if i > 0 {
            joined.push_text("\n\n");
        }
        for piece in &p.pieces {
            match piece {
                Piece::Text(t) => joined.push_text(t),
                other => joined.pieces.push(other.clone()),
            }
        }
    }
    joined
}

fn read_byline(lines: &[String], document: &mut Document) {
    let mut after_author = false;
    for line in lines {
        let line = line.trim();
        if let Some(date) = whole_date(line) {
            document.published.get_or_insert(date);
            after_author = false;
        } else if document.author.is_none() && is_author(line) {
            document.author = Some(line.to_string());
            after_author = true;
        } else if after_author && document.author_role.is_none() {
            document.author_role = Some(line.to_string());
            after_author = false;
        } else if line.contains(char::is_numeric) && document.series.is_none() {
            document.series = Some(line.to_string());
        }
    }
}

/// `id`, or `id-2`, `id-3`… if taken.
fn unique<'a>(id: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    let base = if id.is_empty() { "section" } else { id };
    let free = |candidate: &str| !taken.clone().any(|t| t == candidate);
    (1..)
        .map(|n| {
            if n == 1 {
                base.to_string()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|c| free(c))
        .unwrap_or_default()
}

/// Title words too general to tell tabs apart in a narrow tab bar.
const GENERIC_WORDS: [&str; 4] = ["Relations", "Cooperation", "Within", "Between"];

/// A short label from a long section title: its first two telling words
/// ("Security and Military Relations" → "Security/Military"); `None`
/// when the title is short enough already.
fn label(title: &str) -> Option<String> {
    let mut label = String::new();
    let mut taken = 0;
    let mut separator = " ";
    for word in title.split_whitespace() {
        if word == "and" || word == "&" {
            separator = "/";
        } else if word.starts_with(char::is_uppercase) && !GENERIC_WORDS.contains(&word) && taken < 2 {
            if taken == 1 {
                label.push_str(separator);
            }
            label.push_str(word);
            taken += 1;
            separator = " ";
        }
    }
    (!label.is_empty() && label != title).then_some(label)
}

/// A tab for a section: its badge is the first letter of its label or
/// title that no earlier tab uses, so the Timeline can tell tabs apart.
fn tab(id: String, title: String, earlier: &[Section]) -> Tab {
    let used: Vec<&str> = earlier.iter().filter_map(|s| s.tab.badge.as_deref()).collect();
    let label = label(&title);
    let badge = label
        .iter()
        .flat_map(|l| l.split(['/', ' ']))
        .chain(title.split_whitespace())
        .filter_map(|w| w.chars().next())
        .chain(title.chars())
        .filter(|c| c.is_alphanumeric())
        .map(|c| c.to_uppercase().to_string())
        .find(|b| !used.contains(&b.as_str()));
    Tab {
        id,
        title,
        label,
        badge,
        color: None,
        summary: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = "../shared/seed/000_c4c2074ab496324b.txt";

    fn validated(dataset: &Dataset) {
        let json = serde_json::to_string_pretty(dataset).expect("serializable");
        assert_eq!(crate::data::validate(dataset, &json), []);
    }

    /// CommonMark's backslash escapes, resolved once, as in a link.
    fn unescape(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match chars.peek() {
                Some(&next) if c == '\\' && next.is_ascii_punctuation() => {
                    out.push(next);
                    chars.next();
                }
                _ => out.push(c),
            }
        }
        out
    }

    /// Each listed note's URL as written in the seed: `<url>` or `](url)`.
    fn seed_urls(seed: &str) -> BTreeMap<u32, String> {
        seed.lines()
            .filter_map(|line| {
                let (n, rest) = line.strip_prefix('[')?.split_once("] ")?;
                let url = match rest.rfind("](") {
                    Some(at) => rest[at + 2..].strip_suffix(')')?.to_string(),
                    None => rest[rest.find("<http")? + 1..].split('>').next()?.to_string(),
                };
                Some((n.parse().ok()?, unescape(&url)))
            })
            .collect()
    }

    /// An event's id, date, end, title, summary and footnotes.
    type EventRow<'a> = (
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
        &'a str,
        &'a str,
        &'a [u32],
    );

    const ARTICLE: &str = include_str!("../../tests/fixtures/import/article.md");

    fn error_of(text: &str) -> String {
        import(text, "a.md")
            .map(|_| ())
            .expect_err("an error")
            .to_string()
    }

    #[test]
    fn article_with_front_matter_and_labelled_notes() {
        let dataset = import(ARTICLE, "article.md")
            .unwrap_or_else(|e| panic!("{e}"))
            .dataset;
        validated(&dataset);
        assert_eq!(
            dataset.document,
            Document {
                title: "Ports of the Caspian".into(),
                author: Some("Jane Roe".into()),
                published: Some("2021-03-04".into()),
                ..Document::default()
            }
        );
        let tabs: Vec<(&str, &str, Option<&str>)> = dataset
            .tabs
            .iter()
            .map(|t| (t.id.as_str(), t.title.as_str(), t.badge.as_deref()))
            .collect();
        assert_eq!(
            tabs,
            [
                ("introduction", "Introduction", Some("I")),
                ("trade", "Trade", Some("T")),
                ("outlook", "Outlook", Some("O"))
            ]
        );
        let events: Vec<EventRow> = dataset
            .events
            .iter()
            .map(|e| {
                let (date, end) = (e.date.as_deref(), e.end.as_deref());
                (
                    e.id.as_str(),
                    date,
                    end,
                    e.title.as_str(),
                    e.summary.as_str(),
                    e.footnotes.as_slice(),
                )
            })
            .collect();
        assert_eq!(
            events,
            [
                (
                    "introduction-1",
                    Some("2015"),
                    None,
                    "The Caspian ports grew fast after 2015.",
                    "The Caspian ports grew fast after 2015. [1]",
                    &[1][..]
                ),
                (
                    "trade-1",
                    Some("2020-03-09"),
                    None,
                    "Aktau Port handled 5 million tonnes on 9 March 2020.",
                    "Aktau Port handled 5 million tonnes on 9 March 2020. [1]",
                    &[1][..]
                ),
                (
                    "trade-2",
                    Some("2020-05"),
                    None,
                    "The Caspian Ports Council met again in May 2020.",
                    "The Caspian Ports Council met again in May 2020. [2]",
                    &[2][..]
                ),
                (
                    "trade-3",
                    Some("2018"),
                    Some("2019"),
                    "Ferries to Baku were added between 2018–2019.",
                    "Ferries to Baku were added between 2018–2019. [3]",
                    &[3][..]
                ),
                (
                    "outlook-1",
                    Some("2025"),
                    None,
                    "A new terminal is planned for 2025.",
                    "A new terminal is planned for 2025. [4] See the review. [5]",
                    &[4, 5][..]
                ),
            ]
        );
        let citation = Citation {
            author: Some("Jane Roe".into()),
            title: "Ports of the Caspian Sea".into(),
            outlet: "Port Review".into(),
            published: Some("2021-03-04".into()),
            accessed: Some("2021-03-05".into()),
            url: Some("https://example.org/ports?id=7&lang=en".into()),
            language: None,
        };
        let note = |text: &str| FootnoteBody::Note {
            text: text.into(),
            url: None,
        };
        let back = |text: &str| FootnoteBody::Backref {
            text: text.into(),
            refers_to: 1,
        };
        let bodies: Vec<(u32, FootnoteBody)> = dataset
            .footnotes
            .into_iter()
            .map(|f| (f.number, f.body))
            .collect();
        assert_eq!(
            bodies,
            [
                (1, FootnoteBody::Citation(citation)),
                (
                    2,
                    note(
                        "Notes on the council.\n\nThe council publishes no minutes; dates come from press reports."
                    )
                ),
                (3, back("Ibid.")),
                (
                    4,
                    note("The plan counts berths, not tonnes; see the port authority's figures.")
                ),
                (5, back("Ports of the Caspian Sea.")),
            ]
        );
    }

    #[test]
    fn each_sentence_with_a_date_is_an_event() {
        let text = "# T\n\nRoads matter. Dr. Smith and R. T. Jones agree.[^a] In 2009 a pact was signed.[^b] \
                    It was the first. On 9th of May a council met. Then in May 2012 it met again \
                    [a link](https://example.org/x). *Ports. Too.*\n\n\
                    Nothing dated here. Nor here.\n\n[^a]: A.\n[^b]: B.\n";
        let dataset = import(text, "a.md").unwrap_or_else(|e| panic!("{e}")).dataset;
        let events: Vec<(Option<&str>, &str, &[u32])> = dataset
            .events
            .iter()
            .map(|e| (e.date.as_deref(), e.summary.as_str(), e.footnotes.as_slice()))
            .collect();
        assert_eq!(
            events,
            [
                (
                    None,
                    "Roads matter. Dr. Smith and R. T. Jones agree. [1]",
                    &[1][..]
                ),
                (
                    Some("2009"),
                    "In 2009 a pact was signed. [2] It was the first.",
                    &[2][..]
                ),
                // The day takes its year from the paragraph, not the next sentence.
                (Some("2009-05-09"), "On 9th of May a council met.", &[][..]),
                (
                    Some("2012-05"),
                    "Then in May 2012 it met again a link. Ports. Too.",
                    &[][..]
                ),
                (None, "Nothing dated here. Nor here.", &[][..]),
            ]
        );
    }

    #[test]
    fn endnotes_without_a_match_are_kept() {
        let text = "# T\n\n[2019] A fact in 2019.[\\[1\\]](#) Another.<sup>[2]</sup>\n\n[1] A lone short title.\n\n[2] Ibid.\n";
        let dataset = import(text, "a.md").unwrap_or_else(|e| panic!("{e}")).dataset;
        validated(&dataset);
        assert_eq!(dataset.tabs[0].id, "article");
        assert_eq!(
            dataset.events[0].summary,
            "[2019] A fact in 2019. [1] Another. [2]"
        );
        let bodies: Vec<FootnoteBody> = dataset.footnotes.into_iter().map(|f| f.body).collect();
        let unresolved = |text: &str| FootnoteBody::Unresolved { text: text.into() };
        assert_eq!(bodies, [unresolved("A lone short title."), unresolved("Ibid.")]);
    }

    #[test]
    fn bad_input_is_located() {
        assert_eq!(
            error_of("Just text."),
            "a.md:1:1: no title: expected front matter with title: or a heading"
        );
        assert_eq!(
            error_of("# Title\n"),
            "a.md: no paragraphs: expected at least one paragraph of text"
        );
        assert_eq!(
            error_of("# T\n\nSome text\nand a ^[note that never closes.\n"),
            "a.md:4:7: an inline note ^[ is not closed: expected a ] in the same paragraph"
        );
        assert_eq!(
            error_of("# T\n\nText.[\\[3\\]](#)\n"),
            "a.md:3:1: note [3] is referenced but not in the note list: expected a paragraph starting [3]"
        );
        assert_eq!(
            error_of("# T\n\nText.[^x] More.\n"),
            "a.md:3:6: note [^x] has no definition: expected a line [^x]: …"
        );
        assert_eq!(
            error_of("---\ntitle: T\nno colon here\n---\n\nText.\n"),
            "a.md:3:1: front matter line \"no colon here\" has no colon: expected key: value"
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "[#\\[\\]^*_ a-zA-Z0-9\n:()<>.,\\-]{0,300}") {
            if let Ok(imported) = import(&text, "p.md") {
                validated(&imported.dataset);
            }
        }

        #[test]
        fn never_panics_on_any_text(text in proptest::prelude::any::<String>()) {
            let _ = import(&text, "p.md");
        }
    }

    #[test]
    #[allow(clippy::disallowed_macros)]
    fn seed_article() {
        let Ok(seed) = std::fs::read_to_string(SEED) else {
            eprintln!("skipped: the seed article {SEED} is not here");
            return;
        };
        let dataset = import(&seed, SEED).unwrap_or_else(|e| panic!("{e}")).dataset;
        validated(&dataset);
        let doc = &dataset.document;
        assert_eq!(
            doc.title,
            "THE CURRENT STATE OF RELATIONS BETWEEN KAZAKHSTAN-TURKEY"
        );
        assert_eq!(doc.author.as_deref(), Some("Özge Nur ÖĞÜTCÜ"));
        assert_eq!(doc.published.as_deref(), Some("2017-09-13"));
        assert_eq!(doc.corrected.as_deref(), Some("2020-05-19"));

        assert_eq!(dataset.footnotes.len(), 29);
        let backrefs: Vec<(u32, u32)> = dataset
            .footnotes
            .iter()
            .filter_map(|f| match f.body {
                FootnoteBody::Backref { refers_to, .. } => Some((f.number, refers_to)),
                _ => None,
            })
            .collect();
        let expected = [
            (8, 7),
            (9, 5),
            (11, 10),
            (13, 10),
            (14, 12),
            (15, 2),
            (16, 3),
            (22, 21),
            (29, 7),
        ];
        assert_eq!(backrefs, expected);
        assert!(matches!(
            dataset.footnote(19).map(|f| &f.body),
            Some(FootnoteBody::Unresolved { .. })
        ));
        let urls = seed_urls(&seed);
        assert_eq!(urls.len(), 17, "every note with a URL: {urls:?}");
        for (n, url) in &urls {
            let found = match dataset.footnote(*n).map(|f| &f.body) {
                Some(FootnoteBody::Citation(c)) => c.url.clone(),
                Some(FootnoteBody::Note { url, .. }) => url.clone(),
                other => panic!("note {n} is {other:?}"),
            };
            assert_eq!(found.as_ref(), Some(url), "note {n}");
        }

        let tabs: Vec<(&str, &str)> = dataset
            .tabs
            .iter()
            .map(|t| (t.id.as_str(), t.title.as_str()))
            .collect();
        assert_eq!(
            tabs,
            [
                ("introduction", "Introduction"),
                ("political-relations", "Political Relations"),
                ("economic-relations", "Economic Relations"),
                (
                    "security-and-military-relations",
                    "Security and Military Relations"
                ),
                (
                    "cooperation-within-regional-organizations-and-initiatives",
                    "Cooperation Within Regional Organizations and Initiatives"
                ),
            ]
        );
        assert_eq!(doc.author_role.as_deref(), Some("Analyst (2013-2017)"));
        assert_eq!(doc.series.as_deref(), Some("Analysis No : 2017 / 29"));

        // The seed's 30 paragraphs of body text make 54 events: 32 dated
        // sentences with the sentences after them, and 22 undated runs.
        // Known wrongly dated: economic-relations-5 gets 2017–2020 from
        // "the 2017-2020 Action Plan Protocol", a plan's name, where the
        // protocols were signed on 9 September 2017. Three sentences name
        // several years and take the first: economic-relations-8 (trade
        // in 2005, 2012 and 2016), security-and-military-relations-2
        // (agreements of 1993, 1994 and 1996) and the first regional
        // event (TURKSOY 1993, TURKPA 2008).
        assert_eq!(dataset.events.len(), 54);
        assert!(dataset.events.iter().filter(|e| e.date.is_some()).count() >= 30);
        let labels: Vec<(Option<&str>, Option<&str>)> = dataset
            .tabs
            .iter()
            .map(|t| (t.label.as_deref(), t.badge.as_deref()))
            .collect();
        assert_eq!(
            labels,
            [
                (None, Some("I")),
                (Some("Political"), Some("P")),
                (Some("Economic"), Some("E")),
                (Some("Security/Military"), Some("S")),
                (Some("Regional Organizations"), Some("R")),
            ]
        );
        let dated: Vec<(&str, &str, Option<&str>)> = dataset
            .events
            .iter()
            .filter_map(|e| Some((e.id.as_str(), e.date.as_deref()?, e.end.as_deref())))
            .collect();
        let p = "political-relations";
        let e = "economic-relations";
        let s = "security-and-military-relations";
        let r = "cooperation-within-regional-organizations-and-initiatives";
        let expected: Vec<(String, &str, Option<&str>)> = [
            ("introduction-1".to_string(), "2017-09-08", Some("2017-09-10")),
            ("introduction-2".to_string(), "2017-09-09", Some("2017-09-10")),
            ("introduction-5".to_string(), "2017-08-10", None),
            (format!("{p}-1"), "1990", Some("1999")),
            (format!("{p}-2"), "1990", Some("1999")),
            (format!("{p}-4"), "2009", None),
            (format!("{p}-5"), "2012", None),
            (format!("{p}-6"), "2018", None),
            (format!("{p}-8"), "1991", None),
            (format!("{p}-10"), "2015", None),
            (format!("{e}-1"), "2017-09-09", None),
            (format!("{e}-2"), "2012", None),
            (format!("{e}-4"), "2017-09-09", None),
            (format!("{e}-5"), "2017", Some("2020")),
            (format!("{e}-8"), "2005", None),
            (format!("{e}-10"), "2015", None),
            (format!("{e}-11"), "2017", None),
            (format!("{e}-13"), "2017-02", None),
            (format!("{e}-15"), "2017-08-17", None),
            (format!("{e}-17"), "2012", None),
            (format!("{e}-19"), "2012", None),
            (format!("{s}-2"), "1993", None),
            (format!("{s}-4"), "2017-05", None),
            (format!("{s}-5"), "2017-08-17", None),
            (format!("{s}-7"), "2003", None),
            (format!("{s}-8"), "2006", None),
            (format!("{r}-1"), "1993", None),
            (format!("{r}-2"), "2012", None),
            (format!("{r}-3"), "2017", None),
            (format!("{r}-4"), "1985", None),
            (format!("{r}-5"), "1991", None),
            (format!("{r}-8"), "2017", None),
        ]
        .into();
        let expected: Vec<(&str, &str, Option<&str>)> =
            expected.iter().map(|(id, d, e)| (id.as_str(), *d, *e)).collect();
        assert_eq!(dated, expected);

        let first = &dataset.events[0];
        assert_eq!(
            first.title,
            "President of Turkey Recep Tayyip Erdoğan paid a two-day visit to Kazakhstan…"
        );
        assert_eq!(first.actors, ["recep-tayyip-erdogan"]);
        let summit = &dataset.events[1];
        assert_eq!(summit.footnotes, [1]);
        assert!(
            summit
                .summary
                .contains("increasing the bilateral cooperation. [1] Relations between")
        );
        assert!(
            dataset
                .events
                .iter()
                .any(|e| e.summary.contains("since the latter won its independence")),
            "a page break inside a sentence is joined"
        );
        let entity_ids: Vec<&str> = dataset.entities.iter().map(|e| e.id.as_str()).collect();
        for id in [
            "nursultan-nazarbayev",
            "shanghai-cooperation-organization",
            "economic-cooperation-organization",
        ] {
            assert!(entity_ids.contains(&id), "{id} in {entity_ids:?}");
        }
        assert!(
            !entity_ids.contains(&"turkish-cooperation-and-coordination-agency"),
            "named once, with its acronym"
        );
    }
}
