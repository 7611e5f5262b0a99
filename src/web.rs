//! The URLs of sources: which are accepted in a dataset and opened or
//! copied by the browser (one rule for both, so nothing the loader accepts
//! is refused by `o` and nothing refused is opened), and how a host is
//! shown when it is spelled in Unicode.

use unicode_width::UnicodeWidthChar;
use url::{Host, Url};

use crate::data::quoted;

/// Why `url` may not be a source's link, if it may not: only http(s) URLs
/// that parse (WHATWG, as browsers do) with a host, and with no character
/// that is unseen, ambiguous on a terminal or read otherwise by a browser,
/// so that the URL shown is exactly the one opened.
pub fn problem(url: &str) -> Option<String> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Some(format!(
            "invalid URL {}: expected it to start with http:// or https://",
            quoted(url)
        ));
    }
    let bad = url
        .chars()
        .enumerate()
        .find(|&(_, c)| c.is_whitespace() || c == '\\' || crate::sanitize::is_unsafe(c));
    if let Some((index, c)) = bad {
        let what = match c {
            ' ' => "a space".to_string(),
            '\t' => "a tab".to_string(),
            '\n' | '\r' => "a line break".to_string(),
            '\\' => {
                return Some(format!(
                    "invalid URL {}: a backslash at character {}: expected / (browsers read a backslash as /)",
                    quoted(url),
                    index + 1
                ));
            }
            c if c.is_whitespace() => format!("whitespace U+{:04X}", u32::from(c)),
            c if c.is_control() => format!("control character U+{:04X}", u32::from(c)),
            c if c.width() == Some(0) => format!("invisible formatting character U+{:04X}", u32::from(c)),
            c => format!(
                "character U+{:04X} that terminals draw in different widths",
                u32::from(c)
            ),
        };
        return Some(format!(
            "invalid URL {}: {what} at character {}: expected no whitespace or control characters (percent-encode them, e.g. %20)",
            quoted(url),
            index + 1
        ));
    }
    let no_host = || {
        Some(format!(
            "invalid URL {}: expected a host name after the scheme",
            quoted(url)
        ))
    };
    match Url::parse(url) {
        Ok(parsed) if parsed.host_str().is_some_and(|h| !h.is_empty()) => None,
        Ok(_) | Err(url::ParseError::EmptyHost) => no_host(),
        Err(e) => Some(format!("invalid URL {}: {e}", quoted(url))),
    }
}

/// Whether the browser may open or copy `url`: exactly what a dataset may
/// hold ([`problem`]).
pub fn openable(url: &str) -> bool {
    problem(url).is_none()
}

/// The host of `url` in punycode (`xn--pple-43d.com`) when the URL spells
/// it in Unicode (`аpple.com`, with a Cyrillic а), so a look-alike shows
/// beside what it really is. `None` for an ASCII host or an unusable URL.
pub fn punycode_host(url: &str) -> Option<String> {
    let parsed = Url::parse(url).ok()?;
    let Some(Host::Domain(host)) = parsed.host() else {
        return None;
    };
    let spelled_in_unicode = host.split('.').any(|label| label.starts_with("xn--"))
        && !url
            .split('/')
            .nth(2)
            .is_some_and(|authority| authority.is_ascii());
    spelled_in_unicode.then(|| host.to_string())
}

/// `url`, followed by its punycode host when it has one, for one line of
/// text: `https://аpple.com/ (host xn--pple-43d.com)`.
pub fn with_host(url: &str) -> String {
    match punycode_host(url) {
        Some(host) => format!("{url} (host {host})"),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_http_urls_with_a_host_are_openable() {
        assert!(openable("https://www.aa.com.tr/en/x?a=1"));
        assert!(openable("HTTP://example.org"));
        assert!(openable("https://аpple.com/"));
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://a b",
            "https://x\u{1b}]",
            "-https://x",
            "http://",
            "http://?q",
            "http://:80",
            "http://@",
            "http://#",
            "http://x/\u{ad}",
            "http://x/\u{200b}",
            "https://evil.example\\@good.example/",
            "https://[::1/",
        ] {
            assert!(!openable(bad), "{bad:?}");
        }
    }

    #[test]
    fn unicode_hosts_are_also_shown_in_punycode() {
        assert_eq!(
            punycode_host("https://аpple.com/").as_deref(),
            Some("xn--pple-43d.com")
        );
        assert_eq!(
            with_host("https://аpple.com/a"),
            "https://аpple.com/a (host xn--pple-43d.com)"
        );
        assert_eq!(
            punycode_host("https://bücher.example/").as_deref(),
            Some("xn--bcher-kva.example")
        );
        for plain in [
            "https://apple.com/",
            "https://xn--pple-43d.com/",
            "https://example.org/ürün",
            "nonsense",
        ] {
            assert_eq!(punycode_host(plain), None, "{plain}");
        }
    }
}
