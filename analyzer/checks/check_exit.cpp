// ValidExit: at the program's exit (the main frame's; a subprogram's exit
// returns to its caller) R0 is set, within the program type's return range
// (check_return_code), not a pointer leaked without CAP_PERFMON, and no
// reference or spin lock is held (check_reference_leak, process_bpf_exit's
// active_lock check).
#include "analyzer/checks/checker.hpp"
#include "analyzer/platform/lsm_hooks.hpp"
#include "analyzer/transfer/executor.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Value;

void Checker::decide(std::uint32_t pc, const ValidExit& /*o*/, const MachineState& state, CheckSink& sink) const {
    if (state.frame_count() > 1) {
        return;  // the caller pops the frame
    }
    Reporter& reporter = sink.reporter;
    const Value& r0 = state.reg(0);
    // check_return_code: a struct_ops callback returning void returns nothing.
    const bool returns_void =
        m_context.type.name == "struct_ops" && m_context.attach != nullptr && m_context.attach->void_return;
    if (returns_void) {
        // no R0 to check
    } else if (r0.kind() == Kind::Uninit) {
        reporter.error("exit.r0_uninit", pc, "R0 is not set at program exit (R0 !read_ok)",
                       {"the program's return value is undefined on at least one path"},
                       "set R0 (the return value) on every path before exit");
    } else if (const auto range = m_executor.exit_return_range()) {
        const std::int64_t lo = range->min;
        const std::int64_t hi = range->max;
        // lsm_mac programs: the 32-bit value (check_return_code's return_32bit).
        const bool low32 = lsm_mac_with_hook(m_context);
        const std::int64_t smin = low32 ? r0.number().s32min : r0.number().smin;
        const std::int64_t smax = low32 ? r0.number().s32max : r0.number().smax;
        if (!r0.is_scalar()) {
            reporter.error("exit.return_range", pc,
                           fmt::format("R0 is a {} at program exit, not a value in [{}, {}]",
                                       domains::kind_name(r0.kind()), lo, hi),
                           {describe(state, 0)}, "return a number");
        } else if (smin < lo || smax > hi) {
            reporter.error("exit.return_range", pc,
                           fmt::format("return value {} may lie outside [{}, {}] required for {} programs",
                                       r0.number().to_string(), lo, hi, m_context.type.name),
                           {describe(state, 0)}, fmt::format("return a value in [{}, {}]", lo, hi));
        }
    } else if (m_context.options.unprivileged && r0.is_pointer()) {
        reporter.error("pointer.leak", pc, "R0 leaks an address as the return value", {describe(state, 0)},
                       "return a number, not a pointer");
    }
    check_sections_open(pc, state, "at program exit", reporter);
    for (const auto& ref : state.references()) {
        if (domains::is_section_ref(ref.id)) {
            continue;  // check_sections_open
        }
        if (ref.id == domains::kSpinLockRef) {
            reporter.error(
                "ref.lock_held", pc,
                fmt::format("bpf_spin_unlock is missing: the lock taken at insn {} is held at program exit", ref.insn),
                {}, "call bpf_spin_unlock on every path before returning");
            continue;
        }
        reporter.error("ref.leak", pc,
                       fmt::format("reference acquired at instruction {} is not released at program exit", ref.insn),
                       {fmt::format("ref_obj_id={} alloc_insn={}", ref.id, ref.insn)},
                       "release it (bpf_sk_release, bpf_ringbuf_submit/discard, ...) on every path");
    }
}

}  // namespace bpfcheck::analyzer
