// Maps the kernel refuses to create (see map_creation.hpp).
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

}  // namespace bpfcheck::analyzer
