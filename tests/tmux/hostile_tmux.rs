//! Escape-sequence injection, end to end: the real binary shows
//! tests/fixtures/hostile.json in a real terminal (tmux) while it is walked
//! through every screen, and after each step the screen must be intact:
//! the tab bar on the first row, the status line on the last, still on the
//! alternate screen with mouse reporting on, the pane's title and the
//! clipboard (tmux's paste buffers, OSC 52 allowed) untouched, and the
//! hostile text shown as visible `\u{1b}` escapes. A second dataset, full
//! of characters terminals and ratatui measure differently, must leave
//! every pane border in its column.
//!
//! Skipped, with the reason printed, where `tmux` is not installed.

use crate::common;

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
        && rows[0].trim_start().starts_with("O Over")
        && rows[0].contains("1 Poli")
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
        ("1", "Title1\\u{b}\\u{c}\\u{1c}"),
        ("\r", "Summary2\\u{9b}31m"),
        ("\t", "Summary2"),
        ("\x1b", "Title2\\u{7}"),
        ("2", "Title3\\u{d}overwrite"),
        ("3", "Title4"),
        ("4", "Title5"),
        ("T", "Title6"),
        ("P", "Mallory\\u{1b}]52;c;"),
        ("\r", "Mallory"),
        ("S", "Cited title"),
        ("s", "Outlet\\u{d}overwrite"),
        ("F", "USD"),
        ("/title", "Title1"),
        ("\x1b", "Every figure"),
        (":1\r", "Footnote 1"),
        ("\x1b", "Every figure"),
        (":4\r", "Unresolved\\u{1b}[?1049l"),
        ("\x1b", "Every figure"),
        ("?", "search all tabs"),
        ("\x1b", "Every figure"),
        ("O", "Hostile dossier"),
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
    t.wait_for("the shell", |s| !s.contains("1 Political") && s.contains('$'));
    assert_eq!(t.format("#{alternate_on}"), "0");
    assert_eq!(t.format("#{pane_title}"), title);
    assert_eq!(t.run(&["list-buffers"]), "");
}

/// Characters terminals and ratatui measure differently (issue 12): soft
/// hyphen, Hangul fillers, line and paragraph separators, interlinear
/// annotations, other default-ignorables, flags, skin tones and symbols
/// whose width changed between Unicode versions.
const MISMEASURED: &[char] = &[
    '\u{ad}',
    '\u{115f}',
    '\u{1160}',
    '\u{3164}',
    '\u{ffa0}',
    '\u{2028}',
    '\u{2029}',
    '\u{fff9}',
    '\u{fffa}',
    '\u{fffb}',
    '\u{34f}',
    '\u{200b}',
    '\u{200d}',
    '\u{2060}',
    '\u{feff}',
    '\u{fe0f}',
    '\u{e0041}',
    '\u{1f1f9}',
    '\u{1f1f7}',
    '\u{1f3fd}',
    '\u{2630}',
    '\u{3248}',
    '\u{1d300}',
];

/// tests/fixtures/mini.json with 30 events, all Political, whose titles
/// and summaries are full of [`MISMEASURED`] characters among emoji and
/// letters both sides measure alike.
fn mismeasured_dataset() -> String {
    let mut value: serde_json::Value = serde_json::from_str(include_str!("../fixtures/mini.json")).unwrap();
    let template = value["events"][1].clone();
    let events: Vec<serde_json::Value> = (0..30)
        .map(|i| {
            let odd: String = MISMEASURED.iter().cycle().skip(i).take(9).collect();
            let mut event = template.clone();
            event["id"] = format!("event-{i}").into();
            event["title"] = format!("Row {i} soft\u{ad}hyphen 🇹🇷 👍🏽 {odd} end").into();
            event["summary"] = format!(
                "Summary {i}: co\u{ad}operation\u{2028}next\u{2029} flag 🇰🇿🇹🇷 ok 👍 {} tail",
                MISMEASURED.iter().collect::<String>().repeat(3)
            )
            .into();
            event
        })
        .collect();
    value["events"] = events.into();
    value.to_string()
}

