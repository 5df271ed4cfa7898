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

constexpr std::uint32_t kFieldByteOffset = 0;  // enum bpf_core_relo_kind

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
