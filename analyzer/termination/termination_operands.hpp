// The numbers a loop's `add`/`sub` instructions add, read from the converged
// abstract states: what lets the induction analysis (termination_delta)
// follow a counter whose step depends on data, e.g. `off += len` with len in
// [1, 4], as head(off) + [1, 4], and the ranking proof bound its iterations
// by the smallest step (the kernel, which walks the loop, needs no more).
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/termination/termination.hpp"
#include "analyzer/termination/termination_delta.hpp"
#include "analyzer/termination/termination_loop.hpp"
#include "analyzer/transfer/executor.hpp"

namespace bpfcheck::analyzer::termination {

// The operand ranges (OperandRanges) of every `add`/`sub` with a register
// source in the loop's blocks.
OperandRanges operand_ranges(const AnalysisContext& context, const Loop& loop, const BlockStates& states,
                             const Executor& executor);

}  // namespace bpfcheck::analyzer::termination
