//! Figures: a bar chart of the charted measure by year (targets drawn
//! with a glyph and colour of their own) over a table of every figure
//! with its event and footnotes.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::bar;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Table, TableState};
use rayon::prelude::*;

use ratatui::crossterm::event::KeyCode;

use super::{Listing, Shape, Spec, View, common, open_event, opened_by};
use crate::app::chart::{Chart, ChartBar, short_value};
use crate::app::doc::Role;
use crate::app::keymap::{Context, bind, ch, code};
use crate::app::layout::ScreenLayout;
use crate::app::{Action, App, Focus, Row, format};
use crate::safe_format;
use crate::sanitize::SafeText;
use crate::ui::text::{self, plain, span};
use crate::ui::theme;
use unicode_width::UnicodeWidthStr;

pub static SPEC: Spec = Spec {
    id: "figures",
    title: "Figures",
    short: "Figures",
    abbreviation: "Fig",
    go: opened_by(&[ch('F')], "F", View::Figures, "Figures"),
    section: "Figures (F)",
    keys: &[bind(
        Context::View(View::Figures),
        &[code(KeyCode::Enter)],
        "Enter",
        Action::Open,
        "open the figure's event in its tab",
        Some("open"),
    )],
    detail: false,
    shape: Shape::Chart,
    rows: Some(listing),
    open: open_event,
    act: common,
    scroll: None,
    draw,
};

/// Every figure of every event, events in date order, and the widest
/// cell of the columns sized to fit (value, footnotes; the other two
/// fill the rest and count 0): fitting columns to every row would cost a
/// pass over every figure per frame.
fn listing(app: &App) -> Listing {
    let figures = app.figured();
    let widest = |a: [usize; 4], b: [usize; 4]| std::array::from_fn(|i| a[i].max(b[i]));
    let columns = figures
        .par_iter()
        .map(|f| [f.widths[0], 0, 0, f.widths[1]])
        .reduce(|| [0; 4], widest);
    Listing {
        rows: figures
            .iter()
            .map(|f| Row::Figure {
                event: f.event,
                index: f.index,
            })
            .collect(),
        columns: columns.to_vec(),
        ..Listing::default()
    }
}

/// Columns between bars.
const GAP: u16 = 2;
/// The widest a bar gets.
const MAX_BAR: u16 = 24;

/// Every level of a target bar is the same light shade, so it reads as
/// "not measured" without colour.
const TARGET_SET: bar::Set = bar::Set {
    full: "░",
    seven_eighths: "░",
    three_quarters: "░",
    five_eighths: "░",
    half: "░",
    three_eighths: "░",
    one_quarter: "░",
    one_eighth: "░",
    empty: " ",
};

/// Draws the chart and the table where the layout put them.
fn draw(frame: &mut Frame, app: &App, l: &ScreenLayout) {
    draw_chart(frame, app, l.chart);
    draw_table(frame, app, l);
}

