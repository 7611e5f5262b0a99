//! `dossier show` and `dossier footnote`: one item in full.

use std::io::Write;
use std::process::ExitCode;

use anyhow::bail;
use serde::Serialize;

use super::out::Out;
use crate::format;
use crate::lookup::Lookup;
use crate::model::{Event, Footnote, FootnoteBody, Resolution};
use crate::safe_format;
use crate::sanitize::{SafeText, echo};

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

/// `[n] as written` and, where it adds something, `    → resolution`.
fn footnote_lines(dataset: Lookup<'_>, number: u32, out: &mut Out<impl Write>) -> anyhow::Result<()> {
    let (Some(footnote), Some(resolution)) = (dataset.footnote(number), dataset.resolve(number)) else {
        out.line(&safe_format!("[{number}] (missing footnote)", number))?;
        return Ok(());
    };
    let written = SafeText::new(&as_written(footnote)).into_owned();
    out.line(&safe_format!("[{number}] {written}", number, written))?;
    // Only what the first line does not say: a note's or an unresolved
    // footnote's text is already there, and printing it again as its
    // resolution read as two notes.
    let more = match &resolution {
        Resolution::Citation(_) | Resolution::Note { url: None, .. } => None,
        Resolution::SameAs { .. } => Some(format::resolution(&resolution)),
        Resolution::Note { url: Some(url), .. } => Some(crate::web::with_host(url)),
        Resolution::Unresolved { .. } => {
            Some("unresolved: no full citation exists in the source".to_string())
        }
    };
    if let Some(more) = more {
        let more = SafeText::new(&more).into_owned();
        out.line(&safe_format!("     → {more}", more))?;
    }
    Ok(())
}

fn entity_names(dataset: Lookup<'_>, ids: &[String]) -> String {
    ids.iter()
        .map(|id| dataset.entity(id).map_or(id.as_str(), |e| e.name.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `dossier show ID`.
pub fn event(
    dataset: Lookup<'_>,
    id: &str,
    json: bool,
    out: &mut Out<impl Write>,
) -> anyhow::Result<ExitCode> {
    let Some(event) = dataset.event(id) else {
        let near = super::nearest::nearest_ids(id, dataset.events.iter().map(|e| e.id.as_str()));
        let hint = if near.is_empty() {
            String::new()
        } else {
            let named: Vec<String> = near.iter().map(|n| echo(n).to_string()).collect();
            format!("; did you mean {}?", named.join(", "))
        };
        bail!("no event with id \"{}\" (see `dossier list`){hint}", echo(id));
    };
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
        out.json(&Full { event, sources })?;
        return Ok(ExitCode::SUCCESS);
    }
    let tab = dataset
        .tab(&event.tab)
        .map_or(event.tab.as_str(), |t| t.title.as_str());
    out.line(&SafeText::new(&event.title))?;
    let (date_basis, bases) = format::provenance_marks(&event.provenance, Some("date"));
    out.line(&safe_format!(
        "{when} · {tab}{planned}{basis}",
        when = SafeText::new(&format::long_date(event)),
        tab = SafeText::new(tab),
        planned = SafeText::lit(if event.planned { " · planned" } else { "" }),
        basis = SafeText::new(&date_basis)
    ))?;
    for line in bases {
        out.line(&SafeText::new(&line))?;
    }
    out.line(&SafeText::lit(""))?;
    let markers = event.footnotes.iter().map(|n| safe_format!(" [{n}]", n));
    out.line(&safe_format!(
        "{summary}{markers}",
        summary = SafeText::multiline(&event.summary),
        markers = SafeText::join(markers, &SafeText::lit(""))
    ))?;
    for quote in &event.quotes {
        let speaker = dataset
            .entity(&quote.speaker)
            .map_or(quote.speaker.as_str(), |e| e.name.as_str());
        out.line(&safe_format!(
            "\n  “{text}” — {speaker} [{note}]",
            text = SafeText::new(&quote.text),
            speaker = SafeText::new(speaker),
            note = quote.footnote
        ))?;
    }
    if !event.figures.is_empty() {
        out.line(&SafeText::lit("\nFigures:"))?;
        for f in &event.figures {
            let year = f
                .year
                .map_or_else(SafeText::default, |year| safe_format!(" ({year})", year));
            out.line(&safe_format!(
                "  {value} — {measure}{year}",
                value = SafeText::new(&format::figure(f)),
                measure = SafeText::new(&f.measure),
                year
            ))?;
        }
    }
    for (label, ids) in [
        (SafeText::lit("Actors"), &event.actors),
        (SafeText::lit("Places"), &event.places),
    ] {
        if !ids.is_empty() {
            let names = SafeText::new(&entity_names(dataset, ids)).into_owned();
            out.line(&safe_format!("\n{label}: {names}", label, names))?;
        }
    }
    if !event.footnotes.is_empty() {
        out.line(&SafeText::lit("\nSources:"))?;
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
    out: &mut Out<impl Write>,
) -> anyhow::Result<ExitCode> {
    let Some(found) = resolved(dataset, number) else {
        let last = dataset.footnotes.iter().map(|f| f.number).max().unwrap_or(0);
        bail!("no footnote [{number}]: this dataset has footnotes 1 to {last}");
    };
    if json {
        out.json(&found)?;
    } else {
        footnote_lines(dataset, number, out)?;
    }
    Ok(ExitCode::SUCCESS)
}
