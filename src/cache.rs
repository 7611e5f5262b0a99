//! The index cache: a dataset file's search index saved in binary, so that
//! opening or searching the same file again skips validating and indexing
//! it (about two thirds of the load time of a large file).
//!
//! Entries are named by the SHA-256 of the file's text: any change to the
//! file is a miss, and an entry is only ever written after that exact text
//! was validated. They live in `$DOSSIER_CACHE_DIR` if set, else in
//! `dossier/index` under the user's cache directory (`$XDG_CACHE_HOME` or
//! `~/.cache`), never next to the data, which may be read-only or under
//! version control. Small files are not cached (they index in
//! milliseconds); only the [`KEEP`] most recently used entries are kept.
//!
//! A cache is only ever an optimization: an entry that is missing,
//! unreadable, damaged (its checksum is stored with it), written by
//! another build, or of another dataset is ignored and replaced, and a
//! directory that cannot be written is skipped without a word. Entries are
//! the user's own files, like the state files: checked for integrity and
//! consistency, not for who wrote them.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::data::{self, LoadError};
use crate::fsutil::{self, Accept};
use crate::model::Dataset;
use crate::progress::{self, Stage};
use crate::search::SearchIndex;
use crate::state::DatasetKey;

/// Environment variable naming the cache directory.
pub const DIR_VAR: &str = "DOSSIER_CACHE_DIR";

/// Files under this size are indexed afresh every time.
pub const MIN_BYTES: usize = 1 << 20;

/// Entries kept; older ones are removed when a new one is written.
pub const KEEP: usize = 4;

/// First bytes of every entry.
const MAGIC: &[u8; 8] = b"DOSSIDX\n";

/// How an entry's temporary file is named while it is written.
const TEMP: (&str, &str) = (".dossier-index-", ".tmp");

/// An entry's header fits in this many bytes (a 64-digit hash, a short
/// version, a checksum).
const HEADER_MAX: usize = 512;

/// Raise when the index layout changes. (An entry whose tokens do not
/// match the dataset's is refused anyway; see `Corpus::agrees_with`.)
const FORMAT: u32 = 1;

/// What an entry says about itself, before the index.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Header {
    format: u32,
    /// The dossier version that wrote it.
    version: String,
    /// Hex SHA-256 of the dataset's text.
    dataset: String,
    /// SHA-256 of the index bytes that follow.
    checksum: [u8; 32],
}

/// The cache directory from the environment, as described in the module
/// documentation.
pub fn cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DIR_VAR).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    dirs::cache_dir().map(|d| d.join("dossier").join("index"))
}

/// The entries of one directory.
#[derive(Debug, Clone)]
pub struct IndexCache {
    dir: PathBuf,
}

impl IndexCache {
    /// The cache in the directory from the environment, if there is one.
    pub fn from_env() -> Option<IndexCache> {
        cache_dir().map(IndexCache::in_dir)
    }

    /// The cache in `dir`.
    pub fn in_dir(dir: impl Into<PathBuf>) -> IndexCache {
        IndexCache { dir: dir.into() }
    }

    /// The directory the entries are in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file of the entry for `key`.
    pub fn path(&self, key: &DatasetKey) -> PathBuf {
        self.dir.join(format!("{}.index", key.as_str()))
    }

    /// Whether the entry for `key` is there and says it is of this build
    /// and this dataset: its header only, a few hundred bytes.
    fn holds(&self, key: &DatasetKey) -> bool {
        let mut start = Vec::with_capacity(HEADER_MAX);
        let read = fsutil::open(&self.path(key), Accept::File)
            .and_then(|(f, _)| f.take(HEADER_MAX as u64).read_to_end(&mut start));
        read.is_ok() && header(&start, key).is_some()
    }

    /// The entry for `key` and where its index bytes start, if a sound
    /// entry of this build is there. Reading one marks it as recently used.
    fn read(&self, key: &DatasetKey) -> Option<(Vec<u8>, usize)> {
        let (file, meta) = fsutil::open(&self.path(key), Accept::File).ok()?;
        // No more than the size it had when opened: one growing as it is
        // read is not an entry being used.
        let bytes = fsutil::read_at_most(&file, &meta, meta.len()).ok()??;
        let (header, index) = header(&bytes, key)?;
        if header.checksum != <[u8; 32]>::from(Sha256::digest(index)) {
            return None;
        }
        let start = bytes.len() - index.len();
        let _ = file.set_modified(SystemTime::now());
        Some((bytes, start))
    }

