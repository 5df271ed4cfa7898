#!/usr/bin/env python3
"""Corpus oracle test: bpfcheck's loader and disassembler against real objects.

The corpus is every object of xdp-tools (/usr/lib/x86_64-linux-gnu/bpf/*.o)
and every BPF object embedded in the libbpf-tools executables (extracted at
test time with tests/tools/extract_bpf_objects.py). For each object:

(a) programs: `bpfcheck list --format json` must name exactly the programs
    libbpf would load, the STT_FUNC symbols of executable (SHF_EXECINSTR)
    sections other than .text, each in its section and with `instructions`
    equal to the symbol's size / 8. Oracle: llvm-readelf's JSON output.
(b) instructions: for every program, the (index, opcode) pairs `bpfcheck
    disasm` prints must equal llvm-objdump's, the entry function at 0..n-1
    and then each appended subprogram at the index its `; subprogram` line
    gives. Which subprograms are appended, and in which order, is checked
    against libbpf's own algorithm (bpf_object__reloc_code: walk the
    instructions, and on the first call or function address to a subprogram
    not yet appended, append it and recurse into it at once), computed here
    from llvm-readelf's symbols and relocations and llvm-objdump's bytes.
    ld_imm64 takes two slots in both; its second slot has no line.
(c) types: each program's `type` must equal what libbpf infers from its
    section name (tests/corpus/libbpf_section_type, linked against libbpf).
    Where libbpf does not know a name, bpfcheck's answer is accepted and a
    note is printed.

With --object, checks the given objects instead of the corpus (ctest's
corpus_linking_order uses it on tests/corpus/subprogram_order.bpf.c, whose
subprograms libbpf appends in an order only depth-first linking gets right).

Prints a per-object mismatch report and a final line
`corpus: N objects, P programs, I instructions checked`. Exits 1 on any
mismatch or error, 77 (SKIP) when neither xdp-tools nor libbpf-tools is
installed, 2 on bad usage. Standard library only.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

SKIP = 77
XDP_TOOLS_DIR = Path("/usr/lib/x86_64-linux-gnu/bpf")
SHF_EXECINSTR = 0x4
OP_CALL = 0x85
OP_LD_IMM64 = 0x18
BPF_PSEUDO_CALL = 1
MAX_DIFFS = 8  # mismatching instructions shown per program


class OracleError(Exception):
    """A tool failed or printed something this script cannot read."""


# ----------------------------------------------------------------------------
# Oracle side: llvm-readelf and llvm-objdump


@dataclass
class Section:
    index: int
    name: str
    flags: int
    size: int


@dataclass
class Symbol:
    index: int
    name: str
    value: int
    size: int
    type: str  # llvm-readelf's spelling: Function, Object, Section, None...
    binding: str
    section: int  # section index, 0 when undefined


@dataclass(frozen=True)
class Insn:
    slot: int  # index inside its section
    raw: bytes  # 8 bytes, or 16 for ld_imm64
    text: str  # llvm-objdump's rendering

    @property
    def opcode(self) -> int:
        return self.raw[0]

    @property
    def src(self) -> int:
        return self.raw[1] >> 4

    @property
    def dst(self) -> int:
        return self.raw[1] & 0xF

    @property
    def off(self) -> int:
        return struct.unpack_from("<h", self.raw, 2)[0]

    @property
    def imm(self) -> int:
        return struct.unpack_from("<i", self.raw, 4)[0]


@dataclass
class ElfView:
    sections: dict[int, Section]
    symbols: list[Symbol]
    relocs: dict[tuple[int, int], Symbol]  # (target section, byte offset) -> symbol
    code: dict[int, dict[int, Insn]]  # section index -> slot -> instruction

    def functions_in(self, section: int) -> list[Symbol]:
        return sorted((s for s in self.symbols if s.type == "Function" and s.section == section),
                      key=lambda s: s.value)

    def function_at(self, section: int, slot: int) -> Symbol | None:
        for symbol in self.functions_in(section):
            if symbol.value // 8 <= slot < (symbol.value + symbol.size) // 8:
                return symbol
        return None


def run(command: list[str], what: str) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise OracleError(f"cannot run {command[0]}: {error.strerror}") from error
    if done.returncode != 0:
        raise OracleError(f"{what} failed (exit {done.returncode}): {' '.join(command)}\n"
                          f"    {done.stderr.strip()}")
    return done.stdout


def read_elf(readelf: str, objdump: str, path: Path) -> ElfView:
    raw = json.loads(run([readelf, "--elf-output-style=JSON", "-S", "-s", "-r", str(path)], "llvm-readelf"))[0]
    sections: dict[int, Section] = {}
    rel_target: dict[int, int] = {}
    for entry in raw.get("Sections", []):
        s = entry["Section"]
        sections[s["Index"]] = Section(s["Index"], s["Name"]["Name"], s["Flags"]["Value"], s["Size"])
        if s["Type"]["Name"] in ("SHT_REL", "SHT_RELA"):
            rel_target[s["Index"]] = s["Info"]
    symbols = []
    for index, entry in enumerate(raw.get("Symbols", [])):
        s = entry["Symbol"]
        symbols.append(Symbol(index, s["Name"]["Name"], s["Value"], s["Size"], s["Type"]["Name"],
                              s["Binding"]["Name"], s["Section"]["Value"]))
    relocs: dict[tuple[int, int], Symbol] = {}
    for group in raw.get("Relocations", []):
        target = rel_target.get(group["SectionIndex"])
        if target is None:
            raise OracleError(f"llvm-readelf: relocation section {group['SectionIndex']} has no target")
        for entry in group["Relocs"]:
            r = entry["Relocation"]
            relocs[(target, r["Offset"])] = symbols[r["Symbol"]["Value"]]
    code = parse_objdump(run([objdump, "-d", str(path)], "llvm-objdump"), sections)
    return ElfView(sections, symbols, relocs, code)


OBJDUMP_SECTION = re.compile(r"^Disassembly of section (.*):$")
OBJDUMP_INSN = re.compile(r"^\s*(\d+):\t((?:[0-9a-f]{2} ?)+)\t?(.*)$")


def parse_objdump(text: str, sections: dict[int, Section]) -> dict[int, dict[int, Insn]]:
    by_name: dict[str, int] = {}
    for section in sections.values():
        if section.flags & SHF_EXECINSTR:
            if section.name in by_name:
                raise OracleError(f"two executable sections are named '{section.name}': llvm-objdump's "
                                  "output would be ambiguous")
            by_name[section.name] = section.index
    code: dict[int, dict[int, Insn]] = {}
    current: dict[int, Insn] | None = None
    for line in text.splitlines():
        if match := OBJDUMP_SECTION.match(line):
            name = match.group(1)
            if name not in by_name:
                raise OracleError(f"llvm-objdump disassembled section '{name}', which llvm-readelf does not "
                                  "list as executable")
            current = code.setdefault(by_name[name], {})
        elif match := OBJDUMP_INSN.match(line):
            if current is None:
                raise OracleError(f"llvm-objdump: instruction outside a section: {line!r}")
            slot = int(match.group(1))
            raw = bytes.fromhex(match.group(2).replace(" ", ""))
            if len(raw) not in (8, 16):
                raise OracleError(f"llvm-objdump: instruction {slot} has {len(raw)} bytes: {line!r}")
            current[slot] = Insn(slot, raw, match.group(3).strip())
    return code


@dataclass
class Piece:
    symbol: Symbol
    section_name: str
    start: int  # index in the linked program

    @property
    def first_slot(self) -> int:
        return self.symbol.value // 8

    @property
    def size(self) -> int:
        return self.symbol.size // 8


def libbpf_link(elf: ElfView, entry: Symbol) -> tuple[list[Piece], list[str]]:
    """The subprograms libbpf appends to `entry`, in libbpf's order.

    Mirrors bpf_object__reloc_code (libbpf 1.x): walk the function's
    instructions; a pseudo call (src_reg 1, dst 0, off 0) or an ld_imm64 of a
    function address targets a subprogram; one not yet appended is appended
    at the end of the program and relocated at once (depth first). Calls to
    extern kernel functions (undefined symbols) are left alone.
    """
    notes: list[str] = []
    pieces = [Piece(entry, elf.sections[entry.section].name, 0)]
    appended = {(entry.section, entry.value)}
    total = entry.size // 8

    def relocate(piece: Piece) -> None:
        nonlocal total
        insns = elf.code.get(piece.symbol.section, {})
        for slot in range(piece.first_slot, piece.first_slot + piece.size):
            insn = insns.get(slot)
            if insn is None:
                continue
            reloc = elf.relocs.get((piece.symbol.section, slot * 8))
            target_section = piece.symbol.section
            if insn.opcode == OP_CALL and insn.src == BPF_PSEUDO_CALL and insn.dst == 0 and insn.off == 0:
                if reloc is not None and reloc.section == 0:
                    continue  # kfunc
                if reloc is not None:
                    target_section = reloc.section
                    target = reloc.value // 8 + insn.imm + 1
                else:
                    target = slot + insn.imm + 1
            elif insn.opcode == OP_LD_IMM64 and reloc is not None and reloc.section in elf.sections \
                    and elf.sections[reloc.section].flags & SHF_EXECINSTR:
                target_section = reloc.section
                target = (reloc.value + insn.imm) // 8
            else:
                continue
            callee = elf.function_at(target_section, target)
            if callee is None:
                raise OracleError(f"{piece.symbol.name}: instruction {slot} targets slot {target} of section "
                                  f"'{elf.sections[target_section].name}', which is in no function")
            if elf.sections[target_section].name != ".text":
                notes.append(f"{entry.name}: {piece.symbol.name} calls {callee.name} outside .text "
                             "(libbpf rejects this)")
            if (callee.section, callee.value) in appended:
                continue
            appended.add((callee.section, callee.value))
            new = Piece(callee, elf.sections[callee.section].name, total)
            pieces.append(new)
            total += new.size
            relocate(new)

    relocate(pieces[0])
    return pieces, notes


def oracle_programs(elf: ElfView) -> list[Symbol]:
    """What libbpf loads: STT_FUNC symbols of executable sections but .text."""
    programs = []
    for symbol in elf.symbols:
        section = elf.sections.get(symbol.section)
        if (symbol.type == "Function" and section is not None and section.flags & SHF_EXECINSTR
                and section.name != ".text"):
            programs.append(symbol)
    return programs


# ----------------------------------------------------------------------------
# bpfcheck side


@dataclass
class OurPiece:
    name: str
    section: str
    start: int


@dataclass
class OurProgram:
    name: str
    section: str
    type: str
    pieces: list[OurPiece] = field(default_factory=list)
    insns: list[tuple[int, int, str]] = field(default_factory=list)  # (index, opcode, text)


DISASM_PROGRAM = re.compile(r"^; program (\S+) \(section (.*), type (\S*)\)$")
DISASM_SUBPROGRAM = re.compile(r"^; subprogram (\S+) \(section (.*)\)$")
DISASM_INSN = re.compile(r"^(\d+): \(([0-9a-f]{2})\) ?(.*)$")


def parse_disasm(text: str) -> list[OurProgram]:
    programs: list[OurProgram] = []
    pending_piece: OurPiece | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line:
            continue
        if match := DISASM_PROGRAM.match(line):
            programs.append(OurProgram(match.group(1), match.group(2), match.group(3)))
            programs[-1].pieces.append(OurPiece(match.group(1), match.group(2), 0))
            pending_piece = None
        elif match := DISASM_SUBPROGRAM.match(line):
            if not programs:
                raise OracleError(f"bpfcheck disasm line {number}: subprogram before any program")
            pending_piece = OurPiece(match.group(1), match.group(2), -1)
            programs[-1].pieces.append(pending_piece)
        elif line.startswith(";"):
            continue
        elif match := DISASM_INSN.match(line):
            if not programs:
                raise OracleError(f"bpfcheck disasm line {number}: instruction before any program")
            index = int(match.group(1))
            if pending_piece is not None:
                pending_piece.start = index
                pending_piece = None
            programs[-1].insns.append((index, int(match.group(2), 16), match.group(3)))
        else:
            raise OracleError(f"bpfcheck disasm line {number}: cannot read {line!r}")
    return programs


# ----------------------------------------------------------------------------
# The checks


@dataclass
class Result:
    path: Path
    label: str
    programs: int = 0
    insns: int = 0
    subprograms: int = 0
    types: dict[str, str] = field(default_factory=dict)  # program name -> our type
    program_sections: dict[str, str] = field(default_factory=dict)  # program name -> section
    mismatches: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def check_object(args: argparse.Namespace, path: Path, label: str) -> Result:
    result = Result(path, label)
    try:
        elf = read_elf(args.readelf, args.objdump, path)
        listed = json.loads(run([args.bpfcheck, "list", str(path), "--format", "json"], "bpfcheck list"))
        disasm = parse_disasm(run([args.bpfcheck, "disasm", str(path)], "bpfcheck disasm"))
    except (OracleError, json.JSONDecodeError) as error:
        result.mismatches.append(f"error: {error}")
        return result

    # (a) programs and their sizes
    expected = {(s.name, elf.sections[s.section].name, s.size // 8) for s in oracle_programs(elf)}
    ours = {(p["name"], p["section"], p["instructions"]) for p in listed["programs"]}
    if len(listed["programs"]) != len(ours):
        result.mismatches.append("list: a program is listed twice")
    for name, section, size in sorted(expected - ours):
        result.mismatches.append(f"list: missing program {name} (section {section}, {size} instructions)")
    for name, section, size in sorted(ours - expected):
        result.mismatches.append(f"list: unexpected program {name} (section {section}, {size} instructions)")
    for program in listed["programs"]:
        result.types[program["name"]] = program["type"]
        result.program_sections[program["name"]] = program["section"]

    # (b') libbpf itself: its linked instructions and program types
    linked: dict[str, tuple[str, str, list[int]]] = {}
    if args.libbpf_linked:
        try:
            linked = libbpf_link_object(args.libbpf_linked, path)
        except OracleError as error:
            result.notes.append(f"only llvm-objdump is compared: {error}")
        if linked and sorted(linked) != sorted(p["name"] for p in listed["programs"]):
            result.mismatches.append(f"libbpf loads programs {sorted(linked)}, bpfcheck lists "
                                     f"{sorted(p['name'] for p in listed['programs'])}")

    # (b) instructions, program by program
    symbols = {s.name: s for s in oracle_programs(elf)}
    ours_by_name = {p.name: p for p in disasm}
    if sorted(ours_by_name) != sorted(p["name"] for p in listed["programs"]):
        result.mismatches.append(f"disasm prints programs {sorted(ours_by_name)}, list names "
                                 f"{sorted(p['name'] for p in listed['programs'])}")
    for name in sorted(symbols):
        program = ours_by_name.get(name)
        if program is None:
            continue  # reported above
        result.programs += 1
        try:
            pieces, notes = libbpf_link(elf, symbols[name])
        except OracleError as error:
            result.mismatches.append(f"program {name}: oracle: {error}")
            continue
        result.notes.extend(notes)
        result.subprograms += len(pieces) - 1
        if program.type != result.types.get(name, program.type):
            result.mismatches.append(f"program {name}: disasm says type {program.type}, list "
                                     f"{result.types[name]}")
        want_pieces = [(p.symbol.name, p.section_name, p.start) for p in pieces]
        got_pieces = [(p.name, p.section, p.start) for p in program.pieces]
        if want_pieces != got_pieces:
            result.mismatches.append(
                f"program {name}: linked functions differ (name, section, start index)\n"
                f"      libbpf order: {', '.join(f'{n}@{s}' for n, _, s in want_pieces)}\n"
                f"      bpfcheck:     {', '.join(f'{n}@{s}' for n, _, s in got_pieces)}")
        want: dict[int, Insn] = {}
        for piece in pieces:
            section_code = elf.code.get(piece.symbol.section, {})
            for slot in range(piece.first_slot, piece.first_slot + piece.size):
                if slot in section_code:
                    want[piece.start + slot - piece.first_slot] = section_code[slot]
        got = {index: (opcode, text) for index, opcode, text in program.insns}
        if len(got) != len(program.insns):
            result.mismatches.append(f"program {name}: disasm prints an index twice")
        diffs = []
        for index in sorted(set(want) | set(got)):
            w, g = want.get(index), got.get(index)
            if w is not None and g is not None and w.opcode == g[0]:
                continue
            ours_text = f"({g[0]:02x}) {g[1]}" if g else "nothing"
            theirs = f"({w.opcode:02x}) {w.text}" if w else "nothing"
            owner = next((p for p in reversed(pieces) if p.start <= index), pieces[0])
            where = f"{owner.symbol.name}+{index - owner.start}, {owner.section_name} slot " \
                    f"{owner.first_slot + index - owner.start}"
            diffs.append(f"      {index} [{where}]: bpfcheck {ours_text} | llvm-objdump {theirs}")
        result.insns += len(want)
        if name in linked:
            check_against_libbpf(result, name, program, linked[name], result.types.get(name, program.type))
        if diffs:
            shown = diffs[:MAX_DIFFS]
            more = f"\n      ... and {len(diffs) - MAX_DIFFS} more" if len(diffs) > MAX_DIFFS else ""
            result.mismatches.append(f"program {name}: {len(diffs)} instruction(s) differ:\n" + "\n".join(shown)
                                     + more)
    return result


def libbpf_link_object(helper: str, path: Path) -> dict[str, tuple[str, str, list[int]]]:
    """program name -> (section, type, opcode of every slot), as libbpf links it."""
    try:
        done = subprocess.run([helper, str(path)], capture_output=True, text=True, check=False)
    except OSError as error:
        raise OracleError(f"cannot run {helper}: {error.strerror}") from error
    if done.returncode != 0:
        raise OracleError(f"libbpf_linked failed (exit {done.returncode}): {done.stderr.strip()}")
    linked: dict[str, tuple[str, str, list[int]]] = {}
    for line in done.stdout.splitlines():
        fields = line.split("\t")
        if len(fields) != 6 or fields[0] != "program":
            raise OracleError(f"libbpf_linked printed {line[:80]!r}")
        _, name, section, prog_type, count, opcodes = fields
        slots = [int(op, 16) for op in opcodes.split()]
        if len(slots) != int(count):
            raise OracleError(f"libbpf_linked printed {len(slots)} opcodes for {count} slots of {name}")
        linked[name] = (section, prog_type, slots)
    return linked


def check_against_libbpf(result: Result, name: str, program: OurProgram, linked: tuple[str, str, list[int]],
                         our_type: str) -> None:
    """Compare a program with the instructions libbpf itself linked."""
    section, libbpf_type, slots = linked
    if section != program.section:
        result.mismatches.append(f"program {name}: section '{program.section}', libbpf says '{section}'")
    if libbpf_type != our_type:
        result.mismatches.append(f"program {name}: type '{our_type}', libbpf's program has type '{libbpf_type}'")
    want: list[tuple[int, int]] = []
    index = 0
    while index < len(slots):
        want.append((index, slots[index]))
        index += 2 if slots[index] == OP_LD_IMM64 else 1
    got = [(index, opcode) for index, opcode, _ in program.insns]
    if want != got:
        first = next((i for i, (w, g) in enumerate(zip(want, got)) if w != g), min(len(want), len(got)))
        show = lambda pairs: ", ".join(f"{i}:{op:02x}" for i, op in pairs[first:first + 6]) or "nothing"
        at = (want[first] if first < len(want) else got[first])[0]
        result.mismatches.append(f"program {name}: libbpf links {len(slots)} slots ({len(want)} instructions), "
                                 f"bpfcheck prints {len(got)} instructions; first difference at index {at}:\n"
                                 f"      libbpf:   {show(want)}\n      bpfcheck: {show(got)}")


def libbpf_types(helper: str, sections: list[str]) -> dict[str, tuple[str, str]]:
    """section -> (libbpf's type or "-", reason)."""
    answers: dict[str, tuple[str, str]] = {}
    if not sections:
        return answers
    for line in run([helper, *sections], "libbpf_section_type").splitlines():
        parts = line.split("\t")
        answers[parts[0]] = (parts[1], parts[2] if len(parts) > 2 else "")
    return answers


def installed(package: str) -> bool:
    if shutil.which("dpkg-query") is None:
        return False
    done = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True,
                          check=False)
    return done.returncode == 0 and done.stdout.strip().endswith(" installed")


