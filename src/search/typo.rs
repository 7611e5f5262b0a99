//! Typo tolerance: when a query finds nothing, each word that is not in the
//! dataset's vocabulary is replaced by its most frequent one-edit neighbour
//! (deletion, insertion, substitution or transposition of adjacent chars).

use std::collections::HashMap;

/// Folded words of the dataset with their counts.
#[derive(Debug, Default)]
pub(super) struct Vocabulary {
    counts: HashMap<String, u32>,
    /// Every char seen in a word: the alphabet for insertions/substitutions.
    alphabet: Vec<char>,
}

impl Vocabulary {
    /// Collects the alphanumeric words of folded tokens, each occurring
    /// `n` times.
    pub fn new<'a>(tokens: impl Iterator<Item = (&'a str, u32)>) -> Vocabulary {
        let mut counts: HashMap<String, u32> = HashMap::new();
        for (token, n) in tokens {
            for word in token
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() > 1)
            {
                *counts.entry(word.to_string()).or_default() += n;
            }
        }
        let mut alphabet: Vec<char> = counts.keys().flat_map(|w| w.chars()).collect();
        alphabet.sort_unstable();
        alphabet.dedup();
        Vocabulary { counts, alphabet }
    }

    /// Whether `word` occurs as a whole word somewhere.
    pub fn contains(&self, word: &str) -> bool {
        self.counts.contains_key(word)
    }

    /// The most frequent known word one edit away from `word` (ties go to
    /// the alphabetically first, so the answer is stable).
    pub fn suggest(&self, word: &str) -> Option<String> {
        let chars: Vec<char> = word.chars().collect();
        // One-char words have too many neighbours to guess well.
        if chars.len() < 3 {
            return None;
        }
        let mut candidates: Vec<Vec<char>> = Vec::new();
        for i in 0..=chars.len() {
            for &c in &self.alphabet {
                let mut v = chars.clone();
                v.insert(i, c);
                candidates.push(v);
                if i < chars.len() {
                    let mut v = chars.clone();
                    v[i] = c;
                    candidates.push(v);
                }
            }
            if i < chars.len() {
                let mut v = chars.clone();
                v.remove(i);
                candidates.push(v);
            }
            if i + 1 < chars.len() {
                let mut v = chars.clone();
                v.swap(i, i + 1);
                candidates.push(v);
            }
        }
        candidates
            .into_iter()
            .map(|v| v.into_iter().collect::<String>())
            .filter_map(|w| self.counts.get(&w).map(|&n| (n, w)))
            .max_by(|(n1, w1), (n2, w2)| n1.cmp(n2).then_with(|| w2.cmp(w1)))
            .map(|(_, w)| w)
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
