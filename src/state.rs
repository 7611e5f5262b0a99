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
//! file from a newer version, an unreadable one (a FIFO, a device, a
//! directory), or one that cannot be moved aside is left alone and nothing
//! is saved for the session.
//!
//! Several browsers may have the same dataset open. Each save takes a lock
//! (`<name>.lock` beside the file, since the file itself is replaced by
//! rename), reads the file as it is now, and applies to it only the
//! bookmarks this browser added and removed since it last read or wrote
//! the file: bookmarks made in another browser meanwhile are kept, and
//! the position is the last one saved. A bookmark's note is this
//! browser's if it changed it since, else the file's.
//!
//! Notes came with format version 2. A file is written as version 1 while
//! no bookmark has a note, so that an older dossier keeps reading it, and
//! as version 2 once one has: an older dossier would save it without the
//! notes, and leaves a newer file untouched instead.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::fsutil::{self, Accept, ReadError};
use crate::sanitize::SafeText;

/// The `format` field every state file carries.
pub const FORMAT: &str = "dossier-state";
/// The file format version written; files of a later version are not
/// touched. Version 2 added the bookmarks' notes.
pub const VERSION: u32 = 2;
/// Environment variable naming the state directory, overriding XDG.
pub const DIR_VAR: &str = "DOSSIER_STATE_DIR";

/// A state file is never larger: thousands of bookmarks take a few hundred
/// KiB, and 100,000 with notes of the longest kind ([`NOTE_CHARS`]) under
/// 64 MiB. A larger one was not written by dossier, and is not read.
pub const MAX_BYTES: u64 = 64 << 20;

/// The longest note a bookmark takes, in characters: a one-line prompt
/// holds a remark, not an essay, and the cap keeps the file under
/// [`MAX_BYTES`].
pub const NOTE_CHARS: usize = 280;

/// How long a save waits for another browser's save (a few milliseconds)
/// before giving up, rather than waiting on a process that is stopped.
const LOCK_WAIT: Duration = Duration::from_secs(2);

/// How a state file's temporary file is named while it is written.
const TEMP: (&str, &str) = (".dossier-state-", ".tmp");

/// What is remembered of one dataset.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Memory {
    /// Where the reader was when the browser last closed.
    #[serde(default)]
    pub position: Position,
    /// Bookmarked events by id, in the order they were added.
    #[serde(default)]
    pub bookmarks: Vec<String>,
    /// The reader's note on a bookmark, by event id; a bookmark without a
    /// note has no entry.
    #[serde(default)]
    pub notes: BTreeMap<String, String>,
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
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    notes: BTreeMap<String, String>,
}

/// Identifies a dataset by its content: the hex SHA-256 of its JSON text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetKey(String);

impl DatasetKey {
    /// The key of a dataset whose JSON text is `source`.
    pub fn of(source: &[u8]) -> DatasetKey {
        DatasetKey::of_parts(&[source])
    }

    /// The key of `parts` one after the other.
    pub fn of_parts(parts: &[&[u8]]) -> DatasetKey {
        let mut hasher = Sha256::new();
        for part in parts {
            hasher.update(part);
        }
        DatasetKey::from_digest(hasher.finalize().into())
    }

    /// The key of the text `reader` gives, read a piece at a time: a
    /// large file's text is never held whole for its key alone.
    pub fn read(mut reader: impl std::io::Read) -> std::io::Result<DatasetKey> {
        let mut hasher = Sha256::new();
        std::io::copy(&mut reader, &mut hasher)?;
        Ok(DatasetKey::from_digest(hasher.finalize().into()))
    }

    /// A key as [`DatasetKey::as_str`] gave it, stored elsewhere (in an
    /// index cache entry): `None` unless it is 64 lowercase hex digits.
    pub fn parse(hex: &str) -> Option<DatasetKey> {
        let valid = hex.len() == 64 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        valid.then(|| DatasetKey(hex.to_string()))
    }

