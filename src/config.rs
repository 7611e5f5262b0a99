//! The user's configuration: key bindings, theme colours and the default
//! dataset, read from `$XDG_CONFIG_HOME/dossier/config.toml` (else
//! `~/.config/dossier/config.toml`) or the file given with `--config`.
//!
//! Sections follow gitui, television and yazi: `[keys.<context>]` maps an
//! action to its keys (`quit = ["q", "ctrl-q"]`), `[theme]` a role to a
//! colour, `[data]` holds `path`, `[terminal]` holds `links`. The reader walks toml's spanned document
//! itself rather than deriving serde types, so that every problem carries
//! the line and column of the very key or value that is wrong, with its
//! own message of what was expected.

use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::app::keymap::{Context, KeyMap};
use crate::app::keyspec;
use crate::app::theme::{COLOR_ROLES, Colors, color_name, parse_color};
use crate::data::locate::Lines;
use crate::fsutil::{self, Accept, ReadError};
use crate::sanitize::{SafeText, echo};

/// A configuration file is a few kilobytes; a larger "file" is a mistake
/// (`--config /dev/zero`) that must not be read whole.
const MAX_BYTES: u64 = 1 << 20;

/// Everything the configuration sets; the default is what dossier does
/// without one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The key table with the configured keys in place.
    pub keys: KeyMap,
    /// The colour of each theme role.
    pub colors: Colors,
    /// The dataset to open when `--data` is not given.
    pub data: Option<PathBuf>,
    /// Whether URLs are drawn as OSC 8 hyperlinks.
    pub links: LinkMode,
}

/// `[terminal] links`: whether URLs are drawn as OSC 8 hyperlinks, which
/// a terminal that knows them makes clickable and one that does not may
/// print as garbage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LinkMode {
    /// Hyperlinks where the environment names a terminal known to show
    /// them ([`LinkMode::hyperlinks`]), plain text elsewhere.
    #[default]
    Auto,
    /// Always hyperlinks.
    Osc8,
    /// Never: URLs are plain text.
    Plain,
}

impl LinkMode {
    /// Every mode, as the configuration writes it.
    pub const ALL: [(&'static str, LinkMode); 3] = [
        ("auto", LinkMode::Auto),
        ("osc8", LinkMode::Osc8),
        ("plain", LinkMode::Plain),
    ];

    /// Whether to draw hyperlinks, `env` giving the environment. `auto`
    /// says yes only for terminals that announce themselves as ones that
    /// show OSC 8 (kitty, WezTerm, iTerm2, Ghostty, foot, Alacritty,
    /// Windows Terminal, VS Code, VTE 0.50 and later, Konsole), and never
    /// inside tmux or screen, which pass the sequence on only when set up
    /// to: there plain text, which a mouse selects as well.
    pub fn hyperlinks(self, env: impl Fn(&str) -> Option<String>) -> bool {
        match self {
            LinkMode::Osc8 => true,
            LinkMode::Plain => false,
            LinkMode::Auto => {
                let set = |name: &str| env(name).is_some_and(|v| !v.is_empty());
                if set("TMUX") || set("STY") {
                    return false;
                }
                let term = env("TERM").unwrap_or_default();
                let program = env("TERM_PROGRAM").unwrap_or_default();
                let vte = env("VTE_VERSION").and_then(|v| v.parse::<u32>().ok());
                ["kitty", "wezterm", "ghostty", "foot", "alacritty"]
                    .iter()
                    .any(|t| term.contains(t))
                    || ["iTerm.app", "WezTerm", "ghostty", "vscode"].contains(&program.as_str())
                    || ["KITTY_WINDOW_ID", "WT_SESSION", "KONSOLE_VERSION"]
                        .iter()
                        .any(|v| set(v))
                    || vte.is_some_and(|v| v >= 5000)
            }
        }
    }
}

/// One thing wrong in a configuration file, with its 1-based place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    /// What is wrong, then `: expected …`.
    pub message: String,
}

/// Why a configuration could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {}: {error}", SafeText::path(.path))]
    Read { path: PathBuf, error: String },
    /// Every problem found, in file order; one line each.
    #[error("{}", display_problems(.path, .problems))]
    Invalid { path: PathBuf, problems: Vec<Problem> },
}

