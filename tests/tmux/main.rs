//! The real binary in a real terminal, under tmux.
//!
//! One test binary for several files: each binary costs a link, and
//! CI time.

mod common;
mod hostile_tmux;
mod tui_tmux;
