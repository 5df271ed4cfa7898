// long_loop_heads (analyzer/termination/loop_walk.hpp): a loop head gets the
// short walk only when every exit test compares a counter (one constant step,
// one constant entering the head) with a constant more than the partition
// count of steps away; anything else keeps the full walk.
#include "analyzer/termination/loop_walk.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace bpfcheck;

namespace {

isa::Instruction mov(std::uint8_t dst, std::int64_t imm) {
    return isa::Alu{isa::AluOp::Mov, true, dst, isa::Operand{false, 0, imm}, 0};
}
isa::Instruction mov_reg(std::uint8_t dst, std::uint8_t src) {
    return isa::Alu{isa::AluOp::Mov, true, dst, isa::Operand{true, src, 0}, 0};
}
isa::Instruction add(std::uint8_t dst, std::int64_t imm) {
    return isa::Alu{isa::AluOp::Add, true, dst, isa::Operand{false, 0, imm}, 0};
}
isa::Instruction jump_if(isa::JumpCond cond, std::uint8_t dst, std::int64_t imm, std::int32_t offset) {
    return isa::Jump{cond, false, dst, isa::Operand{false, 0, imm}, offset, false};
}
isa::Instruction jump_to(std::int32_t offset) {
    return isa::Jump{isa::JumpCond::Always, false, 0, {}, offset, false};
}

// 0: r1 = init; 1: r1 += step (head); 2: if r1 == bound goto 4; 3: goto 1;
// 4: r0 = 0; 5: exit. `body` replaces instruction 0's init with a copy.
bool long_head(std::int64_t init, std::int64_t step, std::int64_t bound, bool copied_init = false) {
    const std::vector<isa::Instruction> insns{copied_init ? mov_reg(1, 2) : mov(1, init),
                                              add(1, step),
                                              jump_if(isa::JumpCond::Eq, 1, bound, 1),
                                              jump_to(-3),
                                              mov(0, 0),
                                              isa::Exit{}};
    const std::vector<std::uint32_t> starts{0};
    auto built = cfg::Cfg::build(insns, starts);
    REQUIRE(built);
    const cfg::Cfg& graph = *built;
    const std::vector<bool> heads = analyzer::long_loop_heads(graph, graph.functions()[0].wto, insns, 32);
    return heads[graph.block_of(1)];
}

}  // namespace

TEST_CASE("a counter that cannot reach its exit within the partitions gets the short walk", "[loop_walk]") {
    REQUIRE(long_head(0, 1, 1000));
    REQUIRE(long_head(0, 9, 9000));
    REQUIRE(long_head(1000, -1, 0));
}

TEST_CASE("a loop the partitions can walk to its end keeps the full walk", "[loop_walk]") {
    REQUIRE_FALSE(long_head(0, 1, 10));
    REQUIRE_FALSE(long_head(0, 1, 32));      // 32 steps: walked
    REQUIRE_FALSE(long_head(990, 1, 1000));  // the distance from the initial value counts
    REQUIRE_FALSE(long_head(0, 100, 1000));
}

TEST_CASE("a counter whose initial value is not a constant keeps the full walk", "[loop_walk]") {
    REQUIRE_FALSE(long_head(0, 1, 1000, true));
}
