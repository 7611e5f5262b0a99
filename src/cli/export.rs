//! `dossier export`: the dataset as JSON, as a readable Markdown document
//! (tabs, a timeline and the sources), or as CSV with one row per event.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::process::ExitCode;

use super::ExportFormat;
use super::show::as_written;
use crate::date::PartialDate;
use crate::format;
use crate::lookup::{DatasetIndex, Lookup};
use crate::model::{Dataset, Event, FootnoteBody, Resolution};
use crate::sanitize::clean;

/// Writes the dataset (only tab `tab`'s events, if given) in `format`.
pub fn write(
    dataset: &Dataset,
    format: ExportFormat,
    tab: Option<&str>,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let restricted;
    let dataset = match tab {
        Some(tab) => {
            restricted = restrict(dataset, tab);
            &restricted
        }
        None => dataset,
    };
    let index = DatasetIndex::new();
    let lookup = Lookup::new(dataset, &index);
    match format {
        ExportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, dataset)?;
            writeln!(out)?;
        }
        ExportFormat::Markdown => markdown(lookup, tab.is_some(), out)?,
        ExportFormat::Csv => csv(lookup, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The dataset with only one tab and its events; entities and footnotes
/// stay whole so every reference still resolves.
fn restrict(dataset: &Dataset, tab: &str) -> Dataset {
    Dataset {
        tabs: dataset.tabs.iter().filter(|t| t.id == tab).cloned().collect(),
        events: dataset.events.iter().filter(|e| e.tab == tab).cloned().collect(),
        ..dataset.clone()
    }
}

/// Markdown-escapes the few characters that would change the structure.
fn md(text: &str) -> String {
    clean(text)
        .chars()
        .flat_map(|c| match c {
            '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect()
}

/// `9 September 2017 – 10 September 2017`, or the date as written.
fn when(event: &Event) -> String {
    match &event.end {
        Some(end) => format!("{} – {}", format::date(&event.date), format::date(end)),
        None => format::date(&event.date),
    }
}

fn markers(numbers: &[u32]) -> String {
    numbers.iter().map(|n| format!(" \\[{n}\\]")).collect()
}

fn markdown(dataset: Lookup<'_>, only_cited: bool, out: &mut impl Write) -> anyhow::Result<()> {
    let doc = &dataset.document;
    writeln!(out, "# {}\n", md(&doc.title))?;
    writeln!(out, "- Author: {} ({})", md(&doc.author), md(&doc.author_role))?;
    writeln!(
        out,
        "- Publisher: {}, analysis no. {}",
        md(&doc.publisher),
        md(&doc.series)
    )?;
    writeln!(out, "- Published: {}", format::date(&doc.published))?;
    if let Some(corrected) = &doc.corrected {
        writeln!(out, "- Corrected: {}", format::date(corrected))?;
    }
    if let Some(url) = &doc.url {
        writeln!(out, "- Source: <{}>", md(url))?;
    }
    writeln!(
        out,
        "\n{}\n\n## Overview\n\n{}\n",
        md(&doc.source_note),
        md(&doc.overview)
    )?;
    for tab in &dataset.tabs {
        writeln!(out, "## {}\n\n{}\n", md(&tab.title), md(&tab.summary))?;
        for event in super::chronological(dataset.dataset(), Some(&tab.id)) {
            let planned = if event.planned { " (planned)" } else { "" };
            writeln!(out, "### {} — {}{planned}\n", when(event), md(&event.title))?;
            writeln!(out, "{}{}\n", md(&event.summary), markers(&event.footnotes))?;
            for quote in &event.quotes {
                let speaker = dataset
                    .entity(&quote.speaker)
                    .map_or(quote.speaker.as_str(), |e| &e.name);
                writeln!(
                    out,
                    "> “{}” — {} \\[{}\\]\n",
                    md(&quote.text),
                    md(speaker),
                    quote.footnote
                )?;
            }
            for figure in &event.figures {
                writeln!(out, "- {}: {}", md(&figure.measure), md(&format::figure(figure)))?;
            }
            if !event.figures.is_empty() {
                writeln!(out)?;
            }
        }
    }
    writeln!(out, "## Conclusion\n\n{}\n", md(&doc.conclusion))?;
    timeline(dataset.dataset(), out)?;
    sources(dataset, only_cited, out)
}

/// Every event on one time axis, grouped by year, with its tab.
fn timeline(dataset: &Dataset, out: &mut impl Write) -> anyhow::Result<()> {
    writeln!(out, "## Timeline\n")?;
    let mut years: BTreeMap<Option<i32>, Vec<&Event>> = BTreeMap::new();
    for event in super::chronological(dataset, None) {
        let year = PartialDate::parse(&event.date).ok().map(|d| d.year);
        years.entry(year).or_default().push(event);
    }
    for (year, events) in years {
        let heading = year.map_or_else(|| "Undated".to_string(), |y| y.to_string());
        writeln!(out, "### {heading}\n")?;
        for event in events {
            let tab = dataset.tab(&event.tab).map_or(event.tab.as_str(), |t| &t.title);
            let planned = if event.planned { " — planned" } else { "" };
            writeln!(
                out,
                "- {} · {} · {}{planned}",
                when(event),
                md(tab),
                md(&event.title)
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// By footnote number, the events (in dataset order) citing it in their
/// summary or a quote, directly or through a note that stands for it.
fn citing<'a>(dataset: Lookup<'a>) -> HashMap<u32, Vec<&'a Event>> {
    let mut citing: HashMap<u32, Vec<&Event>> = HashMap::new();
    let mut numbers = Vec::new();
    for event in &dataset.dataset().events {
        numbers.clear();
        for &n in event
            .footnotes
            .iter()
            .chain(event.quotes.iter().map(|q| &q.footnote))
        {
            numbers.push(n);
            if let Some(Resolution::SameAs { number, .. }) = dataset.resolve(n) {
                numbers.push(number);
            }
        }
        numbers.sort_unstable();
        numbers.dedup();
        for &n in &numbers {
            citing.entry(n).or_default().push(event);
        }
    }
    citing
}

/// The footnotes in order (with `only_cited`, those the events cite);
/// back-references folded into the citation they stand for, with the events
/// citing each.
fn sources(dataset: Lookup<'_>, only_cited: bool, out: &mut impl Write) -> anyhow::Result<()> {
    writeln!(out, "## Sources\n")?;
    let citing = citing(dataset);
    let mut aliases: HashMap<u32, Vec<u32>> = HashMap::new();
    for f in &dataset.footnotes {
        if let FootnoteBody::Backref { refers_to, .. } = f.body {
            aliases.entry(refers_to).or_default().push(f.number);
        }
    }
    for footnote in &dataset.footnotes {
        let n = footnote.number;
        let citing = citing.get(&n).map_or(&[][..], Vec::as_slice);
        if let FootnoteBody::Backref { .. } = footnote.body {
            // Listed under the citation it stands for.
            continue;
        }
        if only_cited && citing.is_empty() {
            continue;
        }
        // Not an ordered list: Markdown would renumber 10 after 7 as 8.
        write!(out, "- \\[{n}\\] {}", md(&as_written(footnote)))?;
        if let FootnoteBody::Unresolved { .. } = footnote.body {
            write!(out, " *(unresolved: no full citation in the source)*")?;
        }
        if let Some(aliases) = aliases.get(&n) {
            let aliases: Vec<String> = aliases.iter().map(|a| format!("\\[{a}\\]")).collect();
            write!(out, " — cited as {}", aliases.join(", "))?;
        }
        writeln!(out)?;
        let titles: Vec<String> = citing.iter().map(|e| md(&e.title)).collect();
        if !titles.is_empty() {
            writeln!(out, "  - cited by: {}", titles.join("; "))?;
        }
    }
    Ok(())
}

/// A cell a spreadsheet would not run as a formula: text that starts with
/// `=`, `+`, `-`, `@` (or a tab/CR) gets a leading `'`.
fn cell(text: &str) -> String {
    let safe = clean(text);
    match safe.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{safe}"),
        _ => safe.into_owned(),
    }
}

/// One row per event: id, date, end, tab, title, actors, footnotes.
fn csv(dataset: Lookup<'_>, out: &mut impl Write) -> anyhow::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(["id", "date", "end", "tab", "title", "actors", "footnotes"])?;
    for event in super::chronological(dataset.dataset(), None) {
        let actors: Vec<&str> = event
            .actors
            .iter()
            .map(|id| dataset.entity(id).map_or(id.as_str(), |e| e.name.as_str()))
            .collect();
        let footnotes: Vec<String> = event.footnotes.iter().map(u32::to_string).collect();
        writer.write_record([
            cell(&event.id),
            cell(&event.date),
            cell(event.end.as_deref().unwrap_or("")),
            cell(&event.tab),
            cell(&event.title),
            cell(&actors.join("; ")),
            footnotes.join("; "),
        ])?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn export(format: ExportFormat, tab: Option<&str>) -> String {
        let mut out = Vec::new();
        write(&crate::data::embedded(), format, tab, &mut out).expect("writes to memory");
        String::from_utf8(out).expect("UTF-8")
    }

    /// The embedded dossier's exports, pinned: they must not change with
    /// how notes, entities and citing events are found.
    #[test]
    fn embedded_exports_are_pinned() {
        insta::assert_snapshot!("markdown", export(ExportFormat::Markdown, None));
        insta::assert_snapshot!(
            "markdown_economic",
            export(ExportFormat::Markdown, Some("economic"))
        );
        insta::assert_snapshot!("csv", export(ExportFormat::Csv, None));
    }
}
