//! Visual settings decided once at start-up: `NO_COLOR`, and the colour of
//! each role, which the user's configuration may change
//! ([`crate::config`]). `ui::theme` turns them into styles.

use ratatui::style::Color;

/// What a configurable colour paints. The discriminant indexes
/// [`COLOR_ROLES`] (a test keeps them in step).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorRole {
    Title,
    Heading,
    Dim,
    Highlight,
    Link,
    Url,
    Key,
    Warning,
    Selection,
    SelectionUnfocused,
    Border,
    BorderFocused,
    Status,
    StatusText,
    Bar,
    Target,
}

/// One configurable colour: its name in the `[theme]` section of the
/// configuration, what it paints, and its default.
#[derive(Debug, Clone, Copy)]
pub struct ColorSlot {
    pub role: ColorRole,
    pub id: &'static str,
    pub what: &'static str,
    pub default: Color,
}

const fn slot(role: ColorRole, id: &'static str, what: &'static str, default: Color) -> ColorSlot {
    ColorSlot {
        role,
        id,
        what,
        default,
    }
}

/// Every configurable colour, in [`ColorRole`] order: the one list that
/// the defaults, the configuration reader and `config --print-default`
/// share.
#[rustfmt::skip]
pub const COLOR_ROLES: &[ColorSlot] = &[
    slot(ColorRole::Title, "title", "titles of events and pages", Color::Cyan),
    slot(ColorRole::Heading, "heading", "section headings", Color::Yellow),
    slot(ColorRole::Dim, "dim", "secondary text", Color::Gray),
    slot(ColorRole::Highlight, "highlight", "background of matched letters (on black text)", Color::Yellow),
    slot(ColorRole::Link, "link", "footnote markers and links", Color::Cyan),
    slot(ColorRole::Url, "url", "URLs", Color::Blue),
    slot(ColorRole::Key, "key", "keys in the help", Color::Cyan),
    slot(ColorRole::Warning, "warning", "warnings and errors", Color::Red),
    slot(ColorRole::Selection, "selection", "background of the selected row of the focused list", Color::Cyan),
    slot(ColorRole::SelectionUnfocused, "selection_unfocused", "background of the selected row of another list", Color::DarkGray),
    slot(ColorRole::Border, "border", "pane borders", Color::DarkGray),
    slot(ColorRole::BorderFocused, "border_focused", "the focused pane's border", Color::Cyan),
    slot(ColorRole::Status, "status", "status line background", Color::DarkGray),
    slot(ColorRole::StatusText, "status_text", "status line text", Color::White),
    slot(ColorRole::Bar, "bar", "chart bars of measured values", Color::Cyan),
    slot(ColorRole::Target, "target", "chart bars of targets", Color::Yellow),
];

/// The colour of each role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colors([Color; COLOR_ROLES.len()]);

impl Default for Colors {
    fn default() -> Colors {
        let mut colors = [Color::Reset; COLOR_ROLES.len()];
        for (color, slot) in colors.iter_mut().zip(COLOR_ROLES) {
            *color = slot.default;
        }
        Colors(colors)
    }
}

impl Colors {
    /// The colour of `role`.
    pub fn get(&self, role: ColorRole) -> Color {
        self.0[role as usize]
    }

    /// Paints `role` in `color`.
    pub fn set(&mut self, role: ColorRole, color: Color) {
        self.0[role as usize] = color;
    }
}

/// Visual settings decided once at start-up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Theme {
    /// No colours at all; selection shown by reverse video and bold.
    pub no_color: bool,
    /// The colour of each role when there is colour.
    pub colors: Colors,
    /// URLs drawn as OSC 8 hyperlinks (`[terminal] links`); off, they are
    /// plain text.
    pub hyperlinks: bool,
}

impl Theme {
    /// Follows the `NO_COLOR` convention: set and non-empty disables colour.
    pub fn from_env() -> Theme {
        Theme {
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            colors: Colors::default(),
            hyperlinks: false,
        }
    }
}

/// A colour as the configuration and datasets write it: a name (`red`,
/// `light-blue`, `dark-gray`), `#rrggbb`, or a 256-colour index.
pub fn parse_color(text: &str) -> Option<Color> {
    text.parse().ok()
}

/// The spelling of `color` that [`parse_color`] reads back.
pub fn color_name(color: Color) -> String {
    match color {
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => i.to_string(),
        named => named.to_string().to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_index_their_slots() {
        for (i, slot) in COLOR_ROLES.iter().enumerate() {
            assert_eq!(slot.role as usize, i, "{}", slot.id);
        }
    }

    #[test]
    fn colour_names_read_back() {
        let colors = COLOR_ROLES.iter().map(|s| s.default).chain([
            Color::Rgb(1, 2, 255),
            Color::Indexed(42),
            Color::LightMagenta,
        ]);
        for color in colors {
            assert_eq!(
                parse_color(&color_name(color)),
                Some(color),
                "{}",
                color_name(color)
            );
        }
        assert_eq!(parse_color("#ff0000"), Some(Color::Rgb(255, 0, 0)));
        assert_eq!(parse_color("blurple"), None);
    }
}
