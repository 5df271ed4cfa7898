// The kernel structs behind helpers' BTF-typed arguments and results: each
// ARG_PTR_TO_BTF_ID argument names one struct (the proto's arg*_btf_id,
// e.g. btf_tracing_ids[BTF_TRACING_TYPE_TASK] for a task_struct), which
// check_reg_type matches with btf_struct_ids_match ("R2 is of type
// task_struct but cgroup is expected"), and RET_PTR_TO_BTF_ID results name
// theirs (ret_btf_id). Facts read from the helpers' protos in
// kernel/bpf/helpers.c, kernel/trace/bpf_trace.c, kernel/bpf/*_storage.c,
// net/core/filter.c and security/bpf; helpers not listed are not checked.
#pragma once

#include <cstdint>
#include <string_view>

namespace bpfcheck::analyzer {

// The struct a helper's BTF argument `arg` (0-based) points to; empty when
// not listed.
std::string_view helper_arg_struct(std::int32_t helper_id, int arg);
// The struct a helper's RET_PTR_TO_BTF_ID result points to; empty when not listed.
std::string_view helper_ret_struct(std::int32_t helper_id);

}  // namespace bpfcheck::analyzer
