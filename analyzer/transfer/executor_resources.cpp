// Resources a program holds across calls: references acquired by kernel
// functions (kfuncs) and released by them, struct bpf_dynptr slots on the
// stack and the reference a ring-buffer dynptr carries, and the
// bpf_spin_lock, with the rules for what may be called while they are held.
#include "analyzer/platform/helper_prototype.hpp"
#include "analyzer/platform/kfunc_table.hpp"
#include "analyzer/platform/program_type.hpp"
#include "analyzer/transfer/executor.hpp"

#include <fmt/format.h>

#include <string_view>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Scalar;
using domains::Value;

// release_reference / mark_reg_invalid: the released pointer's copies
// become unknown numbers, or, without CAP_BPF (no pointer leaks allowed),
// uninitialised registers ("R8 !read_ok").
bool Executor::release_reference(MachineState& state, std::uint32_t ref) const {
    if (!state.release(ref)) {
        return false;
    }
    if (m_context.options.unprivileged) {
        state.for_each_value([&](Value& v) {
            if (v.is_scalar() && v.released_from() == ref) {
                v = Value::uninit();
            }
        });
    }
    return true;
}

// Kernel functions: the reference semantics of the known ones (kfunc_table);
// any other returns an unknown number.
void Executor::execute_kfunc(std::uint32_t pc, MachineState& state, Reporter* reporter) const {
    const std::string& name = m_context.program.refs[pc].symbol;
    const auto kfunc = find_kfunc(name);
    Value r0 = Value::unknown_scalar();
    if (kfunc) {
        check_kfunc_program_type(pc, *kfunc, reporter);
        check_kfunc_trusted_args(pc, *kfunc, state, reporter);
        check_kfunc_btf_args(pc, *kfunc, state, reporter);
        check_kfunc_in_sections(pc, *kfunc, state, reporter);
        enter_or_leave_section(pc, *kfunc, state);
    }
    if (const domains::HeldReference* lock = state.held_lock(); lock != nullptr && reporter != nullptr) {
        // Only the graph and numeric-iterator kfuncs may run under a bpf_spin_lock.
        const bool allowed = name.rfind("bpf_list_", 0) == 0 || name.rfind("bpf_rbtree_", 0) == 0 ||
                             name.rfind("bpf_iter_num_", 0) == 0 || name == "bpf_refcount_acquire_impl";
        if (!allowed) {
            reporter->error("ref.lock_held", pc,
                            fmt::format("function calls are not allowed while holding a lock: kfunc {} is called "
                                        "while the lock taken at insn {} is held",
                                        name, lock->insn),
                            {}, "call it before bpf_spin_lock or after bpf_spin_unlock");
        }
    }
    if (kfunc) {
        check_graph_kfunc_args(pc, *kfunc, state, reporter);
        check_less_callback(pc, *kfunc, state, reporter);
        check_kfunc_map_args(pc, *kfunc, state, reporter);
    }
    if (kfunc && kfunc->releases_arg >= 0) {
        const int reg = kfunc->releases_arg + 1;
        Value value = state.reg(reg);
        const auto offset = value.number().as_constant();
        if (reporter != nullptr && value.is_pointer() && offset && *offset != 0) {
            // check_func_arg_reg_off: a release function takes the object itself.
            reporter->error("ref.release_offset", pc,
                            fmt::format("R{} must have zero offset when passed to release func {}: it points {} "
                                        "bytes into the object",
                                        reg, name, static_cast<std::int64_t>(*offset)),
                            {describe(state, reg)}, "release the pointer the acquiring function returned");
        }
        if (domains::is_nullable(value.kind()) && reporter != nullptr) {
            reporter->error(
                "null.deref", pc,
                fmt::format("possibly NULL pointer passed to trusted arg{} of {}", kfunc->releases_arg, name),
                {describe(state, reg)}, fmt::format("check R{} != NULL before the call", reg));
        }
        // Only a kernel object that an acquiring kfunc (or bpf_kptr_xchg) returned.
        const std::uint32_t acquired_at = value.ref() >= kRefIdBase ? value.ref() - kRefIdBase : 0;
        bool from_kernel_object = false;
        if (value.ref() >= kRefIdBase && acquired_at < m_context.program.insns.size()) {
            const auto* acquiring = std::get_if<isa::Call>(&m_context.program.insns[acquired_at]);
            from_kernel_object = acquiring != nullptr &&
                                 (acquiring->kind == isa::CallKind::Kfunc ||
                                  (acquiring->kind == isa::CallKind::Helper && acquiring->imm == kHelperKptrXchg));
        }
        const bool released = from_kernel_object && release_reference(state, value.ref());
        if (!released && reporter != nullptr && value.kind() != Kind::Uninit && !value.fault_reported()) {
            reporter->error("ref.release_unacquired", pc,
                            fmt::format("release kernel function {} expects a referenced pointer; R{} holds no "
                                        "acquired reference",
                                        name, reg),
                            {describe(state, reg)}, "release only what an acquiring kfunc returned, exactly once");
        }
    }
    if (kfunc) {
        check_kfunc_stack_args(pc, *kfunc, state, reporter);
        check_dynptr_slice_args(pc, *kfunc, state, reporter);
        apply_kfunc_stack_args(pc, *kfunc, state);
    }
    if (kfunc && kfunc->buffer_arg >= 0) {
        r0 = kfunc_slice(pc, *kfunc, state);
    }
    if (kfunc && kfunc->returns_btf) {
        // bpf_cast_to_kern_ctx: the kernel struct behind the program's
        // context (bpf_ctx_convert), typed where the kernel's BTF is given.
        std::uint32_t type = 0;
        if (name == "bpf_cast_to_kern_ctx" && m_context.options.kernel_types != nullptr) {
            if (const std::string_view kernel_ctx = kernel_context_struct(m_context.type.context_struct);
                !kernel_ctx.empty()) {
                type = m_context.options.kernel_types->find_struct(kernel_ctx);
            }
        }
        r0 = Value::pointer(Kind::BtfId, type, Scalar::constant(0));
    }
    if (kfunc && kfunc->iter_next) {
        state.for_each_value([&](Value& v) {  // an earlier result of this call is another element
            if (v.id() == kNullableIdBase + pc) {
                v.set_id(domains::kNoId);
            }
        });
        r0 = kfunc->next_mem != 0
                 ? Value::pointer(Kind::MemOrNull, kfunc->next_mem, Scalar::constant(0), kNullableIdBase + pc)
                 : Value::pointer(Kind::BtfIdOrNull, 0, Scalar::constant(0), kNullableIdBase + pc);
    }
    if (kfunc && kfunc->owned_node_arg >= 0) {
        give_node_to_collection(state.reg(kfunc->owned_node_arg + 1), state);
    }
    if (kfunc && (kfunc->acquires || kfunc->returns_alloc)) {
        state.for_each_value([&](Value& v) {  // an earlier result of this call is another object
            if (v.id() == kNullableIdBase + pc) {
                v.set_id(domains::kNoId);
            }
        });
    }
    // is_kfunc_ret_null: bpf_refcount_acquire of an owning reference cannot fail.
    const bool may_be_null =
        kfunc && kfunc->may_be_null &&
        !(kfunc->refcounted_arg >= 0 && is_owning_reference(state.reg(kfunc->refcounted_arg + 1), state));
    if (kfunc && kfunc->returns_alloc) {
        r0 = alloc_result(*kfunc, may_be_null, kNullableIdBase + pc);
    }
    if (kfunc && kfunc->acquires) {
        const std::uint32_t ref_id = kRefIdBase + pc;
        if (!kfunc->returns_alloc) {
            r0 = Value::pointer(may_be_null ? Kind::BtfIdOrNull : Kind::BtfId, 0, Scalar::constant(0),
                                kNullableIdBase + pc);
        }
        r0.set_ref(ref_id);
        state.acquire(ref_id, pc);
    }
    for (int r = 1; r <= 5; ++r) {
        state.reg(r) = Value::uninit();
    }
    state.reg(0) = r0;
}

