#!/usr/bin/env python3
"""cli.helper_probe: helpers the running kernel's build leaves out.

Whether a kprobe program may call bpf_override_return depends on
CONFIG_BPF_KPROBE_OVERRIDE, and bpf_probe_write_user on the lockdown mode:
the kernel's version does not tell. For the running kernel (no --kernel)
bpfcheck asks it (a program of the type calling the helper) and reports
`helper.not_for_type` where the helper is missing. The oracle is the running
kernel itself: on each program below, bpfcheck's verdict for the running
kernel must be the kernel's (tests/tools/kernel_verdict), whichever way this
machine's build decides; with --kernel (no probing) the helper is taken as
its version has it. Skipped (77) where bpf() is not permitted.
"""

import argparse
import subprocess
import sys
from pathlib import Path

PROGRAMS = {
    "override_return": ("kprobe/do_nanosleep", "static long (*bpf_override_return)(void *regs, __u64 rc) = (void *)58;",
                        "bpf_override_return(ctx, 0);"),
    "probe_write_user": ("kprobe/do_nanosleep",
                         "static long (*bpf_probe_write_user)(void *dst, const void *src, __u32 len) = (void *)36;",
                         "bpf_probe_write_user((void *)0x1000, &value, sizeof(value));"),
}

SOURCE = """#include <linux/bpf.h>
{declaration}
__attribute__((section("{section}"), used)) int probe(void *ctx)
{{
    __u64 value = 1;
    {call}
    return (int)value;
}}
char _license[] __attribute__((section("license"), used)) = "GPL";
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bpfcheck", required=True)
    parser.add_argument("--kernel-verdict", required=True)
    parser.add_argument("--clang", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    probe = subprocess.run([args.kernel_verdict, "--probe"], capture_output=True, text=True)
    if probe.returncode != 0:
        print(f"SKIP: the running kernel cannot be asked: {probe.stdout.strip()} {probe.stderr.strip()}")
        return 77
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    failures = []
    for name, (section, declaration, call) in PROGRAMS.items():
        source = work / f"{name}.c"
        source.write_text(SOURCE.format(declaration=declaration, section=section, call=call))
        obj = work / f"{name}.o"
        subprocess.run([args.clang, "-O2", "-g", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu", "-c",
                        str(source), "-o", str(obj)], check=True)
        kernel = subprocess.run([args.kernel_verdict, str(obj)], capture_output=True, text=True)
        kernel_verdict = "accept" if kernel.returncode == 0 else "reject" if kernel.returncode == 1 else None
        if kernel_verdict is None:
            failures.append(f"{name}: kernel_verdict exit {kernel.returncode}: {kernel.stderr.strip()}")
            continue
        running = subprocess.run([args.bpfcheck, "check", str(obj)], capture_output=True, text=True)
        verdict = {0: "accept", 1: "reject"}.get(running.returncode, f"exit {running.returncode}")
        said_missing = "helper.not_for_type" in running.stdout
        ok = verdict == kernel_verdict and said_missing == (kernel_verdict == "reject")
        print(f"{'ok  ' if ok else 'FAIL'} {name}: kernel {kernel_verdict}, bpfcheck (running kernel) {verdict}")
        if not ok:
            failures.append(f"{name}: kernel {kernel_verdict}, bpfcheck {verdict}\n{running.stdout}{running.stderr}")
        versioned = subprocess.run([args.bpfcheck, "check", str(obj), "--kernel", "6.12"], capture_output=True,
                                   text=True)
        if versioned.returncode != 0:
            failures.append(f"{name}: --kernel 6.12 (no probing) should pass, exit {versioned.returncode}\n"
                            f"{versioned.stdout}")
    for failure in failures:
        print("FAIL: " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
