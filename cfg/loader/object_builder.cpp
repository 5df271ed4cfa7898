// From ELF facts to a BpfObject. Programs are the function symbols of every
// executable section except `.text`, whose functions are subprograms, as in
// libbpf's bpf_object__add_programs; objects with no function symbols (old
// toolchains) get one program per executable section. Maps come from BTF
// `.maps`, the legacy `maps` section (struct bpf_map_def, five u32 fields) and
// global data sections (each an array map with one value).
#include "cfg/loader/object_builder.hpp"

#include "cfg/loader/map_types.hpp"
#include "cfg/loader/program_linker.hpp"
#include "cfg/loader/section_types.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace bpfcheck::loader {
namespace {

constexpr std::uint8_t kSymbolFunction = 2;  // STT_FUNC
constexpr std::uint8_t kBindingLocal = 0;    // STB_LOCAL
constexpr std::uint8_t kSymbolNoType = 0;    // STT_NOTYPE
constexpr std::uint32_t kMapTypeArray = 2;   // BPF_MAP_TYPE_ARRAY
constexpr std::uint32_t kMapTypeSkStorage = 24, kMapTypeInodeStorage = 28, kMapTypeTaskStorage = 29,
                        kMapTypeCgrpStorage = 32;
constexpr std::size_t kLegacyMapFields = 5;  // type, key_size, value_size, max_entries, map_flags

bool is_global_data_section(const std::string& name) {
    return name.starts_with(".data") || name.starts_with(".rodata") || name.starts_with(".bss");
}

bool is_legacy_maps_section(const std::string& name) {
    return name == "maps" || name.starts_with("maps/");
}

std::uint32_t read_u32(const std::vector<std::uint8_t>& data, std::size_t at) {
    std::uint32_t value = 0;
    std::memcpy(&value, data.data() + at, sizeof value);
    return value;
}

Expected<bool> collect_functions(const ElfImage& image, BpfObject& object) {
    for (const ElfSymbol& symbol : image.symbols) {
        if (symbol.type != kSymbolFunction || symbol.section_index == 0 ||
            symbol.section_index >= image.sections.size()) {
            continue;
        }
        const ElfSection& section = image.sections[symbol.section_index];
        if (!section.executable) {
            continue;
        }
        if (symbol.value % 8 != 0 || symbol.size % 8 != 0 || symbol.size == 0 || symbol.value > section.size ||
            symbol.size > section.size - symbol.value) {
            return Error{
                fmt::format("section '{}': function '{}' (offset {}, size {}) does not fit the section of "
                            "{} bytes in whole instructions",
                            section.name, symbol.name, symbol.value, symbol.size, section.size)};
        }
        Function function;
        function.name = symbol.name;
        function.section = section.name;
        function.section_index = section.index;
        function.offset = symbol.value;
        function.slot_count = static_cast<std::uint32_t>(symbol.size / 8);
        function.is_global = symbol.binding != kBindingLocal;
        function.is_program = section.name != ".text";
        if (const auto found = image.btf_functions.find(symbol.name); found != image.btf_functions.end()) {
            function.signature = found->second;
        }
        object.functions.push_back(std::move(function));
    }
    if (object.functions.empty()) {
        // Old toolchains emit no function symbols: each section is one program.
        object.has_function_symbols = false;
        for (const ElfSection& section : image.sections) {
            if (!section.executable || section.size == 0) {
                continue;
            }
            object.functions.push_back(Function{section.name, section.name, section.index, 0,
                                                static_cast<std::uint32_t>(section.size / 8), true,
                                                section.name != ".text", std::nullopt});
        }
    }
    std::sort(object.functions.begin(), object.functions.end(), [](const Function& a, const Function& b) {
        return std::tie(a.section_index, a.offset) < std::tie(b.section_index, b.offset);
    });
    for (std::size_t i = 1; i < object.functions.size(); ++i) {
        const Function& before = object.functions[i - 1];
        const Function& after = object.functions[i];
        if (before.section_index == after.section_index && before.offset + before.slot_count * 8ULL > after.offset) {
            return Error{
                fmt::format("section '{}': functions '{}' and '{}' overlap", after.section, before.name, after.name)};
        }
    }
    return true;
}

Expected<bool> collect_legacy_maps(const ElfImage& image, BpfObject& object) {
    for (const ElfSection& section : image.sections) {
        if (!is_legacy_maps_section(section.name) || section.data.empty()) {
            continue;
        }
        std::vector<const ElfSymbol*> symbols;
        for (const ElfSymbol& symbol : image.symbols) {
            if (symbol.section_index == section.index && !symbol.name.empty() && symbol.type != 3 /*STT_SECTION*/) {
                symbols.push_back(&symbol);
            }
        }
        if (symbols.empty()) {
            continue;
        }
        std::sort(symbols.begin(), symbols.end(), [](auto* a, auto* b) { return a->value < b->value; });
        const std::size_t def_size = section.data.size() / symbols.size();
        if (def_size < kLegacyMapFields * 4) {
            return Error{fmt::format("section '{}': {} bytes cannot hold {} map definitions", section.name,
                                     section.data.size(), symbols.size())};
        }
        for (const ElfSymbol* symbol : symbols) {
            if (symbol->value > section.data.size() || section.data.size() - symbol->value < kLegacyMapFields * 4) {
                return Error{
                    fmt::format("section '{}': map '{}' lies outside the section", section.name, symbol->name)};
            }
            MapDef def;
            def.name = symbol->name;
            def.section = section.name;
            def.origin = MapOrigin::LegacyMapsSection;
            const auto at = static_cast<std::size_t>(symbol->value);
            def.type = read_u32(section.data, at);
            def.key_size = read_u32(section.data, at + 4);
            def.value_size = read_u32(section.data, at + 8);
            def.max_entries = read_u32(section.data, at + 12);
            def.map_flags = read_u32(section.data, at + 16);
            object.maps.push_back(std::move(def));
        }
    }
    return true;
}

void collect_btf_and_data_maps(const ElfImage& image, BpfObject& object) {
    for (const BtfMap& map : image.btf_maps) {
        MapDef def = map.def;
        if (map.has_inner) {
            def.inner_map = static_cast<std::uint32_t>(object.maps.size() + 1);
            object.maps.push_back(def);
            object.maps.push_back(map.inner);
        } else {
            object.maps.push_back(def);
        }
    }
    for (const ElfSection& section : image.sections) {
        if (!is_global_data_section(section.name) || section.size == 0 || section.executable) {
            continue;
        }
        MapDef def;
        def.name = section.name;
        def.section = section.name;
        def.origin = MapOrigin::GlobalData;
        def.type = kMapTypeArray;
        def.key_size = 4;
        def.value_size = static_cast<std::uint32_t>(std::min<std::uint64_t>(section.size, 0xffffffffULL));
        def.max_entries = 1;
        def.initial_value = section.data;
        def.read_only = section.name.starts_with(".rodata");
        object.maps.push_back(std::move(def));
    }
    if (!image.kconfig_externs.empty()) {
        MapDef def;
        def.name = ".kconfig";
        def.section = ".kconfig";
        def.origin = MapOrigin::GlobalData;
        def.type = kMapTypeArray;
        def.key_size = 4;
        def.value_size = static_cast<std::uint32_t>(image.kconfig_externs.size() * 8);
        def.max_entries = 1;
        def.read_only = true;
        object.maps.push_back(std::move(def));
    }
}

void collect_externs(const ElfImage& image, BpfObject& object) {
    for (const ElfSymbol& symbol : image.symbols) {
        if (symbol.section_index != 0 || symbol.name.empty() || symbol.binding == kBindingLocal) {
            continue;
        }
        const bool kconfig = std::find(image.kconfig_externs.begin(), image.kconfig_externs.end(), symbol.name) !=
                             image.kconfig_externs.end();
        object.externs.push_back(Extern{symbol.name, symbol.type == kSymbolFunction, kconfig ? ".kconfig" : ".ksyms"});
    }
}

// libbpf (bpf_object__collect_externs) opens an object only when every
// extern (an undefined global symbol without type: kfunc, ksym, kconfig) has
// a BTF VAR or FUNC of extern linkage ("failed to find BTF for extern"). Only
// the case where the BTF declares the name with another linkage (GCC 12
// declares kfuncs as static FUNCs) is refused here: objects without BTF, or
// whose BTF does not name the extern, come from toolchains and loaders that
// resolve externs their own way (cilium/ebpf's testdata, old clang).
Expected<bool> check_extern_btf(const ElfImage& image) {
    for (const ElfSymbol& symbol : image.symbols) {
        if (symbol.section_index != 0 || symbol.name.empty() || symbol.binding == kBindingLocal ||
            symbol.type != kSymbolNoType) {
            continue;
        }
        const auto found = image.btf_declarations.find(symbol.name);
        if (image.has_btf && found != image.btf_declarations.end() && !found->second) {
            return Error{
                fmt::format("extern '{}' is declared in BTF without extern linkage (as GCC 12 declares "
                            "kfuncs), so libbpf cannot resolve it (\"failed to find BTF for extern\") "
                            "and refuses the object",
                            symbol.name)};
        }
    }
    return true;
}

void read_license_and_version(const ElfImage& image, BpfObject& object) {
    for (const ElfSection& section : image.sections) {
        if (section.name == "license") {
            const auto end = std::find(section.data.begin(), section.data.end(), std::uint8_t{0});
            object.license.assign(section.data.begin(), end);
        } else if (section.name == "version" && section.data.size() >= 4) {
            object.kernel_version = read_u32(section.data, 0);
        }
    }
}

// What of the BTF the kernel will see (btf_kernel_view.hpp): maps have BTF
// when the kernel takes the object's BTF and libbpf has types to give (a
// `.maps` key or value, a global-data section's DATASEC); a program has func
// info when, moreover, .BTF.ext has a record for its entry function. The
// local-storage maps (sk, inode, task, cgrp) exist only with BTF key and
// value types (bpf_local_storage_map_alloc_check: "Enforce BTF for userspace
// sk dumping"): without them the kernel cannot create the map, and libbpf
// refuses the object.
Expected<bool> apply_kernel_btf_view(const ElfImage& image, BpfObject& object) {
    object.btf_refusal = image.btf_refusal;
    const bool btf_loads = object.has_btf && image.btf_refusal.empty();
    for (MapDef& map : object.maps) {
        map.has_btf =
            btf_loads && (map.origin == MapOrigin::GlobalData || map.key_type_id != 0 || map.value_type_id != 0);
        const bool local_storage = map.type == kMapTypeSkStorage || map.type == kMapTypeInodeStorage ||
                                   map.type == kMapTypeTaskStorage || map.type == kMapTypeCgrpStorage;
        if (local_storage && !(btf_loads && map.key_type_id != 0 && map.value_type_id != 0)) {
            const std::string why = !image.btf_refusal.empty()
                                        ? fmt::format("the kernel refuses the object's BTF: {}", image.btf_refusal)
                                    : !object.has_btf ? std::string{"the object has no BTF"}
                                                      : std::string{"the map is declared without __type(key/value)"};
            return Error{
                fmt::format("map '{}' ({}) needs BTF key and value types, or the kernel cannot create it "
                            "and libbpf refuses the object ({})",
                            map.name, map_type_name(map.type), why)};
        }
    }
    for (Program& program : object.programs) {
        if (program.functions.empty()) {
            program.has_func_info = false;
            continue;
        }
        const Function& entry = object.functions[program.functions.front().function];
        program.has_func_info =
            btf_loads && std::any_of(image.func_info.begin(), image.func_info.end(), [&](const FuncInfoSite& site) {
                return site.section == entry.section && site.offset == entry.offset;
            });
    }
    return true;
}

}  // namespace

