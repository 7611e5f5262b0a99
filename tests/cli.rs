//! The real binary, every subcommand, exit codes included.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const MINI: &str = "tests/fixtures/mini.json";

fn dossier() -> Command {
    Command::cargo_bin("dossier").expect("binary builds")
}

fn on_mini(args: &[&str]) -> assert_cmd::assert::Assert {
    dossier().arg("--data").arg(MINI).args(args).assert()
}

fn stdout_json(assert: &assert_cmd::assert::Assert) -> Value {
    serde_json::from_slice(&assert.get_output().stdout).expect("stdout is JSON")
}

#[test]
fn search_finds_folded_names_and_exits_zero() {
    on_mini(&["search", "ERDOGAN"]).success().stdout(
        predicate::str::starts_with("2017-09-09..2017-09-10").and(predicate::str::contains("Erdoğan visits")),
    );
    on_mini(&["search", "tika"])
        .success()
        .stdout(predicate::str::contains("TİKA development"));
}

#[test]
fn search_without_results_exits_one_silently() {
    on_mini(&["search", "zzqqxx"]).code(1).stdout("");
}

#[test]
fn unparsable_query_exits_two_with_reason() {
    on_mini(&["search", "\"daily"])
        .code(2)
        .stderr(predicate::str::contains("unbalanced"));
    on_mini(&["search", "after:2017-13"])
        .code(2)
        .stderr(predicate::str::contains("month 13"));
}

#[test]
fn huge_input_is_echoed_short_in_errors() {
    let long = "x".repeat(100_000);
    for args in [
        vec!["search".to_string(), format!("\"{long}")],
        vec!["search".to_string(), format!("fn:{long}")],
        vec!["show".to_string(), long.clone()],
        vec!["list".to_string(), "--tab".to_string(), long.clone()],
        vec!["footnote".to_string(), long.clone()],
        vec!["export".to_string(), "--format".to_string(), long.clone()],
        vec![long.clone()],
        vec![format!("--{long}")],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let assert = on_mini(&args).code(2);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        let shown: Vec<&str> = args.iter().map(|a| &a[..a.len().min(12)]).collect();
        assert!(stderr.len() < 1_500, "{} bytes for {shown:?}", stderr.len());
        assert!(stderr.contains("xxx…"), "{stderr}");
    }
}

#[test]
fn search_json_has_the_promised_fields() {
    let assert = on_mini(&["search", "erdogan", "--json", "--limit", "1"]).success();
    let hits = stdout_json(&assert);
    let hits = hits.as_array().expect("array");
    assert_eq!(hits.len(), 1);
    for key in [
        "id",
        "date",
        "end",
        "tab",
        "title",
        "summary",
        "score",
        "footnotes",
    ] {
        assert!(hits[0].get(key).is_some(), "missing {key}: {}", hits[0]);
    }
    assert_eq!(hits[0]["id"], "erdogan-astana-2017");
    assert_eq!(hits[0]["end"], "2017-09-10");
}

#[test]
fn search_tab_filter_and_unknown_tab() {
    let assert = on_mini(&["search", "erdogan", "--tab", "economic", "--json"]).success();
    let hits = stdout_json(&assert);
    assert!(hits.as_array().unwrap().iter().all(|h| h["tab"] == "economic"));
    on_mini(&["search", "erdogan", "--tab", "cultural"])
        .code(2)
        .stderr(predicate::str::contains("unknown tab \"cultural\""));
}

#[test]
fn dates_rank_events_on_that_date_first() {
    on_mini(&["search", "2012"])
        .success()
        .stdout(predicate::str::starts_with("2012-10"));
    on_mini(&["search", "sep", "2017"])
        .success()
        .stdout(predicate::str::starts_with("2017-09-09..2017-09-10"));
}

#[test]
fn show_prints_event_with_resolved_sources() {
    on_mini(&["show", "erdogan-astana-2017"]).success().stdout(
        predicate::str::contains("9 September 2017 – 10 September 2017 (day)")
            .and(predicate::str::contains(
                "[3] “Türkiye-Kazakistan Siyasi İlişkileri.”",
            ))
            .and(predicate::str::contains("→ same as [1]: Türkiye-Kazakistan")),
    );
    let assert = on_mini(&["show", "erdogan-astana-2017", "--json"]).success();
    let event = stdout_json(&assert);
    assert_eq!(event["sources"][1]["resolution"]["number"], 1);
    on_mini(&["show", "no-such-event"])
        .code(2)
        .stderr(predicate::str::contains("no event with id"));
}

