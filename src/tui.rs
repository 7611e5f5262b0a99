//! The terminal: setup, the event loop, and restoring the terminal on
//! every way out (`q`, Ctrl-C, a panic, SIGINT, SIGQUIT, SIGUSR1, SIGTERM,
//! SIGHUP, an I/O error), and while suspended (Ctrl-Z, SIGTSTP).

use std::io::{IsTerminal, Stdout, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Context as _;
use ratatui::crossterm::clipboard::CopyToClipboard;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, disable_raw_mode, enable_raw_mode};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1};

use crate::app::{App, Effect, Theme};
use crate::config::Config;
use crate::model::Dataset;
use crate::safe_format;
use crate::sanitize::SafeText;
use crate::search::SearchIndex;
use crate::searcher::Searcher;
use crate::state::{DatasetKey, Store};

/// How often the loop wakes without input to notice a signal.
const TICK: Duration = Duration::from_millis(100);

/// How long a key waits for its search before the frame is drawn without
/// the results: a search quicker than a frame is drawn with its key.
const FRAME: Duration = Duration::from_millis(16);

/// How often the loop looks for the results of a slower search.
const RESULTS_POLL: Duration = Duration::from_millis(4);

/// Signals that end the browser as `q` does: terminal restored, state
/// saved. In raw mode the terminal sends Ctrl-C and Ctrl-\ as keys, so
/// SIGINT and SIGQUIT come from `kill` or `timeout -s INT`.
const STOP_SIGNALS: [i32; 5] = [SIGINT, SIGQUIT, SIGUSR1, SIGTERM, SIGHUP];

/// What signals asked for: their handlers only set these flags, which the
/// loop reads at every turn, at least every [`TICK`].
struct Signals {
    /// One of [`STOP_SIGNALS`].
    stop: Arc<AtomicBool>,
    /// SIGTSTP (`kill -TSTP`; Ctrl-Z arrives as a key).
    suspend: Arc<AtomicBool>,
    /// SIGCONT: continued after a stop dossier did not ask for itself
    /// (`kill -STOP`), the terminal may have been changed meanwhile.
    resumed: Arc<AtomicBool>,
}

impl Signals {
    fn register() -> std::io::Result<Signals> {
        let signals = Signals {
            stop: Arc::default(),
            suspend: Arc::default(),
            resumed: Arc::default(),
        };
        for signal in STOP_SIGNALS {
            signal_hook::flag::register(signal, Arc::clone(&signals.stop))?;
        }
        signal_hook::flag::register(SIGTSTP, Arc::clone(&signals.suspend))?;
        signal_hook::flag::register(SIGCONT, Arc::clone(&signals.resumed))?;
        Ok(signals)
    }
}

/// Restores the terminal when dropped, so an early `?` return or an
/// unwinding panic cannot leave the shell in raw mode on the alternate
/// screen.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        // While unwinding, the panic hook has already restored and printed
        // the message; leaving the alternate screen a second time would
        // move the cursor back over that message.
        if std::thread::panicking() {
            return;
        }
        let _ = execute!(screen(), DisableMouseCapture);
        ratatui::restore();
    }
}

