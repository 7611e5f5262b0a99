//! Loads a dataset file the way `dossier` does, then prints the time of
//! each phase and the peak resident memory (VmHWM, Linux only):
//!
//! ```text
//! cargo run --release --example rss -- big.json
//! cargo run --release --example rss -- big.json --no-index
//! ```
//!
//! Phases: read the file, `load_bytes` (parse with path tracking, then
//! validate), build the search index. With `--no-index`, the way `list`,
//! `show`, `footnote` and `export` load instead: parsed as it is read,
//! validated, no index. Run once per process: peak RSS is a high-water
//! mark and cannot be reset.
// A test or tool of our own, printing its own messages.
#![allow(clippy::disallowed_macros)]

use std::time::Instant;

use dossier::search::SearchIndex;

/// A field of /proc/self/status in KiB, e.g. "VmHWM" (peak) or "VmRSS".
fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or_else(|| "n/a".to_string(), |k| format!("{:.1}", k as f64 / 1024.0))
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: rss FILE.json [--no-index]");
        std::process::exit(2);
    };
    if std::env::args().nth(2).as_deref() == Some("--no-index") {
        let start = Instant::now();
        let dataset = dossier::data::load_path_streaming(path.as_ref()).unwrap_or_else(|e| panic!("{e}"));
        let file_mib = std::fs::metadata(&path).map_or(0.0, |m| m.len() as f64 / (1024.0 * 1024.0));
        println!("file                 {path}");
        println!("events               {}", dataset.events.len());
        println!("file size            {file_mib:.1} MiB");
        println!(
            "load_path_streaming  {:.1} ms (parse while reading + validate)",
            start.elapsed().as_secs_f64() * 1e3
        );
        println!("peak RSS             {} MiB", mib(status_kib("VmHWM")));
        if let Some(peak) = status_kib("VmHWM") {
            println!("peak / file size     {:.2}", peak as f64 / 1024.0 / file_mib);
        }
        std::hint::black_box(&dataset);
        return;
    }
    let start = Instant::now();
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    let read = start.elapsed();
    let after_read = status_kib("VmHWM");
    let t = Instant::now();
    let dataset = dossier::data::load_bytes(&bytes, &path).unwrap_or_else(|e| panic!("{e}"));
    let load = t.elapsed();
    let file_mib = bytes.len() as f64 / (1024.0 * 1024.0);
    // The CLI keeps the bytes only until the dataset is built.
    drop(bytes);
    let after_load = status_kib("VmHWM");
    let t = Instant::now();
    let index = SearchIndex::new(&dataset);
    let build = t.elapsed();
    let after_index = status_kib("VmHWM");
    let rss_now = status_kib("VmRSS");
    println!("file                 {path}");
    println!("events               {}", dataset.events.len());
    println!("file size            {file_mib:.1} MiB");
    println!("read                 {:.1} ms", read.as_secs_f64() * 1e3);
    println!(
        "load_bytes           {:.1} ms (parse + validate)",
        load.as_secs_f64() * 1e3
    );
    println!("SearchIndex::new     {:.1} ms", build.as_secs_f64() * 1e3);
    println!(
        "total                {:.1} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    println!("peak RSS after read  {} MiB", mib(after_read));
    println!("peak RSS after load  {} MiB", mib(after_load));
    println!("peak RSS after index {} MiB", mib(after_index));
    println!("RSS at the end       {} MiB (dataset + index)", mib(rss_now));
    if let Some(peak) = after_index {
        println!("peak / file size     {:.2}", peak as f64 / 1024.0 / file_mib);
    }
    // Keep both alive to the end so the last RSS figure includes them.
    std::hint::black_box((&dataset, &index));
}
