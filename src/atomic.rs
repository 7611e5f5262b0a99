//! Writing a file so that a reader sees the old one or the new one, never
//! half of either: a temporary file in the same directory, synced to disk
//! unless it can be made again, then renamed over the old one; and
//! clearing away the temporary files of writes that were killed halfway.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// A temporary file not modified for this long belongs to no write still
/// going on: the largest file written (an index cache entry of a 1 GiB
/// dataset) takes seconds.
pub const STALE: Duration = Duration::from_secs(60);

/// What a crash of the machine right after a write may leave at its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// The new file whole, or the old one: the bytes are synced to disk
    /// before the rename. For what the user made (state, converted files).
    Synced,
    /// Possibly a damaged file, for files whose reader checks every byte
    /// and makes them again when they fail (the index cache's entries,
    /// checksummed): the sync is skipped. Syncing a million events'
    /// entry (1.2 GB) took 0.4 s.
    Rebuildable,
}

/// Writes `parts`, one after the other, as the file at `path`, atomically
/// and [`Durability::Synced`]; the directory is made if missing. The
/// temporary file is named `<prefix>…<suffix>`. Errors name no file: the
/// caller names `path`, the file it was asked to write, not the temporary
/// one.
pub fn write(path: &Path, temp: (&str, &str), parts: &[&[u8]]) -> std::io::Result<()> {
    write_with(path, temp, Durability::Synced, |out| {
        for part in parts {
            out.write_all(part)?;
        }
        Ok(())
    })
}

/// As [`write`], with what `fill` writes: an error from it leaves the old
/// file, and no temporary one, behind.
pub fn write_with<T, E: From<std::io::Error>>(
    path: &Path,
    (prefix, suffix): (&str, &str),
    durability: Durability,
    fill: impl FnOnce(&mut dyn Write) -> Result<T, E>,
) -> Result<T, E> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    // Through `make_in` and the bare `File`: tempfile's own constructors
    // and writes add the temporary file's path to every error.
    let tmp = tempfile::Builder::new()
        .prefix(prefix)
        .suffix(suffix)
        .make_in(dir, |tmp| {
            std::fs::File::options()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(tmp)
        })?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, tmp.as_file());
    let filled = fill(&mut out)?;
    out.flush()?;
    drop(out);
    if durability == Durability::Synced {
        tmp.as_file().sync_all()?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(filled)
}

/// Removes the temporary files of [`write`]s into `dir` that were killed
/// halfway: files named `<prefix>…<suffix>` as `write` names them, regular
/// files (a link is never followed or removed), not modified for
/// `older_than` (a write still going on keeps its file fresh).
pub fn sweep(dir: &Path, (prefix, suffix): (&str, &str), older_than: Duration) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let ours = name
            .to_str()
            .and_then(|n| n.strip_prefix(prefix)?.strip_suffix(suffix))
            .is_some_and(|random| !random.is_empty() && random.bytes().all(|b| b.is_ascii_alphanumeric()));
        // The entry's own metadata: a link is not followed.
        let stale = entry.metadata().is_ok_and(|m| {
            m.is_file()
                && m.modified()
                    .ok()
                    .and_then(|t| now.duration_since(t).ok())
                    .is_some_and(|age| age >= older_than)
        });
        if ours && stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::disallowed_macros)]
    fn errors_never_name_the_temporary_file() {
        // /sys refuses new files even to root, for whom permissions never
        // bind; the caller names the file it was asked to write.
        let sys = Path::new("/sys");
        if std::fs::write(sys.join("dossier-probe"), "x").is_ok() || !sys.is_dir() {
            eprintln!("skipped: /sys accepts new files here");
            return;
        }
        let err = write(&sys.join("state.json"), (".dossier-test-", ".tmp"), &[b"{}"]).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::PermissionDenied);
        assert_eq!(err.to_string(), "Permission denied (os error 13)");
    }
}
