#!/usr/bin/env bash
# Set up a fresh Debian bookworm machine (as root), build bpfcheck and run it
# on the bundled example object.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)"
./build/bpfcheck list test-data/examples/xdp_firewall.o
./build/bpfcheck disasm test-data/examples/xdp_firewall.o
./build/bpfcheck check test-data/examples/xdp_firewall.o
