//! The rows of the views with rows of their own: what each line of their
//! list is, and the names and foldings those views share. Each view
//! builds its own rows (see [`crate::views`]).

use crate::lookup::Lookup;
use crate::model::{EntityKind, FootnoteBody, Resolution};
use crate::sanitize::SafeText;

/// One line of an extra view's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A group heading (a year, a kind of entity, an outlet); never
    /// selected.
    Heading(SafeText<'static>),
    /// An event, by index in the dataset (Timeline).
    Event(usize),
    /// An entity, by index in the dataset (People & Orgs).
    Entity(usize),
    /// A footnote not folded into another one (Sources).
    Source(u32),
    /// Figure `index` of event `event` (Figures).
    Figure { event: usize, index: usize },
}

impl Row {
    /// Whether the selection may rest on this row.
    pub fn selectable(&self) -> bool {
        !matches!(self, Row::Heading(_))
    }

    /// The event this row is about, if any.
    pub fn event(&self) -> Option<usize> {
        match self {
            Row::Event(e) | Row::Figure { event: e, .. } => Some(*e),
            _ => None,
        }
    }
}

/// Heading of a group of entities.
pub fn kind_heading(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "People",
        EntityKind::Country => "Countries",
        EntityKind::Organization => "Organizations",
        EntityKind::Company => "Companies",
        EntityKind::Agreement => "Agreements",
        EntityKind::Initiative => "Initiatives",
        EntityKind::Place => "Places",
    }
}

/// What one entity of a kind is called.
pub fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Country => "country",
        EntityKind::Organization => "organization",
        EntityKind::Company => "company",
        EntityKind::Agreement => "agreement",
        EntityKind::Initiative => "initiative",
        EntityKind::Place => "place",
    }
}

/// The earlier full citation a back-reference is folded into; `None`
/// for anything else (a back-reference that leads to no citation stays a
/// row of its own).
pub fn folded_into(ds: Lookup<'_>, n: u32) -> Option<u32> {
    match (&ds.footnote(n)?.body, ds.resolve(n)?) {
        (FootnoteBody::Backref { .. }, Resolution::SameAs { number, .. }) => Some(number),
        _ => None,
    }
}
