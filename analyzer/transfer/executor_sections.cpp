// The kernel's rules for kfunc calls that do not depend on the kfunc's
// reference semantics, and for the two critical sections a program opens
// with kfuncs: the RCU read section (bpf_rcu_read_lock/unlock, the
// verifier's active_rcu_lock) and the preemption-disabled region
// (bpf_preempt_disable/enable, active_preempt_lock, which nests). From
// kernel/bpf/verifier.c (Linux 6.12): check_kfunc_call (the sections,
// "kernel func %s is sleepable within ..."), fetch_kfunc_meta ("calling
// kernel function %s is not allowed": the kfunc is not in an id set
// registered for the program type), check_kfunc_args ("Possibly NULL
// pointer passed to trusted arg%d" for KF_TRUSTED_ARGS and KF_RCU kfuncs),
// check_helper_call (helpers that might sleep, tail calls), check_func_call
// (no global function call with preemption disabled before Linux 6.15,
// then none that may sleep), check_ld_abs and
// do_check's BPF_EXIT (a section left open at the main program's exit).
//
// Each check decides from the state before the call and only reports; the
// transfer (opening and closing the sections) is enter_or_leave_section.
// The sections are held references with reserved ids (MachineState).
#include "analyzer/platform/helpers/helper_prototype.hpp"
#include "analyzer/platform/kfuncs/kfunc_table.hpp"
#include "analyzer/transfer/calls/reachable_calls.hpp"
#include "analyzer/transfer/executor.hpp"

#include <fmt/format.h>

#include <variant>
#include <vector>

namespace bpfcheck::analyzer {

using domains::MachineState;
using domains::Value;

void Executor::enter_or_leave_section(std::uint32_t /*pc*/, const KfuncPrototype& kfunc, MachineState& state) const {
    // A section is held whichever call opened it: its reference records no
    // instruction, so that paths opening it at different calls join into one.
    const std::uint32_t pc = 0;
    const std::uint32_t preempt = state.preempt_depth();
    switch (kfunc.section) {
        case KfuncSection::RcuLock:
            state.acquire(state.rcu_locked() ? domains::kRcuNestedRef : domains::kRcuLockRef, pc);
            break;
        case KfuncSection::RcuUnlock:
            if (!state.release(domains::kRcuNestedRef)) {
                state.release(domains::kRcuLockRef);
            }
            // Past the unlock, RCU-protected iterators are untrusted
            // (MEM_RCU becomes PTR_UNTRUSTED in every stack slot), and so
            // is every MEM_RCU pointer, no longer maybe-NULL (check_kfunc_call:
            // `reg->type &= ~(MEM_RCU | PTR_MAYBE_NULL); reg->type |= PTR_UNTRUSTED`).
            state.for_each_value([](Value& v) {
                if (v.marks_any_iter() && iter_rcu_protected(v.iter_type())) {
                    v.number() = domains::Scalar::constant(1);
                }
                if (v.rcu()) {
                    v.set_rcu(false);
                    v.set_untrusted(true);
                    v.set_kind(domains::non_null_kind(v.kind()));
                }
            });
            break;
        case KfuncSection::PreemptDisable:
            if (preempt < domains::kMaxPreemptDepth) {
                state.acquire(domains::kPreemptRefBase + preempt, pc);
            }
            break;
        case KfuncSection::PreemptEnable:
            if (preempt > 0) {
                state.release(domains::kPreemptRefBase + preempt - 1);
            }
            break;
        case KfuncSection::None:
            break;
    }
}

// Whether `function`, or a function it calls, calls a helper that might
// sleep or a sleepable kfunc (the kernel's subprog might_sleep summary).
bool Executor::function_might_sleep(std::uint32_t function) const {
    return any_reachable_call(m_context, function, [&](std::uint32_t pc, const isa::Call& call) {
        if (call.kind == isa::CallKind::Helper) {
            const auto proto = find_helper(call.imm);
            return proto && proto->might_sleep;
        }
        if (call.kind == isa::CallKind::Kfunc) {
            const auto kfunc = find_kfunc(m_context.program.refs[pc].symbol);
            return kfunc && kfunc->has(kKfSleepable);
        }
        return false;
    });
}

}  // namespace bpfcheck::analyzer
