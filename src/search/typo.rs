//! Typo tolerance: when a query finds nothing, each word that is not in the
//! dataset's vocabulary is replaced by its most frequent one-edit neighbour
//! (deletion, insertion, substitution or transposition of adjacent chars).

use rustc_hash::{FxHashMap, FxHashSet};

use super::text::initials;

/// Folded words of the dataset with their counts.
#[derive(Debug, Default)]
pub(super) struct Vocabulary {
    counts: FxHashMap<String, u32>,
    /// Every char seen in a word: the alphabet for insertions/substitutions.
    alphabet: Vec<char>,
    /// Chars in the longest word.
    longest: usize,
    /// The initials of the hyphenated names among the tokens ("btk" of
    /// "baku-tbilisi-kars"), for [`Vocabulary::knows`].
    initials: FxHashSet<String>,
}

impl Vocabulary {
    /// Collects the alphanumeric words of folded tokens, each occurring
    /// `n` times.
    pub fn new<'a>(tokens: impl Iterator<Item = (&'a str, u32)>) -> Vocabulary {
        // Built on every open, from every distinct token: a word is copied
        // only the first time it is seen.
        let mut counts: FxHashMap<String, u32> = FxHashMap::default();
        let mut known_initials: FxHashSet<String> = FxHashSet::default();
        for (token, n) in tokens {
            initials(token, |run| {
                if !known_initials.contains(run) {
                    known_initials.insert(run.to_string());
                }
            });
            for word in token
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() > 1)
            {
                match counts.get_mut(word) {
                    Some(count) => *count += n,
                    None => {
                        counts.insert(word.to_string(), n);
                    }
                }
            }
        }
        let mut alphabet: Vec<char> = counts.keys().flat_map(|w| w.chars()).collect();
        alphabet.sort_unstable();
        alphabet.dedup();
        let longest = counts.keys().map(|w| w.chars().count()).max().unwrap_or(0);
        Vocabulary {
            counts,
            alphabet,
            longest,
            initials: known_initials,
        }
    }

    /// Whether `word` occurs as a whole word somewhere.
    pub fn contains(&self, word: &str) -> bool {
        self.counts.contains_key(word)
    }

    /// Whether `word` occurs as a whole word or as the initials of a
    /// hyphenated name: whether a short query word is held to
    /// [`super::text::Strictness::Word`].
    pub fn knows(&self, word: &str) -> bool {
        self.contains(word) || self.initials.contains(word)
    }

    /// The most frequent known word one edit away from `word` (ties go to
    /// the alphabetically first, so the answer is stable). Candidates are
    /// looked up as they are made, never collected: a pasted paragraph
    /// costs time linear in its length, not memory quadratic in it.
    pub fn suggest(&self, word: &str) -> Option<String> {
        let chars: Vec<char> = word.chars().collect();
        // One-char words have too many neighbours to guess well, and a word
        // longer than every known word plus one has no neighbour at all.
        if chars.len() < 3 || chars.len() > self.longest + 1 {
            return None;
        }
        let mut best: Option<(u32, String)> = None;
        let mut consider = |candidate: &[char]| {
            let text: String = candidate.iter().collect();
            if let Some(&n) = self.counts.get(&text) {
                let better = match &best {
                    Some((m, w)) => n > *m || (n == *m && text < *w),
                    None => true,
                };
                if better {
                    best = Some((n, text));
                }
            }
        };
        let mut v = chars.clone();
        for i in 0..=chars.len() {
            for &c in &self.alphabet {
                v.insert(i, c);
                consider(&v);
                v.remove(i);
                if i < chars.len() {
                    v[i] = c;
                    consider(&v);
                    v[i] = chars[i];
                }
            }
            if i < chars.len() {
                v.remove(i);
                consider(&v);
                v.insert(i, chars[i]);
            }
            if i + 1 < chars.len() {
                v.swap(i, i + 1);
                consider(&v);
                v.swap(i, i + 1);
            }
        }
        best.map(|(_, w)| w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabulary {
        let text = "erdogan visits astana · erdogan · nazarbayev · aselsan aselsan";
        Vocabulary::new(text.split(' ').map(|t| (t, 1)))
    }

    #[test]
    fn finds_each_kind_of_edit() {
        let v = vocab();
        assert_eq!(v.suggest("erdgoan").as_deref(), Some("erdogan")); // transposition
        assert_eq!(v.suggest("erdogn").as_deref(), Some("erdogan")); // deletion
        assert_eq!(v.suggest("erdoggan").as_deref(), Some("erdogan")); // insertion
        assert_eq!(v.suggest("asalsan").as_deref(), Some("aselsan")); // substitution
        assert_eq!(v.suggest("nazarbaye").as_deref(), Some("nazarbayev"));
    }

    #[test]
    fn far_or_tiny_words_get_no_guess() {
        let v = vocab();
        assert_eq!(v.suggest("ankara"), None);
        assert_eq!(v.suggest("ez"), None);
        assert!(v.contains("astana") && !v.contains("ast"));
    }
}
