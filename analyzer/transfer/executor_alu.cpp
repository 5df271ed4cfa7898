// ALU instructions: scalar arithmetic through the Scalar domain, and the
// kernel's pointer-arithmetic rules (adjust_reg_min_max_vals,
// adjust_ptr_min_max_vals): 64-bit add and subtract of a scalar to a pointer
// into the stack, context, packet, a map value or sized memory (flow keys by
// constants only, a map pointer by a known 0 only); subtracting two pointers
// (any kinds, 64 or 32 bits) or a 32-bit subtraction on a pointer gives an
// unknown scalar where pointers may leak (privileged), as does a sign
// extension of a pointer; anything else on a pointer is refused.
#include "analyzer/transfer/executor.hpp"
#include "analyzer/transfer/pointer_sanitation.hpp"

#include "domains/scalar_ops.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

using domains::ArithOp;
using domains::Kind;
using domains::MachineState;
using domains::Scalar;
using domains::Value;

namespace {

ArithOp arith_of(isa::AluOp op) {
    switch (op) {
        case isa::AluOp::Add:
            return ArithOp::Add;
        case isa::AluOp::Sub:
            return ArithOp::Sub;
        case isa::AluOp::Mul:
            return ArithOp::Mul;
        case isa::AluOp::Div:
            return ArithOp::Div;
        case isa::AluOp::SDiv:
            return ArithOp::SDiv;
        case isa::AluOp::Mod:
            return ArithOp::Mod;
        case isa::AluOp::SMod:
            return ArithOp::SMod;
        case isa::AluOp::And:
            return ArithOp::And;
        case isa::AluOp::Or:
            return ArithOp::Or;
        case isa::AluOp::Xor:
            return ArithOp::Xor;
        case isa::AluOp::Lsh:
            return ArithOp::Lsh;
        case isa::AluOp::Rsh:
            return ArithOp::Rsh;
        case isa::AluOp::Arsh:
            return ArithOp::Arsh;
        default:
            return ArithOp::Add;
    }
}

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

bool allows_arithmetic(Kind kind) {
    switch (kind) {
        case Kind::Ctx:
        case Kind::Stack:
        case Kind::Packet:
        case Kind::PacketMeta:
        case Kind::MapValue:
        case Kind::MapKey:
        case Kind::Mem:
        case Kind::FlowKeys:
        case Kind::BtfId:
            return true;
        default:
            return false;
    }
}

}  // namespace

