// enum bpf_map_type, in UAPI order (include/uapi/linux/bpf.h).
#include "cfg/loader/map_types.hpp"

#include <fmt/format.h>

#include <array>
#include <string_view>

namespace bpfcheck::loader {
namespace {
constexpr std::array<std::string_view, 34> kMapTypeNames = {
    "unspec",
    "hash",
    "array",
    "prog_array",
    "perf_event_array",
    "percpu_hash",
    "percpu_array",
    "stack_trace",
    "cgroup_array",
    "lru_hash",
    "lru_percpu_hash",
    "lpm_trie",
    "array_of_maps",
    "hash_of_maps",
    "devmap",
    "sockmap",
    "cpumap",
    "xskmap",
    "sockhash",
    "cgroup_storage",
    "reuseport_sockarray",
    "percpu_cgroup_storage",
    "queue",
    "stack",
    "sk_storage",
    "devmap_hash",
    "struct_ops",
    "ringbuf",
    "inode_storage",
    "task_storage",
    "bloom_filter",
    "user_ringbuf",
    "cgrp_storage",
    "arena",
};
}  // namespace

std::string map_type_name(std::uint32_t type) {
    if (type < kMapTypeNames.size()) {
        return std::string{kMapTypeNames[type]};
    }
    return fmt::format("unknown({})", type);
}

}  // namespace bpfcheck::loader
