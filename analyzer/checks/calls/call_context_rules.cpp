// Where a helper or kfunc may be called, by how the program is loaded
// (kernel/bpf/verifier.c 6.12: check_helper_call, check_kfunc_call,
// add_kfunc_call; kernel/bpf/offload.c: bpf_dev_bound_kfunc_check).
#include "analyzer/checks/calls/call_context_rules.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

// in_sleepable(env): prog->sleepable, which libbpf sets (BPF_F_SLEEPABLE)
// for its ".s" sections and "syscall". The kernel also counts bpf_wq
// callbacks as sleepable (cur_state->in_sleepable); bpfcheck does not
// analyse those callbacks in their own context.
void check_sleepable_helper(const AnalysisContext& context, std::uint32_t pc, const HelperPrototype& proto,
                            Reporter& reporter) {
    if (!proto.might_sleep || context.program.sleepable) {
        return;
    }
    reporter.error("helper.not_for_type", pc,
                   fmt::format("helper call might sleep in a non-sleepable prog: {}#{} may sleep and program "
                               "'{}' (section '{}') is not sleepable",
                               proto.name, proto.id, context.program.name, context.program.section),
                   {},
                   "load the program as sleepable (a \".s\" section, e.g. SEC(\"fentry.s/...\")), or do not call it");
}

void check_sleepable_kfunc(const AnalysisContext& context, std::uint32_t pc, const KfuncPrototype& kfunc,
                           Reporter& reporter) {
    if (!kfunc.has(kKfSleepable) || context.program.sleepable) {
        return;
    }
    reporter.error("helper.not_for_type", pc,
                   fmt::format("program must be sleepable to call sleepable kfunc {}: program '{}' (section '{}') "
                               "is not sleepable",
                               kfunc.name, context.program.name, context.program.section),
                   {}, "load the program as sleepable (a \".s\" section, e.g. SEC(\"lsm.s/...\")), or do not call it");
}

void check_css_task_iter_allowed(const AnalysisContext& context, std::uint32_t pc, const KfuncPrototype& kfunc,
                                 Reporter& reporter) {
    // check_kfunc_args, KF_ARG_PTR_TO_ITER: check_css_task_iter_allowlist.
    const bool allowed = context.type.name == "lsm" ||
                         (context.type.name == "tracing" && expected_attach_type(context) == "trace_iter") ||
                         context.program.sleepable;
    if (kfunc.name != "bpf_iter_css_task_new" || allowed) {
        return;
    }
    reporter.error("helper.not_for_type", pc,
                   fmt::format("css_task_iter is only allowed in bpf_lsm, bpf_iter and sleepable progs: program '{}' "
                               "(section '{}') is a {} program, not sleepable",
                               context.program.name, context.program.section, context.type.name),
                   {}, "walk a cgroup's tasks from an lsm, an iter/cgroup or a sleepable program");
}

void check_dev_bound_kfunc(const AnalysisContext& context, std::uint32_t pc, const KfuncPrototype& kfunc,
                           Reporter& reporter) {
    // An extension program (freplace) is device-bound when its target is
    // (bpf_prog_dev_bound_inherit): the target, not the object, decides.
    if (!kfunc.has(kKfDevBound) || context.type.name == "ext") {
        return;
    }
    reporter.error("helper.not_for_type", pc,
                   fmt::format("metadata kfuncs require device-bound program: {} reads a device's RX metadata and "
                               "is only for XDP programs loaded for one device",
                               kfunc.name),
                   {}, "load the program device-bound (bpf_program__set_ifindex and BPF_F_XDP_DEV_BOUND_ONLY)");
}

}  // namespace bpfcheck::analyzer
