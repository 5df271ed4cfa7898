#!/usr/bin/env python3
"""Foundation benchmark: load + decode + CFG time and peak memory per object.

Over the corpus of the oracle test (xdp-tools' /usr/lib/x86_64-linux-gnu/bpf/*.o
and the BPF objects embedded in the libbpf-tools executables), runs
`bpfcheck cfg OBJ --format text` (load the object, link and decode every
program, build every CFG and WTO) several times per object and records the
median wall time and the peak RSS of the process (ru_maxrss from wait4).
Instruction counts come from one untimed `bpfcheck disasm` run. The startup
cost of the executable alone (`bpfcheck --version`) is measured the same way
and reported, so the per-instruction figures can leave it out.

Writes a Markdown report (bench/out/foundation.md unless --out says
otherwise) and prints it. Standard library only. See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
XDP_TOOLS_DIR = Path("/usr/lib/x86_64-linux-gnu/bpf")
BUCKETS = [(0, 100), (100, 300), (300, 1000), (1000, 3000), (3000, None)]  # linked instructions per object


@dataclass
class Sample:
    wall: float  # seconds
    max_rss_kib: int


@dataclass
class Measured:
    label: str
    path: Path
    programs: int = 0
    insns: int = 0  # instructions over all linked programs (an ld_imm64 counts once)
    slots: int = 0  # 8-byte slots over all linked programs
    largest_program: int = 0  # instructions
    samples: list[Sample] = field(default_factory=list)
    error: str = ""

    @property
    def median_ms(self) -> float:
        return statistics.median(s.wall for s in self.samples) * 1000

    @property
    def min_ms(self) -> float:
        return min(s.wall for s in self.samples) * 1000

    @property
    def peak_rss_mib(self) -> float:
        return max(s.max_rss_kib for s in self.samples) / 1024


def timed_run(command: list[str]) -> Sample:
    """Run command with output discarded; wall time and the child's own peak RSS."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}: {stderr.strip()}")
    return Sample(wall, usage.ru_maxrss)


INSN_LINE = re.compile(r"^(\d+): \(([0-9a-f]{2})\)")


def cfg_command(args: argparse.Namespace, measured: Measured) -> list[str]:
    return [args.bpfcheck, "cfg", str(measured.path), "--format", "text"]


