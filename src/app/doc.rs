//! Text laid out for a pane: styled by meaning, wrapped by words.
//!
//! Content is built here (not in `ui`) because the state needs to know
//! where things land: how many rows a detail has (to clamp scrolling) and
//! on which row and column each footnote marker or link sits (to scroll it
//! into view, put the cursor on it, and hit-test clicks). `ui` maps each
//! [`Role`] to a style.

use unicode_width::UnicodeWidthChar;

use super::nav::Link;
use crate::sanitize::SafeText;

/// What a piece of text is; the theme decides how it looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Plain,
    /// The event or document title.
    Title,
    /// A section heading inside a pane.
    Heading,
    /// Secondary text: dates, counts, citations.
    Dim,
    /// Characters matched by the search query.
    Highlight,
    /// Footnote marker number `n` in order of appearance (0-based).
    Marker(usize),
    /// A link to an entity or event; `n` counts with the markers, so Tab
    /// walks markers and links in the order they appear.
    Link(usize),
    /// A quotation's text.
    Quote,
    Url,
    /// Key names in hints.
    Key,
    /// A message that something is wrong or missing.
    Warning,
}

impl Role {
    /// The ordinal of a marker or link, `None` for other text.
    pub fn ordinal(self) -> Option<usize> {
        match self {
            Role::Marker(n) | Role::Link(n) => Some(n),
            _ => None,
        }
    }
}

/// A run of text with one role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seg {
    pub text: SafeText<'static>,
    pub role: Role,
}

impl Seg {
    /// A segment of `text` with `role`.
    pub fn new(text: SafeText<'_>, role: Role) -> Seg {
        Seg {
            text: text.into_owned(),
            role,
        }
    }
}

/// One screen row.
pub type Row = Vec<Seg>;

/// Where a footnote marker or a link landed after wrapping. A link that
/// wraps is placed (and clicked, and has the cursor) on its first row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkerSpot {
    /// Where it leads: a footnote for a marker.
    pub link: Link,
    pub row: usize,
    pub col: usize,
    /// Columns on its first row.
    pub width: usize,
}

impl MarkerSpot {
    /// The footnote a marker cites; `None` for entity and event links.
    pub fn footnote(&self) -> Option<u32> {
        match self.link {
            Link::Footnote(n) => Some(n),
            _ => None,
        }
    }
}

/// A URL placed whole on one row, which `ui` may make a hyperlink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlSpot {
    pub row: usize,
    pub col: usize,
    pub width: usize,
    /// The URL as shown (made terminal-safe).
    pub url: SafeText<'static>,
}

/// Wrapped, styled rows plus where each footnote marker is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    pub width: usize,
    pub rows: Vec<Row>,
    /// Indexed by ordinal, the `n` of [`Role::Marker`] and [`Role::Link`].
    pub markers: Vec<MarkerSpot>,
    /// The URLs ([`Role::Url`] words) not broken across rows.
    pub urls: Vec<UrlSpot>,
}

impl Doc {
    /// An empty document for a pane `width` columns wide.
    pub fn new(width: usize) -> Doc {
        Doc {
            width: width.max(1),
            ..Doc::default()
        }
    }

    /// Appends a paragraph wrapped by words, every row indented by `indent`.
    pub fn par(&mut self, segs: &[Seg], indent: usize) {
        wrap_into(self, segs, indent);
    }

    /// Appends an empty row unless the document is empty or already ends
    /// with one.
    pub fn gap(&mut self) {
        if self.rows.last().is_some_and(|r| !r.is_empty()) {
            self.rows.push(Vec::new());
        }
    }

    /// The next marker ordinal, for building [`Role::Marker`] segments.
    pub fn next_marker(&self) -> usize {
        self.markers.len()
    }

    /// Registers a footnote marker that [`Doc::par`] will place; call
    /// just before the paragraph holding a `Role::Marker(n)` segment with
    /// this `n`.
    pub fn declare_marker(&mut self, number: u32) -> usize {
        self.declare_link(Link::Footnote(number))
    }

    /// Registers a link, like [`Doc::declare_marker`], for a
    /// `Role::Link(n)` segment.
    pub fn declare_link(&mut self, link: Link) -> usize {
        self.markers.push(MarkerSpot {
            link,
            row: 0,
            col: 0,
            width: 0,
        });
        self.markers.len() - 1
    }
}

/// A word: consecutive non-space characters, possibly across roles.
type Word = Vec<Seg>;

enum Token {
    Word(Word),
    Space(Role),
    Newline,
}

fn tokens(segs: &[Seg]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word: Word = Vec::new();
    for seg in segs {
        let mut start = 0;
        for (at, c) in seg.text.char_indices() {
            if c != ' ' && c != '\n' {
                continue;
            }
            add_piece(&mut word, seg, start..at);
            if !word.is_empty() {
                out.push(Token::Word(std::mem::take(&mut word)));
            }
            out.push(if c == ' ' {
                Token::Space(seg.role)
            } else {
                Token::Newline
            });
            start = at + c.len_utf8();
        }
        add_piece(&mut word, seg, start..seg.text.len());
    }
    if !word.is_empty() {
        out.push(Token::Word(word));
    }
    out
}

