// Branch edges: the condition of a conditional jump (or its negation, on the
// fall-through edge) refines the state. Scalars are refined through the
// Scalar domain and the refinement spreads to every copy with the same id; a
// null check turns a maybe-null pointer and its copies into NULL or a valid
// pointer; a packet pointer proven <= data_end extends the readable range of
// every packet pointer sharing its variable part (find_good_pkt_pointers).
#include "analyzer/platform/helpers/helper_prototype.hpp"
#include "analyzer/platform/rule_releases.hpp"
#include "analyzer/transfer/executor.hpp"
#include "analyzer/transfer/pointer_kinds.hpp"
#include "analyzer/transfer/relational_transfer.hpp"

#include <fmt/format.h>

#include "domains/scalar_compare.hpp"

namespace bpfcheck::analyzer {

using domains::Comparison;
using domains::Kind;
using domains::MachineState;
using domains::Scalar;
using domains::Value;

namespace {

Comparison comparison_of(isa::JumpCond cond) {
    switch (cond) {
        case isa::JumpCond::Eq:
            return Comparison::Eq;
        case isa::JumpCond::Ne:
            return Comparison::Ne;
        case isa::JumpCond::Gt:
            return Comparison::Gt;
        case isa::JumpCond::Ge:
            return Comparison::Ge;
        case isa::JumpCond::Lt:
            return Comparison::Lt;
        case isa::JumpCond::Le:
            return Comparison::Le;
        case isa::JumpCond::SGt:
            return Comparison::SGt;
        case isa::JumpCond::SGe:
            return Comparison::SGe;
        case isa::JumpCond::SLt:
            return Comparison::SLt;
        case isa::JumpCond::SLe:
            return Comparison::SLe;
        case isa::JumpCond::Set:
            return Comparison::Set;
        case isa::JumpCond::Always:
            break;
    }
    return Comparison::Eq;
}

bool is_known_zero(const Value& v) {
    return v.is_scalar() && v.number().as_constant() == 0U;
}

using domains::kNoId;

}  // namespace

// Whether `pointer` is the result of the call that acquired its reference
// (its null-check id is that call's), not a cast of an acquired pointer.
bool Executor::is_acquisition_result(const MachineState& state, const Value& pointer) const {
    const std::uint32_t id = pointer.id();
    if (id < kNullableIdBase || id - kNullableIdBase >= m_context.program.insns.size()) {
        return true;  // renamed by a join: the acquisition, as before casts were told apart
    }
    for (const domains::HeldReference& held : state.references()) {
        if (held.id == pointer.ref()) {
            return held.insn == id - kNullableIdBase;
        }
    }
    return true;
}

void Executor::mark_non_null(MachineState& state, std::uint32_t id, bool is_null) const {
    if (id == 0 || id == kNoId) {
        return;
    }
    state.for_each_value_where([&](const Value& v) { return v.id() == id && domains::is_nullable(v.kind()); },
                               [&](Value& v) {
                                   if (is_null) {
                                       v = Value::constant(0);
                                   } else {
                                       v.set_kind(domains::non_null_kind(v.kind()));
                                   }
                               });
}

void Executor::mark_packet_range(MachineState& state, Kind kind, std::uint32_t id, std::int64_t range) const {
    state.for_each_value_where([&](const Value& v) { return v.kind() == kind && v.id() == id && v.range() < range; },
                               [&](Value& v) { v.set_range(range); });
}

bool Executor::refine_scalar_copies(MachineState& state, std::uint32_t id, const Scalar& number) const {
    if (id == 0 || id == kNoId) {
        return true;
    }
    bool feasible = true;
    state.for_each_value_where([&](const Value& v) { return v.is_scalar() && v.id() == id; },
                               [&](Value& v) {
                                   v.number().meet_with(number);  // reduced, bottom when empty
                                   feasible = feasible && !v.number().is_bottom();
                               });
    return feasible;
}

std::optional<MachineState> Executor::speculative_path(const cfg::Edge& edge, const MachineState& state) const {
    // check_cond_jmp_op: without CAP_BPF, the branch a decided jump never
    // takes is still verified as a speculative path (sanitize_speculative_path),
    // from the state before the jump with the compared registers unknown
    // scalars; before Linux 6.17 a fault on it refuses the program (6.17
    // puts a speculation barrier there instead: "Fall back to nospec for
    // Spectre v1").
    if (!m_context.options.unprivileged ||
        rule_release::holds(rule_release::kNospecFallback, m_context.options.kernel_version) || !edge.condition ||
        state.is_bottom()) {
        return std::nullopt;
    }
    const isa::Jump& jump = *edge.condition;
    MachineState speculative = state;
    speculative.reg(jump.dst) = Value::unknown_scalar();
    speculative.relations().forget_reg(speculative.current_frame(), jump.dst);
    if (jump.src.is_register) {
        speculative.reg(jump.src.reg) = Value::unknown_scalar();
        speculative.relations().forget_reg(speculative.current_frame(), jump.src.reg);
    }
    return speculative;
}

MachineState Executor::assume(const cfg::Edge& edge, MachineState state) const {
    if (!m_relations_on || !edge.condition || state.is_bottom()) {
        return assume_values(edge, std::move(state));
    }
    const isa::Jump& jump = *edge.condition;
    const Comparison c = edge.kind == cfg::EdgeKind::BranchNotTaken ? domains::negate(comparison_of(jump.cond))
                                                                    : comparison_of(jump.cond);
    // The relation first, the values after (the kernel's rules decide from
    // the values as they are), then each tightens the other.
    assume_relation(jump, c, state, m_loop_of_block[edge.from] >= 0);
    if (state.relations().is_bottom()) {
        return MachineState::bottom();
    }
    state = assume_values(edge, std::move(state));
    reduce_after_branch(jump, state);
    if (state.is_bottom()) {
        return MachineState::bottom();
    }
    return state;
}

MachineState Executor::assume_values(const cfg::Edge& edge, MachineState state) const {
    if (!edge.condition || state.is_bottom()) {
        return state;
    }
    const isa::Jump& jump = *edge.condition;
    Comparison c = comparison_of(jump.cond);
    if (edge.kind == cfg::EdgeKind::BranchNotTaken) {
        c = domains::negate(c);
    }
    Value a = state.reg(jump.dst);
    Value b = jump.src.is_register ? state.reg(jump.src.reg)
                                   : Value::constant(jump.is32 ? static_cast<std::uint32_t>(jump.src.imm)
                                                               : static_cast<std::uint64_t>(jump.src.imm));
    // A kernel pointer of unknown type (region 0: no kernel BTF told what
    // it is) compared with a number other than NULL is taken for a number.
    // A typed one stays the pointer it is on both paths: the kernel refines
    // no pointer against a number (reg_set_min_max takes two scalars).
    const auto btf_as_number = [&](Value& v, const Value& other, int reg) {
        const bool other_nonzero_number = other.is_scalar() && other.number().as_constant() != 0U;
        if (v.kind() == Kind::BtfId && v.region() == 0 &&
            (other_nonzero_number ||
             (other.is_scalar() && jump.cond != isa::JumpCond::Eq && jump.cond != isa::JumpCond::Ne))) {
            v = Value::unknown_scalar();
            if (reg >= 0) {
                state.reg(reg) = v;
            }
        }
    };
    btf_as_number(a, b, jump.dst);
    btf_as_number(b, a, jump.src.is_register ? jump.src.reg : -1);
    if (a.is_scalar() && b.is_scalar()) {
        const auto [na, nb] = domains::refine(c, jump.is32, a.number(), b.number());
        if (na.is_bottom() || nb.is_bottom()) {
            return MachineState::bottom();
        }
        state.reg(jump.dst).number() = na;
        bool feasible = refine_scalar_copies(state, a.id(), na);
        if (jump.src.is_register) {
            state.reg(jump.src.reg).number() = nb;
            feasible = refine_scalar_copies(state, b.id(), nb) && feasible;
        }
        if (!feasible) {
            return MachineState::bottom();  // a copy refined to nothing: the edge is infeasible
        }
        // The values refined are reduced; a widened or narrowed bound
        // elsewhere is tightened here, its first branch.
        if (state.may_hold_unreduced()) {
            state.reduce();
        }
        if (state.is_bottom()) {
            return MachineState::bottom();
        }
        return state;  // moved (a conditional expression would copy it)
    }
    // NULL-or-a-pointer (Value::null_or_kind(): a join of NULL with a
    // pointer of a kind with no maybe-null kind) against 0: NULL on one
    // side, the pointer on the other, as on the kernel's two paths.
    if (!jump.is32 && (c == Comparison::Eq || c == Comparison::Ne)) {
        const bool a_null_or = a.kind() == Kind::Any && a.null_or_kind() != Kind::Uninit && is_known_zero(b);
        const bool b_null_or = b.kind() == Kind::Any && b.null_or_kind() != Kind::Uninit && is_known_zero(a);
        if (a_null_or || (b_null_or && jump.src.is_register)) {
            const Value checked = a_null_or ? a : b;
            const bool is_null = c == Comparison::Eq;
            state.reg(a_null_or ? jump.dst : jump.src.reg) = is_null ? Value::constant(0) : checked.non_null_part();
            // Its copies, and every value NULL on the same paths (one name).
            if (checked.id() != 0 && checked.id() != kNoId) {
                state.for_each_value([&](Value& v) {
                    if (v.kind() == Kind::Any && v.null_or_kind() != Kind::Uninit && v.id() == checked.id()) {
                        v = is_null ? Value::constant(0) : v.non_null_part();
                    }
                });
            }
            return state;
        }
    }
    // Null checks: pointer ==/!= 0.
    const bool a_ptr_b_zero = a.is_pointer() && is_known_zero(b);
    const bool b_ptr_a_zero = b.is_pointer() && is_known_zero(a);
    // Only 64-bit comparisons say anything about pointers (the kernel ignores jmp32 here).
    if (jump.is32 && (a.is_pointer() || b.is_pointer())) {
        return state;
    }
    if ((a_ptr_b_zero || b_ptr_a_zero) && (c == Comparison::Eq || c == Comparison::Ne)) {
        const Value& pointer = a_ptr_b_zero ? a : b;
        const int reg = a_ptr_b_zero ? jump.dst : jump.src.reg;
        const bool is_null = c == Comparison::Eq;
        if (domains::is_nullable(pointer.kind())) {
            // check_cond_jmp_op marks a maybe-NULL pointer only against the
            // immediate 0 (`if r0 == 0`), not against a register holding 0
            // (`if r0 == r6`, as GCC writes it): there neither branch learns.
            if (jump.src.is_register) {
                return state;
            }
            if (pointer.id() == 0 || pointer.id() == kNoId) {
                state.reg(reg) = is_null ? Value::constant(0) : pointer;
                if (!is_null) {
                    state.reg(reg).set_kind(domains::non_null_kind(pointer.kind()));
                }
            } else {
                mark_non_null(state, pointer.id(), is_null);
            }
            // A failed acquisition holds nothing; a NULL from a socket cast
            // (bpf_tcp_sock(sk)) leaves sk's reference held, and a NULL slice
            // of a ring-buffer dynptr the dynptr's (mark_ptr_or_null_regs
            // releases only where the pointer's id is its ref_obj_id).
            if (is_null && pointer.ref() != 0 && is_acquisition_result(state, pointer) &&
                !acquired_by_helper(pointer.ref(), kHelperRingbufReserveDynptr)) {
                state.release(pointer.ref());
            }
        } else if (kernel_not_null(pointer) && is_null) {
            return MachineState::bottom();
        }
        return state;
    }
    // check_cond_jmp_op: where a maybe-NULL pointer equals a pointer that
    // cannot be NULL (not a BTF pointer), that register is not NULL either
    // (mark_ptr_not_null_reg: the register alone, not its copies).
    if (c == Comparison::Eq && jump.src.is_register && a.is_pointer() && b.is_pointer() &&
        domains::is_nullable(a.kind()) != domains::is_nullable(b.kind()) && a.kind() != Kind::BtfId &&
        a.kind() != Kind::BtfIdOrNull && b.kind() != Kind::BtfId && b.kind() != Kind::BtfIdOrNull) {
        const int reg = domains::is_nullable(a.kind()) ? jump.dst : jump.src.reg;
        state.reg(reg).set_kind(domains::non_null_kind(state.reg(reg).kind()));
        return state;
    }
    // Packet bounds: normalise to `p c end`.
    Value p = a;
    Value end = b;
    if ((a.kind() == Kind::PacketEnd && (b.kind() == Kind::Packet)) ||
        (a.kind() == Kind::Packet && b.kind() == Kind::PacketMeta)) {
        std::swap(p, end);
        c = domains::mirror(c);
    }
    const bool data_vs_end = p.kind() == Kind::Packet && end.kind() == Kind::PacketEnd;
    // The metadata area ends where the packet starts: only a comparison
    // with the packet's start itself bounds it (reg_is_init_pkt_pointer:
    // no constant or variable offset), not with a pointer into the packet.
    const bool meta_vs_data = p.kind() == Kind::PacketMeta && end.kind() == Kind::Packet && end.fixed_offset() == 0 &&
                              end.number().as_constant() == 0U;
    // As the kernel's find_good_pkt_pointers: no range from a pointer whose
    // offset may exceed MAX_PACKET_OFF (0xffff), where the sum could wrap.
    if ((data_vs_end || meta_vs_data) && p.fixed_offset() >= 0 && p.number().umax <= 0xffff) {
        std::int64_t range = -1;
        if (c == Comparison::Le) {
            range = p.fixed_offset();
        } else if (c == Comparison::Lt) {
            range = p.fixed_offset() + 1;
        }
        if (range > 0 && p.id() != kNoId) {
            mark_packet_range(state, p.kind(), p.id(), range);
        } else if (range > 0) {
            // No shared identity: only the compared register learns the range.
            const int reg = p == a ? jump.dst : jump.src.reg;
            if (state.reg(reg).range() < range) {
                state.reg(reg).set_range(range);
            }
        }
    }
    return state;
}

}  // namespace bpfcheck::analyzer
