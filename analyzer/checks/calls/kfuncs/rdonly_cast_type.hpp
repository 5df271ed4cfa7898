// bpf_rdonly_cast's type-id argument (check_kfunc_call, KF_bpf_rdonly_cast
// in kernel/bpf/verifier.c): the kernel type it names must be a struct or
// union (btf_type_is_struct; Linux 6.18 also takes void, 0), or the kernel
// refuses the call ("kfunc bpf_rdonly_cast type ID argument must be of a
// struct"). The id is a constant a CO-RE type-id relocation gives
// (bpf_core_type_id_kernel, as bpf_core_cast uses it): libbpf relocates it
// to the kernel type of the same name and kind, so the object's own type's
// kind decides. Decides from the argument's value alone.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/reporter.hpp"
#include "domains/machine_state.hpp"

#include <cstdint>
#include <string_view>

namespace bpfcheck::analyzer {

void check_rdonly_cast_type(const AnalysisContext& context, std::uint32_t pc, std::string_view kfunc,
                            const domains::MachineState& state, Reporter& reporter);

}  // namespace bpfcheck::analyzer
