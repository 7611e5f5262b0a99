//! The reader's memory on disk: bookmarks and the last reading position,
//! one JSON file per dataset, keyed by the SHA-256 of the dataset's JSON
//! text (the file is named by its first 16 hex digits and holds all 64,
//! which are checked on reading), in the state directory:
//!
//! - `$DOSSIER_STATE_DIR` if set (tests always set it),
//! - else `$XDG_STATE_HOME/dossier`, else `~/.local/state/dossier`
//!   (on systems without XDG, the platform's local data directory).
//!
//! Writes are atomic: a temporary file in the same directory, synced, then
//! renamed over the old one. Reading never fails start-up: a missing,
//! empty, unreadable, corrupt or foreign file gives a one-line note for the
//! status bar and an empty memory. A corrupt or foreign file is moved aside
//! (`<name>.corrupt`, `<name>.corrupt.1`, ...) before anything is written
//! in its place, so nothing a person might want back is overwritten; a
//! file from a newer version, an unreadable one, or one that cannot be
//! moved aside is left alone and nothing is saved for the session.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::safe_format;
use crate::sanitize::SafeText;

/// The `format` field every state file carries.
pub const FORMAT: &str = "dossier-state";
/// The file format version written; files of a later version are not
/// touched.
pub const VERSION: u32 = 1;
/// Environment variable naming the state directory, overriding XDG.
pub const DIR_VAR: &str = "DOSSIER_STATE_DIR";

/// What is remembered of one dataset.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Memory {
    /// Where the reader was when the browser last closed.
    #[serde(default)]
    pub position: Position,
    /// Bookmarked events by id, in the order they were added.
    #[serde(default)]
    pub bookmarks: Vec<String>,
}

/// A reading position in terms that survive a restart: ids, not indices.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// The view's stable name: `overview`, `political`, ..., `timeline`,
    /// `people`, `sources`, `figures`.
    #[serde(default)]
    pub view: String,
    /// The selected event (content views, Timeline, Figures).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// Which figure of `event` (Figures).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure: Option<usize>,
    /// The selected entity (People & Orgs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// The selected footnote (Sources).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footnote: Option<u32>,
    /// Detail (or Overview) scroll, in rows.
    #[serde(default)]
    pub scroll: usize,
    /// Whether full citations were printed inline (`f`).
    #[serde(default)]
    pub footnotes_inline: bool,
    /// Whether Sources was grouped by outlet (`s`).
    #[serde(default)]
    pub sources_by_outlet: bool,
}

/// The file as written.
#[derive(Debug, Serialize, Deserialize)]
struct StateFile {
    format: String,
    version: u32,
    /// Hex SHA-256 of the dataset's JSON text.
    dataset: String,
    #[serde(default)]
    position: Position,
    #[serde(default)]
    bookmarks: Vec<String>,
}

/// Identifies a dataset by its content: the hex SHA-256 of its JSON text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetKey(String);

impl DatasetKey {
    /// The key of a dataset whose JSON text is `source`.
    pub fn of(source: &[u8]) -> DatasetKey {
        let digest = Sha256::digest(source);
        let mut hex = String::with_capacity(64);
        for byte in digest {
            let _ = write!(hex, "{byte:02x}");
        }
        DatasetKey(hex)
    }

    /// The hex digest.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why saving did not happen.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Saving was turned off at start-up, for this reason.
    #[error("{0}")]
    Disabled(SafeText<'static>),
    /// Writing failed; `why` is the system's short reason.
    #[error("could not write {path}: {why}")]
    Io { path: SafeText<'static>, why: String },
}

/// The short reason of an I/O error: `permission denied`, without the
/// temporary file's path that `tempfile` appends.
fn reason(e: &std::io::Error) -> String {
    if e.raw_os_error().is_some() {
        e.kind().to_string()
    } else {
        e.to_string()
    }
}

/// What loading found.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The remembered state, if the file was there and sound.
    pub memory: Option<Memory>,
    /// A one-line note for the status bar (a problem, or where the state
    /// will be kept on a first visit).
    pub note: Option<SafeText<'static>>,
}

/// The state file of one dataset.
#[derive(Debug, Clone)]
pub struct Store {
    /// `None` when no state directory could be found.
    path: Option<PathBuf>,
    key: DatasetKey,
    /// Why nothing may be written this session, if so.
    disabled: Option<SafeText<'static>>,
}

/// The state directory from the environment, as described in the module
/// documentation.
pub fn state_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DIR_VAR).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .map(|d| d.join("dossier"))
}

impl Store {
    /// The store for `key` in the directory from the environment.
    pub fn from_env(key: DatasetKey) -> Store {
        match state_dir() {
            Some(dir) => Store::in_dir(&dir, key),
            None => Store {
                path: None,
                key,
                disabled: Some(safe_format!(
                    "no state directory: set {var} or HOME to keep bookmarks and position",
                    var = SafeText::lit(DIR_VAR)
                )),
            },
        }
    }

    /// The store for `key` in directory `dir`.
    pub fn in_dir(dir: &Path, key: DatasetKey) -> Store {
        Store {
            path: Some(dir.join(format!("{}.json", &key.as_str()[..16]))),
            key,
            disabled: None,
        }
    }

