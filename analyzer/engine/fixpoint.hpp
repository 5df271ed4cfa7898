// A generic fixpoint engine over a weak topological order (Bourdoncle 1993,
// the recursive iteration strategy), in the style of IKOS and SPARTA:
// vertices are visited in WTO order; each component is iterated until its
// head stabilises, joining for the first `widening_delay` rounds and widening
// afterwards; then a bounded number of narrowing rounds recovers precision
// lost by widening. A widening's thresholds are the problem's constants and,
// where the problem reads them from the state entering the head
// (state_thresholds), the bounds of the loop's invariant test operands.
// Iterative (an explicit stack of components), so deeply nested loops cannot
// overflow the native stack.
//
// A state may keep the iterations of a loop apart (PartitionedState keeps
// states whose counters hold different constants in parts of their own, as
// the kernel walks each iteration); then joining and widening alone need not
// converge in a bounded number of rounds, and in a nest every outer iteration
// restarts the inner walk (rounds multiply with depth). So each head has a
// budget of rounds per stabilisation (`walk_rounds`) and over the whole
// analysis (`head_rounds`), shorter where the problem's `walk_rounds(head)`
// says the loop cannot be walked to its end anyway (termination/loop_walk.hpp):
// past either, a state
// that can `settle_with` widens what flows in into the parts it already has,
// adding none, so the head converges within a few more rounds whatever the
// loop does, and a re-entered inner loop whose parts already cover the new
// entry state is stable after one pass.
//
// While a loop that can be walked to its end is walked (its counter reaches
// an exit within the problem's walk_length(head) rounds, loop_walk.hpp), the
// parts of one iteration are joined, not widened (IterationWalkingState):
// a value summed over the iterations keeps the bound the walk gives it, as
// in the kernel's walk; the walk length bounds those rounds, and widening
// takes over after them.
//
// A loop with no loop inside walks, after its first round, only what
// changed (walk_changes, semi-naive iteration): when the state and problem
// allow it (IncrementalProblem), each block keeps its states of the rounds
// before and runs only on the parts its entry state gained or changed. A
// walked loop's head gains a part or two per round; walking every part
// every round made its cost grow with the square of its iterations.
//
// Once a loop whose head was widened is stable, the problem may bound the
// loop's induction variables at the head from its proven trip count
// (bound_inductions, termination/induction_bounds.hpp); the loop is then
// walked again from the head, its inner loops from what enters them (their
// back edges' states from before the bounds are dropped), and narrowed.
//
// `Graph` provides: `predecessors(v)` -> range of edge handles, each with
// `.from`; `Transfer` provides `post(v, pre) -> State` (the block's effect)
// and `edge(edge, post_of_from) -> State` (the branch condition assumed).
#pragma once

#include "analyzer/engine/resource_usage.hpp"
#include "cfg/wto.hpp"
#include "domains/lattice.hpp"

#include <algorithm>
#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace bpfcheck::analyzer {

struct FixpointLimits {
    std::uint32_t widening_delay = 2;
    std::uint32_t narrowing_rounds = 2;
    std::uint32_t threshold_rounds = 3;
    // Rounds a loop head may take in one stabilisation before it settles
    // (see above): a walk of kMaxPartitions iterations, then the widening
    // rounds; and in all its stabilisations (an inner loop is stabilised
    // again in every round of the loops around it).
    std::uint32_t walk_rounds = 40;
    std::uint32_t head_rounds = 128;
    std::uint64_t max_vertex_visits = 5'000'000;
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
    std::uint64_t max_resident_bytes = 0;  // 0: no memory budget
};

// A state that can stop growing its partitions: widens each part of `other`
// into one of its own parts (never adds a part).
template <typename S>
concept SettlingState = requires(S a, const S& b, std::span<const std::int64_t> thresholds, std::uint32_t site) {
    a.settle_with(b, thresholds, site);
};

// A state that can widen all but the parts of one loop iteration, which it
// joins (while the fixpoint still walks the loop's iterations).
template <typename S>
concept IterationWalkingState = requires(S a, const S& b, std::span<const std::int64_t> thresholds,
                                         std::uint32_t site) {
    a.widen_except_iterations(b, thresholds, site);
};