fn display_problems(path: &Path, problems: &[Problem]) -> String {
    let path = SafeText::path(path);
    let lines: Vec<String> = problems
        .iter()
        .map(|p| format!("{path}:{}:{}: {}", p.line, p.column, p.message))
        .collect();
    lines.join("\n")
}

impl ConfigError {
    /// One short line for the browser's status line: the file's name and
    /// the first problem, without what was expected (the full error is on
    /// standard error).
    pub fn short(&self) -> String {
        match self {
            ConfigError::Read { .. } => self.to_string(),
            ConfigError::Invalid { path, problems } => {
                let name = Path::new(path.file_name().unwrap_or(path.as_os_str()));
                let more = if problems.len() > 1 { " (and more)" } else { "" };
                match problems.first() {
                    Some(first) => {
                        let what = first.message.split(": expected").next().unwrap_or_default();
                        format!(
                            "{}:{}:{}: {what}{more}",
                            SafeText::path(name),
                            first.line,
                            first.column
                        )
                    }
                    None => SafeText::path(name).to_string(),
                }
            }
        }
    }
}

/// Where the configuration is looked for when `--config` is not given.
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute())
        .or_else(|| dirs::home_dir().map(|home| home.join(".config")))?;
    Some(base.join("dossier").join("config.toml"))
}

/// The configuration in `flag` (the `--config` file, which must exist),
/// else in the default place, else the defaults.
pub fn read(flag: Option<&Path>) -> Result<Config, ConfigError> {
    let (path, required) = match flag {
        Some(path) => (path.to_path_buf(), true),
        None => match default_path() {
            Some(path) => (path, false),
            None => return Ok(Config::default()),
        },
    };
    let bytes = match fsutil::read(&path, Accept::File, MAX_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadError::Io(e)) if !required && e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Config::default());
        }
        Err(ReadError::Io(e)) => return Err(read_error(&path, e.to_string())),
        Err(ReadError::TooLarge(_)) => {
            return Err(read_error(
                &path,
                "larger than 1 MiB; a configuration is a few lines".into(),
            ));
        }
    };
    let text = String::from_utf8(bytes).map_err(|_| read_error(&path, "not UTF-8 text".into()))?;
    parse(&text, path.parent().unwrap_or(Path::new(".")))
        .map_err(|problems| ConfigError::Invalid { path, problems })
}

fn read_error(path: &Path, error: String) -> ConfigError {
    ConfigError::Read {
        path: path.to_path_buf(),
        error,
    }
}

/// Problems found so far, by byte span, located at the end.
#[derive(Default)]
struct Found(Vec<(Range<usize>, String)>);

impl Found {
    fn add(&mut self, span: Range<usize>, message: String) {
        self.0.push((span, message));
    }
}

/// Reads a configuration's text; `dir` is where a relative `[data] path`
/// is taken from (the file's directory).
pub fn parse(text: &str, dir: &Path) -> Result<Config, Vec<Problem>> {
    let mut found = Found::default();
    let mut config = Config::default();
    match DeTable::parse(text) {
        Ok(document) => read_document(document.get_ref(), dir, &mut config, &mut found),
        Err(e) => found.add(
            e.span().unwrap_or(0..0),
            format!("not valid TOML: {}", e.message().trim()),
        ),
    }
    if found.0.is_empty() {
        return Ok(config);
    }
    found.0.sort_by_key(|(span, _)| span.start);
    let lines = Lines::new(text);
    Err(found
        .0
        .into_iter()
        .map(|(span, message)| {
            let at = lines.position(span.start);
            Problem {
                line: at.line,
                column: at.column,
                message,
            }
        })
        .collect())
}

/// The type of `value` with its article: `an integer`, `a string`.
fn kind(value: &Spanned<DeValue>) -> String {
    let name = value.get_ref().type_str();
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

/// `one of a, b, c` for messages.
fn one_of<'a>(names: impl Iterator<Item = &'a str>) -> String {
    format!("one of {}", names.collect::<Vec<_>>().join(", "))
}

