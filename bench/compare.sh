#!/usr/bin/env bash
# dossier search against fzf --filter on the same generated events.
#
# Generates N events (big.json for dossier, lines.txt for fzf: one line per
# event, "date title summary actor names"), then times, for each query,
#   dossier --data big.json search QUERY --limit 100
#   dossier --no-cache --data big.json search QUERY --limit 100
#   fzf --filter QUERY < lines.txt | head -100
# with hyperfine, load time included, and prints a markdown table of the
# means and the ratios to fzf, then the top 3 results of each tool. The
# first is dossier as used day to day: the index cache (kept in DIR/cache
# here) is filled by the first run; the second validates and indexes the
# file on every run, as a first search of a new file does.
#
# Installs nothing: it says what is missing and how to get it.
#
# Usage: bench/compare.sh [-n EVENTS] [-s SEED] [-r RUNS] [-d DIR]
#   -n  events to generate (default 100000)
#   -s  generator seed (default 7)
#   -r  timed runs per command (default 5, after 1 warm-up run)
#   -d  work directory for the data and hyperfine exports (default
#       ${TMPDIR:-/tmp}/dossier-compare-N-SEED; data already there is reused
#       unless the generator was rebuilt since)
set -euo pipefail

events=100000
seed=7
runs=5
work=""

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
}

while getopts "n:s:r:d:h" opt; do
  case "$opt" in
    n) events="$OPTARG" ;;
    s) seed="$OPTARG" ;;
    r) runs="$OPTARG" ;;
    d) work="$OPTARG" ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
whole_numbers "$events" "$seed" "$runs"
need hyperfine fzf cargo

# Byte-safe cutting of UTF-8 lines, and the same sorting in both tools.
export LC_ALL=C.UTF-8

build_release --features devkit --bin dossier --example gen
dossier="$release/dossier"
gen="$release/examples/gen"
work="${work:-${TMPDIR:-/tmp}/dossier-compare-$events-$seed}"
mkdir -p "$work"
json="$work/big.json"
lines="$work/lines.txt"


# Data left by an earlier run is reused unless the generator changed since.
if [[ ! -s "$json" || ! -s "$lines" || "$gen" -nt "$json" ]]; then
  echo "Generating $events events (seed $seed) in $work..." >&2
  "$gen" --events "$events" --seed "$seed" --lines "$lines" >"$json.tmp"
  mv "$json.tmp" "$json"
fi
"$dossier" validate "$json" >&2
export DOSSIER_CACHE_DIR="$work/cache"

# A name, a date, a typo (of "erdogan"), two words, another name (written
# Öğütcü in the data), and a word found nowhere.
queries=("erdogan" "2017" "erdgoan" "steppe eagle" "ogutcu" "xqzvw")

# "mean" values of a hyperfine JSON export, in command order.
means() {
  grep -o '"mean": *[0-9.eE+-]*' "$1" | sed 's/.*: *//'
}

ms() {
  awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'
}

rows=()
for i in "${!queries[@]}"; do
  q="${queries[$i]}"
  qq="$(printf '%q' "$q")"
  echo "Timing query \"$q\"..." >&2
  # dossier exits 1 when nothing matches; that is an answer, not a failure.
  hyperfine --style basic --warmup 1 --runs "$runs" \
    --export-json "$work/query-$i.json" \
    -n dossier "'$dossier' --data '$json' search $qq --limit 100 >/dev/null 2>&1 || [ \$? -eq 1 ]" \
    -n "dossier --no-cache" "'$dossier' --no-cache --data '$json' search $qq --limit 100 >/dev/null 2>&1 || [ \$? -eq 1 ]" \
    -n fzf "fzf --filter $qq < '$lines' | head -100 >/dev/null" >&2
  mapfile -t m < <(means "$work/query-$i.json")
  d_hits="$("$dossier" --data "$json" search "$q" 2>/dev/null | wc -l || true)"
  f_hits="$(fzf --filter "$q" <"$lines" | wc -l || true)"
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
  rows+=("| \`$q\` | $(ms "${m[0]}") | $(ms "${m[1]}") | $(ms "${m[2]}") | $(ratio "${m[0]}" "${m[2]}") | $(ratio "${m[1]}" "${m[2]}") | $d_hits | $f_hits |")
done

cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)"
echo
echo "## dossier search vs fzf --filter, $events events"
echo
echo "Machine: ${cpu:-unknown CPU}, $(nproc 2>/dev/null || echo '?') cores; $(fzf --version | cut -d' ' -f1 | sed 's/^/fzf /'), $(hyperfine --version)."
echo "Data: $(du -h "$json" | cut -f1) JSON, $(du -h "$lines" | cut -f1) of lines (seed $seed). Means of $runs runs after 1 warm-up, load included."
echo
echo "| query | dossier (ms) | dossier --no-cache (ms) | fzf (ms) | dossier/fzf | --no-cache/fzf | dossier matches | fzf matches |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"

# Lines cut to 150 characters (not bytes), "(no results)" for none.
shorten() {
  local line any=""
  while IFS= read -r line; do
    echo "${line:0:150}"
    any=1
  done
  [[ -n "$any" ]] || echo "(no results)"
}

echo
echo "## Top 3 of each tool"
for q in "${queries[@]}"; do
  echo
  echo "### \`$q\`"
  echo
  echo "dossier:"
  echo '```'
  shorten < <("$dossier" --data "$json" search "$q" --limit 3 2>&1 || true)
  echo '```'
  echo "fzf:"
  echo '```'
  shorten < <({ fzf --filter "$q" <"$lines" || true; } | head -3)
  echo '```'
done
