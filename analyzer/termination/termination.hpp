// Loop termination and kernel-budget checks, run after a function's fixpoint
// over its converged states: loop.unbounded, loop.infinite, loop.backedge
// (targets before Linux 5.3) and loop.kernel_budget.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/reporter.hpp"
#include "domains/partitioned_state.hpp"

#include <functional>

namespace bpfcheck::analyzer {

// The converged state at the entry of a block, nullptr when unreachable.
using BlockStates = std::function<const domains::PartitionedState*(cfg::BlockId)>;

void check_termination(const AnalysisContext& context, std::uint32_t function, const BlockStates& pre_states,
                       Reporter& reporter);

}  // namespace bpfcheck::analyzer
