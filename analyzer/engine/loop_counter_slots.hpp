// The stack slots that carry a loop's counter between iterations, per block.
// Under register pressure clang keeps a loop's counter in a stack slot: it
// loads it, steps it, compares it and stores it back each iteration (the
// selftests' pyperf180 and strobemeta). The kernel walks each iteration with
// the spilled counter exact; the trace partitioning does the same only if
// the slot's constant takes part in the shape there (partitioned_state.hpp),
// or the iterations join at the loop's blocks and the counter, and every
// offset moving with it, is widened away.
#pragma once

#include "analyzer/engine/register_liveness.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace bpfcheck::analyzer {

// Per block: bit s set when the frame's slot s (r10 - 512 + 8 * s) is, in a
// loop the block belongs to, both loaded (8 bytes) into a register that the
// same block then steps by a constant, and stored from one of the loop's
// counter registers (`counter_registers`, per block: stepped by a constant
// and compared; loop_counters.hpp). A slot only stored from a register that
// also serves as a counter elsewhere (a sum kept in fp-24 of
// strobemeta_nounroll1) is no counter: keeping its values apart would only
// multiply the parts. Only loops with no loop nested in them (one head)
// have counter slots: in a nest, keeping every outer iteration apart
// multiplies the inner loop's parts past the partition budget, and folding
// them by nearness then loses more than the outer counter
// (strobemeta_nounroll1/2: more false alarms).
std::vector<std::uint64_t> loop_counter_slots(const cfg::Cfg& graph, std::span<const isa::Instruction> insns,
                                              std::span<const RegisterMask> counter_registers);

}  // namespace bpfcheck::analyzer