// A state whose parts can be told apart from those of an earlier version,
// and a problem that can add a block's effect on some parts to an earlier
// post: then a loop's later rounds walk only what changed (see
// walk_changes).
template <typename S, typename P>
concept IncrementalProblem = requires(const S a, const S& b, P& problem, std::uint32_t v) {
    { a.changed_since(b) } -> std::same_as<S>;
    { problem.post_into(v, b, S::bottom()) } -> std::same_as<S>;
};

enum class FixpointStatus : std::uint8_t { Converged, VisitBudgetExhausted, TimedOut, MemoryExhausted };

template <domains::FixpointState State, typename Problem>
class FixpointEngine {
public:
    FixpointEngine(Problem& problem, const cfg::Wto& wto, std::size_t vertex_count, FixpointLimits limits)
        : m_problem(problem),
          m_wto(wto),
          m_limits(limits),
          m_pre(vertex_count),
          m_post(vertex_count),
          m_rounds(vertex_count, 0) {}

    // Posts are read only by the joins of their successors: with this, the
    // post of a vertex is dropped as soon as the walk has left every
    // component its successors are in for good (in a large acyclic program,
    // right after its successors' joins), except for the vertices in
    // `keep`, whose posts the caller reads after run().
    void drop_used_posts(std::span<const std::uint32_t> keep) {
        m_drop_posts = true;
        m_keep_posts.assign(keep.begin(), keep.end());
    }

    // The entry state of a vertex outside every component is read only by
    // its own visit (it is visited once, with its final state): with this,
    // it is dropped right after, and pre() of such a vertex is nullopt once
    // run() is done. For a caller that has done all it needs with those
    // states in the walk itself (the checking pass run in the fixpoint's
    // walk): a large loop-free program then holds the walk's frontier, not
    // every block's state (hundreds of MiB for an unrolled 12k-instruction
    // program, most of its time spent zeroing the pages). `keep[v]`: a
    // vertex whose entry state is kept all the same (read, not copied: it
    // outlives the engine).
    void drop_visited_pres(const std::vector<bool>& keep) { m_keep_pres = &keep; }

