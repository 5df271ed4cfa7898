// Loads, stores and atomics: every access is checked against the region its
// base pointer points into (check_mem_access in the kernel): the stack frame,
// the context layout of the program type, the packet range proven against
// data_end, a map value's value_size, or sized helper memory.
#include "analyzer/checks/map_special_fields.hpp"
#include "analyzer/checks/socket_access.hpp"
#include "analyzer/transfer/executor.hpp"
#include "analyzer/transfer/stack_spill_rules.hpp"

#include "domains/scalar_ops.hpp"

#include <fmt/format.h>
#include <limits>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Scalar;
using domains::Value;

namespace {
// sizeof(struct bpf_flow_keys): what a flow dissector's ctx->flow_keys points to
// (check_flow_keys_access).
constexpr std::uint32_t kFlowKeysSize = 56;

constexpr std::int64_t kMaxPacketOffset = 0xffff;

// enum bpf_map_create flags (include/uapi/linux/bpf.h).
constexpr std::uint32_t kMapFlagRdonlyProg = 1U << 7;
constexpr std::uint32_t kMapFlagWronlyProg = 1U << 8;

std::string access_text(bool is_write, int width) {
    return fmt::format("{}-byte {}", width, is_write ? "write" : "read");
}

// Widest signed range of the accessed bytes: [min_offset, max_offset + width).
struct Span {
    std::int64_t lo;
    std::int64_t hi;  // exclusive
};

// Saturating: offsets near the int64 extremes must not wrap back into range.
Span span_of(const Scalar& offset, std::int64_t extra, int width) {
    Span span{};
    if (__builtin_add_overflow(offset.smin, extra, &span.lo)) {
        span.lo = extra < 0 ? std::numeric_limits<std::int64_t>::min() : std::numeric_limits<std::int64_t>::max();
    }
    if (__builtin_add_overflow(offset.smax, extra + width, &span.hi)) {
        span.hi =
            extra + width < 0 ? std::numeric_limits<std::int64_t>::min() : std::numeric_limits<std::int64_t>::max();
    }
    return span;
}

}  // namespace

