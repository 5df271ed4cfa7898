// Instructions and one-function CFGs for the analyzer's unit tests, built
// by hand (64-bit ALU, immediate or register operands).
#pragma once

#include "cfg/cfg.hpp"
#include "cfg/isa/instruction.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <utility>
#include <vector>

namespace bpfcheck::test_insns {

inline isa::Instruction mov(std::uint8_t dst, std::int64_t imm) {
    return isa::Alu{isa::AluOp::Mov, true, dst, isa::Operand{false, 0, imm}, 0};
}
inline isa::Instruction mov_reg(std::uint8_t dst, std::uint8_t src) {
    return isa::Alu{isa::AluOp::Mov, true, dst, isa::Operand{true, src, 0}, 0};
}
inline isa::Instruction add(std::uint8_t dst, std::int64_t imm) {
    return isa::Alu{isa::AluOp::Add, true, dst, isa::Operand{false, 0, imm}, 0};
}
inline isa::Instruction add_reg(std::uint8_t dst, std::uint8_t src) {
    return isa::Alu{isa::AluOp::Add, true, dst, isa::Operand{true, src, 0}, 0};
}
// if dst <cond> imm goto +offset
inline isa::Instruction jump_if(isa::JumpCond cond, std::uint8_t dst, std::int64_t imm, std::int32_t offset) {
    return isa::Jump{cond, false, dst, isa::Operand{false, 0, imm}, offset, false};
}
inline isa::Instruction jump_to(std::int32_t offset) {
    return isa::Jump{isa::JumpCond::Always, false, 0, {}, offset, false};
}
inline isa::Instruction load(std::uint8_t dst, std::uint8_t base, std::int16_t offset, std::uint8_t width = 8) {
    return isa::Load{dst, base, offset, width, false};
}
// *(width *)(base + offset) = value (a register)
inline isa::Instruction store(std::uint8_t base, std::int16_t offset, std::uint8_t width, std::uint8_t value) {
    return isa::Store{base, offset, width, isa::Operand{true, value, 0}};
}

// The CFG of `insns` as one function.
inline cfg::Cfg single_function(const std::vector<isa::Instruction>& insns) {
    const std::vector<std::uint32_t> starts{0};
    auto built = cfg::Cfg::build(insns, starts);
    REQUIRE(built);
    return std::move(*built);
}

}  // namespace bpfcheck::test_insns
