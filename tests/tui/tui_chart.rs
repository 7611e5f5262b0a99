//! The Figures chart, read back from the screen: its bars are the
//! dataset's figures, and a dataset with other figures draws other bars.

use dossier::app::{App, Theme, View};
use dossier::model::{Dataset, Figure, Qualifier};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// One bar as drawn: its label, the text on it, and its height in
/// eighths of a row.
#[derive(Debug, PartialEq)]
struct DrawnBar {
    label: String,
    text: String,
    eighths: u32,
}

fn eighths(symbol: &str) -> Option<u32> {
    Some(match symbol {
        "█" | "░" => 8,
        "▇" => 7,
        "▆" => 6,
        "▅" => 5,
        "▄" => 4,
        "▃" => 3,
        "▂" => 2,
        "▁" => 1,
        _ => return None,
    })
}

fn row_text(buf: &Buffer, y: u16, x0: u16, x1: u16) -> String {
    (x0..x1).map(|x| buf[(x, y)].symbol().to_string()).collect()
}

/// Draws the Figures view of `dataset` and reads the chart's bars back.
fn drawn_bars(dataset: Dataset) -> (String, Vec<DrawnBar>) {
    let mut app = App::new(
        dataset,
        Theme {
            no_color: true,
            ..Theme::default()
        },
    );
    let (w, h) = (120, 40);
    app.set_area(Rect::new(0, 0, w, h));
    app.handle(dossier::app::Action::GoView(View::Figures));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| dossier::ui::draw(f, &app)).unwrap();
    let buf = terminal.backend().buffer().clone();
    let chart = app.layout().chart;
    let title = row_text(&buf, chart.y, chart.x, chart.right());
    let inner = Rect::new(chart.x + 1, chart.y + 1, chart.width - 2, chart.height - 2);
    // The label row is the lowest row with a label under a bar: the row
    // above it holds glyphs.
    let label_y = (inner.y..inner.bottom())
        .rev()
        .find(|&y| {
            y > inner.y
                && (inner.x..inner.right()).any(|x| eighths(buf[(x, y - 1)].symbol()).is_some())
                && (inner.x..inner.right()).all(|x| eighths(buf[(x, y)].symbol()).is_none())
        })
        .expect("a label row under the bars");
    let bottom = label_y - 1;
    // Bars: runs of non-blank cells on the bottom bar row.
    let mut bars = Vec::new();
    let mut x = inner.x;
    while x < inner.right() {
        if buf[(x, bottom)].symbol() == " " {
            x += 1;
            continue;
        }
        let start = x;
        while x < inner.right() && buf[(x, bottom)].symbol() != " " {
            x += 1;
        }
        let on_bar = row_text(&buf, bottom, start, x);
        // The y-axis's zero, left of the bars.
        if on_bar.ends_with('┤') {
            continue;
        }
        let text: String = on_bar
            .chars()
            .filter(|c| eighths(&c.to_string()).is_none())
            .collect();
        let label = row_text(&buf, label_y, start, x).trim().to_string();
        let height: u32 = (inner.y..=bottom)
            .map(|y| eighths(buf[(start, y)].symbol()).unwrap_or(0))
            .sum();
        bars.push(DrawnBar {
            label,
            text,
            eighths: height,
        });
    }
    (title, bars)
}

/// Whether drawn heights follow the values, to within one row.
fn proportional(bars: &[DrawnBar], values: &[f64]) -> bool {
    let max_h = bars.iter().map(|b| b.eighths).max().unwrap_or(1) as f64;
    let max_v = values.iter().cloned().fold(0.0, f64::max);
    bars.iter()
        .zip(values)
        .all(|(b, v)| (b.eighths as f64 / max_h - v / max_v).abs() * max_h <= 8.0)
}