    FixpointStatus run(std::uint32_t entry, const State& entry_state) {
        m_entry = entry;
        m_entry_state = entry_state;
        const auto& elements = m_wto.elements();
        if (m_drop_posts) {
            plan_post_drops();
        }
        std::size_t dropped_until = 0;  // m_drop_at buckets [0, dropped_until) are done
        struct Component {
            std::uint32_t head_position;
            std::uint32_t end;
            std::uint32_t iteration;
            bool narrowing;
            bool widened = false;  // a round widened or settled the head
            bool bounded = false;  // walked again with its induction variables bounded
        };
        std::uint32_t bounded_depth = 0;  // components on the stack that are `bounded`
        if constexpr (IncrementalProblem<State, Problem>) {
            plan_incremental_walks();
        }
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
                        if (component.widened && bound_inductions(component.head_position, component.end)) {
                            // Walk the loop again from the head, its induction
                            // variables bounded (the narrowing rounds follow);
                            // its inner loops start again from what enters them.
                            if (!component.bounded) {
                                component.bounded = true;
                                ++bounded_depth;
                            }
                            if (auto status = visit(head); status != FixpointStatus::Converged) {
                                return status;
                            }
                            position = component.head_position + 1;
                            continue;
                        }
                    } else {
                        // The head as it was (its parts shared, so those written below are copied).
                        std::optional<State> before;
                        if (incremental(component.head_position)) {
                            before = current;
                        }
                        ++component.iteration;
                        const std::uint32_t total = ++m_rounds[head];
                        const auto [walk, head_budget] = walk_budget(head);
                        if (settles(component.iteration, total, walk, head_budget)) {
                            // Past the head's budget: thresholds for a few rounds, then the
                            // loop's own constants (loop_thresholds), then the extremes.
                            const bool use_thresholds = component.iteration <= walk + m_limits.threshold_rounds &&
                                                        total <= head_budget + m_limits.threshold_rounds;
                            if constexpr (SettlingState<State>) {
                                current.settle_with(
                                    joined_in, use_thresholds ? m_problem.thresholds() : loop_thresholds(head), head);
                            }
                            component.widened = true;
                        } else if (component.iteration > m_limits.widening_delay) {
                            // Thresholds for a few rounds, then only the loop's own constants
                            // (few) before the extremes, so a long threshold list cannot make
                            // a loop crawl.
                            const bool use_thresholds =
                                component.iteration <= m_limits.widening_delay + m_limits.threshold_rounds;
                            std::vector<std::int64_t> merged;
                            const std::span<const std::int64_t> thresholds = with_state_thresholds(
                                head, use_thresholds ? m_problem.thresholds() : loop_thresholds(head), joined_in,
                                merged);
                            if (walks_iterations(head, component.iteration)) {
                                if constexpr (IterationWalkingState<State>) {
                                    current.widen_except_iterations(joined_in, thresholds, head);
                                }
                            } else {
                                current.widen_with(joined_in, thresholds, head);
                            }
                            component.widened = true;
                        } else {
                            current = std::move(joined_in);  // the join computed for the stability test
                        }
                        if constexpr (IncrementalProblem<State, Problem>) {
                            if (before) {
                                if (auto status = walk_changes(component.head_position, component.end, *before);
                                    status != FixpointStatus::Converged) {
                                    return status;
                                }
                                continue;  // back at the component's end: the stability test again
                            }
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
                    bounded_depth -= component.bounded ? 1 : 0;
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
            if (stack.empty()) {
                // Outside every component: nothing before `position` is walked again.
                for (; dropped_until < m_drop_at.size() && dropped_until <= position; ++dropped_until) {
                    for (const std::uint32_t vertex : m_drop_at[dropped_until]) {
                        m_post[vertex].reset();
                    }
                }
            }
            if (position >= elements.size()) {
                break;
            }
            const cfg::WtoElement& element = elements[position];
            if (element.is_head && bounded_depth > 0) {
                // An inner loop of a loop walked with bounds: what its last
                // walk sent back to its head was computed without them.
                for (std::uint32_t inner = position; inner < element.component_end; ++inner) {
                    m_post[elements[inner].vertex].reset();
                }
            }
            m_pre[element.vertex] = join_incoming(element.vertex);
            if (auto status = visit(element.vertex); status != FixpointStatus::Converged) {
                return status;
            }
            if (element.is_head) {
                if constexpr (requires { m_problem.entering_loop(element.vertex); }) {
                    m_problem.entering_loop(element.vertex);
                }
                stack.push_back(Component{position, element.component_end, 0, false});
            } else if (m_keep_pres != nullptr && stack.empty() && !(*m_keep_pres)[element.vertex]) {
                m_pre[element.vertex].reset();
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
    [[nodiscard]] bool settles(std::uint32_t rounds, std::uint32_t total, std::uint32_t walk,
                               std::uint32_t head_budget) const {
        if constexpr (SettlingState<State>) {
            return rounds > walk || total > head_budget;
        } else {
            return false;
        }
    }

    // Once a loop whose head was widened is stable: lets the problem bound
    // the loop's induction variables at the head from the converged states
    // of its blocks and the join of the states entering it
    // (termination/induction_bounds.hpp); true when it did, and the loop is
    // to be walked again.
    bool bound_inductions(std::uint32_t head_position, std::uint32_t end) {
        using States = std::function<const State*(std::uint32_t)>;
        if constexpr (requires(const State& s, const States& states) {
                          { m_problem.bound_inductions(head_position, s, states) } -> std::same_as<bool>;
                      }) {
            const auto& elements = m_wto.elements();
            const std::uint32_t head = elements[head_position].vertex;
            State entering = State::bottom();
            if (head == m_entry) {
                entering = m_entry_state;
            }
            for (const auto& edge : m_problem.predecessors(head)) {
                const std::uint32_t from = m_wto.position(edge->from);
                const auto& post = m_post[edge->from];
                if ((from >= head_position && from < end) || !post || post->is_bottom()) {
                    continue;
                }
                entering.join_with(m_problem.edge(*edge, *post), head);
            }
            return m_problem.bound_inductions(head, entering, States([this](std::uint32_t v) -> const State* {
                                                  return m_pre[v] ? &*m_pre[v] : nullptr;
                                              }));
        } else {
            (void)head_position;
            (void)end;
            return false;
        }
    }

    // Whether the head's loop is still walked iteration by iteration in
    // this round of its stabilisation: its counter reaches an exit within
    // the problem's walk_length(head) rounds (loop_walk.hpp), and the rounds
    // that join before widening and those that walk have not all gone by.
    // Parts of one iteration are then joined, not widened; past it, or for
    // any other loop, every part widens as before (and the head converges).
    [[nodiscard]] bool walks_iterations(std::uint32_t head, std::uint32_t rounds) const {
        if constexpr (IterationWalkingState<State> && requires { m_problem.walk_length(head); }) {
            const std::uint32_t length = m_problem.walk_length(head);
            return length != 0 && rounds <= m_limits.widening_delay + length;
        } else {
            return false;
        }
    }

    // The head's walk rounds and rounds over all its stabilisations: the
    // limits, or the problem's shorter walk for a loop that cannot be walked
    // to its end (its head budget shrinks in proportion).
    [[nodiscard]] std::pair<std::uint32_t, std::uint32_t> walk_budget(std::uint32_t head) const {
        if constexpr (requires { m_problem.walk_rounds(head); }) {
            if (const std::optional<std::uint32_t> walk = m_problem.walk_rounds(head);
                walk && *walk < m_limits.walk_rounds) {
                return {*walk, m_limits.head_rounds * *walk / m_limits.walk_rounds};
            }
        }
        return {m_limits.walk_rounds, m_limits.head_rounds};
    }

    // m_drop_at[p]: the vertices whose posts no join reads once the walk is
    // at top-level position p: the end of the outermost component (or the
    // position after the vertex) holding the last of their successors.
    void plan_post_drops() {
        const auto& elements = m_wto.elements();
        std::vector<std::uint32_t> top_end(elements.size(), 0);
        for (std::uint32_t i = 0; i < elements.size();) {
            const std::uint32_t end = std::max(elements[i].component_end, i + 1);
            for (std::uint32_t j = i; j < end; ++j) {
                top_end[j] = end;
            }
            i = end;
        }
        std::vector<std::uint32_t> last_use(m_post.size(), 0);
        for (std::uint32_t j = 0; j < elements.size(); ++j) {
            for (const auto& edge : m_problem.predecessors(elements[j].vertex)) {
                std::uint32_t& last = last_use[edge->from];
                last = std::max(last, top_end[j]);
            }
        }
        for (const std::uint32_t vertex : m_keep_posts) {
            last_use[vertex] = 0;
        }
        m_drop_at.assign(elements.size() + 1, {});
        for (std::uint32_t v = 0; v < last_use.size(); ++v) {
            if (last_use[v] != 0) {
                m_drop_at[last_use[v]].push_back(v);
            }
        }
    }

    // `thresholds` and the ones the problem reads from the state entering
    // `head` (the bounds of the loop's invariant test operands), sorted in
    // `merged` when there are any; else `thresholds` themselves.
    [[nodiscard]] std::span<const std::int64_t> with_state_thresholds(std::uint32_t head,
                                                                      std::span<const std::int64_t> thresholds,
                                                                      const State& joined,
                                                                      std::vector<std::int64_t>& merged) const {
        if constexpr (requires { m_problem.state_thresholds(head, joined); }) {
            std::vector<std::int64_t> more = m_problem.state_thresholds(head, joined);
            if (!more.empty()) {
                merged.assign(thresholds.begin(), thresholds.end());
                merged.insert(merged.end(), more.begin(), more.end());
                std::sort(merged.begin(), merged.end());
                merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
                return merged;
            }
        }
        return thresholds;
    }

    // Past the rounds with every threshold, the constants the loop's own
    // tests compare with (where the problem has them): few, so a bound that
    // still grows stops at the loop's exit value (a counter leaving by
    // `i != 64` is [0, 63], not unbounded) within a bounded number of rounds
    // more, and only then goes to the extremes.
    [[nodiscard]] std::span<const std::int64_t> loop_thresholds(std::uint32_t head) const {
        if constexpr (requires { m_problem.loop_thresholds(head); }) {
            return m_problem.loop_thresholds(head);
        } else {
            return {};
        }
    }

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
            result.join_with(m_problem.edge(*edge, *from), vertex);  // moved in where the state can take it
        }
        return result;
    }

    // Whether the component headed at `head_position` walks only changes in
    // its later rounds: a component with no loop inside (an inner loop is
    // stabilised from scratch in every round around it).
    [[nodiscard]] bool incremental(std::uint32_t head_position) const {
        return !m_incremental.empty() && m_incremental[head_position];
    }

    void plan_incremental_walks() {
        const auto& elements = m_wto.elements();
        m_incremental.assign(elements.size(), false);
        for (std::uint32_t i = 0; i < elements.size(); ++i) {
            m_incremental[i] = elements[i].is_head && !m_wto.holds_loop(i);
        }
    }

    // A later round of a component with no loop inside, walking only what
    // changed (semi-naive iteration): every block keeps the entry and end
    // states of the rounds before, and takes in only the parts its
    // predecessors in the component changed or added this round; its block
    // runs on the parts that this changes or adds, and their results join
    // its end state. Parts that did not change made, in an earlier round,
    // the results they would make again. The head's new state is compared
    // with `before` for the parts to start from; what flows back to the
    // head is then joined by the stability test as in any round.
    FixpointStatus walk_changes(std::uint32_t head_position, std::uint32_t end, const State& before) {
        const auto& elements = m_wto.elements();
        m_changed.resize(m_pre.size());
        const auto in_component = [&](std::uint32_t vertex) {
            const std::uint32_t position = m_wto.position(vertex);  // kNone outside the WTO
            return position >= head_position && position < end;
        };
        const std::uint32_t head = elements[head_position].vertex;
        FixpointStatus status = advance(head, m_pre[head]->changed_since(before));
        for (std::uint32_t position = head_position + 1; position < end && status == FixpointStatus::Converged;
             ++position) {
            const std::uint32_t vertex = elements[position].vertex;
            State incoming = State::bottom();
            for (const auto& edge : m_problem.predecessors(vertex)) {
                const auto& changed = m_changed[edge->from];
                if (changed && !changed->is_bottom() && in_component(edge->from)) {
                    incoming.join_with(m_problem.edge(*edge, *changed), vertex);
                }
            }
            if (incoming.is_bottom()) {
                continue;
            }
            std::optional<State>& pre = m_pre[vertex];
            State grown = pre ? *pre : State::bottom();
            grown.join_with(std::move(incoming), vertex);
            State changed = pre ? grown.changed_since(*pre) : grown;
            pre = std::move(grown);
            status = advance(vertex, changed);
        }
        for (std::uint32_t position = head_position; position < end; ++position) {
            m_changed[elements[position].vertex].reset();
        }
        return status;
    }

    // The block's effect on `changed` parts of its entry state, joined into
    // its end state; m_changed[vertex]: the end state's parts this changed or added.
    FixpointStatus advance(std::uint32_t vertex, const State& changed) {
        if (changed.is_bottom()) {
            return FixpointStatus::Converged;
        }
        if (const FixpointStatus status = count_visit(); status != FixpointStatus::Converged) {
            return status;
        }
        std::optional<State>& post = m_post[vertex];
        State grown = m_problem.post_into(vertex, changed, post ? *post : State::bottom());
        m_changed[vertex] = post ? grown.changed_since(*post) : grown;
        post = std::move(grown);
        return FixpointStatus::Converged;
    }

    FixpointStatus count_visit() {
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
        return FixpointStatus::Converged;
    }

    FixpointStatus visit(std::uint32_t vertex) {
        if (const FixpointStatus status = count_visit(); status != FixpointStatus::Converged) {
            return status;
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
    std::vector<std::uint32_t> m_rounds;  // per head: rounds taken over all its stabilisations
    std::uint64_t m_visits = 0;
    bool m_drop_posts = false;
    const std::vector<bool>* m_keep_pres = nullptr;  // see drop_visited_pres (null: every entry state is kept)
    std::vector<std::uint32_t> m_keep_posts;
    std::vector<std::vector<std::uint32_t>> m_drop_at;  // see plan_post_drops
    std::vector<bool> m_incremental;                    // per WTO position of a head: see incremental()
    std::vector<std::optional<State>> m_changed;        // per vertex, in walk_changes: see advance()
};

}  // namespace bpfcheck::analyzer
