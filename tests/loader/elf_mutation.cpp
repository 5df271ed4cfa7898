#include "tests/loader/elf_mutation.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <sstream>

namespace bpfcheck::fuzz {

std::uint64_t fnv1a(const std::string& text) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : text) {
        hash = (hash ^ static_cast<std::uint8_t>(c)) * 0x100000001b3ULL;
    }
    return hash;
}

std::uint64_t read_le(const Bytes& b, std::size_t at, std::size_t width) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < width && at + i < b.size(); ++i) {
        value |= static_cast<std::uint64_t>(b[at + i]) << (8 * i);
    }
    return value;
}

void write_le(Bytes& b, std::size_t at, std::size_t width, std::uint64_t value) {
    for (std::size_t i = 0; i < width && at + i < b.size(); ++i) {
        b[at + i] = static_cast<std::uint8_t>(value >> (8 * i));
    }
}

// Section headers of a (valid) ELF64 LE seed: where the mutators aim.

std::vector<SectionInfo> parse_sections(const Bytes& b, std::uint64_t& shstrtab_offset) {
    std::vector<SectionInfo> sections;
    if (b.size() < 64 || b[0] != 0x7f || b[4] != 2 || b[5] != 1) {
        return sections;
    }
    const std::uint64_t shoff = read_le(b, 0x28, 8);
    const std::uint64_t shentsize = read_le(b, 0x3a, 2);
    const std::uint64_t shnum = read_le(b, 0x3c, 2);
    const std::uint64_t shstrndx = read_le(b, 0x3e, 2);
    if (shentsize != 64 || shoff > b.size() || shnum > (b.size() - shoff) / 64) {
        return sections;
    }
    for (std::uint64_t i = 0; i < shnum; ++i) {
        const std::size_t at = shoff + i * 64;
        SectionInfo s;
        s.header_at = at;
        s.type = static_cast<std::uint32_t>(read_le(b, at + 4, 4));
        s.flags = read_le(b, at + 8, 8);
        s.offset = read_le(b, at + 0x18, 8);
        s.size = read_le(b, at + 0x20, 8);
        s.entsize = read_le(b, at + 0x38, 8);
        sections.push_back(s);
    }
    if (shstrndx < sections.size()) {
        const SectionInfo& strtab = sections[shstrndx];
        shstrtab_offset = strtab.offset;
        for (std::size_t i = 0; i < sections.size(); ++i) {
            const std::uint64_t name = read_le(b, sections[i].header_at, 4);
            for (std::uint64_t at = strtab.offset + name; at < b.size() && at < strtab.offset + strtab.size && b[at];
                 ++at) {
                sections[i].name += static_cast<char>(b[at]);
            }
        }
    }
    return sections;
}

// An integer value that tends to break parsers, for a field of `width` bytes
// whose current value is `current`, in a file of `file_size` bytes.
std::uint64_t interesting(Rng& rng, std::size_t width, std::uint64_t current, std::uint64_t file_size) {
    const std::uint64_t mask = width >= 8 ? ~0ULL : (1ULL << (8 * width)) - 1;
    const std::uint64_t sign = 1ULL << (8 * width - 1);
    const std::uint64_t choices[] = {
        0,
        1,
        mask,
        sign,
        sign - 1,
        current + 1,
        current - 1,
        current + 8,
        current - 8,
        current * 2,
        current ^ sign,
        file_size,
        file_size - 1,
        file_size + 1,
        file_size + 8,
        0x7fffffff,
        0x80000000,
        0xffffffff,
        0x10000,
        7,
        rng.next(),
        rng.below(256),
        current + rng.below(64),
    };
    return choices[rng.below(std::size(choices))] & mask;
}

std::vector<const SectionInfo*> sections_where(const Seed& seed, const std::function<bool(const SectionInfo&)>& want) {
    std::vector<const SectionInfo*> out;
    for (const SectionInfo& s : seed.sections) {
        if (s.offset + s.size <= seed.bytes.size() && want(s)) {
            out.push_back(&s);
        }
    }
    return out;
}

