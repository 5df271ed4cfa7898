// ALU instructions: scalar arithmetic through the Scalar domain, and the
// kernel's pointer-arithmetic rules (adjust_reg_min_max_vals,
// adjust_ptr_min_max_vals): 64-bit add and subtract of a scalar to a pointer
// into the stack, context, packet, a map value or sized memory (flow keys by
// constants only, a map pointer by a known 0 only); subtracting two pointers
// (any kinds, 64 or 32 bits) or a 32-bit subtraction on a pointer gives an
// unknown scalar where pointers may leak (privileged), as does a sign
// extension of a pointer; anything else on a pointer is refused (ValidAlu,
// analyzer/checks/check_alu.cpp: the result is then an unknown number).
#include "analyzer/platform/rule_releases.hpp"
#include "analyzer/transfer/arena.hpp"
#include "analyzer/transfer/executor.hpp"
#include "analyzer/transfer/pointer_kinds.hpp"
#include "analyzer/transfer/pointer_sanitation.hpp"

#include "domains/scalar_ops.hpp"

namespace bpfcheck::analyzer {

using domains::ArithOp;
using domains::Kind;
using domains::MachineState;
using domains::Scalar;
using domains::Value;

namespace {

// The kernel gives every sum of a packet pointer and a variable a fresh id
// (adjust_ptr_min_max_vals); ours are derived from the instruction, so that
// they agree on every path through it. When the instruction runs again on a
// path whose earlier sum is still held (a subprogram that skips IPv4
// options, called for an outer and an inner header: test_cls_redirect's
// subprograms), the earlier pointers move to another generation of the
// instruction's id and keep the range they proved. Past the last
// generation they lose their identity, and with it their range.
void rename_packet_identity(MachineState& state, std::uint32_t pc) {
    const auto held = [&](std::uint32_t id) { return state.any_value([&](const Value& v) { return v.id() == id; }); };
    const std::uint32_t id = packet_id(pc, 0);
    if (!held(id)) {
        return;
    }
    std::uint32_t renamed = domains::kNoId;
    for (std::uint32_t generation = 1; generation < kPacketIdGenerations; ++generation) {
        if (!held(packet_id(pc, generation))) {
            renamed = packet_id(pc, generation);
            break;
        }
    }
    state.for_each_value_where([&](const Value& v) { return v.id() == id; },
                               [&](Value& v) {
                                   v.set_id(renamed);
                                   if (renamed == domains::kNoId) {
                                       v.set_range(0);
                                   }
                               });
}

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

}  // namespace

std::optional<MachineState> Executor::split_sign_mask(const isa::Alu& alu, MachineState& state) const {
    // adjust_scalar_min_max_vals (Linux 6.18): BPF_AND and BPF_OR whose
    // source is a known constant fork the state when the destination's
    // signed range is [-1, 0] (or, for a 32-bit operation, its 32-bit one):
    // clang computes `x < 0 ? C : 0` as `(x s>> 63) & C`, and the range
    // [C, 0] that the operation gives otherwise loses what the two values
    // tell (Cilium's `ret = err ? DROP_X : 0`, tested twice).
    if ((alu.op != isa::AluOp::And && alu.op != isa::AluOp::Or) ||
        !rule_release::holds(rule_release::kSignMaskForks, m_context.options.kernel_version)) {
        return std::nullopt;
    }
    const Value& dst = state.reg(alu.dst);
    if (!dst.is_scalar()) {
        return std::nullopt;
    }
    if (alu.src.is_register) {
        const Value& src = state.reg(alu.src.reg);
        if (!src.is_scalar() || !src.number().is_constant()) {
            return std::nullopt;
        }
    }
    const Scalar& n = dst.number();
    const bool sign_mask = alu.is64 ? n.smin == -1 && n.smax == 0 : n.s32min == -1 && n.s32max == 0;
    if (!sign_mask) {
        return std::nullopt;
    }
    MachineState zero = state;
    const std::uint32_t frame = state.current_frame();
    for (MachineState* side : {&state, &zero}) {
        side->reg(alu.dst) = Value::constant(side == &state ? ~std::uint64_t{0} : 0);
        side->relations().forget_reg(frame, alu.dst);
    }
    return zero;
}

void Executor::execute_alu(std::uint32_t pc, const isa::Alu& alu, MachineState& state) const {
    // Most ALU instructions combine two numbers, outside a move, a negation
    // and a division: the Scalar domain's operation on the registers in
    // place (what the general path below does for them, without copies).
    const bool divides = alu.op == isa::AluOp::Div || alu.op == isa::AluOp::SDiv || alu.op == isa::AluOp::Mod ||
                         alu.op == isa::AluOp::SMod;
    if (alu.op != isa::AluOp::Mov && alu.op != isa::AluOp::MovSx && alu.op != isa::AluOp::Neg && !divides) {
        Value& dst = state.reg(alu.dst);
        const Value* src_reg = alu.src.is_register ? &state.reg(alu.src.reg) : nullptr;
        if (dst.is_scalar() && (src_reg == nullptr || src_reg->is_scalar())) {
            const Scalar imm = Scalar::constant(alu.is64 ? static_cast<std::uint64_t>(alu.src.imm)
                                                         : static_cast<std::uint32_t>(alu.src.imm));
            const bool derived_from_fault = dst.fault_reported() || (src_reg != nullptr && src_reg->fault_reported());
            dst = Value::scalar(domains::scalar_binary(arith_of(alu.op), dst.number(),
                                                       src_reg != nullptr ? src_reg->number() : imm, alu.is64));
            if (derived_from_fault) {
                dst.set_fault_reported(true);  // derived from a reported fault
            }
            return;
        }
    }
    Value src = alu.src.is_register ? read_operand(alu.src.reg, state)
                                    : Value::constant(static_cast<std::uint64_t>(alu.src.imm));
    if (!alu.is64 && !alu.src.is_register) {
        src = Value::constant(static_cast<std::uint32_t>(alu.src.imm));
    }
    if (alu.op == isa::AluOp::Mov && !alu.src.is_register) {
        if (const auto relocated = core_field_offset(pc)) {
            src = Value::constant(*relocated);  // the offset libbpf writes for the running kernel
        }
    }
    // ValidAlu failed (reported by the checker): the result is an unknown
    // number, marked so that its uses do not report again.
    auto refused = [&] {
        state.reg(alu.dst) = Value::unknown_scalar();
        state.reg(alu.dst).set_fault_reported(true);
    };
    if (alu.op == isa::AluOp::Mov) {
        if (src.is_scalar()) {
            Value copy = Value::scalar(alu.is64 ? src.number() : src.number().zero_extended_subreg());
            // check_alu_op: a 32-bit move links the registers too when the
            // source fits in 32 bits (get_reg_width(src) <= 32): both are equal.
            if (alu.src.is_register && (alu.is64 || src.number().umax <= 0xffffffffULL)) {
                copy.set_id(share_scalar_id(pc, alu.src.reg, state));
                copy.take_facts(src);
            }
            state.reg(alu.dst) = copy;
            return;
        }
        if (alu.is64) {
            state.reg(alu.dst) = src;
            return;
        }
        if (src.kind() != Kind::BtfId && m_context.options.unprivileged) {
            refused();
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
                refused();
                return;
            }
            state.reg(alu.dst) = Value::unknown_scalar();
            return;
        }
        state.reg(alu.dst) = Value::scalar(domains::scalar_sign_extend(src.number(), alu.movsx_bits, alu.is64));
        return;
    }
    Value dst = read_operand(alu.dst, state);
    if (dst.kind() == Kind::Arena || src.kind() == Kind::Arena) {
        state.reg(alu.dst) = arena_pointer();  // any operation (arena.hpp)
        return;
    }
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
        if (!dst.is_scalar() && m_context.options.unprivileged) {
            refused();
            return;
        }
        if (!dst.is_scalar()) {
            state.reg(alu.dst) = Value::unknown_scalar();  // check_alu_op: where pointers may leak
            return;
        }
        // check_alu_op: before Linux 6.17 ("bpf: Add range tracking for
        // BPF_NEG") the negation marks its register unknown (check_reg_arg
        // DST_OP); later kernels negate the bounds.
        state.reg(alu.dst) = !rule_release::holds(rule_release::kNegRanges, m_context.options.kernel_version)
                                 ? Value::unknown_scalar()
                                 : Value::scalar(domains::scalar_neg(dst.number(), alu.is64));
        return;
    }
    if (dst.is_scalar() && src.is_scalar()) {
        // adjust_scalar_min_max_vals tracks no bounds through a division or a
        // modulo (is_safe_to_compute_dst_reg_range): the kernel's result is
        // an unknown scalar, even of constants, and it explores the paths
        // that follow accordingly.
        state.reg(alu.dst) =
            divides ? Value::unknown_scalar()
                    : Value::scalar(domains::scalar_binary(arith_of(alu.op), dst.number(), src.number(), alu.is64));
        if (dst.fault_reported() || src.fault_reported()) {
            state.reg(alu.dst).set_fault_reported(true);  // derived from a reported fault
        }
        return;
    }
    if (moves_btf_or_number(alu, dst, src, m_context.options.unprivileged)) {
        state.reg(alu.dst) = Value::btf_or_number();
        return;
    }
    if (dst.kind() == Kind::Any || src.kind() == Kind::Any) {
        refused();
        return;
    }
    // adjust_reg_min_max_vals: two pointers combine only by subtraction,
    // whatever their kinds and the ALU width, and only where pointers may
    // leak (CAP_BPF/CAP_PERFMON); the difference is an unknown scalar (the
    // kernel keeps no bound on it).
    if (dst.is_pointer() && src.is_pointer()) {
        if (alu.op != isa::AluOp::Sub || m_context.options.unprivileged) {
            refused();
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
        refused();
        return;
    }
    const bool pointer_plus_scalar = dst.is_pointer() && src.is_scalar();
    const bool scalar_plus_pointer = dst.is_scalar() && src.is_pointer() && alu.op == isa::AluOp::Add;
    if ((!pointer_plus_scalar && !scalar_plus_pointer) || (alu.op != isa::AluOp::Add && alu.op != isa::AluOp::Sub)) {
        refused();
        return;
    }
    Value pointer = pointer_plus_scalar ? dst : src;
    const Scalar delta = pointer_plus_scalar ? src.number() : dst.number();
    // What is forbidden by rule but meaningful (variable or subtracted stack
    // offsets) is carried out, so the access that follows is checked on its
    // own (no cascade). Arithmetic before a NULL check: assumed checked, so
    // the access that follows does not fail again for the same missing check.
    if (domains::is_nullable(pointer.kind()) && allows_arithmetic(domains::non_null_kind(pointer.kind()))) {
        mark_non_null(state, pointer.id(), false);
        pointer.set_kind(domains::non_null_kind(pointer.kind()));
    }
    // adjust_ptr_min_max_vals: PTR_TO_FLOW_KEYS moves by known constants only.
    if (pointer.kind() == Kind::FlowKeys && !delta.is_constant()) {
        refused();
        return;
    }
    // adjust_ptr_min_max_vals: a map pointer may have a known 0 added (it
    // stays the map); the unprivileged pointer sanitation supports no ALU on it.
    if (pointer.kind() == Kind::MapPtr && alu.op == isa::AluOp::Add && delta.as_constant() == 0U) {
        if (m_context.options.unprivileged) {
            refused();
            return;
        }
        state.reg(alu.dst) = pointer;
        return;
    }
    // check_reg_sane_offset: no offset beyond BPF_MAX_VAR_OFF, before or after.
    if (!allows_arithmetic(pointer.kind()) || insane_scalar_offset(delta, pointer.kind()) ||
        insane_pointer_offset(pointer)) {
        refused();
        return;
    }
    Value result = pointer;
    const ArithOp op = alu.op == isa::AluOp::Add ? ArithOp::Add : ArithOp::Sub;
    result.number() = domains::scalar_binary(op, pointer.number(), delta, true);
    if (insane_pointer_offset(result)) {
        refused();
        return;
    }
    if (pointer.kind() == Kind::BtfId && (has_core_reloc(pc) || core_offset_register(pc, alu))) {
        result.set_region(0, 0);  // a CO-RE field offset: the running kernel's differs; untyped from here
    }
    if (pointer.kind() == Kind::Packet || pointer.kind() == Kind::PacketMeta) {
        if (const auto c = delta.as_constant()) {
            const auto d = static_cast<std::int64_t>(*c);
            result.set_fixed_offset(op == ArithOp::Add ? pointer.fixed_offset() + d : pointer.fixed_offset() - d);
        } else {
            // A variable part gives the pointer a new identity with nothing proven yet.
            const std::uint32_t id = packet_id(pc, 0);
            rename_packet_identity(state, pc);
            result.set_id(id);
            result.set_range(0);
        }
    }
    state.reg(alu.dst) = result;
}

