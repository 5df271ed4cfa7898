// Decoder from raw slots to `Instruction`. Encodings follow RFC 9669 and the
// kernel's uapi headers; the reserved-field rules mirror the kernel's
// check_alu_op / check_mem / check_ld_imm / do_check so that whatever the
// kernel refuses as malformed is refused here too, with the slot named.
#include "cfg/isa/decoder.hpp"

#include <fmt/format.h>

namespace bpfcheck::isa {
namespace {

using namespace opcode;

Error fail(const std::string& what, const RawInsn& raw) {
    return Error{fmt::format("{} (opcode 0x{:02x}, dst r{}, src r{}, off {}, imm {})", what, raw.opcode, raw.dst,
                             raw.src, raw.offset, raw.imm)};
}

std::uint8_t width_of_size(std::uint8_t size) {
    switch (size) {
        case 0x00:
            return 4;  // BPF_W
        case 0x08:
            return 2;  // BPF_H
        case 0x10:
            return 1;  // BPF_B
        default:
            return 8;  // BPF_DW
    }
}

Expected<Instruction> decode_endian(const RawInsn& raw, bool is64) {
    if (raw.src != 0 || raw.offset != 0) {
        return fail("byte swap uses reserved fields", raw);
    }
    if (raw.imm != 16 && raw.imm != 32 && raw.imm != 64) {
        return fail("byte swap width must be 16, 32 or 64", raw);
    }
    const bool to_big = source_of(raw.opcode) != 0;
    if (is64 && to_big) {
        return fail("unknown opcode", raw);
    }
    const ByteOrder order = is64 ? ByteOrder::Swap : (to_big ? ByteOrder::ToBig : ByteOrder::ToLittle);
    return Instruction{Endian{order, raw.dst, static_cast<std::uint8_t>(raw.imm)}};
}

Expected<AluOp> alu_op_for(const RawInsn& raw, bool is64) {
    const std::uint8_t op = alu_op_of(raw.opcode);
    const bool signed_form = raw.offset == 1;
    switch (op) {
        case 0x00:
            return AluOp::Add;
        case 0x10:
            return AluOp::Sub;
        case 0x20:
            return AluOp::Mul;
        case 0x30:
            return signed_form ? AluOp::SDiv : AluOp::Div;
        case 0x40:
            return AluOp::Or;
        case 0x50:
            return AluOp::And;
        case 0x60:
            return AluOp::Lsh;
        case 0x70:
            return AluOp::Rsh;
        case 0x80:
            return AluOp::Neg;
        case 0x90:
            return signed_form ? AluOp::SMod : AluOp::Mod;
        case 0xa0:
            return AluOp::Xor;
        case 0xb0: {
            const bool sx = raw.offset == 8 || raw.offset == 16 || (is64 && raw.offset == 32);
            return sx ? AluOp::MovSx : AluOp::Mov;
        }
        case 0xc0:
            return AluOp::Arsh;
        default:
            return fail("unknown opcode", raw);
    }
}

Expected<Instruction> decode_alu(const RawInsn& raw) {
    const bool is64 = class_of(raw.opcode) == kClassAlu64;
    if (alu_op_of(raw.opcode) == 0xd0) {
        return decode_endian(raw, is64);
    }
    auto op = alu_op_for(raw, is64);
    if (!op) {
        return op.error();
    }
    const bool reg_source = source_of(raw.opcode) != 0;
    Alu alu{*op, is64, raw.dst, {}, 0};
    if (*op == AluOp::Neg) {
        if (reg_source || raw.src != 0 || raw.offset != 0 || raw.imm != 0) {
            return fail("negation uses reserved fields", raw);
        }
        return Instruction{alu};
    }
    if (is64 && *op == AluOp::Mov && reg_source && raw.offset == 1) {
        if (raw.imm == 0) {
            return fail("addr_space_cast needs address spaces in imm", raw);
        }
        const auto imm = static_cast<std::uint32_t>(raw.imm);
        return Instruction{AddrSpaceCast{raw.dst, raw.src, static_cast<std::uint16_t>(imm >> 16),
                                         static_cast<std::uint16_t>(imm & 0xffff)}};
    }
    const bool offset_allowed = *op == AluOp::SDiv || *op == AluOp::SMod || (*op == AluOp::MovSx && reg_source);
    if (raw.offset != 0 && !offset_allowed) {
        return fail("ALU instruction uses reserved offset field", raw);
    }
    if (*op == AluOp::MovSx) {
        alu.movsx_bits = static_cast<std::uint8_t>(raw.offset);
    }
    if (reg_source) {
        if (raw.imm != 0) {
            return fail("ALU instruction with register source uses reserved imm field", raw);
        }
        alu.src = Operand{true, raw.src, 0};
    } else {
        if (raw.src != 0) {
            return fail("ALU instruction with immediate source uses reserved src field", raw);
        }
        alu.src = Operand{false, 0, raw.imm};
    }
    return Instruction{alu};
}

Expected<Instruction> decode_ldx(const RawInsn& raw) {
    const std::uint8_t mode = mode_of(raw.opcode);
    if (mode != 0x60 && mode != 0x80) {
        return fail("unknown opcode", raw);
    }
    if (raw.imm != 0) {
        return fail("load uses reserved imm field", raw);
    }
    const bool sign_extend = mode == 0x80;
    if (sign_extend && size_of(raw.opcode) == 0x18) {
        return fail("unknown opcode", raw);
    }
    return Instruction{Load{raw.dst, raw.src, raw.offset, width_of_size(size_of(raw.opcode)), sign_extend}};
}

Expected<Instruction> decode_st(const RawInsn& raw) {
    if (mode_of(raw.opcode) != 0x60) {
        return fail("unknown opcode", raw);
    }
    if (raw.src != 0) {
        return fail("store of immediate uses reserved src field", raw);
    }
    return Instruction{Store{raw.dst, raw.offset, width_of_size(size_of(raw.opcode)), Operand{false, 0, raw.imm}}};
}

Expected<Instruction> decode_atomic(const RawInsn& raw) {
    const std::uint8_t size = size_of(raw.opcode);
    if (size != 0x00 && size != 0x18) {
        return fail("atomic operation must be 32 or 64 bits wide", raw);
    }
    Atomic atomic{AtomicOp::Add, false, raw.dst, raw.offset, raw.src, width_of_size(size)};
    switch (raw.imm) {
        case 0x00:
        case 0x01:
            atomic.op = AtomicOp::Add;
            break;
        case 0x40:
        case 0x41:
            atomic.op = AtomicOp::Or;
            break;
        case 0x50:
        case 0x51:
            atomic.op = AtomicOp::And;
            break;
        case 0xa0:
        case 0xa1:
            atomic.op = AtomicOp::Xor;
            break;
        case 0xe1:
            atomic.op = AtomicOp::Xchg;
            break;
        case 0xf1:
            atomic.op = AtomicOp::CmpXchg;
            break;
        default:
            return fail("unknown atomic operation", raw);
    }
    atomic.fetch = (raw.imm & 0x01) != 0;
    return Instruction{atomic};
}

Expected<Instruction> decode_stx(const RawInsn& raw) {
    const std::uint8_t mode = mode_of(raw.opcode);
    if (mode == 0xc0) {
        return decode_atomic(raw);
    }
    if (mode != 0x60) {
        return fail("unknown opcode", raw);
    }
    if (raw.imm != 0) {
        return fail("store uses reserved imm field", raw);
    }
    return Instruction{Store{raw.dst, raw.offset, width_of_size(size_of(raw.opcode)), Operand{true, raw.src, 0}}};
}

Expected<Instruction> decode_ld(const RawInsn& raw, const RawInsn* next) {
    const std::uint8_t mode = mode_of(raw.opcode);
    const std::uint8_t size = size_of(raw.opcode);
    if (raw.opcode == 0x18) {
        if (next == nullptr) {
            return fail("ld_imm64 is truncated: its second slot is missing", raw);
        }
        if (raw.offset != 0) {
            return fail("ld_imm64 uses reserved offset field", raw);
        }
        if (next->opcode != 0 || next->dst != 0 || next->src != 0 || next->offset != 0) {
            return fail("ld_imm64's second slot is malformed", *next);
        }
        if (raw.src > 6) {
            return fail("ld_imm64 has an unknown pseudo source", raw);
        }
        return Instruction{LoadImm64{raw.dst, static_cast<Imm64Kind>(raw.src), raw.imm, next->imm}};
    }
    if ((mode == 0x20 || mode == 0x40) && size != 0x18) {
        const bool indirect = mode == 0x40;
        if (raw.dst != 0 || raw.offset != 0 || (!indirect && raw.src != 0)) {
            return fail("legacy packet load uses reserved fields", raw);
        }
        return Instruction{LoadPacket{indirect, raw.src, raw.imm, width_of_size(size)}};
    }
    return fail("unknown opcode", raw);
}

Expected<JumpCond> jump_cond_for(std::uint8_t op) {
    switch (op) {
        case 0x10:
            return JumpCond::Eq;
        case 0x20:
            return JumpCond::Gt;
        case 0x30:
            return JumpCond::Ge;
        case 0x40:
            return JumpCond::Set;
        case 0x50:
            return JumpCond::Ne;
        case 0x60:
            return JumpCond::SGt;
        case 0x70:
            return JumpCond::SGe;
        case 0xa0:
            return JumpCond::Lt;
        case 0xb0:
            return JumpCond::Le;
        case 0xc0:
            return JumpCond::SLt;
        case 0xd0:
            return JumpCond::SLe;
        default:
            return Error{"unknown opcode"};
    }
}

Expected<Instruction> decode_call(const RawInsn& raw) {
    if (source_of(raw.opcode) != 0) {
        if (raw.src != 0 || raw.offset != 0 || raw.imm != 0) {
            return fail("callx uses reserved fields", raw);
        }
        return Instruction{CallX{raw.dst}};
    }
    if (raw.dst != 0) {
        return fail("call uses reserved dst field", raw);
    }
    switch (raw.src) {
        case 0:
            if (raw.offset != 0) {
                return fail("helper call uses reserved offset field", raw);
            }
            return Instruction{Call{CallKind::Helper, raw.imm, 0}};
        case 1:
            if (raw.offset != 0) {
                return fail("bpf-to-bpf call uses reserved offset field", raw);
            }
            return Instruction{Call{CallKind::Local, raw.imm, 0}};
        case 2:
            return Instruction{Call{CallKind::Kfunc, raw.imm, raw.offset}};
        default:
            return fail("call has an unknown source kind", raw);
    }
}

Expected<Instruction> decode_jmp(const RawInsn& raw) {
    const bool is32 = class_of(raw.opcode) == kClassJmp32;
    const std::uint8_t op = alu_op_of(raw.opcode);
    if (op == 0x00) {  // JA
        if (source_of(raw.opcode) != 0 || raw.src != 0 || raw.dst != 0) {
            return fail("goto uses reserved fields", raw);
        }
        if (is32) {
            if (raw.offset != 0) {
                return fail("gotol uses reserved offset field", raw);
            }
            return Instruction{Jump{JumpCond::Always, false, 0, {}, raw.imm, true}};
        }
        if (raw.imm != 0) {
            return fail("goto uses reserved imm field", raw);
        }
        return Instruction{Jump{JumpCond::Always, false, 0, {}, raw.offset, false}};
    }
    if (!is32 && op == 0x80) {
        return decode_call(raw);
    }
    if (!is32 && op == 0x90) {
        if (raw.opcode != 0x95 || raw.src != 0 || raw.dst != 0 || raw.offset != 0 || raw.imm != 0) {
            return fail("exit uses reserved fields", raw);
        }
        return Instruction{Exit{}};
    }
    if (!is32 && op == 0xe0) {
        if (raw.opcode != 0xe5 || raw.src != 0 || raw.dst != 0 || raw.imm != 0) {
            return fail("may_goto uses reserved fields", raw);
        }
        return Instruction{MayGoto{raw.offset}};
    }
    auto cond = jump_cond_for(op);
    if (!cond) {
        return fail("unknown opcode", raw);
    }
    Jump jump{*cond, is32, raw.dst, {}, raw.offset, false};
    if (source_of(raw.opcode) != 0) {
        if (raw.imm != 0) {
            return fail("conditional jump with register source uses reserved imm field", raw);
        }
        jump.src = Operand{true, raw.src, 0};
    } else {
        if (raw.src != 0) {
            return fail("conditional jump with immediate uses reserved src field", raw);
        }
        jump.src = Operand{false, 0, raw.imm};
    }
    return Instruction{jump};
}

bool registers_valid(const RawInsn& raw) {
    return raw.dst < kRegisterCount && raw.src < kRegisterCount;
}

}  // namespace

std::vector<RawInsn> read_slots(std::span<const std::uint8_t> bytes) {
    std::vector<RawInsn> slots;
    slots.reserve(bytes.size() / 8);
    for (std::size_t at = 0; at + 8 <= bytes.size(); at += 8) {
        const std::uint8_t* b = bytes.data() + at;
        RawInsn raw;
        raw.opcode = b[0];
        raw.dst = b[1] & 0x0f;
        raw.src = static_cast<std::uint8_t>(b[1] >> 4);
        raw.offset = static_cast<std::int16_t>(static_cast<std::uint16_t>(b[2] | (b[3] << 8)));
        raw.imm = static_cast<std::int32_t>(static_cast<std::uint32_t>(b[4]) | (static_cast<std::uint32_t>(b[5]) << 8) |
                                            (static_cast<std::uint32_t>(b[6]) << 16) |
                                            (static_cast<std::uint32_t>(b[7]) << 24));
        slots.push_back(raw);
    }
    return slots;
}

Expected<Instruction> decode_one(const RawInsn& raw, const RawInsn* next) {
    const bool is_ld_imm64_pair = raw.opcode == 0x18;
    if (!registers_valid(raw)) {
        // The second slot of a bad ld_imm64 is reported by decode_ld.
        return fail("invalid register number", raw);
    }
    switch (class_of(raw.opcode)) {
        case kClassAlu:
        case kClassAlu64:
            return decode_alu(raw);
        case kClassLdx:
            return decode_ldx(raw);
        case kClassSt:
            return decode_st(raw);
        case kClassStx:
            return decode_stx(raw);
        case kClassLd:
            return decode_ld(raw, is_ld_imm64_pair ? next : nullptr);
        default:
            return decode_jmp(raw);
    }
}

DecodeResult decode_program(std::span<const RawInsn> slots) {
    DecodeResult result;
    result.insns.reserve(slots.size());
    for (std::size_t i = 0; i < slots.size(); ++i) {
        const RawInsn* next = i + 1 < slots.size() ? &slots[i + 1] : nullptr;
        auto insn = decode_one(slots[i], next);
        if (!insn) {
            result.failures.push_back({i, insn.error().message});
            // Keep indices aligned: stand in with an exit so later stages never see a hole.
            result.insns.emplace_back(Exit{});
            continue;
        }
        const bool pair = std::holds_alternative<LoadImm64>(*insn);
        result.insns.push_back(*insn);
        if (pair) {
            result.insns.emplace_back(Imm64Tail{});
            ++i;
        }
    }
    if (result.failures.empty()) {
        validate_control_flow(result.insns, result.failures);
    }
    return result;
}

void validate_control_flow(std::span<const Instruction> insns, std::vector<DecodeFailure>& failures) {
    const auto size = static_cast<std::int64_t>(insns.size());
    if (size == 0) {
        failures.push_back({0, "program has no instructions"});
        return;
    }
    for (std::int64_t pc = 0; pc < size; ++pc) {
        const Instruction& insn = insns[static_cast<std::size_t>(pc)];
        if (!is_jump(insn)) {
            continue;
        }
        const std::int64_t target = jump_target(insn, pc);
        if (target < 0 || target >= size) {
            failures.push_back(
                {static_cast<std::size_t>(pc),
                 fmt::format("jump out of range: target {} is outside the program's {} instructions", target, size)});
        } else if (std::holds_alternative<Imm64Tail>(insns[static_cast<std::size_t>(target)])) {
            failures.push_back(
                {static_cast<std::size_t>(pc), fmt::format("jump into the middle of ld_imm64 at {}", target - 1)});
        }
    }
    const Instruction& last = insns.back();
    if (falls_through(last)) {
        failures.push_back({insns.size() - 1,
                            "last instruction is neither exit nor an unconditional jump: "
                            "control falls off the end of the program"});
    }
}

bool falls_through(const Instruction& insn) {
    if (std::holds_alternative<Exit>(insn)) {
        return false;
    }
    if (const auto* jump = std::get_if<Jump>(&insn)) {
        return jump->cond != JumpCond::Always;
    }
    return true;
}

bool is_jump(const Instruction& insn) {
    return std::holds_alternative<Jump>(insn) || std::holds_alternative<MayGoto>(insn);
}

std::int64_t jump_target(const Instruction& insn, std::int64_t pc) {
    if (const auto* jump = std::get_if<Jump>(&insn)) {
        return pc + 1 + jump->offset;
    }
    if (const auto* may_goto = std::get_if<MayGoto>(&insn)) {
        return pc + 1 + may_goto->offset;
    }
    return pc + 1;
}

}  // namespace bpfcheck::isa
