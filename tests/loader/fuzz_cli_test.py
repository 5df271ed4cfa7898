#!/usr/bin/env python3
"""Mutated BPF objects fed to the bpfcheck command line.

Every subcommand must end with one of its documented exit codes (0 ok,
1 violations found for `check`, 2 bad input) and never die of a signal.
The mutants come from real objects (xdp-tools' /usr/lib/x86_64-linux-gnu/bpf
and test-data/examples) with a fixed random seed: a few aimed at header
fields LLVM's object reader trusts (relocation sh_entsize/sh_link, .BTF.ext
CO-RE section names), the rest random bit flips, byte overwrites,
truncations and ELF/section header corruptions.

Usage: fuzz_cli_test.py --bpfcheck build/bpfcheck --seeds DIR_OR_FILE[:...] [--count 50]
Exit 0 on success, 1 on a failure, 77 (ctest SKIP_RETURN_CODE) without seeds.
"""

import argparse
import os
import random
import signal
import struct
import subprocess
import sys
import tempfile

SKIP = 77
SEED = 20240611
COMMANDS = [  # (arguments before the object, allowed exit codes)
    (["list"], {0, 2}),
    (["list", "--format", "json"], {0, 2}),
    (["disasm"], {0, 2}),
    (["cfg", "--format", "text"], {0, 2}),
    (["check", "--timeout", "10"], {0, 1, 2}),
]
TIMEOUT = 120


def find_seeds(spec):
    files = []
    for item in spec.split(":"):
        if os.path.isdir(item):
            files += [os.path.join(item, name) for name in sorted(os.listdir(item)) if name.endswith(".o")]
        elif os.path.isfile(item):
            files.append(item)
    return files


def sections(data):
    """(header offset, name, type, offset, size) of each section of a valid ELF64 LE object."""
    if len(data) < 64 or data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return []
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    if shentsize != 64 or shoff + shnum * 64 > len(data):
        return []
    headers = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * 64) for i in range(shnum)]
    strtab_offset = headers[shstrndx][4] if shstrndx < shnum else 0
    result = []
    for i, h in enumerate(headers):
        end = data.find(b"\0", strtab_offset + h[0])
        name = data[strtab_offset + h[0]:end].decode("latin-1") if end >= 0 else ""
        result.append((shoff + i * 64, name, h[1], h[4], h[5]))
    return result


def aimed_mutants(seeds):
    """Header fields that LLVM's ELF reader and BTF parser trust."""
    mutants = []
    for path in seeds:
        data = open(path, "rb").read()
        for header_at, name, kind, offset, size in sections(data):
            if kind == 9 and not name.startswith(".rel.") and len(mutants) < 2:  # SHT_REL of code
                m = bytearray(data)
                struct.pack_into("<Q", m, header_at + 0x38, 0)  # sh_entsize = 0: division by zero
                mutants.append((f"{os.path.basename(path)}: '{name}' sh_entsize = 0", bytes(m)))
                m = bytearray(data)
                struct.pack_into("<I", m, header_at + 0x28, 0x7FFF)  # sh_link: no such section
                mutants.append((f"{os.path.basename(path)}: '{name}' sh_link = 32767", bytes(m)))
        btf = {name: (offset, size) for _, name, _, offset, size in sections(data)}
        if ".BTF.ext" in btf and ".BTF" in btf and not any(n.startswith("BTF.ext CO-RE") for n, _ in mutants):
            ext_offset, _ = btf[".BTF.ext"]
            hdr_len, = struct.unpack_from("<I", data, ext_offset + 4)
            relo_off, relo_len = struct.unpack_from("<II", data, ext_offset + 24)
            if relo_len >= 12:
                # The first CO-RE group's section name: point it at a string
                # that names no section (the type name at string offset 1).
                m = bytearray(data)
                struct.pack_into("<I", m, ext_offset + hdr_len + relo_off + 4, 1)
                mutants.append((f"BTF.ext CO-RE group names no section ({os.path.basename(path)})", bytes(m)))
    return mutants


