#!/usr/bin/env python3
"""Batch speed-up: `bpfcheck check DIR -j N` over the libbpf-tools objects
(extracted from the executables of Debian's libbpf-tools with
tests/tools/extract_bpf_objects.py), for each N given, several runs
alternated so that other load on the machine hits every N alike. Prints
the minimum and median wall time per N, the speed-up of each N over the
first, and checks that every N gives the same output (the JSON report with
its time_ms fields removed). Exit 1 when outputs differ.

    python3 bench/batch/run.py --bpfcheck build/bpfcheck [--jobs 1 2] [--runs 7]
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def report(bpfcheck, directory, jobs):
    start = time.monotonic()
    done = subprocess.run([bpfcheck, "check", str(directory), "--format", "json", "-j", str(jobs)],
                          capture_output=True, text=True)
    elapsed = time.monotonic() - start
    if done.returncode not in (0, 1):
        sys.exit(f"bpfcheck -j {jobs}: exit {done.returncode}: {done.stderr[-500:]}")
    document = json.loads(done.stdout)
    for obj in document:
        for program in obj["programs"]:
            program.pop("time_ms", None)
    return elapsed, document, done.stderr.strip().splitlines()[-1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bpfcheck", required=True)
    parser.add_argument("--objects", help="a directory of objects (default: extract libbpf-tools' into a temporary one)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bpfcheck-batch-") as temporary:
        directory = Path(args.objects) if args.objects else Path(temporary)
        if not args.objects:
            subprocess.run([sys.executable, str(ROOT / "tests" / "tools" / "extract_bpf_objects.py"), "-q", "-o",
                            str(directory)], check=True)
        times = {jobs: [] for jobs in args.jobs}
        outputs = {}
        summary = ""
        report(args.bpfcheck, directory, args.jobs[0])  # warm the page cache
        for _ in range(args.runs):
            for jobs in args.jobs:
                elapsed, document, summary = report(args.bpfcheck, directory, jobs)
                times[jobs].append(elapsed)
                outputs.setdefault(jobs, document)
                if document != outputs[jobs]:
                    sys.exit(f"-j {jobs}: the output changed between runs")
        print(summary)
        base = statistics.median(times[args.jobs[0]])
        for jobs in args.jobs:
            median = statistics.median(times[jobs])
            print(f"-j {jobs}: min {min(times[jobs]):.3f} s, median {median:.3f} s, "
                  f"speed-up (median) {base / median:.2f}x, (min) {min(times[args.jobs[0]]) / min(times[jobs]):.2f}x")
        same = all(outputs[jobs] == outputs[args.jobs[0]] for jobs in args.jobs)
        print("same output for every -j" if same else "OUTPUTS DIFFER between -j values")
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
