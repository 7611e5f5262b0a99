//! The index cache: a dataset file, validated and indexed, saved in a form
//! read in place, so that opening or searching the same file again skips
//! reading, parsing, validating and indexing it.
//!
//! An entry is found without reading the data file, as git's index finds
//! unchanged files: it is named by the hash of the file's canonical path
//! and holds the file's `stat` (device, inode, size, modification and
//! change times to the nanosecond) when it was read. Any edit, a
//! replacement by rename, even one that puts the old modification time
//! back, changes one of them (the change time cannot be set back), and
//! the entry is not used. A file modified in the same second as it was
//! read or later could have changed again without its times showing it
//! on a file system with coarse times: its text is hashed and compared
//! with the one the entry was made from ("racily clean" in git's words).
//!
//! An entry also holds the SHA-256 of the text: a dataset served on the
//! word of the stat alone comes with an [`Unverified`], whose check hashes
//! the file off the user's path and removes the entry if the text is not
//! that one.
//!
//! Imported files (a table, a timeline, an article) get entries too,
//! through [`load_with`]: the entry holds the converted dataset, found by
//! the imported file's stat, so a warm open neither reads nor converts
//! it. Their reading is told apart by a salt (the format and the importer
//! version), part of the entry's name and of the hash of the text.
//!
//! Entries live in `$DOSSIER_CACHE_DIR` if set, else in `dossier/index`
//! under the user's cache directory (`$XDG_CACHE_HOME` or `~/.cache`),
//! never next to the data, which may be read-only or under version
//! control. Small files are not cached (they load in milliseconds); only
//! the [`KEEP`] most recently used entries are kept.
//!
//! A cache is only ever an optimization: an entry that is missing,
//! unreadable, truncated, damaged (its body's CRC-32 is stored after it,
//! and its structure is validated by rkyv),
//! written by another build, or of another file is ignored and replaced,
//! and a directory that cannot be written is skipped without a word.
//! Entries are the user's own files, like the state files: checked for
//! integrity and consistency, not for who wrote them.

use std::borrow::Cow;
use std::fs::{self, File, Metadata};
use std::io::{Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

use anyhow::Context as _;
use rayon::prelude::*;
use rkyv::rancor;
use serde::{Deserialize, Serialize};

use crate::atomic::Durability;
use crate::data::{self, LoadError};
use crate::fsutil::{self, Accept};
use crate::model::{ArchivedEvent, Dataset, Event};
use crate::progress::{self, Head, Stage};
use crate::records::{Columns, Figured, Figures, Records};
use crate::search::{LaterIndex, SearchIndex, Stored};
use crate::state::DatasetKey;

/// Environment variable naming the cache directory.
pub const DIR_VAR: &str = "DOSSIER_CACHE_DIR";

/// Files under this size are loaded afresh every time.
pub const MIN_BYTES: usize = 1 << 20;

/// Entries kept; older ones are removed when a new one is written.
pub const KEEP: usize = 4;

/// First bytes of every entry, of every format: an entry of an older
/// build is still recognized as the cache's own, and pruned.
const MAGIC: &[u8; 8] = b"DOSSIDX\n";

/// How an entry's temporary file is named while it is written.
const TEMP: (&str, &str) = (".dossier-index-", ".tmp");

/// The header takes this many bytes, zero-padded: the data after it stays
/// aligned as rkyv needs in a file mapped at a page boundary.
const HEADER: usize = 512;

/// rkyv's largest alignment for the dataset's archived types.
const ALIGN: usize = 16;

/// Raise when the entry's layout changes: the header's fields, or the
/// model's types (the archive is validated anyway, but an older layout
/// may happen to pass as the new one).
const FORMAT: u32 = 12;

/// Events per archived chunk: each chunk is checked, validated and turned
/// back into events on its own, so that all cores share a whole load, and
/// a search that shows a hundred events of a million reads only the
/// chunks holding them. Small in tests, so that their datasets take many
/// chunks.
const CHUNK: usize = if cfg!(test) { 64 } else { 256 };

/// Chunks decoded into one vector when every event is read. A chunk's
/// vector is small enough for malloc to serve from its heap, where it
/// stays resident once freed: moved into the dataset, a million events'
/// worth of them kept 400 MB more at the peak. A batch's is large enough
/// to be mapped on its own and given back whole.
const BATCH: usize = if cfg!(test) { 2 } else { 64 };

/// Events of one chunk, archived on their own.
#[derive(rkyv::Archive, rkyv::Serialize)]
struct Chunk<'a> {
    #[rkyv(with = rkyv::with::InlineAsBox)]
    events: &'a [Event],
}

/// The last archive of an entry: the dataset without its events, and where
/// each chunk of events is. The trailer follows it ([`Trailer`]). Each
/// chunk has a CRC-32 of its own, checked when it is read, so that damage
/// inside a string (which an archive's validation cannot see) is caught
/// without reading every chunk to find it.
#[derive(rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
struct Contents {
    dataset: Dataset,
    /// What the browser's lists need of every event
    /// ([`crate::records::Columns`]), archived on its own after the chunks.
    columns: Stretch,
    /// Every event's id, in order, archived on its own after the columns:
    /// read back only when a saved position or bookmark is looked up.
    ids: Stretch,
    /// Every figure ([`crate::records::Figures`]), archived on its own
    /// after the ids: read back when the Figures view is first drawn.
    figures: Stretch,
    /// How many events the chunks hold, [`CHUNK`] to each but the last.
    events: u64,
    /// How many of them each tab holds ([`Dataset::tab_counts`]): the
    /// Overview shows them before the chunks are read.
    tab_events: Vec<u64>,
    chunks: Vec<Stretch>,
}

impl Contents {
    /// Reports what the Overview needs before the events are read
    /// ([`progress::head`]), for the dataset whose key is `key`.
    fn report_head(&self, key: &DatasetKey) {
        progress::head(|| Head {
            meta: self.dataset.clone(),
            counts: self.tab_events.iter().map(|&n| n as usize).collect(),
            key: key.clone(),
        });
    }
}

/// Where a chunk is, as offsets from the start of the entry, and the
/// CRC-32 of its bytes.
#[derive(Debug, Clone, Copy, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
struct Stretch {
    at: u64,
    len: u64,
    crc: u32,
}

/// A data file as `stat` shows it: what must be the same for an entry
/// made from it to stand for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stat {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
}

impl Stat {
    fn of(meta: &Metadata) -> Stat {
        Stat {
            dev: meta.dev(),
            ino: meta.ino(),
            size: meta.size(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            ctime: (meta.ctime(), meta.ctime_nsec()),
        }
    }
}

/// What an entry says about itself, before the index and the dataset.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Header {
    format: u32,
    /// The dossier version that wrote it.
    version: String,
    /// The data file when it was read.
    stat: Stat,
    /// When the file was read, in whole seconds since the epoch, taken
    /// before it was looked at.
    read_at: i64,
    /// Hex SHA-256 of the dataset's JSON text ([`DatasetKey`], which
    /// names the state file).
    key: String,
    /// Hex SHA-256 of the file's text and the salt of its reading: the
    /// same as `key` for a dataset file, which has no salt.
    source: String,
    /// Length of the index bytes right after the header; the chunks of
    /// archived events follow them, each at a multiple of [`ALIGN`], then
    /// the [`Contents`] archive and the trailer.
    index_len: u64,
}

impl Header {
    /// Whether the stat alone shows that the file is the one read: only
    /// if it was last modified in a second before the one it was read in.
    fn trusts_stat(&self) -> bool {
        self.stat.mtime.0 < self.read_at
    }

    /// Where the first chunk starts.
    fn archive_start(&self) -> Option<usize> {
        let end = HEADER.checked_add(usize::try_from(self.index_len).ok()?)?;
        end.checked_next_multiple_of(ALIGN)
    }
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

/// An entry, mapped, whose header is of this build.
pub struct Entry {
    map: memmap2::Mmap,
    header: Header,
    /// The entry file's device and inode: which entry this is, should it
    /// be replaced meanwhile.
    identity: (u64, u64),
}

impl Entry {
    /// The dataset and index it holds, if they pass validation and agree
    /// with each other; every chunk of events is read, on every core.
    /// The dataset's `key` goes with the head reported before the chunks
    /// are read ([`progress::head`]).
    fn decode(&self, key: &DatasetKey) -> Option<(Dataset, SearchIndex)> {
        // Whichever core reads the contents reports to this thread's
        // progress.
        let watched = progress::current();
        let (dataset, index) = rayon::join(
            || {
                let contents = self.contents()?;
                progress::tracking(watched, || contents.report_head(key));
                let events = Chunks::of(
                    &self.map,
                    &contents.chunks,
                    usize::try_from(contents.events).ok()?,
                )
                .all()?;
                Some(Dataset {
                    events,
                    ..contents.dataset
                })
            },
            || self.index(),
        );
        let dataset = dataset?;
        let index = index?.check(&dataset)?;
        Some((dataset, index))
    }

    /// The dataset without its events, the index, and the events on their
    /// shelf, if the index and the contents pass validation, and the
    /// index agrees with a sample of events.
    fn shelve(self, entry: PathBuf) -> Option<(Dataset, SearchIndex, Shelf)> {
        let (contents, index) = rayon::join(|| self.contents(), || self.index());
        let Contents {
            dataset,
            events,
            chunks,
            columns,
            ids,
            figures,
            ..
        } = contents?;
        let events = usize::try_from(events).ok()?;
        let shelf = Shelf::new(
            Arc::new(self.map),
            chunks,
            [columns, ids, figures],
            events,
            entry,
            self.identity,
        );
        let sample: Vec<usize> = Stored::sample(shelf.events).collect();
        let sampled = shelf.take(&sample)?;
        let index = index?.check_sample(&dataset, shelf.events, &sampled)?;
        Some((dataset, index, shelf))
    }

