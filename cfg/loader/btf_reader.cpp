// BTF reading. LLVM's BTFParser validates the type section and gives typed
// access to arrays, structs and enums; the kinds it has no accessor for
// (VAR, DATASEC) are read from the words that follow their CommonType, as the
// BTF format (Documentation/bpf/btf.rst) lays them out. Type walks are depth
// limited: hostile BTF may contain cycles.
#include "cfg/loader/btf_reader.hpp"

#include <fmt/format.h>
#include <llvm/DebugInfo/BTF/BTFParser.h>
#include <llvm/Object/ELFObjectFile.h>

#include <algorithm>
#include <optional>

namespace bpfcheck::loader {
namespace {

constexpr int kMaxTypeDepth = 32;

class BtfTypes {
public:
    explicit BtfTypes(const llvm::BTFParser& parser) : m_parser(parser) {}

    [[nodiscard]] const llvm::BTF::CommonType* find(std::uint32_t id) const {
        if (id == 0 || id >= m_parser.typesCount()) {
            return nullptr;
        }
        return m_parser.findType(id);
    }

    // Skips typedef, const, volatile, restrict and type tags.
    [[nodiscard]] const llvm::BTF::CommonType* strip(std::uint32_t id, std::uint32_t* out_id = nullptr) const {
        for (int depth = 0; depth < kMaxTypeDepth; ++depth) {
            const auto* type = find(id);
            if (type == nullptr) {
                return nullptr;
            }
            switch (type->getKind()) {
                case llvm::BTF::BTF_KIND_TYPEDEF:
                case llvm::BTF::BTF_KIND_VOLATILE:
                case llvm::BTF::BTF_KIND_CONST:
                case llvm::BTF::BTF_KIND_RESTRICT:
                case llvm::BTF::BTF_KIND_TYPE_TAG: id = type->Type; break;
                default:
                    if (out_id != nullptr) {
                        *out_id = id;
                    }
                    return type;
            }
        }
        return nullptr;
    }

    [[nodiscard]] std::optional<std::uint64_t> size_of(std::uint32_t id, int depth = 0) const {
        if (depth > kMaxTypeDepth) {
            return std::nullopt;
        }
        const auto* type = strip(id);
        if (type == nullptr) {
            return std::nullopt;
        }
        switch (type->getKind()) {
            case llvm::BTF::BTF_KIND_PTR: return 8;
            case llvm::BTF::BTF_KIND_ARRAY: {
                const auto& array = llvm::cast<llvm::BTF::ArrayType>(type)->getArray();
                auto element = size_of(array.ElemType, depth + 1);
                if (!element) {
                    return std::nullopt;
                }
                return *element * array.Nelems;
            }
            case llvm::BTF::BTF_KIND_INT:
            case llvm::BTF::BTF_KIND_STRUCT:
            case llvm::BTF::BTF_KIND_UNION:
            case llvm::BTF::BTF_KIND_ENUM:
            case llvm::BTF::BTF_KIND_ENUM64:
            case llvm::BTF::BTF_KIND_FLOAT:
            case llvm::BTF::BTF_KIND_DATASEC: return type->Size;
            default: return std::nullopt;
        }
    }

    // `int (*name)[N]` encodes the number N in a map definition.
    [[nodiscard]] std::optional<std::uint32_t> encoded_number(std::uint32_t member_type) const {
        const auto* pointer = strip(member_type);
        if (pointer == nullptr || pointer->getKind() != llvm::BTF::BTF_KIND_PTR) {
            return std::nullopt;
        }
        const auto* array = strip(pointer->Type);
        if (array == nullptr || array->getKind() != llvm::BTF::BTF_KIND_ARRAY) {
            return std::nullopt;
        }
        return llvm::cast<llvm::BTF::ArrayType>(array)->getArray().Nelems;
    }

    [[nodiscard]] llvm::StringRef name_of(const llvm::BTF::CommonType* type) const {
        return m_parser.findString(type->NameOff);
    }

    [[nodiscard]] llvm::StringRef string_at(std::uint32_t offset) const { return m_parser.findString(offset); }

