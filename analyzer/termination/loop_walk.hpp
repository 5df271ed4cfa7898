// Which loop heads are worth walking iteration by iteration. The fixpoint
// keeps each iteration of a loop in a part of its own (partitioned_state.hpp)
// for up to FixpointLimits::walk_rounds rounds, as the kernel walks every
// iteration; past kMaxPartitions iterations the parts are folded and the head
// is widened anyway. A loop whose exit tests on counters compare each with a
// constant the counter cannot reach within kMaxPartitions iterations from its
// initial value (`for (i = 0; i < 1000; i++)`, whatever breaks it has on
// other tests: they end some paths sooner, not the others) cannot be walked
// to its end:
// walking its first 32 iterations only costs rounds, and in a nest every
// round of an outer loop walks the inner ones again (the rounds multiply).
// Such a head gets a short walk (kLongLoopWalkRounds) before it settles.
// Found syntactically over the head's WTO component: a counter is a register
// whose every write in the component is the same constant step and whose
// value entering the head is one constant (`r = imm` last written in each
// predecessor block outside the component). An exit test may compare the
// counter itself or clang's 32-bit extension of a copy of it
// (isa/extension_idiom.hpp), and a round of the loop may step it several
// times (clang unrolls part of a loop's body): its iterations are the steps
// to the exit by the fewest steps a path round the loop takes.
#pragma once

#include "cfg/cfg.hpp"
#include "cfg/isa/instruction.hpp"
#include "cfg/wto.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace bpfcheck::analyzer {

inline constexpr std::uint32_t kLongLoopWalkRounds = 4;

// Per block: whether it heads a WTO component that is such a long loop.
std::vector<bool> long_loop_heads(const cfg::Cfg& graph, const cfg::Wto& wto, std::span<const isa::Instruction> insns,
                                  std::size_t max_parts);

// Per block: the counters (bit r: register r) of the components it is in
// whose nearest exit test lies more than `max_parts` iterations away, other
// exits (a break) aside: keeping their first iterations apart in partitions
// only costs rounds, as they are folded and widened before the end anyway
// (XDP-Firewall's 1000-filter loop, 33 rounds of 30 filters).
std::vector<std::uint16_t> counters_past_partitions(const cfg::Cfg& graph, const cfg::Wto& wto,
                                                    std::span<const isa::Instruction> insns, std::size_t max_parts);

// Per block heading a WTO component whose counter reaches an exit test
// within `max_parts` iterations (the same syntactic counters; other exits,
// such as an early break, may end it sooner): the rounds that walk it to its
// end, its iterations and one; 0 for every other block.
// Until then the fixpoint joins the parts of one iteration instead of
// widening them (FixpointEngine, PartitionedState::widen_except_iterations).
std::vector<std::uint32_t> loop_walk_lengths(const cfg::Cfg& graph, const cfg::Wto& wto,
                                             std::span<const isa::Instruction> insns, std::size_t max_parts);

// A counter whose values at every block entry of its loop are known to be
// lo, lo + modulus, ..., hi: its only write in the loop's WTO component is
// one constant step `r += s` (64-bit), the same block then ends with a test
// `r == E` / `r != E` (64-bit) whose equal edge leaves the component, and it
// enters the head as a constant `init` from which E is a whole number of
// steps away. Each step is tested before any other block is entered, and
// the counter cannot pass E without equalling it, so at block entries it is
// one of init, init + s, ..., E - s. (`for (i = 0; i < 64; i++)` over an
// array of 24-byte structs, compiled as `r8 += 24; if r8 == 1536 goto out`:
// widening takes the offset past every constant, and neither the interval
// nor the known bits recover `r8 <= 1512` from `r8 != 1536`; the kernel
// walks the 64 iterations.) Such a counter with more than kMaxPartitions
// values keys no partitions (BlockFacts): its first iterations would only
// be kept apart to be folded and widened.
struct CounterRange {
    std::uint8_t reg = 0;
    std::int64_t lo = 0;
    std::int64_t hi = 0;
    std::uint64_t modulus = 1;
};

// Per block: the counter ranges of the components it is in.
std::vector<std::vector<CounterRange>> exact_exit_counters(const cfg::Cfg& graph, const cfg::Wto& wto,
                                                           std::span<const isa::Instruction> insns);

// A counter whose every write in a loop's WTO component is one constant
// step `r += s` (64-bit, |s| >= 2) and that enters the head (and only the
// head) as a constant `init` holds init + k * s at every block entry of the
// loop, k >= 0: the values the kernel's walk gives it. k stays below
// kMaxWalkedSteps, as no path the kernel accepts runs more instructions.
// Per block, such counters as ranges (lo..hi in whole steps from lo): an
// exit test `r < 1480` after `r += 2` from 0 leaves the interval r <= 1479,
// and the congruence takes it to 1478 (a 2-byte access at r into 1480 bytes).
inline constexpr std::int64_t kMaxWalkedSteps = 1'000'000;
std::vector<std::vector<CounterRange>> stepped_counters(const cfg::Cfg& graph, const cfg::Wto& wto,
                                                        std::span<const isa::Instruction> insns);

}  // namespace bpfcheck::analyzer
