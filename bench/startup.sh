#!/usr/bin/env bash
# Start-up of `dossier` on the embedded dataset.
#
# 1. `dossier list >/dev/null`, with hyperfine: load and validate the
#    embedded data, print every event (no terminal involved).
# 2. The browser to its first frame at 120x40, with bench/first_frame.py:
#    `dossier` runs in a pseudo terminal; the time until the frame's tab
#    bar arrives is taken (then `q` quits it), less the same for a
#    `printf` of the tab bar. (`script` delivers output on a 10 ms tick,
#    longer than the start-up, so it cannot time this.)
#
# Installs nothing. Usage: bench/startup.sh [-r RUNS]
set -euo pipefail

runs=40
while getopts "r:h" opt; do
  case "$opt" in
    r) runs="$OPTARG" ;;
    h) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) exit 2 ;;
  esac
done

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
whole_numbers positive "$runs"
need hyperfine python3 cargo
build_release --bin dossier
dossier="$release/dossier"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

hyperfine --style basic -N --warmup 3 --runs "$runs" --export-json "$work/list.json" \
  -n list "$dossier list" >&2
frame="$(python3 bench/first_frame.py "$dossier" "$runs")"

field() {
  grep -o "\"$2\": *[0-9.eE+-]*" "$1" | sed 's/.*: *//'
}
mapfile -t list_mean < <(field "$work/list.json" mean)
mapfile -t list_median < <(field "$work/list.json" median)
awk -v lm="${list_mean[0]}" -v lmed="${list_median[0]}" 'BEGIN {
  print ""
  print "| start-up, embedded dataset | median (ms) | mean (ms) | runs |"
  print "|---|---:|---:|---:|"
  printf "| `dossier list >/dev/null` | %.1f | %.1f | '"$runs"' |\n", lmed * 1000, lm * 1000
}'
echo "| browser to first frame (120x40), pty and \`printf\` overhead subtracted | $frame |"
