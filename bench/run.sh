#!/usr/bin/env bash
# Benchmark ragtime against Hugo on a generated site.
#
#     bench/run.sh [council|region|national|all]...     (default: council region)
#
# For each size it generates the corpus with `cargo run --release --example
# corpus` (cached under target/bench/corpus/, keyed by size, seed and the
# generator's source), then times, with /usr/bin/time -v:
#   - a full `ragtime build` (release) into an empty output folder,
#   - a full `hugo` build of the equivalent Hugo site (same pages, same URLs,
#     about the same bytes of Markdown, a minimal layout) into an empty folder,
#   - a one-file change: one line of one plan edited, then a rebuild into the
#     existing output (ragtime: full `ragtime build`; Hugo: full `hugo`),
# each RUNS times (national: NATIONAL_RUNS times), and prints the median wall
# time, CPU time (user+sys) and peak memory (max RSS) of each, and ragtime's
# ratio to Hugo, as Markdown tables. The tables are also saved in
# target/bench/results-<date>.md.
#
# Environment:
#   SEED=1             corpus seed
#   RUNS=3             runs per measurement (median reported)
#   NATIONAL_RUNS=1    runs per measurement for the national size
#   BENCH_DIR=target/bench   where corpora, outputs and results go
#   RAGTIME_BIN=path   time this ragtime binary instead of building the work tree
#   RAGTIME_REV=rev    time ragtime as of this git revision (built from `git
#                      archive` in BENCH_DIR/rev-<sha>/, for before/after comparisons)
#   SKIP_HUGO=1        time ragtime only
#   MEM_LIMIT_GB=20    address-space limit (ulimit -v) for each timed build, so a
#                      build that outgrows the machine fails alone, reported as such
#                      (Go reserves address space: Hugo needs more than 1 GB of it
#                      even for the council site)
#   HUGO_FULL=1        also time a second Hugo site whose "plan at a cycle" pages
#                      hold the whole plan as of that cycle, as ragtime's do (about
#                      the same output as ragtime rather than the same input)
#
# Needs Debian's `hugo` and `time` packages; installs them with apt-get if missing.
set -euo pipefail

cd "$(dirname "$0")/.."
REPO=$(pwd)
SEED=${SEED:-1}
RUNS=${RUNS:-3}
NATIONAL_RUNS=${NATIONAL_RUNS:-1}
BENCH_DIR=${BENCH_DIR:-$REPO/target/bench}
SKIP_HUGO=${SKIP_HUGO:-0}
HUGO_FULL=${HUGO_FULL:-0}
MEM_LIMIT_GB=${MEM_LIMIT_GB:-20}
[ "$SKIP_HUGO" = 1 ] && HUGO_FULL=0
mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)

sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(council region)
if [ "${sizes[0]}" = all ]; then sizes=(council region national); fi
for s in "${sizes[@]}"; do
    case $s in
        council | region | national) ;;
        -h | --help) sed -n '2,36p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench/run.sh: unknown size '$s' (council, region, national or all)" >&2; exit 2 ;;
    esac
done

