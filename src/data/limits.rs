//! Bounds on what a dataset file may hold, so that a hostile or broken file
//! is refused with a clear message instead of exhausting memory or time.
//!
//! Nesting depth has no setting: serde_json stops at
//! [`MAX_DEPTH`] levels, and the schema itself nests only a few levels.

use std::fmt;

use crate::sanitize::{SafeText, echo};

/// The environment variable that overrides [`Limits::max_bytes`].
pub const MAX_BYTES_VAR: &str = "DOSSIER_MAX_BYTES";

/// Arrays and objects nested deeper than this are refused while parsing
/// (serde_json's fixed recursion limit); a valid dataset nests at most
/// five levels.
pub const MAX_DEPTH: usize = 128;

/// Bounds checked by [`super::load_bytes_with`] and [`super::load_path_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file accepted, in bytes; a larger file is not even read.
    pub max_bytes: u64,
    /// Longest string accepted, in bytes of UTF-8 text; longer ones are
    /// validation problems located by their JSON path.
    pub max_string_bytes: usize,
    /// Most validation problems collected and located; past it they are
    /// only counted, so a file with millions of mistakes is reported in
    /// bounded time and memory.
    pub max_problems: usize,
}

impl Limits {
    /// 1 GiB: a dossier is a few megabytes; a generated million-event test
    /// file is about 400 MB.
    pub const DEFAULT_MAX_BYTES: u64 = 1 << 30;
    /// 1 MiB: a long summary is a few kilobytes.
    pub const DEFAULT_MAX_STRING_BYTES: usize = 1 << 20;
    /// Enough to fix a file by; more would only scroll by.
    pub const DEFAULT_MAX_PROBLEMS: usize = 1000;

    /// The defaults, with [`MAX_BYTES_VAR`] applied when set. A value
    /// that is not a size is an error rather than silently ignored.
    pub fn from_env() -> Result<Limits, SettingError> {
        let mut limits = Limits::default();
        if let Some(value) = std::env::var_os(MAX_BYTES_VAR) {
            let text = value.to_string_lossy();
            limits.max_bytes = parse_size(&text).ok_or_else(|| SettingError {
                name: MAX_BYTES_VAR.to_string(),
                value: SafeText::new(&text).to_string(),
                expected: "a size in bytes, optionally with a K, M or G suffix (powers of 1024), e.g. 2G"
                    .to_string(),
            })?;
        }
        Ok(limits)
    }
}

/// A setting of the loader (an environment variable) that is not usable.
/// It is defined here, with the settings, and wrapped by
/// [`super::LoadError::Setting`], so that `limits` needs nothing from
/// `error`.
#[derive(Debug, thiserror::Error)]
#[error("{name}=\"{}\" is not usable: expected {expected}", echo(.value))]
pub struct SettingError {
    pub name: String,
    pub value: String,
    pub expected: String,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bytes: Limits::DEFAULT_MAX_BYTES,
            max_string_bytes: Limits::DEFAULT_MAX_STRING_BYTES,
            max_problems: Limits::DEFAULT_MAX_PROBLEMS,
        }
    }
}

/// `123`, `64K`, `512M`, `2G` (also `2GiB`, `2gb`): powers of 1024.
fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let digits_end = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (digits, unit) = text.split_at(digits_end);
    let number: u64 = digits.parse().ok()?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        "t" | "tb" | "tib" => 40,
        _ => return None,
    };
    number.checked_mul(1 << shift)
}

/// A byte count for people: `1 GiB`, `1.5 MiB`, `300 bytes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size(pub u64);

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
        let bytes = self.0;
        if bytes < 1024 {
            let noun = if bytes == 1 { "byte" } else { "bytes" };
            return write!(f, "{bytes} {noun}");
        }
        let mut value = bytes as f64 / 1024.0;
        let mut unit = 0;
        while value >= 1024.0 && unit + 1 < UNITS.len() {
            value /= 1024.0;
            unit += 1;
        }
        if value.fract() == 0.0 {
            write!(f, "{value} {}", UNITS[unit])
        } else {
            write!(f, "{value:.1} {}", UNITS[unit])
        }
    }
}

impl Size {
    /// The size for people, with the exact count when that is shorter
    /// than it: `1 MiB (1048576 bytes)`, `300 bytes`.
    pub fn precise(self) -> String {
        let short = self.to_string();
        if self.0 < 1024 {
            short
        } else {
            format!("{short} ({} bytes)", self.0)
        }
    }
}

