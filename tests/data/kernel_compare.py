#!/usr/bin/env python3
"""Loads every case under test-data/cases into the running kernel and checks
two things per case:

 1. the kernel's verdict (kernel_verdict: accept / reject, over the programs
    the case checks) equals the case's `kernel:` line;
 2. bpfcheck's verdict agrees with the kernel's (bpfcheck fail <=> kernel
    reject), unless the case has `kernel-differs:` — then they must differ,
    else "remove kernel-differs" — or `xfail:`, whose disagreements are
    XFAIL (known imprecision, not a failure).

A case that `requires:` a kernel feature its build decides (private-stack,
no-private-stack) is loaded only where the running kernel has it, found by
loading tests/data/features/ programs first; elsewhere it is SKIP with the
reason (its twin, stating the other side, runs there). bpfcheck is run
without --private-stack: it probes the running kernel itself.

Cases are compiled as run_cases.py compiles them (tests/data/cases.py). A
case with `args: --unprivileged` is loaded with CAP_SYS_ADMIN and CAP_PERFMON
dropped, so the kernel applies the same rules. A program the kernel cannot
even submit to its verifier (map creation, a missing fentry target) is a
"load_error": a failure of the case. Disagreements are listed at the end
with the kernel's log tail.

Exit status: 0 when nothing failed, 1 otherwise, 77 when bpf() is not
permitted (or no case was found), 2 on bad usage. The last line is
`N passed, M failed, K xfailed`.

  tests/data/kernel_compare.py --bpfcheck build/bpfcheck --kernel-verdict build/tests/data/kernel_verdict
"""

import argparse
import json
import os
import shlex
import subprocess
import sys

sys.dont_write_bytecode = True
import cases  # noqa: E402  (tests/data/cases.py)

SKIP = 77


def probe_bpf(kernel_verdict):
    """(True, "") when bpf() may be used here; (False, why) when not; raises
    RuntimeError when the loader itself fails."""
    probe = subprocess.run([kernel_verdict, "--probe"], capture_output=True, text=True)
    if probe.returncode == SKIP:
        reason = probe.stdout.strip()
        try:
            reason = json.loads(reason)["skip"]
        except (ValueError, KeyError, TypeError):
            pass
        return False, reason
    if probe.returncode != 0:
        raise RuntimeError(f"{kernel_verdict} --probe failed (exit {probe.returncode}): {probe.stdout}{probe.stderr}")
    return True, ""


def kernel_command(case, args, obj):
    command = [args.kernel_verdict]
    for program in case.programs:
        command += ["--program", program]
    if case.type:
        command += ["--type", case.type]
    if case.unprivileged:
        command.append("--unprivileged")
    return command + [obj]


def run_kernel(case, args, obj):
    """(verdict over the programs, program results, error text)."""
    command = kernel_command(case, args, obj)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=cases.CHECK_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as error:
        return "error", [], f"$ {shlex.join(command)}: {error}"
    programs, skip = [], None
    for line in done.stdout.splitlines():
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            continue
        if "skip" in item:
            skip = item["skip"]
        else:
            programs.append(item)
    if done.returncode == SKIP:
        return "skip", [], skip or "bpf() not permitted"
    if not programs or done.returncode not in (0, 1):
        return "error", programs, f"$ {shlex.join(command)}   (exit {done.returncode})\n{done.stderr}".rstrip()
    verdicts = [p.get("verdict") for p in programs]
    if "load_error" in verdicts:
        return "load_error", programs, ""
    return ("reject" if "reject" in verdicts else "accept"), programs, ""


def log_tail(programs):
    lines = []
    for program in programs:
        if program.get("verdict") == "accept":
            continue
        loader = f", loaded without libbpf: {program['raw_reason']}" if program.get("loader") == "raw" else ""
        lines.append(f"{program.get('program')} ({program.get('type')}): {program.get('verdict')}, "
                     f"errno {program.get('errno')}{loader}")
        lines += ["  " + line for line in program.get("log_tail", [])]
    return "\n".join(lines)


