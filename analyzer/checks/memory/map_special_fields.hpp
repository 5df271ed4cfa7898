// Map values with special fields (bpf_spin_lock, bpf_timer, bpf_wq,
// bpf_list_head, bpf_rb_root: model::MapDef::special_fields), two kernel
// rules: check_map_prog_compatibility (tracing programs may not use maps
// holding locks, timers, workqueues or graph roots, socket filters no locks;
// checked where the program loads the map, before verification) and
// check_map_access (no load or store may touch such a field: only helpers
// and kfuncs may). Both decide from the program or the pointer alone.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/reporter.hpp"
#include "domains/value.hpp"

#include <optional>

namespace bpfcheck::analyzer {

// Every ld_imm64 of a map the program type may not use (`map.not_for_type`);
// `type_name`: the program type as libbpf names it.
void check_map_program_compatibility(const AnalysisContext& context, std::string_view type_name, Reporter& reporter);

// A load or store of `width` bytes at `offset` from `pointer` (a map value):
// why it is refused (`map.special_field`) when it may touch a special field;
// check_special_field_access reports it (false: refused).
std::optional<Diagnostic> special_field_refusal(const AnalysisContext& context, std::uint32_t pc, int base,
                                                const domains::Value& pointer, std::int64_t offset, int width);
bool check_special_field_access(const AnalysisContext& context, std::uint32_t pc, int base,
                                const domains::Value& pointer, std::int64_t offset, int width, Reporter& reporter);

// process_spin_lock's checks of the lock argument of bpf_spin_lock/unlock, a
// map value: at a constant offset, in a map whose value has a bpf_spin_lock,
// and exactly at it (`helper.arg_type`).
void check_spin_lock_field(const AnalysisContext& context, std::uint32_t pc, int reg, const domains::Value& pointer,
                           Reporter& reporter);

}  // namespace bpfcheck::analyzer
