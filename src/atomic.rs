//! Writing a file so that a reader sees the old one or the new one, never
//! half of either: a temporary file in the same directory, synced to disk,
//! then renamed over the old one.

use std::io::Write;
use std::path::Path;

/// Writes `parts`, one after the other, as the file at `path`, atomically;
/// the directory is made if missing. The temporary file is named
/// `<prefix>…<suffix>`.
pub fn write(path: &Path, (prefix, suffix): (&str, &str), parts: &[&[u8]]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(prefix)
        .suffix(suffix)
        .tempfile_in(dir)?;
    for part in parts {
        tmp.write_all(part)?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
