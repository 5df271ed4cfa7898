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
// unmark_stack_slots_iter). Checks decide from a const state and report;
// the transfer functions below them apply the effect.
#include "analyzer/platform/helper_prototype.hpp"
#include "analyzer/platform/kfunc_table.hpp"
#include "analyzer/transfer/executor.hpp"

#include <fmt/format.h>

#include <utility>
#include <vector>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Value;

namespace {

constexpr int kDynptrBytes = 16;

// The spilled value that may mark a stack object's slot.
const Value& slot_mark(const domains::Stack& stack, int slot) {
    static const Value kNoMarker = Value::unknown_scalar();
    const Value* spilled = stack.spill(slot);
    return spilled == nullptr ? kNoMarker : *spilled;
}

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

bool Executor::check_stack_object_access(std::uint32_t pc, int reg, std::uint32_t frame, int lo, int hi,
                                         StackObjectAccess access, const MachineState& state,
                                         Reporter* reporter) const {
    const bool is_write = access != StackObjectAccess::Read && access != StackObjectAccess::HelperRead;
    if (access == StackObjectAccess::Write) {
        if (!referenced_dynptr_in(state, frame, lo, hi)) {
            return false;
        }
        if (reporter != nullptr) {
            reporter->error("ref.dynptr_overwrite", pc,
                            fmt::format("cannot overwrite referenced dynptr: the write at r10{:+d} covers the stack "
                                        "slots of a ring-buffer dynptr",
                                        lo - domains::kStackSize),
                            {describe(state, reg)}, "submit or discard the dynptr before reusing its stack slots");
        }
        return true;
    }
    bool hit = false;
    if (access == StackObjectAccess::HelperWrite) {
        for_each_dynptr_in(state.stack(frame), lo, hi, [&](int, std::uint32_t) { hit = true; });
    } else {
        hit = stack_object_in(state, frame, lo, hi);
    }
    if (hit && reporter != nullptr) {
        const std::string message =
            is_write ? fmt::format(
                           "potential write to dynptr at off={} disallowed: a helper writes into the stack "
                           "slots of a struct bpf_dynptr",
                           lo - domains::kStackSize)
                     : fmt::format(
                           "invalid {}read from stack off {}: the bytes belong to a dynptr or an iterator, "
                           "which are not data",
                           access == StackObjectAccess::HelperRead ? "indirect " : "", lo - domains::kStackSize);
        reporter->error("stack.object_slot", pc, message, {describe(state, reg)},
                        "use the dynptr and iterator kfuncs and helpers; do not read or copy their structs");
    }
    return hit;
}

void Executor::destroy_dynptrs(MachineState& state, std::uint32_t frame, int lo, int hi) const {
    std::vector<std::pair<int, std::uint32_t>> dynptrs;
    for_each_dynptr_in(state.stack(frame), lo, hi,
                       [&](int first, std::uint32_t id) { dynptrs.emplace_back(first, id); });
    for (const auto& [first, id] : dynptrs) {
        state.stack(frame).store_unknown(first, kDynptrBytes);
        // Its slices die with it (mark_reg_invalid: an unknown number).
        state.for_each_value([id](Value& v) {
            if (id != 0 && v.ref() == id && (v.kind() == Kind::Mem || v.kind() == Kind::MemOrNull)) {
                v = Value::unknown_scalar();
            }
        });
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

// RET_PTR_TO_DYNPTR_MEM_OR_NULL (bpf_dynptr_data): memory of the constant
// size argument (R3) or NULL, carrying the dynptr's reference, so that
// submitting or discarding a ring-buffer dynptr invalidates its slices.
Value Executor::dynptr_slice(std::uint32_t pc, MachineState& state) const {
    const std::uint32_t nullable_id = kNullableIdBase + pc;
    state.for_each_value([&](Value& v) {  // an earlier result of this call is another slice
        if (v.id() == nullable_id) {
            v.set_id(domains::kNoId);
        }
    });
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
    state.for_each_value([&](Value& v) {
        if ((v.kind() != Kind::Mem && v.kind() != Kind::MemOrNull) || dynptr_origin(m_context, v.ref()) == nullptr) {
            return;
        }
        const auto kfunc = find_kfunc(m_context.program.refs[v.ref() - kDynptrIdBase].symbol);
        if (kfunc && kfunc->dynptr_source != DynptrSource::None) {
            v = Value::unknown_scalar();
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
    state.for_each_value([&](Value& v) {  // an earlier result of this call is another slice
        if (v.id() == nullable_id) {
            v.set_id(domains::kNoId);
        }
    });
    Value slice = Value::pointer(Kind::MemOrNull, static_cast<std::uint32_t>(size.number().umax),
                                 domains::Scalar::constant(0), nullable_id);
    slice.set_ref(dynptr_reference(state.reg(1), state));
    return slice;
}

// check_helper_call: bpf_dynptr_from_mem takes map value memory only
// ("Unsupported reg type ... for bpf_dynptr_from_mem data").
void Executor::check_dynptr_from_mem_source(std::uint32_t pc, const MachineState& state, Reporter* reporter) const {
    const Value& data = state.reg(1);
    if (reporter == nullptr || data.kind() == Kind::MapValue || data.kind() == Kind::Uninit) {
        return;
    }
    reporter->error("helper.arg_type", pc,
                    fmt::format("Unsupported reg type {} for bpf_dynptr_from_mem data: it takes map value memory only",
                                domains::kind_name(data.kind())),
                    {describe(state, 1)}, "put the data in a map value (or a global variable) first");
}

// A struct bpf_dynptr a helper initialised (ARG_PTR_TO_DYNPTR | MEM_UNINIT,
// mark_stack_slots_dynptr): its 16 stack bytes are written; a ring-buffer
// dynptr carries the reservation's reference, for
// bpf_ringbuf_submit/discard_dynptr to release; any other dynptr an
// identity of its own, for its slices.
void Executor::initialise_helper_dynptrs(std::uint32_t pc, std::int32_t helper, const HelperPrototype& proto,
                                         MachineState& state, Reporter* reporter) const {
    const std::uint32_t ref_id = kRefIdBase + pc;
    for (int i = 0; i < 5; ++i) {
        if (proto.args[static_cast<std::size_t>(i)] != ArgKind::UninitDynptr) {
            continue;
        }
        const auto offset = dynptr_slot_offset(state.reg(i + 1));
        if (!offset) {
            if (reporter != nullptr) {
                reporter->error("helper.arg_type", pc,
                                fmt::format("{} argument {} (R{}) must point to 16 stack bytes at a constant, "
                                            "8-byte aligned offset for the struct bpf_dynptr it initialises",
                                            proto.name, i + 1, i + 1),
                                {describe(state, i + 1)}, "pass &dynptr of a local struct bpf_dynptr");
            }
            if (helper == kHelperRingbufReserveDynptr) {
                state.acquire(ref_id, pc);  // still reserved: must still be submitted or discarded
            }
            continue;
        }
        const std::uint32_t frame = state.reg(i + 1).region();
        if (check_stack_object_access(pc, i + 1, frame, *offset, *offset + 16, StackObjectAccess::Write, state,
                                      reporter)) {
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

// The kernel's checks of a kfunc's iterator and dynptr arguments
// (check_kfunc_args: KF_ARG_PTR_TO_ITER, KF_ARG_PTR_TO_DYNPTR).
void Executor::check_kfunc_stack_args(std::uint32_t pc, const KfuncPrototype& kfunc, const MachineState& state,
                                      Reporter* reporter) const {
    if (reporter == nullptr) {
        return;
    }
    auto arg_error = [&](int arg, const std::string& message, std::string hint) {
        reporter->error("helper.arg_type", pc, fmt::format("{} arg#{}: {}", kfunc.name, arg, message),
                        {describe(state, arg + 1)}, std::move(hint));
    };
    auto unusable = [](const Value& value) { return value.kind() == Kind::Uninit || value.fault_reported(); };
    if (kfunc.iter_role != IterRole::None && !unusable(state.reg(1))) {
        const Value& iter = state.reg(1);
        const std::string type(iter_type_name(kfunc.iter_type));
        const std::string fault = object_pointer_fault(iter, kfunc.iter_slots * 8, "iter");
        if (!fault.empty()) {
            arg_error(0, fault, fmt::format("pass &it of a local struct bpf_iter_{}", type));
        } else if (kfunc.iter_role == IterRole::New) {
            const int offset = *object_offset(iter, kfunc.iter_slots * 8);
            bool iter_slot = false;
            for (int i = 0; i < kfunc.iter_slots; ++i) {
                iter_slot = iter_slot || slot_mark(state.stack(iter.region()), offset / 8 + i).marks_any_iter();
            }
            if (iter_slot) {
                arg_error(
                    0, fmt::format("expected uninitialized iter_{} as arg #0: it holds a live iterator", type),
                    fmt::format("destroy the iterator (bpf_iter_{}_destroy) before creating another there", type));
            }
        } else if (!initialised_iter(iter, kfunc, state)) {
            arg_error(0, fmt::format("expected an initialized iter_{} as arg #0", type),
                      fmt::format("create it with bpf_iter_{}_new first, and do not overwrite or destroy it before "
                                  "this call",
                                  type));
        }
    }
    for (int arg = 0; arg < 5; ++arg) {
        const bool initialised = ((kfunc.dynptr_args >> arg) & 1U) != 0;
        const bool uninit = kfunc.uninit_dynptr_arg == arg;
        const Value& value = state.reg(arg + 1);
        if ((!initialised && !uninit) || unusable(value)) {
            continue;
        }
        // A number other than a known constant may be a callback's
        // CONST_PTR_TO_DYNPTR, which bpfcheck does not tell apart.
        if (value.is_scalar() && !value.number().is_constant()) {
            continue;
        }
        if (value.kind() != Kind::Stack) {
            arg_error(arg,
                      fmt::format("expected pointer to stack or const struct bpf_dynptr, got {}",
                                  domains::kind_name(value.kind())),
                      "pass &dynptr of a local struct bpf_dynptr");
            continue;
        }
        const std::string fault = object_pointer_fault(value, kDynptrBytes, "dynptr");
        if (!fault.empty()) {
            arg_error(arg, fault, "pass &dynptr of a local struct bpf_dynptr");
        } else if (initialised && !initialised_dynptr(value, state)) {
            arg_error(arg, fmt::format("Expected an initialized dynptr as arg #{}", arg),
                      "initialise the dynptr first, and do not overwrite or release it before this call");
        } else if (uninit) {
            const int offset = *object_offset(value, kDynptrBytes);
            check_stack_object_access(pc, arg + 1, value.region(), offset, offset + kDynptrBytes,
                                      StackObjectAccess::Write, state, reporter);
        }
    }
}

// bpf_dynptr_slice(_rdwr): the buffer and its constant size
// (check_kfunc_args, KF_ARG_PTR_TO_MEM_SIZE: check_kfunc_mem_size_reg reads
// and writes the buffer unless it is an optional NULL; "R%d must be a known
// constant"), and a writable slice needs a program type that may write
// packet data (check_kfunc_call: may_access_direct_pkt_data).
void Executor::check_dynptr_slice_args(std::uint32_t pc, const KfuncPrototype& kfunc, MachineState& state,
                                       Reporter* reporter) const {
    if (kfunc.buffer_arg < 0) {
        return;
    }
    const int buffer_reg = kfunc.buffer_arg + 1;
    const Value buffer = state.reg(buffer_reg);
    const Value& size = state.reg(buffer_reg + 1);
    auto error = [&](std::string id, int reg, std::string message, std::string hint) {
        if (reporter != nullptr) {
            reporter->error(std::move(id), pc, fmt::format("{}: {}", kfunc.name, message), {describe(state, reg)},
                            std::move(hint));
        }
    };
    if (!size.is_scalar()) {
        error("helper.arg_type", buffer_reg + 1, fmt::format("R{} is not a size", buffer_reg + 1),
              "pass the buffer's size as a constant");
        return;
    }
    const bool null_buffer = buffer.is_scalar() && buffer.number().as_constant() == 0U;
    if (!null_buffer && buffer.kind() != Kind::Uninit) {
        if (size.number().smin < 0 || size.number().umax >= (1ULL << 29)) {
            error("helper.size", buffer_reg + 1,
                  fmt::format("R{} unbounded memory access: memory, len pair leads to invalid memory access",
                              buffer_reg + 1),
                  "pass a constant size no larger than the buffer");
        } else {
            check_helper_memory(pc, buffer_reg, buffer, size.number(), false, state, reporter);
            check_helper_memory(pc, buffer_reg, buffer, size.number(), true, state, reporter);
        }
    }
    if (!size.number().is_constant()) {
        error("helper.arg_type", buffer_reg + 1, fmt::format("R{} must be a known constant", buffer_reg + 1),
              "the slice's size (buffer__szk) must be a compile-time constant");
    }
    if (kfunc.writable_slice && !m_context.type.packet_writable) {
        error("packet.read_only", 1,
              fmt::format("the prog does not allow writes to packet data: {} programs may not take a writable "
                          "dynptr slice",
                          m_context.type.name),
              "use bpf_dynptr_slice (read-only) or bpf_dynptr_read");
    }
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
            Value marker = Value::unknown_scalar();
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
