// Mutation fuzzing of the object loader, the CFG builder and the printer.
//
// Seeds are real BPF objects (xdp-tools' /usr/lib/x86_64-linux-gnu/bpf/*.o
// and the repository's test-data/examples/*.o). Each seed yields mutants of
// twelve kinds: bit flips, byte overwrites, truncation, corrupted ELF header
// fields, section headers, relocation entries, symbols, instructions, BTF and
// DWARF bytes (with .BTF.ext hidden, so DWARF is read), the values of
// relocated symbols and instructions, and stacked combinations. Every mutant goes through
// loader::load_object_from_memory and, when accepted, cfg::Cfg::build and
// isa::format_instruction for every program, plus the invariants that
// bpf_object.hpp documents (one ref / line per slot, indices in range).
// Input is hostile: any crash, sanitizer report, uncaught exception,
// violated invariant or run longer than the bound is a failure.
//
// Each mutant runs in a forked child so one crash does not hide the rest;
// the report lists every failing mutant with its seed, index and mutation,
// which the environment variables below replay:
//   BPFCHECK_FUZZ_SEEDS=a.o:dir/   seed files or directories (default: see CMake)
//   BPFCHECK_FUZZ_PER_SEED=N       mutants per seed (default: enough for >= 1200)
//   BPFCHECK_FUZZ_ONLY=SEED_NAME#I one mutant only
//   BPFCHECK_FUZZ_NOFORK=1         run in-process (for a debugger or a sanitizer stack)
//   BPFCHECK_FUZZ_DUMP=DIR         write every failing mutant to DIR
// The random generator is self-contained (no std:: distributions), so the
// mutants are the same on every platform.
#include "cfg/cfg.hpp"
#include "cfg/isa/printer.hpp"
#include "cfg/loader/loader.hpp"

#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#ifndef BPFCHECK_FUZZ_SEED_DIRS
#define BPFCHECK_FUZZ_SEED_DIRS "/usr/lib/x86_64-linux-gnu/bpf"
#endif

#if defined(__SANITIZE_ADDRESS__)
#define BPFCHECK_FUZZ_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define BPFCHECK_FUZZ_SANITIZED 1
#endif
#endif
#ifndef BPFCHECK_FUZZ_SANITIZED
#define BPFCHECK_FUZZ_SANITIZED 0
#endif

namespace fs = std::filesystem;
using namespace bpfcheck;
using Bytes = std::vector<std::uint8_t>;

namespace {

constexpr std::uint64_t kBaseSeed = 0x6270666368656b21ULL;  // "bpfchek!"
constexpr std::size_t kMinimumMutants = 2400;
// Bound per input: 2 s, scaled for the sanitizer build, which runs ~5-10x slower.
constexpr double kBoundSeconds = BPFCHECK_FUZZ_SANITIZED ? 20.0 : 2.0;
constexpr unsigned kHardKillSeconds = BPFCHECK_FUZZ_SANITIZED ? 120 : 30;

// Child exit codes; anything else (a signal, a sanitizer's exit 1) is a crash.
enum Outcome : int {
    kAccepted = 0,     // loaded, CFG built for every program
    kCfgRejected = 3,  // loaded, but Cfg::build returned an error for a program
    kRejected = 4,     // the loader returned an error
    kException = 5,    // an exception escaped
    kSlow = 6,         // took longer than the bound
    kInvariant = 7,    // the loaded object breaks a documented invariant
};

// splitmix64: small, fast, and the same everywhere.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
    bool chance(unsigned percent) { return below(100) < percent; }

private:
    std::uint64_t m_state;
};

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
struct SectionInfo {
    std::size_t header_at = 0;  // file offset of the Elf64_Shdr
    std::string name;
    std::uint32_t type = 0;
    std::uint64_t flags = 0;
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
    std::uint64_t entsize = 0;
};

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

struct Seed {
    std::string name;
    Bytes bytes;
    std::vector<SectionInfo> sections;
    std::uint64_t shstrtab_offset = 0;  // file offset of the section-name string table
};

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
using Mutator = std::string (*)(const Seed&, Bytes&, Rng&);

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

