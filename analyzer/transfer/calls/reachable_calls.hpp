// Summaries of a bpf-to-bpf function over everything it may call: whether
// some call instruction in it, or in a function it calls (transitively),
// satisfies a predicate — the kernel's per-subprogram summaries
// (changes_pkt_data, might_sleep) computed the same way.
#pragma once

#include "analyzer/analysis_context.hpp"

#include <cstdint>
#include <variant>
#include <vector>

namespace bpfcheck::analyzer {

// `pred(pc, call)` for each call instruction of `function` and of the
// functions it reaches through local calls; true as soon as one holds.
template <typename Pred>
bool any_reachable_call(const AnalysisContext& context, std::uint32_t function, Pred pred) {
    std::vector<std::uint32_t> todo{function};
    std::vector<bool> seen(context.cfg.functions().size(), false);
    while (!todo.empty()) {
        const std::uint32_t f = todo.back();
        todo.pop_back();
        if (f >= seen.size() || seen[f]) {
            continue;
        }
        seen[f] = true;
        const cfg::FunctionInfo& info = context.cfg.functions()[f];
        for (std::uint32_t pc = info.first_insn; pc < info.first_insn + info.insn_count; ++pc) {
            const auto* call = std::get_if<isa::Call>(&context.program.insns[pc]);
            if (call != nullptr && pred(pc, *call)) {
                return true;
            }
        }
        todo.insert(todo.end(), info.callees.begin(), info.callees.end());
    }
    return false;
}

}  // namespace bpfcheck::analyzer
