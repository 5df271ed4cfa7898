// From ELF facts to a BpfObject. Programs are the function symbols of every
// executable section except `.text`, whose functions are subprograms, as in
// libbpf's bpf_object__add_programs; objects with no function symbols (old
// toolchains) get one program per executable section. Maps come from BTF
// `.maps`, the legacy `maps` section (struct bpf_map_def, five u32 fields) and
// global data sections (each an array map with one value).
#include "cfg/loader/object_builder.hpp"

#include "cfg/loader/program_linker.hpp"
#include "cfg/loader/section_types.hpp"
#include "cfg/program/map_type.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace bpfcheck::loader {
namespace {

constexpr std::uint8_t kSymbolNoType = 0;    // STT_NOTYPE
constexpr std::uint8_t kSymbolFunction = 2;  // STT_FUNC
constexpr std::size_t kLegacyMapFields = 5;  // type, key_size, value_size, max_entries, map_flags
constexpr std::size_t kIproute2MapDefSize = 36;

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

// Whether `symbol` starts a function in its executable section: STT_FUNC
// where the toolchain wrote types; LLVM before 8 wrote global symbols of
// size 0 (STT_NOTYPE) for functions.
bool is_function_symbol(const ElfSymbol& symbol, bool section_has_typed_functions) {
    if (symbol.type == kSymbolFunction) {
        return true;
    }
    if (section_has_typed_functions || symbol.type != kSymbolNoType || symbol.name.empty()) {
        return false;
    }
    // Local ones are jump labels (LBB*, a hand-written program's labels).
    return symbol.binding != kBindingLocal;
}

// Size of an untyped (size 0) function symbol: up to the next function of
// its section, or the section's end.
std::uint64_t untyped_function_size(const std::vector<const ElfSymbol*>& starts, std::size_t i,
                                    std::uint64_t section_size) {
    for (std::size_t j = i + 1; j < starts.size(); ++j) {
        if (starts[j]->value > starts[i]->value) {
            return starts[j]->value - starts[i]->value;
        }
    }
    return section_size > starts[i]->value ? section_size - starts[i]->value : 0;
}

void add_function(const ElfImage& image, const ElfSection& section, const ElfSymbol& symbol, std::uint64_t size,
                  BpfObject& object, std::vector<SectionError>& errors) {
    if (symbol.value % 8 != 0 || size % 8 != 0 || size == 0 || symbol.value > section.size ||
        size > section.size - symbol.value) {
        errors.push_back(
            SectionError{section.index, symbol.value,
                         fmt::format("function '{}' (offset {}, size {}) does not fit the section of {} bytes in whole "
                                     "instructions",
                                     symbol.name, symbol.value, size, section.size)});
        if (section.name != ".text") {  // the program is still named, and fails alone
            object.functions.push_back(Function{symbol.name, section.name, section.index, symbol.value, 0,
                                                symbol.binding != kBindingLocal, true, std::nullopt});
        }
        return;
    }
    Function function;
    function.name = symbol.name;
    function.section = section.name;
    function.section_index = section.index;
    function.offset = symbol.value;
    function.slot_count = static_cast<std::uint32_t>(size / 8);
    function.is_global = symbol.binding != kBindingLocal;
    function.is_program = section.name != ".text";
    if (const auto found = image.btf_functions.find(symbol.name); found != image.btf_functions.end()) {
        function.signature = found->second;
        // libbpf (bpf_object__load_btf, mark_btf_static): a global subprogram
        // of hidden or internal visibility (__hidden) has its BTF FUNC made
        // static, so the kernel verifies it with its callers' context.
        constexpr std::uint8_t kVisibilityInternal = 1;  // STV_INTERNAL
        constexpr std::uint8_t kVisibilityHidden = 2;    // STV_HIDDEN
        if (!function.is_program && function.is_global &&
            (symbol.visibility == kVisibilityHidden || symbol.visibility == kVisibilityInternal)) {
            function.signature->global_linkage = false;
        }
    }
    object.functions.push_back(std::move(function));
}

void collect_section_functions(const ElfImage& image, const ElfSection& section, BpfObject& object,
                               std::vector<SectionError>& errors) {
    std::vector<const ElfSymbol*> starts;
    bool typed = false;
    for (const ElfSymbol& symbol : image.symbols) {
        if (symbol.section_index == section.index && symbol.type == kSymbolFunction) {
            typed = true;
        }
    }
    for (const ElfSymbol& symbol : image.symbols) {
        if (symbol.section_index == section.index && is_function_symbol(symbol, typed)) {
            starts.push_back(&symbol);
        }
    }
    std::stable_sort(starts.begin(), starts.end(), [](auto* a, auto* b) { return a->value < b->value; });
    if (starts.empty()) {
        if (section.size > 0) {  // no symbol at all: the section is one program (or subprogram)
            object.functions.push_back(Function{section.name, section.name, section.index, 0,
                                                static_cast<std::uint32_t>(section.size / 8), true,
                                                section.name != ".text", std::nullopt});
        }
        return;
    }
    for (std::size_t i = 0; i < starts.size(); ++i) {
        if (i > 0 && starts[i]->value == starts[i - 1]->value && starts[i]->size == 0) {
            continue;  // an alias of the function before
        }
        const std::uint64_t size =
            starts[i]->size != 0 ? starts[i]->size : untyped_function_size(starts, i, section.size);
        add_function(image, section, *starts[i], size, object, errors);
    }
}

void collect_functions(const ElfImage& image, BpfObject& object, std::vector<SectionError>& errors) {
    for (const ElfSection& section : image.sections) {
        if (section.executable) {
            collect_section_functions(image, section, object, errors);
        }
    }
    object.has_function_symbols = std::any_of(image.symbols.begin(), image.symbols.end(),
                                              [](const ElfSymbol& s) { return s.type == kSymbolFunction; });
    std::sort(object.functions.begin(), object.functions.end(), [](const Function& a, const Function& b) {
        return std::tie(a.section_index, a.offset) < std::tie(b.section_index, b.offset);
    });
    for (std::size_t i = 1; i < object.functions.size(); ++i) {
        const Function& before = object.functions[i - 1];
        const Function& after = object.functions[i];
        if (before.section_index == after.section_index && before.offset + before.slot_count * 8ULL > after.offset) {
            errors.push_back(SectionError{after.section_index, after.offset,
                                          fmt::format("functions '{}' and '{}' overlap", before.name, after.name)});
            errors.push_back(SectionError{before.section_index, before.offset,
                                          fmt::format("functions '{}' and '{}' overlap", before.name, after.name)});
        }
    }
    // No SEC(): every global function of `.text` is a program, as legacy
    // loaders and PREVAIL take them.
    const bool any_program =
        std::any_of(object.functions.begin(), object.functions.end(), [](const Function& f) { return f.is_program; });
    if (!any_program) {
        bool promoted = false;
        for (Function& function : object.functions) {
            if (function.section == ".text" && function.is_global) {
                function.is_program = true;
                promoted = true;
            }
        }
        if (promoted) {
            object.notes.emplace_back(
                "no program section (SEC()): each global function of .text is checked as a program");
        }
    }
}

// iproute2's tail-call sections: "ID/KEY", the id of a prog array's
// struct bpf_elf_map and the slot it fills (decimal, or hex as Cilium's
// "1/0xffff"); tc puts such a program there. No other loader names them.
bool has_tail_call_section(const ElfImage& image) {
    const auto number = [](std::string_view text) {
        if (text.starts_with("0x") && text.size() > 2) {
            text.remove_prefix(2);
            return std::all_of(text.begin(), text.end(),
                               [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
        }
        return !text.empty() && std::all_of(text.begin(), text.end(),
                                            [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
    };
    return std::any_of(image.sections.begin(), image.sections.end(), [&](const ElfSection& section) {
        const std::string_view name = section.name;
        const std::size_t slash = name.find('/');
        return slash != std::string_view::npos && number(name.substr(0, slash)) && number(name.substr(slash + 1));
    });
}

Expected<bool> collect_legacy_maps(const ElfImage& image, BpfObject& object) {
    const bool tail_call_sections = has_tail_call_section(image);
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
        const std::size_t first_map = object.maps.size();
        // iproute2's struct bpf_elf_map (36 bytes) adds id, pinning, inner_id
        // and inner_idx; samples/bpf's bpf_map_def (28) inner_map_idx and numa_node.
        const bool iproute2 = def_size == kIproute2MapDefSize;
        object.legacy_tc_maps = object.legacy_tc_maps || iproute2 || tail_call_sections;
        std::vector<std::uint32_t> ids;
        std::vector<std::uint32_t> inner_refs;
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
            const bool has = section.data.size() - at >= def_size;
            ids.push_back(iproute2 && has ? read_u32(section.data, at + 20) : 0);
            inner_refs.push_back(!has             ? kNoIndex
                                 : iproute2       ? read_u32(section.data, at + 28)  // inner_id
                                 : def_size >= 24 ? read_u32(section.data, at + 20)  // inner_map_idx
                                                  : kNoIndex);
            object.maps.push_back(std::move(def));
        }
        for (std::size_t i = 0; i < symbols.size(); ++i) {
            MapDef& def = object.maps[first_map + i];
            if (!is_map_in_map(def.type) || inner_refs[i] == kNoIndex) {
                continue;
            }
            for (std::size_t j = 0; j < symbols.size(); ++j) {
                const bool named = iproute2 ? (inner_refs[i] != 0 && ids[j] == inner_refs[i]) : j == inner_refs[i];
                if (named && j != i) {
                    def.inner_map = static_cast<std::uint32_t>(first_map + j);
                }
            }
        }
    }
    return true;
}

// `.values = { [1] = &prog }` in a `.maps` definition: libbpf fills the
// slot from the relocation of `.rel.maps` at values + 8 * slot.
void collect_map_slots(const ElfImage& image, const std::vector<std::uint32_t>& map_of_btf_map, BpfObject& object) {
    for (const ElfReloc& reloc : image.maps_relocs) {
        if (reloc.symbol >= image.symbols.size()) {
            continue;
        }
        for (std::size_t i = 0; i < image.btf_maps.size(); ++i) {
            const BtfMap& map = image.btf_maps[i];
            // clang leaves the DATASEC offsets 0 (libbpf fixes them up from
            // the symbols): the variable's place is its ELF symbol's.
            const auto variable = std::find_if(image.symbols.begin(), image.symbols.end(), [&](const ElfSymbol& s) {
                return s.name == map.name && s.section_index == image.sections[reloc.target_section].index;
            });
            if (variable == image.symbols.end()) {
                continue;
            }
            const std::uint64_t values = variable->value + static_cast<std::uint64_t>(map.values_offset);
            if (reloc.offset < values || reloc.offset >= variable->value + variable->size) {
                continue;
            }
            const ElfSymbol& symbol = image.symbols[reloc.symbol];
            MapSlot slot;
            slot.index = static_cast<std::uint32_t>((reloc.offset - values) / 8);
            if (map.def.values_are_programs) {
                slot.program = symbol.name;
            } else {
                for (std::size_t j = 0; j < image.btf_maps.size(); ++j) {
                    if (image.btf_maps[j].name == symbol.name) {
                        slot.map = map_of_btf_map[j];
                    }
                }
            }
            object.maps[map_of_btf_map[i]].slots.push_back(std::move(slot));
        }
    }
}

void collect_btf_and_data_maps(const ElfImage& image, BpfObject& object) {
    std::vector<std::uint32_t> map_of_btf_map;
    for (const BtfMap& map : image.btf_maps) {
        MapDef def = map.def;
        map_of_btf_map.push_back(static_cast<std::uint32_t>(object.maps.size()));
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
        def.type = map_type::kArray;
        def.key_size = 4;
        def.value_size = static_cast<std::uint32_t>(std::min<std::uint64_t>(section.size, 0xffffffffULL));
        def.max_entries = 1;
        def.initial_value = section.data;
        def.read_only = section.name.starts_with(".rodata");
        if (const auto fields = image.datasec_special_fields.find(section.name);
            fields != image.datasec_special_fields.end()) {
            def.special_fields = fields->second;
        }
        if (const auto kptrs = image.datasec_kptr_fields.find(section.name); kptrs != image.datasec_kptr_fields.end()) {
            def.kptr_fields = kptrs->second;
        }
        object.maps.push_back(std::move(def));
    }
    collect_map_slots(image, map_of_btf_map, object);
    if (!image.kconfig_externs.empty()) {
        MapDef def;
        def.name = ".kconfig";
        def.section = ".kconfig";
        def.origin = MapOrigin::GlobalData;
        def.type = map_type::kArray;
        def.key_size = 4;
        def.value_size = image.kconfig_externs.back().end();
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
        const bool kconfig = std::any_of(image.kconfig_externs.begin(), image.kconfig_externs.end(),
                                         [&](const KconfigExtern& ext) { return ext.name == symbol.name; });
        const auto prototype = image.btf_functions.find(symbol.name);
        // A function by its symbol or, as libbpf reads it, by its BTF (clang
        // leaves an undefined symbol's type NOTYPE).
        const bool function = symbol.type == kSymbolFunction || prototype != image.btf_functions.end();
        object.externs.push_back(
            Extern{symbol.name, function, kconfig ? ".kconfig" : ".ksyms",
                   prototype == image.btf_functions.end() ? std::string{} : prototype->second.core_shape});
        object.externs.back().typed_variable =
            !function &&
            std::find(image.typed_ksyms.begin(), image.typed_ksyms.end(), symbol.name) != image.typed_ksyms.end();
    }
}

// Whether some relocated call instruction (opcode 0x85) targets symbol `index`.
bool is_called(const ElfImage& image, std::uint32_t index) {
    constexpr std::uint8_t kCallOpcode = 0x85;
    return std::any_of(image.relocs.begin(), image.relocs.end(), [&](const ElfReloc& reloc) {
        if (reloc.symbol != index || reloc.target_section >= image.sections.size()) {
            return false;
        }
        const auto& data = image.sections[reloc.target_section].data;
        return reloc.offset < data.size() && data[reloc.offset] == kCallOpcode;
    });
}

// libbpf (bpf_object__collect_externs) opens an object only when every
// extern (an undefined global symbol without type: kfunc, ksym, kconfig) has
// a BTF VAR or FUNC of extern linkage ("failed to find BTF for extern") held
// by the .ksyms or .kconfig DATASEC ("failed to find BTF for extern 'X' [N]
// section", "unrecognized extern section"). Refused here: the BTF declares
// the name with another linkage (GCC 12 declares kfuncs as static FUNCs), or
// declares it extern outside those two sections (a map or function that
// another object defines: the objects must be linked first), or, for a
// function the program calls, does not declare it at all (GCC's calls of
// libgcc's __bswapsi2). Objects without BTF, and data externs the BTF does
// not name, come from toolchains and loaders that resolve externs their own
// way (old clang, cilium/ebpf's testdata).
Expected<bool> check_extern_btf(const ElfImage& image) {
    for (std::uint32_t index = 0; index < image.symbols.size(); ++index) {
        const ElfSymbol& symbol = image.symbols[index];
        if (!image.has_btf || symbol.section_index != 0 || symbol.name.empty() || symbol.binding == kBindingLocal ||
            symbol.type != kSymbolNoType) {
            continue;
        }
        const auto found = image.btf_declarations.find(symbol.name);
        if (found == image.btf_declarations.end()) {
            if (!is_called(image, index)) {
                continue;  // a data extern: its loader resolves it
            }
            return Error{fmt::format(
                "extern '{}' has no BTF declaration, so libbpf refuses the object (\"failed to find BTF for "
                "extern '{}'\"){}",
                symbol.name, symbol.name,
                symbol.name.starts_with("__")
                    ? ": it looks like a compiler runtime routine (GCC calls libgcc's __bswapsi2 for some byte "
                      "swaps), which BPF does not have; write the operation with a builtin the compiler inlines "
                      "(__builtin_bswap32, bpf_htonl) or in plain C"
                    : "")};
        }
        if (!found->second) {
            return Error{
                fmt::format("extern '{}' is declared in BTF without extern linkage (as GCC 12 declares "
                            "kfuncs), so libbpf cannot resolve it (\"failed to find BTF for extern\") "
                            "and refuses the object",
                            symbol.name)};
        }
        const auto section = image.btf_datasec_of.find(symbol.name);
        if (section == image.btf_datasec_of.end() || (section->second != ".ksyms" && section->second != ".kconfig")) {
            return Error{fmt::format(
                "extern '{}' is {}: it is defined in another object, and libbpf refuses an object with such an "
                "extern (\"failed to find BTF for extern '{}' section\"); link the objects into one first "
                "(bpftool gen object OUT.o A.o B.o) and check that",
                symbol.name,
                section == image.btf_datasec_of.end()
                    ? std::string("in no BTF section (kernel symbols are in .ksyms, Kconfig values in .kconfig)")
                    : fmt::format("in the BTF section '{}', not .ksyms or .kconfig", section->second),
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
// An object with struct_ops is the exception: its maps are typed by the
// object's BTF in the kernel (libbpf's kernel_needs_btf: a `.struct_ops` or
// `.struct_ops.link` section), so when the kernel refuses that BTF libbpf
// refuses the object ("Error loading .BTF into kernel ... BTF is mandatory,
// can't proceed.").
Expected<bool> apply_kernel_btf_view(const ElfImage& image, BpfObject& object) {
    object.btf_refusal = image.btf_refusal;
    const bool struct_ops = std::any_of(image.sections.begin(), image.sections.end(), [](const ElfSection& section) {
        return section.name == ".struct_ops" || section.name == ".struct_ops.link";
    });
    if (struct_ops && object.has_btf && !image.btf_refusal.empty() && !loaded_by_legacy_loader(object)) {
        return Error{fmt::format(
            "the kernel refuses the object's BTF ({}), which its struct_ops maps need: libbpf refuses the object "
            "(\"Error loading .BTF into kernel ... BTF is mandatory, can't proceed.\")",
            image.btf_refusal)};
    }
    // A legacy loader creates the maps from their definitions and loads the
    // programs without the object's BTF, so no function has func info.
    const bool btf_loads = object.has_btf && image.btf_refusal.empty() && !loaded_by_legacy_loader(object);
    for (MapDef& map : object.maps) {
        map.has_btf =
            btf_loads && (map.origin == MapOrigin::GlobalData || map.key_type_id != 0 || map.value_type_id != 0);
        const bool local_storage = map.type == map_type::kSkStorage || map.type == map_type::kInodeStorage ||
                                   map.type == map_type::kTaskStorage || map.type == map_type::kCgrpStorage;
        if (local_storage && !(btf_loads && map.key_type_id != 0 && map.value_type_id != 0)) {
            const std::string why = !image.btf_refusal.empty()
                                        ? fmt::format("the kernel refuses the object's BTF: {}", image.btf_refusal)
                                    : !object.has_btf ? std::string{"the object has no BTF"}
                                                      : std::string{"the map is declared without __type(key/value)"};
            return Error{
                fmt::format("map '{}' ({}) needs BTF key and value types, or the kernel cannot create it "
                            "and libbpf refuses the object ({})",
                            map.name, model::map_type_name(map.type), why)};
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
    object.notes = image.notes;
    read_license_and_version(image, object);
    std::vector<SectionError> errors = image.section_errors;
    collect_functions(image, object, errors);
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
    linker.check_relocations(errors);
    for (std::uint32_t i = 0; i < object.functions.size(); ++i) {
        const Function& function = object.functions[i];
        if (!function.is_program) {
            continue;
        }
        auto linked = linker.link(i, errors);
        Program program;
        if (linked) {
            program = std::move(*linked);
        } else {
            program.name = function.name;
            program.section = function.section;
            program.load_error = linked.error().message;
        }
        if (auto match = program_type_for(program.section, program.name, object.legacy_tc_maps)) {
            program.type = std::move(match->type);
            program.attach_type = std::move(match->attach_type);
            program.type_origin = std::move(match->origin);
            program.sleepable = match->sleepable;
        }
        if (const auto member = image.struct_ops_members.find(function.name);
            member != image.struct_ops_members.end()) {
            program.struct_ops_type = member->second.first;
            program.struct_ops_member = member->second.second;
        }
        object.programs.push_back(std::move(program));
    }
    if (auto ok = apply_kernel_btf_view(image, object); !ok) {
        return ok.error();
    }
    return object;
}

}  // namespace bpfcheck::loader
