#!/usr/bin/env python3
"""Compiles the C cases under test-data/cases with GCC (Debian's gcc-bpf:
`bpf-gcc -O2 -gbtf`) and checks, for each object GCC produces, that
bpfcheck's verdict equals the running kernel's verdict on that object.
With --without-btf-ext, the objects are clang's (compiled as data.cases
compiles them) with .BTF.ext removed instead: BTF that the kernel takes,
but no func info.

The cases' `expect:` and `kernel:` lines describe the clang-19 object, not
this one: GCC lays out code differently, and its objects carry other BTF
(GCC 12 writes a `signed char` the kernel refuses, so libbpf loads the
object without BTF: no map has BTF types, no program has func info; and
it declares kfuncs with a linkage libbpf refuses). What is compared is the
two verdicts on the same object: bpfcheck fail (or error) <=> the kernel
rejects; when the kernel's verifier never ran (load_error: libbpf refused
the object), only bpfcheck's `error` agrees. Programs, --type and args come
from the case's header, as in kernel_compare.py, whose loader
(kernel_verdict) and runner code this reuses.

Per case: PASS (the verdicts agree), FAIL (they differ and the case is not
in the known-disagreement list, or it is listed and they now agree: remove
it), KNOWN (listed, still differs), DIFFERS (not listed, but the case's own
`kernel-differs:` or `xfail:` says why bpfcheck and the kernel differ, e.g. a
target kernel given with --kernel), NOGCC (GCC cannot compile the case; the
first error is shown and the cases are counted), SKIP (a `requires:` this
machine lacks) or ERROR (a header error: data.cases reports it; skipped).

Where bpf() is not permitted the kernel part is skipped with a message:
bpfcheck must still give a verdict (pass or fail, no analysis error it
does not give on the clang object) on every GCC object, and the exit
status is 77 when that holds. Where bpf-gcc is missing: 77 with a message.

Known disagreements: tests/data/gcc_known_differences.txt (with
--without-btf-ext: tests/data/no_btf_ext_known_differences.txt), one
`CASE  REASON` per line (`#` comments).

Exit status: 0 when nothing failed, 1 otherwise, 77 when skipped, 2 on bad
usage. The last line is `N passed, M failed, K known`.

  tests/data/gcc_compare.py --bpfcheck build/bpfcheck --kernel-verdict build/tests/data/kernel_verdict
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

sys.dont_write_bytecode = True
import cases  # noqa: E402  (tests/data/cases.py)
import kernel_compare  # noqa: E402  (tests/data/kernel_compare.py: run_kernel, log_tail)

SKIP = kernel_compare.SKIP
BPFCHECK_PROBES_ITSELF = ("private_stack",)
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_KNOWN = {"gcc": os.path.join(HERE, "gcc_known_differences.txt"),
                 "without-btf-ext": os.path.join(HERE, "no_btf_ext_known_differences.txt")}
# bpf-gcc has no sysroot: the kernel's UAPI headers come from the host's
# include directories, searched after GCC's own (stdint.h, stddef.h).
GCC_FLAGS = ["-O2", "-gbtf", "-I/usr/include/x86_64-linux-gnu", "-idirafter", "/usr/include"]


def read_known(path):
    """{case name: reason}, or raises ValueError naming the bad line."""
    known = {}
    with open(path, encoding="utf-8") as source:
        for number, line in enumerate(source, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, _, reason = line.partition(" ")
            if not reason.strip():
                raise ValueError(f"{path}:{number}: '{name}' has no reason")
            if name in known:
                raise ValueError(f"{path}:{number}: '{name}' is listed twice")
            known[name] = reason.strip()
    return known


def compile_with_gcc(case, args):
    """(object path, None) or (None, GCC's first error line, full output)."""
    output = os.path.join(args.work, case.name + ".o")
    os.makedirs(os.path.dirname(output), exist_ok=True)
    command = [args.bpf_gcc] + GCC_FLAGS + ["-c", case.path, "-o", output]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=cases.CHECK_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as error:
        return None, str(error)
    if done.returncode != 0:
        lines = (done.stdout + done.stderr).splitlines()
        first = next((line for line in lines if "error" in line.lower()), lines[0] if lines else "?")
        return None, first.replace(case.path, case.name)
    return output, None


def compile_without_btf_ext(case, args):
    """clang's object (cases.compile_case) without its .BTF.ext section."""
    obj, error = cases.compile_case(case, args)
    if obj is None:
        return None, error
    command = [args.llvm_objcopy, "--remove-section", ".BTF.ext", obj]
    done = subprocess.run(command, capture_output=True, text=True, timeout=cases.CHECK_TIMEOUT)
    if done.returncode != 0:
        return None, f"{' '.join(command)}: {done.stderr.strip()}"
    return obj, None


def check_case(case, args):
    """A dict: status, bpfcheck, kernel, detail, log."""
    result = {"status": "PASS", "bpfcheck": "-", "kernel": "-", "detail": "", "log": ""}
    skip = cases.missing_requirement(case)
    if skip:
        result.update(status="SKIP", detail=skip)
        return result
    if case.errors:
        result.update(status="ERROR", detail="header errors (run data.cases): " + "; ".join(case.errors))
        return result
    obj, error = compile_without_btf_ext(case, args) if args.without_btf_ext else compile_with_gcc(case, args)
    if obj is None:
        result.update(status="NOGCC", detail=error)
        return result
    run = cases.run_bpfcheck(case, args, obj)
    result["bpfcheck"] = run.verdict
    if run.verdict == "error":
        reason = run.error or "; ".join(p.get("error", "") for p in run.programs if p.get("verdict") == "error")
        result["detail"] = f"bpfcheck could not decide: {reason or run.stderr.strip()}"
    if not args.kernel:
        if run.verdict == "error":
            result["status"] = "FAIL"
        return result
    # A feature the kernel needs to load the case at all (an arena) and
    # lacks leaves nothing to compare; bpfcheck probes the private stack
    # itself (--private-stack running), so those cases are still compared.
    absent = cases.missing_kernel_feature(case, args.features, ignored=BPFCHECK_PROBES_ITSELF)
    if absent:
        result.update(status="SKIP", detail=absent)
        return result
    kernel, programs, error = kernel_compare.run_kernel(case, args, obj)
    result["kernel"], result["log"] = kernel, kernel_compare.log_tail(programs)
    if kernel == "skip":
        result.update(status="SKIP", detail=error)
        return result
    if kernel in ("accept", "reject"):
        agree = (run.verdict in ("fail", "error")) == (kernel == "reject")
    else:  # the verifier never ran: only an object bpfcheck refuses too agrees
        agree = kernel == "load_error" and (run.verdict == "error" or
                                            (case.kernel == "load-error" and run.verdict == "fail"))
    listed = case.name in args.known
    if agree and not listed:
        return result
    compared = kernel in ("accept", "reject") or (kernel == "load_error" and case.kernel == "load-error")
    if not agree and not listed and (case.kernel_differs or case.xfail) and compared:
        # The case says why bpfcheck and the kernel differ (a target kernel
        # given with --kernel, a kernel imprecision, a known bpfcheck one).
        result.update(status="DIFFERS", detail=(f"kernel-differs: {case.kernel_differs}" if case.kernel_differs
                                                else f"xfail: {case.xfail}"))
        return result
    if agree:
        result.update(status="FAIL", detail=f"bpfcheck and the kernel agree now ({run.verdict} / {kernel}): "
                                            f"remove it from {os.path.basename(args.known_file)}")
    elif listed:
        result.update(status="KNOWN", detail=args.known[case.name])
    else:
        why = result["detail"] or (error if kernel in ("error", "load_error") and error else "")
        result.update(status="FAIL", detail=f"bpfcheck says {run.verdict}, the kernel says {kernel}"
                                            + (f": {why}" if why else "") +
                                            f" (fix it, or list it with a reason in "
                                            f"{os.path.basename(args.known_file)})")
    return result


def probe_kernel(args):
    """True when bpf() may be used; False (with a message printed) when not."""
    permitted, reason = kernel_compare.probe_bpf(args.kernel_verdict)
    if not permitted:
        print(f"SKIP (kernel part): {reason}; only bpfcheck's side is checked (a verdict on every GCC object)")
    return permitted


def report(found, results, args, seconds):
    counts = {s: 0 for s in ("PASS", "FAIL", "KNOWN", "DIFFERS", "NOGCC", "SKIP", "ERROR")}
    for case, result in zip(found, results):
        counts[result["status"]] += 1
        if result["status"] == "PASS" and not args.verbose:
            continue
        print(f"{result['status']:<6} {case.name}  bpfcheck {result['bpfcheck']}, kernel {result['kernel']}", flush=True)
        if result["detail"]:
            print(cases.indent(result["detail"]))
        if result["log"] and (result["status"] == "FAIL" or args.verbose):
            print(cases.indent(result["log"], "        | "))
    reasons = {}
    for result in results:
        if result["status"] == "NOGCC":
            reason = result["detail"].split(": error: ", 1)[-1] if ": error: " in result["detail"] else result["detail"]
            reason = re.sub(r"^\S+\.s:\d+: Error: ", "assembler (gas): ", reason)  # a temporary file's name
            reasons[reason] = reasons.get(reason, 0) + 1
    if reasons:
        print("cannot compile:")
        for reason, count in sorted(reasons.items(), key=lambda item: -item[1]):
            print(f"  {count:3}  {reason}")
    stale = sorted(set(args.known) - {c.name for c in found}) if not args.filter else []
    stale += [c.name for c, r in zip(found, results) if r["status"] == "NOGCC" and c.name in args.known]
    for name in stale:
        print(f"FAIL   {name}: listed in {os.path.basename(args.known_file)}, but there is no such case "
              f"or GCC cannot compile it: remove its line")
    compiled = len(found) - counts["NOGCC"] - counts["ERROR"] - counts["SKIP"]
    compiler = "clang (then without .BTF.ext)" if args.without_btf_ext else "GCC"
    print(f"{len(found)} C cases, objects in {args.work}, {seconds:.1f} s: {compiler} compiles {compiled + counts['SKIP']}, "
          f"cannot compile {counts['NOGCC']}; of {compiled} checked: "
          + (f"{counts['PASS']} agree with the kernel" if args.kernel else
             f"{counts['PASS']} get a verdict from bpfcheck (no kernel to compare with)")
          + f", {counts['KNOWN']} known disagreements (listed), {counts['DIFFERS']} differ as their case says "
          f"(kernel-differs/xfail), {counts['FAIL']} failed; "
          f"{counts['SKIP']} skipped, {counts['ERROR']} with header errors")
    failed = counts["FAIL"] + len(stale)
    print(f"{counts['PASS']} passed, {failed} failed, {counts['KNOWN']} known")
    return failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    cases.add_tool_arguments(parser)
    parser.add_argument("--kernel-verdict", help="the kernel_verdict loader (default: next to bpfcheck)")
    parser.add_argument("--bpf-gcc", help="GCC for BPF (default: bpf-gcc on PATH)")
    parser.add_argument("--without-btf-ext", action="store_true",
                        help="compare clang's objects with .BTF.ext removed instead of GCC's")
    parser.add_argument("--llvm-objcopy", help="llvm-objcopy-19 (--without-btf-ext; default: PATH)")
    parser.add_argument("--known", dest="known_file",
                        help="known disagreements (default: %s)" % ", ".join(DEFAULT_KNOWN.values()))
    args = parser.parse_args()
    args.known_file = args.known_file or DEFAULT_KNOWN["without-btf-ext" if args.without_btf_ext else "gcc"]
    if args.without_btf_ext:
        args.llvm_objcopy = cases.find_tool(args.llvm_objcopy, ["llvm-objcopy-19"])
        if not args.llvm_objcopy:
            print("SKIP: llvm-objcopy-19 not found: it removes .BTF.ext")
            return SKIP
    else:
        args.bpf_gcc = args.bpf_gcc or shutil.which("bpf-gcc")
        if not args.bpf_gcc or not os.access(args.bpf_gcc, os.X_OK):
            print("SKIP: bpf-gcc not found (Debian package gcc-bpf): the GCC comparison needs it")
            return SKIP
    problem = cases.resolve_tools(args, "gcc_compare")
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if not args.kernel_verdict:
        args.kernel_verdict = os.path.join(os.path.dirname(args.bpfcheck), "tests", "data", "kernel_verdict")
    if not os.access(args.kernel_verdict, os.X_OK):
        print(f"gcc_compare: no kernel_verdict at {args.kernel_verdict} (--kernel-verdict)", file=sys.stderr)
        return 2
    # Where bpfcheck's model depends on how the running kernel was built (its
    # private stacks), bpfcheck probes it, as in kernel_compare.py: the
    # comparison is with this kernel, not with the case's `kernel:` line.
    args.private_stack = "running"
    try:
        args.known = read_known(args.known_file)
        args.kernel = probe_kernel(args)
        args.features = cases.running_kernel_features(args) if args.kernel else {}
    except (OSError, ValueError, RuntimeError) as error:
        print(f"gcc_compare: {error}", file=sys.stderr)
        return 2

    found = [c for c in cases.find_cases(args.cases, args.filter) if c.language == "c"]
    if not found:
        print(f"gcc_compare: no C cases under {args.cases}" + (f" matching '{args.filter}'" if args.filter else ""))
        return SKIP
    start = time.monotonic()
    results = cases.run_parallel(lambda case: check_case(case, args), found, args.jobs)
    skipped = [r for r in results if r["status"] == "SKIP" and r["kernel"] == "skip"]
    if skipped:
        print(f"SKIP (kernel part): {skipped[0]['detail']}")
    failed = report(found, results, args, time.monotonic() - start)
    if failed:
        return 1
    return 0 if args.kernel and not skipped else SKIP


if __name__ == "__main__":
    sys.exit(main())
