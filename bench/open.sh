#!/usr/bin/env bash
# Opening a large dataset in the browser, against fzf reading the same
# events, in one run on this machine.
#
# For each size, generates N events (big.json for dossier, lines.txt for
# fzf: one line per event), then, in a 120x40 pseudo terminal
# (bench/open_frame.py), times:
#   cold   dossier --data big.json with an empty index cache every run
#   warm   the same with the cache filled by `dossier search` first
#   fzf    fzf < lines.txt, until its counter shows every line read
#   table  dossier --data table.csv, an ACLED-like table of N rows
#          (examples/acled), warm: the imported dataset from the cache
# Each gives the first paint (dossier's loading counter, fzf's spinner),
# the first usable frame (dossier's Overview, which may come before the
# events are in; fzf's full count), for dossier the moment every view
# works (a content tab's list and detail, asked for with `1` typed at the
# first usable frame) and the peak resident memory. Prints a markdown table with the targets of issue
# 17 and the ratios to fzf.
#
# Installs nothing: it says what is missing and how to get it.
#
# Usage: bench/open.sh [-n "100000 1000000"] [-r RUNS] [-d DIR]
#   -n  sizes, in events (default "100000 1000000")
#   -r  timed runs per measure (default 3)
#   -d  work directory (default ${TMPDIR:-/tmp}/dossier-open; data already
#       there is reused unless the generator was rebuilt since)
set -euo pipefail

sizes="100000 1000000"
runs=3
work=""
while getopts "n:r:d:h" opt; do
  case "$opt" in
    n) sizes="$OPTARG" ;;
    r) runs="$OPTARG" ;;
    d) work="$OPTARG" ;;
    h) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) exit 2 ;;
  esac
done
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck disable=SC2086 # the sizes are words
whole_numbers positive $sizes "$runs"
need fzf python3 cargo
build_release --features devkit --bin dossier --example gen --example acled
dossier="$release/dossier"
gen="$release/examples/gen"
acled="$release/examples/acled"
work="${work:-${TMPDIR:-/tmp}/dossier-open}"
mkdir -p "$work"
frame=(python3 "$repo/bench/open_frame.py" --runs "$runs")
# Typed at dossier's first usable frame: the first content tab, whose
# list and detail need every event; then back to the Overview before `q`,
# so the next run opens on it too.
every=(--ready Overview --then 1 --done Detail --quit Oq)

results="$work/results.jsonl"
: >"$results"
for n in $sizes; do
  json="$work/big-$n.json"
  lines="$work/lines-$n.txt"
  if [[ ! -s "$json" || ! -s "$lines" || "$gen" -nt "$json" ]]; then
    echo "Generating $n events..." >&2
    "$gen" --events "$n" --seed 7 --lines "$lines" >"$json.tmp"
    mv "$json.tmp" "$json"
  fi
  table="$work/table-$n.csv"
  if [[ ! -s "$table" || "$acled" -nt "$table" ]]; then
    echo "Generating a table of $n rows..." >&2
    "$acled" "$n" >"$table.tmp"
    mv "$table.tmp" "$table"
  fi
  cache="$work/cache-$n"
  env=(env "DOSSIER_CACHE_DIR=$cache" "DOSSIER_STATE_DIR=$work/state-$n" "XDG_CONFIG_HOME=$work/no-config")
  echo "$n events: dossier cold..." >&2
  cold="$("${frame[@]}" --fresh "$cache" "${every[@]}" -- "${env[@]}" "$dossier" --data "$json")"
  # The cache filled by a search, which writes the entry before it
  # answers: the browser writes it in the background, after the index,
  # so a run that quits at once leaves none. Exit 1 is "no match".
  fill() { "${env[@]}" "$dossier" search --data "$1" erdogan >/dev/null || (($? == 1)); }
  fill "$json"
  echo "$n events: dossier warm..." >&2
  warm="$("${frame[@]}" "${every[@]}" -- "${env[@]}" "$dossier" --data "$json")"
  echo "$n events: fzf..." >&2
  peer="$("${frame[@]}" --paint '\xe2\xa0' --ready "$n/$n" --quit '\x1b' --stdin "$lines" -- fzf)"
  fill "$table"
  echo "$n rows: dossier warm, table..." >&2
  tabled="$("${frame[@]}" "${every[@]}" -- "${env[@]}" "$dossier" --data "$table")"
  printf '{"events": %s, "json_bytes": %s, "table_bytes": %s, "cold": %s, "warm": %s, "fzf": %s, "table": %s}\n' \
    "$n" "$(stat -c %s "$json")" "$(stat -c %s "$table")" "$cold" "$warm" "$peer" "$tabled" >>"$results"
done

python3 - "$results" "$runs" <<'EOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print(f"Medians of {sys.argv[2]} runs; memory is the largest peak RSS.\n")
print("| events | JSON | measure | dossier | fzf | dossier ÷ fzf | target | met |")
print("|---:|---:|---|---:|---:|---:|---|---|")
for r in rows:
    n, size = r["events"], r["json_bytes"]
    c, w, f = r["cold"], r["warm"], r["fzf"]
    mb = f"{size / 1e6:.0f} MB"
    frame_target = 100 if n >= 1_000_000 else 30
    cases = [
        ("first paint, cold", c["paint_ms"], f["paint_ms"], None, None),
        ("usable frame (Overview), cold", c["ready_ms"], None, None, None),
        ("every view, cold (all loaded)", c["done_ms"], f["ready_ms"], "≤ 0.5× fzf", c["done_ms"] <= 0.5 * f["ready_ms"]),
        ("usable frame (Overview), warm", w["ready_ms"], None, f"< {frame_target} ms", w["ready_ms"] < frame_target),
        ("every view, warm", w["done_ms"], None, f"< {frame_target} ms", w["done_ms"] < frame_target),
    ]
    for name, mine, theirs, target, met in cases:
        ratio = f"{mine / theirs:.2f}" if theirs else ""
        theirs = f"{theirs:.0f} ms" if theirs else ""
        met = "" if met is None else ("met" if met else "not met")
        print(f"| {n:,} | {mb} | {name} | {mine:.0f} ms | {theirs} | {ratio} | {target or ''} | {met} |")
    rss = w["rss_bytes"]
    print(f"| {n:,} | {mb} | peak RSS, warm | {rss / 1e6:.0f} MB ({rss / size:.2f}× JSON) | {f['rss_bytes'] / 1e6:.0f} MB | {rss / f['rss_bytes']:.2f} | ≤ 1.0× JSON | {'met' if rss <= size else 'not met'} |")
    t, tsize = r["table"], r["table_bytes"]
    for name, ms in [("usable frame (Overview)", t["ready_ms"]), ("every view", t["done_ms"])]:
        print(f"| {n:,} | {tsize / 1e6:.0f} MB CSV | {name}, warm, ACLED-like table | {ms:.0f} ms | | | < 100 ms | {'met' if ms < 100 else 'not met'} |")
    print(f"| {n:,} | {tsize / 1e6:.0f} MB CSV | peak RSS, warm, table | {t['rss_bytes'] / 1e6:.0f} MB ({t['rss_bytes'] / tsize:.2f}× CSV) | | | | |")
EOF
