// CO-RE field relocations (BPF_CORE_FIELD_BYTE_OFFSET) name a root type and
// an access string "0:i:j...": the first index steps over the root pointer,
// then each index picks a member of a struct or union, or an element of an
// array (libbpf's bpf_core_parse_spec). The member the walk ends at is what
// the relocated load reads; libbpf only relocates it to a member of the
// running kernel's type that is compatible (bpf_core_fields_are_compat: an
// integer to an integer, an enum to an enum, a float to a float, a pointer
// to any pointer), so where this member is a number the kernel's
// btf_struct_walk finds a number too (WALK_SCALAR). Walks go through
// libbpf's BTF parser, which guards type ids and cycles.
#include "cfg/loader/btf/btf_core_members.hpp"

#include <bpf/btf.h>

#include <charconv>
#include <memory>
#include <string_view>

namespace bpfcheck::loader {
namespace {

using model::core_relo::kFieldByteOffset;
using model::core_relo::kTypeIdLocal;

struct BtfDeleter {
    void operator()(btf* b) const { btf__free(b); }
};

// The type behind typedefs and modifiers, or nullptr.
const btf_type* skip_aliases(const btf* types, std::uint32_t id, std::uint32_t* out_id) {
    const int target = btf__resolve_type(types, id);
    if (target < 0) {
        return nullptr;
    }
    *out_id = static_cast<std::uint32_t>(target);
    return btf__type_by_id(types, *out_id);
}

CoreMember classify(const btf* types, std::uint32_t id) {
    std::uint32_t resolved_id = 0;
    const btf_type* type = skip_aliases(types, id, &resolved_id);
    if (type == nullptr) {
        return CoreMember::Unknown;
    }
    if (btf_is_int(type) || btf_is_any_enum(type) || btf_is_float(type)) {
        return CoreMember::Scalar;
    }
    return btf_is_ptr(type) ? CoreMember::Pointer : CoreMember::Other;
}

// `field`: the name of the member the access ends at, when it ends at a
// struct or union member (empty after an array element).
CoreMember member_of(const btf* types, std::uint32_t root, std::string_view access, std::string& field) {
    std::uint32_t id = root;
    bool first = true;
    while (!access.empty()) {
        const std::size_t colon = access.find(':');
        const std::string_view part = access.substr(0, colon);
        access = colon == std::string_view::npos ? std::string_view{} : access.substr(colon + 1);
        std::uint32_t index = 0;
        const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), index);
        if (error != std::errc{} || end != part.data() + part.size()) {
            return CoreMember::Unknown;
        }
        if (first) {
            first = false;  // over the root pointer: the type stays the root
            continue;
        }
        std::uint32_t resolved_id = 0;
        const btf_type* type = skip_aliases(types, id, &resolved_id);
        if (type == nullptr) {
            return CoreMember::Unknown;
        }
        if (btf_is_composite(type)) {
            if (index >= btf_vlen(type)) {
                return CoreMember::Unknown;
            }
            id = btf_members(type)[index].type;
            const char* name = btf__name_by_offset(types, btf_members(type)[index].name_off);
            field = name != nullptr ? name : "";
        } else if (btf_is_array(type)) {
            id = btf_array(type)->type;
            field.clear();
        } else {
            return CoreMember::Unknown;
        }
    }
    return first ? CoreMember::Unknown : classify(types, id);
}

// The type behind modifiers and typedefs, as btf_type_skip_modifiers
// (whose modifiers include typedefs).
const btf_type* skip_modifiers(const btf* types, std::uint32_t id) {
    const btf_type* type = btf__type_by_id(types, id);
    for (int hops = 0; type != nullptr && (btf_is_mod(type) || btf_is_typedef(type)) && hops < 32; ++hops) {
        type = btf__type_by_id(types, type->type);
    }
    return type;
}

bool is_number(const btf_type* type) {
    return type != nullptr && (btf_is_int(type) || btf_is_any_enum(type));
}

