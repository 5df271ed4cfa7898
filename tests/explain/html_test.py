#!/usr/bin/env python3
"""`bpfcheck explain --format html` in a real browser: headless Chromium
(Debian's `chromium`) loads the page from a file with networking off and
dumps the DOM its script built. The error, its category, the evidence chain,
the failing instruction's row and the source beside the instructions must be
shown; the page must fetch nothing. Pages: a saved libbpf log alone, and,
where bpf() is permitted, a test-data program loaded into the running kernel
and aligned with its object. Exit 77 (skip) without chromium."""

import argparse
import os
import re
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SKIP = 77
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
         "--disable-extensions", "--disable-sync", "--dump-dom"]


def dump_dom(chromium, page, work):
    profile = os.path.join(work, "profile")
    command = [chromium, *FLAGS, f"--user-data-dir={profile}", "file://" + os.path.abspath(page)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90)
    return done.stdout, done.stderr


def check_page(name, html, dom, failures, expect_error, expect_evidence, expect_source):
    problems = []
    if re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html):
        problems.append("the page refers to a network resource")
    heading = re.search(r'<h1 id="error">(.*?)</h1>', dom, re.S)
    if not heading or expect_error not in heading.group(1):
        problems.append(f"no error heading with '{expect_error}'")
    if not re.search(r'<div id="category"><span class="cat">(bug|kernel-limit|environment)</span>', dom):
        problems.append("no category shown")
    items = re.findall(r'<li class="evidence-item">(.*?)</li>', dom, re.S)
    if len(items) < 2 or not any(expect_evidence in item for item in items):
        problems.append(f"evidence: {len(items)} items, none with '{expect_evidence}'")
    if not re.search(r'<tr class="[^"]*\bfail\b[^"]*" data-insn="\d+"', dom):
        problems.append("no highlighted failing instruction")
    if not re.search(r'<tr class="[^"]*\bevidence\b', dom):
        problems.append("no highlighted evidence instruction")
    if expect_source not in dom:
        problems.append(f"source line '{expect_source}' not shown beside the instructions")
    if not re.search(r'<div id="state">insn \d+:', dom):
        problems.append("no register state shown for the failing instruction")
    if problems:
        failures.append(f"{name}: " + "; ".join(problems))
    else:
        print(f"ok: {name}: error, category, {len(items)} evidence items, failing row and source shown")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bpfcheck", default=os.path.join(REPO, "build", "bpfcheck"))
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    parser.add_argument("--clang", default=shutil.which("clang-19"))
    parser.add_argument("--work", default="/tmp/bpfcheck-explain-html")
    args = parser.parse_args()
    if not args.chromium:
        print("SKIP: no chromium (scripts/install-deps.sh installs Debian's chromium)")
        return SKIP
    os.makedirs(args.work, exist_ok=True)
    failures = []

    log = os.path.join(REPO, "test-data", "explain", "logs", "linux-5.4-packet-level1.log")
    page = os.path.join(args.work, "log.html")
    with open(page, "w") as out:
        subprocess.run([args.bpfcheck, "explain", log, "--format", "html"], stdout=out, check=False)
    html = open(page).read()
    dom, stderr = dump_dom(args.chromium, page, args.work)
    if not dom:
        failures.append(f"chromium printed no DOM: {stderr[-500:]}")
    else:
        check_page("saved 5.4 log", html, dom, failures, "R1 offset is outside of the packet",
                   "bounds check against data_end", "return iph-&gt;protocol;")

    if os.geteuid() == 0 and args.clang:
        source = os.path.join(REPO, "test-data", "cases", "packet", "xdp_off_by_one.c")
        obj = os.path.join(args.work, "xdp_off_by_one.o")
        subprocess.run([args.clang, "-O2", "-g", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu", "-c", source,
                        "-o", obj], check=True)
        page = os.path.join(args.work, "object.html")
        with open(page, "w") as out:
            subprocess.run([args.bpfcheck, "explain", "--object", obj, "--format", "html"], stdout=out, check=False)
        html = open(page).read()
        dom, stderr = dump_dom(args.chromium, page, args.work)
        check_page("xdp_off_by_one.o loaded into the running kernel", html, dom, failures,
                   "R1 offset is outside of the packet", "bounds check against data_end", "iph-&gt;daddr")
    else:
        print("note: not root: the page of a program loaded into the kernel is not checked")
    for failure in failures:
        print("FAIL: " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
