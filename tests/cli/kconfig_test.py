#!/usr/bin/env python3
"""cli.kconfig: --kconfig decides a program's CONFIG_ externs as libbpf
fills them (analyzer/platform/kernel_config.hpp).

Compiles an XDP program whose branch on a weak CONFIG_ extern calls a helper
no kernel has, and checks bpfcheck's verdict under configurations written
here (independent of the machine's own): the extern unset (libbpf fills 0:
the branch is dead, pass), set to y (the branch is walked: helper.unknown),
the same configuration gzip-compressed (as /proc/config.gz), `none` and a
--kernel target without --kconfig (unknown: the branch is walked), and a
file that cannot be read (exit 2, saying so).
"""

import argparse
import gzip
import json
import subprocess
import sys
from pathlib import Path

PROGRAM = r"""
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
extern unsigned long CONFIG_BPFCHECK_TEST_OPTION __attribute__((section(".kconfig"), weak));
static long (*no_such_helper)(void *ctx, int arg) = (void *)999;
SEC("xdp")
int guarded(struct xdp_md *ctx)
{
    if (CONFIG_BPFCHECK_TEST_OPTION)
        return no_such_helper(ctx, 1);
    return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
"""


def check(bpfcheck, obj, *options):
    result = subprocess.run([bpfcheck, "check", "--format", "json", *options, str(obj)], capture_output=True,
                            text=True, timeout=60)
    if result.returncode == 2:
        return 2, [], result.stderr
    report = json.loads(result.stdout)
    ids = [d["id"] for p in report["programs"] for d in p["diagnostics"] if d["severity"] == "error"]
    return result.returncode, ids, result.stderr


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bpfcheck", required=True)
    parser.add_argument("--clang", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    source = work / "guarded.c"
    source.write_text(PROGRAM)
    obj = work / "guarded.o"
    subprocess.run([args.clang, "-O2", "-g", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu", "-c", str(source),
                    "-o", str(obj)], check=True)
    unset = work / "unset.config"
    unset.write_text("# a configuration without the option\nCONFIG_BPF_SYSCALL=y\n# CONFIG_BPFCHECK_TEST_OPTION is not set\n")
    enabled = work / "enabled.config"
    enabled.write_text("CONFIG_BPF_SYSCALL=y\nCONFIG_BPFCHECK_TEST_OPTION=y\n")
    compressed = work / "enabled.config.gz"
    compressed.write_bytes(gzip.compress(enabled.read_bytes()))

    failures = []
    expectations = [
        ("unset", ["--kconfig", str(unset)], 0, []),
        ("set to y", ["--kconfig", str(enabled)], 1, ["helper.unknown"]),
        ("set to y, gzip", ["--kconfig", str(compressed)], 1, ["helper.unknown"]),
        ("none", ["--kconfig", "none"], 1, ["helper.unknown"]),
        ("--kernel 6.1, no --kconfig", ["--kernel", "6.1"], 1, ["helper.unknown"]),
    ]
    for name, options, want_code, want_ids in expectations:
        code, ids, stderr = check(args.bpfcheck, obj, *options)
        status = "ok" if (code, ids) == (want_code, want_ids) else "FAIL"
        print(f"{status:4} {name}: exit {code}, errors {ids} (want exit {want_code}, {want_ids})")
        if status != "ok":
            failures.append(name)
            print(stderr)
    code, _, stderr = check(args.bpfcheck, obj, "--kconfig", str(work / "missing.config"))
    status = "ok" if code == 2 and "--kconfig" in stderr else "FAIL"
    print(f"{status:4} unreadable file: exit {code}: {stderr.strip()}")
    if status != "ok":
        failures.append("unreadable file")
    if failures:
        print(f"{len(failures)} failed: {', '.join(failures)}")
        return 1
    print("all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