fn read_document(document: &DeTable, dir: &Path, config: &mut Config, found: &mut Found) {
    for (name, value) in document {
        let section = name.get_ref().as_ref();
        if !["keys", "theme", "data", "terminal"].contains(&section) {
            found.add(
                name.span(),
                format!(
                    "unknown section [{}]: expected [keys.…], [theme], [data] or [terminal]",
                    echo(section)
                ),
            );
            continue;
        }
        let Some(table) = value.get_ref().as_table() else {
            found.add(
                value.span(),
                format!("{section} is {}: expected a table [{section}]", kind(value)),
            );
            continue;
        };
        match section {
            "keys" => read_keys(table, &mut config.keys, found),
            "theme" => read_theme(table, &mut config.colors, found),
            "terminal" => read_terminal(table, &mut config.links, found),
            _ => config.data = read_data(table, dir, found),
        }
    }
}

fn read_keys(table: &DeTable, keys: &mut KeyMap, found: &mut Found) {
    // Where each configured action was written, to place a clash.
    let mut written: Vec<(Context, String, Range<usize>)> = Vec::new();
    for (name, value) in table {
        let Some(context) = Context::all().find(|c| c.id() == name.get_ref().as_ref()) else {
            found.add(
                name.span(),
                format!(
                    "unknown key context [keys.{}]: expected {}",
                    echo(name.get_ref()),
                    one_of(Context::all().map(Context::id))
                ),
            );
            continue;
        };
        let Some(actions) = value.get_ref().as_table() else {
            found.add(
                value.span(),
                format!(
                    "[keys.{}] is not a table: expected a table of action = keys",
                    context.id()
                ),
            );
            continue;
        };
        for (action, value) in actions {
            let action_name = action.get_ref().as_ref();
            if !keys.has(context, action_name) {
                let known = keys.actions();
                found.add(
                    action.span(),
                    format!(
                        "unknown action \"{}\" in [keys.{}]: expected {}",
                        echo(action_name),
                        context.id(),
                        one_of(known.iter().filter(|a| a.0 == context).map(|a| a.1))
                    ),
                );
                continue;
            }
            if let Some(list) = key_list(value, found) {
                keys.rebind(context, action_name, list);
                written.push((context, action_name.to_string(), value.span()));
            }
        }
    }
    if let Some(clash) = keys.clash() {
        // The clash is placed at the last action written of the two; at
        // least one of them was written, or the defaults would clash.
        let span = written
            .iter()
            .filter(|(c, a, _)| clash.actions.contains(&(*c, a.as_str())))
            .map(|(_, _, span)| span.clone())
            .next_back()
            .unwrap_or(0..0);
        let key = clash.key.spec();
        let message = match clash.actions {
            [(first, a), (second, b)] if first == second => format!(
                "key \"{key}\" is bound to both {a} and {b} in [keys.{}]: expected each key once per context",
                first.id()
            ),
            [(first, a), (second, b)] => format!(
                "key \"{key}\" is bound to {b} in [keys.{}], but [keys.{}] takes it first for {a}: \
                 expected a key that [keys.{}] does not use",
                second.id(),
                first.id(),
                first.id()
            ),
        };
        found.add(span, message);
    }
}

/// A key (`"q"`) or a list of keys (`["q", "ctrl-c"]`; `[]` unbinds).
fn key_list(value: &Spanned<DeValue>, found: &mut Found) -> Option<Vec<crate::app::keymap::Key>> {
    let one = std::slice::from_ref(value);
    let specs = match value.get_ref() {
        DeValue::String(_) => one,
        DeValue::Array(array) => array.as_ref(),
        other => {
            found.add(
                value.span(),
                format!(
                    "{} given: expected {}, or a list of them",
                    other.type_str(),
                    keyspec::EXPECTED
                ),
            );
            return None;
        }
    };
    let mut keys = Vec::new();
    let mut ok = true;
    for spec in specs {
        match spec
            .get_ref()
            .as_str()
            .map(|s| (s, crate::app::keymap::Key::parse(s)))
        {
            Some((_, Some(key))) => keys.push(key),
            Some((text, None)) => {
                ok = false;
                found.add(
                    spec.span(),
                    format!("bad key \"{}\": expected {}", echo(text), keyspec::EXPECTED),
                );
            }
            None => {
                ok = false;
                found.add(
                    spec.span(),
                    format!(
                        "{} given: expected {}",
                        spec.get_ref().type_str(),
                        keyspec::EXPECTED
                    ),
                );
            }
        }
    }
    ok.then_some(keys)
}

