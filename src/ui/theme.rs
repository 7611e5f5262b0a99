//! Colours and text attributes. With `NO_COLOR` every style here is built
//! from attributes only (bold, reverse, underline, italic), never a colour.

use ratatui::style::{Color, Modifier, Style};

use crate::app::Theme;
use crate::app::doc::Role;
use crate::app::theme::ColorRole;

/// The colour the theme gives `role`.
fn paint(theme: Theme, role: ColorRole) -> Color {
    theme.colors.get(role)
}

/// `colored` normally; `plain` (attributes only) under `NO_COLOR`.
fn pick(theme: Theme, colored: Style, plain: Style) -> Style {
    if theme.no_color { plain } else { colored }
}

fn attr(m: Modifier) -> Style {
    Style::new().add_modifier(m)
}

/// How text of `role` looks; `selected` marks the chosen footnote marker.
pub fn role(theme: Theme, role: Role, selected: bool) -> Style {
    match role {
        Role::Plain => Style::new(),
        Role::Title => pick(
            theme,
            Style::new().fg(paint(theme, ColorRole::Title)).bold(),
            attr(Modifier::BOLD),
        ),
        Role::Heading => pick(
            theme,
            Style::new().fg(paint(theme, ColorRole::Heading)).bold(),
            attr(Modifier::BOLD),
        ),
        Role::Dim => pick(theme, Style::new().fg(paint(theme, ColorRole::Dim)), Style::new()),
        Role::Highlight => pick(
            theme,
            Style::new()
                .fg(Color::Black)
                .bg(paint(theme, ColorRole::Highlight)),
            attr(Modifier::BOLD | Modifier::UNDERLINED),
        ),
        Role::Marker(_) | Role::Link(_) if selected => attr(Modifier::REVERSED | Modifier::BOLD),
        Role::Marker(_) => pick(
            theme,
            Style::new().fg(paint(theme, ColorRole::Link)),
            Style::new(),
        ),
        // Without colour a link needs a mark of its own; a marker has its
        // brackets.
        Role::Link(_) => pick(
            theme,
            Style::new().fg(paint(theme, ColorRole::Link)),
            attr(Modifier::UNDERLINED),
        ),
        Role::Quote => attr(Modifier::ITALIC),
        Role::Url => pick(
            theme,
            Style::new().fg(paint(theme, ColorRole::Url)).underlined(),
            attr(Modifier::UNDERLINED),
        ),
        Role::Key => pick(
            theme,
            Style::new().fg(paint(theme, ColorRole::Key)).bold(),
            attr(Modifier::BOLD),
        ),
        Role::Warning => pick(
            theme,
            Style::new().fg(paint(theme, ColorRole::Warning)),
            attr(Modifier::BOLD),
        ),
    }
}

/// The selected list row: always visible, brighter when the list has focus.
pub fn selected_row(theme: Theme, focused: bool) -> Style {
    match (theme.no_color, focused) {
        (true, true) => attr(Modifier::REVERSED | Modifier::BOLD),
        (true, false) => attr(Modifier::REVERSED),
        (false, true) => Style::new()
            .fg(Color::Black)
            .bg(paint(theme, ColorRole::Selection))
            .bold(),
        (false, false) => Style::new().bg(paint(theme, ColorRole::SelectionUnfocused)),
    }
}

/// A pane border; the focused pane's stands out.
pub fn border(theme: Theme, focused: bool) -> Style {
    match (theme.no_color, focused) {
        (true, true) => attr(Modifier::BOLD),
        (true, false) => Style::new(),
        (false, true) => Style::new().fg(paint(theme, ColorRole::BorderFocused)),
        (false, false) => Style::new().fg(paint(theme, ColorRole::Border)),
    }
}

/// A tab label.
pub fn tab(theme: Theme, active: bool) -> Style {
    if active {
        selected_row(theme, true)
    } else {
        Style::new()
    }
}

/// The status line's background.
pub fn status_bar(theme: Theme) -> Style {
    pick(
        theme,
        Style::new()
            .bg(paint(theme, ColorRole::Status))
            .fg(paint(theme, ColorRole::StatusText)),
        Style::new(),
    )
}

/// Colours given to tabs that declare none, in tab order.
const TAB_PALETTE: [Color; 8] = [
    Color::Magenta,
    Color::Green,
    Color::Red,
    Color::Blue,
    Color::Cyan,
    Color::Yellow,
    Color::LightMagenta,
    Color::LightGreen,
];

/// The colour of the dataset's tab at `tab`: its declared one (validation
/// accepts only names and `#rrggbb` that parse), else one of a palette.
pub fn tab_color(tabs: &[crate::model::Tab], tab: usize) -> Color {
    let declared = tabs.get(tab).and_then(|t| t.color.as_deref());
    declared
        .and_then(crate::app::theme::parse_color)
        .unwrap_or_else(|| {
            if tab < tabs.len() {
                TAB_PALETTE[tab % TAB_PALETTE.len()]
            } else {
                Color::Gray
            }
        })
}

/// The badge of an event's tab: a letter, on the tab's colour when there
/// is colour.
pub fn badge(theme: Theme, color: Color) -> Style {
    pick(
        theme,
        Style::new().fg(Color::Black).bg(color),
        attr(Modifier::BOLD),
    )
}

/// The colour of a chart bar of a target, or of a measured value.
fn bar_color(theme: Theme, target: bool) -> Color {
    paint(theme, if target { ColorRole::Target } else { ColorRole::Bar })
}

/// A chart bar: measured values and targets differ in colour (and, drawn
/// by `ui::figures`, in their glyph, which is all `NO_COLOR` has).
pub fn bar(theme: Theme, target: bool) -> Style {
    pick(theme, Style::new().fg(bar_color(theme, target)), Style::new())
}

/// The value written on a bar.
pub fn bar_value(theme: Theme, target: bool) -> Style {
    pick(
        theme,
        Style::new().fg(Color::Black).bg(bar_color(theme, target)).bold(),
        attr(Modifier::REVERSED | Modifier::BOLD),
    )
}
