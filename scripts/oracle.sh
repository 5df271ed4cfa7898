#!/usr/bin/env bash
# The soundness oracle at length (minutes; ctest's `oracle` label runs a
# sample in seconds): every program bpfcheck passes among the example, the
# Debian objects (/usr/lib/x86_64-linux-gnu/bpf), the test-data cases that
# must pass, and generated programs, run on many random inputs; each run must
# not trap and every state it reaches must lie in bpfcheck's abstract state.
# As root, the generated programs are also loaded into the running kernel
# and verdicts compared (the kernel accepts what bpfcheck rejects, or
# bpfcheck passes what the kernel rejects). Then the self-test: the build
# with an unsound tnum `and` must be caught.
#
#   bash scripts/oracle.sh [BUILD_DIR] [RUNS] [GENERATED]   (defaults: build 1000 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
runs="${2:-1000}"
generated="${3:-2000}"
cmake --build "$build" -j2 --target bpfcheck-oracle bpfcheck-oracle-planted >/dev/null
oracle="$build/oracle/bpfcheck-oracle"
status=0
objects=(test-data/examples)
[ -d /usr/lib/x86_64-linux-gnu/bpf ] && objects+=(/usr/lib/x86_64-linux-gnu/bpf)
echo "== objects: ${objects[*]} ($runs inputs each) =="
"$oracle" --runs "$runs" "${objects[@]}" | grep -v ': ok$' || status=1
echo "== test-data cases that must pass ($runs inputs each) =="
python3 tests/oracle/oracle_cases.py --oracle "$oracle" --work "$build/oracle-cases" --runs "$runs" || status=1
kernel=()
if [ "$(id -u)" = 0 ]; then kernel=(--kernel); fi
echo "== $generated generated programs (50 inputs each) ${kernel[*]} =="
"$oracle" --generate "$generated" --runs 50 "${kernel[@]}" | grep -v ': ok$' || status=1
echo "== self-test: an unsound tnum and must be caught =="
planted="$("$build/oracle/bpfcheck-oracle-planted" --runs 100 --generate 100 "${objects[@]}" || true)"
if grep -q "concrete state outside the abstract one" <<<"$planted"; then
  grep -m 3 -B1 "concrete state outside the abstract one" <<<"$planted"
  tail -n 1 <<<"$planted"
  echo "caught"
else
  echo "NOT caught"
  status=1
fi
exit "$status"
