// The registry of check ids. Families: uninit, stack, ctx, packet, map, mem,
// null, pointer, exit, div, cfg, loop, call, tailcall, helper, ref, btf.
#include "analyzer/check_registry.hpp"

#include <array>

namespace bpfcheck::analyzer {
namespace {
constexpr std::array kChecks = {
    CheckInfo{"uninit.register", "a register is read before it is written"},
    CheckInfo{"uninit.stack", "stack bytes are read before they are written"},
    CheckInfo{"stack.out_of_bounds", "a stack access falls outside the 512-byte frame"},
    CheckInfo{"stack.misaligned", "a stack access not aligned to its size (the kernel always requires it)"},
    CheckInfo{"stack.frame_pointer", "a write to r10, the read-only frame pointer"},
    CheckInfo{"stack.object_slot",
              "a read of a dynptr's or an open-coded iterator's stack slots as data, or a helper writing into a "
              "dynptr's (the kernel's STACK_DYNPTR and STACK_ITER slots)"},
    CheckInfo{"ctx.bad_access", "a context access does not match a field of the program type's context"},
    CheckInfo{"ctx.read_only", "a write to a read-only context field"},
    CheckInfo{"ctx.variable_offset", "a context access through a pointer with a variable offset"},
    CheckInfo{"packet.bounds", "a packet access is not proven to lie between data and data_end"},
    CheckInfo{"packet.end_deref", "data_end is dereferenced"},
    CheckInfo{"packet.read_only", "a packet write in a program type that may not write packets"},
    CheckInfo{"packet.legacy_load", "an LD_ABS/LD_IND instruction where it is not allowed"},
    CheckInfo{"map.bounds", "a map value or key access outside value_size or key_size"},
    CheckInfo{"map.no_btf",
              "a bpf_spin_lock, bpf_timer or kptr in the value of a map the kernel creates without BTF (a legacy "
              "definition, or an object whose BTF the kernel refuses, as GCC 12's)"},
    CheckInfo{"map.kptr_access",
              "a kptr field of a map value accessed other than as one 8-byte load or store at its offset, through a "
              "helper, or stored to when referenced"},
    CheckInfo{"map.special_field",
              "a load or store touches a bpf_spin_lock, bpf_timer, bpf_wq, bpf_list_head or bpf_rb_root in a map "
              "value (only helpers and kfuncs may)"},
    CheckInfo{"map.not_for_type",
              "a map whose value holds a bpf_spin_lock, bpf_timer, bpf_wq, bpf_list_head or bpf_rb_root, used by a "
              "program type that may not use it (tracing programs; socket filters and locks)"},
    CheckInfo{"map.create",
              "a map definition the kernel refuses to create (BPF_MAP_CREATE): libbpf then loads no program of the "
              "object"},
    CheckInfo{"map.no_map",
              "an ld_imm64 of a map or map value that no relocation names: the kernel reads its immediate as a file "
              "descriptor that holds no map"},
    CheckInfo{"map.write_only", "a read of a map value programs may only write (BPF_F_WRONLY_PROG)"},
    CheckInfo{"map.read_only", "a write into a read-only map (.rodata, BPF_F_RDONLY_PROG)"},
    CheckInfo{"mem.misaligned",
              "an atomic operation on memory not aligned to its size (the kernel always requires it)"},
    CheckInfo{"mem.bounds", "an access outside memory returned by a helper"},
    CheckInfo{"mem.sock_field",
              "a read through a socket pointer (struct bpf_sock, its sock_common part, struct bpf_tcp_sock) that "
              "matches no field at that offset and width"},
    CheckInfo{"null.deref", "a pointer that may be NULL is dereferenced"},
    CheckInfo{"pointer.arithmetic", "pointer arithmetic the kernel prohibits"},
    CheckInfo{"pointer.ambiguous", "a register holds different kinds of pointer on different paths"},
    CheckInfo{"pointer.not_pointer", "a number is dereferenced"},
    CheckInfo{"pointer.invalid_access", "a dereference of a pointer kind that cannot be dereferenced"},
    CheckInfo{"pointer.map_deref", "a map pointer is dereferenced instead of looked up"},
    CheckInfo{"pointer.btf_write", "a write through a BTF-typed kernel pointer"},
    CheckInfo{"pointer.read_only", "a write through a read-only pointer"},
    CheckInfo{"pointer.partial_spill", "part of a pointer is stored to the stack"},
    CheckInfo{"pointer.partial_fill",
              "part of a pointer spilled to the stack is loaded (invalid size of register fill)"},
    CheckInfo{"pointer.corrupt_spill",
              "a write of less than 8 bytes over a pointer spilled to the stack (refused without CAP_PERFMON)"},
    CheckInfo{"pointer.atomic", "an atomic operation on memory that does not allow it"},
    CheckInfo{"pointer.leak", "a pointer is leaked (stored to memory or returned) where the kernel forbids it"},
    CheckInfo{"exit.r0_uninit", "the program exits without setting R0"},
    CheckInfo{"exit.return_range", "the return value lies outside the program type's allowed range"},
    CheckInfo{"div.by_zero", "a division or modulo by a value that may be zero (defined, but likely a bug)"},
    CheckInfo{"cfg.unreachable", "instructions no path reaches (the kernel refuses them)"},
    CheckInfo{"cfg.recursion", "bpf-to-bpf calls form a cycle"},
    CheckInfo{"cfg.too_large",
              "a program longer than the kernel loads: 4,096 instructions without CAP_BPF, 1,000,000 with it"},
    CheckInfo{"loop.unbounded",
              "a loop no counter and exit condition bound (or only by more iterations than the kernel "
              "can verify)"},
    CheckInfo{"loop.infinite", "a loop with no exit that can be taken"},
    CheckInfo{"loop.backedge",
              "a loop on a target kernel before Linux 5.3, or loaded without CAP_BPF: the kernel refuses every "
              "back-edge there"},
    CheckInfo{"loop.kernel_budget",
              "a bounded loop the kernel would verify by walking more than 1,000,000 instructions"},
    CheckInfo{"call.depth", "more than 8 nested bpf-to-bpf call frames"},
    CheckInfo{"call.indirect", "an indirect call (callx)"},
    CheckInfo{"call.callback_return", "a callback does not set its return value"},
    CheckInfo{"call.throw_in_callback", "bpf_throw in a callback, or in a function a callback calls"},
    CheckInfo{"call.exception_callback",
              "the exception callback a program names (__exception_cb) is missing, not global, or not the only one"},
    CheckInfo{"call.rbtree_cb",
              "the less callback of bpf_rbtree_add calls what it may not (bpf_spin_lock/unlock, bpf_rbtree_remove)"},
    CheckInfo{"call.stack_depth", "the stacks of a chain of bpf-to-bpf calls add up to more than 512 bytes"},
    CheckInfo{"call.no_func_info",
              "a callback, or a tail call or LD_ABS in a subprogram, in a program loaded without BTF func info"},
    CheckInfo{"call.abnormal_exit_type",
              "a tail call or LD_ABS in a subprogram whose BTF return type is not an integer (the kernel requires "
              "one)"},
    CheckInfo{"call.global_arg", "an argument does not match the BTF signature of the global function it is passed to"},
    CheckInfo{"call.global_return", "a global function does not return a number"},
    CheckInfo{"tailcall.reference_leak", "a tail call while references or a spin lock are held (they would leak)"},
    CheckInfo{"tailcall.map",
              "an unprivileged tail call reached with different prog arrays on different paths (the kernel bounds "
              "its index by one map's size)"},
    CheckInfo{"tailcall.stack_depth", "a tail call below call frames whose stacks add up to 256 bytes or more"},
    CheckInfo{"helper.unknown", "a call to a helper id no kernel defines"},
    CheckInfo{"helper.arg_type", "a helper argument of the wrong kind"},
    CheckInfo{"helper.gpl_only", "a GPL-only helper called from a program whose license is not GPL-compatible"},
    CheckInfo{"helper.not_for_type",
              "a helper or kernel function (kfunc) the program type may not call (or not at this privilege)"},
    CheckInfo{"helper.unavailable", "a helper the target kernel (--kernel) does not have yet"},
    CheckInfo{"ksym.unavailable",
              "a kernel variable (typed ksym) the running kernel's symbol table does not list (no address for it)"},
    CheckInfo{"isa.unavailable", "an instruction the target kernel (--kernel) does not have yet (ISA v4: Linux 6.6)"},
    CheckInfo{"type.unavailable", "a program type the target kernel (--kernel) does not have yet"},
    CheckInfo{"type.unprivileged", "a tracing program type a loader without CAP_PERFMON may not load (--unprivileged)"},
    CheckInfo{"helper.map_type", "a map of a type the helper does not accept (tail calls need a prog array, ...)"},
    CheckInfo{"helper.map_mismatch", "a bpf_wq initialised with a map other than the one whose value holds it"},
    CheckInfo{"helper.size", "a helper size argument that may be negative, zero, or unbounded"},
    CheckInfo{"ref.leak", "an acquired reference is not released on some path to exit"},
    CheckInfo{"ref.release_unacquired", "a release of something that holds no acquired reference"},
    CheckInfo{"ref.use_after_release", "a pointer used after the reference it carried was released"},
    CheckInfo{"ref.lock_held", "a call, tail call or exit while a bpf_spin_lock is held"},
    CheckInfo{"ref.lock_not_held",
              "bpf_spin_unlock of a lock that is not held, or a bpf_rbtree/bpf_list call without the lock that "
              "protects its root"},
    CheckInfo{"ref.graph_node",
              "a bpf_rbtree/bpf_list node argument that is not the reference the call needs (an owning one to add, "
              "a non-owning one to remove)"},
    CheckInfo{"ref.release_offset", "a pointer passed to a release function at a non-zero offset into its object"},
    CheckInfo{"ref.lock_nested", "a second bpf_spin_lock taken while one is held"},
    CheckInfo{"ref.dynptr_overwrite",
              "a write over the stack slots of a referenced (ring-buffer) dynptr, whose reference would be lost"},
    CheckInfo{"ref.rcu_lock",
              "an RCU read section (bpf_rcu_read_lock) nested, closed without being open, left open at exit, or "
              "holding a call that may sleep or a tail call"},
    CheckInfo{"ref.preempt",
              "a bpf_preempt_enable without a matching bpf_preempt_disable, a preemption-disabled region left open at "
              "exit, or holding a call that may sleep, a global function call or a tail call"},
    CheckInfo{"type.attach_target",
              "an attach target the kernel refuses for the program type (a disabled LSM hook; a struct_ops program "
              "without a GPL-compatible license)"},
    CheckInfo{"btf.bad_access",
              "a read through a BTF-typed kernel pointer outside its struct or not matching a member"},
    CheckInfo{"btf.gpl_only",
              "a read or write of a kernel structure through a BTF pointer from a program whose license is not "
              "GPL-compatible (Linux 6.2 and later)"},
    CheckInfo{"btf.untyped",
              "note: a tracing program's arguments could not be typed from the kernel's BTF (--btf), "
              "so reads through them are not checked"},
};
}  // namespace

std::span<const CheckInfo> all_checks() {
    return kChecks;
}

std::string_view check_summary(std::string_view id) {
    for (const CheckInfo& check : kChecks) {
        if (check.id == id) {
            return check.summary;
        }
    }
    return {};
}

}  // namespace bpfcheck::analyzer
