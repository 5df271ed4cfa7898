#!/usr/bin/env python3
"""`bpfcheck explain` as a command: a log from a file and from standard input,
the JSON's keys, exit codes (1 a rejection explained, 2 no log or no
verifier log), and --no-kernel on an object: bpfcheck's own first error,
saying that no kernel was asked. Needs no kernel."""

import argparse
import json
import os
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LOGS = os.path.join(REPO, "test-data", "explain", "logs")
ERROR_KEYS = {"id", "message", "kernel_message", "insn", "file", "line", "category", "explanation", "hint"}
EVIDENCE_KEYS = {"insn", "file", "line", "text", "why"}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bpfcheck", default=os.path.join(REPO, "build", "bpfcheck"))
    parser.add_argument("--clang", default=shutil.which("clang-19"))
    parser.add_argument("--work", default="/tmp/bpfcheck-explain-cli")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    failures = []

    def run(arguments, stdin=None):
        return subprocess.run([args.bpfcheck, "explain", *arguments], input=stdin, capture_output=True, text=True)

    def expect(name, condition, detail=""):
        print(("ok: " if condition else "FAIL: ") + name + ("" if condition else f" ({detail})"))
        if not condition:
            failures.append(name)

    log = os.path.join(LOGS, "libbpf-1.x-wrapper.txt")
    done = run([log, "--format", "json"])
    expect("a rejection explained exits 1", done.returncode == 1, done.returncode)
    data = json.loads(done.stdout)
    expect("JSON error keys", set(data["error"]) == ERROR_KEYS, sorted(data["error"]))
    expect("JSON evidence keys", data["evidence"] and all(set(e) == EVIDENCE_KEYS for e in data["evidence"]),
           data["evidence"][:1])
    expect("JSON has bpfcheck", isinstance(data.get("bpfcheck"), dict))
    expect("line from the log's own source lines", data["error"]["line"] == 14 and data["error"]["file"] == "xdp.c",
           data["error"])
    with open(log) as f:
        piped = run(["-", "--format", "json"], f.read())
    expect("standard input", piped.returncode == 1 and json.loads(piped.stdout)["error"] == data["error"],
           piped.stderr)
    text = run([log])
    expect("text: compiler-style first line", text.stdout.startswith("xdp.c:14: error: "), text.stdout[:80])
    refused = run([os.path.join(LOGS, "not-a-log.txt")])
    expect("text that is no log exits 2", refused.returncode == 2 and "not a verifier log" in refused.stderr,
           refused.stderr)
    expect("no log and no object exits 2", run([]).returncode == 2)
    expect("a missing file exits 2", run([os.path.join(args.work, "missing.log")]).returncode == 2)
    catalog = run(["--catalog", "--format", "json"])
    expect("--catalog lists at least 80 entries", len(catalog.stdout.splitlines()) >= 80)

    if args.clang:
        source = os.path.join(REPO, "test-data", "cases", "null", "hash_lookup_unchecked.c")
        obj = os.path.join(args.work, "hash_lookup_unchecked.o")
        subprocess.run([args.clang, "-O2", "-g", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu", "-c", source,
                        "-o", obj], check=True)
        own = run(["--object", obj, "--no-kernel", "--format", "json"])
        data = json.loads(own.stdout)
        expect("--no-kernel: bpfcheck's own error", own.returncode == 1 and data["error"]["id"] == "null.deref" and
               data["error"]["line"] == 25 and not data["bpfcheck"]["kernel_asked"], own.stdout[:300])
        expect("--no-kernel: says no kernel was asked", any("no kernel was asked" in n for n in data["notes"]))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