def check_case(case, args, features):
    """Returns a dict: status, details, kernel, bpfcheck, log, no_bpf (the
    kernel could not be asked at all)."""
    result = {"status": "PASS", "details": [], "kernel": "-", "bpfcheck": "-", "log": "", "no_bpf": False}
    skip = cases.missing_requirement(case) or cases.missing_kernel_feature(case, features)
    if skip:
        result.update(status="SKIP", details=[skip])
        return result
    if case.errors:
        result.update(status="ERROR", details=["header: " + e for e in case.errors])
        return result
    obj, error = cases.compile_case(case, args)
    if obj is None:
        result.update(status="ERROR", details=["does not compile:", cases.indent(error, "    ")])
        return result
    kernel, programs, error = run_kernel(case, args, obj)
    result["kernel"] = kernel
    result["log"] = log_tail(programs)
    if kernel == "skip":
        result.update(status="SKIP", details=[error], no_bpf=True)
        return result
    run = cases.run_bpfcheck(case, args, obj)
    result["bpfcheck"] = run.verdict
    details = result["details"]

    if case.kernel == "load-error":
        # libbpf refuses the object before the verifier (a kfunc the kernel
        # lacks, a map it cannot create): bpfcheck must fail it too, unless
        # the case says why not (a size its loader sets at run time).
        if kernel != "load_error":
            details.append(f"the case says 'kernel: load-error' but the kernel says {kernel}: fix the 'kernel:' line")
        elif run.verdict != "fail" and not case.kernel_differs:
            details.append(f"libbpf refuses the object, bpfcheck says {run.verdict}")
        elif run.verdict == "fail" and case.kernel_differs:
            details.append(f"libbpf refuses the object and bpfcheck fails it: remove 'kernel-differs: "
                           f"{case.kernel_differs}'")
    elif (kernel == "reject" and case.kernel == "accept" and "cannot use helper" in result["log"] and
          cases.left_out_by_running_kernel([], cases.compare(case, cases.reported_diagnostics(case, run))[1])):
        # A helper this kernel's build leaves out, and bpfcheck, asking the
        # kernel, finds the same: the case is for a kernel that offers it.
        result.update(status="SKIP", details=["skipped: the running kernel's build leaves out a helper the case "
                                              "calls (its verifier: 'cannot use helper'; bpfcheck finds the same)"])
        return result
    elif kernel in ("error", "load_error"):
        details.append(f"the kernel's verifier never ran ({kernel}): " +
                       (error or "see the log tail; the case cannot be loaded here"))
    elif kernel != case.kernel:
        details.append(f"the case says 'kernel: {case.kernel}' but the kernel says {kernel}: fix the 'kernel:' line")

    xfailed = False
    if run.verdict == "error":
        reason = run.error or "; ".join(p.get("error", "") for p in run.programs if p.get("verdict") == "error")
        if case.xfail:
            xfailed = True
        else:
            details.append(f"bpfcheck could not decide: {reason or run.stderr.strip()}")
    elif kernel in ("accept", "reject"):
        differs = (run.verdict == "fail") != (kernel == "reject")
        if differs != bool(case.kernel_differs):
            if case.xfail:
                xfailed = True
            elif differs:
                details.append(f"bpfcheck says {run.verdict}, the kernel says {kernel} "
                               f"(add 'kernel-differs: REASON' if the kernel is imprecise or lax here)")
            else:
                details.append(f"bpfcheck and the kernel agree ({run.verdict} / {kernel}): remove 'kernel-differs: "
                               f"{case.kernel_differs}'")
    if details:
        result["status"] = "FAIL"
    elif xfailed:
        result["status"] = "XFAIL"
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    cases.add_tool_arguments(parser)
    parser.add_argument("--kernel-verdict", help="the kernel_verdict loader (default: next to bpfcheck)")
    args = parser.parse_args()
    problem = cases.resolve_tools(args, "kernel_compare")
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if not args.kernel_verdict:
        args.kernel_verdict = os.path.join(os.path.dirname(args.bpfcheck), "tests", "data", "kernel_verdict")
    if not os.access(args.kernel_verdict, os.X_OK):
        print(f"kernel_compare: no kernel_verdict at {args.kernel_verdict} (--kernel-verdict)", file=sys.stderr)
        return 2

    try:
        permitted, reason = probe_bpf(args.kernel_verdict)
    except RuntimeError as error:
        print(f"kernel_compare: {error}", file=sys.stderr)
        return 2
    if not permitted:
        print(f"SKIP: the kernel comparison needs bpf(): {reason}")
        return SKIP

    found = cases.find_cases(args.cases, args.filter)
    if not found:
        print(f"kernel_compare: no cases under {args.cases}" + (f" matching '{args.filter}'" if args.filter else ""))
        print("0 passed, 0 failed, 0 xfailed")
        return SKIP
    # bpfcheck probes the running kernel itself (no --private-stack), so the
    # cases stating a feature also check that probe against the kernel.
    args.private_stack = "running"
    features = cases.running_kernel_features(args)
    for feature, (has, how) in sorted(features.items()):
        state = "unknown" if has is None else ("yes" if has else "no")
        print(f"running kernel: {feature.replace('_', ' ')}: {state} ({how})")
    results = cases.run_parallel(lambda case: check_case(case, args, features), found, args.jobs)
    if any(r["no_bpf"] for r in results):
        reason = next(r["details"][0] for r in results if r["no_bpf"])
        print(f"SKIP: the kernel comparison needs bpf(): {reason}")
        return SKIP

    counts = {"PASS": 0, "FAIL": 0, "XFAIL": 0, "ERROR": 0, "SKIP": 0}
    for case, result in zip(found, results):
        counts[result["status"]] += 1
        print(f"{result['status']:<6} {case.name}  kernel {result['kernel']}, bpfcheck {result['bpfcheck']}", flush=True)
        for line in result["details"]:
            print(cases.indent(line))
        if args.verbose and result["log"] and result["status"] == "PASS":
            print(cases.indent(result["log"], "        | "))

    disagreements = [(c, r) for c, r in zip(found, results) if r["status"] in ("FAIL", "XFAIL") and r["kernel"] != "-"]
    if disagreements:
        width = max(len(c.name) for c, _ in disagreements)
        print()
        print("Disagreements (the case's kernel: line, the kernel's verdict, bpfcheck's verdict):")
        print(f"  {'case':<{width}}  {'kernel:':<7}  {'kernel':<10}  {'bpfcheck':<8}  {'status':<6}  why")
        for case, result in disagreements:
            note = (case.kernel_differs and f"kernel-differs: {case.kernel_differs}" or
                    case.xfail and f"xfail: {case.xfail}" or result["details"][0])
            note = note if len(note) <= 90 or args.verbose else note[:87] + "..."
            print(f"  {case.name:<{width}}  {case.kernel:<7}  {result['kernel']:<10}  {result['bpfcheck']:<8}  "
                  f"{result['status']:<6}  {note}")
        for case, result in disagreements:
            if result["log"] and (result["status"] == "FAIL" or args.verbose):
                print(f"\n  {case.name} ({result['status']}): the kernel's log tail")
                print(cases.indent(result["log"], "    | "))
        if not args.verbose:
            print("\n  (log tails of FAIL rows only; -v shows all)")
    failed = counts["FAIL"] + counts["ERROR"]
    print(f"{len(found)} cases, objects in {args.work}: {counts['PASS']} PASS, {counts['FAIL']} FAIL, "
          f"{counts['XFAIL']} XFAIL, {counts['ERROR']} ERROR (header or compile), {counts['SKIP']} SKIP "
          f"(a file or kernel feature this machine lacks)")
    print(f"{counts['PASS']} passed, {failed} failed, {counts['XFAIL']} xfailed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
