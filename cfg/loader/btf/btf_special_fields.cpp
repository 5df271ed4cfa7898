// btf_find_struct_field / btf_find_field_one / btf_get_field_type, for the
// field kinds a map value may hold other than kptrs: a member whose type
// (unresolved, as the kernel looks at it) is named bpf_spin_lock, bpf_timer,
// bpf_wq, bpf_list_head or bpf_rb_root; other struct members are searched
// (btf_find_nested_struct); arrays repeat their element's fields. A graph
// root's `__contains` declaration gives the node's offset in what it holds.
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

// Where a graph root's declaration tag sits: the struct and member index it
// is a member of, or the global variable (component -1).
struct TagOwner {
    std::uint32_t type_id = 0;
    int component = -1;
};

// btf_find_graph_root: the "contains:TYPE:NODE" tag on the root names the
// struct the collection holds and its node member; its offset, when TYPE is
// a struct of this BTF with a member NODE of the node type.
void resolve_contains(const btf& types, TagOwner owner, std::string_view node_type, MapField& field) {
    constexpr std::string_view kPrefix = "contains:";
    const std::uint32_t count = btf__type_cnt(&types);
    for (std::uint32_t id = 1; id < count; ++id) {
        const btf_type* tag = btf__type_by_id(&types, id);
        if (tag == nullptr || !btf_is_decl_tag(tag) || tag->type != owner.type_id ||
            btf_decl_tag(tag)->component_idx != owner.component) {
            continue;
        }
        const char* raw = btf__name_by_offset(&types, tag->name_off);
        const std::string_view value = raw == nullptr ? std::string_view{} : std::string_view{raw};
        if (!value.starts_with(kPrefix)) {
            continue;
        }
        const std::string_view spec = value.substr(kPrefix.size());
        const std::size_t colon = spec.find(':');
        if (colon == std::string_view::npos) {
            return;
        }
        const std::string type_name{spec.substr(0, colon)};
        const std::string_view node_name = spec.substr(colon + 1);
        field.contains = type_name;
        const int contained = btf__find_by_name_kind(&types, type_name.c_str(), BTF_KIND_STRUCT);
        const btf_type* type = contained < 0 ? nullptr : btf__type_by_id(&types, static_cast<std::uint32_t>(contained));
        if (type == nullptr) {
            return;
        }
        const btf_member* members = btf_members(type);
        for (std::uint16_t i = 0; i < btf_vlen(type); ++i) {
            const char* member = btf__name_by_offset(&types, members[i].name_off);
            if (member == nullptr || node_name != member) {
                continue;
            }
            const btf_type* member_type = btf__type_by_id(&types, members[i].type);
            const char* member_type_name =
                member_type == nullptr ? nullptr : btf__name_by_offset(&types, member_type->name_off);
            const std::uint32_t bits = btf_member_bit_offset(type, i);
            if (member_type != nullptr && btf_is_struct(member_type) && member_type_name != nullptr &&
                node_type == member_type_name && bits % 64 == 0) {  // node_type_align: 8 bytes
                field.node_offset = bits / 8;
            }
            return;
        }
        return;
    }
}

void walk_struct(const btf& types, const btf_type* type, std::uint32_t type_id, std::uint32_t base, int depth,
                 std::vector<MapField>& out);

void walk_member(const btf& types, std::uint32_t type_id, std::uint32_t offset, int depth, std::vector<MapField>& out,
                 TagOwner owner) {
    const btf_type* type = btf__type_by_id(&types, type_id);
    std::uint32_t element_id = type_id;
    std::uint64_t count = 1;
    for (int i = 0; type != nullptr && btf_is_array(type) && i < kMaxDepth; ++i) {
        count *= btf_array(type)->nelems;
        element_id = btf_array(type)->type;
        type = btf__type_by_id(&types, element_id);
    }
    if (type == nullptr || count == 0 || !btf_is_struct(type)) {
        return;
    }
    const std::uint32_t element = type->size;
    for (std::uint64_t i = 0; i < count && out.size() < kMaxFields; ++i) {
        const auto at = static_cast<std::uint32_t>(offset + i * element);
        if (const auto special = special_of(types, type)) {
            MapField field{special->kind, at, special->size};
            if (special->kind == SpecialField::ListHead || special->kind == SpecialField::RbRoot) {
                resolve_contains(types, owner,
                                 special->kind == SpecialField::ListHead ? "bpf_list_node" : "bpf_rb_node", field);
            }
            out.push_back(std::move(field));
        } else {
            walk_struct(types, type, element_id, at, depth + 1, out);
        }
    }
}

void walk_struct(const btf& types, const btf_type* type, std::uint32_t type_id, std::uint32_t base, int depth,
                 std::vector<MapField>& out) {
    if (depth >= kMaxDepth) {
        return;
    }
    const btf_member* members = btf_members(type);
    for (std::uint16_t i = 0; i < btf_vlen(type); ++i) {
        const std::uint32_t bits = btf_member_bit_offset(type, i);
        if (bits % 8 != 0) {
            continue;
        }
        walk_member(types, members[i].type, base + bits / 8, depth, out, TagOwner{type_id, i});
    }
}

// btf_parse_graph_root fails (-EINVAL, -ENOENT) for a root without a
// resolvable __contains declaration; the map's BTF is refused then, and
// libbpf creates the map again without BTF: it has no special fields at all
// ("map '.data.A' has no valid bpf_spin_lock" at the lock).
std::vector<MapField> without_unresolved_roots(std::vector<MapField> fields) {
    for (const MapField& field : fields) {
        if ((field.kind == SpecialField::ListHead || field.kind == SpecialField::RbRoot) && field.node_offset < 0) {
            return {};
        }
    }
    return fields;
}

}  // namespace

std::vector<MapField> special_fields(const btf& types, std::uint32_t value_type_id) {
    std::vector<MapField> out;
    // map_check_btf resolves the value type's typedefs and modifiers, then
    // searches its members (a value that is itself a bpf_spin_lock has none).
    const int resolved = value_type_id == 0 ? -1 : btf__resolve_type(&types, value_type_id);
    const btf_type* type = resolved < 0 ? nullptr : btf__type_by_id(&types, static_cast<std::uint32_t>(resolved));
    if (type != nullptr && btf_is_struct(type)) {
        walk_struct(types, type, static_cast<std::uint32_t>(resolved), 0, 0, out);
    }
    return without_unresolved_roots(std::move(out));
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
            walk_member(types, static_cast<std::uint32_t>(var_type), offset.value_or(vars[i].offset), 0, out,
                        TagOwner{vars[i].type, -1});
        }
    }
    return without_unresolved_roots(std::move(out));
}

}  // namespace bpfcheck::loader
