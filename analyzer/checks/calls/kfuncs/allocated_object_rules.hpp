// The type-id argument of bpf_obj_new and bpf_percpu_obj_new
// (check_kfunc_call, KF_bpf_obj_new_impl / KF_bpf_percpu_obj_new_impl): a
// type of the program's own BTF (bpf_core_type_id_local) that must be a
// struct; a per-CPU object's struct is at most 512 bytes
// (BPF_GLOBAL_PERCPU_MA_MAX_SIZE), holds numbers only
// (__btf_type_is_scalar_struct) and no lock, list, rbtree or refcount
// field (no struct meta). Decided from the argument's value and the local
// type-id relocation that made it (the loader reads the type).
// And the drops (KF_ARG_PTR_TO_ALLOC_BTF_ID): bpf_obj_drop takes what
// bpf_obj_new allocated, bpf_percpu_obj_drop what bpf_percpu_obj_new did.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/reporter.hpp"
#include "domains/machine_state.hpp"

#include <cstdint>
#include <string_view>

namespace bpfcheck::analyzer {

void check_obj_new_type(const AnalysisContext& context, std::uint32_t pc, std::string_view kfunc,
                        const domains::MachineState& state, Reporter& reporter);
void check_obj_drop_kind(const AnalysisContext& context, std::uint32_t pc, std::string_view kfunc,
                         const domains::MachineState& state, Reporter& reporter);

}  // namespace bpfcheck::analyzer
