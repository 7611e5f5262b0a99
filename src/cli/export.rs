//! `dossier export`: the dataset as JSON, as a readable Markdown document
//! (tabs, a timeline and the sources), or as CSV with one row per event.
//! With `--bookmarks`, the bookmarked events with the reader's notes: in
//! Markdown under each event, in CSV a last `note` column, and in JSON
//! `{"bookmarks": [{"id", "note"}...], "dataset": {...}}`, the bookmarks
//! in the order they were made and the dataset a loadable one.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;

use anyhow::Context;
use std::process::ExitCode;

use super::ExportFormat;
use super::out::Out;
use super::show::as_written;
use crate::format;
use crate::lookup::{DatasetIndex, Lookup};
use crate::markdown::{self, link, md, when};
use crate::model::{Dataset, Event, FORMAT, FootnoteBody, Resolution, VERSION};
use crate::safe_format;
use crate::sanitize::SafeText;
use crate::state::Memory;

/// The reader's notes on bookmarked events, by event id.
type Notes = std::collections::BTreeMap<String, String>;

/// Writes the dataset (only tab `tab`'s events, if given) in `format`;
/// with `bookmarks`, their notes too (the caller keeps only the
/// bookmarked events).
pub fn write(
    mut dataset: Dataset,
    format: ExportFormat,
    tab: Option<&str>,
    bookmarks: Option<&Memory>,
    out: &mut Out<impl Write>,
) -> anyhow::Result<ExitCode> {
    // Cut down in place, not copied: a copy doubled a large dataset.
    // Entities and footnotes stay whole, so every reference still resolves.
    if let Some(tab) = tab {
        dataset.tabs.retain(|t| t.id == tab);
        dataset.events.retain(|e| e.tab == tab);
    }
    let dataset = &dataset;
    let index = DatasetIndex::new();
    let lookup = Lookup::new(dataset, &index);
    let notes = bookmarks.map(|b| &b.notes);
    match (format, bookmarks) {
        (ExportFormat::Json, None) => out.json(&current(dataset))?,
        (ExportFormat::Json, Some(marks)) => out.json(&Marked {
            bookmarks: marks
                .bookmarks
                .iter()
                .map(|id| Mark {
                    id,
                    note: marks.notes.get(id).map(String::as_str),
                })
                .collect(),
            dataset: current(dataset),
        })?,
        (ExportFormat::Markdown, _) => markdown(lookup, tab.is_some() || notes.is_some(), notes, out)?,
        (ExportFormat::Csv, _) => csv(lookup, notes, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `export --bookmarks --format json`.
#[derive(serde::Serialize)]
struct Marked<'a> {
    bookmarks: Vec<Mark<'a>>,
    dataset: Dataset,
}

/// A bookmark in [`Marked`]: the event's id and the note, if any.
#[derive(serde::Serialize)]
struct Mark<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
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

fn markdown(
    dataset: Lookup<'_>,
    only_cited: bool,
    notes: Option<&Notes>,
    out: &mut Out<impl Write>,
) -> anyhow::Result<()> {
    let doc = &dataset.document;
    out.line(&safe_format!("# {title}\n", title = md(&doc.title)))?;
    for (label, value) in format::document_facts(doc) {
        let label = SafeText::new(label);
        let value = if label == "Original" {
            link(&value)
        } else {
            md(&value)
        };
        out.line(&safe_format!("- {label}: {value}", label, value))?;
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
        for event in super::chronological(dataset.dataset(), Some(&tab.id)) {
            let note = notes.and_then(|n| n.get(&event.id)).map(String::as_str);
            for line in markdown::event(dataset, event, note) {
                out.line(&line)?;
            }
        }
    }
    if let Some(conclusion) = &doc.conclusion {
        out.line(&safe_format!("## Conclusion\n\n{text}\n", text = md(conclusion)))?;
    }
    timeline(dataset.dataset(), out)?;
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

/// By footnote number, the events (in dataset order) citing it in their
/// summary or a quote, directly or through a note that stands for it.
fn citing<'a>(dataset: Lookup<'a>) -> HashMap<u32, Vec<&'a Event>> {
    let mut citing: HashMap<u32, Vec<&Event>> = HashMap::new();
    let mut numbers = Vec::new();
    for event in &dataset.dataset().events {
        numbers.clear();
        for n in markdown::cited(event) {
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
fn sources(dataset: Lookup<'_>, only_cited: bool, out: &mut Out<impl Write>) -> anyhow::Result<()> {
    out.line(&SafeText::lit("## Sources\n"))?;
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
        out.text(&safe_format!(
            "- \\[{n}\\] {written}",
            n,
            written = md(&as_written(footnote))
        ))?;
        if let FootnoteBody::Unresolved { .. } = footnote.body {
            out.text(&SafeText::lit(" *(unresolved: no full citation in the source)*"))?;
        }
        if let Some(aliases) = aliases.get(&n) {
            let aliases = SafeText::join(
                aliases.iter().map(|a| safe_format!("\\[{a}\\]", a)),
                &SafeText::lit(", "),
            );
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

/// One row per event: its fields, entities by name, figures as written
/// and, for each footnote, the URL it leads to (back-references followed),
/// so that a spreadsheet has the sources without the dataset.
fn csv(dataset: Lookup<'_>, notes: Option<&Notes>, out: &mut Out<impl Write>) -> anyhow::Result<()> {
    let mut header = [
        "id",
        "date",
        "end",
        "tab",
        "title",
        "summary",
        "actors",
        "places",
        "figures",
        "footnotes",
        "footnote_urls",
    ]
    .map(SafeText::lit)
    .to_vec();
    if notes.is_some() {
        header.push(SafeText::lit("note"));
    }
    let names = |ids: &[String]| -> String {
        ids.iter()
            .map(|id| dataset.entity(id).map_or(id.as_str(), |e| e.name.as_str()))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let rows = super::chronological(dataset.dataset(), None)
        .into_iter()
        .map(|event| {
            let figures: Vec<String> = event
                .figures
                .iter()
                .map(|f| format!("{} — {}", format::figure(f), f.measure))
                .collect();
            let footnotes = event.footnotes.iter().map(|n| safe_format!("{n}", n));
            let urls: Vec<&str> = event
                .footnotes
                .iter()
                .map(|&n| dataset.url(n).unwrap_or(""))
                .collect();
            let mut row = vec![
                cell(&event.id),
                cell(event.date.as_deref().unwrap_or("")),
                cell(event.end.as_deref().unwrap_or("")),
                cell(&event.tab),
                cell(&event.title),
                cell(&event.summary),
                cell(&names(&event.actors)).into_owned(),
                cell(&names(&event.places)).into_owned(),
                cell(&figures.join("; ")).into_owned(),
                SafeText::join(footnotes, &SafeText::lit("; ")),
                cell(&urls.join("; ")).into_owned(),
            ];
            if let Some(notes) = notes {
                row.push(cell(notes.get(&event.id).map_or("", String::as_str)));
            }
            row
        });
    out.csv(std::iter::once(header).chain(rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dataset;
    use proptest::prelude::*;
    use pulldown_cmark::{Event as Md, Parser, Tag, TagEnd};

    /// The text of every paragraph, and the target of every link, of a
    /// Markdown document as a CommonMark reader reads it.
    fn read(markdown: &str) -> (Vec<String>, Vec<String>) {
        let (mut paragraphs, mut links) = (Vec::new(), Vec::new());
        let mut open: Option<String> = None;
        for event in Parser::new(markdown) {
            match event {
                Md::Start(Tag::Paragraph) => open = Some(String::new()),
                Md::End(TagEnd::Paragraph) => paragraphs.extend(open.take()),
                Md::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.into_string()),
                Md::Text(text) | Md::Code(text) | Md::InlineHtml(text) => {
                    if let Some(p) = open.as_mut() {
                        p.push_str(&text);
                    }
                }
                _ => {}
            }
        }
        (paragraphs, links)
    }

    /// Exports `ds` as Markdown and checks it reads back right: each
    /// summary a paragraph of its own text (and footnote markers), the
    /// only link the document's URL, exactly, every citation URL as text.
    fn reads_right(ds: &Dataset) {
        let mut out = Out::buffer();
        write(ds.clone(), ExportFormat::Markdown, None, None, &mut out).expect("writes to memory");
        let markdown = String::from_utf8(out.into_bytes()).expect("UTF-8");
        let (paragraphs, links) = read(&markdown);
        for event in ds.events.iter().filter(|e| !e.summary.is_empty()) {
            let markers: String = event.footnotes.iter().map(|n| format!(" [{n}]")).collect();
            let expected = format!("{}{markers}", SafeText::new(&event.summary));
            assert!(
                paragraphs.contains(&expected),
                "{expected:?} is no paragraph in:\n{markdown}"
            );
        }
        assert_eq!(links, Vec::from_iter(ds.document.url.clone()), "{markdown}");
        let text: String = Parser::new(&markdown)
            .filter_map(|e| match e {
                Md::Text(t) => Some(t.into_string()),
                _ => None,
            })
            .collect();
        for f in &ds.footnotes {
            if let FootnoteBody::Citation(crate::model::Citation { url: Some(url), .. }) = &f.body {
                assert!(text.contains(url.as_str()), "{url} not in the text");
            }
        }
    }

    #[test]
    fn the_embedded_markdown_reads_right() {
        reads_right(&crate::data::embedded());
    }

    #[test]
    fn hostile_summaries_and_urls_read_right() {
        let mut ds = crate::data::embedded();
        let summaries = [
            "1986. The year it began.",
            "1) A list, in another style",
            "- a dash and a space",
            "---",
            "# not a heading",
            "> not a quote",
            "+ plus",
            "* star",
            "===",
            "    four spaces: not code",
            "  spaces at both ends  ",
            "```",
            "~~~ no fence, ~~no strike~~",
            "a &amp; b &#42; c &copy; & d",
            "`code` *em* _em_ __strong__ [link](https://x.example) ![img](y) <b>html</b> <https://z.example>",
            "back\\slash \\* and a trailing backslash \\",
            "| a | table |",
            "[ref]: https://example.org",
            "\u{1b}[2J an escape and a\nnewline",
        ];
        for (event, summary) in ds.events.iter_mut().zip(summaries) {
            event.summary = summary.into();
        }
        ds.document.url = Some("https://example.org/a_b*c(d)e<f>g?h=1&amp;i=j~k".into());
        let urls = [
            "https://x.example/a_b",
            "https://x.example/*star*",
            "https://x.example/(p)",
            "https://x.example/<a>",
        ];
        let citations = ds.footnotes.iter_mut().filter_map(|f| match &mut f.body {
            FootnoteBody::Citation(c) => Some(c),
            _ => None,
        });
        for (citation, url) in citations.zip(urls) {
            citation.url = Some(url.to_string());
        }
        // As loaded from a file: every URL here is one a dataset may hold.
        let json = serde_json::to_vec(&ds).expect("serializes");
        let ds = crate::data::load_bytes(&json, "hostile").unwrap_or_else(|e| panic!("{e}"));
        reads_right(&ds);
        // The one URL an autolink cannot hold, with `<` and `>`, and one it
        // can; a backslash, which validation refuses, still exports as itself.
        for url in ["https://x.example/<a>", "https://x.example/a_b\\c&amp;"] {
            ds_with_url(&ds, url);
        }
    }

    fn ds_with_url(ds: &Dataset, url: &str) {
        let mut ds = ds.clone();
        ds.document.url = Some(url.to_string());
        reads_right(&ds);
    }

    proptest! {
        /// Any text reads back as one paragraph of that text (terminal-safe).
        #[test]
        fn escaped_text_reads_back_as_itself(text in any::<String>().prop_filter("not empty", |t| !t.is_empty())) {
            let (paragraphs, links) = read(&md(&text));
            prop_assert_eq!(paragraphs, vec![SafeText::new(&text).to_string()]);
            prop_assert!(links.is_empty());
        }

        /// Any URL a dataset may hold is a link to exactly that URL.
        #[test]
        fn links_lead_exactly_to_the_url(url in "https?://[a-z0-9_*()<>&;#\\\\.%/?=~`!|\\[\\]-]{1,40}") {
            let (_, links) = read(&link(&url));
            prop_assert_eq!(links, vec![url]);
        }
    }

    fn export(format: ExportFormat, tab: Option<&str>) -> String {
        let mut out = Out::buffer();
        write(crate::data::embedded(), format, tab, None, &mut out).expect("writes to memory");
        String::from_utf8(out.into_bytes()).expect("UTF-8")
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
