//! Human forms of dataset values shared by the CLI, search and the TUI.

use crate::model::{Basis, Figure, Provenance, Qualifier};

/// `1234567` as `1,234,567`.
fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number as people read it: `590 million`, `4.5 billion`, `13,000`, `667.5 million`.
pub fn number(value: f64) -> String {
    let scaled = |div: f64, word: &str| {
        let v = value / div;
        let text = format!("{v:.2}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        format!("{text} {word}")
    };
    let abs = value.abs();
    if abs >= 1e9 {
        scaled(1e9, "billion")
    } else if abs >= 1e6 {
        scaled(1e6, "million")
    } else if value.fract() == 0.0 && abs < 1e15 {
        let sign = if value < 0.0 { "-" } else { "" };
        format!("{sign}{}", group_thousands(abs as u64))
    } else {
        format!("{value}")
    }
}

/// A figure with its unit and qualifier: `about $1 billion`, `13,000 students`.
pub fn figure(f: &Figure) -> String {
    let amount = amount(f.value, &f.unit);
    match f.qualifier {
        Qualifier::Exact => amount,
        Qualifier::About => format!("about {amount}"),
        Qualifier::Over => format!("over {amount}"),
        Qualifier::Target => format!("target {amount}"),
    }
}

/// A value with its unit as one says it: `$590 million`, `1 factory`,
/// `2 factories`, `50 percent`, `rank 2`. Datasets write units in the
/// plural whatever the value ("1 factories"), or as a label ("2 rank").
pub fn amount(value: f64, unit: &str) -> String {
    let n = number(value);
    match unit {
        "USD" => format!("${n}"),
        "" => n,
        "percent" | "%" => format!("{n} percent"),
        "rank" | "position" | "place" => format!("{unit} {n}"),
        _ if value == 1.0 => format!("{n} {}", singular(unit)),
        _ => format!("{n} {}", plural(unit)),
    }
}

/// `factories` → `factory`, `people` → `person`; other words as given.
fn singular(unit: &str) -> String {
    if unit == "people" {
        "person".to_string()
    } else if let Some(stem) = unit.strip_suffix("ies") {
        format!("{stem}y")
    } else if unit.ends_with('s') && !unit.ends_with("ss") && !unit.ends_with("us") {
        unit[..unit.len() - 1].to_string()
    } else {
        unit.to_string()
    }
}

/// `factory` → `factories`, `person` → `people`; plurals as given.
fn plural(unit: &str) -> String {
    let consonant_y = unit
        .strip_suffix('y')
        .filter(|stem| stem.chars().last().is_some_and(|c| !"aeiou".contains(c)));
    if unit == "person" {
        "people".to_string()
    } else if let Some(stem) = consonant_y {
        format!("{stem}ies")
    } else if unit.ends_with('s') || unit == "people" || !unit.chars().all(char::is_alphabetic) {
        unit.to_string()
    } else {
        format!("{unit}s")
    }
}

/// An event's full date with its precision, `9 September 2017 (day)`,
/// `8 September 2017 – 10 September 2017 (days)`, or `undated`: the one
/// form the browser's detail and `dossier show` share.
pub fn long_date(event: &crate::model::Event) -> String {
    use crate::date::Precision;
    let Some(span) = event.span() else {
        return crate::date::UNDATED.to_string();
    };
    let precision = match span.start.precision() {
        Precision::Day => "day",
        Precision::Month => "month",
        Precision::Year => "year",
    };
    let plural = if span.end.is_some() { "s" } else { "" };
    format!("{} ({precision}{plural})", span.long())
}

/// A date string from the dataset in long human form, or as written if it
/// does not parse (unvalidated data).
pub fn date(iso: &str) -> String {
    crate::date::PartialDate::parse(iso).map_or_else(|_| iso.to_string(), |d| d.long())
}

/// The document's bibliographic facts that are present, as `(label,
/// value)`, in reading order; an absent field gives no row, so no screen or
/// export prints a label with nothing after it. Values are raw data: the
/// caller sanitizes or escapes them for where they go.
pub fn document_facts(d: &crate::model::Document) -> Vec<(&'static str, String)> {
    let mut facts = Vec::new();
    if let Some(author) = &d.author {
        let role = d
            .author_role
            .as_deref()
            .map(|r| format!(" — {r}"))
            .unwrap_or_default();
        facts.push(("Author", format!("{author}{role}")));
    }
    for (label, value) in [("Publisher", &d.publisher), ("Series", &d.series)] {
        if let Some(v) = value {
            facts.push((label, v.clone()));
        }
    }
    for (label, value) in [("Published", &d.published), ("Corrected", &d.corrected)] {
        if let Some(v) = value {
            facts.push((label, date(v)));
        }
    }
    if let Some(language) = &d.language {
        facts.push(("Language", language.clone()));
    }
    if let Some(url) = &d.url {
        facts.push(("Original", url.clone()));
    }
    facts
}

/// A citation on one line: author, title, outlet, dates, URL.
pub fn citation(c: &crate::model::Citation) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(c.author.clone());
    parts.push(c.title.trim().to_string());
    parts.push(c.outlet.clone());
    parts.extend(c.published.as_deref().map(date));
    parts.extend(c.accessed.as_deref().map(|a| format!("accessed {}", date(a))));
    parts.extend(c.url.as_deref().map(crate::web::with_host));
    parts.join(", ")
}

