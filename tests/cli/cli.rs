//! The real binary, every subcommand, exit codes included.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const MINI: &str = "tests/fixtures/mini.json";

/// The binary, with no configuration file of the user's in the way.
fn dossier() -> Command {
    let mut command = Command::cargo_bin("dossier").expect("binary builds");
    command.env("XDG_CONFIG_HOME", "/nonexistent/dossier-tests");
    command
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
        // "(days)", as the browser says it: the span's precision.
        predicate::str::contains("9 September 2017 – 10 September 2017 (days)")
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

/// A file name that retitles the terminal and writes its clipboard
/// (OSC 2, OSC 52) when printed raw.
const HOSTILE_NAME: &str = "x\u{1b}]2;OWNED\u{7}\u{1b}]52;c;UFdORUQ=\u{7}.json";

/// Neither stream holds an ESC or a BEL byte.
#[track_caller]
fn assert_no_escapes(assert: &assert_cmd::assert::Assert) {
    let out = assert.get_output();
    for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        assert!(
            !bytes.contains(&0x1b) && !bytes.contains(&0x07),
            "{name}: {}",
            String::from_utf8_lossy(bytes).escape_debug()
        );
    }
}

#[test]
fn file_names_are_printed_with_their_escapes_visible() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(HOSTILE_NAME);
    let mini = std::fs::read_to_string(MINI).unwrap();
    std::fs::write(&file, &mini).unwrap();
    let ok = dossier().arg("validate").arg(&file).assert().success();
    assert_no_escapes(&ok);
    let shown = String::from_utf8_lossy(&ok.get_output().stdout).to_string();
    assert!(
        shown.contains("x\\u{1b}]2;OWNED\\u{7}") && shown.contains("ok (7 events"),
        "{shown}"
    );
    // With problems, unreadable, empty: every message names the file.
    std::fs::write(&file, mini.replace("\"2016\"", "\"2016-13\"")).unwrap();
    assert_no_escapes(&dossier().arg("validate").arg(&file).assert().code(1));
    let missing = dir.path().join("missing").join(HOSTILE_NAME);
    assert_no_escapes(&dossier().arg("validate").arg(&missing).assert().code(2));
    std::fs::write(&file, "").unwrap();
    assert_no_escapes(&dossier().arg("--data").arg(&file).arg("list").assert().code(2));
}

#[test]
fn a_unicode_host_is_printed_with_its_punycode() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("idn.json");
    let text = std::fs::read_to_string(MINI).unwrap().replace(
        "https://example.org/mfa/turkiye-kazakistan",
        "https://аpple.com/mfa",
    );
    std::fs::write(&file, text).unwrap();
    let on_idn = |args: &[&str]| {
        let assert = dossier().arg("--data").arg(&file).args(args).assert().success();
        String::from_utf8_lossy(&assert.get_output().stdout).to_string()
    };
    for out in [
        on_idn(&["footnote", "1"]),
        on_idn(&["show", "strategic-council-2012"]),
    ] {
        assert!(
            out.contains("https://аpple.com/mfa (host xn--pple-43d.com)"),
            "{out}"
        );
    }
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
    // The version 1 fixture comes out in the current schema, otherwise equal.
    assert_eq!(
        (exported.format.as_deref(), exported.version),
        (Some("dossier"), Some(2))
    );
    assert_eq!(
        dossier::model::Dataset {
            format: None,
            version: None,
            ..exported
        },
        original
    );
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

/// The columns of `export --format csv`, in order.
const CSV_HEADER: [&str; 11] = [
    "id",
    "date",
    "end",
    "tab",
    "title",
    "summary",
    "actors",
    "places",
    "figures",
    "footnotes",
    "footnote_urls",
];

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
    assert_eq!(reader.headers().unwrap(), CSV_HEADER.to_vec());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 7);
    let erdogan = rows.iter().find(|r| &r[0] == "erdogan-astana-2017").unwrap();
    assert_eq!(&erdogan[2], "2017-09-10");
    assert_eq!(&erdogan[9], "2; 3");
    let hostile_row = rows.iter().find(|r| &r[0] == "nakhchivan-agreement").unwrap();
    assert_eq!(&hostile_row[4], "'=HYPERLINK(1)");
}

