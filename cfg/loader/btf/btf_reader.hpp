// Reading BTF and BTF.ext through llvm/DebugInfo/BTF: maps declared in the
// `.maps` section, `.kconfig` externs, line info and CO-RE relocation records.
#pragma once

#include "cfg/expected.hpp"
#include "cfg/loader/elf_image.hpp"

namespace llvm::object {
class ObjectFile;
}

namespace bpfcheck::loader {

Expected<bool> read_btf(const llvm::object::ObjectFile& object, ElfImage& image, bool want_lines);

}  // namespace bpfcheck::loader
