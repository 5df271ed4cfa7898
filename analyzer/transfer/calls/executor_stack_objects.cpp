// Objects the kernel keeps in stack slots: struct bpf_dynptr (two slots the
// kernel marks STACK_DYNPTR) and open-coded iterators (struct bpf_iter_<type>,
// STACK_ITER slots). bpfcheck marks those slots with spilled values whose
// domains::SlotMarker names the slot (and the iterator type); they carry the
// object's reference. The rules, from kernel/bpf/verifier.c: their slots are
// not data (check_stack_read_fixed_off: "invalid read from stack";
// check_stack_range_initialized: "invalid indirect read from stack",
// "potential write to dynptr ... disallowed"); a write over a referenced
// dynptr is refused and one over another dynptr destroys it
// (destroy_if_dynptr_stack_slot); kfunc dynptr arguments
// (process_dynptr_func, is_dynptr_reg_valid_init/uninit,
// mark_stack_slots_dynptr) and iterator arguments (process_iter_arg,
// is_iter_reg_valid_init/uninit, mark_stack_slots_iter,
// unmark_stack_slots_iter). The transfer, and the queries the checks
// (analyzer/checks/calls/check_stack_objects.cpp) read.
#include "analyzer/platform/helpers/helper_prototype.hpp"
#include "analyzer/platform/kfuncs/kfunc_table.hpp"
#include "analyzer/transfer/executor.hpp"

#include <fmt/format.h>

#include <utility>
#include <vector>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Value;

// The spilled value that may mark a stack object's slot.
const Value& slot_mark(const domains::Stack& stack, int slot) {
    static const Value kNoMarker = Value::unknown_scalar();
    const Value* spilled = stack.spill(slot);
    return spilled == nullptr ? kNoMarker : *spilled;
}

// The stack offset a constant stack pointer designates, when it holds
// `bytes` bytes at an 8-aligned offset (stack_slot_obj_get_spi).
std::optional<int> object_offset(const Value& pointer, int bytes) {
    if (pointer.kind() != Kind::Stack || !pointer.number().is_constant()) {
        return std::nullopt;
    }
    const auto offset = static_cast<std::int64_t>(pointer.number().umin);
    if (offset < 0 || offset + bytes > domains::kStackSize || offset % 8 != 0) {
        return std::nullopt;
    }
    return static_cast<int>(offset);
}

// Why a pointer cannot designate a stack object of `bytes` bytes (empty when it can).
std::string object_pointer_fault(const Value& pointer, int bytes, std::string_view what) {
    if (pointer.kind() != Kind::Stack) {
        return fmt::format("expected pointer to stack holding the {}", what);
    }
    if (!pointer.number().is_constant()) {
        return fmt::format("{} has to be at a constant offset", what);
    }
    if (!object_offset(pointer, bytes)) {
        return fmt::format("cannot pass in {} at an offset={}", what,
                           static_cast<std::int64_t>(pointer.number().umin) - domains::kStackSize);
    }
    return {};
}

namespace {

// The first byte of each dynptr whose slots overlap [lo, hi).
template <typename Visit>
void for_each_dynptr_in(const domains::Stack& stack, int lo, int hi, Visit&& visit) {
    int last_visited = -1;
    for (int slot = std::max(lo / 8 - 1, 0); slot * 8 < hi && slot < domains::kStackSlots; ++slot) {
        if (slot_mark(stack, slot).marker() != domains::SlotMarker::DynptrFirst) {
            continue;
        }
        const int first = slot * 8;
        if (first + kDynptrBytes > lo && first < hi && first != last_visited) {
            last_visited = first;
            visit(first, stack.spill(slot)->ref());
        }
    }
    // A second slot whose first slot was already overwritten is a dynptr too.
    for (int slot = std::max(lo / 8, 1); slot * 8 < hi && slot < domains::kStackSlots; ++slot) {
        if (slot_mark(stack, slot).marker() == domains::SlotMarker::DynptrSecond &&
            slot_mark(stack, slot - 1).marker() != domains::SlotMarker::DynptrFirst) {
            visit(slot * 8 - 8, stack.spill(slot)->ref());
        }
    }
}

bool held(const MachineState& state, std::uint32_t ref) {
    for (const domains::HeldReference& reference : state.references()) {
        if (reference.id == ref) {
            return true;
        }
    }
    return false;
}

}  // namespace

bool Executor::referenced_dynptr_in(const MachineState& state, std::uint32_t frame, int lo, int hi) const {
    bool found = false;
    for_each_dynptr_in(state.stack(frame), lo, hi,
                       [&](int, std::uint32_t ref) { found = found || (ref != 0 && held(state, ref)); });
    return found;
}

