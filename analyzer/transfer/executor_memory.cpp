// Loads, stores and atomics: what an access through a pointer yields or
// changes, per region (the stack frame's bytes and spills, the context
// layout's fields, the packet, a map value's bytes or .rodata constants,
// sized helper memory, BTF-typed kernel memory). The checks of the same
// accesses (check_mem_access) are the checker's: analyzer/checks/
// check_memory.cpp, check_context.cpp; here an access they refuse yields
// an unknown number and changes nothing.
#include "analyzer/checks/memory/map_special_fields.hpp"
#include "analyzer/checks/memory/socket_access.hpp"
#include "analyzer/transfer/executor.hpp"
#include "analyzer/transfer/memory_regions.hpp"

#include "domains/scalar_ops.hpp"

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Scalar;
using domains::Value;

Value Executor::access_memory(std::uint32_t pc, int base, std::int64_t offset, int width, bool is_write,
                              const Value* stored, MachineState& state) const {
    if (state.reg(base).kind() == domains::Kind::Uninit) {
        read_operand(base, state);
        return Value::unknown_scalar();
    }
    Value pointer = state.reg(base);
    if (domains::is_nullable(pointer.kind())) {
        // null.deref: assumed checked from here on.
        mark_non_null(state, pointer.id(), false);
        pointer.set_kind(domains::non_null_kind(pointer.kind()));
        state.reg(base) = pointer;
    }
    switch (pointer.kind()) {
        case Kind::Stack:
            return access_stack(pointer, offset, width, is_write, stored, state);
        case Kind::Ctx:
            return access_context(pc, pointer, offset, width, is_write);
        case Kind::Packet:
        case Kind::PacketMeta:
            return is_write ? Value::unknown_scalar() : scalar_of_width(width);
        case Kind::MapValue:
            if (special_field_refusal(m_context, pc, base, pointer, offset, width)) {
                return Value::unknown_scalar();  // map.special_field
            }
            return access_sized_region(pointer, offset, width, is_write);
        case Kind::MapKey:
        case Kind::Mem:
        case Kind::FlowKeys:
            return access_sized_region(pointer, offset, width, is_write);
        case Kind::Socket:
            if (socket_access_refusal(pc, base, pointer, offset, width, is_write)) {
                return Value::unknown_scalar();
            }
            return scalar_of_width(width);
        case Kind::MapPtr:
            // struct bpf_map fields, readable with CAP_PERFMON (BTF-checked)
            return is_write || m_context.options.unprivileged ? Value::unknown_scalar()
                                                              : access_map_struct(pc, pointer, offset, width);
        case Kind::BtfId:
            return access_btf(pc, pointer, offset, width, is_write, in_rcu_cs(state));
        case Kind::Arena:
            return is_write ? Value::unknown_scalar() : scalar_of_width(width);  // arena.hpp
        default:
            return Value::unknown_scalar();
    }
}

Value Executor::access_stack(const Value& pointer, std::int64_t offset, int width, bool is_write, const Value* stored,
                             MachineState& state) const {
    const Span span = span_of(pointer.number(), offset, width);
    if (span.lo < 0 || span.hi > domains::kStackSize) {
        return Value::unknown_scalar();  // stack.out_of_bounds
    }
    if (pointer.number().is_constant() && span.lo % width != 0) {
        return Value::unknown_scalar();  // stack.misaligned
    }
    domains::Stack& stack = state.stack(pointer.region());
    const bool constant = pointer.number().is_constant();
    const auto lo = static_cast<int>(span.lo);
    const auto len = static_cast<int>(span.hi - span.lo);
    if (is_write) {
        if (referenced_dynptr_in(state, pointer.region(), lo, lo + len)) {
            return Value::unknown_scalar();  // ref.dynptr_overwrite: the referenced dynptr stays
        }
        destroy_dynptrs(state, pointer.region(), lo, lo + len);
        if (constant && stored != nullptr) {
            // A privileged loader keeps a scalar spill of any width at a
            // slot's start, an unprivileged one none (not bpf_capable).
            stack.store(lo, width, *stored,
                        m_context.options.unprivileged ? domains::Stack::ScalarSpills::None
                                                       : domains::Stack::ScalarSpills::AnyWidth);
        } else {
            stack.store_unknown(lo, len);
        }
        return Value::unknown_scalar();
    }
    if (stack_object_in(state, pointer.region(), lo, lo + len)) {
        return Value::unknown_scalar();  // stack.object_slot
    }
    if (!stack.initialised(lo, len) || !constant) {
        return scalar_of_width(width);
    }
    return stack.load(lo, width).value_or(Value::unknown_scalar());
}

