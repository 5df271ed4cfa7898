// The analysis driver. Each function is solved by the WTO fixpoint engine
// with the executor as its transfer function; a call analyses the callee's
// function from the caller's state (results of identical call states are
// cached). After convergence, the checking pass walks every reachable block
// once more, the same walk: at each instruction the checker decides its
// obligations against the const pre-state, then the transfer applies it (for
// the blocks outside loops, in the fixpoint's own walk; inside walked loops
// too, where that provably finds the same, engine/deferred_checks.hpp).
#include "analyzer/analyzer.hpp"

#include "analyzer/checks/checker.hpp"
#include "analyzer/checks/memory/map_special_fields.hpp"
#include "analyzer/checks/program/attach_target_rules.hpp"
#include "analyzer/checks/program/call_stack_depth.hpp"
#include "analyzer/checks/program/exception_callback.hpp"
#include "analyzer/checks/program/fastcall_patterns.hpp"
#include "analyzer/checks/program/feature_availability.hpp"
#include "analyzer/checks/program/func_info_requirements.hpp"
#include "analyzer/checks/program/kernel_symbol_addresses.hpp"
#include "analyzer/checks/program/map_creation.hpp"
#include "analyzer/checks/program/throw_in_callback.hpp"
#include "analyzer/engine/block_facts.hpp"
#include "analyzer/engine/deferred_checks.hpp"
#include "analyzer/engine/edge_transfer.hpp"
#include "analyzer/engine/fixpoint.hpp"
#include "analyzer/engine/register_liveness.hpp"
#include "analyzer/engine/transfer_memo.hpp"
#include "analyzer/program_setup.hpp"
#include "analyzer/termination/induction_bounds.hpp"
#include "analyzer/termination/loop_walk.hpp"
#include "analyzer/termination/termination.hpp"
#include "analyzer/termination/termination_operands.hpp"
#include "analyzer/transfer/executor.hpp"
#include "domains/block_pool.hpp"
#include "domains/partitioned_state.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <limits>
#include <map>
#include <memory>
#include <optional>

namespace bpfcheck::analyzer {

using domains::MachineState;

std::string_view verdict_name(Verdict verdict) {
    switch (verdict) {
        case Verdict::Pass:
            return "pass";
        case Verdict::Fail:
            return "fail";
        case Verdict::Error:
            return "error";
    }
    return "error";
}

std::string_view severity_name(Severity severity) {
    switch (severity) {
        case Severity::Error:
            return "error";
        case Severity::Warning:
            return "warning";
        case Severity::Note:
            return "note";
    }
    return "error";
}

namespace {

// Sets `slot` to `value` for a scope, and back to what it held after.
template <typename T>
class ScopedValue {
public:
    ScopedValue(T& slot, T value) : m_slot(slot), m_saved(slot) { slot = value; }
    ScopedValue(const ScopedValue&) = delete;
    ScopedValue& operator=(const ScopedValue&) = delete;
    ~ScopedValue() { m_slot = m_saved; }

private:
    T& m_slot;
    T m_saved;
};

class ProgramAnalyzer {
    enum class Walk { Fixpoint, Check, CheckMainFrame };

public:
    ProgramAnalyzer(const AnalysisContext& context, bool want_invariants, const AnalyzeRequest* request = nullptr)
        : m_context(context),
          m_executor(
              context, [this](std::uint32_t f, const MachineState& s) { return call(f, s); },
              [this](std::string reason) { abort(std::move(reason)); }),
          m_checker(context, m_executor, [this](std::uint32_t f, const MachineState& s) { return check_callee(f, s); }),
          m_want_invariants(want_invariants),
          m_on_state(request != nullptr && request->on_state ? &request->on_state : nullptr),
          m_memo(context.cfg.block_count() + context.cfg.edges().size()),
          m_blocks(BlockFacts::of(context.cfg, context.program.insns, map_sizes_by_insn(context))) {
        m_executor.collect_thresholds();
        const auto& cfg = context.cfg;
        m_cache.resize(cfg.functions().size());
        m_solved.resize(cfg.functions().size());
        m_replayed.resize(cfg.functions().size());
        m_stack_depths.resize(cfg.functions().size(), 0);
    }

