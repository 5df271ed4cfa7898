// Loop termination and kernel-budget checks, run after a function's fixpoint
// over its converged states: loop.unbounded, loop.infinite, loop.backedge
// (targets before Linux 5.3) and loop.kernel_budget.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/reporter.hpp"
#include "analyzer/termination/termination_delta.hpp"
#include "domains/partitioned_state.hpp"

#include <functional>

namespace bpfcheck::analyzer {

// The converged state at the entry of a block, nullptr when unreachable.
using BlockStates = std::function<const domains::PartitionedState*(cfg::BlockId)>;

// `recorded`: the operand ranges of the function's loop additions, when a
// walk of the converged states recorded them (termination_operands.hpp);
// nullptr: they are computed where a proof needs them.
void check_termination(const AnalysisContext& context, std::uint32_t function, const BlockStates& pre_states,
                       Reporter& reporter, const termination::OperandRanges* recorded = nullptr);

}  // namespace bpfcheck::analyzer
