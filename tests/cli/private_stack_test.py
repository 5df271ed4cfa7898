#!/usr/bin/env python3
"""cli.private_stack: where bpfcheck's private-stack feature comes from.

On a kprobe program whose chain of three frames holds 544 bytes (the case
call/stack_chain_kprobe_private_stack_safe.c), bpfcheck must say pass exactly
when the target kernel gives kprobes private stacks:

 - --private-stack yes / no state it (pass / fail), for any target;
 - --kernel X.Y alone takes the release's default (6.6: fail, 6.13: pass);
 - for the running kernel (no --kernel), bpfcheck probes it once per boot
   and caches the answer in $XDG_RUNTIME_DIR/bpfcheck/private-stack-BOOT_ID
   (yes/no): the test points XDG_RUNTIME_DIR at an empty directory, checks
   the verdict agrees with the cached answer, then plants the opposite answer
   and checks bpfcheck follows it (the cache is read, not the probe rerun);
   without bpf() (not root) it checks the note that the version rule stands;
 - an XDP program never probes (no cache file appears).
Whether the probe's answer is the kernel's truth is data.kernel's job.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CHAIN = REPO / "test-data" / "cases" / "call" / "stack_chain_kprobe_private_stack_safe.c"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bpfcheck", required=True)
    parser.add_argument("--clang", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    chain = work / "chain.o"
    subprocess.run([args.clang, "-O2", "-g", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu", "-c", str(CHAIN),
                    "-o", str(chain)], check=True)
    xdp = work / "xdp.o"
    xdp_source = work / "xdp.c"
    xdp_source.write_text('#include <linux/bpf.h>\n__attribute__((section("xdp"), used)) int pass(struct xdp_md *ctx)'
                          ' { return XDP_PASS; }\nchar _license[] __attribute__((section("license"), used)) = "GPL";\n')
    subprocess.run([args.clang, "-O2", "-g", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu", "-c",
                    str(xdp_source), "-o", str(xdp)], check=True)
    failures = []

    def check(obj, extra, runtime):
        env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime))
        done = subprocess.run([args.bpfcheck, "check", str(obj), *extra], capture_output=True, text=True, env=env)
        if done.returncode not in (0, 1):
            failures.append(f"{' '.join(extra)}: exit {done.returncode}: {done.stderr.strip()}")
        return done

    def expect(extra, want_exit, why, runtime):
        done = check(chain, extra, runtime)
        verdict = {0: "pass", 1: "fail"}.get(done.returncode, f"exit {done.returncode}")
        print(f"{'ok  ' if done.returncode == want_exit else 'FAIL'} {' '.join(extra) or '(running kernel)'}: "
              f"{verdict} ({why})")
        if done.returncode != want_exit:
            failures.append(f"{' '.join(extra)}: {verdict}, expected exit {want_exit} ({why})\n{done.stdout}")
        return done

    with tempfile.TemporaryDirectory(dir=work) as runtime:
        runtime = Path(runtime)
        expect(["--private-stack", "yes"], 0, "stated: private stacks", runtime)
        expect(["--private-stack", "no"], 1, "stated: none", runtime)
        expect(["--kernel", "6.6"], 1, "6.6 default: none", runtime)
        expect(["--kernel", "6.13"], 0, "6.13 default: private stacks", runtime)
        expect(["--kernel", "6.13", "--private-stack", "no"], 1, "the statement wins over the release", runtime)
        expect(["--kernel", "6.6", "--private-stack", "yes"], 0, "the statement wins over the release", runtime)
        if any((runtime / "bpfcheck").glob("*")):
            failures.append("an explicit target or statement probed the running kernel (a cache file appeared)")

        check(xdp, [], runtime)
        if any((runtime / "bpfcheck").glob("*")):
            failures.append("checking an XDP program probed the running kernel (a cache file appeared)")

        boot_id = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        cache = runtime / "bpfcheck" / f"private-stack-{boot_id}"
        done = check(chain, [], runtime)
        if cache.exists():
            answer = cache.read_text().strip()
            want = 0 if answer == "yes" else 1
            print(f"{'ok  ' if done.returncode == want else 'FAIL'} probed: the running kernel "
                  f"{'has' if answer == 'yes' else 'has no'} private stacks; bpfcheck says "
                  f"{'pass' if done.returncode == 0 else 'fail'}")
            if answer not in ("yes", "no") or done.returncode != want:
                failures.append(f"cache says {answer!r}, bpfcheck exited {done.returncode}")
            cache.write_text("no\n" if answer == "yes" else "yes\n")
            flipped = expect([], 1 - want, "the planted opposite answer is read from the cache", runtime)
            if "cached for this boot" not in flipped.stdout:
                failures.append("the cached answer is not named in the diagnostics")
        elif "cannot probe the running kernel for private stacks" in done.stderr:
            print(f"ok   no bpf() here: {done.stderr.strip()}")
        else:
            failures.append(f"no cache file and no note: {done.stderr.strip()}")

    for failure in failures:
        print("FAIL:", failure)
    print(f"{'FAILED' if failures else 'passed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
