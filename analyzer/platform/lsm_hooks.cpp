// The BPF LSM hook lists of kernel/bpf/bpf_lsm.c (Linux 6.12) as data; see
// lsm_hooks.hpp for the rules that read them.
#include "analyzer/platform/lsm_hooks.hpp"

#include <algorithm>
#include <array>

namespace bpfcheck::analyzer {
namespace {

// bpf_lsm_disabled_hooks (those under CONFIG_KEYS, CONFIG_AUDIT and
// CONFIG_SECURITY_NETWORK_XFRM included: the distributions' kernels set them).
constexpr std::array<std::string_view, 12> kDisabledHooks = {
    "bpf_lsm_vm_enough_memory",   "bpf_lsm_inode_need_killpriv", "bpf_lsm_inode_getsecurity",
    "bpf_lsm_inode_listsecurity", "bpf_lsm_inode_copy_up_xattr", "bpf_lsm_getselfattr",
    "bpf_lsm_getprocattr",        "bpf_lsm_setprocattr",         "bpf_lsm_key_getsecurity",
    "bpf_lsm_audit_rule_match",   "bpf_lsm_xfrm_decode_session", "bpf_lsm_ismaclabel",
};

// bool_lsm_hooks: hooks returning 0 or 1.
constexpr std::array<std::string_view, 3> kBoolHooks = {
    "bpf_lsm_xfrm_state_pol_flow_match",
    "bpf_lsm_audit_rule_known",
    "bpf_lsm_inode_xattr_skipcap",
};

// untrusted_lsm_hooks: hooks whose arguments are being allocated or freed,
// so the kernel does not mark them PTR_TRUSTED (bpf_lsm_is_trusted).
constexpr std::array<std::string_view, 7> kUntrustedArgHooks = {
    "bpf_lsm_bpf_map_free",       "bpf_lsm_bpf_prog_free",     "bpf_lsm_file_alloc_security",
    "bpf_lsm_file_free_security", "bpf_lsm_sk_alloc_security", "bpf_lsm_sk_free_security",
    "bpf_lsm_task_free",
};

constexpr std::int64_t kMaxErrno = 4095;

}  // namespace

bool lsm_hook_disabled(std::string_view function) {
    return std::find(kDisabledHooks.begin(), kDisabledHooks.end(), function) != kDisabledHooks.end();
}

bool lsm_hook_args_trusted(std::string_view function) {
    return std::find(kUntrustedArgHooks.begin(), kUntrustedArgHooks.end(), function) == kUntrustedArgHooks.end();
}

std::optional<ReturnRange> lsm_return_range(std::string_view function, bool hook_returns_value) {
    if (!hook_returns_value) {
        return std::nullopt;
    }
    if (std::find(kBoolHooks.begin(), kBoolHooks.end(), function) != kBoolHooks.end()) {
        return ReturnRange{0, 1};
    }
    return ReturnRange{-kMaxErrno, 0};
}

}  // namespace bpfcheck::analyzer
