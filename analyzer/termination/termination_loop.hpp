// The loops of one function as the termination checks see them: one per head
// of the function's weak topological order (Bourdoncle 1993), i.e. one per
// strongly connected component at each nesting level. A loop is a contiguous
// slice of the WTO (its component), so membership is a range test on WTO
// positions. For each loop we also find the blocks every cycle through the
// head passes (the dominator chain of the latches, by Cooper, Harvey and
// Kennedy, "A Simple, Fast Dominance Algorithm", 2001): an exit test, a
// may_goto or an iterator call proves something about every iteration only
// when it sits on that chain.
#pragma once

#include "cfg/cfg.hpp"

#include <cstdint>
#include <vector>

namespace bpfcheck::analyzer::termination {

inline constexpr std::uint32_t kNoLoop = 0xffffffffU;

struct Loop {
    cfg::BlockId head = 0;
    std::uint32_t begin = 0;                   // WTO position of the head
    std::uint32_t end = 0;                     // one past the component's last WTO position
    std::uint32_t parent = kNoLoop;            // enclosing loop (index into the loop list)
    std::uint32_t depth = 1;                   // 1 for an outermost loop
    std::vector<cfg::BlockId> blocks;          // WTO order, head first
    std::vector<const cfg::Edge*> back_edges;  // edges into the head from inside
    std::vector<const cfg::Edge*> exits;       // edges from inside to outside
    std::vector<cfg::BlockId> on_every_cycle;  // head first, then down the dominator chain
};

class FunctionLoops {
public:
    FunctionLoops(const cfg::Cfg& cfg, std::uint32_t function);

    [[nodiscard]] const std::vector<Loop>& loops() const { return m_loops; }
    [[nodiscard]] bool contains(const Loop& loop, cfg::BlockId block) const {
        const std::uint32_t p = m_wto.position(block);
        return p != cfg::Wto::kNone && p >= loop.begin && p < loop.end;
    }
    // Whether no edge from outside `loop` enters it but at its head (an
    // irreducible loop has another entry).
    [[nodiscard]] bool entered_at_head_only(const Loop& loop) const;
    // The innermost loop around `block` (kNoLoop when none).
    [[nodiscard]] std::uint32_t innermost(cfg::BlockId block) const;
    // Out-edges of a block of this function.
    [[nodiscard]] const std::vector<const cfg::Edge*>& out_edges(cfg::BlockId block) const;

private:
    void collect(std::uint32_t index);
    void find_every_cycle_blocks(Loop& loop) const;

    const cfg::Cfg& m_cfg;
    const cfg::Wto& m_wto;
    std::vector<Loop> m_loops;
    std::vector<std::uint32_t> m_innermost;            // by WTO position
    std::vector<std::vector<const cfg::Edge*>> m_out;  // by WTO position
    std::vector<const cfg::Edge*> m_none;
};

}  // namespace bpfcheck::analyzer::termination
