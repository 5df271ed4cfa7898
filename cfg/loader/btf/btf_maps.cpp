// `.maps` definitions follow libbpf's conventions (bpf_helpers.h): a struct
// per map whose members encode numbers as `int (*name)[N]` (type,
// max_entries, map_flags, key_size, value_size), types as pointers (key,
// value), inner maps of map-in-map as `values[]` of pointers to struct, and
// program arrays' slots as `values[]` of pointers to a function prototype.
// Type walks go through libbpf (btf__resolve_type / btf__resolve_size), which
// guards against cycles in hostile BTF.
#include "cfg/loader/btf/btf_maps.hpp"

#include "cfg/loader/btf/btf_functions.hpp"
#include "cfg/loader/btf/btf_kernel_view.hpp"
#include "cfg/loader/btf/btf_special_fields.hpp"
#include "cfg/loader/btf/btf_struct_ops.hpp"

#include <bpf/btf.h>
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace bpfcheck::loader {
namespace {

struct BtfDeleter {
    void operator()(btf* b) const { btf__free(b); }
};

const btf_type* resolved(const btf* types, std::uint32_t id, std::uint32_t* out_id = nullptr) {
    const int target = btf__resolve_type(types, id);
    if (target < 0) {
        return nullptr;
    }
    if (out_id != nullptr) {
        *out_id = static_cast<std::uint32_t>(target);
    }
    return btf__type_by_id(types, static_cast<std::uint32_t>(target));
}

// A `.kconfig` extern's kind and size, as libbpf's find_kcfg_type reads its
// type (past modifiers and typedefs).
KconfigExtern kconfig_extern(const btf* types, std::uint32_t type_id, std::string name) {
    KconfigExtern ext{std::move(name)};
    const btf_type* type = resolved(types, type_id);
    if (type == nullptr) {
        return ext;
    }
    ext.size = btf_is_array(type) ? 0 : type->size;
    if (btf_is_int(type)) {
        const auto encoding = btf_int_encoding(type);
        ext.is_signed = (encoding & BTF_INT_SIGNED) != 0;
        if ((encoding & BTF_INT_BOOL) != 0) {
            ext.kind = type->size == 1 ? KconfigKind::Bool : KconfigKind::Unknown;
        } else if (type->size == 1) {
            ext.kind = KconfigKind::Char;
        } else if (type->size == 2 || type->size == 4 || type->size == 8) {
            ext.kind = KconfigKind::Int;
        }
    } else if (btf_is_any_enum(type)) {
        const char* raw = btf__name_by_offset(types, type->name_off);
        const bool tristate = raw != nullptr && std::string_view{raw} == "libbpf_tristate";
        ext.kind = tristate && (btf_is_enum64(type) || type->size == 4) ? KconfigKind::Tristate : KconfigKind::Unknown;
    } else if (btf_is_array(type)) {
        const struct btf_array* array = btf_array(type);
        const btf_type* element = resolved(types, array->type);
        if (array->nelems != 0 && element != nullptr && btf_is_int(element) && element->size == 1 &&
            (btf_int_encoding(element) & BTF_INT_BOOL) == 0) {
            ext.kind = KconfigKind::CharArray;
            ext.size = array->nelems;
        }
    }
    // libbpf fills a few bytes per extern; a hostile size is no kind libbpf fills.
    constexpr std::uint32_t kMaxKconfigSize = 4096;
    if (ext.size > kMaxKconfigSize) {
        ext = KconfigExtern{ext.name};
    }
    return ext;
}

// The attributes libbpf's parse_btf_map_def reads as numbers encoded in a
// pointer's array type (get_map_field_int); anything else there ("expected
// PTR") refuses the object. (map_extra may also be an enum: __ulong.)
bool is_number_attribute(std::string_view field) {
    return field == "type" || field == "max_entries" || field == "map_flags" || field == "numa_node" ||
           field == "key_size" || field == "value_size" || field == "pinning";
}

// `int (*name)[N]` -> N
std::optional<std::uint32_t> encoded_number(const btf* types, std::uint32_t member_type) {
    const btf_type* pointer = resolved(types, member_type);  // past modifiers and typedefs, as libbpf reads it
    if (pointer == nullptr || !btf_is_ptr(pointer)) {
        return std::nullopt;
    }
    const btf_type* array = btf__type_by_id(types, pointer->type);
    if (array == nullptr || !btf_is_array(array)) {
        return std::nullopt;
    }
    return btf_array(array)->nelems;
}

// The kptr fields of a map value type (btf_find_kptr): members that point to
// a type tagged "kptr", "kptr_untrusted" or "percpu_kptr", in nested structs
// and arrays too. False when the kernel refuses the value's fields (a pointer
// with another tag or two tags, a kptr to anything but a struct, e.g. one
// only declared): the kernel then refuses the map's BTF, and libbpf creates
// the map without it, so it has no kptrs.
bool find_kptr_fields(const btf* types, std::uint32_t type_id, std::uint32_t base, int depth,
                      std::vector<KptrField>& fields) {
    const btf_type* type = resolved(types, type_id);
    if (type == nullptr || depth > 8 || fields.size() > 64) {
        return true;
    }
    if (btf_is_array(type)) {
        const struct btf_array* array = btf_array(type);
        const long long size = btf__resolve_size(types, array->type);
        for (std::uint32_t i = 0; size > 0 && i < array->nelems && i < 64; ++i) {
            if (!find_kptr_fields(types, array->type, base + i * static_cast<std::uint32_t>(size), depth + 1, fields)) {
                return false;
            }
        }
        return true;
    }
    if (btf_is_struct(type)) {
        const btf_member* members = btf_members(type);
        for (std::uint16_t i = 0; i < btf_vlen(type); ++i) {
            if (!find_kptr_fields(types, members[i].type, base + btf_member_bit_offset(type, i) / 8, depth + 1,
                                  fields)) {
                return false;
            }
        }
        return true;
    }
    if (!btf_is_ptr(type)) {
        return true;
    }
    const btf_type* tag = btf__type_by_id(types, type->type);
    if (tag == nullptr || !btf_is_type_tag(tag)) {
        return true;
    }
    const btf_type* tagged = btf__type_by_id(types, tag->type);
    if (tagged == nullptr || btf_is_type_tag(tagged)) {
        return false;
    }
    const btf_type* pointee = resolved(types, tag->type);
    if (pointee == nullptr || !btf_is_struct(pointee)) {
        return false;
    }
    const char* raw = btf__name_by_offset(types, tag->name_off);
    const std::string name = raw == nullptr ? std::string{} : std::string{raw};
    const char* raw_pointee = btf__name_by_offset(types, pointee->name_off);
    std::string pointee_name = raw_pointee == nullptr ? std::string{} : std::string{raw_pointee};
    if (name == "kptr") {
        fields.push_back(KptrField{base, KptrKind::Referenced, std::move(pointee_name)});
    } else if (name == "kptr_untrusted") {
        fields.push_back(KptrField{base, KptrKind::Untrusted, std::move(pointee_name)});
    } else if (name == "percpu_kptr") {
        fields.push_back(KptrField{base, KptrKind::Percpu, std::move(pointee_name)});
    } else {
        return false;
    }
    return true;
}

// The kptr fields of a global data section's variables, as the kernel finds
// them in the section's DATASEC (btf_find_datasec_var): each variable's at
// its symbol's offset. None when the kernel refuses one (see above).
std::vector<KptrField> datasec_kptr_fields(
    const btf* types, std::uint32_t datasec_id,
    const std::function<std::optional<std::uint32_t>(std::string_view)>& offset_of) {
    std::vector<KptrField> fields;
    const btf_type* datasec = btf__type_by_id(types, datasec_id);
    const btf_var_secinfo* vars = btf_var_secinfos(datasec);
    for (std::uint16_t i = 0; i < btf_vlen(datasec); ++i) {
        const btf_type* var = btf__type_by_id(types, vars[i].type);
        if (var == nullptr || !btf_is_var(var)) {
            continue;
        }
        const char* raw = btf__name_by_offset(types, var->name_off);
        const std::uint32_t at =
            offset_of(raw == nullptr ? std::string_view{} : std::string_view{raw}).value_or(vars[i].offset);
        if (!find_kptr_fields(types, var->type, at, 0, fields)) {
            return {};
        }
    }
    std::sort(fields.begin(), fields.end(), [](const KptrField& a, const KptrField& b) { return a.offset < b.offset; });
    return fields;
}

Expected<MapDef> parse_map(const btf* types, std::uint32_t struct_id, const std::string& name, MapDef* inner,
                           bool* has_inner, std::uint32_t* values_offset) {
    const btf_type* type = resolved(types, struct_id);
    if (type == nullptr || !btf_is_struct(type)) {
        return Error{fmt::format("map '{}': its BTF type is not a struct", name)};
    }
    MapDef def;
    def.name = name;
    def.section = ".maps";
    def.origin = MapOrigin::BtfMapsSection;
    const btf_member* members = btf_members(type);
    for (std::uint16_t i = 0; i < btf_vlen(type); ++i) {
        const char* raw = btf__name_by_offset(types, members[i].name_off);
        const std::string field = raw == nullptr ? std::string{} : std::string{raw};
        if (field == "key" || field == "value") {
            const btf_type* pointer = btf__type_by_id(types, members[i].type);
            if (pointer == nullptr || !btf_is_ptr(pointer)) {
                return Error{fmt::format("map '{}': field '{}' is not a pointer type", name, field)};
            }
            const long long size = btf__resolve_size(types, pointer->type);
            if (size < 0 || size > 0xffffffffLL) {
                return Error{fmt::format("map '{}': field '{}' has a type of unknown size", name, field)};
            }
            (field == "key" ? def.key_size : def.value_size) = static_cast<std::uint32_t>(size);
            (field == "key" ? def.key_type_id : def.value_type_id) = pointer->type;
            if (field == "value") {
                if (!find_kptr_fields(types, pointer->type, 0, 0, def.kptr_fields)) {
                    def.kptr_fields.clear();
                }
                def.special_fields = special_fields(*types, pointer->type);
            }
            continue;
        }
        if (field == "values") {
            const btf_type* array = btf__type_by_id(types, members[i].type);
            if (array == nullptr || !btf_is_array(array) || inner == nullptr) {
                continue;
            }
            const btf_type* pointer = resolved(types, btf_array(array)->type);
            if (pointer == nullptr || !btf_is_ptr(pointer)) {
                continue;
            }
            *values_offset = btf_member_bit_offset(type, i) / 8;
            const btf_type* pointee = resolved(types, pointer->type);
            if (pointee != nullptr && btf_is_func_proto(pointee)) {
                // `__array(values, int ())`: a program array's slots hold programs.
                def.values_are_programs = true;
                def.value_size = 4;
                continue;
            }
            auto inner_def = parse_map(types, pointer->type, name + ".inner", nullptr, nullptr, nullptr);
            if (!inner_def) {
                return inner_def.error();
            }
            *inner = *inner_def;
            *has_inner = true;
            def.value_size = 4;
            continue;
        }
        const auto number = encoded_number(types, members[i].type);
        if (!number) {
            if (is_number_attribute(field)) {
                return Error{fmt::format(
                    "map '{}': attr '{}' is not written as __uint({}, N) (a pointer to an array of N: int "
                    "(*{})[N]); libbpf refuses the object (\"attr '{}': expected PTR\"), and the value it holds is "
                    "not read",
                    name, field, field, field, field)};
            }
            continue;
        }
        if (field == "type") {
            def.type = *number;
        } else if (field == "max_entries") {
            def.max_entries = *number;
        } else if (field == "map_flags") {
            def.map_flags = *number;
        } else if (field == "key_size") {
            def.key_size = *number;
        } else if (field == "value_size") {
            def.value_size = *number;
        }
    }
    if (def.type == 0) {
        return Error{
            fmt::format("map '{}': map type isn't specified (libbpf refuses the object); give it "
                        "__uint(type, BPF_MAP_TYPE_...)",
                        name)};
    }
    return def;
}

}  // namespace

Expected<bool> read_btf_maps(std::span<const std::uint8_t> bytes, ElfImage& image) {
    if (bytes.size() > 0xffffffffULL) {
        return Error{"BTF section larger than 4 GiB"};
    }
    std::unique_ptr<btf, BtfDeleter> types(btf__new(bytes.data(), static_cast<std::uint32_t>(bytes.size())));
    if (!types) {  // libbpf 1.x returns NULL (errno set) for BTF it refuses
        return Error{"malformed .BTF section"};
    }
    read_btf_functions(*types, image);
    read_struct_ops_members(*types, image);
    image.btf_refusal = kernel_btf_refusal(*types);
    image.btf_declarations = btf_declarations(*types);
    const std::uint32_t count = btf__type_cnt(types.get());
    for (std::uint32_t id = 1; id < count; ++id) {
        const btf_type* datasec = btf__type_by_id(types.get(), id);
        if (datasec == nullptr || !btf_is_datasec(datasec)) {
            continue;
        }
        const char* raw_section = btf__name_by_offset(types.get(), datasec->name_off);
        const std::string section = raw_section == nullptr ? std::string{} : std::string{raw_section};
        const btf_var_secinfo* members = btf_var_secinfos(datasec);
        for (std::uint16_t i = 0; i < btf_vlen(datasec); ++i) {
            const btf_type* member = btf__type_by_id(types.get(), members[i].type);
            if (member != nullptr && (btf_is_var(member) || btf_is_func(member))) {
                const char* raw_name = btf__name_by_offset(types.get(), member->name_off);
                image.btf_datasec_of.emplace(raw_name == nullptr ? std::string{} : std::string{raw_name}, section);
                // bpf_object__collect_externs: a variable whose type is void
                // past modifiers and typedefs is untyped.
                std::uint32_t target = 0;
                if (section == ".ksyms" && btf_is_var(member) && raw_name != nullptr &&
                    resolved(types.get(), member->type, &target) != nullptr && target != 0) {
                    image.typed_ksyms.emplace_back(raw_name);
                }
            }
        }
        if (section != ".maps" && section != ".kconfig") {
            const auto offset_of = [&](std::string_view var) -> std::optional<std::uint32_t> {
                for (const ElfSymbol& symbol : image.symbols) {
                    if (symbol.name == var && symbol.section_index < image.sections.size() &&
                        image.sections[symbol.section_index].name == section) {
                        return static_cast<std::uint32_t>(symbol.value);
                    }
                }
                return std::nullopt;
            };
            image.datasec_special_fields[section] = datasec_special_fields(*types, id, offset_of);
            image.datasec_kptr_fields[section] = datasec_kptr_fields(types.get(), id, offset_of);
            continue;
        }
        const btf_var_secinfo* vars = btf_var_secinfos(datasec);
        for (std::uint16_t i = 0; i < btf_vlen(datasec); ++i) {
            const btf_type* var = btf__type_by_id(types.get(), vars[i].type);
            if (var == nullptr || !btf_is_var(var)) {
                continue;
            }
            const char* raw_name = btf__name_by_offset(types.get(), var->name_off);
            const std::string name = raw_name == nullptr ? std::string{} : std::string{raw_name};
            if (section == ".kconfig") {
                image.kconfig_externs.push_back(kconfig_extern(types.get(), var->type, name));
                continue;
            }
            BtfMap map;
            map.name = name;
            auto def = parse_map(types.get(), var->type, name, &map.inner, &map.has_inner, &map.values_offset);
            if (!def) {
                return def.error();
            }
            map.def = std::move(*def);
            image.btf_maps.push_back(std::move(map));
        }
    }
    // Each extern at its own 8-aligned offset of the `.kconfig` map; weak as
    // its ELF symbol is.
    std::uint32_t offset = 0;
    for (KconfigExtern& ext : image.kconfig_externs) {
        ext.offset = offset;
        offset = ext.end();
        ext.weak = std::any_of(image.symbols.begin(), image.symbols.end(), [&](const ElfSymbol& symbol) {
            return symbol.name == ext.name && symbol.section_index == 0 && symbol.binding == kBindingWeak;
        });
    }
    return true;
}

}  // namespace bpfcheck::loader