bool Executor::stack_object_in(const MachineState& state, std::uint32_t frame, int lo, int hi) const {
    const domains::Stack& stack = state.stack(frame);
    for (int slot = std::max(lo / 8, 0); slot * 8 < hi && slot < domains::kStackSlots; ++slot) {
        if (slot_mark(stack, slot).marks_stack_object()) {
            return true;
        }
    }
    return false;
}

bool Executor::refuses_stack_object_access(std::uint32_t frame, int lo, int hi, StackObjectAccess access,
                                           const MachineState& state) const {
    if (access == StackObjectAccess::Write) {
        return referenced_dynptr_in(state, frame, lo, hi);
    }
    if (access == StackObjectAccess::HelperWrite) {
        bool hit = false;
        for_each_dynptr_in(state.stack(frame), lo, hi, [&](int, std::uint32_t) { hit = true; });
        return hit;
    }
    return stack_object_in(state, frame, lo, hi);
}

void Executor::destroy_dynptrs(MachineState& state, std::uint32_t frame, int lo, int hi) const {
    std::vector<std::pair<int, std::uint32_t>> dynptrs;
    for_each_dynptr_in(state.stack(frame), lo, hi,
                       [&](int first, std::uint32_t id) { dynptrs.emplace_back(first, id); });
    for (const auto& dynptr : dynptrs) {
        state.stack(frame).store_unknown(dynptr.first, kDynptrBytes);
        // Its slices die with it (mark_reg_invalid: an unknown number).
        const std::uint32_t id = dynptr.second;
        state.for_each_value_where(
            [id](const Value& v) {
                return id != 0 && v.ref() == id && (v.kind() == Kind::Mem || v.kind() == Kind::MemOrNull);
            },
            [](Value& v) { v = Value::unknown_scalar(); });
    }
}

void Executor::mark_dynptr(MachineState& state, std::uint32_t frame, int offset, std::uint32_t ref) const {
    domains::Stack& stack = state.stack(frame);
    Value marker = Value::unknown_scalar();
    marker.set_ref(ref);
    marker.set_marker(domains::SlotMarker::DynptrFirst);
    stack.store(offset, 8, marker);
    marker.set_marker(domains::SlotMarker::DynptrSecond);
    stack.store(offset + 8, 8, marker);
}

// is_iter_reg_valid_init: every slot of the iterator holds this type's marker.
bool Executor::initialised_iter(const Value& pointer, const KfuncPrototype& kfunc, const MachineState& state) const {
    const auto offset = object_offset(pointer, kfunc.iter_slots * 8);
    if (!offset) {
        return false;
    }
    const domains::Stack& stack = state.stack(pointer.region());
    for (int i = 0; i < kfunc.iter_slots; ++i) {
        if (!slot_mark(stack, *offset / 8 + i).marks_iter(kfunc.iter_type, i == 0)) {
            return false;
        }
    }
    return true;
}

bool Executor::untrusted_iter(const Value& pointer, const KfuncPrototype& kfunc, const MachineState& state) const {
    if (!iter_rcu_protected(kfunc.iter_type) || !initialised_iter(pointer, kfunc, state)) {
        return false;
    }
    const Value* first = state.stack(pointer.region()).spill(*object_offset(pointer, kfunc.iter_slots * 8) / 8);
    return first != nullptr && first->number().umax != 0;
}

// RET_PTR_TO_DYNPTR_MEM_OR_NULL (bpf_dynptr_data): memory of the constant
// size argument (R3) or NULL, carrying the dynptr's reference, so that
// submitting or discarding a ring-buffer dynptr invalidates its slices.
Value Executor::dynptr_slice(std::uint32_t pc, MachineState& state) const {
    const std::uint32_t nullable_id = kNullableIdBase + pc;
    // An earlier result of this call is another slice.
    state.rename_id(nullable_id, domains::kNoId);
    const Value& size = state.reg(3);
    if (!size.is_scalar() || !size.number().is_constant() || size.number().umax > 0xffffffffU) {
        return Value::pointer(Kind::BtfIdOrNull, 0, domains::Scalar::constant(0), nullable_id);
    }
    Value slice = Value::pointer(Kind::MemOrNull, static_cast<std::uint32_t>(size.number().umax),
                                 domains::Scalar::constant(0), nullable_id);
    slice.set_ref(dynptr_reference(state.reg(1), state));
    return slice;
}