Value Executor::access_context(std::uint32_t pc, const Value& pointer, std::int64_t offset, int width,
                               bool is_write) const {
    const ProgramType& type = m_context.type;
    const auto constant = pointer.number().as_constant();
    if (!constant || *constant != 0) {
        return Value::unknown_scalar();  // ctx.variable_offset
    }
    const std::int64_t off = static_cast<std::int64_t>(*constant) + offset;
    if (type.model == ContextModel::ReadableBlob || type.model == ContextModel::BtfArgs) {
        if (is_write) {
            return Value::unknown_scalar();
        }
        if (type.tp_buffer_at_zero && off == 0 && width == 8) {
            return Value::pointer(Kind::Mem, domains::kTpBufferRegion, Scalar::constant(0));
        }
        const bool aligned = off % width == 0;
        if (type.model == ContextModel::BtfArgs && m_context.attach != nullptr && off >= 0 &&
            off + width <= static_cast<std::int64_t>(type.context_size) && aligned) {
            return access_btf_args(pc, off, width);
        }
        if (off < static_cast<std::int64_t>(type.blob_start) ||
            off + width > static_cast<std::int64_t>(type.context_size) || !aligned ||
            (type.model == ContextModel::BtfArgs && width != 8)) {
            return Value::unknown_scalar();
        }
        if (type.model == ContextModel::BtfArgs) {
            return Value::pointer(Kind::BtfId, 0, Scalar::constant(0));
        }
        return scalar_of_width(width);
    }
    const ContextFieldMatch match = match_context_field(m_context, off, width, is_write);
    if (match.decided == nullptr || match.read_only || match.needs_cap_bpf || is_write) {
        return Value::unknown_scalar();
    }
    switch (match.decided->yields) {
        case Kind::Packet:
        case Kind::PacketMeta:
        case Kind::PacketEnd:
            return Value::pointer(match.decided->yields, 0, Scalar::constant(0), 0);
        case Kind::SocketOrNull:
        case Kind::Socket:
            return Value::pointer(match.decided->yields, match.decided->socket, Scalar::constant(0),
                                  kNullableIdBase + pc);
        case Kind::FlowKeys:
            return Value::pointer(Kind::FlowKeys, kFlowKeysSize, Scalar::constant(0));
        case Kind::BtfId: {
            const model::KernelTypes* types = m_context.options.kernel_types;
            const std::uint32_t btf_type = types != nullptr ? types->find_struct(match.decided->btf_struct) : 0;
            return Value::pointer(Kind::BtfId, btf_type, Scalar::constant(0));
        }
        default:
            return scalar_of_width(width);
    }
}

MapSet Executor::maps_of(const Value& pointer) const {
    return analyzer::maps_of(m_context.object, pointer);
}

Value Executor::access_sized_region(const Value& pointer, std::int64_t offset, int width, bool is_write) const {
    std::uint64_t size = 0;
    const model::MapDef* map = nullptr;
    switch (pointer.kind()) {
        case Kind::MapValue: {
            const MapSet maps = maps_of(pointer);
            map = maps.single;
            size = maps.value_min;
            break;
        }
        case Kind::MapKey:
            size = maps_of(pointer).key_min;
            break;
        case Kind::Socket:
            size = kSocketSize;
            break;
        default:
            size = pointer.region();
            break;
    }
    const Span span = span_of(pointer.number(), offset, width);
    if (span.lo < 0 || span.hi > static_cast<std::int64_t>(size) || pointer.number().smin + offset < 0 || is_write) {
        return Value::unknown_scalar();  // {map,mem}.bounds, or a write
    }
    if (pointer.kind() == Kind::MapValue && maps_of(pointer).write_only) {
        return Value::unknown_scalar();  // map.write_only
    }
    // libbpf fills .kconfig from the target kernel's version and build
    // configuration, then freezes it: the kernel reads constants.
    if (map != nullptr && map->name == ".kconfig" && pointer.number().is_constant()) {
        if (const auto value = kconfig_load(m_context.object.kconfig_externs, m_context.options.kernel_config,
                                            m_context.options.kernel_version, span.lo, width)) {
            return Value::constant(*value);
        }
    }
    // Frozen read-only data (.rodata) gives known constants, as in the kernel.
    if (map != nullptr && map->read_only && pointer.kind() == Kind::MapValue && pointer.number().is_constant() &&
        !map->initial_value.empty()) {
        const auto at = static_cast<std::size_t>(span.lo);
        if (at + static_cast<std::size_t>(width) <= map->initial_value.size()) {
            std::uint64_t v = 0;
            for (int i = width - 1; i >= 0; --i) {
                v = (v << 8) | map->initial_value[at + static_cast<std::size_t>(i)];
            }
            return Value::constant(v);
        }
    }
    return scalar_of_width(width);
}

