#!/usr/bin/env bash
# Scaling: each path that once went quadratic, timed at n and 4n.
#
# Linear work takes 4 times as long on 4 times the input; the goal is at
# most 5 times. The cases, with n as in issue 12:
#
#   export-md   `export --format markdown`, n footnotes x n events (10,000)
#   outlets     browser to first frame on Sources grouped by outlet, n
#               outlets (50,000)
#   figures     browser to first frame, n figures of n measures (50,000)
#   csv         `export --format csv`, n entities x n events x 20 actors
#               (20,000)
#   bookmarks   browser to first frame, n bookmarks on n events (100,000)
#
# Events are minimal (no summary), so the dimension under test dominates.
# The data comes from examples/gen (its --state-dir writes the state file
# the browser reads: the bookmarks, Sources by outlet). Command-line cases
# are timed with hyperfine; browser cases with bench/first_frame.py, which
# runs dossier in a 120x40 pseudo terminal until its first frame. The
# index cache is kept in the work directory, filled by the warm-up runs.
#
# Prints one markdown table: median seconds at n and 4n, and the ratio.
#
# Usage: bench/scaling.sh [-d DIV] [-r RUNS] [-c CASES] [-b DOSSIER] [-w DIR]
#   -d  divide every n by DIV, for a quick run (default 1)
#   -r  timed runs per measurement (default 3, after 1 warm-up)
#   -c  comma-separated cases (default: all five)
#   -b  the dossier binary to time (default: this tree's, built release)
#   -w  work directory for data (default ${TMPDIR:-/tmp}/dossier-scaling;
#       data there is reused unless the generator was rebuilt since)
set -euo pipefail
# A failure inside $(...) stops the script too.
shopt -s inherit_errexit

div=1
runs=3
cases="export-md,outlets,figures,csv,bookmarks"
dossier=""
work=""

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
}

while getopts "d:r:c:b:w:h" opt; do
  case "$opt" in
    d) div="$OPTARG" ;;
    r) runs="$OPTARG" ;;
    c) cases="$OPTARG" ;;
    b) dossier="$OPTARG" ;;
    w) work="$OPTARG" ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
whole_numbers positive "$div" "$runs"
need hyperfine python3 cargo

build_release --features devkit --bin dossier --example gen
dossier="${dossier:-$release/dossier}"
gen="$release/examples/gen"
work="${work:-${TMPDIR:-/tmp}/dossier-scaling}"
mkdir -p "$work"
export DOSSIER_CACHE_DIR="$work/cache"

# gen NAME ARGS...: generates $work/NAME.json (and its state directory,
# $work/NAME.state) once; prints the data file's path.
gen() {
  local name="$1"
  shift
  local json="$work/$name.json"
  if [[ ! -s "$json" || "$gen" -nt "$json" ]]; then
    echo "Generating $name..." >&2
    rm -rf "$work/$name.state"
    "$gen" --seed 7 "$@" -o "$json.tmp" >&2
    # The state file is keyed by the content, which the rename keeps.
    mv "$json.tmp" "$json"
  fi
  echo "$json"
}

# cli ARGS...: median seconds of `dossier ARGS > /dev/null`.
cli() {
  local out="$work/hyperfine.json"
  hyperfine --style basic -N --warmup 1 --runs "$runs" --export-json "$out" \
    --output null "$dossier $*" >&2
  grep -o '"median": *[0-9.eE+-]*' "$out" | head -1 | sed 's/.*: *//' | awk '{ printf "%.3f\n", $1 }'
}

# browser STATE-DIR ARGS...: median seconds to the first frame.
browser() {
  local state="$1"
  shift
  mkdir -p "$state"
  echo "Timing the first frame of dossier $*..." >&2
  DOSSIER_STATE_DIR="$state" python3 bench/first_frame.py "$dossier" "$runs" -- "$@" |
    awk -F' [|] ' '{ printf "%.3f\n", $1 / 1000 }'
}

# measure CASE N: prints the seconds of CASE at size N.
measure() {
  local case="$1" n="$2" json
  case "$case" in
    export-md)
      json="$(gen "md-$n" --events "$n" --footnotes "$n" --minimal)"
      cli --data "$json" export --format markdown
      ;;
    outlets)
      # About 76% of footnotes are citations: n outlets need n/0.76 notes.
      json="$(gen "outlets-$n" --events 1000 --footnotes $((n * 4 / 3)) --outlets "$n" --minimal \
        --state-dir "$work/outlets-$n.state" --by-outlet)"
      browser "$work/outlets-$n.state" --data "$json"
      ;;
    figures)
      json="$(gen "figures-$n" --events "$n" --measures "$n" --minimal)"
      browser "$work/figures-$n.state" --data "$json"
      ;;
    csv)
      json="$(gen "csv-$n" --events "$n" --entities "$n" --actors 20 --minimal)"
      cli --data "$json" export --format csv
      ;;
    bookmarks)
      json="$(gen "bookmarks-$n" --events "$n" --minimal \
        --state-dir "$work/bookmarks-$n.state" --bookmarks "$n")"
      browser "$work/bookmarks-$n.state" --data "$json"
      ;;
    *)
      echo "scaling.sh: unknown case \"$case\"" >&2
      exit 2
      ;;
  esac
}

base_n() {
  case "$1" in
    export-md) echo 10000 ;;
    outlets | figures) echo 50000 ;;
    csv) echo 20000 ;;
    bookmarks) echo 100000 ;;
    *) echo 0 ;;
  esac
}

rows=()
IFS=',' read -ra selected <<<"$cases"
for case in "${selected[@]}"; do
  n=$(($(base_n "$case") / div))
  if ((n == 0)); then
    echo "scaling.sh: unknown case \"$case\"" >&2
    exit 2
  fi
  small="$(measure "$case" "$n")"
  large="$(measure "$case" $((n * 4)))"
  ratio="$(awk -v a="$small" -v b="$large" 'BEGIN { printf "%.2f", b / a }')"
  verdict="$(awk -v r="$ratio" 'BEGIN { print (r <= 5 ? "met" : "NOT met") }')"
  rows+=("| $case | $n | $small | $((n * 4)) | $large | $ratio | $verdict |")
done

cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)"
echo
echo "Machine: ${cpu:-unknown CPU}, $(nproc 2>/dev/null || echo '?') cores. Medians of $runs runs after a warm-up."
echo
echo "| case | n | seconds at n | 4n | seconds at 4n | ratio | ≤ 5 |"
echo "|---|---:|---:|---:|---:|---:|---|"
printf '%s\n' "${rows[@]}"
