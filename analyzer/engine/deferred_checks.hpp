// The checks of a function's loop blocks, run in the fixpoint's own walk.
// The checking pass walks every reachable block once more with its
// converged entry state (analyzer.cpp). Outside loops the fixpoint's walk is
// that walk already. Inside a loop whose iterations the fixpoint keeps apart
// (a walked loop: each round adds the parts of one more iteration and keeps
// the old ones), the converged entry state of a block is exactly the parts
// the fixpoint walked there, one by one, so walking them again doubled the
// cost of loop-heavy programs.
//
// So the fixpoint walks each part of a loop block the first time it sees it
// with the checks on, into a sink of its own (this class), and the checking
// pass adopts what that found instead of walking the blocks again, but only
// when it provably equals what the pass would find:
//   * the parts checked at each block are exactly its converged entry
//     state's parts (a part widened away, a part never checked: no);
//   * the checks reported nothing (not an error, a warning or a note) and
//     saw at most one pointer kind per memory instruction: their facts then
//     do not depend on the order the parts were walked in;
//   * nothing in the walk needed the checking pass's own machinery: no
//     callee or callback was checked (CalleeChecker), no call split a state;
//   * the facts merge into the pass's sink without a conflict.
// Otherwise the checking pass walks the loop blocks as before, and this
// sink is dropped. Functions with loops inside loops (whose blocks the
// fixpoint walks once per outer round, through the transfer memo) are not
// deferred at all.
#pragma once

#include "analyzer/checks/check_sink.hpp"
#include "analyzer/reporter.hpp"
#include "analyzer/termination/termination_operands.hpp"
#include "domains/partitioned_state.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <unordered_map>
#include <vector>

namespace bpfcheck::analyzer {

class DeferredChecks {
public:
    DeferredChecks() : m_sink(m_reporter) {}
    DeferredChecks(const DeferredChecks&) = delete;
    DeferredChecks& operator=(const DeferredChecks&) = delete;

    CheckSink& sink() { return m_sink; }
    // The loop additions' operand ranges seen in the walks of claimed parts
    // (termination_operands.hpp): the converged parts' own, when adopted.
    termination::OperandRecorder& operands() { return m_operands; }
    [[nodiscard]] const termination::OperandRecorder& operands() const { return m_operands; }
    // Whether `part` of block `block`'s entry state is to be walked with
    // the checks now: the first time the fixpoint walks it there, unless
    // the checks can no longer be adopted (a program refused inside a loop
    // would be checked twice, its messages formatted twice).
    bool claim(std::uint32_t block, const domains::SharedPart& part);
    // The walk did something only the checking pass does right.
    void give_up() { m_given_up = true; }

    // Whether the checks stand for the checking pass's walk of `blocks`
    // (the function's loop blocks), whose converged entry states `pre`
    // gives; if so, their facts are merged into `into`.
    bool adopt(std::span<const std::uint32_t> blocks,
               const std::function<const domains::PartitionedState*(std::uint32_t)>& pre, CheckSink& into) const;

private:
    // Something was reported, a kind mixed, or the walk gave up: no adoption.
    [[nodiscard]] bool hopeless() const {
        return m_given_up || !m_reporter.diagnostics().empty() || !m_sink.mixed_base_kinds.empty();
    }
    [[nodiscard]] bool covers_exactly(std::span<const std::uint32_t> blocks,
                                      const std::function<const domains::PartitionedState*(std::uint32_t)>& pre) const;
    [[nodiscard]] bool conflicts_with(const CheckSink& into) const;

    Reporter m_reporter;
    CheckSink m_sink;
    // Per block, the parts checked there: weak, so that a part widened or
    // folded away is freed (and, expired, tells that nothing can be adopted).
    std::unordered_map<std::uint32_t, std::vector<std::weak_ptr<const domains::MachineState>>> m_claimed;
    bool m_given_up = false;
    termination::OperandRecorder m_operands;
};

}  // namespace bpfcheck::analyzer