/// A citation in a Chicago-like style, for pasting into a bibliography:
/// `Author. “Title.” Outlet, 10 September 2017. Accessed 1 September
/// 2017. https://…` (each part only when the data has it). Raw data: the
/// caller makes it safe for where it goes.
pub fn chicago(c: &crate::model::Citation) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(c.author.as_deref().map(sentence));
    parts.push(format!("“{}”", sentence(&c.title)));
    parts.push(sentence(&match c.published.as_deref() {
        Some(published) => format!("{}, {}", c.outlet.trim(), date(published)),
        None => c.outlet.clone(),
    }));
    parts.extend(c.accessed.as_deref().map(|a| format!("Accessed {}.", date(a))));
    parts.extend(c.url.as_deref().map(sentence));
    parts.join(" ")
}

/// The dossier itself in the style of [`chicago`]: `Author. “Title.”
/// Series. Publisher, 13 September 2017. https://…`.
pub fn chicago_document(d: &crate::model::Document) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(d.author.as_deref().map(sentence));
    parts.push(format!("“{}”", sentence(&d.title)));
    parts.extend(d.series.as_deref().map(sentence));
    let publisher = match (d.publisher.as_deref(), d.published.as_deref()) {
        (Some(p), Some(when)) => Some(format!("{}, {}", p.trim(), date(when))),
        (Some(p), None) => Some(p.to_string()),
        (None, Some(when)) => Some(date(when)),
        (None, None) => None,
    };
    parts.extend(publisher.as_deref().map(sentence));
    parts.extend(d.url.as_deref().map(sentence));
    parts.join(" ")
}

/// `text` trimmed and ended with a full stop, unless it ends with one or
/// with `?` or `!` already.
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '?', '!']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// How a fact the analysis does not state is marked for the reader:
/// `derived: …` or `from the public record, not the analysis: …`, with its
/// note. `None` for a stated fact, which needs no mark.
fn basis(p: &Provenance) -> Option<String> {
    let lead = match p.basis {
        Basis::Stated => return None,
        Basis::Derived => "derived",
        Basis::External => "from the public record, not the analysis",
    };
    Some(match p.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        Some(note) => format!("{lead}: {note}"),
        None => lead.to_string(),
    })
}

/// The marks of an item's facts: ` · <basis>` to append to the line that
/// shows the fact `inline` (the date line of an event), and one
/// `<fact> · <basis>` line for each other fact not stated.
pub fn provenance_marks(list: &[Provenance], inline: Option<&str>) -> (String, Vec<String>) {
    let mut suffix = String::new();
    let mut lines = Vec::new();
    for p in list {
        let Some(mark) = basis(p) else { continue };
        if inline == Some(p.fact.as_str()) {
            suffix.push_str(&format!(" · {mark}"));
        } else {
            lines.push(format!("{} · {mark}", p.fact));
        }
    }
    (suffix, lines)
}

