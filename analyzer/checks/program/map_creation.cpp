// Maps the kernel refuses to create, and map references no relocation
// names (see map_creation.hpp).
#include "analyzer/checks/program/map_creation.hpp"

#include "analyzer/platform/map_creation.hpp"
#include "cfg/program/map_type.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

void check_map_creation(const AnalysisContext& context, Reporter& reporter) {
    const auto& maps = context.object.maps;
    const model::Program& program = context.program;
    for (std::uint32_t i = 0; i < maps.size(); ++i) {
        const model::MapDef& def = maps[i];
        const auto refusal = map_creation_refusal(def);
        if (!refusal) {
            continue;
        }
        std::uint32_t at = 0;
        bool used = false;
        for (std::uint32_t pc = 0; pc < program.refs.size(); ++pc) {
            const model::InsnRef& ref = program.refs[pc];
            if (ref.kind == model::RelocKind::Map && ref.map_index == i) {
                at = pc;
                used = true;
                break;
            }
        }
        reporter.error("map.create", at,
                       fmt::format("the kernel refuses to create map '{}' ({}, key_size={}, value_size={}, "
                                   "max_entries={}): {} ({}); libbpf creates every map of the object before it loads "
                                   "a program, so {}",
                                   def.name, model::map_type_name(def.type), def.key_size, def.value_size,
                                   def.max_entries, refusal->reason, refusal->error,
                                   used ? "this program does not load"
                                        : "this program, which does not use it, does "
                                          "not load either"),
                       {},
                       "fix the map's definition: bpf(BPF_MAP_CREATE) fails before any program is verified, on "
                       "every kernel");
    }
}

void check_unrelocated_maps(const AnalysisContext& context, Reporter& reporter) {
    const model::Program& program = context.program;
    for (std::uint32_t pc = 0; pc < program.insns.size() && pc < program.refs.size(); ++pc) {
        const auto* load = std::get_if<isa::LoadImm64>(&program.insns[pc]);
        if (load == nullptr) {
            continue;
        }
        const model::RelocKind reloc = program.refs[pc].kind;
        const bool map = load->kind == isa::Imm64Kind::MapFd && reloc != model::RelocKind::Map;
        const bool value = load->kind == isa::Imm64Kind::MapValue && reloc != model::RelocKind::GlobalData;
        if (!map && !value) {
            continue;
        }
        reporter.error("map.no_map", pc,
                       fmt::format("ld_imm64 of {} with no relocation: the loader passes its immediate {} as a map's "
                                   "file descriptor, and the kernel finds no map there (\"fd {} is not pointing to "
                                   "valid bpf_map\")",
                                   map ? "a map (BPF_PSEUDO_MAP_FD)" : "a map value's address (BPF_PSEUDO_MAP_VALUE)",
                                   load->imm_low, load->imm_low),
                       {}, "reference the map by its symbol (a relocation), not a hand-written map fd");
    }
}

}  // namespace bpfcheck::analyzer
