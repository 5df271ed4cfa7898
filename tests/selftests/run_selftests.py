#!/usr/bin/env python3
"""Runs bpfcheck on the Linux 6.12 verifier selftests and compares its
verdicts with their test_loader annotations (see README.md beside this file).

Steps: build the selftest objects once into --work (selftest_build.py), read
each program's expectations from its BTF decl tags (selftest_spec.py), run
`bpfcheck check OBJ --program P... --kernel 6.12 --format json` once per
object privileged and once `--unprivileged` for the programs whose test has
an unprivileged mode, and compare. A disagreement is a tested mode where
bpfcheck does not pass an expected success or does not fail an expected
failure (an `error` verdict agrees with neither).

known_disagreements.txt lists the disagreements known today, one per line:
`FILE:PROGRAM MODE REASON`. The test fails on a disagreement that is not
listed, and on a listed one that now agrees (remove it: the list only
shrinks). `--update` rewrites the list from this run, keeping the reasons of
entries still present, marking new ones `TODO: ...`, and keeping entries this
machine could not judge.

Exit status: 0 all as listed, 1 otherwise, 77 when linux-source-6.12, bpftool
or the kernel's BTF is missing, 2 on bad usage. The last lines give the
agreement rates per loader and expected outcome.

  tests/selftests/run_selftests.py --bpfcheck build/bpfcheck --work build/selftests [--update]
"""

import argparse
import collections
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import selftest_build  # noqa: E402
import selftest_programs  # noqa: E402
import selftest_spec  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
MODES = ("priv", "unpriv")


class Result:
    """bpfcheck's answer for one program in one mode."""

    def __init__(self, verdict, first_id="", message=""):
        self.verdict, self.first_id, self.message = verdict, first_id, message


def first_diagnostic(program):
    diagnostics = program.get("diagnostics") or []
    errors = [d for d in diagnostics if d.get("severity") == "error"] or diagnostics
    if not errors:
        return "", program.get("error", "")
    d = errors[0]
    return d.get("id", ""), f"insn {d.get('insn')}: {d.get('message', '')}"


def run_bpfcheck(args, path, programs, unprivileged):
    """{program: Result} from one bpfcheck call."""
    if not programs:
        return {}
    cmd = [args.bpfcheck, "check", path, "--format", "json", "--kernel", "6.12",
           "--timeout", str(args.timeout)]
    for p in programs:
        cmd += ["--program", p]
    if unprivileged:
        cmd.append("--unprivileged")
    r = subprocess.run(cmd, capture_output=True, text=True)
    results = {}
    try:
        document = json.loads(r.stdout) if r.stdout.strip() else {}
    except json.JSONDecodeError:
        document = {}
    for p in document.get("programs", []) if isinstance(document, dict) else []:
        results[p["name"]] = Result(p.get("verdict", "error"), *first_diagnostic(p))
    why = (r.stderr.strip().splitlines() or [f"exit status {r.returncode}, no result"])[-1]
    if r.returncode < 0:
        why = f"bpfcheck died of signal {-r.returncode}"
    for p in programs:
        results.setdefault(p, Result("error", "", why))
    return results


def judge_object(args, kernel, path):
    """(specs, {(program, mode): Result}) for one object."""
    programs = selftest_programs.Programs(args.bpfcheck, path)
    specs = selftest_spec.object_specs(path, kernel, programs)
    results = {}
    for mode in MODES:
        tested = [s.program for s in specs if s.skip is None and getattr(s, mode)]
        for program, result in run_bpfcheck(args, path, tested, mode == "unpriv").items():
            results[(program, mode)] = result
    return specs, results


def agrees(expected, result):
    return result.verdict == {"success": "pass", "failure": "fail"}[expected]


def read_known(path):
    """{(key, mode): reason} from the list."""
    known = {}
    if not os.path.exists(path):
        return known
    with open(path) as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            fields = line.split(None, 2)
            if len(fields) < 3 or fields[1] not in MODES:
                sys.exit(f"{path}:{number}: expected 'FILE:PROGRAM MODE REASON', got {line!r}")
            known[(fields[0], fields[1])] = fields[2]
    return known


