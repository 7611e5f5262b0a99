//! The command line: argument parsing and one function per subcommand.
//!
//! Exit codes follow grep: 0 with results, 1 with none (or, for
//! `validate`, with problems), 2 on errors.

mod convert;
mod export;
mod meta;
mod nearest;
pub mod out;
mod show;

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::cache::{self, Checked, Events, IndexCache, OnShelf, Opened, Serving, Whole};
use crate::config;
use crate::data;
use crate::import;
use crate::lookup::{DatasetIndex, Lookup};
use crate::model::{Dataset, Event};
use crate::safe_format;
use crate::sanitize::{SafeText, echo};
use crate::search::{Atom, Clause, Field, Filter, Matched, Query, SearchIndex, divider, runs};
use crate::state::DatasetKey;
use out::Out;

/// A terminal browser for structured research dossiers.
///
/// With no subcommand, opens the full-screen browser.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, long_about = None)]
pub struct Cli {
    /// Load this dataset (JSON, same schema) instead of the embedded one
    /// (or the configuration's `[data] path`).
    #[arg(long, global = true, value_name = "FILE")]
    pub data: Option<PathBuf>,
    /// Read the configuration (keys, theme, default dataset) from FILE
    /// instead of $XDG_CONFIG_HOME/dossier/config.toml.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Neither read nor write the index cache: validate and index the
    /// --data file afresh (see README, "Index cache").
    #[arg(long, global = true)]
    pub no_cache: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fuzzy-search events by names, words and dates.
    Search {
        /// Words, operators and dates, e.g. `erdogan sep 2017`.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Only events of this tab (political, economic, security, regional).
        #[arg(long, value_name = "TAB")]
        tab: Option<String>,
        /// At most this many results.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Print a JSON array instead of lines.
        #[arg(long)]
        json: bool,
        /// After each result, print how each part of the query scored.
        #[arg(long, conflicts_with = "json")]
        explain: bool,
    },
    /// One event in full, its footnotes resolved.
    Show {
        /// The event's id (see `dossier list`).
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// A footnote as written, and the full citation it stands for.
    Footnote {
        number: u32,
        #[arg(long)]
        json: bool,
    },
    /// Events in date order.
    List {
        #[arg(long, value_name = "TAB")]
        tab: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Check a dataset file and print every problem with its location.
    Validate { file: PathBuf },
    /// Write the dataset as JSON, a readable Markdown document (tabs,
    /// timeline, sources) or CSV (one row per event).
    Export {
        #[arg(long, value_enum, default_value = "json")]
        format: ExportFormat,
        /// Only this tab's events.
        #[arg(long, value_name = "TAB")]
        tab: Option<String>,
        /// Only the events a search for QUERY finds (the query language of
        /// `search`).
        #[arg(long, value_name = "QUERY")]
        query: Option<String>,
        /// Only the events bookmarked in the browser, with the notes on
        /// them (from the state file of this dataset).
        #[arg(long)]
        bookmarks: bool,
    },
    /// Rewrite a dataset file in the current schema (version 2).
    Migrate {
        /// The dataset to read (version 1 or 2); `-` reads standard input.
        file: PathBuf,
        /// Write here (atomically) instead of to standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Convert a TimelineJS timeline (JSON or its sheet as CSV), an event
    /// table (CSV, TSV, ACLED export) or a Markdown article into a dataset.
    Import {
        /// The file to convert; `-` reads standard input.
        file: PathBuf,
        /// Its format; guessed from the extension and the content if left out.
        #[arg(long, value_enum)]
        from: Option<import::Format>,
        /// Table columns to read as a field, e.g. `--map when=date,who=actors`
        /// (fields: id, date, end, title, text, tab, subtype, actors, places,
        /// countries, source, fatalities, ignore).
        #[arg(long, value_delimiter = ',', value_name = "COL=FIELD")]
        map: Vec<String>,
        /// Skip rows that cannot be used (and say how many) instead of failing.
        #[arg(long)]
        skip_bad: bool,
        /// Write here (atomically) instead of to standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Print the JSON Schema (draft 2020-12) of dataset files, for editors.
    Schema,
    /// Print a shell completion script: `dossier completions bash > …`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `dossier man | man -l -`.
    Man,
    /// Check the configuration file and say which one is used; with
    /// --print-default, print a commented file of every default instead.
    Config {
        /// Print the default configuration (every key and colour).
        #[arg(long)]
        print_default: bool,
    },
}

/// Formats `dossier export` writes.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Json,
    Markdown,
    Csv,
}

/// The configuration for the browser, which never refuses to start over
/// it: a bad one is reported in full on standard error (read once the
/// screen is back) and replaced by the defaults, with a short note for the
/// status line.
pub fn browser_config(flag: Option<&std::path::Path>) -> (config::Config, Option<SafeText<'static>>) {
    match config::read(flag) {
        Ok(config) => (config, None),
        Err(e) => {
            out::error(&SafeText::multiline(&format!(
                "dossier: configuration not used, started with the defaults:\n{e}"
            )));
            let why = SafeText::new(&e.short()).into_owned();
            (
                config::Config::default(),
                Some(safe_format!("config not used: {why}", why)),
            )
        }
    }
}

/// Loads the dataset the user asked for, for a command that needs no
/// search index (nor the file's text for its hash): a large file's bytes
/// are never held next to the dataset ([`data::load_path_streaming`]).
pub fn load(path: Option<&PathBuf>) -> anyhow::Result<Dataset> {
    match path {
        Some(path) => match convert::foreign(path) {
            Some(format) => Ok(convert::open::<Whole>(path, format, None)?.dataset),
            None => Ok(data::load_path_streaming(path)?),
        },
        None => Ok(data::embedded()),
    }
}

/// Loads the dataset the user asked for with its search index, through
/// the index cache ([`crate::cache`]) when `use_cache` is set.
///
/// A dataset served on the word of its file's stat is not checked
/// against the file's hash ([`cache::Loaded::unverified`]): hashing is what a
/// warm search saves, the stat changes with any edit, and the browser,
/// which has the time to spare, checks it and removes an entry it
/// disproves. `S` says how an entry serves it.
pub fn open<S: Serving>(path: Option<&PathBuf>, use_cache: bool) -> anyhow::Result<S::Out> {
    match path {
        Some(path) => {
            let cache = IndexCache::from_env().filter(|_| use_cache);
            // Telling a JSON file's format reads it up to a dataset's
            // `document` key: a file that an entry stands for is a dataset.
            let format = match &cache {
                Some(cache) if cache.stands_for(path) => None,
                _ => convert::foreign(path),
            };
            match format {
                Some(format) => convert::open::<S>(path, format, cache.as_ref()),
                None => Ok(cache::serve_path::<S>(path, cache.as_ref())?),
            }
        }
        None => {
            let dataset = data::embedded();
            let key = DatasetKey::of(data::EMBEDDED_JSON.as_bytes());
            Ok(S::fresh(Checked { dataset, key }, None))
        }
    }
}

/// Runs a subcommand; `None` (no subcommand) is handled by the caller,
/// which owns the terminal.
pub fn run(cli: &Cli, command: &Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Validate { file } => return validate(file),
        Command::Migrate { file, output } => return export::migrate(file, output.as_deref()),
        Command::Import {
            file,
            from,
            map,
            skip_bad,
            output,
        } => return convert::import(file, *from, map, *skip_bad, output.as_deref()),
        Command::Schema => return meta::schema(&mut out::stdout()),
        Command::Completions { shell } => return meta::completions(*shell, &mut out::stdout()),
        Command::Man => return meta::man(&mut out::stdout()),
        Command::Config { print_default } => {
            return meta::config(cli.config.as_deref(), *print_default, &mut out::stdout());
        }
        _ => {}
    }
    // The commands that open a dataset read the configuration for its
    // default dataset; a broken one is an error (exit 2), never silently
    // another dataset.
    let config = config::read(cli.config.as_deref())?;
    let data = cli.data.as_ref().or(config.data.as_ref());
    let out = &mut out::stdout();
    if let Command::Search {
        query,
        tab,
        limit,
        json,
        explain,
    } = command
    {
        let request = SearchRequest {
            text: query.join(" "),
            tab: tab.as_deref(),
            limit: *limit,
            json: *json,
            explain: *explain,
        };
        // Served from the index cache, only the events shown are read.
        let opened = open::<OnShelf>(data, !cli.no_cache)?;
        let code = match search(opened.parts(), &request, out)? {
            Some(code) => code,
            // A chunk of the entry was found damaged, and the entry
            // removed: nothing was printed, and the file is read afresh.
            None => {
                let loaded = Opened::Whole(open::<Whole>(data, !cli.no_cache)?);
                let code =
                    search(loaded.parts(), &request, out)?.context("the dataset's events cannot be read");
                std::mem::forget(loaded);
                code?
            }
        };
        // The process ends here and the system takes the memory back at
        // once; freeing a large dataset's millions of strings one by one
        // took a fifth of a search.
        std::mem::forget(opened);
        return Ok(code);
    }
    if let Command::Export {
        format,
        tab,
        query,
        bookmarks,
    } = command
        && (query.is_some() || *bookmarks)
    {
        let opened = open::<Whole>(data, !cli.no_cache)?;
        let mut dataset = opened.dataset;
        let tab = tab_id(&dataset, tab.as_deref())?.map(str::to_owned);
        let mut keep: Vec<bool> = vec![true; dataset.events.len()];
        if let Some(query) = query {
            let (_, hits) = run_query(&opened.index, query, None, None)?;
            let found: HashSet<usize> = hits.iter().map(|h| h.event).collect();
            keep.iter_mut()
                .enumerate()
                .for_each(|(i, k)| *k &= found.contains(&i));
        }
        let memory = bookmarks.then(|| bookmarked(opened.key));
        if let Some(memory) = &memory {
            let marked: HashSet<&str> = memory.bookmarks.iter().map(String::as_str).collect();
            for (k, event) in keep.iter_mut().zip(&dataset.events) {
                *k &= marked.contains(event.id.as_str());
            }
        }
        let mut at = 0;
        dataset.events.retain(|_| {
            at += 1;
            keep[at - 1]
        });
        return export::write(dataset, *format, tab.as_deref(), memory.as_ref(), out);
    }
    let dataset = load(data)?;
    let index = DatasetIndex::new();
    let lookup = Lookup::new(&dataset, &index);
    match command {
        Command::Show { id, json } => show::event(lookup, id, *json, out),
        Command::Footnote { number, json } => show::footnote(lookup, *number, *json, out),
        Command::List { tab, json } => list(&dataset, tab.as_deref(), *json, out),
        Command::Export { format, tab, .. } => {
            let tab = tab_id(&dataset, tab.as_deref())?.map(str::to_owned);
            export::write(dataset, *format, tab.as_deref(), None, out)
        }
        Command::Search { .. }
        | Command::Validate { .. }
        | Command::Migrate { .. }
        | Command::Import { .. }
        | Command::Schema
        | Command::Completions { .. }
        | Command::Man
        | Command::Config { .. } => unreachable!("handled above"),
    }
}

/// The bookmarks and notes kept for the dataset of `key`; none, with the
/// state's note on standard error, when the state file is missing or
/// unusable, as the browser would start.
fn bookmarked(key: DatasetKey) -> crate::state::Memory {
    let loaded = crate::state::Store::from_env(key).load();
    match loaded.memory {
        Some(memory) => memory,
        None => {
            if let Some(note) = loaded.note {
                out::error(&safe_format!("dossier: no bookmarks: {note}", note));
            }
            crate::state::Memory::default()
        }
    }
}

/// The id of the tab `--tab` names (an id or a title prefix, any case),
/// so a typo is an error and not "no results".
fn tab_id<'d>(dataset: &'d Dataset, tab: Option<&str>) -> anyhow::Result<Option<&'d str>> {
    tab.map(|t| dataset.find_tab(t).map(|tab| tab.id.as_str()))
        .transpose()
        .map_err(|e| anyhow::anyhow!("{}", SafeText::new(&e)))
}