/// Adds the bytes `range` of `seg` to `word`, joining the last piece when
/// it has the same role.
fn add_piece(word: &mut Word, seg: &Seg, range: std::ops::Range<usize>) {
    if range.is_empty() {
        return;
    }
    let piece = seg.text.slice(range);
    match word.last_mut() {
        Some(last) if last.role == seg.role => last.text.push(&piece),
        _ => word.push(Seg::new(piece, seg.role)),
    }
}

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

fn text_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Row builder shared by the wrapping steps.
struct Cursor<'a> {
    doc: &'a mut Doc,
    indent: usize,
    col: usize,
}

impl Cursor<'_> {
    fn new_row(&mut self) {
        let mut row = Vec::new();
        if self.indent > 0 {
            row.push(Seg::new(SafeText::new(&" ".repeat(self.indent)), Role::Plain));
        }
        self.doc.rows.push(row);
        self.col = self.indent;
    }

    /// A row without the indent, for a URL that fits only without it.
    fn new_flush_row(&mut self) {
        self.doc.rows.push(Vec::new());
        self.col = 0;
    }

    /// Pushes a word that fits on the row, noting it if it is a URL.
    fn push_word(&mut self, word: &Word, width: usize) {
        if let [seg] = word.as_slice()
            && seg.role == Role::Url
        {
            self.doc.urls.push(UrlSpot {
                row: self.doc.rows.len() - 1,
                col: self.col,
                width,
                url: seg.text.clone(),
            });
        }
        for seg in word {
            self.push(&seg.text, seg.role);
        }
    }

    fn at_row_start(&self) -> bool {
        self.col <= self.indent
    }

    fn push(&mut self, text: &SafeText<'_>, role: Role) {
        let row_now = self.doc.rows.len() - 1;
        if let Some(spot) = role.ordinal().and_then(|n| self.doc.markers.get_mut(n)) {
            if spot.width == 0 {
                spot.row = row_now;
                spot.col = self.col;
            }
            if spot.row == row_now {
                spot.width += text_width(text);
            }
        }
        let row = self.doc.rows.last_mut().expect("a row is always open");
        match row.last_mut() {
            Some(last) if last.role == role => last.text.push(text),
            _ => row.push(Seg::new(text.clone(), role)),
        }
        self.col += text_width(text);
    }
}