    /// Stores `index` as the entry for `key`, atomically (a reader sees
    /// the old entry or the new one), then removes the least recently used
    /// entries beyond [`KEEP`].
    fn write(&self, key: &DatasetKey, index: &[u8]) -> std::io::Result<()> {
        let header = Header {
            format: FORMAT,
            version: env!("CARGO_PKG_VERSION").to_string(),
            dataset: key.as_str().to_string(),
            checksum: Sha256::digest(index).into(),
        };
        let header = postcard::to_stdvec(&header).map_err(std::io::Error::other)?;
        crate::atomic::write(&self.path(key), TEMP, &[MAGIC, &header, index])?;
        self.prune();
        Ok(())
    }

    /// Removes all but the [`KEEP`] most recently used entries.
    fn prune(&self) {
        let Ok(dir) = fs::read_dir(&self.dir) else {
            return;
        };
        let mut entries: Vec<(SystemTime, PathBuf)> = dir
            .flatten()
            .filter(is_entry)
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        entries.sort_by_key(|e| std::cmp::Reverse(e.0));
        for (_, path) in entries.iter().skip(KEEP) {
            let _ = fs::remove_file(path);
        }
    }

    /// Removes what a write killed halfway left behind: its temporary
    /// file, which may be as large as an entry.
    fn sweep(&self) {
        crate::atomic::sweep(&self.dir, TEMP, crate::atomic::STALE);
    }

    /// The index of `dataset` stored under `key`, if a sound entry agrees
    /// with it.
    pub fn get(&self, key: &DatasetKey, dataset: &Dataset) -> Option<SearchIndex> {
        let (entry, start) = self.read(key)?;
        SearchIndex::from_bytes(&entry[start..], dataset)
    }

    /// Stores `index` under `key`, if it can; a cache is never worth an
    /// error.
    pub fn put(&self, key: &DatasetKey, index: &SearchIndex) {
        if let Some(bytes) = index.to_bytes() {
            let _ = self.write(key, &bytes);
        }
    }
}

/// A dataset file's contents, loaded for searching.
pub struct Loaded {
    pub dataset: Dataset,
    pub index: SearchIndex,
    /// The SHA-256 of the file's text.
    pub key: DatasetKey,
}

/// Reads, parses and validates the dataset file at `path` and indexes it:
/// with the index from `cache` when it holds a sound entry for this text
/// (the text was validated when the entry was written, so it is not
/// validated again), else built, and stored in `cache` for next time.
/// Files under [`MIN_BYTES`] skip the cache.
///
/// The file's bytes are dropped as soon as the dataset is parsed and
/// checked, before any index is built or read: as large as the file, they
/// would otherwise add a third to the peak memory.
pub fn load_path(path: &Path, cache: Option<&IndexCache>) -> Result<Loaded, LoadError> {
    let origin = path.display().to_string();
    progress::stage(Stage::Reading);
    let bytes = data::read_path(path)?;
    // Parsing takes one core; the hash is computed on the other meanwhile
    // (where rayon may move the parse: the progress goes with it).
    progress::stage(Stage::Parsing);
    let watched = progress::current();
    let (key, parsed) = rayon::join(
        || DatasetKey::of(&bytes),
        || progress::tracking(watched, || data::parse_bytes(&bytes, &origin)),
    );
    let (dataset, text) = parsed?;
    let cache = cache.filter(|_| bytes.len() >= MIN_BYTES);
    if let Some(cache) = cache {
        cache.sweep();
    }
    let held = cache.filter(|c| c.holds(&key));
    if held.is_none() {
        progress::stage(Stage::Checking);
        data::check(&dataset, text, &origin)?;
    }
    drop(bytes);
    progress::stage(Stage::Indexing);
    let index = match held {
        Some(cache) => match cache.get(&key, &dataset) {
            Some(index) => index,
            // Damaged, or not what its header claims: this text was never
            // validated here. Start again from the file, without the entry.
            None => {
                drop(dataset);
                let loaded = load_path(path, None)?;
                cache.put(&loaded.key, &loaded.index);
                return Ok(loaded);
            }
        },
        None => {
            let index = SearchIndex::new(&dataset);
            if let Some(cache) = cache {
                cache.put(&key, &index);
            }
            index
        }
    };
    Ok(Loaded { dataset, index, key })
}

