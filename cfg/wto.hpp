// Weak topological order (Bourdoncle, "Efficient chaotic iteration
// strategies with widenings", FMPA 1993): a hierarchical ordering of a
// graph's vertices in which every cycle is a nested component with a head.
// The fixpoint engine iterates components until they stabilise and widens
// only at heads. Built without recursion (a crafted CFG must not overflow the
// stack) by recursive SCC decomposition: order the strongly connected
// components topologically, take as head of each cyclic one its first vertex
// in depth-first order, remove the head and decompose the rest again.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace bpfcheck::cfg {

struct WtoElement {
    std::uint32_t vertex = 0;
    bool is_head = false;
    // For a head: index one past the last element of its component.
    // For a plain vertex: its own index + 1.
    std::uint32_t component_end = 0;
    std::uint32_t depth = 0;  // number of components enclosing this element (heads count their own)
};

class Wto {
public:
    // `successors[v]` lists v's successors; vertices unreachable from `entry`
    // are left out of the order.
    static Wto build(std::span<const std::vector<std::uint32_t>> successors, std::uint32_t entry);

    [[nodiscard]] const std::vector<WtoElement>& elements() const { return m_elements; }
    [[nodiscard]] std::vector<std::uint32_t> heads() const;
    // The innermost head whose component contains `vertex`, or `vertex` itself
    // if it is a head; kNone when `vertex` is in no loop.
    [[nodiscard]] std::uint32_t innermost_head(std::uint32_t vertex) const;
    [[nodiscard]] std::uint32_t max_depth() const;
    // Whether the component headed at elements()[position] holds another
    // head (a loop inside the loop).
    [[nodiscard]] bool holds_loop(std::uint32_t position) const;
    // Index of `vertex` in elements(), kNone if unreachable.
    [[nodiscard]] std::uint32_t position(std::uint32_t vertex) const {
        return vertex < m_position.size() ? m_position[vertex] : kNone;
    }
    // Writes Bourdoncle's parenthesised notation, e.g. "0 (1 2) 3".
    [[nodiscard]] std::string to_string() const;

    static constexpr std::uint32_t kNone = 0xffffffffU;

private:
    std::vector<WtoElement> m_elements;
    std::vector<std::uint32_t> m_position;  // vertex -> index in m_elements (kNone if absent)
};

}  // namespace bpfcheck::cfg
