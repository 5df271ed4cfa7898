// Per-block facts for the fixpoint (see block_facts.hpp).
#include "analyzer/engine/block_facts.hpp"

#include "analyzer/engine/loop_counter_slots.hpp"
#include "analyzer/termination/loop_counters.hpp"
#include "analyzer/termination/loop_walk.hpp"
#include "domains/partitioned_state.hpp"

#include <algorithm>
#include <bit>

namespace bpfcheck::analyzer {

namespace {

// The register (as a mask) whose value at `block`'s entry decides its last
// instruction, a comparison with an immediate: the compared register, or
// the one it was copied or shifted from in the block (clang's zero
// extension `r4 <<= 32; r1 = r4; r1 >>= 32; if r1 != 0`); 0 if another
// write in the block makes it.
RegisterMask decision_register(const cfg::BasicBlock& block, std::span<const isa::Instruction> insns) {
    const auto* test = block.last < insns.size() ? std::get_if<isa::Jump>(&insns[block.last]) : nullptr;
    if (test == nullptr || test->cond == isa::JumpCond::Always || test->src.is_register || test->dst >= 10) {
        return 0;
    }
    int reg = test->dst;
    for (std::uint32_t pc = block.last; pc-- > block.first;) {
        if ((defined_registers(insns[pc]) & (1U << reg)) == 0) {
            continue;
        }
        const auto* alu = std::get_if<isa::Alu>(&insns[pc]);
        const bool shift = alu != nullptr && !alu->src.is_register &&
                           (alu->op == isa::AluOp::Lsh || alu->op == isa::AluOp::Rsh || alu->op == isa::AluOp::Arsh);
        if (alu != nullptr && alu->op == isa::AluOp::Mov && alu->src.is_register && alu->src.reg < 10) {
            reg = alu->src.reg;
        } else if (!shift) {
            return 0;
        }
    }
    return static_cast<RegisterMask>(1U << reg);
}

}  // namespace

BlockFacts BlockFacts::of(const cfg::Cfg& cfg, std::span<const isa::Instruction> insns,
                          std::span<const std::optional<MapSizes>> maps) {
    BlockFacts facts;
    const std::size_t count = cfg.block_count();
    facts.predecessors.resize(count);
    for (const cfg::Edge& edge : cfg.edges()) {
        facts.predecessors[edge.to].push_back(&edge);
    }
    facts.in_loop.assign(count, false);
    for (const auto& loop : cfg.loops()) {
        for (const cfg::BlockId b : loop) {
            facts.in_loop[b] = true;
        }
    }
    facts.in_component.assign(count, false);
    facts.read_after_fixpoint.assign(count, false);
    facts.walked_again.assign(count, false);
    facts.long_loop_heads.assign(count, false);
    facts.walk_lengths.assign(count, 0);
    facts.counter_ranges.assign(count, {});
    for (const cfg::FunctionInfo& function : cfg.functions()) {
        const auto& elements = function.wto.elements();
        for (const cfg::WtoElement& element : elements) {
            facts.in_component[element.vertex] = element.depth > 0;
            if (element.depth > 0) {
                facts.read_after_fixpoint[element.vertex] = true;
                for (const cfg::Edge* edge : facts.predecessors[element.vertex]) {
                    facts.read_after_fixpoint[edge->from] = true;
                }
            }
        }
        // Top-level components holding a loop.
        for (std::uint32_t i = 0; i < elements.size(); ++i) {
            if (elements[i].is_head && elements[i].depth == 1 && function.wto.holds_loop(i)) {
                for (std::uint32_t j = i; j < elements[i].component_end; ++j) {
                    facts.walked_again[elements[j].vertex] = true;
                }
            }
        }
        const std::vector<bool> heads = analyzer::long_loop_heads(cfg, function.wto, insns, domains::kMaxPartitions);
        for (std::size_t b = 0; b < heads.size() && b < count; ++b) {
            facts.long_loop_heads[b] = facts.long_loop_heads[b] || heads[b];
        }
        const std::vector<std::vector<CounterRange>> ranges = exact_exit_counters(cfg, function.wto, insns);
        for (std::size_t b = 0; b < ranges.size() && b < count; ++b) {
            facts.counter_ranges[b].insert(facts.counter_ranges[b].end(), ranges[b].begin(), ranges[b].end());
        }
        const std::vector<std::uint32_t> lengths =
            analyzer::loop_walk_lengths(cfg, function.wto, insns, domains::kMaxPartitions);
        for (std::size_t b = 0; b < lengths.size() && b < count; ++b) {
            facts.walk_lengths[b] = std::max(facts.walk_lengths[b], lengths[b]);
        }
    }
    facts.live_in = live_in_registers(cfg, insns);
    facts.live_slots_in = live_in_slots(cfg, insns, maps);
    facts.loop_bounds.assign(count, 0);
    for (const auto& loop : cfg.loops()) {
        RegisterMask compared = 0;
        RegisterMask written = 0;
        for (const cfg::BlockId b : loop) {
            for (std::uint32_t pc = cfg.block(b).first; pc <= cfg.block(b).last; ++pc) {
                written |= defined_registers(insns[pc]);
                const auto* jump = std::get_if<isa::Jump>(&insns[pc]);
                if (jump != nullptr && jump->src.is_register && jump->cond != isa::JumpCond::Always) {
                    compared |= static_cast<RegisterMask>((1U << jump->dst) | (1U << jump->src.reg));
                }
            }
        }
        const auto invariant = static_cast<RegisterMask>(compared & ~written & kAllRegisters);
        for (const cfg::BlockId b : loop) {
            facts.loop_bounds[b] |= invariant;
        }
    }
    const std::vector<RegisterMask> stepped_and_compared = loop_counter_registers(cfg, insns);
    facts.counter_slots = loop_counter_slots(cfg, insns, stepped_and_compared);
    facts.loop_counters = carried_loop_counters(cfg, stepped_and_compared, facts.live_in);
    // A counter too long to walk whose range is known exactly
    // (CounterRange) keys no partitions: keeping its first kMaxPartitions
    // iterations apart only costs rounds (they fold and widen anyway), and
    // each part walked in the loop is narrowed to the range.
    for (std::size_t b = 0; b < count; ++b) {
        for (const CounterRange& range : facts.counter_ranges[b]) {
            if ((static_cast<std::uint64_t>(range.hi - range.lo) / range.modulus) + 1 > domains::kMaxPartitions) {
                facts.loop_counters[b] = static_cast<RegisterMask>(facts.loop_counters[b] & ~(1U << range.reg));
            }
        }
    }
    // Nor does a counter whose exit lies past the partitions.
    for (const cfg::FunctionInfo& function : cfg.functions()) {
        const std::vector<std::uint16_t> past =
            analyzer::counters_past_partitions(cfg, function.wto, insns, domains::kMaxPartitions);
        for (std::size_t b = 0; b < past.size() && b < count; ++b) {
            facts.loop_counters[b] = static_cast<RegisterMask>(facts.loop_counters[b] & ~past[b]);
        }
    }
    // The counters a loop steps by a constant of 2 or more are narrowed to
    // their residue too; added after the loop above, as their long ranges
    // say nothing about keying partitions.
    for (const cfg::FunctionInfo& function : cfg.functions()) {
        const std::vector<std::vector<CounterRange>> stepped = stepped_counters(cfg, function.wto, insns);
        for (std::size_t b = 0; b < stepped.size() && b < count; ++b) {
            facts.counter_ranges[b].insert(facts.counter_ranges[b].end(), stepped[b].begin(), stepped[b].end());
        }
    }
    // Outside loops, the register a block's last instruction compares with
    // an immediate, holding at the block's entry what it holds at the test,
    // keys partitions there as a counter does: states holding different
    // constants in it are kept apart while others can be folded. The kernel
    // marks such a register precise (its constant decides the branch) and
    // never prunes one of those states with the other; a fold that joined
    // them (ret = 0 on the path whose packet range was checked, ret = -22 on
    // the other) would test a range of both and lose what the first knew.
    for (std::size_t b = 0; b < count; ++b) {
        if (!facts.in_loop[b]) {
            facts.loop_counters[b] =
                static_cast<RegisterMask>(facts.loop_counters[b] | decision_register(cfg.block(b), insns));
        }
    }
    return facts;
}

namespace {
// What a forgotten register holds (one copy, not one per register forgotten).
const domains::Value& unwritten_register() {
    static const domains::Value kUninit = domains::Value::uninit();
    return kUninit;
}
}  // namespace

void forget_dead_registers(domains::MachineState& state, DeadRegisters dead) {
    if (state.is_bottom()) {
        return;
    }
    const bool related = !state.relations().empty();
    for (int r = 0; r < 10; ++r) {
        if ((dead.live & (1U << r)) == 0) {
            state.reg(r) = unwritten_register();  // a copy costs less than asking whether it is one already
            if (related) {
                state.relations().forget_reg(state.current_frame(), r);
            }
        }
    }
    const std::uint32_t frame = state.current_frame();
    for (std::uint64_t forgotten = state.stack(frame).forget_slots(~dead.live_slots); forgotten != 0;
         forgotten &= forgotten - 1) {
        state.relations().forget_slot(frame, std::countr_zero(forgotten));
    }
}

void narrow_to_counter_ranges(domains::MachineState& state, std::span<const CounterRange> ranges) {
    if (state.is_bottom()) {
        return;
    }
    for (const CounterRange& range : ranges) {
        domains::Value& value = state.reg(range.reg);
        if (!value.is_scalar() || value.number().is_bottom()) {
            continue;
        }
        domains::Scalar& number = value.number();
        if (number.smin > range.hi || number.smax < range.lo) {
            continue;  // outside the range: left as it is
        }
        // Whole steps from range.lo: round the bounds in, within the range.
        const auto steps_from_lo = [&](std::int64_t at) {
            return static_cast<std::uint64_t>(at - range.lo) % range.modulus;
        };
        const std::int64_t lo_bound = std::max(number.smin, range.lo);
        const std::uint64_t above = steps_from_lo(lo_bound);
        const std::int64_t lo = above == 0 ? lo_bound : lo_bound + static_cast<std::int64_t>(range.modulus - above);
        const std::int64_t hi_bound = std::min(number.smax, range.hi);
        const std::int64_t hi = hi_bound - static_cast<std::int64_t>(steps_from_lo(hi_bound));
        if (lo > hi) {
            continue;
        }
        number.meet_with(domains::Scalar::signed_range(lo, hi));
        // The low bits every whole step keeps (those of lo below the modulus's lowest set bit).
        const std::uint64_t low = range.modulus & (~range.modulus + 1);
        number.meet_with(
            domains::Scalar::from_tnum(domains::Tnum{static_cast<std::uint64_t>(lo) & (low - 1), ~(low - 1)}));
    }
}

bool holds_dead_registers(const domains::MachineState& state, DeadRegisters dead) {
    if (state.is_bottom()) {
        return false;
    }
    bool holds = state.stack(state.current_frame()).written_slots(~dead.live_slots) != 0;
    for (int r = 0; r < 10 && !holds; ++r) {
        holds = (dead.live & (1U << r)) == 0 &&
                (!(state.reg(r) == unwritten_register()) || state.relations().mentions_reg(state.current_frame(), r));
    }
    return holds;
}

}  // namespace bpfcheck::analyzer
