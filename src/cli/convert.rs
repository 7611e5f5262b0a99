//! `dossier import`, and `--data` given a timeline, a table or an article:
//! converted on load, large conversions cached beside the index cache.

use std::io::{Seek, SeekFrom, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::atomic::Durability;
use crate::cache::{self, Checked, IndexCache, Serving};
use crate::fsutil::Accept;
use crate::import::{self, Format, ImportError, Options, Skipped, Where};
use crate::progress::{self, Stage};
use crate::sanitize::SafeText;
use crate::state::DatasetKey;

/// How a converted dataset's temporary file is named while it is written.
const TEMP: (&str, &str) = (".dossier-import-", ".tmp");

pub fn import(
    file: &Path,
    from: Option<Format>,
    map: &[String],
    skip_bad: bool,
    output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let map = map
        .iter()
        .map(|pair| {
            pair.split_once('=')
                .map(|(c, f)| (c.trim().to_string(), f.trim().to_string()))
                .with_context(|| format!("--map \"{}\": expected COLUMN=FIELD", SafeText::new(pair)))
        })
        .collect::<anyhow::Result<_>>()?;
    let options = Options { map, skip_bad };
    let skipped = match output {
        Some(path) => {
            let written =
                crate::atomic::write_with(path, TEMP, Durability::Synced, |out| -> anyhow::Result<Skipped> {
                    Ok(write(file, from, &options, out)?)
                });
            match written {
                Err(e) if e.is::<ImportError>() => return Err(e),
                other => other.with_context(|| format!("cannot write {}", SafeText::path(path)))?,
            }
        }
        None => {
            // Through a file, so that a failed import prints nothing.
            let mut spool = tempfile::tempfile()?;
            let skipped = {
                let mut out = std::io::BufWriter::new(&mut spool);
                let skipped = write(file, from, &options, &mut out)?;
                out.flush()?;
                skipped
            };
            spool.seek(SeekFrom::Start(0))?;
            super::out::stdout().generated(|out| std::io::copy(&mut spool, out).map(drop))?;
            skipped
        }
    };
    report_skipped(&skipped);
    Ok(ExitCode::SUCCESS)
}

/// One stderr line for the rows `--skip-bad` skipped: how many, the first.
fn report_skipped(skipped: &Skipped) {
    if let Some(first) = skipped.first.first() {
        let more = match skipped.total - 1 {
            0 => String::new(),
            more => format!(" (and {more} more)"),
        };
        let line = format!("skipped {} rows: {first}{more}", skipped.total);
        super::out::error(&SafeText::new(&line));
    }
}

/// Imports `file` (`-`: standard input) as `from`, else as guessed, into
/// `out` as it is read.
fn write(
    file: &Path,
    from: Option<Format>,
    options: &Options,
    out: &mut dyn Write,
) -> Result<Skipped, ImportError> {
    let origin = file.display().to_string();
    if file == Path::new("-") {
        return import::import_to(std::io::stdin().lock(), &origin, None, from, options, out);
    }
    let input = std::fs::File::open(file).map_err(|e| ImportError {
        origin: origin.clone(),
        at: Where::Input,
        message: format!("cannot open: {e}"),
    })?;
    import::import_to(input, &origin, Some(file), from, options, out)
}

/// The format `--data FILE` must be converted from, or `None` for a
/// dossier dataset: by extension, and a `.json` file by its content.
pub fn foreign(path: &Path) -> Option<Format> {
    if let Some(format) = Format::from_extension(path) {
        return Some(format);
    }
    let is_json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if !is_json {
        return None;
    }
    // Anything but a regular file (a pipe, a missing file) is left to the
    // dataset's loader, which reads pipes and says what is wrong: opened
    // here, a pipe's writer could write before the loader opens it, into
    // no reader.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let (file, _) = crate::fsutil::open(path, Accept::File).ok()?;
    (!import::is_dataset(file)).then_some(Format::Timelinejs)
}

/// `--data FILE` of a foreign format, converted and checked. Through
/// `cache`, a large input's converted dataset is stored in the index cache
/// like a dataset file's, found by the input's stat and the importer
/// version and format ([`cache::load_with`]): a warm open neither reads
/// nor converts the input. `S` says how an entry serves it.
pub fn open<S: Serving>(path: &Path, format: Format, cache: Option<&IndexCache>) -> anyhow::Result<S::Out> {
    let origin = path.display().to_string();
    let salt = format!("\0importer {} {format:?}", import::IMPORTER_VERSION);
    let Some(cache) = cache else {
        progress::stage(Stage::Reading);
        return Ok(S::fresh(
            in_memory(&crate::data::read_path(path)?, path, format)?,
            None,
        ));
    };
    remove_conversions(cache.dir());
    crate::atomic::sweep(cache.dir(), TEMP, crate::atomic::STALE);
    cache::load_with::<S, _>(path, Some(cache), &salt, |read| -> anyhow::Result<_> {
        let (bytes, source) = match read {
            Some(read) => read,
            None => {
                progress::stage(Stage::Reading);
                let bytes = crate::data::read_path(path)?;
                let source = DatasetKey::of_parts(&[&bytes, salt.as_bytes()]);
                (bytes, source)
            }
        };
        if bytes.len() < cache::MIN_BYTES {
            return Ok((in_memory(&bytes, path, format)?, source));
        }
        progress::stage(Stage::Importing);
        // Streamed through a file: a million rows are never all held
        // twice. It is removed when dropped; a killed run's is swept.
        let spooled = tempfile::Builder::new()
            .prefix(TEMP.0)
            .suffix(TEMP.1)
            .tempfile_in(cache.dir());
        let Ok(converted) = spooled else {
            // A cache is never worth an error: unwritable, it is done without.
            return Ok((in_memory(&bytes, path, format)?, source));
        };
        {
            let mut out = std::io::BufWriter::with_capacity(1 << 20, converted.as_file());
            import::import_to(
                bytes.as_slice(),
                &origin,
                Some(path),
                Some(format),
                &Options::default(),
                &mut out,
            )?;
            out.flush()?;
        }
        drop(bytes);
        Ok((cache::check_path(converted.path())?, source))
    })
}

/// `bytes`, the text of the file at `path`, converted from `format` in
/// memory and checked.
fn in_memory(bytes: &[u8], path: &Path, format: Format) -> anyhow::Result<Checked> {
    let origin = path.display().to_string();
    progress::stage(Stage::Importing);
    let imported = import::import(bytes, &origin, Some(path), Some(format), &Options::default())?;
    let json = serde_json::to_vec_pretty(&imported.dataset)?;
    progress::stage(Stage::Checking);
    let dataset = crate::data::load_bytes(&json, &origin)?;
    Ok(Checked {
        key: DatasetKey::of(&json),
        dataset,
    })
}

/// Whether a file name is one that earlier builds wrote for a converted
/// input: 64 hex digits, then `.import.json`. A user's own
/// `notes.import.json` is not.
fn is_conversion(name: &str) -> bool {
    name.strip_suffix(".import.json")
        .is_some_and(|key| key.len() == 64 && key.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Removes the converted inputs that earlier builds kept in the cache
/// directory, each as large as its dataset: the index cache's entries
/// stand for them now.
fn remove_conversions(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let ours = entry.file_name().to_str().is_some_and(is_conversion)
            && entry.file_type().is_ok_and(|t| t.is_file());
        if ours {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::Whole;

    /// A table over [`cache::MIN_BYTES`], so that its conversion is cached;
    /// `title` names its first event.
    fn big_table(title: &str) -> String {
        let mut csv = String::from("date,title,tab\n");
        csv.push_str(&format!("2020-01-01,{title},main\n"));
        let mut i = 0;
        while csv.len() < cache::MIN_BYTES + 1000 {
            csv.push_str(&format!("2020-02-03,Row number {i} of a long table,main\n"));
            i += 1;
        }
        csv
    }

    /// Writes `text` as `table.csv` in `dir`, last modified an hour ago:
    /// its cache entry is trusted on the word of its stat.
    fn table_file(dir: &Path, text: &str) -> std::path::PathBuf {
        let path = dir.join("table.csv");
        std::fs::write(&path, text).unwrap();
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .append(true)
            .open(&path)
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
        path
    }

    /// A directory holding [`big_table`] as `table.csv`, and a cache in it.
    fn big_table_and_cache() -> (tempfile::TempDir, IndexCache, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let cache = IndexCache::in_dir(dir.path().join("cache"));
        let input = table_file(dir.path(), &big_table("First"));
        (dir, cache, input)
    }

    /// The files in the cache directory, by name.
    fn files(dir: &Path) -> Vec<String> {
        let mut found: Vec<String> = std::fs::read_dir(dir)
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        found.sort();
        found
    }

    fn first_title(loaded: &cache::Loaded) -> &str {
        &loaded.dataset.events[0].title
    }

    #[test]
    fn a_large_import_is_stored_and_served_by_its_stat() {
        let (_dir, cache, input) = big_table_and_cache();
        let cold = open::<Whole>(&input, Format::Csv, Some(&cache)).unwrap();
        assert_eq!(first_title(&cold), "First");
        assert!(cold.unverified.is_none(), "converted, not served");
        let written = files(cache.dir());
        assert_eq!(written.len(), 1, "one entry, no converted file left: {written:?}");
        assert!(written[0].ends_with(".index"), "{written:?}");

        let warm = open::<Whole>(&input, Format::Csv, Some(&cache)).unwrap();
        assert_eq!(warm.dataset, cold.dataset);
        assert_eq!(warm.key, cold.key, "the same state file");
        let uncached = open::<Whole>(&input, Format::Csv, None).unwrap();
        assert_eq!(warm.key, uncached.key, "the same state file with --no-cache");
        let unverified = warm.unverified.expect("served on the word of the input's stat");
        assert!(unverified.check(), "the input is the one converted");

        // A changed input is never served the old conversion.
        std::fs::write(&input, big_table("Changed")).unwrap();
        let changed = open::<Whole>(&input, Format::Csv, Some(&cache)).unwrap();
        assert_eq!(first_title(&changed), "Changed");
        assert!(changed.unverified.is_none());
    }

    #[test]
    fn the_same_file_read_as_another_format_is_not_served_its_entry() {
        let (_dir, cache, input) = big_table_and_cache();
        open::<Whole>(&input, Format::Csv, Some(&cache)).unwrap();
        let err = open::<Whole>(&input, Format::Markdown, Some(&cache))
            .err()
            .unwrap();
        assert!(err.to_string().contains("no title"), "read as an article: {err}");
        assert!(
            open::<Whole>(&input, Format::Csv, Some(&cache))
                .unwrap()
                .unverified
                .is_some()
        );
    }

    #[test]
    fn a_damaged_entry_is_made_again() {
        let (_dir, cache, input) = big_table_and_cache();
        open::<Whole>(&input, Format::Csv, Some(&cache)).unwrap();
        let entry = cache.dir().join(&files(cache.dir())[0]);
        let bytes = std::fs::read(&entry).unwrap();
        std::fs::write(&entry, &bytes[..bytes.len() / 2]).unwrap();
        let loaded = open::<Whole>(&input, Format::Csv, Some(&cache)).unwrap();
        assert_eq!(first_title(&loaded), "First");
        assert!(loaded.unverified.is_none(), "converted again");
        assert_eq!(
            std::fs::read(&entry).unwrap().len(),
            bytes.len(),
            "written afresh"
        );
    }

    #[test]
    fn small_inputs_are_not_cached() {
        let dir = tempfile::tempdir().unwrap();
        let cache = IndexCache::in_dir(dir.path().join("cache"));
        let input = table_file(dir.path(), "date,title,tab\n2020-01-01,Small,main\n");
        let loaded = open::<Whole>(&input, Format::Csv, Some(&cache)).unwrap();
        assert_eq!(first_title(&loaded), "Small");
        assert!(files(cache.dir()).is_empty());
    }

    #[test]
    fn conversions_of_earlier_builds_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let cache = IndexCache::in_dir(dir.path().join("cache"));
        std::fs::create_dir_all(cache.dir()).unwrap();
        let old = format!("{:064x}.import.json", 7);
        let mine = ["notes.import.json", "x.import.json", "old.index"];
        for name in mine.iter().copied().chain([old.as_str()]) {
            std::fs::write(cache.dir().join(name), "mine").unwrap();
        }
        let input = table_file(dir.path(), "date,title,tab\n2020-01-01,Small,main\n");
        open::<Whole>(&input, Format::Csv, Some(&cache)).unwrap();
        let mut left = mine.map(String::from).to_vec();
        left.sort();
        assert_eq!(files(cache.dir()), left);
    }
}
