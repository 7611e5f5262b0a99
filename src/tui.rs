//! The terminal: setup, the event loop, and restoring the terminal on
//! every way out (`q`, Ctrl-C, a panic, SIGINT, SIGQUIT, SIGUSR1, SIGTERM,
//! SIGHUP, an I/O error), and while suspended (Ctrl-Z, SIGTSTP).

use std::io::{IsTerminal, Stdout, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use ratatui::crossterm::clipboard::CopyToClipboard;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, disable_raw_mode, enable_raw_mode};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1};

use crate::app::keymap::{Context, KeyMap};
use crate::app::{Action, App, Effect, Theme, View};
use crate::cache::{Browsed, Unverified};
use crate::config::Config;
use crate::progress::{self, Progress};
use crate::safe_format;
use crate::sanitize::SafeText;
use crate::searcher::Searcher;
use crate::state::Store;

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

/// What opens the dataset: run on a thread of its own while the browser
/// shows how far it has got.
pub type Opener = Box<dyn FnOnce() -> anyhow::Result<Browsed> + Send>;

/// Runs the browser on the dataset `open` loads until the reader quits or
/// a signal asks the program to stop; the terminal is restored before this
/// returns. The first frame comes at once: while `open` runs, a counter
/// says how far it has got (the file `name`) and `q` gives up. A load that
/// fails returns its error once the terminal is restored, so it is printed
/// on the normal screen. Bookmarks and the last position are restored
/// from, and saved to, the state file of the dataset's key, the hash of its
/// text (see [`crate::state`]). The dataset file itself is never written.
/// Keys and colours are `config`'s; `note`, if any, is shown on the status
/// line at start (why the configuration was not used).
pub fn run(
    open: Opener,
    name: SafeText<'static>,
    config: Config,
    note: Option<SafeText<'static>>,
) -> anyhow::Result<()> {
    if !screen().is_terminal() {
        // A bad file is the first thing to report.
        open()?;
        anyhow::bail!(
            "the browser needs a terminal on standard output; for plain output use `dossier list` or `dossier search`"
        );
    }
    // Before the state file is opened or the terminal touched: from here
    // on a signal is answered by restoring and saving.
    let signals = Signals::register().context("installing a signal handler")?;
    let theme = Theme {
        colors: config.colors,
        hyperlinks: config.links.hyperlinks(|name| std::env::var(name).ok()),
        ..Theme::from_env()
    };
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
    let Some(Opening {
        loaded:
            Browsed {
                meta,
                records,
                columns,
                index,
                key,
                unverified,
                storing,
            },
        early,
        typed,
    }) = loading(&mut terminal, open, &name, &config.keys, theme, &signals)?
    else {
        // Given up while loading: nothing was read into the browser, so
        // there is nothing to save (the state file may have been read,
        // and a damaged one moved aside, which the next opening says).
        return Ok(());
    };
    // The early state file is the dataset's unless the load changed its
    // mind past the head (an entry failing its checks, over a file changed
    // under the same stat): then only the keys typed are kept.
    let same = early.as_ref().is_none_or(|e| e.key == key);
    let (stored, shown) = match early {
        Some(Early {
            store, state, shown, ..
        }) if same => (Some((store, state)), shown),
        Some(early) => (None, early.shown),
        None => (None, None),
    };
    let (mut store, loaded) = stored.unwrap_or_else(|| {
        let mut store = Store::from_env(key);
        let state = store.load();
        (store, state)
    });
    let mut app = App::on_records(meta, records, columns, index, theme);
    // Before the position is put back, which builds its event's detail:
    // the event loop starts the links' thread after the first frame.
    app.defer_links();
    app.keys = config.keys;
    // The last position is put back at the real size, so the list scrolls
    // to it as it would have.
    app.set_area(terminal.size()?.into());
    if let Some(memory) = &loaded.memory {
        app.recall(memory);
    }
    // Where the reader scrolled the Overview while the events came in, and
    // then what they typed, as if it had all been typed to this app. Keys
    // typed before the Overview showed were handed to it, so `typed` holds
    // any only where it never showed.
    let held = shown.map_or(typed, |Shown { app: early, held }| {
        // Set again, clamped: the terminal may have been resized since.
        if let (true, Some((_, set))) = (same, View::Overview.spec().scroll) {
            set(&mut app, early.overview_scroll);
        }
        held
    });
    // The configuration's note and the state's, on the status line
    // together and in the message log each.
    let notes: Vec<SafeText<'static>> = [note, loaded.note].into_iter().flatten().collect();
    for note in &notes {
        app.say(note.clone());
    }
    if notes.len() > 1 {
        app.status = Some(SafeText::join(notes, &SafeText::lit(" · ")));
    }

    let result = event_loop(&mut app, &mut terminal, &mut store, &signals, unverified, held);
    // Saved on every way out but a panic: `q`, Ctrl-C, a signal, an error.
    let saved = store.save(&app.memory());
    drop(terminal);
    drop(restore);
    storing.stop(crate::cache::QUIT_GRACE);
    if let Err(e) = saved {
        crate::cli::out::error(&safe_format!(
            "dossier: position and bookmarks not saved: {e}",
            e = SafeText::new(&e.to_string())
        ));
    }
    // The process ends here and gives all of it back at once: freeing a
    // million events one by one kept the shell waiting 1.3 s after `q`.
    std::mem::forget(app);
    result
}