Expected<BpfObject> build_object(const ElfImage& image) {
    BpfObject object;
    object.path = image.path;
    object.has_btf = image.has_btf;
    read_license_and_version(image, object);
    if (auto ok = collect_functions(image, object); !ok) {
        return ok.error();
    }
    if (auto ok = collect_legacy_maps(image, object); !ok) {
        return ok.error();
    }
    collect_btf_and_data_maps(image, object);
    if (auto ok = check_extern_btf(image); !ok) {
        return ok.error();
    }
    collect_externs(image, object);
    object.kconfig_externs = image.kconfig_externs;
    for (const LineRecord& record : image.lines) {
        object.lines.push_back(record.line);
    }
    ProgramLinker linker(image, object);
    if (auto ok = linker.check_relocations(); !ok) {
        return ok.error();
    }
    for (std::uint32_t i = 0; i < object.functions.size(); ++i) {
        if (!object.functions[i].is_program) {
            continue;
        }
        auto program = linker.link(i);
        if (!program) {
            return program.error();
        }
        program->type = program_type_for_section(program->section);
        object.programs.push_back(std::move(*program));
    }
    if (auto ok = apply_kernel_btf_view(image, object); !ok) {
        return ok.error();
    }
    return object;
}

}  // namespace bpfcheck::loader