constexpr std::size_t kKinds = 12;  // the eleven mutators, then "stacked"

struct Mutant {
    std::string seed;
    std::size_t index = 0;
    std::string kind;
    std::string description;
    Bytes bytes;
};

Mutant make_mutant(const Seed& seed, std::size_t index) {
    Rng rng(kBaseSeed ^ fnv1a(seed.name) ^ (0x9e3779b97f4a7c15ULL * (index + 1)));
    Mutant m{seed.name, index, {}, {}, seed.bytes};
    const std::size_t kind = index % kKinds;
    if (kind < mutators().size()) {
        m.kind = mutators()[kind].first;
        m.description = mutators()[kind].second(seed, m.bytes, rng);
    } else {
        m.kind = "stacked";
        const std::uint64_t count = 2 + rng.below(3);
        for (std::uint64_t i = 0; i < count && !m.bytes.empty(); ++i) {
            const auto& [name, mutate] = mutators()[rng.below(mutators().size())];
            if (mutate == truncate && i + 1 < count) {
                continue;  // truncating first would leave the others nothing to aim at
            }
            m.description += (m.description.empty() ? "" : "; ") + mutate(seed, m.bytes, rng);
        }
    }
    return m;
}

bool invariants_hold(const loader::BpfObject& object, std::string& why) {
    std::ostringstream out;
    for (const auto& map : object.maps) {
        if (map.inner_map != loader::kNoIndex && map.inner_map >= object.maps.size()) {
            out << "map " << map.name << ": inner_map out of range";
        }
    }
    for (const auto& program : object.programs) {
        const std::size_t n = program.slots.size();
        if (program.insns.size() != n || program.refs.size() != n || program.line_of.size() != n ||
            program.line_starts.size() != n) {
            out << program.name << ": per-slot vectors differ in size (slots " << n << ", insns "
                << program.insns.size() << ", refs " << program.refs.size() << ", line_of " << program.line_of.size()
                << ", line_starts " << program.line_starts.size() << "); ";
        }
        std::size_t covered = 0;
        for (std::size_t f = 0; f < program.functions.size(); ++f) {
            const auto& piece = program.functions[f];
            if (piece.function >= object.functions.size() || piece.start != covered) {
                out << program.name << ": linked function " << f << " misplaced; ";
            }
            covered += piece.size;
        }
        if (program.functions.empty() || covered != n) {
            out << program.name << ": linked functions cover " << covered << " of " << n << " slots; ";
        }
        for (std::size_t i = 0; i < n && i < program.refs.size() && i < program.line_of.size(); ++i) {
            const auto& ref = program.refs[i];
            if ((ref.map_index != loader::kNoIndex && ref.map_index >= object.maps.size()) ||
                (ref.target_insn != loader::kNoIndex && ref.target_insn >= n) ||
                (program.line_of[i] != loader::kNoIndex && program.line_of[i] >= object.lines.size())) {
                out << program.name << ": instruction " << i << " refers out of range; ";
                break;
            }
        }
        for (const auto& core : program.core_relocs) {
            if (core.insn >= n) {
                out << program.name << ": CO-RE record at " << core.insn << " beyond the program; ";
            }
        }
    }
    why = out.str();
    return why.empty();
}