void Executor::execute_alu(std::uint32_t pc, const isa::Alu& alu, MachineState& state, Reporter* reporter) const {
    Value src = alu.src.is_register ? read_reg(pc, alu.src.reg, state, reporter)
                                    : Value::constant(static_cast<std::uint64_t>(alu.src.imm));
    if (!alu.is64 && !alu.src.is_register) {
        src = Value::constant(static_cast<std::uint32_t>(alu.src.imm));
    }
    auto fail = [&](std::string id, std::string message) {
        if (reporter != nullptr) {
            reporter->error(std::move(id), pc, std::move(message), {describe(state, alu.dst)});
        }
        state.reg(alu.dst) = Value::unknown_scalar();
        state.reg(alu.dst).set_id(domains::kReportedFaultId);
    };
    if (alu.op == isa::AluOp::Mov) {
        if (src.is_scalar()) {
            Value copy = Value::scalar(alu.is64 ? src.number() : src.number().zero_extended_subreg());
            if (alu.is64 && alu.src.is_register) {
                copy.set_id(share_scalar_id(pc, alu.src.reg, state));
            }
            state.reg(alu.dst) = copy;
            return;
        }
        if (alu.is64) {
            state.reg(alu.dst) = src;
            return;
        }
        if (src.kind() == Kind::BtfId) {
            state.reg(alu.dst) = Value::scalar(Scalar::unsigned_range(0, 0xffffffffULL));
            return;
        }
        if (m_context.options.unprivileged) {
            fail("pointer.leak", fmt::format("R{} partial copy of pointer", alu.src.reg));
            return;
        }
        state.reg(alu.dst) = Value::scalar(Scalar::unsigned_range(0, 0xffffffffULL));
        return;
    }
    if (alu.op == isa::AluOp::MovSx) {
        if (src.kind() == Kind::BtfId) {
            src = Value::unknown_scalar();
        }
        if (!src.is_scalar()) {
            // check_alu_op: a pointer's sign-extended part leaks it; where
            // pointers may leak the result is an unknown scalar.
            if (m_context.options.unprivileged) {
                fail("pointer.leak", fmt::format("R{} sign-extension part of pointer", alu.src.reg));
                return;
            }
            state.reg(alu.dst) = Value::unknown_scalar();
            return;
        }
        state.reg(alu.dst) = Value::scalar(domains::scalar_sign_extend(src.number(), alu.movsx_bits, alu.is64));
        return;
    }
    Value dst = read_reg(pc, alu.dst, state, reporter);
    // Without the kernel's BTF we cannot tell a BTF-typed argument that is a
    // pointer from one that is a number: anything but add/sub makes it a number.
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
        if (!dst.is_scalar() && m_context.options.unprivileged) {
            fail("pointer.arithmetic",
                 fmt::format("R{} pointer arithmetic prohibited (negation of a pointer)", alu.dst));
            return;
        }
        if (!dst.is_scalar()) {
            state.reg(alu.dst) = Value::unknown_scalar();
            return;
        }
        state.reg(alu.dst) = Value::scalar(domains::scalar_neg(dst.number(), alu.is64));
        return;
    }
    if (dst.is_scalar() && src.is_scalar()) {
        const bool divides_by_imm_zero = !alu.src.is_register && alu.src.imm == 0 &&
                                         (alu.op == isa::AluOp::Div || alu.op == isa::AluOp::SDiv ||
                                          alu.op == isa::AluOp::Mod || alu.op == isa::AluOp::SMod);
        if (divides_by_imm_zero && reporter != nullptr) {
            reporter->error("div.by_zero", pc, "division by the constant 0 (the kernel refuses: div by zero)", {},
                            "divide by a non-zero constant");
        }
        const bool divides = alu.op == isa::AluOp::Div || alu.op == isa::AluOp::SDiv || alu.op == isa::AluOp::Mod ||
                             alu.op == isa::AluOp::SMod;
        const Scalar divisor = alu.is64 ? src.number() : src.number().zero_extended_subreg();
        if (divides && !divides_by_imm_zero && reporter != nullptr && divisor.contains(0)) {
            reporter->warning("div.by_zero", pc,
                              fmt::format("divisor {} may be zero; BPF defines x/0 = 0 and x%0 = x",
                                          alu.src.is_register ? fmt::format("R{}", alu.src.reg) : std::string("0")),
                              {alu.src.is_register ? describe(state, alu.src.reg) : std::string("imm=0")},
                              "check the divisor is non-zero if the result matters");
        }
        // adjust_scalar_min_max_vals tracks no bounds through a division or a
        // modulo (is_safe_to_compute_dst_reg_range): the kernel's result is
        // an unknown scalar, even of constants, and it explores the paths
        // that follow accordingly.
        // sanitize_val_alu: an add or subtract of two scalars is one way of
        // masking this instruction too.
        if (m_context.options.unprivileged && alu.src.is_register &&
            (alu.op == isa::AluOp::Add || alu.op == isa::AluOp::Sub)) {
            record_alu_masking(pc, kScalarAluRecord, alu.dst, alu.op == isa::AluOp::Add, reporter);
        }
        state.reg(alu.dst) =
            divides ? Value::unknown_scalar()
                    : Value::scalar(domains::scalar_binary(arith_of(alu.op), dst.number(), src.number(), alu.is64));
        if (dst.id() == domains::kReportedFaultId || src.id() == domains::kReportedFaultId) {
            state.reg(alu.dst).set_id(domains::kReportedFaultId);  // derived from a reported fault
        }
        return;
    }
    if (dst.kind() == Kind::Any || src.kind() == Kind::Any) {
        fail("pointer.ambiguous",
             fmt::format("R{} {} R{}: an operand is a pointer on some paths and a different kind on others", alu.dst,
                         op_text(alu.op), alu.src.reg));
        return;
    }
    // adjust_reg_min_max_vals: two pointers combine only by subtraction,
    // whatever their kinds and the ALU width, and only where pointers may
    // leak (CAP_BPF/CAP_PERFMON); the difference is an unknown scalar (the
    // kernel keeps no bound on it).
    if (dst.is_pointer() && src.is_pointer()) {
        if (alu.op != isa::AluOp::Sub || m_context.options.unprivileged) {
            fail("pointer.arithmetic", fmt::format("R{} pointer {} pointer prohibited", alu.dst, op_text(alu.op)));
            return;
        }
        state.reg(alu.dst) = Value::unknown_scalar();
        return;
    }
    if (!alu.is64) {
        // adjust_ptr_min_max_vals: 32-bit ALU on a pointer gives a meaningless
        // scalar, allowed for subtraction where pointers may leak.
        if (alu.op == isa::AluOp::Sub && !m_context.options.unprivileged) {
            state.reg(alu.dst) = Value::unknown_scalar();
            return;
        }
        fail("pointer.arithmetic",
             fmt::format("R{} 32-bit pointer arithmetic prohibited", dst.is_pointer() ? alu.dst : alu.src.reg));
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
    // Forbidden by rule, not meaningless: reported, then carried out, so the
    // access that follows is checked on its own (no cascade).
    auto report_only = [&](const std::string& message) {
        if (reporter != nullptr) {
            reporter->error("pointer.arithmetic", pc, message, {describe(state, alu.dst)});
        }
    };
    if (alu.op == isa::AluOp::Sub && pointer.kind() == Kind::Stack) {
        report_only(fmt::format("R{} subtraction from stack pointer prohibited", alu.dst));
    }
    if (domains::is_nullable(pointer.kind()) && allows_arithmetic(domains::non_null_kind(pointer.kind()))) {
        // Reported once; then assumed checked, so the access that follows
        // does not fail again for the same missing NULL check.
        if (reporter != nullptr) {
            reporter->error("pointer.arithmetic", pc,
                            fmt::format("pointer arithmetic on {} prohibited, null-check it first",
                                        domains::kind_name(pointer.kind())),
                            {describe(state, alu.dst)},
                            fmt::format("check the pointer against NULL before adding to it"));
        }
        mark_non_null(state, pointer.id(), false);
        pointer.set_kind(domains::non_null_kind(pointer.kind()));
    }
    // adjust_ptr_min_max_vals: PTR_TO_FLOW_KEYS moves by known constants only.
    if (pointer.kind() == Kind::FlowKeys && !delta.is_constant()) {
        fail("pointer.arithmetic", fmt::format("R{} pointer arithmetic on flow_keys prohibited", alu.dst));
        return;
    }
    // adjust_ptr_min_max_vals: a map pointer may have a known 0 added (it
    // stays the map); the unprivileged pointer sanitation supports no ALU on it.
    if (pointer.kind() == Kind::MapPtr && alu.op == isa::AluOp::Add && delta.as_constant() == 0U) {
        if (m_context.options.unprivileged) {
            fail("pointer.arithmetic", fmt::format("R{} has pointer with unsupported alu operation", alu.dst));
            return;
        }
        state.reg(alu.dst) = pointer;
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
    const PointerAlu operands{.pointer = pointer,
                              .offset = delta,
                              .is_add = alu.op == isa::AluOp::Add,
                              .offset_in_register = alu.src.is_register,
                              .dst = alu.dst,
                              .offset_reg = pointer_plus_scalar ? alu.src.reg : alu.dst,
                              .pointer_reg = pointer_plus_scalar ? alu.dst : alu.src.reg,
                              .value_size = pointer.kind() == Kind::MapValue ? maps_of(pointer).value_min : 0};
    // Without CAP_BPF the kernel masks the offset against Spectre v1
    // (sanitize_ptr_alu); what it cannot mask it refuses.
    const bool spectre_v1 = m_context.options.unprivileged;
    if (spectre_v1) {
        if (auto unmaskable = unmaskable_pointer_alu(operands)) {
            report_only(*unmaskable);
        }
    }
    Value result = pointer;
    const ArithOp op = alu.op == isa::AluOp::Add ? ArithOp::Add : ArithOp::Sub;
    result.number() = domains::scalar_binary(op, pointer.number(), delta, true);
    if (auto insane = insane_pointer_offset(result)) {
        fail(std::move(insane->id), std::move(insane->message));
        return;
    }
    if (spectre_v1) {
        if (auto unmaskable = unmaskable_pointer_result(operands, result)) {
            report_only(*unmaskable);
        } else if (const auto record = masking_record(operands, result)) {
            record_alu_masking(pc, *record, alu.dst, operands.is_add, reporter);
        }
    }
    if (pointer.kind() == Kind::BtfId && has_core_reloc(pc)) {
        result.set_region(0, 0);  // a CO-RE field offset: the running kernel's differs; untyped from here
    }
    if (pointer.kind() == Kind::Packet || pointer.kind() == Kind::PacketMeta) {
        if (const auto c = delta.as_constant()) {
            const auto d = static_cast<std::int64_t>(*c);
            result.set_fixed_offset(op == ArithOp::Add ? pointer.fixed_offset() + d : pointer.fixed_offset() - d);
        } else {
            // A variable part gives the pointer a new identity with nothing proven yet.
            const std::uint32_t id = kPacketIdBase + pc;
            state.for_each_value([&](Value& v) {
                if (v.id() == id) {
                    v.set_id(domains::kNoId);
                    v.set_range(0);
                }
            });
            result.set_id(id);
            result.set_range(0);
        }
    }
    state.reg(alu.dst) = result;
}

void Executor::record_alu_masking(std::uint32_t pc, std::uint64_t record, int dst, bool is_add,
                                  Reporter* reporter) const {
    // Recorded in the checking pass only (the fixpoint's states are wider
    // than the converged ones); reported once, where the second way shows.
    if (reporter == nullptr) {
        return;
    }
    const auto [it, inserted] = m_alu_masking.try_emplace(pc, record);
    if (!inserted && it->second != record) {
        reporter->error("pointer.arithmetic", pc, masking_differs_message(dst, is_add), {},
                        "compute the offset the same way on every path into this instruction");
        it->second = record;
    }
}

}  // namespace bpfcheck::analyzer