    fn from_digest(digest: [u8; 32]) -> DatasetKey {
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
    Disabled(String),
    /// Writing failed; `why` is the system's short reason.
    #[error("could not write {path}: {why}")]
    Io { path: String, why: String },
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
    disabled: Option<String>,
    /// The bookmarks and notes as this browser last read or wrote them;
    /// a save applies only the changes made since.
    base: Memory,
}

/// A path for a one-line message.
fn shown(path: &Path) -> String {
    SafeText::path(path).to_string()
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
                disabled: Some(format!(
                    "no state directory: set {DIR_VAR} or HOME to keep bookmarks and position"
                )),
                base: Memory::default(),
            },
        }
    }

    /// The store for `key` in directory `dir`.
    pub fn in_dir(dir: &Path, key: DatasetKey) -> Store {
        Store {
            path: Some(dir.join(format!("{}.json", &key.as_str()[..16]))),
            key,
            disabled: None,
            base: Memory::default(),
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
                note: self.disabled.as_deref().map(|d| SafeText::new(d).into_owned()),
            };
        };
        if let Some(dir) = path.parent() {
            crate::atomic::sweep(dir, TEMP, crate::atomic::STALE);
        }
        // So that a file being saved is not moved aside. Where no lock can
        // be had (no directory yet, a read-only one) nothing can be moved
        // or saved either, and reading alone is safe: files are replaced
        // whole.
        let _lock = lock(&path).ok();
        match self.find(&path) {
            Found::Missing => {
                let dir = path.parent().map_or_else(String::new, shown);
                self.note(format!(
                    "first visit to this dossier: bookmarks and position will be kept in {dir}"
                ))
            }
            Found::Unreadable(e) => {
                let why = format!("cannot read state file {}: {e}", shown(&path));
                self.disabled = Some(why.clone());
                self.note(format!("{why}: starting fresh, saving nothing"))
            }
            Found::Empty => self.note(format!("state file {} is empty: starting fresh", shown(&path))),
            Found::Sound(memory) => {
                self.base = memory.clone();
                Loaded {
                    memory: Some(memory),
                    note: None,
                }
            }
            Found::Newer(version) => {
                let why = format!(
                    "state file {} is from a newer dossier (format {version})",
                    shown(&path)
                );
                self.disabled = Some(why.clone());
                self.note(format!("{why}: left untouched, saving nothing"))
            }
            // The outcome first: a status line cuts off at its right edge.
            Found::Bad(problem, detail) => match move_aside(&path) {
                Ok(aside) => {
                    let detail = if detail.is_empty() {
                        detail
                    } else {
                        format!(" ({})", SafeText::new(&detail))
                    };
                    self.note(format!(
                        "state file {problem}: moved it to {}, starting fresh{detail}",
                        shown(&aside)
                    ))
                }
                Err(e) => {
                    let why = format!(
                        "state file {} {problem} and cannot be moved aside ({e})",
                        shown(&path)
                    );
                    self.disabled = Some(why.clone());
                    self.note(format!("{why}: left untouched, saving nothing"))
                }
            },
        }
    }

    /// A status-bar note; messages quote paths and parser details, so the
    /// whole line is sanitized here.
    fn note(&self, note: String) -> Loaded {
        Loaded {
            memory: None,
            note: Some(SafeText::new(&note).into_owned()),
        }
    }

    /// What the file at `path` holds now.
    fn find(&self, path: &Path) -> Found {
        let bytes = match fsutil::read(path, Accept::File, MAX_BYTES) {
            Ok(bytes) => bytes,
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => return Found::Missing,
            Err(ReadError::Io(e)) => return Found::Unreadable(e),
            Err(ReadError::TooLarge(_)) => {
                return Found::Bad("is larger than 64 MiB", String::new());
            }
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Found::Empty;
        }
        let value: serde_json::Value = match serde_json::from_slice(&bytes) {
            Ok(value) => value,
            Err(e) => return Found::Bad("is corrupt", e.to_string()),
        };
        let field = |name: &str| value.get(name);
        if field("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Found::Bad("is not a dossier state file", String::new());
        }
        match field("version").and_then(serde_json::Value::as_u64) {
            Some(v) if v > u64::from(VERSION) => return Found::Newer(v),
            Some(v) if v >= 1 => {}
            _ => return Found::Bad("is corrupt", "no valid version".into()),
        }
        if field("dataset").and_then(|d| d.as_str()) != Some(self.key.as_str()) {
            return Found::Bad("belongs to another dataset", String::new());
        }
        match serde_json::from_value::<StateFile>(value) {
            Ok(file) => Found::Sound(Memory {
                position: file.position,
                bookmarks: file.bookmarks,
                notes: file.notes,
            }),
            Err(e) => Found::Bad("is corrupt", e.to_string()),
        }
    }

    /// Saves `memory`: under the lock, the bookmarks added and removed
    /// since this browser last read or wrote the file are applied to the
    /// file as it is now, and the position replaces the file's; then the
    /// file is written atomically (a temporary file in the same directory,
    /// synced to disk, renamed over it).
    pub fn save(&mut self, memory: &Memory) -> Result<(), SaveError> {
        if let Some(why) = &self.disabled {
            return Err(SaveError::Disabled(why.clone()));
        }
        let Some(path) = self.path.clone() else {
            return Err(SaveError::Disabled("no state directory".into()));
        };
        let io = |e: std::io::Error| SaveError::Io {
            path: shown(&path),
            why: reason(&e),
        };
        std::fs::create_dir_all(path.parent().unwrap_or(Path::new("."))).map_err(io)?;
        let _lock = lock(&path).map_err(io)?;
        let on_disk = match self.find(&path) {
            Found::Missing | Found::Empty => Memory::default(),
            Found::Sound(now) => now,
            // Replaced since start-up by something not ours: kept aside,
            // as at start-up.
            Found::Bad(..) => {
                move_aside(&path).map_err(io)?;
                Memory::default()
            }
            Found::Newer(version) => {
                let why = format!(
                    "state file {} was replaced by a newer dossier's (format {version})",
                    shown(&path)
                );
                self.disabled = Some(why.clone());
                return Err(SaveError::Disabled(why));
            }
            Found::Unreadable(e) => return Err(io(e)),
        };
        let bookmarks = merge(&on_disk.bookmarks, &self.base.bookmarks, &memory.bookmarks);
        let notes = merge_notes(&bookmarks, &on_disk.notes, &self.base.notes, &memory.notes);
        let file = StateFile {
            format: FORMAT.to_string(),
            version: if notes.is_empty() { 1 } else { VERSION },
            dataset: self.key.as_str().to_string(),
            position: memory.position.clone(),
            bookmarks,
            notes,
        };
        let mut json = serde_json::to_vec_pretty(&file).map_err(|e| io(e.into()))?;
        json.push(b'\n');
        crate::atomic::write(&path, TEMP, &[&json]).map_err(io)?;
        self.base = Memory {
            position: Position::default(),
            bookmarks: memory.bookmarks.clone(),
            notes: memory.notes.clone(),
        };
        Ok(())
    }
}

