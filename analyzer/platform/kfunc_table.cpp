#include "analyzer/platform/kfunc_table.hpp"

#include <array>

namespace bpfcheck::analyzer {
namespace {

constexpr KfuncPrototype acquire_or_null(std::string_view name) {
    return {name, true, true, -1};
}
constexpr KfuncPrototype acquire(std::string_view name) {
    return {name, true, false, -1};
}
constexpr KfuncPrototype release(std::string_view name) {
    return {name, false, false, 0};
}

// From the kernel's BTF_ID_FLAGS declarations (kernel/bpf/helpers.c,
// kernel/bpf/cpumask.c, fs/bpf_fs_kfuncs.c).
constexpr std::array kKfuncs = {
    acquire_or_null("bpf_task_acquire"),
    acquire_or_null("bpf_task_from_pid"),
    acquire_or_null("bpf_task_from_vpid"),
    release("bpf_task_release"),
    acquire_or_null("bpf_cgroup_acquire"),
    acquire_or_null("bpf_cgroup_from_id"),
    acquire_or_null("bpf_cgroup_ancestor"),
    acquire_or_null("bpf_task_get_cgroup1"),
    release("bpf_cgroup_release"),
    acquire_or_null("bpf_cpumask_create"),
    acquire("bpf_cpumask_acquire"),
    release("bpf_cpumask_release"),
    acquire_or_null("bpf_obj_new_impl"),
    acquire_or_null("bpf_percpu_obj_new_impl"),
    acquire_or_null("bpf_refcount_acquire_impl"),
    release("bpf_obj_drop_impl"),
    release("bpf_percpu_obj_drop_impl"),
    acquire_or_null("bpf_get_task_exe_file"),
    release("bpf_put_file"),
};

}  // namespace

std::optional<KfuncPrototype> find_kfunc(std::string_view name) {
    for (const KfuncPrototype& kfunc : kKfuncs) {
        if (kfunc.name == name) {
            return kfunc;
        }
    }
    return std::nullopt;
}

}  // namespace bpfcheck::analyzer
