//! The state file: round trip, and every way it can be unusable.
// A test or tool of our own, printing its own messages.
#![allow(clippy::disallowed_macros)]

use super::*;

fn key() -> DatasetKey {
    DatasetKey::of(b"{\"a dataset\": 1}")
}

fn memory() -> Memory {
    Memory {
        position: Position {
            view: "political".into(),
            event: Some("visit".into()),
            scroll: 3,
            footnotes_inline: true,
            ..Position::default()
        },
        bookmarks: vec!["visit".into(), "trade".into()],
        notes: [("trade".to_string(), "a “note” \u{1b}[2J".to_string())].into(),
    }
}

fn store(dir: &Path) -> Store {
    Store::in_dir(dir, key())
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_key_is_the_sha256_of_the_text() {
    assert_eq!(
        DatasetKey::of(b"abc").as_str(),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_ne!(DatasetKey::of(b"abc "), DatasetKey::of(b"abc"));
}

#[test]
fn round_trip_and_first_visit() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let first = s.load();
    assert_eq!(first.memory, None);
    assert!(first.note.unwrap().starts_with("first visit"));
    s.save(&memory()).unwrap();
    let name = format!("{}.json", &key().as_str()[..16]);
    assert_eq!(
        files(dir.path()),
        [name.clone(), format!("{name}.lock")],
        "no temp file left; the lock beside the file"
    );
    let again = store(dir.path()).load();
    assert_eq!(again.memory, Some(memory()));
    assert_eq!(again.note, None);
    let text = std::fs::read_to_string(s.path().unwrap()).unwrap();
    assert!(text.contains("\"format\": \"dossier-state\""), "{text}");
    assert!(text.contains(key().as_str()));
}

#[test]
fn a_missing_directory_is_created_on_save() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("a/b");
    let mut s = store(&deep);
    assert_eq!(s.load().memory, None);
    s.save(&memory()).unwrap();
    assert_eq!(store(&deep).load().memory, Some(memory()));
}

#[test]
fn an_empty_file_is_ignored_with_a_note_and_then_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    std::fs::write(s.path().unwrap(), "  \n").unwrap();
    let loaded = s.load();
    assert_eq!(loaded.memory, None);
    assert!(loaded.note.unwrap().contains("is empty"));
    s.save(&memory()).unwrap();
    assert_eq!(store(dir.path()).load().memory, Some(memory()));
}

#[test]
fn a_corrupt_file_is_moved_aside_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let path = s.path().unwrap().to_path_buf();
    std::fs::write(&path, "{\"format\": \"dossier-state\", \"vers").unwrap();
    let loaded = s.load();
    assert_eq!(loaded.memory, None);
    let note = loaded.note.unwrap();
    assert!(note.starts_with("state file is corrupt: moved it to"), "{note}");
    assert!(note.contains(".json.corrupt, starting fresh ("), "{note}");
    assert!(!note.contains('\n'), "one line: {note}");
    let aside = path.with_file_name(format!("{}.json.corrupt", &key().as_str()[..16]));
    assert_eq!(
        std::fs::read_to_string(&aside).unwrap(),
        "{\"format\": \"dossier-state\", \"vers"
    );
    s.save(&memory()).unwrap();
    // A second corrupt file goes next to the first, not over it.
    std::fs::write(&path, "garbage").unwrap();
    let note = store(dir.path()).load().note.unwrap();
    assert!(note.contains(".json.corrupt.1"), "{note}");
    assert_eq!(files(dir.path()).len(), 3, "{:?}", files(dir.path()));
    assert!(std::fs::read_to_string(&aside).unwrap().contains("\"vers"));
}

#[test]
fn wrong_shapes_are_corrupt_too() {
    for text in [
        "[]",
        "{\"format\": \"dossier-state\", \"version\": 1}",
        "{\"format\": \"dossier-state\", \"version\": \"1\"}",
        "\u{0}\u{1}binary",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        std::fs::write(s.path().unwrap(), text).unwrap();
        let loaded = s.load();
        assert_eq!(loaded.memory, None, "{text}");
        let note = loaded.note.unwrap();
        assert!(note.contains("moved it to"), "{text}: {note}");
    }
}

