#!/usr/bin/env bash
# Benchmark ragtime against Hugo (and Zola) on generated sites.
#
#     bench/run.sh [council|region|national|all]...     (default: council region)
#
# For each size it generates the corpus with `cargo run --release --example
# corpus` (cached under target/bench/corpus/, keyed by size, seed and the
# generator's source), then times, with /usr/bin/time -v, each RUNS times
# (national: NATIONAL_RUNS times), the generators' runs alternating:
#   - a full build into an empty output folder: `ragtime build` (release); `hugo`
#     on the equivalent Hugo site (same pages, same URLs, about the same bytes of
#     Markdown, a minimal layout: the same input); with HUGO_FULL=1 also `hugo`
#     on the site whose "plan at a cycle" pages hold the whole plan (about the
#     same output); with ZOLA=path `zola build` on the same two sites converted
#     to Zola's layout (bench/hugo2zola.py),
#   - a one-file change: one line of one plan edited, then a rebuild into the
#     existing output (ragtime: `ragtime build`; Hugo, Zola: a full build),
#   - a build with nothing changed (ragtime only),
#   - `ragtime serve`: from a saved edit of a plan to its page served with the
#     edit, on the example site (the repository's content/, copied) and on the
#     corpus (bench/serve_latency.py),
# and prints the median wall time, CPU time (user+sys) and peak memory (max RSS)
# of each, ragtime's ratios to the others, bytes per HTML page (and, for
# ragtime, per page kind), the search index's figures, the issue's targets with
# the measured ratio beside each, and the machine it ran on, as Markdown. The
# report is also saved in target/bench/results-<date>.md.
#
# Environment:
#   SEED=1             corpus seed
#   RUNS=3             runs per measurement (median reported)
#   NATIONAL_RUNS=1    runs per measurement for the national size
#   BENCH_DIR=target/bench   where corpora, outputs and results go
#   RAGTIME_BIN=path   time this ragtime binary instead of building the work tree
#   RAGTIME_REV=rev    time ragtime as of this git revision (built from `git
#                      archive` in BENCH_DIR/rev-<sha>/, for before/after comparisons)
#   SKIP_HUGO=1        time ragtime only (and Zola, if ZOLA is set)
#   HUGO_FULL=1        also time the Hugo (and Zola) site with the whole plan on each
#                      "plan at a cycle" page: about ragtime's output, not its input
#   ZOLA=path          also time this Zola binary on the same sites
#   MEM_LIMIT_GB=20    address-space limit (ulimit -v) for each timed ragtime build,
#                      so a build that outgrows the machine fails alone, reported as such
#   HUGO_MEM_LIMIT_GB=12   the same for Hugo (Go reserves address space: Hugo needs
#                      more than 1 GB of it even for the council site; at national
#                      size it runs out, and is reported as FAILED)
#   ZOLA_MEM_LIMIT_GB=HUGO_MEM_LIMIT_GB   the same for Zola
#   SERVE_SIZES="council region"   sizes whose `ragtime serve` latency is timed
#                      ("" for none; national holds 10 GB of pages in memory)
#   SERVE_RUNS=RUNS    edits timed per site for `serve` (median reported)
#
# Needs Debian's `hugo` and `time` packages (installs them with apt-get if
# missing) and python3.
set -euo pipefail

cd "$(dirname "$0")/.."
REPO=$(pwd)
SEED=${SEED:-1}
RUNS=${RUNS:-3}
NATIONAL_RUNS=${NATIONAL_RUNS:-1}
BENCH_DIR=${BENCH_DIR:-$REPO/target/bench}
SKIP_HUGO=${SKIP_HUGO:-0}
HUGO_FULL=${HUGO_FULL:-0}
ZOLA=${ZOLA:-}
MEM_LIMIT_GB=${MEM_LIMIT_GB:-20}
HUGO_MEM_LIMIT_GB=${HUGO_MEM_LIMIT_GB:-12}
ZOLA_MEM_LIMIT_GB=${ZOLA_MEM_LIMIT_GB:-$HUGO_MEM_LIMIT_GB}
SERVE_SIZES=${SERVE_SIZES-council region}
SERVE_RUNS=${SERVE_RUNS:-$RUNS}
mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)

sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(council region)
if [ "${sizes[0]}" = all ]; then sizes=(council region national); fi
for s in "${sizes[@]}"; do
    case $s in
        council | region | national) ;;
        -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
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
HUGO=0 HUGO_VERSION=skipped
if [ "$SKIP_HUGO" != 1 ]; then HUGO=1 HUGO_VERSION=$(hugo version | awk '{print $2}'); fi
if [ -n "$ZOLA" ]; then
    ZOLA=$(realpath "$ZOLA")
    ZOLA_VERSION=$("$ZOLA" --version | awk '{print $NF}')