/// The fields every JSON event listing carries.
#[derive(Serialize)]
struct EventSummary<'a> {
    #[serde(skip)]
    event: &'a Event,
    id: &'a str,
    date: Option<&'a str>,
    end: Option<&'a str>,
    tab: &'a str,
    title: &'a str,
    summary: &'a str,
    footnotes: &'a [u32],
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<i64>,
    /// For search results: `exact` when the event matched at the query's
    /// precision, `within` when a date of the query only overlaps an event
    /// dated less precisely (listed after every exact one).
    #[serde(rename = "match", skip_serializing_if = "Option::is_none")]
    precision: Option<&'static str>,
    /// Matched char ranges `[start, end)` per field, for search results.
    #[serde(skip_serializing_if = "Option::is_none")]
    matches: Option<MatchRanges>,
}

/// Where a search matched, in chars of the original text.
#[derive(Serialize)]
struct MatchRanges {
    title: Vec<(usize, usize)>,
    summary: Vec<(usize, usize)>,
}

impl<'a> EventSummary<'a> {
    fn new(event: &'a Event, score: Option<i64>) -> Self {
        EventSummary {
            event,
            id: &event.id,
            date: event.date.as_deref(),
            end: event.end.as_deref(),
            tab: &event.tab,
            title: &event.title,
            summary: &event.summary,
            footnotes: &event.footnotes,
            score,
            precision: None,
            matches: None,
        }
    }
}

