// long_loop_heads (analyzer/termination/loop_walk.hpp): a loop head gets the
// short walk only when every exit test compares a counter (one constant step,
// one constant entering the head) with a constant more than the partition
// count of steps away; anything else keeps the full walk. loop_walk_lengths:
// the rounds that walk a loop whose counter reaches an exit within the
// partitions (an early exit on another test does not stop it counting).
#include "analyzer/termination/loop_walk.hpp"
#include "tests/analyzer/instruction_builders.hpp"

#include <catch2/catch.hpp>

#include <utility>
#include <vector>

using namespace bpfcheck;
using namespace bpfcheck::test_insns;  // NOLINT(google-build-using-namespace)

namespace {

// 0: r1 = init; 1: r1 += step (head); 2: if r1 == bound goto 4; 3: goto 1;
// 4: r0 = 0; 5: exit. `body` replaces instruction 0's init with a copy.
bool long_head(std::int64_t init, std::int64_t step, std::int64_t bound, bool copied_init = false) {
    const std::vector<isa::Instruction> insns{copied_init ? mov_reg(1, 2) : mov(1, init),
                                              add(1, step),
                                              jump_if(isa::JumpCond::Eq, 1, bound, 1),
                                              jump_to(-3),
                                              mov(0, 0),
                                              isa::Exit{}};
    const cfg::Cfg graph = single_function(insns);
    const std::vector<bool> heads = analyzer::long_loop_heads(graph, graph.functions()[0].wto, insns, 32);
    return heads[graph.block_of(1)];
}

// The walk length of the loop head at instruction 1 of long_head's loop,
// or, with `early_exit`, of the loop `0: r1 = 0; 1: r1 += step (head);
// 2: if r1 == bound goto 6; 3: if r2 > 7 goto 6; 4: goto 1; ...` whose
// second exit tests no counter.
std::uint32_t walk_length(std::int64_t step, std::int64_t bound, bool early_exit = false) {
    std::vector<isa::Instruction> insns{mov(1, 0),   add(1, step), jump_if(isa::JumpCond::Eq, 1, bound, 1),
                                        jump_to(-3), mov(0, 0),    isa::Exit{}};
    if (early_exit) {
        insns = {mov(1, 0),
                 add(1, step),
                 jump_if(isa::JumpCond::Eq, 1, bound, 3),
                 jump_if(isa::JumpCond::Gt, 2, 7, 2),
                 jump_to(-4),
                 mov(0, 1),
                 mov(0, 0),
                 isa::Exit{}};
    }
    const cfg::Cfg graph = single_function(insns);
    return analyzer::loop_walk_lengths(graph, graph.functions()[0].wto, insns, 32)[graph.block_of(1)];
}

}  // namespace

TEST_CASE("a loop the partitions can walk has a walk length: its counter's steps and one", "[loop_walk]") {
    CHECK(walk_length(1, 10) == 11);
    CHECK(walk_length(16, 400) == 26);  // strobemeta's string loop: 25 iterations
    CHECK(walk_length(1, 32) == 33);
    CHECK(walk_length(1, 10, true) == 11);  // a break on another test only ends it sooner
    CHECK(walk_length(1, 1000) == 0);       // a long loop: widened as before
    CHECK(walk_length(1, 1000, true) == 0);
}

namespace {

isa::Instruction shift32(isa::AluOp op, std::uint8_t dst) {
    return isa::Alu{op, true, dst, isa::Operand{false, 0, 32}, 0};
}

// A loop clang unrolled `copies` times without alu32 (XDP-Firewall's filter
// loop: `for (int i = 0; i < 60; i++)` stepped 30 times per round):
// 0: r8 = init; then per copy (the first is the head): r8 += 1;
// if r2 > 7 goto out (a break on another test); then r1 = r8; r1 <<= 32;
// r1 >>= 32 (s>>= with `sign`); if r1 == bound goto out; goto head;
// out: r0 = 0; exit.
std::vector<isa::Instruction> unrolled_loop(std::int64_t init, int copies, std::int64_t bound, bool sign) {
    std::vector<isa::Instruction> insns{mov(8, init)};
    for (int i = 0; i < copies; ++i) {
        insns.push_back(add(8, 1));
        insns.push_back(jump_if(isa::JumpCond::Gt, 2, 7, 0));  // target patched below
    }
    const auto tail = static_cast<std::int32_t>(insns.size());
    insns.push_back(mov_reg(1, 8));
    insns.push_back(shift32(isa::AluOp::Lsh, 1));
    insns.push_back(shift32(sign ? isa::AluOp::Arsh : isa::AluOp::Rsh, 1));
    insns.push_back(jump_if(isa::JumpCond::Eq, 1, bound, 1));
    insns.push_back(jump_to(-static_cast<std::int32_t>(insns.size())));  // back to instruction 1
    const auto out = static_cast<std::int32_t>(insns.size());
    insns.push_back(mov(0, 0));
    insns.push_back(isa::Exit{});
    for (std::int32_t pc = 2; pc < tail; pc += 2) {
        std::get<isa::Jump>(insns[static_cast<std::size_t>(pc)]).offset = out - pc - 1;
    }
    return insns;
}

// The walk length of unrolled_loop's head.
std::uint32_t unrolled_walk_length(std::int64_t init, int copies, std::int64_t bound, bool sign = false) {
    const std::vector<isa::Instruction> insns = unrolled_loop(init, copies, bound, sign);
    const cfg::Cfg graph = single_function(insns);
    return analyzer::loop_walk_lengths(graph, graph.functions()[0].wto, insns, 32)[graph.block_of(1)];
}

// counters_past_partitions at unrolled_loop's head.
std::uint16_t past_partitions(int copies, std::int64_t bound) {
    const std::vector<isa::Instruction> insns = unrolled_loop(0, copies, bound, false);
    const cfg::Cfg graph = single_function(insns);
    return analyzer::counters_past_partitions(graph, graph.functions()[0].wto, insns, 32)[graph.block_of(1)];
}

}  // namespace

