// check_map_prog_compatibility and the btf_record loop of check_map_access
// (kernel/bpf/verifier.c, Linux 6.12).
#include "analyzer/checks/memory/map_special_fields.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace bpfcheck::analyzer {
namespace {

using model::MapField;
using model::SpecialField;

// btf_field_type_name
std::string_view field_name(SpecialField kind) {
    switch (kind) {
        case SpecialField::SpinLock:
            return "bpf_spin_lock";
        case SpecialField::Timer:
            return "bpf_timer";
        case SpecialField::Workqueue:
            return "bpf_wq";
        case SpecialField::ListHead:
            return "bpf_list_head";
        case SpecialField::RbRoot:
            return "bpf_rb_root";
    }
    return "special field";
}

// is_tracing_prog_type (libbpf's names of the program types).
bool is_tracing_type(std::string_view type) {
    return type == "kprobe" || type == "tracepoint" || type == "perf_event" || type == "raw_tracepoint" ||
           type == "raw_tracepoint_writable";
}

bool has(const model::MapDef& map, SpecialField kind) {
    return std::any_of(map.special_fields.begin(), map.special_fields.end(),
                       [kind](const MapField& f) { return f.kind == kind; });
}

// The kernel's message for a map `type` may not use, or empty.
std::string refusal(const model::MapDef& map, std::string_view type) {
    if (!map.has_btf || map.special_fields.empty()) {
        return {};  // created without BTF: no record
    }
    const bool tracing = is_tracing_type(type);
    if (tracing && (has(map, SpecialField::ListHead) || has(map, SpecialField::RbRoot))) {
        return "tracing progs cannot use bpf_{list_head,rb_root} yet";
    }
    if (has(map, SpecialField::SpinLock)) {
        if (type == "socket_filter") {
            return "socket filter progs cannot use bpf_spin_lock yet";
        }
        if (tracing) {
            return "tracing progs cannot use bpf_spin_lock yet";
        }
    }
    if (tracing && has(map, SpecialField::Timer)) {
        return "tracing progs cannot use bpf_timer yet";
    }
    if (tracing && has(map, SpecialField::Workqueue)) {
        return "tracing progs cannot use bpf_wq yet";
    }
    return {};
}

}  // namespace

void check_map_program_compatibility(const AnalysisContext& context, std::string_view type, Reporter& reporter) {
    const auto& maps = context.object.maps;
    for (std::uint32_t pc = 0; pc < context.program.refs.size(); ++pc) {
        const model::InsnRef& ref = context.program.refs[pc];
        if ((ref.kind != model::RelocKind::Map && ref.kind != model::RelocKind::GlobalData) ||
            ref.map_index >= maps.size()) {
            continue;
        }
        const std::string why = refusal(maps[ref.map_index], type);
        if (!why.empty()) {
            reporter.error("map.not_for_type", pc,
                           fmt::format("{}: map '{}' is used by a {} program", why, maps[ref.map_index].name, type), {},
                           "use the lock, timer or graph root from another program type (e.g. fentry/tp_btf)");
        }
    }
}

std::optional<Diagnostic> special_field_refusal(const AnalysisContext& context, std::uint32_t pc, int base,
                                                const domains::Value& pointer, std::int64_t offset, int width) {
    const auto& maps = context.object.maps;
    const bool many = pointer.region() == domains::kManyMaps;
    // One map: only its fields (the loop below starts and ends at it).
    const std::size_t first = many ? 0 : pointer.region();
    const std::size_t last =
        many ? std::min<std::size_t>(maps.size(), 64) : std::min<std::size_t>(maps.size(), first + 1);
    for (std::size_t i = first; i < last; ++i) {
        const bool member = many ? ((pointer.region_set() >> i) & 1U) != 0 : true;
        if (!member || !maps[i].has_btf) {
            continue;
        }
        for (const MapField& field : maps[i].special_fields) {
            // [smin + off, umax + off + size) overlaps [p, p + field size)
            const std::int64_t lo = pointer.number().smin + offset;
            const auto hi = static_cast<std::int64_t>(pointer.number().umax) + offset + width;
            const auto p = static_cast<std::int64_t>(field.offset);
            if (lo < p + static_cast<std::int64_t>(field.size) && p < hi) {
                return Diagnostic{
                    "map.special_field",
                    Severity::Error,
                    pc,
                    fmt::format("{} cannot be accessed directly by load/store: R{} may touch the {} at "
                                "offset {} of map '{}''s value",
                                field_name(field.kind), base, field_name(field.kind), field.offset, maps[i].name),
                    {pointer.to_string()},
                    "use bpf_spin_lock/bpf_spin_unlock (bpf_timer_*, ...) on it, never a load or store"};
            }
        }
    }
    return std::nullopt;
}

bool check_special_field_access(const AnalysisContext& context, std::uint32_t pc, int base,
                                const domains::Value& pointer, std::int64_t offset, int width, Reporter& reporter) {
    if (auto refusal = special_field_refusal(context, pc, base, pointer, offset, width)) {
        reporter.report(std::move(*refusal));
        return false;
    }
    return true;
}

void check_spin_lock_field(const AnalysisContext& context, std::uint32_t pc, int reg, const domains::Value& pointer,
                           Reporter& reporter) {
    const auto& maps = context.object.maps;
    if (pointer.kind() != domains::Kind::MapValue || pointer.region() >= maps.size()) {
        return;
    }
    const model::MapDef& map = maps[pointer.region()];
    if (!map.has_btf) {
        return;  // map.no_btf says it
    }
    const auto offset = pointer.number().as_constant();
    if (!offset) {
        reporter.error("helper.arg_type", pc,
                       fmt::format("R{} doesn't have constant offset. bpf_spin_lock has to be at the constant offset "
                                   "(R{} offset {})",
                                   reg, reg, pointer.number().to_string()),
                       {}, "pass &value->lock, not a computed address");
        return;
    }
    const auto lock = std::find_if(map.special_fields.begin(), map.special_fields.end(),
                                   [](const MapField& f) { return f.kind == SpecialField::SpinLock; });
    if (lock == map.special_fields.end()) {
        reporter.error("helper.arg_type", pc, fmt::format("map '{}' has no valid bpf_spin_lock (R{})", map.name, reg),
                       {}, "declare a struct bpf_spin_lock in the map's value type");
        return;
    }
    if (*offset != lock->offset) {
        reporter.error("helper.arg_type", pc,
                       fmt::format("off {} doesn't point to 'struct bpf_spin_lock' that is at {} (R{}, map '{}')",
                                   static_cast<std::int64_t>(*offset), lock->offset, reg, map.name),
                       {}, "pass the address of the map value's bpf_spin_lock member");
    }
}

}  // namespace bpfcheck::analyzer
