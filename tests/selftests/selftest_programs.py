"""The programs of a selftest object and the kfuncs each one calls.

Programs are read from the ELF symbol table as libbpf finds them (function
symbols in executable sections other than .text), so that an object bpfcheck
refuses as a whole still lists its programs. The kfuncs a program calls,
its subprograms included, come from `bpfcheck disasm`, which links each
program as libbpf does and prints a kfunc call as `call NAME#-1`.
"""

import re
import struct
import subprocess

SHF_EXECINSTR = 0x4
SHT_SYMTAB = 2
STT_FUNC = 2


def elf_programs(path):
    """{program: section} in object order."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:6] != b"\x7fELF\x02\x01":
        raise ValueError(f"{path}: not a little-endian ELF64 object")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    headers = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
               for i in range(shnum)]

    def string(table, offset):
        start = headers[table][4] + offset
        return data[start:data.index(b"\0", start)].decode()

    names = [string(shstrndx, h[0]) for h in headers]
    found = []
    for h in headers:
        if h[1] != SHT_SYMTAB:
            continue
        for i in range(h[5] // 24):
            name, info, _other, shndx, value, _size = struct.unpack_from(
                "<IBBHQQ", data, h[4] + 24 * i)
            if (info & 0xF) != STT_FUNC or shndx == 0 or shndx >= len(headers):
                continue
            if headers[shndx][2] & SHF_EXECINSTR and names[shndx] != ".text":
                found.append((shndx, value, string(h[6], name)))
    return {name: names[shndx] for shndx, _value, name in sorted(found)}


class Programs:
    """sections: {program: section}; kfuncs: {program: set of kfunc names}."""

    def __init__(self, bpfcheck, path):
        self.sections = elf_programs(path)
        self.kfuncs = {}
        r = subprocess.run([bpfcheck, "disasm", path], capture_output=True, text=True)
        program = None
        for line in r.stdout.splitlines():
            m = re.match(r"; program (\S+) \(", line)
            if m:
                program = m.group(1)
                self.kfuncs[program] = set()
                continue
            m = re.search(r"\bcall (\w+)#-1$", line)
            if m and program:
                self.kfuncs[program].add(m.group(1))
