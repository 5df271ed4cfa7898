// .BTF.ext is optional: an object whose maps are declared in BTF `.maps`
// needs `.BTF`, not `.BTF.ext` (line info and CO-RE records). libbpf opens
// such objects (bpf_object__init_btf treats .BTF.ext as optional), so the
// loader must too, with the same programs and maps.
//
// Each seed object with `.maps` and `.BTF.ext` is loaded as is and with
// `.BTF.ext` renamed away (its name's last byte changed, which is what
// stripping it means to every name-based reader). The oracle is libbpf
// itself when the test is built with it (BPFCHECK_HAVE_LIBBPF), else the
// loader's own result for the unmodified object.
#include "cfg/loader/loader.hpp"

#include <catch2/catch.hpp>

#ifdef BPFCHECK_HAVE_LIBBPF
#include <bpf/libbpf.h>
#endif

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#ifndef BPFCHECK_SEED_DIRS
#define BPFCHECK_SEED_DIRS "/usr/lib/x86_64-linux-gnu/bpf"
#endif

namespace fs = std::filesystem;
using namespace bpfcheck;
using Bytes = std::vector<std::uint8_t>;

namespace {

std::uint64_t read_le(const Bytes& b, std::size_t at, std::size_t width) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < width && at + i < b.size(); ++i) {
        value |= static_cast<std::uint64_t>(b[at + i]) << (8 * i);
    }
    return value;
}

struct Section {
    std::string name;
    std::uint64_t name_at = 0;  // file offset of the name string
};

std::vector<Section> sections_of(const Bytes& b) {
    std::vector<Section> out;
    if (b.size() < 64 || read_le(b, 0x3a, 2) != 64) {
        return out;
    }
    const std::uint64_t shoff = read_le(b, 0x28, 8);
    const std::uint64_t shnum = read_le(b, 0x3c, 2);
    const std::uint64_t shstrndx = read_le(b, 0x3e, 2);
    if (shoff > b.size() || shnum > (b.size() - shoff) / 64 || shstrndx >= shnum) {
        return out;
    }
    const std::uint64_t strtab = read_le(b, shoff + shstrndx * 64 + 0x18, 8);
    for (std::uint64_t i = 0; i < shnum; ++i) {
        Section s;
        s.name_at = strtab + read_le(b, shoff + i * 64, 4);
        for (std::uint64_t at = s.name_at; at < b.size() && b[at] != 0; ++at) {
            s.name += static_cast<char>(b[at]);
        }
        out.push_back(s);
    }
    return out;
}

// A map as both libbpf and the loader describe it (user-declared maps only:
// libbpf names global-data maps after the object, so those are left out).
struct MapSummary {
    std::string name;
    std::uint32_t type, key_size, value_size, max_entries;
    bool operator==(const MapSummary&) const = default;
    bool operator<(const MapSummary& o) const { return name < o.name; }
};

std::string describe(const std::vector<MapSummary>& maps) {
    std::ostringstream out;
    for (const auto& m : maps) {
        out << m.name << "(type " << m.type << ", key " << m.key_size << ", value " << m.value_size << ", max "
            << m.max_entries << ") ";
    }
    return out.str();
}

struct Summary {
    std::vector<std::string> programs;
    std::vector<MapSummary> maps;
};

Summary summary_of(const model::BpfObject& object) {
    Summary s;
    for (const auto& p : object.programs) {
        s.programs.push_back(p.name);
    }
    for (const auto& m : object.maps) {
        if (m.origin != model::MapOrigin::GlobalData && m.name.find(".inner") == std::string::npos) {
            s.maps.push_back({m.name, m.type, m.key_size, m.value_size, m.max_entries});
        }
    }
    std::sort(s.programs.begin(), s.programs.end());
    std::sort(s.maps.begin(), s.maps.end());
    return s;
}

#ifdef BPFCHECK_HAVE_LIBBPF
int quiet(enum libbpf_print_level, const char*, va_list) {
    return 0;
}

// What libbpf makes of the object, or nothing if it cannot open it.
std::optional<Summary> libbpf_summary(const Bytes& bytes, const std::string& name) {
    libbpf_set_print(quiet);
    LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = name.c_str());
    bpf_object* object = bpf_object__open_mem(bytes.data(), bytes.size(), &opts);
    if (object == nullptr) {
        return std::nullopt;
    }
    Summary s;
    bpf_program* program = nullptr;
    bpf_object__for_each_program(program, object) {
        s.programs.emplace_back(bpf_program__name(program));
    }
    bpf_map* map = nullptr;
    bpf_object__for_each_map(map, object) {
        if (!bpf_map__is_internal(map)) {
            s.maps.push_back({bpf_map__name(map), static_cast<std::uint32_t>(bpf_map__type(map)),
                              bpf_map__key_size(map), bpf_map__value_size(map), bpf_map__max_entries(map)});
        }
    }
    bpf_object__close(object);
    std::sort(s.programs.begin(), s.programs.end());
    std::sort(s.maps.begin(), s.maps.end());
    return s;
}
#endif

std::vector<fs::path> seed_files() {
    std::vector<fs::path> files;
    std::stringstream list(BPFCHECK_SEED_DIRS);
    for (std::string item; std::getline(list, item, ':');) {
        std::error_code error;
        if (fs::is_directory(item, error)) {
            for (const auto& entry : fs::directory_iterator(item, error)) {
                if (entry.path().extension() == ".o") {
                    files.push_back(entry.path());
                }
            }
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("an object with BTF maps but no .BTF.ext loads with the same programs and maps", "[loader][btf]") {
    std::size_t candidates = 0;
    for (const auto& path : seed_files()) {
        std::ifstream in(path, std::ios::binary);
        const Bytes original(std::istreambuf_iterator<char>(in), {});
        const auto sections = sections_of(original);
        const auto has = [&](const char* name) {
            return std::any_of(sections.begin(), sections.end(), [&](const Section& s) { return s.name == name; });
        };
        if (!has(".maps") || !has(".BTF.ext")) {
            continue;
        }
        Bytes stripped = original;
        for (const Section& s : sections) {
            if (s.name == ".BTF.ext") {
                stripped[s.name_at + s.name.size() - 1] = 'X';  // ".BTF.exX": no longer .BTF.ext
            }
        }
        ++candidates;
        const std::string name = path.filename().string();
        INFO("object " << path);
        auto full = loader::load_object_from_memory(original, name);
        REQUIRE(full.has_value());
        const Summary expected_full = summary_of(*full);
        Summary expected = expected_full;
#ifdef BPFCHECK_HAVE_LIBBPF
        if (auto libbpf_full = libbpf_summary(original, name)) {
            CHECK(describe(expected_full.maps) == describe(libbpf_full->maps));
            CHECK(expected_full.programs == libbpf_full->programs);
        }
        auto libbpf_stripped = libbpf_summary(stripped, name);
        REQUIRE(libbpf_stripped.has_value());  // the oracle: libbpf opens it
        expected = *libbpf_stripped;
#endif
        auto without_ext = loader::load_object_from_memory(stripped, name);
        if (!without_ext) {
            FAIL_CHECK("without .BTF.ext: " << without_ext.error().message);
            continue;
        }
        const Summary actual = summary_of(*without_ext);
        CHECK(actual.programs == expected.programs);
        CHECK(describe(actual.maps) == describe(expected.maps));
    }
    if (candidates == 0) {
        WARN("no seed object with .maps and .BTF.ext in " BPFCHECK_SEED_DIRS);
    }
}
