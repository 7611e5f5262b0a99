//! End-to-end: the real binary in a real terminal (tmux), driven by keys,
//! checking what is on screen and that the shell is usable afterwards.
//! Skipped, with the reason printed, where `tmux` is not installed.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::rc::Rc;
use std::time::{Duration, Instant};

use common::{BIN, tmux_missing};
/// Printed in the shell before launching, so its return proves the
/// alternate screen was left.
const MARKER: &str = "before-dossier-marker";

/// The shared harness, plus what these tests add: a marker printed before
/// launching (its return proves the alternate screen was left) and a state
/// directory of the test's own, so no test reads or writes the real home
/// (shared with a second terminal started [`Tmux::beside`] it).
struct Tmux {
    inner: common::Tmux,
    state: Rc<tempfile::TempDir>,
}

impl std::ops::Deref for Tmux {
    type Target = common::Tmux;

    fn deref(&self) -> &common::Tmux {
        &self.inner
    }
}

impl Tmux {
    fn start(test: &str) -> Tmux {
        Tmux::with_state(
            test,
            Rc::new(tempfile::tempdir().expect("a temporary state directory")),
        )
    }

    fn with_state(test: &str, state: Rc<tempfile::TempDir>) -> Tmux {
        let tmux = Tmux {
            inner: common::Tmux::start(test, 120, 40),
            state,
        };
        tmux.line(&format!("echo {MARKER}"));
        tmux.wait_for("the marker", |s| s.matches(MARKER).count() == 2);
        tmux
    }

    /// Another terminal, for a second browser with the same state
    /// directory.
    fn beside(&self, test: &str) -> Tmux {
        Tmux::with_state(test, Rc::clone(&self.state))
    }

    /// The state file of the embedded dataset in this test's directory.
    fn state_file(&self) -> PathBuf {
        let key = dossier::state::DatasetKey::of(dossier::data::EMBEDDED_JSON.as_bytes());
        let store = dossier::state::Store::in_dir(self.state.path(), key);
        store.path().expect("a state directory").to_path_buf()
    }

    /// The state file, parsed.
    fn saved(&self) -> serde_json::Value {
        let text = std::fs::read_to_string(self.state_file()).expect("a state file");
        serde_json::from_str(&text).expect("the state file is JSON")
    }

    /// The bookmarked ids in the state file.
    fn bookmarks(&self) -> Vec<String> {
        let saved = self.saved();
        let list = saved["bookmarks"].as_array().expect("a bookmark list");
        list.iter().map(|b| b.as_str().unwrap().to_string()).collect()
    }

    /// Terminal modes of the pane: alternate screen, mouse reporting
    /// (any, button, standard, SGR) and cursor visibility, as 0/1 flags.
    fn modes(&self) -> String {
        let format = "#{alternate_on}#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}#{mouse_sgr_flag}#{cursor_flag}";
        self.format(format).trim().to_string()
    }

    /// `DOSSIER_STATE_DIR=<this test's temp dir>`, for every launch.
    fn state_env(&self) -> String {
        format!("DOSSIER_STATE_DIR={}", self.state.path().display())
    }

    fn launch(&self, env: &str) {
        self.line(&format!("{} {env} {BIN}", self.state_env()));
        self.wait_for("the tab bar", |s| {
            s.contains("O Overview") && s.contains("1 Political")
        });
    }

    /// Opens `data` in the browser, with `env` and this test's state and
    /// cache directories; the exit status is echoed after it.
    fn open(&self, data: &Path, env: &str) {
        self.line(&format!(
            "{} DOSSIER_CACHE_DIR={} {env} {BIN} --data {}; echo exit=$?",
            self.state_env(),
            self.state.path().join("cache").display(),
            data.display()
        ));
    }

    /// Launches the browser and returns its pid, once its tab bar shows.
    fn launch_with_pid(&self) -> String {
        let pidfile = self.state.path().join("pid");
        // `exec` keeps the pid written by the shell: it becomes dossier's.
        self.line(&format!(
            "{} sh -c 'echo $$ > {}; exec {BIN}'",
            self.state_env(),
            pidfile.display()
        ));
        self.wait_for("the tab bar", |s| s.contains("1 Political"));
        read_pid(&pidfile)
    }

