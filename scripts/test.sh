#!/usr/bin/env bash
# Every test of gongkai, on a fresh Debian machine with only the Rust toolchain.
# Installs nothing today: the tests need only cargo. (Later browser tests will
# install Debian's chromium here.)
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --check
echo "== cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --all-targets --locked
echo "== doc tests"
cargo test --doc --locked
echo "all tests passed"
