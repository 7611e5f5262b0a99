//! Sources: every footnote in order (or by outlet with `s`), each
//! back-reference folded into the citation it repeats, unresolved notes
//! flagged; the detail pane shows one in full with the events citing it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::list::{draw_rows, heading};
use super::text::{plain, span};
use super::theme;
use crate::app::doc::Role;
use crate::app::pages::numbers;
use crate::app::{App, Row};
use crate::model::Resolution;
use crate::safe_format;
use crate::sanitize::SafeText;

/// Draws the source list in `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
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
