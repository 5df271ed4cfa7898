#!/usr/bin/env python3
"""Loader conventions end to end, through the CLI (`list --format json`,
`check`), on objects nobody here wrote and on small objects compiled here:

- Debian's golang-github-cilium-ebpf-dev testdata (skipped with a message
  where the package is missing): BTF program arrays and map-in-map declared
  with `__array(values, ...)` and their slot initialisers; iproute2's
  `struct bpf_elf_map`; objects of clang 7 (untyped function symbols); objects
  with maps and no program (exit 2, saying so); big-endian objects (exit 2,
  saying why); sections no convention types (an error asking for --type).
- Compiled here with clang-19: section names of libbpf <1.0 and samples/bpf
  (xdp1, socket1, cgroup/sock1); an object whose functions are all in .text
  (each global function is a program, with a note); a relocation damaged in
  one program's section (that program fails alone, exit 2, the other is
  checked); e_machine 0 (accepted with a note).

Exit status 0 when every check passed, 1 otherwise, 77 when clang-19 is missing.
"""

import argparse
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

CILIUM = "/usr/share/gocode/src/github.com/cilium/ebpf/testdata"
failures = []


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        failures.append(what)


def run(bpfcheck, *args):
    result = subprocess.run([bpfcheck, *args], capture_output=True, text=True, timeout=60)
    return result.returncode, result.stdout, result.stderr


def listing(bpfcheck, path):
    code, out, err = run(bpfcheck, "list", "--format", "json", path)
    return json.loads(out) if code == 0 else {"error": err, "code": code}


def cilium_objects(bpfcheck):
    if not os.path.isdir(CILIUM):
        print(f"SKIP  cilium/ebpf testdata: {CILIUM} missing (Debian package golang-github-cilium-ebpf-dev)")
        return
    data = listing(bpfcheck, f"{CILIUM}/btf_map_init-el.elf")
    maps = {m["name"]: m for m in data.get("maps", [])}
    check(maps.get("prog_array_init", {}).get("slots") == {"1": "tail_1"},
          "btf_map_init: the program array's slot 1 holds tail_1 (`__array(values, int ())`)")
    check(maps.get("outer_map_init", {}).get("slots") == {"1": "inner_map"},
          "btf_map_init: the map-in-map's slot 1 holds inner_map")
    check(maps.get("outer_map_init", {}).get("inner_map") == "outer_map_init.inner",
          "btf_map_init: the map-in-map's inner definition is read")
    code, out, _ = run(bpfcheck, "check", f"{CILIUM}/btf_map_init-el.elf")
    check(code == 0 and "tail_main (socket_filter" in out, "btf_map_init: both programs are checked and pass")

    data = listing(bpfcheck, f"{CILIUM}/iproute2_map_compat-el.elf")
    hash_map = data.get("maps", [{}])[0]
    check((hash_map.get("type"), hash_map.get("key_size"), hash_map.get("value_size"), hash_map.get("max_entries"))
          == ("hash", 4, 8, 2), "iproute2_map_compat: struct bpf_elf_map read")
    for name in ("iproute2_map_compat", "map_spin_lock", "invalid_map"):
        code, _, err = run(bpfcheck, "check", f"{CILIUM}/{name}-el.elf")
        check(code == 2 and "no program to check" in err, f"{name}: maps and no program is exit 2, saying so")

    data = listing(bpfcheck, f"{CILIUM}/loader-clang-7-el.elf")
    programs = {p["name"]: p for p in data.get("programs", [])}
    check("xdp_prog" in programs and programs["xdp_prog"]["type"] == "xdp",
          "loader-clang-7: untyped global symbols name the programs (xdp_prog)")
    code, out, _ = run(bpfcheck, "check", f"{CILIUM}/loader-clang-7-el.elf", "--program", "xdp_prog")
    check(code == 0 and "xdp_prog (xdp, 51 instructions): pass" in out,
          "loader-clang-7: xdp_prog's calls into .text link (clang 7's encoding) and it passes")
    check(programs.get("static", {}).get("type") is None,
          "loader-clang-7: section 'static' is named by no convention: no type")
    code, out, _ = run(bpfcheck, "check", f"{CILIUM}/loader-clang-7-el.elf", "--program", "static")
    check(code == 2 and "--type" in out, "a program no rule types is an error asking for --type")
    code, out, _ = run(bpfcheck, "check", f"{CILIUM}/loader-clang-7-el.elf", "--program", "static", "--type",
                       "socket_filter")
    check(code == 0, "--type names it")
    check(programs.get("data_sections", {}).get("type_origin", "").startswith("libbpf <1.0"),
          "loader-clang-7: socket/3 is a socket filter by libbpf <1.0's prefix rule, and says so")

    # fwd_decl calls a function it only declares: libbpf cannot open it
    # ("failed to find BTF for extern 'fwd'"), cilium/ebpf refuses the
    # program (ErrUnsatisfiedProgramReference); never a pass.
    code, out, err = run(bpfcheck, "check", f"{CILIUM}/fwd_decl-el.elf")
    check(code == 2 and "extern 'fwd'" in err and ": pass" not in out,
          "fwd_decl: a call of a function no object defines is refused, with the reason")

    code, _, err = run(bpfcheck, "check", f"{CILIUM}/loader-eb.elf")
    check(code == 2 and "big-endian" in err, "big-endian objects: exit 2 with the reason")


