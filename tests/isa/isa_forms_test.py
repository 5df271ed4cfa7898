#!/usr/bin/env python3
"""Every eBPF instruction form against two real oracles.

test-data/isa/all_forms.s holds one instance of every instruction form of the
ISA (v1-v4, RFC 9669, plus may_goto and addr_space_cast). At test time it is
assembled with llvm-mc-19, then:

  (a) the instruction lines of `bpfcheck disasm` must equal
      all_forms.expected exactly; that file was written by hand from the
      format strings of the kernel's print_bpf_insn() (kernel/bpf/disasm.c);
  (b) the (index, opcode) pairs of bpfcheck, of the expected file and of
      `llvm-objdump-19 -d` must all agree;
  (c) the assembled object must contain every form of the ISA, keyed by
      opcode plus the field that selects a variant (off for sdiv/smod/movsx,
      imm for atomics and byte swaps, src for calls), so the expected file
      covers them all.

A second check prints `call N` for every helper id in the system's
<linux/bpf.h> (__BPF_FUNC_MAPPER) and expects `call bpf_NAME#N`, the kernel's
func_id_str naming.

Usage: isa_forms_test.py --bpfcheck build/bpfcheck --data-dir test-data/isa
Exit 0 on success, 1 on a mismatch, 77 (ctest SKIP_RETURN_CODE) when the
LLVM tools are missing.
"""

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
LLVM_MC = "llvm-mc-19"
LLVM_OBJDUMP = "llvm-objdump-19"
INSN_LINE = re.compile(r"^(\d+): \(([0-9a-f]{2})\) ")
OBJDUMP_LINE = re.compile(r"^\s*(\d+):\t((?:[0-9a-f]{2} )+)")


def run(argv, **kwargs):
    return subprocess.run(argv, capture_output=True, text=True, **kwargs)


def assemble(source, obj):
    result = run([LLVM_MC, "-triple", "bpfel", "-mcpu=v4", "-filetype=obj", source, "-o", obj])
    if result.returncode != 0:
        sys.exit(f"FAIL: {LLVM_MC} could not assemble {source}:\n{result.stderr}")


def disasm_lines(bpfcheck, obj):
    result = run([bpfcheck, "disasm", obj])
    if result.returncode != 0:
        print(f"FAIL: bpfcheck disasm {obj} exited with {result.returncode}:\n{result.stderr}")
        return None
    return [line for line in result.stdout.splitlines() if INSN_LINE.match(line)]


def objdump_insns(obj):
    """(slot index, raw bytes) of every instruction, from llvm-objdump."""
    result = run([LLVM_OBJDUMP, "-d", obj])
    if result.returncode != 0:
        sys.exit(f"FAIL: {LLVM_OBJDUMP} -d {obj}:\n{result.stderr}")
    insns = []
    for line in result.stdout.splitlines():
        match = OBJDUMP_LINE.match(line)
        if match:
            insns.append((int(match.group(1)), bytes.fromhex(match.group(2).replace(" ", ""))))
    return insns


def pairs_of(lines):
    return [(int(m.group(1)), int(m.group(2), 16)) for m in map(INSN_LINE.match, lines)]


def show_diff(title, expected, actual, expected_name, actual_name):
    print(f"FAIL: {title}")
    for line in difflib.unified_diff(expected, actual, expected_name, actual_name, lineterm=""):
        print("  " + line)


def form_key(raw):
    """The opcode plus whichever field selects a variant of it."""
    opcode, regs = raw[0], raw[1]
    src = regs >> 4
    off = int.from_bytes(raw[2:4], "little", signed=True)
    imm = int.from_bytes(raw[4:8], "little", signed=True)
    cls, op, x = opcode & 0x07, opcode & 0xF0, opcode & 0x08
    if cls in (0x04, 0x07):
        if op == 0xD0:
            return (opcode, "imm", imm)
        if op in (0x30, 0x90) or (op == 0xB0 and x):
            return (opcode, "off", off)
        return (opcode,)
    if cls == 0x03 and opcode & 0xE0 == 0xC0:
        return (opcode, "imm", imm)
    if opcode == 0x85:
        return (opcode, "src", src)
    return (opcode,)


