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

// Iterator types: the name after bpf_iter_ and the struct's 8-byte slots
// (struct bpf_iter_num { __u64 __opaque[1]; } and so on, in the kernel's BTF).
struct IterType {
    std::string_view name;
    std::uint8_t slots;
};
constexpr std::array kIterTypes = {
    IterType{"num", 1}, IterType{"bits", 2},     IterType{"task", 3},       IterType{"task_vma", 1},
    IterType{"css", 3}, IterType{"css_task", 1}, IterType{"kmem_cache", 1},
};
constexpr std::uint8_t iter_index(std::string_view type) {
    for (std::size_t i = 0; i < kIterTypes.size(); ++i) {
        if (kIterTypes[i].name == type) {
            return static_cast<std::uint8_t>(i);
        }
    }
    return 0xff;
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
constexpr KfuncPrototype iter(std::string_view name, std::string_view type, IterRole role, std::uint32_t next_mem = 0) {
    KfuncPrototype kfunc{name};
    kfunc.iter_role = role;
    kfunc.iter_type = iter_index(type);
    kfunc.iter_slots = kIterTypes[kfunc.iter_type].slots;
    if (role == IterRole::Next) {
        kfunc.may_be_null = true;
        kfunc.iter_next = true;
        kfunc.next_mem = next_mem;
    }
    return kfunc;
}
constexpr KfuncPrototype dynptr(std::string_view name, std::uint8_t initialised_args, int uninit_arg = -1,
                                DynptrSource source = DynptrSource::None, std::string_view program_types = {}) {
    KfuncPrototype kfunc{name};
    kfunc.dynptr_args = initialised_args;
    kfunc.uninit_dynptr_arg = uninit_arg;
    kfunc.dynptr_source = source;
    kfunc.program_types = program_types;
    return kfunc;
}

// bpf_dynptr_slice(p, offset, buffer__opt, buffer__szk) and its _rdwr twin.
constexpr KfuncPrototype slice(std::string_view name, bool writable) {
    KfuncPrototype kfunc = dynptr(name, 1U << 0);
    kfunc.buffer_arg = 2;
    kfunc.writable_slice = writable;
    return kfunc;
}

// net/core/filter.c, bpf_kfunc_init(): the program types bpf_kfunc_set_skb
// and bpf_kfunc_set_xdp are registered for.
constexpr std::string_view kSkbKfuncTypes =
    "sched_cls sched_act sk_skb socket_filter cgroup_skb lwt_out lwt_in lwt_xmit lwt_seg6local netfilter tracing";
constexpr std::string_view kXdpKfuncTypes = "xdp";

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
    // kernel/bpf/cgroup_iter.c, kernel/bpf/helpers.c, mm/slab_common.c):
    // next gives int * or an object.
    iter("bpf_iter_num_new", "num", IterRole::New),
    iter("bpf_iter_num_next", "num", IterRole::Next, 4),
    iter("bpf_iter_num_destroy", "num", IterRole::Destroy),
    iter("bpf_iter_bits_new", "bits", IterRole::New),
    iter("bpf_iter_bits_next", "bits", IterRole::Next, 4),
    iter("bpf_iter_bits_destroy", "bits", IterRole::Destroy),
    iter("bpf_iter_task_new", "task", IterRole::New),
    iter("bpf_iter_task_next", "task", IterRole::Next),
    iter("bpf_iter_task_destroy", "task", IterRole::Destroy),
    iter("bpf_iter_task_vma_new", "task_vma", IterRole::New),
    iter("bpf_iter_task_vma_next", "task_vma", IterRole::Next),
    iter("bpf_iter_task_vma_destroy", "task_vma", IterRole::Destroy),
    iter("bpf_iter_css_new", "css", IterRole::New),
    iter("bpf_iter_css_next", "css", IterRole::Next),
    iter("bpf_iter_css_destroy", "css", IterRole::Destroy),
    iter("bpf_iter_css_task_new", "css_task", IterRole::New),
    iter("bpf_iter_css_task_next", "css_task", IterRole::Next),
    iter("bpf_iter_css_task_destroy", "css_task", IterRole::Destroy),
    iter("bpf_iter_kmem_cache_new", "kmem_cache", IterRole::New),
    iter("bpf_iter_kmem_cache_next", "kmem_cache", IterRole::Next),
    iter("bpf_iter_kmem_cache_destroy", "kmem_cache", IterRole::Destroy),
    // Dynptr kfuncs: `const struct bpf_dynptr *p` is an initialised dynptr,
    // `struct bpf_dynptr *ptr__uninit` stack slots the kfunc initialises.
    dynptr("bpf_dynptr_from_skb", 0, 2, DynptrSource::Skb, kSkbKfuncTypes),
    dynptr("bpf_dynptr_from_xdp", 0, 2, DynptrSource::Xdp, kXdpKfuncTypes),
    dynptr("bpf_dynptr_clone", 1U << 0, 1, DynptrSource::Clone),
    slice("bpf_dynptr_slice", false),
    slice("bpf_dynptr_slice_rdwr", true),
    dynptr("bpf_dynptr_adjust", 1U << 0),
    dynptr("bpf_dynptr_is_null", 1U << 0),
    dynptr("bpf_dynptr_is_rdonly", 1U << 0),
    dynptr("bpf_dynptr_size", 1U << 0),
    dynptr("bpf_verify_pkcs7_signature", (1U << 0) | (1U << 1)),
    dynptr("bpf_get_file_xattr", 1U << 2),
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

bool kfunc_allowed_for_type(const KfuncPrototype& kfunc, std::string_view type) {
    std::string_view rest = kfunc.program_types;
    if (rest.empty()) {
        return true;
    }
    while (!rest.empty()) {
        const std::size_t end = rest.find(' ');
        if (rest.substr(0, end) == type) {
            return true;
        }
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    }
    return false;
}

std::string_view iter_type_name(std::uint8_t iter_type) {
    return iter_type < kIterTypes.size() ? kIterTypes[iter_type].name : std::string_view("?");
}

}  // namespace bpfcheck::analyzer