def write_known(path, entries):
    header = [
        "# Disagreements of bpfcheck with the Linux 6.12 verifier selftests' annotations",
        "# (tests/selftests/README.md): FILE:PROGRAM MODE REASON, grouped by reason.",
        "# The selftests test fails on a disagreement not listed here and on a listed one",
        "# that now agrees: remove fixed entries, or rerun with --update",
        "# (run_selftests.py --update) and give TODO entries their reason.",
    ]
    lines, previous = list(header), None
    for (key, mode), reason in sorted(entries.items(), key=lambda e: (e[1], e[0])):
        if reason != previous:
            lines.append("")
            previous = reason
        lines.append(f"{key} {mode} {reason}")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def rate(agreed, total):
    return f"{100.0 * agreed / total:5.1f}%" if total else "  n/a"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bpfcheck", required=True)
    ap.add_argument("--work", required=True, help="build directory for the selftests")
    ap.add_argument("--clang", default=shutil.which("clang-19") or "clang-19")
    ap.add_argument("--bpftool", default=shutil.which("bpftool")
                    or ("/usr/sbin/bpftool" if os.path.exists("/usr/sbin/bpftool") else None))
    ap.add_argument("--known", default=os.path.join(HERE, "known_disagreements.txt"))
    ap.add_argument("--update", action="store_true", help="rewrite the known list from this run")
    ap.add_argument("--filter", help="only the files whose name matches this regex")
    ap.add_argument("--timeout", type=float, default=5, help="bpfcheck's budget per program (s)")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("-v", "--verbose", action="store_true", help="print every disagreement")
    args = ap.parse_args()

    missing = selftest_build.missing_requirements(args.bpftool)
    if missing:
        print("SKIP: the selftests need " + "; ".join(missing)
              + " (scripts/install-deps.sh installs them)")
        return 77
    started = time.time()
    objects, failures = selftest_build.build(args.work, args.clang, args.bpftool, args.jobs)
    built = time.time()
    print(f"selftests: {len(objects)} objects built, {len(failures)} failed to compile "
          f"({built - started:.0f} s)")
    for stem, error in sorted(failures.items()):
        print(f"  not compiled (skipped): {stem}: {error}")
    kernel = selftest_spec.Kernel(selftest_build.KERNEL_BTF)
    stems = sorted(s for s in objects if not args.filter or re.search(args.filter, s))
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        judged = dict(zip(stems, pool.map(lambda s: judge_object(args, kernel, objects[s]),
                                          stems)))

    # compare
    disagreements = {}
    table = collections.Counter()  # (mode, expected, agreed?) -> programs
    skipped = collections.Counter()
    tsv = ["file\tprogram\tmode\texpected\tbpfcheck\tfirst_id\tmessage\texpected_msg"]
    for stem, (specs, results) in judged.items():
        for spec in specs:
            if spec.skip:
                skipped[re.sub(r":.*", "", spec.skip)] += 1
                continue
            for mode in MODES:
                expected = getattr(spec, mode)
                if not expected:
                    continue
                result = results[(spec.program, mode)]
                ok = agrees(expected, result)
                table[(mode, expected, ok)] += 1
                table[(mode, expected, "error")] += result.verdict == "error"
                key = (f"{stem}:{spec.program}", mode)
                if not ok:
                    disagreements[key] = (expected, result)
                msgs = spec.msgs if mode == "priv" else spec.unpriv_msgs
                tsv.append("\t".join(f.replace("\t", " ").replace("\n", " ") for f in [
                    stem, spec.program, mode, expected, result.verdict, result.first_id,
                    result.message, " | ".join(msgs)]))
    with open(os.path.join(args.work, "results.tsv"), "w") as f:
        f.write("\n".join(tsv) + "\n")

    known = read_known(args.known)
    judged_keys = {(f"{stem}:{s.program}", m) for stem, (specs, _r) in judged.items()
                   for s in specs if not s.skip for m in MODES if getattr(s, m)}
    new = sorted(k for k in disagreements if k not in known)
    fixed = sorted(k for k in known if k in judged_keys and k not in disagreements)

    def describe(key):
        expected, result = disagreements[key]
        return (f"{key[0]} {key[1]}: expected {expected}, bpfcheck {result.verdict}"
                + (f" [{result.first_id}] {result.message}" if result.message else ""))

    if args.verbose:
        for key in sorted(disagreements):
            print("  " + describe(key) + f"  -- {known.get(key, 'NOT LISTED')}")
    if args.update:
        entries = {k: v for k, v in known.items() if k not in judged_keys or k in disagreements}
        for key in new:
            expected, result = disagreements[key]
            entries[key] = (f"TODO: classify (expected {expected}, bpfcheck {result.verdict}"
                            + (f" {result.first_id}" if result.first_id else "") + ")")
        write_known(args.known, entries)
        print(f"updated {args.known}: {len(entries)} entries ({len(new)} new, "
              f"{len(fixed)} fixed removed)")
        new, fixed = [], []
    for key in new:
        print("NEW DISAGREEMENT (not in known_disagreements.txt): " + describe(key))
    for key in fixed:
        print(f"NOW AGREES (remove from known_disagreements.txt): {key[0]} {key[1]}: {known[key]}")

    print(f"skipped (not judged on this machine): {sum(skipped.values())} programs")
    for why, n in skipped.most_common():
        print(f"  {n:5d}  {why}")
    print(f"judged {len(judged)} objects in {time.time() - built:.0f} s; total "
          f"{time.time() - started:.0f} s; {len(disagreements)} disagreements, "
          f"{len(new)} new, {len(fixed)} now agree")
    print("loader        expected   programs  bpfcheck agrees  (errors)")
    for mode in MODES:
        for expected in ("success", "failure"):
            agreed, wrong = table[(mode, expected, True)], table[(mode, expected, False)]
            errors = table[(mode, expected, "error")]
            print(f"{mode:12s}  {expected:9s} {agreed + wrong:8d}  {agreed:6d} "
                  f"{rate(agreed, agreed + wrong)}  ({errors})")
    report_message_families(args.bpfcheck, tsv[1:] if tsv and tsv[0].startswith("file\t") else tsv)
    return 1 if new or fixed else 0