    /// The index, decoded, if its checksum holds; its pages are given
    /// back.
    fn index(&self) -> Option<Stored> {
        index_in(&self.map, &self.header)
    }

    /// For the browser: the dataset without its events, the events on
    /// their shelf with the lists' columns, and the index made when first
    /// asked for (see [`LaterIndex`]), if the contents and the columns
    /// pass validation. The index is then checked as [`Entry::shelve`]
    /// checks it; should it fail, the entry is removed and the index built
    /// from the events.
    fn browse(self, entry: PathBuf, key: DatasetKey, unverified: Option<Unverified>) -> Option<Browsed> {
        let contents = self.contents()?;
        contents.report_head(&key);
        let Contents {
            dataset: meta,
            events,
            chunks,
            columns,
            ids,
            figures,
            ..
        } = contents;
        let events = usize::try_from(events).ok()?;
        let map = Arc::new(self.map);
        let shelf = Shelf::new(
            Arc::clone(&map),
            chunks,
            [columns, ids, figures],
            events,
            entry.clone(),
            self.identity,
        );
        let mut columns = shelf.columns(meta.tabs.len())?;
        let records = Arc::new(Records::shelved(shelf));
        columns.figures = Figures::later({
            let (records, tabs) = (Arc::clone(&records), meta.tabs.clone());
            move || {
                let stored = records.shelf().and_then(Shelf::figures);
                // Damaged: the entry is removed, and the figures gathered
                // from the events.
                stored.unwrap_or_else(|| Columns::of_records(&records, &tabs).figures.take())
            }
        });
        let index = LaterIndex::later({
            let (meta, records) = (meta.clone(), Arc::clone(&records));
            let (header, identity) = (self.header, self.identity);
            move || {
                let sampled: Option<Vec<Event>> =
                    Stored::sample(events).map(|e| records.get(e).cloned()).collect();
                let checked = index_in(&map, &header)
                    .zip(sampled)
                    .and_then(|(stored, sampled)| stored.check_sample(&meta, events, &sampled));
                checked.unwrap_or_else(|| {
                    remove_entry(&entry, identity);
                    SearchIndex::of_events(&meta, &records.map(Clone::clone))
                })
            }
        });
        Some(Browsed {
            meta,
            records,
            columns,
            index,
            key,
            unverified,
            storing: Storing::default(),
        })
    }

    /// What the last archive says, if the trailer's checksum holds, the
    /// archive is valid, and it has a chunk for each [`CHUNK`] events.
    fn contents(&self) -> Option<Contents> {
        let start = self.header.archive_start()?;
        let trailer = Trailer::of(&self.map)?;
        let summed = self.map.get(trailer.contents_at..trailer.sums_at)?;
        if trailer.contents_at < start || crc32fast::hash(summed) != trailer.contents_crc {
            return None;
        }
        let archived = rkyv::access::<ArchivedContents, rancor::Error>(
            &self.map[trailer.contents_at..trailer.length_at],
        )
        .ok()?;
        let contents = rkyv::deserialize::<Contents, rancor::Error>(archived).ok()?;
        let events = usize::try_from(contents.events).ok()?;
        // Each tab's count, drawn before the events are read, adds up to
        // them: entries hold validated datasets, every event in a tab.
        let counted = contents
            .tab_events
            .iter()
            .try_fold(0u64, |sum, &n| sum.checked_add(n));
        (contents.chunks.len() == events.div_ceil(CHUNK)
            && contents.tab_events.len() == contents.dataset.tabs.len()
            && counted == Some(contents.events))
        .then_some(contents)
    }

    fn keys(&self) -> Option<(DatasetKey, DatasetKey)> {
        Some((
            DatasetKey::parse(&self.header.key)?,
            DatasetKey::parse(&self.header.source)?,
        ))
    }
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

    /// The file of the entry for the data file at `canonical`, a
    /// canonical path, read as `salt` says.
    fn path(&self, canonical: &Path, salt: &str) -> PathBuf {
        let name = DatasetKey::of_parts(&[canonical.as_os_str().as_bytes(), salt.as_bytes()]);
        self.dir.join(format!("{}.index", name.as_str()))
    }

    /// Whether the entry of the file at `path` stands for it on the word
    /// of its stat, as [`load_path`] would find: the file is a dataset,
    /// the one validated when the entry was written.
    pub fn stands_for(&self, path: &Path) -> bool {
        DataFile::of(path).is_some_and(|file| {
            self.read(&self.path(&file.canonical, ""))
                .is_some_and(|e| e.header.stat == file.stat && e.header.trusts_stat())
        })
    }

    /// The entry at `path`, mapped, if it is a regular file with a header
    /// of this build. Reading one marks it as recently used.
    fn read(&self, path: &Path) -> Option<Entry> {
        let (file, meta) = fsutil::open(path, Accept::File).ok()?;
        let map = map(&file).ok()?;
        let header = map.strip_prefix(MAGIC).and_then(|rest| {
            let (header, _) = postcard::take_from_bytes::<Header>(rest).ok()?;
            let ours = header.format == FORMAT && header.version == env!("CARGO_PKG_VERSION");
            ours.then_some(header)
        })?;
        let _ = file.set_modified(SystemTime::now());
        Some(Entry {
            map,
            header,
            identity: (meta.dev(), meta.ino()),
        })
    }

    /// Stores the dataset whose entities and footnotes `meta` holds, its
    /// `events` and its `index` as the entry at `path`, atomically (a reader
    /// sees the old entry or the new one), then removes the least recently
    /// used entries beyond [`KEEP`]. Given up, the temporary file removed,
    /// as soon as `stop` is set.
    fn write(
        &self,
        path: &Path,
        header: &Header,
        meta: &Dataset,
        events: &[Event],
        index: &[u8],
        stop: &AtomicBool,
    ) -> anyhow::Result<()> {
        let mut head = MAGIC.to_vec();
        head.extend(postcard::to_stdvec(header)?);
        anyhow::ensure!(head.len() <= HEADER, "an entry's header is too long");
        head.resize(HEADER, 0);
        let start = header.archive_start().context("an index too long")?;
        crate::atomic::write_with(path, TEMP, Durability::Rebuildable, |out| -> anyhow::Result<()> {
            out.write_all(&head)?;
            let mut body = Summed {
                out,
                crc: crc32fast::Hasher::new(),
                written: HEADER as u64,
                stop,
            };
            body.write_all(index)?;
            body.pad(start)?;
            let index_crc = std::mem::take(&mut body.crc).finalize();
            // Streamed to the file a chunk at a time: the archive of a
            // large dataset is never held whole in memory beside it.
            let mut chunks = Vec::new();
            for events in events.chunks(CHUNK) {
                let stretch;
                (body, stretch) = body.archive(&Chunk { events })?;
                chunks.push(stretch);
            }
            let (columns, ids, figures);
            let gathered = Columns::of_events(events, &meta.tabs);
            (body, columns) = body.archive(&gathered)?;
            let every_id: Vec<String> = events.iter().map(|e| e.id.clone()).collect();
            (body, ids) = body.archive(&every_id)?;
            (body, figures) = body.archive(gathered.figures.get())?;
            body.crc = crc32fast::Hasher::new();
            let contents = Contents {
                dataset: meta.meta(),
                events: events.len() as u64,
                tab_events: meta.count_tabs(events).into_iter().map(|n| n as u64).collect(),
                chunks,
                columns,
                ids,
                figures,
            };
            let at = body.written;
            body = rkyv::api::high::to_bytes_in::<_, rancor::Error>(
                &contents,
                rkyv::ser::writer::IoWriter::new(body),
            )?
            .into_inner();
            let length = body.written - at;
            body.write_all(&length.to_le_bytes())?;
            let contents_crc = body.crc.finalize();
            body.out.write_all(&index_crc.to_le_bytes())?;
            body.out.write_all(&contents_crc.to_le_bytes())?;
            Ok(())
        })?;
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
}

/// A writer that sums what goes through it, for the checksums of an
/// entry's parts, and counts it, for where each archive starts.
struct Summed<'w> {
    out: &'w mut dyn Write,
    crc: crc32fast::Hasher,
    /// Bytes of the entry so far, its header included.
    written: u64,
    /// Set to give the write up.
    stop: &'w AtomicBool,
}

impl Summed<'_> {
    /// Writes zeros up to offset `to` of the entry.
    fn pad(&mut self, to: usize) -> std::io::Result<()> {
        let from = usize::try_from(self.written).map_err(std::io::Error::other)?;
        self.write_all(&[0; ALIGN][..to.saturating_sub(from).min(ALIGN)])
    }
}

impl<'w> Summed<'w> {
    /// Archives `value` next, on its own, then pads to [`ALIGN`]: where it
    /// went and its CRC-32.
    fn archive<T>(mut self, value: &T) -> anyhow::Result<(Summed<'w>, Stretch)>
    where
        T: for<'a> rkyv::Serialize<
                rkyv::api::high::HighSerializer<
                    rkyv::ser::writer::IoWriter<Summed<'w>>,
                    rkyv::ser::allocator::ArenaHandle<'a>,
                    rancor::Error,
                >,
            >,
    {
        let at = self.written;
        self.crc = crc32fast::Hasher::new();
        let mut body =
            rkyv::api::high::to_bytes_in::<_, rancor::Error>(value, rkyv::ser::writer::IoWriter::new(self))?
                .into_inner();
        let stretch = Stretch {
            at,
            len: body.written - at,
            crc: body.crc.clone().finalize(),
        };
        body.pad(usize::try_from(body.written)?.next_multiple_of(ALIGN))?;
        Ok((body, stretch))
    }
}

impl Write for Summed<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.stop.load(Ordering::Relaxed) {
            return Err(std::io::Error::other("the entry's write was given up"));
        }
        let n = self.out.write(buf)?;
        self.crc.update(&buf[..n]);
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The end of an entry: the length of the contents archive (8 bytes),
/// then the CRC-32 of the index (up to where the chunks start) and that
/// of the contents archive with its length. Apart, so that the contents,
/// and the Overview drawn from them, need not wait for the whole index
/// to be read (at a million events, hundreds of megabytes).
struct Trailer {
    contents_at: usize,
    length_at: usize,
    /// Where the CRCs start: the contents' CRC covers up to here.
    sums_at: usize,
    index_crc: u32,
    contents_crc: u32,
}

impl Trailer {
    const LEN: usize = 8 + 4 + 4;

