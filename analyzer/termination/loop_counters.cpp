// Loop counters per block (see loop_counters.hpp), found syntactically.
#include "analyzer/termination/loop_counters.hpp"

namespace bpfcheck::analyzer {

std::vector<RegisterMask> loop_counter_registers(const cfg::Cfg& graph, std::span<const isa::Instruction> insns) {
    std::vector<RegisterMask> counters(graph.block_count(), 0);
    for (const std::vector<cfg::BlockId>& loop : graph.loops()) {
        RegisterMask stepped = 0;
        RegisterMask compared = 0;
        for (const cfg::BlockId b : loop) {
            const cfg::BasicBlock& block = graph.block(b);
            for (std::uint32_t pc = block.first; pc <= block.last && pc < insns.size(); ++pc) {
                if (const auto* alu = std::get_if<isa::Alu>(&insns[pc])) {
                    const bool steps = alu->op == isa::AluOp::Add || alu->op == isa::AluOp::Sub;
                    if (steps && !alu->src.is_register && alu->dst < 10) {
                        stepped |= static_cast<RegisterMask>(1U << alu->dst);
                    }
                } else if (const auto* jump = std::get_if<isa::Jump>(&insns[pc])) {
                    if (jump->cond != isa::JumpCond::Always && jump->dst < 10) {
                        compared |= static_cast<RegisterMask>(1U << jump->dst);
                        if (jump->src.is_register && jump->src.reg < 10) {
                            compared |= static_cast<RegisterMask>(1U << jump->src.reg);
                        }
                    }
                }
            }
        }
        const auto mask = static_cast<RegisterMask>(stepped & compared);
        for (const cfg::BlockId b : loop) {
            counters[b] |= mask;
        }
    }
    return counters;
}

std::vector<RegisterMask> carried_loop_counters(const cfg::Cfg& graph, std::span<const RegisterMask> counters,
                                                std::span<const RegisterMask> live_in) {
    std::vector<RegisterMask> carried(graph.block_count(), 0);
    for (const cfg::Edge& edge : graph.edges()) {
        if (edge.is_back_edge) {
            carried[edge.to] = live_in[edge.to];
        }
    }
    std::vector<RegisterMask> result(graph.block_count(), 0);
    for (const std::vector<cfg::BlockId>& loop : graph.loops()) {
        RegisterMask loop_carried = 0;
        for (const cfg::BlockId b : loop) {
            loop_carried |= carried[b];
        }
        for (const cfg::BlockId b : loop) {
            result[b] = static_cast<RegisterMask>(counters[b] & loop_carried);
        }
    }
    return result;
}

}  // namespace bpfcheck::analyzer