/// The header at the start of `entry` and the index bytes after it, if it
/// is an entry of this build for `key`.
fn header<'e>(entry: &'e [u8], key: &DatasetKey) -> Option<(Header, &'e [u8])> {
    let rest = entry.strip_prefix(MAGIC)?;
    let (header, index) = postcard::take_from_bytes::<Header>(rest).ok()?;
    let ours = header.format == FORMAT
        && header.version == env!("CARGO_PKG_VERSION")
        && header.dataset == key.as_str();
    ours.then_some((header, index))
}

/// Whether a directory entry is one the cache wrote: named as
/// [`IndexCache::path`] names them, a regular file (not a link to one), and
/// starting with [`MAGIC`]. Anything else in the directory is someone
/// else's and is never removed.
fn is_entry(entry: &fs::DirEntry) -> bool {
    let name = entry.file_name();
    let named = name
        .to_str()
        .and_then(|n| n.strip_suffix(".index"))
        .is_some_and(|hash| hash.len() == 64 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')));
    let mut start = [0; MAGIC.len()];
    named
        && entry.file_type().is_ok_and(|t| t.is_file())
        && fsutil::open(&entry.path(), Accept::File)
            .and_then(|(mut f, _)| f.read_exact(&mut start))
            .is_ok()
        && start == *MAGIC
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Query;

    /// Writes the embedded dataset, its events repeated under new ids past
    /// [`MIN_BYTES`] of text, to `name` in `dir`; `tweak` edits it first.
    fn big(dir: &Path, name: &str, tweak: impl FnOnce(&mut Dataset)) -> PathBuf {
        let mut dataset = data::embedded();
        let events = dataset.events.clone();
        for copy in 1..32 {
            dataset.events.extend(events.iter().map(|e| {
                let mut e = e.clone();
                e.id = format!("{}-{copy}", e.id);
                e
            }));
        }
        tweak(&mut dataset);
        let path = dir.join(name);
        fs::write(&path, serde_json::to_vec(&dataset).unwrap()).unwrap();
        path
    }

    /// The ids of the best hits of a few queries.
    fn answers(loaded: &Loaded) -> Vec<Vec<usize>> {
        ["erdogan", "tika 2012", "\"daily sabah\"", "fn:7", "e"]
            .iter()
            .map(|q| {
                let (hits, _) = loaded.index.search_top(&Query::parse(q).unwrap(), 20);
                hits.iter().map(|h| h.event).collect()
            })
            .collect()
    }

    fn entries(dir: &Path) -> usize {
        fs::read_dir(dir).map_or(0, |d| d.flatten().filter(is_entry).count())
    }

    /// A data directory and a cache directory.
    fn dirs() -> (tempfile::TempDir, IndexCache, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let cache_dir = dir.path().join("cache");
        (dir, IndexCache::in_dir(&cache_dir), cache_dir)
    }

    #[test]
    fn a_second_load_reads_the_entry_and_finds_the_same() {
        let (dir, cache, cache_dir) = dirs();
        let file = big(dir.path(), "big.json", |_| {});
        assert!(fs::metadata(&file).unwrap().len() >= MIN_BYTES as u64);
        let first = load_path(&file, Some(&cache)).unwrap();
        assert!(cache.holds(&first.key));
        assert!(cache.get(&first.key, &first.dataset).is_some());
        let second = load_path(&file, Some(&cache)).unwrap();
        assert_eq!(second.dataset, first.dataset);
        assert_eq!(answers(&second), answers(&first));
        assert_eq!(entries(&cache_dir), 1);
    }

    #[test]
    fn damaged_or_foreign_entries_are_refused_and_replaced() {
        let (dir, cache, _) = dirs();
        let file = big(dir.path(), "big.json", |_| {});
        let loaded = load_path(&file, Some(&cache)).unwrap();
        let path = cache.path(&loaded.key);
        let good = fs::read(&path).unwrap();
        let refused = |entry: &[u8]| {
            fs::write(&path, entry).unwrap();
            cache.get(&loaded.key, &loaded.dataset).is_none()
        };
        let mut flipped = good.clone();
        let middle = flipped.len() / 2;
        flipped[middle] ^= 1;
        assert!(refused(&flipped), "a flipped bit");
        assert!(refused(&good[..good.len() - 1]), "a truncated entry");
        assert!(refused(b"DOSSIDX\n"), "a header alone");
        assert!(refused(b"not an index"), "a foreign file");
        // A sound entry of another dataset, under this dataset's name.
        let other = big(dir.path(), "other.json", |d| d.events.truncate(500));
        let other = load_path(&other, None).unwrap();
        cache.put(&loaded.key, &other.index);
        assert!(cache.holds(&loaded.key), "its header claims this dataset");
        assert!(
            cache.get(&loaded.key, &loaded.dataset).is_none(),
            "another dataset's index"
        );
        // Loading again replaces the refused entry with a sound one.
        let again = load_path(&file, Some(&cache)).unwrap();
        assert_eq!(answers(&again), answers(&loaded));
        assert!(cache.get(&loaded.key, &loaded.dataset).is_some());
    }

    #[test]
    fn a_refused_entry_never_spares_validation() {
        let (dir, cache, _) = dirs();
        let file = big(dir.path(), "bad.json", |d| d.events[3].tab = "nowhere".into());
        let key = DatasetKey::of(&fs::read(&file).unwrap());
        // An entry claiming this (invalid) text, holding another index.
        let other = load_path(&big(dir.path(), "other.json", |d| d.events.truncate(500)), None).unwrap();
        cache.put(&key, &other.index);
        assert!(cache.holds(&key));
        let err = load_path(&file, Some(&cache)).err().unwrap();
        assert!(err.to_string().contains("events[3].tab"), "{err}");
    }

    #[test]
    fn an_entry_of_one_text_does_not_serve_another() {
        let (dir, cache, cache_dir) = dirs();
        let before = load_path(&big(dir.path(), "big.json", |_| {}), Some(&cache)).unwrap();
        let edited = big(dir.path(), "big.json", |d| {
            d.events[0].title = "Retitled by a later edit".into()
        });
        let after = load_path(&edited, Some(&cache)).unwrap();
        assert_ne!(after.key, before.key);
        assert_eq!(entries(&cache_dir), 2);
        let retitled = Query::parse("retitled").unwrap();
        assert_eq!(after.index.search(&retitled).len(), 1);
        assert_eq!(before.index.search(&retitled).len(), 0);
    }

    #[test]
    fn small_invalid_or_uncached_loads_write_nothing() {
        let (dir, cache, cache_dir) = dirs();
        let small = dir.path().join("small.json");
        fs::write(&small, data::EMBEDDED_JSON).unwrap();
        load_path(&small, Some(&cache)).unwrap();
        let invalid = big(dir.path(), "bad.json", |d| d.events[3].tab = "nowhere".into());
        let err = load_path(&invalid, Some(&cache)).err().unwrap();
        assert!(err.to_string().contains("events[3].tab"), "{err}");
        load_path(&big(dir.path(), "big.json", |_| {}), None).unwrap();
        assert_eq!(entries(&cache_dir), 0);
    }

    #[test]
    fn a_directory_that_cannot_be_written_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let not_a_dir = dir.path().join("file");
        fs::write(&not_a_dir, "").unwrap();
        let cache = IndexCache::in_dir(&not_a_dir);
        let loaded = load_path(&big(dir.path(), "big.json", |_| {}), Some(&cache)).unwrap();
        assert!(!answers(&loaded)[0].is_empty());
    }

    /// Runs `f` on a thread of its own and fails if it takes longer than
    /// a few seconds, so a read that blocks fails instead of hanging.
    fn promptly<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || tx.send(f()));
        rx.recv_timeout(std::time::Duration::from_secs(10))
            .unwrap_or_else(|_| panic!("{what} still blocks after 10 s"))
    }

    #[test]
    fn a_fifo_or_a_device_as_an_entry_is_refused_without_waiting() {
        let (dir, cache, _) = dirs();
        let file = big(dir.path(), "big.json", |_| {});
        let key = DatasetKey::of(&fs::read(&file).unwrap());
        fs::create_dir_all(&cache.dir).unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(cache.path(&key))
            .status()
            .unwrap();
        assert!(status.success());
        let (in_thread, path) = (cache.clone(), file.clone());
        let loaded = promptly("a search with a FIFO entry", move || {
            load_path(&path, Some(&in_thread)).map(|l| answers(&l))
        });
        assert_eq!(loaded.unwrap(), answers(&load_path(&file, None).unwrap()));
        assert!(cache.path(&key).is_file(), "replaced by a sound entry");
        // A device never ends; its header alone is not what refuses it.
        fs::remove_file(cache.path(&key)).unwrap();
        std::os::unix::fs::symlink("/dev/zero", cache.path(&key)).unwrap();
        let dataset = load_path(&file, None).unwrap().dataset;
        let in_thread = cache.clone();
        let got = promptly("reading /dev/zero as an entry", move || {
            in_thread.get(&key, &dataset).is_some()
        });
        assert!(!got);
    }

    #[test]
    fn pruning_removes_only_what_the_cache_wrote() {
        let (dir, cache, cache_dir) = dirs();
        let small = dir.path().join("small.json");
        fs::write(&small, data::EMBEDDED_JSON).unwrap();
        let loaded = load_path(&small, None).unwrap();
        fs::create_dir_all(&cache_dir).unwrap();
        let hex = |c: char| c.to_string().repeat(64);
        let theirs = [
            cache_dir.join("notes.index"),
            cache_dir.join(format!("{}.index", &hex('a')[1..])),
            cache_dir.join(format!("{}.index", hex('B'))),
        ];
        for path in &theirs {
            fs::write(path, b"DOSSIDX\n their own").unwrap();
        }
        // Named like an entry, with no magic; and a link to an entry.
        let no_magic = cache_dir.join(format!("{}.index", hex('c')));
        fs::write(&no_magic, "a user's file").unwrap();
        let keys: Vec<DatasetKey> = (0..KEEP + 1).map(|i| DatasetKey::of(&[i as u8])).collect();
        cache.put(&keys[0], &loaded.index);
        let link = cache_dir.join(format!("{}.index", hex('d')));
        std::os::unix::fs::symlink(cache.path(&keys[0]), &link).unwrap();
        let an_hour_ago = SystemTime::now() - std::time::Duration::from_secs(3600);
        for path in theirs.iter().chain([&no_magic]) {
            fs::File::options()
                .append(true)
                .open(path)
                .unwrap()
                .set_modified(an_hour_ago)
                .unwrap();
        }
        for key in &keys[1..] {
            cache.put(key, &loaded.index);
        }
        for path in theirs.iter().chain([&no_magic]) {
            assert!(path.is_file(), "{} kept", path.display());
        }
        assert!(fs::symlink_metadata(&link).is_ok(), "the link kept");
        assert_eq!(entries(&cache_dir), KEEP, "the cache's own entries pruned");
        assert!(!cache.path(&keys[0]).exists(), "the oldest entry went");
    }

    #[test]
    fn temporary_files_of_a_killed_write_are_removed_on_the_next_run() {
        let (dir, cache, cache_dir) = dirs();
        let file = big(dir.path(), "big.json", |_| {});
        load_path(&file, Some(&cache)).unwrap();
        let old = cache_dir.join(".dossier-index-k1ll3d.tmp");
        let fresh = cache_dir.join(".dossier-index-wr1t1n.tmp");
        let theirs = cache_dir.join(".dossier-index-notes.txt");
        for path in [&old, &fresh, &theirs] {
            fs::write(path, vec![0u8; 4096]).unwrap();
        }
        let two_minutes_ago = SystemTime::now() - std::time::Duration::from_secs(120);
        for path in [&old, &theirs] {
            fs::File::options()
                .append(true)
                .open(path)
                .unwrap()
                .set_modified(two_minutes_ago)
                .unwrap();
        }
        // A hit: nothing is written this run, the leftovers go all the same.
        load_path(&file, Some(&cache)).unwrap();
        assert!(!old.exists(), "an old temporary file is removed");
        assert!(fresh.exists(), "one being written now is not");
        assert!(theirs.exists(), "nor a file the cache did not name");
    }

    #[test]
    fn only_the_most_recently_used_entries_are_kept() {
        let (dir, cache, _) = dirs();
        let small = dir.path().join("small.json");
        fs::write(&small, data::EMBEDDED_JSON).unwrap();
        let loaded = load_path(&small, None).unwrap();
        let keys: Vec<DatasetKey> = (0..KEEP + 2).map(|i| DatasetKey::of(&[i as u8])).collect();
        let an_hour_ago = SystemTime::now() - std::time::Duration::from_secs(3600);
        for (i, key) in keys[..KEEP].iter().enumerate() {
            cache.put(key, &loaded.index);
            let file = fs::File::options().append(true).open(cache.path(key)).unwrap();
            file.set_modified(an_hour_ago + std::time::Duration::from_secs(60 * i as u64))
                .unwrap();
        }
        // Reading the oldest makes it the most recently used; each new
        // entry then pushes out the least recently used one.
        assert!(cache.read(&keys[0]).is_some());
        for key in &keys[KEEP..] {
            cache.put(key, &loaded.index);
        }
        let kept: Vec<bool> = keys.iter().map(|k| cache.path(k).is_file()).collect();
        let mut expected = vec![false; KEEP + 2];
        expected[0] = true;
        expected[3..].iter_mut().for_each(|k| *k = true);
        assert_eq!(kept, expected);
    }
}
