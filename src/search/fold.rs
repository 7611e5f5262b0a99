//! Folding text for matching: marks stripped, Turkish dotless/dotted i and a
//! few letters that decomposition misses mapped to ASCII, lowercased.
//!
//! fuzzy-matcher only folds ASCII case, so both the text and the query are
//! folded here and matched folded against folded. Folding can change the
//! number of chars (`ß` → `ss`, `İ` lowercases to two chars), so [`fold_map`]
//! also returns, for each folded char, the index of the original char it
//! came from; highlights are mapped back through it.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Letters that canonical decomposition leaves alone but a reader typing
/// ASCII expects to match.
fn special(c: char) -> Option<&'static str> {
    Some(match c {
        'ı' | 'İ' => "i",
        'ß' | 'ẞ' => "ss",
        'ø' | 'Ø' => "o",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'đ' | 'Đ' => "d",
        'ł' | 'Ł' => "l",
        'þ' | 'Þ' => "th",
        // Typographic apostrophes and dashes fold to their ASCII forms so
        // `kazakistan'a` and `2017-2020` match however the text was typed.
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => "'",
        '\u{2010}'..='\u{2015}' => "-",
        _ => return None,
    })
}

/// Calls `emit` with each folded char of `c`.
fn fold_char(c: char, mut emit: impl FnMut(char)) {
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
    } else if let Some(s) = special(c) {
        s.chars().for_each(emit);
    } else {
        // A decomposed base letter can itself be special ("Ǽ" is "Æ" plus
        // an accent), and so can a lowercased one: both go through the
        // table again, or folding twice would fold further.
        let bases = std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d));
        for lower in bases.flat_map(char::to_lowercase) {
            match special(lower) {
                Some(s) => s.chars().for_each(&mut emit),
                None => std::iter::once(lower)
                    .nfd()
                    .filter(|d| !is_combining_mark(*d))
                    .for_each(&mut emit),
            }
        }
    }
}

/// The folded form of `text`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Appends the folded form of `text` to `out`: for a caller folding many
/// texts into one buffer.
pub(super) fn fold_into(text: &str, out: &mut String) {
    let mut rest = text;
    // Runs of ASCII, nearly all of most text, are lowercased whole rather
    // than char by char.
    while !rest.is_empty() {
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        let from = out.len();
        out.push_str(&rest[..ascii]);
        out[from..].make_ascii_lowercase();
        let mut others = rest[ascii..].chars();
        if let Some(c) = others.next() {
            fold_char(c, |f| out.push(f));
        }
        rest = others.as_str();
    }
}

/// The folded form of `text` and, for each of its chars, the char index in
/// `text` it came from.
pub fn fold_map(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        fold_char(c, |f| {
            out.push(f);
            map.push(i);
        });
    }
    (out, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turkish_letters_fold_to_ascii() {
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("ERDOĞAN"), "erdogan");
        assert_eq!(fold("TİKA"), "tika");
        assert_eq!(fold("Şanlıurfa"), "sanliurfa");
        assert_eq!(fold("Öğütcü"), "ogutcu");
        assert_eq!(fold("Straße"), "strasse");
        // Accented letters of the table fold like the bare ones.
        assert_eq!(fold("Ǽ ǿ"), "ae o");
    }

    #[test]
    fn ascii_runs_between_other_letters_are_lowercased() {
        assert_eq!(fold("ÇAĞRI Visits ASTANA-2017"), "cagri visits astana-2017");
        assert_eq!(fold("ÖZ"), "oz");
        assert_eq!(fold("ABC"), "abc");
        assert_eq!(fold("İ"), "i");
    }

    #[test]
    fn cyrillic_keeps_its_letters() {
        assert_eq!(fold("Астана"), "астана");
        assert_eq!(fold("Назарбаев"), "назарбаев");
    }

    #[test]
    fn map_points_at_original_chars() {
        let (folded, map) = fold_map("İstanbul ß");
        assert_eq!(folded, "istanbul ss");
        assert_eq!(map.len(), folded.chars().count());
        assert_eq!(map[0], 0);
        assert_eq!(map[1], 1);
        assert_eq!(&map[9..], &[9, 9]);
    }

    #[test]
    fn folding_is_idempotent_on_samples() {
        for s in ["Erdoğan", "İSTANBUL", "Ærø", "Kazakistan’a", "Ordabasy", "ǅemal"] {
            let once = fold(s);
            assert_eq!(fold(&once), once, "{s}");
        }
    }
}