def report_message_families(bpfcheck, rows):
    """Where a refused program's annotation names the kernel's message
    (__msg), the family of bpfcheck's first diagnostic beside the family
    `bpfcheck explain`'s catalog gives that message: a report, not a test."""
    done = subprocess.run([bpfcheck, "explain", "--catalog", "--format", "json"], capture_output=True, text=True)
    catalog = []
    for line in done.stdout.splitlines():
        try:
            entry = json.loads(line)
            catalog.append((re.compile(entry["pattern"]), entry["id"]))
        except (ValueError, KeyError, re.error):
            continue
    known = same_family = same_id = 0
    for row in rows:
        fields = row.split("\t")
        if len(fields) < 8 or fields[3] != "failure" or fields[4] != "fail" or not fields[7]:
            continue
        messages = [m.strip().replace("{{", "").replace("}}", "") for m in fields[7].split(" | ")]
        ids = [cid for m in messages for pattern, cid in catalog if pattern.search(m)]
        if not ids:
            continue
        known += 1
        same_family += fields[5].split(".")[0] == ids[0].split(".")[0]
        same_id += fields[5] == ids[0]
    if known:
        print(f"kernel messages (__msg) of refused programs the catalog knows: {known}; bpfcheck's first diagnostic "
              f"in the same family {same_family} ({100.0 * same_family / known:.1f}%), the same id {same_id} "
              f"({100.0 * same_id / known:.1f}%)")


if __name__ == "__main__":
    sys.exit(main())
