// The kernel's limits on pointer arithmetic (kernel/bpf/verifier.c,
// check_reg_sane_offset, sanitize_ptr_alu, retrieve_ptr_limit,
// sanitize_check_bounds), as pure functions of the operands. A pointer's
// offset here is its whole offset (the kernel's fixed `off` plus its variable
// part); the kernel's sums of the two are these totals.
#include "analyzer/transfer/pointer_sanitation.hpp"

#include "domains/machine_state.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::Scalar;
using domains::Value;

namespace {

constexpr std::string_view kNotForUnprivileged = "pointer arithmetic with it prohibited for !root";

// reg_type_str's names for the kinds pointer arithmetic reaches.
std::string_view kernel_type_name(Kind kind) {
    switch (kind) {
        case Kind::Stack:
            return "fp";
        case Kind::Ctx:
            return "ctx";
        case Kind::Packet:
            return "pkt";
        case Kind::PacketMeta:
            return "pkt_meta";
        case Kind::MapValue:
            return "map_value";
        case Kind::MapKey:
            return "map_key";
        case Kind::Mem:
            return "mem";
        case Kind::FlowKeys:
            return "flow_keys";
        default:
            return domains::kind_name(kind);
    }
}

// The check id for an offset that takes a pointer of this kind out of
// what the verifier tracks: the bounds check of its kind of memory.
std::string bounds_check_id(Kind kind) {
    switch (kind) {
        case Kind::MapValue:
        case Kind::MapKey:
            return "map.bounds";
        case Kind::Packet:
        case Kind::PacketMeta:
            return "packet.bounds";
        case Kind::Stack:
            return "stack.out_of_bounds";
        default:
            return "mem.bounds";
    }
}

// The frame offset (r10-relative) of a stack pointer: var_off.value + off.
std::int64_t frame_offset(const Value& pointer) {
    return static_cast<std::int64_t>(pointer.number().bits.value) - domains::kStackSize;
}

// retrieve_ptr_limit: how far the pointer may move towards the side the
// kernel masks to; nullopt where it cannot be masked (REASON_LIMIT).
std::optional<std::int64_t> pointer_limit(const Value& pointer, bool mask_to_left, std::uint32_t value_size) {
    std::int64_t limit = 0;
    std::int64_t max = 0;
    if (pointer.kind() == Kind::Stack) {
        // Offset 0 (r10 itself) is a fine start towards the left.
        max = domains::kStackSize + (mask_to_left ? 1 : 0);
        limit = -frame_offset(pointer);
    } else {
        max = value_size;
        const Scalar& offset = pointer.number();
        if (mask_to_left) {
            limit = offset.smin;
        } else {
            limit = offset.smin < 0 ? -1 : static_cast<std::int64_t>(offset.umax);
        }
    }
    // The kernel's limit is a u32: a negative one is out of range too.
    if (limit < 0 || limit >= max) {
        return std::nullopt;
    }
    return limit;
}

bool mask_to_left(const PointerAlu& alu) {
    const bool off_is_neg = alu.offset.smin < 0;
    return alu.is_add == off_is_neg;
}

}  // namespace

std::optional<InsaneOffset> insane_scalar_offset(const Scalar& offset, Kind pointer_kind) {
    if (const auto value = offset.as_constant()) {
        const auto v = static_cast<std::int64_t>(*value);
        if (v >= kMaxVarOff || v <= -kMaxVarOff) {
            return InsaneOffset{"pointer.arithmetic", fmt::format("math between {} pointer and {} is not allowed",
                                                                  kernel_type_name(pointer_kind), v)};
        }
    }
    if (offset.smin == std::numeric_limits<std::int64_t>::min()) {
        return InsaneOffset{bounds_check_id(pointer_kind),
                            fmt::format("math between {} pointer and register with unbounded min value is not allowed",
                                        kernel_type_name(pointer_kind))};
    }
    if (offset.smin >= kMaxVarOff || offset.smin <= -kMaxVarOff) {
        return InsaneOffset{bounds_check_id(pointer_kind), fmt::format("value {} makes {} pointer be out of bounds",
                                                                       offset.smin, kernel_type_name(pointer_kind))};
    }
    return std::nullopt;
}