std::optional<std::uint32_t> Executor::kernel_member_offset(const model::CoreReloc& reloc) const {
    const model::KernelTypes* types = m_context.options.kernel_types;
    // Only a member of the root struct itself ("0:N"): the names of the
    // members between the root and a deeper one are not kept.
    if (types == nullptr || reloc.kind != model::core_relo::kFieldByteOffset || reloc.field.empty() ||
        !reloc.access.starts_with("0:") || reloc.access.find(':', 2) != std::string::npos) {
        return std::nullopt;
    }
    const std::string_view root = std::string_view{reloc.root}.substr(0, reloc.root.find("___"));
    const auto extent = types->member_extent(root, reloc.field);
    if (!extent) {
        return std::nullopt;
    }
    return extent->offset;
}

bool Executor::core_offset_register(std::uint32_t pc, const isa::Alu& alu) const {
    if (!alu.src.is_register) {
        return false;
    }
    // Only a few instructions back, and only through straight-line code
    // that does not write the register otherwise.
    constexpr std::uint32_t kLookBack = 4;
    const auto& insns = m_context.program.insns;
    for (std::uint32_t i = pc; i-- > 0 && pc - i <= kLookBack;) {
        const isa::Instruction& insn = insns[i];
        if (std::holds_alternative<isa::Imm64Tail>(insn)) {
            continue;
        }
        if (const auto* move = std::get_if<isa::Alu>(&insn)) {
            if (move->dst == alu.src.reg) {
                return move->op == isa::AluOp::Mov && !move->src.is_register && has_core_reloc(i) &&
                       !core_field_offset(i);  // relocated to the kernel's offset: the pointer stays typed
            }
            continue;
        }
        if (const auto* wide = std::get_if<isa::LoadImm64>(&insn)) {
            if (wide->dst == alu.src.reg) {
                return has_core_reloc(i);
            }
            continue;
        }
        if (const auto* load = std::get_if<isa::Load>(&insn); load != nullptr && load->dst != alu.src.reg) {
            continue;
        }
        return false;  // a branch, call or other write ends the search
    }
    return false;
}

}  // namespace bpfcheck::analyzer
