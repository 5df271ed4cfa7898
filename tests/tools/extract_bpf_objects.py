#!/usr/bin/env python3
"""Extract the BPF ELF objects embedded in executables (libbpf skeletons).

Tools built with `bpftool gen skeleton` (such as the binaries of the Debian
package libbpf-tools) carry their BPF object as a byte array in .rodata: a
complete ELF64 little-endian relocatable file with e_machine EM_BPF (247).
This script finds every "\\x7fELF" occurrence in each executable, keeps those
that are ELF64 little-endian EM_BPF headers, computes the embedded file's size
from its headers (the end of the section header table or of the last section's
data, whichever is further) and writes each object as
OUTPUT_DIR/<tool>.<n>.bpf.o, n counting from 0 in file order.

Without executables on the command line, the executables the package installs
under /usr/sbin are used (`dpkg -L libbpf-tools`); symbolic links to another
of them are skipped, so each object is written once. The output is
deterministic: the same inputs give the same files, names and listing.

Exit status: 0 on success, 1 on an error (unreadable file, truncated or
malformed embedded object, or no object at all), 2 on bad usage.
Standard library only.
"""

from __future__ import annotations

import argparse
import os
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
ELFCLASS64 = 2
ELFDATA2LSB = 1
EV_CURRENT = 1
EM_BPF = 247
SHT_NOBITS = 8
EHDR64_SIZE = 64
SHDR64_SIZE = 64
SBIN = "/usr/sbin/"


class ExtractError(Exception):
    """An input that cannot be read or an embedded object that is malformed."""


@dataclass
class Embedded:
    offset: int  # where the object starts inside the host file
    size: int


def embedded_size(blob: bytes, start: int, where: str) -> int:
    """Size of the ELF64 LE file starting at blob[start], from its headers."""
    if start + EHDR64_SIZE > len(blob):
        raise ExtractError(f"{where}: ELF header truncated ({len(blob) - start} bytes left)")
    (e_type, e_machine, e_version, e_entry, e_phoff, e_shoff, e_flags, e_ehsize, e_phentsize, e_phnum,
     e_shentsize, e_shnum, e_shstrndx) = struct.unpack_from("<HHIQQQIHHHHHH", blob, start + 16)
    if e_ehsize != EHDR64_SIZE:
        raise ExtractError(f"{where}: e_ehsize is {e_ehsize}, expected {EHDR64_SIZE}")
    end = EHDR64_SIZE
    if e_phnum:
        end = max(end, e_phoff + e_phnum * e_phentsize)
    if e_shoff == 0:
        raise ExtractError(f"{where}: no section header table (e_shoff = 0)")
    if e_shentsize != SHDR64_SIZE:
        raise ExtractError(f"{where}: e_shentsize is {e_shentsize}, expected {SHDR64_SIZE}")
    if start + e_shoff + SHDR64_SIZE > len(blob):
        raise ExtractError(f"{where}: section header table at offset {e_shoff} lies past the end of the host file")
    shnum = e_shnum
    if shnum == 0:  # extended numbering: the count is in section 0's sh_size
        shnum = struct.unpack_from("<Q", blob, start + e_shoff + 32)[0]
    end = max(end, e_shoff + shnum * e_shentsize)
    if start + end > len(blob):
        raise ExtractError(f"{where}: section header table ({shnum} entries at offset {e_shoff}) runs past the end "
                           "of the host file")
    for index in range(shnum):
        base = start + e_shoff + index * e_shentsize
        sh_type, = struct.unpack_from("<I", blob, base + 4)
        sh_offset, sh_size = struct.unpack_from("<QQ", blob, base + 24)
        if sh_type != SHT_NOBITS and sh_size:
            end = max(end, sh_offset + sh_size)
    if start + end > len(blob):
        raise ExtractError(f"{where}: section data ends at offset {end}, past the end of the host file")
    return end


def find_embedded(blob: bytes, name: str) -> list[Embedded]:
    """Every embedded EM_BPF ELF64 LE object of blob, in file order."""
    found: list[Embedded] = []
    covered_until = 0
    position = blob.find(ELF_MAGIC, 1)  # offset 0 is the host ELF itself
    while position != -1:
        ident = blob[position:position + 20]
        if (position >= covered_until and len(ident) == 20 and ident[4] == ELFCLASS64 and ident[5] == ELFDATA2LSB
                and ident[6] == EV_CURRENT and struct.unpack_from("<H", ident, 18)[0] == EM_BPF):
            size = embedded_size(blob, position, f"{name}: embedded ELF at offset {position:#x}")
            found.append(Embedded(position, size))
            covered_until = position + size
        position = blob.find(ELF_MAGIC, position + 1)
    return found


def package_executables(package: str) -> list[Path]:
    """The regular executables a Debian package installs under /usr/sbin, sorted."""
    try:
        listing = subprocess.run(["dpkg", "-L", package], check=True, capture_output=True, text=True).stdout
    except FileNotFoundError as error:
        raise ExtractError("dpkg not found: name the executables on the command line") from error
    except subprocess.CalledProcessError as error:
        raise ExtractError(f"dpkg -L {package} failed (is the package installed?): {error.stderr.strip()}") from error
    paths = sorted(Path(line) for line in listing.splitlines() if line.startswith(SBIN) and line != SBIN)
    executables = [p for p in paths if p.is_file() and not p.is_symlink() and os.access(p, os.X_OK)]
    if not executables:
        raise ExtractError(f"package {package} installs no executable under {SBIN}")
    return executables


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("executables", nargs="*", type=Path,
                        help="host executables (default: those of --package under /usr/sbin)")
    parser.add_argument("-o", "--output-dir", type=Path, required=True, help="where to write <tool>.<n>.bpf.o")
    parser.add_argument("--package", default="libbpf-tools",
                        help="Debian package whose /usr/sbin executables to scan (default: %(default)s)")
    parser.add_argument("--clean", action="store_true",
                        help="first delete every *.bpf.o already in the output directory")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors and the summary")
    args = parser.parse_args(argv)

    try:
        executables = sorted(args.executables) if args.executables else package_executables(args.package)
        args.output_dir.mkdir(parents=True, exist_ok=True)
        if args.clean:
            for stale in sorted(args.output_dir.glob("*.bpf.o")):
                stale.unlink()
        written = 0
        without: list[str] = []
        seen_tools: set[str] = set()
        for executable in executables:
            tool = executable.name
            if tool in seen_tools:
                raise ExtractError(f"two executables are named {tool}: output names would collide")
            seen_tools.add(tool)
            try:
                blob = executable.read_bytes()
            except OSError as error:
                raise ExtractError(f"cannot read {executable}: {error.strerror}") from error
            if not blob.startswith(ELF_MAGIC):
                raise ExtractError(f"{executable} is not an ELF file")
            objects = find_embedded(blob, str(executable))
            if not objects:
                without.append(tool)
            for n, embedded in enumerate(objects):
                target = args.output_dir / f"{tool}.{n}.bpf.o"
                target.write_bytes(blob[embedded.offset:embedded.offset + embedded.size])
                written += 1
                if not args.quiet:
                    print(f"{target}: {embedded.size} bytes from {executable} at offset {embedded.offset:#x}")
        if without:
            raise ExtractError(f"no embedded BPF object in: {', '.join(without)}")
    except ExtractError as error:
        print(f"extract_bpf_objects: error: {error}", file=sys.stderr)
        return 1
    print(f"extract_bpf_objects: {written} objects from {len(executables)} executables into {args.output_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
