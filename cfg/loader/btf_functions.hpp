// Function prototypes from the object's BTF: linkage (static or global) and
// each parameter's kind, for the analyzer to verify global functions on
// their own against their signature, as the kernel does.
#pragma once

#include "cfg/loader/elf_image.hpp"

struct btf;

namespace bpfcheck::loader {

void read_btf_functions(const btf& types, ElfImage& image);

}  // namespace bpfcheck::loader
