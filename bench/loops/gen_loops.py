#!/usr/bin/env python3
"""Generates the loop benchmark's programs: C sources of nested counted loops,
compiled with clang-19 -O2 -g -target bpf, one program per object.

Two families:

- `nest`: loops nested 1..8 deep, every level counting to the same bound
  (2, 3, 10, 1,000, 100,000 or 1,000,000), the innermost body mixing a hash with
  every level's counter so clang can neither unroll (`unroll(disable)`) nor
  fold the loops into a closed form. bpfcheck must prove each loop bounded
  without walking its iterations: its time must not grow with the bound.
- `seq`: 1, 10, 100 or 1,000 loops one after the other (bound 1,000), to show
  that the termination checks stay linear in the number of loops.

Each object is written to OUT/<name>.o next to its source OUT/<name>.c.

  bench/loops/gen_loops.py [--out bench/out/loops] [--clang clang-19]

Standard library only; run.py imports `generate()`.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
DEPTHS = [1, 2, 3, 4, 5, 6, 7, 8]
BOUNDS = [2, 3, 10, 1_000, 100_000, 1_000_000]
SEQUENCES = [1, 10, 100, 1_000]
SEQUENCE_BOUND = 1_000

PRELUDE = """\
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u64 digest;

"""


@dataclass
class Program:
    name: str
    family: str  # "nest" or "seq"
    depth: int  # nesting depth (1 for seq)
    bound: int  # every loop's bound
    loops: int  # loops in the program
    source: Path
    obj: Path


def nest_source(name: str, depth: int, bound: int) -> str:
    lines = [PRELUDE, 'SEC("xdp")', f"int {name}(struct xdp_md *ctx) {{", "    __u64 h = ctx->ingress_ifindex;"]
    indent = "    "
    for level in range(depth):
        lines.append(f"{indent}#pragma clang loop unroll(disable)")
        lines.append(f"{indent}for (__u32 i{level} = 0; i{level} < {bound}U; i{level}++) {{")
        indent += "    "
    mix = " + ".join(f"i{level} * {2 * level + 1}" for level in range(depth))
    lines.append(f"{indent}h = (h ^ ({mix})) * 0x100000001b3ULL;")
    for level in reversed(range(depth)):
        indent = indent[:-4]
        if level > 0:
            lines.append(f"{indent}    h ^= h >> {17 + level};")
        lines.append(f"{indent}}}")
    lines += ["    digest = h;", "    return XDP_PASS;", "}", "", 'char LICENSE[] SEC("license") = "GPL";', ""]
    return "\n".join(lines)


def seq_source(name: str, count: int, bound: int) -> str:
    lines = [PRELUDE, 'SEC("xdp")', f"int {name}(struct xdp_md *ctx) {{", "    __u64 h = ctx->ingress_ifindex;"]
    for k in range(count):
        lines.append("#pragma clang loop unroll(disable)")
        # Each loop gets its own constants so clang cannot merge them.
        lines.append(f"    for (__u32 i = 0; i < {bound + k}U; i++)")
        lines.append(f"        h = (h ^ (i + {k})) * 0x100000001b3ULL;")
    lines += ["    digest = h;", "    return XDP_PASS;", "}", "", 'char LICENSE[] SEC("license") = "GPL";', ""]
    return "\n".join(lines)


def find_clang(explicit: str | None) -> str:
    found = explicit or shutil.which("clang-19") or shutil.which("clang-19", path="/usr/lib/llvm-19/bin")
    if not found:
        sys.exit("gen_loops: clang-19 not found (give --clang)")
    return found


def compile_c(clang: str, source: Path, obj: Path) -> None:
    command = [clang, "-O2", "-g", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu", "-c", str(source),
               "-o", str(obj)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"gen_loops: {' '.join(command)} failed:\n{done.stdout}{done.stderr}")


def generate(out: Path, clang: str | None = None) -> list[Program]:
    out.mkdir(parents=True, exist_ok=True)
    clang = find_clang(clang)
    programs = []
    for depth in DEPTHS:
        for bound in BOUNDS:
            name = f"nest_d{depth}_b{bound}"
            programs.append(Program(name, "nest", depth, bound, depth, out / f"{name}.c", out / f"{name}.o"))
    for count in SEQUENCES:
        name = f"seq_n{count}_b{SEQUENCE_BOUND}"
        programs.append(Program(name, "seq", 1, SEQUENCE_BOUND, count, out / f"{name}.c", out / f"{name}.o"))
    for program in programs:
        text = (nest_source(program.name, program.depth, program.bound) if program.family == "nest"
                else seq_source(program.name, program.loops, program.bound))
        if not program.source.exists() or program.source.read_text() != text or not program.obj.exists():
            program.source.write_text(text)
            compile_c(clang, program.source, program.obj)
    return programs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "loops", help="output directory")
    parser.add_argument("--clang", help="clang-19 (default: PATH or /usr/lib/llvm-19/bin)")
    args = parser.parse_args()
    for program in generate(args.out, args.clang):
        print(program.obj)
    return 0


if __name__ == "__main__":
    sys.exit(main())