/// How long a load may take before the counter is drawn: a small file
/// opens straight into the browser, with no flash of a loading screen.
const LOADING_GRACE: Duration = Duration::from_millis(25);

/// How often the loading counter is redrawn.
const LOADING_REDRAW: Duration = Duration::from_millis(50);

/// How often the loading loop looks for keys, signals and the end of the
/// load: the browser shows within this of the load's end.
const LOADING_POLL: Duration = Duration::from_millis(5);

/// How often, in the grace, the loading loop looks for the end of the load
/// and for its head: the Overview shows within this of the head.
const GRACE_POLL: Duration = Duration::from_millis(1);

/// What the loading screen hands the browser: the load, and what it
/// learned before the events were in.
struct Opening {
    loaded: Browsed,
    early: Option<Early>,
    /// Keys typed while no Overview showed (the counter, or a dataset
    /// whose reader was elsewhere), in order: the browser runs them first.
    typed: Vec<Event>,
}

/// What the loading screen learned from the load's [`progress::Head`].
struct Early {
    /// The state file, read (once) to know where the reader would land.
    store: Store,
    state: crate::state::Loaded,
    /// The Overview, if that is where: nothing jumps once the events are in.
    shown: Option<Shown>,
    /// The dataset's key as the head gave it, which named the state file.
    key: crate::state::DatasetKey,
}

/// The Overview shown while the events were still being read.
struct Shown {
    /// The Overview's app; its scroll is the reader's.
    app: App,
    /// Every key typed meanwhile that was not the Overview's scrolling, in
    /// order: the whole app runs them once it is built.
    held: Vec<Event>,
}

impl Early {
    /// Reads the state file of `head`'s dataset, and shows its Overview
    /// if the saved position is on it (or there is none).
    fn of(head: progress::Head, keys: &KeyMap, theme: Theme, area: ratatui::layout::Rect) -> Early {
        let key = head.key.clone();
        let mut store = Store::from_env(key.clone());
        let state = store.load();
        let overview = View::Overview.key();
        let elsewhere = state
            .memory
            .as_ref()
            .is_some_and(|m| Some(m.position.view.as_str()) != overview);
        let shown = (!elsewhere).then(|| {
            let count = crate::format::number(head.counts.iter().sum::<usize>() as f64);
            let mut app = App::before_events(head, theme);
            app.keys = keys.clone();
            app.set_area(area);
            if let Some(memory) = &state.memory {
                app.recall(memory);
            }
            app.status = Some(safe_format!(
                "reading {count} events… other keys wait for them",
                count = SafeText::new(&count).into_owned()
            ));
            Shown {
                app,
                held: Vec::new(),
            }
        });
        Early {
            store,
            state,
            shown,
            key,
        }
    }
}

