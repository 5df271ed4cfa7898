// The kernel functions (kfuncs) bpfcheck knows, as the kernel's kfunc id sets
// declare them (BTF_ID_FLAGS in kernel/bpf/helpers.c, kernel/bpf/cpumask.c,
// fs/bpf_fs_kfuncs.c, kernel/trace/bpf_trace.c): which acquire a reference (KF_ACQUIRE, possibly NULL:
// KF_RET_NULL) and which release one (KF_RELEASE); which take only trusted
// or RCU-protected pointers (KF_TRUSTED_ARGS, KF_RCU) and which pointer
// arguments they have; which may sleep (KF_SLEEPABLE); the open-coded
// iterators' next functions (KF_ITER_NEXT | KF_RET_NULL), which return a
// pointer into the iterator or to the next object, or NULL; the ones that
// open and close an RCU read section or a preemption-disabled region; and
// the id set each belongs to, which decides the program types that may call
// it (register_btf_kfunc_id_set, bpf_prog_type_to_kfunc_hook in
// kernel/bpf/btf.c). Other kfuncs return an unknown number, take any
// arguments and are not checked against the program type.
// The open-coded iterators' new, next and destroy functions (KF_ITER_NEW,
// KF_ITER_NEXT | KF_RET_NULL, KF_ITER_DESTROY), with the size of the
// iterator struct on the stack; and the kfuncs that take a struct bpf_dynptr
// (an initialised one, or `__uninit` stack slots they initialise), as their
// prototypes in kernel/bpf/helpers.c, net/core/filter.c and
// kernel/trace/bpf_trace.c declare them.
// Objects the program allocates (bpf_obj_new: the kernel's PTR_TO_BTF_ID |
// MEM_ALLOC) and the collections that own them (bpf_rbtree_*, bpf_list_*):
// which argument is the root whose bpf_spin_lock must be held, which node
// argument passes its owning reference into the collection, and which must
// be a non-owning one (kernel/bpf/verifier.c, check_kfunc_args).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace bpfcheck::analyzer {

enum class IterRole : std::uint8_t { None, New, Next, Destroy };

// What a dynptr kfunc makes of the dynptr it initialises.
enum class DynptrSource : std::uint8_t { None, Skb, Xdp, Clone };

// The kfunc id set a kfunc is registered in, and so the program types that
// may call it.
enum class KfuncSet : std::uint8_t {
    Common,   // common_kfunc_set: BPF_PROG_TYPE_UNSPEC, every program type
    Generic,  // generic_kfunc_set: tracing hook, tc, xdp, struct_ops, syscall, cgroup hook
    Cpumask,  // cpumask_kfunc_set: tracing hook, struct_ops, syscall
    Fs,       // bpf_fs_kfunc_set: lsm only (its filter refuses other tracing-hook types)
    Tracing,  // registered for BPF_PROG_TYPE_TRACING alone (bpf_key_sig_kfunc_set): the tracing hook
};

// What a kfunc does to the program's critical sections (special_kfunc_list).
enum class KfuncSection : std::uint8_t { None, RcuLock, RcuUnlock, PreemptDisable, PreemptEnable };

inline constexpr std::uint8_t kKfTrustedArgs = 1U << 0;  // KF_TRUSTED_ARGS
inline constexpr std::uint8_t kKfRcu = 1U << 1;          // KF_RCU
inline constexpr std::uint8_t kKfSleepable = 1U << 2;    // KF_SLEEPABLE
// In xdp_metadata_kfunc_ids (net/core/xdp.c): bpf_dev_bound_kfunc_id, only
// for device-bound programs (bpf_dev_bound_kfunc_check).
inline constexpr std::uint8_t kKfDevBound = 1U << 3;

