#!/usr/bin/env python3
"""cli.kallsyms: kernel variables the running kernel's symbol table lacks.

A program that loads the address of a kernel variable (a typed ksym) is
refused by the kernel, before it verifies anything, when the kernel's symbol
table does not list the variable (check_pseudo_btf_id: "ldimm64 failed to
find the address for kernel symbol"): kernels built without
CONFIG_KALLSYMS_ALL list functions, not per-CPU data. For the running kernel
bpfcheck reads /proc/kallsyms and reports `ksym.unavailable`.

The first program below reads the per-CPU variable bpf_prog_active; the
second only takes the address of a __weak variable no kernel has. Whichever way
this machine's build decides, bpfcheck's verdict for the running kernel must
follow /proc/kallsyms, and, where bpf() is permitted, the kernel's own
verdict (tests/tools/kernel_verdict); for a --kernel target nothing is asked
and the load is not reported. Skipped (77) without the kernel's BTF or a
readable /proc/kallsyms.
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "data"))
import cases  # noqa: E402  (tests/data/cases.py)

VARIABLE = "bpf_prog_active"

SOURCE = f"""#include <linux/bpf.h>
extern const int {VARIABLE} __attribute__((section(".ksyms")));
static void *(*bpf_this_cpu_ptr)(const void *percpu_ptr) = (void *)154;
__attribute__((section("raw_tp/sys_enter"), used)) int read_active(void *ctx)
{{
    const int *active = bpf_this_cpu_ptr(&{VARIABLE});
    return *active > 1;
}}
/* A __weak variable no kernel has: libbpf relocates its address to 0 and
 * the kernel never looks it up, whatever the symbol table lists. */
extern const int bpfcheck_no_such_variable __attribute__((section(".ksyms"), weak));
__attribute__((section("raw_tp/sys_exit"), used)) int read_missing(void *ctx)
{{
    return &bpfcheck_no_such_variable != 0;
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
    names = cases.kallsyms_names()
    if not os.path.exists("/sys/kernel/btf/vmlinux") or not names:
        print("SKIP: needs the kernel's BTF (/sys/kernel/btf/vmlinux) and a readable /proc/kallsyms")
        return 77
    listed = VARIABLE in names
    print(f"/proc/kallsyms {'lists' if listed else 'does not list'} {VARIABLE}")
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    source = work / "read_active.c"
    source.write_text(SOURCE)
    obj = work / "read_active.o"
    subprocess.run([args.clang, "-O2", "-g", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu", "-c", str(source),
                    "-o", str(obj)], check=True)
    failures = []
    running = subprocess.run([args.bpfcheck, "check", str(obj)], capture_output=True, text=True)
    reported = running.stdout.count("[ksym.unavailable]")
    if "bpfcheck_no_such_variable" in running.stdout or "read_missing (raw_tracepoint" not in running.stdout:
        failures.append(f"the __weak variable no kernel has is reported\n{running.stdout}")
    want_code, want_reported = (0, 0) if listed else (1, 1)
    ok = running.returncode == want_code and reported == want_reported
    print(f"{'ok  ' if ok else 'FAIL'} running kernel: exit {running.returncode}, {reported} ksym.unavailable "
          f"(want exit {want_code}, {want_reported})")
    if not ok:
        failures.append(f"running kernel\n{running.stdout}{running.stderr}")
    versioned = subprocess.run([args.bpfcheck, "check", str(obj), "--kernel", "6.12"], capture_output=True, text=True)
    ok = "ksym.unavailable" not in versioned.stdout
    print(f"{'ok  ' if ok else 'FAIL'} --kernel 6.12: exit {versioned.returncode}, no symbol table asked")
    if not ok:
        failures.append(f"--kernel 6.12\n{versioned.stdout}")
    probe = subprocess.run([args.kernel_verdict, "--probe"], capture_output=True, text=True)
    if probe.returncode != 0:
        print(f"the running kernel cannot be asked (bpf() refused): {probe.stdout.strip()} {probe.stderr.strip()}")
    else:
        kernel = subprocess.run([args.kernel_verdict, str(obj)], capture_output=True, text=True)
        verdict = {0: "accept", 1: "reject"}.get(kernel.returncode)
        said = "failed to find the address" in kernel.stdout
        ok = verdict == ("accept" if listed else "reject") and said == (not listed)
        print(f"{'ok  ' if ok else 'FAIL'} the running kernel: {verdict or kernel.returncode}"
              f"{' (no address for ' + VARIABLE + ')' if said else ''}")
        if not ok:
            failures.append(f"kernel verdict {verdict}: {kernel.stdout}{kernel.stderr}")
    for failure in failures:
        print("FAIL: " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
