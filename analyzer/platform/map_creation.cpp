// The rows of map_creation.hpp, each from its map type's allocation check.
#include "analyzer/platform/map_creation.hpp"

#include "cfg/program/map_type.hpp"

#include <fmt/format.h>

#include <array>
#include <initializer_list>

namespace bpfcheck::analyzer {

namespace {

namespace mt = model::map_type;

// include/uapi/linux/bpf.h map_flags.
constexpr std::uint32_t kNoPrealloc = 1U << 0, kNoCommonLru = 1U << 1, kNumaNode = 1U << 2, kRdonly = 1U << 3,
                        kWronly = 1U << 4, kStackBuildId = 1U << 5, kZeroSeed = 1U << 6, kRdonlyProg = 1U << 7,
                        kWronlyProg = 1U << 8, kMmapable = 1U << 10, kPreserveElems = 1U << 11, kInnerMap = 1U << 12;
constexpr std::uint32_t kAccessMask = kRdonly | kWronly | kRdonlyProg | kWronlyProg;
constexpr std::uint32_t kArrayFlags = kNumaNode | kMmapable | kAccessMask | kPreserveElems | kInnerMap;
constexpr std::uint32_t kHashFlags = kNoPrealloc | kNoCommonLru | kNumaNode | kAccessMask | kZeroSeed;
constexpr std::uint32_t kQueueStackFlags = kNumaNode | kAccessMask;
constexpr std::uint32_t kStackTraceFlags = kNumaNode | kRdonly | kWronly | kStackBuildId;
constexpr std::uint32_t kPcpuMinUnitSize = 32U << 10U;  // PCPU_MIN_UNIT_SIZE
constexpr std::uint32_t kStackBuildIdSize = 32;         // sizeof(struct bpf_stack_build_id)

using Breaks = std::optional<std::string> (*)(const model::MapDef&);

// The map types a row applies to, as a set of bits (map type numbers are below 64).
constexpr std::uint64_t types(std::initializer_list<std::uint32_t> list) {
    std::uint64_t set = 0;
    for (const std::uint32_t type : list) {
        set |= std::uint64_t{1} << type;
    }
    return set;
}

struct Row {
    std::uint64_t types;
    std::string_view error;
    Breaks breaks;  // what the definition does that the rule refuses, or nothing
};

std::optional<std::string> unknown_flags(const model::MapDef& def, std::uint32_t allowed, std::string_view family) {
    if ((def.map_flags & ~allowed) != 0) {
        return fmt::format("map_flags {:#x} has flags {} maps do not take ({:#x})", def.map_flags, family,
                           def.map_flags & ~allowed);
    }
    if ((def.map_flags & (kRdonlyProg | kWronlyProg)) == (kRdonlyProg | kWronlyProg)) {
        return std::string{"map_flags has both BPF_F_RDONLY_PROG and BPF_F_WRONLY_PROG"};
    }
    return std::nullopt;
}

std::optional<std::string> percpu_value_too_big(const model::MapDef& def) {
    const std::uint64_t rounded = (std::uint64_t{def.value_size} + 7U) / 8U * 8U;
    if (rounded > kPcpuMinUnitSize) {
        return fmt::format("a per-CPU value of {} bytes is over {} (PCPU_MIN_UNIT_SIZE)", def.value_size,
                           kPcpuMinUnitSize);
    }
    return std::nullopt;
}

// The rows, in the order each type's check tests them.
constexpr std::array kRows{
    // array_map_alloc_check (fd_array_map_alloc_check calls it last).
    Row{types({mt::kArray, mt::kPercpuArray, mt::kProgArray, mt::kCgroupArray}), "EINVAL",
        [](const model::MapDef& def) -> std::optional<std::string> {
            if (def.key_size != 4 && def.key_size != 0) {
                return fmt::format("key_size is {}: array maps are indexed by a 4-byte key", def.key_size);
            }
            if (auto flags = unknown_flags(def, kArrayFlags, "array")) {
                return flags;
            }
            if (def.type != mt::kArray && (def.map_flags & (kMmapable | kInnerMap)) != 0) {
                return std::string{"BPF_F_MMAPABLE and BPF_F_INNER_MAP are for BPF_MAP_TYPE_ARRAY only"};
            }
            if ((def.map_flags & kPreserveElems) != 0) {
                return std::string{"BPF_F_PRESERVE_ELEMS is for perf event arrays only"};
            }
            return std::nullopt;
        }},
    Row{types({mt::kPercpuArray}), "E2BIG", percpu_value_too_big},
    // fd_array_map_alloc_check: "only file descriptors can be stored".
    Row{types({mt::kProgArray, mt::kCgroupArray}), "EINVAL",
        [](const model::MapDef& def) -> std::optional<std::string> {
            if (def.value_size != 4 && def.value_size != 0) {
                return fmt::format("value_size is {}: this map holds file descriptors, 4 bytes each", def.value_size);
            }
            if ((def.map_flags & (kRdonlyProg | kWronlyProg)) != 0) {
                return std::string{"BPF_F_RDONLY_PROG / BPF_F_WRONLY_PROG are not supported for this map"};
            }
            return std::nullopt;
        }},
    // htab_map_alloc_check.
    Row{types({mt::kHash, mt::kPercpuHash, mt::kLruHash, mt::kLruPercpuHash}), "EINVAL",
        [](const model::MapDef& def) -> std::optional<std::string> {
            if (auto flags = unknown_flags(def, kHashFlags, "hash")) {
                return flags;
            }
            const bool lru = def.type == mt::kLruHash || def.type == mt::kLruPercpuHash;
            if (!lru && (def.map_flags & kNoCommonLru) != 0) {
                return std::string{"BPF_F_NO_COMMON_LRU is for LRU hash maps only"};
            }
            return std::nullopt;
        }},
    Row{types({mt::kLruHash, mt::kLruPercpuHash}), "ENOTSUPP",
        [](const model::MapDef& def) -> std::optional<std::string> {
            if ((def.map_flags & kNoPrealloc) != 0) {
                return std::string{"LRU hash maps are always preallocated: BPF_F_NO_PREALLOC is not supported"};
            }
            return std::nullopt;
        }},
    Row{types({mt::kPercpuHash, mt::kLruPercpuHash}), "E2BIG", percpu_value_too_big},
    // queue_stack_map_alloc_check.
    Row{types({mt::kQueue, mt::kStack}), "EINVAL",
        [](const model::MapDef& def) -> std::optional<std::string> {
            if (def.key_size != 0) {
                return fmt::format("key_size is {}: queue and stack maps have no key (0)", def.key_size);
            }
            return unknown_flags(def, kQueueStackFlags, "queue and stack");
        }},
    // stack_map_alloc.
    Row{types({mt::kStackTrace}), "EINVAL",
        [](const model::MapDef& def) -> std::optional<std::string> {
            if (auto flags = unknown_flags(def, kStackTraceFlags, "stack trace")) {
                return flags;
            }
            if (def.key_size != 4 && def.key_size != 0) {
                return fmt::format("key_size is {}: stack trace maps are indexed by a 4-byte stack id", def.key_size);
            }
            if (def.value_size != 0 && (def.value_size < 8 || def.value_size % 8 != 0)) {
                return fmt::format("value_size is {}: a stack trace value holds 8-byte addresses", def.value_size);
            }
            if ((def.map_flags & kStackBuildId) != 0 && def.value_size % kStackBuildIdSize != 0) {  // 0 passes
                return fmt::format("value_size is {}: with BPF_F_STACK_BUILD_ID it holds {}-byte entries",
                                   def.value_size, kStackBuildIdSize);
            }
            return std::nullopt;
        }},
};

}  // namespace

std::optional<MapCreationRefusal> map_creation_refusal(const model::MapDef& def) {
    if (def.origin == model::MapOrigin::GlobalData) {
        return std::nullopt;
    }
    for (const Row& row : kRows) {
        if (def.type < 64 && ((row.types >> def.type) & 1U) != 0) {
            if (auto reason = row.breaks(def)) {
                return MapCreationRefusal{row.error, std::move(*reason)};
            }
        }
    }
    return std::nullopt;
}

}  // namespace bpfcheck::analyzer
