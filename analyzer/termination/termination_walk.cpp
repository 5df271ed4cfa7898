// Route "walk" of the termination proofs (see termination_walk.hpp).
#include "analyzer/termination/termination_walk.hpp"

#include <algorithm>
#include <deque>
#include <utility>
#include <vector>

namespace bpfcheck::analyzer::termination {

using domains::MachineState;

namespace {

// Parts, and blocks per part, a walk may handle before giving up (paths are
// not joined, inner loops are walked iteration by iteration).
constexpr std::size_t kMaxParts = 64;
constexpr std::size_t kMaxBlocks = 4096;

bool is_final_jump(const isa::Instruction& insn) {
    return std::holds_alternative<isa::Jump>(insn) || std::holds_alternative<isa::MayGoto>(insn);
}

// Whether a conditional jump reads a register that holds no number.
bool compares_pointer(const isa::Jump& jump, const MachineState& state) {
    if (jump.cond == isa::JumpCond::Always) {
        return false;
    }
    const auto not_number = [&](int r) { return r >= 0 && r < 11 && !state.reg(r).is_scalar(); };
    return not_number(jump.dst) || (jump.src.is_register && not_number(jump.src.reg));
}

// One iteration from `start`, path by path as the kernel walks it (inner
// loops included, iteration by iteration): the states that return to the
// head, or nullopt when the walk takes more than `budget` blocks (what it
// takes is subtracted).
std::optional<std::vector<MachineState>> one_iteration(const AnalysisContext& context, const FunctionLoops& loops,
                                                       const Loop& loop, const MachineState& start,
                                                       const Executor& executor, std::size_t& budget) {
    std::deque<std::pair<cfg::BlockId, MachineState>> pending;
    pending.emplace_back(loop.head, start);
    std::vector<MachineState> returned;
    const auto& insns = context.program.insns;
    while (!pending.empty()) {
        if (budget-- == 0) {
            return std::nullopt;
        }
        auto [block, state] = std::move(pending.front());
        pending.pop_front();
        const cfg::BasicBlock& b = context.cfg.block(block);
        for (std::uint32_t pc = b.first; pc <= b.last && !state.is_bottom(); ++pc) {
            if (std::holds_alternative<isa::Imm64Tail>(insns[pc]) || (pc == b.last && is_final_jump(insns[pc]))) {
                continue;
            }
            executor.execute(pc, state, nullptr);
        }
        if (state.is_bottom()) {
            continue;
        }
        const auto* jump = std::get_if<isa::Jump>(&insns[b.last]);
        for (const cfg::Edge* edge : loops.out_edges(block)) {
            MachineState next = executor.assume(*edge, state);
            if (next.is_bottom() && loops.contains(loop, edge->to) && jump != nullptr &&
                compares_pointer(*jump, state)) {
                return std::nullopt;  // the kernel prunes few pointer comparisons: do not rely on ours
            }
            if (next.is_bottom() || !loops.contains(loop, edge->to)) {
                continue;  // infeasible, or an exit
            }
            if (edge->to == loop.head) {
                returned.push_back(std::move(next));
            } else {
                pending.emplace_back(edge->to, std::move(next));
            }
        }
    }
    return returned;
}

}  // namespace

std::optional<std::uint64_t> walk_bound(const AnalysisContext& context, const FunctionLoops& loops, std::uint32_t index,
                                        const domains::PartitionedState& head, const Executor& executor) {
    const Loop& loop = loops.loops()[index];
    const domains::PartsView parts = head.parts();
    if (parts.empty() || parts.size() > kMaxParts) {
        return std::nullopt;
    }
    // successors[p]: the parts one iteration from part p moves to.
    std::vector<std::vector<std::size_t>> successors(parts.size());
    for (std::size_t p = 0; p < parts.size(); ++p) {
        std::size_t budget = kMaxBlocks;
        const auto returned = one_iteration(context, loops, loop, parts[p], executor, budget);
        if (!returned) {
            return std::nullopt;
        }
        for (const MachineState& state : *returned) {
            std::optional<std::size_t> cover;
            for (std::size_t q = 0; q < parts.size() && !cover; ++q) {
                if (q != p && state.leq(parts[q])) {
                    cover = q;
                }
            }
            if (!cover) {
                return std::nullopt;  // returns to its own part (or to none): perhaps forever
            }
            successors[p].push_back(*cover);
        }
    }
    // Longest path (in parts) through an acyclic graph, by depth-first search.
    enum : std::uint8_t { kNew, kOpen, kDone };
    std::vector<std::uint8_t> mark(parts.size(), kNew);
    std::vector<std::uint64_t> longest(parts.size(), 1);
    bool cyclic = false;
    auto visit = [&](auto&& self, std::size_t p) -> void {
        mark[p] = kOpen;
        for (const std::size_t q : successors[p]) {
            if (mark[q] == kOpen) {
                cyclic = true;
                return;
            }
            if (mark[q] == kNew) {
                self(self, q);
            }
            if (cyclic) {
                return;
            }
            longest[p] = std::max(longest[p], longest[q] + 1);
        }
        mark[p] = kDone;
    };
    std::uint64_t bound = 0;
    for (std::size_t p = 0; p < parts.size() && !cyclic; ++p) {
        if (mark[p] == kNew) {
            visit(visit, p);
        }
        bound = std::max(bound, longest[p]);
    }
    if (cyclic) {
        return std::nullopt;
    }
    return bound;
}

std::optional<std::uint64_t> entry_walk_bound(const AnalysisContext& context, const FunctionLoops& loops,
                                              std::uint32_t index, std::vector<MachineState> entering,
                                              const Executor& executor) {
    const Loop& loop = loops.loops()[index];
    std::vector<MachineState> states = std::move(entering);
    if (states.empty() || states.size() > kMaxParts) {
        return std::nullopt;
    }
    // One budget of blocks for the whole walk: it runs only where no other
    // route bounds the loop, often on a loop that does not end.
    std::size_t budget = kMaxBlocks;
    for (std::uint64_t iteration = 1; iteration <= kMaxEntryWalk; ++iteration) {
        std::vector<MachineState> next;
        for (const MachineState& state : states) {
            auto returned = one_iteration(context, loops, loop, state, executor, budget);
            if (!returned) {
                return std::nullopt;
            }
            for (MachineState& back : *returned) {
                // A state another one covers walks no path that one does not
                // (the kernel prunes it so).
                const bool covered =
                    std::any_of(next.begin(), next.end(), [&](const MachineState& s) { return back.leq(s); });
                if (!covered) {
                    std::erase_if(next, [&](const MachineState& s) { return s.leq(back); });
                    next.push_back(std::move(back));
                }
            }
            if (next.size() > kMaxParts) {
                return std::nullopt;
            }
        }
        if (next.empty()) {
            return iteration;  // every path has left
        }
        states = std::move(next);
    }
    return std::nullopt;
}

}  // namespace bpfcheck::analyzer::termination