struct KfuncPrototype {
    std::string_view name;
    bool acquires = false;     // returns a new reference (a kernel object pointer)
    bool may_be_null = false;  // the returned pointer must be checked against NULL
    int releases_arg = -1;     // argument (0-based) whose reference it releases
    // An iterator's next function: returns NULL at the end, else (read-only)
    // memory of `next_mem` bytes (int * of bpf_iter_num_next), or a kernel
    // object when next_mem is 0.
    bool iter_next = false;
    std::uint32_t next_mem = 0;
    // Open-coded iterators: the role of this kfunc, the iterator type's
    // index (iter_type_name) and the struct bpf_iter_<type>'s 8-byte stack
    // slots; the iterator is always argument 0.
    IterRole iter_role = IterRole::None;
    std::uint8_t iter_type = 0;
    std::uint8_t iter_slots = 0;
    // Dynptrs: a bit per argument that must be an initialised struct
    // bpf_dynptr (KF_ARG_PTR_TO_DYNPTR), and the argument (-1: none) whose
    // 16 stack bytes the kfunc initialises as one (`__uninit`).
    std::uint8_t dynptr_args = 0;
    int uninit_dynptr_arg = -1;
    DynptrSource dynptr_source = DynptrSource::None;
    // bpf_dynptr_slice(_rdwr): the argument (-1: none) of an optional
    // buffer whose size (`__szk`, a known constant) is the next argument
    // (KF_ARG_PTR_TO_MEM_SIZE); and whether the slice is writable, which
    // needs a program type that may write packet data.
    int buffer_arg = -1;
    bool writable_slice = false;
    // The program types whose kfunc id set registers it (names as
    // ProgramType::name), a space-separated list; empty: not restricted here.
    std::string_view program_types{};
    // The kfunc set's filter admits only iterator programs (expected attach
    // type BPF_TRACE_ITER: tracing_iter_filter, for bpf_sock_destroy).
    bool iterators_only = false;
    // Returns an allocated object (MEM_ALLOC), owning when it acquires,
    // else non-owning (bpf_rbtree_first); `node_result`: a pointer to the
    // node inside its object, at an offset the root's BTF tells, not us.
    bool returns_alloc = false;
    bool node_result = false;
    // bpf_rb_root / bpf_list_head argument: its lock must be held
    // (check_reg_allocation_locked).
    int root_arg = -1;
    // Node argument that must be an owning reference; the collection takes
    // the reference and leaves the pointer non-owning (ref_convert_owning_non_owning).
    int owned_node_arg = -1;
    // Node argument that must be a non-owning reference (bpf_rbtree_remove).
    int non_owning_node_arg = -1;
    // bpf_refcount_acquire: the result may be NULL only when this argument
    // is not an owning reference (is_kfunc_ret_null).
    int refcounted_arg = -1;
    // The callback argument (bpf_rbtree_add's less), called with two
    // non-owning node pointers while the lock is held.
    int less_callback_arg = -1;
    // An argument named `__map` (KF_ARG_PTR_TO_MAP): it must carry a map,
    // and, when `map_object_arg` is given, the map holding that argument's
    // object (bpf_wq_init: the bpf_wq's map).
    int map_arg = -1;
    int map_object_arg = -1;
    // Returns a kernel object pointer that is no new reference and never
    // NULL (check_kfunc_call: bpf_cast_to_kern_ctx gives the context's
    // kernel struct, bpf_rdonly_cast an untrusted pointer of a given type).
    bool returns_btf = false;
    KfuncSet set = KfuncSet::Common;
    std::uint8_t flags = 0;     // kKf* bits
    std::uint8_t ptr_args = 0;  // bit i: argument i is a pointer (not `__nullable`, not `__ign`)
    // bit i: argument i points to a kernel struct that holds more than
    // numbers (task_struct, cgroup, file, ...), so only a BTF pointer will do
    // (get_kfunc_ptr_arg_type: other memory only for structs of scalars).
    std::uint8_t btf_args = 0;
    KfuncSection section = KfuncSection::None;

    [[nodiscard]] constexpr bool has(std::uint8_t flag) const { return (flags & flag) != 0; }
};

// Whether a program of `program_type` (libbpf's name) may call `kfunc`
// (btf_kfunc_id_set_contains; the kernel: "calling kernel function X is not
// allowed"): the program types of its own set where the row lists them (the
// skb and xdp sets of net/core/filter.c), else those of its id set. Program
// types the table cannot place (ext, whose target decides) may.
bool kfunc_allowed_for(const KfuncPrototype& kfunc, std::string_view program_type);

// The graph a bpf_rbtree_* or bpf_list_* kfunc works on: the structs of its
// root and its nodes.
struct GraphStructs {
    bool rbtree = false;
    std::string_view root;  // bpf_rb_root or bpf_list_head
    std::string_view node;  // bpf_rb_node or bpf_list_node
};
inline GraphStructs graph_structs(std::string_view kfunc) {
    if (kfunc.starts_with("bpf_rbtree_")) {
        return {true, "bpf_rb_root", "bpf_rb_node"};
    }
    return {false, "bpf_list_head", "bpf_list_node"};
}

std::optional<KfuncPrototype> find_kfunc(std::string_view name);

// The name libbpf looks an extern `name___flavor` up by (bpf_core_essential_name_len).
std::string_view essential_name(std::string_view name);
// The iterator type `iter_type` names ("num" for struct bpf_iter_num).
std::string_view iter_type_name(std::uint8_t iter_type);
// Whether the iterator type's new function is KF_RCU_PROTECTED: created
// outside an RCU read section (in_rcu_cs), or kept past bpf_rcu_read_unlock,
// the iterator is untrusted, and next or destroy refuse it
// (mark_stack_slots_iter, is_iter_reg_valid_init: "expected an RCU CS when
// using %s").
bool iter_rcu_protected(std::uint8_t iter_type);
// Whether the target kernel refuses a KF_RCU_PROTECTED kfunc called outside
// an RCU read section at the call itself ("kernel func %s requires RCU
// critical section protection", check_kfunc_call): Linux 6.18 does; 6.12
// creates the iterator untrusted and refuses its next.
bool rcu_protected_call_needs_rcu_cs(std::uint32_t kernel_version);

}  // namespace bpfcheck::analyzer
