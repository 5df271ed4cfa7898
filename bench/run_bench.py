#!/usr/bin/env python3
"""bpfcheck against the running kernel's verifier: verdicts, time and memory.

Gathers the corpus —

  * the test-data cases (test-data/cases), compiled as the case runner does
    (tests/data/cases.py: clang-19 for C, llvm-mc-19 for assembly);
  * xdp-tools' objects, /usr/lib/x86_64-linux-gnu/bpf/*.o;
  * the BPF objects embedded in the libbpf-tools executables, extracted with
    tests/tools/extract_bpf_objects.py —

runs `bpfcheck compare --format json` over it (one run per source; the
cases are grouped by their `type:` and `args: --unprivileged` header lines,
which become compare's --type and --unprivileged), and writes
OUT/report.md from bench/report.md.in: the agreement matrix with the
programs of its off-diagonal cells named, total and median time of each
side (bpfcheck's analysis against the kernel's verification time) and their
ratio, peak memory, the largest program, and a chart of time against program
size (OUT/time_vs_size.svg, drawn by gnuplot). All rows go to
OUT/compare.json. The goals the report shows (agreement on >= 98% of
kernel-accepted programs, bpfcheck's total time <= the kernel's, peak memory
< 256 MiB on the largest program) are not assertions.

Where bpf() is not permitted the kernel's columns are n/a and the report
says so. Exit status: 0 when the report was written, 2 when bpfcheck or the
corpus could not be found or bpfcheck failed on its input. Standard library
only; see bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import string
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "data"))
sys.dont_write_bytecode = True
import cases  # noqa: E402  (tests/data/cases.py)

XDP_TOOLS_DIR = Path("/usr/lib/x86_64-linux-gnu/bpf")
EXTRACTOR = REPO / "tests" / "tools" / "extract_bpf_objects.py"
TEMPLATE = REPO / "bench" / "report.md.in"
CILIUM_DIR = Path("/usr/share/gocode/src/github.com/cilium/ebpf/testdata")
SELFTESTS_DIR = REPO / "build" / "tests" / "selftests" / "work" / "obj"
SELFTESTS_WORK = REPO / "build" / "tests" / "selftests" / "work"
SOURCES = ("test-data", "xdp-tools", "libbpf-tools", "cilium-ebpf", "selftests", "selftest-programs")
REAL_SOURCES = ["xdp-tools", "libbpf-tools", "cilium-ebpf", "selftests", "selftest-programs"]
BPFCHECK_VERDICTS = ("pass", "fail", "error")
KERNEL_VERDICTS = ("accept", "reject", "load_error", "n/a")
AGREEMENT_GOAL = 0.98
MEMORY_GOAL_MIB = 256


# ---------------------------------------------------------------------------
# Corpus

class Run:
    """One `bpfcheck compare` invocation: its objects and options."""

    def __init__(self, source, objects, type_="", unprivileged=False, programs=()):
        self.source = source
        self.objects = objects
        self.type = type_
        self.unprivileged = unprivileged
        self.programs = programs

    def command(self, args):
        command = [args.bpfcheck, "compare", "--format", "json", "--timeout", f"{args.timeout:g}"]
        if self.type:
            command += ["--type", self.type]
        if self.unprivileged:
            command.append("--unprivileged")
        for program in self.programs:
            command += ["--program", program]
        return command + [str(o) for o in self.objects]


def case_runs(args, notes):
    """The compiled test-data cases, grouped by compare options; and object -> case name."""
    found = cases.find_cases(cases.DEFAULT_CASES)
    usable = [c for c in found if not c.errors]
    if len(usable) < len(found):
        notes.append(f"{len(found) - len(usable)} test-data cases skipped for header errors")
    args.work = str(args.out / "corpus" / "cases")
    os.makedirs(args.work, exist_ok=True)
    compiled = cases.run_parallel(lambda case: cases.compile_case(case, args), usable, args.jobs)
    groups = defaultdict(list)
    names = {}
    failed = 0
    for case, (obj, _error) in zip(usable, compiled):
        if obj is None:
            failed += 1
            continue
        names[obj] = case.name
        extra = [a for a in case.args if a != "--unprivileged"]
        if extra:
            notes.append(f"{case.name}: `args: {' '.join(extra)}` left out (compare analyses for the running "
                         "kernel, the one it loads into)")
        groups[(case.type, case.unprivileged, tuple(case.programs))].append(obj)
    if failed:
        notes.append(f"{failed} test-data cases did not compile")
    runs = [Run("test-data", sorted(objs), type_, unprivileged, programs)
            for (type_, unprivileged, programs), objs in sorted(groups.items())]
    return runs, names


def real_runs(args, notes):
    runs = []
    xdp = sorted(XDP_TOOLS_DIR.glob("*.o")) if XDP_TOOLS_DIR.is_dir() else []
    if xdp:
        runs.append(Run("xdp-tools", xdp))
    else:
        notes.append(f"no xdp-tools objects in {XDP_TOOLS_DIR} (install xdp-tools)")
    target = args.out / "corpus" / "libbpf-tools"
    done = subprocess.run([sys.executable, str(EXTRACTOR), "-o", str(target), "--clean", "-q"],
                          capture_output=True, text=True)
    extracted = sorted(target.glob("*.bpf.o"))
    if done.returncode != 0 or not extracted:
        notes.append(f"libbpf-tools objects not extracted: {(done.stderr or done.stdout).strip()}")
    if extracted:
        runs.append(Run("libbpf-tools", extracted))
    # cilium/ebpf's testdata (clang 7 to 14, iproute2 maps, map-in-map):
    # the little-endian objects that hold a program.
    cilium = [p for p in sorted(CILIUM_DIR.glob("*-el.elf")) if has_programs(args, p)] if CILIUM_DIR.is_dir() else []
    if cilium:
        runs.append(Run("cilium-ebpf", cilium))
    else:
        notes.append(f"no cilium/ebpf testdata in {CILIUM_DIR} (install golang-github-cilium-ebpf-dev)")
    # The kernel's verifier selftests, as the `selftests` test builds them.
    selftests = sorted(SELFTESTS_DIR.glob("*.bpf.o")) if SELFTESTS_DIR.is_dir() else []
    if selftests and args.selftests:
        runs.append(Run("selftests", selftests))
    elif args.selftests:
        notes.append(f"no selftest objects in {SELFTESTS_DIR} (run `ctest -L selftests` once)")
    if args.selftest_programs:
        others = selftest_programs(args, notes)
        if others:
            runs.append(Run("selftest-programs", others))
    return runs


def selftest_programs(args, notes):
    """The selftests' programs that test_loader does not run (pyperf,
    strobemeta, test_verif_scale, bpf_iter_*, ...: the largest real programs
    at hand), compiled as the `selftests` test compiles its own, into
    OUT/corpus/selftest-programs."""
    sys.path.insert(0, str(REPO / "tests" / "selftests"))
    import selftest_build  # noqa: E402  (tests/selftests/selftest_build.py)
    tree = selftest_build.Tree(str(SELFTESTS_WORK))
    if not (os.path.isdir(tree.selftests) and os.path.isdir(tree.include)):
        notes.append(f"no selftests tree in {SELFTESTS_WORK} (run `ctest -L selftests` once): "
                     "selftest-programs left out")
        return []
    if not args.clang:
        notes.append("clang-19 not found: selftest-programs left out")
        return []
    target = args.out / "corpus" / "selftest-programs"
    built, failed = selftest_build.compile_all(tree, args.clang, args.jobs,
                                               selftest_build.other_program_files(tree), str(target))
    if failed:
        notes.append(f"{len(failed)} selftest program files did not compile with clang 19 (left out)")
    return sorted(Path(p) for p in built.values())


def has_programs(args, path):
    done = subprocess.run([args.bpfcheck, "list", "--format", "json", str(path)], capture_output=True, text=True)
    try:
        return done.returncode == 0 and bool(json.loads(done.stdout)["programs"])
    except (ValueError, KeyError):
        return False


# ---------------------------------------------------------------------------
# Running

def run_compare_once(args, runs, names):
    rows, problems = [], []
    seconds = 0.0
    for run in runs:
        command = run.command(args)
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        seconds += time.perf_counter() - start
        if done.returncode not in (0, 1):
            problems.append(f"`{' '.join(command[:8])} ...` exited {done.returncode}: {done.stderr.strip()[:2000]}")
        elif done.stderr.strip():
            problems.append(done.stderr.strip())
        try:
            found = json.loads(done.stdout) if done.stdout.strip() else []
        except json.JSONDecodeError as error:
            problems.append(f"invalid JSON from bpfcheck compare ({error})")
            continue
        for row in found:
            row["source"] = run.source
            row["name"] = (f"{names[row['object']]}:{row['program']}" if row["object"] in names
                           else f"{Path(row['object']).name}:{row['program']}")
            rows.append(row)
    return rows, problems, seconds


def run_compare(args, runs, names):
    """`--repeat` passes; each program's times are the medians over them, its
    memory the maximum, its verdicts the first pass's (a pass that disagrees
    is noted)."""
    rows, problems, seconds = run_compare_once(args, runs, names)
    samples = {(r["object"], r["program"]): r for r in rows}
    for row in rows:
        row["bpfcheck_time_ms_samples"] = [row["bpfcheck_time_ms"]]
        row["kernel_time_us_samples"] = [row["kernel_time_us"]] if row["kernel_time_us"] is not None else []
    for _ in range(1, args.repeat):
        again, _problems, more = run_compare_once(args, runs, names)
        seconds += more
        for row in again:
            first = samples.get((row["object"], row["program"]))
            if first is None:
                continue
            if (row["bpfcheck_verdict"], row["kernel_verdict"]) != (first["bpfcheck_verdict"],
                                                                     first["kernel_verdict"]):
                problems.append(f"{first['name']}: verdicts changed between passes: "
                                f"{first['bpfcheck_verdict']}/{first['kernel_verdict']} then "
                                f"{row['bpfcheck_verdict']}/{row['kernel_verdict']}")
            first["bpfcheck_time_ms_samples"].append(row["bpfcheck_time_ms"])
            if row["kernel_time_us"] is not None:
                first["kernel_time_us_samples"].append(row["kernel_time_us"])
            first["bpfcheck_peak_kib"] = max(first["bpfcheck_peak_kib"], row["bpfcheck_peak_kib"])
            first["bpfcheck_process_peak_kib"] = max(first["bpfcheck_process_peak_kib"],
                                                     row["bpfcheck_process_peak_kib"])
    for row in rows:
        row["bpfcheck_time_ms"] = statistics.median(row["bpfcheck_time_ms_samples"])
        if row["kernel_time_us_samples"]:
            row["kernel_time_us"] = statistics.median(row["kernel_time_us_samples"])
    return rows, problems, seconds


# ---------------------------------------------------------------------------
# Figures

def median(values):
    return statistics.median(values) if values else 0.0


def fmt_ms(value):
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def mib(kib):
    return f"{kib / 1024:.1f} MiB"


def kernel_ran(row):
    return row["kernel_verdict"] in ("accept", "reject")


def matrix_table(rows):
    counts = Counter((row["bpfcheck_verdict"], row["kernel_verdict"]) for row in rows)
    lines = ["| bpfcheck \\ kernel | " + " | ".join(KERNEL_VERDICTS) + " | total |",
             "|---|" + "---:|" * (len(KERNEL_VERDICTS) + 1)]
    for b in BPFCHECK_VERDICTS:
        cells = [counts[(b, k)] for k in KERNEL_VERDICTS]
        lines.append(f"| **{b}** | " + " | ".join(str(c) for c in cells) + f" | {sum(cells)} |")
    totals = [sum(counts[(b, k)] for b in BPFCHECK_VERDICTS) for k in KERNEL_VERDICTS]
    lines.append("| total | " + " | ".join(str(t) for t in totals) + f" | {len(rows)} |")
    return "\n".join(lines)


def by_source_table(rows):
    lines = ["| source | programs | both accept | both reject | only bpfcheck rejects | only the kernel rejects "
             "| n/a | agreement on kernel-accepted |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for source in SOURCES + ("all",):
        selected = [r for r in rows if source in ("all", r["source"])]
        if not selected:
            continue
        a = Counter(r["agreement"] for r in selected)
        accepted = a["both_accept"] + a["only_bpfcheck_rejects"]
        share = f"{a['both_accept'] / accepted:.1%} ({a['both_accept']}/{accepted})" if accepted else "-"
        label = f"**{source}**" if source == "all" else source
        lines.append(f"| {label} | {len(selected)} | {a['both_accept']} | {a['both_reject']} | "
                     f"{a['only_bpfcheck_rejects']} | {a['only_kernel_rejects']} | {a['n/a']} | {share} |")
    return "\n".join(lines)


def cell(text):
    return (text or "").replace("|", "\\|").replace("\n", " ")


def program_list(rows, agreement):
    selected = [r for r in rows if r["agreement"] == agreement]
    if not selected:
        return "None."
    lines = ["| program | source | insns | bpfcheck | kernel |", "|---|---|---:|---|---|"]
    for r in sorted(selected, key=lambda r: (r["source"], r["name"])):
        bpfcheck = r["bpfcheck_verdict"] + (f": {r['bpfcheck_error']}" if r["bpfcheck_error"] else "")
        kernel = r["kernel_verdict"] + (f": {r['kernel_error']}" if r["kernel_error"] else "")
        lines.append(f"| `{r['name']}` | {r['source']} | {r['instructions']} | {cell(bpfcheck)} | {cell(kernel)} |")
    return "\n".join(lines)


def load_error_list(rows):
    selected = [r for r in rows if r["kernel_verdict"] == "load_error"]
    if not selected:
        return "None."
    reasons = defaultdict(list)
    for r in selected:
        reason = r["kernel_error"] or "?"
        # One line per kind of reason: drop the program's own name from libbpf's message.
        key = reason.replace(f"prog '{r['program']}': ", "")
        reasons[key].append(r["name"])
    lines = [f"{len(selected)} programs; bpfcheck's verdict on them is still in the matrix's load_error column.", "",
             "| reason | programs | examples |", "|---|---:|---|"]
    for reason, names in sorted(reasons.items(), key=lambda item: (-len(item[1]), item[0])):
        examples = ", ".join(f"`{n}`" for n in names[:3]) + (", ..." if len(names) > 3 else "")
        lines.append(f"| {cell(reason)} | {len(names)} | {examples} |")
    return "\n".join(lines)


def time_figures(rows):
    timed = [r for r in rows if kernel_ran(r) and r["kernel_time_us"] is not None]
    ours = [r["bpfcheck_time_ms"] for r in timed]
    kernel = [r["kernel_time_us"] / 1000 for r in timed]
    return timed, ours, kernel


def ratio(a, b):
    return f"{a / b:.2f}" if b > 0 else "-"


def time_table(ours, kernel):
    return "\n".join([
        f"| total | {fmt_ms(sum(ours))} ms | {fmt_ms(sum(kernel))} ms | {ratio(sum(ours), sum(kernel))} |",
        f"| median | {fmt_ms(median(ours))} ms | {fmt_ms(median(kernel))} ms | "
        f"{ratio(median(ours), median(kernel))} |",
        f"| max | {fmt_ms(max(ours, default=0))} ms | {fmt_ms(max(kernel, default=0))} ms | |"])


def time_by_source(rows):
    lines = ["| source | programs timed | bpfcheck total | kernel total | ratio | bpfcheck median | kernel median "
             "| ratio |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    groups = [(s, [s]) for s in SOURCES] + [("real objects (all but test-data)", REAL_SOURCES)]
    for label, sources in groups:
        timed, ours, kernel = time_figures([r for r in rows if r["source"] in sources])
        if not timed:
            continue
        lines.append(f"| {label} | {len(timed)} | {fmt_ms(sum(ours))} ms | {fmt_ms(sum(kernel))} ms | "
                     f"{ratio(sum(ours), sum(kernel))} | {fmt_ms(median(ours))} ms | {fmt_ms(median(kernel))} ms | "
                     f"{ratio(median(ours), median(kernel))} |")
    return "\n".join(lines)


def limit_note(rows):
    """The programs that ran into the verifier's instruction limit weigh heavily in its total."""
    hit = [r for r in rows if kernel_ran(r) and r["kernel_insns_processed"] is not None
           and r["kernel_insn_limit"] is not None and r["kernel_insns_processed"] >= r["kernel_insn_limit"]]
    if not hit:
        return "No program reached the verifier's instruction limit."
    kernel = sum(r["kernel_time_us"] / 1000 for r in hit if r["kernel_time_us"] is not None)
    ours = sum(r["bpfcheck_time_ms"] for r in hit)
    names = ", ".join(f"`{r['name']}`" for r in sorted(hit, key=lambda r: r["name"]))
    return (f"{len(hit)} programs reached the verifier's instruction limit ({hit[0]['kernel_insn_limit']} "
            f"processed) and were rejected for it; they account for {fmt_ms(kernel)} ms of the kernel's total "
            f"(bpfcheck: {fmt_ms(ours)} ms): {names}.")