/// `Bilateral trade volume`: the measure with a capital.
fn capitalized(text: &SafeText<'_>) -> SafeText<'static> {
    match text.chars().next() {
        Some(first) => {
            let mut out = SafeText::new(&first.to_uppercase().to_string()).into_owned();
            out.push(&text.slice(first.len_utf8()..text.len()));
            out
        }
        None => SafeText::default(),
    }
}

fn draw_chart(frame: &mut Frame, app: &App, area: Rect) {
    let Some(chart) = app.chart() else {
        let block = text::block(SafeText::lit(" Chart "));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(
            text::message(SafeText::lit("No figure in this dossier is dated by year.")),
            inner,
        );
        return;
    };
    let inner = text::block(SafeText::default()).inner(area);
    let max = top_units(chart);
    let axis = axis_width(max, &chart.unit).min(inner.width / 3);
    let shown = fitting_bars(chart, inner.width.saturating_sub(axis + 1)).0.len();
    let mut title = safe_format!(
        " {measure} by year ({unit}) ",
        measure = capitalized(&chart.measure),
        unit = chart.unit
    );
    if shown < chart.bars.len() {
        title.push(&safe_format!(
            "· the last {shown} of {n} bars ",
            shown,
            n = chart.bars.len()
        ));
    }
    let block = text::block(title).border_style(theme::border(app.theme, false));
    frame.render_widget(block, area);
    if inner.height < 3 || inner.width < 4 {
        return;
    }
    // The legend takes the last row when there is a target to explain.
    let has_target = chart.bars.iter().any(|b| b.target);
    let bars_area = if has_target {
        let legend = Rect::new(inner.x, inner.bottom() - 1, inner.width, 1);
        let dim = theme::role(app.theme, Role::Dim, false);
        let line = Line::from(vec![
            span(SafeText::lit("█"), theme::bar(app.theme, false)),
            span(SafeText::lit(" measured   "), dim),
            span(SafeText::lit("░"), theme::bar(app.theme, true)),
            span(SafeText::lit(" target: a goal, not a measurement"), dim),
        ]);
        frame.render_widget(text::paragraph(vec![line]), legend);
        Rect::new(inner.x, inner.y, inner.width, inner.height - 1)
    } else {
        inner
    };
    draw_bars(frame, app, chart, bars_area);
}

/// Whole units of a value for the chart's scale.
fn units(value: f64) -> u64 {
    if value.is_finite() && value > 0.0 {
        value.round().min(u64::MAX as f64) as u64
    } else {
        0
    }
}

/// The tallest bar in [`units`], at least 1: the chart's and the
/// axis's scale.
fn top_units(chart: &Chart) -> u64 {
    chart
        .bars
        .iter()
        .map(|b| units(b.value))
        .max()
        .unwrap_or(1)
        .max(1)
}

/// The bars that fit in `width` columns at `min` columns each, with the
/// width each gets: every target, and the most recent measured bars.
fn fitting_bars(chart: &Chart, width: u16) -> (Vec<&ChartBar>, u16) {
    let min = chart
        .bars
        .iter()
        .map(|b| b.label.width().max(b.text.width()))
        .max()
        .unwrap_or(1)
        .clamp(1, usize::from(MAX_BAR)) as u16;
    let room = usize::from((width + GAP) / (min + GAP)).max(1);
    let (measured, targets): (Vec<&ChartBar>, Vec<&ChartBar>) = chart.bars.iter().partition(|b| !b.target);
    let keep = room.saturating_sub(targets.len()).max(1).min(measured.len());
    let mut shown: Vec<&ChartBar> = measured[measured.len() - keep..].to_vec();
    shown.extend(targets.into_iter().take(room.saturating_sub(shown.len())));
    let count = shown.len().max(1) as u16;
    let each = (width.saturating_sub(GAP * (count - 1)) / count).clamp(min.min(width), MAX_BAR);
    (shown, each)
}

/// The y-axis: the top and the middle of the scale, and zero, right
/// aligned in `area` against a tick.
fn draw_axis(frame: &mut Frame, app: &App, max: u64, unit: &str, area: Rect) {
    let rows = area.height.saturating_sub(1);
    if rows == 0 {
        return;
    }
    let dim = theme::role(app.theme, Role::Dim, false);
    let label_width = usize::from(area.width.saturating_sub(1));
    // Half the scale on the row nearest its height.
    let mid = rows / 2;
    let mid_value = max as f64 / 2.0;
    let lines: Vec<Line> = (0..rows)
        .map(|r| {
            let label = if r == 0 {
                short_value(max as f64, unit)
            } else if r == mid && mid > 0 && mid + 1 < rows {
                short_value(mid_value, unit)
            } else if r + 1 == rows {
                "0".to_string()
            } else {
                String::new()
            };
            let tick = if label.is_empty() { "│" } else { "┤" };
            let text = format!("{label:>label_width$}{tick}");
            Line::from(span(SafeText::new(&text).into_owned(), dim))
        })
        .collect();
    frame.render_widget(text::paragraph(lines), area);
}

/// The widest label [`draw_axis`] writes.
fn axis_width(max: u64, unit: &str) -> u16 {
    let widest = [short_value(max as f64, unit), short_value(max as f64 / 2.0, unit)]
        .iter()
        .map(|l| l.width())
        .max()
        .unwrap_or(1);
    u16::try_from(widest + 1).unwrap_or(u16::MAX)
}

/// A y-axis, then measured bars, then target bars in a second chart with
/// the same scale and bar width right after them, so both read as one
/// chart. Bars share the width, each at least as wide as its label; when
/// they cannot all be that wide, the most recent are shown.
fn draw_bars(frame: &mut Frame, app: &App, chart: &Chart, area: Rect) {
    if chart.bars.is_empty() || area.width < 2 {
        return;
    }
    let max = top_units(chart);
    let axis = axis_width(max, &chart.unit).min(area.width / 3);
    draw_axis(
        frame,
        app,
        max,
        &chart.unit,
        Rect::new(area.x, area.y, axis, area.height),
    );
    let bars_x = area.x + axis + 1;
    let (shown, width) = fitting_bars(chart, area.right().saturating_sub(bars_x));
    let (measured, targets): (Vec<&ChartBar>, Vec<&ChartBar>) = shown.iter().partition(|b| !b.target);
    let mut x = bars_x;
    for (group, target) in [(measured, false), (targets, true)] {
        if group.is_empty() {
            continue;
        }
        let span = (width + GAP) * group.len() as u16;
        let rect = Rect::new(x, area.y, span.min(area.right().saturating_sub(x)), area.height);
        x = x.saturating_add(span).min(area.right());
        let bars: Vec<Bar> = group
            .iter()
            .map(|b| {
                text::bar(SafeText::new(&b.label), SafeText::new(&b.text))
                    .value(units(b.value))
                    .style(theme::bar(app.theme, target))
                    .value_style(theme::bar_value(app.theme, target))
            })
            .collect();
        let mut widget = BarChart::default()
            .data(BarGroup::default().bars(&bars))
            .bar_width(width)
            .bar_gap(GAP)
            .max(max)
            .label_style(theme::role(app.theme, Role::Dim, false));
        if target {
            widget = widget.bar_set(TARGET_SET);
        }
        frame.render_widget(widget, rect);
    }
}

fn draw_table(frame: &mut Frame, app: &App, l: &ScreenLayout) {
    let rows = app.rows_of(app.view);
    let pane = app.pane().copied().unwrap_or_default();
    let focused = app.focused_pane() == Some(Focus::List);
    let block = text::block(safe_format!(" Every figure · {n} ", n = rows.len()))
        .border_style(theme::border(app.theme, focused));
    // Column widths fit every row, worked out once, not per frame.
    let widest = &app.listing(View::Figures).columns;
    let fit = |col: usize, cap: usize| widest.get(col).map_or(0, |w| (*w).min(cap)).max(5) as u16;
    // The value is never cut: a cut value ran into the measure after it.
    let widths = [
        Constraint::Min(fit(0, 40)),
        Constraint::Fill(3),
        Constraint::Fill(2),
        Constraint::Length(fit(3, 14)),
    ];
    let height = usize::from(l.list_inner().height);
    let cells: Vec<[SafeText; 4]> = rows
        .iter()
        .skip(pane.offset)
        .take(height)
        .map(|r| match r {
            Row::Figure { event, index } => format::figure_cells(app.event(*event), *index),
            _ => Default::default(),
        })
        .collect();
    let cell_widths: Vec<[usize; 4]> = cells
        .iter()
        .map(|c| c.each_ref().map(|t| t.as_str().width()))
        .collect();
    let body: Vec<_> = cells
        .into_iter()
        .map(|[value, what, event, notes]| {
            text::row(vec![
                plain(value),
                plain(what),
                span(event, theme::role(app.theme, Role::Dim, false)),
                span(notes, theme::role(app.theme, Role::Key, false)),
            ])
        })
        .collect();
    let header = text::row(
        ["Value", "Measures", "Event", "Notes"]
            .map(|h| plain(SafeText::lit(h)))
            .to_vec(),
    )
    .style(theme::role(app.theme, Role::Heading, false));
    // The body's columns as the table lays them out (no selection
    // symbol, spacing 1, from the left), to end cut cells in `…`.
    let inner = block.inner(l.list);
    let columns = Layout::horizontal(widths).spacing(1).split(inner);
    let table = Table::new(body, widths)
        .header(header)
        .block(block)
        .column_spacing(1)
        .row_highlight_style(theme::selected_row(app.theme, focused));
    let mut state = TableState::default().with_selected(pane.selected.checked_sub(pane.offset));
    frame.render_stateful_widget(table, l.list, &mut state);
    for (y, row) in (inner.y + 1..inner.bottom()).zip(cell_widths) {
        for (column, width) in columns.iter().zip(row) {
            text::mark_cut(frame.buffer_mut(), *column, y, width);
        }
    }
}