else
    ZOLA_VERSION="not timed (set ZOLA=path)"
fi
# The same-output sites are generated when HUGO_FULL=1, for Hugo, Zola or both.
FULL_SITES=0
if [ "$HUGO_FULL" = 1 ] && { [ "$HUGO" = 1 ] || [ -n "$ZOLA" ]; }; then FULL_SITES=1; fi

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

# --- putting files back ------------------------------------------------------------
# Every file a benchmark edits is copied first; however the script ends, the
# copies are put back.
RESTORE=()
backup() { cp "$2" "$1"; RESTORE+=("$1" "$2"); }
restore_all() {
    local i
    for ((i = 0; i + 1 < ${#RESTORE[@]}; i += 2)); do
        cp "${RESTORE[i]}" "${RESTORE[i + 1]}" 2>/dev/null || true
    done
}
trap restore_all EXIT
trap 'exit 130' INT TERM

# --- measuring -----------------------------------------------------------------
# run_timed OUT_PREFIX LIMIT_GB cmd...: runs cmd under /usr/bin/time -v with an
# address-space limit; prints "wall cpu rss_kb".
run_timed() {
    local prefix=$1 limit=$2; shift 2
    if ! ( ulimit -v $((limit * 1024 * 1024)); exec /usr/bin/time -v -o "$prefix.time" "$@" ) >"$prefix.log" 2>&1; then
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

# The address-space limit of a measurement, by its generator (its name's first part).
limit_for() {
    case $1 in
        hugo*) echo "$HUGO_MEM_LIMIT_GB" ;;
        zola*) echo "$ZOLA_MEM_LIMIT_GB" ;;
        *) echo "$MEM_LIMIT_GB" ;;
    esac
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
    if ! line=$(run_timed "$WORK/$name.$r" "$(limit_for "$name")" "$@"); then
        touch "$WORK/$name.failed"
        local why
        why=$(grep -m1 -iE 'fatal error|out of memory|memory allocation|panicked|^error' "$WORK/$name.$r.log" || tail -1 "$WORK/$name.$r.log")
        why="$why; $(grep -E 'Exit status|Maximum resident' "$WORK/$name.$r.time" | sed 's/^[[:space:]]*//' | paste -sd';' -)"
        NOTES+=("- $size $name FAILED on run $r (address space limited to $(limit_for "$name") GB): $(echo "$why" | cut -c1-240) (log: $WORK/$name.$r.log)")
        return 0
    fi
    echo "$line" >>"$WORK/$name.runs"
    log "  $name run $r: wall ${line%% *} s, cpu $(echo "$line" | cut -d' ' -f2) s, rss $(( ${line##* } / 1024 )) MB"
}

# skip_after_failure NAME BEFORE: NAME is not run, and is FAILED, when BEFORE failed
# (a rebuild of a site whose full build ran out of memory would only do so again).
skip_after_failure() {
    if [ -f "$WORK/$2.failed" ]; then
        touch "$WORK/$1.failed"
        NOTES+=("- $size $1 not run: $2 FAILED")
    fi
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

# row SIZE LABEL SITE NAME [NOTE]: a table row of NAME's medians (wall, CPU, RSS).
row() {
    summarise "$4"
    echo "| $1 | $2 | $3 | $M_WALL | $M_CPU | $M_RSS_MB |${5:+ $5 |}"
}

# ratio_row SIZE LABEL A B BLANKS TAIL: A's medians divided by B's, in bold,
# after BLANKS empty cells (the table's columns before wall time) and before TAIL.
ratio_row() {
    summarise "$3"
    local aw=$M_WALL ac=$M_CPU ar=$M_RSS_MB
    summarise "$4"
    echo "| $1 | **$2** |$(printf ' |%.0s' $(seq "$5")) **$(ratio "$aw" "$M_WALL")** | **$(ratio "$ac" "$M_CPU")** | **$(ratio "$ar" "$M_RSS_MB")** |$6"
}

ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        num = "^[0-9]+([.][0-9]+)?$"
        if (a ~ num && b ~ num && b + 0 > 0) printf (a / b < 0.1 ? "%.3f" : "%.2f"), a / b; else print "–"
    }'
}
# met VALUE LIMIT: "yes" when VALUE <= LIMIT, "no" when not, "–" when not measured.
met() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a !~ /^[0-9]+([.][0-9]+)?$/) print "–"; else if (a + 0 <= b + 0) print "yes"; else print "**no**"
    }'
}
mb() { { du -sb "$1" 2>/dev/null || echo "0"; } | awk '{ printf "%.1f", $1 / 1e6 }'; }
html_pages() { { find "$1" -name '*.html' 2>/dev/null || true; } | wc -l; }
# largest_kb DIR REGEX: the largest HTML file whose path under DIR matches, in KB.
largest_kb() { find "$1" -name '*.html' -printf '%s %P\n' | awk -v re="$2" '$2 ~ re && $1 > m { m = $1 } END { printf "%.0f", m / 1024 }'; }
html_bytes() { { find "$1" -name '*.html' -printf '%s\n' 2>/dev/null || true; } | awk '{ s += $1 } END { print s + 0 }'; }

