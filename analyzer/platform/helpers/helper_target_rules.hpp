// The allowed() callbacks of the helper protos that decide by the program's
// attach target (the helpers helper_availability_data.inc marks "by target"):
// kernel/trace/bpf_trace.c's bpf_d_path_allowed and kernel/bpf/bpf_lsm.c's
// bpf_ima_inode_hash_allowed. check_helper_call refuses a call the callback
// refuses: "helper call is not allowed in probe".
#pragma once

#include <cstdint>
#include <string_view>

namespace bpfcheck::analyzer {

// Whether a program of `program_type` (with `attach_type`, as libbpf names
// it) attached to kernel function `function` (bpf_lsm_NAME for an lsm
// program) may call helper `helper_id`. True for helpers with no such
// callback, and when `function` is empty (the target is not known).
bool helper_allowed_at_target(std::int32_t helper_id, std::string_view program_type, std::string_view attach_type,
                              std::string_view function);

}  // namespace bpfcheck::analyzer
