// clang's widening of a 32-bit number held in a 64-bit register where it
// has no 32-bit ALU (-mcpu=v1/v2, as Cilium and the kernel's samples build):
// a copy shifted up and back, `r = s; r <<= 32; r >>= 32` (zero extension)
// or `r s>>= 32` (sign extension). `int i` compared with a constant each
// iteration reads so: the loop tests the copy, never the counter itself.
#pragma once

#include "cfg/isa/instruction.hpp"

#include <cstdint>
#include <optional>
#include <span>

namespace bpfcheck::isa {

struct ExtendedCopy {
    std::uint8_t source = 0;  // the register copied
    bool is_signed = false;   // s>>= 32: sign extension
};

// The extended copy instructions [pc - 3, pc) leave in `reg`: the three are
// such an idiom on `reg`, of a register other than `reg`, and none is before
// `first` (the start of their basic block, so that every path to `pc` runs
// them in a row). Nullopt otherwise.
inline std::optional<ExtendedCopy> extended_copy_before(std::span<const Instruction> insns, std::uint32_t first,
                                                        std::uint32_t pc, int reg) {
    if (pc < first + 3 || pc > insns.size()) {
        return std::nullopt;
    }
    const auto* mov = std::get_if<Alu>(&insns[pc - 3]);
    const auto* up = std::get_if<Alu>(&insns[pc - 2]);
    const auto* down = std::get_if<Alu>(&insns[pc - 1]);
    const auto shift_by_32 = [&](const Alu* a) {
        return a != nullptr && a->is64 && !a->src.is_register && a->src.imm == 32 && a->dst == reg;
    };
    if (mov == nullptr || mov->op != AluOp::Mov || !mov->is64 || !mov->src.is_register || mov->dst != reg ||
        mov->src.reg == reg || !shift_by_32(up) || up->op != AluOp::Lsh || !shift_by_32(down) ||
        (down->op != AluOp::Rsh && down->op != AluOp::Arsh)) {
        return std::nullopt;
    }
    return ExtendedCopy{mov->src.reg, down->op == AluOp::Arsh};
}

}  // namespace bpfcheck::isa
