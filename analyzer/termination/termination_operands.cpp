// Operand ranges of a loop's `add`/`sub` instructions (see
// termination_operands.hpp): each block's states are run from its entry,
// and before each such instruction the ranges of both operands are joined
// over the partitions, in the instruction's view (s64 or s32).
#include "analyzer/termination/termination_operands.hpp"

#include <algorithm>
#include <optional>

namespace bpfcheck::analyzer::termination {

namespace {

struct Joined {
    bool seen = false;
    bool number = true;
    OperandRange range;

    void add(const domains::Value& value, bool is64) {
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
    [[nodiscard]] std::optional<OperandRange> result() const {
        return seen && number ? std::optional{range} : std::nullopt;
    }
};

bool is_add_or_sub(const isa::Instruction& insn) {
    const auto* alu = std::get_if<isa::Alu>(&insn);
    return alu != nullptr && alu->src.is_register && (alu->op == isa::AluOp::Add || alu->op == isa::AluOp::Sub);
}

}  // namespace

OperandRanges operand_ranges(const AnalysisContext& context, const Loop& loop, const BlockStates& states,
                             const Executor& executor) {
    const auto& insns = context.program.insns;
    std::unordered_map<std::uint32_t, std::pair<Joined, Joined>> joined;
    for (const cfg::BlockId block : loop.blocks) {
        const domains::PartitionedState* pre = states(block);
        if (pre == nullptr) {
            continue;
        }
        const cfg::BasicBlock& b = context.cfg.block(block);
        // Walked up to its last addition or subtraction (what follows reads nothing more).
        std::optional<std::uint32_t> last;
        for (std::uint32_t pc = b.first; pc <= b.last; ++pc) {
            if (is_add_or_sub(insns[pc])) {
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
                if (is_add_or_sub(insn)) {
                    const auto& alu = std::get<isa::Alu>(insn);
                    auto& [dst, src] = joined[pc];
                    dst.add(state.reg(alu.dst), alu.is64);
                    src.add(state.reg(alu.src.reg), alu.is64);
                }
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
    OperandRanges ranges;
    for (const auto& [pc, operands] : joined) {
        ranges.emplace(pc, AddOperands{operands.first.result(), operands.second.result()});
    }
    return ranges;
}

}  // namespace bpfcheck::analyzer::termination
