//! The command line: every subcommand, validation of datasets, the embedded dataset's content, hostile data files.
//!
//! One test binary for several files: each binary costs a link, and
//! CI time.

mod cli;
mod dataset_content;
mod hostile_data;
mod validation;
