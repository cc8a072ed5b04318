#!/usr/bin/env bash
# Byte-identical output across a refactoring: builds the example portal, a
# 10,000-page corpus and the province directory at 10% with the gongkai of
# BASE (a git revision, default origin's main or HEAD~1) and of the working
# tree, with SOURCE_DATE_EPOCH fixed, and compares the outputs with
# scripts/compare-trees.
#
#   bench/identical.sh [BASE]          # PAGES=10000 SCALE=10
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BASE="${1:-HEAD~1}"
PAGES="${PAGES:-10000}"
SCALE="${SCALE:-10}"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1790000000}"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
WORK="$TARGET_DIR/identical"
log() { printf '==> %s\n' "$*" >&2; }

rm -rf "$WORK"
mkdir -p "$WORK"
log "gongkai of $BASE ($(git rev-parse --short "$BASE"))"
git worktree add -q --detach "$WORK/base-src" "$BASE"
trap 'git worktree remove --force "$WORK/base-src" 2>/dev/null || true' EXIT
# Its own target folder, seeded from ours so that dependencies are reused.
if [[ -d "$TARGET_DIR/release/deps" && ! -d "$TARGET_DIR/identical-base" ]]; then
    mkdir -p "$TARGET_DIR/identical-base"
    cp -r "$TARGET_DIR/release" "$TARGET_DIR/identical-base/"
fi
CARGO_TARGET_DIR="$TARGET_DIR/identical-base" cargo build --release --locked --quiet \
    --manifest-path "$WORK/base-src/Cargo.toml" --bin gongkai
BASE_BIN="$TARGET_DIR/identical-base/release/gongkai"
log "gongkai of the working tree, and the corpus generator"
cargo build --release --locked --quiet --bin gongkai --example corpus
HEAD_BIN="$TARGET_DIR/release/gongkai"
CORPUS="$TARGET_DIR/release/examples/corpus"

mkdir -p "$WORK/sites/portal"
cp -r gongkai.yaml content themes "$WORK/sites/portal/"
[[ -f synonyms.yaml ]] && cp synonyms.yaml "$WORK/sites/portal/"
"$CORPUS" --pages "$PAGES" "$WORK/sites/pages" >/dev/null
"$CORPUS" --province "$WORK/sites/province" --scale "$SCALE" >/dev/null
for t in themes; do
    for s in pages province; do
        [[ -d "$WORK/sites/$s/$t" ]] || cp -r "$t" "$WORK/sites/$s/"
    done
done

status=0
for site in portal pages province; do
    for which in base head; do
        bin="$BASE_BIN"
        [[ $which == head ]] && bin="$HEAD_BIN"
        "$bin" build --root "$WORK/sites/$site" --output "$WORK/out-$site-$which" 2>"$WORK/$site-$which.log" \
            || { cat "$WORK/$site-$which.log" >&2; exit 1; }
    done
    log "$site: $(tail -1 "$WORK/$site-head.log")"
    if scripts/compare-trees "$WORK/out-$site-base" "$WORK/out-$site-head" >"$WORK/$site.diff"; then
        echo "$site: $(tail -1 "$WORK/$site.diff")"
    else
        echo "$site: DIFFERENT"
        cat "$WORK/$site.diff"
        status=1
    fi
done
exit $status