Value Executor::access_memory(std::uint32_t pc, int base, std::int64_t offset, int width, bool is_write,
                              const Value* stored, MachineState& state, Reporter* reporter) const {
    if (state.reg(base).kind() == domains::Kind::Uninit) {
        read_reg(pc, base, state, reporter);  // reports uninit.register once; nothing more to say
        return Value::unknown_scalar();
    }
    Value pointer = read_reg(pc, base, state, reporter);
    auto fail = [&](std::string id, std::string message, std::string hint = {}) {
        if (reporter != nullptr) {
            reporter->error(std::move(id), pc, std::move(message), {describe(state, base)}, std::move(hint));
        }
        return Value::unknown_scalar();
    };
    if (domains::is_nullable(pointer.kind())) {
        if (reporter != nullptr) {
            reporter->error("null.deref", pc,
                            fmt::format("{} through R{}, which may be NULL ({})", access_text(is_write, width), base,
                                        domains::kind_name(pointer.kind())),
                            {describe(state, base)}, fmt::format("check R{} != NULL before this access", base));
        }
        mark_non_null(state, pointer.id(), false);
        pointer.set_kind(domains::non_null_kind(pointer.kind()));
        state.reg(base) = pointer;
    }
    // Recorded in the checking pass only: fixpoint iterates pass through states
    // wider than the converged ones.
    // save_aux_ptr_type: the kernel rewrites accesses to the context, sockets
    // and BTF objects per instruction, so such an instruction serves one
    // pointer type only (reg_type_mismatch).
    if (reporter != nullptr && pointer.is_pointer()) {
        const auto kind = static_cast<std::uint8_t>(pointer.kind());
        const auto [it, inserted] = m_base_kinds.try_emplace(pc, kind);
        const auto rewritten = [](Kind k) { return k == Kind::Ctx || k == Kind::Socket || k == Kind::BtfId; };
        const auto previous = static_cast<Kind>(it->second);
        if (!inserted && previous != pointer.kind() && (rewritten(previous) || rewritten(pointer.kind()))) {
            reporter->error("pointer.ambiguous", pc,
                            fmt::format("same insn cannot be used with different pointers: R{} is {} on one path "
                                        "and {} on another",
                                        base, domains::kind_name(previous), domains::kind_name(pointer.kind())),
                            {describe(state, base)},
                            "access the context, sockets and kernel objects with instructions of their own");
        }
    }
    check_map_kptr_access(pc, base, offset, width, is_write, state, reporter);
    switch (pointer.kind()) {
        case Kind::Stack:
            return access_stack(pc, base, pointer, offset, width, is_write, stored, state, reporter);
        case Kind::Ctx:
            return access_context(pc, base, pointer, offset, width, is_write, state, reporter);
        case Kind::Packet:
        case Kind::PacketMeta:
            return access_packet(pc, base, pointer, offset, width, is_write, reporter);
        case Kind::MapValue:
            if (!check_special_field_access(m_context, pc, base, pointer, offset, width, reporter)) {
                return Value::unknown_scalar();
            }
            return access_sized_region(pc, base, pointer, offset, width, is_write, reporter);
        case Kind::MapKey:
        case Kind::Mem:
        case Kind::FlowKeys:
            return access_sized_region(pc, base, pointer, offset, width, is_write, reporter);
        case Kind::Socket:
            if (!check_socket_access(pc, base, pointer, offset, width, is_write, reporter)) {
                return Value::unknown_scalar();
            }
            return width == 8 ? Value::unknown_scalar()
                              : Value::scalar(Scalar::unsigned_range(0, (1ULL << (width * 8)) - 1));
        case Kind::BtfId:
            return access_btf(pc, base, pointer, offset, width, is_write, state, reporter);
        case Kind::Scalar:
            if (pointer.id() == domains::kReportedFaultId) {
                return Value::unknown_scalar();  // its fault was reported where it arose
            }
            if (domains::is_released_id(pointer.id())) {
                return fail(
                    "ref.use_after_release",
                    fmt::format("{} through R{}, a pointer whose reference (acquired at insn {}) was already "
                                "released: R{} invalid mem access 'scalar'",
                                access_text(is_write, width), base, (pointer.id() & 0x3fffffffU) - kRefIdBase, base),
                    "do not touch a ring-buffer record or socket after submitting, discarding or releasing it");
            }
            return fail("pointer.not_pointer",
                        fmt::format("R{} invalid mem access 'scalar': {} through a number, not a pointer", base,
                                    access_text(is_write, width)),
                        "only pointers (stack, context, packet, map values) may be dereferenced");
        case Kind::PacketEnd:
            return fail("packet.end_deref", fmt::format("R{} is data_end: it points past the packet", base),
                        "compare against data_end; never dereference it");
        case Kind::MapPtr:
            if (!is_write && !m_context.options.unprivileged) {
                return access_map_struct(pc, base, pointer, offset, width, state, reporter);
            }
            return fail("pointer.map_deref",
                        fmt::format("R{} points to a map, not into its values; use bpf_map_lookup_elem", base));
        case Kind::Any:
            return fail("pointer.ambiguous",
                        fmt::format("R{} is a pointer of different kinds on different paths to this access", base),
                        "keep one kind of pointer in a register on every path");
        default:
            return fail("pointer.invalid_access",
                        fmt::format("{} through R{} ({}) is not allowed", access_text(is_write, width), base,
                                    domains::kind_name(pointer.kind())));
    }
}

