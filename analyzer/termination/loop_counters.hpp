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

// Of `counters` (loop_counter_registers), per block, those that carry a
// value from one iteration to the next: live where a back edge of the loop
// enters (`live_in`, register_liveness.hpp). These key the partitions. A
// register written afresh in each iteration and then stepped and compared
// (`r2 = *(u64 *)(r10 - 8); r2 += 1; if r2 < 2`: a pointer tested for -1 in
// strobemeta_nounroll1's string loop) counts nothing: its values only split
// one iteration's states into parts, and folding those then mixed
// iterations (the loop's offsets widened). A counter spilled to the stack
// is kept by its slot (loop_counter_slots.hpp), found from the wider set.
std::vector<RegisterMask> carried_loop_counters(const cfg::Cfg& graph, std::span<const RegisterMask> counters,
                                                std::span<const RegisterMask> live_in);

}  // namespace bpfcheck::analyzer