    [[nodiscard]] std::size_t count() const { return m_parser.typesCount(); }

private:
    const llvm::BTFParser& m_parser;
};

struct VarSecinfo {
    std::uint32_t type;
    std::uint32_t offset;
    std::uint32_t size;
};

std::vector<VarSecinfo> datasec_vars(const llvm::BTF::CommonType* datasec) {
    const auto* first = reinterpret_cast<const VarSecinfo*>(datasec + 1);
    return {first, first + datasec->getVlen()};
}

Expected<MapDef> parse_map_struct(const BtfTypes& types, std::uint32_t struct_id, const std::string& name,
                                  MapDef* inner, bool* has_inner) {
    const auto* type = types.strip(struct_id);
    if (type == nullptr || type->getKind() != llvm::BTF::BTF_KIND_STRUCT) {
        return Error{fmt::format("map '{}': its BTF type is not a struct", name)};
    }
    MapDef def;
    def.name = name;
    def.section = ".maps";
    def.origin = MapOrigin::BtfMapsSection;
    for (const auto& member : llvm::cast<llvm::BTF::StructType>(type)->members()) {
        const std::string field = types.string_at(member.NameOff).str();
        if (field == "key" || field == "value") {
            const auto* pointer = types.strip(member.Type);
            if (pointer == nullptr || pointer->getKind() != llvm::BTF::BTF_KIND_PTR) {
                return Error{fmt::format("map '{}': field '{}' is not a pointer type", name, field)};
            }
            auto size = types.size_of(pointer->Type);
            if (!size || *size > 0xffffffffULL) {
                return Error{fmt::format("map '{}': field '{}' has a type of unknown size", name, field)};
            }
            (field == "key" ? def.key_size : def.value_size) = static_cast<std::uint32_t>(*size);
            (field == "key" ? def.key_type_id : def.value_type_id) = pointer->Type;
            continue;
        }
        if (field == "values") {
            const auto* array = types.strip(member.Type);
            if (array == nullptr || array->getKind() != llvm::BTF::BTF_KIND_ARRAY || inner == nullptr) {
                continue;
            }
            const auto* pointer = types.strip(llvm::cast<llvm::BTF::ArrayType>(array)->getArray().ElemType);
            if (pointer == nullptr || pointer->getKind() != llvm::BTF::BTF_KIND_PTR) {
                continue;
            }
            auto inner_def = parse_map_struct(types, pointer->Type, name + ".inner", nullptr, nullptr);
            if (!inner_def) {
                return inner_def.error();
            }
            *inner = *inner_def;
            *has_inner = true;
            def.value_size = 4;
            continue;
        }
        const auto number = types.encoded_number(member.Type);
        if (!number) {
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
    return def;
}

Expected<bool> read_datasecs(const BtfTypes& types, ElfImage& image) {
    for (std::uint32_t id = 1; id < types.count(); ++id) {
        const auto* type = types.find(id);
        if (type == nullptr || type->getKind() != llvm::BTF::BTF_KIND_DATASEC) {
            continue;
        }
        const llvm::StringRef section = types.name_of(type);
        if (section != ".maps" && section != ".kconfig") {
            continue;
        }
        for (const VarSecinfo& var_info : datasec_vars(type)) {
            const auto* var = types.find(var_info.type);
            if (var == nullptr || var->getKind() != llvm::BTF::BTF_KIND_VAR) {
                continue;
            }
            const std::string name = types.name_of(var).str();
            if (section == ".kconfig") {
                image.kconfig_externs.push_back(name);
                continue;
            }
            BtfMap map;
            map.name = name;
            auto def = parse_map_struct(types, var->Type, name, &map.inner, &map.has_inner);
            if (!def) {
                return def.error();
            }
            map.def = std::move(*def);
            image.btf_maps.push_back(std::move(map));
        }
    }
    return true;
}

void read_lines_and_relocs(const llvm::BTFParser& parser, ElfImage& image, bool want_lines) {
    for (const ElfSection& section : image.sections) {
        if (!section.executable) {
            continue;
        }
        for (std::uint64_t offset = 0; offset < section.size; offset += 8) {
            const llvm::object::SectionedAddress address{offset, section.index};
            if (want_lines) {
                if (const auto* info = parser.findLineInfo(address)) {
                    LineRecord record;
                    record.section_index = section.index;
                    record.offset = offset;
                    record.line.file = parser.findString(info->FileNameOff).str();
                    record.line.text = parser.findString(info->LineOff).str();
                    record.line.line = info->getLine();
                    record.line.column = info->getCol();
                    image.lines.push_back(std::move(record));
                }
            }
            if (const auto* reloc = parser.findFieldReloc(address)) {
                image.core_records.push_back(CoreRecord{section.index, offset, reloc->TypeID,
                                                        parser.findString(reloc->OffsetNameOff).str(),
                                                        reloc->RelocKind});
            }
        }
    }
}

}  // namespace

Expected<bool> read_btf(const llvm::object::ObjectFile& object, ElfImage& image, bool want_lines) {
    if (!llvm::BTFParser::hasBTFSections(object)) {
        return true;
    }
    llvm::BTFParser parser;
    llvm::BTFParser::ParseOptions options;
    options.LoadLines = want_lines;
    options.LoadTypes = true;
    options.LoadRelocs = true;
    if (llvm::Error error = parser.parse(object, options)) {
        const std::string message = llvm::toString(std::move(error));
        const bool needs_btf = std::any_of(image.sections.begin(), image.sections.end(),
                                           [](const ElfSection& s) { return s.name == ".maps"; });
        if (needs_btf) {
            return Error{fmt::format("malformed BTF, needed for the maps in '.maps': {}", message)};
        }
        return true;  // BTF is optional when nothing depends on it, as in libbpf
    }
    image.has_btf = true;
    const BtfTypes types(parser);
    if (auto ok = read_datasecs(types, image); !ok) {
        return ok.error();
    }
    read_lines_and_relocs(parser, image, want_lines);
    return true;
}

}  // namespace bpfcheck::loader
