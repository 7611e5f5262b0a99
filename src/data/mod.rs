//! Loading a dataset: the embedded asset, files, parsing and validation.
//!
//! [`load_bytes`] and [`load_path`] decode, parse and [`validate`]; every
//! failure is a [`LoadError`] that says where (file, line:column, JSON path)
//! and what was expected. [`Limits`] bound the file size, string lengths
//! and the number of problems reported, so a hostile file costs bounded
//! time and memory.

mod error;
mod limits;
mod load;
pub(crate) mod locate;
mod path;
mod scan;
mod strings;
#[cfg(test)]
mod testdata;
mod validate;

pub use error::{LoadError, Problem};
pub(crate) use limits::quoted;
pub use limits::{Limits, MAX_BYTES_VAR, MAX_DEPTH, SettingError};
pub use load::{
    check, load_bytes, load_bytes_with, load_path, load_path_streaming, load_path_with, parse_bytes,
    read_path,
};
pub(crate) use locate::positions;
pub(crate) use path::JsonPath;
pub use validate::validate;

use crate::model::Dataset;

/// The dataset compiled into the binary.
pub const EMBEDDED_JSON: &str = include_str!("../../assets/kazakhstan-turkey-2017.json");

/// The name the embedded dataset goes by in messages.
pub const EMBEDDED_ORIGIN: &str = "<embedded dataset>";

/// Parses and validates the embedded dataset, under the default limits
/// whatever `DOSSIER_MAX_BYTES` says. A broken asset is a build defect
/// caught by tests, so this panics with the full report instead of
/// returning an error.
pub fn embedded() -> Dataset {
    load_bytes_with(EMBEDDED_JSON.as_bytes(), EMBEDDED_ORIGIN, &Limits::default())
        .unwrap_or_else(|err| panic!("the embedded dataset is broken:\n{err}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_dataset_loads_with_no_problems() {
        // Shows the whole report, every problem located, if the asset breaks.
        let dataset =
            load_bytes(EMBEDDED_JSON.as_bytes(), EMBEDDED_ORIGIN).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(validate(&dataset, EMBEDDED_JSON), []);
        assert_eq!(embedded(), dataset);
    }
}