// Which bpf_spin_lock a pointer designates: its map and constant offset.
std::uint64_t Executor::lock_key(const Value& pointer) const {
    if (pointer.kind() != Kind::MapValue || pointer.region() == domains::kManyMaps || !pointer.number().is_constant()) {
        return domains::kUnknownLock;
    }
    // process_spin_lock: a lock is its map and the identity of the lookup
    // that found the value (active_lock.ptr, active_lock.id), not its offset.
    return (static_cast<std::uint64_t>(pointer.region()) << 32) | pointer.id();
}

// The stack offset of the struct bpf_dynptr a pointer designates, when it
// is a stack pointer at a constant 8-aligned offset with 16 bytes of room.
std::optional<int> Executor::dynptr_slot_offset(const Value& pointer) const {
    if (pointer.kind() != Kind::Stack || !pointer.number().is_constant()) {
        return std::nullopt;
    }
    const auto offset = static_cast<std::int64_t>(pointer.number().umin);
    if (offset < 0 || offset + 16 > domains::kStackSize || offset % 8 != 0) {
        return std::nullopt;
    }
    return static_cast<int>(offset);
}

// Whether the pointer designates a dynptr a helper initialised (and nothing
// released or overwrote since).
bool Executor::initialised_dynptr(const Value& pointer, const MachineState& state) const {
    const auto offset = dynptr_slot_offset(pointer);
    if (!offset) {
        return false;
    }
    const domains::Stack& stack = state.stack(pointer.region());
    const Value* first = stack.spill(*offset / 8);
    const Value* second = stack.spill(*offset / 8 + 1);
    return first != nullptr && first->marker() == domains::SlotMarker::DynptrFirst && second != nullptr &&
           second->marker() == domains::SlotMarker::DynptrSecond;
}

