// Which struct_ops member each program implements, as libbpf finds it
// (bpf_object__collect_st_ops_relos): a variable of a `.struct_ops` or
// `.struct_ops.link` section, typed in BTF as the struct_ops type (e.g.
// `struct tcp_congestion_ops cubic`), holds function pointers that the
// section's relocations point at programs; the member a relocation lands in
// names the kernel callback the program is loaded for, whose prototype types
// the program's arguments.
#pragma once

#include "cfg/loader/elf_image.hpp"

struct btf;

namespace bpfcheck::loader {

// Fills image.struct_ops_members from image.struct_ops_relocs and the
// `.struct_ops*` DATASECs of `types`.
void read_struct_ops_members(const btf& types, ElfImage& image);

}  // namespace bpfcheck::loader
