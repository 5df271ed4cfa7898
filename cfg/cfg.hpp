// The control-flow graph of a linked program: basic blocks of instructions,
// edges that carry the branch condition they assume, one entry block per
// function (the program and each appended subprogram), the call graph between
// functions, loops (strongly connected components, back edges) and a weak
// topological order per function for the analyzer. Boost.Graph holds the
// graph; callers see small ids and plain structs.
#pragma once

#include "cfg/expected.hpp"
#include "cfg/isa/instruction.hpp"
#include "cfg/wto.hpp"

#include <boost/graph/adjacency_list.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace bpfcheck::cfg {

using BlockId = std::uint32_t;

struct BasicBlock {
    std::uint32_t first = 0;  // first instruction index
    std::uint32_t last = 0;   // last instruction index (inclusive; an ld_imm64 tail counts)
    std::uint32_t function = 0;
};

enum class EdgeKind : std::uint8_t { FallThrough, Goto, BranchTaken, BranchNotTaken };

struct Edge {
    BlockId from = 0;
    BlockId to = 0;
    EdgeKind kind = EdgeKind::FallThrough;
    // For branch edges: the jump whose condition (or its negation) holds.
    std::optional<isa::Jump> condition;
    bool is_back_edge = false;
};

struct FunctionInfo {
    std::uint32_t first_insn = 0;
    std::uint32_t insn_count = 0;
    BlockId entry = 0;
    std::vector<BlockId> exits;          // blocks ending in `exit`
    std::vector<std::uint32_t> callees;  // function indices, by bpf-to-bpf call or callback address
    Wto wto;
};

class Cfg {
public:
    // `function_starts` are the first instruction of every function of the
    // linked program, the entry function first (at 0). Jumps must stay in
    // their function; calls and function addresses must target a function's
    // first instruction.
    // `exception_callback`: the start of the function the program runs when
    // it throws, walked as a second root (check_cfg walks it after the entry).
    static Expected<Cfg> build(std::span<const isa::Instruction> insns, std::span<const std::uint32_t> function_starts,
                               std::optional<std::uint32_t> exception_callback = std::nullopt);

    [[nodiscard]] std::size_t block_count() const { return m_blocks.size(); }
    [[nodiscard]] const BasicBlock& block(BlockId id) const { return m_blocks[id]; }
    [[nodiscard]] const std::vector<BasicBlock>& blocks() const { return m_blocks; }
    [[nodiscard]] BlockId block_of(std::uint32_t insn) const { return m_block_of[insn]; }
    [[nodiscard]] const std::vector<Edge>& edges() const { return m_edges; }
    [[nodiscard]] std::vector<const Edge*> out_edges(BlockId id) const;
    [[nodiscard]] std::vector<const Edge*> in_edges(BlockId id) const;
    [[nodiscard]] const std::vector<FunctionInfo>& functions() const { return m_functions; }
    // Instructions no path from the entry function (through calls) reaches.
    [[nodiscard]] const std::vector<std::uint32_t>& unreachable_insns() const { return m_unreachable; }
    // Loops: cyclic strongly connected components of blocks, each as its blocks.
    [[nodiscard]] const std::vector<std::vector<BlockId>>& loops() const { return m_loops; }
    // A cycle in the call graph (recursion), as function indices; empty if none.
    [[nodiscard]] const std::vector<std::uint32_t>& call_cycle() const { return m_call_cycle; }

    // Graphviz rendering; `label(insn)` prints one instruction.
    template <typename Label>
    [[nodiscard]] std::string to_dot(const std::string& name, Label&& label) const;

private:
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property,
                                        boost::property<boost::edge_index_t, std::uint32_t>>;

    void find_loops();
    void find_unreachable(std::span<const isa::Instruction> insns, std::optional<std::uint32_t> exception_callback);
    void find_call_cycle();
    [[nodiscard]] std::string dot_header(const std::string& name) const;

    std::vector<BasicBlock> m_blocks;
    std::vector<BlockId> m_block_of;
    std::vector<Edge> m_edges;
    std::vector<FunctionInfo> m_functions;
    std::vector<std::uint32_t> m_unreachable;
    std::vector<std::vector<BlockId>> m_loops;
    std::vector<std::uint32_t> m_call_cycle;
    // Held by pointer: Boost's adjacency_list has a copy constructor and no
    // move constructor, so a Cfg moved (out of build(), into its Expected)
    // copied every vertex's edge lists.
    std::unique_ptr<Graph> m_graph = std::make_unique<Graph>();
};

std::string escape_dot(const std::string& text);

template <typename Label>
std::string Cfg::to_dot(const std::string& name, Label&& label) const {
    std::string out = dot_header(name);
    for (BlockId id = 0; id < m_blocks.size(); ++id) {
        std::string text;
        for (std::uint32_t i = m_blocks[id].first; i <= m_blocks[id].last; ++i) {
            std::string line = label(i);
            if (!line.empty()) {
                text += escape_dot(line) + "\\l";
            }
        }
        out += "  b" + std::to_string(id) + " [label=\"" + text + "\"];\n";
    }
    for (const Edge& edge : m_edges) {
        std::string style;
        if (edge.kind == EdgeKind::BranchTaken) {
            style = " [label=\"taken\", color=darkgreen]";
        } else if (edge.kind == EdgeKind::BranchNotTaken) {
            style = " [label=\"not taken\", color=firebrick]";
        }
        if (edge.is_back_edge) {
            style = style.empty() ? " [style=dashed]" : style.substr(0, style.size() - 1) + ", style=dashed]";
        }
        out += "  b" + std::to_string(edge.from) + " -> b" + std::to_string(edge.to) + style + ";\n";
    }
    out += "}\n";
    return out;
}

}  // namespace bpfcheck::cfg