# The line after the first `progress: |` of a plan: its first progress note.
progress_line() {
    local n
    n=$(grep -m1 -n '^ *progress: |$' "$1" | cut -d: -f1)
    echo $((n + 1))
}

# serve_time ROOT PLAN_FILE PAGE NAME: times `ragtime serve` on ROOT (edits of
# PLAN_FILE's first progress note, PAGE fetched); sets S_START, S_RSS_MB, S_MS
# (median, edit saved to page served), S_REBUILD_MS (median of the server's own
# rebuild times), or all to FAILED.
serve_time() {
    local root=$1 plan=$2 page=$3 name=$4 out
    S_START=FAILED S_RSS_MB=FAILED S_MS=FAILED S_REBUILD_MS=FAILED
    if ! out=$(python3 "$REPO/bench/serve_latency.py" "$RAGTIME" "$root" "$plan" "$(progress_line "$plan")" "$page" "$SERVE_RUNS" "$WORK/$name.log"); then
        NOTES+=("- $size $name FAILED (log: $WORK/$name.log)")
        return 0
    fi
    read -r S_START S_RSS_MB <<<"$(sed -n 1p <<<"$out")"
    S_RSS_MB=$((S_RSS_MB / 1024))
    S_MS=$(sed -n 2p <<<"$out" | tr ' ' '\n' | median)
    S_REBUILD_MS=$(sed -n 3p <<<"$out" | tr ' ' '\n' | grep . | median)
    log "  $name: started in $S_START s; edit to page: $(sed -n 2p <<<"$out") ms (server's rebuilds: $(sed -n 3p <<<"$out") ms)"
}

# --- per size ------------------------------------------------------------------
FULL_ROWS=()
EDIT_ROWS=()
NOCHANGE_ROWS=()
BYTES_ROWS=()
KIND_ROWS=()
SERVE_ROWS=()
SEARCH_ROWS=()
TARGET_ROWS=()
NOTES=()
declare -A EDIT_WALL EDIT_CPU

