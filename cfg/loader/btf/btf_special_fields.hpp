// The special fields of a map value (bpf_spin_lock, bpf_timer, bpf_wq,
// bpf_list_head, bpf_rb_root), found in its BTF type as the kernel's
// btf_parse_fields finds them: by the struct's name, in the value's members,
// nested structs and arrays (kernel/bpf/btf.c, btf_find_field_one). A
// graph root's `__contains` declaration is resolved to its node's offset;
// one that does not resolve makes the kernel refuse the value's BTF, and
// libbpf then creates the map without it: no special fields at all.
#pragma once

#include "cfg/program/program.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

struct btf;

namespace bpfcheck::loader {

std::vector<model::MapField> special_fields(const btf& types, std::uint32_t value_type_id);
// A global-data map's value is its section's DATASEC (btf_find_datasec_var):
// each variable, at the offset libbpf gives it (btf_fixup_datasec: its
// symbol's value, which `offset_of` finds by name; else the DATASEC's own), is
// a special struct itself or holds some.
std::vector<model::MapField> datasec_special_fields(
    const btf& types, std::uint32_t datasec_id,
    const std::function<std::optional<std::uint32_t>(std::string_view)>& offset_of);

}  // namespace bpfcheck::loader
