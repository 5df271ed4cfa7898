// Builds the BpfObject from an ElfImage: functions, maps, externs, and every
// program linked with its subprograms the way libbpf links them before load.
#pragma once

#include "cfg/expected.hpp"
#include "cfg/program/program.hpp"
#include "cfg/loader/elf_image.hpp"

namespace bpfcheck::loader {

Expected<BpfObject> build_object(const ElfImage& image);

}  // namespace bpfcheck::loader
