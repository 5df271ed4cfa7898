#!/usr/bin/env python3
"""`bpfcheck compare` end to end, on a few small objects:

  test-data/examples/xdp_firewall.o        safe: bpfcheck pass, kernel accept
  test-data/cases/packet/xdp_off_by_one.c  unsafe: both reject
  test-data/cases/exit/xdp_return_pointer.s  assembly without function
                                           symbols: libbpf finds no program,
                                           compare's own loader loads it
  tests/cli/legacy_map.s                   a legacy `maps` section: the same
                                           fallback, with a map to create
  test-data/cases/tailcall/prog_array_btf_init_safe.c  its dispatch program
                                           alone: libbpf cannot fill the
                                           slot naming the other program, after
                                           the verifier accepted dispatch

For each output format (table, csv, json) the structure is checked (the JSON
keys README.md documents, the CSV header, the table's aligned columns and
summary line) and bpfcheck's verdicts. Where bpf() works the kernel's
verdicts, statistics and the agreement are checked too; where it is refused,
those assertions are skipped with a message and the output must say "n/a".
Also: a section only a legacy loader types (the kernel is asked with
bpfcheck's type), a directory argument (every *.o under it, recursively, sorted), bad
input (exit 2), the exit status (1 exactly when a program disagrees), and,
as root with setpriv(1), a run as `nobody` where bpf() is not permitted.

Exit status 0 when every check passed, 1 otherwise. Standard library only.
"""

import argparse
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "data"))
sys.dont_write_bytecode = True
import cases  # noqa: E402  (tests/data/cases.py: compiles cases as run_cases.py does)

KEYS = ["object", "program", "section", "type", "instructions",
        "bpfcheck_verdict", "bpfcheck_time_ms", "bpfcheck_peak_kib", "bpfcheck_process_peak_kib", "bpfcheck_error",
        "kernel_verdict", "kernel_loader", "kernel_errno", "kernel_error",
        "kernel_insns_processed", "kernel_insn_limit", "kernel_max_states_per_insn", "kernel_total_states",
        "kernel_peak_states", "kernel_mark_read", "kernel_time_us", "kernel_verified_insns",
        "agreement"]
DISAGREEMENTS = ("only_bpfcheck_rejects", "only_kernel_rejects")

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print(f"FAIL {message}")
    return condition


def run(args, command, user=None):
    full = ([] if user is None else user) + [args.bpfcheck, "compare", "--timeout", "30"] + command
    return subprocess.run(full, capture_output=True, text=True, timeout=300)


class Objects:
    """The test objects and what each side should say about them."""

    def __init__(self, args):
        self.items = []  # (path, program, bpfcheck verdict, kernel verdict, kernel loader)
        self.items.append((os.path.join(REPO, "test-data", "examples", "xdp_firewall.o"), "xdp_firewall", "pass",
                           "accept", "libbpf"))
        for relative, program, bpfcheck, kernel in (("packet/xdp_off_by_one.c", "xdp_off_by_one", "fail", "reject"),
                                                    ("exit/xdp_return_pointer.s", "xdp", "pass", "accept")):
            case = cases.parse_case(os.path.join(REPO, "test-data", "cases", relative), relative)
            obj, error = cases.compile_case(case, args)
            if obj is None:
                raise RuntimeError(f"cannot compile {relative}:\n{error}")
            loader = "raw" if relative.endswith(".s") else "libbpf"
            self.items.append((obj, program, bpfcheck, kernel, loader))
        legacy = os.path.join(args.work, "legacy_map.o")
        subprocess.run([args.llvm_mc, "-triple", "bpfel", "-mcpu=v4", "-filetype=obj",
                        os.path.join(HERE, "legacy_map.s"), "-o", legacy], check=True)
        self.items.append((legacy, "prog", "pass", "accept", "raw"))

    @property
    def paths(self):
        return [item[0] for item in self.items]


