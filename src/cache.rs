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
//! directory that cannot be written is skipped without a word.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::data::{self, LoadError};
use crate::model::Dataset;
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

    /// The file of the entry for `key`.
    pub fn path(&self, key: &DatasetKey) -> PathBuf {
        self.dir.join(format!("{}.index", key.as_str()))
    }

    /// The entry for `key` and where its index bytes start, if a sound
    /// entry of this build is there. Reading one marks it as recently used.
    fn read(&self, key: &DatasetKey) -> Option<(Vec<u8>, usize)> {
        let path = self.path(key);
        let bytes = fs::read(&path).ok()?;
        let rest = bytes.strip_prefix(MAGIC)?;
        let (header, index) = postcard::take_from_bytes::<Header>(rest).ok()?;
        let start = bytes.len() - index.len();
        let sound = header.format == FORMAT
            && header.version == env!("CARGO_PKG_VERSION")
            && header.dataset == key.as_str()
            && header.checksum == <[u8; 32]>::from(Sha256::digest(index));
        if !sound {
            return None;
        }
        let _ = fs::File::options()
            .append(true)
            .open(&path)
            .and_then(|f| f.set_modified(SystemTime::now()));
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
        fs::create_dir_all(&self.dir)?;
        let mut file = tempfile::NamedTempFile::new_in(&self.dir)?;
        file.write_all(MAGIC)?;
        file.write_all(&header)?;
        file.write_all(index)?;
        file.persist(self.path(key)).map_err(|e| e.error)?;
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
            .filter(|e| is_entry(&e.path()))
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        entries.sort_by_key(|e| std::cmp::Reverse(e.0));
        for (_, path) in entries.iter().skip(KEEP) {
            let _ = fs::remove_file(path);
        }
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

/// The dataset in `bytes` (read from `origin`), validated, with its search
/// index: the index from the cache when `cache` holds a sound entry for
/// this text (which was then validated when the entry was written), else
/// built, and stored in `cache` for next time. Files under [`MIN_BYTES`]
/// skip the cache.
pub fn load(bytes: &[u8], origin: &str, cache: Option<&IndexCache>) -> Result<Loaded, LoadError> {
    // Parsing takes one core; the hash is computed on the other meanwhile.
    let (key, parsed) = rayon::join(|| DatasetKey::of(bytes), || data::parse_bytes(bytes, origin));
    let (dataset, text) = parsed?;
    let cache = cache.filter(|_| bytes.len() >= MIN_BYTES);
    if let Some(index) = cache.and_then(|c| c.get(&key, &dataset)) {
        return Ok(Loaded { dataset, index, key });
    }
    data::check(&dataset, text, origin)?;
    let index = SearchIndex::new(&dataset);
    if let Some(cache) = cache {
        cache.put(&key, &index);
    }
    Ok(Loaded { dataset, index, key })
}

/// Whether `path` is named like an entry.
fn is_entry(path: &Path) -> bool {
    path.extension().is_some_and(|x| x == "index")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Query;

    /// The embedded dataset with its events repeated under new ids, past
    /// [`MIN_BYTES`] of text; `tweak` edits the copy first.
    fn big(tweak: impl FnOnce(&mut Dataset)) -> Vec<u8> {
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
        serde_json::to_vec(&dataset).unwrap()
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
        fs::read_dir(dir).map_or(0, |d| d.flatten().filter(|e| is_entry(&e.path())).count())
    }

    #[test]
    fn a_second_load_reads_the_entry_and_finds_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let cache = IndexCache::in_dir(dir.path());
        let bytes = big(|_| {});
        assert!(bytes.len() >= MIN_BYTES);
        let first = load(&bytes, "big.json", Some(&cache)).unwrap();
        assert!(cache.path(&first.key).is_file());
        assert!(cache.get(&first.key, &first.dataset).is_some());
        let second = load(&bytes, "big.json", Some(&cache)).unwrap();
        assert_eq!(second.dataset, first.dataset);
        assert_eq!(answers(&second), answers(&first));
        assert_eq!(entries(dir.path()), 1);
    }

    #[test]
    fn damaged_or_foreign_entries_are_refused_and_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let cache = IndexCache::in_dir(dir.path());
        let bytes = big(|_| {});
        let loaded = load(&bytes, "big.json", Some(&cache)).unwrap();
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
        let other = big(|d| d.events.truncate(500));
        let other = load(&other, "other.json", None).unwrap();
        cache.put(&loaded.key, &other.index);
        assert!(
            cache.get(&loaded.key, &loaded.dataset).is_none(),
            "another dataset's index"
        );
        // Loading again replaces the refused entry with a sound one.
        let again = load(&bytes, "big.json", Some(&cache)).unwrap();
        assert_eq!(answers(&again), answers(&loaded));
        assert!(cache.get(&loaded.key, &loaded.dataset).is_some());
    }

    #[test]
    fn an_entry_of_one_text_does_not_serve_another() {
        let dir = tempfile::tempdir().unwrap();
        let cache = IndexCache::in_dir(dir.path());
        let before = load(&big(|_| {}), "big.json", Some(&cache)).unwrap();
        let edited = big(|d| d.events[0].title = "Retitled by a later edit".into());
        let after = load(&edited, "big.json", Some(&cache)).unwrap();
        assert_ne!(after.key, before.key);
        assert_eq!(entries(dir.path()), 2);
        let retitled = Query::parse("retitled").unwrap();
        assert_eq!(after.index.search(&retitled).len(), 1);
        assert_eq!(before.index.search(&retitled).len(), 0);
    }

    #[test]
    fn small_invalid_or_uncached_loads_write_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let cache = IndexCache::in_dir(dir.path());
        let small = data::EMBEDDED_JSON.as_bytes();
        load(small, "small.json", Some(&cache)).unwrap();
        let invalid = big(|d| d.events[3].tab = "nowhere".into());
        let err = load(&invalid, "bad.json", Some(&cache)).err().unwrap();
        assert!(err.to_string().contains("events[3].tab"), "{err}");
        load(&big(|_| {}), "big.json", None).unwrap();
        assert_eq!(entries(dir.path()), 0);
    }

    #[test]
    fn a_directory_that_cannot_be_written_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let not_a_dir = dir.path().join("file");
        fs::write(&not_a_dir, "").unwrap();
        let cache = IndexCache::in_dir(&not_a_dir);
        let loaded = load(&big(|_| {}), "big.json", Some(&cache)).unwrap();
        assert!(!answers(&loaded)[0].is_empty());
    }

    #[test]
    fn only_the_most_recently_used_entries_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let cache = IndexCache::in_dir(dir.path());
        let loaded = load(data::EMBEDDED_JSON.as_bytes(), "small.json", None).unwrap();
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
