//! Making untrusted dataset text safe to put on a terminal.
//!
//! Dataset strings may carry escape sequences (CSI, OSC 52 clipboard writes,
//! OSC 8 links), bells or bidirectional overrides that would rewrite the
//! screen or reorder what the reader sees. Others are drawn in a width the
//! terminal and ratatui disagree on (a soft hyphen, a Hangul filler, a
//! flag), so a row overwrites the pane's border and leaves stale glyphs.
//! Every such character is shown as a visible `\u{..}` escape instead, so
//! nothing is hidden, nothing runs and every row is as wide as measured.

use std::borrow::Cow;

/// Sorted, disjoint inclusive ranges of code points.
type Ranges = [(u32, u32)];

/// Default_Ignorable_Code_Point (DerivedCoreProperties.txt): drawn as
/// nothing by some terminals and as a box or a space by others, and the
/// bidirectional controls among them reorder what is shown.
const DEFAULT_IGNORABLE: &Ranges = &[
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
];

/// The other format characters (General_Category Cf: prepended number
/// signs, interlinear annotations, hieroglyph controls) and the line and
/// paragraph separators (Zl, Zp), which terminals break or hide.
const FORMAT: &Ranges = &[
    (0x0600, 0x0605),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x2028, 0x2029),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
];

/// Characters unicode-width (ratatui) and terminals measure differently:
/// regional indicators (a flag is one, two or four columns depending on
/// the terminal), skin-tone modifiers (two columns more after an emoji in
/// most terminals, none in ratatui), and symbols whose width changed in
/// recent Unicode versions or is ambiguous (found by comparing
/// unicode-width with glibc's `wcwidth`, which tmux and most terminals use).
const WIDTH_DISAGREES: &Ranges = &[
    (0x17D8, 0x17D8),
    (0x2630, 0x2637),
    (0x268A, 0x268F),
    (0x3248, 0x324F),
    (0xA8FA, 0xA8FA),
    (0x1D300, 0x1D356),
    (0x1D360, 0x1D376),
    (0x1F1E6, 0x1F1FF),
    (0x1F3FB, 0x1F3FF),
];

/// Whether `cp` falls in one of `ranges`; `const` so literals can be
/// checked at compile time.
const fn in_ranges(ranges: &Ranges, cp: u32) -> bool {
    let (mut lo, mut hi) = (0, ranges.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        let (start, end) = ranges[mid];
        if cp < start {
            hi = mid;
        } else if cp > end {
            lo = mid + 1;
        } else {
            return true;
        }
    }
    false
}

/// Whether `c` must never reach a terminal raw.
pub const fn is_unsafe(c: char) -> bool {
    let cp = c as u32;
    // Controls (C0, DEL, C1); everything else below the soft hyphen is
    // plain text, the common case.
    if cp < 0x20 || (cp >= 0x7F && cp < 0xA0) {
        return true;
    }
    if cp < 0xAD {
        return false;
    }
    in_ranges(DEFAULT_IGNORABLE, cp) || in_ranges(FORMAT, cp) || in_ranges(WIDTH_DISAGREES, cp)
}

