// check_reg_const_str (kernel/bpf/verifier.c, 6.12), after check_reg_type
// has required PTR_TO_MAP_VALUE (const_str_ptr_types).
#include "analyzer/checks/calls/helpers/const_str_arg.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace bpfcheck::analyzer {

using domains::Kind;

namespace {

// The map's bytes from `offset` to the value's end hold a NUL. Bytes past
// the section's contents are zero (libbpf sizes the map to the section).
bool zero_terminated(const model::MapDef& map, std::uint64_t offset) {
    const auto& bytes = map.initial_value;
    if (offset >= bytes.size()) {
        return true;
    }
    const auto end = std::min<std::size_t>(bytes.size(), map.value_size);
    if (bytes.size() < map.value_size) {
        return true;
    }
    return std::find(bytes.begin() + static_cast<std::ptrdiff_t>(offset),
                     bytes.begin() + static_cast<std::ptrdiff_t>(end),
                     std::uint8_t{0}) != bytes.begin() + static_cast<std::ptrdiff_t>(end);
}

}  // namespace

void check_const_str_arg(const AnalysisContext& context, std::uint32_t pc, int reg, const domains::Value& pointer,
                         Reporter& reporter) {
    const char* hint = "pass a string constant of the program's .rodata (a `const char[]` global or a literal)";
    if (pointer.kind() != Kind::MapValue) {
        if (pointer.is_pointer() && !domains::is_nullable(pointer.kind())) {
            reporter.error("helper.arg_type", pc,
                           fmt::format("R{} type={} expected=map_value: a constant string lives in a read-only map",
                                       reg, domains::kind_name(pointer.kind())),
                           {}, hint);
        }
        return;  // NULL, numbers and maybe-NULL pointers: helper_arg_problem
    }
    if (pointer.region() >= context.object.maps.size()) {
        return;  // one of several maps: not decided here
    }
    const model::MapDef& map = context.object.maps[pointer.region()];
    if (!map.read_only) {
        reporter.error(
            "helper.arg_type", pc,
            fmt::format("R{} does not point to a readonly map': map '{}' is writable by the program", reg, map.name),
            {}, hint);
        return;
    }
    // "R%d is not a constant address'" is the kernel's verdict on one path;
    // a variable offset here is mostly a join of paths that each pass a
    // constant (two strings of .rodata), so only constant offsets are decided.
    const auto offset = pointer.number().as_constant();
    if (!offset) {
        return;
    }
    if (*offset >= map.value_size) {
        return;  // check_map_access: the memory checks report it
    }
    if (!zero_terminated(map, *offset)) {
        reporter.error("helper.arg_type", pc,
                       fmt::format("string is not zero-terminated: no NUL byte between offset {} and the end of map "
                                   "'{}' ({} bytes)",
                                   *offset, map.name, map.value_size),
                       {}, "end the string with a NUL byte (a string literal has one)");
    }
}

}  // namespace bpfcheck::analyzer