def slowest_list(rows, count=5):
    lines = ["| program | insns | bpfcheck | kernel | bpfcheck verdict | kernel verdict |",
             "|---|---:|---:|---:|---|---|"]
    for r in sorted(rows, key=lambda r: -r["bpfcheck_time_ms"])[:count]:
        kernel = f"{fmt_ms(r['kernel_time_us'] / 1000)} ms" if r["kernel_time_us"] is not None else "-"
        lines.append(f"| `{r['name']}` | {r['instructions']} | {fmt_ms(r['bpfcheck_time_ms'])} ms | {kernel} | "
                     f"{r['bpfcheck_verdict']} | {r['kernel_verdict']} |")
    return "\n".join(lines)


def memory_table(rows):
    growth = [r["bpfcheck_peak_kib"] for r in rows]
    process = [r["bpfcheck_process_peak_kib"] for r in rows]
    return "\n".join([
        f"| analysis (resident set growth) | {mib(max(growth, default=0))} | {mib(median(growth))} |",
        f"| analysing process (whole) | {mib(max(process, default=0))} | {mib(median(process))} |"])


def largest_program(rows):
    r = max(rows, key=lambda r: (r["instructions"], r["bpfcheck_time_ms"]))
    kernel_time = (f"{fmt_ms(r['kernel_time_us'] / 1000)} ms" if kernel_ran(r) and r["kernel_time_us"] is not None
                   else "n/a")
    processed = r["kernel_insns_processed"] if r["kernel_insns_processed"] is not None else "n/a"
    states = (f"{r['kernel_total_states']} total, {r['kernel_peak_states']} peak"
              if r["kernel_total_states"] is not None else "n/a")
    return "\n".join([
        f"`{r['name']}` ({r['source']}, {r['type']}), {r['instructions']} instructions:", "",
        "| | bpfcheck | kernel |", "|---|---|---|",
        f"| verdict | {r['bpfcheck_verdict']} | {r['kernel_verdict']} |",
        f"| time | {fmt_ms(r['bpfcheck_time_ms'])} ms | {kernel_time} |",
        f"| memory | {mib(r['bpfcheck_peak_kib'])} (process {mib(r['bpfcheck_process_peak_kib'])}) | - |",
        f"| work | - | {processed} instructions processed; states {states} |",
    ]), r


