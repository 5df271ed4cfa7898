// What the fixpoint reads about each basic block, computed once per
// program from its CFG and instructions: its incoming edges, whether it is
// in a loop (and inside a component of its function's WTO, so visited more
// than once), its live-in registers, the loop counters that key its
// partitions, and whether it heads a loop too long to walk. Also the two
// state edits the liveness asks for at a block's entry.
#pragma once

#include "analyzer/engine/register_liveness.hpp"
#include "analyzer/engine/stack_liveness.hpp"
#include "analyzer/termination/loop_walk.hpp"
#include "cfg/cfg.hpp"
#include "cfg/isa/instruction.hpp"
#include "domains/machine_state.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace bpfcheck::analyzer {

// The registers a state entering a block forgets: those not in `live`.
// Paths that differ only in dead values (Falco's fillers: flags and lengths
// of a syscall's other branches) join and are walked once. Paths whose
// packet pointers proved different ranges stay apart outside loops by
// those pointers themselves (LoopCounters, MachineState::
// mix_checked_packet_pointers), not by the dead values they also held.
struct DeadRegisters {
    RegisterMask live = kAllRegisters;
    // The current frame's live slots (stack_liveness.hpp): the others are
    // forgotten with the dead registers. Outside loops only: forgotten in
    // loops too, strobemeta's analysis walked 14% more instructions (its
    // loops hold no loop, so not for the transfer memo's sake: measured,
    // not yet explained).
    SlotMask live_slots = kAllSlots;
};

struct BlockFacts {
    std::vector<std::vector<const cfg::Edge*>> predecessors;
    std::vector<bool> in_loop;       // in a natural loop (cfg.loops())
    std::vector<bool> in_component;  // inside a component of its function's WTO
    // In a component, or jumping into one: the blocks whose entry states are
    // read after the fixpoint (the loop checks, the termination proofs'
    // entry states); the others' are dropped once checked in its walk.
    std::vector<bool> read_after_fixpoint;
    // Inside a loop that holds another loop: every round of the outer loop
    // walks the inner one again from its entry, mostly on parts it walked
    // before, so its transfers are worth remembering (transfer_memo.hpp). A
    // loop with no loop inside walks each part once (FixpointEngine's
    // walk_changes) and remembers nothing.
    std::vector<bool> walked_again;
    // Live-in registers (register_liveness.hpp) and stack slots (stack_liveness.hpp).
    std::vector<RegisterMask> live_in;
    std::vector<SlotMask> live_slots_in;
    // What a state entering the block forgets (forget_dead_registers).
    [[nodiscard]] DeadRegisters dead_registers(std::size_t block) const {
        return DeadRegisters{live_in[block], in_loop[block] ? kAllSlots : live_slots_in[block]};
    }
    // termination/loop_counters.hpp; outside loops, the register a block's
    // last instruction compares with an immediate (block_facts.cpp).
    std::vector<RegisterMask> loop_counters;
    std::vector<std::uint64_t> counter_slots;  // loop_counter_slots.hpp
    std::vector<bool> long_loop_heads;         // termination/loop_walk.hpp
    std::vector<std::uint32_t> walk_lengths;   // termination/loop_walk.hpp (loop_walk_lengths)
    // Per block of a loop: the registers its loop's register-register tests
    // compare and that it never writes (a bound `n` in `i < n`). Their bounds
    // where the loop is entered are widening thresholds: a counter that
    // widening would take past every constant stops at its bound instead,
    // where the next step cannot wrap it around (a loop from 2^32 to
    // 2^32 + n: verifier_bounds' bound_greater_than_u32_max).
    std::vector<RegisterMask> loop_bounds;
    // Per block: the counters whose values at its entry are known exactly
    // (termination/loop_walk.hpp's CounterRange), then those a loop steps by
    // a constant of 2 or more (stepped_counters: their residue); each part
    // walked from the block's entry is narrowed to them first
    // (narrow_to_counter_ranges).
    std::vector<std::vector<CounterRange>> counter_ranges;

    // `maps`: per instruction, the sizes of the map an ld_imm64 there loads (stack_liveness.hpp).
    static BlockFacts of(const cfg::Cfg& cfg, std::span<const isa::Instruction> insns,
                         std::span<const std::optional<MapSizes>> maps = {});
};

// Registers and stack slots no path reads again before writing them carry
// nothing: the kernel forgets them before comparing states
// (clean_verifier_state), and so do we before joining, so they neither
// split partitions nor widen.
void forget_dead_registers(domains::MachineState& state, DeadRegisters dead);
// Narrows each counter of `ranges` that `state` holds as a number to its
// range (lo..hi, in whole steps of its modulus from lo).
void narrow_to_counter_ranges(domains::MachineState& state, std::span<const CounterRange> ranges);
// Whether forget_dead_registers would change `state`.
bool holds_dead_registers(const domains::MachineState& state, DeadRegisters dead);

}  // namespace bpfcheck::analyzer
