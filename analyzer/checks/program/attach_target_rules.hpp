// Attach targets the kernel refuses for a program's type before it walks the
// program: an lsm program attached to a hook of bpf_lsm_disabled_hooks
// (bpf_lsm_verify_prog in kernel/bpf/bpf_lsm.c, called from
// check_attach_btf_id: "attach_btf_id %u points to disabled hook %s"); a
// sleepable lsm program attached to a hook outside sleepable_lsm_hooks
// (bpf_check_attach_target: "%s is not sleepable"); a
// struct_ops program whose license is not GPL-compatible
// (check_struct_ops_btf_id).
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/reporter.hpp"

namespace bpfcheck::analyzer {

// `type.attach_target` at instruction 0. The lsm rule needs the attach
// target (context.attach, from the kernel's BTF); without it it is not checked.
void check_attach_target(const AnalysisContext& context, Reporter& reporter);

}  // namespace bpfcheck::analyzer
