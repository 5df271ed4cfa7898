#include "analyzer/platform/kfunc_table.hpp"

#include <algorithm>
#include <array>

namespace bpfcheck::analyzer {
namespace {

// Row builders: the reference semantics first, then the set, flags, pointer
// arguments and arguments that must be BTF pointers (bit i: argument i).
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
constexpr KfuncPrototype iter_next(std::string_view name, std::uint32_t mem_bytes = 0) {
    return {name, false, true, -1, true, mem_bytes};
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

// From the kernel's BTF_ID_FLAGS declarations (Linux 6.12: kernel/bpf/helpers.c
// generic_btf_ids and common_btf_ids, kernel/bpf/cpumask.c, fs/bpf_fs_kfuncs.c,
// kernel/trace/bpf_trace.c).
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
    in(acquire_or_null("bpf_obj_new_impl"), kGeneric),
    in(acquire_or_null("bpf_percpu_obj_new_impl"), kGeneric),
    in(acquire_or_null("bpf_refcount_acquire_impl"), kGeneric),
    in(release("bpf_obj_drop_impl"), kGeneric),
    in(release("bpf_percpu_obj_drop_impl"), kGeneric),
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
    in(plain("bpf_get_file_xattr"), kFs, kTrusted | kSleepable, 0b111, 0b1),
    // key_sig_kfunc_set (kernel/trace/bpf_trace.c)
    in(acquire_or_null("bpf_lookup_user_key"), KfuncSet::Tracing, kSleepable),
    in(acquire_or_null("bpf_lookup_system_key"), KfuncSet::Tracing),
    in(release("bpf_key_put"), KfuncSet::Tracing),
    in(plain("bpf_verify_pkcs7_signature"), KfuncSet::Tracing, kSleepable),
    // common_btf_ids: the sections, and what sleeps
    section("bpf_rcu_read_lock", KfuncSection::RcuLock),
    section("bpf_rcu_read_unlock", KfuncSection::RcuUnlock),
    section("bpf_preempt_disable", KfuncSection::PreemptDisable),
    section("bpf_preempt_enable", KfuncSection::PreemptEnable),
    in(plain("bpf_copy_from_user_str"), KfuncSet::Common, kSleepable),
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

std::optional<KfuncPrototype> find_kfunc(std::string_view name) {
    for (const KfuncPrototype& kfunc : kKfuncs) {
        if (kfunc.name == name) {
            return kfunc;
        }
    }
    return std::nullopt;
}

bool kfunc_allowed_for(const KfuncPrototype& kfunc, std::string_view type) {
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

}  // namespace bpfcheck::analyzer
