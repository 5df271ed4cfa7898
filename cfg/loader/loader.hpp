// Entry points of the object loader.
#pragma once

#include "cfg/expected.hpp"
#include "cfg/program/program.hpp"

#include <cstdint>
#include <span>
#include <string>

namespace bpfcheck::loader {

using namespace model;  // NOLINT(google-build-using-namespace): the loader builds the model

struct LoadOptions {
    bool want_lines = true;  // BTF line info / DWARF lines
};

// Reads a BPF ELF object from disk. Errors name the object and, where there
// is one, the section and instruction at fault.
Expected<BpfObject> load_object(const std::string& path, const LoadOptions& options = {});

// Same, for an object already in memory; `name` is used in messages.
Expected<BpfObject> load_object_from_memory(std::span<const std::uint8_t> bytes, const std::string& name,
                                            const LoadOptions& options = {});

// What the kernel sees of an object a loader without CAP_BPF loads: the
// kernel refuses it BTF (BPF_BTF_LOAD needs CAP_BPF) and libbpf goes on
// without it, so maps have no BTF types and programs no func info, as when
// the kernel refuses the object's BTF. (The local-storage maps, which the
// kernel creates only with BTF, are left to the loader: test_loader, for
// one, does not create maps an unprivileged loader may not.)
void apply_unprivileged_view(BpfObject& object);

}  // namespace bpfcheck::loader