Value Executor::access_stack(std::uint32_t pc, int base, const Value& pointer, std::int64_t offset, int width,
                             bool is_write, const Value* stored, MachineState& state, Reporter* reporter) const {
    const Span span = span_of(pointer.number(), offset, width);
    const std::int64_t frame_off_lo = span.lo < std::numeric_limits<std::int64_t>::min() + domains::kStackSize
                                          ? std::numeric_limits<std::int64_t>::min()
                                          : span.lo - domains::kStackSize;
    if (span.lo < 0 || span.hi > domains::kStackSize) {
        if (reporter != nullptr) {
            reporter->error(
                "stack.out_of_bounds", pc,
                fmt::format("{} at stack offset {}{} is outside the 512-byte frame", access_text(is_write, width),
                            frame_off_lo, pointer.number().is_constant() ? "" : " (variable offset)"),
                {describe(state, base)}, "keep stack accesses within r10-512 .. r10-1");
        }
        return Value::unknown_scalar();
    }
    // Stack accesses are always strictly aligned (check_ptr_alignment).
    if (pointer.number().is_constant() && span.lo % width != 0) {
        if (reporter != nullptr) {
            reporter->error("stack.misaligned", pc,
                            fmt::format("misaligned stack access at r10{:+d}, size {}", frame_off_lo, width),
                            {describe(state, base)},
                            fmt::format("align {}-byte stack accesses to {} bytes", width, width));
        }
        return Value::unknown_scalar();
    }
    if (reporter != nullptr) {
        note_stack_touch(pc, state, pointer.region(), static_cast<int>(span.lo));
    }
    domains::Stack& stack = state.stack(pointer.region());
    const bool constant = pointer.number().is_constant();
    const auto lo = static_cast<int>(span.lo);
    const auto len = static_cast<int>(span.hi - span.lo);
    if (constant && reporter != nullptr) {
        auto spill_rule =
            is_write ? (m_context.options.unprivileged ? corrupts_spilled_pointer(stack, lo, width) : std::nullopt)
                     : partial_pointer_fill(stack, lo, width);
        if (spill_rule) {
            reporter->error(is_write ? "pointer.corrupt_spill" : "pointer.partial_fill", pc, std::move(*spill_rule),
                            {describe(state, base)},
                            is_write ? "write all 8 bytes of a slot that holds a spilled pointer, or use another slot"
                                     : "fill a spilled pointer with one 8-byte load");
        }
    }
    if (is_write) {
        if (check_stack_object_access(pc, base, pointer.region(), lo, lo + len, StackObjectAccess::Write, state,
                                      reporter)) {
            return Value::unknown_scalar();  // the referenced dynptr stays
        }
        destroy_dynptrs(state, pointer.region(), lo, lo + len);
        if (constant && stored != nullptr) {
            // A privileged loader keeps a narrow scalar spill at a slot's start.
            stack.store(lo, width, *stored, !m_context.options.unprivileged);
        } else {
            stack.store_unknown(lo, len);
        }
        return Value::unknown_scalar();
    }
    if (check_stack_object_access(pc, base, pointer.region(), lo, lo + len, StackObjectAccess::Read, state, reporter)) {
        return Value::unknown_scalar();
    }
    if (!stack.initialised(lo, len)) {
        if (reporter != nullptr) {
            const std::string message = fmt::format("{} from stack at r10{:+d} reads bytes never written",
                                                    access_text(false, width), frame_off_lo);
            std::vector<std::string> notes{describe(state, base)};
            if (m_context.options.unprivileged) {
                reporter->error("uninit.stack", pc, message, notes, "initialise the stack slot before reading it");
            } else {
                notes.emplace_back("the kernel allows this with CAP_PERFMON, but the bytes are garbage");
                reporter->warning("uninit.stack", pc, message, notes, "initialise the stack slot before reading it");
            }
        }
        return width == 8 ? Value::unknown_scalar()
                          : Value::scalar(Scalar::unsigned_range(0, (1ULL << (width * 8)) - 1));
    }
    if (!constant) {
        return width == 8 ? Value::unknown_scalar()
                          : Value::scalar(Scalar::unsigned_range(0, (1ULL << (width * 8)) - 1));
    }
    return stack.load(lo, width).value_or(Value::unknown_scalar());
}

