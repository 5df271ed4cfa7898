// The by-target helper rules of Linux 6.12 (see helper_target_rules.hpp).
#include "analyzer/platform/helpers/helper_target_rules.hpp"

#include "analyzer/platform/lsm_hooks.hpp"

#include <algorithm>
#include <array>

namespace bpfcheck::analyzer {
namespace {

constexpr std::int32_t kDPath = 147;         // bpf_d_path
constexpr std::int32_t kImaInodeHash = 161;  // bpf_ima_inode_hash
constexpr std::int32_t kImaFileHash = 193;   // bpf_ima_file_hash

// btf_allowlist_d_path: the functions a tracing program calling bpf_d_path
// may attach to (the security_* ones under CONFIG_SECURITY and
// CONFIG_SECURITY_PATH, which the distributions' kernels set).
constexpr std::array<std::string_view, 9> kDPathFunctions = {
    "security_file_permission",
    "security_inode_getattr",
    "security_file_open",
    "security_path_truncate",
    "vfs_truncate",
    "vfs_fallocate",
    "dentry_open",
    "vfs_getattr",
    "filp_close",
};

}  // namespace

bool helper_allowed_at_target(std::int32_t helper_id, std::string_view program_type, std::string_view attach_type,
                              std::string_view function) {
    if (function.empty()) {
        return true;
    }
    if (helper_id == kDPath) {
        // bpf_d_path_allowed: any iterator; an lsm program on a sleepable
        // hook; a tracing program on a function of the allowlist.
        if (program_type == "lsm") {
            return lsm_hook_sleepable(function);
        }
        if (program_type == "tracing" && attach_type != "trace_iter") {
            return std::find(kDPathFunctions.begin(), kDPathFunctions.end(), function) != kDPathFunctions.end();
        }
        return true;
    }
    if (helper_id == kImaInodeHash || helper_id == kImaFileHash) {
        // bpf_ima_inode_hash_allowed (both protos): a sleepable hook.
        return program_type != "lsm" || lsm_hook_sleepable(function);
    }
    return true;
}

}  // namespace bpfcheck::analyzer
