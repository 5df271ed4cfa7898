// Operand ranges of a loop's `add`/`sub` instructions (see
// termination_operands.hpp): before each such instruction the ranges of
// both operands are joined over the walked states, in the instruction's
// view (s64 or s32).
#include "analyzer/termination/termination_operands.hpp"

#include <algorithm>
#include <optional>

namespace bpfcheck::analyzer::termination {

bool is_register_add_or_sub(const isa::Instruction& insn) {
    const auto* alu = std::get_if<isa::Alu>(&insn);
    return alu != nullptr && alu->src.is_register && (alu->op == isa::AluOp::Add || alu->op == isa::AluOp::Sub);
}

void OperandRecorder::Joined::add(const domains::Value& value, bool is64) {
    if (!value.is_scalar()) {
        number = false;
        return;
    }
    if (value.number().is_bottom()) {
        return;
    }
    const domains::Scalar& n = value.number();
    const std::int64_t lo = is64 ? n.smin : n.s32min;
    const std::int64_t hi = is64 ? n.smax : n.s32max;
    range.lo = seen ? std::min(range.lo, lo) : lo;
    range.hi = seen ? std::max(range.hi, hi) : hi;
    seen = true;
}

std::optional<OperandRange> OperandRecorder::Joined::result() const {
    return seen && number ? std::optional{range} : std::nullopt;
}

void OperandRecorder::record(std::uint32_t pc, const isa::Instruction& insn, const domains::MachineState& state) {
    if (!is_register_add_or_sub(insn)) {
        return;
    }
    const auto& alu = std::get<isa::Alu>(insn);
    auto& [dst, src] = m_joined[pc];
    dst.add(state.reg(alu.dst), alu.is64);
    src.add(state.reg(alu.src.reg), alu.is64);
}

OperandRanges OperandRecorder::ranges() const {
    OperandRanges ranges;
    for (const auto& [pc, operands] : m_joined) {
        ranges.emplace(pc, AddOperands{operands.first.result(), operands.second.result()});
    }
    return ranges;
}

OperandRanges operand_ranges(const AnalysisContext& context, const Loop& loop, const BlockStates& states,
                             const Executor& executor) {
    const auto& insns = context.program.insns;
    OperandRecorder recorder;
    for (const cfg::BlockId block : loop.blocks) {
        const domains::PartitionedState* pre = states(block);
        if (pre == nullptr) {
            continue;
        }
        const cfg::BasicBlock& b = context.cfg.block(block);
        // Walked up to its last addition or subtraction (what follows reads nothing more).
        std::optional<std::uint32_t> last;
        for (std::uint32_t pc = b.first; pc <= b.last; ++pc) {
            if (is_register_add_or_sub(insns[pc])) {
                last = pc;
            }
        }
        if (!last) {
            continue;
        }
        for (const domains::MachineState& part : pre->parts()) {
            domains::MachineState state = part;
            for (std::uint32_t pc = b.first; pc <= *last && !state.is_bottom(); ++pc) {
                const isa::Instruction& insn = insns[pc];
                recorder.record(pc, insn, state);
                if (pc == *last) {
                    break;
                }
                if (std::holds_alternative<isa::Imm64Tail>(insn) ||
                    (pc == b.last &&
                     (std::holds_alternative<isa::Jump>(insn) || std::holds_alternative<isa::MayGoto>(insn)))) {
                    continue;
                }
                executor.execute(pc, state);
            }
        }
    }
    return recorder.ranges();
}

}  // namespace bpfcheck::analyzer::termination