    // With `check`, also runs the checking pass over the function's
    // converged states, into `sink` (set_sink). The fixpoint visits each
    // block outside the function's loops once, with its final state: the
    // checking pass runs there in that same walk, and a pass of its own
    // walks only the blocks inside loops afterwards (all of them when the
    // solution was remembered from an earlier call). Diagnostics are sorted
    // by instruction in the end; the reporter keeps the first of one check
    // at one instruction, so a callee's fault reached from a call inside a
    // loop and from one after it is told with the later call's state.
    std::vector<MachineState> analyze_function(std::uint32_t function, const MachineState& entry, bool check) {
        if (m_aborted) {
            return {};
        }
        if (std::chrono::steady_clock::now() > m_context.deadline) {
            abort(fmt::format("analysis timed out after {} s", m_context.options.timeout_seconds));
            return {};
        }
        const cfg::FunctionInfo& info = m_context.cfg.functions()[function];
        const Walk walk = entry.frame_count() == 1 ? Walk::CheckMainFrame : Walk::Check;
        // A callee's walks record nothing for its caller's loops.
        const ScopedValue<termination::OperandRecorder*> callers_operands(m_operands, nullptr);
        bool checked = false;
        const std::shared_ptr<const Solution> solution =
            solve(function, entry, check ? std::optional<Walk>(walk) : std::nullopt, checked);
        if (!solution) {
            return {};
        }
        if (check) {
            const bool loops_checked = checked && solution->deferred && adopt_deferred(info, *solution);
            // The loop blocks' converged parts are walked once with the
            // checks (here or, adopted, in the fixpoint): their walks give
            // the termination proofs the operand ranges of the loops' additions.
            termination::OperandRecorder walked;
            const termination::OperandRecorder& recorded = loops_checked ? solution->deferred->operands() : walked;
            m_operands = loops_checked ? nullptr : &walked;
            const ScopedValue<const HeadBounds*> walked_with(m_head_bounds, &solution->bounds);
            for (const cfg::WtoElement& element : info.wto.elements()) {
                const auto& pre = solution->pre[element.vertex];
                if (checked && !m_blocks.in_component[element.vertex]) {
                    continue;  // checked in the fixpoint's walk
                }
                if (!pre) {
                    continue;
                }
                for (const MachineState& part : pre->parts()) {
                    note_stack_depth(function, part);
                }
                if (loops_checked) {
                    continue;  // checked in the fixpoint's walk too (deferred_checks.hpp)
                }
                walk_block(element.vertex, *pre, walk,
                           [](const domains::SharedPart&, std::optional<std::uint64_t>, std::uint64_t) {});
            }
            m_operands = nullptr;
            const std::optional<termination::OperandRanges> ranges =
                recorded.valid() ? std::optional(recorded.ranges()) : std::nullopt;
            check_termination(
                m_context, function,
                [&solution](cfg::BlockId block) -> const domains::PartitionedState* {
                    const auto& pre = solution->pre[block];
                    return pre ? &*pre : nullptr;
                },
                m_sink->reporter, ranges ? &*ranges : nullptr);
            for (const MachineState& part : solution->exits) {
                note_stack_depth(function, part);
            }
        }
        return solution->exits;
    }

    [[nodiscard]] bool aborted() const { return m_aborted; }
    [[nodiscard]] const std::string& abort_reason() const { return m_abort_reason; }
    [[nodiscard]] std::uint64_t visits() const { return m_visits; }
    std::map<std::uint32_t, std::string>& invariants() { return m_invariants; }
    [[nodiscard]] MachineState entry_state() const { return m_executor.entry_state(); }
    // Per function: the deepest stack byte its frames touched in the checking pass.
    [[nodiscard]] const std::vector<int>& stack_depths() const { return m_stack_depths; }
    void set_sink(CheckSink& sink) { m_sink = &sink; }
    void set_fastcall_patterns(std::vector<bool> pattern) { m_executor.set_fastcall_patterns(std::move(pattern)); }

private:
    // Per loop head: the bounds its induction variables are narrowed to as
    // its block is walked (termination/induction_bounds.hpp).
    using HeadBounds = std::map<std::uint32_t, std::vector<InductionBound>>;
    // A function's converged states from one entry state: the fixpoint does
    // not depend on the reporter, so the checking pass replays the states the
    // search found instead of solving the function again.
    struct Solution {
        std::vector<std::optional<domains::PartitionedState>> pre;  // per block
        std::vector<MachineState> exits;
        std::shared_ptr<DeferredChecks> deferred;  // the loop blocks' checks, when the fixpoint ran them
        HeadBounds bounds;                         // those the converged states were walked with
    };