Value Executor::access_context(std::uint32_t pc, int base, const Value& pointer, std::int64_t offset, int width,
                               bool is_write, MachineState& state, Reporter* reporter) const {
    const ProgramType& type = m_context.type;
    auto fail = [&](std::string id, std::string message, std::string hint = {}) {
        if (reporter != nullptr) {
            reporter->error(std::move(id), pc, std::move(message), {describe(state, base)}, std::move(hint));
        }
        return Value::unknown_scalar();
    };
    const auto constant = pointer.number().as_constant();
    if (!constant || *constant != 0) {
        // check_ptr_off_reg: the context must be accessed through the
        // pointer the program received, with the field offset in the insn.
        return fail("ctx.variable_offset",
                    constant
                        ? fmt::format("dereference of modified ctx ptr R{} off={} disallowed", base,
                                      static_cast<std::int64_t>(*constant))
                        : fmt::format("dereference of modified ctx ptr R{}: its offset is not even constant", base),
                    "access context fields as ctx->field, through the unmodified context pointer");
    }
    const std::int64_t off = static_cast<std::int64_t>(*constant) + offset;
    if (type.model == ContextModel::ReadableBlob || type.model == ContextModel::BtfArgs) {
        if (is_write) {
            return fail("ctx.read_only", fmt::format("write to the {} context is not allowed", type.name));
        }
        const bool aligned = off % width == 0;
        if (type.model == ContextModel::BtfArgs && m_context.attach != nullptr && off >= 0 &&
            off + width <= static_cast<std::int64_t>(type.context_size) && aligned) {
            return access_btf_args(pc, base, off, width, state, reporter);
        }
        if (off < static_cast<std::int64_t>(type.blob_start) ||
            off + width > static_cast<std::int64_t>(type.context_size) || !aligned ||
            (type.model == ContextModel::BtfArgs && width != 8)) {
            return fail("ctx.bad_access",
                        fmt::format("invalid bpf_context access off={} size={} for {} (context of {} bytes)", off,
                                    width, type.name, type.context_size));
        }
        if (type.model == ContextModel::BtfArgs) {
            return Value::pointer(Kind::BtfId, 0, Scalar::constant(0));
        }
        return width == 8 ? Value::unknown_scalar()
                          : Value::scalar(Scalar::unsigned_range(0, (1ULL << (width * 8)) - 1));
    }
    // Rows covering `off`: the access is allowed when one of them allows it
    // (bpf_sock.dst_port has two); otherwise the first one explains why not.
    const ContextField* refused = nullptr;
    const ContextField* unavailable = nullptr;
    for (const ContextField& field : type.fields) {
        if (off < field.offset || off >= static_cast<std::int64_t>(field.offset) + field.size) {
            continue;
        }
        if (!context_field_available(type, expected_attach_type(m_context), field)) {
            unavailable = unavailable == nullptr ? &field : unavailable;
            continue;
        }
        if (m_context.options.unprivileged &&
            ((field.cap_bpf & kCapBpfAny) != 0 || (is_write && (field.cap_bpf & kCapBpfWrite) != 0))) {
            return fail(
                "ctx.bad_access",
                fmt::format("invalid bpf_context access off={} size={}: {}.{} {} CAP_BPF", off, width,
                            type.context_struct, field.name,
                            (field.cap_bpf & kCapBpfAny) != 0 ? "is readable only with" : "may be written only with"),
                "load the program with CAP_BPF, or do without the field");
        }
        if (is_write && field.access != FieldAccess::ReadWrite) {
            return fail("ctx.read_only", fmt::format("write to read-only context field {}.{} (off={})",
                                                     type.context_struct, field.name, off));
        }
        if (!context_width_allowed(field, off, width, is_write)) {
            refused = refused == nullptr ? &field : refused;
            continue;
        }
        if (is_write) {
            return Value::unknown_scalar();
        }
        switch (field.yields) {
            case Kind::Packet:
            case Kind::PacketMeta:
            case Kind::PacketEnd:
                return Value::pointer(field.yields, 0, Scalar::constant(0), 0);
            case Kind::SocketOrNull:
            case Kind::Socket:
                return Value::pointer(field.yields, field.socket, Scalar::constant(0), kNullableIdBase + pc);
            case Kind::FlowKeys:
                return Value::pointer(Kind::FlowKeys, kFlowKeysSize, Scalar::constant(0));
            default:
                break;
        }
        return width == 8 ? Value::unknown_scalar()
                          : Value::scalar(Scalar::unsigned_range(0, (1ULL << (width * 8)) - 1));
    }
    if (refused == nullptr && unavailable != nullptr) {
        return fail("ctx.bad_access",
                    fmt::format("invalid bpf_context access off={} size={}: {}.{} is available only to programs "
                                "of other attach types (section '{}' does not select one)",
                                off, width, type.context_struct, unavailable->name, m_context.program.section),
                    unavailable->name == "egress_ifindex" ? "read egress_ifindex only in a SEC(\"xdp/devmap\") program"
                                                          : "use a section name whose attach type provides this field");
    }
    if (refused != nullptr) {
        const ContextField& field = *refused;
        const int element = field.element != 0 ? field.element : static_cast<int>(field.size);
        return fail("ctx.bad_access",
                    is_write ? fmt::format("invalid bpf_context access off={} size={}: writes to {}.{} must be {} "
                                           "bytes{}",
                                           off, width, type.context_struct, field.name, element,
                                           field.wide ? " (or 8, 8-aligned)" : "")
                             : fmt::format("invalid bpf_context access off={} size={}: field {}.{} is {} bytes at "
                                           "offset {}{}",
                                           off, width, type.context_struct, field.name, field.size, field.offset,
                                           field.element != 0 ? fmt::format(" ({}-byte elements)", element) : ""));
    }
    return fail("ctx.bad_access",
                fmt::format("invalid bpf_context access off={} size={}: no field of {} there", off, width,
                            type.context_struct.empty() ? std::string_view{"this program type's context"}
                                                        : type.context_struct));
}

