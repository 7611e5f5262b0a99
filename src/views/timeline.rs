//! The Timeline: every event on one time axis, grouped by year; spans
//! drawn as lines in a gutter, the tab as a coloured letter badge, planned
//! events marked.

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::text::Line;
use rayon::prelude::*;

use super::{Gutter, Listing, Shape, Spec, View, common, open_event, opened_by};
use crate::app::Row;
use crate::app::doc::Role;
use crate::app::keymap::{Context, bind, ch, code};
use crate::app::layout::ScreenLayout;
use crate::app::{Action, App};
use crate::date::Span;
use crate::safe_format;
use crate::sanitize::SafeText;
use crate::ui::list::{badge_span, date_span, draw_rows, heading};
use crate::ui::text::{plain, span};
use crate::ui::theme;

pub static SPEC: Spec = Spec {
    id: "timeline",
    title: "Timeline",
    short: "Timeline",
    abbreviation: "Time",
    go: opened_by(&[ch('T')], "T", View::Timeline, "the Timeline of every event"),
    section: "Timeline (T)",
    keys: &[bind(
        Context::View(View::Timeline),
        &[code(KeyCode::Enter)],
        "Enter",
        Action::Open,
        "open the event in its tab",
        Some("open"),
    )],
    detail: true,
    shape: Shape::List { wide: true },
    rows: Some(listing),
    open: open_event,
    act: common,
    scroll: None,
    draw,
};

/// Every event under its year, the spans' gutter, and the date column as
/// wide as the widest date.
fn listing(app: &App) -> Listing {
    // Each event's dates in date order, gathered apart: read in date order
    // from the column in the dataset's order, a million events were a
    // million cache misses, twice.
    let (spans, by_date) = (app.spans(), app.events_by_date());
    let dated: Vec<Option<Span>> = by_date.par_iter().map(|&e| spans[e].span()).collect();
    let rows = rows(&dated, by_date);
    let gutter = lanes(&dated, &rows);
    // It lists every event: the widest date of all, read in the column's order.
    let widest = (0..spans.len())
        .map(|e| app.event_date_width(e))
        .max()
        .unwrap_or(0);
    Listing {
        rows,
        gutter,
        columns: vec![widest],
    }
}

/// Draws the timeline list where the layout puts the list.
fn draw(frame: &mut Frame, app: &App, l: &ScreenLayout) {
    let area = l.list;
    let events = app.events_by_date();
    let planned = app.planned_in(app.view);
    let title = safe_format!(
        " Timeline · {n} events, {planned} planned ",
        n = events.len(),
        planned
    );
    let listing = app.listing(View::Timeline);
    let lane = |i: usize| SafeText::new(&listing.gutter.row(i)).into_owned();
    let dates = app.date_width(View::Timeline);
    let inner_width = area.width.saturating_sub(2);
    let dim = theme::role(app.theme, Role::Dim, false);
    draw_rows(frame, app, area, title, |i, row| match row {
        Row::Heading(text) => heading(app, lane(i), text, inner_width),
        Row::Event(e) => {
            let ev = app.event(*e);
            let mut spans = vec![
                span(lane(i), dim),
                badge_span(app, *e),
                plain(SafeText::lit(if ev.planned { " ○ " } else { " ● " })),
                date_span(app, *e, dates),
                plain(SafeText::new(&ev.title)),
            ];
            if ev.planned {
                spans.push(span(
                    SafeText::lit(" · planned"),
                    theme::role(app.theme, Role::Quote, false),
                ));
            }
            Line::from(spans)
        }
        _ => Line::default(),
    });
}

/// The timeline: events in date order (`by_date`, whose dates are
/// `dated`) under a heading per year.
fn rows(dated: &[Option<Span>], by_date: &[usize]) -> Vec<Row> {
    let mut rows = Vec::with_capacity(by_date.len() + 64);
    let mut year: Option<Option<i32>> = None;
    for (&e, span) in by_date.iter().zip(dated) {
        let y = span.map(|s| s.start.year);
        if year != Some(y) {
            year = Some(y);
            rows.push(Row::Heading(
                y.map_or(SafeText::lit("Undated"), |year| safe_format!("{year}", year)),
            ));
        }
        rows.push(Row::Event(e));
    }
    rows
}

