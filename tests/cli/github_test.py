#!/usr/bin/env python3
"""cli.github: `check --format github` prints GitHub Actions workflow
commands: `::error file=F,line=L,col=C,title=ID::MESSAGE` with the runner's
escapes (%0A for newlines in the message; %2C and %3A in property values),
paths relative to --source-root, at most 10 annotations per level (a step
shows no more), the rest in a folded group, then the summary line."""

import argparse
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ci_fixtures import HEADER, LICENSE, Checker, compile_c, failing, run  # noqa: E402


def many_failing(count):
    body = ""
    for i in range(count):
        body += (f'SEC("xdp")\nint prog_{i:02d}(struct xdp_md *ctx)\n{{\n'
                 f"    unsigned char *data = (void *)(long)ctx->data;\n"
                 f"    return data[{i + 1}] == 6 ? XDP_DROP : XDP_PASS;\n}}\n\n")
    return HEADER + body + LICENSE


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bpfcheck", required=True)
    parser.add_argument("--clang", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    work = Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    check = Checker()

    odd = compile_c(args.clang, failing(), work / "src" / "we,ird:name.bpf.o")
    done = run([args.bpfcheck, "check", odd, "--format", "github", "--source-root", work])
    lines = done.stdout.splitlines()
    check.expect(done.returncode == 1, f"exit 1: {done.returncode}")
    check.expect(lines and lines[0].startswith("::error file=src/we%2Cird%3Aname.bpf.c,line="),
                 f"property escapes and a relative path: {lines[:1]}")
    check.expect(",title=packet.bounds::read_unchecked: " in lines[0], f"title and message: {lines[:1]}")
    check.expect("%0Ahint: " in lines[0] and "\n" not in lines[0], "newlines escaped as %0A")
    check.expect(re.match(r"bpfcheck: 1 program\(s\) in 1 object\(s\): 0 passed, 1 failed, 0 error\(s\) in ",
                          lines[-1]) is not None, f"summary line: {lines[-1:]}")

    many = compile_c(args.clang, many_failing(13), work / "src" / "many.bpf.o")
    done = run([args.bpfcheck, "check", many, "--format", "github", "--source-root", work])
    lines = done.stdout.splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    check.expect(len(errors) == 10, f"10 error annotations, got {len(errors)}")
    check.expect("::group::3 more finding(s) (a step shows 10 annotations per level)" in lines,
                 f"the rest in a group: {lines[10:12]}")
    rest = lines[lines.index("::endgroup::") - 3:lines.index("::endgroup::")] if "::endgroup::" in lines else []
    check.expect(len(rest) == 3 and all(r.startswith("src/many.bpf.c:") and "[packet.bounds]" in r for r in rest),
                 f"the rest as plain lines: {rest}")
    check.expect(lines[-1].startswith("bpfcheck: 13 program(s) in 1 object(s): 0 passed, 13 failed"),
                 f"summary: {lines[-1:]}")
    # Severity from the config: warnings get their own 10.
    (work / "src" / ".bpfcheck.yaml").write_text("severity:\n  packet.bounds: warning\n")
    done = run([args.bpfcheck, "check", many, "--format", "github", "--source-root", work])
    warnings = [line for line in done.stdout.splitlines() if line.startswith("::warning ")]
    check.expect(len(warnings) == 10 and done.returncode == 0, f"10 warnings, exit 0: {len(warnings)} "
                 f"{done.returncode}")
    check.finish("cli.github")


if __name__ == "__main__":
    main()
