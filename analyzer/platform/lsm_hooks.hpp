// BPF LSM hooks as the kernel's kernel/bpf/bpf_lsm.c lists them (Linux 6.12):
// the hooks a BPF LSM program may not attach to (bpf_lsm_disabled_hooks,
// checked by bpf_lsm_verify_prog: "attach_btf_id %u points to disabled hook
// %s"), and the return values an lsm_mac program may give
// (bpf_lsm_get_retval_range, enforced by check_return_code on the 32-bit
// value): none for void hooks, 0 or 1 for the hooks that return bool
// (bool_lsm_hooks), else 0 or a negative errno, [-MAX_ERRNO, 0]; and the
// hooks whose arguments are not trusted (untrusted_lsm_hooks); and the hooks
// where a program may sleep (sleepable_lsm_hooks).
#pragma once

#include "analyzer/platform/program_type.hpp"

#include <optional>
#include <string_view>

namespace bpfcheck::analyzer {

// `function`: the hook's kernel function, bpf_lsm_NAME.
bool lsm_hook_disabled(std::string_view function);

// Whether the hook is one of sleepable_lsm_hooks (bpf_lsm_is_sleepable_hook):
// called where the task may sleep.
bool lsm_hook_sleepable(std::string_view function);

// Whether the hook's pointer arguments are PTR_TRUSTED (bpf_lsm_is_trusted):
// all but those of the hooks that allocate or free them (untrusted_lsm_hooks).
bool lsm_hook_args_trusted(std::string_view function);

// The range for an lsm_mac program attached to `function`; nullopt for a
// hook returning void (any value).
std::optional<ReturnRange> lsm_return_range(std::string_view function, bool hook_returns_value);

}  // namespace bpfcheck::analyzer
