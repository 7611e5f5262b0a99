//! Sources: every footnote in order (or by outlet with `s`), each
//! back-reference folded into the citation it repeats, unresolved notes
//! flagged; the detail pane shows one in full with the events citing it.

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::text::Line;

use super::{Listing, Shape, Spec, View, open_first_link, opened_by};
use crate::app::doc::Role;
use crate::app::keymap::{Context, bind, ch, code};
use crate::app::layout::ScreenLayout;
use crate::app::pages::numbers;
use crate::app::rows::folded_into;
use crate::app::{Action, App, Effect, Pane, Row};
use crate::lookup::Lookup;
use crate::model::Resolution;
use crate::safe_format;
use crate::sanitize::SafeText;
use crate::ui::list::{draw_rows, heading};
use crate::ui::text::{plain, span};
use crate::ui::theme;

const HERE: Context = Context::View(View::Sources);

pub static SPEC: Spec = Spec {
    id: "sources",
    title: "Sources",
    short: "Sources",
    abbreviation: "Src",
    go: opened_by(&[ch('S')], "S", View::Sources, "Sources"),
    section: "Sources (S)",
    keys: &[
        bind(
            HERE,
            &[code(KeyCode::Enter)],
            "Enter",
            Action::Open,
            "list the events that cite it",
            Some("events"),
        ),
        bind(
            HERE,
            &[ch('s')],
            "s",
            Action::GroupSources,
            "group by outlet / back to note order",
            Some("group"),
        ),
        bind(
            HERE,
            &[ch('y')],
            "y",
            Action::CopyUrl,
            "copy the URL (OSC 52)",
            None,
        ),
        bind(
            HERE,
            &[ch('o')],
            "o",
            Action::OpenUrl,
            "open the URL in the browser",
            None,
        ),
    ],
    detail: true,
    shape: Shape::List { wide: false },
    rows: Some(|app| Listing {
        rows: rows(app.lookup(), app.sources_by_outlet),
        ..Listing::default()
    }),
    open: |app| open_first_link(app, "no event cites it"),
    act,
    scroll: None,
    draw,
};

fn act(app: &mut App, action: Action) -> Option<Option<Effect>> {
    match action {
        Action::GroupSources => {
            app.set_sources_grouping(!app.sources_by_outlet);
            app.status = Some(if app.sources_by_outlet {
                SafeText::lit("sources grouped by outlet")
            } else {
                SafeText::lit("sources in footnote order")
            });
            Some(None)
        }
        Action::CopyUrl | Action::OpenUrl => match app.selected_row() {
            Some(Row::Source(n)) => Some(app.url_effect(*n, action == Action::OpenUrl)),
            _ => Some(None),
        },
        _ => None,
    }
}

impl App {
    /// Regroups Sources, keeping the same source selected.
    pub(crate) fn set_sources_grouping(&mut self, by_outlet: bool) {
        if !self.rows_built(View::Sources) {
            // Built in this grouping when first asked for.
            self.sources_by_outlet = by_outlet;
            return;
        }
        let list = self.slot(View::Sources).unwrap_or(0);
        let chosen = self
            .rows_of(View::Sources)
            .get(self.panes[list].selected)
            .cloned();
        self.sources_by_outlet = by_outlet;
        self.rebuild_rows(View::Sources);
        let regrouped = self.rows_of(View::Sources);
        let at = chosen.and_then(|c| regrouped.iter().position(|r| *r == c));
        let at = at.unwrap_or_else(|| self.snap(View::Sources, 0, true));
        let pane = &mut self.panes[list];
        if pane.selected != at {
            *pane = Pane {
                selected: at,
                ..Pane::default()
            };
        }
        if self.view == View::Sources {
            self.fix_list_offset();
        }
    }
}

/// Draws the source list where the layout puts the list.
fn draw(frame: &mut Frame, app: &App, l: &ScreenLayout) {
    let area = l.list;
    let ds = app.lookup();
    let listed = app.rows_of(app.view).iter().filter(|r| r.selectable()).count();
    let order = SafeText::lit(if app.sources_by_outlet {
        "by outlet"
    } else {
        "in order"
    });
    let title = safe_format!(
        " Sources · {listed} of {notes} notes, {order} ",
        listed,
        notes = ds.footnotes.len(),
        order
    );
    let inner_width = area.width.saturating_sub(2);
    let style = |role| theme::role(app.theme, role, false);
    draw_rows(frame, app, area, title, |_, row| {
        let n = match row {
            Row::Heading(text) => return heading(app, SafeText::default(), text, inner_width),
            Row::Source(n) => *n,
            _ => return Line::default(),
        };
        let indent = SafeText::lit(if app.sources_by_outlet { "  " } else { "" });
        let mut spans = vec![span(safe_format!("{indent}[{n}] ", indent, n), style(Role::Key))];
        match ds.resolve(n) {
            Some(Resolution::Citation(c) | Resolution::SameAs { citation: c, .. }) => {
                if !app.sources_by_outlet {
                    spans.push(plain(safe_format!(
                        "{outlet} ",
                        outlet = SafeText::new(&c.outlet)
                    )));
                }
                let folded = app.links().folded_from(n);
                if !folded.is_empty() {
                    spans.push(span(
                        safe_format!("cited as {numbers} ", numbers = numbers(folded)),
                        style(Role::Dim),
                    ));
                }
                spans.push(span(
                    safe_format!("“{title}”", title = SafeText::new(&c.title)),
                    style(Role::Dim),
                ));
            }
            Some(Resolution::Note { text, .. }) => {
                spans.push(span(SafeText::lit("note: "), style(Role::Dim)));
                spans.push(plain(SafeText::new(text)));
            }
            Some(Resolution::Unresolved { text }) => {
                spans.push(span(SafeText::lit("⚠ unresolved: "), style(Role::Warning)));
                spans.push(plain(SafeText::new(text)));
            }
            None => {}
        }
        Line::from(spans)
    });
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
pub fn rows(ds: Lookup<'_>, by_outlet: bool) -> Vec<Row> {
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
