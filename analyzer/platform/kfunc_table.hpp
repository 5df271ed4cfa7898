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
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace bpfcheck::analyzer {

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

std::optional<KfuncPrototype> find_kfunc(std::string_view name);

// Whether a program of `program_type` (libbpf's name) may call `kfunc`
// (btf_kfunc_id_set_contains). Program types the table cannot place
// (ext, whose target decides) may.
bool kfunc_allowed_for(const KfuncPrototype& kfunc, std::string_view program_type);

}  // namespace bpfcheck::analyzer
