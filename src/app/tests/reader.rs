//! The Reader: the whole dossier as one document.

use super::*;

/// The reader's rows as text, one string a row.
fn rows(app: &App) -> Vec<String> {
    app.reading()
        .doc
        .rows
        .iter()
        .map(|r| r.iter().map(|s| s.text.as_str()).collect())
        .collect()
}

fn row_of(app: &App, text: &str) -> usize {
    rows(app)
        .iter()
        .position(|r| r.contains(text))
        .unwrap_or_else(|| panic!("{text:?} not in the reader"))
}

#[test]
fn the_reader_reads_the_dossier_straight_through() {
    let mut app = app();
    keys(&mut app, "r");
    assert_eq!(app.view, View::Reader);
    let order = [
        "T",
        "Overview text.",
        "Political",
        "Recognition",
        "Council set up",
        "Erdoğan visits Astana",
        "Economic",
        "Trade with Erdoğan's blessing",
        "Security & Military",
        "Aselsan venture",
        "Regional Organizations",
        "Conclusion text.",
    ];
    let at: Vec<usize> = order.iter().map(|t| row_of(&app, t)).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{order:?} at {at:?}");
    let text = rows(&app).join("\n");
    assert!(text.contains("“Brothers.” — Recep Tayyip Erdoğan"), "{text}");
    assert!(text.contains("Two days of talks. [1] [8]"), "{text}");
    // Built once for a size, not on every frame.
    assert!(std::rc::Rc::ptr_eq(&app.reading(), &app.reading()));
}

#[test]
fn footnote_markers_open_the_popup_and_cite_inline() {
    let mut app = app();
    keys(&mut app, "r");
    let plain = app.reading().doc.rows.len();
    keys(&mut app, "<Tab>");
    let first = app.reader.marker.expect("a marker is selected");
    let n = app.reading().doc.markers[first].footnote();
    keys(&mut app, "<Enter>");
    assert_eq!(app.popups.last(), n.map(Popup::Footnote).as_ref());
    keys(&mut app, "<Esc><Tab>");
    assert_eq!(app.reader.marker, Some(first + 1));
    keys(&mut app, "f");
    assert!(app.reading().doc.rows.len() > plain, "citations printed inline");
}

#[test]
fn words_are_found_and_stepped_through() {
    let mut app = app();
    app.set_area(Rect::new(0, 0, 80, 12));
    keys(&mut app, "r/ERDOGAN<Enter>");
    let hits = app.reading().hits.clone();
    assert!(hits.len() >= 2, "{hits:?}");
    let height = usize::from(app.layout().detail_inner().height);
    let shown = |app: &App, row: usize| (app.reader.scroll..app.reader.scroll + height).contains(&row);
    assert!(shown(&app, hits[0]), "{hits:?} from {}", app.reader.scroll);
    let first = app.reader.scroll;
    keys(&mut app, "n");
    assert!(
        shown(&app, hits[1]) && app.reader.scroll > first,
        "{hits:?} from {}",
        app.reader.scroll
    );
    assert!(
        app.status.as_ref().is_some_and(|s| s.as_str().contains("2 of")),
        "{:?}",
        app.status
    );
    // Past the last, the search goes on from the top, and says so.
    for _ in 0..hits.len() - 1 {
        keys(&mut app, "n");
    }
    assert!(shown(&app, hits[0]), "{hits:?} from {}", app.reader.scroll);
    let said = |app: &App, what: &str| app.status.as_ref().is_some_and(|s| s.as_str().contains(what));
    assert!(said(&app, "(from the top)"), "{:?}", app.status);
    keys(&mut app, "N");
    assert!(said(&app, "(from the bottom)"), "{:?}", app.status);
    // Found words are marked, and Esc clears them.
    let marked = app
        .reading()
        .doc
        .rows
        .iter()
        .flatten()
        .any(|s| s.role == doc::Role::Highlight);
    assert!(marked);
    keys(&mut app, "<Esc>");
    assert_eq!(app.reader.find, None);
    keys(&mut app, "/qqqzzz<Enter>");
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.as_str().contains("not in the text"))
    );
}

#[test]
fn the_tab_picker_goes_to_a_section_and_the_place_is_kept() {
    let mut app = app();
    app.set_area(Rect::new(0, 0, 80, 12));
    keys(&mut app, "r0secur<Enter>");
    assert_eq!(app.view, View::Reader, "the picker moves within the reader");
    let section = row_of(&app, "Security & Military");
    assert_eq!(app.reader.scroll, section);
    let memory = app.memory();
    assert_eq!(memory.position.view, "reader");
    let mut again = super::app();
    again.set_area(Rect::new(0, 0, 80, 12));
    again.recall(&memory);
    assert_eq!((again.view, again.reader.scroll), (View::Reader, section));
    // A wider terminal keeps about the same share of the dossier on top,
    // and never scrolls past the end.
    keys(&mut app, "G");
    app.set_area(Rect::new(0, 0, 200, 60));
    let (rows, height) = (app.reading().doc.rows.len(), 60 - 4);
    assert!(
        app.reader.scroll + height <= rows.max(height),
        "{} of {rows}",
        app.reader.scroll
    );
}

#[test]
fn the_wheel_scrolls_the_reader() {
    let mut app = app();
    app.set_area(Rect::new(0, 0, 80, 12));
    keys(&mut app, "r");
    let body = app.layout().detail_inner();
    click(&mut app, MouseEventKind::ScrollDown, body.x + 2, body.y + 2);
    assert!(app.reader.scroll > 0);
    for _ in 0..500 {
        click(&mut app, MouseEventKind::ScrollDown, body.x + 2, body.y + 2);
    }
    let (rows, height) = (app.reading().doc.rows.len(), usize::from(body.height));
    assert_eq!(app.reader.scroll, rows - height);
}

/// An imported article is read as written: its paragraphs in the article's
/// order (not by date), each whole, with no date or title put between its
/// sentences, and each note marked once, selectable where the text marks it.
#[test]
fn an_imported_article_reads_as_written_with_its_markers_in_place() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/article.md");
    let text = std::fs::read_to_string(path).unwrap();
    let dataset = crate::import::markdown::import(&text, "article.md")
        .unwrap()
        .dataset;
    let mut app = App::new(dataset, Theme::default());
    app.set_area(Rect::new(0, 0, 200, 60));
    keys(&mut app, "r");
    let all = rows(&app);
    let joined = "Aktau Port handled 5 million tonnes on 9 March 2020. [1] The Caspian Ports Council met again in May 2020. [2]";
    assert!(
        all.iter().any(|r| r == joined),
        "one paragraph as written:\n{}",
        all.join("\n")
    );
    // 2018 is earlier than 2020, but the article writes it after.
    assert!(row_of(&app, "Aktau Port") < row_of(&app, "Ferries to Baku were added"));
    assert!(
        !all.iter()
            .any(|r| r.contains("9 Mar 2020") || r.contains("9 March 2020 (day)")),
        "{all:?}"
    );
    let reading = app.reading();
    let markers: Vec<u32> = reading.doc.markers.iter().filter_map(|m| m.footnote()).collect();
    assert_eq!(
        markers,
        [1, 1, 2, 3, 4, 5],
        "each note once per paragraph, in order"
    );
    let on_row = |row: usize| {
        reading.doc.rows[row]
            .iter()
            .filter(|s| s.role.ordinal().is_some())
            .count()
    };
    assert_eq!(
        on_row(row_of(&app, "Aktau Port")),
        2,
        "the written [1] and [2] are the markers"
    );
}
