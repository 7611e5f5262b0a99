//! What the Figures view charts, chosen from the data: the measure with
//! the most figures dated by year (the bilateral trade volume in the
//! embedded dossier), one bar per dated figure, and its targets as bars
//! of their own, drawn differently.

use std::collections::HashMap;

use crate::model::Qualifier;
use crate::records::Figured;
use crate::sanitize::SafeText;

/// One bar of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartBar {
    /// Under the bar: the year, or `target`.
    pub label: String,
    /// The figure's value.
    pub value: f64,
    /// On the bar: the value, short (`$4.5bn`).
    pub text: String,
    /// A goal, not a measurement.
    pub target: bool,
    /// Where the figure comes from: event index and figure index.
    pub event: usize,
    pub figure: usize,
}

/// A bar chart of one measure.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// What is measured, as the dataset words it.
    pub measure: SafeText<'static>,
    /// The unit of every bar.
    pub unit: SafeText<'static>,
    /// Measured bars by year, then targets.
    pub bars: Vec<ChartBar>,
}

/// A value short enough to sit on a bar: `$4.5bn`, `$590m`, `13,000`.
pub fn short_value(value: f64, unit: &str) -> String {
    let scaled = |div: f64, suffix: &str| {
        let text = format!("{:.1}", value / div);
        format!("{}{suffix}", text.trim_end_matches('0').trim_end_matches('.'))
    };
    let amount = if value.abs() >= 1e9 {
        scaled(1e9, "bn")
    } else if value.abs() >= 1e6 {
        scaled(1e6, "m")
    } else {
        crate::format::number(value)
    };
    if unit == "USD" {
        format!("${amount}")
    } else {
        amount
    }
}

/// The chart of the measure (with its unit) that has the most figures
/// dated by year; ties go to the measure seen first. `None` when no figure
/// has a year.
pub fn chart(all: &[Figured]) -> Option<Chart> {
    // In the dataset's order, which breaks the ties.
    let mut all: Vec<&Figured> = all.iter().collect();
    all.sort_unstable_by_key(|f| (f.event, f.index));
    let figures = || all.iter().map(|f| (f.event, f.index, &f.figure));
    let dated = |f: &crate::model::Figure| f.year.is_some() && f.qualifier != Qualifier::Target;
    // Measures in the order first seen, with their count of dated figures;
    // the map finds a measure's count (a scan made 50,000 measures take
    // seconds).
    let mut counts: Vec<((&str, &str), usize)> = Vec::new();
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    for (_, _, f) in figures() {
        let key = (f.measure.as_str(), f.unit.as_str());
        let at = *seen.entry(key).or_insert_with(|| {
            counts.push((key, 0));
            counts.len() - 1
        });
        counts[at].1 += usize::from(dated(f));
    }
    let mut best: Option<((&str, &str), usize)> = None;
    for &(key, n) in &counts {
        // Strictly more, so a tie keeps the measure seen first.
        if n > best.map_or(0, |b| b.1) {
            best = Some((key, n));
        }
    }
    let ((measure, unit), _) = best?;
    let ours = || figures().filter(|(_, _, f)| f.measure == measure && f.unit == unit);
    let bar = |e: usize, i: usize, f: &crate::model::Figure, label: String| ChartBar {
        label,
        value: f.value,
        text: short_value(f.value, unit),
        target: f.qualifier == Qualifier::Target,
        event: e,
        figure: i,
    };
    let mut bars: Vec<ChartBar> = ours()
        .filter(|(_, _, f)| dated(f))
        .map(|(e, i, f)| bar(e, i, f, f.year.map(|y| y.to_string()).unwrap_or_default()))
        .collect();
    // Stable: two figures of one year keep the dataset's order.
    bars.sort_by_key(|b| b.label.parse::<i32>().unwrap_or(i32::MAX));
    bars.extend(
        ours()
            .filter(|(_, _, f)| f.qualifier == Qualifier::Target)
            .map(|(e, i, f)| bar(e, i, f, "target".to_string())),
    );
    Some(Chart {
        measure: SafeText::new(measure).into_owned(),
        unit: SafeText::new(unit).into_owned(),
        bars,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dataset;

    /// The chart of `ds`, from its figures as the app gathers them.
    fn chart_of(ds: &Dataset) -> Option<Chart> {
        chart(
            crate::records::Columns::of_events(&ds.events, &ds.tabs)
                .figures
                .get(),
        )
    }

    #[test]
    fn short_values() {
        assert_eq!(short_value(4.5e9, "USD"), "$4.5bn");
        assert_eq!(short_value(1e10, "USD"), "$10bn");
        assert_eq!(short_value(590e6, "USD"), "$590m");
        assert_eq!(short_value(13_000.0, "students"), "13,000");
    }

    #[test]
    fn the_measure_with_most_dated_figures_wins_and_a_tie_goes_to_the_first_seen() {
        let figure = |measure: &str, unit: &str, year: Option<i32>| crate::model::Figure {
            value: 1.0,
            unit: unit.into(),
            measure: measure.into(),
            year,
            qualifier: Qualifier::Exact,
        };
        let mut ds = crate::data::embedded();
        for event in &mut ds.events {
            event.figures.clear();
        }
        ds.events[0].figures = vec![figure("b", "USD", Some(2001)), figure("a", "USD", None)];
        ds.events[1].figures = vec![figure("a", "USD", Some(2000)), figure("c", "USD", Some(2003))];
        let chosen = |ds: &Dataset| chart_of(ds).map(|c| c.measure);
        assert_eq!(chosen(&ds).as_deref(), Some("b"), "b, a and c tie; b comes first");
        // The same measure in another unit is another measure.
        ds.events[2].figures = vec![figure("a", "people", Some(2004)), figure("c", "USD", Some(2005))];
        assert_eq!(chosen(&ds).as_deref(), Some("c"));
        ds.events[3].figures = vec![figure("a", "USD", Some(2006)), figure("a", "USD", Some(2007))];
        let chart = chart_of(&ds).unwrap();
        assert_eq!((chart.measure.as_str(), chart.bars.len()), ("a", 3));
    }

    #[test]
    fn the_embedded_chart_is_the_trade_volume_by_year_and_its_target() {
        let ds = crate::data::embedded();
        let chart = chart_of(&ds).unwrap();
        assert_eq!(chart.measure, "bilateral trade volume");
        let bars: Vec<(&str, f64, bool)> = chart
            .bars
            .iter()
            .map(|b| (b.label.as_str(), b.value, b.target))
            .collect();
        assert_eq!(
            bars,
            [
                ("2005", 1e9, false),
                ("2012", 4.5e9, false),
                ("2016", 2e9, false),
                ("target", 1e10, true)
            ]
        );
    }
}
