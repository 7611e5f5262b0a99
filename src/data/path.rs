//! JSON paths such as `events[3].date`: built while checking, printed in
//! messages, walked by the locator.

use std::fmt;

/// One step of a [`JsonPath`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    /// An object member, by key.
    Key(String),
    /// An array element, by 0-based index.
    Index(usize),
}

/// A path from the top-level value down to a nested one; empty means the
/// whole document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct JsonPath(pub(crate) Vec<Seg>);

impl JsonPath {
    /// The path of the top-level value.
    pub(crate) fn root() -> Self {
        JsonPath(Vec::new())
    }

    /// This path extended by an object key.
    pub(crate) fn key(mut self, key: &str) -> Self {
        self.0.push(Seg::Key(key.to_string()));
        self
    }

    /// This path extended by an array index.
    pub(crate) fn index(mut self, index: usize) -> Self {
        self.0.push(Seg::Index(index));
        self
    }

    /// Builds `top[index].key`, the most common shape of a problem path.
    pub(crate) fn item(top: &str, index: usize) -> Self {
        JsonPath::root().key(top).index(index)
    }
}

/// Whether `key` can be printed after a dot without quoting.
fn is_plain_key(key: &str) -> bool {
    let mut chars = key.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl fmt::Display for JsonPath {
    /// `events[3].date`; odd keys are quoted: `document["two words"]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(key) if is_plain_key(key) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(key)?;
                }
                Seg::Key(key) => {
                    // JSON quoting escapes control characters; escape the
                    // bidirectional overrides too, as paths are printed.
                    let quoted = serde_json::to_string(key).map_err(|_| fmt::Error)?;
                    f.write_str("[")?;
                    for c in quoted.chars() {
                        if crate::sanitize::is_unsafe(c) {
                            write!(f, "\\u{:04x}", u32::from(c))?;
                        } else {
                            write!(f, "{c}")?;
                        }
                    }
                    f.write_str("]")?;
                }
                Seg::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_dotted_and_indexed_paths() {
        let path = JsonPath::item("events", 3).key("date");
        assert_eq!(path.to_string(), "events[3].date");
        assert_eq!(JsonPath::root().to_string(), "");
        let odd = JsonPath::root().key("document").key("two words");
        assert_eq!(odd.to_string(), r#"document["two words"]"#);
        assert_eq!(JsonPath::root().key("9lives").to_string(), r#"["9lives"]"#);
        let hostile = JsonPath::root().key("a\u{1b}b\u{202e}c");
        assert_eq!(hostile.to_string(), r#"["a\u001bb\u202ec"]"#);
    }
}