#[test]
fn the_browser_path_reads_under_the_size_limit_too() {
    // No subcommand loads the file for the browser (and its text for the
    // reader's memory): an endless input is refused at the limit, not read.
    let bin = env!("CARGO_BIN_EXE_dossier");
    Command::new("sh")
        .args(["-c", &format!("yes | exec {bin} --data /dev/stdin")])
        .env("DOSSIER_MAX_BYTES", "64K")
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("too large"));
}

#[test]
fn data_from_a_pipe_loads_and_a_device_or_directory_is_refused() {
    let json = std::fs::read(MINI).unwrap();
    dossier()
        .args(["--data", "/dev/stdin", "list"])
        .write_stdin(json)
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .success()
        .stdout(predicate::str::is_empty().not());
    for (path, what) in [("/dev/zero", "is a character device"), ("/tmp", "is a directory")] {
        dossier()
            .args(["--data", path, "list"])
            .timeout(std::time::Duration::from_secs(30))
            .assert()
            .code(2)
            .stderr(format!(
                "dossier: error: cannot read {path}: {what}, expected a regular file or a pipe\n"
            ));
    }
}

#[test]
fn a_named_pipe_called_json_loads_as_a_dataset() {
    // Telling a `.json` dataset from a timeline once read the pipe whole,
    // which left the loader an empty one.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("data.json");
    let script = format!(
        "mkfifo {fifo} && (cat {MINI} > {fifo} &) && exec {bin} --data {fifo} list",
        fifo = fifo.display(),
        bin = env!("CARGO_BIN_EXE_dossier"),
    );
    Command::new("sh")
        .args(["-c", &script])
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .success()
        .stdout(predicate::str::is_empty().not());
}

#[test]
fn an_os_error_is_printed_once() {
    dossier()
        .args(["--data", "/nonexistent/data.json", "list"])
        .assert()
        .code(2)
        .stderr(
            "dossier: error: cannot read /nonexistent/data.json: No such file or directory (os error 2)\n",
        );
}