def compile_c(clang, source, path):
    with tempfile.NamedTemporaryFile("w", suffix=".c", delete=False) as f:
        f.write(source)
    try:
        subprocess.run([clang, "-O2", "-g", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu", "-c", f.name,
                        "-o", path], check=True)
    finally:
        os.unlink(f.name)


HEADER = """#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
struct { int (*type)[BPF_MAP_TYPE_ARRAY]; int (*max_entries)[1]; __u32 *key; __u64 *value; } counts SEC(".maps");
"""

LEGACY_NAMES = HEADER + """
SEC("xdp1") int first(struct xdp_md *ctx) {
    __u32 key = 0;
    __u64 *v = bpf_map_lookup_elem(&counts, &key);
    return v ? XDP_PASS : XDP_DROP;
}
SEC("socket1") int second(struct __sk_buff *skb) {
    __u32 key = 0;
    __u64 *v = bpf_map_lookup_elem(&counts, &key);
    return v ? 1 : 0;
}
SEC("cgroup/sock1") int third(struct bpf_sock *sk) { return 1; }
char LICENSE[] SEC("license") = "GPL";
"""

TEXT_ONLY = """#include <linux/bpf.h>
int accept_all(struct xdp_md *ctx) { return XDP_PASS; }
int drop_all(struct xdp_md *ctx) { return XDP_DROP; }
char LICENSE[] __attribute__((section("license"), used)) = "GPL";
"""

# Two objects to be linked into one (bpftool gen object): the first uses a
# map and calls a function that the second defines.
UNLINKED_USER = """#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
extern struct { int (*type)[BPF_MAP_TYPE_ARRAY]; int (*max_entries)[1]; __u32 *key; __u64 *value; }
    shared_counts SEC(".maps");
extern int verdict_of(__u64 count);
SEC("xdp") int use_shared(struct xdp_md *ctx) {
    __u32 key = 0;
    __u64 *v = bpf_map_lookup_elem(&shared_counts, &key);
    return v ? verdict_of(*v) : XDP_DROP;
}
char LICENSE[] SEC("license") = "GPL";
"""

UNLINKED_DEFINER = """#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
struct { int (*type)[BPF_MAP_TYPE_ARRAY]; int (*max_entries)[1]; __u32 *key; __u64 *value; }
    shared_counts SEC(".maps");
__attribute__((noinline)) int verdict_of(__u64 count) { return count > 100 ? XDP_DROP : XDP_PASS; }
"""

# A .maps definition with plain members and an initialiser: libbpf refuses it
# ("attr 'type': expected PTR, got int"), as the kernel's tcp_dumpstats sample shows.
PLAIN_MAP_ATTRIBUTES = """#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
struct { __u32 type; __u32 max_entries; __u32 *key; __u64 *value; } plain SEC(".maps") = {
    .type = BPF_MAP_TYPE_ARRAY, .max_entries = 1 };
SEC("xdp") int use_plain(struct xdp_md *ctx) {
    __u32 key = 0;
    return bpf_map_lookup_elem(&plain, &key) ? XDP_PASS : XDP_DROP;
}
char LICENSE[] SEC("license") = "GPL";
"""


def linking_objects(bpfcheck, clang, work):
    user = os.path.join(work, "unlinked_user.o")
    definer = os.path.join(work, "unlinked_definer.o")
    compile_c(clang, UNLINKED_USER, user)
    compile_c(clang, UNLINKED_DEFINER, definer)
    code, out, err = run(bpfcheck, "check", user)
    check(code == 2 and "extern 'shared_counts'" in err and "bpftool gen object" in err,
          "an object whose map another object defines is refused (libbpf cannot open it), saying to link first")
    bpftool = shutil.which("bpftool") or ("/usr/sbin/bpftool" if os.path.exists("/usr/sbin/bpftool") else None)
    if bpftool is None:
        print("SKIP  linked object: bpftool missing")
    else:
        linked = os.path.join(work, "linked.o")
        subprocess.run([bpftool, "gen", "object", linked, user, definer], check=True, capture_output=True)
        code, out, _ = run(bpfcheck, "check", linked)
        check(code == 0 and "use_shared (xdp" in out and ": pass:" in out,
              "… and once linked (bpftool gen object), it is checked and passes")
    plain = os.path.join(work, "plain_map_attributes.o")
    compile_c(clang, PLAIN_MAP_ATTRIBUTES, plain)
    code, out, err = run(bpfcheck, "check", plain)
    check(code == 2 and "map 'plain': attr 'type'" in err and "__uint(type, N)" in err,
          "a .maps attribute that is not __uint(name, N) is refused, as libbpf refuses it")