TEST_CASE("a counter tested through its 32-bit extension, stepped several times a round, is walked round by round",
          "[loop_walk]") {
    CHECK(unrolled_walk_length(0, 30, 60) == 3);  // 2 rounds of 30 steps: the kernel walks 2 iterations
    CHECK(unrolled_walk_length(0, 1, 10) == 11);
    CHECK(unrolled_walk_length(0, 2, 60) == 31);
    CHECK(unrolled_walk_length(0, 1, 60) == 0);         // 60 rounds: too long to walk
    CHECK(unrolled_walk_length(-5, 1, 5, true) == 11);  // s>>= keeps negative numbers
    CHECK(unrolled_walk_length(-5, 1, 5) == 0);         // >>= does not: the copy is not the counter
}

TEST_CASE("a counter whose exit lies past the partitions is named, breaks aside", "[loop_walk]") {
    CHECK(past_partitions(30, 1000) == 1U << 8);  // 33 rounds: XDP-Firewall's 1000 filters
    CHECK(past_partitions(30, 60) == 0);          // 2 rounds: walked
    CHECK(past_partitions(1, 33) == 1U << 8);
    CHECK(past_partitions(1, 32) == 0);
}

TEST_CASE("a counter that cannot reach its exit within the partitions gets the short walk", "[loop_walk]") {
    REQUIRE(long_head(0, 1, 1000));
    REQUIRE(long_head(0, 9, 9000));
    REQUIRE(long_head(1000, -1, 0));
}

TEST_CASE("a break on another test does not keep a long loop's full walk", "[loop_walk]") {
    const auto long_unrolled = [](int copies, std::int64_t bound) {
        const std::vector<isa::Instruction> insns = unrolled_loop(0, copies, bound, false);
        const cfg::Cfg graph = single_function(insns);
        return static_cast<bool>(
            analyzer::long_loop_heads(graph, graph.functions()[0].wto, insns, 32)[graph.block_of(1)]);
    };
    CHECK(long_unrolled(30, 1000));  // XDP-Firewall's 1000 filters: 33 rounds, each with breaks
    CHECK(long_unrolled(1, 1000));
    CHECK_FALSE(long_unrolled(30, 60));  // 2 rounds: walked
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

namespace {

// The stepped_counters of the loop `0: r1 = init (or r1 = r2); 1: r1 += step
// (head); 2: if r1 < bound goto 1; 3: exit`, or with `second_write` a loop
// that also sets r1 to a constant in its body, at the head's block.
std::vector<analyzer::CounterRange> stepped(std::int64_t init, std::int64_t step, bool copied_init = false,
                                            bool second_write = false) {
    std::vector<isa::Instruction> insns{copied_init ? mov_reg(1, 2) : mov(1, init), add(1, step),
                                        jump_if(isa::JumpCond::Lt, 1, 1480, -2), isa::Exit{}};
    if (second_write) {
        insns = {mov(1, init), add(1, step), mov(1, 4), jump_if(isa::JumpCond::Lt, 1, 1480, -3), isa::Exit{}};
    }
    const cfg::Cfg graph = single_function(insns);
    return analyzer::stepped_counters(graph, graph.functions()[0].wto, insns)[graph.block_of(1)];
}

}  // namespace

TEST_CASE("a counter stepped by a constant of 2 or more keeps its residue", "[loop_walk]") {
    const auto up = stepped(6, 4);
    REQUIRE(up.size() == 1);
    CHECK(up[0].reg == 1);
    CHECK(up[0].modulus == 4);
    CHECK(up[0].lo == 6);
    CHECK(up[0].hi == 6 + 4 * analyzer::kMaxWalkedSteps);
    const auto down = stepped(100, -2);
    REQUIRE(down.size() == 1);
    CHECK(down[0].lo == 100 - 2 * analyzer::kMaxWalkedSteps);
    CHECK(down[0].hi == 100);
    CHECK(stepped(0, 1).empty());               // a step of 1 says nothing more than the interval
    CHECK(stepped(0, 2, true).empty());         // no constant entering the head
    CHECK(stepped(0, 2, false, true).empty());  // another write in the loop
}
