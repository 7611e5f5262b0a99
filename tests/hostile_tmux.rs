//! Escape-sequence injection, end to end: the real binary shows
//! tests/fixtures/hostile.json in a real terminal (tmux) while it is walked
//! through every screen, and after each step the screen must be intact:
//! the tab bar on the first row, the status line on the last, still on the
//! alternate screen with mouse reporting on, the pane's title and the
//! clipboard (tmux's paste buffers, OSC 52 allowed) untouched, and the
//! hostile text shown as visible `\u{1b}` escapes.
//!
//! Skipped, with the reason printed, where `tmux` is not installed.

use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_dossier");
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile.json");
const WIDTH: usize = 160;
const HEIGHT: usize = 45;

fn tmux_missing() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("skipped: tmux is not on PATH (apt-get install -y tmux to run this test)");
    }
    !found
}

/// A tmux server of its own (`-L`), killed on drop.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(test: &str) -> Tmux {
        let tmux = Tmux {
            socket: format!("dossier-hostile-{test}-{}", std::process::id()),
        };
        let (w, h) = (WIDTH.to_string(), HEIGHT.to_string());
        tmux.run(&["new-session", "-d", "-x", &w, "-y", &h, "env", "PS1=$ ", "sh"]);
        // Let applications write the clipboard (OSC 52 becomes a paste
        // buffer), so a leaked OSC 52 would show up in `list-buffers`.
        tmux.run(&["set-option", "-g", "set-clipboard", "on"]);
        tmux.wait_for("the shell prompt", |s| s.contains('$'));
        tmux
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("tmux runs");
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "0"];
        args.extend(keys);
        self.run(&args);
        // Separate key batches so an Esc is never read as Alt+next key.
        std::thread::sleep(Duration::from_millis(80));
    }

    fn text(&self, text: &str) {
        self.keys(&["-l", text]);
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "0"])
    }

    fn format(&self, format: &str) -> String {
        self.run(&["display-message", "-p", "-t", "0", format])
            .trim_end_matches('\n')
            .to_string()
    }

    fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
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
    let t = Tmux::start("walk");
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