/// What a colour may be written as, for error messages.
const COLOR_EXPECTED: &str = "a colour name like \"red\" or \"light-blue\", \"#rrggbb\", or a number 0-255";

fn read_theme(table: &DeTable, colors: &mut Colors, found: &mut Found) {
    for (name, value) in table {
        let Some(slot) = COLOR_ROLES.iter().find(|s| s.id == name.get_ref().as_ref()) else {
            found.add(
                name.span(),
                format!(
                    "unknown theme colour \"{}\": expected {}",
                    echo(name.get_ref()),
                    one_of(COLOR_ROLES.iter().map(|s| s.id))
                ),
            );
            continue;
        };
        match value.get_ref().as_str() {
            Some(text) => match parse_color(text) {
                Some(color) => colors.set(slot.role, color),
                None => found.add(
                    value.span(),
                    format!("bad colour \"{}\": expected {COLOR_EXPECTED}", echo(text)),
                ),
            },
            None => found.add(
                value.span(),
                format!("{} given: expected {COLOR_EXPECTED}", value.get_ref().type_str()),
            ),
        }
    }
}

fn read_data(table: &DeTable, dir: &Path, found: &mut Found) -> Option<PathBuf> {
    let mut path = None;
    for (name, value) in table {
        if name.get_ref().as_ref() != "path" {
            found.add(
                name.span(),
                format!(
                    "unknown key \"{}\" in [data]: expected path",
                    echo(name.get_ref())
                ),
            );
            continue;
        }
        match value.get_ref().as_str() {
            Some(text) if !text.is_empty() => path = Some(data_path(text, dir)),
            _ => found.add(
                value.span(),
                "path is not a file name: expected a non-empty string".into(),
            ),
        }
    }
    path
}

fn read_terminal(table: &DeTable, links: &mut LinkMode, found: &mut Found) {
    let names = || LinkMode::ALL.iter().map(|(name, _)| *name);
    for (name, value) in table {
        if name.get_ref().as_ref() != "links" {
            found.add(
                name.span(),
                format!(
                    "unknown key \"{}\" in [terminal]: expected links",
                    echo(name.get_ref())
                ),
            );
            continue;
        }
        match LinkMode::ALL
            .iter()
            .find(|(id, _)| Some(*id) == value.get_ref().as_str())
        {
            Some((_, mode)) => *links = *mode,
            None => found.add(
                value.span(),
                format!("links is not a link mode: expected {}", one_of(names())),
            ),
        }
    }
}

/// `~/…` is in the home directory; a relative path is taken from the
/// configuration file's directory, not from wherever dossier was started.
fn data_path(text: &str, dir: &Path) -> PathBuf {
    match (text.strip_prefix("~/"), dirs::home_dir()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => dir.join(text),
    }
}

/// A commented configuration file that sets every value to its default,
/// generated from the key table and the theme's roles.
pub fn default_file() -> String {
    let mut out = String::new();
    out.push_str(
        "# dossier configuration. Put it at ~/.config/dossier/config.toml\n\
         # ($XDG_CONFIG_HOME/dossier/config.toml), or pass --config FILE.\n\
         # Every value below is the default: delete what you do not change.\n\n\
         [data]\n\
         # The dataset to open when --data is not given; without it, the\n\
         # embedded dossier. `~/` is the home directory; a relative path is\n\
         # taken from this file's directory.\n\
         # path = \"~/dossiers/my-dossier.json\"\n\n\
         [terminal]\n\
         # URLs as OSC 8 hyperlinks: \"auto\" (where the terminal is known to\n\
         # show them, never inside tmux or screen), \"osc8\" (always) or\n\
         # \"plain\" (never).\n\
         links = \"auto\"\n\n\
         [theme]\n\
         # Colours: a name (red, light-blue, dark-gray, ...), \"#rrggbb\" or 0-255.\n\
         # NO_COLOR=1 turns every colour off.\n",
    );
    let defaults = Colors::default();
    for slot in COLOR_ROLES {
        let _ = writeln!(
            out,
            "{} = {}  # {}",
            slot.id,
            toml_string(&color_name(defaults.get(slot.role))),
            slot.what
        );
    }
    out.push_str(
        "\n# Keys, by where they apply: action = [\"key\", ...]. A key is a character\n\
         # (\"q\", \"G\", \"?\"), a name (enter, esc, tab, shift-tab, backspace, delete,\n\
         # up, down, left, right, home, end, pgup, pgdn, space, f1-f24), with\n\
         # ctrl- or alt- in front if need be. [] unbinds an action. For\n\
         # tabs_by_number the n-th key opens the n-th tab.\n",
    );
    let mut context = None;
    for (ctx, action, keys, help) in KeyMap::default().actions() {
        if context != Some(ctx) {
            let _ = write!(out, "\n[keys.{}]  # {}\n", ctx.id(), ctx.title());
            context = Some(ctx);
        }
        let keys: Vec<String> = keys.iter().map(|k| toml_string(&k.spec())).collect();
        let _ = writeln!(out, "{action} = [{}]  # {help}", keys.join(", "));
    }
    out
}