// The reference a ring-buffer dynptr on the stack carries (0: none).
std::uint32_t Executor::dynptr_reference(const Value& pointer, const MachineState& state) const {
    if (!initialised_dynptr(pointer, state)) {
        return 0;
    }
    return state.stack(pointer.region()).spill(*dynptr_slot_offset(pointer) / 8)->ref();
}

// Spin locks and references across a helper call: while a bpf_spin_lock is
// held only bpf_spin_unlock may be called, one lock at a time, and a tail
// call must not leave acquired references behind.
void Executor::check_held_resources(std::uint32_t pc, std::int32_t helper, const MachineState& state,
                                    Reporter* reporter) const {
    if (reporter == nullptr) {
        return;
    }
    const domains::HeldReference* lock = state.held_lock();
    const auto prototype = find_helper(helper);
    const std::string helper_name = prototype ? std::string(prototype->name) : "this helper";
    if ((helper == kHelperSpinLock || helper == kHelperSpinUnlock) && in_rbtree_callback(state)) {
        reporter->error(
            "call.rbtree_cb", pc,
            fmt::format("can't spin_{{lock,unlock}} in rbtree cb: {} in the less callback of bpf_rbtree_add, "
                        "which runs with the tree's lock held",
                        helper_name),
            {}, "take and release the lock around bpf_rbtree_add, not inside its callback");
        return;
    }
    if (helper == kHelperSpinUnlock && lock == nullptr) {
        reporter->error("ref.lock_not_held", pc, "bpf_spin_unlock without taking a lock", {},
                        "call bpf_spin_lock on the same lock first, on every path that reaches the unlock");
    } else if (helper == kHelperSpinLock && lock != nullptr) {
        reporter->error(
            "ref.lock_nested", pc,
            fmt::format("locking two bpf_spin_locks is not allowed: the lock taken at insn {} is still held",
                        lock->insn),
            {}, "release the first lock before taking another");
    } else if (lock != nullptr && helper != kHelperSpinUnlock) {
        reporter->error("ref.lock_held", pc,
                        fmt::format("function calls are not allowed while holding a lock: {} is called while the lock "
                                    "taken at insn {} is held",
                                    helper_name, lock->insn),
                        {}, "compute what you need before bpf_spin_lock, or after bpf_spin_unlock");
    }
    if (helper == kHelperTailCall) {
        for (const domains::HeldReference& ref : state.references()) {
            if (ref.id != domains::kSpinLockRef && !domains::is_section_ref(ref.id)) {
                reporter->error("tailcall.reference_leak", pc,
                                fmt::format("tail_call would lead to reference leak: the reference acquired at insn {} "
                                            "is still held",
                                            ref.insn),
                                {}, "release or submit every acquired reference before bpf_tail_call");
                break;
            }
        }
    }
}

}  // namespace bpfcheck::analyzer
