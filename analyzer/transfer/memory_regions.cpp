// Facts about memory regions shared by the transfer and the checker
// (memory_regions.hpp).
#include "analyzer/transfer/memory_regions.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <limits>

namespace bpfcheck::analyzer {

namespace {
// enum bpf_map_create flags (include/uapi/linux/bpf.h).
constexpr std::uint32_t kMapFlagRdonlyProg = 1U << 7;
constexpr std::uint32_t kMapFlagWronlyProg = 1U << 8;
}  // namespace

using domains::Scalar;
using domains::Value;

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

Value scalar_of_width(int width) {
    // Built once per width (every load of unknown memory asks).
    static const std::array<Value, 4> kByWidth{
        Value::scalar(Scalar::unsigned_range(0, 0xff)), Value::scalar(Scalar::unsigned_range(0, 0xffff)),
        Value::scalar(Scalar::unsigned_range(0, 0xffffffffULL)), Value::unknown_scalar()};
    switch (width) {
        case 1:
            return kByWidth[0];
        case 2:
            return kByWidth[1];
        case 4:
            return kByWidth[2];
        case 8:
            return kByWidth[3];
        default:
            return Value::scalar(Scalar::unsigned_range(0, (1ULL << (width * 8)) - 1));
    }
}

namespace {

// Calls `visit(def)` for each map of `object` a map pointer or map value may
// refer to: the maps in its region set after joins (the first 64 maps),
// else the one its region names.
template <typename Visit>
void for_each_map_of(const model::BpfObject& object, const Value& pointer, Visit&& visit) {
    const auto& maps = object.maps;
    if (pointer.region() != domains::kManyMaps) {
        if (pointer.region() < maps.size()) {
            visit(maps[pointer.region()]);
        }
        return;
    }
    for (std::uint64_t rest = pointer.region_set(); rest != 0; rest &= rest - 1) {
        const auto i = static_cast<std::size_t>(std::countr_zero(rest));
        if (i < maps.size()) {
            visit(maps[i]);
        }
    }
}

}  // namespace

MapSet maps_of(const model::BpfObject& object, const Value& pointer) {
    MapSet set;
    bool first = true;
    for_each_map_of(object, pointer, [&](const model::MapDef& def) {
        set.key_min = first ? def.key_size : std::min(set.key_min, def.key_size);
        set.key_max = first ? def.key_size : std::max(set.key_max, def.key_size);
        set.value_min = first ? def.value_size : std::min(set.value_min, def.value_size);
        set.value_max = first ? def.value_size : std::max(set.value_max, def.value_size);
        // check_map_access_type: BPF_F_RDONLY_PROG / BPF_F_WRONLY_PROG maps.
        set.read_only = set.read_only || def.read_only || (def.map_flags & kMapFlagRdonlyProg) != 0;
        set.write_only = set.write_only || (def.map_flags & kMapFlagWronlyProg) != 0;
        set.single = first ? &def : nullptr;
        first = false;
    });
    return set;
}

std::string map_names(const model::BpfObject& object, const Value& pointer) {
    std::string names;
    for_each_map_of(object, pointer,
                    [&](const model::MapDef& def) { names += (names.empty() ? "'" : ", '") + def.name + "'"; });
    return names;
}

ContextFieldMatch match_context_field(const AnalysisContext& context, std::int64_t off, int width, bool is_write) {
    // Rows covering `off`: the access is allowed when one of them allows it
    // (bpf_sock.dst_port has two); otherwise the first one explains why not.
    ContextFieldMatch match;
    const ProgramType& type = context.type;
    for (const ContextField& field : type.fields) {
        if (off < field.offset || off >= static_cast<std::int64_t>(field.offset) + field.size) {
            continue;
        }
        if (!context_field_available(type, expected_attach_type(context), field)) {
            match.unavailable = match.unavailable == nullptr ? &field : match.unavailable;
            continue;
        }
        if (context.options.unprivileged &&
            ((field.cap_bpf & kCapBpfAny) != 0 || (is_write && (field.cap_bpf & kCapBpfWrite) != 0))) {
            match.decided = &field;
            match.needs_cap_bpf = true;
            return match;
        }
        if (is_write && field.access != FieldAccess::ReadWrite) {
            match.decided = &field;
            match.read_only = true;
            return match;
        }
        if (!context_width_allowed(field, off, width, is_write)) {
            match.refused = match.refused == nullptr ? &field : match.refused;
            continue;
        }
        match.decided = &field;
        return match;
    }
    return match;
}

BtfArgSlot btf_arg_at(const model::AttachTarget& target, std::int64_t off) {
    BtfArgSlot slot;
    for (; slot.index < target.args.size(); ++slot.index) {
        slot.slot_end += 8 * static_cast<std::int64_t>(target.args[slot.index].slots());
        if (off < slot.slot_end) {
            slot.arg = &target.args[slot.index];
            return slot;
        }
    }
    if (target.ret && off < slot.slot_end + 8) {
        slot.arg = &*target.ret;
    }
    return slot;
}

}  // namespace bpfcheck::analyzer