impl Shown {
    /// Takes `key`: the Overview's scrolling moves it now, unless keys
    /// are held already (they come first); any other is held.
    fn key(&mut self, key: ratatui::crossterm::event::KeyEvent) {
        let now = self.held.is_empty()
            && matches!(
                self.app.keys.lookup(&self.app.contexts(), &key),
                Some(
                    Action::Down
                        | Action::Up
                        | Action::PageDown
                        | Action::PageUp
                        | Action::Top
                        | Action::Bottom
                )
            );
        if now {
            let status = self.app.status.clone();
            self.app.on_key(key);
            self.app.status = status;
        } else {
            self.held.push(Event::Key(key));
        }
    }
}

/// Runs `open` on a thread of its own, drawing its progress until it is
/// done; `None` when the reader gave up (a quit key or a stop signal).
/// Once the load knows all but the events, the Overview is drawn instead
/// of the counter, where the reader would land on it.
fn loading(
    terminal: &mut ratatui::DefaultTerminal,
    open: Opener,
    name: &SafeText<'_>,
    keys: &KeyMap,
    theme: Theme,
    signals: &Signals,
) -> anyhow::Result<Option<Opening>> {
    let progress = Arc::new(Progress::default());
    let watched = Arc::clone(&progress);
    let started = Instant::now();
    let (done, result) = std::sync::mpsc::channel();
    let loader = std::thread::Builder::new()
        .name("load".into())
        .spawn(move || {
            // On a pool of the load's own: this thread's parallel steps
            // (the Overview's app, drawn meanwhile) would otherwise queue
            // behind its chunks on the shared one (135 ms at 100,000
            // events, for an app with no events to build).
            hold_for_tests("DOSSIER_TEST_HOLD_READ");
            let load = || progress::tracking(Some(watched), open);
            let loaded = match pool("load", true) {
                Some(pool) => pool.install(load),
                None => load(),
            };
            hold_for_tests("DOSSIER_TEST_HOLD_LOAD");
            // The receiver is gone only if the reader gave up already.
            let _ = done.send(loaded);
        })
        .context("starting the loader")?;
    let mut drawn: Option<Instant> = None;
    let mut wait = GRACE_POLL;
    let mut early: Option<Early> = None;
    // Keys typed before an Overview shows, the browser's once it has one.
    let mut typed: Vec<Event> = Vec::new();
    loop {
        match result.recv_timeout(wait) {
            Ok(loaded) => {
                return Ok(Some(Opening {
                    loaded: loaded?,
                    early,
                    typed,
                }));
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                // The loader panicked before it could answer: pass it on.
                return match loader.join() {
                    Err(panic) => std::panic::resume_unwind(panic),
                    Ok(()) => Err(anyhow::anyhow!("the loader stopped without a dataset")),
                };
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
        }
        if signals.stop.load(Ordering::Relaxed) {
            return Ok(None);
        }
        if signals.suspend.swap(false, Ordering::Relaxed) && under_job_control() {
            suspend(terminal, &signals.resumed)?;
            drawn = None;
        }
        if signals.resumed.swap(false, Ordering::Relaxed) {
            resume(terminal)?;
            drawn = None;
        }
        if early.is_none()
            && let Some(head) = progress.take_head()
        {
            let mut learned = Early::of(head, keys, theme, terminal.size()?.into());
            if let Some(shown) = &mut learned.shown {
                shown.held = std::mem::take(&mut typed);
            }
            early = Some(learned);
            drawn = None;
        }
        // Nothing is drawn in the grace but the Overview, if the head
        // comes in it; the load is listened for in steps meanwhile.
        let shows = early.as_ref().is_some_and(|e| e.shown.is_some());
        if !shows && started.elapsed() < LOADING_GRACE {
            continue;
        }
        wait = Duration::ZERO;
        match early.as_mut().and_then(|e| e.shown.as_mut()) {
            Some(shown) if drawn.is_none() => {
                shown.app.set_area(terminal.size()?.into());
                terminal.draw(|frame| crate::ui::draw(frame, &shown.app))?;
                drawn = Some(Instant::now());
            }
            Some(_) => {}
            None if drawn.is_none_or(|at| at.elapsed() >= LOADING_REDRAW) => {
                terminal.draw(|frame| {
                    crate::ui::loading::draw(frame, name, progress.snapshot(), started.elapsed())
                })?;
                drawn = Some(Instant::now());
            }
            None => {}
        }
        if !event::poll(LOADING_POLL)? {
            continue;
        }
        let event = event::read()?;
        let quits = |contexts: &[Context]| match &event {
            Event::Key(key) => keys.lookup(contexts, key),
            _ => None,
        };
        // Ctrl-C at any time; `q` unless typed after held keys, which may
        // have opened a line it is typed into.
        let shown = early.as_mut().and_then(|e| e.shown.as_mut());
        let browsing = typed.is_empty() && shown.as_ref().is_none_or(|s| s.held.is_empty());
        match quits(if browsing {
            &[Context::Always, Context::Browse]
        } else {
            &[Context::Always]
        }) {
            Some(Action::Quit) => return Ok(None),
            Some(Action::Suspend) if under_job_control() => {
                suspend(terminal, &signals.resumed)?;
                drawn = None;
                continue;
            }
            _ => {}
        }
        match (event, shown) {
            (Event::Key(key), Some(shown)) => {
                shown.key(key);
                drawn = None;
            }
            (key @ Event::Key(_), None) => typed.push(key),
            (Event::Resize(..), _) => drawn = None,
            _ => {}
        }
    }
}

/// A pool of threads named `name-N`, each [`behind_the_terminal`] if
/// `behind` is set.
fn pool(name: &'static str, behind: bool) -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .thread_name(move |i| format!("{name}-{i}"))
        .start_handler(move |_| {
            if behind {
                behind_the_terminal();
            }
        })
        .build()
        .ok()
}

/// Lowers the calling thread's priority, where a thread has one of its
/// own (Linux): the load's threads then leave the terminal's thread the
/// core it needs to draw and answer keys while they read (the Overview's
/// app took 10-20 ms to build beside them on two cores, 4 ms alone).
fn behind_the_terminal() {
    #[cfg(target_os = "linux")]
    let _ = rustix::process::nice(LOAD_NICE);
}

/// How far below the terminal's thread the load's threads run: far
/// enough that the terminal's gets a core, near enough that the load
/// still gets its share beside other programs.
#[cfg(target_os = "linux")]
const LOAD_NICE: i32 = 5;

/// Debug builds only, for the end-to-end tests of what the loading screen
/// shows (tests/tmux): the load is held back for as many milliseconds as
/// `knob` says, before it starts (`DOSSIER_TEST_HOLD_READ`: the counter
/// shows) or once it is done (`DOSSIER_TEST_HOLD_LOAD`: the Overview).
fn hold_for_tests(knob: &str) {
    if cfg!(debug_assertions)
        && let Some(ms) = std::env::var(knob).ok().and_then(|v| v.parse().ok())
    {
        std::thread::sleep(Duration::from_millis(ms));
    }
}

/// Checks on a thread of its own that the file's text is the one the
/// cache entry that served it was made from (see [`Unverified`]): the
/// answer comes on the channel only if it is not. No thread, no check:
/// the stat it was served on is trusted, as the command line trusts it.
fn check_in_background(unverified: Unverified) -> Option<Receiver<()>> {
    let (disproved, answer) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("verify".into())
        .spawn(move || {
            if !unverified.check() {
                let _ = disproved.send(());
            }
        })
        .ok()?;
    Some(answer)
}

/// Runs the browser until it is asked to stop; a dataset served on its
/// file's stat (`unverified`) is checked once the first frame is drawn.
fn event_loop(
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    store: &mut Store,
    signals: &Signals,
    mut unverified: Option<Unverified>,
    held: Vec<Event>,
) -> anyhow::Result<()> {
    let mut held = std::collections::VecDeque::from(held);
    // Exists only for the end-to-end test of panic restoration
    // (tests/tmux/tui_tmux.rs): panic right after the first frame. Debug builds
    // only: a released binary has no way to be made to panic.
    let test_panic =
        cfg!(debug_assertions) && std::env::var_os("DOSSIER_TEST_PANIC").is_some_and(|v| v == "1");

    // Searches run on their own thread, so typing never waits for one;
    // if it cannot be started they run on the spot.
    // The whole search thread on a pool of its own: reading the index and
    // building its lists on the shared pool, the browser's own parallel
    // steps (a view's rows) queued behind them. Not behind the terminal:
    // beside a build at normal priority, `erdogan` at 100,000 events took
    // 3-5 s to answer that way.
    let searcher = Searcher::new(Arc::clone(&app.index), pool("search", false)).ok();
    if searcher.is_some() {
        app.defer_searches();
    }
    // An opener that started but failed (no browser configured) says so
    // from its own thread; the loop shows it.
    let (opener_failed, open_failures) = std::sync::mpsc::channel::<(String, String)>();
    let mut disproved: Option<Receiver<()>> = None;
    // Draw only after something happened: idle, the loop just waits.
    let mut dirty = true;
    let mut first_frame = true;
    let mut links_started = false;
    while !signals.stop.load(Ordering::Relaxed) {
        if signals.suspend.swap(false, Ordering::Relaxed) {
            stop_for_the_shell(app, terminal, &signals.resumed)?;
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
        if disproved.as_ref().is_some_and(|d| d.try_recv().is_ok()) {
            app.say(SafeText::lit(
                "the file changed since it was cached, unseen by its dates: this is the old text, reopen for the new",
            ));
            dirty = true;
        }
        // An event's detail drawn before its related events were known.
        if app.links_came() {
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
            // Not before: on two cores, hashing a large file or working
            // out its links would delay the first frame by as much as it
            // takes.
            if std::mem::take(&mut first_frame) {
                disproved = unverified.take().and_then(check_in_background);
            }
        }
        // The links (1.6 s of both cores at a million events, read from a
        // cache entry) once the search is ready: a search typed at once
        // waited for both, 5.5 s instead of 4.4 s before events were read
        // as shown.
        if !first_frame && !links_started && searcher.as_ref().is_none_or(Searcher::prepared) {
            app.links_in_background();
            links_started = true;
        }
        if test_panic {
            panic!("DOSSIER_TEST_PANIC is set: panicking after the first frame, as asked");
        }
        let wait = if app.is_searching() { RESULTS_POLL } else { TICK };
        let event = match held.pop_front() {
            Some(event) => event,
            None if event::poll(wait)? => event::read()?,
            None => continue,
        };
        dirty = true;
        let effect = match event {
            Event::Key(key) => app.on_key(key),
            Event::Mouse(mouse) => app.on_mouse(mouse),
            // Resizes and the rest: the next turn redraws at the new size.
            _ => None,
        };
        match effect {
            Some(Effect::Quit) => break,
            Some(Effect::Suspend) => stop_for_the_shell(app, terminal, &signals.resumed)?,
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

/// Suspends as [`suspend`] does where a shell will continue dossier, and
/// says why not elsewhere.
fn stop_for_the_shell(
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    resumed: &AtomicBool,
) -> anyhow::Result<()> {
    if under_job_control() {
        suspend(terminal, resumed)
    } else {
        app.say(SafeText::lit("no shell to return to here: Ctrl-Z does nothing"));
        Ok(())
    }
}

/// Gives the terminal back to the shell (raw mode, mouse reporting and the
/// alternate screen off) and stops (the caller checks that a shell will
/// continue it: [`under_job_control`]), as Ctrl-Z stops a program in a shell;
/// once continued (`fg`), takes the terminal again and redraws it whole.
///
/// The whole process group is stopped, as the terminal's own Ctrl-Z
/// would: under `cargo run` or another wrapper, the shell waits for the
/// wrapper, and only its stopping gives the prompt back.
fn suspend(terminal: &mut ratatui::DefaultTerminal, resumed: &AtomicBool) -> anyhow::Result<()> {
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
