// Map type names as libbpf_bpf_map_type_str spells them ("hash", "ringbuf").
#pragma once

#include <cstdint>
#include <string>

namespace bpfcheck::loader {

// "unknown(N)" for types no kernel defines.
std::string map_type_name(std::uint32_t type);

}  // namespace bpfcheck::loader
