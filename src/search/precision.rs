//! Exact and approximate date matches: a query's date matches an event
//! dated as precisely (or wholly inside it) exactly, and one dated less
//! precisely that only overlaps it (`17 aug 2017` and an event dated
//! `2017`) approximately. Approximate hits rank after every exact one;
//! lists show them under a divider that says why.

use super::Hit;
use crate::date::{Precision, Span};

/// Where the approximate hits start, and the words for the line above
/// them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Divider {
    /// Index in the hits of the first approximate one: every hit before
    /// it is exact, every hit from it on approximate.
    pub at: usize,
    /// Why they are apart: `dated only to 2017` when they share one date,
    /// `dated only to the year` (or month) when they share a precision,
    /// else `dated less precisely`.
    pub label: String,
}

/// The divider of `hits` (best first, as a search returns them), `None`
/// when every hit is exact. `span(i)` is the span of the event of
/// `hits[i]`.
pub fn divider(hits: &[Hit], span: impl Fn(usize) -> Option<Span>) -> Option<Divider> {
    let at = hits.iter().position(|h| !h.exact)?;
    let spans: Vec<Option<Span>> = (at..hits.len()).map(span).collect();
    Some(Divider {
        at,
        label: label(&spans),
    })
}

/// The divider's words for the spans of the approximate hits.
fn label(spans: &[Option<Span>]) -> String {
    let first = spans.first().copied().flatten();
    if let Some(span) = first
        && spans.iter().all(|s| *s == first)
    {
        return format!("dated only to {}", span.short());
    }
    let precision = first.map(|s| s.start.precision());
    let same = spans.iter().all(|s| s.map(|s| s.start.precision()) == precision);
    match precision {
        Some(Precision::Year) if same => "dated only to the year".into(),
        Some(Precision::Month) if same => "dated only to the month".into(),
        _ => "dated less precisely".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::PartialDate;

    fn span(start: &str, end: Option<&str>) -> Option<Span> {
        Some(Span {
            start: PartialDate::parse(start).unwrap(),
            end: end.map(|e| PartialDate::parse(e).unwrap()),
        })
    }

    #[test]
    fn the_label_names_a_shared_date_or_precision() {
        let year = span("2017", None);
        assert_eq!(label(&[year, year]), "dated only to 2017");
        assert_eq!(label(&[span("2017-08", None)]), "dated only to Aug 2017");
        assert_eq!(
            label(&[year, span("2012", Some("2017"))]),
            "dated only to the year"
        );
        assert_eq!(
            label(&[span("2017-08", None), span("2017-09", None)]),
            "dated only to the month"
        );
        assert_eq!(label(&[year, span("2017-08", None)]), "dated less precisely");
    }

    #[test]
    fn no_divider_when_every_hit_is_exact() {
        let dataset = crate::data::embedded();
        let hit = |event, exact| Hit {
            event,
            score: 1,
            exact,
        };
        let of = |hits: &[Hit]| {
            let events: Vec<usize> = hits.iter().map(|h| h.event).collect();
            divider(hits, |i| dataset.events[events[i]].span())
        };
        assert_eq!(of(&[hit(0, true), hit(1, true)]), None);
        assert_eq!(of(&[]), None);
        let d = of(&[hit(0, true), hit(1, false)]).unwrap();
        assert_eq!(d.at, 1);
    }
}