log() { printf '%s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------
need_apt=()
[ -x /usr/bin/time ] || need_apt+=(time)
if [ "$SKIP_HUGO" != 1 ] && ! command -v hugo >/dev/null; then need_apt+=(hugo); fi
if [ ${#need_apt[@]} -gt 0 ]; then
    log "installing ${need_apt[*]} with apt-get"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
HUGO_VERSION=$( [ "$SKIP_HUGO" = 1 ] && echo "skipped" || hugo version | awk '{print $2}')

# The generator uses only the standard library, so it is compiled on its own with
# rustc (the same code `cargo run --release --example corpus` runs), and does not
# wait for, or depend on, the ragtime library compiling.
CORPUS=$BENCH_DIR/corpus-bin
if [ ! -x "$CORPUS" ] || [ "$REPO/examples/corpus.rs" -nt "$CORPUS" ]; then
    log "building the corpus generator"
    rustc --edition 2021 -C opt-level=3 -o "$CORPUS" "$REPO/examples/corpus.rs"
fi

if [ -n "${RAGTIME_BIN:-}" ]; then
    RAGTIME=$(realpath "$RAGTIME_BIN")
    RAGTIME_LABEL="ragtime ($RAGTIME)"
elif [ -n "${RAGTIME_REV:-}" ]; then
    sha=$(git rev-parse --verify "$RAGTIME_REV^{commit}")
    rev_dir=$BENCH_DIR/rev-${sha:0:12}
    if [ ! -x "$rev_dir/target/release/ragtime" ]; then
        log "building ragtime at ${sha:0:12} in $rev_dir"
        rm -rf "$rev_dir/src" && mkdir -p "$rev_dir/src"
        git archive "$sha" | tar -x -C "$rev_dir/src"
        (cd "$rev_dir/src" && CARGO_TARGET_DIR=$rev_dir/target cargo build --release --quiet)
    fi
    RAGTIME=$rev_dir/target/release/ragtime
    RAGTIME_LABEL="ragtime at ${sha:0:12}"
else
    log "building ragtime (release) from the work tree"
    cargo build --release --quiet --bin ragtime
    RAGTIME=$REPO/target/release/ragtime
    RAGTIME_LABEL="ragtime (work tree, $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src themes Cargo.toml 2>/dev/null || echo '+changes'))"
fi

# --- measuring -----------------------------------------------------------------
# run_timed OUT_PREFIX cmd...: runs cmd under /usr/bin/time -v; prints "wall cpu rss_kb".
run_timed() {
    local prefix=$1; shift
    if ! ( ulimit -v $((MEM_LIMIT_GB * 1024 * 1024)); exec /usr/bin/time -v -o "$prefix.time" "$@" ) >"$prefix.log" 2>&1; then
        log "FAILED: $*"
        log "  (see $prefix.log and $prefix.time)"
        tail -5 "$prefix.log" >&2
        grep -E 'Exit status|Maximum resident|Elapsed' "$prefix.time" >&2 || true
        return 1
    fi
    awk -F': ' '
        /User time/ { user = $2 }
        /System time/ { sys = $2 }
        /Elapsed \(wall clock\)/ {
            n = split($NF, p, ":"); wall = 0
            for (i = 1; i <= n; i++) wall = wall * 60 + p[i]
        }
        /Maximum resident set size/ { rss = $2 }
        END { printf "%.2f %.2f %d\n", wall, user + sys, rss }
    ' "$prefix.time"
}

# median of numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else print v[int((NR + 1) / 2)] }'; }

# measure_run NAME R PREPARE_FN cmd...: run R of NAME (PREPARE_FN before it,
# untimed, with the run number); its "wall cpu rss_kb" is added to NAME's runs.
# After a failed run, NAME is FAILED and later runs of it are skipped.
measure_run() {
    local name=$1 r=$2 prepare=$3; shift 3
    local line
    [ -f "$WORK/$name.failed" ] && return 0
    "$prepare" "$r"
    if ! line=$(run_timed "$WORK/$name.$r" "$@"); then
        touch "$WORK/$name.failed"
        local why
        why=$(grep -m1 -iE 'fatal error|out of memory|memory allocation|panicked|^error' "$WORK/$name.$r.log" || tail -1 "$WORK/$name.$r.log")
        why="$why; $(grep -E 'Exit status|Maximum resident' "$WORK/$name.$r.time" | sed 's/^[[:space:]]*//' | paste -sd';' -)"
        NOTES+=("- $size $name FAILED on run $r: $(echo "$why" | cut -c1-240) (log: $WORK/$name.$r.log)")
        return 0
    fi
    echo "$line" >>"$WORK/$name.runs"
    log "  $name run $r: wall ${line%% *} s, cpu $(echo "$line" | cut -d' ' -f2) s, rss $(( ${line##* } / 1024 )) MB"
}

# summarise NAME: sets M_WALL, M_CPU, M_RSS_MB to the medians of NAME's runs, or
# all three to FAILED.
summarise() {
    local name=$1
    if [ -f "$WORK/$name.failed" ] || [ ! -s "$WORK/$name.runs" ]; then
        M_WALL=FAILED M_CPU=FAILED M_RSS_MB=FAILED
        return 0
    fi
    M_WALL=$(cut -d' ' -f1 "$WORK/$name.runs" | median)
    M_CPU=$(cut -d' ' -f2 "$WORK/$name.runs" | median)
    M_RSS_MB=$(cut -d' ' -f3 "$WORK/$name.runs" | median | awk '{ printf "%.0f", $1 / 1024 }')
}

# measure NAME RUNS PREPARE_FN cmd...: RUNS runs of one command, then summarise.
measure() {
    local name=$1 runs=$2 prepare=$3; shift 3
    local r
    for ((r = 1; r <= runs; r++)); do
        measure_run "$name" "$r" "$prepare" "$@"
    done
    summarise "$name"
}

ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        num = "^[0-9]+([.][0-9]+)?$"
        if (a ~ num && b ~ num && b + 0 > 0) printf "%.2f", a / b; else print "–"
    }'
}
mb() { { du -sb "$1" 2>/dev/null || echo "0"; } | awk '{ printf "%.1f", $1 / 1e6 }'; }
html_pages() { { find "$1" -name '*.html' 2>/dev/null || true; } | wc -l; }

# --- per size ------------------------------------------------------------------
FULL_ROWS=()
EDIT_ROWS=()
SEARCH_ROWS=()
NOTES=()

bench_size() {
    local size=$1 runs=$RUNS
    [ "$size" = national ] && runs=$NATIONAL_RUNS
    local key corpus
    key=$(cat "$REPO/examples/corpus.rs" | sha256sum | cut -c1-12)
    corpus=$BENCH_DIR/corpus/$size-s$SEED-$key
    if [ ! -f "$corpus/.complete" ] || { [ "$HUGO_FULL" = 1 ] && [ ! -d "$corpus/hugo-full" ]; }; then
        rm -rf "$BENCH_DIR/corpus/$size-s$SEED-"*
        log "[$size] generating the corpus into $corpus"
        mkdir -p "$corpus"
        local full_args=()
        [ "$HUGO_FULL" = 1 ] && full_args=(--hugo-full "$corpus/hugo-full")
        "$CORPUS" --size "$size" --seed "$SEED" --out "$corpus/ragtime" --hugo "$corpus/hugo" "${full_args[@]}" | tee "$corpus/summary.txt" >&2
        touch "$corpus/.complete"
    else
        log "[$size] using the cached corpus in $corpus"
    fi
    WORK=$BENCH_DIR/out/$size
    rm -rf "$WORK" && mkdir -p "$WORK"
    local rt_out=$WORK/ragtime-public hugo_out=$WORK/hugo-public
    local rt_in hugo_in
    rt_in=$(mb "$corpus/ragtime/content")
    hugo_in=$( [ "$SKIP_HUGO" = 1 ] && echo "–" || mb "$corpus/hugo/content")

    # The plan edited by the one-file change: the middle one, and its Hugo page.
    local plans=("$corpus"/ragtime/content/plans/*.yaml)
    local plan_file=${plans[$(( ${#plans[@]} / 2 ))]}
    local plan_id
    plan_id=$(basename "$plan_file" .yaml)
    local hugo_file=$corpus/hugo/content/plans/$plan_id.md
    cp "$plan_file" "$WORK/plan.orig"
    [ "$SKIP_HUGO" = 1 ] || cp "$hugo_file" "$WORK/hugo.orig"
    # Put the corpus back however the script ends.
    trap 'cp "$WORK/plan.orig" "'"$plan_file"'"; [ -f "$WORK/hugo.orig" ] && cp "$WORK/hugo.orig" "'"$hugo_file"'"; true' EXIT
    local rt_line hugo_line
    rt_line=$(grep -m1 -n 'progress: |' "$plan_file" | cut -d: -f1)
    rt_line=$((rt_line + 1))
    hugo_line=$( [ "$SKIP_HUGO" = 1 ] && echo 0 || grep -n '[a-z]\.$' "$hugo_file" | tail -1 | cut -d: -f1)

    clean_rt() { rm -rf "$rt_out"; }
    clean_hugo() { rm -rf "$hugo_out"; }
    edit_rt() { cp "$WORK/plan.orig" "$plan_file"; sed -i "${rt_line}s/\$/ Edited for benchmark run $1./" "$plan_file"; }
    edit_hugo() { cp "$WORK/hugo.orig" "$hugo_file"; sed -i "${hugo_line}s/\$/ Edited for benchmark run $1./" "$hugo_file"; }

    # ragtime's and Hugo's runs alternate, so a change in the machine's load
    # (it is shared) falls on both alike.
    local r
    log "[$size] full builds, ragtime and Hugo in turn, x$runs"
    for ((r = 1; r <= runs; r++)); do
        measure_run ragtime-full "$r" clean_rt "$RAGTIME" build --root "$corpus/ragtime" --output "$rt_out"
        [ "$SKIP_HUGO" = 1 ] || measure_run hugo-full "$r" clean_hugo hugo --source "$corpus/hugo" --destination "$hugo_out" --quiet
    done
    summarise ragtime-full
    local rt_wall=$M_WALL rt_cpu=$M_CPU rt_rss=$M_RSS_MB
    local rt_pages rt_bytes rt_says
    rt_pages=$(html_pages "$rt_out")
    rt_bytes=$(mb "$rt_out")
    rt_says=$(grep '^built' "$WORK/ragtime-full.1.log" || true)
    log "  $rt_says"

    log "[$size] one-file change ($plan_id line $rt_line; $plan_id.md line $hugo_line), in turn, x$runs"
    for ((r = 1; r <= runs; r++)); do
        measure_run ragtime-edit "$r" edit_rt "$RAGTIME" build --root "$corpus/ragtime" --output "$rt_out"
        [ "$SKIP_HUGO" = 1 ] || measure_run hugo-edit "$r" edit_hugo hugo --source "$corpus/hugo" --destination "$hugo_out" --quiet
    done
    summarise ragtime-edit
    local rte_wall=$M_WALL rte_cpu=$M_CPU rte_rss=$M_RSS_MB rte_says
    rte_says=$(grep '^built' "$WORK/ragtime-edit.1.log" | sed 's/ into .* in / in /' || true)

    # The search index: its bytes against the HTML's, what the worst query
    # fetches (the two largest word buckets and the 20 largest record files, a
    # page of results), and how many of its files one more edit rewrites.
    local html_b idx_b bucket_max worst before_inodes rewritten idx_files
    html_b=$(find "$rt_out" -name '*.html' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
    idx_b=$(find "$rt_out/search" -type f ! -name '*.html' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
    idx_files=$(find "$rt_out/search" -type f ! -name '*.html' | wc -l)
    bucket_max=$(find "$rt_out/search/terms" -type f -printf '%s\n' | sort -n | tail -1)
    worst=$( { find "$rt_out/search/terms" -type f -printf '%s\n' | sort -n | tail -2; find "$rt_out/search/docs" -type f -printf '%s\n' | sort -n | tail -20; } | awk '{ s += $1 } END { print s + 0 }')
    before_inodes=$(find "$rt_out/search" -type f -printf '%i %P\n' | sort -k2)
    edit_rt search
    "$RAGTIME" build --root "$corpus/ragtime" --output "$rt_out" >/dev/null 2>&1
    rewritten=$(diff <(echo "$before_inodes") <(find "$rt_out/search" -type f -printf '%i %P\n' | sort -k2) | grep -c '^>' || true)
    SEARCH_ROWS+=("| $size | $(awk -v b="$html_b" 'BEGIN { printf "%.1f", b / 1e6 }') | $(awk -v b="$idx_b" 'BEGIN { printf "%.1f", b / 1e6 }') | $(awk -v a="$idx_b" -v b="$html_b" 'BEGIN { printf "%.1f%%", 100 * a / b }') | $idx_files | $(( bucket_max / 1024 )) | $(( worst / 1024 )) | $rewritten |")
    cp "$WORK/plan.orig" "$plan_file"

    if [ "$SKIP_HUGO" = 1 ]; then
        FULL_ROWS+=("| $size | ragtime | $rt_pages | $rt_in | $rt_bytes | $rt_wall | $rt_cpu | $rt_rss |")
        EDIT_ROWS+=("| $size | ragtime | $rte_wall | $rte_cpu | $rte_rss | $rte_says |")
        return
    fi

    summarise hugo-full
    local hu_wall=$M_WALL hu_cpu=$M_CPU hu_rss=$M_RSS_MB
    local hu_pages hu_bytes
    hu_pages=$(html_pages "$hugo_out")
    hu_bytes=$(mb "$hugo_out")
    summarise hugo-edit
    local hue_wall=$M_WALL hue_cpu=$M_CPU hue_rss=$M_RSS_MB
    cp "$WORK/hugo.orig" "$hugo_file"

    if [ "$HUGO_FULL" = 1 ]; then
        local hf_out=$WORK/hugo-full-public
        clean_hugo_full() { rm -rf "$hf_out"; }
        log "[$size] hugo (whole plan on each cycle page): full build x$runs"
        measure "hugo-full-full" "$runs" clean_hugo_full hugo --source "$corpus/hugo-full" --destination "$hf_out" --quiet
        FULL_ROWS_EXTRA=("| $size | Hugo, whole plan per cycle page | $(html_pages "$hf_out") | $(mb "$corpus/hugo-full/content") | $(mb "$hf_out") | $M_WALL | $M_CPU | $M_RSS_MB |")
        FULL_ROWS_EXTRA+=("| $size | **ragtime ÷ that** | | | | **$(ratio "$rt_wall" "$M_WALL")** | **$(ratio "$rt_cpu" "$M_CPU")** | **$(ratio "$rt_rss" "$M_RSS_MB")** |")
        rm -rf "$hf_out"
    else
        FULL_ROWS_EXTRA=()
    fi

    FULL_ROWS+=("| $size | ragtime | $rt_pages | $rt_in | $rt_bytes | $rt_wall | $rt_cpu | $rt_rss |")
    FULL_ROWS+=("| $size | Hugo | $hu_pages | $hugo_in | $hu_bytes | $hu_wall | $hu_cpu | $hu_rss |")
    FULL_ROWS+=("| $size | **ragtime ÷ Hugo** | | | | **$(ratio "$rt_wall" "$hu_wall")** | **$(ratio "$rt_cpu" "$hu_cpu")** | **$(ratio "$rt_rss" "$hu_rss")** |")
    FULL_ROWS+=("${FULL_ROWS_EXTRA[@]}")
    EDIT_ROWS+=("| $size | ragtime | $rte_wall | $rte_cpu | $rte_rss | $rte_says |")
    EDIT_ROWS+=("| $size | Hugo | $hue_wall | $hue_cpu | $hue_rss | full rebuild |")
    EDIT_ROWS+=("| $size | **ragtime ÷ Hugo** | **$(ratio "$rte_wall" "$hue_wall")** | **$(ratio "$rte_cpu" "$hue_cpu")** | **$(ratio "$rte_rss" "$hue_rss")** | |")
    if [ "$rt_pages" != "$hu_pages" ] && [ "$hu_wall" != FAILED ] && [ "$rt_wall" != FAILED ]; then
        NOTES+=("- $size: page counts differ (ragtime $rt_pages, Hugo $hu_pages)")
    fi
    NOTES+=("- $size corpus: $(grep -m1 -o 'size .*' "$corpus/summary.txt" | sed 's/^size //')")
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for size in "${sizes[@]}"; do
    bench_size "$size"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

report() {
    echo
    echo "## ragtime vs Hugo — $(date -u +%Y-%m-%d), seed $SEED, $(nproc) cores"
    echo
    echo "$RAGTIME_LABEL; Hugo $HUGO_VERSION. Median of $RUNS runs (national: $NATIONAL_RUNS). Wall and CPU (user+sys) in seconds, peak RSS in MB; input and output in MB."
    echo "Load average before: $LOAD_BEFORE, after: $LOAD_AFTER (wall times are only comparable on an idle machine; CPU time is steadier)."
    echo
    echo "### Full build (empty output folder)"
    echo
    echo "| size | generator | HTML pages | input MB | output MB | wall s | CPU s | max RSS MB |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${FULL_ROWS[@]}"
    echo
    echo "### One-file change (one line of one plan edited, then rebuilt into the existing output)"
    echo
    echo "| size | generator | wall s | CPU s | max RSS MB | notes |"
    echo "|---|---|---:|---:|---:|---|"
    printf '%s\n' "${EDIT_ROWS[@]}"
    echo
    echo "### Search index (built by every full build above)"
    echo
    echo "| size | HTML MB | index MB | index ÷ HTML | index files | largest bucket KB | worst query KB | index files rewritten by one edit |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${SEARCH_ROWS[@]}"
    echo
    printf '%s\n' "${NOTES[@]}"
}

results=$BENCH_DIR/results-$(date -u +%Y%m%dT%H%M%SZ).md
report | tee "$results"
log ""
log "saved to $results"
