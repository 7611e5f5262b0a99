//! Human forms of dataset values shared by the CLI, search and the TUI.

use crate::model::{Figure, Qualifier};

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
    let amount = match f.unit.as_str() {
        "USD" => format!("${}", number(f.value)),
        unit => format!("{} {unit}", number(f.value)),
    };
    match f.qualifier {
        Qualifier::Exact => amount,
        Qualifier::About => format!("about {amount}"),
        Qualifier::Over => format!("over {amount}"),
        Qualifier::Target => format!("target {amount}"),
    }
}

/// A date string from the dataset in long human form, or as written if it
/// does not parse (unvalidated data).
pub fn date(iso: &str) -> String {
    crate::date::PartialDate::parse(iso).map_or_else(|_| iso.to_string(), |d| d.long())
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
    fn figures_carry_unit_and_qualifier() {
        assert_eq!(figure(&fig(1e9, "USD", Qualifier::About)), "about $1 billion");
        assert_eq!(figure(&fig(1e10, "USD", Qualifier::Target)), "target $10 billion");
        assert_eq!(
            figure(&fig(15_000.0, "people", Qualifier::Exact)),
            "15,000 people"
        );
    }
}
