// Proving that one loop terminates, and how many iterations it may run.
//
// A counter x with stride d (of one sign, never 0; from the induction
// analysis) is a ranking function as soon as the values it can take at one
// point of every iteration are bounded on the side it moves to, with room for
// one more step before the numeric type wraps. Two sources give that bound,
// both from the converged abstract states:
//   - the head: x's range there (Route "head"), and
//   - an exit test on every cycle comparing x (or a copy x + a) with
//     something: the range of the compared register in the states that stay
//     in the loop, as the analyser refines them on that branch (Route "exit").
// In a view (u64, s64, u32, s32) where the range is [lo, hi] and
// hi + max_step does not wrap, x rises by at least min_step each iteration
// without wrapping, so the loop runs at most (hi - lo) / min_step + 1 times.
// A step that depends on data (`i += len`, len in [1, 4] in the converged
// states) is such an interval; one that may be 0 is not a stride, so a
// cursor that can stand still stays unproven. An exit test may compare
// head(x) + [a, b] (the step already taken): then head(x) + a lies in
// [lo - (b - a), hi] and the count grows by (b - a) / min_step.
// This is the classic argument (Floyd 1967; Cousot and Cousot's
// "abstract interpretation of ranking functions") specialised to linear
// counters, which is what the kernel's own bounded-loop support (5.3,
// commit 2589726d12a1) verifies by unrolling.
//
// Loops bounded by construction need no counter: a may_goto on every cycle
// (the kernel caps its budget) or a call of an open-coded iterator's
// bpf_iter_*_next kfunc on every cycle.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/termination/termination.hpp"
#include "analyzer/termination/termination_loop.hpp"
#include "analyzer/transfer/executor.hpp"
#include "domains/partitioned_state.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace bpfcheck::analyzer::termination {

// The kernel processes at most this many instructions per program
// (BPF_COMPLEXITY_LIMIT_INSNS).
inline constexpr std::uint64_t kKernelInsnLimit = 1'000'000;

enum class LoopStatus : std::uint8_t {
    Unreached,       // the head is unreachable in this calling context
    Proven,          // a counter bounds it: `iterations`
    ByConstruction,  // may_goto or an open-coded iterator bounds it
    Unbounded,       // no proof (or one that allows too many iterations)
    Infinite,        // no exit can be taken
};

struct LoopVerdict {
    LoopStatus status = LoopStatus::Unreached;
    std::uint64_t iterations = 0;  // Proven: at most this many (saturated)
    // Proven by a counter: `iterations` is then the most visits of the head
    // (the stays and the pass that leaves), so the loop returns to its head
    // at most iterations - 1 times. Other proofs count less precisely.
    bool counts_head_visits = false;
    // The exit test that bounds the loop (Proven) or fails to (Unbounded):
    // in rotated loops it carries the `for`/`while` line, the loop's header
    // in the source, where the head block starts with the body.
    std::optional<std::uint32_t> test_insn;
    std::string message;  // Unbounded/Infinite: the diagnostic text after "loop at ... "
    std::vector<std::string> notes;
    std::string hint;
};

// The most times a proven loop returns to its head per entry: one fewer than
// its head visits where a counter proved it, else (the other proofs' counts
// less certain) one more than its iterations.
inline std::uint64_t returns_to_head(const LoopVerdict& verdict) {
    if (verdict.counts_head_visits) {
        return verdict.iterations == 0 ? 0 : verdict.iterations - 1;
    }
    return verdict.iterations == UINT64_MAX ? UINT64_MAX : verdict.iterations + 1;
}

// The call analysis of the executor the proofs replay blocks with: a
// bpf-to-bpf call on the way is not re-analysed; the callee may have written
// anything it can reach in its callers' frames, and returns an unknown number.
std::vector<domains::MachineState> havoc_call(std::uint32_t callee, const domains::MachineState& entry);

class DeltaAnalysis;
struct ExitTest;
struct Compared;

class LoopProver {
public:
    // `recorded`: the operand ranges a walk of the converged states took
    // (termination_operands.hpp), or nullptr.
    LoopProver(const AnalysisContext& context, const FunctionLoops& loops, const BlockStates& states,
               const Executor& executor, std::uint64_t& budget, const OperandRanges* recorded = nullptr)
        : m_context(context),
          m_loops(loops),
          m_states(states),
          m_executor(executor),
          m_budget(budget),
          m_recorded(recorded) {}

    // `inner`: the verdicts of the loops decided so far, by loop index (an
    // inner loop is decided before the loops around it); a loop directly
    // inside this one that is proven bounds what it adds to a counter.
    [[nodiscard]] LoopVerdict prove(std::uint32_t loop_index, std::span<const LoopVerdict> inner = {}) const;

private:
    struct Search;  // one loop's proof in progress

    void from_head(Search& search) const;
    void from_exit(Search& search, const cfg::Edge& exit) const;
    [[nodiscard]] std::optional<Compared> counter_operand(const Search& search, cfg::BlockId block,
                                                          const isa::Jump& jump, int side) const;
    void count_from_staying(const Compared& operand, const cfg::Edge& stay,
                            const std::vector<domains::MachineState>& at_jump, ExitTest& test) const;
    void count_from_start(const Search& search, const Compared& operand, const isa::Jump& jump, const cfg::Edge& stay,
                          const std::vector<domains::MachineState>& at_jump, ExitTest& test) const;
    [[nodiscard]] LoopVerdict explain(const Search& search) const;
    // The states at a block's final jump (one per non-bottom partition).
    [[nodiscard]] std::vector<domains::MachineState> states_at_jump(cfg::BlockId block) const;
    // The states that enter `loop` from outside it (none at a function's entry).
    [[nodiscard]] std::vector<domains::MachineState> entering(const Loop& loop) const;
    [[nodiscard]] bool exit_feasible(const cfg::Edge& edge) const;
    [[nodiscard]] std::optional<std::string> bounded_by_construction(const Loop& loop) const;
    // The constant values `location` has in the states entering the loop
    // (nullopt when one is not a constant; none when the loop heads its
    // function).
    [[nodiscard]] std::optional<std::vector<std::uint64_t>> entry_constants(const Loop& loop,
                                                                            const DeltaAnalysis& delta,
                                                                            std::uint16_t location, bool low32) const;

    const AnalysisContext& m_context;
    const FunctionLoops& m_loops;
    const BlockStates& m_states;
    const Executor& m_executor;
    std::uint64_t& m_budget;
    const OperandRanges* m_recorded;
};

// A conditional jump's condition (`taken`) or its negation, as `r1 < r2`;
// `swap` puts the source operand on the left.
std::string condition_text(const isa::Jump& jump, bool taken, bool swap);
// The source line of an instruction (nullopt without line info, or line 0).
std::optional<std::uint32_t> source_line(const AnalysisContext& context, std::uint32_t insn);
// "line N" from the program's line info, or "insn N".
std::string where(const AnalysisContext& context, std::uint32_t insn);

}  // namespace bpfcheck::analyzer::termination
