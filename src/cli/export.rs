//! `dossier export`: the dataset as JSON, as a readable Markdown document
//! (tabs, a timeline and the sources), or as CSV with one row per event.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use anyhow::Context;
use std::process::ExitCode;

use super::ExportFormat;
use super::out::Out;
use super::show::as_written;
use crate::format;
use crate::model::{Dataset, Event, FORMAT, FootnoteBody, Resolution, VERSION};
use crate::safe_format;
use crate::sanitize::SafeText;

/// Writes the dataset (only tab `tab`'s events, if given) in `format`.
pub fn write(
    dataset: &Dataset,
    format: ExportFormat,
    tab: Option<&str>,
    out: &mut Out<impl Write>,
) -> anyhow::Result<ExitCode> {
    let restricted;
    let dataset = match tab {
        Some(tab) => {
            restricted = restrict(dataset, tab);
            &restricted
        }
        None => dataset,
    };
    match format {
        ExportFormat::Json => out.json(&current(dataset))?,
        ExportFormat::Markdown => markdown(dataset, tab.is_some(), out)?,
        ExportFormat::Csv => csv(dataset, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The dataset as a current (version 2) file, whatever version it was
/// read from.
fn current(dataset: &Dataset) -> Dataset {
    Dataset {
        format: Some(FORMAT.to_string()),
        version: Some(VERSION),
        ..dataset.clone()
    }
}

/// `dossier migrate FILE [-o OUT]`: the dataset, checked, in the current
/// schema; written atomically so a failed migration leaves OUT as it was.
pub fn migrate(file: &Path, output: Option<&Path>) -> anyhow::Result<ExitCode> {
    let dataset = current(&crate::data::load_path(file)?);
    match output {
        Some(path) => {
            let mut json = serde_json::to_vec_pretty(&dataset)?;
            json.push(b'\n');
            crate::atomic::write(path, (".dossier-migrate-", ".tmp"), &[&json])
                .with_context(|| format!("cannot write {}", SafeText::path(path)))?;
        }
        None => super::out::stdout().json(&dataset)?,
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

/// Markdown-escapes the few characters that would change the structure,
/// after the sanitizer, so its escapes are shown with their backslash.
fn md(text: &str) -> SafeText<'static> {
    let escaped: String = SafeText::new(text)
        .chars()
        .flat_map(|c| match c {
            '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    SafeText::new(&escaped).into_owned()
}

/// `9 September 2017 – 10 September 2017`, or the date as written.
fn when(event: &Event) -> SafeText<'static> {
    match event.span() {
        Some(span) => SafeText::new(&span.long()).into_owned(),
        None => SafeText::lit(crate::date::UNDATED),
    }
}

fn markers(numbers: &[u32]) -> SafeText<'static> {
    SafeText::join(
        numbers.iter().map(|n| safe_format!(" \\[{n}\\]", n)),
        &SafeText::lit(""),
    )
}

fn markdown(dataset: &Dataset, only_cited: bool, out: &mut Out<impl Write>) -> anyhow::Result<()> {
    let doc = &dataset.document;
    out.line(&safe_format!("# {title}\n", title = md(&doc.title)))?;
    for (label, value) in format::document_facts(doc) {
        let label = SafeText::new(label);
        if label == "Original" {
            out.line(&safe_format!("- {label}: <{value}>", label, value = md(&value)))?;
        } else {
            out.line(&safe_format!("- {label}: {value}", label, value = md(&value)))?;
        }
    }
    if let Some(note) = &doc.source_note {
        out.line(&safe_format!("\n{note}", note = md(note)))?;
    }
    if let Some(overview) = &doc.overview {
        out.line(&safe_format!(
            "\n## Overview\n\n{overview}",
            overview = md(overview)
        ))?;
    }
    out.line(&SafeText::lit(""))?;
    for tab in &dataset.tabs {
        out.line(&safe_format!("## {title}\n", title = md(&tab.title)))?;
        if let Some(summary) = &tab.summary {
            out.line(&safe_format!("{summary}\n", summary = md(summary)))?;
        }
        for event in super::chronological(dataset, Some(&tab.id)) {
            let planned = SafeText::lit(if event.planned { " (planned)" } else { "" });
            out.line(&safe_format!(
                "### {when} — {title}{planned}\n",
                when = when(event),
                title = md(&event.title),
                planned
            ))?;
            out.line(&safe_format!(
                "{summary}{markers}\n",
                summary = md(&event.summary),
                markers = markers(&event.footnotes)
            ))?;
            for quote in &event.quotes {
                let speaker = dataset
                    .entity(&quote.speaker)
                    .map_or(quote.speaker.as_str(), |e| &e.name);
                out.line(&safe_format!(
                    "> “{text}” — {speaker} \\[{note}\\]\n",
                    text = md(&quote.text),
                    speaker = md(speaker),
                    note = quote.footnote
                ))?;
            }
            for figure in &event.figures {
                out.line(&safe_format!(
                    "- {measure}: {value}",
                    measure = md(&figure.measure),
                    value = md(&format::figure(figure))
                ))?;
            }
            if !event.figures.is_empty() {
                out.line(&SafeText::lit(""))?;
            }
        }
    }
    if let Some(conclusion) = &doc.conclusion {
        out.line(&safe_format!("## Conclusion\n\n{text}\n", text = md(conclusion)))?;
    }
    timeline(dataset, out)?;
    sources(dataset, only_cited, out)
}

/// Every event on one time axis, grouped by year, with its tab.
fn timeline(dataset: &Dataset, out: &mut Out<impl Write>) -> anyhow::Result<()> {
    out.line(&SafeText::lit("## Timeline\n"))?;
    let mut years: BTreeMap<Option<i32>, Vec<&Event>> = BTreeMap::new();
    for event in super::chronological(dataset, None) {
        let year = event.span().map(|s| s.start.year);
        years.entry(year).or_default().push(event);
    }
    for (year, events) in years {
        let heading = year.map_or(SafeText::lit("Undated"), |year| safe_format!("{year}", year));
        out.line(&safe_format!("### {heading}\n", heading))?;
        for event in events {
            let tab = dataset.tab(&event.tab).map_or(event.tab.as_str(), |t| &t.title);
            let planned = SafeText::lit(if event.planned { " — planned" } else { "" });
            out.line(&safe_format!(
                "- {when} · {tab} · {title}{planned}",
                when = when(event),
                tab = md(tab),
                title = md(&event.title),
                planned
            ))?;
        }
        out.line(&SafeText::lit(""))?;
    }
    Ok(())
}

/// Whether `event` cites footnote `number` directly or through a note
/// that stands for it.
fn cites(dataset: &Dataset, event: &Event, number: u32) -> bool {
    let cited = event
        .footnotes
        .iter()
        .chain(event.quotes.iter().map(|q| &q.footnote));
    cited.into_iter().any(|&n| {
        n == number || matches!(dataset.resolve(n), Some(Resolution::SameAs { number: m, .. }) if m == number)
    })
}

/// The footnotes in order (with `only_cited`, those the events cite);
/// back-references folded into the citation they stand for, with the events
/// citing each.
fn sources(dataset: &Dataset, only_cited: bool, out: &mut Out<impl Write>) -> anyhow::Result<()> {
    out.line(&SafeText::lit("## Sources\n"))?;
    for footnote in &dataset.footnotes {
        let n = footnote.number;
        let citing: Vec<&Event> = dataset.events.iter().filter(|e| cites(dataset, e, n)).collect();
        if let FootnoteBody::Backref { .. } = footnote.body {
            // Listed under the citation it stands for.
            continue;
        }
        if only_cited && citing.is_empty() {
            continue;
        }
        // Not an ordered list: Markdown would renumber 10 after 7 as 8.
        out.text(&safe_format!(
            "- \\[{n}\\] {written}",
            n,
            written = md(&as_written(footnote))
        ))?;
        if let FootnoteBody::Unresolved { .. } = footnote.body {
            out.text(&SafeText::lit(" *(unresolved: no full citation in the source)*"))?;
        }
        let aliases: Vec<SafeText> = dataset
            .footnotes
            .iter()
            .filter(|f| matches!(f.body, FootnoteBody::Backref { refers_to, .. } if refers_to == n))
            .map(|f| safe_format!("\\[{n}\\]", n = f.number))
            .collect();
        if !aliases.is_empty() {
            let aliases = SafeText::join(aliases, &SafeText::lit(", "));
            out.text(&safe_format!(" — cited as {aliases}", aliases))?;
        }
        out.line(&SafeText::lit(""))?;
        if !citing.is_empty() {
            let titles = SafeText::join(citing.iter().map(|e| md(&e.title)), &SafeText::lit("; "));
            out.line(&safe_format!("  - cited by: {titles}", titles))?;
        }
    }
    Ok(())
}

/// A cell a spreadsheet would not run as a formula: text that starts with
/// `=`, `+`, `-`, `@` (or a tab/CR) gets a leading `'`.
fn cell(text: &str) -> SafeText<'_> {
    let safe = SafeText::new(text);
    match safe.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => safe_format!("'{safe}", safe),
        _ => safe,
    }
}

/// One row per event: id, date, end, tab, title, actors, footnotes.
fn csv(dataset: &Dataset, out: &mut Out<impl Write>) -> anyhow::Result<()> {
    let header = ["id", "date", "end", "tab", "title", "actors", "footnotes"].map(SafeText::lit);
    let rows = super::chronological(dataset, None).into_iter().map(|event| {
        let actors: Vec<&str> = event
            .actors
            .iter()
            .map(|id| dataset.entity(id).map_or(id.as_str(), |e| e.name.as_str()))
            .collect();
        let footnotes = event.footnotes.iter().map(|n| safe_format!("{n}", n));
        vec![
            cell(&event.id),
            cell(event.date.as_deref().unwrap_or("")),
            cell(event.end.as_deref().unwrap_or("")),
            cell(&event.tab),
            cell(&event.title),
            cell(&actors.join("; ")).into_owned(),
            SafeText::join(footnotes, &SafeText::lit("; ")),
        ]
    });
    out.csv(std::iter::once(header.to_vec()).chain(rows))
}