def random_mutant(rng, path, data):
    m = bytearray(data)
    kind = rng.randrange(5)
    if kind == 0:
        spots = [rng.randrange(len(m) * 8) for _ in range(rng.randint(1, 8))]
        for bit in spots:
            m[bit // 8] ^= 1 << (bit % 8)
        what = f"flip bits {spots}"
    elif kind == 1:
        start = rng.randrange(len(m))
        for i in range(rng.randint(1, 16)):
            m[(start + i) % len(m)] = rng.choice([0, 0xFF, 0x7F, 0x80, rng.randrange(256)])
        what = f"overwrite bytes from {start}"
    elif kind == 2:
        length = rng.randrange(len(m))
        del m[length:]
        what = f"truncate to {length}"
    elif kind == 3:
        name, at, fmt = rng.choice([("e_shoff", 0x28, "<Q"), ("e_shnum", 0x3C, "<H"), ("e_shentsize", 0x3A, "<H"),
                                    ("e_machine", 0x12, "<H"), ("EI_CLASS", 4, "<B"), ("e_shstrndx", 0x3E, "<H")])
        value = rng.choice([0, 1, 7, 0x40, 0xFF, 0xFFFF, len(m), rng.randrange(1 << 16)])
        struct.pack_into(fmt, m, at, value & ((1 << (8 * struct.calcsize(fmt))) - 1))
        what = f"{name} = {value}"
    else:
        headers = sections(data)
        header_at, name, _, _, _ = rng.choice(headers)
        field, at, fmt = rng.choice([("sh_offset", 0x18, "<Q"), ("sh_size", 0x20, "<Q"), ("sh_link", 0x28, "<I"),
                                     ("sh_info", 0x2C, "<I"), ("sh_type", 0x04, "<I"), ("sh_name", 0x00, "<I")])
        value = rng.choice([0, 1, 4, 9, len(m), len(m) + 8, 0x7FFFFFFF, rng.randrange(1 << 20)])
        struct.pack_into(fmt, m, header_at + at, value)
        what = f"'{name}' {field} = {value}"
    return f"{os.path.basename(path)}: {what}", bytes(m)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bpfcheck", required=True)
    parser.add_argument("--seeds", required=True)
    parser.add_argument("--count", type=int, default=50)
    args = parser.parse_args()
    seeds = find_seeds(args.seeds)
    if not seeds:
        print(f"skip: no seed objects in {args.seeds} (install xdp-tools)")
        return SKIP
    rng = random.Random(SEED)
    mutants = aimed_mutants(seeds)
    while len(mutants) < args.count:
        path = rng.choice(seeds)
        mutants.append(random_mutant(rng, path, open(path, "rb").read()))

    failures = []
    codes = {}
    with tempfile.TemporaryDirectory(prefix="bpfcheck-fuzz-cli-") as work:
        for index, (what, data) in enumerate(mutants):
            obj = os.path.join(work, f"mutant{index}.o")
            with open(obj, "wb") as f:
                f.write(data)
            for command, allowed in COMMANDS:
                argv = [args.bpfcheck, *command, obj]
                try:
                    result = subprocess.run(argv, capture_output=True, text=True, timeout=TIMEOUT)
                except subprocess.TimeoutExpired:
                    failures.append(f"mutant {index} [{what}]: `{' '.join(command)}` ran over {TIMEOUT} s")
                    continue
                code = result.returncode
                codes[code] = codes.get(code, 0) + 1
                if code < 0 or code not in allowed:
                    reason = f"killed by {signal.Signals(-code).name}" if code < 0 else f"exit code {code}"
                    tail = (result.stderr.strip().splitlines() or [""])[-1][:200]
                    failures.append(f"mutant {index} [{what}]: `bpfcheck {' '.join(command)}`: {reason}: {tail}")
    summary = ", ".join(f"exit {code}: {n}" for code, n in sorted(codes.items()))
    print(f"{len(mutants)} mutants x {len(COMMANDS)} commands: {summary}")
    for failure in failures:
        print("FAIL " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