def required_forms():
    """Every instruction form, from RFC 9669 section 4-5 (plus Linux 6.9's
    may_goto and addr_space_cast). Pseudo ld_imm64 sources and kfunc calls
    need relocations and are tested through real objects instead."""
    forms = set()
    for cls, is64 in ((0x04, False), (0x07, True)):
        for op in (0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x90, 0xA0, 0xB0, 0xC0):
            for x in (0x00, 0x08):
                opcode = cls | op | x
                if op in (0x30, 0x90):
                    forms |= {(opcode, "off", 0), (opcode, "off", 1)}
                elif op == 0xB0 and x:
                    offs = {0, 8, 16} | ({32, 1} if is64 else set())
                    forms |= {(opcode, "off", o) for o in offs}
                else:
                    forms.add((opcode,))
        forms.add((cls | 0x80,))  # neg
    for width in (16, 32, 64):
        forms |= {(0xD4, "imm", width), (0xDC, "imm", width), (0xD7, "imm", width)}
    forms |= {(op,) for op in (0x61, 0x69, 0x71, 0x79, 0x81, 0x89, 0x91)}  # ldx, ldsx
    forms |= {(op,) for op in (0x62, 0x6A, 0x72, 0x7A)}  # st
    forms |= {(op,) for op in (0x63, 0x6B, 0x73, 0x7B)}  # stx
    for opcode in (0xC3, 0xDB):
        for imm in (0x00, 0x40, 0x50, 0xA0, 0x01, 0x41, 0x51, 0xA1, 0xE1, 0xF1):
            forms.add((opcode, "imm", imm))
    forms |= {(op,) for op in (0x18, 0x20, 0x28, 0x30, 0x40, 0x48, 0x50)}  # ld_imm64, abs, ind
    for cls in (0x05, 0x06):
        for op in (0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0xA0, 0xB0, 0xC0, 0xD0):
            forms |= {(cls | op,), (cls | op | 0x08,)}
    forms |= {(0x05,), (0x06,), (0xE5,), (0x8D,), (0x95,), (0x85, "src", 0), (0x85, "src", 1)}
    return forms


def check_all_forms(bpfcheck, data_dir, work):
    source = os.path.join(data_dir, "all_forms.s")
    obj = os.path.join(work, "all_forms.o")
    assemble(source, obj)
    with open(os.path.join(data_dir, "all_forms.expected")) as f:
        expected = [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")]
    ok = True

    actual = disasm_lines(bpfcheck, obj)
    if actual is None:
        return False
    if actual != expected:
        show_diff("(a) bpfcheck disasm differs from the kernel's print format", expected, actual,
                  "all_forms.expected (kernel disasm.c)", "bpfcheck disasm")
        ok = False
    else:
        print(f"ok (a): {len(actual)} instructions print exactly as the kernel's disasm.c formats them")

    insns = objdump_insns(obj)
    oracle = [f"{index}: ({raw[0]:02x})" for index, raw in insns]
    for name, lines in (("bpfcheck disasm", actual), ("all_forms.expected", expected)):
        mine = [f"{index}: ({opcode:02x})" for index, opcode in pairs_of(lines)]
        if mine != oracle:
            show_diff(f"(b) (index, opcode) pairs of {name} differ from llvm-objdump", oracle, mine,
                      "llvm-objdump-19 -d", name)
            ok = False
        else:
            print(f"ok (b): {name}: {len(mine)} (index, opcode) pairs equal llvm-objdump's")

    present = {form_key(raw) for _, raw in insns}
    missing = required_forms() - present
    if missing:
        print(f"FAIL: (c) all_forms.s lacks {len(missing)} instruction form(s):")
        for form in sorted(missing, key=str):
            print(f"  missing {form}")
        ok = False
    else:
        print(f"ok (c): all {len(required_forms())} instruction forms are covered")
    return ok


def kernel_helper_names(header):
    """Helper names by id from __BPF_FUNC_MAPPER: FN(name) or FN(name, id, ...)."""
    with open(header) as f:
        text = f.read()
    start = text.find("#define __BPF_FUNC_MAPPER(FN)")
    if start < 0:
        start = text.find("#define ___BPF_FUNC_MAPPER(FN, ctx...)")
    if start < 0:
        return None
    body = []
    for line in text[start:].splitlines()[1:]:
        body.append(line)
        if not line.rstrip().endswith("\\"):
            break
    names = re.findall(r"FN\((\w+)", "\n".join(body))
    return names or None


def check_helper_names(bpfcheck, work):
    header = "/usr/include/linux/bpf.h"
    names = kernel_helper_names(header) if os.path.exists(header) else None
    if not names:
        print(f"skip: helper names: no __BPF_FUNC_MAPPER in {header}")
        return True
    source = os.path.join(work, "helpers.s")
    with open(source, "w") as f:
        f.write('\t.section socket,"ax"\n')
        for helper_id in range(len(names)):
            f.write(f"\tcall {helper_id}\n")
        f.write("\texit\n")
    obj = os.path.join(work, "helpers.o")
    assemble(source, obj)
    expected = [f"{i}: (85) call bpf_{name}#{i}" for i, name in enumerate(names)] + [f"{len(names)}: (95) exit"]
    actual = disasm_lines(bpfcheck, obj)
    if actual != expected:
        show_diff(f"helper names differ from {header}", expected, actual or [], header, "bpfcheck disasm")
        return False
    print(f"ok: names of helpers 0..{len(names) - 1} match {header}")
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bpfcheck", required=True)
    parser.add_argument("--data-dir", required=True)
    args = parser.parse_args()
    for tool in (LLVM_MC, LLVM_OBJDUMP):
        if shutil.which(tool) is None:
            print(f"skip: {tool} not found (install llvm-19)")
            return SKIP
    with tempfile.TemporaryDirectory(prefix="bpfcheck-isa-") as work:
        ok = check_all_forms(args.bpfcheck, args.data_dir, work)
        ok = check_helper_names(args.bpfcheck, work) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