    fn of(map: &[u8]) -> Option<Trailer> {
        let length_at = map.len().checked_sub(Trailer::LEN)?;
        let sums_at = length_at + 8;
        let word = |at: usize| Some(u32::from_le_bytes(map.get(at..at + 4)?.try_into().ok()?));
        let length = u64::from_le_bytes(map.get(length_at..sums_at)?.try_into().ok()?);
        Some(Trailer {
            contents_at: length_at.checked_sub(usize::try_from(length).ok()?)?,
            length_at,
            sums_at,
            index_crc: word(sums_at)?,
            contents_crc: word(sums_at + 4)?,
        })
    }
}

/// The index of the entry mapped as `map`, whose header is `header`,
/// decoded, if its checksum holds; its pages are given back.
fn index_in(map: &memmap2::Mmap, header: &Header) -> Option<Stored> {
    let end = HEADER.checked_add(usize::try_from(header.index_len).ok()?)?;
    let summed = map.get(HEADER..header.archive_start()?)?;
    let stored = (crc32fast::hash(summed) == Trailer::of(map)?.index_crc)
        .then(|| Stored::decode(map.get(HEADER..end)?))
        .flatten();
    release(map, HEADER..end);
    stored
}

/// The range and bytes of `stretch` of `map`, if they are the bytes
/// written (their CRC-32).
fn stretch<'m>(map: &'m [u8], stretch: &Stretch) -> Option<(std::ops::Range<usize>, &'m [u8])> {
    let (range, bytes) = stretch_bytes(map, stretch)?;
    (crc32fast::hash(bytes) == stretch.crc).then_some((range, bytes))
}

/// The range and bytes of `stretch` of `map`, unchecked.
fn stretch_bytes<'m>(map: &'m [u8], stretch: &Stretch) -> Option<(std::ops::Range<usize>, &'m [u8])> {
    let start = usize::try_from(stretch.at).ok()?;
    let range = start..start.checked_add(usize::try_from(stretch.len).ok()?)?;
    Some((range.clone(), map.get(range)?))
}

/// The chunks of events of an entry mapped as `map`.
struct Chunks<'m> {
    map: &'m memmap2::Mmap,
    chunks: &'m [Stretch],
    events: usize,
}

impl<'m> Chunks<'m> {
    /// The `chunks` of `map`, holding `events` events.
    fn of(map: &'m memmap2::Mmap, chunks: &'m [Stretch], events: usize) -> Chunks<'m> {
        Chunks { map, chunks, events }
    }

    /// Chunk `c`'s bytes and archive, if they are the bytes written (its
    /// CRC-32), a valid archive, and of as many events as it should hold.
    fn chunk(&self, c: usize) -> Option<(std::ops::Range<usize>, &'m ArchivedChunk<'m>)> {
        let (range, bytes) = stretch(self.map, self.chunks.get(c)?)?;
        let chunk = rkyv::access::<ArchivedChunk, rancor::Error>(bytes).ok()?;
        let expected = self.events.checked_sub(c * CHUNK)?.min(CHUNK);
        (chunk.events.len() == expected).then_some((range, chunk))
    }

    /// Every event, each chunk read on a core of its own and its pages
    /// given back once it is copied out.
    fn all(&self) -> Option<Vec<Event>> {
        self.map(|e| e)
    }

    /// What `f` makes of every event, in order, each chunk read on a core
    /// of its own and its pages given back once it is read: the events
    /// themselves need not all be in memory at once.
    fn map<T: Send>(&self, f: impl Fn(Event) -> T + Sync) -> Option<Vec<T>> {
        let batches: Vec<Vec<T>> = (0..self.chunks.len())
            .into_par_iter()
            .step_by(BATCH)
            .map(|first| {
                let last = (first + BATCH).min(self.chunks.len());
                let mut events = Vec::with_capacity((last - first) * CHUNK);
                for c in first..last {
                    let (range, chunk) = self.chunk(c)?;
                    for event in chunk.events.iter() {
                        events.push(f(unarchive(event)?));
                    }
                    release(self.map, range);
                }
                Some(events)
            })
            .collect::<Option<_>>()?;
        let mut events = Vec::with_capacity(self.events);
        for batch in batches {
            events.extend(batch);
        }
        Some(events)
    }

    /// The events numbered `wanted`, in that order: each chunk holding
    /// some is read once, on every core. `None` if one is damaged (or
    /// past the end: its chunk is not found).
    fn take(&self, wanted: &[usize]) -> Option<Vec<Event>> {
        let mut by_chunk: std::collections::BTreeMap<usize, Vec<(usize, usize)>> = Default::default();
        for (i, &e) in wanted.iter().enumerate() {
            by_chunk.entry(e / CHUNK).or_default().push((i, e % CHUNK));
        }
        let read: Vec<Vec<(usize, Event)>> = by_chunk
            .into_par_iter()
            .map(|(c, picks)| {
                let (_, chunk) = self.chunk(c)?;
                picks
                    .into_iter()
                    .map(|(i, at)| Some((i, unarchive(&chunk.events[at])?)))
                    .collect()
            })
            .collect::<Option<_>>()?;
        let mut taken: Vec<Option<Event>> = std::iter::repeat_with(|| None).take(wanted.len()).collect();
        for (i, event) in read.into_iter().flatten() {
            taken[i] = Some(event);
        }
        taken.into_iter().collect()
    }
}

fn unarchive(event: &ArchivedEvent) -> Option<Event> {
    rkyv::deserialize::<Event, rancor::Error>(event).ok()
}

/// The events of an entry, left in it and read when asked for: a search
/// that prints a hundred events of a million reads those alone.
pub struct Shelf {
    /// Shared with the index read later ([`Entry::browse`]).
    map: Arc<memmap2::Mmap>,
    chunks: Vec<Stretch>,
    /// Whether each chunk passed its checks, once read.
    checked: Box<[OnceLock<bool>]>,
    /// Where the entry's [`Columns`] are.
    columns: Stretch,
    /// Where its events' ids are.
    ids: Stretch,
    /// Where its figures are.
    figures: Stretch,
    events: usize,
    /// The entry's path and identity, to remove it if a chunk is found
    /// damaged.
    entry: PathBuf,
    identity: (u64, u64),
}

impl Shelf {
    /// How many events it holds.
    pub fn len(&self) -> usize {
        self.events
    }

    /// Whether it holds no event.
    pub fn is_empty(&self) -> bool {
        self.events == 0
    }

    fn new(
        map: Arc<memmap2::Mmap>,
        chunks: Vec<Stretch>,
        [columns, ids, figures]: [Stretch; 3],
        events: usize,
        entry: PathBuf,
        identity: (u64, u64),
    ) -> Shelf {
        let checked = std::iter::repeat_with(OnceLock::new).take(chunks.len()).collect();
        Shelf {
            map,
            chunks,
            checked,
            columns,
            ids,
            figures,
            events,
            entry,
            identity,
        }
    }

    /// Event `e`; `None` if it is past the end, or in a damaged chunk,
    /// which removes the entry. Callers keep what they read
    /// ([`crate::records::Records`]): it is decoded at each call.
    pub fn one(&self, e: usize) -> Option<Event> {
        if e >= self.events {
            return None;
        }
        let event = self
            .checked_chunk(e / CHUNK)
            .and_then(|chunk| unarchive(chunk.events.get().get(e % CHUNK)?));
        self.damaged_unless(event)
    }

    /// Chunk `c`'s archive, its CRC and validation checked only the first
    /// time it is read: a screen of rows from scattered chunks, each
    /// checked whole for each row, took a chunk's check per event.
    #[allow(unsafe_code)]
    fn checked_chunk(&self, c: usize) -> Option<&ArchivedChunk<'_>> {
        let chunks = Chunks::of(&self.map, &self.chunks, self.events);
        let sound = *self.checked.get(c)?.get_or_init(|| chunks.chunk(c).is_some());
        let (_, bytes) = sound.then(|| stretch_bytes(&self.map, self.chunks.get(c)?))??;
        // SAFETY: these bytes passed `rkyv::access` (bytecheck validation,
        // which also checks their alignment) in `Chunks::chunk` when `c`
        // was first read; the map is of a file never written in place
        // (see `map`), so they are still the bytes validated.
        Some(unsafe { rkyv::access_unchecked::<ArchivedChunk>(bytes) })
    }

    /// What `f` makes of every event, in order (see [`Chunks::map`]);
    /// `None` if a chunk is damaged, which removes the entry.
    pub fn map<T: Send>(&self, f: impl Fn(Event) -> T + Sync) -> Option<Vec<T>> {
        self.damaged_unless(Chunks::of(&self.map, &self.chunks, self.events).map(f))
    }

    /// What the browser's lists need of every event, if they are sound
    /// and fit a dataset of `tabs` tabs; `None` removes the entry.
    pub fn columns(&self, tabs: usize) -> Option<Columns> {
        self.read(&self.columns, |c: &Columns| c.fit(self.events, tabs))
    }

    /// Every figure, its events in date order, if they are sound; `None`
    /// removes the entry.
    pub fn figures(&self) -> Option<Vec<Figured>> {
        self.read(&self.figures, |f: &Vec<Figured>| {
            f.iter().all(|f| f.event < self.events)
        })
    }

    /// Every event's id, in order, if they are sound; `None` removes the
    /// entry.
    pub fn ids(&self) -> Option<Vec<String>> {
        self.read(&self.ids, |ids: &Vec<String>| ids.len() == self.events)
    }

    /// The archive at `at`, decoded, if its CRC holds, it is valid and
    /// `fits`; `None` removes the entry.
    fn read<T>(&self, at: &Stretch, fits: impl FnOnce(&T) -> bool) -> Option<T>
    where
        T: rkyv::Archive,
        T::Archived: for<'a> rkyv::bytecheck::CheckBytes<rkyv::api::high::HighValidator<'a, rancor::Error>>
            + rkyv::Deserialize<T, rkyv::rancor::Strategy<rkyv::de::Pool, rancor::Error>>,
    {
        let read = stretch(&self.map, at)
            .and_then(|(_, bytes)| rkyv::from_bytes::<T, rancor::Error>(bytes).ok().filter(fits));
        self.damaged_unless(read)
    }

    /// `read`, removing the entry when it is `None`: the next open reads
    /// the data file again.
    fn damaged_unless<T>(&self, read: Option<T>) -> Option<T> {
        if read.is_none() {
            remove_entry(&self.entry, self.identity);
        }
        read
    }

    /// The events numbered `wanted`, in that order; `None` if one is past
    /// the end, or in a damaged chunk, which removes the entry.
    pub fn take(&self, wanted: &[usize]) -> Option<Vec<Event>> {
        if wanted.iter().any(|&e| e >= self.events) {
            return None;
        }
        self.damaged_unless(Chunks::of(&self.map, &self.chunks, self.events).take(wanted))
    }
}

