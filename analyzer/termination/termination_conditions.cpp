// The text of a loop's exit conditions and where they are in the source:
// a conditional jump's condition or its negation (`r1 < r2`, operands
// swapped when the counter is the source), and an instruction's source
// line. Split from termination_proof.cpp, whose diagnostics use them.
#include "analyzer/termination/termination_proof.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer::termination {

namespace {

const char* op_text(isa::JumpCond cond) {
    switch (cond) {
        case isa::JumpCond::Eq:
            return "==";
        case isa::JumpCond::Ne:
            return "!=";
        case isa::JumpCond::Gt:
            return ">";
        case isa::JumpCond::Ge:
            return ">=";
        case isa::JumpCond::Lt:
            return "<";
        case isa::JumpCond::Le:
            return "<=";
        case isa::JumpCond::SGt:
            return "s>";
        case isa::JumpCond::SGe:
            return "s>=";
        case isa::JumpCond::SLt:
            return "s<";
        case isa::JumpCond::SLe:
            return "s<=";
        case isa::JumpCond::Set:
            return "&";
        case isa::JumpCond::Always:
            break;
    }
    return "?";
}

isa::JumpCond negate(isa::JumpCond cond) {
    switch (cond) {
        case isa::JumpCond::Eq:
            return isa::JumpCond::Ne;
        case isa::JumpCond::Ne:
            return isa::JumpCond::Eq;
        case isa::JumpCond::Gt:
            return isa::JumpCond::Le;
        case isa::JumpCond::Ge:
            return isa::JumpCond::Lt;
        case isa::JumpCond::Lt:
            return isa::JumpCond::Ge;
        case isa::JumpCond::Le:
            return isa::JumpCond::Gt;
        case isa::JumpCond::SGt:
            return isa::JumpCond::SLe;
        case isa::JumpCond::SGe:
            return isa::JumpCond::SLt;
        case isa::JumpCond::SLt:
            return isa::JumpCond::SGe;
        case isa::JumpCond::SLe:
            return isa::JumpCond::SGt;
        default:
            return cond;
    }
}

// The same comparison with its operands swapped.
isa::JumpCond mirror(isa::JumpCond cond) {
    switch (cond) {
        case isa::JumpCond::Gt:
            return isa::JumpCond::Lt;
        case isa::JumpCond::Ge:
            return isa::JumpCond::Le;
        case isa::JumpCond::Lt:
            return isa::JumpCond::Gt;
        case isa::JumpCond::Le:
            return isa::JumpCond::Ge;
        case isa::JumpCond::SGt:
            return isa::JumpCond::SLt;
        case isa::JumpCond::SGe:
            return isa::JumpCond::SLe;
        case isa::JumpCond::SLt:
            return isa::JumpCond::SGt;
        case isa::JumpCond::SLe:
            return isa::JumpCond::SGe;
        default:
            return cond;
    }
}

}  // namespace

std::string condition_text(const isa::Jump& jump, bool taken, bool swap) {
    const char prefix = jump.is32 ? 'w' : 'r';
    isa::JumpCond cond = taken ? jump.cond : negate(jump.cond);
    std::string left = fmt::format("{}{}", prefix, jump.dst);
    std::string right =
        jump.src.is_register ? fmt::format("{}{}", prefix, jump.src.reg) : fmt::format("{}", jump.src.imm);
    if (jump.cond == isa::JumpCond::Set) {
        return taken ? fmt::format("{} & {}", left, right) : fmt::format("!({} & {})", left, right);
    }
    if (swap && jump.src.is_register) {
        std::swap(left, right);
        cond = mirror(cond);
    }
    return fmt::format("{} {} {}", left, op_text(cond), right);
}

std::optional<std::uint32_t> source_line(const AnalysisContext& context, std::uint32_t insn) {
    const auto& line_of = context.program.line_of;
    if (insn < line_of.size() && line_of[insn] != model::kNoIndex && line_of[insn] < context.object.lines.size() &&
        context.object.lines[line_of[insn]].line != 0) {
        return context.object.lines[line_of[insn]].line;
    }
    return std::nullopt;
}

std::string where(const AnalysisContext& context, std::uint32_t insn) {
    if (const auto line = source_line(context, insn)) {
        return fmt::format("line {}", *line);
    }
    return fmt::format("insn {}", insn);
}

}  // namespace bpfcheck::analyzer::termination