/// `text` as a TOML string.
fn toml_string(text: &str) -> String {
    toml::Value::from(text).to_string()
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::layout::Rect;
    use ratatui::style::Color;

    use super::*;
    use crate::app::keymap::{action_id, table};
    use crate::app::theme::ColorRole;
    use crate::app::{Action, App, Effect, Theme};

    fn parsed(text: &str) -> Config {
        parse(text, Path::new("/cfg")).unwrap_or_else(|p| panic!("{p:?}"))
    }

    fn problems(text: &str) -> Vec<String> {
        let found = parse(text, Path::new("/cfg")).expect_err("the configuration has mistakes");
        found
            .iter()
            .map(|p| format!("{}:{}: {}", p.line, p.column, p.message))
            .collect()
    }

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn the_default_file_reads_back_as_the_defaults_and_names_every_action() {
        let text = default_file();
        assert_eq!(parsed(&text), Config::default());
        for b in table() {
            let section = format!("[keys.{}]", b.context.id());
            let after = text
                .split(&section)
                .nth(1)
                .unwrap_or_else(|| panic!("no {section}"));
            let own = after.split("\n[").next().unwrap_or("");
            assert!(
                own.contains(&format!("\n{} = [", action_id(b.action))),
                "{} missing from {section}",
                action_id(b.action)
            );
        }
        for slot in COLOR_ROLES {
            assert!(text.contains(&format!("\n{} = \"", slot.id)), "{}", slot.id);
        }
    }

    #[test]
    fn the_readme_example_is_a_valid_configuration() {
        let readme = include_str!("../README.md");
        let section = readme
            .split("\n## Configuration\n")
            .nth(1)
            .and_then(|rest| rest.split("\n## ").next())
            .expect("a Configuration section");
        let example = section
            .split("```toml\n")
            .nth(1)
            .and_then(|rest| rest.split("```").next())
            .expect("a TOML example");
        // The section names every colour and every context.
        let names = COLOR_ROLES
            .iter()
            .map(|s| s.id)
            .chain(Context::all().map(Context::id));
        for name in names {
            assert!(
                section.contains(name),
                "README's Configuration does not name {name}"
            );
        }
        let config = parsed(example);
        assert_ne!(config.keys, KeyMap::default());
        assert_ne!(config.colors, Colors::default());
        assert!(config.data.is_some());
    }

    #[test]
    fn overrides_take_effect() {
        let config = parsed(
            "[keys.reading]\nquit = [\"x\", \"ctrl-q\"]\nbottom = \"E\"\n\
             [keys.anywhere]\nsuspend = []\n\
             [theme]\ntitle = \"#ff0000\"\nstatus = \"light-blue\"\n\
             [data]\npath = \"mine.json\"\n",
        );
        let browse = [Context::Browse];
        assert_eq!(config.keys.lookup(&browse, &press('x')), Some(Action::Quit));
        assert_eq!(config.keys.lookup(&browse, &press('q')), None);
        assert_eq!(config.keys.lookup(&browse, &press('E')), Some(Action::Bottom));
        let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
        assert_eq!(config.keys.lookup(&[Context::Always], &ctrl_z), None);
        assert_eq!(config.colors.get(ColorRole::Title), Color::Rgb(255, 0, 0));
        assert_eq!(config.colors.get(ColorRole::Status), Color::LightBlue);
        assert_eq!(config.data, Some(PathBuf::from("/cfg/mine.json")));
    }

    #[test]
    fn a_remapped_key_drives_the_app_and_its_help() {
        let config = parsed("[keys.reading]\nquit = [\"x\"]\nhelp = [\"f1\"]\n");
        let mut app = App::new(crate::data::embedded(), Theme::default());
        app.keys = config.keys;
        assert_eq!(app.on_key(press('q')), None);
        assert_eq!(app.on_key(KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE)), None);
        assert!(!app.popups.is_empty(), "F1 opened the help");
        assert!(app.keys.help_lines().iter().any(|l| matches!(
            l,
            crate::app::help::HelpLine::Entry {
                keys: "F1",
                help: "this help"
            }
        )));
        app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        assert_eq!(app.on_key(press('x')), Some(Effect::Quit));
    }

    #[test]
    fn a_theme_colour_paints_the_screen() {
        let status_background = |colors: Colors| {
            let theme = Theme {
                colors,
                ..Theme::default()
            };
            let mut app = App::new(crate::data::embedded(), theme);
            app.set_area(Rect::new(0, 0, 80, 24));
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
            terminal.draw(|frame| crate::ui::draw(frame, &app)).unwrap();
            terminal.backend().buffer()[(0, 23)].bg
        };
        assert_eq!(status_background(Colors::default()), Color::DarkGray);
        let config = parsed("[theme]\nstatus = \"#123456\"\n");
        assert_eq!(status_background(config.colors), Color::Rgb(0x12, 0x34, 0x56));
    }

    #[test]
    fn mistakes_are_located_with_what_was_expected() {
        let text = "[keys.reading]\n\
                    quiet = [\"q\"]\n\
                    down = [\"ctrl-\", 7]\n\
                    up = 3\n\
                    [keys.nowhere]\n\
                    [theme]\n\
                    title = \"blurple\"\n\
                    shade = \"red\"\n\
                    [data]\n\
                    file = \"x\"\n\
                    [colours]\n";
        assert_eq!(
            problems(text),
            [
                "2:1: unknown action \"quiet\" in [keys.reading]: expected one of tabs_by_number, pick_tab, overview, reader, timeline, people, sources, figures, next_tab, previous_tab, down, up, focus_list, focus_detail, page_down, page_up, top, bottom, open, back, search, next_result, previous_result, citations, footnote_number, bookmark, copy_event, copy_citation, bookmarks, history_back, history_forward, messages, help, quit",
                format!("3:9: bad key \"ctrl-\": expected {}", keyspec::EXPECTED).as_str(),
                format!("3:18: integer given: expected {}", keyspec::EXPECTED).as_str(),
                format!(
                    "4:6: integer given: expected {}, or a list of them",
                    keyspec::EXPECTED
                )
                .as_str(),
                "5:7: unknown key context [keys.nowhere]: expected one of reading, detail, overview, reader, timeline, people, sources, figures, search, tab_picker, footnote_number, bookmark_note, footnote, bookmarks, help, messages, anywhere",
                format!("7:9: bad colour \"blurple\": expected {COLOR_EXPECTED}").as_str(),
                "8:1: unknown theme colour \"shade\": expected one of title, heading, dim, highlight, link, url, key, warning, selection, selection_unfocused, border, border_focused, status, status_text, bar, target",
                "10:1: unknown key \"file\" in [data]: expected path",
                "11:2: unknown section [colours]: expected [keys.…], [theme], [data] or [terminal]",
            ]
        );
        let syntax = problems("[theme]\ntitle = \"red\n");
        assert!(syntax[0].starts_with("2:"), "{syntax:?}");
        assert!(syntax[0].contains("not valid TOML: "), "{syntax:?}");
        assert_eq!(
            problems("theme = 3\nkeys = \"q\"\n"),
            [
                "1:9: theme is an integer: expected a table [theme]",
                "2:8: keys is a string: expected a table [keys]"
            ]
        );
        assert_eq!(
            problems("[keys.reading]\nquit = [\"j\"]\n"),
            [
                "2:8: key \"j\" is bound to both down and quit in [keys.reading]: expected each key once per context"
            ]
        );
        assert_eq!(
            problems("[keys.search]\nclear = \"ctrl-c\"\n"),
            [
                "2:9: key \"ctrl-c\" is bound to clear in [keys.search], but [keys.anywhere] takes it first for quit: expected a key that [keys.anywhere] does not use"
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_or_refused_without_a_panic(
            text in r#"(\[(keys(\.[a-z_]{0,12})?|theme|data)\]\n|[a-z_]{1,14} = (\[("[a-zA-Z0-9-]{0,8}", ?){0,3}\]|"[#a-z0-9-]{0,9}"|[0-9]{1,3})\n|\PC{0,12}\n){0,8}"#
        ) {
            if let Err(problems) = parse(&text, Path::new("/cfg")) {
                proptest::prop_assert!(!problems.is_empty());
                for p in problems {
                    proptest::prop_assert!(p.line >= 1 && p.line <= text.lines().count() + 1, "{p:?}");
                    proptest::prop_assert!(p.message.contains("expected") || p.message.starts_with("not valid TOML"), "{p:?}");
                }
            }
        }
    }

    #[test]
    fn a_bad_file_is_an_error_with_its_path_and_a_short_note() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[theme]\ntitle = \"blurple\"\nheading = 1\n").unwrap();
        let error = read(Some(&path)).unwrap_err();
        let full = error.to_string();
        assert!(
            full.starts_with(&format!("{}:2:9: bad colour", path.display())),
            "{full}"
        );
        assert_eq!(full.lines().count(), 2, "{full}");
        assert_eq!(
            error.short(),
            "config.toml:2:9: bad colour \"blurple\" (and more)"
        );
        let missing = read(Some(&dir.path().join("none.toml"))).unwrap_err();
        assert!(matches!(missing, ConfigError::Read { .. }), "{missing}");
        assert!(
            read(Some(dir.path())).is_err(),
            "a directory is not a configuration"
        );
        // The browser starts anyway, with the defaults and a note.
        let (config, note) = crate::cli::browser_config(Some(&path));
        assert_eq!(config, Config::default());
        let note = note.expect("a note for the status line").to_string();
        assert_eq!(
            note,
            "config not used: config.toml:2:9: bad colour \"blurple\" (and more)"
        );
        let (_, none) = crate::cli::browser_config(Some(&dir.path().join("none.toml")));
        assert!(none.is_some_and(|n| n.as_str().starts_with("config not used: cannot read")));
    }

    #[test]
    fn links_are_configured_and_auto_follows_the_terminal() {
        assert_eq!(parsed("[terminal]\nlinks = \"plain\"\n").links, LinkMode::Plain);
        assert_eq!(parsed("[terminal]\nlinks = \"osc8\"\n").links, LinkMode::Osc8);
        assert_eq!(Config::default().links, LinkMode::Auto);
        let problems = parse("[terminal]\nlinks = \"yes\"\nlink = 1\n", Path::new("/cfg")).unwrap_err();
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "links is not a link mode: expected one of auto, osc8, plain",
                "unknown key \"link\" in [terminal]: expected links"
            ]
        );
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())
        };
        let auto = |vars| LinkMode::Auto.hyperlinks(env(vars));
        assert!(auto(&[("TERM", "xterm-kitty")]));
        assert!(auto(&[("TERM_PROGRAM", "WezTerm")]));
        assert!(auto(&[("VTE_VERSION", "7600")]));
        assert!(!auto(&[("VTE_VERSION", "4800")]), "VTE before 0.50");
        assert!(!auto(&[("TERM", "xterm-256color")]), "unknown: plain");
        assert!(
            !auto(&[("TERM", "xterm-kitty"), ("TMUX", "/tmp/tmux-1/default,1,0")]),
            "tmux: plain"
        );
        assert!(LinkMode::Osc8.hyperlinks(env(&[("TMUX", "x")])));
        assert!(!LinkMode::Plain.hyperlinks(env(&[("TERM", "xterm-kitty")])));
    }
}
