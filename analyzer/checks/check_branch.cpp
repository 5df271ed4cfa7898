// ValidComparison: without CAP_PERFMON the kernel refuses comparisons of
// pointers other than NULL checks and packet bounds (check_cond_jmp_op:
// is_pointer_value, try_match_pkt_pointers).
#include "analyzer/checks/checker.hpp"
#include "analyzer/transfer/pointer_kinds.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Value;

void Checker::decide(std::uint32_t pc, const ValidComparison& o, const MachineState& state, CheckSink& sink) const {
    const isa::Jump& jump = o.jump;
    const Value& dst = state.reg(jump.dst);
    const auto packet_kind = [](const Value& v) {
        return v.kind() == Kind::Packet || v.kind() == Kind::PacketMeta || v.kind() == Kind::PacketEnd;
    };
    const auto prohibited = [&](int reg) {
        sink.reporter.error(
            "pointer.leak", pc, fmt::format("R{} pointer comparison prohibited", reg), {describe(state, reg)},
            "unprivileged programs may compare pointers only with NULL and packet pointers with each other");
    };
    if (jump.src.is_register) {
        const Value& src = state.reg(jump.src.reg);
        if (src.is_pointer() && !(packet_kind(dst) && packet_kind(src))) {
            prohibited(jump.src.reg);
            return;
        }
    }
    if (!dst.is_pointer()) {
        return;
    }
    const bool eq_ne = jump.cond == isa::JumpCond::Eq || jump.cond == isa::JumpCond::Ne;
    const bool against_zero = !jump.src.is_register && jump.src.imm == 0;
    // A NULL check, or one whose outcome the pointer's kind decides
    // (is_branch_taken: reg_not_null, which does not count the context,
    // the stack, packet pointers or a map pointer).
    if (against_zero && eq_ne &&
        (domains::is_nullable(dst.kind()) || kernel_not_null(dst) || dst.kind() == Kind::BtfId)) {
        return;
    }
    const bool ordered = jump.cond == isa::JumpCond::Gt || jump.cond == isa::JumpCond::Ge ||
                         jump.cond == isa::JumpCond::Lt || jump.cond == isa::JumpCond::Le;
    if (jump.src.is_register && ordered && !jump.is32 && packet_kind(dst) && packet_kind(state.reg(jump.src.reg))) {
        return;  // try_match_pkt_pointers
    }
    prohibited(jump.dst);
}

}  // namespace bpfcheck::analyzer