def check_rows(rows, objects, what):
    """The rows of one run over `objects`; returns whether the kernel was asked."""
    check(isinstance(rows, list) and len(rows) == len(objects.items),
          f"{what}: one row per program ({len(objects.items)}), got {len(rows) if isinstance(rows, list) else rows}")
    by_object = {row.get("object"): row for row in rows if isinstance(row, dict)}
    kernel_available = any(row.get("kernel_verdict") != "n/a" for row in by_object.values())
    for path, program, bpfcheck, kernel, loader in objects.items:
        row = by_object.get(path)
        if not check(row is not None, f"{what}: no row for {path}"):
            continue
        name = os.path.basename(path)
        check(list(row.keys()) == KEYS, f"{what}: {name}: keys {list(row.keys())}")
        check(row["program"] == program, f"{what}: {name}: program {row['program']!r}, expected {program!r}")
        check(row["bpfcheck_verdict"] == bpfcheck,
              f"{what}: {name}: bpfcheck says {row['bpfcheck_verdict']}, expected {bpfcheck} "
              f"({row['bpfcheck_error']})")
        check(isinstance(row["bpfcheck_time_ms"], (int, float)) and row["bpfcheck_time_ms"] >= 0,
              f"{what}: {name}: bpfcheck_time_ms {row['bpfcheck_time_ms']!r}")
        check(isinstance(row["bpfcheck_peak_kib"], int) and row["bpfcheck_peak_kib"] >= 0,
              f"{what}: {name}: bpfcheck_peak_kib {row['bpfcheck_peak_kib']!r}")
        check(isinstance(row["bpfcheck_process_peak_kib"], int) and row["bpfcheck_process_peak_kib"] > 0,
              f"{what}: {name}: bpfcheck_process_peak_kib {row['bpfcheck_process_peak_kib']!r}")
        check(isinstance(row["instructions"], int) and row["instructions"] > 0,
              f"{what}: {name}: instructions {row['instructions']!r}")
        check((row["bpfcheck_error"] is None) == (bpfcheck == "pass"),
              f"{what}: {name}: bpfcheck_error {row['bpfcheck_error']!r} with verdict {bpfcheck}")
        if not kernel_available:
            check(row["kernel_verdict"] == "n/a" and row["agreement"] == "n/a",
                  f"{what}: {name}: without bpf() kernel and agreement must be n/a: {row}")
            check(all(row[k] is None for k in KEYS if k.startswith("kernel_") and k not in ("kernel_verdict",
                                                                                          "kernel_error")),
                  f"{what}: {name}: without bpf() the kernel's figures must be null")
            continue
        check(row["kernel_verdict"] == kernel,
              f"{what}: {name}: the kernel says {row['kernel_verdict']} ({row['kernel_error']}), expected {kernel}")
        check(row["kernel_loader"] == loader, f"{what}: {name}: loaded by {row['kernel_loader']}, expected {loader}")
        expected_agreement = "both_accept" if kernel == "accept" else "both_reject"
        check(row["agreement"] == expected_agreement,
              f"{what}: {name}: agreement {row['agreement']}, expected {expected_agreement}")
        for key in ("kernel_insns_processed", "kernel_insn_limit", "kernel_total_states", "kernel_peak_states",
                    "kernel_time_us"):
            check(isinstance(row[key], int), f"{what}: {name}: {key} {row[key]!r} should be a number")
        if kernel == "reject":
            check(bool(row["kernel_error"]), f"{what}: {name}: a rejection needs the kernel's error line")
            check(row["kernel_verified_insns"] is None, f"{what}: {name}: verified_insns of a rejected program")
        else:
            check(row["kernel_error"] is None, f"{what}: {name}: kernel_error {row['kernel_error']!r} on accept")
            check(isinstance(row["kernel_verified_insns"], int) and row["kernel_verified_insns"] > 0,
                  f"{what}: {name}: kernel_verified_insns {row['kernel_verified_insns']!r}")
    return kernel_available


def expected_exit(rows):
    return 1 if any(row["agreement"] in DISAGREEMENTS for row in rows) else 0


