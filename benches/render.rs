//! Drawing: `cargo bench --bench render`.
//!
//! - `frame_120x40/search/*`: one full frame at 120×40 on ratatui's test
//!   backend, the search line open on "erdogan 2017", results listed with
//!   highlights and the first result in the detail pane;
//! - `frame_120x40/browse/embedded`: the first tab's list and detail;
//! - `startup/embedded`: parse and validate the embedded dataset, build
//!   the app (and its index), draw the first frame: the in-process part of
//!   `dossier` start-up (terminal set-up excluded).

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::app::{App, Theme};
use ratatui::crossterm::event::KeyCode;

use dossier::devkit::keys;
use dossier::devkit::synth;

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame_120x40");
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    let synth = synth::Synth::new(7, synth::Sizes::default());
    let datasets = [
        ("embedded", dossier::data::embedded()),
        ("10k", synth.dataset(10_000)),
        ("100k", synth.dataset(100_000)),
    ];
    for (name, dataset) in datasets {
        let mut app = App::new(dataset, Theme::default());
        let mut terminal = keys::terminal(&mut app);
        if name == "embedded" {
            // Political tab, first event in the detail pane.
            keys::press(&mut app, KeyCode::Char('2'));
            group.bench_function("browse/embedded", |b| b.iter(|| keys::draw(&mut terminal, &app)));
            keys::press(&mut app, KeyCode::Esc);
        }
        keys::search_for(&mut app, keys::TYPED);
        group.bench_function(format!("search/{name}"), |b| {
            b.iter(|| keys::draw(&mut terminal, &app))
        });
    }
    group.finish();
}

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group.measurement_time(Duration::from_secs(3));
    group.bench_function("embedded", |b| {
        b.iter(|| {
            let mut app = App::new(dossier::data::embedded(), Theme::default());
            let mut terminal = keys::terminal(&mut app);
            keys::draw(&mut terminal, &app);
            terminal
        });
    });
    group.finish();
}

criterion_group!(benches, frames, startup);
criterion_main!(benches);
