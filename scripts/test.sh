#!/usr/bin/env bash
# Every test of gongkai, on a fresh Debian machine with only the Rust toolchain
# (and the Node.js and npm that such a machine has). Installs what the browser
# tests need: Debian's chromium (apt-get, as root or through sudo) and the npm
# packages of tests/browser (npm ci, from its package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."

install_chromium() {
    if [[ -x /usr/bin/chromium ]]; then
        return
    fi
    echo "== installing Debian's chromium for the browser tests"
    local sudo=""
    if [[ "$(id -u)" != 0 ]]; then
        sudo="sudo"
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
}

echo "== cargo fmt --check"
cargo fmt --check
echo "== cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --all-targets --locked
echo "== doc tests"
cargo test --doc --locked
echo "== browser tests: the search client in headless Chromium against the Rust engine"
install_chromium
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
cargo build --locked
node tests/browser/search.mjs --gongkai target/debug/gongkai
echo "all tests passed"