    // Whether the fixpoint may run the checks of `function`'s loop blocks
    // (deferred_checks.hpp): not with the checking pass's hooks, and not
    // where a loop holds a loop (its blocks are walked through the memo).
    [[nodiscard]] bool may_defer_checks(const cfg::FunctionInfo& info) const {
        if (m_want_invariants || m_on_state != nullptr) {
            return false;
        }
        return std::none_of(info.wto.elements().begin(), info.wto.elements().end(),
                            [&](const cfg::WtoElement& e) { return m_blocks.walked_again[e.vertex]; });
    }

    // The loop blocks' checks stand for the checking pass's walk of them.
    bool adopt_deferred(const cfg::FunctionInfo& info, const Solution& solution) {
        std::vector<std::uint32_t> loop_blocks;
        for (const cfg::WtoElement& element : info.wto.elements()) {
            if (m_blocks.in_component[element.vertex]) {
                loop_blocks.push_back(element.vertex);
            }
        }
        return solution.deferred->adopt(
            loop_blocks,
            [&solution](std::uint32_t block) -> const domains::PartitionedState* {
                const auto& pre = solution.pre[block];
                return pre ? &*pre : nullptr;
            },
            *m_sink);
    }

    // `check`: a checking walk to run in the fixpoint's own walk (for the
    // blocks outside loops); `checked` tells whether it ran (not when the
    // solution was remembered).
    std::shared_ptr<const Solution> solve(std::uint32_t function, const MachineState& entry, std::optional<Walk> check,
                                          bool& checked) {
        auto& solved = m_solved[function];
        for (const auto& [state, solution] : solved) {
            if (state == entry) {
                return solution;
            }
        }
        const cfg::FunctionInfo& info = m_context.cfg.functions()[function];
        const auto deferred = check && may_defer_checks(info) ? std::make_shared<DeferredChecks>() : nullptr;
        HeadBounds bounds;
        std::map<std::uint32_t, std::uint32_t> proofs;
        const ScopedValue<const HeadBounds*> walked_with(m_head_bounds, &bounds);
        Problem problem{*this, check, function, deferred.get(), &bounds, &proofs};
        FixpointLimits limits;
        limits.deadline = m_context.deadline;
        limits.max_vertex_visits = m_context.options.max_block_visits;
        limits.max_resident_bytes = m_context.options.max_memory_mib << 20;
        FixpointEngine<domains::PartitionedState, Problem> engine(problem, info.wto, m_context.cfg.block_count(),
                                                                  limits);
        engine.drop_used_posts(info.exits);  // only the exits' posts are read below
        // The entry function is solved once, and with the checks its blocks
        // outside loops are checked in the fixpoint's walk: only its loop
        // blocks' states and those of the blocks that enter a loop are read
        // afterwards (the loop checks, the termination proofs' entry
        // states), so the others are dropped as the walk leaves them.
        const bool drop_checked = check && function == 0;
        if (drop_checked) {
            engine.drop_visited_pres(m_blocks.read_after_fixpoint);
        }
        domains::PartitionedState exits = domains::PartitionedState::bottom();
        const EarlyExits outer_early_exits = std::exchange(m_early_exits, EarlyExits{&exits, entry.frame_count()});
        const FixpointStatus status = engine.run(info.entry, domains::PartitionedState::of(entry));
        m_early_exits = outer_early_exits;
        m_visits += engine.visits();
        if (status != FixpointStatus::Converged) {
            switch (status) {
                case FixpointStatus::TimedOut:
                    abort(fmt::format("analysis timed out after {} s", m_context.options.timeout_seconds));
                    break;
                case FixpointStatus::MemoryExhausted:
                    abort(fmt::format("analysis exceeded its memory budget of {} MiB (--max-memory)",
                                      m_context.options.max_memory_mib));
                    break;
                default:
                    // Widening bounds the rounds of every loop head (fixpoint.hpp), so
                    // this budget is a last resort: reaching it is bpfcheck's defect.
                    abort(
                        fmt::format("analysis exceeded its budget of {} block visits (a defect of bpfcheck: "
                                    "the fixpoint should have converged by widening; please report it)",
                                    m_context.options.max_block_visits));
                    break;
            }
            return nullptr;
        }
        for (const cfg::BlockId block : info.exits) {
            if (const auto& post = engine.post(block)) {
                exits.join_with(*post);
            }
        }
        checked = check.has_value();
        auto solution = std::make_shared<Solution>(
            Solution{engine.take_pre(), exits.parts().to_vector(), deferred, std::move(bounds)});
        if (drop_checked) {
            return solution;  // not whole: never replayed for another walk
        }
        if (solved.size() >= kMaxSolvedEntries) {
            solved.erase(solved.begin());
        }
        solved.emplace_back(entry, solution);
        return solution;
    }

