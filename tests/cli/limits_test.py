#!/usr/bin/env python3
"""cli.limits: call-heavy programs end promptly, with a verdict or a clear
timeout, never a hang.

Generates (at test time, with llvm-mc-19) an XDP program whose functions
each call the next level eight times, seven levels deep: 8^7 = 2M call
paths. When every call of a function starts from the same state, bpfcheck
must analyse each function once and pass in well under a second. When each
call site differs (r6 set to the site's number), the paths are genuinely
distinct; bpfcheck must then stop at its --timeout with exit 2 and say so.
A 150,000-instruction program of branches checked with --max-memory 100
must stop at the memory budget with exit 2 and say so.
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path


def fanout_program(distinct_sites):
    lines = ['        .section xdp,"ax"', "        .globl  prog", "        .type   prog,@function", "prog:"]

    def calls(target):
        out = []
        for site in range(8):
            if distinct_sites:
                out.append(f"        r6 = {site}")
            out.append(f"        call {target}")
        return out

    lines += calls("f1") + ["        r0 = 2", "        exit", "        .size   prog, .-prog", "        .text"]
    for level in range(1, 8):
        lines += [f"        .type   f{level},@function", f"f{level}:"]
        if level < 7:
            lines += calls(f"f{level + 1}")
        lines += ["        r0 = 0", "        exit", f"        .size   f{level}, .-f{level}"]
    lines += ['        .section license,"aw"', '        .asciz  "GPL"']
    return "\n".join(lines) + "\n"


def long_program(branches):
    lines = ['        .section xdp,"ax"', "        .globl  prog", "        .type   prog,@function", "prog:",
             "        r0 = 0"]
    for i in range(branches):
        lines += [f"        if r0 > {i} goto L{i}", "        r0 += 1", f"L{i}:"]
    lines += ["        r0 = 2", "        exit", "        .size   prog, .-prog", '        .section license,"aw"',
              '        .asciz  "GPL"']
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bpfcheck", required=True)
    parser.add_argument("--llvm-mc", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    failures = []
    for name, text, extra, want_exit, want_text, bound in (
        ("fanout_same", fanout_program(False), ["--timeout", "30"], 0, "pass", 5.0),
        ("fanout_distinct", fanout_program(True), ["--timeout", "2"], 2, "timed out after 2 s", 15.0),
        ("long_branches", long_program(75000), ["--max-memory", "100"], 2, "memory budget of 100 MiB", 30.0),
    ):
        source = work / f"{name}.s"
        obj = work / f"{name}.o"
        source.write_text(text)
        subprocess.run([args.llvm_mc, "-triple", "bpfel", "-mcpu=v4", "-filetype=obj", str(source), "-o", str(obj)],
                       check=True)
        start = time.monotonic()
        run = subprocess.run([args.bpfcheck, "check", str(obj)] + extra,
                             capture_output=True, text=True, timeout=120)
        elapsed = time.monotonic() - start
        output = run.stdout + run.stderr
        print(f"{name}: exit {run.returncode} in {elapsed:.2f} s: {output.strip().splitlines()[-1]}")
        if run.returncode != want_exit or want_text not in output or elapsed > bound:
            failures.append(f"{name}: wanted exit {want_exit}, '{want_text}', within {bound} s")
    for failure in failures:
        print("FAIL " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
