// Relational transfer (see relational_transfer.hpp). Every assignment kept
// as a relation is exact in 64-bit two's complement only while no sum wraps,
// so each is checked against the operands' intervals first (kLimit), and a
// 32-bit one only where the operand and the result are below 2^32 (then the
// zero-extended result is the mathematical one).
#include "analyzer/transfer/relational_transfer.hpp"

#include "cfg/isa/extension_idiom.hpp"
#include "domains/relations_reduce.hpp"

#include <optional>

namespace bpfcheck::analyzer {

using domains::Comparison;
using domains::Kind;
using domains::MachineState;
using domains::Relations;
using domains::Scalar;
using domains::Value;
using domains::VarClass;

namespace {

constexpr std::int64_t kLimit = std::int64_t{1} << 60;
constexpr std::uint64_t kU32Max = 0xffffffffULL;

std::optional<VarClass> class_of(const Value& v) {
    if (v.is_scalar()) {
        return VarClass::Number;
    }
    if (v.kind() == Kind::Packet) {
        return VarClass::PacketOffset;
    }
    return std::nullopt;
}

// Whether the register's value after the instruction is of the class its variable names.
bool holds(const Value& v, VarClass c) {
    if (c == VarClass::PointerOffset) {
        return domains::holds_class(v, c);
    }
    return c == VarClass::PacketOffset ? v.kind() == Kind::Packet : v.is_scalar();
}

// A pointer whose offset an affine equality names (map value advanced by a
// constant, relations.hpp): the class to shift, if any.
std::optional<VarClass> affine_pointer(const Relations& rel, const Value& d, std::uint32_t frame, int reg) {
    if (!domains::holds_class(d, VarClass::PointerOffset) ||
        !rel.affine_mentions(Relations::reg_var(frame, reg, VarClass::PointerOffset))) {
        return std::nullopt;
    }
    return VarClass::PointerOffset;
}

bool exact_sum(const Scalar& s, std::int64_t c) {
    return s.smin > -kLimit && s.smax < kLimit && c > -kLimit && c < kLimit;
}

bool exact_sum32(const Scalar& s, std::int64_t c) {
    return s.umax <= kU32Max && static_cast<std::int64_t>(s.umin) + c >= 0 &&
           static_cast<std::int64_t>(s.umax) + c <= static_cast<std::int64_t>(kU32Max);
}

Relations::Var reg_var(std::uint32_t frame, int reg, VarClass c) {
    return Relations::reg_var(frame, reg, c);
}

// pre.reg(base) + offset when it is a constant stack address: the frame and byte.
std::optional<std::pair<std::uint32_t, int>> stack_address(const MachineState& pre, int base, std::int16_t offset) {
    const Value& b = pre.reg(base);
    if (b.kind() != Kind::Stack) {
        return std::nullopt;
    }
    const auto c = b.number().as_constant();
    if (!c) {
        return std::pair<std::uint32_t, int>{b.region(), -1};  // variable: any slot of the frame
    }
    const std::int64_t addr = static_cast<std::int64_t>(*c) + offset;
    if (addr < 0 || addr >= domains::kStackSize) {
        return std::nullopt;  // refused by the checks; writes nothing we keep
    }
    return std::pair<std::uint32_t, int>{b.region(), static_cast<int>(addr)};
}

// A write to the pointed-to stack bytes [addr, addr + width).
void touch_stack(std::uint32_t frame, int addr, int width, std::uint32_t& out_frame, int& first, int& last) {
    out_frame = frame;
    if (addr < 0) {
        first = 0;
        last = domains::kStackSlots - 1;
        return;
    }
    first = addr / 8;
    last = std::min((addr + width - 1) / 8, domains::kStackSlots - 1);
}

// Whether `pc` starts clang's zero extension of a copy: r = s; r <<= 32; r >>= 32.
bool zero_extends_copy(std::span<const isa::Instruction> insns, std::uint32_t pc) {
    const auto* mov = pc < insns.size() ? std::get_if<isa::Alu>(&insns[pc]) : nullptr;
    if (mov == nullptr) {
        return false;
    }
    const auto copy = isa::extended_copy_before(insns, pc, pc + 3, mov->dst);
    return copy && !copy->is_signed;
}

// Another register of the current frame holding the very number `reg` holds
// (a copy: the same scalar id), if any.
std::optional<int> scalar_twin(const MachineState& pre, int reg) {
    const Value& v = pre.reg(reg);
    if (!v.is_scalar() || v.id() == 0 || v.id() == domains::kNoId) {
        return std::nullopt;
    }
    for (int r = 0; r < 10; ++r) {
        if (r != reg && pre.reg(r).is_scalar() && pre.reg(r).id() == v.id()) {
            return r;
        }
    }
    return std::nullopt;
}

// The stack slots of the current frame holding a spill of the very number
// `reg` holds (the same scalar id), at most `most` of them.
std::vector<Relations::Var> spilled_copies(const MachineState& pre, int reg, std::size_t most) {
    std::vector<Relations::Var> slots;
    const Value& v = pre.reg(reg);
    if (!v.is_scalar() || v.id() == 0 || v.id() == domains::kNoId) {
        return slots;
    }
    const std::uint32_t frame = pre.current_frame();
    pre.stack(frame).visit_spills([&](int slot, const Value& spilled) {
        if (slots.size() < most && spilled.is_scalar() && spilled.id() == v.id()) {
            slots.push_back(Relations::slot_var(frame, slot, VarClass::Number));
        }
    });
    return slots;
}

// The constant factor `r <<= k` or `r *= c` multiplies a register by (k
// below 32; c from 2 to 2^31), if the instruction is one.
std::optional<std::int64_t> scale_factor(const isa::Alu& alu) {
    if (!alu.is64 || alu.src.is_register) {
        return std::nullopt;
    }
    if (alu.op == isa::AluOp::Lsh && alu.src.imm > 0 && alu.src.imm < 32) {
        return std::int64_t{1} << alu.src.imm;
    }
    if (alu.op == isa::AluOp::Mul && alu.src.imm > 1) {
        return alu.src.imm;
    }
    return std::nullopt;
}

// Whether factor * n is exact for every n in s.
bool exact_product(const Scalar& s, std::int64_t factor) {
    return s.smin > -(kLimit / factor) && s.smax < kLimit / factor;
}

// Whether an instruction can create a relation where none exists: a packet
// pointer at a known offset plus a variable scalar (pkt(dst) = src + off),
// a copy clang zero-extends (`w1 = w2`, or `r1 = r2; r1 <<= 32; r1 >>= 32`: the copy
// is compared, the original used), and
// a constant added to one of two copies (the kernel's linked registers with
// a delta, BPF_ADD_CONST: clang's rotated loop `r2 = r0; r0 += 1; if r2 < 9`).
bool creates_relation(std::span<const isa::Instruction> insns, std::uint32_t pc, const MachineState& pre) {
    const isa::Instruction& insn = insns[pc];
    const auto* alu = std::get_if<isa::Alu>(&insn);
    if (alu != nullptr && scale_factor(*alu) && pre.reg(alu->dst).is_scalar() &&
        !pre.reg(alu->dst).number().is_constant() &&
        (scalar_twin(pre, alu->dst) || !spilled_copies(pre, alu->dst, 1).empty())) {
        return true;  // a copy of a counter scaled: `off = i << 3`
    }
    if (alu != nullptr && alu->is64 && !alu->src.is_register &&
        (alu->op == isa::AluOp::Add || alu->op == isa::AluOp::Sub) && !pre.reg(alu->dst).number().is_constant() &&
        scalar_twin(pre, alu->dst)) {
        return true;
    }
    if (alu != nullptr && alu->op == isa::AluOp::Mov && alu->src.is_register &&
        (!alu->is64 || zero_extends_copy(insns, pc))) {
        const Value& s = pre.reg(alu->src.reg);
        return s.is_scalar() && !s.number().is_constant() && s.number().umax <= kU32Max;
    }
    if (alu == nullptr || alu->op != isa::AluOp::Add || !alu->is64 || !alu->src.is_register) {
        return false;
    }
    const Value& d = pre.reg(alu->dst);
    const Value& s = pre.reg(alu->src.reg);
    return d.kind() == Kind::Packet && d.number().is_constant() && s.is_scalar() && !s.number().is_constant();
}

}  // namespace

RelationalStep RelationalStep::before(std::span<const isa::Instruction> insns, std::uint32_t pc,
                                      const MachineState& pre, bool in_loop) {
    RelationalStep step;
    if (pre.is_bottom() || (pre.relations().empty() && (!in_loop || !creates_relation(insns, pc, pre)))) {
        return step;
    }
    const isa::Instruction& insn = insns[pc];
    const Relations& rel = pre.relations();
    step.m_frame = pre.current_frame();
    const std::uint32_t frame = step.m_frame;
    const auto forget = [&](int first, int last) {
        step.m_action = Action::Forget;
        step.m_reg = first;
        step.m_forget_until = last;
    };
    const auto assign = [&](int dst, VarClass c, Var source, std::int64_t delta) {
        step.m_action = Action::Assign;
        step.m_reg = dst;
        step.m_class = c;
        step.m_source = source;
        step.m_delta = delta;
    };
    const auto shift = [&](int dst, VarClass c, std::int64_t delta) {
        step.m_action = Action::Shift;
        step.m_reg = dst;
        step.m_class = c;
        step.m_delta = delta;
    };
    if (const auto* alu = std::get_if<isa::Alu>(&insn)) {
        forget(alu->dst, alu->dst);
        const Value& d = pre.reg(alu->dst);
        const bool add = alu->op == isa::AluOp::Add;
        const bool add_or_sub = add || alu->op == isa::AluOp::Sub;
        if (alu->op == isa::AluOp::Mov && alu->src.is_register) {
            const Value& s = pre.reg(alu->src.reg);
            const auto c = class_of(s);
            if (c && (alu->is64 || (*c == VarClass::Number && s.number().umax <= kU32Max)) &&
                (rel.mentions(reg_var(frame, alu->src.reg, *c)) ||
                 (in_loop && *c == VarClass::Number && s.number().umax <= kU32Max &&
                  (!alu->is64 || zero_extends_copy(insns, pc))))) {
                assign(alu->dst, *c, reg_var(frame, alu->src.reg, *c), 0);
            } else if (alu->is64 && s.is_scalar() && rel.mentions(reg_var(frame, alu->src.reg, VarClass::Shifted32))) {
                // A copy of a shifted value shifts back to the same number
                // (`r4 <<= 32; r6 = r4; r6 >>= 32`).
                assign(alu->dst, VarClass::Shifted32, reg_var(frame, alu->src.reg, VarClass::Shifted32), 0);
            }
        } else if (add_or_sub && !alu->src.is_register) {
            const std::int64_t k = add ? alu->src.imm : -alu->src.imm;
            auto c = class_of(d);
            if (!c && alu->is64) {
                c = affine_pointer(rel, d, frame, alu->dst);
            }
            const auto twin = alu->is64 && d.is_scalar() && !rel.mentions(reg_var(frame, alu->dst, VarClass::Number))
                                  ? scalar_twin(pre, alu->dst)
                                  : std::nullopt;
            if (twin && exact_sum(d.number(), k)) {
                // dst was a copy of the twin: now the twin plus k.
                assign(alu->dst, VarClass::Number, reg_var(frame, *twin, VarClass::Number), k);
            } else if (c &&
                       (alu->is64 ? exact_sum(d.number(), k) : *c == VarClass::Number && exact_sum32(d.number(), k))) {
                shift(alu->dst, *c, k);
            }
        } else if (const auto factor = scale_factor(*alu);
                   factor && d.is_scalar() && !d.number().is_constant() && exact_product(d.number(), *factor)) {
            // dst := factor * dst: an equality with each copy of dst (the
            // twin, a spill of it, or a variable at an exact distance from
            // it). A spilled copy keeps the equality once the registers are
            // clobbered by a call.
            const Var old_dst = reg_var(frame, alu->dst, VarClass::Number);
            std::vector<std::pair<Var, std::int64_t>> copies;
            if (const auto twin = scalar_twin(pre, alu->dst)) {
                copies.emplace_back(reg_var(frame, *twin, VarClass::Number), 0);
            }
            for (const Var slot : spilled_copies(pre, alu->dst, 2)) {
                copies.emplace_back(slot, 0);
            }
            if (!rel.zone_empty()) {
                for (const auto& [z, dist] : rel.zone().exact_partners(old_dst)) {
                    const auto place = Relations::place_of(z);
                    if (place && (place->frame != frame || place->index != alu->dst)) {
                        copies.emplace_back(z, dist);
                    }
                }
            }
            for (const auto& [z, dist] : copies) {
                // z = dst + dist: factor * dst = factor * z - factor * dist.
                std::int64_t b = 0;
                if (!__builtin_mul_overflow(*factor, -dist, &b) && b > -kLimit && b < kLimit &&
                    step.m_affine.size() < 4) {
                    step.m_affine.push_back({old_dst, z, *factor, b});
                }
            }
            if (!step.m_affine.empty()) {
                step.m_action = Action::Affine;
                step.m_reg = alu->dst;
                step.m_class = VarClass::Number;
            }
        } else if (add && alu->is64 && alu->src.is_register && domains::holds_class(d, VarClass::PointerOffset) &&
                   d.number().is_constant() && pre.reg(alu->src.reg).is_scalar() &&
                   !pre.reg(alu->src.reg).number().is_constant() &&
                   exact_sum(pre.reg(alu->src.reg).number(), static_cast<std::int64_t>(*d.number().as_constant())) &&
                   rel.mentions(reg_var(frame, alu->src.reg, VarClass::Number))) {
            // A pointer at offset k plus a related number n: off = n + k, and
            // off = a * y + (b + k) for each n = a * y + b.
            const auto k = static_cast<std::int64_t>(*d.number().as_constant());
            const Var x = reg_var(frame, alu->dst, VarClass::PointerOffset);
            const Var n = reg_var(frame, alu->src.reg, VarClass::Number);
            step.m_affine.push_back({x, n, 1, k});
            for (const domains::AffineEquality& e : rel.affine()) {
                std::int64_t b = 0;
                if (e.x == n && e.y != x && !__builtin_add_overflow(e.b, k, &b) && b > -kLimit && b < kLimit &&
                    step.m_affine.size() < 4) {
                    step.m_affine.push_back({x, e.y, e.a, b});
                }
            }
            step.m_action = Action::Affine;
            step.m_reg = alu->dst;
            step.m_class = VarClass::PointerOffset;
        } else if (add_or_sub && alu->is64) {
            const Value& s = pre.reg(alu->src.reg);
            const auto sk = s.is_scalar() ? s.number().as_constant() : std::nullopt;
            const auto dk = d.is_scalar() || d.kind() == Kind::Packet ? d.number().as_constant() : std::nullopt;
            const auto dc = class_of(d) ? class_of(d) : affine_pointer(rel, d, frame, alu->dst);
            if (sk && dc) {
                const auto k = static_cast<std::int64_t>(*sk);
                if (exact_sum(d.number(), add ? k : -k)) {
                    shift(alu->dst, *dc, add ? k : -k);
                }
            } else if (add && dk && s.is_scalar() &&
                       (in_loop || rel.mentions(reg_var(frame, alu->src.reg, VarClass::Number))) &&
                       exact_sum(s.number(), static_cast<std::int64_t>(*dk))) {
                // A known offset or number plus a variable number.
                assign(alu->dst, *class_of(d), reg_var(frame, alu->src.reg, VarClass::Number),
                       static_cast<std::int64_t>(*dk));
            } else if (add && d.is_scalar() && dk && s.kind() == Kind::Packet &&
                       exact_sum(s.number(), static_cast<std::int64_t>(*dk))) {
                assign(alu->dst, VarClass::PacketOffset, reg_var(frame, alu->src.reg, VarClass::PacketOffset),
                       static_cast<std::int64_t>(*dk));
            }
        } else if (alu->is64 && !alu->src.is_register && alu->src.imm == 32 && d.is_scalar()) {
            // clang's zero extension: r <<= 32 then r >>= 32 gives r back when r < 2^32.
            if (alu->op == isa::AluOp::Lsh && d.number().umax <= kU32Max &&
                rel.mentions(reg_var(frame, alu->dst, VarClass::Number))) {  // a Number class: a scalar
                assign(alu->dst, VarClass::Shifted32, reg_var(frame, alu->dst, VarClass::Number), 0);
                step.m_drop = reg_var(frame, alu->dst, VarClass::Number);
            } else if (alu->op == isa::AluOp::Rsh && rel.mentions(reg_var(frame, alu->dst, VarClass::Shifted32))) {
                assign(alu->dst, VarClass::Number, reg_var(frame, alu->dst, VarClass::Shifted32), 0);
                step.m_drop = reg_var(frame, alu->dst, VarClass::Shifted32);
            }
        }
        if (step.m_action == Action::Assign && step.m_source == reg_var(frame, alu->dst, VarClass::Number) &&
            step.m_class == VarClass::PacketOffset) {
            step.m_drop = step.m_source;  // scalar + packet pointer: the number is gone
        }
        return step;
    }
    if (const auto* load = std::get_if<isa::Load>(&insn)) {
        forget(load->dst, load->dst);
        const auto at = stack_address(pre, load->base, load->offset);
        if (at && at->second >= 0 && at->second % 8 == 0) {
            const int slot = at->second / 8;
            const Value* spill = pre.stack(at->first).spill(slot);
            const auto c = spill != nullptr ? class_of(*spill) : std::nullopt;
            if (c && pre.stack(at->first).spill_width(slot) == load->width && !load->sign_extend &&
                rel.mentions(Relations::slot_var(at->first, slot, *c))) {
                step.m_action = Action::Fill;
                step.m_class = *c;
                step.m_source = Relations::slot_var(at->first, slot, *c);
                step.m_expected = spill->number();
            }
        }
        return step;
    }
    if (const auto* store = std::get_if<isa::Store>(&insn)) {
        const auto at = stack_address(pre, store->base, store->offset);
        if (!at) {
            return step;
        }
        step.m_action = Action::Forget;
        touch_stack(at->first, at->second, store->width, step.m_stack_frame, step.m_first_slot, step.m_last_slot);
        if (store->value.is_register && at->second >= 0 && at->second % 8 == 0) {
            const Value& s = pre.reg(store->value.reg);
            const auto c = class_of(s);
            if (c && (store->width == 8 || *c == VarClass::Number) &&
                rel.mentions(reg_var(frame, store->value.reg, *c))) {
                step.m_action = Action::Spill;
                step.m_reg = store->value.reg;
                step.m_class = *c;
                step.m_expected = s.number();
            }
        }
        return step;
    }
    if (const auto* atomic = std::get_if<isa::Atomic>(&insn)) {
        forget(0, atomic->src);  // a fetch writes src, a compare-exchange r0
        if (const auto at = stack_address(pre, atomic->base, atomic->offset)) {
            touch_stack(at->first, at->second, atomic->width, step.m_stack_frame, step.m_first_slot, step.m_last_slot);
        }
        return step;
    }
    if (std::holds_alternative<isa::Call>(insn) || std::holds_alternative<isa::CallX>(insn)) {
        step.m_action = Action::Call;
        step.m_reg = 0;
        step.m_forget_until = 5;
        for (std::uint32_t f = 0; f < pre.frame_count(); ++f) {
            pre.stack(f).visit_spills([&](int slot, const Value& value) {
                for (std::uint32_t c = 0; c < domains::kVarClasses; ++c) {
                    const Var v = Relations::slot_var(f, slot, static_cast<VarClass>(c));
                    if (rel.mentions(v)) {
                        step.m_spills.emplace_back(v, value);
                    }
                }
            });
        }
        return step;
    }
    if (const auto* imm = std::get_if<isa::LoadImm64>(&insn)) {
        forget(imm->dst, imm->dst);
    } else if (const auto* endian = std::get_if<isa::Endian>(&insn)) {
        forget(endian->dst, endian->dst);
    } else if (const auto* cast = std::get_if<isa::AddrSpaceCast>(&insn)) {
        forget(cast->dst, cast->dst);
    } else if (std::holds_alternative<isa::LoadPacket>(insn)) {
        forget(0, 5);
    }
    return step;
}

void RelationalStep::after(MachineState& post) const {
    if (m_action == Action::None || post.is_bottom() ||
        (post.relations().empty() && m_action != Action::Assign && m_action != Action::Affine)) {
        return;  // only an assignment creates a relation where there is none
    }
    Relations& rel = post.relations();
    if (m_last_slot >= m_first_slot) {
        for (int slot = m_first_slot; slot <= m_last_slot; ++slot) {
            rel.forget_slot(m_stack_frame, slot);
        }
    }
    switch (m_action) {
        case Action::None:
            return;
        case Action::Forget:
            for (int r = m_reg; r <= m_forget_until; ++r) {
                rel.forget_reg(m_frame, r);
            }
            return;
        case Action::Assign:
        case Action::Shift:
        case Action::Fill: {
            const Value& now = post.reg(m_reg);
            const bool ok =
                holds(now, m_class) && (m_action != Action::Fill || (m_expected && now.number() == *m_expected));
            if (!ok) {
                rel.forget_reg(m_frame, m_reg);
                return;
            }
            const Var x = reg_var(m_frame, m_reg, m_class);
            if (m_action == Action::Shift) {
                rel.shift(x, m_delta);
                if (rel.affine_mentions(x)) {
                    domains::reduce_affine(post);  // a widened value bounded again by its partner
                }
            } else {
                rel.assign(x, m_source, m_delta);
            }
            if (m_drop != 0) {
                rel.forget(m_drop);
            }
            if (m_action == Action::Fill) {
                // A spill's interval may be wider than its relations say (a
                // loop head widens the spill and keeps the relation): the
                // register filled from it gets the tighter bounds.
                domains::reduce_relations(post);
            }
            return;
        }
        case Action::Affine: {
            // The register's old value is restated first: `r1 = r2; r1 <<= 3`
            // names r2, and a scaled dst's old equalities go with it.
            rel.forget_reg(m_frame, m_reg);
            if (!holds(post.reg(m_reg), m_class)) {
                return;
            }
            for (const domains::AffineEquality& e : m_affine) {
                rel.add_affine(e);  // x is the written register's variable
            }
            domains::reduce_affine(post);
            return;
        }
        case Action::Spill: {
            const int slot = m_first_slot;
            const Value* spill = post.stack(m_stack_frame).spill(slot);
            if (spill != nullptr && holds(*spill, m_class) && m_expected && spill->number() == *m_expected) {
                rel.assign(Relations::slot_var(m_stack_frame, slot, m_class), reg_var(m_frame, m_reg, m_class), 0);
            }
            return;
        }
        case Action::Call:
            for (int r = m_reg; r <= m_forget_until; ++r) {
                rel.forget_reg(m_frame, r);
            }
            for (const auto& [v, before] : m_spills) {
                const auto place = Relations::place_of(v);
                const Value* now = place && place->frame < post.frame_count()
                                       ? post.stack(place->frame).spill(place->index - domains::kRegisterCount)
                                       : nullptr;
                if (now == nullptr || !(*now == before)) {
                    rel.forget(v);
                }
            }
            return;
    }
}

void assume_relation(const isa::Jump& jump, Comparison c, MachineState& state, bool in_loop) {
    if (!jump.src.is_register || state.is_bottom() || (!in_loop && state.relations().empty())) {
        return;
    }
    const std::uint32_t frame = state.current_frame();
    const Value& a = state.reg(jump.dst);
    const Value& b = state.reg(jump.src.reg);
    Relations& rel = state.relations();
    // x - y <= k for x c y.
    const auto relate = [&](Relations::Var x, Relations::Var y) {
        switch (c) {
            case Comparison::Lt:
            case Comparison::SLt:
                rel.add(x, y, -1);
                break;
            case Comparison::Le:
            case Comparison::SLe:
                rel.add(x, y, 0);
                break;
            case Comparison::Gt:
            case Comparison::SGt:
                rel.add(y, x, -1);
                break;
            case Comparison::Ge:
            case Comparison::SGe:
                rel.add(y, x, 0);
                break;
            case Comparison::Eq:
                rel.add(x, y, 0);
                rel.add(y, x, 0);
                break;
            default:
                break;
        }
    };
    if (!jump.is32 && a.kind() == Kind::Packet && b.kind() == Kind::PacketEnd) {
        const auto p = reg_var(frame, jump.dst, VarClass::PacketOffset);
        if (rel.mentions(p)) {
            relate(p, Relations::kPacketLength);
        }
        return;
    }
    if (!jump.is32 && a.kind() == Kind::PacketEnd && b.kind() == Kind::Packet) {
        const auto p = reg_var(frame, jump.src.reg, VarClass::PacketOffset);
        if (rel.mentions(p)) {
            relate(Relations::kPacketLength, p);
        }
        return;
    }
    if (!a.is_scalar() || !b.is_scalar() || jump.dst == jump.src.reg ||
        (!in_loop && !rel.mentions(reg_var(frame, jump.dst, VarClass::Number)) &&
         !rel.mentions(reg_var(frame, jump.src.reg, VarClass::Number)))) {
        return;
    }
    const bool is_signed = c == Comparison::SLt || c == Comparison::SLe || c == Comparison::SGt || c == Comparison::SGe;
    // Unsigned order is the signed one between non-negative numbers; a
    // 32-bit comparison is the 64-bit one between numbers below 2^31.
    const bool same_order = jump.is32 ? a.number().umax < 0x80000000ULL && b.number().umax < 0x80000000ULL
                                      : is_signed || (a.number().smin >= 0 && b.number().smin >= 0);
    if (same_order) {
        relate(reg_var(frame, jump.dst, VarClass::Number), reg_var(frame, jump.src.reg, VarClass::Number));
    }
}

void reduce_after_branch(const isa::Jump& jump, MachineState& state) {
    if (state.is_bottom() || state.relations().empty()) {
        return;
    }
    const std::uint32_t frame = state.current_frame();
    const auto related = [&](int reg) {
        return state.relations().mentions(reg_var(frame, reg, VarClass::Number)) ||
               state.relations().mentions(reg_var(frame, reg, VarClass::PacketOffset));
    };
    if (related(jump.dst) || (jump.src.is_register && related(jump.src.reg))) {
        domains::reduce_relations(state);
    }
}

}  // namespace bpfcheck::analyzer