def draw_chart(args, rows):
    data = args.out / "time_vs_size.dat"
    with open(data, "w") as out:
        out.write("# instructions bpfcheck_ms kernel_ms (NaN: the verifier did not run)\n")
        for r in sorted(rows, key=lambda r: r["instructions"]):
            kernel = r["kernel_time_us"] / 1000 if kernel_ran(r) and r["kernel_time_us"] is not None else "NaN"
            out.write(f"{r['instructions']} {r['bpfcheck_time_ms']} {kernel}\n")
    gnuplot = shutil.which("gnuplot")
    if gnuplot is None:
        return "(gnuplot not found: no chart; the data is in time_vs_size.dat. Install gnuplot-nox.)"
    script = f"""
set terminal svg size 900,560 dynamic font "sans,12" background rgb "white"
set output '{args.out / "time_vs_size.svg"}'
set title "Analysis time against program size ({len(rows)} programs)"
set logscale xy
set xlabel "program size (instructions)"
set ylabel "time (ms)"
set key top left box opaque
set grid
set datafile missing "NaN"
plot '{data}' using 1:($2 > 0 ? $2 : NaN) with points pt 7 ps 0.6 lc rgb "#1f77b4" title "bpfcheck (analysis)", \\
     '' using 1:($3 > 0 ? $3 : NaN) with points pt 9 ps 0.7 lc rgb "#d62728" title "kernel verifier (verification time)"
"""
    done = subprocess.run([gnuplot], input=script, capture_output=True, text=True)
    if done.returncode != 0:
        return f"(gnuplot failed: {done.stderr.strip()})"
    return ("Each point is one program; log scales. The kernel's points are the programs its verifier ran on; "
            "a kernel time of 0 us cannot be drawn on a log scale.")