#[test]
fn a_foreign_file_is_ignored_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    // Another dataset's state, copied over ours.
    let mut other = Store::in_dir(dir.path(), DatasetKey::of(b"another dataset"));
    other.save(&memory()).unwrap();
    let mut s = store(dir.path());
    std::fs::copy(other.path().unwrap(), s.path().unwrap()).unwrap();
    let loaded = s.load();
    assert_eq!(loaded.memory, None);
    assert!(loaded.note.unwrap().contains("belongs to another dataset"));
    // Not a state file at all.
    std::fs::write(s.path().unwrap(), "{\"events\": []}").unwrap();
    let loaded = s.load();
    assert!(loaded.note.unwrap().contains("is not a dossier state file"));
    s.save(&Memory::default()).unwrap();
    // Ours, the other's, both kept aside, and the two locks.
    assert_eq!(files(dir.path()).len(), 6, "{:?}", files(dir.path()));
}

#[test]
fn a_newer_file_is_left_alone_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let text = format!(
        "{{\"format\": \"dossier-state\", \"version\": 3, \"dataset\": \"{}\"}}",
        key().as_str()
    );
    std::fs::write(s.path().unwrap(), &text).unwrap();
    let loaded = s.load();
    assert_eq!(loaded.memory, None);
    assert!(loaded.note.unwrap().contains("newer dossier"));
    assert!(matches!(s.save(&memory()), Err(SaveError::Disabled(_))));
    assert_eq!(std::fs::read_to_string(s.path().unwrap()).unwrap(), text);
}

#[test]
fn unknown_fields_of_this_version_are_tolerated() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let text = format!(
        "{{\"format\": \"dossier-state\", \"version\": 1, \"dataset\": \"{}\", \"later\": true, \"bookmarks\": [\"x\"]}}",
        key().as_str()
    );
    std::fs::write(s.path().unwrap(), text).unwrap();
    let memory = s.load().memory.unwrap();
    assert_eq!(memory.bookmarks, ["x"]);
    assert_eq!(memory.position, Position::default());
}

/// Whether this process can write into a directory without write
/// permission (root can), which makes a read-only test meaningless.
fn permissions_bind(dir: &Path) -> bool {
    std::fs::write(dir.join("probe"), "x").is_err()
}

#[test]
fn a_read_only_directory_gives_an_error_not_a_crash() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    s.save(&memory()).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let binding = permissions_bind(dir.path());
    // Reading still works.
    assert_eq!(s.load().memory, Some(memory()));
    let result = s.save(&Memory::default());
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    if binding {
        let err = result.unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "could not write {}: permission denied",
                s.path().unwrap().display()
            )
        );
        assert_eq!(
            store(dir.path()).load().memory,
            Some(memory()),
            "old state intact"
        );
    } else {
        eprintln!("running as root: permissions do not bind; the file-as-directory case covers it");
    }
}

#[test]
fn a_state_dir_that_is_a_file_gives_errors_not_crashes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    let mut s = store(&file);
    let loaded = s.load();
    assert_eq!(loaded.memory, None);
    assert!(loaded.note.is_some());
    assert!(s.save(&memory()).is_err());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn an_unreadable_state_file_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    // A directory where the file should be: reading fails, not "missing".
    std::fs::create_dir(s.path().unwrap()).unwrap();
    let loaded = s.load();
    assert!(loaded.note.unwrap().contains("cannot read"), "saving nothing");
    assert!(matches!(s.save(&memory()), Err(SaveError::Disabled(_))));
}

#[test]
fn a_crash_between_write_and_rename_leaves_the_previous_file() {
    // What a process killed mid-save leaves: the state file from before
    // and a half-written temporary file beside it.
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    s.save(&memory()).unwrap();
    let before = std::fs::read(s.path().unwrap()).unwrap();
    std::fs::write(
        dir.path().join(".dossier-state-k1ll3d.tmp"),
        b"{\"format\": \"dossier-st",
    )
    .unwrap();
    let after_crash = store(dir.path()).load();
    assert_eq!(after_crash.memory, Some(memory()), "the previous state is read");
    assert_eq!(std::fs::read(s.path().unwrap()).unwrap(), before, "and untouched");
    let mut moved = memory();
    moved.position.scroll = 9;
    s = store(dir.path());
    s.load();
    s.save(&moved).unwrap();
    assert_eq!(
        store(dir.path()).load().memory,
        Some(moved),
        "the next save replaces it whole"
    );
}