    /// The browser is gone: the pre-launch screen is back and the shell
    /// echoes what is typed and runs it (raw mode is off).
    fn assert_shell_restored(&self) -> String {
        // The prompt comes back only once dossier has exited, so nothing
        // typed next can reach it.
        let screen = self.wait_for("the shell screen and its prompt", |s| {
            let last = s.lines().rev().find(|l| !l.trim().is_empty());
            s.contains(MARKER) && !s.contains("1 Political") && last.is_some_and(|l| l.trim() == "$")
        });
        assert_eq!(
            self.modes(),
            "000001",
            "main screen, no mouse reporting, cursor shown"
        );
        self.line("echo typed-after-exit");
        self.wait_for("the shell to echo and run a command", |s| {
            s.contains("$ echo typed-after-exit") && s.lines().any(|l| l.trim() == "typed-after-exit")
        });
        screen
    }
}

#[test]
fn tabs_search_footnotes_and_quit() {
    if tmux_missing() {
        return;
    }
    let t = Tmux::start("walk");
    t.launch("");
    let s = t.wait_for("the overview", |s| s.contains("In this dossier"));
    assert!(s.contains("Özge Nur Öğütcü"), "{s}");

    let modes = t.modes();
    assert!(
        modes.starts_with('1') && modes.ends_with("11"),
        "alternate screen, SGR mouse: {modes}"
    );

    // A click on the tab bar (an SGR mouse report: 1-based column 40,
    // row 1 is inside "2 Economic"); the wheel is covered by unit tests.
    t.text("\x1b[<0;40;1M");
    t.wait_for("a click on the Economic tab", |s| s.contains("Economic · "));

    t.text("1");
    t.wait_for("the Political tab", |s| {
        s.contains("Political · ") && s.contains("Political 1/")
    });
    t.text("2");
    t.wait_for("the Economic tab", |s| {
        s.contains("Economic · ") && s.contains("Economic 1/")
    });

    t.text("/");
    t.text("erdogan");
    let s = t.wait_for("search results", |s| {
        s.contains("Results · ") && s.contains("/ erdogan")
    });
    assert!(s.contains("Erdoğan"), "{s}");
    t.keys(&["Enter"]);
    let s = t.wait_for("the result opened in its tab", |s| s.contains("│ /erdogan 1/"));
    assert!(!s.contains("Results · "), "{s}");

    // The detail has focus after Enter: Tab picks a marker, Enter opens it.
    t.keys(&["Tab"]);
    t.keys(&["Enter"]);
    t.wait_for("a footnote popup", |s| {
        s.contains("Footnote ") && s.contains("y copy URL")
    });
    t.keys(&["Escape"]);
    t.wait_for("the popup to close", |s| !s.contains("y copy URL"));

    t.text(":26");
    t.keys(&["Enter"]);
    t.wait_for("footnote 26", |s| s.contains("Footnote 26"));
    t.keys(&["Escape"]);
    t.wait_for("the popup to close", |s| !s.contains("Footnote 26"));

    t.text("?");
    t.wait_for("the help overlay", |s| {
        s.contains(" Keys ") && s.contains("search all tabs")
    });
    t.keys(&["Escape"]);
    t.wait_for("help to close", |s| !s.contains("search all tabs"));

    // Resizes redraw at once, down to the "too small" line and back.
    t.run(&["resize-window", "-t", "0", "-x", "60", "-y", "15"]);
    t.wait_for("a redraw at 60x15", |s| {
        s.lines()
            .any(|l| l.starts_with("┌") && l.trim_end().ends_with("┐") && l.chars().count() <= 60)
    });
    t.run(&["resize-window", "-t", "0", "-x", "30", "-y", "8"]);
    t.wait_for("the too-small message", |s| s.contains("terminal too small"));
    t.run(&["resize-window", "-t", "0", "-x", "120", "-y", "40"]);
    t.wait_for("a redraw at 120x40", |s| {
        s.contains("F Figures") && s.contains("Detail")
    });

    t.text("q");
    t.assert_shell_restored();
}