/// Greedy word wrap: a word goes on the current row if it fits, else on a
/// new one; a word wider than the pane is broken between characters. A
/// URL is broken only if wider than the whole pane: one that fits only
/// without the indent gets a row of its own, unindented, so that it can
/// be selected with the mouse in one piece.
fn wrap_into(doc: &mut Doc, segs: &[Seg], indent: usize) {
    let width = doc.width;
    // An indent that leaves no room would loop forever on wide words.
    let indent = if indent + 1 >= width { 0 } else { indent };
    let mut cur = Cursor {
        doc,
        indent,
        col: indent,
    };
    cur.new_row();
    let mut space: Option<Role> = None;
    for token in tokens(segs) {
        match token {
            Token::Newline => {
                cur.new_row();
                space = None;
            }
            Token::Space(role) => {
                if !cur.at_row_start() {
                    space = Some(role);
                }
            }
            Token::Word(word) => {
                let w: usize = word.iter().map(|s| text_width(&s.text)).sum();
                let gap = usize::from(space.is_some());
                if !cur.at_row_start() && cur.col + gap + w > width {
                    cur.new_row();
                } else if let Some(role) = space {
                    cur.push(&SafeText::lit(" "), role);
                }
                space = None;
                let url = word.iter().any(|s| s.role == Role::Url);
                if url && w > width - cur.indent && w <= width {
                    if !cur.at_row_start() || cur.indent > 0 {
                        if cur.at_row_start() {
                            cur.doc.rows.pop();
                        }
                        cur.new_flush_row();
                    }
                    cur.push_word(&word, w);
                    continue;
                }
                if w <= width - cur.indent {
                    cur.push_word(&word, w);
                    continue;
                }
                for seg in &word {
                    for (at, c) in seg.text.char_indices() {
                        if !cur.at_row_start() && cur.col + char_width(c) > width {
                            cur.new_row();
                        }
                        cur.push(&seg.text.slice(at..at + c.len_utf8()), seg.role);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn plain(doc: &Doc) -> Vec<String> {
        doc.rows
            .iter()
            .map(|r| r.iter().map(|s| s.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn wraps_by_words() {
        let mut doc = Doc::new(12);
        doc.par(
            &[Seg::new(
                SafeText::lit("the quick brown fox jumps over"),
                Role::Plain,
            )],
            0,
        );
        assert_eq!(plain(&doc), ["the quick", "brown fox", "jumps over"]);
    }

    #[test]
    fn breaks_words_wider_than_the_pane_and_keeps_indent() {
        let mut doc = Doc::new(6);
        doc.par(
            &[Seg::new(SafeText::lit("ab https://x.example/abc"), Role::Url)],
            2,
        );
        assert_eq!(
            plain(&doc),
            ["  ab", "  http", "  s://", "  x.ex", "  ampl", "  e/ab", "  c"]
        );
    }

    #[test]
    fn a_url_that_fits_the_pane_is_never_broken() {
        // Fits after the indent: a row of its own, indented.
        let mut doc = Doc::new(12);
        let url = |u: &'static str| Seg::new(SafeText::lit(u), Role::Url);
        doc.par(
            &[Seg::new(SafeText::lit("see "), Role::Plain), url("https://x.y")],
            1,
        );
        assert_eq!(plain(&doc), [" see", " https://x.y"]);
        // Fits only without the indent: unindented, still whole.
        let mut doc = Doc::new(12);
        doc.par(
            &[Seg::new(SafeText::lit("see "), Role::Plain), url("https://x.yz")],
            2,
        );
        assert_eq!(plain(&doc), ["  see", "https://x.yz"]);
        let mut doc = Doc::new(12);
        doc.par(
            &[url("https://x.yz"), Seg::new(SafeText::lit(" more"), Role::Plain)],
            2,
        );
        assert_eq!(
            plain(&doc),
            ["https://x.yz", "  more"],
            "no empty indented row before it"
        );
        // Wider than the pane: broken, as any word.
        let mut doc = Doc::new(12);
        doc.par(&[url("https://x.y/long")], 0);
        assert_eq!(plain(&doc), ["https://x.y/", "long"]);
        assert_eq!(doc.urls, [], "no piece of it passes for the URL");
    }

    #[test]
    fn whole_urls_are_placed() {
        let mut doc = Doc::new(20);
        let segs = [
            Seg::new(SafeText::lit("at "), Role::Plain),
            Seg::new(SafeText::lit("https://x.y"), Role::Url),
            Seg::new(SafeText::lit(" (host x)"), Role::Dim),
        ];
        doc.par(&segs, 0);
        doc.par(&segs, 4);
        let spot = |row, col| UrlSpot {
            row,
            col,
            width: 11,
            url: SafeText::lit("https://x.y"),
        };
        assert_eq!(doc.urls, [spot(0, 3), spot(2, 7)]);
    }

    #[test]
    fn wide_characters_count_double() {
        let mut doc = Doc::new(5);
        doc.par(&[Seg::new(SafeText::lit("漢字 漢字"), Role::Plain)], 0);
        assert_eq!(plain(&doc), ["漢字", "漢字"]);
    }

    #[test]
    fn markers_record_their_position() {
        let mut doc = Doc::new(14);
        let n = doc.declare_marker(7);
        doc.par(
            &[
                Seg::new(SafeText::lit("Erdoğan came to Astana. "), Role::Plain),
                Seg::new(SafeText::lit("[7]"), Role::Marker(n)),
            ],
            0,
        );
        assert_eq!(plain(&doc), ["Erdoğan came", "to Astana. [7]"]);
        let spot = doc.markers[0];
        assert_eq!(
            (spot.footnote(), spot.row, spot.col, spot.width),
            (Some(7), 1, 11, 3)
        );
    }

    #[test]
    fn a_wrapped_link_is_placed_on_its_first_row() {
        let mut doc = Doc::new(14);
        let n = doc.declare_link(Link::Entity(3));
        doc.par(
            &[
                Seg::new(SafeText::lit("Actors: "), Role::Plain),
                Seg::new(SafeText::lit("Recep Tayyip Erdoğan"), Role::Link(n)),
            ],
            0,
        );
        assert_eq!(plain(&doc), ["Actors: Recep", "Tayyip Erdoğan"]);
        let spot = doc.markers[0];
        assert_eq!(
            (spot.link, spot.row, spot.col, spot.width),
            (Link::Entity(3), 0, 8, 5)
        );
    }

    #[test]
    fn newlines_start_rows_and_gap_does_not_double() {
        let mut doc = Doc::new(20);
        doc.par(&[Seg::new(SafeText::lit("a\nb"), Role::Plain)], 0);
        doc.gap();
        doc.gap();
        assert_eq!(plain(&doc), ["a", "b", ""]);
    }

    proptest! {
        #[test]
        fn no_row_is_wider_than_the_pane(text in "[a-zğİ漢 \\n]{0,80}", width in 1usize..30, indent in 0usize..6) {
            let mut doc = Doc::new(width);
            doc.par(&[Seg::new(SafeText::multiline(&text), Role::Plain)], indent);
            for row in &doc.rows {
                let w: usize = row.iter().map(|s| text_width(&s.text)).sum();
                // A double-width character cannot be split; it may overflow a
                // one-column pane only.
                prop_assert!(w <= width.max(2), "{w} > {width}: {row:?}");
            }
            let kept: String = doc.rows.iter().flatten().map(|s| s.text.as_str()).collect::<String>().replace(' ', "");
            prop_assert_eq!(kept, text.replace([' ', '\n'], ""));
        }
    }
}
