// Line info from DWARF, for objects built without BTF (`-g` with old clang,
// or BTF stripped): instruction address -> file and line.
#pragma once

#include "cfg/loader/elf_image.hpp"

namespace llvm::object {
class ObjectFile;
}

namespace bpfcheck::loader {

void read_dwarf_lines(const llvm::object::ObjectFile& object, ElfImage& image);

}  // namespace bpfcheck::loader
