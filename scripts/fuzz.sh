#!/usr/bin/env bash
# Runs a libFuzzer target for a given time and keeps what it finds.
#
#   bash scripts/fuzz.sh TARGET SECONDS [BUILD_DIR]
#   TARGET: loader | decoder_cfg | analyzer | kernel_log | all (each for SECONDS)
#
# Builds the targets with clang-19 (-DBPFCHECK_FUZZ=ON: sanitizers and
# coverage in every library) in BUILD_DIR (default build-fuzz), seeds the
# corpus from test-data, the compiled test-data cases (build/, when
# present), the Debian objects (/usr/lib/x86_64-linux-gnu/bpf) and
# generated programs, then fuzzes. Every crasher, leak, timeout or
# out-of-memory input libFuzzer writes (slow units are only listed) is copied to tests/fuzz/TARGET/,
# where ctest's fuzz.regressions.TARGET replays it in every build: fix the
# bug, keep the file. Exit status 1 when new inputs were kept.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: scripts/fuzz.sh loader|decoder_cfg|analyzer|kernel_log|all SECONDS [BUILD_DIR]}"
seconds="${2:?usage: scripts/fuzz.sh TARGET SECONDS [BUILD_DIR]}"
build="${3:-build-fuzz}"
if [ "$target" = all ]; then
  status=0
  for t in loader decoder_cfg analyzer kernel_log; do bash "$0" "$t" "$seconds" "$build" || status=1; done
  exit "$status"
fi
case "$target" in loader|decoder_cfg|analyzer|kernel_log) ;; *) echo "unknown target $target" >&2; exit 2 ;; esac

if [ ! -f "$build/build.ninja" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DBPFCHECK_FUZZ=ON -DBPFCHECK_WERROR=OFF -DBPFCHECK_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j2 --target "fuzz_$target" bpfcheck-oracle >/dev/null

corpus="$build/corpus/$target"
artifacts="$build/artifacts/$target/"
mkdir -p "$corpus" "$artifacts"
objects=(test-data/examples)
[ -d /usr/lib/x86_64-linux-gnu/bpf ] && objects+=(/usr/lib/x86_64-linux-gnu/bpf)
[ -d build/tests/data/cases ] && objects+=(build/tests/data/cases)
if [ -z "$(ls -A "$corpus")" ]; then
  if [ "$target" = loader ]; then
    find "${objects[@]}" -name '*.o' -exec cp -t "$corpus" {} + 2>/dev/null || true
  elif [ "$target" = kernel_log ]; then
    # The saved logs of every format and kernel the explain tests keep.
    find tests/explain test-data/explain -type f \( -name '*.log' -o -name '*.txt' \) -exec cp -t "$corpus" {} + \
      2>/dev/null || true
  else
    ASAN_OPTIONS=detect_leaks=0 "$build/oracle/bpfcheck-oracle" --runs 1 --generate 200 --corpus "$corpus" \
      "${objects[@]}" >/dev/null || true
  fi
fi
if [ -d "tests/fuzz/$target" ]; then
  echo "== fuzz_$target: replaying the kept inputs under the sanitizers =="
  "$build/fuzz/fuzz_$target" tests/fuzz/"$target"/* 2>&1 | grep -E "ERROR|SUMMARY|runtime error" && exit 1
fi
echo "== fuzz_$target for $seconds s, corpus $corpus ($(ls "$corpus" | wc -l) inputs) =="
set +e
"$build/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
  -artifact_prefix="$artifacts" "$corpus" 2>&1 | grep -E "^#[0-9]+ +DONE|stat::number_of_executed_units|ERROR|SUMMARY|Test unit written|==[0-9]+==" 
set -e
kept=0
for found in "$artifacts"*; do
  [ -f "$found" ] || continue
  name="$(basename "$found")"
  case "$name" in
    slow-unit-*) echo "slow input (not kept): $found"; continue ;;
  esac
  if [ ! -f "tests/fuzz/$target/$name" ]; then
    mkdir -p "tests/fuzz/$target"
    cp "$found" "tests/fuzz/$target/$name"
    echo "kept tests/fuzz/$target/$name (replay: $build/fuzz/fuzz_$target tests/fuzz/$target/$name)"
    kept=$((kept + 1))
  fi
done
echo "== fuzz_$target: $kept new input(s) kept =="
[ "$kept" = 0 ]