    /// The state file's path, if there is a state directory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Reads the state file. Never fails: problems become the note.
    pub fn load(&mut self) -> Loaded {
        let Some(path) = self.path.clone() else {
            return Loaded {
                memory: None,
                note: self.disabled.clone(),
            };
        };
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let dir = path.parent().map_or_else(SafeText::default, SafeText::path);
                return self.note(safe_format!(
                    "first visit to this dossier: bookmarks and position will be kept in {dir}",
                    dir
                ));
            }
            Err(e) => {
                let why = safe_format!(
                    "cannot read state file {path}: {e}",
                    path = SafeText::path(&path),
                    e = SafeText::new(&e.to_string())
                );
                self.disabled = Some(why.clone());
                return self.note(safe_format!("{why}: starting fresh, saving nothing", why));
            }
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return self.note(safe_format!(
                "state file {path} is empty: starting fresh",
                path = SafeText::path(&path)
            ));
        }
        match self.parse(&bytes) {
            Ok(memory) => Loaded {
                memory: Some(memory),
                note: None,
            },
            Err(Unusable::Newer(version)) => {
                let why = safe_format!(
                    "state file {path} is from a newer dossier (format {version})",
                    path = SafeText::path(&path),
                    version
                );
                self.disabled = Some(why.clone());
                self.note(safe_format!("{why}: left untouched, saving nothing", why))
            }
            // The outcome first: a status line cuts off at its right edge.
            Err(Unusable::Bad(problem, detail)) => match move_aside(&path) {
                Ok(aside) => {
                    let problem = SafeText::lit(problem);
                    let detail = if detail.is_empty() {
                        SafeText::default()
                    } else {
                        safe_format!(" ({detail})", detail = SafeText::new(&detail))
                    };
                    self.note(safe_format!(
                        "state file {problem}: moved it to {aside}, starting fresh{detail}",
                        problem,
                        aside = SafeText::path(&aside),
                        detail
                    ))
                }
                Err(e) => {
                    let why = safe_format!(
                        "state file {path} {problem} and cannot be moved aside ({e})",
                        path = SafeText::path(&path),
                        problem = SafeText::lit(problem),
                        e = SafeText::new(&e.to_string())
                    );
                    self.disabled = Some(why.clone());
                    self.note(safe_format!("{why}: left untouched, saving nothing", why))
                }
            },
        }
    }

    fn note(&self, note: SafeText<'static>) -> Loaded {
        Loaded {
            memory: None,
            note: Some(note),
        }
    }

    fn parse(&self, bytes: &[u8]) -> Result<Memory, Unusable> {
        let value: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|e| Unusable::Bad("is corrupt", e.to_string()))?;
        let field = |name: &str| value.get(name);
        if field("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(Unusable::Bad("is not a dossier state file", String::new()));
        }
        match field("version").and_then(serde_json::Value::as_u64) {
            Some(v) if v > u64::from(VERSION) => return Err(Unusable::Newer(v)),
            Some(v) if v >= 1 => {}
            _ => return Err(Unusable::Bad("is corrupt", "no valid version".into())),
        }
        if field("dataset").and_then(|d| d.as_str()) != Some(self.key.as_str()) {
            return Err(Unusable::Bad("belongs to another dataset", String::new()));
        }
        let file: StateFile =
            serde_json::from_value(value).map_err(|e| Unusable::Bad("is corrupt", e.to_string()))?;
        Ok(Memory {
            position: file.position,
            bookmarks: file.bookmarks,
        })
    }

    /// Writes `memory` atomically: a temporary file in the same directory,
    /// synced to disk, then renamed over the state file.
    pub fn save(&self, memory: &Memory) -> Result<(), SaveError> {
        if let Some(why) = &self.disabled {
            return Err(SaveError::Disabled(why.clone()));
        }
        let Some(path) = &self.path else {
            return Err(SaveError::Disabled(SafeText::lit("no state directory")));
        };
        let file = StateFile {
            format: FORMAT.to_string(),
            version: VERSION,
            dataset: self.key.as_str().to_string(),
            position: memory.position.clone(),
            bookmarks: memory.bookmarks.clone(),
        };
        let io = |e: std::io::Error| SaveError::Io {
            path: SafeText::path(path),
            why: reason(&e),
        };
        let mut json = serde_json::to_vec_pretty(&file).map_err(|e| io(e.into()))?;
        json.push(b'\n');
        crate::atomic::write(path, (".dossier-state-", ".tmp"), &[&json]).map_err(io)
    }
}

/// Why a state file that exists cannot be used.
enum Unusable {
    /// Written by a later format version.
    Newer(u64),
    /// Not JSON, not ours, or for another dataset: what is wrong, and
    /// the parser's detail (may be empty).
    Bad(&'static str, String),
}

/// Renames `path` to the first free `<name>.corrupt`, `<name>.corrupt.1`...
fn move_aside(path: &Path) -> std::io::Result<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for i in 0..100 {
        let aside = if i == 0 {
            path.with_file_name(format!("{name}.corrupt"))
        } else {
            path.with_file_name(format!("{name}.corrupt.{i}"))
        };
        if !aside.exists() {
            std::fs::rename(path, &aside)?;
            return Ok(aside);
        }
    }
    Err(std::io::Error::other("too many .corrupt files already"))
}

#[cfg(test)]
mod tests;
