//! Escape-sequence injection, end to end: the real binary shows
//! tests/fixtures/hostile.json in a real terminal (tmux) while it is walked
//! through every screen, and after each step the screen must be intact:
//! the tab bar on the first row, the status line on the last, still on the
//! alternate screen with mouse reporting on, the pane's title and the
//! clipboard (tmux's paste buffers, OSC 52 allowed) untouched, and the
//! hostile text shown as visible `\u{1b}` escapes.
//!
//! Skipped, with the reason printed, where `tmux` is not installed.

mod common;

use common::{BIN, Tmux, tmux_missing};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile.json");
const WIDTH: usize = 160;
const HEIGHT: usize = 45;

/// A session where applications may write the clipboard (OSC 52 becomes a
/// paste buffer), so a leaked OSC 52 would show up in `list-buffers`.
fn start(test: &str) -> Tmux {
    let tmux = Tmux::start(&format!("hostile-{test}"), WIDTH, HEIGHT);
    tmux.run(&["set-option", "-g", "set-clipboard", "on"]);
    tmux
}

/// The browser's frame is whole: tab bar on the first row, a status line
/// (with its `│` separators) on the last, nothing scrolled or cleared.
fn frame_intact(screen: &str) -> bool {
    let rows: Vec<&str> = screen.lines().collect();
    rows.len() >= HEIGHT
        && rows[0].trim_start().starts_with("1 Overview")
        && rows[0].contains("2 Political")
        && rows[HEIGHT - 1].starts_with(' ')
        && rows[HEIGHT - 1].contains('│')
}

#[test]
fn hostile_dataset_leaves_the_terminal_intact() {
    if tmux_missing() {
        return;
    }
    let t = start("walk");
    let title = t.format("#{pane_title}");
    // Reading position and bookmarks go to a directory of the test's own.
    let state = tempfile::tempdir().unwrap();
    t.text(&format!(
        "DOSSIER_STATE_DIR={} {BIN} --data {FIXTURE}",
        state.path().display()
    ));
    t.keys(&["Enter"]);
    t.wait_for("the browser", frame_intact);

    // Each step: keys, then what the screen must show once they are read.
    let steps: &[(&str, &str)] = &[
        ("", "Hostile dossier\\u{1b}]52;c;"),
        ("j", "Hostile dossier"),
        ("G", "Conclusion\\u{d}overwrite"),
        ("2", "Title1\\u{b}\\u{c}\\u{1c}"),
        ("\r", "Summary2\\u{9b}31m"),
        ("\t", "Summary2"),
        ("\x1b", "Title2\\u{7}"),
        ("3", "Title3\\u{d}overwrite"),
        ("4", "Title4"),
        ("5", "Title5"),
        ("6", "Title6"),
        ("7", "Mallory\\u{1b}]52;c;"),
        ("\r", "Mallory"),
        ("8", "Cited title"),
        ("s", "Outlet\\u{d}overwrite"),
        ("9", "USD"),
        ("/title", "Title1"),
        ("\x1b", "Every figure"),
        (":1\r", "Footnote 1"),
        ("\x1b", "Every figure"),
        (":4\r", "Unresolved\\u{1b}[?1049l"),
        ("\x1b", "Every figure"),
        ("?", "search all tabs"),
        ("\x1b", "Every figure"),
        ("1", "Hostile dossier"),
    ];
    let mut saw_escapes = false;
    for (keys, expected) in steps {
        for key in keys.chars() {
            match key {
                '\r' => t.keys(&["Enter"]),
                '\t' => t.keys(&["Tab"]),
                '\x1b' => t.keys(&["Escape"]),
                c => t.text(&c.to_string()),
            }
        }
        let screen = t.wait_for(&format!("{expected:?} after {keys:?}"), |s| {
            frame_intact(s) && s.contains(expected)
        });
        saw_escapes |= screen.contains("\\u{1b}");
        // 1: alternate screen; SGR mouse reporting still on.
        let modes = t.format("#{alternate_on}#{mouse_sgr_flag}");
        assert_eq!(modes, "11", "after {keys:?}: alternate screen, SGR mouse");
        assert_eq!(
            t.format("#{pane_title}"),
            title,
            "after {keys:?}: the pane title changed"
        );
        assert_eq!(
            t.run(&["list-buffers"]),
            "",
            "after {keys:?}: something wrote the clipboard"
        );
    }
    assert!(saw_escapes, "the hostile text was never on screen");

    t.text("q");
    t.wait_for("the shell", |s| !s.contains("2 Political") && s.contains('$'));
    assert_eq!(t.format("#{alternate_on}"), "0");
    assert_eq!(t.format("#{pane_title}"), title);
    assert_eq!(t.run(&["list-buffers"]), "");
}
