// What each CO-RE field relocation's member is (an integer, a pointer to a
// struct, ...), from the object's own BTF: the analyzer types a load that
// libbpf relocates by it without applying the relocation itself.
#pragma once

#include "cfg/loader/elf_image.hpp"

#include <cstdint>
#include <span>

namespace bpfcheck::loader {

// Sets CoreRecord::member for every field byte-offset record of `image`.
// Records whose access string does not walk the BTF stay Unknown.
void resolve_core_members(std::span<const std::uint8_t> btf, ElfImage& image);

}  // namespace bpfcheck::loader