def goals(rows, ours, kernel, largest, kernel_available):
    a = Counter(r["agreement"] for r in rows)
    accepted = a["both_accept"] + a["only_bpfcheck_rejects"]
    lines = []
    if kernel_available and accepted:
        share = a["both_accept"] / accepted
        lines.append(f"| agreement on kernel-accepted programs | >= {AGREEMENT_GOAL:.0%} | {share:.1%} "
                     f"({a['both_accept']}/{accepted}) | {'yes' if share >= AGREEMENT_GOAL else 'no'} |")
        lines.append(f"| bpfcheck's total time vs the kernel's | <= kernel | {fmt_ms(sum(ours))} ms vs "
                     f"{fmt_ms(sum(kernel))} ms (ratio {ratio(sum(ours), sum(kernel))}) | "
                     f"{'yes' if sum(ours) <= sum(kernel) else 'no'} |")
        # The cases that exhaust the verifier dominate its total; the real objects alone say more.
        _timed, real_ours, real_kernel = time_figures([r for r in rows if r["source"] != "test-data"])
        if real_kernel:
            lines.append(f"| the same, real objects only ({', '.join(REAL_SOURCES)}) | <= kernel | "
                         f"{fmt_ms(sum(real_ours))} ms vs {fmt_ms(sum(real_kernel))} ms (ratio "
                         f"{ratio(sum(real_ours), sum(real_kernel))}) | "
                         f"{'yes' if sum(real_ours) <= sum(real_kernel) else 'no'} |")
        # Over the real programs the kernel accepts: a quarter of its time, none over 100 ms.
        loaded = [r for r in rows if r["source"] != "test-data" and r["kernel_verdict"] == "accept"]
        _timed, acc_ours, acc_kernel = time_figures(loaded)
        if acc_kernel:
            lines.append(f"| real programs the kernel accepts: bpfcheck's total vs the kernel's | <= 0.25 | "
                         f"{fmt_ms(sum(acc_ours))} ms vs {fmt_ms(sum(acc_kernel))} ms (ratio "
                         f"{ratio(sum(acc_ours), sum(acc_kernel))}) | "
                         f"{'yes' if sum(acc_ours) <= 0.25 * sum(acc_kernel) else 'no'} |")
        slowest = max((r["bpfcheck_time_ms"] for r in loaded), default=0)
        lines.append(f"| slowest real program the kernel accepts | <= 100 ms | {fmt_ms(slowest)} ms | "
                     f"{'yes' if slowest <= 100 else 'no'} |")
    else:
        lines.append("| agreement on kernel-accepted programs | >= 98% | n/a (no kernel verdicts) | - |")
        lines.append("| bpfcheck's total time vs the kernel's | <= kernel | n/a (no kernel times) | - |")
    peak = largest["bpfcheck_peak_kib"] / 1024
    lines.append(f"| peak memory on the largest program (`{largest['name']}`, {largest['instructions']} insns) | "
                 f"< {MEMORY_GOAL_MIB} MiB | {peak:.1f} MiB (process {mib(largest['bpfcheck_process_peak_kib'])}) | "
                 f"{'yes' if peak < MEMORY_GOAL_MIB else 'no'} |")
    return "\n".join(lines)