    struct Problem {
        ProgramAnalyzer& self;
        std::optional<Walk> check;  // the checking walk run in the fixpoint's walk (see analyze_function)
        std::uint32_t function;
        DeferredChecks* deferred;  // the loop blocks' checks, run in the fixpoint's walk too (or null)
        HeadBounds* head_bounds;   // the loop heads' induction bounds in this solve
        std::map<std::uint32_t, std::uint32_t>* proofs;  // per head: the bounds computed in this solve
        [[nodiscard]] const std::vector<const cfg::Edge*>& predecessors(std::uint32_t v) const {
            return self.m_blocks.predecessors[v];
        }
        domains::PartitionedState post(std::uint32_t v, const domains::PartitionedState& pre) const {
            return post_into(v, pre, domains::PartitionedState::bottom());
        }
        // The block's effect on `pre` joined into `result` (an end state of
        // the block from before, or bottom).
        domains::PartitionedState post_into(std::uint32_t v, const domains::PartitionedState& pre,
                                            domains::PartitionedState result) const {
            result.set_loop_counters(self.m_blocks.loop_counters[v], self.m_blocks.counter_slots[v],
                                     self.m_blocks.in_loop[v]);
            const auto site = static_cast<std::uint32_t>(self.m_context.cfg.block_count() + v);
            const std::optional<Walk> walk = self.m_blocks.in_component[v] ? std::nullopt : check;
            if (walk) {
                for (const MachineState& part : pre.parts()) {
                    self.note_stack_depth(function, part);
                }
            }
            DeferredChecks* const deferred_here = self.m_blocks.in_component[v] ? deferred : nullptr;
            self.walk_block(
                v, pre, walk.value_or(Walk::Fixpoint),
                [&](domains::SharedPart state, std::optional<std::uint64_t> shape, std::uint64_t stamp) {
                    // A part that covers others replaces them: each part is walked on.
                    result.add_part(std::move(state), shape, site, stamp, domains::PartitionedState::Covered::Dropped);
                },
                self.m_blocks.walked_again[v], deferred_here, check.value_or(Walk::Check));
            return result;
        }
        domains::PartitionedState edge(const cfg::Edge& e, const domains::PartitionedState& post) const {
            return transfer_edge(EdgeTransfer{self.m_context.cfg, self.m_executor, self.m_blocks, self.m_memo}, e,
                                 post);
        }
        [[nodiscard]] const std::vector<std::int64_t>& thresholds() const { return self.m_executor.thresholds(); }
        [[nodiscard]] std::span<const std::int64_t> loop_thresholds(std::uint32_t v) const {
            return self.m_executor.loop_thresholds(v);
        }
        // The bounds the loop's invariant test operands hold in `joined`, the
        // state entering head `v` (BlockFacts::loop_bounds), and their
        // neighbours: widening thresholds of this round.
        [[nodiscard]] std::vector<std::int64_t> state_thresholds(std::uint32_t v,
                                                                 const domains::PartitionedState& joined) const {
            std::vector<std::int64_t> bounds;
            const RegisterMask registers = self.m_blocks.loop_bounds[v];
            if (registers == 0) {
                return bounds;
            }
            for (const MachineState& part : joined.parts()) {
                for (int r = 0; r < 10; ++r) {
                    if ((registers >> r & 1U) == 0 || !part.reg(r).is_scalar() || part.reg(r).number().is_bottom()) {
                        continue;
                    }
                    const domains::Scalar& n = part.reg(r).number();
                    for (const std::int64_t b :
                         {n.smin, n.smax, static_cast<std::int64_t>(n.umin), static_cast<std::int64_t>(n.umax)}) {
                        bounds.push_back(b);
                        if (b != std::numeric_limits<std::int64_t>::min()) {
                            bounds.push_back(b - 1);
                        }
                        if (b != std::numeric_limits<std::int64_t>::max()) {
                            bounds.push_back(b + 1);
                        }
                    }
                }
            }
            return bounds;
        }
        // A loop that cannot be walked to its end gets a short walk (loop_walk.hpp).
        [[nodiscard]] std::optional<std::uint32_t> walk_rounds(std::uint32_t v) const {
            return self.m_blocks.long_loop_heads[v] ? std::optional<std::uint32_t>(kLongLoopWalkRounds) : std::nullopt;
        }
        // A loop that can be walked to its end: the rounds that walk it (loop_walk.hpp).
        [[nodiscard]] std::uint32_t walk_length(std::uint32_t v) const { return self.m_blocks.walk_lengths[v]; }
        // A loop entered anew: bounds from its walk before are of other entering states.
        void entering_loop(std::uint32_t head) const { head_bounds->erase(head); }
        // A widened loop is stable: its induction variables' bounds at the
        // head, true when they are new (the loop is then walked again).
        bool bound_inductions(std::uint32_t head, const domains::PartitionedState& entering,
                              const std::function<const domains::PartitionedState*(std::uint32_t)>& states) const {
            // An inner loop is stable again in every round of the loops
            // around it: its proofs are redone a few times, not in every round.
            if (++(*proofs)[head] > kMaxInductionProofs) {
                return false;
            }
            std::vector<InductionBound> found = induction_bounds(self.m_context, function, head, states, entering);
            if (found.empty()) {
                return false;
            }
            auto [at, fresh] = head_bounds->try_emplace(head, found);
            if (!fresh && at->second == found) {
                return false;
            }
            at->second = std::move(found);
            // Walked again only when the bounds take something from the head's states.
            const domains::PartitionedState* head_state = states(head);
            if (head_state == nullptr) {
                return false;
            }
            for (const MachineState& part : head_state->parts()) {
                MachineState narrowed = part;
                narrow_to_induction_bounds(narrowed, at->second);
                if (!(narrowed == part)) {
                    return true;
                }
            }
            return false;
        }
    };