std::optional<InsaneOffset> insane_pointer_offset(const Value& pointer) {
    if (pointer.fixed_offset() >= kMaxVarOff || pointer.fixed_offset() <= -kMaxVarOff) {
        return InsaneOffset{"pointer.arithmetic",
                            fmt::format("{} pointer offset {} is not allowed", kernel_type_name(pointer.kind()),
                                        pointer.fixed_offset())};
    }
    // The stack pointer's numeric part counts from the frame's bottom.
    const Scalar& offset = pointer.number();
    if (offset.smin == std::numeric_limits<std::int64_t>::min()) {
        return InsaneOffset{bounds_check_id(pointer.kind()),
                            fmt::format("math between {} pointer and register with unbounded min value is not allowed",
                                        kernel_type_name(pointer.kind()))};
    }
    const std::int64_t smin = pointer.kind() == Kind::Stack ? offset.smin - domains::kStackSize : offset.smin;
    if (smin >= kMaxVarOff || smin <= -kMaxVarOff) {
        return InsaneOffset{bounds_check_id(pointer.kind()), fmt::format("value {} makes {} pointer be out of bounds",
                                                                         smin, kernel_type_name(pointer.kind()))};
    }
    return std::nullopt;
}

namespace {

// sanitize_check_bounds' range: inside the map value, or at a constant
// offset inside the stack frame.
bool inside_checked_range(const Value& pointer, std::uint32_t value_size) {
    if (pointer.kind() == Kind::Stack) {
        const std::int64_t off = frame_offset(pointer);
        return pointer.number().is_constant() && off < 0 && off >= -domains::kStackSize;
    }
    if (pointer.kind() == Kind::MapValue) {
        return pointer.number().smin >= 0 && pointer.number().umax < value_size;
    }
    return true;
}

}  // namespace

std::optional<std::string> unmaskable_pointer_alu(const PointerAlu& alu) {
    if (!alu.offset_in_register) {
        return std::nullopt;  // can_skip_alu_sanitation: an immediate needs no mask
    }
    if (!inside_checked_range(alu.pointer, alu.value_size)) {
        return std::nullopt;  // refused where it left its range (sanitize_check_bounds)
    }
    if (!alu.offset.is_constant() && (alu.offset.smin < 0) != (alu.offset.smax < 0)) {
        return fmt::format("R{} has unknown scalar with mixed signed bounds, {}", alu.offset_reg, kNotForUnprivileged);
    }
    if (alu.pointer.kind() != Kind::Stack && alu.pointer.kind() != Kind::MapValue) {
        return fmt::format("R{} has pointer with unsupported alu operation, {}", alu.pointer_reg, kNotForUnprivileged);
    }
    if (!pointer_limit(alu.pointer, mask_to_left(alu), alu.value_size)) {
        return fmt::format("R{} tried to {} beyond pointer bounds, {}", alu.dst, alu.is_add ? "add" : "sub",
                           kNotForUnprivileged);
    }
    return std::nullopt;
}

std::optional<std::string> unmaskable_pointer_result(const PointerAlu& alu, const Value& result) {
    if (result.kind() == Kind::Stack) {
        if (!result.number().is_constant()) {
            return fmt::format("R{} variable stack access prohibited for !root, var_off={}", alu.dst,
                               result.number().to_string());
        }
        const std::int64_t off = frame_offset(result);
        if (off >= 0 || off < -domains::kStackSize) {
            return fmt::format("R{} stack pointer arithmetic goes out of range, prohibited for !root; off={}", alu.dst,
                               off);
        }
    } else if (result.kind() == Kind::MapValue) {
        const Scalar& offset = result.number();
        if (offset.smin < 0 || offset.umax >= alu.value_size) {
            return fmt::format("R{} pointer arithmetic of map value goes out of range, prohibited for !root", alu.dst);
        }
    }
    if (alu.offset_in_register && !pointer_limit(result, mask_to_left(alu), alu.value_size)) {
        return fmt::format("R{} tried to {} beyond pointer bounds, {}", alu.dst, alu.is_add ? "add" : "sub",
                           kNotForUnprivileged);
    }
    return std::nullopt;
}

std::optional<std::uint64_t> masking_record(const PointerAlu& alu, const Value& result) {
    if (!alu.offset_in_register) {
        return std::nullopt;
    }
    const auto before = pointer_limit(alu.pointer, mask_to_left(alu), alu.value_size);
    const auto after = pointer_limit(result, mask_to_left(alu), alu.value_size);
    if (!before || !after) {
        return std::nullopt;
    }
    // alu_state: BPF_ALU_NEG_VALUE, BPF_ALU_IMMEDIATE, and which operand
    // holds the pointer (BPF_ALU_SANITIZE_SRC / _DST).
    const std::uint64_t state =
        (alu.offset.smin < 0 ? 1U : 0U) | (alu.offset.is_constant() ? 2U : 0U) | (alu.pointer_reg == alu.dst ? 4U : 8U);
    const auto limit = static_cast<std::uint64_t>(*after > *before ? *after - *before : *before - *after);
    return state << 32U | (limit & 0xffffffffU);
}

std::string masking_differs_message(int dst, bool is_add) {
    return fmt::format("R{} tried to {} from different maps, paths or scalars, {}", dst, is_add ? "add" : "sub",
                       kNotForUnprivileged);
}

}  // namespace bpfcheck::analyzer