impl Opened {
    /// The dataset (without its events when they are shelved), the index,
    /// and where the events are read from.
    pub fn parts(&self) -> (&Dataset, &SearchIndex, Events<'_>) {
        match self {
            Opened::Whole(l) => (&l.dataset, &l.index, Events::All(&l.dataset.events)),
            Opened::Shelved(s) => (&s.meta, &s.index, Events::Shelf(&s.shelf)),
        }
    }
}

/// Where a dataset's events are read from.
#[derive(Clone, Copy)]
pub enum Events<'a> {
    All(&'a [Event]),
    Shelf(&'a Shelf),
}

impl<'a> Events<'a> {
    /// The events numbered `wanted`, in that order; `None` if one cannot
    /// be read (see [`Shelf::take`]).
    pub fn take(self, wanted: &[usize]) -> Option<Vec<Cow<'a, Event>>> {
        match self {
            Events::All(all) => wanted.iter().map(|&e| all.get(e).map(Cow::Borrowed)).collect(),
            Events::Shelf(shelf) => Some(shelf.take(wanted)?.into_iter().map(Cow::Owned).collect()),
        }
    }
}

/// Removes the entry at `path` if it is still the one of this identity:
/// one written meanwhile, by another dossier that read the file as it is
/// now, is sound.
fn remove_entry(path: &Path, identity: (u64, u64)) {
    let same = fs::symlink_metadata(path).is_ok_and(|m| (m.dev(), m.ino()) == identity);
    if same {
        let _ = fs::remove_file(path);
    }
}

/// A data file the cache is for, as it is now.
struct DataFile {
    stat: Stat,
    canonical: PathBuf,
}

impl DataFile {
    /// The file at `path`, if it is a regular file of at least
    /// [`MIN_BYTES`].
    fn of(path: &Path) -> Option<DataFile> {
        let meta = fs::metadata(path).ok()?;
        (meta.is_file() && meta.len() >= MIN_BYTES as u64).then_some(())?;
        Some(DataFile {
            stat: Stat::of(&meta),
            canonical: fs::canonicalize(path).ok()?,
        })
    }
}

/// Maps `file` into memory, so that an entry's dataset is read in place
/// and only the pages it touches are read from disk.
#[allow(unsafe_code)]
fn map(file: &File) -> std::io::Result<memmap2::Mmap> {
    // SAFETY: the map is undefined behaviour if the file changes while it
    // is mapped. Entries are never written in place: a new one is renamed
    // over the old, whose inode stays as it was for as long as it is
    // mapped. Only a hand truncating an entry could end this process
    // (SIGBUS), as it can any program that maps files; what the map
    // holds is validated before use, so its bytes may be anything.
    unsafe { memmap2::Mmap::map(file) }
}

/// Gives back the pages of `range` of an entry's map once what they hold
/// has been copied out: at a million events the map is as large as the
/// dataset it holds, and both were resident at the end of a load.
#[allow(unsafe_code)]
fn release(map: &memmap2::Mmap, range: std::ops::Range<usize>) {
    // SAFETY: the map is read-only, shared and of a file that is never
    // written in place (see `map`): after MADV_DONTNEED, a read of these
    // pages reads the file again, the same bytes, so any reference into
    // them stays sound. The range is inside the map (it was sliced).
    let _ =
        unsafe { map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, range.start, range.len()) };
}

/// A dataset file's contents, loaded for searching.
pub struct Loaded {
    pub dataset: Dataset,
    pub index: SearchIndex,
    /// The SHA-256 of the file's text.
    pub key: DatasetKey,
    /// Set when the dataset came from an entry on the word of the file's
    /// stat alone, the text unread: `key` is the one the entry holds.
    pub unverified: Option<Unverified>,
}

/// A dataset served from an entry found by the data file's stat: how to
/// check, off the user's path, that the file's text is still the one the
/// entry was made from.
#[derive(Debug)]
pub struct Unverified {
    file: PathBuf,
    salt: String,
    entry: PathBuf,
    identity: (u64, u64),
    source: DatasetKey,
}

impl Unverified {
    /// Hashes the data file, a piece at a time (the dataset is already in
    /// memory: its text is not held beside it). `false` when the text is
    /// not the one the entry was made from: the entry is removed, so the
    /// next open reads the file. A file that cannot be read does not
    /// disprove the entry.
    pub fn check(self) -> bool {
        let read = fsutil::open(&self.file, Accept::File)
            .and_then(|(f, _)| DatasetKey::read(f.chain(self.salt.as_bytes())));
        let Ok(source) = read else {
            return true;
        };
        if source == self.source {
            return true;
        }
        remove_entry(&self.entry, self.identity);
        false
    }
}

/// Loads the dataset file at `path` and indexes it. Through `cache`, for
/// a regular file of at least [`MIN_BYTES`]: from its entry when the
/// file's stat is the one the entry holds (see the module documentation
/// for when it is not trusted and the text is hashed), else read, parsed,
/// validated and indexed afresh, and stored for next time.
pub fn load_path(path: &Path, cache: Option<&IndexCache>) -> Result<Loaded, LoadError> {
    serve_path::<Whole>(path, cache)
}

/// Reads, parses and checks the dataset file at `path`, not through the
/// cache.
pub fn check_path(path: &Path) -> Result<Checked, LoadError> {
    fresh(path, None)
}

/// As [`load_path`], served as `S` says.
pub fn serve_path<S: Serving>(path: &Path, cache: Option<&IndexCache>) -> Result<S::Out, LoadError> {
    load_with::<S, _>(path, cache, "", |read| {
        let loaded = fresh(path, read)?;
        let source = loaded.key.clone();
        Ok((loaded, source))
    })
}

/// As [`load_path`], for a file that `build` turns into a dataset (an
/// import), read as `salt` says. `build` is given the file's bytes and
/// their salted hash when they were read already, and returns the checked
/// dataset with that hash; `S` indexes it and stores its entry.
pub fn load_with<S: Serving, E: From<LoadError>>(
    path: &Path,
    cache: Option<&IndexCache>,
    salt: &str,
    build: impl FnOnce(Option<(Vec<u8>, DatasetKey)>) -> Result<(Checked, DatasetKey), E>,
) -> Result<S::Out, E> {
    // Before the file is looked at: see `Header::read_at`.
    let read_at = SystemTime::now();
    let Some((cache, DataFile { stat, canonical })) = cache.zip(DataFile::of(path)) else {
        return Ok(S::fresh(build(None)?.0, None));
    };
    cache.sweep();
    let entry_path = cache.path(&canonical, salt);
    let mut read = None;
    if let Some(entry) = cache.read(&entry_path).filter(|e| e.header.stat == stat)
        && let Some((key, source)) = entry.keys()
    {
        progress::stage(Stage::Indexing);
        if entry.header.trusts_stat() {
            let unverified = Unverified {
                file: canonical,
                salt: salt.to_string(),
                entry: entry_path.clone(),
                identity: entry.identity,
                source,
            };
            if let Some(served) = S::from_entry(entry, &entry_path, key, Some(unverified)) {
                return Ok(served);
            }
        } else {
            progress::stage(Stage::Reading);
            let bytes = data::read_path(path)?;
            let read_source = DatasetKey::of_parts(&[&bytes, salt.as_bytes()]);
            if read_source == source
                && let Some(served) = S::from_entry(entry, &entry_path, key, None)
            {
                return Ok(served);
            }
            read = Some((bytes, read_source));
        }
    }
    let (checked, source) = build(read)?;
    let store = Store {
        cache: cache.clone(),
        path: entry_path,
        stat,
        read_at: read_at
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64),
        source,
    };
    Ok(S::fresh(checked, Some(store)))
}

/// Where and how to store a dataset read afresh as its entry, once it is
/// indexed.
pub struct Store {
    cache: IndexCache,
    path: PathBuf,
    stat: Stat,
    /// [`Header::read_at`].
    read_at: i64,
    /// [`Header::source`].
    source: DatasetKey,
}

