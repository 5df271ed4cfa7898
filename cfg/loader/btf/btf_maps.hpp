// Map definitions in the BTF `.maps` section and `.kconfig` externs, read
// with libbpf's BTF parser (which needs only .BTF, as libbpf itself does when
// it opens an object; LLVM's BTFParser insists on .BTF.ext too).
#pragma once

#include "cfg/expected.hpp"
#include "cfg/loader/elf_image.hpp"

#include <cstdint>
#include <span>

namespace bpfcheck::loader {

Expected<bool> read_btf_maps(std::span<const std::uint8_t> btf, ElfImage& image);

}  // namespace bpfcheck::loader
