#!/usr/bin/env python3
"""Runs bpfcheck on every case under test-data/cases (format: test-data/README.md)
and compares its errors and warnings with the cases' `expect:` lines.

Each case is compiled at test time (C with clang-19, assembly with
llvm-mc-19) into --work, checked with `bpfcheck check OBJ --format json`
(plus --program / --type / args from the header, and --private-stack yes|no
for a case that `requires:` a kernel with or without private stacks: its
expectations hold for that kernel, on any machine), and its reported
(id, line) — or (id, insn) for `@ insn` expectations — compared with the
expectations. Also checks that the verdict bpfcheck reaches agrees with the
`kernel:` line unless `kernel-differs:` says why not (README: "a case's
kernel: line and its expect: lines agree unless kernel-differs: explains why
not").

A case that fails only because bpfcheck, asking the running kernel through
bpf(), finds a helper the case calls left out of its build is SKIP, with the
reason: its expectations are for a kernel that offers the helper.

Per case: PASS, FAIL (with missing / unexpected diagnostics and bpfcheck's
text output), XFAIL (an `xfail:` case that fails: expected), XPASS (an
`xfail:` case that passes: a failure, remove the xfail), or ERROR (a header
that breaks the format, or a case that does not compile: a failure).

Exit status: 0 when nothing failed, 1 otherwise, 77 when no case was found,
2 on bad usage. The last line is `N passed, M failed, K xfailed`.

  tests/data/run_cases.py --bpfcheck build/bpfcheck [--filter packet/] [-j 4] [-v]
"""

import argparse
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import cases  # noqa: E402  (tests/data/cases.py)


def verdict_problem(case, run):
    """The README's rule: bpfcheck fails the program exactly when the kernel
    rejects it, unless kernel-differs says otherwise."""
    if not case.kernel:
        return None
    bpfcheck_rejects = run.verdict == "fail"
    kernel_rejects = case.kernel in ("reject", "load-error")  # load-error: libbpf refuses the object
    if bpfcheck_rejects == kernel_rejects and case.kernel_differs:
        return (f"bpfcheck's verdict ({run.verdict}) agrees with 'kernel: {case.kernel}': "
                f"remove 'kernel-differs:' (or fix the expectations)")
    if bpfcheck_rejects != kernel_rejects and not case.kernel_differs:
        return (f"bpfcheck's verdict is {run.verdict} but the case says 'kernel: {case.kernel}': "
                f"an expect names {'an error' if bpfcheck_rejects else 'no error'}; "
                f"add 'kernel-differs: REASON' or fix the expectations")
    return None


def run_case(case, args):
    """Returns (status, detail lines, verbose output)."""
    skip = cases.missing_requirement(case)
    if skip:
        return "SKIP", [skip], ""
    if case.errors:
        return "ERROR", ["header: " + e for e in case.errors], ""
    obj, error = cases.compile_case(case, args)
    if obj is None:
        return "ERROR", ["does not compile:", cases.indent(error, "    ")], ""
    run = cases.run_bpfcheck(case, args, obj)
    details = []
    if run.report is None:
        details.append(f"bpfcheck gave no report: {run.error}")
        if run.stderr.strip():
            details.append(cases.indent(run.stderr.strip(), "    "))
    else:
        reported = cases.reported_diagnostics(case, run)
        missing, unexpected = cases.compare(case, reported)
        skip = cases.left_out_by_running_kernel(missing, unexpected)
        if skip and not case.xfail:
            return "SKIP", [skip], ""
        if missing:
            details.append("missing:    " + ", ".join(str(e) for e in sorted(missing)))
        if unexpected:
            details.append("unexpected: " + ", ".join(str(r) for r in unexpected))
        for text in cases.unexplained(case, reported):
            details.append(f"no diagnostic's notes or hint contain: {text}")
        if run.verdict == "error":
            errors = "; ".join(p.get("error", "?") for p in run.programs if p.get("verdict") == "error")
            details.append(f"bpfcheck could not finish the analysis: {errors or run.stderr.strip()}")
        elif run.error:
            details.append(run.error)
        if not details:
            problem = verdict_problem(case, run)
            if problem:
                details.append("verdict: " + problem)
    failed = bool(details)
    verbose = cases.text_output(case, args, obj, run) if failed or args.verbose else ""
    if case.xfail:
        if failed:
            return "XFAIL", details, verbose
        return "XPASS", [f"passes: remove the 'xfail: {case.xfail}'"], verbose
    return ("FAIL" if failed else "PASS"), details, verbose


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    cases.add_tool_arguments(parser)
    parser.add_argument("--private-stack", choices=("case", "yes", "no"), default="case",
                        help="the --private-stack bpfcheck is given for the running kernel: what each case's "
                             "'requires:' states (default), or yes / no for every case that does not name its "
                             "target kernel; 'requires: private-stack' cases then fail under no, and their "
                             "'no-private-stack' twins under yes")
    args = parser.parse_args()
    problem = cases.resolve_tools(args, "run_cases")
    if problem:
        print(problem, file=sys.stderr)
        return 2
    found = cases.find_cases(args.cases, args.filter)
    if not found:
        print(f"run_cases: no cases under {args.cases}" + (f" matching '{args.filter}'" if args.filter else ""))
        print("0 passed, 0 failed, 0 xfailed")
        return 77
    results = cases.run_parallel(lambda case: run_case(case, args), found, args.jobs)

    counts = {"PASS": 0, "FAIL": 0, "XFAIL": 0, "XPASS": 0, "ERROR": 0, "SKIP": 0}
    for case, (status, details, output) in zip(found, results):
        counts[status] += 1
        suffix = f"  ({case.xfail})" if status == "XFAIL" else ""
        print(f"{status:<6} {case.name}{suffix}", flush=True)
        for line in details:
            print(cases.indent(line))
        if output and (status == "FAIL" or args.verbose):
            print(cases.indent(output, "        | "))
    failed = counts["FAIL"] + counts["XPASS"] + counts["ERROR"]
    print(f"{len(found)} cases in {args.cases}, objects in {args.work}: "
          f"{counts['PASS']} PASS, {counts['FAIL']} FAIL, {counts['XFAIL']} XFAIL, "
          f"{counts['XPASS']} XPASS, {counts['ERROR']} ERROR (header or compile), {counts['SKIP']} SKIP")
    print(f"{counts['PASS']} passed, {failed} failed, {counts['XFAIL']} xfailed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