/// Runs `f` on a thread of its own and fails if it takes longer than a few
/// seconds: what must not block is caught blocking, not left to hang the
/// whole test run.
fn promptly<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(f()));
    rx.recv_timeout(std::time::Duration::from_secs(5))
        .unwrap_or_else(|_| panic!("{what} still blocks after 5 s"))
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

#[test]
fn a_fifo_as_state_file_is_refused_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let path = store(dir.path()).path().unwrap().to_path_buf();
    mkfifo(&path);
    let root = dir.path().to_path_buf();
    let (loaded, saved) = promptly("loading a FIFO", move || {
        let mut s = store(&root);
        let loaded = s.load();
        (loaded, s.save(&memory()))
    });
    assert_eq!(loaded.memory, None);
    let note = loaded.note.unwrap();
    assert!(
        note.contains("is a FIFO (named pipe), expected a regular file") && note.contains("saving nothing"),
        "{note}"
    );
    assert!(matches!(saved, Err(SaveError::Disabled(_))), "{saved:?}");
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&path).unwrap().file_type().is_fifo(),
        "left alone"
    );
}

#[test]
fn a_device_as_state_file_is_refused_not_read() {
    // /dev/zero never ends: read, it grew memory without bound.
    let dir = tempfile::tempdir().unwrap();
    let path = store(dir.path()).path().unwrap().to_path_buf();
    std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
    let root = dir.path().to_path_buf();
    let loaded = promptly("loading /dev/zero", move || store(&root).load());
    assert_eq!(loaded.memory, None);
    let note = loaded.note.unwrap();
    assert!(
        note.contains("is a character device, expected a regular file"),
        "{note}"
    );
    assert_eq!(std::fs::read_link(&path).unwrap(), Path::new("/dev/zero"));
}

#[test]
fn a_state_file_over_the_size_limit_is_moved_aside_unread() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    // Sound, but padded past anything dossier writes.
    let text = format!(
        "{{\"format\": \"dossier-state\", \"version\": 1, \"dataset\": \"{}\"{}}}",
        key().as_str(),
        " ".repeat(MAX_BYTES as usize)
    );
    std::fs::write(s.path().unwrap(), &text).unwrap();
    let loaded = s.load();
    assert_eq!(loaded.memory, None);
    let note = loaded.note.unwrap();
    assert!(
        note.starts_with("state file is larger than 64 MiB: moved it to"),
        "{note}"
    );
    s.save(&memory()).unwrap();
    assert_eq!(store(dir.path()).load().memory, Some(memory()));
}

#[test]
fn a_link_named_like_the_move_aside_is_never_followed_or_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let path = s.path().unwrap().to_path_buf();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let aside = path.with_file_name(format!("{name}.corrupt"));
    let nowhere = dir.path().join("nowhere");
    std::os::unix::fs::symlink(&nowhere, &aside).unwrap();
    std::fs::write(&path, "garbage").unwrap();
    let note = s.load().note.unwrap();
    assert!(note.contains(".json.corrupt.1"), "{note}");
    assert_eq!(std::fs::read_link(&aside).unwrap(), nowhere, "the link is kept");
    assert!(!nowhere.exists(), "and not followed");
    let moved = path.with_file_name(format!("{name}.corrupt.1"));
    assert_eq!(std::fs::read_to_string(moved).unwrap(), "garbage");
}

/// Sets the modification time of `path` to `ago` before now.
fn age(path: &Path, ago: std::time::Duration) {
    let file = std::fs::File::options().append(true).open(path).unwrap();
    file.set_modified(std::time::SystemTime::now() - ago).unwrap();
}

#[test]
fn temporary_files_left_by_a_killed_save_are_removed_on_the_next_load() {
    let dir = tempfile::tempdir().unwrap();
    let two_minutes = std::time::Duration::from_secs(120);
    let old = dir.path().join(".dossier-state-k1ll3d.tmp");
    let fresh = dir.path().join(".dossier-state-wr1t1n.tmp");
    let theirs = dir.path().join(".dossier-state-notes.txt");
    for file in [&old, &fresh, &theirs] {
        std::fs::write(file, "{\"format\": \"dossier-st").unwrap();
    }
    age(&old, two_minutes);
    age(&theirs, two_minutes);
    store(dir.path()).load();
    assert!(!old.exists(), "an old temporary file is removed");
    assert!(fresh.exists(), "one being written now is not");
    assert!(theirs.exists(), "nor a file the cache did not name");
}

