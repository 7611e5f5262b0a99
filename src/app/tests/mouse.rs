//! Mouse and sizes: clicks, the wheel, tiny terminals.

use super::*;

#[test]
fn mouse_selects_tabs_rows_and_markers_and_wheel_scrolls() {
    let mut app = app();
    let (_, _, rect) = app.layout().tab_labels[2].clone();
    click(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        rect.x + 1,
        rect.y,
    );
    assert_eq!(app.view, View::Tab(0));
    let list = app.layout().list_inner();
    click(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        list.x + 2,
        list.y + 2,
    );
    assert_eq!(app.position(), Some((3, 3)));
    click(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        list.x + 2,
        list.y + 20,
    );
    assert_eq!(
        app.position(),
        Some((3, 3)),
        "a click below the rows selects nothing"
    );

    let detail = app.layout().detail_inner();
    let spot = app.detail_doc().unwrap().markers[1];
    click(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        detail.x + spot.col as u16 + 1,
        detail.y + spot.row as u16,
    );
    assert_eq!(app.focus, Focus::Detail);
    assert_eq!(app.pane().unwrap().marker, Some(1));

    // A short pane so the detail can scroll.
    app.set_area(Rect::new(0, 0, 60, 12));
    let detail = app.layout().detail_inner();
    click(&mut app, MouseEventKind::ScrollDown, detail.x, detail.y);
    assert_eq!(app.pane().unwrap().scroll, 3);
    click(&mut app, MouseEventKind::ScrollUp, detail.x, detail.y);
    click(&mut app, MouseEventKind::ScrollUp, detail.x, detail.y);
    assert_eq!(app.pane().unwrap().scroll, 0);

    keys(&mut app, ":1<Enter>");
    click(&mut app, MouseEventKind::Down(MouseButton::Left), 0, 0);
    assert!(app.popups.is_empty(), "a click outside a popup closes it");
    assert_eq!(app.view, View::Tab(0), "and does nothing else");
}

#[test]
fn wheel_over_the_list_scrolls_and_keeps_the_selection_on_screen() {
    // The embedded dossier has more events per tab than fit in 12 rows.
    let mut app = App::new(crate::data::embedded(), Theme::default());
    app.set_area(Rect::new(0, 0, 80, 12));
    keys(&mut app, "1");
    let list = app.layout().list_inner();
    let rows = usize::from(list.height);
    let total = app.position().unwrap().1;
    assert!(total > rows + 3, "{total} events, {rows} rows");
    click(&mut app, MouseEventKind::ScrollDown, list.x, list.y);
    let p = *app.pane().unwrap();
    assert_eq!(
        (p.offset, p.selected),
        (3, 3),
        "the selection follows the top edge"
    );
    keys(&mut app, "j");
    click(&mut app, MouseEventKind::ScrollUp, list.x, list.y);
    let p = *app.pane().unwrap();
    assert_eq!((p.offset, p.selected), (0, 4), "a visible selection stays put");
    for _ in 0..100 {
        click(&mut app, MouseEventKind::ScrollDown, list.x, list.y);
    }
    let p = *app.pane().unwrap();
    assert_eq!(p.offset, total - rows, "stops at the last page");
}

#[test]
fn the_layout_is_empty_below_the_minimum_size() {
    let mut app = app();
    for (w, h) in [(0, 0), (1, 1), (39, 40), (120, 9)] {
        app.set_area(Rect::new(0, 0, w, h));
        let l = app.layout();
        assert!(l.too_small);
        keys(&mut app, "1jG<Enter><Tab>");
        click(&mut app, MouseEventKind::ScrollDown, 0, 0);
    }
}
