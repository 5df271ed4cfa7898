#!/usr/bin/env bash
# Set up (as root), build and run the whole test suite: the release build's
# ctest suite, then the loader fuzz test again under AddressSanitizer and
# UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs="$(nproc)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$jobs"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBPFCHECK_SANITIZE=ON
cmake --build build-asan -j"$jobs" --target fuzz_loader_test
echo "== sanitizer build: loader fuzz test =="
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ./build-asan/tests/loader/fuzz_loader_test
echo "== test suite =="
cd build && ctest --output-on-failure -j"$jobs"
