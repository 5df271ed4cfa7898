// Long loop heads (see loop_walk.hpp), found syntactically.
#include "analyzer/termination/loop_walk.hpp"

#include "analyzer/engine/register_liveness.hpp"

#include <cstdlib>
#include <optional>

namespace bpfcheck::analyzer {

namespace {

// Whether `insn` writes register `reg` (register_liveness's def set).
bool writes(const isa::Instruction& insn, int reg) {
    return (defined_registers(insn) & (1U << reg)) != 0;
}

struct Component {
    std::vector<bool> in;  // per block
    std::vector<cfg::BlockId> blocks;
};

// The constant step of `reg` over the component (every write of it is `reg
// += s` or `reg -= s` with the same delta), or nullopt.
std::optional<std::int64_t> constant_step(const cfg::Cfg& graph, const Component& c,
                                          std::span<const isa::Instruction> insns, int reg) {
    std::optional<std::int64_t> step;
    for (const cfg::BlockId b : c.blocks) {
        for (std::uint32_t pc = graph.block(b).first; pc <= graph.block(b).last && pc < insns.size(); ++pc) {
            if (!writes(insns[pc], reg)) {
                continue;
            }
            const auto* alu = std::get_if<isa::Alu>(&insns[pc]);
            if (alu == nullptr || !alu->is64 || alu->src.is_register ||
                (alu->op != isa::AluOp::Add && alu->op != isa::AluOp::Sub)) {
                return std::nullopt;
            }
            const std::int64_t delta = alu->op == isa::AluOp::Add ? alu->src.imm : -std::int64_t{alu->src.imm};
            if (delta == 0 || (step && *step != delta)) {
                return std::nullopt;
            }
            step = delta;
        }
    }
    return step;
}

// The constant `reg` holds entering the head from outside the component:
// the last write of it in every such predecessor block is `reg = imm`, the
// same imm.
std::optional<std::int64_t> initial_value(const cfg::Cfg& graph, const Component& c,
                                          std::span<const isa::Instruction> insns, cfg::BlockId head, int reg) {
    std::optional<std::int64_t> init;
    for (const cfg::Edge* edge : graph.in_edges(head)) {
        if (c.in[edge->from]) {
            continue;
        }
        std::optional<std::int64_t> value;
        const cfg::BasicBlock& block = graph.block(edge->from);
        for (std::uint32_t pc = block.last + 1; pc-- > block.first;) {
            if (pc >= insns.size()) {
                continue;
            }
            if (!writes(insns[pc], reg)) {
                continue;
            }
            const auto* alu = std::get_if<isa::Alu>(&insns[pc]);
            if (alu != nullptr && alu->op == isa::AluOp::Mov && alu->is64 && !alu->src.is_register) {
                value = alu->src.imm;
            }
            break;
        }
        if (!value || (init && *init != *value)) {
            return std::nullopt;
        }
        init = value;
    }
    return init;
}

bool is_long(const cfg::Cfg& graph, const Component& c, std::span<const isa::Instruction> insns, cfg::BlockId head,
             std::size_t max_parts) {
    bool any_exit = false;
    for (const cfg::BlockId b : c.blocks) {
        for (const cfg::Edge* edge : graph.out_edges(b)) {
            if (c.in[edge->to]) {
                continue;
            }
            // An edge leaving the component: it must be a counter's test against a constant.
            if (!edge->condition || edge->condition->src.is_register || edge->condition->dst >= 10) {
                return false;
            }
            const int reg = edge->condition->dst;
            const auto step = constant_step(graph, c, insns, reg);
            const auto init = step ? initial_value(graph, c, insns, head, reg) : std::nullopt;
            if (!init) {
                return false;
            }
            const std::int64_t distance = std::llabs(std::int64_t{edge->condition->src.imm} - *init);
            if (distance / std::llabs(*step) <= static_cast<std::int64_t>(max_parts)) {
                return false;
            }
            any_exit = true;
        }
    }
    return any_exit;
}

}  // namespace

std::vector<bool> long_loop_heads(const cfg::Cfg& graph, const cfg::Wto& wto, std::span<const isa::Instruction> insns,
                                  std::size_t max_parts) {
    std::vector<bool> heads(graph.block_count(), false);
    const auto& elements = wto.elements();
    for (std::uint32_t i = 0; i < elements.size(); ++i) {
        if (!elements[i].is_head) {
            continue;
        }
        Component c{std::vector<bool>(graph.block_count(), false), {}};
        for (std::uint32_t j = i; j < elements[i].component_end && j < elements.size(); ++j) {
            c.in[elements[j].vertex] = true;
            c.blocks.push_back(elements[j].vertex);
        }
        heads[elements[i].vertex] = is_long(graph, c, insns, elements[i].vertex, max_parts);
    }
    return heads;
}

}  // namespace bpfcheck::analyzer