    // Runs block `v` from each part of `pre`, `done` taking each state at the
    // block's end. Each instruction: in the checking pass, the checker
    // decides its obligations against the pre-state (and the invariant hooks
    // see it); then the transfer applies it. The states
    // a call splits off (one per exit partition of the callee) are joined by
    // shape with every other state reaching the instruction after the call,
    // as the kernel prunes equivalent states at a call's return: carried
    // apart to the block's end, each call of a block would multiply its paths
    // (clang's unrolled loop of 33 calls of a function with 3 exits: 3^33).
    // With `memoize` (the fixpoint pass, in loops that hold loops), each part of `pre` that
    // walks to the block's end without a call splitting it is remembered,
    // and a part seen before yields what it yielded then (transfer_memo.hpp).
    // `done` takes each end state with its shape() when that is known, and
    // its stamp (PartitionedState::stamps(), 0 when it has none).
    // With `deferred` (a loop block in the fixpoint pass, deferred_checks.hpp),
    // each part seen there for the first time is walked as `deferred_walk`,
    // into the deferred checks' own sink.
    template <typename Done>
    void walk_block(std::uint32_t v, const domains::PartitionedState& pre, Walk walk, Done&& done, bool memoize = false,
                    DeferredChecks* deferred = nullptr, Walk deferred_walk = Walk::Check) {
        const cfg::BasicBlock& block = m_context.cfg.block(v);
        std::map<std::uint32_t, domains::PartitionedState> pending;
        std::vector<MachineState> forks;
        const Walk block_walk = walk;
        CheckSink* const sink = m_sink;
        if (deferred != nullptr) {
            m_sink = &deferred->sink();
            m_deferred = deferred;
        }
        // The walk of one part replays what the termination proofs' own walk
        // would (termination_operands.hpp) until it analyses a callee or
        // meets a bpf_fastcall pattern (which their executor treats otherwise).
        termination::OperandRecorder* recorder = nullptr;
        bool replays = true;
        // Walks `state` from `pc` to the block's end (true), or to a call
        // that splits it: then the states go to the instruction after it.
        auto run = [&](MachineState& state, std::uint32_t pc) {
            for (; pc <= block.last && !state.is_bottom(); ++pc) {
                if (std::holds_alternative<isa::Imm64Tail>(m_context.program.insns[pc])) {
                    continue;
                }
                if (walk != Walk::Fixpoint) {
                    observe(pc, state, walk == Walk::CheckMainFrame);
                    m_checker.check(pc, state, *m_sink);
                }
                const std::uint64_t calls = m_calls;
                if (recorder != nullptr) {
                    replays = replays && !m_executor.in_fastcall_pattern(pc);
                    const isa::Instruction& insn = m_context.program.insns[pc];
                    if (termination::is_register_add_or_sub(insn)) {
                        replays ? recorder->record(pc, insn, state) : recorder->invalidate();
                    }
                }
                m_executor.execute(pc, state, &forks);
                if (recorder != nullptr) {
                    replays = replays && m_calls == calls;
                }
                note_early_exit(pc, state);
                if (!forks.empty()) {
                    if (recorder != nullptr) {
                        recorder->invalidate();  // the walk goes on from the split states
                    }
                    break;
                }
            }
            if (forks.empty()) {
                return true;
            }
            // A join site of its own per instruction, apart from the blocks' sites.
            const auto site = static_cast<std::uint32_t>(2 * m_context.cfg.block_count() + pc + 1);
            auto [at, fresh] = pending.try_emplace(pc + 1, domains::PartitionedState::bottom());
            if (fresh) {
                at->second.set_loop_counters(m_blocks.loop_counters[v], m_blocks.counter_slots[v], m_blocks.in_loop[v]);
            }
            at->second.add(std::move(state), site);
            for (MachineState& fork : forks) {
                at->second.add(std::move(fork), site);
            }
            forks.clear();
            return false;
        };
        // A head's induction bounds change with its loop's entering states:
        // its parts are not remembered across them.
        const std::vector<InductionBound>* bounded = nullptr;
        if (m_head_bounds != nullptr) {
            if (const auto found = m_head_bounds->find(v); found != m_head_bounds->end()) {
                bounded = &found->second;
            }
        }
        const bool remember = memoize && walk == Walk::Fixpoint && bounded == nullptr;
        for (std::size_t i = 0; i < pre.parts().size(); ++i) {
            const domains::SharedPart& part = pre.shared_part(i);
            if (deferred != nullptr) {
                walk = deferred->claim(v, part) ? deferred_walk : block_walk;
            }
            recorder = walk == Walk::Fixpoint ? nullptr : deferred != nullptr ? &deferred->operands() : m_operands;
            replays = true;
            if (remember) {
                if (const auto* known = m_memo.find(v, pre.shape(i), part, pre.stamp(i))) {
                    if (known->state) {
                        done(known->state, known->shape, known->stamp);
                    }
                    continue;
                }
            }
            MachineState state = *part;
            narrow_to_counter_ranges(state, m_blocks.counter_ranges[v]);
            if (bounded != nullptr) {
                narrow_to_induction_bounds(state, *bounded);
            }
            if (!run(state, block.first)) {
                continue;
            }
            if (state.is_bottom()) {
                if (remember && m_memo.keeps(v)) {
                    m_memo.remember(v, pre.shape(i), part, {}, pre.stamp(i));
                }
                continue;
            }
            std::optional<std::uint64_t> shape;
            std::uint64_t stamp = 0;
            domains::SharedPart out = domains::share_part(std::move(state));
            if (remember) {
                shape = domains::part_facts::held(out).shape_under(
                    domains::LoopCounters(m_blocks.loop_counters[v], m_blocks.counter_slots[v], m_blocks.in_loop[v]));
                if (m_memo.keeps(v)) {
                    stamp = m_memo.remember(v, pre.shape(i), part, {out, *shape, 0}, pre.stamp(i));
                }
            }
            done(std::move(out), shape, stamp);
        }
        if (deferred != nullptr && !pending.empty()) {
            deferred->give_up();  // a call split a state: joined states only the checking pass walks right
            walk = block_walk;
        }
        while (!pending.empty()) {
            auto node = pending.extract(pending.begin());
            for (MachineState& state : node.mapped().take_parts()) {
                if (run(state, node.key()) && !state.is_bottom()) {
                    done(domains::share_part(std::move(state)), std::nullopt, 0);
                }
            }
        }
        m_sink = sink;
        if (deferred != nullptr) {
            m_deferred = nullptr;
        }
    }

