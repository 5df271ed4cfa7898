// The parts of an ELF file the loader needs, read once through LLVM's Object
// library into plain vectors (sections, symbols, relocations, BTF records),
// so that building the BpfObject from them needs no LLVM type.
#pragma once

#include "cfg/program/program.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace bpfcheck::loader {

using namespace model;  // NOLINT(google-build-using-namespace): the loader builds the model

struct ElfSection {
    std::string name;
    std::uint32_t index = 0;
    std::uint32_t type = 0;
    std::uint64_t flags = 0;
    std::uint64_t size = 0;
    bool executable = false;
    std::vector<std::uint8_t> data;  // kept for code, maps, data, license, version
};

struct ElfSymbol {
    std::string name;
    std::uint32_t section_index = 0;  // 0: undefined (extern)
    std::uint64_t value = 0;
    std::uint64_t size = 0;
    std::uint8_t type = 0;        // STT_*
    std::uint8_t binding = 0;     // STB_*
    std::uint8_t visibility = 0;  // STV_* (the low bits of st_other)
};

inline constexpr std::uint8_t kBindingLocal = 0;  // STB_LOCAL
inline constexpr std::uint8_t kBindingWeak = 2;   // STB_WEAK

struct ElfReloc {
    std::uint32_t target_section = 0;  // section the relocation patches
    std::uint64_t offset = 0;
    std::uint32_t type = 0;
    std::uint32_t symbol = kNoIndex;  // index into ElfImage::symbols
};

// A map declared in the BTF `.maps` section.
struct BtfMap {
    std::string name;
    MapDef def;
    bool has_inner = false;
    MapDef inner;
    std::uint32_t values_offset = 0;  // of `values[]` inside the variable, when declared
};

struct LineRecord {
    std::uint32_t section_index = 0;
    std::uint64_t offset = 0;
    SourceLine line;
};

struct CoreRecord {
    std::uint32_t section_index = 0;
    std::uint64_t offset = 0;
    std::uint32_t type_id = 0;
    std::string access;
    std::uint32_t kind = 0;
    CoreMember member = CoreMember::Unknown;  // resolved by btf_core_members.cpp
    std::string root{};                       // the root struct's name (btf_core_members.cpp)
    std::string field{};                      // the name of the member the access ends at, when a struct member
    std::uint8_t root_kind = 0;               // the root type's BTF kind (BTF_KIND_*), typedefs not skipped
    LocalType local{};                        // local type-id relocations (btf_core_members.cpp)
};

// A .BTF.ext func_info record: the function at `offset` bytes into `section`.
struct FuncInfoSite {
    std::string section;
    std::uint64_t offset = 0;
};

inline constexpr std::uint64_t kNoOffset = ~std::uint64_t{0};

// A fault found in one section (a bad relocation, a function symbol that
// does not fit): only the programs whose code it touches are lost.
struct SectionError {
    std::uint32_t section_index = 0;
    std::uint64_t offset = kNoOffset;  // byte offset of the faulty instruction; kNoOffset: the whole section
    std::string message;
};

struct ElfImage {
    std::string path;
    std::vector<ElfSection> sections;  // indexed by ELF section index
    std::vector<ElfSymbol> symbols;
    std::vector<ElfReloc> relocs;             // of executable sections
    std::vector<ElfReloc> maps_relocs;        // of `.maps`: slot initialisers (`.values = { [1] = &prog }`)
    std::vector<ElfReloc> struct_ops_relocs;  // of `.struct_ops*`: the programs a struct_ops variable holds
    // Function name -> {struct_ops type, member}: where a `.struct_ops*`
    // variable points at it (libbpf's bpf_object__collect_st_ops_relos).
    std::map<std::string, std::pair<std::string, std::string>> struct_ops_members;
    bool has_btf = false;
    std::vector<BtfMap> btf_maps;
    std::vector<KconfigExtern> kconfig_externs;  // kind and size from BTF; offset and weak set by the builder
    std::map<std::string, FunctionSignature> btf_functions;  // by function name
    std::vector<LineRecord> lines;                           // sorted by (section, offset)
    std::vector<CoreRecord> core_records;
    std::string btf_refusal;                       // why the kernel refuses .BTF ("" if it takes it)
    std::vector<FuncInfoSite> func_info;           // .BTF.ext func_info records
    std::map<std::string, bool> btf_declarations;  // VAR/FUNC name -> extern linkage (the first so named)
    // VAR/FUNC name -> the DATASEC that holds it (the first so named).
    std::map<std::string, std::string> btf_datasec_of;
    // `.ksyms` variables of a type (not `const void`): libbpf resolves them
    // in the kernel's BTF and the kernel finds their address (typed ksyms);
    // an untyped one libbpf reads from /proc/kallsyms itself.
    std::vector<std::string> typed_ksyms;
    // Global-data sections (.bss, .data.*, ...): the special fields their
    // variables hold, as the kernel finds them in the DATASEC value type.
    std::map<std::string, std::vector<model::MapField>> datasec_special_fields;
    // Global data section -> its variables' kptr fields (`struct T __kptr *g;`), at their offsets.
    std::map<std::string, std::vector<model::KptrField>> datasec_kptr_fields;
    std::vector<SectionError> section_errors;
    std::vector<std::uint32_t> skipped_reloc_sections;  // relocation tables not read (see section_errors)
    std::vector<std::string> notes;
};

}  // namespace bpfcheck::loader