bench_size() {
    local size=$1 runs=$RUNS
    [ "$size" = national ] && runs=$NATIONAL_RUNS
    local key corpus
    key=$(sha256sum <"$REPO/examples/corpus.rs" | cut -c1-12)
    corpus=$BENCH_DIR/corpus/$size-s$SEED-$key
    local gen=("$CORPUS" --size "$size" --seed "$SEED")
    if [ ! -f "$corpus/.complete" ]; then
        rm -rf "$BENCH_DIR/corpus/$size-s$SEED-"*
        log "[$size] generating the corpus into $corpus"
        mkdir -p "$corpus"
        "${gen[@]}" --out "$corpus/ragtime" --hugo "$corpus/hugo" | tee "$corpus/summary.txt" >&2
        touch "$corpus/.complete"
    else
        log "[$size] using the cached corpus in $corpus"
    fi
    if [ "$FULL_SITES" = 1 ] && [ ! -f "$corpus/.complete-hugo-full" ]; then
        log "[$size] generating the same-output Hugo site into $corpus/hugo-full"
        "${gen[@]}" --hugo-full "$corpus/hugo-full" >&2
        touch "$corpus/.complete-hugo-full"
    fi
    # The Zola sites, converted from the Hugo ones (redone when the converter changes).
    if [ -n "$ZOLA" ]; then
        local conv sites=(hugo) site
        conv=$(sha256sum <"$REPO/bench/hugo2zola.py" | cut -c1-12)
        [ "$FULL_SITES" = 1 ] && sites+=(hugo-full)
        for site in "${sites[@]}"; do
            local z=$corpus/zola${site#hugo}
            if [ "$(cat "$z/.complete" 2>/dev/null)" != "$conv" ]; then
                log "[$size] converting $site to Zola's layout in $z"
                python3 "$REPO/bench/hugo2zola.py" "$corpus/$site" "$z" >&2
                echo "$conv" >"$z/.complete"
            fi
        done
    fi

    WORK=$BENCH_DIR/out/$size
    rm -rf "$WORK" && mkdir -p "$WORK"
    local rt_out=$WORK/ragtime-public hugo_out=$WORK/hugo-public zola_out=$WORK/zola-public
    local hf_out=$WORK/hugofull-public zf_out=$WORK/zolafull-public

    # The plan edited by the one-file change: the middle one, and its Hugo and Zola pages.
    local plans=("$corpus"/ragtime/content/plans/*.yaml)
    local plan_file=${plans[$(( ${#plans[@]} / 2 ))]}
    local plan_id
    plan_id=$(basename "$plan_file" .yaml)
    local hugo_file=$corpus/hugo/content/plans/$plan_id.md zola_file=$corpus/zola/content/plans/$plan_id/_index.md
    [ -f "$zola_file" ] || zola_file=$corpus/zola/content/plans/$plan_id.md
    backup "$WORK/plan.orig" "$plan_file"
    [ "$HUGO" = 1 ] && backup "$WORK/hugo.orig" "$hugo_file"
    [ -n "$ZOLA" ] && backup "$WORK/zola.orig" "$zola_file"
    local rt_line hugo_line=0 zola_line=0
    rt_line=$(progress_line "$plan_file")
    [ "$HUGO" = 1 ] && hugo_line=$(grep -n '[a-z]\.$' "$hugo_file" | tail -1 | cut -d: -f1)
    [ -n "$ZOLA" ] && zola_line=$(grep -n '[a-z]\.$' "$zola_file" | tail -1 | cut -d: -f1)

    clean_rt() { rm -rf "$rt_out"; }
    clean_hugo() { rm -rf "$hugo_out"; }
    clean_zola() { rm -rf "$zola_out"; }
    clean_hf() { rm -rf "$hf_out"; }
    clean_zf() { rm -rf "$zf_out"; }
    unchanged() { :; }
    edit_rt() { cp "$WORK/plan.orig" "$plan_file"; sed -i "${rt_line}s/\$/ Edited for benchmark run $1./" "$plan_file"; }
    edit_hugo() { cp "$WORK/hugo.orig" "$hugo_file"; sed -i "${hugo_line}s/\$/ Edited for benchmark run $1./" "$hugo_file"; }
    edit_zola() { cp "$WORK/zola.orig" "$zola_file"; sed -i "${zola_line}s/\$/ Edited for benchmark run $1./" "$zola_file"; }
    local rt_build=("$RAGTIME" build --root "$corpus/ragtime" --output "$rt_out")
    local hugo_build=(hugo --source "$corpus/hugo" --destination "$hugo_out" --quiet)
    local zola_build=("$ZOLA" --root "$corpus/zola" build --output-dir "$zola_out" --force)

    # The generators' runs alternate, so a change in the machine's load (it is
    # shared) falls on all alike.
    local r
    log "[$size] full builds, each generator in turn, x$runs"
    for ((r = 1; r <= runs; r++)); do
        measure_run ragtime-build "$r" clean_rt "${rt_build[@]}"
        [ "$HUGO" = 1 ] && measure_run hugo-build "$r" clean_hugo "${hugo_build[@]}"
        [ -n "$ZOLA" ] && measure_run zola-build "$r" clean_zola "${zola_build[@]}"
        if [ "$FULL_SITES" = 1 ]; then
            [ "$HUGO" = 1 ] && measure_run hugofull-build "$r" clean_hf hugo --source "$corpus/hugo-full" --destination "$hf_out" --quiet
            [ -n "$ZOLA" ] && measure_run zolafull-build "$r" clean_zf "$ZOLA" --root "$corpus/zola-full" build --output-dir "$zf_out" --force
        fi
    done
    local rt_says
    rt_says=$(grep '^built' "$WORK/ragtime-build.1.log" || true)
    log "  $rt_says"

    # What each generator wrote, as HTML pages and bytes. The same-output sites'
    # outputs are not needed after this.
    local outputs=("ragtime|same content|$rt_out|$corpus/ragtime/content|ragtime-build")
    [ "$HUGO" = 1 ] && outputs+=("Hugo|same input|$hugo_out|$corpus/hugo/content|hugo-build")
    [ "$FULL_SITES" = 1 ] && [ "$HUGO" = 1 ] && outputs+=("Hugo|same output|$hf_out|$corpus/hugo-full/content|hugofull-build")
    [ -n "$ZOLA" ] && outputs+=("Zola|same input|$zola_out|$corpus/zola/content|zola-build")
    [ "$FULL_SITES" = 1 ] && [ -n "$ZOLA" ] && outputs+=("Zola|same output|$zf_out|$corpus/zola-full/content|zolafull-build")
    local rt_pages rt_html rt_per_page o gen_name site out input name pages hbytes per_page out_mb vs differ=()
    rt_pages=$(html_pages "$rt_out")
    rt_html=$(html_bytes "$rt_out")
    rt_per_page=$(awk -v b="$rt_html" -v n="$rt_pages" 'BEGIN { printf "%.1f", n ? b / n / 1024 : 0 }')
    for o in "${outputs[@]}"; do
        IFS='|' read -r gen_name site out input name <<<"$o"
        summarise "$name"
        if [ "$M_WALL" = FAILED ]; then
            pages="–" hbytes=0 per_page="–" out_mb="–"
        else
            out_mb=$(mb "$out")
            pages=$(html_pages "$out")
            hbytes=$(html_bytes "$out")
            per_page=$(awk -v b="$hbytes" -v n="$pages" 'BEGIN { printf "%.1f", n ? b / n / 1024 : 0 }')
        fi
        FULL_ROWS+=("| $size | $gen_name | $site | $pages | $(mb "$input") | $out_mb | $M_WALL | $M_CPU | $M_RSS_MB |")
        vs=""
        [ "$gen_name" = ragtime ] || vs=$(ratio "$rt_per_page" "$per_page")
        BYTES_ROWS+=("| $size | $gen_name | $site | $pages | $(awk -v b="$hbytes" -v p="$pages" 'BEGIN { if (p == "–") print p; else printf "%.1f", b / 1e6 }') | $per_page | $vs |")
        if [ "$gen_name" != ragtime ] && [ "$pages" != "–" ] && [ "$pages" != "$rt_pages" ]; then
            differ+=("$gen_name $site $pages")
        fi
        if [ "$gen_name $site" = "Hugo same output" ]; then
            local pr
            pr=$(ratio "$rt_per_page" "$per_page")
            TARGET_ROWS+=("| HTML bytes per page, ragtime ÷ Hugo same output | $size | $pr | ≤ 2 | $(met "$pr" 2) |")
        fi
    done
    if [ ${#differ[@]} -gt 0 ]; then
        NOTES+=("- $size: HTML page counts differ: ragtime $rt_pages; $(printf '%s, ' "${differ[@]}" | sed 's/, $//') (ragtime's pages the others have no equivalent of: see the page kinds)")
    fi
    rm -rf "$hf_out" "$zf_out"
    for o in "${outputs[@]:1}"; do
        IFS='|' read -r gen_name site out input name <<<"$o"
        FULL_ROWS+=("$(ratio_row "$size" "ragtime ÷ $gen_name, $site" ragtime-build "$name" 4 "")")
        case "$gen_name $site" in
            "Hugo same input" | "Hugo same output")
                local limit=0.45 wall_r cpu_r
                [ "$site" = "same output" ] && limit=0.25
                summarise ragtime-build
                local aw=$M_WALL ac=$M_CPU
                summarise "$name"
                wall_r=$(ratio "$aw" "$M_WALL")
                cpu_r=$(ratio "$ac" "$M_CPU")
                TARGET_ROWS+=("| full build, ragtime ÷ Hugo $site (wall; CPU) | $size | $wall_r; $cpu_r | ≤ $limit | $(met "$wall_r" "$limit") |")
                ;;
        esac
    done

    # ragtime's HTML by page kind (from the path: plans/*/ is a plan's page,
    # plans/*/*/ the plan as reported at a cycle...), to see what each kind costs.
    while IFS= read -r line; do KIND_ROWS+=("| $size | $line"); done < <(
        find "$rt_out" -name '*.html' -printf '%s %P\n' | awk -v total="$rt_html" '
            {
                size = $1; path = substr($0, index($0, " ") + 1)
                n = split(path, p, "/")
                if (n == 1) kind = (p[1] == "index.html" ? "/" : p[1])
                else {
                    kind = p[1]
                    # An id (the second part, any later part with a digit, such as a
                    # cycle, and an organisation after report/ or organisations/) is a
                    # wildcard; a fixed name (report) stays.
                    for (i = 2; i < n; i++) kind = kind "/" (i == 2 || p[i] ~ /[0-9]/ || p[i - 1] ~ /^(report|organisations)$/ ? "*" : p[i])
                    kind = kind "/" (p[n] == "index.html" ? "" : p[n])
                }
                count[kind]++; bytes[kind] += size
            }
            END {
                what["/"] = "dashboard"; what["plans/"] = "plans list"; what["plans/*/"] = "plan"
                what["plans/*/*/"] = "plan at a cycle"; what["cycles/"] = "cycles list"
                what["cycles/*/"] = "committee cycle"; what["owners/"] = "owners list"
                what["owners/*/"] = "owner"; what["briefings/"] = "briefings list"
                what["briefings/*/"] = "briefing"; what["inspections/"] = "inspections list"
                what["inspections/*/"] = "inspection"; what["indicators/"] = "indicators list"
                what["indicators/*/"] = "indicator"; what["search/"] = "search"; what["404.html"] = "not found"
                what["cycles/*/report/"] = "cycle report"; what["plans/*/embed/"] = "plan embed"
                what["cycles/*/report/*/"] = "cycle report, one organisation"
                what["cycles/*/organisations/*/"] = "committee cycle, one organisation"
                what["organisations/"] = "organisations list"; what["organisations/*/"] = "organisation"
                what["plans/*/history/"] = "plan history"; what["plans/*/embed-code/"] = "plan embed code"
                for (k in count) {
                    if (!(k in what) && k ~ /^[^\/]+\/$/) what[k] = "page"
                    printf "%d|%s | %s | %d | %.1f | %.1f | %.1f%% |\n", bytes[k], k, what[k], count[k], bytes[k] / 1e6, bytes[k] / count[k] / 1024, total ? 100 * bytes[k] / total : 0
                }
            }' | sort -t'|' -k1,1nr | cut -d'|' -f2-
    )

    # Single pages a reader must carry (on a phone, on paper): the largest plan
    # page, the dashboard, the largest committee report page, the largest page
    # of a cycle (across plans, or one organisation's plans) and the plans list, in KB.
    local plan_kb dash_kb report_kb cycle_kb list_kb
    plan_kb=$(largest_kb "$rt_out" '^plans/[^/]+/index[.]html$')
    dash_kb=$(largest_kb "$rt_out" '^index[.]html$')
    report_kb=$(largest_kb "$rt_out" '^cycles/.*report.*[.]html$')
    cycle_kb=$(largest_kb "$rt_out" '^cycles/[^/]+/(organisations/[^/]+/)?index[.]html$')
    list_kb=$(largest_kb "$rt_out" '^plans/index[.]html$')
    TARGET_ROWS+=("| largest plan page, KB | $size | $plan_kb | ≤ 120 | $(met "$plan_kb" 120) |")
    if [ "$size" != council ]; then
        TARGET_ROWS+=("| dashboard, KB | $size | $dash_kb | ≤ 150 | $(met "$dash_kb" 150) |")
        TARGET_ROWS+=("| largest committee report page, KB | $size | $report_kb | ≤ 500 | $(met "$report_kb" 500) |")
        TARGET_ROWS+=("| largest cycle page, KB | $size | $cycle_kb | ≤ 500 | $(met "$cycle_kb" 500) |")
        TARGET_ROWS+=("| plans list, KB | $size | $list_kb | ≤ 300 | $(met "$list_kb" 300) |")
    fi

    log "[$size] one-file change ($plan_id line $rt_line; Hugo line $hugo_line; Zola line $zola_line), in turn, x$runs"
    [ "$HUGO" = 1 ] && skip_after_failure hugo-edit hugo-build
    [ -n "$ZOLA" ] && skip_after_failure zola-edit zola-build
    for ((r = 1; r <= runs; r++)); do
        measure_run ragtime-edit "$r" edit_rt "${rt_build[@]}"
        [ "$HUGO" = 1 ] && measure_run hugo-edit "$r" edit_hugo "${hugo_build[@]}"
        [ -n "$ZOLA" ] && measure_run zola-edit "$r" edit_zola "${zola_build[@]}"
    done
    summarise ragtime-edit
    EDIT_WALL[$size]=$M_WALL
    EDIT_CPU[$size]=$M_CPU
    local rte_says
    rte_says=$(grep '^built' "$WORK/ragtime-edit.1.log" | sed 's/ into .* in / in /' || true)
    EDIT_ROWS+=("$(row "$size" ragtime "same content" ragtime-edit "$rte_says")")
    [ "$HUGO" = 1 ] && EDIT_ROWS+=("$(row "$size" Hugo "same input" hugo-edit "full rebuild")")
    [ -n "$ZOLA" ] && EDIT_ROWS+=("$(row "$size" Zola "same input" zola-edit "full rebuild")")
    [ "$HUGO" = 1 ] && EDIT_ROWS+=("$(ratio_row "$size" "ragtime ÷ Hugo" ragtime-edit hugo-edit 1 " |")")
    [ -n "$ZOLA" ] && EDIT_ROWS+=("$(ratio_row "$size" "ragtime ÷ Zola" ragtime-edit zola-edit 1 " |")")
    [ "$HUGO" = 1 ] && cp "$WORK/hugo.orig" "$hugo_file"
    [ -n "$ZOLA" ] && cp "$WORK/zola.orig" "$zola_file"

    # A build with nothing changed since the last one. A build trusts the
    # stamps only of files last changed over two seconds before it started
    # (a file saved within the file system's clock tick could change unseen),
    # and the last edit was just made: wait, and build once untimed, as a
    # build run after an edit some seconds later would.
    log "[$size] no-change build, x$runs"
    sleep 2.2
    "${rt_build[@]}" >/dev/null 2>&1 || true
    for ((r = 1; r <= runs; r++)); do
        measure_run ragtime-nochange "$r" unchanged "${rt_build[@]}"
    done
    local nc_says nc_wall nc_cpu nc_rss nc_ratio nc_cpu_ratio
    nc_says=$(grep '^built' "$WORK/ragtime-nochange.1.log" | sed 's/ into .* in / in /' || true)
    summarise ragtime-nochange
    nc_wall=$M_WALL nc_cpu=$M_CPU nc_rss=$M_RSS_MB
    summarise ragtime-build
    nc_ratio=$(ratio "$nc_wall" "$M_WALL")
    nc_cpu_ratio=$(ratio "$nc_cpu" "$M_CPU")
    NOCHANGE_ROWS+=("| $size | $nc_wall | $nc_cpu | $nc_rss | $M_WALL | $nc_ratio | $nc_cpu_ratio | $nc_says |")
    # The issue sets this target at region size; the table above has the others.
    if [ "$size" = region ]; then
        TARGET_ROWS+=("| no-change build ÷ full build (wall; CPU) | $size | $nc_ratio; $nc_cpu_ratio | ≤ 0.02 | $(met "$nc_ratio" 0.02) |")
    fi

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
    # Only an action's latest progress is indexed: edit the plan's last note
    # (the last update of its last action), with words of its own.
    local last_note
    last_note=$(grep -n '^ *progress: |$' "$WORK/plan.orig" | tail -1 | cut -d: -f1)
    cp "$WORK/plan.orig" "$plan_file"
    sed -i "$((last_note + 1))s/\$/ Benchmarked zebrafish quokka./" "$plan_file"
    "$RAGTIME" build --root "$corpus/ragtime" --output "$rt_out" >/dev/null 2>&1
    rewritten=$(diff <(echo "$before_inodes") <(find "$rt_out/search" -type f -printf '%i %P\n' | sort -k2) | grep -c '^>' || true)
    SEARCH_ROWS+=("| $size | $(awk -v b="$html_b" 'BEGIN { printf "%.1f", b / 1e6 }') | $(awk -v b="$idx_b" 'BEGIN { printf "%.1f", b / 1e6 }') | $(awk -v a="$idx_b" -v b="$html_b" 'BEGIN { printf "%.1f%%", 100 * a / b }') | $idx_files | $(( bucket_max / 1024 )) | $(( worst / 1024 )) | $rewritten |")
    cp "$WORK/plan.orig" "$plan_file"

    # `ragtime serve`: a saved edit to the page served with it, on the example
    # site (just before, so both see the same load) and on this corpus.
    if [[ " $SERVE_SIZES " == *" $size "* ]]; then
        log "[$size] serve: edit saved to page served, example site then $size, x$SERVE_RUNS"
        local ex=$WORK/example ex_plans=() ex_plan
        rm -rf "$ex" && mkdir -p "$ex"
        cp -a "$REPO/content" "$ex/content"
        [ -d "$REPO/themes" ] && cp -a "$REPO/themes" "$ex/themes"
        mapfile -t ex_plans < <(grep -l '^ *progress: |$' "$ex"/content/plans/*.yaml | sort)
        ex_plan=${ex_plans[$(( ${#ex_plans[@]} / 2 ))]}
        serve_time "$ex" "$ex_plan" "plans/$(basename "$ex_plan" .yaml)/" serve-example
        local ex_ms=$S_MS
        SERVE_ROWS+=("| $size | example site ($(basename "$ex_plan" .yaml)) | $S_START | $S_RSS_MB | $S_MS | $S_REBUILD_MS |")
        serve_time "$corpus/ragtime" "$plan_file" "plans/$plan_id/" serve-corpus
        cp "$WORK/plan.orig" "$plan_file"
        SERVE_ROWS+=("| $size | $size corpus ($plan_id) | $S_START | $S_RSS_MB | $S_MS | $S_REBUILD_MS |")
        local sr
        sr=$(ratio "$S_MS" "$ex_ms")
        SERVE_ROWS+=("| $size | **$size ÷ example** | | | **$sr** | |")
        if [ "$size" = region ]; then
            TARGET_ROWS+=("| serve, edit to page: $size ÷ example site | $size | $sr | ≤ 2 | $(met "$sr" 2) |")
        fi
        rm -rf "$ex"
    fi

    NOTES+=("- $size corpus: $(grep -m1 -o 'size .*' "$corpus/summary.txt" | sed 's/^size //')")
    # The outputs take disk (10 GB at national size); the logs stay.
    rm -rf "$rt_out" "$hugo_out" "$zola_out"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for size in "${sizes[@]}"; do
    bench_size "$size"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# A one-line edit at national size should cost at most twice the same edit at council size.
for big in region national; do
    if [ -n "${EDIT_WALL[council]:-}" ] && [ -n "${EDIT_WALL[$big]:-}" ]; then
        EDIT_ROWS+=("| $big ÷ council | **ragtime, $big edit ÷ council edit** | | **$(ratio "${EDIT_WALL[$big]}" "${EDIT_WALL[council]}")** | **$(ratio "${EDIT_CPU[$big]}" "${EDIT_CPU[council]}")** | | |")
        if [ "$big" = national ]; then
            nr=$(ratio "${EDIT_WALL[national]}" "${EDIT_WALL[council]}")
            TARGET_ROWS+=("| one-line edit then build, national ÷ council (wall) | national | $nr | ≤ 2 | $(met "$nr" 2) |")
        fi
    fi
done

machine() {
    local cpu mem fs
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
    mem=$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1024 / 1024 }' /proc/meminfo)
    fs=$(df -PT "$BENCH_DIR" | awk 'NR == 2 { print $2 }')
    echo "Machine: ${cpu:-unknown CPU}, $(nproc) cores, $mem memory, $(uname -sr), outputs on $fs."
    echo "Load average before: $LOAD_BEFORE, after: $LOAD_AFTER (wall times are only comparable on an idle machine; CPU time is steadier)."
}

report() {
    echo
    echo "## ragtime vs Hugo and Zola — $(date -u +%Y-%m-%d), seed $SEED"
    echo
    echo "$RAGTIME_LABEL; Hugo $HUGO_VERSION; Zola $ZOLA_VERSION. Median of $RUNS runs (national: $NATIONAL_RUNS), the generators' runs alternating. Wall and CPU (user+sys) in seconds, peak RSS in MB; input and output in MB. Address space limited to $MEM_LIMIT_GB GB for ragtime, $HUGO_MEM_LIMIT_GB GB for Hugo, $ZOLA_MEM_LIMIT_GB GB for Zola."
    machine
    echo
    echo "### Full build (empty output folder)"
    echo
    echo "Same input: the Hugo and Zola sites hold about as much Markdown as ragtime's content. Same output (HUGO_FULL=1): their \"plan at a cycle\" pages hold the whole plan, as ragtime's do."
    echo
    echo "| size | generator | site | HTML pages | input MB | output MB | wall s | CPU s | max RSS MB |"
    echo "|---|---|---|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${FULL_ROWS[@]}"
    echo
    echo "### One-file change (one line of one plan edited, then rebuilt into the existing output)"
    echo
    echo "| size | generator | site | wall s | CPU s | max RSS MB | notes |"
    echo "|---|---|---|---:|---:|---:|---|"
    printf '%s\n' "${EDIT_ROWS[@]}"
    echo
    echo "### No-change build (ragtime build again, nothing changed)"
    echo
    echo "| size | wall s | CPU s | max RSS MB | full build wall s | ÷ full build (wall) | ÷ full build (CPU) | notes |"
    echo "|---|---:|---:|---:|---:|---:|---:|---|"
    printf '%s\n' "${NOCHANGE_ROWS[@]}"
    echo
    if [ ${#SERVE_ROWS[@]} -gt 0 ]; then
        echo "### \`ragtime serve\`: a saved edit of a plan's progress note, until the plan's page is served with it"
        echo
        echo "Median of $SERVE_RUNS edits; the page fetched every 10 ms. \"rebuild ms\" is the server's own report of its rebuild."
        echo
        echo "| size | site (plan) | start s | peak RSS MB | edit to page ms | rebuild ms |"
        echo "|---|---|---:|---:|---:|---:|"
        printf '%s\n' "${SERVE_ROWS[@]}"
        echo
    fi
    echo "### Bytes per HTML page"
    echo
    echo "| size | generator | site | HTML pages | HTML MB | KB per page | ragtime ÷ that |"
    echo "|---|---|---|---:|---:|---:|---:|"
    printf '%s\n' "${BYTES_ROWS[@]}"
    echo
    echo "### ragtime's HTML by page kind"
    echo
    echo "| size | path | page kind | pages | MB | mean KB | share of HTML |"
    echo "|---|---|---|---:|---:|---:|---:|"
    printf '%s\n' "${KIND_ROWS[@]}"
    echo
    echo "### Search index (built by every full build above)"
    echo
    echo "| size | HTML MB | index MB | index ÷ HTML | index files | largest bucket KB | worst query KB | index files rewritten by one edit |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${SEARCH_ROWS[@]}"
    echo
    echo "### Targets"
    echo
    echo "| target | size | measured | limit | met |"
    echo "|---|---|---:|---|---|"
    printf '%s\n' "${TARGET_ROWS[@]}"
    echo
    printf '%s\n' "${NOTES[@]}"
}

results=$BENCH_DIR/results-$(date -u +%Y%m%dT%H%M%SZ).md
report | tee "$results"
log ""
log "saved to $results"
