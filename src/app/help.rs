//! What the `?` help overlay and the README's key table say: each
//! context's keys from the [`KeyMap`], then the mouse and the search
//! syntax.

use super::keymap::{Context, KeyMap};

/// One line of the help overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpLine<'k> {
    Heading(&'static str),
    Entry {
        keys: &'k str,
        help: &'static str,
    },
    /// The explanation of an entry whose keys are too wide to share its line.
    Continuation(&'static str),
    Blank,
}

/// Keys wider than this put their explanation on the next line (long search
/// examples), so they do not push every other entry to the right.
pub const KEYS_MAX: usize = 16;

impl KeyMap {
    /// The help overlay's lines: each context's bindings under its title.
    pub fn help_lines(&self) -> Vec<HelpLine<'_>> {
        let mut out = Vec::new();
        for ctx in Context::all() {
            if !out.is_empty() {
                out.push(HelpLine::Blank);
            }
            out.push(HelpLine::Heading(ctx.title()));
            for r in self.rows_of(ctx) {
                out.push(HelpLine::Entry {
                    keys: r.label.as_ref(),
                    help: r.binding.help,
                });
            }
        }
        out.extend(appendix());
        out
    }

    /// The help lines in `columns` columns (1 or 2), split between
    /// sections so that the columns come out about even.
    pub fn help_columns(&self, columns: usize) -> Vec<Vec<HelpLine<'_>>> {
        let lines: Vec<HelpLine> = self
            .help_lines()
            .into_iter()
            .flat_map(|line| match line {
                HelpLine::Entry { keys, help } if keys.chars().count() > KEYS_MAX => {
                    vec![HelpLine::Entry { keys, help: "" }, HelpLine::Continuation(help)]
                }
                line => vec![line],
            })
            .collect();
        if columns < 2 {
            return vec![lines];
        }
        let half = lines.len().div_ceil(2);
        let split = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| **l == HelpLine::Blank)
            .map(|(i, _)| i)
            .min_by_key(|&i| i.abs_diff(half))
            .unwrap_or(lines.len());
        let (left, right) = lines.split_at(split);
        // The right column starts at a heading, not at the blank line.
        vec![left.to_vec(), right.iter().skip(1).copied().collect()]
    }
}

/// The help after the key table: the mouse and the search syntax.
fn appendix() -> Vec<HelpLine<'static>> {
    let mouse = [
        HelpLine::Blank,
        HelpLine::Heading("Mouse"),
        HelpLine::Entry {
            keys: "wheel",
            help: "scroll the pane under the pointer",
        },
        HelpLine::Entry {
            keys: "click",
            help: "select a tab, a row, a link or a footnote marker; open a bookmark",
        },
        HelpLine::Blank,
        HelpLine::Heading("Search syntax (after /)"),
    ];
    let syntax = crate::search::SYNTAX
        .iter()
        .map(|(keys, help)| HelpLine::Entry { keys, help });
    mouse.into_iter().chain(syntax).collect()
}

/// The help lines as a Markdown table, for the README (a test keeps the
/// README's copy identical).
pub fn markdown() -> String {
    let mut out = String::from("| keys | what they do |\n|---|---|\n");
    for line in KeyMap::default().help_lines() {
        match line {
            HelpLine::Heading(title) => out.push_str(&format!("| **{title}** | |\n")),
            HelpLine::Entry { keys, help } => {
                out.push_str(&format!("| `{}` | {help} |\n", keys.replace('|', "\\|")))
            }
            HelpLine::Continuation(_) | HelpLine::Blank => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readme_key_table_is_the_generated_one() {
        let readme = include_str!("../../README.md");
        let table = markdown();
        assert!(
            readme.contains(&table),
            "README.md's key table differs from the key map; replace it with:\n{table}"
        );
    }
}
