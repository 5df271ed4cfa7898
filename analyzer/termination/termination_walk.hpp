// Route "walk": a loop with no counter, bounded because each iteration
// moves the state to another of the head's partitions and none leads back.
// Clang compiles `for (i = 0; i < 2; i++)` into a flag (`r3 = 1` before the
// loop, `r3 = 0` in it, exit when it is 0): nothing steps by a constant, yet
// the kernel walks two iterations and accepts. The converged head state
// keeps such iterations in partitions of their own (shapes differ by the
// small constants); replaying one iteration of the loop body from each part
// (without joining, the way the kernel walks it) gives the states that return
// to the head, and each must be covered by one part. These "moves to" edges
// between parts over-approximate every run, so when they form no cycle the
// loop runs at most as many iterations as the longest path has parts. The
// replay walks inner loops iteration by iteration too, as the kernel does,
// within a small budget of blocks per part (so only loops the kernel walks
// cheaply are proven this way).
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/termination/termination_loop.hpp"
#include "analyzer/transfer/executor.hpp"
#include "domains/partitioned_state.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace bpfcheck::analyzer::termination {

// At most how many iterations loop `index` runs by the route above, or
// nullopt when the route does not apply or finds a possible cycle.
std::optional<std::uint64_t> walk_bound(const AnalysisContext& context, const FunctionLoops& loops, std::uint32_t index,
                                        const domains::PartitionedState& head, const Executor& executor);

// Route "walk from the entry": the loop walked from the states that enter
// it, iteration by iteration and path by path as the kernel walks it, with
// no join: a loop with no counter whose values shrink to its exit leaves
// within a few iterations (a checksum fold, `while (sum >> 16) sum = (sum &
// 0xffff) + (sum >> 16)`: any u32, then [0x10000, 0x1fffe], then 0x10000,
// then 1). At most how many iterations it runs, or nullopt when some path
// is still in the loop after kMaxEntryWalk iterations or the walk outgrows
// its budget.
inline constexpr std::uint64_t kMaxEntryWalk = 64;
std::optional<std::uint64_t> entry_walk_bound(const AnalysisContext& context, const FunctionLoops& loops,
                                              std::uint32_t index, std::vector<domains::MachineState> entering,
                                              const Executor& executor);

}  // namespace bpfcheck::analyzer::termination
