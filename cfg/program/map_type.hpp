// enum bpf_map_type (include/uapi/linux/bpf.h), named once for the loader
// and the analyzer: MapDef::type holds the raw number an object declares
// (which may be one this table does not know), compared with these names,
// and printed as libbpf_bpf_map_type_str spells them ("hash", "ringbuf").
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace bpfcheck::model {

namespace map_type {
inline constexpr std::uint32_t kUnspec = 0, kHash = 1, kArray = 2, kProgArray = 3, kPerfEventArray = 4, kPercpuHash = 5,
                               kPercpuArray = 6, kStackTrace = 7, kCgroupArray = 8, kLruHash = 9, kLruPercpuHash = 10,
                               kLpmTrie = 11, kArrayOfMaps = 12, kHashOfMaps = 13, kDevmap = 14, kSockmap = 15,
                               kCpumap = 16, kXskmap = 17, kSockhash = 18, kCgroupStorage = 19,
                               kReuseportSockarray = 20, kPercpuCgroupStorage = 21, kQueue = 22, kStack = 23,
                               kSkStorage = 24, kDevmapHash = 25, kStructOps = 26, kRingbuf = 27, kInodeStorage = 28,
                               kTaskStorage = 29, kBloomFilter = 30, kUserRingbuf = 31, kCgrpStorage = 32, kArena = 33;
}  // namespace map_type

inline constexpr std::array<std::string_view, 34> kMapTypeNames = {
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

// "unknown(N)" for types no kernel defines.
inline std::string map_type_name(std::uint32_t type) {
    if (type < kMapTypeNames.size()) {
        return std::string{kMapTypeNames[type]};
    }
    return "unknown(" + std::to_string(type) + ")";
}

// A map whose values are maps (BPF_MAP_TYPE_ARRAY_OF_MAPS, HASH_OF_MAPS).
constexpr bool is_map_in_map(std::uint32_t type) {
    return type == map_type::kArrayOfMaps || type == map_type::kHashOfMaps;
}

// Array maps (plain and per-CPU): a lookup with a constant key below
// max_entries cannot fail (the kernel drops the NULL since 6.14).
constexpr bool is_array_map(std::uint32_t type) {
    return type == map_type::kArray || type == map_type::kPercpuArray;
}

}  // namespace bpfcheck::model