Value Executor::access_packet(std::uint32_t pc, int base, const Value& pointer, std::int64_t offset, int width,
                              bool is_write, Reporter* reporter) const {
    const std::int64_t off = pointer.fixed_offset() + offset;
    const Scalar& total = pointer.number();
    auto state_note = [&] {
        return fmt::format("R{}=pkt(id={},off={},r={}); proven: data + {} <= data_end", base,
                           pointer.id() == domains::kNoId ? 0 : pointer.id(), pointer.fixed_offset(), pointer.range(),
                           pointer.range());
    };
    if (reporter != nullptr && is_write && !m_context.type.packet_writable) {
        reporter->error("packet.read_only", pc,
                        fmt::format("{} programs cannot write into the packet", m_context.type.name), {state_note()});
    }
    if (total.smin + offset < 0 && reporter != nullptr) {
        reporter->error("packet.bounds", pc,
                        fmt::format("{} at packet offset {} may be before the start of the packet",
                                    access_text(is_write, width), total.smin + offset),
                        {state_note()}, "make sure offsets added to the packet pointer are not negative");
    } else if (total.umax > static_cast<std::uint64_t>(kMaxPacketOffset) && reporter != nullptr) {
        reporter->error("packet.bounds", pc,
                        fmt::format("R{} offset is outside of the packet: it may exceed {}", base, kMaxPacketOffset),
                        {state_note()}, "bound the variable offset (e.g. with & 0xff) before adding it");
    } else if ((off < 0 || off + width > pointer.range()) && reporter != nullptr) {
        const std::string where = pointer.number().is_constant() ? fmt::format("offset {}", off)
                                                                 : fmt::format("offset {} past a variable part", off);
        reporter->error(
            "packet.bounds", pc,
            fmt::format("{} at packet {} is not proven below data_end", access_text(is_write, width), where),
            {state_note()}, fmt::format("check data + {} <= data_end before this access", off + width));
    }
    return is_write ? Value::unknown_scalar()
                    : (width == 8 ? Value::unknown_scalar()
                                  : Value::scalar(Scalar::unsigned_range(0, (1ULL << (width * 8)) - 1)));
}

Executor::MapSet Executor::maps_of(const Value& pointer) const {
    MapSet set;
    bool first = true;
    const auto& maps = m_context.object.maps;
    for (std::size_t i = 0; i < maps.size() && i < 64; ++i) {
        const bool member =
            pointer.region() == domains::kManyMaps ? ((pointer.region_set() >> i) & 1U) != 0 : pointer.region() == i;
        if (!member) {
            continue;
        }
        const model::MapDef& def = maps[i];
        set.key_min = first ? def.key_size : std::min(set.key_min, def.key_size);
        set.key_max = first ? def.key_size : std::max(set.key_max, def.key_size);
        set.value_min = first ? def.value_size : std::min(set.value_min, def.value_size);
        set.value_max = first ? def.value_size : std::max(set.value_max, def.value_size);
        // check_map_access_type: BPF_F_RDONLY_PROG / BPF_F_WRONLY_PROG maps.
        set.read_only = set.read_only || def.read_only || (def.map_flags & kMapFlagRdonlyProg) != 0;
        set.write_only = set.write_only || (def.map_flags & kMapFlagWronlyProg) != 0;
        set.single = first ? &def : nullptr;
        set.names += (first ? "'" : ", '") + def.name + "'";
        first = false;
    }
    if (pointer.region() != domains::kManyMaps && pointer.region() >= 64 && pointer.region() < maps.size()) {
        const model::MapDef& def = maps[pointer.region()];
        set = MapSet{def.key_size,
                     def.key_size,
                     def.value_size,
                     def.value_size,
                     def.read_only || (def.map_flags & kMapFlagRdonlyProg) != 0,
                     (def.map_flags & kMapFlagWronlyProg) != 0,
                     &def,
                     "'" + def.name + "'"};
    }
    return set;
}

