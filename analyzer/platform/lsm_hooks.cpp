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

// sleepable_lsm_hooks: hooks called where the task may sleep, the only ones a
// sleepable (lsm.s) program may attach to and the only ones bpf_d_path and
// bpf_ima_*_hash allow (CONFIG_SECURITY_PATH and CONFIG_SECURITY_NETWORK
// hooks included: the distributions' kernels set them). Sorted.
constexpr std::array<std::string_view, 84> kSleepableHooks = {
    "bpf_lsm_bpf",
    "bpf_lsm_bpf_map",
    "bpf_lsm_bpf_map_create",
    "bpf_lsm_bpf_map_free",
    "bpf_lsm_bpf_prog",
    "bpf_lsm_bpf_prog_load",
    "bpf_lsm_bpf_token_capable",
    "bpf_lsm_bpf_token_cmd",
    "bpf_lsm_bpf_token_create",
    "bpf_lsm_bpf_token_free",
    "bpf_lsm_bprm_check_security",
    "bpf_lsm_bprm_committed_creds",
    "bpf_lsm_bprm_committing_creds",
    "bpf_lsm_bprm_creds_for_exec",
    "bpf_lsm_bprm_creds_from_file",
    "bpf_lsm_capget",
    "bpf_lsm_capset",
    "bpf_lsm_cred_prepare",
    "bpf_lsm_current_getsecid_subj",
    "bpf_lsm_file_ioctl",
    "bpf_lsm_file_lock",
    "bpf_lsm_file_open",
    "bpf_lsm_file_post_open",
    "bpf_lsm_file_receive",
    "bpf_lsm_inode_create",
    "bpf_lsm_inode_free_security",
    "bpf_lsm_inode_getattr",
    "bpf_lsm_inode_getxattr",
    "bpf_lsm_inode_mknod",
    "bpf_lsm_inode_need_killpriv",
    "bpf_lsm_inode_post_setxattr",
    "bpf_lsm_inode_readlink",
    "bpf_lsm_inode_rename",
    "bpf_lsm_inode_rmdir",
    "bpf_lsm_inode_setattr",
    "bpf_lsm_inode_setxattr",
    "bpf_lsm_inode_symlink",
    "bpf_lsm_inode_unlink",
    "bpf_lsm_kernel_module_request",
    "bpf_lsm_kernel_read_file",
    "bpf_lsm_kernfs_init_security",
    "bpf_lsm_mmap_file",
    "bpf_lsm_netlink_send",
    "bpf_lsm_path_chmod",
    "bpf_lsm_path_chown",
    "bpf_lsm_path_link",
    "bpf_lsm_path_mkdir",
    "bpf_lsm_path_notify",
    "bpf_lsm_path_rename",
    "bpf_lsm_path_rmdir",
    "bpf_lsm_path_symlink",
    "bpf_lsm_path_truncate",
    "bpf_lsm_path_unlink",
    "bpf_lsm_release_secctx",
    "bpf_lsm_sb_alloc_security",
    "bpf_lsm_sb_eat_lsm_opts",
    "bpf_lsm_sb_kern_mount",
    "bpf_lsm_sb_mount",
    "bpf_lsm_sb_remount",
    "bpf_lsm_sb_set_mnt_opts",
    "bpf_lsm_sb_show_options",
    "bpf_lsm_sb_statfs",
    "bpf_lsm_sb_umount",
    "bpf_lsm_settime",
    "bpf_lsm_socket_accept",
    "bpf_lsm_socket_bind",
    "bpf_lsm_socket_connect",
    "bpf_lsm_socket_create",
    "bpf_lsm_socket_getpeername",
    "bpf_lsm_socket_getpeersec_dgram",
    "bpf_lsm_socket_getsockname",
    "bpf_lsm_socket_getsockopt",
    "bpf_lsm_socket_listen",
    "bpf_lsm_socket_post_create",
    "bpf_lsm_socket_recvmsg",
    "bpf_lsm_socket_sendmsg",
    "bpf_lsm_socket_shutdown",
    "bpf_lsm_socket_socketpair",
    "bpf_lsm_syslog",
    "bpf_lsm_task_alloc",
    "bpf_lsm_task_getsecid_obj",
    "bpf_lsm_task_prctl",
    "bpf_lsm_task_setscheduler",
    "bpf_lsm_userns_create",
};

constexpr std::int64_t kMaxErrno = 4095;

}  // namespace

bool lsm_hook_disabled(std::string_view function) {
    return std::find(kDisabledHooks.begin(), kDisabledHooks.end(), function) != kDisabledHooks.end();
}

bool lsm_hook_sleepable(std::string_view function) {
    return std::binary_search(kSleepableHooks.begin(), kSleepableHooks.end(), function);
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
