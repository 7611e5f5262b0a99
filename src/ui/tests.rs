//! Whole frames drawn on a test backend, checked for what must (not)
//! appear; the layouts themselves are in the insta snapshots.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use crate::app::{App, Theme};

/// The embedded dossier at `width`×`height`.
pub(super) fn app(width: u16, height: u16) -> App {
    let mut app = App::new(crate::data::embedded(), Theme::default());
    app.set_area(Rect::new(0, 0, width, height));
    app
}

/// Presses each character of `keys`.
pub(super) fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    }
}

/// The frame's rows as text.
pub(crate) fn screen(app: &App) -> Vec<String> {
    let area = app.area;
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).expect("test backend");
    terminal.draw(|f| super::draw(f, app)).expect("draws");
    let buffer = terminal.backend().buffer();
    (0..area.height)
        .map(|y| (0..area.width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

/// Issue 15 3d: at 60 columns the footnote popup's hints were cut at the
/// left, leaving "└opy URL".
#[test]
fn popup_hints_drop_whole_hints_and_keep_the_corner() {
    for width in [40, 50, 60, 70, 80] {
        for script in [":1\n", "?", "m\n'"] {
            let mut app = app(width, 24);
            press(&mut app, script);
            let rows = screen(&app);
            let popup = *app.layout().popups.last().expect("a popup is open");
            let bottom: String = rows[usize::from(popup.bottom() - 1)]
                .chars()
                .skip(usize::from(popup.x))
                .take(usize::from(popup.width))
                .collect();
            let start: String = bottom.chars().take(3).collect();
            assert_eq!(start, "└──", "{script:?} at {width}: {bottom}");
            assert!(!bottom.contains(" opy") && !bottom.contains("└o"), "{bottom}");
        }
    }
}

/// Issue 15 3g: the count read "1 results".
#[test]
fn one_result_is_counted_in_the_singular() {
    let mut app = app(120, 30);
    let title = app.records[0].title.clone();
    press(&mut app, "/");
    for c in format!("\"{title}\"").chars() {
        press(&mut app, &c.to_string());
    }
    let crate::app::Mode::Search(state) = &app.mode else {
        panic!("search is open")
    };
    assert_eq!(state.total, 1, "the first event's title is unique");
    let rows = screen(&app);
    let status = rows.last().unwrap();
    assert!(status.contains(" 1 result "), "{status}");
}

/// Issue 15 3i: planned events were marked only in the Timeline; a
/// content tab's list now marks them the same way.
#[test]
fn planned_events_are_marked_in_the_content_tabs() {
    let mut app = app(120, 40);
    press(&mut app, "1");
    let rows = screen(&app);
    let planned = "Next strategic council session due in Turkey";
    let row = rows
        .iter()
        .find(|r| r.contains(planned))
        .unwrap_or_else(|| panic!("the planned event is listed\n{}", rows.join("\n")));
    assert!(row.contains("○ Next strategic"), "{row}");
    let happened = rows
        .iter()
        .find(|r| r.contains("Erdoğan's visit to Kazakhstan"))
        .unwrap();
    assert!(
        !happened.contains("○") && !happened.contains("planned"),
        "{happened}"
    );
    assert!(rows[1].contains("1 planned"), "{}", rows[1]);
}

/// The Figures view of `app` as text.
fn figures(mut app: App) -> Vec<String> {
    press(&mut app, "F");
    screen(&app)
}

/// Issue 15 3c: a value cut by its column ran into the measure after it
/// ("about 13,000 students students enrolled").
#[test]
fn figure_values_are_whole_and_do_not_repeat_the_measure() {
    for width in [60, 80, 120] {
        let mut app = app(width, 60);
        press(&mut app, "Fjjjjjjjjjjjjjjjjjjjjjjjjjjjjj");
        let rows = screen(&app);
        let row = rows
            .iter()
            .find(|r| r.contains("about 13,000 "))
            .unwrap_or_else(|| panic!("at {width}: the students' figure\n{}", rows.join("\n")));
        assert!(!row.contains("students students"), "{row}");
        assert!(
            row.contains("about 13,000  "),
            "at {width}: the value stands alone: {row}"
        );
        assert!(rows.iter().any(|r| r.contains("1 factory ")), "at {width}");
        assert!(rows.iter().any(|r| r.contains("rank 2 ")), "at {width}");
    }
}

/// Issue 15 3c: the chart used about 40% of the width and had no scale.
#[test]
fn the_chart_spans_the_width_with_a_y_axis() {
    let app = app(120, 40);
    let rows = figures(app);
    let chart: Vec<&String> = rows[2..14].iter().collect();
    let used = |r: &String| r.trim_end_matches(['│', ' ']).chars().count();
    let widest = chart.iter().map(|r| used(r)).max().unwrap();
    assert!(
        widest > 100,
        "bars reach {widest} of 120 columns\n{}",
        rows.join("\n")
    );
    assert!(chart[0].contains("$10bn┤"), "the top of the scale: {}", chart[0]);
    assert!(chart.iter().any(|r| r.contains("0┤")), "zero on the scale");
}

/// Issue 15 3c: with thousands of dated figures the year labels were cut
/// to one character; now the most recent bars that fit are shown whole.
#[test]
fn many_years_show_whole_year_labels_and_say_how_many_are_shown() {
    let mut ds = crate::data::embedded();
    let template = ds
        .events
        .iter()
        .flat_map(|e| &e.figures)
        .find(|f| f.year.is_some() && f.measure == "bilateral trade volume")
        .unwrap()
        .clone();
    for (i, event) in ds.events.iter_mut().enumerate() {
        for k in 0..3 {
            let mut f = template.clone();
            f.year = Some(1800 + i32::try_from(i * 3 + k).unwrap());
            f.value = 1e9 + i as f64 * 1e7;
            event.figures.push(f);
        }
    }
    let mut app = App::new(ds, Theme::default());
    app.set_area(Rect::new(0, 0, 120, 40));
    let rows = figures(app);
    let labels = rows.iter().find(|r| r.contains("target")).expect("the label row");
    for word in labels.trim_matches(['│', ' ']).split_whitespace() {
        assert!(
            word == "target" || (word.len() == 4 && word.parse::<i32>().is_ok()),
            "{word:?} in {labels}"
        );
    }
    assert!(rows[1].contains("the last "), "{}", rows[1]);
}

/// Types `query` after `/`.
fn search(app: &mut App, query: &str) {
    press(app, "/");
    for c in query.chars() {
        press(app, &c.to_string());
    }
}

/// Issue 15 3h: the selected result's colour covered its match marks.
#[test]
fn the_selected_result_keeps_its_match_highlight() {
    let mut app = app(120, 40);
    search(&mut app, "erdogan");
    let area = app.area;
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
    terminal.draw(|f| super::draw(f, &app)).unwrap();
    let buffer = terminal.backend().buffer();
    let list = app.layout().list_inner();
    let selected_row = list.y + u16::try_from(app.pane().unwrap().selected).unwrap();
    let highlight = super::theme::role(app.theme, crate::app::doc::Role::Highlight, false);
    let marked = (list.x..list.right()).any(|x| buffer[(x, selected_row)].bg == highlight.bg.unwrap());
    assert!(marked, "a match mark on the selected row");
    let selected = super::theme::selected_row(app.theme, true);
    assert_eq!(
        buffer[(list.x + 3, selected_row)].bg,
        selected.bg.unwrap(),
        "the row is still selected"
    );
}

/// Issue 15 3h: a hit through an actor's name said nothing of it.
#[test]
fn a_match_in_an_actor_name_says_which_actor() {
    let mut app = app(160, 40);
    search(&mut app, "recep");
    let rows = screen(&app);
    assert!(
        rows.iter()
            .any(|r| r.contains("· via actor: Recep Tayyip Erdoğan")),
        "{}",
        rows.join("\n")
    );
}

/// The loading screen counts events, says how to give up, and shows a
/// hostile file name with its escapes visible; a name wider than the
/// screen is cut with `…`, never past the border.
#[test]
fn the_loading_screen_counts_and_escapes_the_name() {
    use crate::progress::{Snapshot, Stage};
    let draw = |name: &str, width: u16| -> Vec<String> {
        let mut terminal = Terminal::new(TestBackend::new(width, 24)).expect("test backend");
        let name = crate::sanitize::SafeText::path(std::path::Path::new(name));
        let progress = Snapshot {
            stage: Stage::Parsing,
            events: 412_345,
        };
        terminal
            .draw(|f| super::loading::draw(f, &name, progress, std::time::Duration::from_millis(1500)))
            .expect("draws");
        let buffer = terminal.backend().buffer();
        (0..24)
            .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect())
            .collect()
    };
    let text = draw("big.json", 80).join("\n");
    assert!(text.contains("Opening big.json"), "{text}");
    assert!(text.contains("412,345 events read…"), "{text}");
    assert!(text.contains("1.5 s · q or Ctrl-C gives up"), "{text}");
    let text = draw("evil\x1b]0;pwned\x07.json", 80).join("\n");
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
    assert!(text.contains("evil"), "{text}");
    let rows = draw(&format!("/{}/x.json", "d".repeat(200)), 60);
    let name_row = rows
        .iter()
        .find(|r| r.contains("Opening"))
        .expect("the name's row");
    assert!(name_row.trim_end().ends_with("…│"), "{name_row}");
}

/// The Overview drawn with `hyperlinks` on or off:
/// every cell with an escape in it, as `(x, symbol, diff option)`, and
/// how many cells are skipped.
fn linked_cells(hyperlinks: bool) -> (Vec<(u16, String, ratatui::buffer::CellDiffOption)>, usize) {
    let mut app = App::new(
        crate::data::embedded(),
        Theme {
            hyperlinks,
            ..Theme::default()
        },
    );
    app.set_area(Rect::new(0, 0, 120, 30));
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).expect("test backend");
    // The frame as drawn: the backend receives only the cells not skipped.
    let frame = terminal.draw(|f| super::draw(f, &app)).expect("draws");
    let buffer = frame.buffer;
    let linked = buffer
        .content
        .iter()
        .enumerate()
        .filter(|(_, c)| c.symbol().contains('\u{1b}'))
        .map(|(i, c)| ((i % 120) as u16, c.symbol().to_string(), c.diff_option))
        .collect();
    let skipped = (buffer.content.iter())
        .filter(|c| c.diff_option == ratatui::buffer::CellDiffOption::Skip)
        .count();
    (linked, skipped)
}

