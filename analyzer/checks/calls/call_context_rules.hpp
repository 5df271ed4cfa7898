// Rules about where a helper or kfunc may be called that depend on how the
// program is loaded, not on its arguments: a sleepable helper or kfunc
// needs a sleepable program (check_helper_call's might_sleep test,
// check_kfunc_call's KF_SLEEPABLE test: in_sleepable), and the XDP
// metadata kfuncs need a device-bound program (add_kfunc_call,
// bpf_dev_bound_kfunc_check). Each decides from the analysis context alone
// and reports; none changes the state.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/platform/helpers/helper_prototype.hpp"
#include "analyzer/platform/kfuncs/kfunc_table.hpp"
#include "analyzer/reporter.hpp"

#include <cstdint>

namespace bpfcheck::analyzer {

// "helper call might sleep in a non-sleepable prog".
void check_sleepable_helper(const AnalysisContext& context, std::uint32_t pc, const HelperPrototype& proto,
                            Reporter& reporter);

// "program must be sleepable to call sleepable kfunc X".
void check_sleepable_kfunc(const AnalysisContext& context, std::uint32_t pc, const KfuncPrototype& kfunc,
                           Reporter& reporter);

// bpf_iter_css_task_new only in lsm programs, iterators and sleepable
// programs (check_css_task_iter_allowlist): "css_task_iter is only allowed
// in bpf_lsm, bpf_iter and sleepable progs".
void check_css_task_iter_allowed(const AnalysisContext& context, std::uint32_t pc, const KfuncPrototype& kfunc,
                                 Reporter& reporter);

// "metadata kfuncs require device-bound program": libbpf loads a program
// device-bound only when the loader asks (bpf_program__set_ifindex with
// BPF_F_XDP_DEV_BOUND_ONLY); an object alone never says so.
void check_dev_bound_kfunc(const AnalysisContext& context, std::uint32_t pc, const KfuncPrototype& kfunc,
                           Reporter& reporter);

}  // namespace bpfcheck::analyzer
