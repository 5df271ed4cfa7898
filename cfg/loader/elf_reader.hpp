// Reading an ELF file into an ElfImage, through LLVM's Object library and
// llvm/DebugInfo/BTF (with DWARF as the fallback for line info).
#pragma once

#include "cfg/expected.hpp"
#include "cfg/loader/elf_image.hpp"
#include "cfg/loader/loader.hpp"

#include <span>

namespace bpfcheck::loader {

Expected<ElfImage> read_elf_image(std::span<const std::uint8_t> bytes, const std::string& name,
                                  const LoadOptions& options);

}  // namespace bpfcheck::loader
