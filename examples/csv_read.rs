#![allow(clippy::disallowed_macros)]
//! The baseline of `bench/import.sh`: only reads a table with the csv
//! crate, record by record, and counts its fields.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: csv_read FILE")?;
    let mut reader = csv::Reader::from_path(path)?;
    let mut record = csv::StringRecord::new();
    let (mut rows, mut fields) = (0usize, 0usize);
    while reader.read_record(&mut record)? {
        rows += 1;
        fields += record.len();
    }
    println!("{rows} rows, {fields} fields");
    Ok(())
}
