#!/usr/bin/env python3
"""cli.batch: `check` over a directory tree. BPF ELF files are picked by
their header (an EM_BPF object with any name, an EM_NONE one from an old
toolchain), not host objects or files merely named *.bpf.o; results are
the same, in the same order, whatever -j; the summary line counts programs,
passed, failed and errors; exit 0 / 1 / 2; a progress bar only when stderr
is a terminal."""

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ci_fixtures import PASS, Checker, compile_c, failing, run  # noqa: E402


def without_times(document):
    for obj in document if isinstance(document, list) else [document]:
        for program in obj["programs"]:
            program.pop("time_ms", None)
    return document


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bpfcheck", required=True)
    parser.add_argument("--clang", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    work = Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    tree = work / "tree"
    check = Checker()

    passing = compile_c(args.clang, PASS, tree / "a" / "pass.bpf.o")
    compile_c(args.clang, failing(), tree / "b" / "c" / "fail.bpf.o")
    shutil.copy(passing, tree / "b" / "renamed.bin")  # picked by its header
    em_none = bytearray(passing.read_bytes())
    em_none[18:20] = b"\0\0"  # e_machine EM_NONE, as old toolchains wrote
    (tree / "b" / "old_toolchain.o").write_bytes(bytes(em_none))
    (tree / "host.c").write_text("int f(void) { return 1; }\n")
    subprocess.run([args.clang, "-c", str(tree / "host.c"), "-o", str(tree / "host.o")], check=True)
    (tree / "fake.bpf.o").write_text("not an ELF file\n")
    (tree / "notes.txt").write_text("nothing\n")

    outputs = {}
    for jobs in ("1", "3"):
        done = run([args.bpfcheck, "check", tree, "--format", "json", "-j", jobs])
        check.expect(done.returncode == 1, f"-j {jobs}: exit 1 (one program fails), got {done.returncode}")
        outputs[jobs] = without_times(json.loads(done.stdout))
        check.expect("\r" not in done.stderr, "no progress bar when stderr is not a terminal")
        check.expect(re.search(r"4 program\(s\) in 4 object\(s\): 3 passed, 1 failed, 0 error\(s\)", done.stderr),
                     f"summary on stderr for json: {done.stderr}")
    check.expect(outputs["1"] == outputs["3"], "the same output with -j 1 and -j 3")
    found = [str(Path(o["object"]).relative_to(tree)) for o in outputs["1"]]
    check.expect(found == sorted(found), f"in path order: {found}")
    check.expect(set(found) == {"a/pass.bpf.o", "b/c/fail.bpf.o", "b/old_toolchain.o", "b/renamed.bin"},
                 f"picked by header: {found}")

    # Several programs per object and several objects, -j 1 vs -j 2, text.
    text = {j: run([args.bpfcheck, "check", tree / "a", tree / "b", passing, "-j", j]) for j in ("1", "2")}
    strip = lambda s: re.sub(r"in [0-9.]+ (ms|s)", "in T", s)  # noqa: E731
    check.expect(strip(text["1"].stdout) == strip(text["2"].stdout), "text output independent of -j")
    check.expect(re.search(r"^bpfcheck: 5 program\(s\) in 5 object\(s\): 4 passed, 1 failed, 0 error\(s\) in "
                           r"[0-9.]+ s$", text["1"].stdout, re.M), f"summary on stdout: {text['1'].stdout[-200:]}")

    # Exit codes.
    check.expect(run([args.bpfcheck, "check", tree / "a"]).returncode == 0, "all pass: exit 0")
    missing = run([args.bpfcheck, "check", tree / "a", work / "missing.o"])
    check.expect(missing.returncode == 2, f"a missing object: exit 2, got {missing.returncode}")
    (work / "empty").mkdir()
    empty = run([args.bpfcheck, "check", work / "empty"])
    check.expect(empty.returncode == 2 and "no BPF ELF object" in empty.stderr, f"empty directory: {empty.stderr}")
    fake = run([args.bpfcheck, "check", tree / "fake.bpf.o"])
    check.expect(fake.returncode == 2, "a named file that is not an object: exit 2")

    # Progress bar on a terminal (util-linux `script` gives one).
    script = shutil.which("script")
    if script:
        done = subprocess.run([script, "-qec", f"{args.bpfcheck} check {tree} -j 2 >/dev/null", "/dev/null"],
                              capture_output=True)
        check.expect(b"\r" in done.stdout and re.search(rb"\[#+\.*\] \d+/4", done.stdout),
                     f"a progress bar on a terminal: {done.stdout[-300:]!r}")
    else:
        print("skip the terminal progress bar: util-linux `script` is missing")
    check.finish("cli.batch")


if __name__ == "__main__":
    main()
