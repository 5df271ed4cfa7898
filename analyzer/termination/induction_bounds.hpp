// Bounds on a loop's induction variables at its head, once the fixpoint has
// widened them. The kernel walks a bounded loop iteration by iteration, so
// a pointer or number that moves by a constant stride each iteration is
// exact in every walk (XDP-Firewall's rule cursor, strobemeta's
// `descr->key_lens[i]` reached through a pointer kept in a stack slot across
// an inner loop). Widening at the head takes such a value past every
// bound, and then each access through it is "out of bounds".
//
// Two facts give the bound back, both proven over the converged states by
// the termination module: the loop returns to its head at most R times
// (LoopProver, termination_proof.hpp: returns_to_head), and a location (a
// register, or an 8-byte stack slot of the loop's frame) returns to the
// head as `head(x) + [a, b]` on every cycle, a and b of one sign
// (DeltaAnalysis::around_cycle, termination_delta.hpp: a constant stride,
// or a data-dependent one such as `off += len`). After k returns x lies in
// entry(x) + k * [a, b], so within entry(x) + [min(0, R * a), max(0, R * b)]
// at the head, entry(x) being what x holds on the edges entering the loop
// (a number, or an offset of one pointer kind and region in every entering
// state). An exact stride s of a number also bounds the returns: k * s fits
// between its entering value and its range at the head. The head's states
// are narrowed to that as its block is walked (narrow_to_induction_bounds);
// where a bound would overflow, or the entering states disagree, nothing is
// narrowed. Computed only where widening took a value that entered the loop
// bounded to the extremes (elsewhere the bounds could change nothing), and
// for loops entered at their head only.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/termination/termination.hpp"
#include "domains/partitioned_state.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace bpfcheck::analyzer {

struct InductionBound {
    int reg = -1;   // a register 0..9, or
    int slot = -1;  // an 8-byte stack slot (0..63: r10 - 512 + 8 * slot) of the loop's frame
    domains::Kind kind = domains::Kind::Scalar;
    std::uint32_t region = 0;  // a pointer's region
    std::int64_t lo = 0;       // the number (a scalar, a pointer's offset) lies in [lo, hi]
    std::int64_t hi = 0;
    bool operator==(const InductionBound&) const = default;
};

// The bounds at `head` of the loop `function`'s WTO component headed there,
// from the converged `states` of its blocks and the join of the states that
// enter it (`entering`); empty when its iterations are not proven or no
// location moves by a constant stride.
std::vector<InductionBound> induction_bounds(const AnalysisContext& context, std::uint32_t function, cfg::BlockId head,
                                             const BlockStates& states, const domains::PartitionedState& entering);

// Narrows `state` (at the head) to `bounds`, where its value is of the
// bound's kind; a bound that would leave nothing is skipped.
void narrow_to_induction_bounds(domains::MachineState& state, std::span<const InductionBound> bounds);

}  // namespace bpfcheck::analyzer
