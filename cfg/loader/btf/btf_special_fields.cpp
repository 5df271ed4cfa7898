// btf_find_struct_field / btf_find_field_one / btf_get_field_type, for the
// field kinds a map value may hold other than kptrs: a member whose type
// (unresolved, as the kernel looks at it) is named bpf_spin_lock, bpf_timer,
// bpf_wq, bpf_list_head or bpf_rb_root; other struct members are searched
// (btf_find_nested_struct); arrays repeat their element's fields.
#include "cfg/loader/btf/btf_special_fields.hpp"

#include <bpf/btf.h>

#include <functional>
#include <optional>
#include <string_view>

namespace bpfcheck::loader {
namespace {

using model::MapField;
using model::SpecialField;

constexpr int kMaxDepth = 32;  // MAX_RESOLVE_DEPTH
constexpr std::size_t kMaxFields = 64;

struct Named {
    std::string_view name;
    SpecialField kind;
    std::uint32_t size;
};
constexpr Named kSpecial[] = {
    {"bpf_spin_lock", SpecialField::SpinLock, 4}, {"bpf_timer", SpecialField::Timer, 16},
    {"bpf_wq", SpecialField::Workqueue, 16},      {"bpf_list_head", SpecialField::ListHead, 16},
    {"bpf_rb_root", SpecialField::RbRoot, 16},
};

std::optional<Named> special_of(const btf& types, const btf_type* type) {
    if (!btf_is_struct(type)) {
        return std::nullopt;
    }
    const char* raw = btf__name_by_offset(&types, type->name_off);
    const std::string_view name = raw == nullptr ? std::string_view{} : std::string_view{raw};
    for (const Named& named : kSpecial) {
        if (named.name == name) {
            return named;
        }
    }
    return std::nullopt;
}

void walk_struct(const btf& types, const btf_type* type, std::uint32_t base, int depth, std::vector<MapField>& out);

void walk_member(const btf& types, std::uint32_t type_id, std::uint32_t offset, int depth, std::vector<MapField>& out) {
    const btf_type* type = btf__type_by_id(&types, type_id);
    std::uint64_t count = 1;
    for (int i = 0; type != nullptr && btf_is_array(type) && i < kMaxDepth; ++i) {
        count *= btf_array(type)->nelems;
        type = btf__type_by_id(&types, btf_array(type)->type);
    }
    if (type == nullptr || count == 0 || !btf_is_struct(type)) {
        return;
    }
    const std::uint32_t element = type->size;
    for (std::uint64_t i = 0; i < count && out.size() < kMaxFields; ++i) {
        const auto at = static_cast<std::uint32_t>(offset + i * element);
        if (const auto special = special_of(types, type)) {
            out.push_back(MapField{special->kind, at, special->size});
        } else {
            walk_struct(types, type, at, depth + 1, out);
        }
    }
}

void walk_struct(const btf& types, const btf_type* type, std::uint32_t base, int depth, std::vector<MapField>& out) {
    if (depth >= kMaxDepth) {
        return;
    }
    const btf_member* members = btf_members(type);
    for (std::uint16_t i = 0; i < btf_vlen(type); ++i) {
        const std::uint32_t bits = btf_member_bit_offset(type, i);
        if (bits % 8 != 0) {
            continue;
        }
        walk_member(types, members[i].type, base + bits / 8, depth, out);
    }
}

}  // namespace

std::vector<MapField> special_fields(const btf& types, std::uint32_t value_type_id) {
    std::vector<MapField> out;
    // map_check_btf resolves the value type's typedefs and modifiers, then
    // searches its members (a value that is itself a bpf_spin_lock has none).
    const int resolved = value_type_id == 0 ? -1 : btf__resolve_type(&types, value_type_id);
    const btf_type* type = resolved < 0 ? nullptr : btf__type_by_id(&types, static_cast<std::uint32_t>(resolved));
    if (type != nullptr && btf_is_struct(type)) {
        walk_struct(types, type, 0, 0, out);
    }
    return out;
}

std::vector<MapField> datasec_special_fields(
    const btf& types, std::uint32_t datasec_id,
    const std::function<std::optional<std::uint32_t>(std::string_view)>& offset_of) {
    std::vector<MapField> out;
    const btf_type* datasec = btf__type_by_id(&types, datasec_id);
    if (datasec == nullptr || !btf_is_datasec(datasec)) {
        return out;
    }
    const btf_var_secinfo* vars = btf_var_secinfos(datasec);
    for (std::uint16_t i = 0; i < btf_vlen(datasec) && out.size() < kMaxFields; ++i) {
        const btf_type* var = btf__type_by_id(&types, vars[i].type);
        if (var == nullptr || !btf_is_var(var)) {
            continue;
        }
        const char* raw = btf__name_by_offset(&types, var->name_off);
        const std::optional<std::uint32_t> offset =
            offset_of(raw == nullptr ? std::string_view{} : std::string_view{raw});
        const int var_type = btf__resolve_type(&types, var->type);
        if (var_type > 0) {
            walk_member(types, static_cast<std::uint32_t>(var_type), offset.value_or(vars[i].offset), 0, out);
        }
    }
    return out;
}

}  // namespace bpfcheck::loader
