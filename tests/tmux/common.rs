//! A tmux server of the test's own, shared by the end-to-end tests that
//! drive the real binary in a real terminal.
// Each test crate uses a different part of this harness.
#![allow(dead_code)]
// A test or tool of our own, printing its own messages.
#![allow(clippy::disallowed_macros)]

use std::process::Command;
use std::time::{Duration, Instant};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_dossier");

/// True (after printing why) when tmux is not installed: the caller skips.
pub fn tmux_missing() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("skipped: tmux is not on PATH (apt-get install -y tmux to run this test)");
    }
    !found
}

/// A tmux server of its own (`-L`), so tests run in parallel and never
/// touch the user's sessions; killed on drop. Its one pane runs `sh` with
/// the prompt `$ `, and no configuration file of the user's.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// A `width`×`height` session named after `test`, at its shell prompt.
    pub fn start(test: &str, width: usize, height: usize) -> Tmux {
        let tmux = Tmux {
            socket: format!("dossier-{test}-{}", std::process::id()),
        };
        let (w, h) = (width.to_string(), height.to_string());
        let no_config = "XDG_CONFIG_HOME=/nonexistent/dossier-tests";
        tmux.run(&[
            "new-session",
            "-d",
            "-x",
            &w,
            "-y",
            &h,
            "env",
            "PS1=$ ",
            no_config,
            "sh",
        ]);
        tmux.wait_for("the shell prompt", |s| s.contains('$'));
        tmux
    }

    /// Runs a tmux command against this server; fails the test if tmux does.
    pub fn run(&self, args: &[&str]) -> String {
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

    /// Sends keys; tmux key names (`Enter`, `Escape`, `C-c`) are allowed.
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "0"];
        args.extend(keys);
        self.run(&args);
        // Separate key batches so an Esc is never read as Alt+next key.
        std::thread::sleep(Duration::from_millis(80));
    }

    /// Types literal text.
    pub fn text(&self, text: &str) {
        self.keys(&["-l", text]);
    }

    /// Types a line and Enter.
    pub fn line(&self, text: &str) {
        self.text(text);
        self.keys(&["Enter"]);
    }

    /// The visible screen, as text.
    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "0"])
    }

    /// A tmux format (`#{pane_title}`, `#{alternate_on}`...) for the pane.
    pub fn format(&self, format: &str) -> String {
        self.run(&["display-message", "-p", "-t", "0", format])
            .trim_end_matches('\n')
            .to_string()
    }

    /// Waits, as [`Tmux::wait_for`], for a screen that satisfies `ok` and
    /// stays the same for 100 ms: a screen caught mid-frame can satisfy
    /// `ok` and still be half drawn.
    pub fn wait_for_settled(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.wait_for(what, &ok);
            std::thread::sleep(Duration::from_millis(100));
            if self.screen() == screen {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("the screen never settled while waiting for {what}; last:\n{screen}");
            }
        }
    }

    /// Waits up to 10 s for the screen to satisfy `ok`; fails with the
    /// screen as it was.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
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