#[test]
fn a_failed_save_names_the_state_file_not_the_temporary_one() {
    // /sys refuses new files even to root, for whom permissions never bind.
    let sys = Path::new("/sys");
    if std::fs::write(sys.join("dossier-probe"), "x").is_ok() || !sys.is_dir() {
        eprintln!("skipped: /sys accepts new files here");
        return;
    }
    let mut s = store(sys);
    s.load();
    let err = s.save(&memory()).unwrap_err().to_string();
    assert_eq!(
        err,
        format!(
            "could not write {}: permission denied",
            s.path().unwrap().display()
        )
    );
}

/// A memory with these bookmarks, at this view.
fn marks(view: &str, bookmarks: &[&str]) -> Memory {
    Memory {
        position: Position {
            view: view.into(),
            ..Position::default()
        },
        bookmarks: bookmarks.iter().map(|b| b.to_string()).collect(),
        notes: BTreeMap::new(),
    }
}

fn on_disk(dir: &Path) -> Memory {
    store(dir).load().memory.unwrap()
}

#[test]
fn two_instances_keep_each_others_bookmarks() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (store(dir.path()), store(dir.path()));
    a.load();
    b.load();
    a.save(&marks("political", &["x"])).unwrap();
    b.save(&marks("economic", &["y"])).unwrap();
    assert_eq!(
        on_disk(dir.path()),
        marks("economic", &["x", "y"]),
        "B's position, both marks"
    );
    // A removes its own: B's stays, and B saving again does not bring X back.
    a.save(&marks("timeline", &[])).unwrap();
    assert_eq!(on_disk(dir.path()), marks("timeline", &["y"]));
    b.save(&marks("economic", &["y"])).unwrap();
    assert_eq!(on_disk(dir.path()), marks("economic", &["y"]));
    // B removes a bookmark A made and B saw at start-up.
    let mut c = store(dir.path());
    c.load();
    a.save(&marks("people", &["z"])).unwrap();
    c.save(&marks("people", &[])).unwrap();
    assert_eq!(on_disk(dir.path()), marks("people", &["z"]), "Y removed, Z kept");
}

#[test]
fn merging_applies_only_this_instances_changes() {
    let ids = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let m = |disk: &[&str], base: &[&str], mine: &[&str]| merge(&ids(disk), &ids(base), &ids(mine));
    assert_eq!(m(&[], &[], &["a"]), ids(&["a"]));
    assert_eq!(
        m(&["b"], &[], &["a"]),
        ids(&["b", "a"]),
        "added after what is there"
    );
    assert_eq!(m(&["a", "b"], &["a"], &[]), ids(&["b"]), "removed");
    assert_eq!(m(&["b"], &["a"], &[]), ids(&["b"]), "removed elsewhere too");
    assert_eq!(
        m(&["a", "b"], &["a", "b"], &["a", "b"]),
        ids(&["a", "b"]),
        "no change"
    );
    assert_eq!(
        m(&["b", "a"], &["a"], &["a", "c"]),
        ids(&["b", "a", "c"]),
        "no duplicate"
    );
    assert_eq!(
        m(&[], &["a", "b"], &["a", "b"]),
        ids(&[]),
        "removed elsewhere, not made again"
    );
}

#[test]
fn a_save_waits_its_turn_and_gives_up_on_a_lock_never_released() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    s.load();
    s.save(&memory()).unwrap();
    let name = s
        .path()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let lock = std::fs::File::open(dir.path().join(format!("{name}.lock"))).unwrap();
    lock.lock().unwrap();
    let started = std::time::Instant::now();
    let err = s.save(&Memory::default()).unwrap_err().to_string();
    assert!(started.elapsed() >= LOCK_WAIT, "it waited");
    assert_eq!(
        err,
        format!(
            "could not write {}: another dossier holds its lock",
            s.path().unwrap().display()
        )
    );
    drop(lock);
    s.save(&Memory::default()).unwrap();
    assert_eq!(on_disk(dir.path()), Memory::default());
}

