//! Issue 15 3g: hints advertise only keys that do something here; and
//! 3j: `y`/`o` reach the original article from the Overview.

use super::*;

fn labels(app: &App) -> Vec<&str> {
    app.hints(&app.contexts())
        .into_iter()
        .map(|(keys, _)| keys)
        .collect()
}

#[test]
fn the_overview_does_not_advertise_enter_or_f() {
    let mut app = app();
    keys(&mut app, "O");
    let hints = labels(&app);
    assert!(!hints.contains(&"Enter") && !hints.contains(&"f"), "{hints:?}");
    assert!(hints.contains(&"/"), "{hints:?}");
    // On a tab they do something, and are advertised.
    keys(&mut app, "1");
    let hints = labels(&app);
    assert!(hints.contains(&"Enter") && hints.contains(&"f"), "{hints:?}");
}

#[test]
fn a_footnote_without_a_url_does_not_advertise_y_or_o() {
    let mut app = app();
    keys(&mut app, ":26<Enter>");
    assert_eq!(app.popups.last(), Some(&Popup::Footnote(26)));
    let hints = labels(&app);
    assert!(!hints.contains(&"y") && !hints.contains(&"o"), "{hints:?}");
    // A javascript: URL is never copied or opened: not advertised either.
    keys(&mut app, "<Esc>:20<Enter>");
    let hints = labels(&app);
    assert!(!hints.contains(&"y") && !hints.contains(&"o"), "{hints:?}");
    keys(&mut app, "<Esc>:1<Enter>");
    let hints = labels(&app);
    assert!(hints.contains(&"y") && hints.contains(&"o"), "{hints:?}");
}

#[test]
fn the_original_article_is_copied_and_opened_from_the_overview() {
    let mut app = app();
    keys(&mut app, "O");
    assert!(!labels(&app).contains(&"y"), "the fixture's document has no URL");
    assert_eq!(keys(&mut app, "y"), []);
    assert!(
        app.status.as_deref().is_some_and(|s| s.contains("no URL")),
        "{:?}",
        app.status
    );

    let mut app = embedded();
    let url = app
        .dataset
        .document
        .url
        .clone()
        .expect("the embedded dossier links its original");
    keys(&mut app, "O");
    assert!(labels(&app).contains(&"y"));
    assert_eq!(keys(&mut app, "y"), [Effect::CopyToClipboard(url.clone())]);
    assert_eq!(keys(&mut app, "o"), [Effect::OpenUrl(url)]);
}
