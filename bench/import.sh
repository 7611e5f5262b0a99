#!/bin/sh
# Time and peak memory of importing a 1,000,000-row ACLED-like table,
# against a baseline that only reads it with the csv crate.
#   bench/import.sh [ROWS]
set -eu
rows=${1:-1000000}
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin dossier --example acled --example csv_read
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
target/release/examples/acled "$rows" > "$dir/big.csv"
echo "input: $rows rows, $(du -h "$dir/big.csv" | cut -f1)"
measure() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }
base=$(measure target/release/examples/csv_read "$dir/big.csv")
import=$(measure target/release/dossier import "$dir/big.csv" -o "$dir/out.json")
echo "csv crate read:  ${base% *} s ${base#* } KiB"
echo "dossier import:  ${import% *} s ${import#* } KiB"
awk -v b="$base" -v i="$import" 'BEGIN {
    split(b, x, " "); split(i, y, " ");
    printf "ratio: time %.1fx, peak RSS %.1fx\n", y[1] / x[1], y[2] / x[2] }'