/// The columns of the pane borders at `size`, taken from the panes' bottom
/// border row, and every row between the top and bottom borders with its
/// `│` at exactly those columns. Columns are counted with unicode-width,
/// which is the terminal's measure once no mismeasured character is on
/// screen raw (checked first).
#[track_caller]
fn assert_borders_in_place(screen: &str, what: &str) {
    use unicode_width::UnicodeWidthChar;
    if let Some(c) = screen.chars().find(|c| MISMEASURED.contains(c)) {
        panic!("{what}: U+{:04X} on screen raw:\n{screen}", u32::from(c));
    }
    let columns = |row: &str, glyphs: &[char]| -> Vec<usize> {
        let mut col = 0;
        let mut found = Vec::new();
        for c in row.chars() {
            if glyphs.contains(&c) {
                found.push(col);
            }
            col += c.width().unwrap_or(0);
        }
        found
    };
    let rows: Vec<&str> = screen.lines().collect();
    let top = rows
        .iter()
        .position(|r| r.starts_with('┌'))
        .expect("a top border");
    let bottom = rows
        .iter()
        .position(|r| r.starts_with('└'))
        .expect("a bottom border");
    let expected = columns(rows[bottom], &['└', '┘']);
    // Two panes side by side, or one below 100 columns.
    assert!(
        matches!(expected.len(), 2 | 4),
        "{what}: one pane or two:\n{screen}"
    );
    assert_eq!(
        columns(rows[top], &['┌', '┐']),
        expected,
        "{what}: top border:\n{screen}"
    );
    for (i, row) in rows.iter().enumerate().take(bottom).skip(top + 1) {
        assert_eq!(
            columns(row, &['│']),
            expected,
            "{what}: row {i} {row:?} has its borders elsewhere:\n{screen}"
        );
    }
}

#[test]
fn mismeasured_characters_keep_every_border_in_place() {
    if tmux_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("widths.json");
    std::fs::write(&data, mismeasured_dataset()).unwrap();
    for (width, height) in [(80, 24), (120, 40)] {
        let t = Tmux::start(&format!("widths-{width}"), width, height);
        t.line(&format!(
            "DOSSIER_STATE_DIR={} {BIN} --data {}",
            dir.path().display(),
            data.display()
        ));
        t.wait_for("the browser", |s| s.contains("1 Political"));
        t.text("1");
        let screen = t.wait_for("the list", |s| s.contains("Political 1/30"));
        assert_borders_in_place(&screen, &format!("{width}x{height} first row"));
        for row in 2..=30 {
            t.text("j");
            let at = format!("Political {row}/30");
            let screen = t.wait_for(&at, |s| s.contains(&at));
            assert_borders_in_place(&screen, &format!("{width}x{height} at {at}"));
        }
        // Back up through the list, then read the last event's detail
        // scrolled to its end.
        t.text("g");
        let screen = t.wait_for("the first row", |s| s.contains("Political 1/30"));
        assert_borders_in_place(&screen, &format!("{width}x{height} back at the top"));
        t.keys(&["Enter"]);
        for step in 0..6 {
            t.text("j");
            std::thread::sleep(std::time::Duration::from_millis(50));
            assert_borders_in_place(&t.screen(), &format!("{width}x{height} detail step {step}"));
        }
        t.text("q");
    }
}

/// A state directory whose name retitles the terminal and writes its
/// clipboard (OSC 2, OSC 52): the first-visit note names it on the status
/// line, with its escapes visible.
#[test]
fn a_hostile_state_directory_is_named_safely() {
    if tmux_missing() {
        return;
    }
    let t = start("state-dir");
    let title = t.format("#{pane_title}");
    let base = tempfile::tempdir().unwrap();
    // The shell's printf makes the escapes: typed, they would be keys.
    t.line(&format!(
        "DOSSIER_STATE_DIR=\"{}/$(printf 'd\\033]2;OWNED\\007\\033]52;c;UFdORUQ=\\007')\" {BIN} --data {FIXTURE}",
        base.path().display()
    ));
    let screen = t.wait_for("the first-visit note", |s| {
        frame_intact(s) && s.contains("first visit") && s.contains("d\\u{1b}]2;OWNED")
    });
    assert!(!screen.contains("OWNED\u{7}"), "{screen}");
    assert_eq!(t.format("#{pane_title}"), title, "the pane title changed");
    assert_eq!(t.run(&["list-buffers"]), "", "something wrote the clipboard");
    t.text("q");
    t.wait_for("the shell", |s| !s.contains("1 Political") && s.contains('$'));
    assert_eq!(t.format("#{pane_title}"), title);
    assert_eq!(t.run(&["list-buffers"]), "");
}
