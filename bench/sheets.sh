#!/usr/bin/env bash
# Benchmark the spreadsheet side of the committee cycle against a spreadsheet
# program reading the same bytes:
#
#     bench/sheets.sh            (RUNS=5 runs each, the median reported)
#
#   - `ragtime import` of a 2,000-action tracker (examples/sheets.rs writes it:
#     title rows, merged references, section rows, date cells), into a copy of
#     the example site, `check` of the site included;
#   - LibreOffice Calc, headless, converting the same workbook to CSV;
#   - `ragtime returns --read` of 100 owners' returns of the council-size
#     corpus (examples/corpus.rs), each answered by examples/sheets.rs, for a
#     new committee cycle (the content is put back before each run, untimed);
#   - LibreOffice converting the same 100 returns to CSV.
#
# Prints a Markdown table (median wall time, CPU time, peak memory, and
# ragtime's ratio to LibreOffice), also saved in target/bench/sheets/results.md.
# Needs Debian's libreoffice-calc-nogui and time packages; installs them if missing.
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
DIR=$(pwd)/target/bench/sheets
mkdir -p "$DIR"

if ! command -v soffice >/dev/null || [ ! -x /usr/bin/time ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui time
fi

cargo build --release --quiet --bin ragtime --example sheets --example corpus
BIN=$(pwd)/target/release/ragtime
SHEETS=$(pwd)/target/release/examples/sheets
CORPUS=$(pwd)/target/release/examples/corpus
LO=(soffice "-env:UserInstallation=file://$DIR/lo-profile" --headless --convert-to csv)

# One warm-up run of LibreOffice makes its profile, which is not what is timed.
"${LO[@]}" --outdir "$DIR/warm" "$DIR/../../../tests/fixtures/sheets/bad-status.csv" >/dev/null 2>&1 || true

# measure NAME SETUP COMMAND...: runs SETUP (untimed) then COMMAND, RUNS times;
# prints "wall cpu rss" medians.
measure() {
    local setup=$1
    shift
    local walls=() cpus=() rsss=()
    for _ in $(seq "$RUNS"); do
        eval "$setup"
        /usr/bin/time -f "%e %U %S %M" -o "$DIR/time.txt" "$@" >"$DIR/out.txt" 2>&1 || {
            echo "bench/sheets.sh: failed: $*" >&2
            cat "$DIR/out.txt" >&2
            exit 1
        }
        read -r wall user sys rss <"$DIR/time.txt"
        walls+=("$wall")
        cpus+=("$(echo "$user + $sys" | bc | awk '{ printf "%.2f", $1 }')")
        rsss+=("$rss")
    done
    echo "$(median "${walls[@]}") $(median "${cpus[@]}") $(median "${rsss[@]}")"
}

median() {
    printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

# The tracker and a site to import it into.
"$SHEETS" tracker --rows 2000 --out "$DIR/tracker.xlsx"
rm -rf "$DIR/site" && mkdir -p "$DIR/site" && cp -r content "$DIR/site/"
import=$(measure "" "$BIN" import "$DIR/tracker.xlsx" --root "$DIR/site" --cycle 2013-08 --id bench-tracker --force)
grep -q "read 2000 actions" "$DIR/out.txt" || { echo "bench/sheets.sh: the import did not read 2,000 actions" >&2; cat "$DIR/out.txt" >&2; exit 1; }
convert=$(measure "rm -rf '$DIR/csv'" "${LO[@]}" --outdir "$DIR/csv" "$DIR/tracker.xlsx")

# 100 returns for a new cycle of the council corpus, answered.
rm -rf "$DIR/council"
"$CORPUS" --size council --seed 1 --out "$DIR/council" >/dev/null
python3 - "$DIR/council/content/site.yaml" <<'EOF'
import sys
path = sys.argv[1]
text = open(path).read()
text = text.replace("cycles:\n", "cycles:\n  - id: bench-next\n    date: 2030-01-15\n    meeting: \"Benchmark committee, 15 January 2030\"\n", 1)
open(path, "w").write(text)
EOF
"$BIN" returns bench-next --root "$DIR/council" >/dev/null
rm -rf "$DIR/returns" && mkdir -p "$DIR/returns"
find "$DIR/council/returns/bench-next" -name '*.xlsx' | sort | head -100 | xargs -I{} cp {} "$DIR/returns/"
count=$(find "$DIR/returns" -name '*.xlsx' | wc -l)
[ "$count" -eq 100 ] || { echo "bench/sheets.sh: expected 100 returns, got $count" >&2; exit 1; }
"$SHEETS" fill "$DIR/returns"
rm -rf "$DIR/content-before" && cp -r "$DIR/council/content" "$DIR/content-before"
read_returns=$(measure "rm -rf '$DIR/council/content' && cp -r '$DIR/content-before' '$DIR/council/content'" \
    "$BIN" returns --read "$DIR"/returns/*.xlsx --root "$DIR/council")
convert_returns=$(measure "rm -rf '$DIR/csv'" "${LO[@]}" --outdir "$DIR/csv" "$DIR"/returns/*.xlsx)

ratio() { echo "scale=2; $1 / $2" | bc | sed 's/^\./0./'; }
row() {
    local name=$1 ours=$2 peer=$3
    read -r w c m <<<"$ours"
    read -r pw pc pm <<<"$peer"
    echo "| $name | $w s | $c s | $((m / 1024)) MB | $pw s | $pc s | $((pm / 1024)) MB | $(ratio "$w" "$pw") |"
}
{
    echo "Median of $RUNS runs on $(nproc) cores; LibreOffice: \`soffice --headless --convert-to csv\` of the same files."
    echo
    echo "| Step | ragtime wall | ragtime CPU | ragtime memory | LibreOffice wall | LibreOffice CPU | LibreOffice memory | wall ratio |"
    echo "|---|---|---|---|---|---|---|---|"
    row "import, 2,000-action tracker (xlsx)" "$import" "$convert"
    row "returns --read, 100 returns" "$read_returns" "$convert_returns"
} | tee "$DIR/results.md"
