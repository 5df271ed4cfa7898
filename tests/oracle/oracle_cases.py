#!/usr/bin/env python3
"""The soundness oracle on the test-data cases bpfcheck must pass (`expect:
pass`, no `args:`, no `xfail:`, requirements met): compiles them as the case
runner does (tests/data/cases.py) and runs bpfcheck-oracle on them, with the
case's `type:` where it has one. Exit status: the oracle's (1 on a
violation). Programs of types the interpreter does not model are skipped,
and counted."""

import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data"))
import cases  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--oracle", required=True, help="bpfcheck-oracle")
    parser.add_argument("--clang", default="clang-19")
    parser.add_argument("--llvm-mc", default="llvm-mc-19")
    parser.add_argument("--cases", default=cases.DEFAULT_CASES)
    parser.add_argument("--work", default="/tmp/bpfcheck-oracle-cases")
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()

    selected = []
    for case in cases.find_cases(args.cases):
        if not case.expect_pass or case.args or case.xfail or cases.missing_requirement(case):
            continue
        selected.append(case)
    by_type = {}
    failures = 0
    for case in selected:
        obj, error = cases.compile_case(case, args)
        if error:
            print(f"{case.name}: cannot compile:\n{error}")
            failures += 1
            continue
        by_type.setdefault(case.type, []).append(obj)
    status = 0
    summary = []
    for program_type, objects in sorted(by_type.items()):
        command = [args.oracle, "--runs", str(args.runs), "--seed", str(args.seed)]
        if program_type:
            command += ["--type", program_type]
        if args.verbose:
            command.append("-v")
        done = subprocess.run(command + objects, capture_output=True, text=True)
        lines = done.stdout.rstrip().splitlines()
        for line in lines[:-1]:
            if line and (args.verbose or "VIOLATION" in line or line.startswith("    ")):
                print(line)
        summary.append(f"{program_type or '(from the section)'}: {lines[-1] if lines else done.stderr}")
        if done.returncode != 0:
            status = 1
    print(f"{len(selected)} cases that must pass")
    for line in summary:
        print(line)
    return 1 if failures else status


if __name__ == "__main__":
    sys.exit(main())
