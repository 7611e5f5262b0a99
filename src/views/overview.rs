//! The Overview: the document and what each of its tabs holds, one page.

use ratatui::Frame;

use super::{Shape, Spec, View, opened_by, page_frame};
use crate::app::keymap::{Context, bind, ch};
use crate::app::layout::ScreenLayout;
use crate::app::{Action, App, Effect};
use crate::sanitize::SafeText;
use crate::ui::text;

const HERE: Context = Context::View(View::Overview);

pub static SPEC: Spec = Spec {
    id: "overview",
    title: "Overview",
    short: "Overview",
    abbreviation: "Over",
    go: opened_by(&[ch('O')], "O", View::Overview, "the Overview"),
    section: "Overview (O)",
    keys: &[
        bind(
            HERE,
            &[ch('y')],
            "y",
            Action::CopyUrl,
            "copy the original article's URL (OSC 52)",
            Some("copy URL"),
        ),
        bind(
            HERE,
            &[ch('o')],
            "o",
            Action::OpenUrl,
            "open the original article in the browser",
            Some("open URL"),
        ),
    ],
    detail: false,
    shape: Shape::Page,
    rows: None,
    open: |_| {},
    act,
    scroll: Some((|app| app.overview_scroll, set_scroll)),
    draw,
};

fn act(app: &mut App, action: Action) -> Option<Option<Effect>> {
    match action {
        Action::Down | Action::Up | Action::PageDown | Action::PageUp | Action::Top | Action::Bottom => {
            let (height, max) = extent(app);
            let page = height.saturating_sub(1).max(1);
            app.overview_scroll = crate::app::step(action, app.overview_scroll, page, max);
            Some(None)
        }
        Action::CopyUrl | Action::OpenUrl => Some(app.document_url_effect(action == Action::OpenUrl)),
        _ => None,
    }
}

/// Rows on screen, and how far the page scrolls.
fn extent(app: &App) -> (usize, usize) {
    let height = usize::from(app.layout().detail_inner().height).max(1);
    (height, app.overview_doc().rows.len().saturating_sub(height))
}

fn set_scroll(app: &mut App, scroll: usize) {
    app.overview_scroll = scroll.min(extent(app).1);
}

/// Draws the overview in the body, scrolled by the state.
fn draw(frame: &mut Frame, app: &App, l: &ScreenLayout) {
    let inner = page_frame(frame, app, l, SafeText::lit(" Overview "));
    let doc = app.overview_doc();
    text::draw_doc(frame, &doc, app.overview_scroll, inner, app.theme, None);
}