Value Executor::access_sized_region(std::uint32_t pc, int base, const Value& pointer, std::int64_t offset, int width,
                                    bool is_write, Reporter* reporter) const {
    std::uint64_t size = 0;
    std::string what;
    const model::MapDef* map = nullptr;
    bool read_only_map = false;
    bool write_only_map = false;
    switch (pointer.kind()) {
        case Kind::MapValue: {
            const MapSet maps = maps_of(pointer);
            map = maps.single;
            read_only_map = maps.read_only;
            write_only_map = maps.write_only;
            size = maps.value_min;
            what = fmt::format("map value of {} (value_size={})", maps.names, size);
            break;
        }
        case Kind::MapKey: {
            const MapSet maps = maps_of(pointer);
            map = maps.single;
            size = maps.key_min;
            what = fmt::format("map key of {} (key_size={})", maps.names, size);
            break;
        }
        case Kind::Socket:
            size = 80;
            what = "struct bpf_sock";
            break;
        case Kind::FlowKeys:
            size = pointer.region();
            what = "struct bpf_flow_keys";
            break;
        default:
            size = pointer.region();
            what = fmt::format("memory of {} bytes", size);
            break;
    }
    const Span span = span_of(pointer.number(), offset, width);
    const std::string_view family = pointer.kind() == Kind::MapValue || pointer.kind() == Kind::MapKey ? "map" : "mem";
    if (span.lo < 0 || span.hi > static_cast<std::int64_t>(size) || pointer.number().smin + offset < 0) {
        if (reporter != nullptr) {
            reporter->error(fmt::format("{}.bounds", family), pc,
                            fmt::format("{} at offset {}..{} of {} is out of bounds", access_text(is_write, width),
                                        span.lo, span.hi - 1, what),
                            {fmt::format("R{} offset = {}", base, pointer.number().to_string())},
                            fmt::format("check the offset so that offset + {} <= {}", width, size));
        }
        return Value::unknown_scalar();
    }
    if (is_write) {
        if (pointer.kind() == Kind::Mem && read_only_slice(pointer)) {
            if (reporter != nullptr) {
                reporter->error(
                    "pointer.read_only", pc,
                    fmt::format("R{} cannot write into rdonly_mem: a bpf_dynptr_slice slice is read-only", base), {},
                    "take the slice with bpf_dynptr_slice_rdwr to write through it");
            }
            return Value::unknown_scalar();
        }
        if (pointer.kind() == Kind::Socket || pointer.kind() == Kind::MapKey ||
            (read_only_map && pointer.kind() == Kind::MapValue)) {
            if (reporter != nullptr) {
                reporter->error(pointer.kind() == Kind::MapValue ? "map.read_only" : "pointer.read_only", pc,
                                fmt::format("write into read-only {}", what), {});
            }
        }
        return Value::unknown_scalar();
    }
    if (write_only_map && pointer.kind() == Kind::MapValue) {
        if (reporter != nullptr) {
            reporter->error(
                "map.write_only", pc,
                fmt::format("read from map forbidden: {} is write-only for programs (BPF_F_WRONLY_PROG)", what), {},
                "read the map from user space, or create it without BPF_F_WRONLY_PROG");
        }
        return Value::unknown_scalar();
    }
    // libbpf fills LINUX_KERNEL_VERSION in .kconfig with the target kernel's version.
    if (map != nullptr && map->name == ".kconfig" && pointer.number().is_constant() && width == 4 &&
        m_context.options.kernel_version != 0) {
        const auto index = static_cast<std::size_t>(span.lo / 8);
        if (span.lo % 8 == 0 && index < m_context.object.kconfig_externs.size() &&
            m_context.object.kconfig_externs[index] == "LINUX_KERNEL_VERSION") {
            return Value::constant(m_context.options.kernel_version);
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
    return width == 8 ? Value::unknown_scalar() : Value::scalar(Scalar::unsigned_range(0, (1ULL << (width * 8)) - 1));
}

void Executor::execute_load(std::uint32_t pc, const isa::Load& load, MachineState& state, Reporter* reporter) const {
    Value value = access_memory(pc, load.base, load.offset, load.width, false, nullptr, state, reporter);
    // The context's is_valid_access functions refuse a sign-extending load
    // (info->is_ldsx) of a field that gives a packet pointer.
    const bool packet_pointer =
        value.kind() == Kind::Packet || value.kind() == Kind::PacketMeta || value.kind() == Kind::PacketEnd;
    if (load.sign_extend && packet_pointer && state.reg(load.base).kind() == Kind::Ctx) {
        if (reporter != nullptr) {
            reporter->error("ctx.bad_access", pc,
                            fmt::format("invalid bpf_context access off={} size={}: a sign-extending load of a "
                                        "field that holds a packet pointer",
                                        load.offset, load.width),
                            {describe(state, load.base)}, "load packet pointers with a plain (zero-extending) load");
        }
        value = Value::unknown_scalar();
    }
    if (load.sign_extend && value.is_scalar()) {
        value = Value::scalar(domains::scalar_sign_extend(value.number(), load.width * 8U, true));
    }
    if (!value.is_scalar() && load.width != 8 && value.kind() != Kind::Packet && value.kind() != Kind::PacketEnd &&
        value.kind() != Kind::PacketMeta) {
        value = Value::scalar(Scalar::unsigned_range(0, (1ULL << (load.width * 8)) - 1));
    }
    // A privileged loader's fill of a spilled scalar keeps its id (the
    // stack load decided whether it still fits); other loads are new values.
    const bool fill = state.reg(load.base).kind() == Kind::Stack && !m_context.options.unprivileged;
    value.set_id(value.is_scalar() && !fill ? 0 : value.id());
    state.reg(load.dst) = value;
}

void Executor::execute_store(std::uint32_t pc, const isa::Store& store, MachineState& state, Reporter* reporter) const {
    Value value = store.value.is_register ? read_reg(pc, store.value.reg, state, reporter)
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
    if (value.is_pointer() && reporter != nullptr) {
        const bool to_stack = base.kind() == Kind::Stack;
        if (!to_stack && m_context.options.unprivileged) {
            reporter->error(
                "pointer.leak", pc,
                fmt::format("R{} leaks an address into {}", store.value.reg, domains::kind_name(base.kind())),
                {describe(state, store.value.reg)}, "store numbers, not pointers, outside the stack");
        } else if (to_stack && store.width != 8 && value.kind() != Kind::BtfId) {
            reporter->error(
                "pointer.partial_spill", pc,
                fmt::format("partial ({}-byte) spill of pointer R{} to the stack", store.width, store.value.reg),
                {describe(state, store.value.reg)});
        }
    }
    access_memory(pc, store.base, store.offset, store.width, true, &value, state, reporter);
}

// Atomic operations need natural alignment whatever the loader asked for
// (check_atomic_rmw passes strict_alignment_once; check_generic_ptr_alignment
// tests the pointer's known bits plus the instruction's offset). The stack
// has its own rule (stack.misaligned); other pointer kinds refuse atomics.
void Executor::check_atomic_alignment(std::uint32_t pc, const isa::Atomic& atomic, const MachineState& state,
                                      Reporter& reporter) const {
    const Value& pointer = state.reg(atomic.base);
    if (pointer.kind() != Kind::MapValue && pointer.kind() != Kind::Mem && pointer.kind() != Kind::BtfId) {
        return;
    }
    const auto low_bits = static_cast<std::uint64_t>(atomic.width) - 1U;
    const domains::Tnum& bits = pointer.number().bits;
    const std::uint64_t low_value = bits.value + static_cast<std::uint64_t>(atomic.offset);
    if ((bits.mask & low_bits) == 0U && (low_value & low_bits) == 0U) {
        return;
    }
    reporter.error("mem.misaligned", pc,
                   fmt::format("{}-byte atomic operation through R{}{:+} is not aligned to its size", atomic.width,
                               atomic.base, atomic.offset),
                   {describe(state, atomic.base)},
                   "align the field to its size (reorder the struct or add padding); atomics always need it");
}

void Executor::execute_atomic(std::uint32_t pc, const isa::Atomic& atomic, MachineState& state,
                              Reporter* reporter) const {
    const Value src = read_reg(pc, atomic.src, state, reporter);
    if (atomic.op == isa::AtomicOp::CmpXchg) {
        read_reg(pc, 0, state, reporter);
    }
    const Kind base_kind = state.reg(atomic.base).kind();
    if (base_kind != Kind::Stack && base_kind != Kind::MapValue && base_kind != Kind::Mem && base_kind != Kind::BtfId &&
        !domains::is_nullable(base_kind) && reporter != nullptr) {
        reporter->error("pointer.atomic", pc,
                        fmt::format("atomic operation on {} through R{} is not allowed", domains::kind_name(base_kind),
                                    atomic.base),
                        {describe(state, atomic.base)}, "atomics work on the stack and on map values");
    }
    if (!src.is_scalar() && reporter != nullptr && m_context.options.unprivileged) {
        reporter->error("pointer.leak", pc, fmt::format("R{} leaks an address into memory", atomic.src));
    }
    if (reporter != nullptr) {
        check_atomic_alignment(pc, atomic, state, *reporter);
    }
    // The old value is what a load there gives (the kernel's check_atomic_rmw
    // loads it through check_mem_access): a known spilled constant stays known.
    const Value loaded = access_memory(pc, atomic.base, atomic.offset, atomic.width, false, nullptr, state, reporter);
    const Value unknown = Value::unknown_scalar();
    access_memory(pc, atomic.base, atomic.offset, atomic.width, true, &unknown, state, reporter);
    const Value old = loaded.is_scalar() && !loaded.is_bottom() ? loaded
                      : atomic.width == 8                       ? Value::unknown_scalar()
                                          : Value::scalar(Scalar::unsigned_range(0, 0xffffffffULL));
    if (atomic.op == isa::AtomicOp::CmpXchg) {
        state.reg(0) = old;
    } else if (atomic.fetch || atomic.op == isa::AtomicOp::Xchg) {
        state.reg(atomic.src) = old;
    }
}

void Executor::execute_packet_load(std::uint32_t pc, const isa::LoadPacket& load, MachineState& state,
                                   Reporter* reporter) const {
    if (reporter != nullptr && m_context.type.context_struct != "__sk_buff") {
        reporter->error("packet.legacy_load", pc,
                        fmt::format("BPF_LD_[ABS|IND] is not allowed for {} programs", m_context.type.name));
    }
    // check_ld_abs: the load may end the program (a call in disguise).
    if (const domains::HeldReference* lock = state.held_lock(); reporter != nullptr && lock != nullptr) {
        reporter->error("ref.lock_held", pc,
                        fmt::format("BPF_LD_[ABS|IND] cannot be used inside bpf_spin_lock-ed region (the lock taken "
                                    "at insn {} is held)",
                                    lock->insn),
                        {}, "load the packet bytes before bpf_spin_lock, or after bpf_spin_unlock");
    }
    if (reporter != nullptr && state.reg(6).kind() != Kind::Ctx) {
        reporter->error("packet.legacy_load", pc, "BPF_LD_[ABS|IND] needs the context in R6", {describe(state, 6)},
                        "keep the context pointer in R6");
    }
    check_ld_abs_in_sections(pc, state, reporter);
    if (load.indirect) {
        read_reg(pc, load.src, state, reporter);
    }
    for (int r = 1; r <= 5; ++r) {
        state.reg(r) = Value::uninit();
    }
    state.reg(0) =
        Value::scalar(Scalar::unsigned_range(0, load.width == 4 ? 0xffffffffULL : (1ULL << (load.width * 8)) - 1));
}

}  // namespace bpfcheck::analyzer