/// `on_disk` with this browser's changes applied: what is in `base` (as it
/// last read or wrote the file) but not in `mine` is removed, what is in
/// `mine` but not in `base` is added at the end, in `mine`'s order.
fn merge(on_disk: &[String], base: &[String], mine: &[String]) -> Vec<String> {
    // Sets, not scans: 100,000 bookmarks took minutes to save, one
    // `contains` over the list for each of them.
    let base: HashSet<&str> = base.iter().map(String::as_str).collect();
    let kept: HashSet<&str> = mine.iter().map(String::as_str).collect();
    let mut merged: Vec<String> = on_disk
        .iter()
        .filter(|b| !base.contains(b.as_str()) || kept.contains(b.as_str()))
        .cloned()
        .collect();
    let mut seen: HashSet<String> = merged.iter().cloned().collect();
    for added in mine.iter().filter(|b| !base.contains(b.as_str())) {
        if seen.insert(added.clone()) {
            merged.push(added.clone());
        }
    }
    merged
}

/// The notes of the `merged` bookmarks: this browser's where it changed
/// one since it last read or wrote the file (`mine` differs from
/// `base`, a note removed included), else the file's.
fn merge_notes(
    merged: &[String],
    on_disk: &BTreeMap<String, String>,
    base: &BTreeMap<String, String>,
    mine: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let on_disk: HashMap<&str, &String> = on_disk.iter().map(|(k, v)| (k.as_str(), v)).collect();
    merged
        .iter()
        .filter_map(|id| {
            let changed = base.get(id) != mine.get(id);
            let note = if changed {
                mine.get(id)
            } else {
                on_disk.get(id.as_str()).copied()
            };
            note.map(|n| (id.clone(), n.clone()))
        })
        .collect()
}

/// Takes the lock of the state file at `path`, waiting up to
/// [`LOCK_WAIT`]; it is released when the returned file is dropped. On a
/// file system without locks, saving goes on unlocked, as it would alone.
fn lock(path: &Path) -> std::io::Result<File> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    let file = fsutil::open_lock(&path.with_file_name(name))?;
    let deadline = Instant::now() + LOCK_WAIT;
    loop {
        match file.try_lock() {
            Ok(()) | Err(TryLockError::Error(_)) => return Ok(file),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::WouldBlock,
                    "another dossier holds its lock",
                ));
            }
        }
    }
}

/// What a state file holds.
enum Found {
    Missing,
    /// Nothing but whitespace.
    Empty,
    Sound(Memory),
    /// Written by a later format version.
    Newer(u64),
    /// Not JSON, not ours, too large, or for another dataset: what is
    /// wrong, and the parser's detail (may be empty).
    Bad(&'static str, String),
    /// Not readable, or not a regular file.
    Unreadable(std::io::Error),
}

/// Moves `path` to the first free `<name>.corrupt`, `<name>.corrupt.1`...
/// A name is taken by creating it exclusively, which fails on anything
/// already there, a dangling link included, so nothing is followed or
/// replaced, even by a race; the file is then renamed over the empty
/// placeholder.
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
        match File::options().write(true).create_new(true).open(&aside) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
        if let Err(e) = std::fs::rename(path, &aside) {
            let _ = std::fs::remove_file(&aside);
            return Err(e);
        }
        return Ok(aside);
    }
    Err(std::io::Error::other("too many .corrupt files already"))
}

#[cfg(test)]
mod tests;