def test_json(args, objects):
    done = run(args, objects.paths + ["--format", "json"])
    try:
        rows = json.loads(done.stdout)
    except json.JSONDecodeError as error:
        check(False, f"json: invalid JSON ({error}): {done.stdout[:500]} {done.stderr}")
        return None, []
    available = check_rows(rows, objects, "json")
    check(done.returncode == expected_exit(rows), f"json: exit {done.returncode}, expected {expected_exit(rows)}")
    if available:
        check("cannot be asked" not in done.stderr, f"json: kernel available but stderr says {done.stderr!r}")
    else:
        check("cannot be asked" in done.stderr and done.stderr.count("cannot be asked") == 1,
              f"json: bpf() refused, stderr must say so once: {done.stderr!r}")
        print(f"SKIP kernel assertions: bpf() is not permitted here ({done.stderr.strip()}); "
              "checked that the kernel columns are n/a")
    return available, rows


def test_csv(args, objects, json_rows):
    done = run(args, objects.paths + ["--format", "csv"])
    table = list(csv.reader(io.StringIO(done.stdout)))
    if not check(len(table) == len(objects.items) + 1, f"csv: {len(table)} lines, expected a header and "
                                                       f"{len(objects.items)} rows:\n{done.stdout}"):
        return
    check(table[0] == KEYS, f"csv: header {table[0]}")
    rows = [dict(zip(table[0], line)) for line in table[1:]]
    for row, reference in zip(rows, json_rows):
        for key in ("object", "program", "bpfcheck_verdict", "kernel_verdict", "agreement", "instructions"):
            check(row.get(key) == str(reference[key]), f"csv: {key} {row.get(key)!r}, json says {reference[key]!r}")
        if reference["kernel_insns_processed"] is None:
            check(row["kernel_insns_processed"] == "", "csv: a missing figure must be empty")
    check(done.returncode == expected_exit(json_rows), f"csv: exit {done.returncode}")


def test_table(args, objects, json_rows, available):
    done = run(args, objects.paths)
    lines = done.stdout.splitlines()
    check(len(lines) >= len(objects.items) + 3, f"table: too few lines:\n{done.stdout}")
    if not lines:
        return
    header = lines[0]
    check(header.split()[:4] == ["object", "program", "type", "insns"], f"table: header {header!r}")
    program_column = header.find("program")
    agreement_column = header.find("agreement")
    for row in json_rows:
        line = next((l for l in lines[1:] if l.startswith(row["object"] + " ")), None)
        if not check(line is not None, f"table: no line for {row['object']}"):
            continue
        check(line[program_column:].startswith(row["program"] + " "),
              f"table: the program column is not aligned:\n{header}\n{line}")
        check(line[agreement_column:].startswith(row["agreement"]),
              f"table: the agreement column is not aligned:\n{header}\n{line}")
        check(f" {row['bpfcheck_verdict']} " in line, f"table: no bpfcheck verdict in {line!r}")
    summary = re.search(r"^(\d+) programs?: (\d+) both accept, (\d+) both reject, (\d+) only bpfcheck rejects, "
                        r"(\d+) only the kernel rejects, (\d+) n/a", done.stdout, re.M)
    if check(summary is not None, f"table: no summary line:\n{done.stdout}"):
        counts = [int(g) for g in summary.groups()]
        names = ["both_accept", "both_reject", "only_bpfcheck_rejects", "only_kernel_rejects", "n/a"]
        check(counts[0] == len(json_rows) and counts[1:] == [sum(r["agreement"] == n for r in json_rows)
                                                             for n in names],
              f"table: summary {summary.group(0)!r} does not match the rows")
    check(("kernel: n/a:" in done.stdout) != available, f"table: the n/a note must appear exactly when bpf() "
                                                       f"is refused:\n{done.stdout}")
    check(done.returncode == expected_exit(json_rows), f"table: exit {done.returncode}")


