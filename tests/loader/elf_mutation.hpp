// ELF mutations for the loader fuzz test: a portable random generator,
// the section table of a seed object, and the mutators (bit flips, byte
// overwrites, truncation, corrupted headers, relocations, symbols,
// instructions, BTF, DWARF, relocated symbols), each of which damages a
// seed's bytes in place and says what it did.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace bpfcheck::fuzz {

using Bytes = std::vector<std::uint8_t>;

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

std::uint64_t fnv1a(const std::string& text);

struct SectionInfo {
    std::size_t header_at = 0;  // file offset of the Elf64_Shdr
    std::string name;
    std::uint32_t type = 0;
    std::uint64_t flags = 0;
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
    std::uint64_t entsize = 0;
};

std::vector<SectionInfo> parse_sections(const Bytes& b, std::uint64_t& shstrtab_offset);

struct Seed {
    std::string name;
    Bytes bytes;
    std::vector<SectionInfo> sections;
    std::uint64_t shstrtab_offset = 0;  // file offset of the section-name string table
};

using Mutator = std::string (*)(const Seed&, Bytes&, Rng&);

// The mutation kinds, by name; "truncation" cuts the file short.
const std::vector<std::pair<const char*, Mutator>>& mutators();

}  // namespace bpfcheck::fuzz