/// An event's date column: its date, its span, or that it has none.
fn date_column(event: &Event) -> String {
    match (&event.date, &event.end) {
        (Some(date), Some(end)) => format!("{date}..{end}"),
        (Some(date), None) => date.clone(),
        (None, _) => crate::date::UNDATED.to_string(),
    }
}

/// Widths of the date and tab columns: the widest among the rows printed,
/// so that spans, undated rows and long tab ids (an imported article's
/// section titles) stay aligned.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Columns {
    date: usize,
    tab: usize,
    id: usize,
}

impl Columns {
    fn of<'a>(events: impl Iterator<Item = &'a Event>) -> Columns {
        let none = Columns {
            date: 0,
            tab: 0,
            id: 0,
        };
        events.fold(none, |widest, event| Columns {
            date: widest.date.max(date_column(event).chars().count()),
            tab: widest.tab.max(event.tab.chars().count()),
            id: widest.id.max(SafeText::new(&event.id).width()),
        })
    }
}

/// One `DATE  TAB  ID  TITLE` line: the id is what `show` takes.
fn event_line(event: &Event, columns: Columns, out: &mut Out<impl Write>) -> io::Result<()> {
    let date = format!("{:<1$}", date_column(event), columns.date);
    let tab = format!("{:<1$}", event.tab, columns.tab);
    let id = SafeText::new(&event.id);
    let pad = " ".repeat(columns.id.saturating_sub(id.width()));
    out.line(&safe_format!(
        "{date}  {tab}  {id}{pad}  {title}",
        date = SafeText::new(&date),
        tab = SafeText::new(&tab),
        id,
        pad = SafeText::new(&pad),
        title = SafeText::new(&event.title)
    ))
}

