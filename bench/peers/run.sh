#!/usr/bin/env bash
# Compare Ladders' Rust complexity measures with Python peers from PyPI (lzcomplexity, antropy,
# pybdm) on the same generated inputs, in one run.
#
# Usage (from anywhere; it cds to the repo root):
#   bench/peers/run.sh [--skip-antropy] [--inputs DIR] [--reps N] [...]   (see peers.py --help)
# Environment:
#   PEERS_PYTHON       interpreter that creates the venv (default: python3)
#   PEERS_SKIP_BUILD=1 skip `cargo build --release` (use the binary already built)
#   CARGO_TARGET_DIR   where cargo builds; the binary timed is $CARGO_TARGET_DIR/release/ladders
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

venv=target/peers-venv
req=bench/peers/requirements.txt
python="${PEERS_PYTHON:-python3}"
stamp="$venv/.peers-requirements.sha256"

make_venv() {
    "$python" -m venv --clear "$venv"
}

if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
    mkdir -p target
    echo "peers: creating virtualenv $venv" >&2
    if ! make_venv; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            echo "peers: python3 -m venv failed; installing python3-venv" >&2
            apt-get update
            DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv
            make_venv
        else
            echo "peers: cannot create a virtualenv with $python (install python3-venv)" >&2
            exit 1
        fi
    fi
fi

want="$(sha256sum "$req" | cut -d' ' -f1)"
have="$(cat "$stamp" 2>/dev/null || true)"
if [ "$want" != "$have" ] \
    || ! "$venv/bin/python" -c 'import lzcomplexity, antropy, pybdm, numpy' >/dev/null 2>&1; then
    echo "peers: installing $req into $venv" >&2
    "$venv/bin/python" -m pip install --disable-pip-version-check -q -r "$req"
    echo "$want" >"$stamp"
fi

if [ "${PEERS_SKIP_BUILD:-0}" != 1 ]; then
    cargo build --release
fi

exec "$venv/bin/python" bench/peers/peers.py "$@"
