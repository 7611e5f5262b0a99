//! Sources: every footnote in order (or by outlet with `s`), each
//! back-reference folded into the citation it repeats, unresolved notes
//! flagged; the detail pane shows one in full with the events citing it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::list::{draw_rows, heading};
use super::theme;
use crate::app::doc::Role;
use crate::app::pages::numbers;
use crate::app::{App, Row};
use crate::model::Resolution;
use crate::sanitize::clean;

/// Draws the source list in `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let ds = app.lookup();
    let listed = app.rows_of(app.view).iter().filter(|r| r.selectable()).count();
    let order = if app.sources_by_outlet {
        "by outlet"
    } else {
        "in order"
    };
    let title = format!(" Sources · {listed} of {} notes, {order} ", ds.footnotes.len());
    let inner_width = area.width.saturating_sub(2);
    let style = |role| theme::role(app.theme, role, false);
    draw_rows(frame, app, area, title, |_, row| {
        let n = match row {
            Row::Heading(text) => return heading(app, "", text, inner_width),
            Row::Source(n) => *n,
            _ => return Line::default(),
        };
        let indent = if app.sources_by_outlet { "  " } else { "" };
        let mut spans = vec![Span::styled(format!("{indent}[{n}] "), style(Role::Key))];
        match ds.resolve(n) {
            Some(Resolution::Citation(c) | Resolution::SameAs { citation: c, .. }) => {
                if !app.sources_by_outlet {
                    spans.push(Span::raw(format!("{} ", clean(&c.outlet))));
                }
                let folded = app.links().folded_from(n);
                if !folded.is_empty() {
                    spans.push(Span::styled(
                        format!("cited as {} ", numbers(folded)),
                        style(Role::Dim),
                    ));
                }
                spans.push(Span::styled(format!("“{}”", clean(&c.title)), style(Role::Dim)));
            }
            Some(Resolution::Note { text, .. }) => {
                spans.push(Span::styled("note: ", style(Role::Dim)));
                spans.push(Span::raw(clean(text).into_owned()));
            }
            Some(Resolution::Unresolved { text }) => {
                spans.push(Span::styled("⚠ unresolved: ", style(Role::Warning)));
                spans.push(Span::raw(clean(text).into_owned()));
            }
            None => {}
        }
        Line::from(spans)
    });
}
