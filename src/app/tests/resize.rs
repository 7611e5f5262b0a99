//! Issue 15 3b: a scroll kept from a smaller terminal left the panes
//! blank after the terminal grew. Every pane is clamped to its extent.

use super::*;

/// How far the detail pane on screen can scroll at the current size.
fn max_scroll(app: &App) -> usize {
    let height = usize::from(app.layout().detail_inner().height);
    let rows = if app.view == View::Overview {
        app.overview_doc().rows.len()
    } else {
        app.detail_doc().map_or(0, |d| d.rows.len())
    };
    rows.saturating_sub(height)
}

fn scroll(app: &App) -> usize {
    if app.view == View::Overview {
        app.overview_scroll
    } else {
        app.pane().map_or(0, |p| p.scroll)
    }
}

const SMALL: Rect = Rect::new(0, 0, 100, 14);
const LARGE: Rect = Rect::new(0, 0, 100, 80);

#[test]
fn the_overview_scrolled_to_the_end_is_clamped_when_the_terminal_grows() {
    let mut app = embedded();
    app.set_area(SMALL);
    keys(&mut app, "OG");
    assert!(app.overview_scroll > 0, "the Overview is longer than 12 rows");
    app.set_area(LARGE);
    assert!(
        app.overview_scroll <= max_scroll(&app),
        "{} > {}",
        app.overview_scroll,
        max_scroll(&app)
    );
}

#[test]
fn every_pane_scrolled_in_a_small_terminal_is_within_its_extent_after_it_grows() {
    // Each view's detail, scrolled to its end, then the terminal grows
    // while another view is on screen; coming back shows no blank rows.
    for (go, label) in [
        ("1<Enter>", "Political"),
        ("TG<Enter>", "Timeline"),
        ("P<Enter>", "People"),
        ("S<Enter>", "Sources"),
        ("F<Enter>", "Figures"),
        ("O", "Overview"),
    ] {
        let mut app = embedded();
        app.set_area(SMALL);
        keys(&mut app, go);
        if app.view != View::Overview {
            app.focus = Focus::Detail;
        }
        keys(&mut app, "G");
        let scrolled = scroll(&app);
        assert!(scrolled > 0 || max_scroll(&app) == 0, "{label}: G scrolls");
        let view = app.view;
        keys(&mut app, if view == View::Overview { "1" } else { "O" });
        app.set_area(LARGE);
        app.go_view(view);
        if app.view != View::Overview {
            app.focus = Focus::Detail;
        }
        assert!(
            scroll(&app) <= max_scroll(&app),
            "{label}: {} > {}",
            scroll(&app),
            max_scroll(&app)
        );
    }
}

#[test]
fn help_and_search_results_are_clamped_when_the_terminal_grows() {
    let mut app = embedded();
    app.set_area(Rect::new(0, 0, 60, 12));
    keys(&mut app, "?");
    for _ in 0..20 {
        keys(&mut app, "<PgDn>");
    }
    let Some(Popup::Help { scroll: before }) = app.popups.last().copied() else {
        panic!("help is open")
    };
    assert!(before > 0);
    app.set_area(Rect::new(0, 0, 200, 100));
    let Some(Popup::Help { scroll: after }) = app.popups.last().copied() else {
        panic!("help is open")
    };
    assert_eq!(after, 0, "the whole key table fits at 200×100");

    let mut app = embedded();
    app.set_area(SMALL);
    keys(&mut app, "/erdogan");
    if let Mode::Search(s) = &mut app.mode {
        s.pane.scroll = 10_000;
    }
    app.set_area(LARGE);
    assert!(scroll(&app) <= max_scroll(&app));
}