/// The Reader in a real terminal: a footnote from a marker, words found,
/// and the place kept across a restart.
#[test]
fn the_reader_reads_finds_and_remembers() {
    if tmux_missing() {
        return;
    }
    let t = Tmux::start("reader");
    t.launch("");
    t.text("r");
    t.wait_for("the reader", |s| {
        s.contains("Reader · ") && s.contains("THE CURRENT STATE OF RELATIONS")
    });
    t.keys(&["Tab"]);
    t.keys(&["Enter"]);
    t.wait_for("a footnote popup from the reader", |s| s.contains("Footnote "));
    t.keys(&["Escape"]);
    t.wait_for("the popup to close", |s| !s.contains("Footnote "));
    t.text("/mert sari");
    t.keys(&["Enter"]);
    let s = t.wait_for("the words found", |s| s.contains("“mert sari”: 1 of"));
    assert!(s.contains("Mert Sarı"), "{s}");
    t.text("q");
    t.assert_shell_restored();
    assert_eq!(t.saved()["position"]["view"], "reader");
    t.launch("");
    let s = t.wait_for("the reader again", |s| s.contains("Reader · "));
    assert!(s.contains("Mert Sarı"), "the same place: {s}");
    t.text("q");
    t.assert_shell_restored();
}

#[test]
fn ctrl_c_quits_and_restores() {
    if tmux_missing() {
        return;
    }
    let t = Tmux::start("ctrlc");
    t.launch("");
    t.text("/");
    t.text("typing");
    t.keys(&["C-c"]);
    t.assert_shell_restored();
}

#[test]
fn a_bad_config_starts_with_the_defaults_and_a_good_one_rebinds() {
    if tmux_missing() {
        return;
    }
    let t = Tmux::start("config");
    let dir = t.state.path().join("xdg");
    std::fs::create_dir_all(dir.join("dossier")).expect("config dir");
    let file = dir.join("dossier/config.toml");
    let xdg = format!("XDG_CONFIG_HOME={}", dir.display());
    std::fs::write(&file, "[keys.reading]\nquit = [\"x\"]\nhelp = \"ctrl-\"\n").expect("config");
    t.launch(&xdg);
    t.wait_for("the note on the status line", |s| {
        s.contains("config not used: config.toml:3:8: bad key \"ctrl-\"")
    });
    // The defaults: `q` quits; the full error is there once the screen is back.
    t.text("q");
    let screen = t.assert_shell_restored();
    assert!(
        screen.contains("config.toml:3:8: bad key \"ctrl-\": expected a key like"),
        "{screen}"
    );
    std::fs::write(&file, "[keys.reading]\nquit = [\"x\"]\n").expect("config");
    t.line("clear");
    t.line(&format!("echo {MARKER}"));
    t.launch(&xdg);
    t.text("q");
    t.text("?");
    // Quit is the last key of Reading, just below the first screenful.
    t.text("jjj");
    t.wait_for("the help, with x to quit", |s| {
        s.contains("Keys") && s.contains(" x ")
    });
    t.keys(&["Escape"]);
    t.text("x");
    t.assert_shell_restored();
}

/// `links = "osc8"` in a real terminal: the link is written whole by its
/// first cell, so the text around it, the border after it and the rows it
/// moves through as the Overview scrolls must come out as without links.
#[test]
fn osc8_links_keep_the_screen_as_plain_text_would() {
    if tmux_missing() {
        return;
    }
    let original = "│ Original: https://www.avimbulten.org/en/Analiz/THE-CURRENT-STATE-OF-RELATIONS-BETWEEN-KAZAKHSTAN-TURKEY";
    let screens = ["plain", "osc8"].map(|links| {
        let t = Tmux::start(&format!("links-{links}"));
        let dir = t.state.path().join("xdg");
        std::fs::create_dir_all(dir.join("dossier")).expect("config dir");
        let config = format!("[terminal]\nlinks = \"{links}\"\n");
        std::fs::write(dir.join("dossier/config.toml"), config).expect("config");
        t.launch(&format!("XDG_CONFIG_HOME={}", dir.display()));
        let first = t.wait_for_settled("the original's URL", |s| s.contains(original));
        t.text("jjj");
        let scrolled = t.wait_for_settled("the URL three rows up", |s| {
            s.lines().nth(2).is_some_and(|l| l.starts_with(original))
        });
        t.text("kk");
        let back = t.wait_for_settled("the URL one row up", |s| {
            s.lines().nth(4).is_some_and(|l| l.starts_with(original))
        });
        t.text("q");
        t.assert_shell_restored();
        // Less the status line, which names each test's own state directory.
        [first, scrolled, back].map(|s| s.lines().take(39).collect::<Vec<_>>().join("\n"))
    });
    assert_eq!(screens[0], screens[1]);
}

