//! Cross-links and the history: every link round-trips, and back/forward
//! restore the view, focus, selection and scroll exactly.

use super::*;

/// Selects marker/link `target` in the detail with Tab.
fn tab_to(app: &mut App, target: Link) {
    let links: Vec<Link> = app.detail_doc().unwrap().markers.iter().map(|m| m.link).collect();
    let at = links
        .iter()
        .position(|l| *l == target)
        .expect("the link is in the detail");
    keys(app, &"<Tab>".repeat(at + 1));
    assert_eq!(app.pane().unwrap().marker, Some(at));
}

#[test]
fn an_actor_link_leads_to_the_entity_and_back_restores_exactly() {
    let mut app = embedded();
    let visit = event(&app, "erdogan-visit-kazakhstan-2017");
    let erdogan = entity(&app, "erdogan");
    // Political, the visit selected, its detail focused and scrolled.
    app.set_area(Rect::new(0, 0, 100, 16));
    keys(&mut app, "1");
    let row = app
        .events_of(View::Tab(0))
        .iter()
        .position(|&e| e == visit)
        .unwrap();
    keys(&mut app, &"j".repeat(row));
    keys(&mut app, "<Enter>jj");
    tab_to(&mut app, Link::Entity(erdogan));
    let before = app.place();
    assert_eq!((before.view, before.focus), (View::Tab(0), Focus::Detail));
    assert!(before.pane.scroll > 0 && before.pane.offset > 0, "{before:?}");

    keys(&mut app, "<Enter>");
    assert_eq!(app.view, View::People);
    assert_eq!(app.selected_row(), Some(&Row::Entity(erdogan)));
    let doc = app.detail_doc().unwrap();
    assert!(
        doc.markers.iter().any(|m| m.link == Link::Event(visit)),
        "it links back"
    );
    let there = app.place();

    keys(&mut app, "<BS>");
    assert_eq!(app.place(), before, "Backspace restores exactly");
    keys(&mut app, "<A-Right>");
    assert_eq!(app.place(), there, "Alt-Right goes forward again");
    keys(&mut app, "<A-Left>");
    assert_eq!(app.place(), before, "Alt-Left is Backspace");
}

#[test]
fn entity_to_event_and_back_twice() {
    let mut app = embedded();
    let erdogan = entity(&app, "erdogan");
    keys(&mut app, "P");
    let row = app
        .rows_of(View::People)
        .iter()
        .position(|r| *r == Row::Entity(erdogan))
        .unwrap();
    keys(&mut app, &"j".repeat(row - 1));
    assert_eq!(app.selected_row(), Some(&Row::Entity(erdogan)));
    let people = app.place();
    // Enter lists the events: the first event link is chosen.
    keys(&mut app, "<Enter>");
    assert_eq!(app.focus, Focus::Detail);
    let listing = app.place();
    let first = app.detail_doc().unwrap().markers[0].link;
    let Link::Event(first) = first else {
        panic!("event links: {first:?}")
    };
    assert_eq!(first, app.links().mentions(erdogan)[0]);
    keys(&mut app, "<Enter>");
    assert_eq!(app.shown_event(), Some(first));
    assert_eq!(Some(app.view), app.view_of_event(first));
    assert_eq!(app.focus, Focus::Detail, "opened to be read");
    // Then on from the event to one of its places.
    let place = app.records[first].places.first().cloned();
    if let Some(place) = place {
        let at = entity(&app, &place);
        tab_to(&mut app, Link::Entity(at));
        keys(&mut app, "<Enter>");
        assert_eq!(app.selected_row(), Some(&Row::Entity(at)));
        keys(&mut app, "<BS>");
    }
    assert_eq!(app.shown_event(), Some(first));
    keys(&mut app, "<BS>");
    assert_eq!(app.place(), listing);
    keys(&mut app, "<Esc>");
    let now = app.place();
    assert_eq!(
        (now.view, now.focus, now.pane.selected, now.pane.offset),
        (
            people.view,
            people.focus,
            people.pane.selected,
            people.pane.offset
        ),
        "Esc leaves the detail; the list position is kept"
    );
}

#[test]
fn a_new_link_drops_the_forward_history_and_the_ends_say_so() {
    let mut app = app();
    keys(&mut app, "<BS>");
    assert_eq!(
        app.status.as_deref(),
        Some("nothing to go back to: follow a link first")
    );
    keys(&mut app, "<A-Right>");
    assert_eq!(app.status.as_deref(), Some("nothing to go forward to"));
    // The fixture's visit: actor Erdoğan.
    keys(&mut app, "1G<Enter>");
    tab_to(&mut app, Link::Entity(0));
    keys(&mut app, "<Enter><BS>");
    assert_eq!(app.history.forward.len(), 1);
    keys(&mut app, "<Enter>");
    assert_eq!(app.view, View::People);
    assert!(app.history.forward.is_empty(), "following forks the history");
    assert_eq!(app.history.back.len(), 1);
}

#[test]
fn timeline_enter_opens_the_event_in_its_tab_and_back_returns() {
    let mut app = embedded();
    keys(&mut app, "Tjjj");
    let chosen = app.shown_event().unwrap();
    let before = app.place();
    keys(&mut app, "<Enter>");
    assert_eq!(Some(app.view), app.view_of_event(chosen));
    assert_eq!(app.shown_event(), Some(chosen));
    keys(&mut app, "<BS>");
    assert_eq!(app.place(), before);
}

#[test]
fn a_footnote_popup_leads_to_its_source_and_a_backref_to_its_citation() {
    let mut app = app();
    keys(&mut app, "1:8<Enter>");
    let before = app.place();
    keys(&mut app, "<Enter>");
    assert!(app.popups.is_empty());
    assert_eq!(app.view, View::Sources);
    assert_eq!(app.selected_row(), Some(&Row::Source(7)), "8 is folded into 7");
    let doc = app.detail_doc().unwrap();
    let visit = event(&app, "visit");
    let aselsan = event(&app, "aselsan");
    let links: Vec<Link> = doc.markers.iter().map(|m| m.link).collect();
    assert_eq!(
        links,
        [Link::Event(aselsan), Link::Event(visit)],
        "cited directly and as [8]"
    );
    // Enter lists them; the second one opens the visit.
    keys(&mut app, "<Enter><Tab><Enter>");
    assert_eq!(app.shown_event(), Some(visit));
    keys(&mut app, "<BS><BS>");
    assert_eq!(app.place(), before);
    assert!(app.popups.is_empty(), "going back does not reopen popups");
}

#[test]
fn n_and_search_results_are_recorded_too() {
    let mut app = app();
    keys(&mut app, "2/erdogan<Enter>");
    let first = app.place();
    keys(&mut app, "n");
    assert_ne!(app.place(), first);
    keys(&mut app, "<BS>");
    assert_eq!(app.place(), first);
    keys(&mut app, "<BS>");
    assert_eq!(app.view, View::Tab(1), "back to before the search");
}
