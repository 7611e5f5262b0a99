//! `dossier`: a terminal browser for structured research dossiers.
//!
//! The library holds everything; `main.rs` only parses the command line and
//! hands over to [`cli`].
#![deny(unsafe_code)]

pub mod app;
mod atomic;
pub mod cache;
pub mod cli;
pub mod config;
pub mod data;
pub mod date;
#[cfg(feature = "devkit")]
pub mod devkit;
pub mod format;
mod fsutil;
pub mod import;
pub mod lookup;
pub mod markdown;
pub mod model;
pub mod progress;
pub mod records;
pub mod sanitize;
pub mod search;
pub mod searcher;
pub mod state;
pub mod tui;
pub mod ui;
pub mod views;
pub mod web;
