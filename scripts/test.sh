#!/usr/bin/env bash
# Every test of gongkai, on a fresh Debian machine with only the Rust toolchain
# (and the Node.js and npm that such a machine has). Installs what the browser
# tests need: Debian's chromium (apt-get, as root or through sudo) and the npm
# packages of tests/browser and tests/validate (npm ci, from their
# package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the browser, validation and hosting tests need: chromium
# (headless), a CJK font (so screenshots show Chinese, not boxes), nginx
# (hosting test), libxml2-utils (xmllint, sitemap XSD), rsync (tests/it/deploy.rs:
# a rebuild sends only what changed) and a Java runtime for the Nu HTML
# Checker when the machine has none.
install_packages() {
    local wanted=(chromium fonts-wqy-microhei nginx-light libxml2-utils rsync)
    if ! command -v java >/dev/null; then
        wanted+=(default-jre-headless)
    fi
    local missing=()
    for p in "${wanted[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$p")
        fi
    done
    if [[ ${#missing[@]} == 0 ]]; then
        return
    fi
    echo "== installing Debian packages: ${missing[*]}"
    local sudo=""
    if [[ "$(id -u)" != 0 ]]; then
        sudo="sudo"
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

echo "== cargo fmt --check"
cargo fmt --check
echo "== cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets --locked -- -D warnings
install_packages
echo "== cargo test"
cargo test --all-targets --locked
echo "== doc tests"
cargo test --doc --locked
echo "== the fuzz targets still compile (running them is documented in the README)"
cargo check --locked --manifest-path fuzz/Cargo.toml --bins
echo "== browser tests: the search client in headless Chromium against the Rust engine"
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
cargo build --locked
# The browser tests read some of the CLI's messages: in English.
export GONGKAI_LANG=en
node tests/browser/search.mjs --gongkai target/debug/gongkai
node tests/browser/pages.mjs --gongkai target/debug/gongkai
node tests/browser/hostile.mjs --gongkai target/debug/gongkai
echo "== validity and hosting: Nu HTML Checker, sitemap XSD, Atom, iCalendar, JSON-LD, nginx at / and /portal/"
(cd tests/validate && npm ci --no-audit --no-fund --loglevel=error)
node tests/validate/validate.mjs --gongkai target/debug/gongkai
# The policy fixtures: parts, attachments and tables as real documents have them.
node tests/validate/validate.mjs --gongkai target/debug/gongkai --root tests/fixtures/policies
echo "all tests passed"
