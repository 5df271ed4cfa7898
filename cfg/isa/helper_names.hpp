// Names of the kernel's BPF helper functions, by helper id.
#pragma once

#include <cstdint>
#include <string_view>

namespace bpfcheck::isa {

// "bpf_map_lookup_elem" for 1; empty for ids no kernel defines.
std::string_view helper_name(std::int64_t id);
// Number of helper ids known (one past the largest).
std::int64_t helper_count();

}  // namespace bpfcheck::isa