// Each mutator changes `b` and describes what it did.

std::string flip_bits(const Seed&, Bytes& b, Rng& rng) {
    const std::uint64_t count = 1 + rng.below(8);
    std::ostringstream what;
    what << "flip bits at";
    for (std::uint64_t i = 0; i < count; ++i) {
        const std::size_t at = rng.below(b.size());
        const unsigned bit = static_cast<unsigned>(rng.below(8));
        b[at] ^= static_cast<std::uint8_t>(1U << bit);
        what << " " << at << ":" << bit;
    }
    return what.str();
}

std::string overwrite_bytes(const Seed&, Bytes& b, Rng& rng) {
    const std::uint64_t count = 1 + rng.below(16);
    const std::size_t start = rng.below(b.size());
    const bool run = rng.chance(50);
    std::ostringstream what;
    what << "overwrite " << count << (run ? " consecutive" : " scattered") << " bytes from " << start;
    const std::uint8_t values[] = {0x00, 0xff, 0x7f, 0x80, 0x01, 0x18, 0x85, 0x95};
    for (std::uint64_t i = 0; i < count; ++i) {
        const std::size_t at = run ? (start + i) % b.size() : rng.below(b.size());
        b[at] = rng.chance(50) ? values[rng.below(std::size(values))] : static_cast<std::uint8_t>(rng.next());
    }
    return what.str();
}

std::string truncate(const Seed&, Bytes& b, Rng& rng) {
    const std::size_t length = rng.chance(20) ? rng.below(128) : rng.below(b.size());
    b.resize(length);
    return "truncate to " + std::to_string(length) + " bytes";
}

std::string corrupt_elf_header(const Seed&, Bytes& b, Rng& rng) {
    struct Field {
        const char* name;
        std::size_t at;
        std::size_t width;
    };
    static const Field fields[] = {
        {"EI_CLASS", 4, 1},     {"EI_DATA", 5, 1},        {"EI_VERSION", 6, 1}, {"e_type", 0x10, 2},
        {"e_machine", 0x12, 2}, {"e_version", 0x14, 4},   {"e_phoff", 0x20, 8}, {"e_shoff", 0x28, 8},
        {"e_ehsize", 0x34, 2},  {"e_phentsize", 0x36, 2}, {"e_phnum", 0x38, 2}, {"e_shentsize", 0x3a, 2},
        {"e_shnum", 0x3c, 2},   {"e_shstrndx", 0x3e, 2},
    };
    const Field& f = fields[rng.below(std::size(fields))];
    const std::uint64_t value = interesting(rng, f.width, read_le(b, f.at, f.width), b.size());
    write_le(b, f.at, f.width, value);
    return std::string("ELF header ") + f.name + " = " + std::to_string(value);
}

std::string corrupt_section_header(const Seed& seed, Bytes& b, Rng& rng) {
    if (seed.sections.empty()) {
        return flip_bits(seed, b, rng);
    }
    struct Field {
        const char* name;
        std::size_t at;
        std::size_t width;
    };
    static const Field fields[] = {
        {"sh_name", 0x00, 4},   {"sh_type", 0x04, 4},      {"sh_flags", 0x08, 8},
        {"sh_offset", 0x18, 8}, {"sh_size", 0x20, 8},      {"sh_link", 0x28, 4},
        {"sh_info", 0x2c, 4},   {"sh_addralign", 0x30, 8}, {"sh_entsize", 0x38, 8},
    };
    const SectionInfo& s = seed.sections[rng.below(seed.sections.size())];
    const Field& f = fields[rng.below(std::size(fields))];
    std::uint64_t value = interesting(rng, f.width, read_le(b, s.header_at + f.at, f.width), b.size());
    if (f.at == 0x04 && rng.chance(50)) {
        const std::uint64_t types[] = {0, 1, 2, 3, 4, 8, 9, 11, 0x6fff4c00};
        value = types[rng.below(std::size(types))];
    }
    write_le(b, s.header_at + f.at, f.width, value);
    return "section '" + s.name + "' " + f.name + " = " + std::to_string(value);
}