/// Whether process `pid` is still there.
fn alive(pid: &str) -> bool {
    Command::new("kill")
        .args(["-0", pid])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn every_stop_signal_restores_the_terminal_and_saves() {
    if tmux_missing() {
        return;
    }
    // SIGINT and SIGQUIT come from `kill` or `timeout -s INT`: raw mode
    // keeps the terminal from sending them for Ctrl-C and Ctrl-\.
    for signal in ["INT", "QUIT", "USR1", "TERM", "HUP"] {
        let t = Tmux::start(&format!("sig{signal}"));
        let pid = t.launch_with_pid();
        t.text("1");
        t.wait_for("the Political tab", |s| s.contains("Political 1/"));
        t.text("m");
        t.keys(&["Enter"]);
        t.wait_for("the bookmark", |s| s.contains("bookmarked “"));
        // A position is saved on the way out only.
        t.text("2");
        t.wait_for("the Economic tab", |s| s.contains("Economic 1/"));
        let status = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        assert!(status.success());
        t.assert_shell_restored();
        assert!(!alive(&pid), "SIG{signal}: dossier still runs");
        assert_eq!(t.bookmarks().len(), 1, "SIG{signal}: the bookmark is saved");
        assert_eq!(
            t.saved()["position"]["view"],
            "tab:economic",
            "SIG{signal}: and the position"
        );
    }
}

/// Whether the shell's `stty -a`, typed now, says the terminal is in
/// canonical mode (`icanon`, not `-icanon`).
fn canonical(t: &Tmux) -> bool {
    // The marker again, for the final check that the shell screen is back.
    t.line(&format!("clear; stty -a; echo {MARKER}"));
    let screen = t.wait_for("stty's report", |s| s.contains("iexten"));
    screen.split_whitespace().any(|w| w == "icanon")
}

#[test]
fn ctrl_z_and_sigtstp_suspend_and_fg_resumes() {
    if tmux_missing() {
        return;
    }
    let t = Tmux::start("suspend");
    let pid = t.launch_with_pid();
    for how in ["Ctrl-Z", "SIGTSTP"] {
        if how == "Ctrl-Z" {
            t.keys(&["C-z"]);
        } else {
            assert!(
                Command::new("kill")
                    .args(["-TSTP", &pid])
                    .status()
                    .unwrap()
                    .success()
            );
        }
        t.wait_for("the shell prompt", |s| {
            !s.contains("1 Political")
                && s.lines()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .is_some_and(|l| l.trim() == "$")
        });
        assert_eq!(
            t.modes(),
            "000001",
            "{how}: main screen, no mouse reporting, cursor shown"
        );
        assert!(canonical(&t), "{how}: the shell has a canonical terminal");
        assert!(alive(&pid), "{how}: stopped, not ended");
        t.line("fg");
        t.wait_for("the browser drawn again", |s| {
            s.contains("O Overview") && s.contains("1 Political") && !s.contains("iexten")
        });
        assert!(
            t.modes().starts_with("11"),
            "{how}: alternate screen and mouse again"
        );
        t.text("1");
        t.wait_for("keys answered after fg", |s| s.contains("Political 1/"));
        t.text("O");
        t.wait_for("the overview", |s| s.contains("In this dossier"));
    }
    t.text("q");
    t.assert_shell_restored();
}

#[test]
fn two_browsers_keep_each_others_bookmarks() {
    if tmux_missing() {
        return;
    }
    let a = Tmux::start("twoA");
    let b = a.beside("twoB");
    a.launch("");
    b.launch("");
    a.text("1");
    a.wait_for("the Political tab", |s| s.contains("Political 1/"));
    a.text("m");
    a.keys(&["Enter"]);
    a.wait_for("A's bookmark", |s| s.contains("bookmarked “"));
    b.text("1");
    b.wait_for("the Political tab", |s| s.contains("Political 1/"));
    b.text("j");
    b.wait_for("the second event", |s| s.contains("Political 2/"));
    b.text("m");
    b.keys(&["Enter"]);
    b.wait_for("B's bookmark", |s| s.contains("bookmarked “"));
    let both = a.bookmarks();
    assert_eq!(both.len(), 2, "A's and B's: {both:?}");
    // A removes its own: B's stays, and neither quitting brings A's back.
    a.text("m");
    a.wait_for("A's bookmark removed", |s| s.contains("removed the bookmark"));
    assert_eq!(a.bookmarks(), both[1..], "B's alone");
    a.text("q");
    a.assert_shell_restored();
    b.text("q");
    b.assert_shell_restored();
    assert_eq!(a.bookmarks(), both[1..], "B's alone, after both quit");
}

#[test]
fn a_fifo_as_state_file_starts_fresh_and_signals_still_work() {
    // A FIFO blocked open() before the first frame, with SIGTERM ignored.
    if tmux_missing() {
        return;
    }
    let t = Tmux::start("fifo");
    let fifo = t.state_file();
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let pid = t.launch_with_pid();
    t.wait_for("the note", |s| s.contains("is a FIFO (named pipe)"));
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    t.assert_shell_restored();
}

/// Clicks the tab-bar label starting with `label` (an SGR mouse report).
#[test]
fn a_closed_terminal_ends_the_process() {
    // crossterm's default input source spun at 100% CPU on a hung-up pty;
    // the process must notice the terminal is gone and exit.
    if tmux_missing() {
        return;
    }
    let t = Tmux::start("hangup");
    let pid = t.launch_with_pid();
    t.run(&["kill-server"]);
    let alive = || {
        Command::new("kill")
            .args(["-0", &pid])
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    for _ in 0..100 {
        if !alive() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = Command::new("kill").args(["-KILL", &pid]).status();
    panic!("dossier (pid {pid}) still runs 10 s after its terminal closed");
}

fn click_tab(t: &Tmux, label: &str) {
    let screen = t.screen();
    let bar = screen.lines().next().unwrap_or_default();
    let at = bar
        .find(label)
        .unwrap_or_else(|| panic!("no “{label}” in the tab bar: {bar}"));
    let column = bar[..at].chars().count() + 2;
    t.text(&format!("\x1b[<0;{column};1M"));
}

#[test]
fn new_views_by_key_and_mouse_links_history_and_memory_across_restarts() {
    if tmux_missing() {
        return;
    }
    let t = Tmux::start("views");
    t.launch("");
    t.wait_for("the first-visit note", |s| {
        s.contains("first visit to this dossier") && s.contains(&t.state.path().display().to_string())
    });

    // By key.
    t.text("T");
    let s = t.wait_for("the timeline", |s| {
        s.contains("Timeline · 68 events") && s.contains("Timeline 1/68")
    });
    assert!(s.contains("1985 ──"), "grouped by year: {s}");
    t.text("P");
    t.wait_for("people", |s| {
        s.contains("People (9)") && s.contains("Countries (15)")
    });
    // By mouse: the Sources tab, then its third row.
    click_tab(&t, "S Sources");
    t.wait_for("sources", |s| s.contains("Sources · 20 of 29 notes, in order"));
    t.text("\x1b[<0;10;5M");
    t.wait_for("a click on the third source", |s| s.contains("Sources 3/20"));
    t.text("s");
    t.wait_for("sources by outlet, the same source chosen", |s| {
        s.contains("by outlet") && s.contains("│ [3] Cumhurbaşkanı Erdoğan")
    });
    click_tab(&t, "F Figures");
    let s = t.wait_for("the chart", |s| {
        s.contains("Bilateral trade volume by year (USD)") && s.contains("Every figure · 28")
    });
    for label in ["2005", "2012", "2016", "target", "$4.5bn", "$10bn"] {
        assert!(s.contains(label), "{label}: {s}");
    }
    click_tab(&t, "T Time");
    t.wait_for("the timeline again by mouse", |s| {
        s.contains("Timeline · 68 events")
    });

    // A link and the history: the visit's first actor, then back and forward.
    t.text("/");
    t.text("erdogan visit");
    t.wait_for("results", |s| s.contains("Results · "));
    t.keys(&["Enter"]);
    t.wait_for("the visit", |s| s.contains("Political 13/16"));
    t.text("m");
    t.wait_for("the note's prompt", |s| s.contains("note: "));
    t.text("first visit since 2012");
    t.keys(&["Enter"]);
    t.wait_for("the bookmark", |s| {
        s.contains("bookmarked “Erdoğan's visit to Kazakhstan”")
    });
    assert_eq!(
        t.saved()["notes"]["erdogan-visit-kazakhstan-2017"],
        "first visit since 2012",
        "the note is saved with the bookmark"
    );
    t.keys(&["Tab"]);
    t.keys(&["Tab"]);
    t.keys(&["Enter"]);
    t.wait_for("the actor in People & Orgs", |s| {
        s.contains("People & Orgs 5/91") && s.contains("Mentioned in 8 events")
    });
    t.keys(&["BSpace"]);
    t.wait_for("back to the visit", |s| s.contains("Political 13/16"));
    t.keys(&["M-Right"]);
    t.wait_for("forward to the actor", |s| s.contains("People & Orgs 5/91"));
    t.keys(&["M-Left"]);
    t.wait_for("back again with Alt-Left", |s| s.contains("Political 13/16"));
    t.text("q");
    t.assert_shell_restored();
    let files: Vec<String> = std::fs::read_dir(t.state.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.ends_with(".lock"))
        .collect();
    assert!(
        files.len() == 1 && files[0].ends_with(".json"),
        "one state file: {files:?}"
    );

    // A restart puts the reader back, bookmark included.
    t.launch("");
    t.wait_for("the last position", |s| {
        s.contains("Political 13/16") && s.contains("Erdoğan's visit")
    });
    t.text("'");
    t.wait_for("the bookmark", |s| s.contains("Bookmarks · 1"));
    t.keys(&["Escape"]);
    t.text("q");
    t.assert_shell_restored();

    // A corrupt state file: a warning, a fresh start, the file kept aside.
    let path = t.state.path().join(&files[0]);
    std::fs::write(&path, "{ not json").unwrap();
    t.launch("");
    t.wait_for("the warning", |s| {
        s.contains("is corrupt") && s.contains("moved it to")
    });
    t.text("q");
    t.assert_shell_restored();
    let aside = t.state.path().join(format!("{}.corrupt", files[0]));
    assert_eq!(std::fs::read_to_string(aside).unwrap(), "{ not json");
}

fn read_pid(path: &Path) -> String {
    let start = Instant::now();
    loop {
        if let Ok(pid) = std::fs::read_to_string(path)
            && !pid.trim().is_empty()
        {
            return pid.trim().to_string();
        }
        assert!(start.elapsed() < Duration::from_secs(10), "no pid file");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_panic_restores_the_terminal_then_prints_the_message() {
    if tmux_missing() {
        return;
    }
    let t = Tmux::start("panic");
    // No backtrace: the message alone is what a user sees by default.
    t.line(&format!(
        "{} DOSSIER_TEST_PANIC=1 RUST_BACKTRACE=0 {BIN}",
        t.state_env()
    ));
    let screen = t.wait_for("the panic message on the shell screen", |s| {
        s.contains(MARKER) && s.contains("DOSSIER_TEST_PANIC is set")
    });
    assert!(screen.contains("panicked"), "{screen}");
    // The message is readable: not staircased by raw mode.
    let line = screen.lines().find(|l| l.contains("panicked")).unwrap();
    assert!(line.starts_with("thread"), "{screen}");
    t.assert_shell_restored();
}

/// A dataset of `events` one-line events, `bad` making the last one's tab
/// undeclared.
fn big_dataset(dir: &Path, events: usize, bad: bool) -> PathBuf {
    let mut json = String::from(
        r#"{"format": "dossier", "version": 2, "document": {"title": "Big"}, "tabs": [{"id": "all", "title": "All"}], "events": ["#,
    );
    for i in 0..events {
        let tab = if bad && i + 1 == events { "nowhere" } else { "all" };
        json.push_str(&format!(
            r#"{}{{"id": "e{i}", "date": "2017", "tab": "{tab}", "title": "Event number {i}"}}"#,
            if i == 0 { "" } else { ",\n" }
        ));
    }
    json.push_str("]}");
    let path = dir.join(if bad { "bad.json" } else { "big.json" });
    std::fs::write(&path, json).unwrap();
    path
}

/// A large file shows a counter from the first frame, and `q` gives up
/// without waiting for the load: the shell is back, nothing was saved.
#[test]
fn a_large_file_shows_its_loading_counter_and_q_gives_up() {
    if tmux_missing() {
        return;
    }
    let t = Tmux::start("loading_counter");
    let data = big_dataset(t.state.path(), 400_000, false);
    t.open(&data, "");
    let screen = t.wait_for("the loading counter", |s| {
        s.contains("Opening") && s.contains("big.json") && s.contains("events read")
    });
    assert!(screen.contains("q or Ctrl-C gives up"), "{screen}");
    t.keys(&["q"]);
    t.assert_shell_restored();
    let saved = std::fs::read_dir(t.state.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "json") && e.path() != data)
        .count();
    assert_eq!(saved, 0, "no state file for a dataset never opened");
}

/// While the events are still being read (held back here by a debug-only
/// knob), the Overview shows with each tab's count; keys typed meanwhile
/// wait, in order, and run once the events are in: `q` typed into the
/// search line they opened is a letter, not a quit.
#[test]
fn the_overview_shows_before_the_events_and_keys_typed_meanwhile_run_after() {
    if tmux_missing() {
        return;
    }
    let t = Tmux::start("overview_before_events");
    let data = big_dataset(t.state.path(), 20_000, false);
    t.open(&data, "DOSSIER_TEST_HOLD_LOAD=4000");
    let screen = t.wait_for("the Overview before the events", |s| {
        s.contains("reading 20,000 events") && s.contains("O Overview")
    });
    assert!(screen.contains("20,000 events"), "the tab's count: {screen}");
    type_a_search_with_a_q(&t);
    let screen = t.screen();
    assert!(
        screen.contains("reading 20,000 events") && !screen.contains("q 19999"),
        "held, not yet run: {screen}"
    );
    let screen = t.wait_for("the held keys run on the whole app", |s| {
        s.contains("q 19999") && !s.contains("reading 20,000")
    });
    the_q_was_a_letter_then_quit(&t, &screen);
}

/// Types what opens a search line on the first tab, with a `q` in it:
/// keys a loading screen must hold rather than quit on.
fn type_a_search_with_a_q(t: &Tmux) {
    t.keys(&["1", "/"]);
    t.text("q 19999");
}

/// The keys of [`type_a_search_with_a_q`] ran on the browser (`screen`):
/// the `q` went into the line instead of quitting; the browser then
/// closes the line and quits cleanly.
fn the_q_was_a_letter_then_quit(t: &Tmux, screen: &str) {
    assert!(
        !screen.contains("exit="),
        "q typed into the line did not quit: {screen}"
    );
    t.keys(&["Escape"]);
    t.keys(&["Escape"]);
    t.keys(&["q"]);
    t.wait_for("a clean exit", |s| s.contains("exit=0"));
}

/// Keys typed while only the counter shows (the load held back before it
/// starts, by a debug-only knob) are kept, not dropped: they run, in
/// order, once there is a browser, and `q` typed after them is a letter.
#[test]
fn keys_typed_on_the_counter_run_once_the_events_are_in() {
    if tmux_missing() {
        return;
    }
    let t = Tmux::start("keys_on_the_counter");
    let data = big_dataset(t.state.path(), 20_000, false);
    t.open(&data, "DOSSIER_TEST_HOLD_READ=3000");
    t.wait_for("the loading counter", |s| {
        s.contains("Opening") && s.contains("gives up")
    });
    type_a_search_with_a_q(&t);
    let screen = t.wait_for("the kept keys run on the browser", |s| s.contains("q 19999"));
    the_q_was_a_letter_then_quit(&t, &screen);
}

/// An error found while the counter shows is printed on the normal screen,
/// located, once the terminal is restored; the exit status says so.
#[test]
fn an_error_found_while_loading_is_printed_after_the_terminal_is_restored() {
    if tmux_missing() {
        return;
    }
    let t = Tmux::start("loading_error");
    let data = big_dataset(t.state.path(), 20_000, true);
    t.open(&data, "");
    let screen = t.wait_for("the error and the exit status", |s| s.contains("exit=2"));
    assert!(
        screen.contains("events[19999].tab") && screen.contains("nowhere"),
        "{screen}"
    );
    assert_eq!(
        t.modes(),
        "000001",
        "main screen, no mouse reporting, cursor shown"
    );
}
