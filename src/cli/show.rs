//! `dossier show` and `dossier footnote`: one item in full.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{anyhow, bail};
use serde::Serialize;

use crate::date::{PartialDate, Span};
use crate::format;
use crate::lookup::Lookup;
use crate::model::{Event, Footnote, FootnoteBody, Resolution};
use crate::sanitize::{clean, clean_with, echo};

/// A footnote with what it resolves to, for `--json`.
#[derive(Serialize)]
struct ResolvedFootnote<'a> {
    #[serde(flatten)]
    footnote: &'a Footnote,
    /// The full citation a back-reference points to, or the note itself.
    resolution: ResolutionJson<'a>,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum ResolutionJson<'a> {
    Citation {
        number: u32,
        #[serde(flatten)]
        citation: &'a crate::model::Citation,
    },
    Note {
        text: &'a str,
        url: Option<&'a str>,
    },
    Unresolved,
}

fn resolution_json(number: u32, r: Resolution<'_>) -> ResolutionJson<'_> {
    match r {
        Resolution::Citation(citation) => ResolutionJson::Citation { number, citation },
        Resolution::SameAs { number, citation } => ResolutionJson::Citation { number, citation },
        Resolution::Note { text, url } => ResolutionJson::Note { text, url },
        Resolution::Unresolved { .. } => ResolutionJson::Unresolved,
    }
}

fn resolved(dataset: Lookup<'_>, number: u32) -> Option<ResolvedFootnote<'_>> {
    Some(ResolvedFootnote {
        footnote: dataset.footnote(number)?,
        resolution: resolution_json(number, dataset.resolve(number)?),
    })
}

/// The footnote as written: the citation, the short back-reference title,
/// the note, or the unresolved short title.
pub fn as_written(footnote: &Footnote) -> String {
    match &footnote.body {
        FootnoteBody::Citation(c) => format::citation(c),
        FootnoteBody::Backref { text, .. }
        | FootnoteBody::Note { text, .. }
        | FootnoteBody::Unresolved { text } => text.clone(),
    }
}

/// `[n] as written` and, where it differs, `    → resolution`.
fn footnote_lines(dataset: Lookup<'_>, number: u32, out: &mut impl Write) -> anyhow::Result<()> {
    let (Some(footnote), Some(resolution)) = (dataset.footnote(number), dataset.resolve(number)) else {
        writeln!(out, "[{number}] (missing footnote)")?;
        return Ok(());
    };
    writeln!(out, "[{number}] {}", clean(&as_written(footnote)))?;
    if !matches!(resolution, Resolution::Citation(_)) {
        writeln!(out, "     → {}", clean(&format::resolution(&resolution)))?;
    }
    Ok(())
}

fn entity_names(dataset: Lookup<'_>, ids: &[String]) -> String {
    ids.iter()
        .map(|id| dataset.entity(id).map_or(id.as_str(), |e| e.name.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn span(event: &Event) -> String {
    let start = PartialDate::parse(&event.date).ok();
    let end = event
        .end
        .as_deref()
        .map(PartialDate::parse)
        .transpose()
        .ok()
        .flatten();
    match start {
        Some(start) => {
            let precision = format!("{:?}", start.precision()).to_lowercase();
            format!("{} ({precision})", Span { start, end }.long())
        }
        None => event.date.to_string(),
    }
}

/// `dossier show ID`.
pub fn event(dataset: Lookup<'_>, id: &str, json: bool, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let event = dataset
        .event(id)
        .ok_or_else(|| anyhow!("no event with id \"{}\" (see `dossier list`)", echo(id)))?;
    if json {
        #[derive(Serialize)]
        struct Full<'a> {
            #[serde(flatten)]
            event: &'a Event,
            sources: Vec<ResolvedFootnote<'a>>,
        }
        let sources = event
            .footnotes
            .iter()
            .filter_map(|n| resolved(dataset, *n))
            .collect();
        serde_json::to_writer_pretty(&mut *out, &Full { event, sources })?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let tab = dataset
        .tab(&event.tab)
        .map_or(event.tab.as_str(), |t| t.title.as_str());
    writeln!(out, "{}", clean(&event.title))?;
    writeln!(
        out,
        "{} · {}{}",
        clean(&span(event)),
        clean(tab),
        if event.planned { " · planned" } else { "" }
    )?;
    writeln!(out)?;
    let markers: String = event.footnotes.iter().map(|n| format!(" [{n}]")).collect();
    writeln!(out, "{}{markers}", clean_with(&event.summary, true))?;
    for quote in &event.quotes {
        let speaker = dataset
            .entity(&quote.speaker)
            .map_or(quote.speaker.as_str(), |e| e.name.as_str());
        writeln!(
            out,
            "\n  “{}” — {} [{}]",
            clean(&quote.text),
            clean(speaker),
            quote.footnote
        )?;
    }
    if !event.figures.is_empty() {
        writeln!(out, "\nFigures:")?;
        for f in &event.figures {
            let year = f.year.map(|y| format!(" ({y})")).unwrap_or_default();
            writeln!(
                out,
                "  {} — {}{year}",
                clean(&format::figure(f)),
                clean(&f.measure)
            )?;
        }
    }
    for (label, ids) in [("Actors", &event.actors), ("Places", &event.places)] {
        if !ids.is_empty() {
            writeln!(out, "\n{label}: {}", clean(&entity_names(dataset, ids)))?;
        }
    }
    if !event.footnotes.is_empty() {
        writeln!(out, "\nSources:")?;
        for n in &event.footnotes {
            footnote_lines(dataset, *n, out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `dossier footnote N`.
pub fn footnote(
    dataset: Lookup<'_>,
    number: u32,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let Some(found) = resolved(dataset, number) else {
        let last = dataset.footnotes.iter().map(|f| f.number).max().unwrap_or(0);
        bail!("no footnote [{number}]: this dataset has footnotes 1 to {last}");
    };
    if json {
        serde_json::to_writer_pretty(&mut *out, &found)?;
        writeln!(out)?;
    } else {
        footnote_lines(dataset, number, out)?;
    }
    Ok(ExitCode::SUCCESS)
}