#[test]
fn a_merge_keeps_both_sides_additions_and_this_sides_removals() {
    let list = |s: &str| -> Vec<String> { s.split_whitespace().map(str::to_string).collect() };
    // Read as "a b c"; another instance since added "x" and removed "b";
    // this one added "y" and removed "c".
    let merged = super::merge(&list("a c x"), &list("a b c"), &list("a b y"));
    assert_eq!(merged, list("a x y"));
    // A list of 100,000 merges in one pass (it took minutes scanning).
    let many: Vec<String> = (0..100_000).map(|i| format!("e{i}")).collect();
    let merged = super::merge(&many, &many, &many);
    assert_eq!(merged.len(), many.len());
}

/// `marks` with notes, `(id, note)`.
fn noted(view: &str, bookmarks: &[&str], notes: &[(&str, &str)]) -> Memory {
    Memory {
        notes: notes
            .iter()
            .map(|(id, n)| (id.to_string(), n.to_string()))
            .collect(),
        ..marks(view, bookmarks)
    }
}

#[test]
fn a_version_1_file_loads_and_is_written_as_one_until_a_note_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    // As dossier wrote it before notes.
    let old = format!(
        "{{\"format\": \"dossier-state\", \"version\": 1, \"dataset\": \"{}\", \"position\": {{\"view\": \"timeline\"}}, \"bookmarks\": [\"x\", \"y\"]}}",
        key().as_str()
    );
    std::fs::write(s.path().unwrap(), old).unwrap();
    assert_eq!(s.load().memory, Some(marks("timeline", &["x", "y"])));
    let version = || {
        let text = std::fs::read_to_string(store(dir.path()).path().unwrap()).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        (value["version"].as_u64(), value.get("notes").is_some())
    };
    s.save(&marks("timeline", &["x", "y"])).unwrap();
    assert_eq!(version(), (Some(1), false), "an older dossier still reads it");
    s.save(&noted("timeline", &["x", "y"], &[("y", "why")])).unwrap();
    assert_eq!(
        version(),
        (Some(2), true),
        "an older dossier, which would drop the note, leaves it"
    );
    assert_eq!(
        on_disk(dir.path()),
        noted("timeline", &["x", "y"], &[("y", "why")])
    );
}

#[test]
fn two_instances_keep_each_others_notes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (store(dir.path()), store(dir.path()));
    a.load();
    a.save(&noted("t", &["x", "y"], &[("x", "a on x")])).unwrap();
    b.load();
    // B notes Y; A, which has not seen it, saves a new bookmark: both
    // notes kept, neither overwritten by a side that did not change it.
    b.save(&noted("t", &["x", "y"], &[("x", "a on x"), ("y", "b on y")]))
        .unwrap();
    a.save(&noted("t", &["x", "y", "z"], &[("x", "a on x")])).unwrap();
    assert_eq!(
        on_disk(dir.path()),
        noted("t", &["x", "y", "z"], &[("x", "a on x"), ("y", "b on y")])
    );
    // A changes X's note and removes Y's bookmark: its changes win.
    a.save(&noted("t", &["x", "z"], &[("x", "a again")])).unwrap();
    assert_eq!(on_disk(dir.path()), noted("t", &["x", "z"], &[("x", "a again")]));
    // B, which last saw "a on x" and "b on y", clears X's note: cleared.
    b.save(&noted("t", &["x", "y"], &[("y", "b on y")])).unwrap();
    assert_eq!(
        on_disk(dir.path()),
        noted("t", &["x", "z"], &[]),
        "X's note cleared by B; Y gone with its bookmark"
    );
}

#[test]
fn notes_of_100000_bookmarks_merge_in_one_pass() {
    let many: Vec<String> = (0..100_000).map(|i| format!("e{i}")).collect();
    let notes: BTreeMap<String, String> = many
        .iter()
        .map(|id| (id.clone(), format!("note on {id}")))
        .collect();
    // A scan per bookmark would take minutes here.
    let merged = super::merge_notes(&many, &notes, &notes, &notes);
    assert_eq!(merged, notes);
}
