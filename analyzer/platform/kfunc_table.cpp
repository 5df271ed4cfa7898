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
// bpf_obj_new / bpf_refcount_acquire: a new owning reference to an
// allocated object (KF_ACQUIRE | KF_RET_NULL).
constexpr KfuncPrototype allocate(std::string_view name, int refcounted_arg = -1) {
    return {
        .name = name, .acquires = true, .may_be_null = true, .returns_alloc = true, .refcounted_arg = refcounted_arg};
}
// bpf_list_push_*_impl, bpf_rbtree_add_impl: the root, the node given away.
constexpr KfuncPrototype graph_add(std::string_view name, int less_callback_arg = -1) {
    return {.name = name, .root_arg = 0, .owned_node_arg = 1, .less_callback_arg = less_callback_arg};
}
// bpf_list_pop_*, bpf_rbtree_remove: the node taken out, owned again
// (KF_ACQUIRE | KF_RET_NULL).
constexpr KfuncPrototype graph_take(std::string_view name, int non_owning_node_arg = -1) {
    return {.name = name,
            .acquires = true,
            .may_be_null = true,
            .returns_alloc = true,
            .node_result = true,
            .root_arg = 0,
            .non_owning_node_arg = non_owning_node_arg};
}
constexpr KfuncPrototype iter_next(std::string_view name, std::uint32_t mem_bytes = 0) {
    return {name, false, true, -1, true, mem_bytes};
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
    allocate("bpf_obj_new_impl"),
    acquire_or_null("bpf_percpu_obj_new_impl"),
    allocate("bpf_refcount_acquire_impl", 0),
    release("bpf_obj_drop_impl"),
    release("bpf_percpu_obj_drop_impl"),
    graph_add("bpf_list_push_front_impl"),
    graph_add("bpf_list_push_back_impl"),
    graph_take("bpf_list_pop_front"),
    graph_take("bpf_list_pop_back"),
    graph_take("bpf_rbtree_remove", 1),
    graph_add("bpf_rbtree_add_impl", 2),
    // KF_RET_NULL: a non-owning pointer to the leftmost node.
    KfuncPrototype{
        .name = "bpf_rbtree_first", .may_be_null = true, .returns_alloc = true, .node_result = true, .root_arg = 0},
    acquire_or_null("bpf_get_task_exe_file"),
    release("bpf_put_file"),
    // Map arguments (`__map` in kernel/bpf/helpers.c).
    KfuncPrototype{.name = "bpf_wq_init", .map_arg = 1, .map_object_arg = 0},
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
