#!/usr/bin/env python3
"""`bpfcheck explain` against the running kernel (test-data/explain/README.md).

1. Catalog: every entry of `bpfcheck explain --catalog` has a line in
   test-data/explain/catalog.txt naming a program the running kernel rejects
   with that message; the program is compiled, `bpfcheck explain --object`
   loads it (log captured now, at level 1) and must name the entry, the
   expected check id, the source line (or instruction) and the category.
2. Rates: for every test-data case with `kernel: reject`, does explain name
   the kernel's failing source line (the case's `expect:` line or instruction)
   and the right category (kernel-limit where `kernel-differs:` says the kernel
   is imprecise; environment for program-type, helper-availability and
   license checks; kernel-limit for the kernel's fixed budgets; bug
   otherwise)? The rates are printed and must not fall below --min-line-rate
   and --min-category-rate.

Exit 77 (skip) when bpf() is not permitted: the logs cannot be captured."""

import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "data"))
import cases  # noqa: E402  (tests/data/cases.py)

SKIP = 77
ENVIRONMENT_IDS = {"helper.not_for_type", "helper.unavailable", "helper.unknown", "helper.gpl_only",
                   "type.unavailable", "isa.unavailable", "packet.legacy_load", "btf.untyped", "btf.gpl_only",
                   "pointer.leak"}  # leaks: a rule for unprivileged loaders (privileges)
LIMIT_IDS = {"call.stack_depth", "call.depth", "tailcall.stack_depth", "loop.kernel_budget"}


def expected_category(case):
    if case.kernel_differs:
        return "kernel-limit"
    ids = {e.id for e in case.expects}
    if ids and ids <= ENVIRONMENT_IDS:
        return "environment"
    if ids and ids <= LIMIT_IDS:
        return "kernel-limit"
    return "bug"


def run_explain(args, obj, program=None, type_=None, unprivileged=False):
    command = [args.bpfcheck, "explain", "--object", obj, "--format", "json"]
    if program:
        command += ["--program", program]
    if type_:
        command += ["--type", type_]
    if unprivileged:
        command.append("--unprivileged")
    done = subprocess.run(command, capture_output=True, text=True, timeout=cases.CHECK_TIMEOUT)
    if done.returncode not in (0, 1):
        return None, f"$ {' '.join(command)} (exit {done.returncode})\n{done.stderr}"
    if done.returncode == 0 and not done.stdout.lstrip().startswith("{"):
        return {"accepted": True}, None
    try:
        return json.loads(done.stdout), None
    except json.JSONDecodeError as error:
        return None, f"$ {' '.join(command)}: not JSON ({error})\n{done.stdout[:500]}"


def program_names(args, obj):
    done = subprocess.run([args.bpfcheck, "list", "--format", "json", obj], capture_output=True, text=True)
    try:
        listing = json.loads(done.stdout)
    except json.JSONDecodeError:
        return []
    programs = listing.get("programs", listing if isinstance(listing, list) else [])
    return [p.get("name") for p in programs if isinstance(p, dict) and p.get("name")]


def explain_case(args, case, obj):
    """The explanations of the programs of `case` the kernel rejects."""
    names = case.programs or [None]
    results = []
    for name in names:
        result, error = run_explain(args, obj, name, case.type, case.unprivileged)
        if error and name is None and "programs: name one" in error:
            for each in program_names(args, obj):
                more, _ = run_explain(args, obj, each, case.type, case.unprivileged)
                if more and not more.get("accepted"):
                    results.append(more)
            continue
        if error:
            return None, error
        if not result.get("accepted"):
            results.append(result)
    return results, None


def parse_manifest(path):
    entries = []
    with open(path) as f:
        for number, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            fields = line.split()
            entry = {"key": fields[0], "path": fields[1], "line": number}
            for field in fields[2:]:
                key, _, value = field.partition("=")
                entry[key] = value or True
            entries.append(entry)
    return entries


def release_tuple(text):
    """(major, minor) of a release such as '6.18' or uname's '6.18.44-fc'."""
    numbers = re.match(r"(\d+)\.(\d+)", text)
    return (int(numbers.group(1)), int(numbers.group(2))) if numbers else (0, 0)


class KernelUnavailable(Exception):
    """explain could not ask the running kernel (bpf() not permitted)."""