#[test]
fn footnote_resolves_backrefs_and_flags_unresolved() {
    on_mini(&["footnote", "3"])
        .success()
        .stdout(predicate::str::contains(
            "same as [1]: Türkiye-Kazakistan Siyasi İlişkileri, T.C. Dışişleri Bakanlığı",
        ));
    on_mini(&["footnote", "5"])
        .success()
        .stdout(predicate::str::contains("unresolved"));
    let assert = on_mini(&["footnote", "3", "--json"]).success();
    let note = stdout_json(&assert);
    assert_eq!(note["kind"], "backref");
    assert_eq!(
        note["resolution"]["url"],
        "https://example.org/mfa/turkiye-kazakistan"
    );
    on_mini(&["footnote", "99"])
        .code(2)
        .stderr(predicate::str::contains("footnotes 1 to 6"));
}

#[test]
fn list_is_in_date_order_and_filters_by_tab() {
    let assert = on_mini(&["list", "--json"]).success();
    let dates: Vec<String> = stdout_json(&assert)
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert_eq!(dates.len(), 7);
    let assert = on_mini(&["list", "--tab", "regional"]).success();
    let out = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert_eq!(out.lines().count(), 2, "{out}");
}

#[test]
fn validate_reports_problems_with_locations() {
    dossier()
        .args(["validate", MINI])
        .assert()
        .success()
        .stdout(predicate::str::contains("ok (7 events"));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    let text = std::fs::read_to_string(MINI)
        .unwrap()
        .replace("\"2016\"", "\"2016-13\"");
    std::fs::write(&bad, text).unwrap();
    dossier()
        .arg("validate")
        .arg(&bad)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("events[2].date").and(predicate::str::contains("month 13")));
    dossier()
        .args(["validate", "/nonexistent/data.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/data.json"));
}

#[test]
fn bad_data_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.json");
    std::fs::write(&empty, "").unwrap();
    dossier()
        .arg("--data")
        .arg(&empty)
        .args(["list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty"));
}

#[test]
fn export_json_round_trips_and_markdown_reads() {
    let assert = on_mini(&["export", "--format", "json"]).success();
    let exported: dossier::model::Dataset = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let original = dossier::data::load_path(std::path::Path::new(MINI)).unwrap();
    assert_eq!(exported, original);
    on_mini(&["export", "--format", "markdown"]).success().stdout(
        predicate::str::contains("## Sources")
            .and(predicate::str::contains(
                "### 9 September 2017 – 10 September 2017 — Erdoğan visits",
            ))
            .and(predicate::str::contains(
                "- \\[1\\] Türkiye-Kazakistan Siyasi İlişkileri, T.C. Dışişleri Bakanlığı",
            ))
            .and(predicate::str::contains("— cited as \\[3\\]"))
            .and(predicate::str::contains(
                "\\[5\\] Nahçıvan Anlaşması, 2009. *(unresolved",
            ))
            .and(predicate::str::contains("## Timeline\n\n### 1992"))
            .and(predicate::str::contains(
                "- 9 September 2017 – 10 September 2017 · Political · Erdoğan visits",
            )),
    );
}

#[test]
fn clap_definition_is_consistent() {
    use clap::CommandFactory;
    dossier::cli::Cli::command().debug_assert();
}

#[test]
fn typos_are_corrected_and_said_on_stderr() {
    dossier()
        .args(["search", "erdgoan"])
        .assert()
        .success()
        .stderr(predicate::str::contains("showing results for “erdogan”"))
        .stdout(predicate::str::contains("Erdoğan's visit to Kazakhstan"));
}