std::string corrupt_relocation(const Seed& seed, Bytes& b, Rng& rng) {
    const auto rels = sections_where(seed, [](const SectionInfo& s) { return s.type == 9 || s.type == 4; });
    if (rels.empty()) {
        return corrupt_section_header(seed, b, rng);
    }
    // Prefer relocations of code: they reach the linker, not just LLVM.
    std::vector<const SectionInfo*> code_rels;
    for (const auto* s : rels) {
        if (s->name.rfind(".rel.", 0) != 0 && s->name.rfind(".rela.", 0) != 0) {
            code_rels.push_back(s);
        }
    }
    const auto& pool = !code_rels.empty() && rng.chance(70) ? code_rels : rels;
    const SectionInfo& s = *pool[rng.below(pool.size())];
    const std::size_t entsize = s.type == 4 ? 24 : 16;
    if (s.size < entsize) {
        return flip_bits(seed, b, rng);
    }
    const std::size_t entry = rng.below(s.size / entsize);
    const std::size_t at = s.offset + entry * entsize;
    const std::uint64_t info = read_le(b, at + 8, 8);
    std::ostringstream what;
    what << "relocation " << entry << " of '" << s.name << "': ";
    switch (rng.below(4)) {
        case 0: {
            const std::uint64_t value = interesting(rng, 8, read_le(b, at, 8), b.size());
            write_le(b, at, 8, value);
            what << "r_offset = " << value;
            break;
        }
        case 1: {
            const std::uint64_t symbol = interesting(rng, 4, info >> 32, b.size());
            write_le(b, at + 8, 8, (symbol << 32) | (info & 0xffffffffULL));
            what << "symbol = " << symbol;
            break;
        }
        case 2: {
            const std::uint64_t type = interesting(rng, 4, info & 0xffffffffULL, b.size()) & 0xffffffffULL;
            write_le(b, at + 8, 8, (info & ~0xffffffffULL) | type);
            what << "type = " << type;
            break;
        }
        default: {
            // Point it at an arbitrary instruction of an executable section.
            const auto code = sections_where(seed, [](const SectionInfo& c) { return (c.flags & 4) != 0; });
            const std::uint64_t value = code.empty() ? rng.next() : 8 * rng.below(code[0]->size / 8 + 2);
            write_le(b, at, 8, value);
            what << "r_offset = " << value << " (another instruction)";
            break;
        }
    }
    return what.str();
}

std::string corrupt_symbol(const Seed& seed, Bytes& b, Rng& rng) {
    const auto tabs = sections_where(seed, [](const SectionInfo& s) { return s.type == 2 && s.size >= 48; });
    if (tabs.empty()) {
        return flip_bits(seed, b, rng);
    }
    const SectionInfo& s = *tabs.front();
    const std::size_t entry = 1 + rng.below(s.size / 24 - 1);
    const std::size_t at = s.offset + entry * 24;
    struct Field {
        const char* name;
        std::size_t at;
        std::size_t width;
    };
    static const Field fields[] = {{"st_name", 0, 4},  {"st_info", 4, 1},  {"st_other", 5, 1},
                                   {"st_shndx", 6, 2}, {"st_value", 8, 8}, {"st_size", 16, 8}};
    const Field& f = fields[rng.below(std::size(fields))];
    std::uint64_t value = interesting(rng, f.width, read_le(b, at + f.at, f.width), b.size());
    if (f.at == 4 && rng.chance(60)) {
        value = (read_le(b, at + 4, 1) & 0xf0) | rng.below(7);  // another STT_ type, same binding
    }
    if (f.at == 6 && rng.chance(40)) {
        const std::uint64_t special[] = {0, 0xfff1, 0xfff2, 0xffff, seed.sections.size(), seed.sections.size() - 1};
        value = special[rng.below(std::size(special))];
    }
    write_le(b, at + f.at, f.width, value);
    return "symbol " + std::to_string(entry) + " " + f.name + " = " + std::to_string(value);
}