#[test]
fn urls_are_osc8_links_only_when_asked_and_keep_their_width() {
    let url = crate::data::embedded().document.url.expect("the original's URL");
    assert_eq!(linked_cells(false), (vec![], 0), "plain text: no escape drawn");
    let (linked, skipped) = linked_cells(true);
    let [(_, symbol, option)] = linked.as_slice() else {
        panic!("one link expected: {linked:?}");
    };
    assert_eq!(*symbol, format!("\u{1b}]8;;{url}\u{1b}\\{url}\u{1b}]8;;\u{1b}\\"));
    let width = u16::try_from(url.len()).unwrap();
    assert_eq!(
        *option,
        ratatui::buffer::CellDiffOption::ForcedWidth(std::num::NonZeroU16::new(width).unwrap())
    );
    assert_eq!(
        skipped,
        url.len() - 1,
        "the cells the link covers are not drawn again"
    );
}

#[test]
fn a_link_target_is_a_parsed_url_of_printable_ascii_or_none() {
    use super::text::hyperlink_target;
    assert_eq!(
        hyperlink_target("https://example.org/a b").as_deref(),
        None,
        "not a URL a dataset may hold"
    );
    for hostile in [
        "https://x.example/\u{1b}]8;;https://evil.example\u{7}",
        "https://x.example/\u{7}",
        "javascript:alert(1)",
        "https://x.example/\\u{1b}",
    ] {
        assert_eq!(hyperlink_target(hostile), None, "{hostile:?}");
    }
    assert_eq!(
        hyperlink_target("https://аpple.com/é").as_deref(),
        Some("https://xn--pple-43d.com/%C3%A9")
    );
}

