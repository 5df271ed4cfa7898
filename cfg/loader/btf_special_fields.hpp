// The special fields of a map value (bpf_spin_lock, bpf_timer, bpf_wq,
// bpf_list_head, bpf_rb_root), found in its BTF type as the kernel's
// btf_parse_fields finds them: by the struct's name, in the value's members,
// nested structs and arrays (kernel/bpf/btf.c, btf_find_field_one).
#pragma once

#include "cfg/program/program.hpp"

#include <cstdint>
#include <vector>

struct btf;

namespace bpfcheck::loader {

std::vector<model::MapField> special_fields(const btf& types, std::uint32_t value_type_id);

}  // namespace bpfcheck::loader