/// A JSON array of what `items` yields, made one item at a time.
struct Each<I>(I);

impl<I> Serialize for Each<I>
where
    I: Iterator + Clone,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.clone())
    }
}

/// Prints events as lines or a JSON array, each made as it is printed:
/// the summaries of a million events, all held at once, took more memory
/// than the events themselves.
fn print_events<'a>(
    items: impl Iterator<Item = EventSummary<'a>> + Clone,
    json: bool,
    out: &mut Out<impl Write>,
) -> anyhow::Result<()> {
    if json {
        out.json(&Each(items))?;
    } else {
        let columns = Columns::of(items.clone().map(|item| item.event));
        for item in items {
            event_line(item.event, columns, out)?;
        }
    }
    Ok(())
}

/// What `dossier search` was asked.
struct SearchRequest<'a> {
    text: String,
    tab: Option<&'a str>,
    limit: Option<usize>,
    json: bool,
    explain: bool,
}

/// Runs a search and prints its results; `None`, having printed nothing,
/// when the events of the results cannot be read.
fn search(
    (dataset, index, events): (&Dataset, &SearchIndex, Events<'_>),
    req: &SearchRequest<'_>,
    out: &mut Out<impl Write>,
) -> anyhow::Result<Option<ExitCode>> {
    let tab = tab_id(dataset, req.tab)?;
    // The tab is part of the query, so the limit counts results of that tab.
    let (query, hits) = run_query(index, &req.text, tab, req.limit)?;
    let wanted: Vec<usize> = hits.iter().map(|h| h.event).collect();
    let Some(shown) = events.take(&wanted) else {
        return Ok(None);
    };
    // Plain lines put the results dated less precisely than the query
    // under a divider line; JSON says `"match": "within"` instead.
    let divider = (!req.json).then(|| divider(&hits, |i| shown[i].span())).flatten();
    let divide = |i: usize, out: &mut Out<_>| match &divider {
        Some(d) if d.at == i => out.line(&safe_format!("── {label} ──", label = SafeText::new(&d.label))),
        _ => Ok(()),
    };
    if req.explain {
        let columns = Columns::of(shown.iter().map(|e| &**e));
        let entities: std::collections::HashMap<&str, &crate::model::Entity> =
            dataset.entities.iter().map(|e| (e.id.as_str(), e)).collect();
        for (i, (hit, event)) in hits.iter().zip(&shown).enumerate() {
            divide(i, out)?;
            event_line(event, columns, out)?;
            let words = matched_words(index, &query, event, &entities);
            explain_line(&query, &index.explain(&query, hit.event), &words, hit.score, out)?;
        }
    } else if req.json {
        // Match ranges cost a fuzzy pass each: only for the rows printed.
        let items = hits.iter().zip(&shown).map(|(h, event)| {
            let highlights = index.highlights(&query, event);
            EventSummary {
                matches: Some(MatchRanges {
                    title: runs(&highlights.title),
                    summary: runs(&highlights.summary),
                }),
                precision: Some(if h.exact { "exact" } else { "within" }),
                ..EventSummary::new(event, Some(h.score))
            }
        });
        print_events(items, true, out)?;
    } else {
        let columns = Columns::of(shown.iter().map(|e| &**e));
        for (i, event) in shown.iter().enumerate() {
            divide(i, out)?;
            event_line(event, columns, out)?;
        }
    }
    Ok(Some(if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }))
}