def write_report(args, rows, problems, notes, compare_seconds, run_seconds):
    kernel_available = any(r["kernel_verdict"] != "n/a" for r in rows)
    timed, ours, kernel = time_figures(rows)
    largest_text, largest = largest_program(rows)
    by_source = Counter(r["source"] for r in rows)
    objects = {(r["source"], r["object"]) for r in rows}
    corpus = ", ".join(f"{by_source[s]} programs from {sum(1 for o in objects if o[0] == s)} "
                       f"{'cases' if s == 'test-data' else 'objects'} ({s})" for s in SOURCES if by_source[s])
    if not kernel_available:
        reason = next((p for p in problems if "cannot be asked" in p), "bpf() not permitted")
        corpus += f". **The kernel could not be asked** ({reason.splitlines()[0]}): its columns are n/a"
    extra = notes + [p for p in problems if "cannot be asked" not in p]
    if extra:
        corpus += ".\n\nNotes:\n\n" + "\n".join(f"- {cell(n)}" for n in extra)
    rows_file = args.out / "compare.json"
    values = {
        "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "kernel": platform.release(),
        "bpfcheck": args.bpfcheck,
        "timeout": f"{args.timeout:g}",
        "repeat": str(args.repeat),
        "load": f"{args.load_before:.2f}/{os.getloadavg()[0]:.2f}",
        "cpus": str(os.cpu_count()),
        "run_seconds": f"{run_seconds:.1f}",
        "compare_seconds": f"{compare_seconds:.1f}",
        "corpus_summary": corpus,
        "goals": goals(rows, ours, kernel, largest, kernel_available),
        "matrix": matrix_table(rows),
        "by_source": by_source_table(rows),
        "only_bpfcheck": program_list(rows, "only_bpfcheck_rejects"),
        "only_kernel": program_list(rows, "only_kernel_rejects"),
        "load_errors": load_error_list(rows),
        "timed_count": str(len(timed)),
        "time_table": time_table(ours, kernel),
        "time_by_source": time_by_source(rows),
        "limit_note": limit_note(rows),
        "all_count": str(len(rows)),
        "bpfcheck_total_all": fmt_ms(sum(r["bpfcheck_time_ms"] for r in rows)),
        "bpfcheck_median_all": fmt_ms(median([r["bpfcheck_time_ms"] for r in rows])),
        "slowest": slowest_list(rows, 10),
        "chart_note": draw_chart(args, rows),
        "memory_table": memory_table(rows),
        "largest": largest_text,
        "rows_file": rows_file.name,
    }
    with open(rows_file, "w") as out:
        json.dump(rows, out, indent=1)
    report = string.Template(TEMPLATE.read_text()).substitute(values)
    (args.out / "report.md").write_text(report)
    return report


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bpfcheck", help="bpfcheck executable (default: PATH, then REPO/build/bpfcheck)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out",
                        help="output directory (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=60, help="bpfcheck's analysis timeout per program, s")
    parser.add_argument("--clang", help="clang-19 (default: PATH or /usr/lib/llvm-19/bin)")
    parser.add_argument("--llvm-mc", help="llvm-mc-19 (default: PATH or /usr/lib/llvm-19/bin)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="compare passes; times are per-program medians (default: %(default)s)")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2, help="parallel compilations")
    parser.add_argument("--no-cases", action="store_true", help="leave the test-data cases out")
    parser.add_argument("--no-real", action="store_true", help="leave the real objects (xdp-tools, libbpf-tools, cilium/ebpf, selftests) out")
    parser.add_argument("--selftests", action="store_true",
                        help="also the kernel's verifier selftests (as the `selftests` test builds them)")
    parser.add_argument("--selftest-programs", action="store_true",
                        help="also the selftests' programs test_loader does not run (pyperf, strobemeta, "
                             "test_verif_scale, ...: large programs; compiled on first use, minutes)")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print the report")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    args.bpfcheck = args.bpfcheck or cases.default_bpfcheck()
    if not args.bpfcheck or not os.access(args.bpfcheck, os.X_OK):
        print("run_bench: no bpfcheck executable (build it, or pass --bpfcheck)", file=sys.stderr)
        return 2
    args.bpfcheck = os.path.abspath(args.bpfcheck)
    args.repeat = max(1, args.repeat)
    args.load_before = os.getloadavg()[0]
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    args.clang = cases.find_tool(args.clang, ["clang-19"])
    args.llvm_mc = cases.find_tool(args.llvm_mc, ["llvm-mc-19"])
    notes, runs, names = [], [], {}
    if not args.no_cases:
        if args.clang and args.llvm_mc:
            runs, names = case_runs(args, notes)
        else:
            notes.append("clang-19 or llvm-mc-19 not found: test-data cases left out")
    if not args.no_real:
        runs += real_runs(args, notes)
    if not runs:
        print("run_bench: empty corpus: " + "; ".join(notes), file=sys.stderr)
        return 2
    print(f"run_bench: {sum(len(r.objects) for r in runs)} objects in {len(runs)} compare runs ...", file=sys.stderr)
    rows, problems, compare_seconds = run_compare(args, runs, names)
    if not rows:
        print("run_bench: bpfcheck compare produced no rows:\n" + "\n".join(problems), file=sys.stderr)
        return 2
    report = write_report(args, rows, problems, notes, compare_seconds, time.perf_counter() - start)
    if not args.quiet:
        print(report)
    print(f"run_bench: wrote {args.out / 'report.md'} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    bad = [p for p in problems if "exited 2" in p]
    return 2 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
