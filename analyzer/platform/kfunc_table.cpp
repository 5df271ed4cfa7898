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
constexpr KfuncPrototype iter_next(std::string_view name, std::uint32_t mem_bytes = 0) {
    return {name, false, true, -1, true, mem_bytes};
}

// From the kernel's BTF_ID_FLAGS declarations (kernel/bpf/helpers.c,
// kernel/bpf/cpumask.c, fs/bpf_fs_kfuncs.c, kernel/trace/bpf_trace.c).
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
    // kernel/trace/bpf_trace.c: key_sig_kfunc_set.
    acquire_or_null("bpf_lookup_user_key"),
    acquire_or_null("bpf_lookup_system_key"),
    release("bpf_key_put"),
    // Open-coded iterators (kernel/bpf/bpf_iter.c, kernel/bpf/task_iter.c,
    // kernel/bpf/cgroup_iter.c, kernel/bpf/helpers.c): int * or an object.
    iter_next("bpf_iter_num_next", 4),
    iter_next("bpf_iter_bits_next", 4),
    iter_next("bpf_iter_task_next"),
    iter_next("bpf_iter_task_vma_next"),
    iter_next("bpf_iter_css_next"),
    iter_next("bpf_iter_css_task_next"),
    iter_next("bpf_iter_kmem_cache_next"),
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
