//! Issue 15 3k: the keys a terminal reader expects: h/l and ←/→ between
//! panes, Space and Ctrl-F paging, `:q`, `G` in help, a message log.

use super::*;

#[test]
fn h_l_and_the_arrows_switch_panes() {
    let mut app = app();
    keys(&mut app, "1");
    assert_eq!(app.focus, Focus::List);
    keys(&mut app, "l");
    assert_eq!(app.focus, Focus::Detail);
    keys(&mut app, "h");
    assert_eq!(app.focus, Focus::List);
    keys(&mut app, "<Right>");
    assert_eq!(app.focus, Focus::Detail);
    keys(&mut app, "<Left>");
    assert_eq!(app.focus, Focus::List);
    // The Overview has one pane: nothing to switch to.
    keys(&mut app, "Ol");
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn space_and_ctrl_f_page_down_and_b_and_ctrl_b_page_back() {
    let mut app = embedded();
    app.set_area(Rect::new(0, 0, 100, 16));
    keys(&mut app, "T");
    let top = app.pane().unwrap().selected;
    keys(&mut app, " ");
    let paged = app.pane().unwrap().selected;
    assert!(paged > top + 3, "Space pages: {top} → {paged}");
    keys(&mut app, "<C-f>");
    let again = app.pane().unwrap().selected;
    assert!(again > paged + 3, "Ctrl-F pages: {paged} → {again}");
    keys(&mut app, "b");
    assert!(app.pane().unwrap().selected < again);
    keys(&mut app, "<C-b>");
    assert!(app.pane().unwrap().selected <= paged);
}

#[test]
fn colon_q_quits_and_colon_digits_still_open_footnotes() {
    let mut app = app();
    assert_eq!(keys(&mut app, ":q<Enter>"), [Effect::Quit]);
    let mut app = self::app();
    assert_eq!(keys(&mut app, ":26<Enter>"), []);
    assert_eq!(app.popups.last(), Some(&Popup::Footnote(26)));
}

#[test]
fn g_and_shift_g_move_through_help() {
    let mut app = embedded();
    app.set_area(Rect::new(0, 0, 60, 14));
    keys(&mut app, "?G");
    let Some(Popup::Help { scroll }) = app.popups.last().copied() else {
        panic!("help is open")
    };
    assert!(scroll > 10, "G goes to the end of the key table: {scroll}");
    keys(&mut app, "g");
    assert_eq!(app.popups.last(), Some(&Popup::Help { scroll: 0 }));
}

#[test]
fn status_messages_are_kept_in_a_log_that_m_opens() {
    let mut app = app();
    keys(&mut app, "9");
    let first = app.status.clone().expect("no tab 9");
    keys(&mut app, "1n");
    let second = app.status.clone().expect("no search yet");
    assert_eq!(app.messages, [first, second]);
    keys(&mut app, "M");
    assert!(matches!(app.popups.last(), Some(Popup::Messages { .. })));
    keys(&mut app, "<Esc>");
    assert!(app.popups.is_empty());
    assert!(
        crate::app::keymap::table()
            .iter()
            .any(|b| b.action == Action::Messages)
    );
}