bool Executor::acquired_by_helper(std::uint32_t ref, std::int32_t helper) const {
    if (ref < kRefIdBase || ref - kRefIdBase >= m_context.program.insns.size()) {
        return false;
    }
    const auto* call = std::get_if<isa::Call>(&m_context.program.insns[ref - kRefIdBase]);
    return call != nullptr && call->kind == isa::CallKind::Helper && call->imm == helper;
}

namespace {
// The kfunc a dynptr identity (kDynptrIdBase + the initialising call) names, or nullptr.
const isa::Call* dynptr_origin(const AnalysisContext& context, std::uint32_t id) {
    if (id < kDynptrIdBase || id - kDynptrIdBase >= context.program.insns.size()) {
        return nullptr;
    }
    const auto* call = std::get_if<isa::Call>(&context.program.insns[id - kDynptrIdBase]);
    return call != nullptr && call->kind == isa::CallKind::Kfunc ? call : nullptr;
}
}  // namespace

bool Executor::skb_dynptr(const Value& pointer, const MachineState& state) const {
    if (!initialised_dynptr(pointer, state)) {
        return false;
    }
    const std::uint32_t id = dynptr_reference(pointer, state);
    if (dynptr_origin(m_context, id) == nullptr) {
        return false;
    }
    const auto kfunc = find_kfunc(m_context.program.refs[id - kDynptrIdBase].symbol);
    return kfunc && kfunc->dynptr_source == DynptrSource::Skb;
}

void Executor::invalidate_packet_slices(MachineState& state) const {
    state.for_each_value_where(
        [&](const Value& v) {
            return (v.kind() == Kind::Mem || v.kind() == Kind::MemOrNull) &&
                   dynptr_origin(m_context, v.ref()) != nullptr;
        },
        [&](Value& v) {
            const auto kfunc = find_kfunc(m_context.program.refs[v.ref() - kDynptrIdBase].symbol);
            if (kfunc && kfunc->dynptr_source != DynptrSource::None) {
                v = m_context.options.unprivileged ? Value::uninit() : Value::unknown_scalar();  // mark_reg_invalid
            }
        });
}

bool Executor::read_only_slice(const Value& pointer) const {
    const std::uint32_t id = pointer.id();
    if (id < kNullableIdBase || id - kNullableIdBase >= m_context.program.insns.size()) {
        return false;
    }
    const auto* call = std::get_if<isa::Call>(&m_context.program.insns[id - kNullableIdBase]);
    if (call == nullptr || call->kind != isa::CallKind::Kfunc) {
        return false;
    }
    const auto kfunc = find_kfunc(m_context.program.refs[id - kNullableIdBase].symbol);
    return kfunc && kfunc->buffer_arg >= 0 && !kfunc->writable_slice;
}

Value Executor::kfunc_slice(std::uint32_t pc, const KfuncPrototype& kfunc, MachineState& state) const {
    const Value& size = state.reg(kfunc.buffer_arg + 2);
    if (!size.is_scalar() || !size.number().is_constant() || size.number().umax > 0xffffffffU ||
        !initialised_dynptr(state.reg(1), state)) {
        return Value::unknown_scalar();  // reported
    }
    const std::uint32_t nullable_id = kNullableIdBase + pc;
    // An earlier result of this call is another slice.
    state.rename_id(nullable_id, domains::kNoId);
    Value slice = Value::pointer(Kind::MemOrNull, static_cast<std::uint32_t>(size.number().umax),
                                 domains::Scalar::constant(0), nullable_id);
    slice.set_ref(dynptr_reference(state.reg(1), state));
    return slice;
}

// A struct bpf_dynptr a helper initialised (ARG_PTR_TO_DYNPTR | MEM_UNINIT,
// mark_stack_slots_dynptr): its 16 stack bytes are written; a ring-buffer
// dynptr carries the reservation's reference, for
// bpf_ringbuf_submit/discard_dynptr to release; any other dynptr an
// identity of its own, for its slices.
void Executor::initialise_helper_dynptrs(std::uint32_t pc, std::int32_t helper, const HelperPrototype& proto,
                                         MachineState& state) const {
    const std::uint32_t ref_id = kRefIdBase + pc;
    for (int i = 0; i < 5; ++i) {
        if (proto.args[static_cast<std::size_t>(i)] != ArgKind::UninitDynptr) {
            continue;
        }
        const auto offset = dynptr_slot_offset(state.reg(i + 1));
        if (!offset) {
            // helper.arg_type (ValidHelperCall)
            if (helper == kHelperRingbufReserveDynptr) {
                state.acquire(ref_id, pc);  // still reserved: must still be submitted or discarded
            }
            continue;
        }
        const std::uint32_t frame = state.reg(i + 1).region();
        if (refuses_stack_object_access(frame, *offset, *offset + 16, StackObjectAccess::Write, state)) {
            if (helper == kHelperRingbufReserveDynptr) {
                state.acquire(ref_id, pc);  // reserved, with nowhere to keep it
            }
            continue;
        }
        destroy_dynptrs(state, frame, *offset, *offset + 16);
        state.stack(frame).store_unknown(*offset, 16);
        const bool referenced = helper == kHelperRingbufReserveDynptr;
        if (referenced) {
            state.acquire(ref_id, pc);
        }
        mark_dynptr(state, frame, *offset, referenced ? ref_id : kDynptrIdBase + pc);
    }
}