impl Store {
    /// Writes the entry of the dataset whose entities and footnotes `meta`
    /// holds, whose events are `events` and whose index is `index`
    /// ([`SearchIndex::to_bytes`]), unless `stop` is set meanwhile. A cache
    /// is never worth an error: one that cannot be written is done without.
    fn write(&self, meta: &Dataset, events: &[Event], key: &DatasetKey, index: &[u8], stop: &AtomicBool) {
        let header = Header {
            format: FORMAT,
            version: env!("CARGO_PKG_VERSION").to_string(),
            stat: self.stat,
            read_at: self.read_at,
            key: key.as_str().to_string(),
            source: self.source.as_str().to_string(),
            index_len: index.len() as u64,
        };
        let _ = self.cache.write(&self.path, &header, meta, events, index, stop);
    }
}

/// How a load serves a dataset: whole ([`Whole`]), or from an entry with
/// its events left on a [`Shelf`] ([`OnShelf`]).
pub trait Serving {
    type Out;
    /// What `entry`, at `path`, serves if it is sound: it stands for the
    /// data file, whose [`DatasetKey`] is `key`.
    fn from_entry(
        entry: Entry,
        path: &Path,
        key: DatasetKey,
        unverified: Option<Unverified>,
    ) -> Option<Self::Out>;
    /// What a dataset read afresh serves, its entry stored as `store`
    /// says once it is indexed.
    fn fresh(checked: Checked, store: Option<Store>) -> Self::Out;
}

/// Every event read: for the browser and the commands that read them all.
pub struct Whole;

impl Serving for Whole {
    type Out = Loaded;

    fn from_entry(entry: Entry, _: &Path, key: DatasetKey, unverified: Option<Unverified>) -> Option<Loaded> {
        let (dataset, index) = entry.decode(&key)?;
        Some(Loaded {
            dataset,
            index,
            key,
            unverified,
        })
    }

    fn fresh(checked: Checked, store: Option<Store>) -> Loaded {
        let loaded = checked.indexed();
        if let Some(store) = store
            && let Some(index) = loaded.index.to_bytes()
        {
            // A command waits for its entry: never stopped.
            let never = AtomicBool::new(false);
            store.write(
                &loaded.dataset,
                &loaded.dataset.events,
                &loaded.key,
                &index,
                &never,
            );
        }
        loaded
    }
}

/// Events read only when asked for, when they come from an entry: for a
/// search, which shows a few.
pub struct OnShelf;

/// A dataset loaded whole, or from an entry with its events on a shelf.
pub enum Opened {
    Whole(Loaded),
    Shelved(Shelved),
}

/// A dataset served from an entry, its events left on a shelf.
pub struct Shelved {
    /// The dataset without its events.
    pub meta: Dataset,
    pub index: SearchIndex,
    pub shelf: Shelf,
}

impl Serving for OnShelf {
    type Out = Opened;

    fn from_entry(entry: Entry, path: &Path, _: DatasetKey, _: Option<Unverified>) -> Option<Opened> {
        let (meta, index, shelf) = entry.shelve(path.to_path_buf())?;
        Some(Opened::Shelved(Shelved { meta, index, shelf }))
    }

    fn fresh(checked: Checked, store: Option<Store>) -> Opened {
        Opened::Whole(Whole::fresh(checked, store))
    }
}

/// The largest entry the browser serves on pages of 4 KiB rather than
/// 2 MiB: what it builds from one (the dataset's head, its columns, the
/// index read back, its lists, its links) then fills its pages. Measured
/// on the open bench's warm session: at 100,000 events (an entry of
/// 125 MB) it peaked at 56-87 MB instead of 71-121 MB, as fast (nine
/// runs each); at a million (1.2 GB) it took 73-96 ms instead of
/// 52-67 ms, with no less memory. Somewhere between, at a guess.
const SMALL_PAGES_UP_TO: usize = 400 << 20;

/// Whether memory from now on comes in pages of 2 MiB where the kernel
/// can, or of 4 KiB. A dataset read afresh keeps huge pages: its parse
/// was faster with them at 100,000 events (321-373 ms against 449-544 ms).
fn huge_pages(on: bool) {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(!on);
    #[cfg(not(target_os = "linux"))]
    let _ = on;
}

/// For the browser: events read only as they are shown, when they come
/// from an entry, with what its lists need of them.
pub struct Browse;

/// A dataset as the browser reads it.
pub struct Browsed {
    /// The dataset without its events.
    pub meta: Dataset,
    pub records: Arc<Records>,
    pub columns: Columns,
    pub index: LaterIndex,
    /// As [`Loaded::key`] and [`Loaded::unverified`].
    pub key: DatasetKey,
    pub unverified: Option<Unverified>,
    /// The entry's writing, for a dataset read afresh.
    pub storing: Storing,
}

/// The writing of a fresh dataset's entry, on a thread that starts once
/// its index is built. On quitting, the browser gives a write under way
/// [`QUIT_GRACE`] to end, then stops it rather than keep the shell
/// waiting: the temporary file of a write given up is removed, and the
/// next open reads the file again.
#[derive(Debug, Clone, Default)]
pub struct Storing(Arc<Writer>);

#[derive(Debug, Default)]
struct Writer {
    /// Set when a write is to come, once the index is built.
    expected: AtomicBool,
    thread: Mutex<Option<std::thread::JoinHandle<()>>>,
    /// Set to give the write up; none starts once it is.
    stop: AtomicBool,
}

impl Storing {
    /// A write to come, once the index is built, if `expected`.
    fn expecting(expected: bool) -> Storing {
        let storing = Storing::default();
        storing.0.expected.store(expected, Ordering::Relaxed);
        storing
    }

    /// Writes the entry on a thread of its own, unless stopped already;
    /// `write` is given the flag that stops it.
    fn start(&self, write: impl FnOnce(&AtomicBool) + Send + 'static) {
        // Held while the flag is read and the thread started: `stop` then
        // finds the thread, or no thread starts.
        let mut thread = self.0.thread.lock().unwrap_or_else(|e| e.into_inner());
        if self.0.stop.load(Ordering::Relaxed) {
            return;
        }
        let writer = Arc::clone(&self.0);
        // Not written if the thread cannot start: the next open reads the
        // file again.
        let spawned = std::thread::Builder::new()
            .name("store".into())
            .spawn(move || write(&writer.stop));
        *thread = spawned.ok();
    }

    /// Waits until the entry is written, if its writing has started.
    pub fn wait(&self) {
        self.0.expected.store(false, Ordering::Relaxed);
        let thread = self.0.thread.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(thread) = thread {
            let _ = thread.join();
        }
    }

    /// Gives a write to come or under way `grace` to end, then gives it
    /// up, and waits until it has (its next write to the file fails, which
    /// removes the temporary file). None starts after.
    pub fn stop(&self, grace: std::time::Duration) {
        let deadline = std::time::Instant::now() + grace;
        let running = || {
            let thread = self.0.thread.lock().unwrap_or_else(|e| e.into_inner());
            match thread.as_ref() {
                Some(thread) => !thread.is_finished(),
                None => self.0.expected.load(Ordering::Relaxed),
            }
        };
        while running() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        self.0.stop.store(true, Ordering::Relaxed);
        self.wait();
    }
}

/// How long quitting the browser waits for an entry's index and write to
/// end: at 100,000 events they take about 0.8 s; at a million, 10 s and
/// more, which is not waited for.
pub const QUIT_GRACE: std::time::Duration = std::time::Duration::from_secs(1);

/// The events of records read afresh, which are held.
fn held(records: &Records) -> &[Event] {
    records
        .in_memory()
        .expect("events read afresh are held in memory")
}

impl Serving for Browse {
    type Out = Browsed;

    fn from_entry(
        entry: Entry,
        path: &Path,
        key: DatasetKey,
        unverified: Option<Unverified>,
    ) -> Option<Browsed> {
        let small = entry.map.len() <= SMALL_PAGES_UP_TO;
        huge_pages(!small);
        let browsed = entry.browse(path.to_path_buf(), key, unverified);
        if browsed.is_none() {
            huge_pages(true);
        }
        browsed
    }

    /// The events are browsable before they are indexed: the index is
    /// built by whoever first needs it (the browser's search thread, as
    /// the browser starts), and the entry written after it, on a thread
    /// of its own. At a million events those took 8.5 s and 7 s, which
    /// the browser waited for.
    fn fresh(checked: Checked, store: Option<Store>) -> Browsed {
        let Checked { mut dataset, key } = checked;
        let columns = Columns::of_events(&dataset.events, &dataset.tabs);
        let records = Arc::new(Records::held(std::mem::take(&mut dataset.events)));
        let storing = Storing::expecting(store.is_some());
        let index = LaterIndex::later({
            let (meta, records, key) = (dataset.meta(), Arc::clone(&records), key.clone());
            let storing = storing.clone();
            move || {
                let index = SearchIndex::of_events(&meta, held(&records));
                if let Some(store) = store
                    && let Some(bytes) = index.to_bytes()
                {
                    storing.start(move |stop| store.write(&meta, held(&records), &key, &bytes, stop));
                }
                index
            }
        });
        Browsed {
            meta: dataset,
            records,
            columns,
            index,
            key,
            unverified: None,
            storing,
        }
    }
}

/// Reads (unless `read` holds the file's bytes and their key already),
/// parses, validates and indexes the dataset file at `path`.
///
/// The file's bytes are dropped as soon as the dataset is parsed and
/// checked, before the index is built: as large as the file, they would
/// otherwise add a third to the peak memory.
fn fresh(path: &Path, read: Option<(Vec<u8>, DatasetKey)>) -> Result<Checked, LoadError> {
    let origin = path.display().to_string();
    let (bytes, known) = match read {
        Some((bytes, key)) => (bytes, Some(key)),
        None => {
            progress::stage(Stage::Reading);
            (data::read_path(path)?, None)
        }
    };
    progress::stage(Stage::Parsing);
    let watched = progress::current();
    let parse = || progress::tracking(watched, || data::parse_bytes(&bytes, &origin));
    let (key, parsed) = match known {
        Some(key) => (key, parse()),
        // Parsing takes one core; the hash is computed on the other
        // meanwhile (where rayon may move the parse: the progress goes
        // with it).
        None => rayon::join(|| DatasetKey::of(&bytes), parse),
    };
    let (dataset, text) = parsed?;
    progress::stage(Stage::Checking);
    data::check(&dataset, text, &origin)?;
    drop(bytes);
    progress::head(|| Head {
        meta: dataset.meta(),
        counts: dataset.tab_counts(),
        key: key.clone(),
    });
    Ok(Checked { dataset, key })
}

