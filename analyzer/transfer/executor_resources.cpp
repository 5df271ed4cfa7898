// Resources a program holds across calls: references acquired by kernel
// functions (kfuncs) and released by them, struct bpf_dynptr slots on the
// stack and the reference a ring-buffer dynptr carries, and the
// bpf_spin_lock, with the rules for what may be called while they are held.
#include "analyzer/platform/helpers/helper_prototype.hpp"
#include "analyzer/platform/kfuncs/kfunc_table.hpp"
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
void Executor::execute_kfunc(std::uint32_t pc, MachineState& state) const {
    const std::string& name = m_context.program.refs[pc].symbol;
    if (kfunc_missing_on_running_kernel(pc) || kfunc_prototype_refused(pc)) {  // helper.unavailable
        state = MachineState::bottom();
        return;
    }
    if (name == "bpf_throw") {
        state = MachineState::bottom();  // the program exits (check_throw.cpp)
        return;
    }
    const auto kfunc = find_kfunc(name);
    Value r0 = Value::unknown_scalar();
    if (kfunc) {
        enter_or_leave_section(pc, *kfunc, state);
    }
    if (kfunc && kfunc->releases_arg >= 0) {
        apply_kfunc_release(*kfunc, state);  // ref.release_unacquired where it fails
    }
    if (kfunc) {
        apply_dynptr_slice_args(*kfunc, state);
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
        // bpf_rdonly_cast (bpf_core_cast): PTR_TO_BTF_ID | PTR_UNTRUSTED
        // (check_kfunc_call, is_kfunc_arg_... KF_bpf_rdonly_cast).
        r0.set_untrusted(name == "bpf_rdonly_cast");
    }
    if (kfunc && kfunc->iter_next) {
        // An earlier result of this call is another element.
        state.rename_id(kNullableIdBase + pc, domains::kNoId);
        r0 = kfunc->next_mem != 0
                 ? Value::pointer(Kind::MemOrNull, kfunc->next_mem, Scalar::constant(0), kNullableIdBase + pc)
                 : Value::pointer(Kind::BtfIdOrNull, 0, Scalar::constant(0), kNullableIdBase + pc);
    }
    if (kfunc && kfunc->owned_node_arg >= 0) {
        give_node_to_collection(state.reg(kfunc->owned_node_arg + 1), state);
    }
    if (kfunc && (kfunc->acquires || kfunc->returns_alloc)) {
        // An earlier result of this call is another object.
        state.rename_id(kNullableIdBase + pc, domains::kNoId);
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

bool Executor::apply_kfunc_release(const KfuncPrototype& kfunc, MachineState& state) const {
    const Value& value = state.reg(kfunc.releases_arg + 1);
    // Only a kernel object that an acquiring kfunc (or bpf_kptr_xchg) returned.
    const std::uint32_t acquired_at = value.ref() >= kRefIdBase ? value.ref() - kRefIdBase : 0;
    bool from_kernel_object = false;
    if (value.ref() >= kRefIdBase && acquired_at < m_context.program.insns.size()) {
        const auto* acquiring = std::get_if<isa::Call>(&m_context.program.insns[acquired_at]);
        from_kernel_object =
            acquiring != nullptr && (acquiring->kind == isa::CallKind::Kfunc ||
                                     (acquiring->kind == isa::CallKind::Helper && acquiring->imm == kHelperKptrXchg));
    }
    return from_kernel_object && release_reference(state, value.ref());
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

}  // namespace bpfcheck::analyzer