/// Runs the browser on `dataset` (searched with `index`) until the reader
/// quits or a signal asks the program to stop; the terminal is restored
/// before this returns. Bookmarks and the last position are restored
/// from, and saved to, the state file of `key`, the hash of the dataset's
/// text (see [`crate::state`]). The dataset file itself is never written.
/// Keys and colours are `config`'s; `note`, if any, is shown on the status
/// line at start (why the configuration was not used).
pub fn run(
    dataset: Dataset,
    index: SearchIndex,
    key: DatasetKey,
    config: Config,
    note: Option<SafeText<'static>>,
) -> anyhow::Result<()> {
    if !screen().is_terminal() {
        anyhow::bail!(
            "the browser needs a terminal on standard output; for plain output use `dossier list` or `dossier search`"
        );
    }
    // Before the state file is opened or the terminal touched: from here
    // on a signal is answered by restoring and saving.
    let signals = Signals::register().context("installing a signal handler")?;
    let mut store = Store::from_env(key);
    let loaded = store.load();
    let theme = Theme {
        colors: config.colors,
        hyperlinks: config.links.hyperlinks(|name| std::env::var(name).ok()),
        ..Theme::from_env()
    };
    let mut app = App::with_index(dataset, index, theme);
    app.keys = config.keys;
    let restore = Restore;
    // `try_init` installs ratatui's panic hook (restore, then print the
    // panic) before anything is drawn; ours runs first and turns mouse
    // reporting off, which ratatui's restore does not.
    let mut terminal = ratatui::try_init().context("setting up the terminal")?;
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(screen(), DisableMouseCapture);
        ratatui_hook(info);
    }));
    execute!(screen(), EnableMouseCapture).context("enabling the mouse")?;
    // The last position is put back at the real size, so the list scrolls
    // to it as it would have.
    app.set_area(terminal.size()?.into());
    if let Some(memory) = &loaded.memory {
        app.recall(memory);
    }
    // The configuration's note and the state's, on the status line
    // together and in the message log each.
    let notes: Vec<SafeText<'static>> = [note, loaded.note].into_iter().flatten().collect();
    for note in &notes {
        app.say(note.clone());
    }
    if notes.len() > 1 {
        app.status = Some(SafeText::join(notes, &SafeText::lit(" · ")));
    }

    let result = event_loop(&mut app, &mut terminal, &mut store, &signals);
    // Saved on every way out but a panic: `q`, Ctrl-C, a signal, an error.
    let saved = store.save(&app.memory());
    drop(terminal);
    drop(restore);
    if let Err(e) = saved {
        crate::cli::out::error(&safe_format!(
            "dossier: position and bookmarks not saved: {e}",
            e = SafeText::new(&e.to_string())
        ));
    }
    result
}

fn event_loop(
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    store: &mut Store,
    signals: &Signals,
) -> anyhow::Result<()> {
    // Exists only for the end-to-end test of panic restoration
    // (tests/tmux/tui_tmux.rs): panic right after the first frame. Debug builds
    // only: a released binary has no way to be made to panic.
    let test_panic =
        cfg!(debug_assertions) && std::env::var_os("DOSSIER_TEST_PANIC").is_some_and(|v| v == "1");

    // Searches run on their own thread, so typing never waits for one;
    // if it cannot be started they run on the spot.
    let searcher = Searcher::new(Arc::clone(&app.index)).ok();
    if searcher.is_some() {
        app.defer_searches();
    }
    // An opener that started but failed (no browser configured) says so
    // from its own thread; the loop shows it.
    let (opener_failed, open_failures) = std::sync::mpsc::channel::<(String, String)>();
    // Draw only after something happened: idle, the loop just waits.
    let mut dirty = true;
    while !signals.stop.load(Ordering::Relaxed) {
        if signals.suspend.swap(false, Ordering::Relaxed) {
            suspend(app, terminal, &signals.resumed)?;
            dirty = true;
        }
        if signals.resumed.swap(false, Ordering::Relaxed) {
            resume(terminal)?;
            dirty = true;
        }
        while let Ok((url, why)) = open_failures.try_recv() {
            app.open_failed(&url, &why);
            dirty = true;
        }
        if let Some(searcher) = &searcher {
            while let Some(done) = searcher.try_answer() {
                app.search_done(done);
                dirty = true;
            }
        }
        if dirty {
            app.set_area(terminal.size()?.into());
            terminal.draw(|frame| crate::ui::draw(frame, app))?;
            dirty = false;
        }
        if test_panic {
            panic!("DOSSIER_TEST_PANIC is set: panicking after the first frame, as asked");
        }
        let wait = if app.is_searching() { RESULTS_POLL } else { TICK };
        if !event::poll(wait)? {
            continue;
        }
        dirty = true;
        let effect = match event::read()? {
            Event::Key(key) => app.on_key(key),
            Event::Mouse(mouse) => app.on_mouse(mouse),
            // Resizes and the rest: the next turn redraws at the new size.
            _ => None,
        };
        match effect {
            Some(Effect::Quit) => break,
            Some(Effect::Suspend) => suspend(app, terminal, &signals.resumed)?,
            Some(Effect::CopyToClipboard(text)) => {
                execute!(screen(), CopyToClipboard::to_clipboard_from(text))?;
                screen().flush()?;
            }
            Some(Effect::OpenUrl(url)) => {
                if let Err(e) = open_url(&url, opener_failed.clone()) {
                    app.open_failed(&url, &e.to_string());
                }
            }
            Some(Effect::Save) => {
                if let Err(e) = store.save(&app.memory()) {
                    let e = SafeText::new(&e.to_string()).into_owned();
                    app.say(safe_format!("bookmarks not saved: {e}", e));
                }
            }
            // Searches are only handed out once the searcher runs.
            Some(Effect::Search(job)) => {
                if let Some(searcher) = &searcher {
                    let generation = job.generation;
                    searcher.submit(job);
                    if let Some(done) = searcher.wait(generation, FRAME) {
                        app.search_done(done);
                    }
                }
            }
            None => {}
        }
    }
    Ok(())
}

