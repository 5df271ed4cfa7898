// A loop's later rounds walk only the parts that changed (FixpointEngine's
// walk_changes): on a loop whose iterations stay apart (a counter walked
// 0, 1, 2, ... in parts of their own), the rounds that walk changes reach
// the same loop-head state as rounds that walk every part, their result is
// a post-fixpoint (every block's effect on its entry state is within its
// end state, every edge's within its target's entry state), and they run
// fewer blocks.
#include "analyzer/engine/fixpoint.hpp"
#include "domains/partitioned_state.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <vector>

using bpfcheck::analyzer::FixpointEngine;
using bpfcheck::analyzer::FixpointLimits;
using bpfcheck::analyzer::FixpointStatus;
using bpfcheck::domains::kNoId;
using bpfcheck::domains::MachineState;
using bpfcheck::domains::PartitionedState;
using bpfcheck::domains::Scalar;
using bpfcheck::domains::Value;

namespace {

// 0 -> 1 (head); 1 -> 2 and 1 -> 3 while r6 < kBound; 2, 3 -> 4; 4 -> 1;
// 1 -> 5 once r6 >= kBound. Block 2 adds 1 to r6, block 3 adds 2.
constexpr std::uint64_t kBound = 12;

struct TestEdge {
    std::uint32_t from;
    std::uint32_t to;
};

const std::vector<TestEdge>& edges() {
    static const std::vector<TestEdge> kEdges = {{0, 1}, {1, 2}, {1, 3}, {2, 4}, {3, 4}, {4, 1}, {1, 5}};
    return kEdges;
}

std::uint64_t r6_of(const MachineState& state) {
    return *state.reg(6).number().as_constant();
}

MachineState with_r6(std::uint64_t n) {
    MachineState state = MachineState::entry(Value::scalar(Scalar::constant(0)));
    state.reg(6) = Value::scalar(Scalar::constant(n));
    return state;
}

// Every part holds a constant r6 (no widening happens within the rounds the
// loop takes), so each edge keeps or drops whole parts.
struct LoopProblem {
    std::vector<std::vector<const TestEdge*>> preds = std::vector<std::vector<const TestEdge*>>(6);
    std::vector<std::int64_t> none;
    LoopProblem() {
        for (const TestEdge& e : edges()) {
            preds[e.to].push_back(&e);
        }
    }
    [[nodiscard]] const std::vector<const TestEdge*>& predecessors(std::uint32_t v) const { return preds[v]; }
    [[nodiscard]] const std::vector<std::int64_t>& thresholds() const { return none; }
    [[nodiscard]] PartitionedState post(std::uint32_t v, const PartitionedState& pre) const {
        return add_effect(v, pre, PartitionedState::bottom());
    }
    [[nodiscard]] PartitionedState edge(const TestEdge& e, const PartitionedState& post) const {
        PartitionedState out = PartitionedState::bottom();
        for (const MachineState& part : post.parts()) {
            const bool stays = r6_of(part) < kBound;
            if (e.from != 1 || (e.to == 5) != stays) {
                out.add(part, kNoId);
            }
        }
        return out;
    }
    static PartitionedState add_effect(std::uint32_t v, const PartitionedState& pre, PartitionedState result) {
        for (const MachineState& part : pre.parts()) {
            const std::uint64_t step = v == 2 ? 1 : v == 3 ? 2 : 0;
            result.add(with_r6(r6_of(part) + step), v);
        }
        return result;
    }
};

// The same problem with post_into: the engine walks changes in later rounds.
struct IncrementalLoopProblem : LoopProblem {
    [[nodiscard]] PartitionedState post_into(std::uint32_t v, const PartitionedState& pre,
                                             PartitionedState result) const {
        return add_effect(v, pre, std::move(result));
    }
};

bpfcheck::cfg::Wto loop_wto() {
    std::vector<std::vector<std::uint32_t>> successors(6);
    for (const TestEdge& e : edges()) {
        successors[e.from].push_back(e.to);
    }
    return bpfcheck::cfg::Wto::build(successors, 0);
}

std::set<std::uint64_t> counters(const PartitionedState& state) {
    std::set<std::uint64_t> values;
    for (const MachineState& part : state.parts()) {
        values.insert(r6_of(part));
    }
    return values;
}

template <typename Problem>
void require_post_fixpoint(const Problem& problem, const FixpointEngine<PartitionedState, Problem>& engine) {
    for (std::uint32_t v = 0; v < 6; ++v) {
        const std::optional<PartitionedState>& pre = engine.pre(v);
        const std::optional<PartitionedState>& post = engine.post(v);
        REQUIRE(pre);
        REQUIRE(post);
        CHECK(problem.post(v, *pre).leq(*post));
        for (const TestEdge* e : problem.predecessors(v)) {
            if (const auto& from = engine.post(e->from)) {
                CHECK(problem.edge(*e, *from).leq(*pre));
            }
        }
    }
}

}  // namespace

TEST_CASE("a loop's rounds that walk only changes reach the state that walking every part reaches",
          "[analyzer][fixpoint]") {
    static_assert(bpfcheck::analyzer::IncrementalProblem<PartitionedState, IncrementalLoopProblem>);
    static_assert(!bpfcheck::analyzer::IncrementalProblem<PartitionedState, LoopProblem>);
    const bpfcheck::cfg::Wto wto = loop_wto();

    LoopProblem whole;
    FixpointEngine<PartitionedState, LoopProblem> every_part(whole, wto, 6, FixpointLimits{});
    REQUIRE(every_part.run(0, PartitionedState::of(with_r6(0))) == FixpointStatus::Converged);

    IncrementalLoopProblem changes;
    FixpointEngine<PartitionedState, IncrementalLoopProblem> changed_parts(changes, wto, 6, FixpointLimits{});
    REQUIRE(changed_parts.run(0, PartitionedState::of(with_r6(0))) == FixpointStatus::Converged);

    // The head holds every counter the loop reaches, one part each: 0 .. kBound + 1.
    std::set<std::uint64_t> expected;
    for (std::uint64_t n = 0; n <= kBound + 1; ++n) {
        expected.insert(n);
    }
    CHECK(counters(*every_part.pre(1)) == expected);
    CHECK(counters(*changed_parts.pre(1)) == expected);
    CHECK(counters(*changed_parts.pre(5)) == counters(*every_part.pre(5)));
    CHECK(counters(*changed_parts.pre(5)) == std::set<std::uint64_t>{kBound, kBound + 1});

    require_post_fixpoint(whole, every_part);
    require_post_fixpoint(changes, changed_parts);
    CHECK(changed_parts.visits() < every_part.visits());
}