/// Runs the query `text`, within a tab and up to a limit if given; a query
/// with no results that a typo fix rescues runs fixed, and says so.
fn run_query(
    index: &SearchIndex,
    text: &str,
    tab: Option<&str>,
    limit: Option<usize>,
) -> anyhow::Result<(Query, Vec<crate::search::Hit>)> {
    let mut query = Query::parse(text).with_context(|| format!("cannot parse query \"{}\"", echo(text)))?;
    if let Some(tab) = tab {
        query.clauses.push(Clause {
            alternatives: vec![Atom::Filter(Filter::TabId(tab.to_string()))],
            text: format!("tab:{tab}"),
            negated: false,
        });
    }
    let outcome = index.search_forgiving(&query, limit.unwrap_or(usize::MAX));
    if let Some(fixed) = outcome.corrected {
        out::error(&safe_format!(
            "no results for “{typed}”; showing results for “{fixed}”",
            typed = SafeText::new(text),
            fixed = SafeText::new(&fixed.to_string())
        ));
        query = fixed;
    }
    Ok((query, outcome.hits))
}

/// `    score 182 = erdogan: fuzzy in title 160 + date 2012..: date within 22`.
/// For each clause of `query`, the word of `event` it matched, by field:
/// the title's or summary's word, or the actor's or place's name.
fn matched_words(
    index: &SearchIndex,
    query: &Query,
    event: &Event,
    entities: &std::collections::HashMap<&str, &crate::model::Entity>,
) -> Vec<[Option<String>; 4]> {
    let names: Vec<&str> = event
        .actors
        .iter()
        .chain(&event.places)
        .filter_map(|id| entities.get(id.as_str()))
        .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases))
        .map(String::as_str)
        .collect();
    let other: Vec<&str> = event
        .quotes
        .iter()
        .map(|q| q.text.as_str())
        .chain(event.figures.iter().map(|f| f.measure.as_str()))
        .collect();
    query
        .clauses
        .iter()
        .map(|clause| {
            let one = Query {
                clauses: vec![clause.clone()],
            };
            let first = |texts: &[&str]| texts.iter().find_map(|t| index.matched_word(&one, t));
            // A name is named whole: "Recep Tayyip Erdoğan", not "Erdoğan".
            let name = names
                .iter()
                .find(|n| !index.positions(&one, n).is_empty())
                .map(|n| (*n).to_string());
            [
                first(&[&event.title]),
                name,
                first(&[&event.summary]),
                first(&other),
            ]
        })
        .collect()
}

