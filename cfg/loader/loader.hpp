// Entry points of the object loader.
#pragma once

#include "cfg/expected.hpp"
#include "cfg/program/program.hpp"

#include <cstdint>
#include <span>
#include <string>

namespace bpfcheck::loader {

struct LoadOptions {
    bool want_lines = true;  // BTF line info / DWARF lines
};

// Reads a BPF ELF object from disk. Errors name the object and, where there
// is one, the section and instruction at fault.
Expected<BpfObject> load_object(const std::string& path, const LoadOptions& options = {});

// Same, for an object already in memory; `name` is used in messages.
Expected<BpfObject> load_object_from_memory(std::span<const std::uint8_t> bytes, const std::string& name,
                                            const LoadOptions& options = {});

}  // namespace bpfcheck::loader
