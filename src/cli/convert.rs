//! `dossier import`, and `--data` given a timeline, a table or an article:
//! converted on load, large conversions cached beside the index cache.

use std::io::{Seek, SeekFrom, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use sha2::{Digest, Sha256};

use crate::cache::{self, IndexCache, Loaded};
use crate::import::{self, Format, ImportError, Options, Skipped, Where};
use crate::progress::{self, Stage};
use crate::sanitize::SafeText;
use crate::search::SearchIndex;
use crate::state::DatasetKey;

/// How a converted dataset's temporary file is named while it is written.
const TEMP: (&str, &str) = (".dossier-import-", ".tmp");

/// Converted files kept in the cache; older ones are removed.
const KEEP: usize = cache::KEEP;

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
            let written = crate::atomic::write_with(path, TEMP, |out| -> anyhow::Result<Skipped> {
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
pub fn foreign(path: &Path) -> anyhow::Result<Option<Format>> {
    if let Some(format) = Format::from_extension(path) {
        return Ok(Some(format));
    }
    let is_json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if !is_json {
        return Ok(None);
    }
    let bytes = crate::data::read_path(path)?;
    Ok((!import::is_dataset(&bytes)).then_some(Format::Timelinejs))
}

/// `--data FILE` of a foreign format, converted and indexed. A large
/// input's conversion is kept in the cache directory, named by the hash of
/// the input, the importer version and the format; it is validated like
/// any dataset when read, and converted afresh if it does not load.
pub fn open(path: &Path, format: Format, cache: Option<&IndexCache>) -> anyhow::Result<Loaded> {
    let origin = path.display().to_string();
    progress::stage(Stage::Reading);
    let bytes = crate::data::read_path(path)?;
    progress::stage(Stage::Importing);
    let convert = |bytes: &[u8]| -> anyhow::Result<Vec<u8>> {
        let imported = import::import(bytes, &origin, Some(path), Some(format), &Options::default())?;
        Ok(serde_json::to_vec_pretty(&imported.dataset)?)
    };
    let uncached = |json: Vec<u8>| -> anyhow::Result<Loaded> {
        progress::stage(Stage::Checking);
        let dataset = crate::data::load_bytes(&json, &origin)?;
        progress::stage(Stage::Indexing);
        Ok(Loaded {
            index: SearchIndex::new(&dataset),
            key: DatasetKey::of(&json),
            dataset,
            unverified: None,
        })
    };
    let Some(cache) = cache.filter(|_| bytes.len() >= cache::MIN_BYTES) else {
        let json = convert(&bytes)?;
        drop(bytes);
        return uncached(json);
    };
    let mut hasher = Sha256::new();
    hasher.update(&bytes);
    hasher.update(format!("\0importer {} {format:?}", import::IMPORTER_VERSION));
    let key: String = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let converted = cache.dir().join(format!("{key}.import.json"));
    crate::atomic::sweep(cache.dir(), TEMP, crate::atomic::STALE);
    if let Ok(loaded) = cache::load_path(&converted, Some(cache)) {
        return Ok(loaded);
    }
    // Streamed into the cache: a million rows are never all held twice.
    let written = crate::atomic::write_with(&converted, TEMP, |out| -> anyhow::Result<()> {
        import::import_to(
            bytes.as_slice(),
            &origin,
            Some(path),
            Some(format),
            &Options::default(),
            out,
        )?;
        Ok(())
    });
    match written {
        Err(e) if e.is::<ImportError>() => return Err(e),
        // A cache is never worth an error: unwritable, it is done without.
        Err(_) => return uncached(convert(&bytes)?),
        Ok(()) => {}
    }
    drop(bytes);
    prune(cache.dir());
    Ok(cache::load_path(&converted, Some(cache))?)
}

/// Whether a file name is one this cache writes: 64 hex digits of the
/// key, then `.import.json`. A user's own `notes.import.json` is not.
fn is_conversion(name: &str) -> bool {
    name.strip_suffix(".import.json")
        .is_some_and(|key| key.len() == 64 && key.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Removes all but the [`KEEP`] most recently written conversions.
fn prune(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut found: Vec<_> = entries
        .flatten()
        .filter(|e| e.file_name().to_str().is_some_and(is_conversion))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    found.sort_by_key(|e| std::cmp::Reverse(e.0));
    for (_, path) in found.iter().skip(KEEP) {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn conversions(dir: &Path) -> Vec<std::path::PathBuf> {
        let mut found: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(is_conversion))
            .collect();
        found.sort();
        found
    }

    fn first_title(loaded: &Loaded) -> &str {
        &loaded.dataset.events[0].title
    }

    #[test]
    fn a_large_conversion_is_cached_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let cache = IndexCache::in_dir(dir.path().join("cache"));
        std::fs::create_dir_all(cache.dir()).unwrap();
        let input = dir.path().join("table.csv");
        std::fs::write(&input, big_table("First")).unwrap();
        let loaded = open(&input, Format::Csv, Some(&cache)).unwrap();
        assert_eq!(first_title(&loaded), "First");
        let written = conversions(cache.dir());
        assert_eq!(written.len(), 1, "one conversion cached");

        // Read back, not converted again: an edit to the cached dataset shows.
        let cached = std::fs::read_to_string(&written[0]).unwrap();
        std::fs::write(&written[0], cached.replacen("\"First\"", "\"From the cache\"", 1)).unwrap();
        let again = open(&input, Format::Csv, Some(&cache)).unwrap();
        assert_eq!(first_title(&again), "From the cache");

        // A changed input is never served the old conversion.
        std::fs::write(&input, big_table("Changed")).unwrap();
        let changed = open(&input, Format::Csv, Some(&cache)).unwrap();
        assert_eq!(first_title(&changed), "Changed");
        assert_eq!(conversions(cache.dir()).len(), 2);
    }

    #[test]
    fn a_broken_conversion_is_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let cache = IndexCache::in_dir(dir.path());
        let input = dir.path().join("table.csv");
        std::fs::write(&input, big_table("First")).unwrap();
        open(&input, Format::Csv, Some(&cache)).unwrap();
        let written = conversions(cache.dir());
        std::fs::write(&written[0], "{ not a dataset").unwrap();
        let loaded = open(&input, Format::Csv, Some(&cache)).unwrap();
        assert_eq!(first_title(&loaded), "First");
        let rewritten = std::fs::read_to_string(&written[0]).unwrap();
        assert!(rewritten.contains("\"First\""), "the entry is written afresh");
    }

    #[test]
    fn small_inputs_are_not_cached() {
        let dir = tempfile::tempdir().unwrap();
        let cache = IndexCache::in_dir(dir.path());
        let input = dir.path().join("table.csv");
        std::fs::write(&input, "date,title,tab\n2020-01-01,Small,main\n").unwrap();
        let loaded = open(&input, Format::Csv, Some(&cache)).unwrap();
        assert_eq!(first_title(&loaded), "Small");
        assert!(conversions(cache.dir()).is_empty());
    }

    #[test]
    fn pruning_keeps_the_newest_and_touches_only_its_own_files() {
        let dir = tempfile::tempdir().unwrap();
        let now = std::time::SystemTime::now();
        for i in 0..KEEP + 2 {
            let path = dir.path().join(format!("{:064x}.import.json", i));
            std::fs::write(&path, "{}").unwrap();
            let age = std::time::Duration::from_secs(60 * (KEEP + 2 - i) as u64);
            std::fs::File::options()
                .write(true)
                .open(&path)
                .unwrap()
                .set_modified(now - age)
                .unwrap();
        }
        let mine = ["notes.import.json", "x.import.json", "old.index"];
        for name in mine {
            std::fs::write(dir.path().join(name), "mine").unwrap();
        }
        prune(dir.path());
        let kept: Vec<String> = conversions(dir.path())
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        let newest: Vec<String> = (2..KEEP + 2).map(|i| format!("{:064x}.import.json", i)).collect();
        assert_eq!(kept, newest);
        for name in mine {
            assert!(dir.path().join(name).exists(), "{name} is the user's");
        }
    }
}
