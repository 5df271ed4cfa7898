// bpf_throw (is_bpf_throw_kfunc): the program exits from wherever it
// throws, through its exception callback or, without one, returning the
// cookie. check_kfunc_call checks the cookie R1 as the program's return
// value when the program has no exception callback (the default callback
// returns it); do_check then takes the exception exit
// (process_bpf_exit_full with exception_exit): no bpf_rcu_read_lock or
// bpf_preempt_disable section may be open and no reference held, in any
// frame (check_reference_leak(env, true)). The held bpf_spin_lock is
// refused before, as for every call that is not a graph kfunc.
#include "analyzer/checks/checker.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

void Checker::check_throw(std::uint32_t pc, const domains::MachineState& state, Reporter& reporter) const {
    const model::FunctionSignature* entry = entry_signature(m_context);
    const bool default_callback =
        !m_context.program.has_func_info || entry == nullptr || entry->exception_callbacks.size() != 1;
    if (default_callback) {
        check_return_value(
            pc, 1, state, "as bpf_throw's cookie (the program's return value: it has no exception callback)", reporter);
    }
    if (state.rcu_locked()) {
        reporter.error("ref.rcu_lock", pc, "bpf_throw cannot be used inside bpf_rcu_read_lock-ed region", {},
                       "call bpf_rcu_read_unlock before throwing");
    }
    if (state.preempt_depth() > 0) {
        reporter.error("ref.preempt", pc, "bpf_throw cannot be used inside bpf_preempt_disable-ed region", {},
                       "call bpf_preempt_enable before throwing");
    }
    for (const auto& ref : state.references()) {
        if (domains::is_section_ref(ref.id) || ref.id == domains::kSpinLockRef) {
            continue;  // the sections above; the lock: ref.lock_held at the call
        }
        reporter.error("ref.leak", pc,
                       fmt::format("reference acquired at instruction {} is not released when bpf_throw exits the "
                                   "program",
                                   ref.insn),
                       {fmt::format("ref_obj_id={} alloc_insn={}", ref.id, ref.insn)}, "release it before throwing");
    }
}

}  // namespace bpfcheck::analyzer
