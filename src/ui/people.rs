//! People & Orgs: entities grouped by kind, each with how many events
//! mention it; the detail pane shows one in full.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::list::{draw_rows, heading};
use super::text::{plain, span};
use super::theme;
use crate::app::doc::Role;
use crate::app::{App, Row};
use crate::safe_format;
use crate::sanitize::SafeText;

/// Draws the entity list in `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let title = safe_format!(" People & Orgs · {n} ", n = app.dataset.entities.len());
    let inner_width = area.width.saturating_sub(2);
    draw_rows(frame, app, area, title, |_, row| match row {
        Row::Heading(text) => heading(app, SafeText::default(), text, inner_width),
        Row::Entity(i) => {
            let entity = &app.dataset.entities[*i];
            let count = app.links().mentions(*i).len();
            Line::from(vec![
                plain(safe_format!("  {name}", name = SafeText::new(&entity.name))),
                span(
                    safe_format!(" · {count}", count),
                    theme::role(app.theme, Role::Dim, false),
                ),
            ])
        }
        _ => Line::default(),
    });
}
