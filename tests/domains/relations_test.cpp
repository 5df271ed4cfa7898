// The relational part of the machine state (domains/relations.hpp,
// relations_reduce.hpp): a join of two states whose counters hold different
// constants keeps their difference; a bound on one counter then tightens the
// other by reduce_relations; writing a register forgets its relations; and
// states that share a zone do not see each other's changes (copy-on-write).
#include "domains/machine_state.hpp"
#include "domains/relations_reduce.hpp"

#include <catch2/catch.hpp>

using namespace bpfcheck::domains;

namespace {
MachineState counters(std::uint64_t i, std::uint64_t j) {
    MachineState s = MachineState::entry(Value::pointer(Kind::Ctx, 0, Scalar::constant(0)));
    s.relations().track();
    s.reg(1) = Value::constant(i);
    s.reg(2) = Value::constant(j);
    return s;
}
constexpr Zone::Var kI = Relations::reg_var(0, 1, VarClass::Number);
constexpr Zone::Var kJ = Relations::reg_var(0, 2, VarClass::Number);
}  // namespace

TEST_CASE("a join keeps the difference of two counters that move together", "[domains][relations]") {
    MachineState a = counters(0, 4);
    a.join_with(counters(1, 5));
    a.join_with(counters(7, 11));  // one side related, the other constant: kept
    REQUIRE(a.relations().zone().bound(kJ, kI) == 4);
    REQUIRE(a.relations().zone().bound(kI, kJ) == -4);
    REQUIRE(a.reg(2).number().smax == 11);

    // i <= 3 learnt by a branch: reduction gives j <= 7.
    a.reg(1).number().meet_with(Scalar::signed_range(0, 3));
    reduce_relations(a);
    REQUIRE(a.reg(2).number().smax == 7);
    REQUIRE(a.reg(2).number().smin == 4);
}

TEST_CASE("a join drops a difference the two sides do not share", "[domains][relations]") {
    MachineState a = counters(0, 4);
    a.join_with(counters(1, 6));
    REQUIRE_FALSE(a.relations().zone().bound(kJ, kI).has_value());
}

TEST_CASE("forgetting a register forgets its relations, in this state only", "[domains][relations]") {
    MachineState a = counters(0, 4);
    a.join_with(counters(1, 5));
    MachineState copy = a;
    a.relations().forget_reg(0, 2);
    REQUIRE(a.relations().empty());
    REQUIRE(copy.relations().zone().bound(kJ, kI) == 4);
}

TEST_CASE("a contradiction between relations and intervals makes the state bottom", "[domains][relations]") {
    MachineState a = counters(0, 4);
    a.join_with(counters(1, 5));  // j - i = 4
    a.reg(1).number().meet_with(Scalar::constant(1));
    a.reg(2).number().meet_with(Scalar::constant(4));  // j - i = 3
    reduce_relations(a);
    REQUIRE(a.is_bottom());
}
