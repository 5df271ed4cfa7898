// Function prototypes from the object's BTF: linkage (static or global) and
// each parameter's kind, for the analyzer to verify global functions on
// their own against their signature, as the kernel does.
#pragma once

#include "cfg/loader/elf_image.hpp"

#include <cstdint>
#include <string>

struct btf;

namespace bpfcheck::loader {

void read_btf_functions(const btf& types, ElfImage& image);

// The shape libbpf's bpf_core_types_are_compat compares of type `id` (a
// FUNC_PROTO, for a kfunc extern against the kernel's function): kinds
// after typedefs and modifiers, pointers and arrays followed to what they
// hold, a prototype's parameters and return type; names are not compared,
// an enum matches an enum64, and a bitfield-like integer matches nothing
// (the shape then holds '!'). Two types are compatible when their shapes
// are equal and free of '!'.
std::string core_shape(const btf& types, std::uint32_t id, int depth = 32);

}  // namespace bpfcheck::loader
