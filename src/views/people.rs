//! People & Orgs: entities grouped by kind, each with how many events
//! mention it; the detail pane shows one in full.

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::text::Line;

use super::{Listing, Shape, Spec, View, common, open_first_link, opened_by};
use crate::app::Row;
use crate::app::doc::Role;
use crate::app::keymap::{Context, bind, ch, code};
use crate::app::layout::ScreenLayout;
use crate::app::rows::kind_heading;
use crate::app::{Action, App};
use crate::model::{Dataset, EntityKind};
use crate::safe_format;
use crate::sanitize::SafeText;
use crate::ui::list::{draw_rows, heading};
use crate::ui::text::{plain, span};
use crate::ui::theme;

pub static SPEC: Spec = Spec {
    id: "people",
    title: "People & Orgs",
    short: "People",
    abbreviation: "Ppl",
    go: opened_by(&[ch('P')], "P", View::People, "People & Orgs"),
    section: "People & Orgs (P)",
    keys: &[bind(
        Context::View(View::People),
        &[code(KeyCode::Enter)],
        "Enter",
        Action::Open,
        "list the events that mention it",
        Some("events"),
    )],
    detail: true,
    shape: Shape::List { wide: false },
    rows: Some(|app| Listing {
        rows: rows(&app.dataset),
        ..Listing::default()
    }),
    open: |app| open_first_link(app, "no event mentions it"),
    act: common,
    scroll: None,
    draw,
};

/// Draws the entity list where the layout puts the list.
fn draw(frame: &mut Frame, app: &App, l: &ScreenLayout) {
    let area = l.list;
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
fn rows(ds: &Dataset) -> Vec<Row> {
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