fn explain_line(
    query: &Query,
    parts: &[Option<Matched>],
    words: &[[Option<String>; 4]],
    total: i64,
    out: &mut Out<impl Write>,
) -> io::Result<()> {
    let none = [None, None, None, None];
    let parts = query
        .clauses
        .iter()
        .zip(parts)
        .enumerate()
        .map(|(i, (clause, part))| {
            let clause = SafeText::new(&clause.to_string()).into_owned();
            match part {
                Some(m) => {
                    let word = m.field.and_then(|f| {
                        let at = match f {
                            Field::Title => 0,
                            Field::Names => 1,
                            Field::Summary => 2,
                            Field::Other => 3,
                        };
                        words.get(i).unwrap_or(&none)[at].clone()
                    });
                    let field = m
                        .field
                        .map(|f| format!(" in {f:?}").to_lowercase())
                        .unwrap_or_default();
                    let field = match word {
                        Some(w) => format!("{field} “{w}”"),
                        None => field,
                    };
                    safe_format!(
                        "{clause}: {how}{field} {score}",
                        clause,
                        how = SafeText::lit(m.how),
                        field = SafeText::new(&field),
                        score = m.score
                    )
                }
                None => safe_format!("{clause}: absent 0", clause),
            }
        });
    let parts = SafeText::join(parts, &SafeText::lit(" + "));
    out.line(&safe_format!("    score {total} = {parts}", total, parts))
}

/// Events in the one chronological order, of one tab or all.
pub fn chronological<'a>(dataset: &'a Dataset, tab: Option<&str>) -> Vec<&'a Event> {
    dataset
        .chronological()
        .into_iter()
        .map(|i| &dataset.events[i])
        .filter(|e| tab.is_none_or(|t| e.tab == t))
        .collect()
}

fn list(
    dataset: &Dataset,
    tab: Option<&str>,
    json: bool,
    out: &mut Out<impl Write>,
) -> anyhow::Result<ExitCode> {
    let tab = tab_id(dataset, tab)?;
    let items = chronological(dataset, tab)
        .into_iter()
        .map(|e| EventSummary::new(e, None));
    print_events(items, json, out)?;
    Ok(ExitCode::SUCCESS)
}

fn validate(file: &std::path::Path) -> anyhow::Result<ExitCode> {
    let out = &mut out::stdout();
    match data::load_path(file) {
        Ok(dataset) => {
            out.line(&safe_format!(
                "{file}: ok ({events} events, {entities} entities, {footnotes} footnotes)",
                file = SafeText::path(file),
                events = dataset.events.len(),
                entities = dataset.entities.len(),
                footnotes = dataset.footnotes.len()
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(err @ data::LoadError::Io { .. }) => Err(err.into()),
        Err(err) => {
            // Problems quote the values they are about.
            out.line(&SafeText::multiline(&err.to_string()))?;
            Ok(ExitCode::from(1))
        }
    }
}