#[test]
fn the_bars_are_the_datasets_trade_volume_figures() {
    let dataset = dossier::data::embedded();
    // What the data says, read straight from the JSON text.
    let json: serde_json::Value = serde_json::from_str(dossier::data::EMBEDDED_JSON).unwrap();
    let mut expected: Vec<(String, f64)> = Vec::new();
    let mut targets: Vec<f64> = Vec::new();
    for ev in json["events"].as_array().unwrap() {
        for f in ev["figures"].as_array().into_iter().flatten() {
            if f["measure"] != "bilateral trade volume" {
                continue;
            }
            let value = f["value"].as_f64().unwrap();
            match (f["year"].as_i64(), f["qualifier"].as_str()) {
                (_, Some("target")) => targets.push(value),
                (Some(y), _) => expected.push((y.to_string(), value)),
                _ => {}
            }
        }
    }
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(expected.len(), 3);
    assert_eq!(targets, [1e10]);

    let (title, bars) = drawn_bars(dataset);
    assert!(title.contains("Bilateral trade volume by year (USD)"), "{title}");
    let labels: Vec<&str> = bars.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(labels, ["2005", "2012", "2016", "target"]);
    let texts: Vec<&str> = bars.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["$1bn", "$4.5bn", "$2bn", "$10bn"]);
    let mut values: Vec<f64> = expected.iter().map(|e| e.1).collect();
    values.extend(&targets);
    assert!(proportional(&bars, &values), "{bars:?} vs {values:?}");
    // 2012 > 2016 > 2005, and the target tops them all.
    assert!(bars[1].eighths > bars[2].eighths && bars[2].eighths > bars[0].eighths);
    assert!(bars[3].eighths > bars[1].eighths);
}

fn figure(value: f64, measure: &str, year: Option<i32>, qualifier: Qualifier) -> Figure {
    Figure {
        value,
        unit: "USD".into(),
        measure: measure.into(),
        year,
        qualifier,
    }
}

#[test]
fn a_dataset_with_other_figures_draws_other_bars() {
    let mut dataset = dossier::data::embedded();
    for ev in &mut dataset.events {
        for f in &mut ev.figures {
            if f.measure == "bilateral trade volume" && f.year == Some(2016) {
                f.value = 8e9;
            }
        }
        ev.figures
            .retain(|f| !(f.measure == "bilateral trade volume" && f.qualifier == Qualifier::Target));
    }
    dataset.events[0].figures.push(figure(
        6e9,
        "bilateral trade volume",
        Some(2019),
        Qualifier::Exact,
    ));
    let (_, bars) = drawn_bars(dataset);
    let labels: Vec<&str> = bars.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(labels, ["2005", "2012", "2016", "2019"], "no target any more");
    let texts: Vec<&str> = bars.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["$1bn", "$4.5bn", "$8bn", "$6bn"]);
    assert!(proportional(&bars, &[1e9, 4.5e9, 8e9, 6e9]), "{bars:?}");
    assert!(bars[2].eighths > bars[3].eighths && bars[3].eighths > bars[1].eighths);
}

#[test]
fn the_chart_follows_whichever_measure_has_the_most_years() {
    let mut dataset = dossier::data::embedded();
    for ev in &mut dataset.events {
        ev.figures.clear();
    }
    for (i, (year, value)) in [(2001, 3e6), (2002, 5e6), (2003, 4e6), (2004, 9e6)]
        .into_iter()
        .enumerate()
    {
        dataset.events[i]
            .figures
            .push(figure(value, "exports of apples", Some(year), Qualifier::Exact));
    }
    dataset.events[9]
        .figures
        .push(figure(1e9, "something else", Some(2017), Qualifier::Exact));
    let (title, bars) = drawn_bars(dataset);
    assert!(title.contains("Exports of apples by year (USD)"), "{title}");
    let labels: Vec<&str> = bars.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(labels, ["2001", "2002", "2003", "2004"]);
    assert!(proportional(&bars, &[3e6, 5e6, 4e6, 9e6]), "{bars:?}");
}

#[test]
fn without_a_dated_figure_the_chart_says_so() {
    let mut dataset = dossier::data::embedded();
    for ev in &mut dataset.events {
        ev.figures.retain(|f| f.year.is_none());
    }
    let mut app = App::new(
        dataset,
        Theme {
            no_color: false,
            ..Theme::default()
        },
    );
    app.set_area(Rect::new(0, 0, 80, 24));
    app.handle(dossier::app::Action::GoView(View::Figures));
    assert!(app.chart().is_none());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| dossier::ui::draw(f, &app)).unwrap();
    let buf = terminal.backend().buffer();
    let text: String = (0..24).map(|y| row_text(buf, y, 0, 80)).collect();
    assert!(
        text.contains("No figure in this dossier is dated by year."),
        "{text}"
    );
}
