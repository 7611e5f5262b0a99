//! `y` and `Y`: an event, or its citation, to the clipboard.

use super::*;

/// The text of the one clipboard copy `effects` hold.
fn copied(effects: &[Effect]) -> &str {
    match effects {
        [Effect::CopyToClipboard(text)] => text,
        other => panic!("expected one copy, got {other:?}"),
    }
}

#[test]
fn y_copies_the_event_as_markdown_with_its_sources() {
    let mut app = app();
    keys(&mut app, "1G");
    assert_eq!(app.shown_event(), Some(event(&app, "visit")));
    let effects = keys(&mut app, "y");
    let text = copied(&effects);
    assert_eq!(
        text,
        "### 8 September 2017 – 10 September 2017 — Erdoğan visits Astana\n\n\
         Two days of talks. \\[1\\] \\[8\\]\n\n\
         > “Brothers.” — Recep Tayyip Erdoğan \\[26\\]\n\n\
         - \\[1\\] Visit, AA, https://aa.example/visit\n\
         - \\[8\\] same as \\[7\\]: Aselsan, H, https://h.example/a\n\
         - \\[26\\] note: Aksakal: an elder.\n"
    );
    assert_eq!(
        app.status.as_deref(),
        Some("copied “Erdoğan visits Astana” as Markdown, with 3 sources (OSC 52)")
    );
    // The same from the detail pane, the Timeline and the search results.
    keys(&mut app, "<Enter>");
    assert_eq!(copied(&keys(&mut app, "y")), text);
    keys(&mut app, "<Esc>T");
    let timeline = app.shown_event().unwrap();
    let effects = keys(&mut app, "y");
    assert!(copied(&effects).contains(&app.records[timeline].title));
    keys(&mut app, "/aselsan");
    let effects = keys(&mut app, "<C-y>");
    assert!(
        copied(&effects).starts_with("### May 2017 — Aselsan venture"),
        "{effects:?}"
    );
    assert!(matches!(app.mode, Mode::Search(_)), "the search stays open");
}

#[test]
fn y_keeps_copying_urls_where_it_did_and_says_when_there_is_no_event() {
    let mut app = app();
    keys(&mut app, "P");
    assert_eq!(keys(&mut app, "y"), []);
    assert_eq!(app.status.as_deref(), Some("no event selected here to copy"));
    keys(&mut app, "1G:1<Enter>");
    assert_eq!(
        copied(&keys(&mut app, "y")),
        "https://aa.example/visit",
        "the footnote popup's URL"
    );
}

#[test]
fn shift_y_copies_the_first_full_citation_or_the_dossiers() {
    let mut app = app();
    keys(&mut app, "1G");
    assert_eq!(
        copied(&keys(&mut app, "Y")),
        "“Visit.” AA. https://aa.example/visit."
    );
    assert_eq!(
        app.status.as_deref(),
        Some("copied the citation of footnote [1] (OSC 52)")
    );
    // Council cites only an unresolved note: the dossier is cited.
    keys(&mut app, "k");
    assert_eq!(app.shown_event(), Some(event(&app, "council")));
    let dossier = "Özge Nur Öğütcü. “T.” 2017/29. AVİM, 13 September 2017.";
    assert_eq!(copied(&keys(&mut app, "Y")), dossier);
    assert_eq!(
        app.status.as_deref(),
        Some("copied the dossier's citation (this event cites no full source) (OSC 52)")
    );
    keys(&mut app, "3");
    assert_eq!(copied(&keys(&mut app, "Y")), "“Aselsan.” H. https://h.example/a.");
    keys(&mut app, "O");
    assert_eq!(copied(&keys(&mut app, "Y")), dossier, "no event: the dossier");
}

#[test]
fn a_url_that_did_not_open_is_shown_with_how_to_copy_it() {
    let mut app = app();
    keys(&mut app, ":1<Enter>");
    assert_eq!(
        keys(&mut app, "o"),
        [Effect::OpenUrl("https://aa.example/visit".into())]
    );
    app.open_failed(
        "https://aa.example/visit\u{1b}[2J",
        "xdg-open failed, exit status: 3",
    );
    assert_eq!(
        app.status.as_deref(),
        Some(
            "could not open the URL (xdg-open failed, exit status: 3); y copies it: https://aa.example/visit\\u{1b}[2J"
        )
    );
    assert_eq!(app.messages.last(), app.status.as_ref(), "kept in the log, whole");
    assert_eq!(copied(&keys(&mut app, "y")), "https://aa.example/visit");
}
