// extended_copy_before (cfg/isa/extension_idiom.hpp): clang's zero and sign
// extension of a copy, `r = s; r <<= 32; r >>= 32` / `r s>>= 32`, found only
// whole, on the tested register, and within one basic block.
#include "cfg/isa/extension_idiom.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace bpfcheck;

namespace {

isa::Instruction alu(isa::AluOp op, std::uint8_t dst, std::int64_t imm) {
    return isa::Alu{op, true, dst, isa::Operand{false, 0, imm}, 0};
}
isa::Instruction copy(std::uint8_t dst, std::uint8_t src) {
    return isa::Alu{isa::AluOp::Mov, true, dst, isa::Operand{true, src, 0}, 0};
}

}  // namespace

TEST_CASE("a copy shifted up and back by 32 is an extended copy of its source", "[isa]") {
    const std::vector<isa::Instruction> zext{copy(1, 8), alu(isa::AluOp::Lsh, 1, 32), alu(isa::AluOp::Rsh, 1, 32),
                                             isa::Exit{}};
    const auto found = isa::extended_copy_before(zext, 0, 3, 1);
    REQUIRE(found);
    CHECK(found->source == 8);
    CHECK_FALSE(found->is_signed);

    const std::vector<isa::Instruction> sext{copy(1, 8), alu(isa::AluOp::Lsh, 1, 32), alu(isa::AluOp::Arsh, 1, 32),
                                             isa::Exit{}};
    const auto signed_copy = isa::extended_copy_before(sext, 0, 3, 1);
    REQUIRE(signed_copy);
    CHECK(signed_copy->is_signed);
}

TEST_CASE("anything else is no extended copy", "[isa]") {
    const std::vector<isa::Instruction> zext{copy(1, 8), alu(isa::AluOp::Lsh, 1, 32), alu(isa::AluOp::Rsh, 1, 32),
                                             isa::Exit{}};
    CHECK_FALSE(isa::extended_copy_before(zext, 1, 3, 1));  // the copy is in another block
    CHECK_FALSE(isa::extended_copy_before(zext, 0, 3, 2));  // another register
    CHECK_FALSE(isa::extended_copy_before(zext, 0, 2, 1));  // not all three before pc
    const std::vector<isa::Instruction> by16{copy(1, 8), alu(isa::AluOp::Lsh, 1, 16), alu(isa::AluOp::Rsh, 1, 16)};
    CHECK_FALSE(isa::extended_copy_before(by16, 0, 3, 1));
    const std::vector<isa::Instruction> constant{alu(isa::AluOp::Mov, 1, 8), alu(isa::AluOp::Lsh, 1, 32),
                                                 alu(isa::AluOp::Rsh, 1, 32)};
    CHECK_FALSE(isa::extended_copy_before(constant, 0, 3, 1));
    const std::vector<isa::Instruction> itself{copy(1, 1), alu(isa::AluOp::Lsh, 1, 32), alu(isa::AluOp::Rsh, 1, 32)};
    CHECK_FALSE(isa::extended_copy_before(itself, 0, 3, 1));
}
