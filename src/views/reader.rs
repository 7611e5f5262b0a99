//! The Reader: the whole dossier as one document, read straight through,
//! its footnote markers selectable and its words findable. What it reads
//! is built in [`crate::app::reader`]; this is the view.

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;

use super::{Shape, Spec, View, opened_by, page_frame};
use crate::app::keymap::{Context, bind, ch, code, ctrl};
use crate::app::layout::ScreenLayout;
use crate::app::{Action, App};
use crate::safe_format;
use crate::sanitize::SafeText;
use crate::ui::text;

const HERE: Context = Context::View(View::Reader);

pub static SPEC: Spec = Spec {
    id: "reader",
    title: "Reader",
    short: "Reader",
    abbreviation: "Read",
    go: opened_by(
        &[ch('r')],
        "r",
        View::Reader,
        "the Reader: the whole dossier as one document",
    ),
    section: "Reader (r)",
    keys: &[
        bind(
            HERE,
            &[code(KeyCode::Tab), ch(']')],
            "Tab/]",
            Action::NextMarker,
            "next footnote marker",
            Some("marker"),
        ),
        bind(
            HERE,
            &[code(KeyCode::BackTab), ch('[')],
            "Shift-Tab/[",
            Action::PrevMarker,
            "previous footnote marker",
            None,
        ),
        bind(
            HERE,
            &[code(KeyCode::Enter)],
            "Enter",
            Action::Open,
            "open the selected footnote",
            Some("footnote"),
        ),
        bind(
            HERE,
            &[ch('/')],
            "/",
            Action::StartSearch,
            "find words in the text",
            Some("find"),
        ),
        bind(
            HERE,
            &[ch('n')],
            "n",
            Action::NextHit,
            "next paragraph with the words found",
            None,
        ),
        bind(
            HERE,
            &[ch('N')],
            "N",
            Action::PrevHit,
            "previous paragraph with the words found",
            None,
        ),
        bind(
            HERE,
            &[ch('0'), ctrl('t')],
            "0/Ctrl-T",
            Action::PickTab,
            "go to a section: type part of its name",
            Some("sections"),
        ),
        bind(
            HERE,
            &[ch('y')],
            "y",
            Action::CopyUrl,
            "copy the original article's URL (OSC 52)",
            None,
        ),
        bind(
            HERE,
            &[ch('o')],
            "o",
            Action::OpenUrl,
            "open the original article in the browser",
            None,
        ),
        bind(
            HERE,
            &[code(KeyCode::Esc)],
            "Esc",
            Action::Back,
            "clear what was found",
            None,
        ),
    ],
    detail: false,
    shape: Shape::Page,
    rows: None,
    open: |_| {},
    act: App::reader_action,
    scroll: Some((|app| app.reader.scroll, set_scroll)),
    draw,
};

/// Scrolls to `scroll`, within the document.
fn set_scroll(app: &mut App, scroll: usize) {
    app.reader.scroll = scroll;
    app.clamp_reader_scroll();
}

/// Draws the reader's document in the whole body, its title saying where
/// in the dossier the screen is.
fn draw(frame: &mut Frame, app: &App, l: &ScreenLayout) {
    let inner = l.detail_inner();
    let reading = app.reading();
    let rows = reading.doc.rows.len().max(1);
    let percent = (app.reader.scroll + usize::from(inner.height)).min(rows) * 100 / rows;
    let title = match &app.reader.find {
        Some(words) => safe_format!(
            " Reader · {percent}% · “{w}”: {n} ",
            percent,
            w = SafeText::new(words),
            n = reading.hits.len()
        ),
        None => safe_format!(" Reader · {percent}% ", percent),
    };
    page_frame(frame, app, l, title);
    text::draw_doc(
        frame,
        &reading.doc,
        app.reader.scroll,
        inner,
        app.theme,
        app.reader.marker,
    );
}