// Everything a CLI command would do with the mutant. Returns an Outcome.
int exercise(const Bytes& bytes, std::string& detail) {
    const auto start = std::chrono::steady_clock::now();
    int outcome = kAccepted;
    try {
        auto object = loader::load_object_from_memory(bytes, "mutant.o");
        if (!object) {
            detail = object.error().message;
            outcome = kRejected;
        } else if (!invariants_hold(*object, detail)) {
            outcome = kInvariant;
        } else {
            for (const auto& program : object->programs) {
                std::vector<std::uint32_t> starts;
                for (const auto& piece : program.functions) {
                    starts.push_back(piece.start);
                }
                std::size_t printed = 0;
                for (std::size_t i = 0; i < program.insns.size(); ++i) {
                    printed += isa::format_instruction(program.insns[i], program.refs[i].symbol).size();
                    printed += isa::format_with_opcode(program.insns[i], program.slots[i].opcode).size();
                }
                auto graph = cfg::Cfg::build(program.insns, starts);
                if (!graph) {
                    detail = graph.error().message;
                    outcome = kCfgRejected;
                    continue;
                }
                for (const auto& function : graph->functions()) {
                    printed += function.wto.to_string().size();
                }
                printed += graph
                               ->to_dot(program.name,
                                        [&](std::uint32_t i) { return isa::format_instruction(program.insns[i]); })
                               .size();
                if (printed == 0) {
                    detail = "nothing printed";
                    outcome = kInvariant;
                }
            }
        }
    } catch (const std::exception& error) {
        detail = std::string("exception: ") + error.what();
        return kException;
    } catch (...) {
        detail = "unknown exception";
        return kException;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (seconds > kBoundSeconds) {
        detail = "took " + std::to_string(seconds) + " s";
        return kSlow;
    }
    return outcome;
}

struct Result {
    int outcome = kAccepted;  // an Outcome, or -1 for a crash
    std::string detail;
    double seconds = 0;
};

Result run_in_child(const Bytes& bytes) {
    std::cout.flush();
    std::cerr.flush();
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid < 0) {
        return {-1, std::string("fork failed: ") + std::strerror(errno), 0};
    }
    if (pid == 0) {
        // Catch2's fatal-signal handlers would report the child as a finished
        // test run; the parent reports instead.
        for (const int sig : {SIGSEGV, SIGABRT, SIGFPE, SIGBUS, SIGILL}) {
            std::signal(sig, SIG_DFL);
        }
        alarm(kHardKillSeconds);
        if (!BPFCHECK_FUZZ_SANITIZED) {
            const rlimit memory{4ULL << 30, 4ULL << 30};  // a runaway allocation fails instead of swapping
            setrlimit(RLIMIT_AS, &memory);
        }
        std::string detail;
        _exit(exercise(bytes, detail));
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    Result result;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (WIFSIGNALED(status)) {
        result.outcome = -1;
        result.detail = std::string("killed by signal ") + std::to_string(WTERMSIG(status)) + " (" +
                        strsignal(WTERMSIG(status)) + ")";
    } else {
        const int code = WEXITSTATUS(status);
        const bool known = code == kAccepted || code == kCfgRejected || code == kRejected || code == kException ||
                           code == kSlow || code == kInvariant;
        result.outcome = known ? code : -1;
        if (!known) {
            result.detail =
                "exited with " + std::to_string(code) + " (a sanitizer report or a fatal error, see stderr)";
        }
    }
    return result;
}

std::vector<Seed> load_seeds(std::string& where) {
    const char* env = std::getenv("BPFCHECK_FUZZ_SEEDS");
    where = env != nullptr ? env : BPFCHECK_FUZZ_SEED_DIRS;
    std::vector<fs::path> files;
    std::stringstream list(where);
    for (std::string item; std::getline(list, item, ':');) {
        std::error_code error;
        if (fs::is_directory(item, error)) {
            for (const auto& entry : fs::directory_iterator(item, error)) {
                if (entry.path().extension() == ".o") {
                    files.push_back(entry.path());
                }
            }
        } else if (fs::is_regular_file(item, error)) {
            files.emplace_back(item);
        }
    }
    std::sort(files.begin(), files.end());
    std::vector<Seed> seeds;
    for (const auto& path : files) {
        std::ifstream in(path, std::ios::binary);
        Seed seed{path.filename().string(), Bytes(std::istreambuf_iterator<char>(in), {}), {}};
        if (seed.bytes.size() < 64) {
            continue;
        }
        // Seeds must load: a mutant of a broken seed tests nothing.
        if (!loader::load_object_from_memory(seed.bytes, seed.name)) {
            WARN("seed " << path << " does not load; skipped");
            continue;
        }
        seed.sections = parse_sections(seed.bytes, seed.shstrtab_offset);
        seeds.push_back(std::move(seed));
    }
    return seeds;
}

}  // namespace