#[test]
fn search_caches_the_index_of_a_large_file_and_finds_the_same() {
    // Past the cache's 1 MiB threshold: the embedded events, many times.
    let mut dataset = dossier::data::embedded();
    let events = dataset.events.clone();
    for copy in 1..32 {
        dataset.events.extend(events.iter().cloned().map(|mut e| {
            e.id = format!("{}-{copy}", e.id);
            e
        }));
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.json");
    std::fs::write(&file, serde_json::to_vec(&dataset).unwrap()).unwrap();
    let cache = dir.path().join("cache");
    let entries = |dir: &std::path::Path| std::fs::read_dir(dir).map_or(0, |d| d.count());
    let searched = |extra: &[&str], query: &str, output: &[&str]| {
        let out = dossier()
            .env("DOSSIER_CACHE_DIR", &cache)
            .arg("--data")
            .arg(&file)
            .args(extra)
            .args(["search", query, "--limit", "50"])
            .args(output)
            .assert()
            .success();
        out.get_output().stdout.clone()
    };
    let search = |extra: &[&str], query: &str| searched(extra, query, &["--json"]);
    let uncached = search(&["--no-cache"], "erdogan 2017");
    assert_eq!(entries(&cache), 0, "--no-cache writes nothing");
    let first = search(&[], "erdogan 2017");
    assert_eq!(entries(&cache), 1, "one entry, named by the file's path");
    let second = search(&[], "erdogan 2017");
    assert_eq!(first, uncached);
    assert_eq!(second, uncached);
    // Served from the entry, only the events shown are read from it: each
    // way of printing them prints what a fresh read does.
    for output in [&["--explain"][..], &[]] {
        let fresh = searched(&["--no-cache"], "erdogan 2017-05", output);
        assert!(String::from_utf8_lossy(&fresh).contains("──"), "a divider");
        assert_eq!(searched(&[], "erdogan 2017-05", output), fresh, "{output:?}");
    }
    // An edited file replaces its entry, with its own results.
    dataset.events[0].title = "Erdoğan retitled 2017".into();
    std::fs::write(&file, serde_json::to_vec(&dataset).unwrap()).unwrap();
    let edited = search(&[], "retitled");
    assert_eq!(entries(&cache), 1);
    assert!(String::from_utf8_lossy(&edited).contains("retitled"));
}

#[test]
fn tab_names_an_id_or_a_title_prefix_in_any_case() {
    // The embedded dossier's fourth tab is "Security & Military", id security.
    let by_title = dossier().args(["list", "--tab", "Security"]).assert().success();
    let by_id = dossier().args(["list", "--tab", "SECURITY"]).assert().success();
    let out = String::from_utf8_lossy(&by_title.get_output().stdout).into_owned();
    assert_eq!(out, String::from_utf8_lossy(&by_id.get_output().stdout));
    assert!(
        out.lines().count() >= 6 && out.lines().all(|l| l.contains(" security ")),
        "{out}"
    );
    let reg = dossier()
        .args(["search", "turkic", "--tab", "reg"])
        .assert()
        .success();
    let out = String::from_utf8_lossy(&reg.get_output().stdout).into_owned();
    assert!(
        !out.is_empty() && out.lines().all(|l| l.contains(" regional ")),
        "{out}"
    );
    dossier()
        .args(["list", "--tab", "nowhere"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("unknown tab \"nowhere\"")
                .and(predicate::str::contains("security (Security & Military)")),
        );
}

#[test]
fn migrate_writes_version_2_that_loads_like_the_version_1_file() {
    let v1 = "tests/fixtures/v1-kazakhstan-turkey-2017.json";
    let migrated = dossier().args(["migrate", v1]).assert().success();
    let json = stdout_json(&migrated);
    assert_eq!(
        (json["format"].as_str(), json["version"].as_u64()),
        (Some("dossier"), Some(2))
    );
    // Read back from standard input: the same events, in the same order.
    let stdin = migrated.get_output().stdout.clone();
    dossier()
        .args(["validate", "-"])
        .write_stdin(stdin.clone())
        .assert()
        .success();
    let original = stdout_json(
        &dossier()
            .args(["--data", v1, "list", "--json"])
            .assert()
            .success(),
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("v2.json");
    dossier()
        .args(["migrate", v1, "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    assert_eq!(std::fs::read(&out).unwrap(), stdin, "-o writes what stdout shows");
    let again = stdout_json(
        &dossier()
            .arg("--data")
            .arg(&out)
            .args(["list", "--json"])
            .assert()
            .success(),
    );
    assert_eq!(original, again);
    // Migrating a version 2 file changes nothing.
    dossier()
        .arg("migrate")
        .arg(&out)
        .assert()
        .success()
        .stdout(String::from_utf8(stdin).unwrap());
}

#[test]
fn schema_completions_and_man_are_printed() {
    let schema = stdout_json(&dossier().arg("schema").assert().success());
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    for shell in ["bash", "zsh", "fish"] {
        dossier()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("migrate").and(predicate::str::contains("--data")));
    }
    dossier()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH dossier"));
}

#[test]
fn show_marks_facts_the_analysis_does_not_state() {
    let assert = dossier()
        .args(["show", "turkey-backs-expo-2017-candidacy"])
        .assert()
        .success();
    assert.stdout(predicate::str::contains(
        "2012 (year) · Political · from the public record, not the analysis: the analysis gives no year",
    ));
    let assert = dossier()
        .args(["show", "new-synergy-26-projects", "--json"])
        .assert()
        .success();
    let event = stdout_json(&assert);
    assert_eq!(event["provenance"][0]["fact"], "date");
    assert_eq!(event["provenance"][0]["basis"], "derived");
    // Without provenance the field is left out, as before.
    let assert = dossier()
        .args(["show", "trade-volume-2005", "--json"])
        .assert()
        .success();
    assert!(stdout_json(&assert).get("provenance").is_none());
}

const IMPORT: &str = "tests/fixtures/import";

/// `dossier import FILE ARGS…` into a temporary file, validated, returned
/// with the directory that holds it.
fn imported(file: &str, args: &[&str]) -> (tempfile::TempDir, std::path::PathBuf, Value) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    dossier()
        .args(["import", &format!("{IMPORT}/{file}"), "-o"])
        .arg(&out)
        .args(args)
        .assert()
        .success()
        .stdout("")
        .stderr("");
    dossier()
        .arg("validate")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains(": ok ("));
    let json = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    (dir, out, json)
}

#[test]
fn timeline_json_and_sheet_import_to_the_same_events() {
    let (_d1, _, from_json) = imported("timeline.json", &[]);
    let (_d2, _, from_csv) = imported("timeline.csv", &[]);
    assert_eq!(from_json["format"], "dossier");
    assert_eq!(from_json["version"], 2);
    assert_eq!(from_json["events"], from_csv["events"]);
    assert_eq!(from_json["tabs"], from_csv["tabs"]);
    assert_eq!(from_json["footnotes"], from_csv["footnotes"]);
    assert_eq!(
        from_json["document"]["title"],
        "A Short History of the Silk Road Talks"
    );
    // The javascript: link is no source; its text stays.
    let summit = &from_json["events"][0];
    assert!(summit["summary"].as_str().unwrap().ends_with("and this."));
    assert_eq!(summit["footnotes"].as_array().unwrap().len(), 2);
}

#[test]
fn imported_table_round_trips_and_is_searched() {
    let (_dir, out, _) = imported("events.csv", &[]);
    let out = out.to_str().unwrap();
    dossier()
        .args(["--data", out, "search", "pipeline"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Pipeline agreement"));
    dossier()
        .args(["--data", out, "export", "--format", "markdown"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Joint exercises"));
}

#[test]
fn acled_rows_become_events_with_actors_places_and_fatalities() {
    let (_dir, _, json) = imported("acled.csv", &[]);
    let riot = &json["events"][1];
    assert_eq!(riot["id"], "kaz102");
    assert_eq!(riot["date"], "2017-09", "time precision 2 keeps the month");
    assert_eq!(riot["tab"], "riots");
    assert_eq!(riot["figures"][0]["unit"], "fatalities");
    assert_eq!(riot["figures"][0]["value"], 2.0);
    assert!(
        riot["summary"]
            .as_str()
            .unwrap()
            .ends_with("Sub-event type: Mob violence")
    );
    let first = &json["events"][0];
    assert_eq!(first["date"], "2017-09-09");
    assert_eq!(
        first["actors"].as_array().unwrap().len(),
        3,
        "assoc actors split on ';'"
    );
}

#[test]
fn data_opens_a_timeline_directly() {
    let data = format!("{IMPORT}/timeline.json");
    dossier()
        .args(["--data", &data, "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Summit in Astana"));
    dossier()
        .args(["--data", &data, "search", "caravan"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Caravan routes"));
}

#[test]
fn bad_rows_fail_located_or_are_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "date,title,text\n09/09/2017,A,x\n2017-01-01,,\n2017-02-02,B,ok\n",
    )
    .unwrap();
    dossier()
        .arg("import")
        .arg(&bad)
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("2 rows cannot be used")
                .and(predicate::str::contains("row 2, column \"date\": ambiguous date"))
                .and(predicate::str::contains("row 3: no title and no text")),
        );
    // Rows are written as they are read: a failed import leaves the file
    // it was to replace as it was, and no temporary file.
    let kept = dir.path().join("kept.json");
    std::fs::write(&kept, "mine").unwrap();
    dossier()
        .arg("import")
        .arg(&bad)
        .arg("-o")
        .arg(&kept)
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "mine");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    let out = dossier()
        .arg("import")
        .arg(&bad)
        .arg("--skip-bad")
        .assert()
        .success();
    let json = stdout_json(&out);
    assert_eq!(json["events"].as_array().unwrap().len(), 1);
    out.stderr(predicate::str::starts_with("skipped 2 rows: ").and(predicate::str::contains("(and 1 more)")));
}

#[test]
fn map_overrides_column_names() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("t.tsv");
    std::fs::write(&table, "when\twhat\tname\n2017-09-09\tSummit\tignored\n").unwrap();
    let out = dossier()
        .arg("import")
        .arg(&table)
        .args(["--map", "when=date,what=title,name=ignore"])
        .assert()
        .success();
    let json = stdout_json(&out);
    assert_eq!(json["events"][0]["date"], "2017-09-09");
    assert_eq!(json["events"][0]["title"], "Summit");
    dossier()
        .arg("import")
        .arg(&table)
        .args(["--map", "nope=date"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("row 1: --map names column \"nope\""));
}

#[test]
fn escape_sequences_in_a_table_stay_data() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("t.csv");
    std::fs::write(&table, "date,title\n2017,\"Evil \u{1b}]52;c;eA==\u{7} title\"\n").unwrap();
    let out = dossier().arg("import").arg(&table).assert().success();
    assert_eq!(
        stdout_json(&out)["events"][0]["title"],
        "Evil \u{1b}]52;c;eA==\u{7} title"
    );
    let stored = dir.path().join("out.json");
    dossier()
        .arg("import")
        .arg(&table)
        .arg("-o")
        .arg(&stored)
        .assert()
        .success();
    dossier()
        .arg("--data")
        .arg(&stored)
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("Evil \\u{1b}]52;c;eA==\\u{7} title"));
}

/// The title column starts at the same place on every row: spans,
/// undated events and long tab ids (an article's sections) included.
#[test]
fn list_columns_line_up() {
    let (_dir, out, _) = imported("article.md", &[]);
    for args in [vec!["list"], vec!["search", "port"]] {
        let assert = dossier().arg("--data").arg(&out).args(&args).assert().success();
        let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
        let rows: Vec<Vec<(usize, &str)>> = stdout.lines().map(cells).collect();
        assert!(rows.len() >= 3, "{stdout}");
        let starts = |row: &Vec<(usize, &str)>| row.iter().map(|c| c.0).collect::<Vec<_>>();
        assert!(
            rows.iter()
                .all(|row| row.len() == 4 && starts(row) == starts(&rows[0])),
            "{args:?}: date, tab, id and title each start in one column:\n{stdout}"
        );
    }
}

/// The cells of a CLI line, split at runs of two or more spaces: where
/// each starts, in characters, and its text.
fn cells(line: &str) -> Vec<(usize, &str)> {
    let mut cells = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find(|c: char| c != ' ') {
        let start = line.len() - rest.len() + at;
        let end = line[start..].find("  ").map_or(line.len(), |e| start + e);
        cells.push((line[..start].chars().count(), &line[start..end]));
        rest = &line[end..];
    }
    cells
}

#[test]
fn the_printed_default_config_is_read_back_and_names_the_default_dataset() {
    let printed = dossier().args(["config", "--print-default"]).assert().success();
    let text = String::from_utf8(printed.get_output().stdout.clone()).expect("UTF-8");
    assert!(
        text.contains("[keys.reading]") && text.contains("[theme]"),
        "{text}"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let xdg = dir.path().join("xdg");
    std::fs::create_dir_all(xdg.join("dossier")).expect("config dir");
    let file = xdg.join("dossier/config.toml");
    let mini = std::fs::canonicalize(MINI).expect("fixture");
    let configured = text.replace(
        "# path = \"~/dossiers/my-dossier.json\"",
        &format!("path = \"{}\"", mini.display()),
    );
    assert_ne!(configured, text, "the default file shows how to set the dataset");
    std::fs::write(&file, configured).expect("write config");
    // Found in $XDG_CONFIG_HOME, and its dataset opened without --data.
    let listed = |command: &mut Command| {
        command
            .arg("list")
            .assert()
            .success()
            .stdout(predicate::str::contains("TİKA development"));
    };
    listed(dossier().env("XDG_CONFIG_HOME", &xdg));
    listed(dossier().arg("--config").arg(&file));
    dossier()
        .env("XDG_CONFIG_HOME", &xdg)
        .arg("config")
        .assert()
        .success()
        .stdout(predicate::str::ends_with(": ok\n"));
    dossier()
        .arg("config")
        .assert()
        .success()
        .stdout(predicate::str::contains("using the defaults"));
}

#[test]
fn a_bad_config_stops_dataset_commands_with_a_located_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("config.toml");
    std::fs::write(&file, "[keys.reading]\nquit = \"ctrl-\"\n").expect("write config");
    let located = format!("{}:2:8: bad key \"ctrl-\": expected a key like", file.display());
    for args in [&["list"][..], &["search", "tika"], &["config"]] {
        dossier()
            .arg("--config")
            .arg(&file)
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(located.as_str()));
    }
    // Commands that open no dataset do not read it.
    dossier()
        .arg("--config")
        .arg(&file)
        .arg("schema")
        .assert()
        .success();
    dossier()
        .arg("--config")
        .arg(dir.path().join("missing.toml"))
        .arg("list")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.toml"));
}

#[test]
fn export_takes_a_query_and_csv_has_the_sources() {
    let assert = dossier()
        .args(["export", "--format", "csv", "--query", "590 million"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    assert_eq!(reader.headers().unwrap(), CSV_HEADER.to_vec());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "{stdout}");
    assert_eq!(&rows[0][0], "investment-deals-590m");
    assert!(rows[0][8].starts_with("$590 million — "), "{:?}", &rows[0][8]);
    assert_eq!(&rows[0][10], "https://primeminister.kz/en/news/all/15256");
    // Every format, and with a tab: only what the search finds.
    let assert = dossier()
        .args(["export", "--query", "erdogan", "--tab", "security"])
        .assert()
        .success();
    let json = stdout_json(&assert);
    let events = json["events"].as_array().unwrap();
    assert!(!events.is_empty());
    assert!(events.iter().all(|e| e["tab"] == "security"), "{events:?}");
    dossier()
        .args(["export", "--format", "markdown", "--query", "after:2017-13"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("month 13"));
}

/// Issue 15 3e: `list` and `search` printed no ids, yet `show` needs one.
/// The id is a column of its own, and the title after it lines up.
#[test]
fn list_and_search_print_each_event_id_in_an_aligned_column() {
    for args in [vec!["list"], vec!["search", "trade"]] {
        let assert = on_mini(&args).success();
        let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
        let mut title_starts = Vec::new();
        for line in stdout.lines() {
            let cells = cells(line);
            assert!(cells.len() >= 4, "{args:?}: date, tab, id, title in {line:?}");
            on_mini(&["show", cells[2].1]).success();
            title_starts.push(cells[3].0);
        }
        assert!(!title_starts.is_empty());
        assert!(
            title_starts.windows(2).all(|w| w[0] == w[1]),
            "{args:?}:\n{stdout}"
        );
    }
    on_mini(&["search", "trade"])
        .success()
        .stdout(predicate::str::contains("trade-target"));
}

/// Issue 15 3e: an unknown id names the nearest ones.
#[test]
fn show_with_an_unknown_id_suggests_the_nearest_ids() {
    // A typo, a prefix and a transposition.
    on_mini(&["show", "erdogan-astana-2071"]).code(2).stderr(
        predicate::str::contains("no event with id").and(predicate::str::contains("erdogan-astana-2017")),
    );
    on_mini(&["show", "trade"])
        .code(2)
        .stderr(predicate::str::contains("trade-target").and(predicate::str::contains("trade-volume-2016")));
    on_mini(&["show", "tika-projetcs"])
        .code(2)
        .stderr(predicate::str::contains("did you mean").and(predicate::str::contains("tika-projects")));
    // Nothing near: no suggestion, just where to look.
    on_mini(&["show", "zzzzzzzzzzzzzzzzzzzzzz"]).code(2).stderr(
        predicate::str::contains("did you mean")
            .not()
            .and(predicate::str::contains("dossier list")),
    );
}

/// Issue 15 3f: `footnote 26`, a note, printed its text twice: as written
/// and again as what it resolves to. An unresolved note did the same.
#[test]
fn a_note_or_an_unresolved_footnote_is_printed_once() {
    for (number, text) in [("26", "Aksakal"), ("5", "")] {
        let args = if text.is_empty() {
            vec!["--data", MINI]
        } else {
            vec![]
        };
        let assert = dossier()
            .args(&args)
            .args(["footnote", number])
            .assert()
            .success();
        let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
        let first = stdout
            .lines()
            .next()
            .unwrap()
            .split_once("] ")
            .unwrap()
            .1
            .to_string();
        assert_eq!(stdout.matches(first.as_str()).count(), 1, "{stdout}");
        assert!(first.contains(text));
    }
}

/// Issue 15 3h: `--explain` names the word each clause matched, and a
/// name matched whole.
#[test]
fn explain_names_the_matched_word() {
    dossier()
        .args(["search", "erdogan", "2012", "--explain", "--limit", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "erdogan: fuzzy in names “Recep Tayyip Erdoğan”",
        ));
    dossier()
        .args(["search", "astana", "--explain", "--limit", "1"])
        .assert()
        .success()
        // A short word the dataset has whole is held to words: "word".
        .stdout(predicate::str::contains("astana: word in title “Astana”"));
    // A possessive names the word itself.
    dossier()
        .args(["search", "expo", "astana", "--explain", "--limit", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("“Astana”").and(predicate::str::contains("“Astana's”").not()));
}

/// `export --bookmarks`: the events bookmarked in the browser, with their
/// notes, in every format; a note is data, made safe like the rest.
#[test]
fn export_bookmarks_has_only_the_bookmarked_events_and_their_notes() {
    use dossier::state::{DatasetKey, Memory, Store};
    let state = tempfile::tempdir().unwrap();
    let key = DatasetKey::of(&std::fs::read(MINI).unwrap());
    let mut store = Store::in_dir(state.path(), key);
    store.load();
    let memory = Memory {
        bookmarks: vec!["trade-volume-2016".into(), "erdogan-astana-2017".into()],
        notes: [(
            "erdogan-astana-2017".to_string(),
            "=why *it* \u{1b}[31mmatters".to_string(),
        )]
        .into(),
        ..Memory::default()
    };
    store.save(&memory).unwrap();
    let export = |format: &str| {
        let assert = dossier()
            .env("DOSSIER_STATE_DIR", state.path())
            .args(["--data", MINI, "export", "--bookmarks", "--format", format])
            .assert()
            .success();
        String::from_utf8(assert.get_output().stdout.clone()).unwrap()
    };
    let json: Value = serde_json::from_str(&export("json")).unwrap();
    assert_eq!(
        json["bookmarks"],
        serde_json::json!([
            {"id": "trade-volume-2016"},
            {"id": "erdogan-astana-2017", "note": "=why *it* \u{1b}[31mmatters"}
        ]),
        "in the order made; JSON escapes the control character itself"
    );
    let ids: Vec<&str> = json["dataset"]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    let markdown = export("markdown");
    assert!(!markdown.contains('\u{1b}'), "{markdown}");
    assert!(
        markdown.contains("*Note:* \\=why \\*it\\* \\\\u{1b}\\[31mmatters\n"),
        "{markdown}"
    );
    assert!(
        !markdown.contains("Nakhchivan") && !markdown.contains("Nahçıvan"),
        "neither the event not bookmarked nor the source only it cites: {markdown}"
    );
    let csv_text = export("csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let mut header = CSV_HEADER.to_vec();
    header.push("note");
    assert_eq!(reader.headers().unwrap(), header);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let notes: Vec<(&str, &str)> = rows.iter().map(|r| (&r[0], &r[11])).collect();
    assert_eq!(
        notes,
        [
            ("trade-volume-2016", ""),
            ("erdogan-astana-2017", "'=why *it* \\u{1b}[31mmatters")
        ],
        "a formula defused, the escape made visible"
    );
    // No state file: nothing bookmarked, said on standard error.
    let empty = tempfile::tempdir().unwrap();
    dossier()
        .env("DOSSIER_STATE_DIR", empty.path())
        .args(["--data", MINI, "export", "--bookmarks", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\n").count(1))
        .stderr(predicate::str::contains("no bookmarks"));
}

/// Issue 15 4a: `--json` says of each result whether it matched at the
/// query's precision (`exact`) or is dated less precisely and only
/// overlaps it (`within`); exact ones come first.
#[test]
fn search_json_says_whether_a_date_matched_exactly() {
    let assert = dossier()
        .args(["search", "17", "aug", "2017", "--json"])
        .assert()
        .success();
    let hits = stdout_json(&assert);
    let hits = hits.as_array().expect("array");
    let kinds: Vec<&str> = hits.iter().map(|h| h["match"].as_str().unwrap()).collect();
    assert_eq!(kinds[..3], ["exact", "exact", "within"], "{kinds:?}");
    assert!(kinds[2..].iter().all(|k| *k == "within"), "{kinds:?}");
    for hit in hits {
        let date = hit["date"].as_str().unwrap();
        match hit["match"].as_str() {
            Some("exact") => assert_eq!(date, "2017-08-17"),
            _ => assert_eq!(date.len(), 4, "{hit}"),
        }
    }
    let assert = dossier().args(["search", "erdogan", "--json"]).assert().success();
    let hits = stdout_json(&assert);
    assert!(hits.as_array().unwrap().iter().all(|h| h["match"] == "exact"));
}

/// Issue 15 4a: plain output prints the results dated less precisely
/// after a divider line that says why, once; a query with no date, or
/// results all exact, print none.
#[test]
fn plain_search_puts_less_precise_dates_under_a_divider() {
    let lines = |args: &[&str]| -> Vec<String> {
        let assert = dossier().arg("search").args(args).assert().success();
        String::from_utf8_lossy(&assert.get_output().stdout)
            .lines()
            .map(String::from)
            .collect()
    };
    let divider = "── dated only to the year ──";
    let all = lines(&["17", "aug", "2017"]);
    assert!(all[..2].iter().all(|l| l.starts_with("2017-08-17")), "{all:#?}");
    assert_eq!(all[2], divider);
    assert!(
        all[3..]
            .iter()
            .all(|l| l.starts_with("2017 ") || l.starts_with("2012..2017 ")),
        "{all:#?}"
    );
    assert_eq!(all.iter().filter(|l| l.starts_with("──")).count(), 1);
    // `--explain` puts it between the same results.
    let explained = lines(&["17", "aug", "2017", "--explain"]);
    let at = explained.iter().position(|l| l == divider).unwrap();
    assert_eq!(
        explained[..at]
            .iter()
            .filter(|l| l.starts_with("2017-08-17"))
            .count(),
        2
    );
    assert!(!explained[..at].iter().any(|l| l.starts_with("2017 ")));
    for args in [&["17", "aug", "2017", "--limit", "2"][..], &["erdogan"]] {
        let plain = lines(args);
        assert!(!plain.iter().any(|l| l.starts_with("──")), "{args:?}: {plain:#?}");
    }
}
