// See btf_struct_ops.hpp. Relocations that land outside every variable, or
// in no function-pointer member, are left alone: the program is then
// analysed untyped, as before.
#include "cfg/loader/btf/btf_struct_ops.hpp"

#include <bpf/btf.h>

#include <string>

namespace bpfcheck::loader {
namespace {

std::string name_of(const btf& types, std::uint32_t name_off) {
    const char* name = btf__name_by_offset(&types, name_off);
    return name == nullptr ? std::string{} : std::string{name};
}

// The struct a variable's type names, typedefs and qualifiers skipped.
const btf_type* struct_of(const btf& types, std::uint32_t id) {
    for (int hops = 0; id != 0 && hops < 64; ++hops) {
        const btf_type* type = btf__type_by_id(&types, id);
        if (type == nullptr) {
            return nullptr;
        }
        if (btf_is_struct(type)) {
            return type;
        }
        if (!btf_is_mod(type) && !btf_is_typedef(type)) {
            return nullptr;
        }
        id = type->type;
    }
    return nullptr;
}

// The member starting `offset` bytes into `type`, "" for none.
std::string member_at(const btf& types, const btf_type* type, std::uint64_t offset) {
    const btf_member* members = btf_members(type);
    for (std::uint16_t i = 0; i < btf_vlen(type); ++i) {
        if (btf_member_bit_offset(type, i) == offset * 8) {
            return name_of(types, members[i].name_off);
        }
    }
    return {};
}

// Where a variable starts in its section: clang leaves DATASEC offsets 0
// (libbpf fills them from the symbols, btf_fixup_datasec), so the ELF
// symbol of the same name says.
std::uint64_t var_offset(const btf& types, const ElfImage& image, const std::string& section, const btf_type* var,
                         std::uint64_t fallback) {
    if (var == nullptr || !btf_is_var(var)) {
        return fallback;
    }
    const std::string name = name_of(types, var->name_off);
    for (const ElfSymbol& symbol : image.symbols) {
        if (symbol.name == name && symbol.section_index < image.sections.size() &&
            image.sections[symbol.section_index].name == section) {
            return symbol.value;
        }
    }
    return fallback;
}

}  // namespace

void read_struct_ops_members(const btf& types, ElfImage& image) {
    if (image.struct_ops_relocs.empty()) {
        return;
    }
    const std::uint32_t count = btf__type_cnt(&types);
    for (std::uint32_t id = 1; id < count; ++id) {
        const btf_type* datasec = btf__type_by_id(&types, id);
        if (datasec == nullptr || !btf_is_datasec(datasec)) {
            continue;
        }
        const std::string section = name_of(types, datasec->name_off);
        if (section != ".struct_ops" && section != ".struct_ops.link") {
            continue;
        }
        const btf_var_secinfo* vars = btf_var_secinfos(datasec);
        for (const ElfReloc& reloc : image.struct_ops_relocs) {
            if (reloc.target_section >= image.sections.size() || image.sections[reloc.target_section].name != section ||
                reloc.symbol >= image.symbols.size()) {
                continue;
            }
            for (std::uint16_t i = 0; i < btf_vlen(datasec); ++i) {
                const btf_type* var = btf__type_by_id(&types, vars[i].type);
                const std::uint64_t start = var_offset(types, image, section, var, vars[i].offset);
                if (reloc.offset < start || reloc.offset >= start + vars[i].size) {
                    continue;
                }
                const btf_type* type = var != nullptr && btf_is_var(var) ? struct_of(types, var->type) : nullptr;
                if (type == nullptr) {
                    break;
                }
                std::string member = member_at(types, type, reloc.offset - start);
                if (!member.empty()) {
                    image.struct_ops_members[image.symbols[reloc.symbol].name] = {name_of(types, type->name_off),
                                                                                  std::move(member)};
                }
                break;
            }
        }
    }
}

}  // namespace bpfcheck::loader
