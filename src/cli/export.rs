//! `dossier export`: the whole dataset as JSON or as a Markdown document.

use std::io::Write;
use std::process::ExitCode;

use super::ExportFormat;
use super::show::as_written;
use crate::format;
use crate::model::{Dataset, Resolution};

/// Writes the dataset in `format`.
pub fn write(dataset: &Dataset, format: ExportFormat, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    match format {
        ExportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, dataset)?;
            writeln!(out)?;
        }
        ExportFormat::Markdown => markdown(dataset, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Markdown-escapes the few characters that would change the structure.
fn md(text: &str) -> String {
    crate::sanitize::clean(text)
        .chars()
        .flat_map(|c| match c {
            '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect()
}

fn markdown(dataset: &Dataset, out: &mut impl Write) -> anyhow::Result<()> {
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
        for event in super::chronological(dataset, Some(&tab.id)) {
            let when = match &event.end {
                Some(end) => format!("{} – {}", format::date(&event.date), format::date(end)),
                None => format::date(&event.date),
            };
            let planned = if event.planned { " (planned)" } else { "" };
            writeln!(out, "### {when} — {}{planned}\n", md(&event.title))?;
            let markers: String = event.footnotes.iter().map(|n| format!(" \\[{n}\\]")).collect();
            writeln!(out, "{}{markers}\n", md(&event.summary))?;
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
    writeln!(out, "## Conclusion\n\n{}\n\n## Sources\n", md(&doc.conclusion))?;
    for footnote in &dataset.footnotes {
        let n = footnote.number;
        write!(out, "{n}. {}", md(&as_written(footnote)))?;
        match dataset.resolve(n) {
            Some(Resolution::Citation(_)) | None => writeln!(out)?,
            Some(r) => writeln!(out, " — {}", md(&format::resolution(&r)))?,
        }
    }
    Ok(())
}
