// ValidAlu: the kernel's rules on ALU operands (check_alu_op,
// adjust_reg_min_max_vals, adjust_ptr_min_max_vals): a pointer's partial or
// sign-extended copy leaks it without CAP_PERFMON; two pointers combine only
// by a privileged subtraction; a pointer moves by 64-bit add/sub of a number
// only, on kinds that allow it (flow keys by constants, a map pointer by a
// known 0), after its NULL check, and without CAP_PERFMON the stack pointer
// by constants only; a division by the constant 0 is refused, a divisor
// that may be 0 is a warning (BPF defines x/0 = 0).
#include "analyzer/checks/checker.hpp"
#include "analyzer/transfer/memory_regions.hpp"
#include "analyzer/transfer/pointer_kinds.hpp"
#include "analyzer/transfer/pointer_sanitation.hpp"

#include "domains/scalar_ops.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Scalar;
using domains::Value;

namespace {

std::string_view op_text(isa::AluOp op) {
    switch (op) {
        case isa::AluOp::Add:
            return "+=";
        case isa::AluOp::Sub:
            return "-=";
        case isa::AluOp::Mul:
            return "*=";
        case isa::AluOp::Div:
            return "/=";
        case isa::AluOp::SDiv:
            return "s/=";
        case isa::AluOp::Mod:
            return "%=";
        case isa::AluOp::SMod:
            return "s%=";
        case isa::AluOp::And:
            return "&=";
        case isa::AluOp::Or:
            return "|=";
        case isa::AluOp::Xor:
            return "^=";
        case isa::AluOp::Lsh:
            return "<<=";
        case isa::AluOp::Rsh:
            return ">>=";
        case isa::AluOp::Arsh:
            return "s>>=";
        default:
            return "?";
    }
}

bool is_division(isa::AluOp op) {
    return op == isa::AluOp::Div || op == isa::AluOp::SDiv || op == isa::AluOp::Mod || op == isa::AluOp::SMod;
}

}  // namespace