/// A dataset read and checked, not yet indexed.
pub struct Checked {
    pub dataset: Dataset,
    /// As [`Loaded::key`].
    pub key: DatasetKey,
}

impl Checked {
    /// Indexed for searching.
    pub fn indexed(self) -> Loaded {
        progress::stage(Stage::Indexing);
        Loaded {
            index: SearchIndex::new(&self.dataset),
            dataset: self.dataset,
            key: self.key,
            unverified: None,
        }
    }
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
        .is_some_and(|hash| DatasetKey::parse(hash).is_some());
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
    use std::io::Write as _;
    use std::time::Duration;

    use super::*;
    use crate::search::Query;

    /// A while before any test runs: a file last modified then is trusted
    /// by its stat (see [`Header::trusts_stat`]).
    fn an_hour_ago() -> SystemTime {
        SystemTime::now() - Duration::from_secs(3600)
    }

    fn set_mtime(path: &Path, at: SystemTime) {
        File::options()
            .append(true)
            .open(path)
            .unwrap()
            .set_modified(at)
            .unwrap();
    }

    /// The embedded dataset, its events repeated under new ids past
    /// [`MIN_BYTES`] of text; `tweak` edits it.
    fn big_dataset(tweak: impl FnOnce(&mut Dataset)) -> Dataset {
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
        dataset
    }

    /// Writes [`big_dataset`] to `name` in `dir`, last modified an hour
    /// ago.
    fn big(dir: &Path, name: &str, tweak: impl FnOnce(&mut Dataset)) -> PathBuf {
        let path = dir.join(name);
        fs::write(&path, serde_json::to_vec(&big_dataset(tweak)).unwrap()).unwrap();
        set_mtime(&path, an_hour_ago());
        path
    }