void Executor::execute_load(std::uint32_t pc, const isa::Load& load, MachineState& state) const {
    Value value = access_memory(pc, load.base, load.offset, load.width, false, nullptr, state);
    if (auto kptr = kptr_load(pc, state.reg(load.base), load.offset, load.width, state)) {
        state.reg(load.dst) = *kptr;
        return;
    }
    // ValidLoad: a sign-extended packet pointer from the context is refused.
    const bool packet_pointer =
        value.kind() == Kind::Packet || value.kind() == Kind::PacketMeta || value.kind() == Kind::PacketEnd;
    if (load.sign_extend && packet_pointer && state.reg(load.base).kind() == Kind::Ctx) {
        value = Value::unknown_scalar();
    }
    if (load.sign_extend && value.is_scalar()) {
        value = Value::scalar(domains::scalar_sign_extend(value.number(), load.width * 8U, true));
    } else if (load.width != 8 && value.kind() != Kind::Packet && value.kind() != Kind::PacketEnd &&
               value.kind() != Kind::PacketMeta) {
        // A narrower load zero-extends whatever it reads (part of a pointer,
        // or an access the checks refuse): the register holds a number of
        // its width, so no later check is drawn from a value it cannot hold
        // (`hex[*p >> 4]` after a refused read of *p).
        const std::uint64_t most = (1ULL << (load.width * 8)) - 1;
        if (!value.is_scalar()) {
            value = Value::scalar(Scalar::unsigned_range(0, most));
        } else if (value.number().umax > most) {
            value.number().meet_with(Scalar::unsigned_range(0, most));
            value.number().reduce();
        }
    }
    // A privileged loader's fill of a spilled scalar keeps its id (the
    // stack load decided whether it still fits); other loads are new values.
    const bool fill = state.reg(load.base).kind() == Kind::Stack && !m_context.options.unprivileged;
    value.set_id(value.is_scalar() && !fill ? 0 : value.id());
    if (value.is_scalar() && !fill && value.error_argument() < 0) {  // a tracing argument's origin stays
        value.clear_facts();
    }
    state.reg(load.dst) = value;
}

void Executor::execute_store(std::uint32_t pc, const isa::Store& store, MachineState& state) const {
    Value value = store.value.is_register ? read_operand(store.value.reg, state)
                                          : Value::constant(static_cast<std::uint64_t>(store.value.imm));
    const Value& base = state.reg(store.base);
    // check_stack_write_fixed_off: a privileged loader's scalar spilled to an
    // 8-aligned slot, whole (its value fits the store), shares an id with
    // the register, so a later bound on either refines the other.
    if (store.value.is_register && value.is_scalar() && !m_context.options.unprivileged && base.kind() == Kind::Stack &&
        base.number().is_constant() && (base.number().smin + store.offset) % 8 == 0 &&
        (store.width == 8 || value.number().umax < (1ULL << (8U * store.width)))) {
        value.set_id(share_scalar_id(pc, store.value.reg, state));
    }
    access_memory(pc, store.base, store.offset, store.width, true, &value, state);
}

void Executor::execute_atomic(std::uint32_t pc, const isa::Atomic& atomic, MachineState& state) const {
    read_operand(atomic.src, state);
    if (atomic.op == isa::AtomicOp::CmpXchg) {
        read_operand(0, state);
    }
    // The old value is what a load there gives (the kernel's check_atomic_rmw
    // loads it through check_mem_access): a known spilled constant stays known.
    const Value loaded = access_memory(pc, atomic.base, atomic.offset, atomic.width, false, nullptr, state);
    const Value unknown = Value::unknown_scalar();
    access_memory(pc, atomic.base, atomic.offset, atomic.width, true, &unknown, state);
    const Value old = loaded.is_scalar() && !loaded.is_bottom() ? loaded
                      : atomic.width == 8                       ? Value::unknown_scalar()
                                          : Value::scalar(Scalar::unsigned_range(0, 0xffffffffULL));
    if (atomic.op == isa::AtomicOp::CmpXchg) {
        state.reg(0) = old;
    } else if (atomic.fetch || atomic.op == isa::AtomicOp::Xchg) {
        state.reg(atomic.src) = old;
    }
}

void Executor::execute_packet_load(const isa::LoadPacket& load, MachineState& state) const {
    if (load.indirect) {
        read_operand(load.src, state);
    }
    for (int r = 1; r <= 5; ++r) {
        state.reg(r) = Value::uninit();
    }
    state.reg(0) =
        Value::scalar(Scalar::unsigned_range(0, load.width == 4 ? 0xffffffffULL : (1ULL << (load.width * 8)) - 1));
}

}  // namespace bpfcheck::analyzer
