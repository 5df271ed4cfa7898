// bpf_loop with a small iteration count, walked invocation by invocation as
// the kernel walks it: check_helper_call pushes bpf_loop's callback again
// while the frame's callback_depth is below umax(R1) (nr_loops), so the
// states after the call are those after 0, 1, ..., nr_loops invocations,
// each exact. Where the count is small we do the same (no widening: a
// counter the callback increments keeps its exact range); larger or unknown
// counts go to the callback fixpoint (engine/callback_fixpoint.hpp).
#pragma once

#include "analyzer/platform/helpers/helper_prototype.hpp"
#include "domains/machine_state.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>

namespace bpfcheck::analyzer {

// Counts up to this are unrolled; the kernel unrolls any count, bounded by
// its own state pruning.
inline constexpr std::uint64_t kMaxUnrolledLoopCount = 16;

// bpf_loop's nr_loops (a u32: the callback runs at most that many times)
// when the helper is bpf_loop and the count is known to be small.
inline std::optional<std::uint64_t> bounded_loop_count(std::int32_t helper, const domains::MachineState& at_call) {
    const domains::Value& nr = at_call.reg(1);
    if (helper != kHelperLoop || !nr.is_scalar()) {
        return std::nullopt;
    }
    const std::uint64_t count = std::min<std::uint64_t>(nr.number().umax, nr.number().u32max);
    if (count > kMaxUnrolledLoopCount) {
        return std::nullopt;
    }
    return count;
}

// The join of the states after 0..count invocations; `invoke(before)` is
// the state after one more invocation (bottom when it never returns).
template <typename Invoke>
domains::MachineState unrolled_callback_states(std::uint64_t count, const domains::MachineState& at_call,
                                               const Invoke& invoke) {
    domains::MachineState all = at_call;
    domains::MachineState before = at_call;
    for (std::uint64_t i = 0; i < count && !before.is_bottom(); ++i) {
        domains::MachineState after = invoke(before);
        if (after == before) {
            break;  // every further invocation starts from this same state: nothing new
        }
        before = std::move(after);
        if (!before.is_bottom()) {
            all.join_with(before);
        }
    }
    return all;
}

}  // namespace bpfcheck::analyzer
