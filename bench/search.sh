#!/usr/bin/env bash
# Search benchmark: gongkai's search index against Pagefind on the example
# site, then gongkai's index at scale (100,000 pages; the province
# directory), then the time Pagefind and gongkai take to index the same
# generated pages (10,000 by default).
# Prints figures; asserts nothing (not run by CI).
#
#   bench/search.sh
#   PAGES= bench/search.sh                 # skip the page corpus
#   PROVINCE_SCALE= bench/search.sh        # skip the province directory
#   COMPARE=0 bench/search.sh              # skip the Pagefind comparison on the example site
#   PAGEFIND_PAGES= bench/search.sh        # skip Pagefind at scale (default 10,000 pages)
#   PAGES=10000 PROVINCE_SCALE=50 bench/search.sh
#   SKIP_BUILD=1 bench/search.sh           # use the existing target/release binaries
#   KEEP=1 bench/search.sh                 # keep the generated trees
#
# See bench/README.md, "Search", for what is measured and how.
set -euo pipefail
# The figures are read off gongkai's English report lines.
export GONGKAI_LANG=en

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PAGES="${PAGES-100000}"
PROVINCE_SCALE="${PROVINCE_SCALE-160}"
PAGEFIND_PAGES="${PAGEFIND_PAGES-10000}"
COMPARE="${COMPARE:-1}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
GONGKAI="$TARGET_DIR/release/gongkai"
CORPUS="$TARGET_DIR/release/examples/corpus"
BENCH="$ROOT/bench/search"

log() { printf '==> %s\n' "$*" >&2; }

for v in PAGES PROVINCE_SCALE PAGEFIND_PAGES; do
    if [[ -n "${!v}" ]] && ! [[ "${!v}" =~ ^[1-9][0-9]*$ ]]; then
        echo "bench: $v must be a positive integer or empty, got '${!v}'" >&2
        exit 2
    fi
done
if [[ ! -x /usr/bin/time ]]; then
    echo "bench: /usr/bin/time (GNU time) is required" >&2
    exit 1
fi

# The trees go on /dev/shm (tmpfs) when it has 12 GiB free, else on $TMPDIR.
shm_free_kb="$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')"
if [[ -n "$shm_free_kb" && "$shm_free_kb" -ge $((12 * 1024 * 1024)) ]]; then
    WORK="$(mktemp -d /dev/shm/gongkai-search-bench.XXXXXX)"
else
    WORK="$(mktemp -d "${TMPDIR:-/tmp}/gongkai-search-bench.XXXXXX")"
fi
cleanup() {
    if [[ "${KEEP:-0}" == 1 ]]; then
        log "KEEP=1: leaving $WORK"
    else
        rm -rf -- "$WORK"
    fi
}
trap cleanup EXIT
log "working in $WORK"

# --- What it needs -----------------------------------------------------------
if [[ "${SKIP_BUILD:-0}" == 1 && -x "$GONGKAI" && -x "$CORPUS" ]]; then
    log "SKIP_BUILD=1: using $GONGKAI and $CORPUS as they are"
else
    log "cargo build --release (binary and the corpus example)"
    cargo build --release --bin gongkai --example corpus
fi
if [[ ! -x "$CHROMIUM" ]]; then
    log "$CHROMIUM is missing: apt-get install -y chromium"
    if [[ "$(id -u)" == 0 ]]; then
        apt-get install -y chromium >&2 || { apt-get update >&2 && apt-get install -y chromium >&2; }
    else
        sudo apt-get install -y chromium >&2 || { sudo apt-get update >&2 && sudo apt-get install -y chromium >&2; }
    fi
fi
log "npm ci in bench/search (playwright-core, yaml, pagefind; pinned)"
(cd "$BENCH" && npm ci --no-audit --no-fund --loglevel=error >&2)
PAGEFIND="$BENCH/node_modules/.bin/pagefind"
export CHROMIUM
# Copies, so that a rebuild elsewhere during the run does not change what is measured.
mkdir -p "$WORK/bin"
cp "$GONGKAI" "$CORPUS" "$WORK/bin/"
GONGKAI="$WORK/bin/gongkai"
CORPUS="$WORK/bin/corpus"

echo "gongkai $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src Cargo.toml || echo ' (with uncommitted changes in src/)'), $("$PAGEFIND" --version 2>/dev/null || echo 'Pagefind ?'), $("$CHROMIUM" --version 2>/dev/null | head -n 1), node $(node --version)"
echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"

RESULTS=()

# --- 1. Pagefind against gongkai on the example site -------------------------
if [[ "$COMPARE" != 0 ]]; then
    site="$WORK/example"
    log "example site: gongkai build --output $site"
    /usr/bin/time -f '%e s, peak %M kB' -o "$WORK/example-gk.time" "$GONGKAI" build --root "$ROOT" --output "$site" >&2
    log "Pagefind: --site $site --output-subdir pagefind --root-selector main"
    # --root-selector main: index what gongkai's pages have in <main> (the
    # header, navigation, breadcrumbs and footer repeat on every page).
    /usr/bin/time -f '%e s, peak %M kB' -o "$WORK/example-pf.time" \
        "$PAGEFIND" --site "$site" --output-subdir pagefind --root-selector main --quiet >&2
    echo
    echo "Example site (the repository): gongkai build $(cat "$WORK/example-gk.time") (pages and index); Pagefind indexing of the built pages $(cat "$WORK/example-pf.time")"
    node "$BENCH/measure.mjs" compare --site "$site" --relevance "$ROOT/tests/search/relevance.yaml" --json "$WORK/compare.json"
    RESULTS+=("$WORK/compare.json")
    rm -rf -- "$site"
