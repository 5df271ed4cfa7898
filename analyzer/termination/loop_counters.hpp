// The registers that count a loop's iterations, per block: inside a cyclic
// strongly connected component of the CFG, a register that is both stepped
// by a constant (`r += 24`) and compared by a conditional jump. The kernel
// walks each iteration of such a loop with the counter exact; the trace
// partitioning (partitioned_state.hpp) keeps states with different counter
// values apart for the same reason, and when it must fold states it folds
// those of one iteration first, so the counter (and the offsets that move
// with it) is not widened.
#pragma once

#include "analyzer/engine/register_liveness.hpp"

namespace bpfcheck::analyzer {

// Per block: the counters of the loops the block belongs to (0 outside loops).
std::vector<RegisterMask> loop_counter_registers(const cfg::Cfg& graph, std::span<const isa::Instruction> insns);

}  // namespace bpfcheck::analyzer
