//! Human forms of dataset values: dates with precision, figures, citations.
//! Everything returned here has passed through [`crate::sanitize::clean`].

use crate::date::{Span, UNDATED};
use crate::model::{Citation, Dataset, Event, Figure};
use crate::sanitize::clean;

/// Compact date for list rows: `9 Sep 2017`, `May 2017`, `8–10 Sep 2017`.
pub fn short_date(event: &Event) -> String {
    short_date_of(event.span())
}

/// [`short_date`] of an event whose span is already parsed.
pub fn short_date_of(span: Option<Span>) -> String {
    span.map_or_else(|| UNDATED.to_string(), |s| s.short())
}

/// A dataset date string in long form, or as written if it does not parse.
pub fn long_date_str(date: &str) -> String {
    clean(&crate::format::date(date)).into_owned()
}

/// `about $590 million`, `over 13,000 students`: the CLI's wording.
pub fn figure_value(f: &Figure) -> String {
    clean(&crate::format::figure(f)).into_owned()
}

/// What the figure measures, with its year: `bilateral trade volume, 2016`.
pub fn figure_measure(f: &Figure) -> String {
    match f.year {
        Some(y) => format!("{}, {y}", clean(&f.measure)),
        None => clean(&f.measure).into_owned(),
    }
}

/// One-line citation without the URL: author, “title”, outlet, date.
pub fn citation(c: &Citation) -> String {
    let mut parts = Vec::new();
    if let Some(a) = &c.author {
        parts.push(clean(a).into_owned());
    }
    parts.push(format!("“{}”", clean(&c.title)));
    parts.push(clean(&c.outlet).into_owned());
    if let Some(p) = &c.published {
        parts.push(long_date_str(p));
    }
    let mut s = parts.join(", ");
    if let Some(a) = &c.accessed {
        s.push_str(&format!(" (accessed {})", long_date_str(a)));
    }
    s
}

/// A URL the system opener may be given: http(s), nothing a terminal or a
/// shell could misread.
pub fn openable(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() > "http://".len()
        && !url
            .chars()
            .any(|c| c.is_whitespace() || crate::sanitize::is_unsafe(c))
}

/// The cells of one table row: value, what it measures, the event, its
/// footnotes.
pub fn figure_cells(ds: &Dataset, event: usize, index: usize) -> [String; 4] {
    let ev = &ds.events[event];
    let Some(f) = ev.figures.get(index) else {
        return Default::default();
    };
    let notes = ev
        .footnotes
        .iter()
        .map(|n| format!("[{n}]"))
        .collect::<Vec<_>>()
        .join(" ");
    [
        figure_value(f),
        figure_measure(f),
        format!("{} · {}", short_date(ev), clean(&ev.title)),
        notes,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_http_urls_are_openable() {
        assert!(openable("https://www.aa.com.tr/en/x?a=1"));
        assert!(openable("HTTP://example.org"));
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://a b",
            "https://x\u{1b}]",
            "-https://x",
            "http://",
        ] {
            assert!(!openable(bad), "{bad}");
        }
    }

    #[test]
    fn citations_join_their_parts() {
        let c = Citation {
            author: Some("A. Author".into()),
            title: "T".into(),
            outlet: "O".into(),
            published: Some("2017-09-09".into()),
            accessed: None,
            url: None,
            language: None,
        };
        assert_eq!(citation(&c), "A. Author, “T”, O, 9 September 2017");
    }
}