/// What a footnote stands for, on one line: the full citation it is or
/// points to ("same as [7]: …"), its note text, or that it is unresolved.
pub fn resolution(r: &crate::model::Resolution<'_>) -> String {
    use crate::model::Resolution;
    match r {
        Resolution::Citation(c) => citation(c),
        Resolution::SameAs { number, citation: c } => format!("same as [{number}]: {}", citation(c)),
        Resolution::Note { text, url: Some(url) } => format!("note: {text} {}", crate::web::with_host(url)),
        Resolution::Note { text, url: None } => format!("note: {text}"),
        Resolution::Unresolved { text } => {
            format!("{text} (unresolved: no full citation exists in the source)")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chicago_citations_end_each_part_with_one_full_stop() {
        let c = crate::model::Citation {
            author: Some("Ayşe Yılmaz".into()),
            title: "Is it over? ".into(),
            outlet: "Avrasya Bülteni".into(),
            published: Some("2017-09-10".into()),
            accessed: Some("2017-09-13".into()),
            url: Some("https://example.org/a".into()),
            language: None,
        };
        assert_eq!(
            chicago(&c),
            "Ayşe Yılmaz. “Is it over?” Avrasya Bülteni, 10 September 2017. \
             Accessed 13 September 2017. https://example.org/a."
        );
    }

    fn fig(value: f64, unit: &str, qualifier: Qualifier) -> Figure {
        Figure {
            value,
            unit: unit.into(),
            measure: "m".into(),
            year: None,
            qualifier,
        }
    }

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(number(590_000_000.0), "590 million");
        assert_eq!(number(667_500_000.0), "667.5 million");
        assert_eq!(number(4_500_000_000.0), "4.5 billion");
        assert_eq!(number(13_000.0), "13,000");
        assert_eq!(number(50.0), "50");
        assert_eq!(number(0.5), "0.5");
    }

    #[test]
    /// Issue 15 3c: "1 factories", "2 rank".
    fn units_agree_with_their_value() {
        let say = |value: f64, unit: &str| figure(&fig(value, unit, Qualifier::Exact));
        assert_eq!(say(1.0, "factories"), "1 factory");
        assert_eq!(say(2.0, "factories"), "2 factories");
        assert_eq!(say(1.0, "companies"), "1 company");
        assert_eq!(say(1.0, "people"), "1 person");
        assert_eq!(say(3.0, "person"), "3 people");
        assert_eq!(say(2.0, "rank"), "rank 2");
        assert_eq!(say(1.0, "percent"), "1 percent");
        assert_eq!(say(6.0, "month"), "6 months");
        assert_eq!(say(1.0, "months"), "1 month");
        assert_eq!(say(50.0, "hectares"), "50 hectares");
        assert_eq!(say(1.0, "km²"), "1 km²");
    }

    #[test]
    fn figures_carry_unit_and_qualifier() {
        assert_eq!(figure(&fig(1e9, "USD", Qualifier::About)), "about $1 billion");
        assert_eq!(figure(&fig(1e10, "USD", Qualifier::Target)), "target $10 billion");
        assert_eq!(
            figure(&fig(15_000.0, "people", Qualifier::Exact)),
            "15,000 people"
        );
    }

    #[test]
    fn only_facts_not_stated_are_marked() {
        let p = |fact: &str, basis, note: Option<&str>| Provenance {
            fact: fact.into(),
            basis,
            note: note.map(String::from),
        };
        let list = [
            p("date", Basis::Derived, Some("the day of note 5")),
            p("title", Basis::Stated, None),
            p("end", Basis::External, Some(" the record ")),
            p("summary", Basis::Derived, None),
        ];
        let (suffix, lines) = provenance_marks(&list, Some("date"));
        assert_eq!(suffix, " · derived: the day of note 5");
        assert_eq!(
            lines,
            [
                "end · from the public record, not the analysis: the record",
                "summary · derived"
            ]
        );
        let (suffix, lines) = provenance_marks(&list, None);
        assert_eq!(suffix, "");
        assert_eq!(lines[0], "date · derived: the day of note 5");
    }
}