def count_instructions(bpfcheck: str, measured: Measured) -> None:
    done = subprocess.run([bpfcheck, "disasm", str(measured.path)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"bpfcheck disasm {measured.path} exited {done.returncode}: {done.stderr.strip()}")
    program_insns = 0
    last = (-1, 0)  # (index, opcode) of the previous instruction

    def close_program() -> None:
        if last[0] >= 0:
            measured.slots += last[0] + (2 if last[1] == 0x18 else 1)
        measured.largest_program = max(measured.largest_program, program_insns)

    for line in done.stdout.splitlines():
        if line.startswith("; program "):
            close_program()
            measured.programs += 1
            program_insns = 0
            last = (-1, 0)
        elif match := INSN_LINE.match(line):
            measured.insns += 1
            program_insns += 1
            last = (int(match.group(1)), int(match.group(2), 16))
    close_program()


def corpus(args: argparse.Namespace) -> list[tuple[Path, str]]:
    objects = [(p, f"xdp-tools/{p.name}") for p in sorted(args.xdp_dir.glob("*.o"))]
    extracted = args.work_dir / "libbpf-tools"
    done = subprocess.run([sys.executable, str(args.extractor), "--quiet", "--clean", "--output-dir", str(extracted)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"foundation_bench: note: no libbpf-tools objects: {done.stderr.strip()}", file=sys.stderr)
    else:
        objects += [(p, f"libbpf-tools/{p.name}") for p in sorted(extracted.glob("*.bpf.o"))]
    return objects


def fmt_ms(value: float) -> str:
    return f"{value:.1f}"


def report(args: argparse.Namespace, results: list[Measured], baseline: list[Sample], elapsed: float) -> str:
    ok = [r for r in results if not r.error]
    failed = [r for r in results if r.error]
    base_ms = statistics.median(s.wall for s in baseline) * 1000
    base_rss = max(s.max_rss_kib for s in baseline) / 1024
    lines = [
        "# Foundation benchmark: load + decode + CFG",
        "",
        f"`bpfcheck cfg OBJ --format text`, {args.repeat} runs per object, median wall time and peak RSS "
        f"(ru_maxrss of the process). Machine: {platform.machine()}, {os.cpu_count()} CPUs, "
        f"{platform.system()} {platform.release()}; bpfcheck: `{args.bpfcheck}`. Generated "
        f"{time.strftime('%Y-%m-%d %H:%M:%S')} in {elapsed:.1f} s; load average before/after: "
        f"{args.load_before:.2f}/{os.getloadavg()[0]:.2f} (other work on the machine inflates the times).",
        "",
        f"Startup baseline (`bpfcheck --version`, no object): median {fmt_ms(base_ms)} ms, "
        f"peak RSS {base_rss:.1f} MiB. \"Work\" below is the median minus this baseline.",
        "",
        "Instructions: every program's linked instructions (entry function plus appended subprograms, an "
        "ld_imm64 counted once), summed over the object's programs.",
        "",
    ]
    if ok:
        total_insns = sum(r.insns for r in ok)
        total_ms = sum(r.median_ms for r in ok)
        slowest = max(ok, key=lambda r: r.median_ms)
        hungriest = max(ok, key=lambda r: r.peak_rss_mib)
        work = [max(r.median_ms - base_ms, 0.0) for r in ok]
        lines += [
            "## Totals",
            "",
            "| | value |",
            "| --- | --- |",
            f"| objects | {len(ok)}{f' ({len(failed)} failed)' if failed else ''} |",
            f"| programs | {sum(r.programs for r in ok)} |",
            f"| instructions (slots) | {total_insns} ({sum(r.slots for r in ok)}) |",
            f"| sum of per-object medians | {fmt_ms(total_ms)} ms |",
            f"| median per object | {fmt_ms(statistics.median(r.median_ms for r in ok))} ms |",
            f"| slowest object | {slowest.label}: {fmt_ms(slowest.median_ms)} ms, {slowest.insns} instructions |",
            f"| largest peak memory | {hungriest.label}: {hungriest.peak_rss_mib:.1f} MiB |",
            f"| work over the baseline, whole corpus | {fmt_ms(sum(work))} ms = "
            f"{sum(work) * 1000 / max(total_insns, 1):.2f} µs per instruction |",
            "",
            "## Growth with size",
            "",
            "Objects grouped by instructions; time is the median over the group's objects.",
            "",
            "| instructions per object | objects | median time (ms) | median work (ms) | work per instruction (µs) "
            "| max peak RSS (MiB) |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for low, high in BUCKETS:
            group = [r for r in ok if r.insns >= low and (high is None or r.insns < high)]
            if not group:
                continue
            name = f"{low}–{high - 1}" if high is not None else f"≥ {low}"
            group_work = [max(r.median_ms - base_ms, 0.0) for r in group]
            per_insn = statistics.median(w * 1000 / max(r.insns, 1) for w, r in zip(group_work, group))
            lines.append(f"| {name} | {len(group)} | {fmt_ms(statistics.median(r.median_ms for r in group))} | "
                         f"{fmt_ms(statistics.median(group_work))} | {per_insn:.2f} | "
                         f"{max(r.peak_rss_mib for r in group):.1f} |")
        if len(ok) >= 3 and len({r.insns for r in ok}) > 1:
            fit = statistics.linear_regression([r.insns for r in ok], [r.median_ms for r in ok])
            r2 = statistics.correlation([r.insns for r in ok], [r.median_ms for r in ok]) ** 2
            lines += ["", f"Least-squares fit over all objects: time ≈ {fit.intercept:.2f} ms + "
                      f"{fit.slope * 1000:.2f} µs × instructions (r² = {r2:.2f})."]
        lines += [
            "",
            "## Per object",
            "",
            "| object | programs | instructions | largest program | median (ms) | min (ms) | peak RSS (MiB) |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for r in ok:
            lines.append(f"| {r.label} | {r.programs} | {r.insns} | {r.largest_program} | {fmt_ms(r.median_ms)} | "
                         f"{fmt_ms(r.min_ms)} | {r.peak_rss_mib:.1f} |")
    if failed:
        lines += ["", "## Failures", ""]
        lines += [f"- {r.label}: {r.error}" for r in failed]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bpfcheck", default=str(REPO / "build" / "bpfcheck"), help="default: %(default)s")
    parser.add_argument("--repeat", type=int, default=7, help="runs per object (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "foundation.md")
    parser.add_argument("--work-dir", type=Path, default=REPO / "bench" / "out" / "corpus",
                        help="where to extract libbpf-tools' objects (default: %(default)s)")
    parser.add_argument("--xdp-dir", type=Path, default=XDP_TOOLS_DIR)
    parser.add_argument("--extractor", type=Path, default=REPO / "tests" / "tools" / "extract_bpf_objects.py")
    parser.add_argument("objects", nargs="*", type=Path, help="objects to measure instead of the corpus")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if not os.access(args.bpfcheck, os.X_OK):
        print(f"foundation_bench: error: {args.bpfcheck} is not an executable (build first, or pass --bpfcheck)",
              file=sys.stderr)
        return 1

    started = time.monotonic()
    args.load_before = os.getloadavg()[0]
    objects = [(p, str(p)) for p in args.objects] if args.objects else corpus(args)
    if not objects:
        print("foundation_bench: error: no objects (install xdp-tools and libbpf-tools)", file=sys.stderr)
        return 1
    timed_run([args.bpfcheck, "--version"])  # warm the page cache
    results = []
    for path, label in objects:
        measured = Measured(label, path)
        try:
            count_instructions(args.bpfcheck, measured)
            timed_run(cfg_command(args, measured))  # warm-up, not recorded
        except RuntimeError as error:
            measured.error = str(error)
        results.append(measured)
    # Round robin (every object once, then again...) so that a burst of load
    # from elsewhere on the machine spreads over many objects, not one.
    baseline = []
    for _ in range(args.repeat):
        baseline.append(timed_run([args.bpfcheck, "--version"]))
        for measured in results:
            if measured.error:
                continue
            try:
                measured.samples.append(timed_run(cfg_command(args, measured)))
            except RuntimeError as error:
                measured.error = str(error)
                measured.samples.clear()
    text = report(args, results, baseline, time.monotonic() - started)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    print(text, end="")
    print(f"(written to {args.out})")
    return 1 if any(r.error for r in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