/// `text` with every unsafe character replaced by its visible escape.
/// Newlines are kept only when `keep_newlines` is set (multi-line prose).
fn clean_with(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let bad = |c: char| is_unsafe(c) && !(keep_newlines && c == '\n');
    if !text.chars().any(bad) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if bad(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` made safe for a single terminal line.
fn clean(text: &str) -> Cow<'_, str> {
    clean_with(text, false)
}

/// Whether a program literal is safe as it is. `const`, so a literal given
/// to [`SafeText::lit`] in a constant (as [`safe_format!`] does with its
/// template) is checked when the program is compiled.
const fn literal_is_safe(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Decode one UTF-8 sequence: `text` is a `str`, so it is valid.
        let b = bytes[i] as u32;
        let (len, mut cp) = match b {
            0x00..=0x7F => (1, b),
            0xC0..=0xDF => (2, b & 0x1F),
            0xE0..=0xEF => (3, b & 0x0F),
            _ => (4, b & 0x07),
        };
        let mut k = 1;
        while k < len {
            cp = (cp << 6) | (bytes[i + k] as u32 & 0x3F);
            k += 1;
        }
        match char::from_u32(cp) {
            Some(c) if !is_unsafe(c) || c == '\n' => {}
            _ => return false,
        }
        i += len;
    }
    true
}

/// Text that is safe to put on a terminal: every character that could run
/// (escape sequences, controls), hide or reorder text, or be drawn in
/// another width than measured is shown as a visible `\u{..}` escape.
///
/// Only the sanitizer makes one ([`SafeText::new`], [`SafeText::multiline`],
/// [`SafeText::path`]); program literals are checked ([`SafeText::lit`]),
/// and joining safe parts ([`safe_format!`], [`SafeText::push`],
/// [`SafeText::join`]) stays safe. Every printer, of the command line
/// (`cli::out`) and of the browser (`app::doc::Seg`, `ui::text`), takes
/// one, so a string that skipped the sanitizer does not compile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct SafeText<'a>(Cow<'a, str>);

impl<'a> SafeText<'a> {
    /// `untrusted` made safe for one line: line breaks are escaped too.
    pub fn new(untrusted: &'a str) -> SafeText<'a> {
        SafeText(clean(untrusted))
    }

    /// `untrusted` made safe, keeping its line breaks (multi-line prose).
    pub fn multiline(untrusted: &'a str) -> SafeText<'a> {
        SafeText(clean_with(untrusted, true))
    }

    /// A program literal. Panics if it holds a character the sanitizer
    /// would escape (at compile time when used in a constant): literals
    /// are trusted, but only as far as they are plain text.
    pub const fn lit(text: &'static str) -> SafeText<'static> {
        assert!(
            literal_is_safe(text),
            "a literal with a character that is not safe on a terminal"
        );
        SafeText(Cow::Borrowed(text))
    }

    /// A file system path, for one line.
    pub fn path(path: &std::path::Path) -> SafeText<'static> {
        SafeText::new(&path.display().to_string()).into_owned()
    }

    /// The safe text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The same text, owning its characters.
    pub fn into_owned(self) -> SafeText<'static> {
        SafeText(Cow::Owned(self.0.into_owned()))
    }

    /// The text for a printer that takes a `Cow` (ratatui's spans).
    pub fn into_cow(self) -> Cow<'a, str> {
        self.0
    }

    /// Appends `more`: safe followed by safe is safe.
    pub fn push(&mut self, more: &SafeText<'_>) {
        self.0.to_mut().push_str(&more.0);
    }

    /// `parts` separated by `separator`.
    pub fn join<'p>(
        parts: impl IntoIterator<Item = SafeText<'p>>,
        separator: &SafeText<'_>,
    ) -> SafeText<'static> {
        let mut out = SafeText::default();
        for (i, part) in parts.into_iter().enumerate() {
            if i > 0 {
                out.push(separator);
            }
            out.push(&part);
        }
        out.into_owned()
    }

    /// The characters in byte `range`: a piece of safe text is safe, as
    /// the sanitizer works character by character. Panics, like slicing
    /// a `str`, off a character boundary.
    pub fn slice(&self, range: std::ops::Range<usize>) -> SafeText<'static> {
        SafeText(Cow::Owned(self.0[range].to_string()))
    }

    /// What [`safe_format!`] filled in: a literal template (checked at
    /// compile time) with [`Fragment`]s. Nothing else may call it; clippy
    /// refuses it elsewhere (clippy.toml).
    #[doc(hidden)]
    pub fn from_template(filled: String) -> SafeText<'static> {
        SafeText(Cow::Owned(filled))
    }
}

impl std::ops::Deref for SafeText<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SafeText<'_> {
    /// Honours width and alignment (`{:<21}`), like `str`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(&self.0)
    }
}

impl PartialEq<&str> for SafeText<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// What [`safe_format!`] may fill a template with: safe text and numbers,
/// never a raw string.
pub trait Fragment: std::fmt::Display {}

impl Fragment for SafeText<'_> {}
impl<T: Fragment + ?Sized> Fragment for &T {}
macro_rules! numbers_are_fragments {
    ($($t:ty),*) => { $(impl Fragment for $t {})* };
}
numbers_are_fragments!(u16, u32, u64, usize, i32, i64);

/// `format!` for [`SafeText`]: a literal template whose `{name}`s are
/// filled with [`Fragment`]s listed by name, `name = value` or just `name`
/// for a variable of that name:
/// `safe_format!("bookmarked “{title}” ({n})", title, n = list.len())`.
/// A name that is not listed does not compile, so nothing is captured
/// raw from the surrounding code.
#[macro_export]
macro_rules! safe_format {
    ($template:literal $(, $name:ident $(= $value:expr)?)* $(,)?) => {{
        const _: $crate::sanitize::SafeText<'static> = $crate::sanitize::SafeText::lit($template);
        // A nested fn sees its parameters and nothing of the caller's scope.
        fn fill($($name: &dyn $crate::sanitize::Fragment),*) -> ::std::string::String {
            ::std::format!($template)
        }
        #[allow(clippy::disallowed_methods)]
        let text = $crate::sanitize::SafeText::from_template(fill($(&$crate::safe_format!(@value $name $(= $value)?)),*));
        text
    }};
    (@value $name:ident = $value:expr) => {
        $value
    };
    (@value $name:ident) => {
        $name
    };
}

/// Characters of someone's own input (a query, an id, an argument)
/// echoed in an error before it is cut: enough to recognise it, where a
/// 100,000-character query once made a 112 KB line.
pub const ECHO_CHARS: usize = 200;

/// `input` as an error message echoes it: cut after [`ECHO_CHARS`]
/// characters with `…`, and made terminal-safe.
pub fn echo(input: &str) -> SafeText<'_> {
    match input.char_indices().nth(ECHO_CHARS) {
        None => SafeText::new(input),
        Some((at, _)) => {
            let mut cut = SafeText::new(&input[..at]).into_owned();
            cut.push(&SafeText::lit("…"));
            cut
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(clean("Erdoğan, TİKA — Астана"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_become_visible() {
        assert_eq!(
            clean("a\u{1b}]52;c;SGVsbG8=\u{7}b"),
            "a\\u{1b}]52;c;SGVsbG8=\\u{7}b"
        );
        assert_eq!(clean("x\u{9b}2Jy"), "x\\u{9b}2Jy");
        assert_eq!(clean("\u{202E}evil"), "\\u{202e}evil");
        assert_eq!(clean("tab\there"), "tab\\u{9}here");
    }

    /// `clean` of each char of `chars`, as the escapes it must produce.
    #[track_caller]
    fn assert_escaped(chars: &[char]) {
        for &c in chars {
            let shown = clean(&format!("a{c}b")).into_owned();
            assert_eq!(
                shown,
                format!("a{}b", c.escape_unicode()),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn soft_hyphen_is_escaped() {
        assert_escaped(&['\u{ad}']);
        assert_eq!(clean("co\u{ad}operation"), "co\\u{ad}operation");
    }

    #[test]
    fn hangul_fillers_are_escaped() {
        assert_escaped(&['\u{115f}', '\u{1160}', '\u{3164}', '\u{ffa0}']);
    }

    #[test]
    fn line_and_paragraph_separators_are_escaped_even_in_prose() {
        assert_escaped(&['\u{2028}', '\u{2029}']);
        assert_eq!(clean_with("a\u{2028}b\nc", true), "a\\u{2028}b\nc");
    }

    #[test]
    fn interlinear_annotations_are_escaped() {
        assert_escaped(&['\u{fff9}', '\u{fffa}', '\u{fffb}']);
    }

    #[test]
    fn flags_and_skin_tones_are_escaped() {
        assert_escaped(&['\u{1f1e6}', '\u{1f1f9}', '\u{1f1f7}', '\u{1f1ff}']);
        assert_escaped(&['\u{1f3fb}', '\u{1f3fd}', '\u{1f3ff}']);
        assert_eq!(clean("🇹🇷"), "\\u{1f1f9}\\u{1f1f7}");
        // The emoji itself is kept: both sides measure it two columns.
        assert_eq!(clean("👍🏽"), "👍\\u{1f3fd}");
    }

    #[test]
    fn symbols_measured_differently_by_terminals_are_escaped() {
        // unicode-width and the terminals' wcwidth disagree on each.
        assert_escaped(&[
            '\u{2630}',
            '\u{268f}',
            '\u{3248}',
            '\u{17d8}',
            '\u{a8fa}',
            '\u{1d300}',
            '\u{1d376}',
        ]);
        // Their neighbours, which agree, are kept.
        assert_eq!(clean("\u{2638}\u{3250}"), "\u{2638}\u{3250}");
    }

    #[test]
    fn tables_are_sorted_and_disjoint() {
        for table in [DEFAULT_IGNORABLE, FORMAT, WIDTH_DISAGREES] {
            assert!(table.iter().all(|(a, b)| a <= b), "{table:x?}");
            assert!(table.windows(2).all(|w| w[0].1 < w[1].0), "{table:x?}");
        }
    }

    /// Every Default_Ignorable_Code_Point and every format character
    /// (Cf), line and paragraph separator, checked against the Unicode
    /// data of `icu_properties`, so the tables cannot drift from the spec.
    #[test]
    fn every_default_ignorable_and_format_character_is_escaped() {
        use icu_properties::props::{DefaultIgnorableCodePoint, GeneralCategory};
        use icu_properties::{CodePointMapData, CodePointSetData};
        let ignorable = CodePointSetData::new::<DefaultIgnorableCodePoint>();
        let category = CodePointMapData::<GeneralCategory>::new();
        let mut checked = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let required = ignorable.contains(c)
                || matches!(
                    category.get(c),
                    GeneralCategory::Format
                        | GeneralCategory::LineSeparator
                        | GeneralCategory::ParagraphSeparator
                );
            if required {
                assert!(is_unsafe(c), "U+{:04X} is not escaped", u32::from(c));
                checked += 1;
            }
        }
        assert!(checked > 4000, "{checked}");
        assert_escaped(&[
            '\u{34f}', '\u{61c}', '\u{17b4}', '\u{180b}', '\u{200b}', '\u{2060}', '\u{2064}',
        ]);
        assert_escaped(&[
            '\u{fe0f}',
            '\u{feff}',
            '\u{fff0}',
            '\u{1bca0}',
            '\u{1d173}',
            '\u{e0001}',
            '\u{e0fff}',
        ]);
    }

    #[test]
    fn safe_format_fills_a_literal_template_with_safe_parts() {
        let title = SafeText::new("Erdoğan\u{1b}[2J");
        let n = 3;
        let text = safe_format!("“{title}” ({n}; {more:>3})", title, n, more = 7);
        assert_eq!(text, "“Erdoğan\\u{1b}[2J” (3;   7)");
        let padded = safe_format!("{date:<6}|", date = SafeText::lit("2017"));
        assert_eq!(padded, "2017  |");
    }

    #[test]
    fn joined_and_sliced_safe_text_stays_safe() {
        let parts = ["a\u{7}", "b"].map(SafeText::new);
        let joined = SafeText::join(parts, &SafeText::lit(", "));
        assert_eq!(joined, "a\\u{7}, b");
        assert_eq!(joined.slice(0..1), "a");
        assert_eq!(SafeText::multiline("a\nb\u{2029}"), "a\nb\\u{2029}");
        assert_eq!(
            SafeText::path(std::path::Path::new("x\u{1b}]2;T\u{7}.json")),
            "x\\u{1b}]2;T\\u{7}.json"
        );
    }

    #[test]
    #[should_panic(expected = "not safe on a terminal")]
    fn a_literal_with_an_escape_is_refused() {
        let _ = SafeText::lit("\u{1b}[2J");
    }

    #[test]
    fn echoes_are_cut_and_escaped() {
        assert_eq!(echo("erdgoan"), "erdgoan");
        assert_eq!(echo("a\u{1b}[2J\u{202e}b"), r"a\u{1b}[2J\u{202e}b");
        let long = "ğ".repeat(100_000);
        assert_eq!(echo(&long).as_str(), format!("{}…", "ğ".repeat(ECHO_CHARS)));
    }

    #[test]
    fn newlines_kept_only_on_request() {
        assert_eq!(clean_with("a\nb", true), "a\nb");
        assert_eq!(clean("a\nb"), "a\\u{a}b");
    }
}
