//! Escape-sequence injection: tests/fixtures/hostile.json is a valid
//! dossier whose every free-text string carries terminal escapes (CSI, OSC
//! 52 clipboard writes, OSC 8 links, OSC 0 titles, DCS), BEL, C1 controls
//! (U+009B, U+009D, U+0085), bidirectional overrides and isolates, CR, BS,
//! DEL and NUL. None of it may reach the terminal raw: every screen of the
//! browser is drawn to a `TestBackend` after every key of a walk through
//! all of them and checked cell by cell, and the CLI's plain output byte by
//! byte, while `--json` output keeps the strings exactly.
//!
//! The same file run by the real binary under tmux is in
//! tests/tmux/hostile_tmux.rs.

use std::collections::BTreeSet;

use dossier::app::{App, Effect, Theme};
use dossier::model::Dataset;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use serde_json::Value;

const HOSTILE: &str = include_str!("../fixtures/hostile.json");
const FIXTURE_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile.json");

/// What must never be written to a terminal raw: C0 and C1 controls (ESC,
/// BEL, CR, BS, NUL, U+009B CSI, U+009D OSC, U+0085 NEL...), DEL, and the
/// bidirectional embeddings, overrides, isolates and marks.
fn dangerous(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}'
        )
}

fn hostile() -> Dataset {
    dossier::data::load_bytes(HOSTILE.as_bytes(), "hostile.json").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_fixture_is_valid_and_every_free_text_string_is_hostile() {
    let dataset = hostile();
    let value: Value = serde_json::from_str(HOSTILE).unwrap();
    // Free text is hostile; ids, dates, tab ids, kinds, languages and URLs
    // have a format of their own (URLs are refused with controls: see
    // `urls_with_controls_or_whitespace_do_not_load`).
    let mut plain = BTreeSet::new();
    let mut count = 0;
    walk(&value, &mut String::new(), &mut |path, text| {
        let structural = [
            ".date",
            ".end",
            ".published",
            ".accessed",
            ".corrected",
            ".tab",
            ".kind",
            ".language",
            ".url",
            ".qualifier",
            ".id",
            ".speaker",
            ".actors",
            ".places",
        ];
        let tabs_id = path.starts_with("tabs") && path.ends_with(".id");
        if structural.iter().any(|s| path.contains(s)) || tabs_id {
            return;
        }
        count += 1;
        if !text.chars().any(dangerous) {
            plain.insert(path.to_string());
        }
    });
    assert!(count > 50, "{count} strings");
    // Aliases are also matched by search; one is kept plain on purpose.
    assert!(
        plain.iter().all(|p| p.contains("aliases")),
        "not hostile: {plain:?}"
    );
    assert_eq!(dataset.events.len(), 6);
}

fn walk(value: &Value, path: &mut String, f: &mut dyn FnMut(&str, &str)) {
    match value {
        Value::String(s) => f(path, s),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk(item, path, f);
                path.truncate(len);
            }
        }
        Value::Object(members) => {
            for (k, v) in members {
                let len = path.len();
                path.push('.');
                path.push_str(k);
                walk(v, path, f);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// Drives an `App` on the hostile dossier, drawing after every key and
/// checking each frame.
struct Walk {
    app: App,
    terminal: Terminal<TestBackend>,
    frames: usize,
    /// Whether some frame showed an escaped ESC (`\u{1b}`), so that the
    /// hostile text was really on screen.
    saw_escapes: bool,
    effects: Vec<Effect>,
}

impl Walk {
    fn new(width: u16, height: u16) -> Walk {
        let mut walk = Walk {
            app: App::new(
                hostile(),
                Theme {
                    no_color: false,
                    ..Theme::default()
                },
            ),
            terminal: Terminal::new(TestBackend::new(width, height)).unwrap(),
            frames: 0,
            saw_escapes: false,
            effects: Vec::new(),
        };
        walk.app.set_area(Rect::new(0, 0, width, height));
        walk.draw("start");
        walk
    }

    fn draw(&mut self, what: &str) {
        let app = &self.app;
        self.terminal.draw(|frame| dossier::ui::draw(frame, app)).unwrap();
        let buffer = self.terminal.backend().buffer().clone();
        check_buffer(&buffer, what);
        let text = buffer_text(&buffer);
        self.saw_escapes |= text.contains("\\u{1b}");
        self.frames += 1;
    }

    /// Presses each key of `script` (`<Enter>`, `<Esc>`, `<Tab>`,
    /// `<BackTab>`, `<Down>`, `<PgDn>` or a character), drawing after each.
    fn keys(&mut self, script: &str) {
        let mut rest = script;
        while let Some(c) = rest.chars().next() {
            let named = rest.strip_prefix('<').and_then(|r| r.split_once('>'));
            let (code, len) = match named {
                Some(("Enter", _)) => (KeyCode::Enter, 7),
                Some(("Esc", _)) => (KeyCode::Esc, 5),
                Some(("Tab", _)) => (KeyCode::Tab, 5),
                Some(("BackTab", _)) => (KeyCode::BackTab, 9),
                Some(("Down", _)) => (KeyCode::Down, 6),
                Some(("PgDn", _)) => (KeyCode::PageDown, 6),
                _ => (KeyCode::Char(c), c.len_utf8()),
            };
            self.key(code, &format!("{script:?} at {:?}", &rest[..len]));
            rest = &rest[len..];
        }
    }

    fn key(&mut self, code: KeyCode, what: &str) {
        if let Some(effect) = self.app.on_key(KeyEvent::new(code, KeyModifiers::NONE)) {
            self.effects.push(effect);
        }
        self.draw(what);
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.terminal.backend_mut().resize(width, height);
        self.app.set_area(Rect::new(0, 0, width, height));
        self.draw(&format!("{width}x{height}"));
    }
}

fn buffer_text(buffer: &Buffer) -> String {
    buffer.content().iter().map(|cell| cell.symbol()).collect()
}

/// Every cell of `buffer` is free of dangerous characters.
#[track_caller]
fn check_buffer(buffer: &Buffer, what: &str) {
    for (i, cell) in buffer.content().iter().enumerate() {
        let symbol = cell.symbol();
        if let Some(c) = symbol.chars().find(|&c| dangerous(c)) {
            let width = usize::from(buffer.area.width.max(1));
            panic!(
                "{what}: U+{:04X} in the cell at column {}, row {}; the screen:\n{}",
                u32::from(c),
                i % width,
                i / width,
                screen_lines(buffer)
            );
        }
    }
}

fn screen_lines(buffer: &Buffer) -> String {
    let width = usize::from(buffer.area.width.max(1));
    let cells: Vec<String> = buffer
        .content()
        .iter()
        .map(|c| c.symbol().escape_debug().to_string())
        .collect();
    cells
        .chunks(width)
        .map(|row| row.concat())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_screen_draws_hostile_text_as_visible_escapes() {
    for (width, height) in [(120, 40), (80, 24), (200, 60), (45, 14)] {
        let mut w = Walk::new(width, height);
        // The Overview, scrolled to its end.
        w.keys("jjjjjjjjjj<PgDn><PgDn><PgDn>G");
        // Every view; in each, every row, its detail and its links.
        for tab in '2'..='9' {
            w.keys(&tab.to_string());
            for _ in 0..12 {
                w.keys("j");
            }
            w.keys("g<Enter><Tab><Tab><Tab><BackTab>jjjj<PgDn>G<Esc>");
            w.keys("G<Enter><Tab><Enter>");
            // Whatever that opened (a popup, a link): back out of it.
            w.keys("<Esc><Esc>");
        }
        // Sources grouped by outlet, then back to note order.
        w.keys("8s<Down><Down>s");
        // Search, with hostile characters typed into the query line too.
        w.keys("1/title");
        for c in [
            '\u{1b}', '[', '2', 'J', '\u{7}', '\u{9b}', '\u{202e}', '\u{0}', '\r',
        ] {
            w.key(
                KeyCode::Char(c),
                &format!("typing U+{:04X} in the query", u32::from(c)),
            );
        }
        w.keys("<Esc>/summary<Down><Down><Enter>");
        w.keys("nnnN");
        // Every footnote popup, each offering its URL.
        for n in 1..=5 {
            w.keys(&format!(":{n}<Enter>"));
            w.keys("yo?<Esc><Esc>");
        }
        // Each tab's first event copied, as Markdown and as a citation.
        for tab in 1..=4 {
            w.keys(&format!("{tab}yY"));
        }
        assert!(
            w.effects
                .iter()
                .any(|e| matches!(e, Effect::CopyToClipboard(t) if t.starts_with("### "))),
            "an event was copied"
        );
        // The prompt with junk, and an unknown footnote.
        w.keys(":99<Enter>");
        w.keys(":");
        w.key(KeyCode::Char('\u{1b}'), "ESC typed into the prompt");
        w.keys("<Esc>");
        // Help, scrolled; bookmarks.
        w.keys("?<PgDn><PgDn><Esc>");
        w.keys("2m");
        w.key(KeyCode::Char('\u{1b}'), "ESC typed into a bookmark's note");
        w.keys("<Enter>3m<Enter>'<Down><Esc>");
        // Inline citations in a detail.
        w.keys("2<Enter>f<Tab><Tab><Enter><Esc>f<Esc>");
        // Resizes redraw everything at the new size.
        w.resize(30, 8);
        w.resize(width, height);
        assert!(w.saw_escapes, "no frame showed \\u{{1b}} at {width}x{height}");
        assert!(w.frames > 200, "{} frames", w.frames);
        // The URLs offered were the dataset's, whole (they are valid); an
        // event or a citation copied has nothing dangerous but line breaks.
        for effect in &w.effects {
            match effect {
                Effect::OpenUrl(url) => {
                    assert!(url.starts_with("http") && !url.chars().any(dangerous), "{url:?}");
                }
                Effect::CopyToClipboard(text) if text.starts_with("http") => {
                    assert!(!text.chars().any(dangerous), "{text:?}");
                }
                Effect::CopyToClipboard(text) => {
                    assert!(!text.chars().any(|c| c != '\n' && dangerous(c)), "{text:?}");
                }
                Effect::Quit => panic!("no key of the walk quits"),
                #[allow(unreachable_patterns)]
                _ => {}
            }
        }
    }
}

/// Runs the binary on the hostile fixture with `args`.
fn cli(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("--data")
        .arg(FIXTURE_PATH)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Plain output holds no dangerous character, as raw bytes or text.
#[track_caller]
fn assert_plain_is_safe(args: &[&str]) -> String {
    let out = cli(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = String::from_utf8(bytes.clone()).expect("UTF-8 output");
        // Line breaks separate lines of output; nothing else may pass.
        if let Some((i, c)) = text.char_indices().find(|&(_, c)| dangerous(c) && c != '\n') {
            panic!(
                "{args:?}: U+{:04X} in {name} at byte {i}:\n{}",
                u32::from(c),
                text.escape_debug()
            );
        }
        assert!(!bytes.contains(&0x1b), "{args:?}: a raw ESC byte in {name}");
    }
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.trim().is_empty(), "{args:?}: no output");
    stdout
}

#[test]
fn cli_plain_output_is_sanitized() {
    let listed = assert_plain_is_safe(&["list"]);
    assert!(listed.contains("\\u{1b}"), "{listed}");
    for tab in ["political", "economic", "security", "regional"] {
        assert_plain_is_safe(&["list", "--tab", tab]);
    }
    for id in ["event-1", "event-3", "event-6"] {
        let shown = assert_plain_is_safe(&["show", id]);
        assert!(shown.contains("\\u{1b}"), "{shown}");
    }
    // An id that is itself hostile, passed as an argument.
    assert_plain_is_safe(&["show", "event-\u{1b}[31m2"]);
    for n in ["1", "2", "3", "4", "5"] {
        assert_plain_is_safe(&["footnote", n]);
    }
    for query in [
        "title",
        "summary",
        "mallory",
        "evilcorp",
        "2017",
        "quote",
        "\u{1b}[2J",
    ] {
        let out = cli(&["search", query]);
        if out.status.success() {
            assert_plain_is_safe(&["search", query]);
        }
    }
    assert_plain_is_safe(&["search", "title", "--explain"]);
    for format in ["markdown", "csv"] {
        assert_plain_is_safe(&["export", "--format", format]);
    }
    // A typo-corrected query is echoed on stderr: sanitized too.
    let out = cli(&["search", "titel\u{1b}]0;x\u{7}"]);
    assert!(!out.stderr.contains(&0x1b) && !out.stderr.contains(&0x07));
}

#[test]
fn cli_json_output_keeps_every_string_exactly() {
    let dataset: Value = serde_json::from_str(HOSTILE).unwrap();
    let events = dataset["events"].as_array().unwrap();
    let parse = |args: &[&str]| -> Value {
        let out = cli(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: not JSON: {e}"))
    };
    let listed = parse(&["list", "--json"]);
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), events.len());
    for item in listed {
        let original = events
            .iter()
            .find(|e| e["id"] == item["id"])
            .expect("a listed id exists");
        for key in ["id", "date", "tab", "title", "summary"] {
            assert_eq!(item[key], original[key], "{key}");
        }
    }
    for original in events {
        let id = original["id"].as_str().unwrap();
        let shown = parse(&["show", id, "--json"]);
        for key in ["id", "title", "summary", "quotes", "figures", "actors"] {
            assert_eq!(shown[key], original[key], "show {id:?}: {key}");
        }
    }
    for original in dataset["footnotes"].as_array().unwrap() {
        let n = original["number"].to_string();
        let shown = parse(&["footnote", &n, "--json"]);
        for (key, value) in original.as_object().unwrap() {
            assert_eq!(&shown[key], value, "footnote {n}: {key}");
        }
    }
    let hits = parse(&["search", "title", "--json"]);
    for hit in hits.as_array().unwrap() {
        let original = events.iter().find(|e| e["id"] == hit["id"]).unwrap();
        assert_eq!(hit["title"], original["title"]);
        assert_eq!(hit["summary"], original["summary"]);
    }
    // The whole dataset, defaults written out (`"aliases": []`...), in
    // the current schema.
    let exported = parse(&["export", "--format", "json"]);
    let current = Dataset {
        format: Some(dossier::model::FORMAT.into()),
        version: Some(dossier::model::VERSION),
        ..hostile()
    };
    assert!(
        exported == serde_json::to_value(current).unwrap(),
        "export --format json differs"
    );
}

/// hostile.json with footnote 1's URL replaced by `url` (a JSON string).
fn with_url(url: &str) -> String {
    let text = include_str!("../fixtures/hostile.json");
    let from = r#""url": "https://example.org/a?q=%1B%5B2J""#;
    assert_eq!(text.matches(from).count(), 1);
    text.replacen(from, &format!(r#""url": {url}"#), 1)
}

#[test]
fn urls_with_controls_or_whitespace_do_not_load() {
    let cases = [
        (
            r#""https://example.org/\u001b]52;c;eA==\u0007""#,
            "control character U+001B",
        ),
        (r#""https://example.org/a b""#, "a space"),
        (r#""https://example.org/a\tb""#, "a tab"),
        (r#""https://example.org/a\nb""#, "a line break"),
        (r#""https://example.org/\u009b2J""#, "control character U+009B"),
        (r#""https://example.org/\u00a0""#, "whitespace U+00A0"),
        (
            r#""https://example.org/\u202egpj.exe""#,
            "invisible formatting character U+202E",
        ),
        (
            r#""https://example.org/\u200b""#,
            "invisible formatting character U+200B",
        ),
        (
            r#""javascript:alert(1)""#,
            "expected it to start with http:// or https://",
        ),
        (
            r#""file:///etc/passwd""#,
            "expected it to start with http:// or https://",
        ),
        (
            r#""-https://example.org""#,
            "expected it to start with http:// or https://",
        ),
    ];
    for (url, expected) in cases {
        let err = dossier::data::load_bytes(with_url(url).as_bytes(), "hostile.json").unwrap_err();
        let shown = err.to_string();
        assert!(
            shown.contains("footnotes[0].url: invalid URL") && shown.contains(expected),
            "{url}: {shown}"
        );
        // The message shows the URL escaped, never raw.
        assert!(!shown.chars().any(|c| dangerous(c) && c != '\n'), "{shown:?}");
    }
}

/// Defence in depth, for a dataset that never went through the loader
/// (`App::new` takes any `Dataset`): the popup's `o` refuses a URL that is
/// not plain http(s), and so does its `y` ("only http/https are opened or
/// copied"); `y` used to copy any URL.
#[test]
fn unvalidated_urls_are_neither_opened_nor_copied() {
    for url in [
        "javascript:alert(1)",
        "https://example.org/\u{1b}]52;c;eA==\u{7}",
        "https://a b",
    ] {
        let mut dataset = hostile();
        let json = serde_json::to_string(url).unwrap();
        let text = with_url(&json);
        let value: Value = serde_json::from_str(&text).unwrap();
        dataset.footnotes = serde_json::from_value(value["footnotes"].clone()).unwrap();
        let mut app = App::new(dataset, Theme::default());
        app.set_area(Rect::new(0, 0, 100, 30));
        for key in [':', '1'] {
            app.on_key(KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE));
        }
        app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        for key in ['o', 'y'] {
            let effect = app.on_key(KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE));
            assert_eq!(effect, None, "{key} on {url:?}");
        }
    }
}

/// Regression (was missing from src/sanitize.rs): `is_unsafe` covers everything issue 8
/// lists, and the LRM/RLM marks; U+061C ARABIC LETTER MARK is the third
/// bidirectional mark (Unicode's Bidi_Control set is U+061C, U+200E,
/// U+200F, U+202A–U+202E, U+2066–U+2069) and could join them.
#[test]
fn every_bidi_control_is_escaped() {
    for c in [
        '\u{61c}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}',
    ] {
        assert!(dossier::sanitize::is_unsafe(c), "U+{:04X}", u32::from(c));
    }
}

/// The URL shown in footnote `n`'s popup, its wrapped rows put back
/// together, and what else the popup says about it.
fn shown_url(app: &App, n: u32) -> (String, String) {
    let doc = dossier::app::content::footnote(app.lookup(), n, 40);
    let segs = doc.rows.iter().flatten();
    let url = segs
        .clone()
        .filter(|s| s.role == dossier::app::doc::Role::Url)
        .map(|s| s.text.as_str())
        .collect();
    let all = segs.map(|s| s.text.as_str()).collect();
    (url, all)
}

/// What `y` and `o` send for footnote `n`, from its popup.
fn sent_urls(app: &mut App, n: u32) -> Vec<Option<Effect>> {
    let key = |app: &mut App, code| app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    for c in format!(":{n}").chars() {
        key(app, KeyCode::Char(c));
    }
    key(app, KeyCode::Enter);
    let sent = vec![key(app, KeyCode::Char('y')), key(app, KeyCode::Char('o'))];
    key(app, KeyCode::Esc);
    sent
}

/// What is shown is exactly what is opened or copied: for every URL of the
/// embedded dossier, and for URLs the loader refuses (in a dataset that
/// never went through it), which are shown with their escapes and neither
/// opened nor copied. `http://x/` with a soft hyphen used to show as
/// `http://x/` and be sent with the soft hyphen.
#[test]
fn shown_urls_are_exactly_what_is_opened_and_copied() {
    let mut app = App::new(dossier::data::embedded(), Theme::default());
    app.set_area(Rect::new(0, 0, 100, 30));
    let numbers: Vec<u32> = app.dataset.footnotes.iter().map(|f| f.number).collect();
    let mut checked = 0;
    for n in numbers {
        let Some(url) = app.lookup().url(n).map(str::to_string) else {
            continue;
        };
        assert_eq!(shown_url(&app, n).0, url, "footnote {n}");
        assert_eq!(
            sent_urls(&mut app, n),
            [
                Some(Effect::CopyToClipboard(url.clone())),
                Some(Effect::OpenUrl(url))
            ],
            "footnote {n}"
        );
        checked += 1;
    }
    assert!(checked >= 20, "{checked} URLs");

    for (url, shown) in [
        ("http://x/\u{ad}", "http://x/\\u{ad}"),
        ("http://x/\u{200b}y", "http://x/\\u{200b}y"),
        ("http://?q", "http://?q"),
        ("http://:80", "http://:80"),
        ("http://@", "http://@"),
        ("http://#", "http://#"),
        (
            "https://evil.example\\@good.example/",
            "https://evil.example\\@good.example/",
        ),
    ] {
        let mut dataset = hostile();
        let json = serde_json::to_string(url).unwrap();
        let value: Value = serde_json::from_str(&with_url(&json)).unwrap();
        dataset.footnotes = serde_json::from_value(value["footnotes"].clone()).unwrap();
        let mut app = App::new(dataset, Theme::default());
        app.set_area(Rect::new(0, 0, 100, 30));
        assert_eq!(shown_url(&app, 1).0, shown, "{url:?}");
        assert_eq!(sent_urls(&mut app, 1), [None, None], "{url:?}");
    }

    // A Unicode host is sent as written and shown with its punycode too.
    let mut dataset = hostile();
    let value: Value = serde_json::from_str(&with_url("\"https://аpple.com/\"")).unwrap();
    dataset.footnotes = serde_json::from_value(value["footnotes"].clone()).unwrap();
    let mut app = App::new(dataset, Theme::default());
    app.set_area(Rect::new(0, 0, 100, 30));
    let (url, all) = shown_url(&app, 1);
    assert_eq!(url, "https://аpple.com/");
    assert!(all.contains("xn--pple-43d.com"), "{all}");
    let sent = "https://аpple.com/".to_string();
    assert_eq!(
        sent_urls(&mut app, 1),
        [
            Some(Effect::CopyToClipboard(sent.clone())),
            Some(Effect::OpenUrl(sent))
        ]
    );
    let source = dossier::app::pages::source(app.lookup(), 1, app.links(), 60, &app);
    let text: String = source.rows.iter().flatten().map(|s| s.text.as_str()).collect();
    assert!(text.contains("xn--pple-43d.com"), "{text}");
}
