//! The rows of the views after the content tabs: what each line of their
//! list is, how rows are grouped under headings, and the cross-references
//! between events, entities and footnotes those views show.

use crate::date::Span;
use crate::lookup::Lookup;
use crate::model::{Dataset, EntityKind, FootnoteBody, Resolution};
use crate::safe_format;
use crate::sanitize::SafeText;

/// One line of an extra view's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A group heading (a year, a kind of entity, an outlet); never
    /// selected.
    Heading(SafeText<'static>),
    /// An event, by index in the dataset (Timeline).
    Event(usize),
    /// An entity, by index in the dataset (People & Orgs).
    Entity(usize),
    /// A footnote not folded into another one (Sources).
    Source(u32),
    /// Figure `index` of event `event` (Figures).
    Figure { event: usize, index: usize },
}

impl Row {
    /// Whether the selection may rest on this row.
    pub fn selectable(&self) -> bool {
        !matches!(self, Row::Heading(_))
    }

    /// The event this row is about, if any.
    pub fn event(&self) -> Option<usize> {
        match self {
            Row::Event(e) | Row::Figure { event: e, .. } => Some(*e),
            _ => None,
        }
    }
}

/// The timeline: events in date order under a heading per year.
pub fn timeline(spans: &[Option<Span>], by_date: &[usize]) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut year: Option<Option<i32>> = None;
    for &e in by_date {
        let y = spans[e].map(|s| s.start.year);
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

/// Most spans drawn side by side; more overlapping spans keep their date
/// but get no line.
pub const MAX_LANES: usize = 4;

/// The gutter left of each timeline row, drawing every span as a vertical
/// line from its own row (`┌`) down to the last event that starts within
/// it (`└`); `─` is a span with no other event inside. All strings have
/// the same width: one column per lane, then a space, or nothing at all
/// when no event is a span.
pub fn timeline_lanes(spans: &[Option<Span>], rows: &[Row]) -> Vec<String> {
    let events: Vec<(usize, Option<Span>)> = rows
        .iter()
        .enumerate()
        .filter_map(|(r, row)| match row {
            Row::Event(e) => Some((r, spans[*e])),
            _ => None,
        })
        .collect();
    // (lane, first row, last row) of each span that got a lane.
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    let mut lane_end: Vec<usize> = Vec::new();
    for (i, &(r0, span)) in events.iter().enumerate() {
        let Some(span) = span.filter(|s| s.end.is_some()) else {
            continue;
        };
        // Rows are in date order, undated last: the events starting within
        // the span are the run right after it, found by bisection (a walk
        // made a million events take minutes).
        let last = span.last_day();
        let within = events[i + 1..].partition_point(|(_, s)| s.is_some_and(|s| s.first_day() <= last));
        let r1 = if within == 0 { r0 } else { events[i + within].0 };
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
    if lane_end.is_empty() {
        return vec![String::new(); rows.len()];
    }
    let mut grid = vec![vec![' '; lane_end.len()]; rows.len()];
    for (lane, r0, r1) in spans {
        for (r, cells) in grid.iter_mut().enumerate().take(r1 + 1).skip(r0) {
            cells[lane] = match (r == r0, r == r1) {
                (true, true) => '─',
                (true, false) => '┌',
                (false, true) => '└',
                (false, false) => '│',
            };
        }
    }
    grid.into_iter()
        .map(|cells| cells.into_iter().chain([' ']).collect())
        .collect()
}

/// Heading of a group of entities.
pub fn kind_heading(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "People",
        EntityKind::Country => "Countries",
        EntityKind::Organization => "Organizations",
        EntityKind::Company => "Companies",
        EntityKind::Agreement => "Agreements",
        EntityKind::Initiative => "Initiatives",
        EntityKind::Place => "Places",
    }
}

/// What one entity of a kind is called.
pub fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Country => "country",
        EntityKind::Organization => "organization",
        EntityKind::Company => "company",
        EntityKind::Agreement => "agreement",
        EntityKind::Initiative => "initiative",
        EntityKind::Place => "place",
    }
}

const KINDS: [EntityKind; 7] = [
    EntityKind::Person,
    EntityKind::Country,
    EntityKind::Organization,
    EntityKind::Company,
    EntityKind::Agreement,
    EntityKind::Initiative,
    EntityKind::Place,
];

/// People & Orgs: entities by kind, alphabetically within a kind.
pub fn people(ds: &Dataset) -> Vec<Row> {
    let mut rows = Vec::new();
    for kind in KINDS {
        let mut of_kind: Vec<usize> = (0..ds.entities.len())
            .filter(|&i| ds.entities[i].kind == kind)
            .collect();
        if of_kind.is_empty() {
            continue;
        }
        of_kind.sort_by_cached_key(|&i| ds.entities[i].name.to_lowercase());
        rows.push(Row::Heading(safe_format!(
            "{kind} ({n})",
            kind = SafeText::lit(kind_heading(kind)),
            n = of_kind.len()
        )));
        rows.extend(of_kind.into_iter().map(Row::Entity));
    }
    rows
}

/// The earlier full citation a back-reference is folded into; `None`
/// for anything else (a back-reference that leads to no citation stays a
/// row of its own).
pub fn folded_into(ds: Lookup<'_>, n: u32) -> Option<u32> {
    match (&ds.footnote(n)?.body, ds.resolve(n)?) {
        (FootnoteBody::Backref { .. }, Resolution::SameAs { number, .. }) => Some(number),
        _ => None,
    }
}

/// The outlet a source row is grouped under, or the group of a note or
/// an unresolved reference.
fn outlet_group(ds: Lookup<'_>, n: u32) -> (u8, String) {
    match ds.resolve(n) {
        Some(Resolution::Citation(c) | Resolution::SameAs { citation: c, .. }) => {
            (0, c.outlet.trim().to_string())
        }
        Some(Resolution::Note { .. }) => (1, "Notes (not sources)".to_string()),
        _ => (2, "Unresolved (no full citation)".to_string()),
    }
}

/// Sources: every footnote not folded into an earlier citation, in
/// number order, or under a heading per outlet (notes and unresolved
/// references last).
pub fn sources(ds: Lookup<'_>, by_outlet: bool) -> Vec<Row> {
    let mut numbers: Vec<u32> = ds
        .footnotes
        .iter()
        .map(|f| f.number)
        .filter(|&n| folded_into(ds, n).is_none())
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    if !by_outlet {
        return numbers.into_iter().map(Row::Source).collect();
    }
    let mut keyed: Vec<((u8, String), u32)> = numbers.into_iter().map(|n| (outlet_group(ds, n), n)).collect();
    // Outlets spelled alike but for case sort together, yet each spelling
    // stays one run, so that every group gets one heading.
    keyed.sort_by_cached_key(|((rank, outlet), n)| (*rank, outlet.to_lowercase(), outlet.clone(), *n));
    let mut rows = Vec::new();
    for run in keyed.chunk_by(|(a, _), (b, _)| a == b) {
        let name = SafeText::new(&run[0].0.1);
        let count = run.len();
        rows.push(Row::Heading(safe_format!("{name} ({count})", name, count)));
        rows.extend(run.iter().map(|&(_, n)| Row::Source(n)));
    }
    rows
}

/// Figures: every figure of every event, events in date order.
pub fn figures(ds: &Dataset, by_date: &[usize]) -> Vec<Row> {
    by_date
        .iter()
        .flat_map(|&event| (0..ds.events[event].figures.len()).map(move |index| Row::Figure { event, index }))
        .collect()
}
