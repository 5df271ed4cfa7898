// Map definitions the kernel refuses to create (bpf(BPF_MAP_CREATE) runs
// each map type's map_alloc_check or map_alloc first: array_map_alloc_check,
// fd_array_map_alloc_check, htab_map_alloc_check, queue_stack_map_alloc_check,
// stack_map_alloc; Linux 6.12). libbpf creates every map of an object before
// it loads a program, so one refused map means no program of the object
// loads. Rules for map types whose sizes libbpf sets itself (perf event
// arrays, ring buffers, maps of maps) and for global data are not listed:
// what the object declares is not what the kernel sees. Nor is a size of 0:
// skeleton users set key_size, value_size or max_entries at run time
// (bpf_map__set_value_size before bpf_object__load; libbpf-tools' stack
// maps, the selftests' benchmarks), so only a size no loader fills in, one
// the kernel takes in no case, is refused here.
#pragma once

#include "cfg/program/program.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace bpfcheck::analyzer {

struct MapCreationRefusal {
    std::string_view error;  // the errno bpf() returns: "EINVAL", "E2BIG", "ENOTSUPP"
    std::string reason;      // what in the definition the kernel refuses, with the numbers
};

// The first rule `def` breaks, if any.
std::optional<MapCreationRefusal> map_creation_refusal(const model::MapDef& def);

}  // namespace bpfcheck::analyzer