    // check_ld_abs: a packet load that fails at run time leaves the program
    // with r0 = 0 (bpf_gen_ld_abs's hidden exit). In a subprogram that is a
    // return to the caller, which the kernel explores as a path of its own
    // (the load's state with R0 known zero, through prepare_func_exit): the
    // caller sees 0 besides the subprogram's own results.
    void note_early_exit(std::uint32_t pc, const MachineState& after) {
        if (m_early_exits.states == nullptr || after.is_bottom() || after.frame_count() < 2 ||
            after.frame_count() != m_early_exits.frames) {
            return;
        }
        if (std::holds_alternative<isa::LoadPacket>(m_context.program.insns[pc])) {
            MachineState exited = after;
            exited.reg(0) = domains::Value::constant(0);
            m_early_exits.states->add(std::move(exited), domains::kNoId);
        } else if (auto returned = m_executor.subprogram_tail_call_return(pc, after)) {
            m_early_exits.states->add(std::move(*returned), domains::kNoId);
        }
    }

    // The checking pass's hooks: --invariants and AnalyzeRequest::on_state.
    void observe(std::uint32_t pc, const MachineState& state, bool main_frame) {
        if (m_on_state != nullptr) {
            (*m_on_state)(pc, state);
        }
        if (m_want_invariants && main_frame) {
            // One line per partition: the kernel, too, shows one state per path.
            std::string& text = m_invariants[pc];
            const std::string line = state.to_string();
            if (text.find(line) == std::string::npos) {
                text += text.empty() ? line : "\n    | " + line;
            }
        }
    }