def gather_corpus(args: argparse.Namespace, objects: list[tuple[Path, str]]) -> int | None:
    """Append the corpus to objects; an exit status if the test must stop."""
    have_xdp = installed("xdp-tools") or any(args.xdp_dir.glob("*.o"))
    have_tools = installed("libbpf-tools")
    if not have_xdp and not have_tools:
        print("SKIP: corpus: neither xdp-tools nor libbpf-tools is installed (scripts/install-deps.sh installs them)")
        return SKIP
    if have_xdp:
        prefix = "xdp-tools/" if args.xdp_dir == XDP_TOOLS_DIR else f"{args.xdp_dir}/"
        objects += [(p, f"{prefix}{p.name}") for p in sorted(args.xdp_dir.glob("*.o"))]
    else:
        print("NOTE: corpus: xdp-tools is not installed; checking libbpf-tools only")
    if have_tools:
        out = args.work_dir / "libbpf-tools"
        done = subprocess.run([sys.executable, str(args.extractor), "--quiet", "--clean", "--output-dir", str(out)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"corpus: error: extracting libbpf-tools' objects failed:\n{done.stdout}{done.stderr}",
                  file=sys.stderr)
            return 1
        objects += [(p, f"libbpf-tools/{p.name}") for p in sorted(out.glob("*.bpf.o"))]
    else:
        print("NOTE: corpus: libbpf-tools is not installed; checking xdp-tools only")
    return None


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bpfcheck", required=True, help="the bpfcheck executable")
    parser.add_argument("--readelf", default="llvm-readelf-19")
    parser.add_argument("--objdump", default="llvm-objdump-19")
    parser.add_argument("--section-type", help="the libbpf_section_type helper (without it, types are not checked)")
    parser.add_argument("--libbpf-linked",
                        help="the libbpf_linked helper (without it, libbpf's own linking is not compared)")
    parser.add_argument("--extractor", type=Path,
                        default=Path(__file__).resolve().parent.parent / "tools" / "extract_bpf_objects.py")
    parser.add_argument("--work-dir", type=Path, help="where to extract libbpf-tools' objects (required for "
                        "the corpus)")
    parser.add_argument("--object", type=Path, action="append", default=[],
                        help="check this object instead of the corpus (repeatable)")
    parser.add_argument("--xdp-dir", type=Path, default=XDP_TOOLS_DIR)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("-v", "--verbose", action="store_true", help="print a line for every object")
    args = parser.parse_args(argv)
    started = time.monotonic()

    for tool in (args.bpfcheck, args.readelf, args.objdump, args.section_type, args.libbpf_linked):
        if tool is None:
            continue
        if shutil.which(tool) is None:
            print(f"corpus: error: {tool} not found or not executable", file=sys.stderr)
            return 1

    objects: list[tuple[Path, str]] = [(p, str(p)) for p in args.object]
    if not objects:
        if args.work_dir is None:
            parser.error("--work-dir is required to check the corpus")
        status = gather_corpus(args, objects)
        if status is not None:
            return status

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda item: check_object(args, *item), objects))

    # (c) program types against libbpf
    type_notes: list[str] = []
    if args.section_type:
        sections = sorted({s for r in results for s in r.program_sections.values()})
        try:
            answers = libbpf_types(args.section_type, sections)
        except OracleError as error:
            print(f"corpus: error: {error}", file=sys.stderr)
            return 1
        for result in results:
            for name, section in sorted(result.program_sections.items()):
                theirs, reason = answers.get(section, ("-", "no answer from libbpf_section_type"))
                ours = result.types[name]
                if theirs == "-":
                    type_notes.append(f"section '{section}' ({result.label}): {reason}; accepting bpfcheck's "
                                      f"type '{ours}'")
                elif theirs != ours:
                    result.mismatches.append(f"program {name}: type '{ours}', libbpf infers '{theirs}' from "
                                             f"section '{section}'")
    else:
        type_notes.append("no libbpf_section_type helper given: section names not checked against libbpf")
    if not args.libbpf_linked:
        type_notes.append("no libbpf_linked helper given: linking not checked against libbpf itself")

    failed = [r for r in results if r.mismatches]
    for result in results:
        if args.verbose or result.mismatches:
            status = "FAIL" if result.mismatches else "ok"
            print(f"{status:4} {result.label}: {result.programs} programs, {result.subprograms} appended "
                  f"subprograms, {result.insns} instructions")
        for mismatch in result.mismatches:
            print(f"     {mismatch}")
    for note in sorted(set(type_notes) | {f"{r.label}: {n}" for r in results for n in r.notes}):
        print(f"NOTE: {note}")
    programs = sum(r.programs for r in results)
    insns = sum(r.insns for r in results)
    subprograms = sum(r.subprograms for r in results)
    print(f"corpus: {len(results)} objects, {programs} programs, {insns} instructions checked "
          f"({subprograms} appended subprograms); {len(failed)} object(s) with mismatches "
          f"[{time.monotonic() - started:.1f} s]")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
