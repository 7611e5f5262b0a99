//! Developer tools shared by the benches and the example harnesses: the
//! synthetic dossier generator and the per-keystroke workload, so that every
//! measurement runs on the same data. Behind the `devkit` feature: neither
//! the browser nor `cargo test` builds them.

pub mod keys;
pub mod synth;
