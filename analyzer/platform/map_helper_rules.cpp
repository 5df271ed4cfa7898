// The rows of check_map_func_compatibility (kernel/bpf/verifier.c): the
// helper side (`switch (func_id)`) as rows of (helper, map types); the map
// side (`switch (map->map_type)`) follows from the rows for the map types
// marked exclusive, which take no helper outside their rows.
#include "analyzer/platform/map_helper_rules.hpp"

#include "cfg/program/map_type.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>

namespace bpfcheck::analyzer {
namespace {

namespace mt = model::map_type;

struct HelperMapRow {
    std::int32_t helper;
    std::array<std::uint32_t, 4> maps;  // kUnspec-padded
    std::size_t count;
};

constexpr HelperMapRow row(std::int32_t helper, std::initializer_list<std::uint32_t> maps) {
    HelperMapRow r{helper, {}, 0};
    for (const std::uint32_t m : maps) {
        r.maps[r.count++] = m;
    }
    return r;
}

constexpr std::array kRows = {
    row(12, {mt::kProgArray}),                                          // tail_call
    row(22, {mt::kPerfEventArray}),                                     // perf_event_read
    row(25, {mt::kPerfEventArray}),                                     // perf_event_output
    row(55, {mt::kPerfEventArray}),                                     // perf_event_read_value
    row(111, {mt::kPerfEventArray}),                                    // skb_output
    row(121, {mt::kPerfEventArray}),                                    // xdp_output
    row(27, {mt::kStackTrace}),                                         // get_stackid
    row(37, {mt::kCgroupArray}),                                        // current_task_under_cgroup
    row(79, {mt::kCgroupArray}),                                        // skb_under_cgroup
    row(51, {mt::kDevmap, mt::kDevmapHash, mt::kCpumap, mt::kXskmap}),  // redirect_map
    row(52, {mt::kSockmap}),                                            // sk_redirect_map
    row(53, {mt::kSockmap}),                                            // sock_map_update
    row(60, {mt::kSockmap}),                                            // msg_redirect_map
    row(70, {mt::kSockhash}),                                           // sock_hash_update
    row(71, {mt::kSockhash}),                                           // msg_redirect_hash
    row(72, {mt::kSockhash}),                                           // sk_redirect_hash
    row(87, {mt::kQueue, mt::kStack}),                                  // map_push_elem
    row(88, {mt::kQueue, mt::kStack}),                                  // map_pop_elem
    row(89, {mt::kQueue, mt::kStack}),                                  // map_peek_elem
    row(130, {mt::kRingbuf}),                                           // ringbuf_output
    row(131, {mt::kRingbuf}),                                           // ringbuf_reserve
    row(132, {mt::kRingbuf}),                                           // ringbuf_submit
    row(133, {mt::kRingbuf}),                                           // ringbuf_discard
    row(134, {mt::kRingbuf}),                                           // ringbuf_query
    row(198, {mt::kRingbuf}),                                           // ringbuf_reserve_dynptr
    row(209, {mt::kUserRingbuf}),                                       // user_ringbuf_drain
};

// Map types that take only the helpers of their rows.
constexpr std::array kExclusive = {mt::kProgArray,   mt::kPerfEventArray, mt::kRingbuf,
                                   mt::kUserRingbuf, mt::kStackTrace,     mt::kCgroupArray};

// Besides their rows, sockmap and sockhash take map_lookup_elem (1) and
// sk_select_reuseport (82), and map_update_elem (2) / map_delete_elem (3)
// where may_update_sockmap allows: no locked socket is reachable there.
constexpr std::int32_t kMapLookup = 1, kMapUpdate = 2, kMapDelete = 3, kSkSelectReuseport = 82;

bool may_update_sockmap(std::string_view type, std::string_view section, std::int32_t helper) {
    if (helper != kMapUpdate && helper != kMapDelete) {
        return false;
    }
    if (type == "tracing") {
        return section.starts_with("iter/") || section.starts_with("iter.s/");
    }
    if (type == "sock_ops") {
        return helper == kMapDelete;
    }
    return type == "socket_filter" || type == "sched_cls" || type == "sched_act" || type == "xdp" ||
           type == "sk_reuseport" || type == "flow_dissector" || type == "sk_lookup";
}

bool in_rows(std::uint32_t map_type, std::int32_t helper) {
    const auto maps = required_map_types(helper);
    return std::find(maps.begin(), maps.end(), map_type) != maps.end();
}

}  // namespace

std::span<const std::uint32_t> required_map_types(std::int32_t helper) {
    for (const HelperMapRow& r : kRows) {
        if (r.helper == helper) {
            return {r.maps.data(), r.count};
        }
    }
    return {};
}

bool map_allows_helper(std::uint32_t map_type, std::int32_t helper, std::string_view program_type,
                       std::string_view section) {
    if (map_type == mt::kSockmap || map_type == mt::kSockhash) {
        return in_rows(map_type, helper) || helper == kMapLookup || helper == kSkSelectReuseport ||
               may_update_sockmap(program_type, section, helper);
    }
    if (std::find(kExclusive.begin(), kExclusive.end(), map_type) == kExclusive.end()) {
        return true;
    }
    return in_rows(map_type, helper);
}

}  // namespace bpfcheck::analyzer