// bpf_dynptr_slice(_rdwr)'s buffer, once checked (Checker::check_dynptr_slice_args):
// read and written, unless it is an optional NULL.
void Executor::apply_dynptr_slice_args(const KfuncPrototype& kfunc, MachineState& state) const {
    if (kfunc.buffer_arg < 0) {
        return;
    }
    const int buffer_reg = kfunc.buffer_arg + 1;
    const Value buffer = state.reg(buffer_reg);
    const Value& size = state.reg(buffer_reg + 1);
    const bool null_buffer = buffer.is_scalar() && buffer.number().as_constant() == 0U;
    if (!size.is_scalar() || null_buffer || buffer.kind() == Kind::Uninit || size.number().smin < 0 ||
        size.number().umax >= (1ULL << 29)) {
        return;
    }
    apply_helper_memory(buffer, size.number(), true, state);
}

// The effect: an iterator created (its slots marked, a reference acquired)
// or destroyed (released, its slots plain stack again); a dynptr
// initialised.
void Executor::apply_kfunc_stack_args(std::uint32_t pc, const KfuncPrototype& kfunc, MachineState& state) const {
    const Value iter = state.reg(1);
    const auto iter_offset = object_offset(iter, kfunc.iter_slots * 8);
    if (kfunc.iter_role == IterRole::New && iter_offset) {
        const int lo = *iter_offset;
        const int hi = lo + kfunc.iter_slots * 8;
        bool live = false;
        for (int i = 0; i < kfunc.iter_slots; ++i) {
            live = live || slot_mark(state.stack(iter.region()), lo / 8 + i).marks_any_iter();
        }
        if (!live && !referenced_dynptr_in(state, iter.region(), lo, hi)) {
            destroy_dynptrs(state, iter.region(), lo, hi);
            const std::uint32_t ref = kRefIdBase + pc;
            // mark_stack_slots_iter: an RCU-protected iterator created outside
            // an RCU read section is untrusted from the start (untrusted_iter),
            // where the kernel does not refuse the new call itself.
            const bool trusted = in_rcu_cs(state) || rcu_protected_call_needs_rcu_cs(m_context.options.kernel_version);
            Value marker =
                iter_rcu_protected(kfunc.iter_type) ? Value::constant(trusted ? 0 : 1) : Value::unknown_scalar();
            marker.set_ref(ref);
            for (int i = 0; i < kfunc.iter_slots; ++i) {
                marker.set_marker(i == 0 ? domains::SlotMarker::IterFirst : domains::SlotMarker::IterRest,
                                  kfunc.iter_type);
                state.stack(iter.region()).store(lo + i * 8, 8, marker);
            }
            state.acquire(ref, pc);
        }
    } else if (kfunc.iter_role == IterRole::Destroy && initialised_iter(iter, kfunc, state)) {
        const std::uint32_t ref = state.stack(iter.region()).spill(*iter_offset / 8)->ref();
        state.release(ref);
        state.stack(iter.region()).store_unknown(*iter_offset, kfunc.iter_slots * 8);
    }
    if (kfunc.uninit_dynptr_arg >= 0) {
        const Value target = state.reg(kfunc.uninit_dynptr_arg + 1);
        const auto offset = object_offset(target, kDynptrBytes);
        if (offset && !referenced_dynptr_in(state, target.region(), *offset, *offset + kDynptrBytes)) {
            // A clone of a referenced dynptr shares its reference; other
            // dynptrs have an identity of their own.
            std::uint32_t ref = kDynptrIdBase + pc;
            if (kfunc.dynptr_source == DynptrSource::Clone) {
                if (!initialised_dynptr(state.reg(1), state)) {
                    return;  // reported: nothing to clone
                }
                const std::uint32_t parent = dynptr_reference(state.reg(1), state);
                if (held(state, parent)) {
                    ref = parent;
                }
            }
            destroy_dynptrs(state, target.region(), *offset, *offset + kDynptrBytes);
            mark_dynptr(state, target.region(), *offset, ref);
        }
    }
}

}  // namespace bpfcheck::analyzer