// __btf_type_is_scalar_struct: members are numbers, non-empty arrays of
// numbers, or such structs (at most three levels below the first).
bool scalar_struct(const btf* types, const btf_type* type, int depth) {
    if (type == nullptr || !btf_is_struct(type)) {
        return false;
    }
    const btf_member* members = btf_members(type);
    for (std::uint16_t i = 0; i < btf_vlen(type); ++i) {
        const btf_type* member = skip_modifiers(types, members[i].type);
        if (member != nullptr && btf_is_struct(member)) {
            if (depth >= 3 || !scalar_struct(types, member, depth + 1)) {
                return false;
            }
            continue;
        }
        if (member != nullptr && btf_is_array(member)) {
            if (btf_array(member)->nelems == 0 || !is_number(skip_modifiers(types, btf_array(member)->type))) {
                return false;
            }
            continue;
        }
        if (!is_number(member)) {
            return false;
        }
    }
    return true;
}

// Whether a struct holds, at any depth, one of the fields the kernel keeps
// a struct meta for in allocated objects (btf_parse_struct_metas).
bool graph_fields(const btf* types, const btf_type* type, int depth) {
    if (type == nullptr || depth > 8 || (!btf_is_struct(type) && !btf_is_union(type))) {
        return false;
    }
    const btf_member* members = btf_members(type);
    for (std::uint16_t i = 0; i < btf_vlen(type); ++i) {
        std::uint32_t id = 0;
        const btf_type* member = skip_aliases(types, members[i].type, &id);
        while (member != nullptr && btf_is_array(member)) {
            member = skip_aliases(types, btf_array(member)->type, &id);
        }
        if (member == nullptr || (!btf_is_struct(member) && !btf_is_union(member))) {
            continue;
        }
        const char* name = btf__name_by_offset(types, member->name_off);
        const std::string_view n = name != nullptr ? name : "";
        if (n == "bpf_spin_lock" || n == "bpf_list_head" || n == "bpf_list_node" || n == "bpf_rb_root" ||
            n == "bpf_rb_node" || n == "bpf_refcount" || graph_fields(types, member, depth + 1)) {
            return true;
        }
    }
    return false;
}

}  // namespace

void resolve_core_members(std::span<const std::uint8_t> bytes, ElfImage& image) {
    if (image.core_records.empty()) {
        return;
    }
    std::unique_ptr<btf, BtfDeleter> types(btf__new(bytes.data(), static_cast<std::uint32_t>(bytes.size())));
    if (!types) {
        return;
    }
    for (CoreRecord& record : image.core_records) {
        if (const btf_type* root = btf__type_by_id(types.get(), record.type_id); root != nullptr) {
            record.root_kind = static_cast<std::uint8_t>(btf_kind(root));
            const char* name = btf__name_by_offset(types.get(), root->name_off);
            record.root = name != nullptr ? name : "";  // field relocations: replaced below by the struct's
        }
        if (record.kind == kTypeIdLocal) {
            const btf_type* type = btf__type_by_id(types.get(), record.type_id);
            const long long size = btf__resolve_size(types.get(), record.type_id);
            record.local.size = size > 0 && size < (1LL << 31) ? static_cast<std::uint32_t>(size) : 0;
            record.local.scalar_struct = scalar_struct(types.get(), type, 0);
            record.local.graph_fields = graph_fields(types.get(), type, 0);
        }
        if (record.kind == kFieldByteOffset) {
            record.member = member_of(types.get(), record.type_id, record.access, record.field);
            std::uint32_t root_id = 0;
            if (const btf_type* root = skip_aliases(types.get(), record.type_id, &root_id); root != nullptr) {
                const char* name = btf__name_by_offset(types.get(), root->name_off);
                record.root = name != nullptr ? name : "";
            }
        }
    }
}

}  // namespace bpfcheck::loader