/// Characters of input quoted in a message before it is cut short.
const QUOTED_CHARS: usize = 60;

/// `value` as a quoted, escaped string for a message, cut short when long:
/// `"aaaa…" (2000000 characters)`. Messages stay readable however long
/// the input is.
pub(crate) fn quoted(value: &str) -> String {
    match value.char_indices().nth(QUOTED_CHARS) {
        None => format!("{value:?}"),
        Some((cut, _)) => {
            let shown = format!("{:?}", &value[..cut]);
            let open = &shown[..shown.len() - 1];
            format!("{open}…\" ({} characters)", value.chars().count())
        }
    }
}

/// Longest message kept whole; longer ones (serde quoting a huge key, say)
/// are cut.
const MESSAGE_CHARS: usize = 400;

/// `message` with long stretches between backticks or double quotes (input
/// that serde quotes verbatim) shortened, and cut at [`MESSAGE_CHARS`]
/// characters whatever it holds.
pub(crate) fn shorten_message(message: &str) -> String {
    if message.chars().count() <= MESSAGE_CHARS {
        return message.to_string();
    }
    let mut out = String::new();
    let mut rest = message;
    while let Some(open) = rest.find(['`', '"']) {
        let delimiter = rest[open..].chars().next().unwrap_or('`');
        out.push_str(&rest[..=open]);
        let inner_start = open + 1;
        let Some(close) = rest[inner_start..].find(delimiter) else {
            rest = &rest[inner_start..];
            break;
        };
        let inner = &rest[inner_start..inner_start + close];
        match inner.char_indices().nth(QUOTED_CHARS) {
            Some((cut, _)) => {
                out.push_str(&inner[..cut]);
                out.push_str(&format!("…{delimiter} ({} characters)", inner.chars().count()));
            }
            None => {
                out.push_str(inner);
                out.push(delimiter);
            }
        }
        rest = &rest[inner_start + close + 1..];
    }
    out.push_str(rest);
    if let Some((cut, _)) = out.char_indices().nth(MESSAGE_CHARS) {
        out.truncate(cut);
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_binary_suffixes() {
        assert_eq!(parse_size("123"), Some(123));
        assert_eq!(parse_size(" 64K "), Some(64 << 10));
        assert_eq!(parse_size("512MiB"), Some(512 << 20));
        assert_eq!(parse_size("2g"), Some(2 << 30));
        assert_eq!(parse_size("2 GB"), Some(2 << 30));
        for bad in ["", "G", "1.5G", "-1", "12 apples", "99999999999999999999T"] {
            assert_eq!(parse_size(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn sizes_print_for_people() {
        assert_eq!(Size(1).to_string(), "1 byte");
        assert_eq!(Size(300).to_string(), "300 bytes");
        assert_eq!(Size(1 << 30).to_string(), "1 GiB");
        assert_eq!(Size(3 << 19).to_string(), "1.5 MiB");
        assert_eq!(Size(2_000_000).to_string(), "1.9 MiB");
        assert_eq!(Size(1 << 20).precise(), "1 MiB (1048576 bytes)");
        assert_eq!(Size(100).precise(), "100 bytes");
    }

    #[test]
    fn long_values_are_quoted_short() {
        assert_eq!(quoted("2017-13"), r#""2017-13""#);
        assert_eq!(quoted("a\u{1b}b"), r#""a\u{1b}b""#);
        let long = "ğ".repeat(100);
        let shown = quoted(&long);
        assert!(shown.starts_with(&format!("\"{}", "ğ".repeat(60))), "{shown}");
        assert!(shown.ends_with("…\" (100 characters)"), "{shown}");
    }

    #[test]
    fn long_messages_are_shortened() {
        let key = "k".repeat(10_000);
        let message = format!("unknown field `{key}`, expected one of `id`, `date`");
        let short = shorten_message(&message);
        assert!(short.starts_with("unknown field `kkk"), "{short}");
        assert!(
            short.ends_with("…` (10000 characters), expected one of `id`, `date`"),
            "{short}"
        );
        let unbalanced = format!("found string \"{}", "x".repeat(10_000));
        assert!(shorten_message(&unbalanced).chars().count() <= MESSAGE_CHARS + 1);
        assert_eq!(shorten_message("short `x`"), "short `x`");
    }
}
