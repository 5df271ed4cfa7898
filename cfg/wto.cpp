// WTO by iterated SCC decomposition. Each task decomposes one vertex subset
// (the whole reachable graph, or a component minus its head) with an
// iterative Tarjan's algorithm, restricted to the subset, starting from the
// given entry vertices in order so that "first in depth-first order" is well
// defined. Cost: O(depth x (V + E)), depth being the loop nesting depth.
#include "cfg/wto.hpp"

#include <fmt/format.h>
#include <algorithm>

namespace bpfcheck::cfg {
namespace {

constexpr std::uint32_t kUnvisited = 0xffffffffU;

struct TreeNode {
    std::uint32_t vertex = 0;
    bool is_head = false;
    std::vector<std::uint32_t> children;  // indices into the node pool
};

struct Task {
    std::uint32_t parent = 0;            // node whose children this task fills
    std::vector<std::uint32_t> members;  // the subset to decompose
    std::vector<std::uint32_t> entries;  // DFS roots, in order
};

// Tarjan's SCC algorithm without recursion, restricted to vertices whose
// stamp equals `stamp`. Returns SCCs in topological order (sources first),
// each with its vertices in discovery order (the first is the DFS-first one).
class SubsetScc {
public:
    struct Scratch {
        std::vector<std::uint32_t> index, low;
        std::vector<bool> on_stack;
        explicit Scratch(std::size_t n) : index(n, kUnvisited), low(n, 0), on_stack(n, false) {}
    };

    SubsetScc(std::span<const std::vector<std::uint32_t>> successors, std::vector<std::uint32_t>& stamps,
              std::uint32_t stamp, Scratch& scratch)
        : m_successors(successors),
          m_stamps(stamps),
          m_stamp(stamp),
          m_index(scratch.index),
          m_low(scratch.low),
          m_on_stack(scratch.on_stack) {}

    std::vector<std::vector<std::uint32_t>> run(const std::vector<std::uint32_t>& members,
                                                const std::vector<std::uint32_t>& entries) {
        for (const std::uint32_t v : members) {
            m_index[v] = kUnvisited;
        }
        for (const std::uint32_t root : entries) {
            if (m_stamps[root] == m_stamp && index_of(root) == kUnvisited) {
                visit(root);
            }
        }
        std::reverse(m_components.begin(), m_components.end());
        for (auto& component : m_components) {
            std::sort(component.begin(), component.end(),
                      [&](std::uint32_t a, std::uint32_t b) { return m_index[a] < m_index[b]; });
        }
        return std::move(m_components);
    }

private:
    struct Frame {
        std::uint32_t vertex;
        std::uint32_t next_successor;
    };

    std::uint32_t index_of(std::uint32_t v) const { return m_index[v]; }

    void visit(std::uint32_t root) {
        std::vector<Frame> frames;
        enter(root, frames);
        while (!frames.empty()) {
            Frame& frame = frames.back();
            const auto& succ = m_successors[frame.vertex];
            if (frame.next_successor < succ.size()) {
                const std::uint32_t w = succ[frame.next_successor++];
                if (w >= m_stamps.size() || m_stamps[w] != m_stamp) {
                    continue;
                }
                if (index_of(w) == kUnvisited) {
                    enter(w, frames);
                } else if (m_on_stack[w]) {
                    m_low[frame.vertex] = std::min(m_low[frame.vertex], m_index[w]);
                }
                continue;
            }
            const std::uint32_t v = frame.vertex;
            frames.pop_back();
            if (!frames.empty()) {
                const std::uint32_t parent = frames.back().vertex;
                m_low[parent] = std::min(m_low[parent], m_low[v]);
            }
            if (m_low[v] == m_index[v]) {
                std::vector<std::uint32_t> component;
                std::uint32_t w = 0;
                do {
                    w = m_stack.back();
                    m_stack.pop_back();
                    m_on_stack[w] = false;
                    component.push_back(w);
                } while (w != v);
                m_components.push_back(std::move(component));
            }
        }
    }

    void enter(std::uint32_t v, std::vector<Frame>& frames) {
        m_index[v] = m_next_index;
        m_low[v] = m_next_index;
        ++m_next_index;
        m_stack.push_back(v);
        m_on_stack[v] = true;
        frames.push_back({v, 0});
    }

