//! People & Orgs: entities grouped by kind, each with how many events
//! mention it; the detail pane shows one in full.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::list::{draw_rows, heading};
use super::theme;
use crate::app::doc::Role;
use crate::app::{App, Row};
use crate::sanitize::clean;

/// Draws the entity list in `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let title = format!(" People & Orgs · {} ", app.dataset.entities.len());
    let inner_width = area.width.saturating_sub(2);
    draw_rows(frame, app, area, title, |_, row| match row {
        Row::Heading(text) => heading(app, "", text, inner_width),
        Row::Entity(i) => {
            let entity = &app.dataset.entities[*i];
            let count = app.links().mentions(*i).len();
            Line::from(vec![
                Span::raw(format!("  {}", clean(&entity.name))),
                Span::styled(format!(" · {count}"), theme::role(app.theme, Role::Dim, false)),
            ])
        }
        _ => Line::default(),
    });
}