std::string corrupt_instruction(const Seed& seed, Bytes& b, Rng& rng) {
    const auto code = sections_where(seed, [](const SectionInfo& s) { return (s.flags & 4) != 0 && s.size >= 8; });
    if (code.empty()) {
        return flip_bits(seed, b, rng);
    }
    const SectionInfo& s = *code[rng.below(code.size())];
    const std::size_t insn = rng.below(s.size / 8);
    const std::size_t at = s.offset + insn * 8;
    std::ostringstream what;
    what << "instruction " << insn << " of '" << s.name << "': ";
    switch (rng.below(5)) {
        case 0:
            b[at] = static_cast<std::uint8_t>(rng.next());
            what << "opcode = 0x" << std::hex << int{b[at]};
            break;
        case 1:
            b[at + 1] = static_cast<std::uint8_t>(rng.next());
            what << "registers = 0x" << std::hex << int{b[at + 1]};
            break;
        case 2: {
            const std::uint64_t value = interesting(rng, 2, read_le(b, at + 2, 2), s.size / 8);
            write_le(b, at + 2, 2, value);
            what << "off = " << static_cast<std::int16_t>(value);
            break;
        }
        case 3: {
            const std::uint64_t value = interesting(rng, 4, read_le(b, at + 4, 4), s.size / 8);
            write_le(b, at + 4, 4, value);
            what << "imm = " << static_cast<std::int32_t>(value);
            break;
        }
        default: {
            // Turn it into a call or ld_imm64, the two forms relocations and linking act on.
            const bool call = rng.chance(50);
            b[at] = call ? 0x85 : 0x18;
            b[at + 1] = static_cast<std::uint8_t>(rng.below(8) << 4);
            write_le(b, at + 4, 4, interesting(rng, 4, read_le(b, at + 4, 4), s.size / 8));
            what << (call ? "call" : "ld_imm64") << " src " << (b[at + 1] >> 4);
            break;
        }
    }
    return what.str();
}

std::string corrupt_named_sections(const Seed& seed, Bytes& b, Rng& rng, const std::vector<std::string>& names) {
    const auto targets = sections_where(seed, [&](const SectionInfo& s) {
        return s.size > 0 && std::find(names.begin(), names.end(), s.name) != names.end();
    });
    if (targets.empty()) {
        return overwrite_bytes(seed, b, rng);
    }
    const SectionInfo& s = *targets[rng.below(targets.size())];
    std::ostringstream what;
    what << "'" << s.name << "':";
    const std::uint64_t count = 1 + rng.below(6);
    for (std::uint64_t i = 0; i < count; ++i) {
        // Headers and counts sit near the start: aim there half the time.
        const std::size_t offset = rng.chance(50) ? rng.below(std::min<std::uint64_t>(s.size, 32)) : rng.below(s.size);
        const std::size_t width = std::size_t{1} << rng.below(3);
        const std::uint64_t value = interesting(rng, width, read_le(b, s.offset + offset, width), s.size);
        write_le(b, s.offset + offset, std::min<std::size_t>(width, s.size - offset), value);
        what << " [" << offset << "]=" << value;
    }
    return what.str();
}

std::string corrupt_btf(const Seed& seed, Bytes& b, Rng& rng) {
    return "BTF " + corrupt_named_sections(seed, b, rng, {".BTF", ".BTF.ext"});
}

// Renames .BTF.ext (its last name byte) so that line info comes from DWARF.
std::string hide_btf_ext(const Seed& seed, Bytes& b) {
    for (const SectionInfo& s : seed.sections) {
        if (s.name != ".BTF.ext") {
            continue;
        }
        std::size_t at = seed.shstrtab_offset + read_le(b, s.header_at, 4);
        while (at < b.size() && b[at] != 0) {
            ++at;
        }
        if (at > 0 && at <= b.size()) {
            b[at - 1] = 'X';
            return "rename .BTF.ext; ";
        }
    }
    return {};
}

