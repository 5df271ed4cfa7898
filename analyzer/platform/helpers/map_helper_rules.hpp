// Which maps a helper takes, and which helpers a map takes, as one table
// (the kernel's check_map_func_compatibility, both halves): a row names a
// helper and the map types it needs; a map type that appears in some row
// and is `exclusive` takes only the helpers of its rows.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace bpfcheck::analyzer {

// The map types `helper` needs; empty when any map will do.
std::span<const std::uint32_t> required_map_types(std::int32_t helper);

// Whether a map of `map_type` may be passed to `helper` by a program of
// `program_type` in `section` (false only for the map types that take their
// own helpers alone; sockmap and sockhash updates depend on the program).
bool map_allows_helper(std::uint32_t map_type, std::int32_t helper, std::string_view program_type,
                       std::string_view section);

}  // namespace bpfcheck::analyzer