void Checker::decide(std::uint32_t pc, const ValidAlu& o, const MachineState& state, CheckSink& sink) const {
    const isa::Alu& alu = o.alu;
    Reporter& reporter = sink.reporter;
    const bool unprivileged = m_context.options.unprivileged;
    const bool is_move = alu.op == isa::AluOp::Mov || alu.op == isa::AluOp::MovSx;
    // Most ALU instructions combine two numbers outside a division: nothing
    // below applies to them unless unprivileged masking is recorded.
    const bool add_or_sub = alu.op == isa::AluOp::Add || alu.op == isa::AluOp::Sub;
    if (!is_division(alu.op) && !(unprivileged && add_or_sub) && state.reg(alu.dst).is_scalar() &&
        (!alu.src.is_register || state.reg(alu.src.reg).is_scalar())) {
        return;
    }
    Value src = alu.src.is_register ? operand_value(state, alu.src.reg)
                                    : Value::constant(static_cast<std::uint64_t>(alu.src.imm));
    if (!alu.is64 && !alu.src.is_register) {
        src = Value::constant(static_cast<std::uint32_t>(alu.src.imm));
    }
    // The destination as the instruction sees it (read as an operand unless moved into).
    const bool dst_read = !is_move || (alu.src.is_register && alu.src.reg == alu.dst);
    Value dst_register = dst_read ? operand_value(state, alu.dst) : state.reg(alu.dst);
    auto fail = [&](std::string id, std::string message) {
        reporter.error(std::move(id), pc, std::move(message), {describe_value(alu.dst, dst_register)});
    };
    if (alu.op == isa::AluOp::Mov) {
        if (!src.is_scalar() && !alu.is64 && src.kind() != Kind::BtfId && unprivileged) {
            fail("pointer.leak", fmt::format("R{} partial copy of pointer", alu.src.reg));
        }
        return;
    }
    if (alu.op == isa::AluOp::MovSx) {
        if (!src.is_scalar() && src.kind() != Kind::BtfId && unprivileged) {
            fail("pointer.leak", fmt::format("R{} sign-extension part of pointer", alu.src.reg));
        }
        return;
    }
    Value dst = dst_register;
    if (dst.kind() == Kind::Arena || src.kind() == Kind::Arena) {
        // adjust_reg_min_max_vals allows any operation on an arena pointer
        // (analyzer/transfer/arena.hpp); check_alu_op still refuses a
        // division by the constant 0 first.
        if (!alu.src.is_register && alu.src.imm == 0 && is_division(alu.op)) {
            reporter.error("div.by_zero", pc, "division by the constant 0 (the kernel refuses: div by zero)", {},
                           "divide by a non-zero constant");
        }
        return;
    }
    const bool btf_operand = dst.kind() == Kind::BtfId || src.kind() == Kind::BtfId;
    if (btf_operand && !(alu.is64 && (alu.op == isa::AluOp::Add || alu.op == isa::AluOp::Sub) &&
                         (dst.is_scalar() || src.is_scalar()))) {
        if (dst.kind() == Kind::BtfId) {
            dst = Value::unknown_scalar();
        }
        if (src.kind() == Kind::BtfId) {
            src = Value::unknown_scalar();
        }
    }
    if (alu.op == isa::AluOp::Neg) {
        // check_alu_op: negating a pointer leaks it; where pointers may leak
        // (CAP_PERFMON) the result is an unknown scalar.
        if (!dst.is_scalar() && unprivileged) {
            fail("pointer.arithmetic",
                 fmt::format("R{} pointer arithmetic prohibited (negation of a pointer)", alu.dst));
        }
        return;
    }
    if (dst.is_scalar() && src.is_scalar()) {
        const bool divides_by_imm_zero = !alu.src.is_register && alu.src.imm == 0 && is_division(alu.op);
        if (divides_by_imm_zero) {
            reporter.error("div.by_zero", pc, "division by the constant 0 (the kernel refuses: div by zero)", {},
                           "divide by a non-zero constant");
        }
        if (is_division(alu.op) && !divides_by_imm_zero &&
            (alu.is64 ? src.number() : src.number().zero_extended_subreg()).contains(0)) {
            reporter.warning(
                "div.by_zero", pc,
                fmt::format("divisor {} may be zero; BPF defines x/0 = 0 and x%0 = x",
                            alu.src.is_register ? fmt::format("R{}", alu.src.reg) : std::string("0")),
                {alu.src.is_register ? describe_value(alu.src.reg, operand_value(state, alu.src.reg)) : "imm=0"},
                "check the divisor is non-zero if the result matters");
        }
        // sanitize_val_alu: an add or subtract of two scalars is one way of
        // masking this instruction too.
        if (unprivileged && alu.src.is_register && (alu.op == isa::AluOp::Add || alu.op == isa::AluOp::Sub)) {
            record_alu_masking(pc, kScalarAluRecord, alu.dst, alu.op == isa::AluOp::Add, sink);
        }
        return;
    }
    if (moves_btf_or_number(alu, dst, src, unprivileged)) {
        return;  // a kernel pointer or a number on each path, moved by a number
    }
    if (dst.kind() == Kind::Any || src.kind() == Kind::Any) {
        fail("pointer.ambiguous",
             fmt::format("R{} {} {}: an operand is a pointer on some paths and a different kind on others", alu.dst,
                         op_text(alu.op),
                         alu.src.is_register ? fmt::format("R{}", alu.src.reg) : fmt::format("{}", alu.src.imm)));
        return;
    }
    if (dst.is_pointer() && src.is_pointer()) {
        if (alu.op != isa::AluOp::Sub || unprivileged) {
            fail("pointer.arithmetic", fmt::format("R{} pointer {} pointer prohibited", alu.dst, op_text(alu.op)));
        }
        return;
    }
    if (!alu.is64) {
        if (!(alu.op == isa::AluOp::Sub && !unprivileged)) {
            fail("pointer.arithmetic",
                 fmt::format("R{} 32-bit pointer arithmetic prohibited", dst.is_pointer() ? alu.dst : alu.src.reg));
        }
        return;
    }
    const bool pointer_plus_scalar = dst.is_pointer() && src.is_scalar();
    const bool scalar_plus_pointer = dst.is_scalar() && src.is_pointer() && alu.op == isa::AluOp::Add;
    if ((!pointer_plus_scalar && !scalar_plus_pointer) || (alu.op != isa::AluOp::Add && alu.op != isa::AluOp::Sub)) {
        fail("pointer.arithmetic", fmt::format("R{} pointer arithmetic with {} operator prohibited",
                                               dst.is_pointer() ? alu.dst : alu.src.reg, op_text(alu.op)));
        return;
    }
    Value pointer = pointer_plus_scalar ? dst : src;
    const Scalar delta = pointer_plus_scalar ? src.number() : dst.number();
    if (alu.op == isa::AluOp::Sub && pointer.kind() == Kind::Stack) {
        fail("pointer.arithmetic", fmt::format("R{} subtraction from stack pointer prohibited", alu.dst));
    }
    if (domains::is_nullable(pointer.kind()) && allows_arithmetic(domains::non_null_kind(pointer.kind()))) {
        reporter.error(
            "pointer.arithmetic", pc,
            fmt::format("pointer arithmetic on {} prohibited, null-check it first", domains::kind_name(pointer.kind())),
            {describe_value(alu.dst, dst_register)}, "check the pointer against NULL before adding to it");
        // Assumed checked from here (the transfer marks its copies non-NULL).
        const std::uint32_t id = pointer.id();
        if (id != 0 && id != domains::kNoId && dst_register.id() == id && domains::is_nullable(dst_register.kind())) {
            dst_register.set_kind(domains::non_null_kind(dst_register.kind()));
        }
        pointer.set_kind(domains::non_null_kind(pointer.kind()));
    }
    if (pointer.kind() == Kind::FlowKeys && !delta.is_constant()) {
        fail("pointer.arithmetic", fmt::format("R{} pointer arithmetic on flow_keys prohibited", alu.dst));
        return;
    }
    if (pointer.kind() == Kind::MapPtr && alu.op == isa::AluOp::Add && delta.as_constant() == 0U) {
        if (unprivileged) {
            fail("pointer.arithmetic", fmt::format("R{} has pointer with unsupported alu operation", alu.dst));
        }
        return;
    }
    if (!allows_arithmetic(pointer.kind())) {
        fail("pointer.arithmetic",
             fmt::format("pointer arithmetic on {} prohibited{}", domains::kind_name(pointer.kind()),
                         domains::is_nullable(pointer.kind()) ? ", null-check it first" : ""));
        return;
    }
    // check_reg_sane_offset, whatever the loader: the kernel tracks no
    // offset beyond BPF_MAX_VAR_OFF.
    if (auto insane = insane_scalar_offset(delta, pointer.kind())) {
        fail(std::move(insane->id), std::move(insane->message));
        return;
    }
    if (auto insane = insane_pointer_offset(pointer)) {
        fail(std::move(insane->id), std::move(insane->message));
        return;
    }
    const PointerAlu operands{
        .pointer = pointer,
        .offset = delta,
        .is_add = alu.op == isa::AluOp::Add,
        .offset_in_register = alu.src.is_register,
        .dst = alu.dst,
        .offset_reg = pointer_plus_scalar ? alu.src.reg : alu.dst,
        .pointer_reg = pointer_plus_scalar ? alu.dst : alu.src.reg,
        .value_size = pointer.kind() == Kind::MapValue ? maps_of(m_context.object, pointer).value_min : 0};
    // Without CAP_BPF the kernel masks the offset against Spectre v1
    // (sanitize_ptr_alu); what it cannot mask it refuses.
    if (unprivileged) {
        if (auto unmaskable = unmaskable_pointer_alu(operands)) {
            fail("pointer.arithmetic", std::move(*unmaskable));
        }
    }
    Value result = pointer;
    result.number() = domains::scalar_binary(alu.op == isa::AluOp::Add ? domains::ArithOp::Add : domains::ArithOp::Sub,
                                             pointer.number(), delta, true);
    if (auto insane = insane_pointer_offset(result)) {
        fail(std::move(insane->id), std::move(insane->message));
        return;
    }
    if (unprivileged) {
        if (auto unmaskable = unmaskable_pointer_result(operands, result)) {
            fail("pointer.arithmetic", std::move(*unmaskable));
        } else if (const auto record = masking_record(operands, result)) {
            record_alu_masking(pc, *record, alu.dst, operands.is_add, sink);
        }
    }
}

// One instruction is masked one way on every path (the kernel's insn_aux
// alu_state, update_alu_sanitation_state): a fact across the paths to `pc`,
// recorded in the sink; reported once, where the second way shows.
void Checker::record_alu_masking(std::uint32_t pc, std::uint64_t record, int dst, bool is_add, CheckSink& sink) const {
    const auto [it, inserted] = sink.alu_masking.try_emplace(pc, record);
    if (!inserted && it->second != record) {
        sink.reporter.error("pointer.arithmetic", pc, masking_differs_message(dst, is_add), {},
                            "compute the offset the same way on every path into this instruction");
        it->second = record;
    }
}

}  // namespace bpfcheck::analyzer
