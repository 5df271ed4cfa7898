// The caller's state across repeated invocations of a callback (bpf_loop,
// bpf_for_each_map_elem, timers, ...), solved by the same FixpointEngine as
// every loop: a two-vertex graph, 0 (the call) -> 1 (before an invocation)
// -> 1, where vertex 1's effect is one invocation of the callback. The head
// joins for the engine's widening delay, then widens with its thresholds, so
// the iteration converges by construction; a budget hit is reported as such,
// never continued from a state not shown stable.
#pragma once

#include "analyzer/engine/fixpoint.hpp"
#include "domains/machine_state.hpp"

#include <array>
#include <functional>
#include <span>
#include <vector>

namespace bpfcheck::analyzer {

class CallbackFixpoint {
public:
    // `invoke(before)`: the caller's state after one more invocation from
    // `before` (the callee frame popped again); bottom when it never returns.
    using Invoke = std::function<domains::MachineState(const domains::MachineState& before)>;

    CallbackFixpoint(Invoke invoke, std::span<const std::int64_t> thresholds)
        : m_invoke(std::move(invoke)), m_thresholds(thresholds) {}

    // The state before every invocation (the call's own state included: a
    // callback may run zero times), in `before_each`.
    FixpointStatus run(const domains::MachineState& at_call, FixpointLimits limits) {
        static const std::array<std::vector<std::uint32_t>, 2> kSuccessors{std::vector<std::uint32_t>{1},
                                                                           std::vector<std::uint32_t>{1}};
        const cfg::Wto wto = cfg::Wto::build(kSuccessors, 0);
        FixpointEngine<domains::MachineState, CallbackFixpoint> engine(*this, wto, 2, limits);
        const FixpointStatus status = engine.run(0, at_call);
        m_visits = engine.visits();
        if (status == FixpointStatus::Converged && engine.pre(1)) {
            before_each = *engine.pre(1);
        }
        return status;
    }

    domains::MachineState before_each = domains::MachineState::bottom();
    [[nodiscard]] std::uint64_t visits() const { return m_visits; }

    // FixpointEngine's problem interface.
    struct Edge {
        std::uint32_t from;
    };
    [[nodiscard]] std::span<const Edge* const> predecessors(std::uint32_t vertex) const {
        return vertex == 1 ? std::span<const Edge* const>(m_into_head) : std::span<const Edge* const>{};
    }
    domains::MachineState post(std::uint32_t vertex, const domains::MachineState& pre) const {
        return vertex == 0 ? pre : m_invoke(pre);
    }
    domains::MachineState edge(const Edge& /*edge*/, const domains::MachineState& post) const { return post; }
    [[nodiscard]] std::span<const std::int64_t> thresholds() const { return m_thresholds; }

private:
    Invoke m_invoke;
    std::span<const std::int64_t> m_thresholds;
    // Vertex 1's predecessors: the call (0) and itself.
    std::array<Edge, 2> m_edges{Edge{0}, Edge{1}};
    std::array<const Edge*, 2> m_into_head{&m_edges[0], &m_edges[1]};
    std::uint64_t m_visits = 0;
};

}  // namespace bpfcheck::analyzer