/// Text cut to a width ends in `…` and never passes it; wide characters
/// are measured as drawn.
#[test]
fn fit_cuts_to_the_width_with_an_ellipsis() {
    use super::text::fit;
    use crate::sanitize::SafeText;
    let fit = |text: &str, width: usize| fit(SafeText::new(text), width).as_str().to_string();
    assert_eq!(fit("Astana", 6), "Astana");
    assert_eq!(fit("Astana", 5), "Asta…");
    assert_eq!(fit("Astana", 1), "…");
    assert_eq!(fit("Astana", 0), "");
    assert_eq!(fit("東京都庁", 5), "東京…");
}

/// At 60 columns a bookmark's note shares its row with the title: both
/// cut with `…`, neither lost past the border.
#[test]
fn a_bookmark_note_stays_visible_on_a_narrow_screen() {
    let mut app = app(60, 20);
    press(&mut app, "1mfirst recognition of the republics\n'");
    let rows = screen(&app);
    let row = rows
        .iter()
        .find(|r| r.contains("P 1991"))
        .expect("the bookmark's row");
    assert!(row.contains("— first recognition"), "{row}");
    assert!(row.contains("Turkey first to…") || row.contains("… —"), "{row}");
}

/// Issue 13 item 4: one function decides the layer on top, and the keys,
/// the key contexts, the cursor and the focused border all follow it. Each
/// step stacks a layer on the last; the keys that follow must reach it.
#[test]
fn the_layer_on_top_takes_the_keys_the_cursor_and_the_focus() {
    use crate::app::keymap::Context;
    use crate::app::{Focus, Layer, Popup, View};
    let cursor = |app: &App| {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
        terminal.draw(|f| super::draw(f, app)).expect("draws");
        terminal.get_cursor_position().expect("cursor")
    };
    let mut app = app(120, 40);
    press(&mut app, "1\n");
    let layout = app.layout();
    assert_eq!(
        app.layer(),
        Layer::View {
            view: View::Tab(0),
            detail: true
        }
    );
    assert_eq!(app.contexts()[..2], [Context::Always, Context::Detail]);
    assert_eq!(app.focused_pane(), Some(Focus::Detail));
    assert!(layout.detail_inner().contains(cursor(&app)));

    // A search over the detail: typing goes into the query, and the
    // cursor follows what is typed.
    press(&mut app, "/erd");
    assert_eq!(app.layer(), Layer::Search);
    assert_eq!(app.contexts(), [Context::Always, Context::Search]);
    assert_eq!(app.focused_pane(), None);
    let query = app.layout().query;
    assert_eq!(cursor(&app).y, query.y);
    let typed = cursor(&app).x;
    press(&mut app, "o");
    assert_eq!(cursor(&app).x, typed + 1, "the cursor moves with the typing");

    // A footnote popup over the search: `j` is no longer typed.
    app.popups.push(Popup::Footnote(1));
    assert_eq!(app.layer(), Layer::Popup(Popup::Footnote(1)));
    assert_eq!(app.contexts(), [Context::Always, Context::Footnote]);
    press(&mut app, "j");
    match &app.mode {
        crate::app::Mode::Search(s) => assert_eq!(s.input, "erdo"),
        _ => panic!("the search stays open under the popup"),
    }
    let popup = *app.layout().popups.last().expect("the popup is laid out");
    assert!(popup.contains(cursor(&app)));
    // Esc closes the popup, not the search under it.
    app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert_eq!(app.layer(), Layer::Search);
}