    std::span<const std::vector<std::uint32_t>> m_successors;
    std::vector<std::uint32_t>& m_stamps;
    std::uint32_t m_stamp;
    std::vector<std::uint32_t>& m_index;
    std::vector<std::uint32_t>& m_low;
    std::vector<bool>& m_on_stack;
    std::vector<std::uint32_t> m_stack;
    std::vector<std::vector<std::uint32_t>> m_components;
    std::uint32_t m_next_index = 0;
};

// Components are small relative to the graph in practice; a sorted copy keeps
// the membership test logarithmic for the large ones.
bool component_of_head_contains(const std::vector<std::uint32_t>& component, std::uint32_t w) {
    if (component.size() < 32) {
        return std::find(component.begin(), component.end(), w) != component.end();
    }
    std::vector<std::uint32_t> sorted(component);
    std::sort(sorted.begin(), sorted.end());
    return std::binary_search(sorted.begin(), sorted.end(), w);
}

bool has_self_loop(std::span<const std::vector<std::uint32_t>> successors, std::uint32_t v) {
    // (successor ids out of range are ignored everywhere in this file)
    return std::find(successors[v].begin(), successors[v].end(), v) != successors[v].end();
}

}  // namespace

Wto Wto::build(std::span<const std::vector<std::uint32_t>> successors, std::uint32_t entry) {
    const auto n = static_cast<std::uint32_t>(successors.size());
    Wto wto;
    wto.m_position.assign(n, kNone);
    if (entry >= n) {
        return wto;
    }
    // Reachable set from entry.
    std::vector<std::uint32_t> reachable;
    std::vector<bool> seen(n, false);
    std::vector<std::uint32_t> work{entry};
    seen[entry] = true;
    while (!work.empty()) {
        const std::uint32_t v = work.back();
        work.pop_back();
        reachable.push_back(v);
        for (const std::uint32_t w : successors[v]) {
            if (w < n && !seen[w]) {
                seen[w] = true;
                work.push_back(w);
            }
        }
    }
    std::vector<TreeNode> pool(1);  // node 0: the root
    std::vector<std::uint32_t> stamps(n, 0);
    std::uint32_t next_stamp = 1;
    SubsetScc::Scratch scratch(n);
    std::vector<Task> tasks;
    tasks.push_back(Task{0, std::move(reachable), {entry}});
    while (!tasks.empty()) {
        Task task = std::move(tasks.back());
        tasks.pop_back();
        const std::uint32_t stamp = next_stamp++;
        for (const std::uint32_t v : task.members) {
            stamps[v] = stamp;
        }
        std::vector<std::uint32_t> entries = task.entries;
        entries.insert(entries.end(), task.members.begin(), task.members.end());
        SubsetScc scc(successors, stamps, stamp, scratch);
        for (auto& component : scc.run(task.members, entries)) {
            const std::uint32_t head = component.front();
            const auto node = static_cast<std::uint32_t>(pool.size());
            const bool cyclic = component.size() > 1 || has_self_loop(successors, head);
            pool.push_back(TreeNode{head, cyclic, {}});
            pool[task.parent].children.push_back(node);
            if (component.size() > 1) {
                std::vector<std::uint32_t> inner(component.begin() + 1, component.end());
                std::vector<std::uint32_t> inner_entries;
                for (const std::uint32_t w : successors[head]) {
                    if (w < n && stamps[w] == stamp && w != head && component_of_head_contains(component, w)) {
                        inner_entries.push_back(w);
                    }
                }
                tasks.push_back(Task{node, std::move(inner), std::move(inner_entries)});
            }
        }
        // Tasks of this decomposition must not see each other's stamps; each
        // takes a fresh stamp when it runs, so reuse is safe.
    }
    // Flatten the tree depth-first without recursion.
    struct FlattenFrame {
        std::uint32_t node;
        std::uint32_t next_child;
        std::uint32_t element;  // index of this node's element (for heads)
    };
    std::vector<FlattenFrame> frames{{0, 0, kNone}};
    while (!frames.empty()) {
        FlattenFrame& frame = frames.back();
        const TreeNode& node = pool[frame.node];
        if (frame.next_child < node.children.size()) {
            const std::uint32_t child = node.children[frame.next_child++];
            const auto depth = static_cast<std::uint32_t>(frames.size() - 1);
            const auto index = static_cast<std::uint32_t>(wto.m_elements.size());
            const TreeNode& c = pool[child];
            wto.m_elements.push_back(WtoElement{c.vertex, c.is_head, index + 1, depth + (c.is_head ? 1U : 0U)});
            wto.m_position[c.vertex] = index;
            if (c.is_head) {
                frames.push_back({child, 0, index});
            }
            continue;
        }
        if (frame.element != kNone) {
            wto.m_elements[frame.element].component_end = static_cast<std::uint32_t>(wto.m_elements.size());
        }
        frames.pop_back();
    }
    return wto;
}

std::vector<std::uint32_t> Wto::heads() const {
    std::vector<std::uint32_t> result;
    for (const WtoElement& e : m_elements) {
        if (e.is_head) {
            result.push_back(e.vertex);
        }
    }
    return result;
}

std::uint32_t Wto::innermost_head(std::uint32_t vertex) const {
    if (vertex >= m_position.size() || m_position[vertex] == kNone) {
        return kNone;
    }
    const std::uint32_t position = m_position[vertex];
    if (m_elements[position].is_head) {
        return vertex;
    }
    for (std::uint32_t i = position; i-- > 0;) {
        const WtoElement& e = m_elements[i];
        if (e.is_head && e.component_end > position) {
            return e.vertex;
        }
    }
    return kNone;
}

bool Wto::holds_loop(std::uint32_t position) const {
    const auto first = m_elements.begin() + position + 1;
    const auto last = m_elements.begin() + std::max(m_elements[position].component_end, position + 1);
    return std::any_of(first, last, [](const WtoElement& e) { return e.is_head; });
}

std::uint32_t Wto::max_depth() const {
    std::uint32_t depth = 0;
    for (const WtoElement& e : m_elements) {
        depth = std::max(depth, e.depth);
    }
    return depth;
}

std::string Wto::to_string() const {
    std::string out;
    std::vector<std::uint32_t> open_ends;
    for (std::uint32_t i = 0; i < m_elements.size(); ++i) {
        while (!open_ends.empty() && open_ends.back() == i) {
            out += ")";
            open_ends.pop_back();
        }
        if (!out.empty() && out.back() != '(') {
            out += " ";
        }
        const WtoElement& e = m_elements[i];
        if (e.is_head) {
            out += fmt::format("({}", e.vertex);
            open_ends.push_back(e.component_end);
        } else {
            out += fmt::format("{}", e.vertex);
        }
    }
    while (!open_ends.empty()) {
        out += ")";
        open_ends.pop_back();
    }
    return out;
}

}  // namespace bpfcheck::cfg
