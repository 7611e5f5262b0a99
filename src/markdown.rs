//! Dossier text as Markdown, in one place for every writer of it:
//! `dossier export --format markdown` and `y` (copy an event) in the
//! browser. Everything here reads back, in a CommonMark reader, as
//! exactly the text of the dataset (made terminal-safe).

use crate::format;
use crate::lookup::Lookup;
use crate::model::Event;
use crate::safe_format;
use crate::sanitize::SafeText;

/// `text` (made terminal-safe) as Markdown inline content that a reader
/// reads back as exactly that text, wherever a line it starts or sits in:
/// what would open emphasis, code, a link, HTML or a character reference
/// is backslash-escaped; so is what would open a block at the start of a
/// line (a list item such as `- ` or `1986. `, a heading, a rule, a
/// setext underline); and the spaces at either end, which Markdown strips
/// or, four of them, reads as code, are written as `&#32;`. The
/// sanitizer's own escapes are shown with their backslash.
pub fn md(text: &str) -> SafeText<'static> {
    let text = SafeText::new(text);
    let body = text.trim_matches(' ');
    let lead = text.len() - text.trim_start_matches(' ').len();
    let trail = text.len() - lead - body.len();
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&"&#32;".repeat(lead));
    // An ordered list marker: up to 9 digits, then `.` or `)` and a space
    // or the end.
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let list_number = (1..=9).contains(&digits)
        && matches!(body.as_bytes().get(digits), Some(b'.' | b')'))
        && matches!(body.as_bytes().get(digits + 1), None | Some(b' '));
    for (i, c) in body.char_indices() {
        let at_start = i == 0 && matches!(c, '-' | '+' | '=');
        let entity = c == '&' && opens_reference(&body[i + 1..]);
        let structural = matches!(
            c,
            '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '\\'
        );
        if at_start || entity || structural || (list_number && i == digits) {
            out.push('\\');
        }
        out.push(c);
    }
    out.push_str(&"&#32;".repeat(trail));
    // Safe: the sanitizer's output with backslashes and `&#32;` added.
    SafeText::new(&out).into_owned()
}

/// Whether `rest`, after a `&`, would make it a character reference
/// (`&amp;`, `&#42;`): letters or digits after an optional `#`, then `;`.
fn opens_reference(rest: &str) -> bool {
    let rest = rest.strip_prefix('#').unwrap_or(rest);
    let name = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    name > 0 && rest.as_bytes().get(name) == Some(&b';')
}

/// `url` as a link whose target is exactly the URL: an autolink `<url>`
/// (inside which a backslash is a backslash, not an escape), or where
/// the URL holds `<` or `>`, which end an autolink, `[url](<url>)` with
/// those escaped.
pub fn link(url: &str) -> SafeText<'static> {
    let url = SafeText::new(url);
    if crate::web::openable(&url) && !url.contains(['<', '>']) {
        return safe_format!("<{url}>", url).into_owned();
    }
    let target: String = url
        .chars()
        .flat_map(|c| match c {
            '<' | '>' | '\\' | '&' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    let target = SafeText::new(&target);
    safe_format!("[{text}](<{target}>)", text = md(&url), target)
}

/// `9 September 2017 – 10 September 2017`, or the date as written.
pub fn when(event: &Event) -> SafeText<'static> {
    match event.span() {
        Some(span) => SafeText::new(&span.long()).into_owned(),
        None => SafeText::lit(crate::date::UNDATED),
    }
}

/// ` \[1\] \[8\]`: an event's footnote markers, after its text.
pub fn markers(numbers: &[u32]) -> SafeText<'static> {
    SafeText::join(
        numbers.iter().map(|n| safe_format!(" \\[{n}\\]", n)),
        &SafeText::lit(""),
    )
}

/// An event as Markdown lines (some end in a blank line, as a block
/// does): `### date — title`, its text with footnote markers, its quotes
/// and figures, and the reader's `note` on it, if any.
pub fn event(dataset: Lookup<'_>, event: &Event, note: Option<&str>) -> Vec<SafeText<'static>> {
    let planned = SafeText::lit(if event.planned { " (planned)" } else { "" });
    let mut lines = vec![
        safe_format!(
            "### {when} — {title}{planned}\n",
            when = when(event),
            title = md(&event.title),
            planned
        ),
        safe_format!(
            "{summary}{markers}\n",
            summary = md(&event.summary),
            markers = markers(&event.footnotes)
        ),
    ];
    if let Some(note) = note {
        lines.push(safe_format!("*Note:* {note}\n", note = md(note)));
    }
    for quote in &event.quotes {
        let speaker = dataset
            .entity(&quote.speaker)
            .map_or(quote.speaker.as_str(), |e| &e.name);
        lines.push(safe_format!(
            "> “{text}” — {speaker} \\[{note}\\]\n",
            text = md(&quote.text),
            speaker = md(speaker),
            note = quote.footnote
        ));
    }
    for figure in &event.figures {
        lines.push(safe_format!(
            "- {measure}: {value}",
            measure = md(&figure.measure),
            value = md(&format::figure(figure))
        ));
    }
    if !event.figures.is_empty() {
        lines.push(SafeText::lit(""));
    }
    lines
}

/// The footnotes `event` cites, in its text and its quotes, by number.
pub fn cited(event: &Event) -> Vec<u32> {
    let mut numbers: Vec<u32> = (event.footnotes.iter())
        .chain(event.quotes.iter().map(|q| &q.footnote))
        .copied()
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

/// An event to paste elsewhere: [`event`], then what each footnote it
/// cites stands for, with its URL, as a list: `- \[1\] Author, Title,
/// Outlet, date, URL`.
pub fn event_with_sources(dataset: Lookup<'_>, ev: &Event) -> String {
    let mut lines = event(dataset, ev, None);
    for n in cited(ev) {
        let source = dataset
            .resolve(n)
            .map_or_else(|| "(missing footnote)".to_string(), |r| format::resolution(&r));
        lines.push(safe_format!("- \\[{n}\\] {source}", n, source = md(&source)));
    }
    let mut text = SafeText::join(lines, &SafeText::lit("\n")).to_string();
    text.push('\n');
    text
}
