// The numbers a loop's `add`/`sub` instructions add, read from the converged
// abstract states: what lets the induction analysis (termination_delta)
// follow a counter whose step depends on data, e.g. `off += len` with len in
// [1, 4], as head(off) + [1, 4], and the ranking proof bound its iterations
// by the smallest step (the kernel, which walks the loop, needs no more).
//
// Taken from each loop block's converged parts, walked from the block's
// entry. The analyzer's checking walks run exactly those walks already (the
// checking pass, or the fixpoint's own walks of the parts it checked, when
// they are the converged ones: deferred_checks.hpp), so an OperandRecorder
// takes the ranges there; operand_ranges() walks the states itself where
// nothing was recorded.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/termination/termination.hpp"
#include "analyzer/termination/termination_delta.hpp"
#include "analyzer/termination/termination_loop.hpp"
#include "analyzer/transfer/executor.hpp"

#include <unordered_map>
#include <utility>

namespace bpfcheck::analyzer::termination {

// An `add`/`sub` with a register source: the instructions whose operand
// ranges are kept.
bool is_register_add_or_sub(const isa::Instruction& insn);

// The operand ranges seen before each `add`/`sub` of the walks it is shown.
class OperandRecorder {
public:
    // Before `insn` (at `pc`), in `state`; other instructions are ignored.
    void record(std::uint32_t pc, const isa::Instruction& insn, const domains::MachineState& state);
    // The walk no longer sees what operand_ranges' own walk would (a callee
    // analysed, a state split at a call): nothing recorded is used.
    void invalidate() { m_valid = false; }
    [[nodiscard]] bool valid() const { return m_valid; }
    [[nodiscard]] OperandRanges ranges() const;

private:
    struct Joined {
        bool seen = false;
        bool number = true;
        OperandRange range;
        void add(const domains::Value& value, bool is64);
        [[nodiscard]] std::optional<OperandRange> result() const;
    };
    std::unordered_map<std::uint32_t, std::pair<Joined, Joined>> m_joined;
    bool m_valid = true;
};

// The operand ranges (OperandRanges) of every `add`/`sub` with a register
// source in the loop's blocks, from the blocks' converged states.
OperandRanges operand_ranges(const AnalysisContext& context, const Loop& loop, const BlockStates& states,
                             const Executor& executor);

}  // namespace bpfcheck::analyzer::termination
