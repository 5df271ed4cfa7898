// Loop discovery over a function's WTO, and the blocks on every cycle.
#include "analyzer/termination/termination_loop.hpp"

#include <algorithm>

namespace bpfcheck::analyzer::termination {

FunctionLoops::FunctionLoops(const cfg::Cfg& cfg, std::uint32_t function)
    : m_cfg(cfg), m_wto(cfg.functions()[function].wto) {
    const auto& elements = m_wto.elements();
    m_innermost.assign(elements.size(), kNoLoop);
    m_out.resize(elements.size());
    // One pass with a stack of open components gives each position its
    // innermost loop and each loop its parent.
    std::vector<std::uint32_t> open;
    for (std::uint32_t p = 0; p < elements.size(); ++p) {
        while (!open.empty() && m_loops[open.back()].end <= p) {
            open.pop_back();
        }
        const cfg::WtoElement& element = elements[p];
        for (const cfg::Edge* edge : m_cfg.out_edges(element.vertex)) {
            m_out[p].push_back(edge);
        }
        if (element.is_head) {
            Loop loop;
            loop.head = element.vertex;
            loop.begin = p;
            loop.end = element.component_end;
            loop.parent = open.empty() ? kNoLoop : open.back();
            loop.depth = static_cast<std::uint32_t>(open.size()) + 1;
            open.push_back(static_cast<std::uint32_t>(m_loops.size()));
            m_loops.push_back(std::move(loop));
        }
        m_innermost[p] = open.empty() ? kNoLoop : open.back();
    }
    for (std::uint32_t i = 0; i < m_loops.size(); ++i) {
        collect(i);
    }
}

bool FunctionLoops::entered_at_head_only(const Loop& loop) const {
    for (const cfg::BlockId block : loop.blocks) {
        if (block == loop.head) {
            continue;
        }
        for (const cfg::Edge* edge : m_cfg.in_edges(block)) {
            if (!contains(loop, edge->from)) {
                return false;
            }
        }
    }
    return true;
}

std::uint32_t FunctionLoops::innermost(cfg::BlockId block) const {
    const std::uint32_t p = m_wto.position(block);
    return p == cfg::Wto::kNone ? kNoLoop : m_innermost[p];
}

const std::vector<const cfg::Edge*>& FunctionLoops::out_edges(cfg::BlockId block) const {
    const std::uint32_t p = m_wto.position(block);
    return p == cfg::Wto::kNone ? m_none : m_out[p];
}

void FunctionLoops::collect(std::uint32_t index) {
    Loop& loop = m_loops[index];
    const auto& elements = m_wto.elements();
    for (std::uint32_t p = loop.begin; p < loop.end; ++p) {
        const cfg::BlockId block = elements[p].vertex;
        loop.blocks.push_back(block);
        for (const cfg::Edge* edge : m_out[p]) {
            if (!contains(loop, edge->to)) {
                loop.exits.push_back(edge);
            } else if (edge->to == loop.head) {
                loop.back_edges.push_back(edge);
            }
        }
    }
    find_every_cycle_blocks(loop);
}

// Dominators of a virtual sink fed by the latches, in the loop's blocks with
// the edges into the head removed and the head as entry. Iterative (no
// recursion), linear in the loop's size for reducible loops.
void FunctionLoops::find_every_cycle_blocks(Loop& loop) const {
    const auto n = static_cast<std::uint32_t>(loop.blocks.size());
    const std::uint32_t sink = n;
    auto local = [&](cfg::BlockId block) { return m_wto.position(block) - loop.begin; };
    std::vector<std::vector<std::uint32_t>> successors(n + 1);
    std::vector<std::vector<std::uint32_t>> predecessors(n + 1);
    for (std::uint32_t i = 0; i < n; ++i) {
        for (const cfg::Edge* edge : m_out[loop.begin + i]) {
            if (!contains(loop, edge->to)) {
                continue;
            }
            const std::uint32_t to = edge->to == loop.head ? sink : local(edge->to);
            successors[i].push_back(to);
            predecessors[to].push_back(i);
        }
    }
    // Reverse postorder from the head.
    constexpr std::uint32_t kUnseen = 0xffffffffU;
    std::vector<std::uint32_t> postorder_number(n + 1, kUnseen);
    std::vector<std::uint32_t> order;  // postorder
    std::vector<bool> seen(n + 1, false);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> stack{{0, 0}};
    seen[0] = true;
    while (!stack.empty()) {
        auto& [v, next] = stack.back();
        if (next < successors[v].size()) {
            const std::uint32_t w = successors[v][next++];
            if (!seen[w]) {
                seen[w] = true;
                stack.emplace_back(w, 0);
            }
            continue;
        }
        postorder_number[v] = static_cast<std::uint32_t>(order.size());
        order.push_back(v);
        stack.pop_back();
    }
    if (!seen[sink]) {
        loop.on_every_cycle = {loop.head};
        return;
    }
    std::vector<std::uint32_t> idom(n + 1, kUnseen);
    idom[0] = 0;
    auto intersect = [&](std::uint32_t a, std::uint32_t b) {
        while (a != b) {
            while (postorder_number[a] < postorder_number[b]) {
                a = idom[a];
            }
            while (postorder_number[b] < postorder_number[a]) {
                b = idom[b];
            }
        }
        return a;
    };
    for (bool changed = true; changed;) {
        changed = false;
        for (auto it = order.rbegin(); it != order.rend(); ++it) {
            const std::uint32_t v = *it;
            if (v == 0) {
                continue;
            }
            std::uint32_t candidate = kUnseen;
            for (const std::uint32_t p : predecessors[v]) {
                if (idom[p] == kUnseen) {
                    continue;
                }
                candidate = candidate == kUnseen ? p : intersect(p, candidate);
            }
            if (candidate != idom[v]) {
                idom[v] = candidate;
                changed = true;
            }
        }
    }
    std::vector<cfg::BlockId> chain;
    for (std::uint32_t v = idom[sink]; v != 0; v = idom[v]) {
        chain.push_back(loop.blocks[v]);
    }
    chain.push_back(loop.head);
    std::reverse(chain.begin(), chain.end());
    loop.on_every_cycle = std::move(chain);
}

}  // namespace bpfcheck::analyzer::termination