    // A call's transfer: the callee's exit states from `entry` (cached).
    std::vector<MachineState> call(std::uint32_t function, const MachineState& entry) {
        ++m_calls;
        auto& cache = m_cache[function];
        for (const auto& [state, result] : cache) {
            if (state == entry) {
                return result;
            }
        }
        std::vector<MachineState> result = analyze_function(function, entry, false);
        if (cache.size() >= kMaxCachedEntries) {
            cache.erase(cache.begin());
        }
        cache.emplace_back(entry, result);
        return result;
    }

    // The checker's CalleeChecker: the checking pass walks a callee's
    // converged states in one calling context, once per distinct entry
    // state (the same state again reports nothing new).
    std::vector<MachineState> check_callee(std::uint32_t function, const MachineState& entry) {
        if (m_deferred != nullptr) {
            // The callee's checks belong to the checking pass (they are
            // reported once per entry state): the fixpoint only transfers.
            m_deferred->give_up();
            return call(function, entry);
        }
        auto& replayed = m_replayed[function];
        for (const auto& [state, result] : replayed) {
            if (state == entry) {
                return result;
            }
        }
        std::vector<MachineState> result = analyze_function(function, entry, true);
        if (replayed.size() < kMaxReplayedEntries) {
            replayed.emplace_back(entry, result);
        }
        return result;
    }

    void note_stack_depth(std::uint32_t function, const MachineState& state) {
        if (!state.is_bottom()) {
            int& deepest = m_stack_depths[function];
            deepest = std::max(deepest, state.stack(state.current_frame()).depth());
        }
    }

    void abort(std::string reason) {
        if (!m_aborted) {
            m_aborted = true;
            m_abort_reason = std::move(reason);
        }
    }

