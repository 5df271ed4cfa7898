// Finding BPF objects under directories by their ELF header (see inputs.hpp).
#include "cli/batch/inputs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace bpfcheck::cli::batch {

namespace {

constexpr std::uint16_t kEmNone = 0;
constexpr std::uint16_t kEmBpf = 247;
constexpr std::uint16_t kEtRel = 1;

template <typename T>
T read_field(const unsigned char* bytes, bool little) {
    T value = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) {
        const std::size_t shift = little ? i : sizeof(T) - 1 - i;
        value |= static_cast<T>(static_cast<T>(bytes[i]) << (8 * shift));
    }
    return value;
}

// EM_NONE objects: does the section name table hold a name only BPF objects
// use (license, maps, .maps, .BTF)?
bool has_bpf_section_names(std::ifstream& file, const unsigned char* header, bool little) {
    const auto shoff = read_field<std::uint64_t>(header + 0x28, little);
    const auto shentsize = read_field<std::uint16_t>(header + 0x3a, little);
    const auto shnum = read_field<std::uint16_t>(header + 0x3c, little);
    const auto shstrndx = read_field<std::uint16_t>(header + 0x3e, little);
    if (shentsize < 64 || shstrndx >= shnum) {
        return false;
    }
    std::array<unsigned char, 64> section{};
    file.seekg(static_cast<std::streamoff>(shoff + std::uint64_t{shstrndx} * shentsize));
    if (!file.read(reinterpret_cast<char*>(section.data()), section.size())) {
        return false;
    }
    const auto offset = read_field<std::uint64_t>(section.data() + 0x18, little);
    const auto size = std::min<std::uint64_t>(read_field<std::uint64_t>(section.data() + 0x20, little), 1 << 20);
    std::string names(size, '\0');
    file.seekg(static_cast<std::streamoff>(offset));
    if (!file.read(names.data(), static_cast<std::streamsize>(size))) {
        return false;
    }
    for (const char* wanted : {"license", "maps", ".maps", ".BTF"}) {
        const std::string needle = std::string(1, '\0') + wanted + std::string(1, '\0');
        if (names.find(needle) != std::string::npos) {
            return true;
        }
    }
    return false;
}

}  // namespace

bool is_bpf_elf(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::array<unsigned char, 64> header{};
    if (!file.read(reinterpret_cast<char*>(header.data()), header.size())) {
        return false;
    }
    if (std::memcmp(header.data(),
                    "\x7f"
                    "ELF",
                    4) != 0 ||
        header[4] != 2 /* ELFCLASS64 */) {
        return false;
    }
    const bool little = header[5] == 1;
    const auto type = read_field<std::uint16_t>(header.data() + 0x10, little);
    const auto machine = read_field<std::uint16_t>(header.data() + 0x12, little);
    if (type != kEtRel) {
        return false;
    }
    if (machine == kEmBpf) {
        return true;
    }
    return machine == kEmNone && has_bpf_section_names(file, header.data(), little);
}

Inputs collect_inputs(const std::vector<std::string>& paths) {
    namespace fs = std::filesystem;
    Inputs inputs;
    for (const std::string& path : paths) {
        std::error_code error;
        if (!fs::is_directory(path, error)) {
            inputs.objects.push_back(path);  // the loader reports what is wrong with it
            continue;
        }
        std::vector<std::string> found;
        for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, error);
             !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
            if (it->is_regular_file(error) && is_bpf_elf(it->path().string())) {
                found.push_back(it->path().string());
            }
        }
        if (error) {
            inputs.errors.push_back(fmt::format("{}: {}", path, error.message()));
        }
        if (found.empty()) {
            inputs.errors.push_back(fmt::format("{}: no BPF ELF object under this directory", path));
        }
        std::sort(found.begin(), found.end());
        inputs.objects.insert(inputs.objects.end(), found.begin(), found.end());
    }
    return inputs;
}

}  // namespace bpfcheck::cli::batch