#[test]
fn search_json_carries_match_ranges_in_original_chars() {
    let assert = dossier()
        .args(["search", "erdogan", "--json", "--limit", "1"])
        .assert()
        .success();
    let hit = &stdout_json(&assert)[0];
    let title: Vec<char> = hit["title"].as_str().unwrap().chars().collect();
    let range = &hit["matches"]["title"][0];
    let (start, end) = (
        range[0].as_u64().unwrap() as usize,
        range[1].as_u64().unwrap() as usize,
    );
    assert_eq!(title[start..end].iter().collect::<String>(), "Erdoğan");
}

#[test]
fn explain_prints_score_components() {
    dossier()
        .args(["search", "erdogan", "2012", "--explain", "--limit", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("score").and(predicate::str::contains("erdogan: fuzzy in")))
        .stdout(predicate::str::contains("2012: date within"));
}

#[test]
fn export_tab_limits_events_and_sources() {
    let assert = on_mini(&["export", "--format", "markdown", "--tab", "regional"]).success();
    let text = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(text.contains("TİKA development projects"), "{text}");
    assert!(!text.contains("Erdoğan visits Astana"), "{text}");
    assert!(
        !text.contains("\\[1\\] Türkiye"),
        "footnote 1 is not cited by regional events"
    );
    on_mini(&["export", "--format", "json", "--tab", "nope"]).code(2);
}

#[test]
fn export_csv_has_one_row_per_event_and_defuses_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = dir.path().join("hostile.json");
    let text = std::fs::read_to_string(MINI)
        .unwrap()
        .replace("Nakhchivan Agreement founds the Turkic Council", "=HYPERLINK(1)");
    std::fs::write(&hostile, text).unwrap();
    let assert = dossier()
        .arg("--data")
        .arg(&hostile)
        .args(["export", "--format", "csv"])
        .assert()
        .success();
    let out = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["id", "date", "end", "tab", "title", "actors", "footnotes"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 7);
    let erdogan = rows.iter().find(|r| &r[0] == "erdogan-astana-2017").unwrap();
    assert_eq!(&erdogan[2], "2017-09-10");
    assert_eq!(&erdogan[6], "2; 3");
    let hostile_row = rows.iter().find(|r| &r[0] == "nakhchivan-agreement").unwrap();
    assert_eq!(&hostile_row[4], "'=HYPERLINK(1)");
}

#[test]
fn the_browser_path_reads_under_the_size_limit_too() {
    // No subcommand loads the file for the browser (and its text for the
    // reader's memory): an endless input is refused at the limit, not read.
    dossier()
        .env("DOSSIER_MAX_BYTES", "64K")
        .args(["--data", "/dev/zero"])
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("too large"));
}

#[test]
fn search_caches_the_index_of_a_large_file_and_finds_the_same() {
    // Past the cache's 1 MiB threshold: the embedded events, many times.
    let mut dataset = dossier::data::embedded();
    let events = dataset.events.clone();
    for copy in 1..32 {
        dataset.events.extend(events.iter().cloned().map(|mut e| {
            e.id = format!("{}-{copy}", e.id).into();
            e
        }));
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.json");
    std::fs::write(&file, serde_json::to_vec(&dataset).unwrap()).unwrap();
    let cache = dir.path().join("cache");
    let entries = |dir: &std::path::Path| std::fs::read_dir(dir).map_or(0, |d| d.count());
    let search = |extra: &[&str], query: &str| {
        let out = dossier()
            .env("DOSSIER_CACHE_DIR", &cache)
            .arg("--data")
            .arg(&file)
            .args(extra)
            .args(["search", query, "--limit", "50", "--json"])
            .assert()
            .success();
        out.get_output().stdout.clone()
    };
    let uncached = search(&["--no-cache"], "erdogan 2017");
    assert_eq!(entries(&cache), 0, "--no-cache writes nothing");
    let first = search(&[], "erdogan 2017");
    assert_eq!(entries(&cache), 1, "one entry, named by the file's hash");
    let second = search(&[], "erdogan 2017");
    assert_eq!(first, uncached);
    assert_eq!(second, uncached);
    // An edited file is a new entry, with its own results.
    dataset.events[0].title = "Erdoğan retitled 2017".into();
    std::fs::write(&file, serde_json::to_vec(&dataset).unwrap()).unwrap();
    let edited = search(&[], "retitled");
    assert_eq!(entries(&cache), 2);
    assert!(String::from_utf8_lossy(&edited).contains("retitled"));
}
