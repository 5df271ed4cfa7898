#!/usr/bin/env python3
"""cli.baseline: findings a code base already has.
- fingerprints survive lines inserted above the finding;
- --write-baseline then --baseline: a moved finding is not new (exit 0), a
  new violation is reported (exit 1), by fingerprint;
- `// bpfcheck: ignore[packet.bounds] reason` on the offending line
  suppresses that check there (read from BTF line info: the source file is
  deleted before checking), and only that check;
- .bpfcheck.yaml, found walking up from the object or given with --config:
  disabled checks, severities, program-type overrides, target kernels, the
  baseline path; bad settings are exit 2."""

import argparse
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ci_fixtures import Checker, compile_c, failing, run  # noqa: E402


def findings(bpfcheck, obj, *extra):
    done = run([bpfcheck, "check", obj, "--format", "json", *extra])
    document = json.loads(done.stdout) if done.stdout.strip() else {"programs": []}
    diagnostics = [d for p in document["programs"] for d in p["diagnostics"]]
    return done, document, diagnostics


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bpfcheck", required=True)
    parser.add_argument("--clang", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    work = Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    check = Checker()
    bpfcheck = args.bpfcheck

    # Fingerprints survive inserted lines.
    before = compile_c(args.clang, failing(), work / "v1" / "prog.bpf.o")
    moved = compile_c(args.clang, failing(prefix="// a comment\n\nstatic int unused;\n\n"), work / "v2" / "prog.bpf.o")
    _, _, d1 = findings(bpfcheck, before)
    _, _, d2 = findings(bpfcheck, moved)
    check.expect(len(d1) == 1 and len(d2) == 1, "one finding each")
    check.expect(d1[0]["line"] != d2[0]["line"], f"the finding moved: {d1[0]['line']} -> {d2[0]['line']}")
    check.expect(d1[0]["fingerprint"] == d2[0]["fingerprint"], "its fingerprint did not change")

    # Baseline round trip.
    baseline = work / "baseline.json"
    done = run([bpfcheck, "check", before, "--write-baseline", baseline])
    check.expect(done.returncode == 0 and baseline.exists(), f"--write-baseline: exit 0, {done.stderr}")
    recorded = json.loads(baseline.read_text())
    check.expect(recorded["version"] == 1 and [f["fingerprint"] for f in recorded["findings"]] ==
                 [d1[0]["fingerprint"]], f"the baseline holds the finding: {recorded}")
    done, document, diagnostics = findings(bpfcheck, moved, "--baseline", baseline)
    check.expect(done.returncode == 0 and diagnostics == [] and document["programs"][0]["suppressed"] == 1,
                 f"a moved finding is not new: exit {done.returncode}, {diagnostics}")
    grown = compile_c(args.clang, failing(prefix="\n\n", extra_read=True), work / "v3" / "prog.bpf.o")
    done, _, diagnostics = findings(bpfcheck, grown, "--baseline", baseline)
    check.expect(done.returncode == 1 and len(diagnostics) == 1 and diagnostics[0]["line"] is not None and
                 "data[20]" in (Path(work / "v3" / "prog.bpf.c").read_text().splitlines()[diagnostics[0]["line"] - 1]),
                 f"a new violation is reported, only it: exit {done.returncode}, {diagnostics}")
    bad = work / "bad.json"
    bad.write_text("{}")
    check.expect(run([bpfcheck, "check", moved, "--baseline", bad]).returncode == 2, "a bad baseline: exit 2")

    # Suppression comments, read from BTF line info (the source is gone).
    ignored = compile_c(args.clang, failing(comment="  // bpfcheck: ignore[packet.bounds] checked by the caller"),
                        work / "ignore" / "prog.bpf.o")
    other = compile_c(args.clang, failing(comment="  // bpfcheck: ignore[div.by_zero] wrong check"),
                      work / "other" / "prog.bpf.o")
    (work / "ignore" / "prog.bpf.c").unlink()
    done, document, diagnostics = findings(bpfcheck, ignored)
    check.expect(done.returncode == 0 and diagnostics == [] and document["programs"][0]["suppressed"] == 1,
                 f"suppressed by its comment: exit {done.returncode}, {diagnostics}")
    done, _, diagnostics = findings(bpfcheck, other)
    check.expect(done.returncode == 1 and len(diagnostics) == 1, "a comment naming another check suppresses nothing")

    # The config file, found walking up from the object.
    nested = work / "repo" / "build" / "bpf"
    obj = compile_c(args.clang, failing(), nested / "prog.bpf.o")
    config = work / "repo" / ".bpfcheck.yaml"
    config.write_text("disable: [packet.bounds]\n")
    done, _, diagnostics = findings(bpfcheck, obj)
    check.expect(done.returncode == 0 and diagnostics == [], f"disabled by the config above: {done.returncode}")
    config.write_text("severity:\n  packet.bounds: warning\n")
    done, _, diagnostics = findings(bpfcheck, obj)
    check.expect(done.returncode == 0 and [d["severity"] for d in diagnostics] == ["warning"],
                 f"severity from the config: {done.returncode}, {diagnostics}")
    config.write_text('kernels: ["5.10", "6.6"]\ntypes:\n  read_unchecked: sched_cls\n')
    done, document, diagnostics = findings(bpfcheck, obj)
    programs = document["programs"]
    check.expect([p.get("kernel") for p in programs] == ["5.10", "6.6"] and
                 all(p["type"] == "sched_cls" for p in programs), f"kernels and type from the config: {programs}")
    config.write_text("# nothing\n")
    write = run([bpfcheck, "check", obj, "--write-baseline", work / "repo" / "known.json"])
    config.write_text("baseline: known.json\n")
    done, _, diagnostics = findings(bpfcheck, obj)
    check.expect(write.returncode == 0 and done.returncode == 0 and diagnostics == [],
                 f"the config's baseline, relative to it: {done.returncode}, {diagnostics}")
    explicit = work / "explicit.yaml"
    explicit.write_text("disable: [packet.bounds]\n")
    done, _, _ = findings(bpfcheck, before, "--config", explicit)
    check.expect(done.returncode == 0, "--config names the file")
    for text in ("disable: [packet.bonds]\n", "severity:\n  packet.bounds: fatal\n", "colour: red\n", "[1, 2\n",
                 'kernels: ["six"]\n'):
        config.write_text(text)
        done = run([bpfcheck, "check", obj])
        check.expect(done.returncode == 2 and str(config) in done.stderr,
                     f"a bad config ({text.strip()}) is exit 2 naming the file: {done.returncode} {done.stderr}")
    check.finish("cli.baseline")


if __name__ == "__main__":
    main()