    /// The ids of the best hits of a few queries.
    fn answers(index: &SearchIndex) -> Vec<Vec<usize>> {
        ["erdogan", "tika 2012", "\"daily sabah\"", "fn:7", "e"]
            .iter()
            .map(|q| {
                let (hits, _) = index.search_top(&Query::parse(q).unwrap(), 20);
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

    /// The entry of the data file at `file`.
    fn entry_of(cache: &IndexCache, file: &Path) -> PathBuf {
        cache.path(&fs::canonicalize(file).unwrap(), "")
    }

    fn inode(path: &Path) -> u64 {
        fs::metadata(path).unwrap().ino()
    }

    /// Loads `file` through `cache` and checks that what came is what the
    /// file holds now, as read without a cache; whether it came from the
    /// entry on the word of the stat.
    fn load_right(file: &Path, cache: &IndexCache) -> bool {
        let loaded = load_path(file, Some(cache)).unwrap();
        let fresh = load_path(file, None).unwrap();
        assert!(loaded.dataset == fresh.dataset, "the dataset is the file's");
        assert_eq!(loaded.key, fresh.key);
        assert_eq!(answers(&loaded.index), answers(&fresh.index));
        loaded.unverified.is_some()
    }

    #[test]
    fn a_second_load_comes_from_the_entry_equal_to_a_fresh_parse() {
        let (dir, cache, cache_dir) = dirs();
        let file = big(dir.path(), "big.json", |_| {});
        assert!(fs::metadata(&file).unwrap().len() >= MIN_BYTES as u64);
        assert!(!cache.stands_for(&file));
        assert!(!load_right(&file, &cache), "the first load reads the file");
        assert_eq!(entries(&cache_dir), 1);
        assert!(cache.stands_for(&file));
        let written = inode(&entry_of(&cache, &file));
        assert!(load_right(&file, &cache), "the second is served by the stat");
        assert_eq!(inode(&entry_of(&cache, &file)), written, "and not rewritten");
        assert_eq!(entries(&cache_dir), 1);
    }

    #[test]
    fn a_load_reports_the_head_before_the_events_from_the_file_and_from_the_entry() {
        let (dir, cache, _) = dirs();
        let file = big(dir.path(), "big.json", |_| {});
        for (from, warm) in [("the file", false), ("the entry", true)] {
            let progress = std::sync::Arc::new(progress::Progress::default());
            let loaded = progress::tracking(Some(std::sync::Arc::clone(&progress)), || {
                load_path(&file, Some(&cache))
            })
            .unwrap();
            assert_eq!(loaded.unverified.is_some(), warm, "served from {from}");
            let head = progress
                .take_head()
                .unwrap_or_else(|| panic!("no head from {from}"));
            assert_eq!(head.meta, loaded.dataset.meta(), "from {from}");
            assert_eq!(head.counts, loaded.dataset.tab_counts(), "from {from}");
            assert_eq!(head.counts.iter().sum::<usize>(), loaded.dataset.events.len());
            assert!(head.counts.iter().all(|&n| n > 0), "{:?}", head.counts);
            assert_eq!(head.key, loaded.key, "from {from}");
            assert!(progress.take_head().is_none(), "taken once");
        }
        // Nobody watching: nothing is copied for a head.
        assert!(progress::current().is_none());
    }

    #[test]
    fn a_file_modified_in_the_second_it_was_read_is_hashed_not_trusted() {
        let (dir, cache, _) = dirs();
        let file = big(dir.path(), "big.json", |_| {});
        set_mtime(&file, SystemTime::now());
        assert!(!load_right(&file, &cache));
        let written = inode(&entry_of(&cache, &file));
        assert!(!cache.stands_for(&file));
        assert!(!load_right(&file, &cache), "not served on the stat's word");
        assert_eq!(inode(&entry_of(&cache, &file)), written, "served after hashing");
    }

    #[test]
    fn a_file_changed_in_content_and_size_is_read_again() {
        let (dir, cache, _) = dirs();
        let file = big(dir.path(), "big.json", |_| {});
        load_right(&file, &cache);
        big(dir.path(), "big.json", |d| {
            d.events[0].title = "Retitled by a later edit".into()
        });
        assert!(!cache.stands_for(&file));
        assert!(!load_right(&file, &cache));
        let loaded = load_path(&file, Some(&cache)).unwrap();
        assert_eq!(loaded.dataset.events[0].title, "Retitled by a later edit");
        assert_eq!(loaded.index.search(&Query::parse("retitled").unwrap()).len(), 1);
    }

    #[test]
    fn a_file_changed_in_place_with_its_size_and_mtime_kept_is_read_again() {
        let (dir, cache, _) = dirs();
        let file = big(dir.path(), "big.json", |_| {});
        load_right(&file, &cache);
        let before = fs::metadata(&file).unwrap();
        let mut text = fs::read(&file).unwrap();
        let title = text.windows(6).position(|w| w == b"title\"").unwrap() + 9;
        text[title] = if text[title] == b'X' { b'Y' } else { b'X' };
        // Rewritten in place (same inode), same size, the old mtime put
        // back: only the change time, which cannot be set, tells.
        fs::OpenOptions::new()
            .write(true)
            .open(&file)
            .unwrap()
            .write_all(&text)
            .unwrap();
        set_mtime(&file, before.modified().unwrap());
        let after = fs::metadata(&file).unwrap();
        assert_eq!((after.ino(), after.len()), (before.ino(), before.len()));
        assert_eq!(after.modified().unwrap(), before.modified().unwrap());
        assert!(!load_right(&file, &cache));
    }

    #[test]
    fn a_file_replaced_by_rename_is_read_again() {
        let (dir, cache, _) = dirs();
        let file = big(dir.path(), "big.json", |_| {});
        load_right(&file, &cache);
        let before = fs::metadata(&file).unwrap();
        let reversed = |d: &mut Dataset| d.events[0].title = d.events[0].title.chars().rev().collect();
        let edited = big(dir.path(), "edited.json", reversed);
        set_mtime(&edited, before.modified().unwrap());
        fs::rename(&edited, &file).unwrap();
        assert_eq!(fs::metadata(&file).unwrap().len(), before.len());
        assert!(!load_right(&file, &cache));
        let loaded = load_path(&file, Some(&cache)).unwrap();
        assert_eq!(loaded.dataset, big_dataset(reversed));
    }

    #[test]
    fn damaged_or_foreign_entries_are_refused_and_replaced() {
        let (dir, cache, cache_dir) = dirs();
        let file = big(dir.path(), "big.json", |_| {});
        let other = big(dir.path(), "other.json", |d| d.events[0].id = "other-0".into());
        load_right(&other, &cache);
        load_right(&file, &cache);
        let path = entry_of(&cache, &file);
        let good = fs::read(&path).unwrap();
        let mut root = good.clone();
        let end = root.len() - Trailer::LEN;
        root[end - 8..end].fill(0xff);
        // A byte of the index: its own checksum tells.
        let mut indexed = good.clone();
        let middle = HEADER + cache.read(&path).unwrap().header.index_len as usize / 2;
        indexed[middle] ^= 0x01;
        // One letter of a title changed: still a valid archive, with
        // another text in it; only the checksum tells.
        let title = big_dataset(|_| {}).events[5].title.clone();
        let at = (good.windows(title.len()))
            .rposition(|w| w == title.as_bytes())
            .expect("the title is in the archive");
        let letter = at
            + title
                .bytes()
                .position(|b| b.is_ascii_alphabetic())
                .expect("a letter");
        let mut retitled = good.clone();
        retitled[letter] ^= 0x20;
        let cases: [(&str, &[u8]); 8] = [
            ("a truncated entry", &good[..good.len() - 1]),
            ("a byte of its index changed", &indexed),
            ("a title changed inside the archive", &retitled),
            ("half an entry", &good[..good.len() / 2]),
            ("its archive's root damaged", &root),
            ("a header alone", &good[..HEADER]),
            ("a foreign file", b"DOSSIDX\nnot an entry"),
            (
                "another file's entry",
                &fs::read(entry_of(&cache, &other)).unwrap(),
            ),
        ];
        for (what, entry) in cases {
            fs::write(&path, entry).unwrap();
            assert!(!load_right(&file, &cache), "{what} is refused");
            assert!(load_right(&file, &cache), "{what} is replaced by a sound entry");
        }
        assert_eq!(entries(&cache_dir), 2);
    }

    #[test]
    fn a_damaged_chunk_is_refused_even_with_its_checksum_mended() {
        let (dir, cache, _) = dirs();
        let file = big(dir.path(), "big.json", |_| {});
        assert!(big_dataset(|_| {}).events.len() > 3 * CHUNK, "several chunks");
        load_right(&file, &cache);
        let path = entry_of(&cache, &file);
        let good = fs::read(&path).unwrap();
        let length_at = good.len() - Trailer::LEN;
        let read = cache.read(&path).unwrap();
        let start = read.header.archive_start().unwrap();
        let chunks = read.contents().unwrap().chunks;
        // The start of the first chunk, and the end of the contents (where
        // rkyv keeps its root).
        for range in [start..start + 64, length_at - 16..length_at] {
            let mut entry = good.clone();
            entry[range.clone()].fill(0xff);
            mend(&mut entry, &chunks);
            fs::write(&path, &entry).unwrap();
            assert!(!load_right(&file, &cache), "{range:?} damaged is refused");
            assert!(load_right(&file, &cache), "{range:?} damaged is replaced");
        }
    }

    /// Sets the checksums of a damaged `entry`, whose chunks were written
    /// as `chunks`, to those of its bytes.
    fn mend(entry: &mut [u8], chunks: &[Stretch]) {
        let Trailer {
            contents_at, sums_at, ..
        } = Trailer::of(entry).unwrap();
        for stretch in chunks {
            let now = crc32fast::hash(&entry[stretch.at as usize..(stretch.at + stretch.len) as usize]);
            if now != stretch.crc {
                let at = contents_at
                    + entry[contents_at..sums_at]
                        .windows(4)
                        .position(|w| w == stretch.crc.to_le_bytes())
                        .expect("the chunk's CRC is in the contents");
                entry[at..at + 4].copy_from_slice(&now.to_le_bytes());
            }
        }
        let crc = crc32fast::hash(&entry[contents_at..sums_at]);
        entry[sums_at + 4..].copy_from_slice(&crc.to_le_bytes());
    }

    #[test]
    fn a_stopped_write_leaves_neither_an_entry_nor_its_temporary_file() {
        let (dir, cache, cache_dir) = dirs();
        let file = big(dir.path(), "big.json", |_| {});
        let listed = || fs::read_dir(&cache_dir).map_or(0, |d| d.count());
        // Stopped before the index is built: no write starts.
        let browsed = serve_path::<Browse>(&file, Some(&cache)).unwrap();
        browsed.storing.stop(std::time::Duration::ZERO);
        browsed.index.get();
        browsed.storing.wait();
        assert_eq!(listed(), 0, "nothing written");
        // Stopped while writing: given up at its next write.
        load_right(&file, &cache);
        let path = entry_of(&cache, &file);
        let header = cache.read(&path).unwrap().header;
        fs::remove_file(&path).unwrap();
        let loaded = load_path(&file, None).unwrap();
        let index = loaded.index.to_bytes().unwrap();
        let (meta, events) = (&loaded.dataset, &loaded.dataset.events);
        let written = cache.write(&path, &header, meta, events, &index, &AtomicBool::new(true));
        assert!(written.is_err());
        assert_eq!(listed(), 0, "neither the entry nor its temporary file");
    }

    #[test]
    fn an_entry_whose_tab_counts_do_not_add_up_to_its_events_is_refused() {
        let (dir, cache, _) = dirs();
        let file = big(dir.path(), "big.json", |_| {});
        load_right(&file, &cache);
        let path = entry_of(&cache, &file);
        let header = cache.read(&path).unwrap().header;
        assert!(cache.read(&path).unwrap().contents().is_some());
        // Written with the entry's own checksums, but one event in no tab:
        // the counts the Overview would show add up to one event less.
        let stray = big_dataset(|d| d.events[0].tab = "nowhere".into());
        let index = SearchIndex::new(&stray).to_bytes().unwrap();
        let header = Header {
            index_len: index.len() as u64,
            ..header
        };
        cache
            .write(
                &path,
                &header,
                &stray,
                &stray.events,
                &index,
                &AtomicBool::new(false),
            )
            .unwrap();
        assert!(cache.read(&path).unwrap().contents().is_none());
        assert!(!load_right(&file, &cache), "refused");
        assert!(load_right(&file, &cache), "and replaced");
    }

    /// Damages a chunk of the entry at `path`, of a dataset of `n` events,
    /// that holds no event of the index's sample: which, and where it is.
    fn damage_a_chunk(cache: &IndexCache, path: &Path, n: usize) -> (usize, Stretch) {
        let sampled: Vec<usize> = Stored::sample(n).map(|e| e / CHUNK).collect();
        let damaged = (0..n.div_ceil(CHUNK)).find(|c| !sampled.contains(c)).unwrap();
        let stretch = cache.read(path).unwrap().contents().unwrap().chunks[damaged];
        let mut entry = fs::read(path).unwrap();
        entry[stretch.at as usize + 40] ^= 0x20;
        fs::write(path, &entry).unwrap();
        (damaged, stretch)
    }

    #[test]
    fn a_shelf_reads_only_the_chunks_it_is_asked_for_and_refuses_a_damaged_one() {
        let (dir, cache, _) = dirs();
        let file = big(dir.path(), "big.json", |_| {});
        load_right(&file, &cache);
        let fresh = load_path(&file, None).unwrap();
        let n = fresh.dataset.events.len();
        let path = entry_of(&cache, &file);
        let (damaged, stretch) = damage_a_chunk(&cache, &path, n);
        let Ok(Opened::Shelved(shelved)) = serve_path::<OnShelf>(&file, Some(&cache)) else {
            panic!("served from the entry");
        };
        assert!(shelved.meta.events.is_empty(), "the events stay on the shelf");
        assert_eq!(shelved.shelf.len(), n);
        assert_eq!(answers(&shelved.index), answers(&fresh.index));
        let wanted: Vec<usize> = (0..n).rev().filter(|e| e / CHUNK != damaged).step_by(7).collect();
        let expected: Vec<Event> = wanted.iter().map(|&e| fresh.dataset.events[e].clone()).collect();
        assert_eq!(
            shelved.shelf.take(&wanted).unwrap(),
            expected,
            "other chunks are read"
        );
        assert_eq!(shelved.shelf.take(&[n]), None, "past the end");
        assert!(path.exists(), "which is no damage");
        assert_eq!(shelved.shelf.take(&[0, damaged * CHUNK + 1]), None);
        assert!(!path.exists(), "the damaged chunk's entry is removed");
        assert!(!load_right(&file, &cache), "and the file read again");
        // A whole load reads every chunk: the same damage is refused.
        let mut entry = fs::read(&path).unwrap();
        entry[stretch.at as usize + 40] ^= 0x20;
        fs::write(&path, &entry).unwrap();
        assert!(!load_right(&file, &cache));
    }

    /// Whether the browser's events came from an entry's shelf.
    fn shelved(browsed: &Browsed) -> bool {
        format!("{:?}", browsed.records).contains("shelved")
    }

    /// Opens `file` as the browser does, read from the file, and waits
    /// for its entry to be written.
    fn browse_afresh(file: &Path, cache: &IndexCache) -> Browsed {
        let browsed = serve_path::<Browse>(file, Some(cache)).unwrap();
        assert!(!shelved(&browsed), "read from the file");
        browsed.index.get();
        browsed.storing.wait();
        browsed
    }

    #[test]
    fn the_browser_reads_events_off_the_shelf_and_damage_sends_it_to_the_file() {
        let (dir, cache, _) = dirs();
        let file = big(dir.path(), "big.json", |_| {});
        let fresh = load_path(&file, None).unwrap();
        let columns = Columns::of_events(&fresh.dataset.events, &fresh.dataset.tabs);
        let first = serve_path::<Browse>(&file, Some(&cache)).unwrap();
        assert!(!shelved(&first));
        assert!(
            !entry_of(&cache, &file).exists(),
            "the entry is written once the index is built"
        );
        first.index.get();
        first.storing.wait();
        assert!(entry_of(&cache, &file).exists());
        let browsed = serve_path::<Browse>(&file, Some(&cache)).unwrap();
        assert!(shelved(&browsed) && browsed.unverified.is_some());
        assert_eq!(browsed.meta, fresh.dataset.meta());
        assert_eq!(browsed.columns, columns);
        assert_eq!(browsed.records.map(Clone::clone), fresh.dataset.events);
        let last = &fresh.dataset.events[fresh.dataset.events.len() - 1];
        assert_eq!(
            browsed.records.position(&last.id),
            Some(fresh.dataset.events.len() - 1)
        );
        assert_eq!(browsed.records.position("no such event"), None);
        assert!(!browsed.index.is_ready(), "the index waits until it is asked for");
        assert_eq!(answers(browsed.index.get()), answers(&fresh.index));
        let path = entry_of(&cache, &file);
        // A damaged index, found once the browser shows: made from the
        // events instead, and the entry removed.
        let mut entry = fs::read(&path).unwrap();
        entry[HEADER + 100] ^= 0x20;
        fs::write(&path, &entry).unwrap();
        let browsed = serve_path::<Browse>(&file, Some(&cache)).unwrap();
        assert!(shelved(&browsed) && path.exists());
        assert_eq!(answers(browsed.index.get()), answers(&fresh.index));
        assert!(!path.exists(), "the damaged entry is removed");
        browse_afresh(&file, &cache);
        // Damaged columns: refused, the entry removed, the file read.
        let stretch = cache.read(&path).unwrap().contents().unwrap().columns;
        let mut entry = fs::read(&path).unwrap();
        entry[stretch.at as usize + 8] ^= 0x20;
        fs::write(&path, &entry).unwrap();
        assert_eq!(browse_afresh(&file, &cache).columns, columns);
        // Damaged figures, found when the Figures view is first drawn:
        // gathered from the events instead, and the entry removed.
        assert!(!columns.figures.get().is_empty());
        assert!(shelved(&serve_path::<Browse>(&file, Some(&cache)).unwrap()));
        let stretch = cache.read(&path).unwrap().contents().unwrap().figures;
        let mut entry = fs::read(&path).unwrap();
        entry[stretch.at as usize + 8] ^= 0x20;
        fs::write(&path, &entry).unwrap();
        let browsed = serve_path::<Browse>(&file, Some(&cache)).unwrap();
        assert!(shelved(&browsed) && path.exists(), "figures are read later");
        assert_eq!(browsed.columns.figures, columns.figures);
        assert!(!path.exists(), "the damaged entry is removed");
        browse_afresh(&file, &cache);
        // A damaged chunk found while browsing: a stand-in event, and the
        // entry removed so the next open reads the file.
        let browsed = serve_path::<Browse>(&file, Some(&cache)).unwrap();
        assert!(shelved(&browsed), "the entry written again");
        let n = fresh.dataset.events.len();
        let (damaged, _) = damage_a_chunk(&cache, &path, n);
        let browsed = serve_path::<Browse>(&file, Some(&cache)).unwrap();
        assert!(shelved(&browsed));
        assert_eq!(browsed.records.event(0), &fresh.dataset.events[0]);
        assert_eq!(browsed.records.get(n), None);
        assert!(path.exists(), "past the end is no damage");
        let e = damaged * CHUNK + 1;
        assert_eq!(browsed.records.get(e), None);
        assert!(browsed.records.event(e).title.contains("unreadable"));
        assert!(!path.exists(), "the damaged entry is removed");
    }

    #[test]
    fn a_refused_entry_never_spares_validation() {
        let (dir, cache, _) = dirs();
        let file = big(dir.path(), "bad.json", |d| d.events[3].tab = "nowhere".into());
        let meta = fs::metadata(&file).unwrap();
        // An entry with this (invalid) file's stat, damaged.
        let valid = big_dataset(|_| {});
        let index = SearchIndex::new(&valid).to_bytes().unwrap();
        let header = Header {
            format: FORMAT,
            version: env!("CARGO_PKG_VERSION").to_string(),
            stat: Stat::of(&meta),
            read_at: i64::MAX,
            key: DatasetKey::of(b"").as_str().to_string(),
            source: DatasetKey::of(b"").as_str().to_string(),
            index_len: index.len() as u64,
        };
        let path = entry_of(&cache, &file);
        cache
            .write(
                &path,
                &header,
                &valid,
                &valid.events,
                &index,
                &AtomicBool::new(false),
            )
            .unwrap();
        let entry = fs::read(&path).unwrap();
        fs::write(&path, &entry[..entry.len() - 100]).unwrap();
        let err = load_path(&file, Some(&cache)).err().unwrap();
        assert!(err.to_string().contains("events[3].tab"), "{err}");
    }

    #[test]
    fn a_text_that_is_not_the_entrys_is_found_by_the_check_which_removes_it() {
        let (dir, cache, _) = dirs();
        let file = big(dir.path(), "big.json", |_| {});
        load_right(&file, &cache);
        let sound = load_path(&file, Some(&cache)).unwrap().unverified.unwrap();
        assert!(sound.check(), "the text is the entry's");
        assert!(entry_of(&cache, &file).is_file());
        // The entry rewritten to claim another text for this stat.
        let path = entry_of(&cache, &file);
        let entry = cache.read(&path).unwrap();
        let (dataset, index) = entry.decode(&DatasetKey::of(b"")).unwrap();
        let header = Header {
            source: DatasetKey::of(b"another text").as_str().to_string(),
            ..entry.header
        };
        drop(entry.map);
        cache
            .write(
                &path,
                &header,
                &dataset,
                &dataset.events,
                &index.to_bytes().unwrap(),
                &AtomicBool::new(false),
            )
            .unwrap();
        let served = load_path(&file, Some(&cache)).unwrap();
        let unverified = served.unverified.expect("served on the stat's word");
        assert!(!unverified.check(), "disproved by the hash");
        assert!(!path.exists(), "the entry is removed");
        assert!(!load_right(&file, &cache), "the next load reads the file");
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
        assert!(!answers(&loaded.index)[0].is_empty());
    }

    /// Runs `f` on a thread of its own and fails if it takes longer than
    /// a few seconds, so a read that blocks fails instead of hanging.
    fn promptly<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || tx.send(f()));
        rx.recv_timeout(Duration::from_secs(10))
            .unwrap_or_else(|_| panic!("{what} still blocks after 10 s"))
    }

    #[test]
    fn a_fifo_or_a_device_as_an_entry_is_refused_without_waiting() {
        let (dir, cache, _) = dirs();
        let file = big(dir.path(), "big.json", |_| {});
        let path = entry_of(&cache, &file);
        fs::create_dir_all(&cache.dir).unwrap();
        let status = std::process::Command::new("mkfifo").arg(&path).status().unwrap();
        assert!(status.success());
        let (in_thread, data) = (cache.clone(), file.clone());
        let loaded = promptly("a load with a FIFO entry", move || {
            load_path(&data, Some(&in_thread)).map(|l| l.unverified.is_some())
        });
        assert!(!loaded.unwrap());
        assert!(path.is_file(), "replaced by a sound entry");
        // A device never ends; its header alone is not what refuses it.
        fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        let (in_thread, data) = (cache.clone(), file.clone());
        let loaded = promptly("reading /dev/zero as an entry", move || {
            load_path(&data, Some(&in_thread)).map(|l| l.unverified.is_some())
        });
        assert!(!loaded.unwrap());
    }

    /// Writes an entry of the embedded dataset, for a file that does not
    /// exist, as the entry named `name`.
    fn put(cache: &IndexCache, name: &Path) {
        let dataset = data::embedded();
        let index = SearchIndex::new(&dataset).to_bytes().unwrap();
        let header = Header {
            format: FORMAT,
            version: env!("CARGO_PKG_VERSION").to_string(),
            stat: Stat::of(&fs::metadata("/").unwrap()),
            read_at: 0,
            key: DatasetKey::of(b"").as_str().to_string(),
            source: DatasetKey::of(b"").as_str().to_string(),
            index_len: index.len() as u64,
        };
        cache
            .write(
                &cache.path(name, ""),
                &header,
                &dataset,
                &dataset.events,
                &index,
                &AtomicBool::new(false),
            )
            .unwrap();
    }

    #[test]
    fn pruning_removes_only_what_the_cache_wrote() {
        let (_dir, cache, cache_dir) = dirs();
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
        let names: Vec<PathBuf> = (0..KEEP + 1)
            .map(|i| PathBuf::from(format!("/data/{i}.json")))
            .collect();
        put(&cache, &names[0]);
        let link = cache_dir.join(format!("{}.index", hex('d')));
        std::os::unix::fs::symlink(cache.path(&names[0], ""), &link).unwrap();
        for path in theirs.iter().chain([&no_magic]) {
            set_mtime(path, an_hour_ago());
        }
        for name in &names[1..] {
            put(&cache, name);
        }
        for path in theirs.iter().chain([&no_magic]) {
            assert!(path.is_file(), "{} kept", path.display());
        }
        assert!(fs::symlink_metadata(&link).is_ok(), "the link kept");
        assert_eq!(entries(&cache_dir), KEEP, "the cache's own entries pruned");
        assert!(!cache.path(&names[0], "").exists(), "the oldest entry went");
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
        let two_minutes_ago = SystemTime::now() - Duration::from_secs(120);
        for path in [&old, &theirs] {
            set_mtime(path, two_minutes_ago);
        }
        // A hit: nothing is written this run, the leftovers go all the same.
        assert!(load_path(&file, Some(&cache)).unwrap().unverified.is_some());
        assert!(!old.exists(), "an old temporary file is removed");
        assert!(fresh.exists(), "one being written now is not");
        assert!(theirs.exists(), "nor a file the cache did not name");
    }

    #[test]
    fn only_the_most_recently_used_entries_are_kept() {
        let (_dir, cache, _) = dirs();
        let names: Vec<PathBuf> = (0..KEEP + 2)
            .map(|i| PathBuf::from(format!("/data/{i}.json")))
            .collect();
        for (i, name) in names[..KEEP].iter().enumerate() {
            put(&cache, name);
            set_mtime(
                &cache.path(name, ""),
                an_hour_ago() + Duration::from_secs(60 * i as u64),
            );
        }
        // Reading the oldest makes it the most recently used; each new
        // entry then pushes out the least recently used one.
        assert!(cache.read(&cache.path(&names[0], "")).is_some());
        for name in &names[KEEP..] {
            put(&cache, name);
        }
        let kept: Vec<bool> = names.iter().map(|n| cache.path(n, "").is_file()).collect();
        let mut expected = vec![false; KEEP + 2];
        expected[0] = true;
        expected[3..].iter_mut().for_each(|k| *k = true);
        assert_eq!(kept, expected);
    }
}
