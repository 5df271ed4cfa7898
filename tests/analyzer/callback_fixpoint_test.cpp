// The callback iteration runs through the FixpointEngine: a state that grows
// on every invocation converges by widening, past the fixed 12 rounds the
// iteration had before (after which it went on from a state not shown
// stable); a budget hit is reported, never continued.
#include "analyzer/engine/callback_fixpoint.hpp"
#include "domains/scalar_ops.hpp"

#include <catch2/catch.hpp>

#include <numeric>
#include <vector>

using bpfcheck::analyzer::CallbackFixpoint;
using bpfcheck::analyzer::FixpointLimits;
using bpfcheck::analyzer::FixpointStatus;
using bpfcheck::domains::ArithOp;
using bpfcheck::domains::MachineState;
using bpfcheck::domains::Scalar;
using bpfcheck::domains::Value;

namespace {

// One invocation: r6 += 1 (a counter the callback advances).
MachineState advance(const MachineState& before) {
    MachineState after = before;
    const Scalar n = after.reg(6).number();
    after.reg(6) = Value::scalar(bpfcheck::domains::scalar_binary(ArithOp::Add, n, Scalar::constant(1), true));
    return after;
}

}  // namespace

TEST_CASE("a counter growing on every invocation reaches a fixpoint that covers every iteration",
          "[analyzer][callback]") {
    // 100 thresholds 1..100: stepping through them one per round would
    // take 100 rounds; the engine widens to the extremes after a few.
    std::vector<std::int64_t> thresholds(100);
    std::iota(thresholds.begin(), thresholds.end(), 1);
    MachineState at_call = MachineState::entry(Value::unknown_scalar());
    at_call.reg(6) = Value::constant(0);
    CallbackFixpoint iterations(advance, thresholds);
    REQUIRE(iterations.run(at_call, FixpointLimits{}) == FixpointStatus::Converged);
    const Scalar n = iterations.before_each.reg(6).number();
    CHECK(n.umin == 0);
    CHECK(n.umax > 12);  // the 13th invocation and later are covered (the old cap was 12 rounds)
    CHECK(n.umax >= 100);
    // A fixpoint: one more invocation adds nothing.
    MachineState again = iterations.before_each;
    again.join_with(advance(iterations.before_each));
    CHECK(again.leq(iterations.before_each));
    CHECK(iterations.visits() < 20);
}

TEST_CASE("a callback that never returns leaves the call's own state", "[analyzer][callback]") {
    MachineState at_call = MachineState::entry(Value::unknown_scalar());
    at_call.reg(6) = Value::constant(7);
    CallbackFixpoint iterations([](const MachineState&) { return MachineState::bottom(); }, {});
    REQUIRE(iterations.run(at_call, FixpointLimits{}) == FixpointStatus::Converged);
    CHECK(iterations.before_each.reg(6).number().as_constant() == 7U);
}

TEST_CASE("a budget hit is a status, not a state", "[analyzer][callback]") {
    MachineState at_call = MachineState::entry(Value::unknown_scalar());
    at_call.reg(6) = Value::constant(0);
    CallbackFixpoint iterations(advance, {});
    FixpointLimits limits;
    limits.max_vertex_visits = 2;
    CHECK(iterations.run(at_call, limits) == FixpointStatus::VisitBudgetExhausted);
    CHECK(iterations.before_each.is_bottom());
}
