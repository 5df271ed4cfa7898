// Live-in sets by the classic backward dataflow over a CFG's blocks: a
// block's live-in set is what it reads before writing (gen) and what is
// live after it that it does not write (its successors' live-in sets less
// kill). Shared by the register and stack slot liveness.
#pragma once

#include "cfg/cfg.hpp"

#include <cstddef>
#include <vector>

namespace bpfcheck::analyzer {

template <typename Mask>
std::vector<Mask> solve_backward(const cfg::Cfg& graph, const std::vector<Mask>& gen, const std::vector<Mask>& kill) {
    const std::size_t count = graph.block_count();
    std::vector<std::vector<cfg::BlockId>> successors(count);
    for (const cfg::Edge& edge : graph.edges()) {
        successors[edge.from].push_back(edge.to);
    }
    std::vector<Mask> live_in(gen);
    // Round-robin in reverse block order until stable: blocks are laid out in
    // program order, so most information flows backwards in one pass.
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t b = count; b-- > 0;) {
            Mask out = 0;
            for (const cfg::BlockId s : successors[b]) {
                out |= live_in[s];
            }
            const auto in = static_cast<Mask>(gen[b] | (out & ~kill[b]));
            if (in != live_in[b]) {
                live_in[b] = in;
                changed = true;
            }
        }
    }
    return live_in;
}

}  // namespace bpfcheck::analyzer
