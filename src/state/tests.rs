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
    assert_eq!(
        files(dir.path()),
        [format!("{}.json", &key().as_str()[..16])],
        "no temp file left"
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
    assert_eq!(files(dir.path()).len(), 2, "{:?}", files(dir.path()));
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
    let other = Store::in_dir(dir.path(), DatasetKey::of(b"another dataset"));
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
    assert_eq!(files(dir.path()).len(), 4, "{:?}", files(dir.path()));
}

#[test]
fn a_newer_file_is_left_alone_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let text = format!(
        "{{\"format\": \"dossier-state\", \"version\": 2, \"dataset\": \"{}\"}}",
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