fi

# --- 2. Scale -----------------------------------------------------------------
# scale_run LABEL SITE QUERIES: build SITE under /usr/bin/time -v with the
# stage timings, then measure the index and the queries in Chromium.
scale_run() {
    local label="$1" site="$2" queries="$3" out="$WORK/out-$1"
    log "$label: gongkai build (GONGKAI_TIMINGS=1, /usr/bin/time -v)"
    if ! GONGKAI_TIMINGS=1 /usr/bin/time -v "$GONGKAI" build --root "$site" --output "$out" >"$WORK/$label.log" 2>&1; then
        echo "$label: the build failed; its log:" >&2
        tail -n 40 "$WORK/$label.log" >&2
        return 0
    fi
    rm -rf -- "$site"
    node "$BENCH/measure.mjs" scale --site "$out" --label "$label" --queries "$queries" \
        --build-log "$WORK/$label.log" --json "$WORK/$label.json"
    RESULTS+=("$WORK/$label.json")
    rm -rf -- "$out"
}

if [[ -n "$PAGES" ]]; then
    site="$WORK/pages-$PAGES"
    log "corpus --pages $PAGES"
    "$CORPUS" --pages "$PAGES" "$site" >&2
    cp -r "$ROOT/themes" "$site/"
    scale_run "pages-$PAGES" "$site" "$BENCH/queries-pages.txt"
fi

if [[ -n "$PROVINCE_SCALE" ]]; then
    site="$WORK/province-$PROVINCE_SCALE"
    log "corpus --province --scale $PROVINCE_SCALE"
    echo
    echo "province directory at $PROVINCE_SCALE%: $("$CORPUS" --province "$site" --scale "$PROVINCE_SCALE")"
    cp -r "$ROOT/themes" "$site/"
    scale_run "province-$PROVINCE_SCALE" "$site" "$BENCH/queries-province.txt"
fi

# --- 3. Pagefind at scale -------------------------------------------------------
# The same built pages indexed by Pagefind, to compare the time and memory
# of making an index (gongkai's `timing: search` stage against Pagefind's
# whole run over the HTML). Pagefind failing (at 100,000 pages it was
# killed for memory on a 24 GiB machine) is reported, not fatal.
if [[ -n "$PAGEFIND_PAGES" ]]; then
    site="$WORK/pf-pages-$PAGEFIND_PAGES"
    out="$WORK/pf-out-$PAGEFIND_PAGES"
    log "Pagefind at scale: corpus --pages $PAGEFIND_PAGES"
    "$CORPUS" --pages "$PAGEFIND_PAGES" "$site" >&2
    cp -r "$ROOT/themes" "$site/"
    log "Pagefind at scale: gongkai build (GONGKAI_TIMINGS=1)"
    if ! GONGKAI_TIMINGS=1 /usr/bin/time -f '%e %M' -o "$WORK/pf-gk.time" \
        "$GONGKAI" build --root "$site" --output "$out" >"$WORK/pf-gk.log" 2>&1; then
        echo "Pagefind at scale: the gongkai build failed; its log:" >&2
        tail -n 40 "$WORK/pf-gk.log" >&2
        exit 1
    fi
    rm -rf -- "$site" "$out/search"
    html="$(find "$out" -name '*.html' | wc -l)"
    log "Pagefind at scale: pagefind --site $out ($html HTML files)"
    pf_status=0
    /usr/bin/time -f '%e %M' -o "$WORK/pf-pf.time" \
        "$PAGEFIND" --site "$out" --output-subdir pagefind --root-selector main --quiet >&2 || pf_status=$?
    rm -rf -- "$out"
    read -r gk_s gk_kb < <(tail -n 1 "$WORK/pf-gk.time")
    search_ms="$(awk '$1 == "timing:" && $2 == "search" { print $3 }' "$WORK/pf-gk.log")"
    read -r pf_s pf_kb < <(grep -E '^[0-9.]+ [0-9]+$' "$WORK/pf-pf.time" | tail -n 1)
    echo
    echo "Pagefind at scale ($PAGEFIND_PAGES pages, $html HTML files):"
    echo "  gongkai: whole build $gk_s s (peak $((gk_kb / 1024)) MiB), of which the search index $(awk -v ms="$search_ms" 'BEGIN { printf "%.2f", ms / 1000 }') s"
    if [[ "$pf_status" == 0 ]]; then
        echo "  Pagefind: $pf_s s (peak $((pf_kb / 1024)) MiB) to index the built pages: $(awk -v a="$pf_s" -v ms="$search_ms" 'BEGIN { printf "%.1f", a / (ms / 1000) }') times gongkai's index stage"
    else
        echo "  Pagefind: FAILED with exit status $pf_status after $pf_s s at a peak of $((pf_kb / 1024)) MiB (the kernel's log says whether it was killed for memory)"
    fi
fi

# --- 4. Summary ---------------------------------------------------------------
if [[ ${#RESULTS[@]} -gt 0 ]]; then
    node "$BENCH/measure.mjs" summary "${RESULTS[@]}"
fi
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine makes the build times longer)"