def elf_sections(data):
    """(name, offset, size, type, info) of each section of an ELF64 LE file."""
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    headers = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    strtab = headers[shstrndx]
    names = data[strtab[4]:strtab[4] + strtab[5]]
    out = []
    for h in headers:
        name = names[h[0]:names.index(b"\0", h[0])].decode()
        out.append((name, h[4], h[5], h[1], h[7]))
    return out


def compiled_objects(bpfcheck, clang, work):
    legacy = os.path.join(work, "legacy_names.o")
    compile_c(clang, LEGACY_NAMES, legacy)
    programs = {p["name"]: p for p in listing(bpfcheck, legacy).get("programs", [])}
    check(programs.get("first", {}).get("type") == "xdp", "SEC(\"xdp1\") is xdp (libbpf <1.0 / samples/bpf)")
    check(programs.get("second", {}).get("type") == "socket_filter", "SEC(\"socket1\") is a socket filter")
    check(programs.get("third", {}).get("type") == "cgroup_sock" and
          programs["third"].get("attach_type") == "cgroup_inet_sock_create", "SEC(\"cgroup/sock1\") is cgroup_sock")
    code, out, _ = run(bpfcheck, "check", legacy)
    check(code == 0 and out.count(": pass:") == 3 and "named by libbpf <1.0" in out,
          "the three pass, each with a note naming the rule")

    # Damage one relocation of `first` (misaligned r_offset): `first` fails
    # alone, `second` and `third` are still checked.
    data = bytearray(open(legacy, "rb").read())
    rel = next(s for s in elf_sections(data) if s[0] == ".relxdp1")
    offset, = struct.unpack_from("<Q", data, rel[1])
    struct.pack_into("<Q", data, rel[1], offset + 3)
    damaged = os.path.join(work, "damaged.o")
    open(damaged, "wb").write(bytes(data))
    code, out, err = run(bpfcheck, "check", damaged)
    check(code == 2, "a damaged relocation: exit 2")
    check("first (no type" not in out and "first (xdp, 0 instructions): ERROR (section 'xdp1', program 'first'" in out,
          "the damaged program fails alone, named")
    check("second (socket_filter" in out and "third (cgroup_sock" in out and out.count(": pass:") == 2,
          "the other programs are still checked")

    text_only = os.path.join(work, "text_only.o")
    compile_c(clang, TEXT_ONLY, text_only)
    data = listing(bpfcheck, text_only)
    names = sorted(p["name"] for p in data.get("programs", []))
    check(names == ["accept_all", "drop_all"], f"no SEC(): each global function of .text is a program ({names})")
    check(any(".text" in n for n in data.get("notes", [])), "… with a note saying so")
    code, out, _ = run(bpfcheck, "check", text_only)
    check(code == 2 and "--type" in out, "… whose type no rule names: an error asking for --type")
    code, out, _ = run(bpfcheck, "check", text_only, "--type", "xdp")
    check(code == 0 and out.count(": pass:") == 2, "… and with --type xdp both pass")
    code, out, _ = run(bpfcheck, "check", text_only, "--type", "tc")
    check(code == 0 and out.count("(sched_cls, ") == 2, "… --type takes a section name a loader types (tc)")
    code, _, err = run(bpfcheck, "check", text_only, "--type", "no_such_type")
    check(code == 2 and "unknown program type 'no_such_type'" in err, "… and refuses a name nothing types")

    em_none = bytearray(open(legacy, "rb").read())
    struct.pack_into("<H", em_none, 0x12, 0)
    em_none_path = os.path.join(work, "em_none.o")
    open(em_none_path, "wb").write(bytes(em_none))
    code, out, _ = run(bpfcheck, "check", em_none_path)
    check(code == 0 and "EM_NONE" in out, "e_machine 0 (LLVM before 7) is read as BPF, with a note")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bpfcheck", required=True)
    parser.add_argument("--clang", default=shutil.which("clang-19") or "/usr/lib/llvm-19/bin/clang")
    args = parser.parse_args()
    cilium_objects(args.bpfcheck)
    if not os.path.exists(args.clang):
        print("SKIP  compiled objects: clang-19 missing")
    else:
        with tempfile.TemporaryDirectory() as work:
            compiled_objects(args.bpfcheck, args.clang, work)
            linking_objects(args.bpfcheck, args.clang, work)
    print(f"{len(failures)} check(s) failed" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