    const AnalysisContext& m_context;
    Executor m_executor;
    Checker m_checker;
    CheckSink* m_sink = nullptr;           // the checking pass's output
    DeferredChecks* m_deferred = nullptr;  // set while the fixpoint walks a loop block with its checks
    // Where the checking pass's walks record the loop additions' operand
    // ranges (set while analyze_function walks its loop blocks), or null.
    termination::OperandRecorder* m_operands = nullptr;
    std::uint64_t m_calls = 0;  // callees analysed (call()): a walk that made one is no termination replay
    // While solve() runs a function's fixpoint: the states that leave it
    // through an LD_ABS/LD_IND's hidden exit (note_early_exit), and its
    // frame count (a callee's walk inside it, deeper, adds none).
    struct EarlyExits {
        domains::PartitionedState* states = nullptr;
        std::size_t frames = 0;
    };
    EarlyExits m_early_exits;
    bool m_want_invariants;
    const std::function<void(std::uint32_t, const MachineState&)>* m_on_state;
    TransferMemo m_memo;  // the fixpoint pass's transfers in loops that hold loops: blocks, then edges
    BlockFacts m_blocks;
    std::vector<std::vector<std::pair<MachineState, std::vector<MachineState>>>> m_cache;
    static constexpr std::size_t kMaxReplayedEntries = 64;
    // Induction bounds computed per loop head in one solve (each is a proof
    // over the loop's states: termination/induction_bounds.hpp).
    static constexpr std::uint32_t kMaxInductionProofs = 32;
    // Entry states remembered per function in the fixpoint pass: a loop whose
    // partitions call a function with more distinct states than this
    // re-analyses it on every round.
    static constexpr std::size_t kMaxCachedEntries = 64;
    // Solutions kept per function (their states at every block), for the
    // checking pass to reuse; the oldest is dropped first.
    static constexpr std::size_t kMaxSolvedEntries = 4;
    std::vector<std::vector<std::pair<MachineState, std::shared_ptr<const Solution>>>> m_solved;
    std::vector<std::vector<std::pair<MachineState, std::vector<MachineState>>>> m_replayed;
    std::map<std::uint32_t, std::string> m_invariants;
    std::vector<int> m_stack_depths;
    const HeadBounds* m_head_bounds = nullptr;  // the function walked now: its heads' induction bounds
    bool m_aborted = false;
    std::string m_abort_reason;
    std::uint64_t m_visits = 0;
};

}  // namespace

ProgramResult analyze_program(const model::BpfObject& object, const model::Program& program,
                              const AnalyzeRequest& request) {
    // The states of the analyses before are gone: new ones are cut in order.
    domains::block_pool::recycle_idle_chunks();
    const auto start = std::chrono::steady_clock::now();
    ProgramResult result;
    const std::string& type_name = request.type_override.empty() ? program.type : request.type_override;
    if (!program.load_error.empty() || type_name.empty()) {
        result.verdict = Verdict::Error;
        result.error = !program.load_error.empty()
                           ? program.load_error
                           : fmt::format(
                                 "no loader convention names the program type of section '{}': give it "
                                 "with --type (e.g. --type xdp, --type sched_cls)",
                                 program.section);
        return result;
    }
    std::vector<std::uint32_t> starts;
    for (const auto& piece : program.functions) {
        starts.push_back(piece.start);
    }
    auto graph = cfg::Cfg::build(program.insns, starts,
                                 program.exception_callback_insn == model::kNoIndex
                                     ? std::nullopt
                                     : std::optional<std::uint32_t>(program.exception_callback_insn));
    auto finish = [&] {
        result.time_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                         [](const Diagnostic& a, const Diagnostic& b) { return a.insn < b.insn; });
        return result;
    };
    if (!graph) {
        result.verdict = Verdict::Error;
        result.error = graph.error().message;
        return finish();
    }
    const ProgramType& type = find_program_type(type_name);
    const auto deadline =
        start + std::chrono::milliseconds(static_cast<std::int64_t>(request.options.timeout_seconds * 1000.0));
    AnalysisContext context{object, program, *graph, type, request.options, deadline};
    Reporter reporter;
    report_structure(*graph, program, reporter);
    check_feature_availability(context, type_name, reporter);
    check_kernel_symbol_addresses(context, reporter);
    check_map_creation(context, reporter);
    check_unrelocated_maps(context, reporter);
    check_func_info_requirements(context, reporter);
    check_throw_in_callback(context, reporter);
    const bool exception_callback = check_exception_callback(context, reporter);
    check_map_program_compatibility(context, type_name, reporter);
    std::optional<model::AttachTarget> attach;
    if (type.model == ContextModel::BtfArgs) {
        attach = type_arguments(program, request.options, reporter);
        context.attach = attach ? &*attach : nullptr;
        check_attach_target(context, reporter);
    }
    if (graph->call_cycle().empty()) {
        ProgramAnalyzer analyzer(context, request.want_invariants, &request);
        const FastcallPatterns fastcall = find_fastcall_patterns(context);
        analyzer.set_fastcall_patterns(fastcall.pattern);
        CheckSink sink(reporter);
        analyzer.set_sink(sink);
        analyzer.analyze_function(0, analyzer.entry_state(), true);
        if (const auto callback = exception_callback_function(context); exception_callback && callback) {
            // Verified as a program of its own (do_check_common): R1 the
            // cookie, its exit checked as the program's (in_exception_callback_fn).
            MachineState entry = analyzer.entry_state();
            entry.reg(1) = domains::Value::unknown_scalar();
            analyzer.analyze_function(*callback, entry, true);
        }
        result.block_visits = analyzer.visits();
        result.invariants = std::move(analyzer.invariants());
        if (analyzer.aborted()) {
            result.verdict = Verdict::Error;
            result.error = analyzer.abort_reason();
            result.diagnostics = reporter.diagnostics();
            return finish();
        }
        std::vector<int> depths = analyzer.stack_depths();
        const std::vector<int>& outside_fastcall = sink.touched_outside_fastcall;
        for (std::size_t f = 0; f < depths.size() && f < sink.touched_depths.size(); ++f) {
            depths[f] = std::max(depths[f], sink.touched_depths[f]);
        }
        apply_fastcall_rewrites(context, fastcall, outside_fastcall, depths);
        check_call_stack_depth(context, depths, reporter);
    }
    result.diagnostics = reporter.diagnostics();
    result.verdict = reporter.has_errors() ? Verdict::Fail : Verdict::Pass;
    return finish();
}

}  // namespace bpfcheck::analyzer
