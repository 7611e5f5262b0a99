//! Memory stays proportional to the input: loading hostile datasets, the
//! heap never grows past a constant times the input size (plus a little).
//!
//! A counting allocator measures the peak heap of each load. It sees every
//! allocation of the process, so this file holds a single test that runs
//! its cases one after the other.
// A test or tool of our own, printing its own messages.
#![allow(clippy::disallowed_macros)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use dossier::data::{self, Limits};

/// The system allocator, counting bytes in use and their high-water mark.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

/// The counts are of the whole process: tests that measure hold this for
/// their whole run, or each would count the other's memory.
static MEASURING: std::sync::Mutex<()> = std::sync::Mutex::new(());

// SAFETY: every call is passed straight to `System` with the same
// arguments; only counters are updated besides.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `alloc`'s contract, forwarded as is.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) };
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as above.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            if new_size >= layout.size() {
                let grown = new_size - layout.size();
                let now = IN_USE.fetch_add(grown, Ordering::Relaxed) + grown;
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                IN_USE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak heap growth, in bytes, while `load` runs and its outcome is
/// dropped (what was allocated before, such as the input, does not count).
fn peak_growth<T, E: std::fmt::Display>(load: impl FnOnce() -> Result<T, E>) -> usize {
    let base = IN_USE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let outcome = load();
    let peak = PEAK.load(Ordering::Relaxed);
    // The error message is part of what the load produced: build it too.
    if let Err(err) = &outcome {
        let _ = err.to_string();
    }
    drop(outcome);
    peak.max(PEAK.load(Ordering::Relaxed)) - base
}

const MINI: &str = include_str!("fixtures/mini.json");

/// mini.json's events array repeated `n` times over (ids made unique).
fn many_events(n: usize) -> String {
    let value: serde_json::Value = serde_json::from_str(MINI).unwrap();
    let event = value["events"][0].clone();
    let mut events = Vec::with_capacity(n);
    for i in 0..n {
        let mut e = event.clone();
        e["id"] = serde_json::Value::String(format!("e{i}"));
        events.push(e);
    }
    let mut value = value;
    value["events"] = serde_json::Value::Array(events);
    serde_json::to_string(&value).unwrap()
}

#[test]
fn loading_needs_memory_proportional_to_the_input() {
    let _alone = MEASURING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let cases: Vec<(&str, String)> = vec![
        ("50k valid events", many_events(50_000)),
        (
            "50k events, every one with 3 problems",
            many_events(50_000)
                .replace(r#""date":"#, r#""date":"2017-02-30","x":"#)
                .replace(r#","x":"#, r#","end":"#)
                .replace(r#""tab":"political""#, r#""tab":"nope""#),
        ),
        (
            "a million line breaks inside the dataset",
            MINI.replacen("{", &format!("{{{}", "\n".repeat(1_000_000)), 1),
        ),
        (
            "a million line breaks, then an error",
            format!("{{{}\"x\": 1}}", "\n".repeat(1_000_000)),
        ),
        (
            "deep nesting",
            format!(
                r#"{{"footnotes": [{{"number": 1, "kind": "note", "text": "t", "x": {}1{}}}]}}"#,
                "[".repeat(1_000_000),
                "]".repeat(1_000_000)
            ),
        ),
        (
            "an unknown key of 4 MB",
            MINI.replacen(
                r#""document": {"#,
                &format!(r#""document": {{"{}": 1, "#, "k".repeat(4_000_000)),
                1,
            ),
        ),
        (
            "a string of 4 MB",
            MINI.replacen("Avrasya Dosyası", &"ş".repeat(2_000_000), 1),
        ),
    ];
    for (what, text) in &cases {
        let growth = peak_growth(|| data::load_bytes_with(text.as_bytes(), "t.json", &Limits::default()));
        let ratio = growth as f64 / text.len() as f64;
        eprintln!(
            "{what}: input {} KiB, peak heap growth {} KiB ({ratio:.2}x)",
            text.len() / 1024,
            growth / 1024
        );
        // Parsed data takes a few times its JSON; 8x leaves room for
        // allocator rounding without letting a quadratic (or a per-line
        // table) through.
        assert!(
            growth <= 8 * text.len() + (4 << 20),
            "{what}: {growth} bytes for {} bytes of input",
            text.len()
        );
    }

    // What `list`, `show` and `export` load: a file of minimal events (an
    // id, a date, a tab, three words of title), once 5.8 times its size in
    // memory (8 times in RSS). Its bytes are no longer held next to its
    // events, which leaves about 3.6 times. 130,000 events nearly fill the
    // capacity the events' list grows to, which is counted whole.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("minimal.json");
    std::fs::write(&path, minimal_events(130_000)).unwrap();
    let size = std::fs::metadata(&path).unwrap().len() as usize;
    let growth = peak_growth(|| dossier::cli::load(Some(&path)));
    eprintln!(
        "130k minimal events from a file: {} KiB, peak heap growth {} KiB ({:.2}x)",
        size / 1024,
        growth / 1024,
        growth as f64 / size as f64
    );
    assert!(growth <= size * 4, "{growth} bytes for a file of {size} bytes");
}

/// mini.json with `n` events that have nothing but an id, a date, a tab,
/// a short title and an empty summary.
fn minimal_events(n: usize) -> String {
    let mut value: serde_json::Value = serde_json::from_str(MINI).unwrap();
    let events = (0..n)
        .map(|i| {
            serde_json::json!({
                "id": format!("e{i}"), "date": "2017-09-09", "tab": "political",
                "title": "Erdoğan visits Astana", "summary": ""
            })
        })
        .collect();
    value["events"] = serde_json::Value::Array(events);
    serde_json::to_string(&value).unwrap()
}

/// A table is imported as it is read: memory holds its distinct tabs,
/// actors, places and sources, not its rows. Held whole, 200,000 rows
/// took several times their 14 MB.
#[test]
fn importing_a_table_streams_its_rows() {
    let _alone = MEASURING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut csv = String::from("event_id_cnty,event_date,event_type,actor1,country,notes,source\n");
    for i in 0..200_000 {
        csv.push_str(&format!(
            "X{i},2020-01-{:02},Battles,Actor {},Country {},Clash number {i} near the river,Source {}\n",
            i % 28 + 1,
            i % 50,
            i % 20,
            i % 30
        ));
    }
    let mut written = 0u64;
    let growth = peak_growth(|| {
        let mut out = std::io::sink();
        let mut counted = CountingWriter(&mut out, &mut written);
        dossier::import::table::import_to(csv.as_bytes(), "t.csv", &Default::default(), &mut counted)
    });
    eprintln!(
        "200k rows: input {} KiB, output {} KiB, peak heap growth {} KiB",
        csv.len() / 1024,
        written / 1024,
        growth / 1024
    );
    assert!(written as usize > csv.len(), "every row was written");
    // The event ids' hashes (8 bytes a row, in a table that doubles as it
    // grows) and buffers: 3.5 MB here, under a quarter of the input.
    assert!(
        growth < csv.len() / 4,
        "{growth} bytes for {} bytes of input",
        csv.len()
    );
}

struct CountingWriter<'a>(&'a mut dyn std::io::Write, &'a mut u64);

impl std::io::Write for CountingWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.0.write(buf)?;
        *self.1 += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}