std::string corrupt_dwarf(const Seed& seed, Bytes& b, Rng& rng) {
    // Without BTF line info the loader reads DWARF: reach that path most of the time.
    std::string what = rng.chance(70) ? hide_btf_ext(seed, b) : std::string{};
    if (rng.chance(15)) {
        return what + "DWARF intact";
    }
    return what + "DWARF " +
           corrupt_named_sections(
               seed, b, rng,
               {".debug_line", ".debug_info", ".debug_abbrev", ".debug_str_offsets", ".debug_line_str", ".debug_addr",
                ".rel.debug_line", ".rel.debug_info", ".rel.debug_addr"});
}

// Aims at the linker's arithmetic: the symbol a code relocation names gets an
// extreme value, or the relocated instruction an extreme immediate.
std::string corrupt_relocated_symbol(const Seed& seed, Bytes& b, Rng& rng) {
    const auto tabs = sections_where(seed, [](const SectionInfo& s) { return s.type == 2 && s.size >= 48; });
    std::vector<std::pair<const SectionInfo*, std::size_t>> relocs;  // (section, entry)
    for (const SectionInfo& s : seed.sections) {
        if (s.type == 9 && s.name.rfind(".rel.", 0) != 0 && s.offset + s.size <= b.size()) {
            for (std::size_t e = 0; e < s.size / 16; ++e) {
                relocs.emplace_back(&s, e);
            }
        }
    }
    if (tabs.empty() || relocs.empty()) {
        return corrupt_symbol(seed, b, rng);
    }
    const auto [rel, entry] = relocs[rng.below(relocs.size())];
    const std::size_t at = rel->offset + entry * 16;
    const std::uint64_t symbol = read_le(b, at + 8, 8) >> 32;
    const SectionInfo& symtab = *tabs.front();
    std::ostringstream what;
    what << "relocation " << entry << " of '" << rel->name << "': ";
    if (symbol * 24 + 24 <= symtab.size && rng.chance(60)) {
        const std::size_t sym_at = symtab.offset + symbol * 24;
        const std::uint64_t values[] = {0x7fffffffffffffffULL,
                                        0x7ffffffffffffff8ULL,
                                        0x8000000000000000ULL,
                                        0xfffffffffffffff8ULL,
                                        0x100000000ULL,
                                        0x7ffffff8ULL,
                                        interesting(rng, 8, read_le(b, sym_at + 8, 8), b.size())};
        const std::uint64_t value = values[rng.below(std::size(values))];
        write_le(b, sym_at + 8, 8, value);
        what << "its symbol " << symbol << " st_value = " << value;
    } else {
        // The relocated instruction: an extreme imm (function offset / global data addend).
        const std::uint64_t r_offset = read_le(b, at, 8);
        const std::uint64_t relocated = read_le(b, rel->header_at + 0x2c, 4);  // sh_info: the code section
        for (const SectionInfo& code : seed.sections) {
            const auto index = static_cast<std::uint64_t>(&code - seed.sections.data());
            if ((code.flags & 4) != 0 && index == relocated && r_offset + 8 <= code.size) {
                const std::int32_t imms[] = {INT32_MAX, INT32_MIN, INT32_MAX - 7, -8, 8 * 1024 * 1024};
                const std::int32_t imm = imms[rng.below(std::size(imms))];
                write_le(b, code.offset + r_offset + 4, 4, static_cast<std::uint32_t>(imm));
                what << "instruction at " << r_offset << " imm = " << imm;
                return what.str();
            }
        }
        what << "(no instruction found)";
    }
    return what.str();
}

const std::vector<std::pair<const char*, Mutator>>& mutators() {
    static const std::vector<std::pair<const char*, Mutator>> all = {
        {"bit flips", flip_bits},
        {"byte overwrite", overwrite_bytes},
        {"truncation", truncate},
        {"ELF header", corrupt_elf_header},
        {"section header", corrupt_section_header},
        {"relocation", corrupt_relocation},
        {"symbol", corrupt_symbol},
        {"instruction", corrupt_instruction},
        {"BTF", corrupt_btf},
        {"DWARF", corrupt_dwarf},
        {"relocated symbol", corrupt_relocated_symbol},
    };
    return all;
}

}  // namespace bpfcheck::fuzz