def check_catalog(args, failures):
    done = subprocess.run([args.bpfcheck, "explain", "--catalog", "--format", "json"], capture_output=True, text=True)
    catalog = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    keys = {entry["key"]: entry for entry in catalog}
    manifest = parse_manifest(args.manifest)
    tested = {entry["key"] for entry in manifest}
    for key in sorted(set(keys) - tested):
        failures.append(f"catalog entry {key} has no test program in {args.manifest}")
    passed = skipped = expected_failures = 0
    for entry in manifest:
        where = f"{os.path.basename(args.manifest)}:{entry['line']} ({entry['key']})"
        if entry["key"] not in keys:
            failures.append(f"{where}: no such catalog entry")
            continue
        path = os.path.join(args.test_data, entry["path"])
        case = cases.parse_case(path, entry["path"])
        missing = cases.missing_requirement(case)
        if missing:
            skipped += 1
            print(f"SKIP {where}: {missing}")
            continue
        # kernel=X.Y+: the entry's message is that release's (and later ones');
        # an older running kernel words the refusal otherwise.
        if entry.get("kernel") and release_tuple(os.uname().release) < release_tuple(entry["kernel"]):
            skipped += 1
            print(f"SKIP {where}: the message is Linux {entry['kernel']}'s; the running kernel is "
                  f"{os.uname().release}")
            continue
        lacks = entry.get("kallsyms-lacks")
        if lacks and lacks in cases.kallsyms_names():
            skipped += 1
            print(f"SKIP {where}: the running kernel's symbol table lists {lacks}, so it accepts the program")
            continue
        obj, error = cases.compile_case(case, args)
        if error:
            failures.append(f"{where}: {error}")
            continue
        result, error = run_explain(args, obj, entry.get("program") or (case.programs[0] if case.programs else None),
                                    entry.get("type") or case.type,
                                    bool(entry.get("unprivileged")) or case.unprivileged)
        if error or result.get("accepted"):
            failures.append(f"{where}: {error or 'the kernel accepts the program'}")
            continue
        if not result["bpfcheck"].get("kernel_asked", True):
            raise KernelUnavailable("; ".join(result.get("notes", [])))
        got = result["error"]
        problems = []
        if result["bpfcheck"].get("catalog") != entry["key"]:
            problems.append(f"catalog entry {result['bpfcheck'].get('catalog')} (kernel: {got['kernel_message']})")
        if "id" in entry and got["id"] != entry["id"]:
            problems.append(f"id {got['id']}, expected {entry['id']}")
        if "category" in entry and got["category"] != entry["category"]:
            problems.append(f"category {got['category']}, expected {entry['category']}")
        if entry.get("at") == "none":
            if got["insn"] is not None:
                problems.append(f"insn {got['insn']}, expected none")
        elif "at" in entry:
            kind, _, number = entry["at"].partition(":")
            value = got["line"] if kind == "line" else got["insn"]
            if value != int(number):
                problems.append(f"{kind} {value}, expected {number}")
        if entry.get("xfail"):
            if problems:
                expected_failures += 1
                print(f"XFAIL {where}: " + "; ".join(problems) + f" ({entry['xfail'].replace('_', ' ')})")
            else:
                failures.append(f"{where}: passes now: remove its xfail=")
        elif problems:
            failures.append(f"{where}: " + "; ".join(problems))
        else:
            passed += 1
    print(f"catalog: {len(keys)} entries, {len(tested & set(keys))} with a test program, "
          f"{passed}/{len(manifest) - skipped} tests pass, {expected_failures} expected failures, {skipped} skipped")


def check_rates(args, failures):
    all_cases = [c for c in cases.find_cases(args.cases, args.filter) if c.kernel == "reject" and not c.errors]
    counted = line_ok = category_ok = line_known = 0
    misses = []

    def one(case):
        if cases.missing_requirement(case):
            return case, None, "skip"
        obj, error = cases.compile_case(case, args)
        if error:
            return case, None, error
        results, error = explain_case(args, case, obj)
        return case, results, error

    for case, results, error in cases.run_parallel(one, all_cases, args.jobs):
        if error == "skip":
            continue
        if error or not results:
            misses.append(f"{case.name}: {error or 'the kernel accepts every program (or none was explained)'}")
            counted += 1
            continue
        counted += 1
        got = results[0]["error"]
        lines = {e.number for e in case.expects if e.kind == "line"}
        insns = {e.number for e in case.expects if e.kind == "insn"}
        want = expected_category(case)
        if lines or insns:
            line_known += 1
            hit = any(r["error"]["line"] in lines or r["error"]["insn"] in insns for r in results)
            line_ok += hit
            if not hit:
                misses.append(f"{case.name}: line {got['line']} insn {got['insn']}, expected "
                              f"{sorted(lines) or ''}{sorted(insns) or ''} ({got['kernel_message']})")
        if any(r["error"]["category"] == want for r in results):
            category_ok += 1
        else:
            misses.append(f"{case.name}: category {got['category']}, expected {want} ({got['kernel_message']})")
    line_rate = 100.0 * line_ok / line_known if line_known else 100.0
    category_rate = 100.0 * category_ok / counted if counted else 100.0
    if args.verbose:
        for miss in misses:
            print("  miss: " + miss)
    print(f"rates over {counted} rejected test-data programs: failing line named {line_ok}/{line_known} "
          f"({line_rate:.1f}%), category right {category_ok}/{counted} ({category_rate:.1f}%)")
    if line_rate < args.min_line_rate:
        failures.append(f"line rate {line_rate:.1f}% < {args.min_line_rate}%")
    if category_rate < args.min_category_rate:
        failures.append(f"category rate {category_rate:.1f}% < {args.min_category_rate}%")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    cases.add_tool_arguments(parser)
    repo = cases.REPO
    parser.add_argument("--test-data", default=os.path.join(repo, "test-data"))
    parser.add_argument("--manifest", default=os.path.join(repo, "test-data", "explain", "catalog.txt"))
    parser.add_argument("--min-line-rate", type=float, default=90.0)
    parser.add_argument("--min-category-rate", type=float, default=90.0)
    parser.add_argument("--only", choices=["catalog", "rates"], help="run one part")
    args = parser.parse_args()
    error = cases.resolve_tools(args, "explain_cases")
    if error:
        print(error, file=sys.stderr)
        return 2
    if os.geteuid() != 0:
        print("SKIP: bpf() needs root here: the kernel's logs cannot be captured")
        return SKIP
    failures = []
    try:
        if args.only in (None, "catalog"):
            check_catalog(args, failures)
    except KernelUnavailable as why:
        print(f"SKIP: bpfcheck explain could not ask the running kernel: {why}")
        return SKIP
    if args.only in (None, "rates"):
        check_rates(args, failures)
    for failure in failures:
        print("FAIL: " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
