// ValidExit: at the program's exit (the main frame's; a subprogram's exit
// returns to its caller) R0 is set, within the program type's return range
// (check_return_code, check_return_value below), not a pointer leaked
// without CAP_PERFMON, and no reference or spin lock is held
// (check_reference_leak, process_bpf_exit's active_lock check).
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
    check_return_value(pc, 0, state, "at program exit", reporter);
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

void Checker::check_return_value(std::uint32_t pc, int reg, const MachineState& state, std::string_view where,
                                 Reporter& reporter) const {
    const Value& value = state.reg(reg);
    // check_return_code: a struct_ops callback returning void returns nothing.
    const bool returns_void =
        m_context.type.name == "struct_ops" && m_context.attach != nullptr && m_context.attach->void_return;
    if (returns_void) {
        return;  // no value to check
    }
    if (value.kind() == Kind::Uninit) {
        reporter.error("exit.r0_uninit", pc, fmt::format("R{} is not set {} (R{} !read_ok)", reg, where, reg),
                       {"the program's return value is undefined on at least one path"},
                       "set R0 (the return value) on every path before exit");
    } else if (const auto range = m_executor.exit_return_range()) {
        const std::int64_t lo = range->min;
        const std::int64_t hi = range->max;
        // lsm_mac programs: the 32-bit value (check_return_code's return_32bit).
        const bool low32 = lsm_mac_with_hook(m_context);
        const std::int64_t smin = low32 ? value.number().s32min : value.number().smin;
        const std::int64_t smax = low32 ? value.number().s32max : value.number().smax;
        if (!value.is_scalar()) {
            reporter.error("exit.return_range", pc,
                           fmt::format("R{} is a {} {}, not a value in [{}, {}]", reg, domains::kind_name(value.kind()),
                                       where, lo, hi),
                           {describe(state, reg)}, "return a number");
        } else if (smin < lo || smax > hi) {
            const std::string subject = reg == 0 ? fmt::format("return value {}", value.number().to_string())
                                                 : fmt::format("R{} = {} {}", reg, value.number().to_string(), where);
            reporter.error("exit.return_range", pc,
                           fmt::format("{} may lie outside [{}, {}] required for {} programs", subject, lo, hi,
                                       m_context.type.name),
                           {describe(state, reg)}, fmt::format("return a value in [{}, {}]", lo, hi));
        }
    } else if (m_context.options.unprivileged && value.is_pointer()) {
        reporter.error("pointer.leak", pc, fmt::format("R{} leaks an address as the return value", reg),
                       {describe(state, reg)}, "return a number, not a pointer");
    }
}

}  // namespace bpfcheck::analyzer
