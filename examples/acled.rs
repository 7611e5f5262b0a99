#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]
//! Writes an ACLED-like event table of any size, for `bench/import.sh`:
//!
//! ```text
//! cargo run --release --example acled -- 1000000 > big.csv
//! ```
//!
//! The same row count gives the same bytes on every run: a fixed
//! arithmetic sequence stands in for randomness.

use std::io::{BufWriter, Write};

const TYPES: [&str; 6] = [
    "Protests",
    "Riots",
    "Battles",
    "Violence against civilians",
    "Explosions/Remote violence",
    "Strategic developments",
];
const PLACES: [&str; 8] = [
    "Almaty",
    "Astana",
    "Shymkent",
    "Aktobe",
    "Karaganda",
    "Taraz",
    "Pavlodar",
    "Atyrau",
];
const SOURCES: [&str; 5] = [
    "Reuters",
    "Radio Azattyq",
    "Interfax",
    "AFP; Reuters",
    "Kazinform",
];

fn main() -> std::io::Result<()> {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let mut out = BufWriter::new(std::io::stdout().lock());
    writeln!(
        out,
        "event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,actor2,\
         country,admin1,location,source,notes,fatalities"
    )?;
    for i in 0..rows {
        let year = 2000 + i % 24;
        let month = 1 + i % 12;
        let day = 1 + i % 28;
        let kind = TYPES[i % TYPES.len()];
        let place = PLACES[(i / 7) % PLACES.len()];
        writeln!(
            out,
            "KAZ{i},{year}-{month:02}-{day:02},{year},{},{kind},Sub-type {},Group {} (Kazakhstan),\
             Students (Kazakhstan); Workers {},Police Forces of Kazakhstan,Kazakhstan,Region {},{place},{},\
             \"On {day} {month} {year}, event number {i} took place in {place}, involving group {} and \
             the police; a report gave details.\",{}",
            1 + i % 3,
            i % 4,
            i % 50,
            i % 20,
            i % 14,
            SOURCES[i % SOURCES.len()],
            i % 50,
            i % 5
        )?;
    }
    out.flush()
}
