#!/usr/bin/env python3
"""cli.min_kernel: `bpfcheck min-kernel` gives per program the oldest
release it loads on and what blocks older ones, from the tables `check
--kernel` uses: bpf_loop needs 5.17, ring buffers 5.8, an XDP program
with nothing special 4.8 (the program type), a verdict negated twice 6.17
(a rule of a later verifier, not a feature). Text and JSON
({"object", "programs": [{"name", "min_kernel", "blockers": [{"before",
"id", "message"}]}]}). And `check --kernel A,B,C`: one verdict per target,
agreeing with min-kernel."""

import argparse
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ci_fixtures import HEADER, LICENSE, Checker, compile_c, run  # noqa: E402

LOOP = HEADER + """static long step(__u32 index, void *ctx)
{
    return index > 4;
}

SEC("xdp")
int uses_loop(struct xdp_md *ctx)
{
    bpf_loop(16, step, NULL, 0);
    return XDP_PASS;
}
""" + LICENSE

RINGBUF = HEADER + """struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 4096);
} events SEC(".maps");

SEC("xdp")
int uses_ringbuf(struct xdp_md *ctx)
{
    __u32 *slot = bpf_ringbuf_reserve(&events, sizeof(*slot), 0);
    if (!slot)
        return XDP_PASS;
    *slot = 1;
    bpf_ringbuf_submit(slot, 0);
    return XDP_PASS;
}
""" + LICENSE

PLAIN = HEADER + """SEC("xdp")
int plain(struct xdp_md *ctx)
{
    return XDP_PASS;
}
""" + LICENSE

# A verdict negated twice: Linux 6.17 keeps its [0, 1] bounds through BPF_NEG,
# earlier verifiers make it unknown and refuse the return value.
NEGATED = HEADER + """SEC("cgroup_skb/egress")
int negated(struct __sk_buff *skb)
{
    long verdict = skb->len > 1500;

    asm volatile("%[v] = -%[v]" : [v] "+r"(verdict));
    asm volatile("%[v] = -%[v]" : [v] "+r"(verdict));
    return verdict;
}
""" + LICENSE


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bpfcheck", required=True)
    parser.add_argument("--clang", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    work = Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    check = Checker()
    objects = {name: compile_c(args.clang, text, work / f"{name}.bpf.o")
               for name, text in (("loop", LOOP), ("ringbuf", RINGBUF), ("plain", PLAIN))}

    expected = {"loop": ("5.17", "bpf_loop"), "ringbuf": ("5.8", "bpf_ringbuf_reserve"), "plain": ("4.8", None)}
    for name, (minimum, helper) in expected.items():
        done = run([args.bpfcheck, "min-kernel", objects[name], "--format", "json"])
        check.expect(done.returncode == 0, f"{name}: exit 0, got {done.returncode}: {done.stderr}")
        document = json.loads(done.stdout)
        check.expect(document["object"] == str(objects[name]), f"{name}: object")
        program = document["programs"][0]
        check.expect(program["min_kernel"] == minimum, f"{name}: min_kernel {minimum}, got {program['min_kernel']}")
        blockers = program["blockers"]
        check.expect(blockers and blockers[0]["before"] == minimum, f"{name}: the newest blocker first: {blockers}")
        check.expect(all(set(b) == {"before", "id", "message"} for b in blockers), f"{name}: blocker fields")
        if helper:
            check.expect(any(b["id"] == "helper.unavailable" and helper in b["message"] and b["before"] == minimum
                             for b in blockers), f"{name}: {helper} blocks before {minimum}: {blockers}")
        check.expect(any(b["id"] == "type.unavailable" and b["before"] == "4.8" for b in blockers),
                     f"{name}: xdp blocks before 4.8: {blockers}")
        versions = [tuple(map(int, b["before"].split("."))) for b in blockers]
        check.expect(versions == sorted(versions, reverse=True), f"{name}: blockers newest first")

    # An error of the oldest release's analysis that a later verifier does
    # not make (a rule of analyzer/platform/rule_releases.hpp) blocks before
    # that release instead of failing "on every release".
    negated = compile_c(args.clang, NEGATED, work / "negated.bpf.o")
    program = json.loads(run([args.bpfcheck, "min-kernel", negated, "--format", "json"]).stdout)["programs"][0]
    check.expect(program["min_kernel"] == "6.17" and program["other_findings"] == 0,
                 f"negated: BPF_NEG keeps bounds from 6.17: {program}")
    check.expect(program["blockers"][0]["before"] == "6.17" and program["blockers"][0]["id"] == "exit.return_range",
                 f"negated: the return range blocks before 6.17: {program['blockers']}")

    text = run([args.bpfcheck, "min-kernel", objects["loop"]])
    check.expect(f"{objects['loop']}: uses_loop: Linux 5.17 or later" in text.stdout and
                 "before 5.17: bpf_loop needs Linux 5.17 [helper.unavailable]" in text.stdout,
                 f"text output: {text.stdout}")
    both = run([args.bpfcheck, "min-kernel", objects["loop"], objects["plain"], "--format", "json"])
    check.expect([d["programs"][0]["min_kernel"] for d in json.loads(both.stdout)] == ["5.17", "4.8"],
                 "several objects: an array in input order")

    # check --kernel A,B,C: one verdict per target, as min-kernel says.
    done = run([args.bpfcheck, "check", objects["loop"], "--kernel", "5.10,5.17,6.6", "--format", "json"])
    verdicts = [(p["kernel"], p["verdict"]) for p in json.loads(done.stdout)["programs"]]
    check.expect(verdicts == [("5.10", "fail"), ("5.17", "pass"), ("6.6", "pass")],
                 f"one verdict per target: {verdicts}")
    check.expect(done.returncode == 1, "a target failing fails the check")
    check.expect(run([args.bpfcheck, "check", objects["loop"], "--kernel", "5.17,6.6"]).returncode == 0,
                 "every target passing: exit 0")
    check.expect(run([args.bpfcheck, "check", objects["loop"], "--kernel", "5.10,x"]).returncode == 2,
                 "a bad target: exit 2")
    check.finish("cli.min_kernel")


if __name__ == "__main__":
    main()