TEST_CASE("mutated BPF objects never crash the loader, the CFG builder or the printer", "[loader][fuzz]") {
    std::string where;
    const std::vector<Seed> seeds = load_seeds(where);
    if (seeds.empty()) {
        WARN("SKIPPED: no seed objects found in " << where
                                                  << " (install xdp-tools, or set BPFCHECK_FUZZ_SEEDS=file.o:dir)");
        return;
    }
    std::size_t per_seed = (kMinimumMutants + seeds.size() - 1) / seeds.size();
    if (const char* env = std::getenv("BPFCHECK_FUZZ_PER_SEED")) {
        per_seed = std::strtoull(env, nullptr, 10);
    }
    const char* only = std::getenv("BPFCHECK_FUZZ_ONLY");
    const bool no_fork = std::getenv("BPFCHECK_FUZZ_NOFORK") != nullptr;
    const char* dump = std::getenv("BPFCHECK_FUZZ_DUMP");

    std::map<int, std::size_t> totals;
    std::map<std::string, std::map<int, std::size_t>> by_kind;
    std::vector<std::string> failures;
    double slowest = 0;
    std::string slowest_name;
    std::size_t ran = 0;
    for (const Seed& seed : seeds) {
        for (std::size_t index = 0; index < per_seed; ++index) {
            const std::string name = seed.name + "#" + std::to_string(index);
            if (only != nullptr && name != only) {
                continue;
            }
            const Mutant mutant = make_mutant(seed, index);
            ++ran;
            Result result;
            if (no_fork) {
                INFO("mutant " << name << " (" << mutant.kind << "): " << mutant.description);
                const auto start = std::chrono::steady_clock::now();
                result.outcome = exercise(mutant.bytes, result.detail);
                result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                if (only != nullptr) {
                    std::cout << name << ": outcome " << result.outcome << ": " << result.detail << "\n";
                }
            } else {
                result = run_in_child(mutant.bytes);
            }
            ++totals[result.outcome];
            ++by_kind[mutant.kind][result.outcome];
            if (result.seconds > slowest) {
                slowest = result.seconds;
                slowest_name = name;
            }
            const bool bad = result.outcome == -1 || result.outcome == kException || result.outcome == kSlow ||
                             result.outcome == kInvariant;
            if (bad) {
                std::ostringstream line;
                line << name << " [" << mutant.kind << ": " << mutant.description << "]: "
                     << (result.outcome == kException   ? "uncaught exception"
                         : result.outcome == kSlow      ? "slower than the bound"
                         : result.outcome == kInvariant ? "object invariant violated"
                                                        : "crash")
                     << (result.detail.empty() ? "" : " - " + result.detail);
                failures.push_back(line.str());
                if (dump != nullptr) {
                    fs::create_directories(dump);
                    std::ofstream out(fs::path(dump) / (name + ".o"), std::ios::binary);
                    out.write(reinterpret_cast<const char*>(mutant.bytes.data()),
                              static_cast<std::streamsize>(mutant.bytes.size()));
                }
            }
        }
    }
    const auto count = [&](const std::map<int, std::size_t>& m, int outcome) {
        const auto found = m.find(outcome);
        return found == m.end() ? std::size_t{0} : found->second;
    };
    std::ostringstream summary;
    summary << ran << " mutants of " << seeds.size() << " seed objects (" << where << "): " << count(totals, kAccepted)
            << " accepted, " << count(totals, kCfgRejected) << " loaded but rejected by the CFG builder, "
            << count(totals, kRejected) << " rejected by the loader, " << failures.size() << " failed; slowest "
            << slowest << " s (" << slowest_name << ")\n";
    for (const auto& [kind, outcomes] : by_kind) {
        summary << "  " << kind << ": " << count(outcomes, kAccepted) << " accepted, " << count(outcomes, kCfgRejected)
                << " cfg-rejected, " << count(outcomes, kRejected) << " rejected, "
                << count(outcomes, -1) + count(outcomes, kException) + count(outcomes, kSlow) +
                       count(outcomes, kInvariant)
                << " failed\n";
    }
    std::cout << summary.str();
    for (const auto& failure : failures) {
        std::cout << "FAILED " << failure << "\n";
    }
    if (only == nullptr) {
        CHECK(ran >= std::min<std::size_t>(kMinimumMutants, per_seed * seeds.size()));
    }
    CHECK(failures.empty());
}