def test_directory(args, objects):
    root = os.path.join(args.work, "dir")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(root, "b", "c"))
    placed = []
    for index, path in enumerate(objects.paths):
        target = os.path.join(root, "b", "c" if index % 2 else "", f"{index}_{os.path.basename(path)}")
        shutil.copy(path, target)
        placed.append(target)
    with open(os.path.join(root, "README.txt"), "w") as note:
        note.write("not an object\n")
    done = run(args, [root, "--format", "json"])
    try:
        rows = json.loads(done.stdout)
    except json.JSONDecodeError:
        check(False, f"directory: invalid JSON: {done.stdout[:300]} {done.stderr}")
        return
    check([row["object"] for row in rows] == sorted(placed),
          f"directory: objects {[row['object'] for row in rows]}, expected {sorted(placed)}")
    check(done.returncode == expected_exit(rows), f"directory: exit {done.returncode}")

    empty = os.path.join(args.work, "empty")
    os.makedirs(empty, exist_ok=True)
    done = run(args, [empty])
    check(done.returncode == 2 and "no *.o" in done.stderr, f"empty directory: exit {done.returncode}, "
                                                             f"{done.stderr!r}")


def test_bad_input(args, objects):
    done = run(args, [os.path.join(args.work, "does-not-exist.o")])
    check(done.returncode == 2 and "no such file" in done.stderr,
          f"missing object: exit {done.returncode}, {done.stderr!r}")
    garbage = os.path.join(args.work, "garbage.o")
    with open(garbage, "wb") as out:
        out.write(b"not an ELF object at all")
    done = run(args, [garbage, objects.paths[0], "--format", "json"])
    check(done.returncode == 2, f"garbage object: exit {done.returncode}, expected 2")
    try:
        rows = json.loads(done.stdout)
        check(len(rows) == 1 and rows[0]["object"] == objects.paths[0],
              "garbage object: the good object's row must still be there")
    except json.JSONDecodeError:
        check(False, f"garbage object: invalid JSON: {done.stdout[:300]}")
    done = run(args, [objects.paths[0], "--format", "yaml"])
    check(done.returncode == 2, f"--format yaml: exit {done.returncode}")


def test_disagreement(args, available):
    """A documented difference (the case has kernel-differs:): exit 1 when the kernel disagrees."""
    relative = "loop/budget_nested_1000x1000.c"
    case = cases.parse_case(os.path.join(REPO, "test-data", "cases", relative), relative)
    obj, error = cases.compile_case(case, args)
    if not check(obj is not None, f"cannot compile {relative}: {error}"):
        return
    done = run(args, [obj, "--format", "json"])
    rows = json.loads(done.stdout)
    check(done.returncode == expected_exit(rows), f"disagreement: exit {done.returncode}, rows {rows}")
    if available:
        check(rows[0]["agreement"] == "only_kernel_rejects" and done.returncode == 1,
              f"disagreement: {relative}: agreement {rows[0]['agreement']}, exit {done.returncode} "
              f"(kernel: {rows[0]['kernel_error']})")


def test_prog_array_slots(args, available):
    """A program tail-calling through a program array the object initialises, loaded without the slot's program:
    libbpf fails to fill the slot after the verifier accepted the program, which is an acceptance."""
    relative = "tailcall/prog_array_btf_init_safe.c"
    case = cases.parse_case(os.path.join(REPO, "test-data", "cases", relative), relative)
    obj, error = cases.compile_case(case, args)
    if not check(obj is not None, f"cannot compile {relative}: {error}"):
        return
    done = run(args, [obj, "--program", "dispatch", "--format", "json"])
    rows = json.loads(done.stdout) if done.stdout.strip() else []
    if not check(len(rows) == 1, f"prog array slots: rows {rows}, stderr {done.stderr!r}"):
        return
    if not available:
        print("SKIP the program-array slot check: bpf() not permitted")
        return
    row = rows[0]
    check(row["kernel_verdict"] == "accept" and row["kernel_error"] is None and row["agreement"] == "both_accept",
          f"prog array slots: dispatch: kernel {row['kernel_verdict']} ({row['kernel_error']}), "
          f"agreement {row['agreement']}")
    check(isinstance(row["kernel_insns_processed"], int) and row["kernel_insns_processed"] > 0,
          f"prog array slots: dispatch: the verifier's statistics are kept: {row['kernel_insns_processed']!r}")
    check(done.returncode == 0, f"prog array slots: exit {done.returncode}")