/// How many of `events` (their dates, in date order) start on or before
/// `last`: galloping from the front, for most spans hold few events.
fn run_within(events: &[Option<Span>], last: crate::date::Day) -> usize {
    let inside = |s: &Option<Span>| s.is_some_and(|s| s.first_day() <= last);
    let mut bound = 1;
    while bound < events.len() && inside(&events[bound]) {
        bound *= 2;
    }
    let from = bound / 2;
    from + events[from..bound.min(events.len())].partition_point(inside)
}

/// Most spans drawn side by side; more overlapping spans keep their date
/// but get no line.
const MAX_LANES: usize = 4;

/// The gutter left of each timeline row, drawing every span as a vertical
/// line from its own row (`┌`) down to the last event that starts within
/// it (`└`); `─` is a span with no other event inside. Every row has
/// the same width: one column per lane, then a space, or nothing at all
/// when no event is a span. `dated` holds the dates of the rows' events,
/// in order.
fn lanes(dated: &[Option<Span>], rows: &[Row]) -> Gutter {
    // The row of each event: its dates stay where they are, apart, as
    // copying them beside their rows took 230 ms at a million events.
    let mut at = Vec::with_capacity(dated.len());
    at.extend(
        rows.iter()
            .enumerate()
            .filter(|(_, row)| matches!(row, Row::Event(_)))
            .map(|(r, _)| r),
    );
    // (lane, first row, last row) of each span that got a lane.
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    let mut lane_end: Vec<usize> = Vec::new();
    for (i, (&r0, span)) in at.iter().zip(dated).enumerate() {
        let Some(span) = span.filter(|s| s.end.is_some()) else {
            continue;
        };
        // Rows are in date order, undated last: the events starting within
        // the span are the run right after it, found by galloping then
        // bisection (a walk made a million events take minutes; bisecting
        // the whole rest, a cache miss per step for every span).
        let last = span.last_day();
        let within = run_within(&dated[i + 1..], last);
        let r1 = if within == 0 { r0 } else { at[i + within] };
        let free = lane_end.iter().position(|&end| end < r0);
        let lane = match free {
            Some(l) => l,
            None if lane_end.len() < MAX_LANES => {
                lane_end.push(0);
                lane_end.len() - 1
            }
            None => continue,
        };
        lane_end[lane] = r1;
        spans.push((lane, r0, r1));
    }
    let mut gutter = Gutter::blank(rows.len(), lane_end.len());
    for (lane, r0, r1) in spans {
        for r in r0..=r1 {
            let glyph = match (r == r0, r == r1) {
                (true, true) => 1,
                (true, false) => 2,
                (false, true) => 3,
                (false, false) => 4,
            };
            gutter.set(r, lane, glyph);
        }
    }
    gutter
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::PartialDate;

    #[test]
    fn galloping_finds_the_run_bisection_finds() {
        let day = |d: u8| PartialDate::parse(&format!("2017-01-{d:02}")).unwrap();
        // Dated events in order, some days repeated, undated last.
        let mut events: Vec<Option<Span>> = [1, 1, 2, 3, 3, 3, 5, 8, 8, 9, 12, 20, 21, 21, 28]
            .iter()
            .map(|&d| {
                Some(Span {
                    start: day(d),
                    end: None,
                })
            })
            .collect();
        events.extend([None, None]);
        for from in 0..events.len() {
            for d in 1..=31 {
                let last = day(d).first_day();
                let tail = &events[from..];
                let bisected = tail.partition_point(|s| s.is_some_and(|s| s.first_day() <= last));
                assert_eq!(run_within(tail, last), bisected, "from {from}, last day {d}");
            }
        }
    }
}
