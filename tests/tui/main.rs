//! The browser on ratatui's TestBackend: snapshots, charts, properties, key storms and hostile text.
//!
//! One test binary for several files: each binary costs a link, and
//! CI time.

mod hostile_terminal;
mod key_storm;
mod tui_chart;
mod tui_props;
mod tui_snapshots;