/// Gives the terminal back to the shell (raw mode, mouse reporting and the
/// alternate screen off) and stops, as Ctrl-Z stops a program in a shell;
/// once continued (`fg`), takes the terminal again and redraws it whole.
///
/// The whole process group is stopped, as the terminal's own Ctrl-Z
/// would: under `cargo run` or another wrapper, the shell waits for the
/// wrapper, and only its stopping gives the prompt back.
fn suspend(
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    resumed: &AtomicBool,
) -> anyhow::Result<()> {
    if !under_job_control() {
        app.say(SafeText::lit("no shell to return to here: Ctrl-Z does nothing"));
        return Ok(());
    }
    execute!(screen(), DisableMouseCapture, Show)?;
    ratatui::try_restore()?;
    rustix::process::kill_current_process_group(rustix::process::Signal::STOP)?;
    resume(terminal)?;
    // The SIGCONT that continued this stop is answered already.
    resumed.store(false, Ordering::Relaxed);
    Ok(())
}

/// Takes the terminal again after a stop: raw mode set anew (the shell
/// may have changed the modes while dossier was stopped), the alternate
/// screen and mouse reporting, and the next frame drawn whole.
fn resume(terminal: &mut ratatui::DefaultTerminal) -> anyhow::Result<()> {
    // Raw mode is only set again once crossterm thinks it is off.
    disable_raw_mode()?;
    enable_raw_mode()?;
    execute!(screen(), EnterAlternateScreen, EnableMouseCapture)?;
    terminal.clear()?;
    Ok(())
}

/// Whether a job-control shell started dossier and will continue it
/// (`fg`): such a shell runs each job in a process group of its own, apart
/// from the session's. Started straight by a terminal emulator or tmux, or
/// by a shell without job control, dossier shares the session leader's
/// group: nothing would ever continue it, and the kernel itself ignores
/// the terminal's Ctrl-Z there.
fn under_job_control() -> bool {
    rustix::process::getsid(None).is_ok_and(|session| session != rustix::process::getpgrp())
}

/// The terminal, for control sequences only (modes, the clipboard): text
/// is drawn by ratatui through `ui::text`.
#[allow(clippy::disallowed_methods)]
fn screen() -> Stdout {
    std::io::stdout()
}

/// Hands `url` to the system opener as a single argument, never through a
/// shell, detached from the terminal so it cannot draw over the screen.
/// An opener that cannot start is an error here; one that starts and
/// then fails is reported on `failed` once it ends.
fn open_url(url: &str, failed: std::sync::mpsc::Sender<(String, String)>) -> std::io::Result<()> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let mut child = Command::new(opener)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    // Reap it in the background so no zombie is left behind.
    let url = url.to_string();
    std::thread::spawn(move || {
        let why = match child.wait() {
            Ok(status) if status.success() => return,
            Ok(status) => format!("{opener} failed, {status}"),
            Err(e) => e.to_string(),
        };
        let _ = failed.send((url, why));
    });
    Ok(())
}
