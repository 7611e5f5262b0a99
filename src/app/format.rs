//! Human forms of dataset values: dates with precision, figures, citations.
//! Everything returned here is [`SafeText`].

use crate::date::{Span, UNDATED};
use crate::model::{Citation, Event, Figure};
use crate::safe_format;
use crate::sanitize::SafeText;
use unicode_width::UnicodeWidthStr;

/// Compact date for list rows: `9 Sep 2017`, `May 2017`, `8–10 Sep 2017`.
pub fn short_date(event: &Event) -> SafeText<'static> {
    short_date_of(event.span())
}

/// [`short_date`] of an event whose span is already parsed.
pub fn short_date_of(span: Option<Span>) -> SafeText<'static> {
    match span {
        Some(s) => SafeText::new(&s.short()).into_owned(),
        None => SafeText::lit(UNDATED),
    }
}

/// Full date with its precision (see [`crate::format::long_date`]).
pub fn long_date(event: &Event) -> SafeText<'static> {
    SafeText::new(&crate::format::long_date(event)).into_owned()
}

/// A dataset date string in long form, or as written if it does not parse.
pub fn long_date_str(date: &str) -> SafeText<'static> {
    SafeText::new(&crate::format::date(date)).into_owned()
}

/// `about $590 million`, `over 13,000 students`: the CLI's wording.
pub fn figure_value(f: &Figure) -> SafeText<'static> {
    SafeText::new(&crate::format::figure(f)).into_owned()
}

/// What the figure measures, with its year: `bilateral trade volume, 2016`.
pub fn figure_measure(f: &Figure) -> SafeText<'_> {
    let measure = SafeText::new(&f.measure);
    match f.year {
        Some(year) => safe_format!("{measure}, {year}", measure, year),
        None => measure,
    }
}

/// One-line citation without the URL: author, “title”, outlet, date.
pub fn citation(c: &Citation) -> SafeText<'static> {
    let mut parts = Vec::new();
    if let Some(a) = &c.author {
        parts.push(SafeText::new(a));
    }
    parts.push(safe_format!("“{title}”", title = SafeText::new(&c.title)));
    parts.push(SafeText::new(&c.outlet));
    if let Some(p) = &c.published {
        parts.push(long_date_str(p));
    }
    let mut s = SafeText::join(parts, &SafeText::lit(", "));
    if let Some(a) = &c.accessed {
        s.push(&safe_format!(" (accessed {date})", date = long_date_str(a)));
    }
    s
}

/// The cells of one table row: value, what it measures, the event, its
/// footnotes.
pub fn figure_cells(ev: &Event, index: usize) -> [SafeText<'_>; 4] {
    let Some(f) = ev.figures.get(index) else {
        return Default::default();
    };
    [
        value_cell(f),
        figure_measure(f),
        safe_format!(
            "{date} · {title}",
            date = short_date(ev),
            title = SafeText::new(&ev.title)
        ),
        notes_cell(ev),
    ]
}

/// The widths of the two cells of a table row that size their columns,
/// the value and the footnotes (the measure and the event share what is
/// left): only these are worked out for every figure at start-up.
pub fn figure_sizing_widths(ev: &Event, index: usize) -> [usize; 2] {
    ev.figures.get(index).map_or([0; 2], |f| {
        [value_cell(f).as_str().width(), notes_cell(ev).as_str().width()]
    })
}

fn value_cell(f: &Figure) -> SafeText<'static> {
    // "about 13,000 students students enrolled": the unit is left out of
    // the value when the measure that follows starts with it.
    let first_word = f.measure.split_whitespace().next().unwrap_or("");
    if f.unit != "USD" && !f.unit.is_empty() && first_word.eq_ignore_ascii_case(&f.unit) {
        figure_value(&Figure {
            unit: String::new(),
            ..f.clone()
        })
    } else {
        figure_value(f)
    }
}

fn notes_cell(ev: &Event) -> SafeText<'static> {
    let notes = ev.footnotes.iter().map(|n| safe_format!("[{n}]", n));
    SafeText::join(notes, &SafeText::lit(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

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
