#!/usr/bin/env bash
# Start-up of `dossier` on the embedded dataset, with hyperfine.
#
# 1. `dossier list >/dev/null`: load and validate the embedded data, print
#    every event (no terminal involved).
# 2. The browser to its first frame at 120x40: `dossier` runs in a pseudo
#    terminal made by `script` (util-linux) with DOSSIER_TEST_PANIC=1, the
#    hook of the end-to-end tests that panics right after the first frame
#    is drawn and flushed (the terminal is restored and the process exits).
#    The same `script` running `true` is timed as well and subtracted.
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

missing=()
for tool in hyperfine script cargo; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "startup.sh: missing: ${missing[*]}" >&2
  echo "  hyperfine: apt-get install -y hyperfine; script: apt-get install -y util-linux;" \
    "cargo: https://rustup.rs" >&2
  exit 2
fi

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
cargo build --release --quiet --bin dossier
target="$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
  sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
dossier="${target:-$repo/target}/release/dossier"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

hyperfine --style basic -N --warmup 3 --runs "$runs" --export-json "$work/list.json" \
  -n list "$dossier list" >&2
pty="stty cols 120 rows 40; RUST_BACKTRACE=0"
hyperfine --style basic --ignore-failure --warmup 3 --runs "$runs" --export-json "$work/frame.json" \
  -n first-frame "script -qec '$pty DOSSIER_TEST_PANIC=1 exec $dossier' /dev/null" \
  -n script-alone "script -qec '$pty exec true' /dev/null" >&2

field() {
  grep -o "\"$2\": *[0-9.eE+-]*" "$1" | sed 's/.*: *//'
}
mapfile -t list_mean < <(field "$work/list.json" mean)
mapfile -t list_median < <(field "$work/list.json" median)
mapfile -t mean < <(field "$work/frame.json" mean)
mapfile -t median < <(field "$work/frame.json" median)
awk -v lm="${list_mean[0]}" -v lmed="${list_median[0]}" \
  -v fm="${mean[0]}" -v bm="${mean[1]}" -v fmed="${median[0]}" -v bmed="${median[1]}" 'BEGIN {
  print ""
  print "| start-up, embedded dataset | mean (ms) | median (ms) |"
  print "|---|---:|---:|"
  printf "| `dossier list >/dev/null` | %.1f | %.1f |\n", lm * 1000, lmed * 1000
  printf "| browser to first frame (120x40), `script` overhead subtracted | %.1f | %.1f |\n", (fm - bm) * 1000, (fmed - bmed) * 1000
}'
