// enum bpf_map_type (include/uapi/linux/bpf.h), named once for the loader
// and the analyzer: MapDef::type holds the raw number an object declares
// (which may be one this table does not know), compared with these names.
#pragma once

#include <cstdint>

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
