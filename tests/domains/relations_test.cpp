// The relational part of the machine state (domains/relations.hpp,
// relations_reduce.hpp): a join of two states whose counters hold different
// constants keeps their difference; a bound on one counter then tightens the
// other by reduce_relations; writing a register forgets its relations; and
// states that share a zone do not see each other's changes (copy-on-write).
// Affine equalities (x = a * y + b): the join of two points is the line
// through them, kept by joins whose sides lie on it, shifted with either
// variable, and bounding a widened offset from its counter; a point on the
// line is below it. A counter spilled around a call keeps its equalities
// in the spill, and two states naming one line through different copies of
// the counter agree on it at a join.
#include "domains/machine_state.hpp"
#include "domains/relations_reduce.hpp"

#include <catch2/catch.hpp>

#include <limits>
#include <vector>

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

namespace {
MachineState row(std::uint64_t i, std::int64_t offset) {
    MachineState s = counters(i, 0);
    s.reg(2) = Value::pointer(Kind::MapValue, 0, Scalar::constant(static_cast<std::uint64_t>(offset)));
    return s;
}
constexpr Zone::Var kOff = Relations::reg_var(0, 2, VarClass::PointerOffset);
}  // namespace

TEST_CASE("a join of two points keeps the line through them", "[domains][relations][affine]") {
    MachineState a = row(0, 0);
    a.join_with(row(1, 32));
    REQUIRE(a.relations().affine() == std::vector<AffineEquality>{{kOff, kI, 32, 0}});
    a.join_with(row(3, 96));  // on the line: kept
    REQUIRE(a.relations().affine().size() == 1);
    MachineState b = a;
    b.join_with(row(2, 65));  // off the line: dropped
    REQUIRE(b.relations().affine().empty());

    // i + 1 (a shift of i): off = 32 * i - 32; off + 4: off = 32 * i - 28.
    a.relations().shift(kI, 1);
    REQUIRE(a.relations().affine() == std::vector<AffineEquality>{{kOff, kI, 32, -32}});
    a.relations().shift(kOff, 4);
    REQUIRE(a.relations().affine() == std::vector<AffineEquality>{{kOff, kI, 32, -28}});

    // Between two numbers moving together the zone keeps their difference;
    // no line of slope 1 is derived.
    MachineState c = counters(0, 0);
    c.join_with(counters(1, 1));
    REQUIRE(c.relations().affine().empty());
    // A number moving a multiple of another (an offset kept as a number
    // beside its counter) is a line.
    MachineState d = counters(0, 0);
    d.join_with(counters(1, 32));
    REQUIRE(d.relations().affine() == std::vector<AffineEquality>{{kJ, kI, 32, 0}});
}

TEST_CASE("a point on a join's line is below it, though it names no line", "[domains][relations][affine]") {
    // What a settling loop head meets (verifier_iterating_callbacks' test1
    // with more partitions): the head's part is the line through earlier
    // iterations, and each new iteration arrives as a point on that line
    // with no relations of its own. If leq only compared the stored
    // equalities, no point would ever be covered and the head would never
    // converge.
    MachineState line = row(0, 0);
    line.join_with(row(1, 8));
    line.join_with(row(3, 24));
    REQUIRE(line.relations().affine() == std::vector<AffineEquality>{{kOff, kI, 8, 0}});
    const MachineState on_line = row(2, 16);
    REQUIRE(on_line.relations().affine().empty());
    CHECK(on_line.leq(line));
    CHECK_FALSE(row(2, 8).leq(line));  // inside the intervals and known bits, off the line
    CHECK_FALSE(line.leq(on_line));
}

TEST_CASE("an affine equality bounds a widened pointer offset by its counter", "[domains][relations][affine]") {
    MachineState a = row(0, 0);
    a.join_with(row(1, 32));
    REQUIRE(a.relations().affine() == std::vector<AffineEquality>{{kOff, kI, 32, 0}});
    // Widening loses the offset's bound; the counter keeps one (its exit test).
    a.reg(2).number() = Scalar::signed_range(0, std::numeric_limits<std::int64_t>::max());
    a.reg(1).number() = Scalar::signed_range(0, 7);
    reduce_affine(a);
    REQUIRE(a.reg(2).number().smin == 0);
    REQUIRE(a.reg(2).number().smax == 224);
    // The other way: an offset in [40, 100] leaves i in [2, 3] (rounded inwards).
    a.reg(2).number() = Scalar::signed_range(40, 100);
    reduce_affine(a);
    REQUIRE(a.reg(1).number().smin == 2);
    REQUIRE(a.reg(1).number().smax == 3);
    // No integer i puts the offset in [65, 95]: bottom.
    a.reg(2).number() = Scalar::signed_range(65, 95);
    reduce_affine(a);
    REQUIRE(a.is_bottom());
}

TEST_CASE("writing either variable forgets an affine equality", "[domains][relations][affine]") {
    MachineState a = row(0, 0);
    a.join_with(row(1, 32));
    MachineState copy = a;
    a.relations().forget_reg(0, 1);
    REQUIRE(a.relations().empty());
    REQUIRE(copy.relations().affine().size() == 1);
    REQUIRE_FALSE(a.leq(copy));  // the equality is a constraint `a` no longer has
    REQUIRE(copy.leq(a));
}

namespace {
constexpr Zone::Var kSlot = Relations::slot_var(0, 56, VarClass::Number);
}  // namespace

TEST_CASE("an affine equality moves to the spill of its counter when the register is forgotten",
          "[domains][relations][affine]") {
    MachineState a = row(0, 0);
    a.join_with(row(1, 32));
    a.relations().assign(kSlot, kI, 0);  // the spill of i
    a.relations().forget_reg(0, 1);      // a call clobbers r1
    REQUIRE(a.relations().affine() == std::vector<AffineEquality>{{kOff, kSlot, 32, 0}});
    // Without a spill the equality goes with the register.
    MachineState b = row(0, 0);
    b.join_with(row(1, 32));
    b.relations().forget_reg(0, 1);
    REQUIRE(b.relations().affine().empty());
}

TEST_CASE("a join keeps a line both sides hold through different copies of the counter",
          "[domains][relations][affine]") {
    // Left: off = 8 * slot with r1 = slot + 1 (filled and incremented);
    // right: off = 8 * r1 - 8. Both say off = 8 * r1 - 8.
    MachineState left = row(0, 0);
    left.relations().add_affine({kOff, kSlot, 8, 0});
    left.relations().constrain_equal(kI, kSlot, 1);
    MachineState right = row(0, 0);
    right.relations().add_affine({kOff, kI, 8, -8});
    Relations joined = left.relations();
    joined.join_with(right.relations());
    REQUIRE(joined.affine() == std::vector<AffineEquality>{{kOff, kI, 8, -8}});
    REQUIRE(left.relations().leq(right.relations()));
    // A line through another counter is not the same line.
    MachineState other = row(0, 0);
    other.relations().add_affine({kOff, kI, 8, 0});
    Relations apart = left.relations();
    apart.join_with(other.relations());
    REQUIRE(apart.affine().empty());
}
