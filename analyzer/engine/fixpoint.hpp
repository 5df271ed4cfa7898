// A generic fixpoint engine over a weak topological order (Bourdoncle 1993,
// the recursive iteration strategy), in the style of IKOS and SPARTA:
// vertices are visited in WTO order; each component is iterated until its
// head stabilises, joining for the first `widening_delay` rounds and widening
// afterwards; then a bounded number of narrowing rounds recovers precision
// lost by widening. Iterative (an explicit stack of components), so deeply
// nested loops cannot overflow the native stack.
//
// `Graph` provides: `predecessors(v)` -> range of edge handles, each with
// `.from`; `Transfer` provides `post(v, pre) -> State` (the block's effect)
// and `edge(edge, post_of_from) -> State` (the branch condition assumed).
#pragma once

#include "analyzer/engine/resource_usage.hpp"
#include "cfg/wto.hpp"
#include "domains/lattice.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace bpfcheck::analyzer {

struct FixpointLimits {
    std::uint32_t widening_delay = 2;
    std::uint32_t narrowing_rounds = 2;
    std::uint32_t threshold_rounds = 3;
    std::uint64_t max_vertex_visits = 5'000'000;
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
    std::uint64_t max_resident_bytes = 0;  // 0: no memory budget
};

enum class FixpointStatus : std::uint8_t { Converged, VisitBudgetExhausted, TimedOut, MemoryExhausted };

template <domains::FixpointState State, typename Problem>
class FixpointEngine {
public:
    FixpointEngine(Problem& problem, const cfg::Wto& wto, std::size_t vertex_count, FixpointLimits limits)
        : m_problem(problem), m_wto(wto), m_limits(limits), m_pre(vertex_count), m_post(vertex_count) {}

    FixpointStatus run(std::uint32_t entry, const State& entry_state) {
        m_entry = entry;
        m_entry_state = entry_state;
        const auto& elements = m_wto.elements();
        struct Component {
            std::uint32_t head_position;
            std::uint32_t end;
            std::uint32_t iteration;
            bool narrowing;
        };
        std::vector<Component> stack;
        std::uint32_t position = 0;
        while (true) {
            if (!stack.empty() && position == stack.back().end) {
                Component& component = stack.back();
                const std::uint32_t head = elements[component.head_position].vertex;
                State incoming = join_incoming(head);
                State& current = *m_pre[head];
                if (!component.narrowing) {
                    // Stable when joining changes nothing: compare the join (which
                    // renames identities the way the head's join does), not the
                    // raw incoming state, whose identities may differ in name only.
                    State joined_in = current;
                    joined_in.join_with(incoming, head);
                    if (joined_in.leq(current)) {
                        component.narrowing = true;
                        component.iteration = 0;
                    } else {
                        ++component.iteration;
                        if (component.iteration > m_limits.widening_delay) {
                            // Thresholds for a few rounds, then straight to the extremes,
                            // so a long threshold list cannot make a loop crawl.
                            const bool use_thresholds =
                                component.iteration <= m_limits.widening_delay + m_limits.threshold_rounds;
                            current.widen_with(
                                joined_in, use_thresholds ? m_problem.thresholds() : std::span<const std::int64_t>{},
                                head);
                        } else {
                            current = std::move(joined_in);  // the join computed for the stability test
                        }
                        if (auto status = visit(head); status != FixpointStatus::Converged) {
                            return status;
                        }
                        position = component.head_position + 1;
                        continue;
                    }
                }
                // Narrowing: refine the head with what flows in, a bounded number of times.
                State narrowed = current;
                narrowed.narrow_with(incoming);
                if (narrowed == current || component.iteration >= m_limits.narrowing_rounds) {
                    position = component.end;
                    stack.pop_back();
                    continue;
                }
                ++component.iteration;
                current = std::move(narrowed);
                if (auto status = visit(head); status != FixpointStatus::Converged) {
                    return status;
                }
                position = component.head_position + 1;
                continue;
            }
            if (position >= elements.size()) {
                break;
            }
            const cfg::WtoElement& element = elements[position];
            m_pre[element.vertex] = join_incoming(element.vertex);
            if (auto status = visit(element.vertex); status != FixpointStatus::Converged) {
                return status;
            }
            if (element.is_head) {
                stack.push_back(Component{position, element.component_end, 0, false});
            }
            ++position;
        }
        return FixpointStatus::Converged;
    }

    // The converged state at the entry of `vertex` (nullopt: unreachable).
    [[nodiscard]] const std::optional<State>& pre(std::uint32_t vertex) const { return m_pre[vertex]; }
    [[nodiscard]] const std::optional<State>& post(std::uint32_t vertex) const { return m_post[vertex]; }
    [[nodiscard]] std::uint64_t visits() const { return m_visits; }
    // Moves the converged entry states out (the engine is done with them).
    std::vector<std::optional<State>> take_pre() { return std::move(m_pre); }

private:
    State join_incoming(std::uint32_t vertex) {
        State result = State::bottom();
        if (vertex == m_entry) {
            result = m_entry_state;
        }
        for (const auto& edge : m_problem.predecessors(vertex)) {
            const auto& from = m_post[edge->from];
            if (!from || from->is_bottom()) {
                continue;
            }
            State along = m_problem.edge(*edge, *from);
            result.join_with(along, vertex);
        }
        return result;
    }

    FixpointStatus visit(std::uint32_t vertex) {
        if (++m_visits > m_limits.max_vertex_visits) {
            return FixpointStatus::VisitBudgetExhausted;
        }
        if ((m_visits & 0xff) == 0 && std::chrono::steady_clock::now() > m_limits.deadline) {
            return FixpointStatus::TimedOut;
        }
        if (m_limits.max_resident_bytes != 0 && (m_visits & 0xfff) == 0 &&
            resident_bytes() > m_limits.max_resident_bytes) {
            return FixpointStatus::MemoryExhausted;
        }
        const State& pre = *m_pre[vertex];
        m_post[vertex] = pre.is_bottom() ? pre : m_problem.post(vertex, pre);
        return FixpointStatus::Converged;
    }

    Problem& m_problem;
    const cfg::Wto& m_wto;
    FixpointLimits m_limits;
    std::uint32_t m_entry = 0;
    State m_entry_state = State::bottom();
    std::vector<std::optional<State>> m_pre;
    std::vector<std::optional<State>> m_post;
    std::uint64_t m_visits = 0;
};

}  // namespace bpfcheck::analyzer
