// Induction variable bounds at a loop head (see induction_bounds.hpp).
#include "analyzer/termination/induction_bounds.hpp"

#include "analyzer/termination/termination_delta.hpp"
#include "analyzer/termination/termination_loop.hpp"
#include "analyzer/termination/termination_operands.hpp"
#include "analyzer/termination/termination_proof.hpp"
#include "analyzer/transfer/executor.hpp"

#include <algorithm>
#include <optional>

namespace bpfcheck::analyzer {

namespace {

using domains::MachineState;
using domains::Value;

// Transfers the induction analysis and the proofs may spend per head.
constexpr std::uint64_t kBudget = 2'000'000;

// The value a location holds in `state` (the loop's frame), if any.
std::optional<Value> read(const MachineState& state, int reg, int slot) {
    if (reg >= 0) {
        return state.reg(reg);
    }
    // Not a slot of a stack object (a dynptr's or an iterator's): its
    // value is the object's, not a number the program steps.
    const domains::Stack& stack = state.stack(state.current_frame());
    if (const Value* spilled = stack.spill(slot);
        spilled != nullptr && stack.spill_width(slot) == 8 && spilled->marker() == domains::SlotMarker::None) {
        return *spilled;
    }
    return std::nullopt;
}

// The range of numbers (a scalar, a pointer's offset) the location holds in
// every part of `states`, with their one kind and region; nullopt where they
// disagree or one is neither.
std::optional<InductionBound> range_over(const domains::PartitionedState& states, int reg, int slot) {
    std::optional<InductionBound> range;
    for (const MachineState& part : states.parts()) {
        const std::optional<Value> value = read(part, reg, slot);
        const bool numbered =
            value && (value->is_scalar() ||
                      (value->is_pointer() && value->kind() != domains::Kind::Packet &&
                       value->kind() != domains::Kind::PacketMeta && value->kind() != domains::Kind::PacketEnd));
        if (!numbered || value->number().is_bottom()) {
            return std::nullopt;
        }
        const domains::Scalar& number = value->number();
        const std::uint32_t region = value->is_scalar() ? 0 : value->region();
        if (!range) {
            range = InductionBound{reg, slot, value->kind(), region, number.smin, number.smax};
            continue;
        }
        if (range->kind != value->kind() || range->region != region) {
            return std::nullopt;
        }
        range->lo = std::min(range->lo, number.smin);
        range->hi = std::max(range->hi, number.smax);
    }
    return range;
}

// entry + k * [least, most] for k in [0, visits - 1] (least and most of one
// sign), or nullopt on overflow.
std::optional<InductionBound> shifted(InductionBound bound, std::int64_t least, std::int64_t most,
                                      std::uint64_t visits) {
    std::int64_t low = 0;
    std::int64_t high = 0;
    if (visits == 0 || visits > static_cast<std::uint64_t>(INT64_MAX) ||
        __builtin_mul_overflow(least, static_cast<std::int64_t>(visits - 1), &low) ||
        __builtin_mul_overflow(most, static_cast<std::int64_t>(visits - 1), &high)) {
        return std::nullopt;
    }
    if (__builtin_add_overflow(bound.lo, std::min<std::int64_t>(low, 0), &bound.lo) ||
        __builtin_add_overflow(bound.hi, std::max<std::int64_t>(high, 0), &bound.hi)) {
        return std::nullopt;
    }
    return bound;
}

// Past this a number's bound is one widening took to the extreme, not one a
// program computes (the kernel's BPF_MAX_VAR_OFF is 1 << 29).
constexpr std::int64_t kWidenedAway = std::int64_t{1} << 40;

bool unbounded(const std::optional<InductionBound>& range) {
    return range && (range->lo <= -kWidenedAway || range->hi >= kWidenedAway);
}

// Whether widening took some register or 8-byte spill of the loop's frame
// that enters the loop bounded to the extremes at its head: only then can
// the bounds change anything (the proofs cost a walk of the loop's states).
bool widened_away(const domains::PartitionedState& head, const domains::PartitionedState& entering) {
    const auto widened = [&](int reg, int slot) {
        const auto at_head = range_over(head, reg, slot);
        const auto entered = range_over(entering, reg, slot);
        return unbounded(at_head) && entered && !unbounded(entered);
    };
    for (int reg = 0; reg < isa::kFramePointer; ++reg) {
        if (widened(reg, -1)) {
            return true;
        }
    }
    if (head.parts().empty()) {
        return false;
    }
    const MachineState& first = head.parts().front();
    bool found = false;
    first.stack(first.current_frame()).visit_spills([&](int slot, const Value&) {
        found = found || widened(-1, slot);
    });
    return found;
}

}  // namespace

std::vector<InductionBound> induction_bounds(const AnalysisContext& context, std::uint32_t function, cfg::BlockId head,
                                             const BlockStates& states, const domains::PartitionedState& entering) {
    std::vector<InductionBound> bounds;
    const domains::PartitionedState* head_state = states(head);
    if (head_state == nullptr || head_state->is_bottom() || entering.is_bottom() ||
        !widened_away(*head_state, entering)) {
        return bounds;
    }
    const termination::FunctionLoops loops(context.cfg, function);
    const auto& all = loops.loops();
    std::optional<std::uint32_t> index;
    for (std::uint32_t i = 0; i < all.size(); ++i) {
        if (all[i].head == head) {
            index = i;
        }
    }
    if (!index) {
        return bounds;
    }
    // A side entry would bring values no return to the head counts.
    if (!loops.entered_at_head_only(all[*index])) {
        return bounds;
    }
    // Loops inside this one first (the list has each loop before those
    // inside it): a proven inner loop bounds what it adds to a counter.
    const Executor executor(context, termination::havoc_call);
    std::uint64_t budget = kBudget;
    const termination::LoopProver prover(context, loops, states, executor, budget);
    std::vector<termination::LoopVerdict> verdicts(all.size());
    const auto inside = [&](std::uint32_t k) {
        for (std::uint32_t p = all[k].parent; p != termination::kNoLoop; p = all[p].parent) {
            if (p == *index) {
                return true;
            }
        }
        return false;
    };
    for (std::uint32_t k = all.size(); k-- > *index + 1;) {
        if (inside(k)) {
            verdicts[k] = prover.prove(k, verdicts);
        }
    }
    const termination::LoopVerdict verdict = prover.prove(*index, verdicts);
    if (verdict.status != termination::LoopStatus::Proven) {
        return bounds;
    }
    termination::DeltaAnalysis delta(context, loops, all[*index], *head_state);
    delta.bound_inner_loops([&](cfg::BlockId inner_head) -> std::optional<std::uint64_t> {
        for (std::uint32_t k = 0; k < all.size(); ++k) {
            if (all[k].head == inner_head && all[k].parent == *index &&
                verdicts[k].status == termination::LoopStatus::Proven) {
                return termination::returns_to_head(verdicts[k]);
            }
        }
        return std::nullopt;
    });
    delta.use_operand_ranges([&] { return termination::operand_ranges(context, all[*index], states, executor); });
    if (!delta.run(budget)) {
        return bounds;
    }
    // The head is visited once per return to it and once on entry. A number
    // moving by an exact stride s may tell closer: after k returns it is
    // entry + k * s, within its range in the converged head states.
    std::uint64_t visits = termination::returns_to_head(verdict);
    visits = visits == UINT64_MAX ? visits : visits + 1;
    for (std::size_t location_index = 0;
         location_index < termination::kRegisterLocations && location_index < delta.location_count();
         ++location_index) {
        const auto l = static_cast<termination::Location>(location_index);
        const termination::Relation cycle = delta.around_cycle(l);
        if (l == isa::kFramePointer || cycle.kind != termination::RelKind::Offset || cycle.base != l ||
            cycle.width != termination::Width::Full || !cycle.exact() || cycle.lo == 0) {
            continue;
        }
        const auto entry = range_over(entering, static_cast<int>(l), -1);
        const auto at_head = range_over(*head_state, static_cast<int>(l), -1);
        if (!entry || !at_head || entry->kind != domains::Kind::Scalar || at_head->kind != domains::Kind::Scalar) {
            continue;
        }
        // k * s <= head_max - entry_min (s > 0), or k * |s| <= entry_max - head_min.
        std::int64_t room = 0;
        const bool up = cycle.lo > 0;
        if (up ? __builtin_sub_overflow(at_head->hi, entry->lo, &room)
               : __builtin_sub_overflow(entry->hi, at_head->lo, &room)) {
            continue;
        }
        if (room >= 0) {
            const std::uint64_t steps =
                static_cast<std::uint64_t>(room) / static_cast<std::uint64_t>(up ? cycle.lo : -cycle.lo);
            visits = std::min(visits, steps + 1);
        }
    }
    for (std::size_t location_index = 0; location_index < delta.location_count(); ++location_index) {
        const auto l = static_cast<termination::Location>(location_index);
        if (l == isa::kFramePointer) {
            continue;
        }
        // A stride of one sign (a data-dependent step `off += len`, len in
        // [0, 64], is one too: its interval).
        const termination::Relation cycle = delta.around_cycle(l);
        if (cycle.kind != termination::RelKind::Offset || cycle.base != l || cycle.width != termination::Width::Full ||
            cycle.lo <= -termination::kInfinity || cycle.hi >= termination::kInfinity ||
            (cycle.lo < 0 && cycle.hi > 0) || (cycle.lo == 0 && cycle.hi == 0)) {
            continue;
        }
        int reg = -1;
        int slot = -1;
        if (l < termination::kRegisterLocations) {
            reg = static_cast<int>(l);
        } else if (cycle.tag == termination::CellTag::Low8 && delta.cell_offset(l) % 8 == 0) {
            slot = delta.cell_offset(l) / 8;
        } else {
            continue;
        }
        if (const auto range = range_over(entering, reg, slot)) {
            if (const auto bound = shifted(*range, cycle.lo, cycle.hi, visits)) {
                bounds.push_back(*bound);
            }
        }
    }
    return bounds;
}

void narrow_to_induction_bounds(MachineState& state, std::span<const InductionBound> bounds) {
    if (state.is_bottom()) {
        return;
    }
    for (const InductionBound& bound : bounds) {
        std::optional<Value> value = read(state, bound.reg, bound.slot);
        if (!value || value->kind() != bound.kind || (!value->is_scalar() && value->region() != bound.region) ||
            value->number().is_bottom()) {
            continue;
        }
        domains::Scalar narrowed = value->number();
        narrowed.meet_with(domains::Scalar::signed_range(bound.lo, bound.hi));
        if (narrowed.is_bottom() || narrowed == value->number()) {
            continue;
        }
        value->number() = narrowed;
        if (bound.reg >= 0) {
            state.reg(bound.reg) = *value;
        } else {
            state.stack(state.current_frame()).store(bound.slot * 8, 8, *value);
        }
    }
}

}  // namespace bpfcheck::analyzer
