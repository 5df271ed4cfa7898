#include "analyzer/platform/kfuncs/kfunc_table.hpp"
#include "analyzer/platform/rule_releases.hpp"

#include <algorithm>
#include <array>

namespace bpfcheck::analyzer {
namespace {

// Row builders: the reference semantics first; in() adds the set, flags,
// pointer arguments and arguments that must be BTF pointers (bit i: argument i).
constexpr KfuncPrototype plain(std::string_view name) {
    return {name};
}
constexpr KfuncPrototype acquire_or_null(std::string_view name) {
    return {name, true, true, -1};
}
constexpr KfuncPrototype acquire(std::string_view name) {
    return {name, true, false, -1};
}
constexpr KfuncPrototype release(std::string_view name) {
    return {name, false, false, 0};
}

// Iterator types: the name after bpf_iter_, the struct's 8-byte slots
// (struct bpf_iter_num { __u64 __opaque[1]; } and so on, in the kernel's
// BTF), and whether its new function is KF_RCU_PROTECTED (bpf_iter_task_new
// and bpf_iter_css_new: the iterator is usable only inside an RCU read
// section, see iter_rcu_protected).
struct IterType {
    std::string_view name;
    std::uint8_t slots;
    bool rcu_protected = false;
};
constexpr std::array kIterTypes = {
    IterType{"num", 1},       IterType{"bits", 2},     IterType{"task", 3, true}, IterType{"task_vma", 1},
    IterType{"css", 3, true}, IterType{"css_task", 1}, IterType{"kmem_cache", 1},
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

constexpr KfuncPrototype in(KfuncPrototype kfunc, KfuncSet set, std::uint8_t flags = 0, std::uint8_t ptr_args = 0,
                            std::uint8_t btf_args = 0) {
    kfunc.set = set;
    kfunc.flags = flags;
    kfunc.ptr_args = ptr_args;
    kfunc.btf_args = btf_args;
    return kfunc;
}
constexpr KfuncPrototype section(std::string_view name, KfuncSection what) {
    KfuncPrototype kfunc{name};
    kfunc.section = what;
    return kfunc;
}

constexpr std::uint8_t kTrusted = kKfTrustedArgs;
constexpr std::uint8_t kRcu = kKfRcu;
constexpr std::uint8_t kSleepable = kKfSleepable;
constexpr KfuncSet kGeneric = KfuncSet::Generic;
constexpr KfuncSet kCpumask = KfuncSet::Cpumask;
constexpr KfuncSet kFs = KfuncSet::Fs;

// net/core/filter.c, bpf_kfunc_init(): the program types bpf_kfunc_set_skb
// and bpf_kfunc_set_xdp are registered for.
constexpr std::string_view kSkbKfuncTypes =
    "sched_cls sched_act sk_skb socket_filter cgroup_skb lwt_out lwt_in lwt_xmit lwt_seg6local netfilter tracing";
constexpr std::string_view kXdpKfuncTypes = "xdp";
// net/netfilter/nf_conntrack_bpf.c, register_nf_conntrack_bpf(): nf_ct_kfunc_set
// is registered for BPF_PROG_TYPE_XDP and BPF_PROG_TYPE_SCHED_CLS.
constexpr std::string_view kConntrackKfuncTypes = "xdp sched_cls";
// register_btf_kfunc_id_set(BPF_PROG_TYPE_SCHED_CLS, TRACING, SYSCALL) of
// net/bpf/test_run.c; the tracing hook takes in its other types too.
constexpr std::string_view kTestRunKfuncTypes = "sched_cls tracing tracepoint perf_event lsm syscall";

constexpr KfuncPrototype iterators_only(KfuncPrototype kfunc) {
    kfunc.iterators_only = true;
    return kfunc;
}
constexpr KfuncPrototype only_for(KfuncPrototype kfunc, std::string_view program_types) {
    kfunc.program_types = program_types;
    return kfunc;
}
constexpr KfuncPrototype acquire_or_null_releasing(std::string_view name) {
    return {name, true, true, 0};
}

// From the kernel's BTF_ID_FLAGS declarations (Linux 6.12: kernel/bpf/helpers.c
// generic_btf_ids and common_btf_ids, kernel/bpf/cpumask.c, fs/bpf_fs_kfuncs.c,
// kernel/trace/bpf_trace.c, kernel/bpf/bpf_iter.c, net/core/filter.c).
constexpr std::array kKfuncs = {
    // generic_btf_ids
    in(acquire_or_null("bpf_task_acquire"), kGeneric, kRcu, 0b1, 0b1),
    in(release("bpf_task_release"), kGeneric),
    in(acquire_or_null("bpf_task_from_pid"), kGeneric),
    in(acquire_or_null("bpf_task_from_vpid"), kGeneric),  // Linux 6.13
    in(acquire_or_null("bpf_cgroup_acquire"), kGeneric, kRcu, 0b1, 0b1),
    in(release("bpf_cgroup_release"), kGeneric),
    in(acquire_or_null("bpf_cgroup_ancestor"), kGeneric, kRcu, 0b1, 0b1),
    in(acquire_or_null("bpf_cgroup_from_id"), kGeneric),
    in(plain("bpf_task_under_cgroup"), kGeneric, kRcu, 0b11, 0b11),
    in(acquire_or_null("bpf_task_get_cgroup1"), kGeneric, kRcu, 0b1, 0b1),
    in(allocate("bpf_obj_new_impl"), kGeneric),
    in(acquire_or_null("bpf_percpu_obj_new_impl"), kGeneric),
    in(allocate("bpf_refcount_acquire_impl", 0), kGeneric),
    in(release("bpf_obj_drop_impl"), kGeneric),
    in(release("bpf_percpu_obj_drop_impl"), kGeneric),
    in(graph_add("bpf_list_push_front_impl"), kGeneric),
    in(graph_add("bpf_list_push_back_impl"), kGeneric),
    in(graph_take("bpf_list_pop_front"), kGeneric),
    in(graph_take("bpf_list_pop_back"), kGeneric),
    in(graph_take("bpf_rbtree_remove", 1), kGeneric),
    in(graph_add("bpf_rbtree_add_impl", 2), kGeneric),
    // KF_RET_NULL: a non-owning pointer to the leftmost node.
    in(
        KfuncPrototype{
            .name = "bpf_rbtree_first", .may_be_null = true, .returns_alloc = true, .node_result = true, .root_arg = 0},
        kGeneric),
    // Map arguments (`__map` in kernel/bpf/helpers.c).
    KfuncPrototype{.name = "bpf_wq_init", .map_arg = 1, .map_object_arg = 0},
    // cpumask_kfunc_btf_ids
    in(acquire_or_null("bpf_cpumask_create"), kCpumask),
    in(release("bpf_cpumask_release"), kCpumask),
    in(acquire("bpf_cpumask_acquire"), kCpumask, kTrusted, 0b1),
    in(plain("bpf_cpumask_first"), kCpumask, kRcu, 0b1),
    in(plain("bpf_cpumask_first_zero"), kCpumask, kRcu, 0b1),
    in(plain("bpf_cpumask_first_and"), kCpumask, kRcu, 0b11),
    in(plain("bpf_cpumask_set_cpu"), kCpumask, kRcu, 0b10),
    in(plain("bpf_cpumask_clear_cpu"), kCpumask, kRcu, 0b10),
    in(plain("bpf_cpumask_test_cpu"), kCpumask, kRcu, 0b10),
    in(plain("bpf_cpumask_test_and_set_cpu"), kCpumask, kRcu, 0b10),
    in(plain("bpf_cpumask_test_and_clear_cpu"), kCpumask, kRcu, 0b10),
    in(plain("bpf_cpumask_setall"), kCpumask, kRcu, 0b1),
    in(plain("bpf_cpumask_clear"), kCpumask, kRcu, 0b1),
    in(plain("bpf_cpumask_and"), kCpumask, kRcu, 0b111),
    in(plain("bpf_cpumask_or"), kCpumask, kRcu, 0b111),
    in(plain("bpf_cpumask_xor"), kCpumask, kRcu, 0b111),
    in(plain("bpf_cpumask_equal"), kCpumask, kRcu, 0b11),
    in(plain("bpf_cpumask_intersects"), kCpumask, kRcu, 0b11),
    in(plain("bpf_cpumask_subset"), kCpumask, kRcu, 0b11),
    in(plain("bpf_cpumask_empty"), kCpumask, kRcu, 0b1),
    in(plain("bpf_cpumask_full"), kCpumask, kRcu, 0b1),
    in(plain("bpf_cpumask_copy"), kCpumask, kRcu, 0b11),
    in(plain("bpf_cpumask_any_distribute"), kCpumask, kRcu, 0b1),
    in(plain("bpf_cpumask_any_and_distribute"), kCpumask, kRcu, 0b11),
    in(plain("bpf_cpumask_weight"), kCpumask, kRcu, 0b1),
    // bpf_fs_kfunc_set_ids
    in(acquire_or_null("bpf_get_task_exe_file"), kFs, kTrusted, 0b1, 0b1),
    in(release("bpf_put_file"), kFs),
    in(plain("bpf_path_d_path"), kFs, kTrusted, 0b11, 0b1),
    in(plain("bpf_get_dentry_xattr"), kFs, kTrusted | kSleepable, 0b111, 0b1),
    in(dynptr("bpf_get_file_xattr", 1U << 2), kFs, kTrusted | kSleepable, 0b111, 0b1),
    // key_sig_kfunc_set (kernel/trace/bpf_trace.c)
    in(acquire_or_null("bpf_lookup_user_key"), KfuncSet::Tracing, kSleepable),
    in(acquire_or_null("bpf_lookup_system_key"), KfuncSet::Tracing),
    in(release("bpf_key_put"), KfuncSet::Tracing),
    in(dynptr("bpf_verify_pkcs7_signature", (1U << 0) | (1U << 1)), KfuncSet::Tracing, kSleepable),
    // common_btf_ids: the sections, and what sleeps
    KfuncPrototype{.name = "bpf_cast_to_kern_ctx", .returns_btf = true},
    KfuncPrototype{.name = "bpf_rdonly_cast", .returns_btf = true},
    section("bpf_rcu_read_lock", KfuncSection::RcuLock),
    section("bpf_rcu_read_unlock", KfuncSection::RcuUnlock),
    section("bpf_preempt_disable", KfuncSection::PreemptDisable),
    section("bpf_preempt_enable", KfuncSection::PreemptEnable),
    in(plain("bpf_copy_from_user_str"), KfuncSet::Common, kSleepable),
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
    // KF_RCU: the task is trusted or RCU-protected (and not NULL).
    in(iter("bpf_iter_task_vma_new", "task_vma", IterRole::New), KfuncSet::Common, kRcu, 0b10),
    iter("bpf_iter_task_vma_next", "task_vma", IterRole::Next),
    iter("bpf_iter_task_vma_destroy", "task_vma", IterRole::Destroy),
    // KF_TRUSTED_ARGS: the css the walk starts at is trusted (and not NULL).
    in(iter("bpf_iter_css_new", "css", IterRole::New), KfuncSet::Common, kTrusted, 0b10),
    iter("bpf_iter_css_next", "css", IterRole::Next),
    iter("bpf_iter_css_destroy", "css", IterRole::Destroy),
    in(iter("bpf_iter_css_task_new", "css_task", IterRole::New), KfuncSet::Common, kTrusted, 0b10),
    iter("bpf_iter_css_task_next", "css_task", IterRole::Next),
    iter("bpf_iter_css_task_destroy", "css_task", IterRole::Destroy),
    iter("bpf_iter_kmem_cache_new", "kmem_cache", IterRole::New),
    iter("bpf_iter_kmem_cache_next", "kmem_cache", IterRole::Next),
    iter("bpf_iter_kmem_cache_destroy", "kmem_cache", IterRole::Destroy),
    // Dynptr kfuncs: `const struct bpf_dynptr *p` is an initialised dynptr,
    // `struct bpf_dynptr *ptr__uninit` stack slots the kfunc initialises.
    // KF_TRUSTED_ARGS (net/core/filter.c): the skb is the program's context
    // or a trusted kernel pointer, never an fentry/fexit argument.
    in(dynptr("bpf_dynptr_from_skb", 0, 2, DynptrSource::Skb, kSkbKfuncTypes), KfuncSet::Common, kTrusted, 0b1),
    dynptr("bpf_dynptr_from_xdp", 0, 2, DynptrSource::Xdp, kXdpKfuncTypes),
    dynptr("bpf_dynptr_clone", 1U << 0, 1, DynptrSource::Clone),
    slice("bpf_dynptr_slice", false),
    slice("bpf_dynptr_slice_rdwr", true),
    dynptr("bpf_dynptr_adjust", 1U << 0),
    dynptr("bpf_dynptr_is_null", 1U << 0),
    dynptr("bpf_dynptr_is_rdonly", 1U << 0),
    dynptr("bpf_dynptr_size", 1U << 0),
    // crypt_init_kfunc_set (kernel/bpf/crypto.c, crypto_kfunc_init:
    // registered for BPF_PROG_TYPE_SYSCALL alone): bpf_crypto_ctx_create
    // KF_ACQUIRE | KF_RET_NULL | KF_SLEEPABLE, bpf_crypto_ctx_release
    // KF_RELEASE, bpf_crypto_ctx_acquire KF_ACQUIRE | KF_RCU | KF_RET_NULL.
    // net/core/filter.c: bpf_sk_iter_kfunc_set, registered for tracing
    // programs and filtered to iterators (tcp, udp sockets). KF_TRUSTED_ARGS
    // too, which the tcp and udp iterators' socket (PTR_TRUSTED there) meets;
    // iterator arguments are plain pointers here, so it is not checked.
    iterators_only(only_for(in(plain("bpf_sock_destroy"), KfuncSet::Common, 0, 0, 0b1), "tracing")),
    only_for(in(acquire_or_null("bpf_crypto_ctx_create"), KfuncSet::Common, kSleepable), "syscall"),
    only_for(release("bpf_crypto_ctx_release"), "syscall"),
    only_for(in(acquire_or_null("bpf_crypto_ctx_acquire"), KfuncSet::Common, kRcu, 0b1, 0b1), "syscall"),
    // xdp_metadata_kfunc_set (net/core/xdp.c, XDP_METADATA_KFUNC_xxx of
    // include/net/xdp.h): registered for BPF_PROG_TYPE_XDP, KF_TRUSTED_ARGS,
    // and resolved per device (bpf_dev_bound_kfunc_id).
    only_for(in(plain("bpf_xdp_metadata_rx_timestamp"), KfuncSet::Common, kTrusted | kKfDevBound), kXdpKfuncTypes),
    only_for(in(plain("bpf_xdp_metadata_rx_hash"), KfuncSet::Common, kTrusted | kKfDevBound), kXdpKfuncTypes),
    only_for(in(plain("bpf_xdp_metadata_rx_vlan_tag"), KfuncSet::Common, kTrusted | kKfDevBound),  // Linux 6.8
             kXdpKfuncTypes),
    // nf_ct_kfunc_set (net/netfilter/nf_conntrack_bpf.c): lookups and
    // allocations KF_ACQUIRE | KF_RET_NULL, bpf_ct_insert_entry also
    // KF_RELEASE (of the nf_conn___init it inserts), bpf_ct_release
    // KF_RELEASE, the setters KF_TRUSTED_ARGS.
    only_for(acquire_or_null("bpf_xdp_ct_alloc"), kConntrackKfuncTypes),
    only_for(acquire_or_null("bpf_xdp_ct_lookup"), kConntrackKfuncTypes),
    only_for(acquire_or_null("bpf_skb_ct_alloc"), kConntrackKfuncTypes),
    only_for(acquire_or_null("bpf_skb_ct_lookup"), kConntrackKfuncTypes),
    only_for(acquire_or_null_releasing("bpf_ct_insert_entry"), kConntrackKfuncTypes),
    only_for(release("bpf_ct_release"), kConntrackKfuncTypes),
    only_for(in(plain("bpf_ct_set_timeout"), KfuncSet::Common, kTrusted, 0b1, 0b1), kConntrackKfuncTypes),
    only_for(in(plain("bpf_ct_change_timeout"), KfuncSet::Common, kTrusted, 0b1, 0b1), kConntrackKfuncTypes),
    only_for(in(plain("bpf_ct_set_status"), KfuncSet::Common, kTrusted, 0b1, 0b1), kConntrackKfuncTypes),
    only_for(in(plain("bpf_ct_change_status"), KfuncSet::Common, kTrusted, 0b1, 0b1), kConntrackKfuncTypes),
    // net/bpf/test_run.c test_sk_check_kfunc_ids (built into every kernel
    // with CONFIG_NET): KF_RELEASE, registered for SCHED_CLS, TRACING and
    // SYSCALL; they release what bpf_kptr_xchg takes out of a
    // `struct prog_test_ref_kfunc __kptr` (prog_test_member) field.
    only_for(release("bpf_kfunc_call_test_release"), kTestRunKfuncTypes),
    only_for(release("bpf_kfunc_call_memb_release"), kTestRunKfuncTypes),
};

// bpf_prog_type_to_kfunc_hook: the program types of the tracing and cgroup hooks.
constexpr std::array<std::string_view, 4> kTracingHook = {"tracing", "tracepoint", "perf_event", "lsm"};
constexpr std::array<std::string_view, 6> kCgroupHook = {"cgroup_skb",       "cgroup_sock",    "cgroup_device",
                                                         "cgroup_sock_addr", "cgroup_sockopt", "cgroup_sysctl"};
// Program types the table places: every other kfunc hook (or none).
constexpr std::array<std::string_view, 17> kPlacedTypes = {
    "socket_filter", "sched_cls",     "sched_act",      "cgroup_skb", "lwt_in",        "lwt_out",
    "lwt_xmit",      "lwt_seg6local", "sk_skb",         "xdp",        "cgroup_sock",   "cgroup_sock_addr",
    "cgroup_device", "cgroup_sysctl", "cgroup_sockopt", "kprobe",     "raw_tracepoint"};

template <std::size_t N>
constexpr bool listed(const std::array<std::string_view, N>& list, std::string_view name) {
    return std::find(list.begin(), list.end(), name) != list.end();
}

}  // namespace

// libbpf's bpf_core_essential_name_len: an extern named `name___flavor`
// (three underscores between two other characters, the last such
// separator) is resolved as `name` (find_ksym_btf_id looks the kernel's
// BTF up by ext->essent_name), so `bpf_task_acquire___one` calls
// bpf_task_acquire.
std::string_view essential_name(std::string_view name) {
    if (name.size() < 5) {
        return name;
    }
    for (std::size_t i = name.size() - 5 + 1; i-- > 0;) {
        if (name[i] != '_' && name[i + 1] == '_' && name[i + 2] == '_' && name[i + 3] == '_' && name[i + 4] != '_') {
            return name.substr(0, i + 1);
        }
    }
    return name;
}

std::optional<KfuncPrototype> find_kfunc(std::string_view name) {
    const std::string_view essential = essential_name(name);
    for (const KfuncPrototype& kfunc : kKfuncs) {
        if (kfunc.name == essential) {
            return kfunc;
        }
    }
    return std::nullopt;
}

bool kfunc_allowed_for(const KfuncPrototype& kfunc, std::string_view type) {
    if (type == "ext") {
        return true;  // an extension takes its target's type (resolve_prog_type)
    }
    if (!kfunc.program_types.empty()) {
        std::string_view rest = kfunc.program_types;
        while (!rest.empty()) {
            const std::size_t end = rest.find(' ');
            if (rest.substr(0, end) == type) {
                return true;
            }
            rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        }
        return false;
    }
    const bool tracing = listed(kTracingHook, type);
    const bool placed = tracing || listed(kPlacedTypes, type) || type == "struct_ops" || type == "syscall" ||
                        type == "raw_tracepoint_writable" || type == "sk_msg" || type == "sock_ops" ||
                        type == "flow_dissector" || type == "sk_lookup" || type == "netfilter";
    if (!placed) {
        return true;
    }
    switch (kfunc.set) {
        case KfuncSet::Common:
            return true;
        case KfuncSet::Generic:
            return tracing || listed(kCgroupHook, type) || type == "sched_cls" || type == "xdp" ||
                   type == "struct_ops" || type == "syscall";
        case KfuncSet::Cpumask:
            return tracing || type == "struct_ops" || type == "syscall";
        case KfuncSet::Fs:
            return type == "lsm";
        case KfuncSet::Tracing:
            return tracing;
    }
    return true;
}

std::string_view iter_type_name(std::uint8_t iter_type) {
    return iter_type < kIterTypes.size() ? kIterTypes[iter_type].name : std::string_view("?");
}

bool iter_rcu_protected(std::uint8_t iter_type) {
    return iter_type < kIterTypes.size() && kIterTypes[iter_type].rcu_protected;
}

bool rcu_protected_call_needs_rcu_cs(std::uint32_t kernel_version) {
    return kernel_version >= rule_release::kRcuProtectedCalls;  // 0 (unknown): not asked
}

}  // namespace bpfcheck::analyzer
