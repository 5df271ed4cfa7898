// Loop counters per block (see loop_counters.hpp), found syntactically.
#include "analyzer/termination/loop_counters.hpp"

#include "cfg/isa/extension_idiom.hpp"

namespace bpfcheck::analyzer {

namespace {

// The registers jump `pc` compares: its operands, and the register an
// operand is an extended copy of (isa/extension_idiom.hpp: `int i` tested
// as `r1 = r8; r1 <<= 32; r1 >>= 32; if r1 == 60` counts in r8).
RegisterMask compared_registers(std::span<const isa::Instruction> insns, std::uint32_t first, std::uint32_t pc,
                                const isa::Jump& jump) {
    RegisterMask compared = 0;
    const auto add = [&](int reg) {
        if (reg >= 10) {
            return;
        }
        compared |= static_cast<RegisterMask>(1U << reg);
        if (const auto copy = isa::extended_copy_before(insns, first, pc, reg); copy && copy->source < 10) {
            compared |= static_cast<RegisterMask>(1U << copy->source);
        }
    };
    add(jump.dst);
    if (jump.src.is_register) {
        add(jump.src.reg);
    }
    return compared;
}

}  // namespace

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
                        compared |= compared_registers(insns, block.first, pc, *jump);
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
