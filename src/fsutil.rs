//! Opening the files a user, or another program, puts where dossier reads:
//! the state file, index cache entries, the `--data` file, the lock beside
//! the state file. Any of them can be something other than a file: a FIFO
//! makes `open` wait for a writer that may never come (and the browser
//! with it, before it can even answer a signal), a device such as
//! `/dev/zero` never ends, a directory has no text. So `open` never waits
//! (`O_NONBLOCK`), what was opened is then judged by the type of the handle
//! (the path may be swapped between a look and the open), and reads stop
//! at a limit.

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::os::unix::fs::FileTypeExt;
use std::path::Path;

use rustix::fs::{Mode, OFlags};

/// The kinds of file a caller reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    /// Regular files only: what dossier writes itself.
    File,
    /// Regular files and pipes: a dataset may come from `--data <(…)` or
    /// `/dev/stdin`.
    FileOrPipe,
}

/// Opens `path` for reading without waiting in `open`, and refuses a
/// handle that is not of a kind `accept` takes, saying what it is and
/// what was expected (an [`io::ErrorKind::InvalidInput`] error).
///
/// A pipe is read as it comes: reads on it wait for its writer. A named
/// pipe with no writer at the time of the open reads as empty at once.
pub fn open(path: &Path, accept: Accept) -> io::Result<(File, Metadata)> {
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
    let file = File::from(rustix::fs::open(path, flags, Mode::empty())?);
    let meta = file.metadata()?;
    let kind = meta.file_type();
    // Regular files ignore O_NONBLOCK; a pipe would fail reads with
    // WouldBlock whenever its writer is slower than dossier.
    if kind.is_fifo() && accept == Accept::FileOrPipe {
        rustix::fs::fcntl_setfl(&file, rustix::fs::fcntl_getfl(&file)? - OFlags::NONBLOCK)?;
    } else if !kind.is_file() {
        return Err(refused(&meta, accept));
    }
    Ok((file, meta))
}

/// Opens (creating it if need be) the lock file at `path`, for
/// [`File::lock`]: never through a symbolic link, never waiting in `open`,
/// and only if it is a regular file.
pub fn open_lock(path: &Path) -> io::Result<File> {
    let flags = OFlags::RDWR
        | OFlags::CREATE
        | OFlags::NONBLOCK
        | OFlags::NOFOLLOW
        | OFlags::NOCTTY
        | OFlags::CLOEXEC;
    let mode = Mode::RUSR | Mode::WUSR;
    let file = File::from(rustix::fs::open(path, flags, mode)?);
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(refused(&meta, Accept::File));
    }
    Ok(file)
}

/// Why [`read`] returned no bytes.
#[derive(Debug)]
pub enum ReadError {
    /// Opening or reading failed, or the file is of a kind not accepted.
    Io(io::Error),
    /// Over the limit: refused with its size before reading, or (`None`:
    /// a pipe, a file that grew) found larger while reading.
    TooLarge(Option<u64>),
}

/// The bytes of the file at `path`, opened with [`open`], at most `max`.
pub fn read(path: &Path, accept: Accept, max: u64) -> Result<Vec<u8>, ReadError> {
    let (file, meta) = open(path, accept).map_err(ReadError::Io)?;
    if meta.is_file() && meta.len() > max {
        return Err(ReadError::TooLarge(Some(meta.len())));
    }
    read_at_most(&file, &meta, max)
        .map_err(ReadError::Io)?
        .ok_or(ReadError::TooLarge(None))
}

/// Reads `file` to its end, `None` past `max` bytes, whatever its
/// metadata `meta` claimed.
pub fn read_at_most(file: &File, meta: &Metadata, max: u64) -> io::Result<Option<Vec<u8>>> {
    let claimed = if meta.is_file() { meta.len().min(max) } else { 0 };
    let mut bytes = Vec::with_capacity(usize::try_from(claimed).unwrap_or(0));
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}

/// The error for a handle of a kind `accept` does not take.
fn refused(meta: &Metadata, accept: Accept) -> io::Error {
    let kind = meta.file_type();
    let what = if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "of an unknown kind"
    };
    let expected = match accept {
        Accept::File => "a regular file",
        Accept::FileOrPipe => "a regular file or a pipe",
    };
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("is {what}, expected {expected}"),
    )
}