def test_legacy_section(args, available):
    """A section only a legacy loader types (`xdp_legacy`: samples/bpf's and libbpf < 1.0's prefix rule): the kernel
    is asked about the program as bpfcheck typed it, not as the untyped program libbpf 1.x would load."""
    source = os.path.join(args.work, "legacy_section.c")
    with open(source, "w", encoding="utf-8") as out:
        out.write('struct xdp_md { unsigned int data, data_end; };\n'
                  '__attribute__((section("xdp_legacy"), used)) int legacy(struct xdp_md *ctx) { return 2; }\n'
                  'char _license[] __attribute__((section("license"), used)) = "GPL";\n')
    obj = os.path.join(args.work, "legacy_section.o")
    compiled = subprocess.run([args.clang, "-O2", "-g", "--target=bpf", "-c", source, "-o", obj],
                              capture_output=True, text=True)
    if not check(compiled.returncode == 0, f"cannot compile legacy_section.c: {compiled.stderr}"):
        return
    done = run(args, [obj, "--format", "json"])
    rows = json.loads(done.stdout) if done.stdout.strip() else []
    if not check(len(rows) == 1 and rows[0]["type"] == "xdp" and rows[0]["bpfcheck_verdict"] == "pass",
                 f"legacy section: rows {rows}, stderr {done.stderr!r}"):
        return
    if not available:
        print("SKIP the legacy-section kernel check: bpf() not permitted")
        return
    check(rows[0]["kernel_verdict"] == "accept" and rows[0]["agreement"] == "both_accept",
          f"legacy section: kernel {rows[0]['kernel_verdict']} ({rows[0]['kernel_error']}), "
          f"agreement {rows[0]['agreement']}")


def test_without_bpf(args, objects):
    """As root, run compare as nobody, whom the kernel refuses bpf()."""
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        print("SKIP the run without bpf(): needs root and setpriv(1) to become nobody")
        return
    readable = os.path.join("/tmp", f"bpfcheck-compare-test-{os.getpid()}.o")
    shutil.copy(objects.paths[0], readable)
    os.chmod(readable, 0o644)
    try:
        user = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all"]
        done = run(args, [readable, "--format", "json"], user=user)
        if done.returncode == 126 or "Permission denied" in done.stderr and not done.stdout:
            print(f"SKIP the run without bpf(): nobody cannot run {args.bpfcheck}: {done.stderr.strip()}")
            return
        rows = json.loads(done.stdout) if done.stdout.strip() else []
        check(len(rows) == 1 and rows[0]["kernel_verdict"] == "n/a" and rows[0]["agreement"] == "n/a"
              and rows[0]["bpfcheck_verdict"] == "pass",
              f"without bpf(): rows {rows}, stderr {done.stderr!r}")
        check("not permitted" in done.stderr, f"without bpf(): stderr must say bpf() is not permitted: "
                                              f"{done.stderr!r}")
        check(done.returncode == 0, f"without bpf(): exit {done.returncode}")
        table = run(args, [readable], user=user)
        check("kernel: n/a: bpf() not permitted" in table.stdout, f"without bpf(): table:\n{table.stdout}")
    finally:
        os.unlink(readable)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bpfcheck", required=True)
    parser.add_argument("--clang", help="clang-19 (default: PATH or /usr/lib/llvm-19/bin)")
    parser.add_argument("--llvm-mc", help="llvm-mc-19 (default: PATH or /usr/lib/llvm-19/bin)")
    parser.add_argument("--work", required=True, help="directory for compiled objects")
    args = parser.parse_args()
    args.clang = cases.find_tool(args.clang, ["clang-19"])
    args.llvm_mc = cases.find_tool(args.llvm_mc, ["llvm-mc-19"])
    if not args.clang or not args.llvm_mc:
        print("SKIP: clang-19 and llvm-mc-19 are needed to compile the test objects")
        return 77
    os.makedirs(args.work, exist_ok=True)
    objects = Objects(args)

    available, rows = test_json(args, objects)
    if rows:
        test_csv(args, objects, rows)
        test_table(args, objects, rows, available)
    test_directory(args, objects)
    test_bad_input(args, objects)
    test_disagreement(args, available)
    test_prog_array_slots(args, available)
    test_legacy_section(args, available)
    test_without_bpf(args, objects)
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("all compare checks passed" + ("" if available else " (kernel assertions skipped: bpf() not permitted)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
