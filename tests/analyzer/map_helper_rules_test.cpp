// The helper side of check_map_func_compatibility (kernel/bpf/verifier.c,
// 6.12), keyed here by the helpers' names, not their ids: each row's id
// must be the helper the kernel's switch names (bpf_skb_under_cgroup once
// carried bpf_skb_cgroup_id's id, 79, so every program calling it failed).
#include "analyzer/platform/helpers/map_helper_rules.hpp"
#include "cfg/isa/helper_names.hpp"
#include "cfg/program/map_type.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

using namespace bpfcheck;
namespace mt = model::map_type;

namespace {

std::int32_t helper_id(std::string_view name) {
    for (std::int64_t id = 1; id < isa::helper_count(); ++id) {
        if (isa::helper_name(id) == name) {
            return static_cast<std::int32_t>(id);
        }
    }
    FAIL("no helper named " << name);
    return 0;
}

std::set<std::uint32_t> required(std::string_view name) {
    const auto types = analyzer::required_map_types(helper_id(name));
    return {types.begin(), types.end()};
}

}  // namespace

TEST_CASE("helpers that take only some map types, by name", "[map_helper_rules]") {
    const std::vector<std::pair<std::string_view, std::set<std::uint32_t>>> kernel{
        {"bpf_tail_call", {mt::kProgArray}},
        {"bpf_perf_event_read", {mt::kPerfEventArray}},
        {"bpf_perf_event_output", {mt::kPerfEventArray}},
        {"bpf_perf_event_read_value", {mt::kPerfEventArray}},
        {"bpf_skb_output", {mt::kPerfEventArray}},
        {"bpf_xdp_output", {mt::kPerfEventArray}},
        {"bpf_ringbuf_output", {mt::kRingbuf}},
        {"bpf_ringbuf_reserve", {mt::kRingbuf}},
        {"bpf_ringbuf_query", {mt::kRingbuf}},
        {"bpf_ringbuf_reserve_dynptr", {mt::kRingbuf}},
        {"bpf_user_ringbuf_drain", {mt::kUserRingbuf}},
        {"bpf_get_stackid", {mt::kStackTrace}},
        {"bpf_current_task_under_cgroup", {mt::kCgroupArray}},
        {"bpf_skb_under_cgroup", {mt::kCgroupArray}},
        {"bpf_redirect_map", {mt::kDevmap, mt::kDevmapHash, mt::kCpumap, mt::kXskmap}},
        {"bpf_sk_redirect_map", {mt::kSockmap}},
        {"bpf_msg_redirect_map", {mt::kSockmap}},
        {"bpf_sock_map_update", {mt::kSockmap}},
        {"bpf_sk_redirect_hash", {mt::kSockhash}},
        {"bpf_msg_redirect_hash", {mt::kSockhash}},
        {"bpf_sock_hash_update", {mt::kSockhash}},
        {"bpf_get_local_storage", {mt::kCgroupStorage, mt::kPercpuCgroupStorage}},
        {"bpf_sk_select_reuseport", {mt::kReuseportSockarray, mt::kSockmap, mt::kSockhash}},
        {"bpf_map_pop_elem", {mt::kQueue, mt::kStack}},
        {"bpf_map_peek_elem", {mt::kQueue, mt::kStack, mt::kBloomFilter}},
        {"bpf_map_push_elem", {mt::kQueue, mt::kStack, mt::kBloomFilter}},
        {"bpf_map_lookup_percpu_elem", {mt::kPercpuArray, mt::kPercpuHash, mt::kLruPercpuHash}},
        {"bpf_sk_storage_get", {mt::kSkStorage}},
        {"bpf_sk_storage_delete", {mt::kSkStorage}},
        {"bpf_inode_storage_get", {mt::kInodeStorage}},
        {"bpf_inode_storage_delete", {mt::kInodeStorage}},
        {"bpf_task_storage_get", {mt::kTaskStorage}},
        {"bpf_task_storage_delete", {mt::kTaskStorage}},
        {"bpf_cgrp_storage_get", {mt::kCgrpStorage}},
        {"bpf_cgrp_storage_delete", {mt::kCgrpStorage}},
    };
    for (const auto& [name, types] : kernel) {
        INFO(name);
        CHECK(required(name) == types);
    }
    CHECK(required("bpf_skb_cgroup_id").empty());  // takes no map at all
    CHECK(required("bpf_map_lookup_elem").empty());
}

TEST_CASE("map types that take only their own helpers, by name", "[map_helper_rules]") {
    const auto allows = [](std::uint32_t map, std::string_view helper) {
        return analyzer::map_allows_helper(map, helper_id(helper), "sched_cls", "tc");
    };
    CHECK(allows(mt::kCgroupArray, "bpf_skb_under_cgroup"));
    CHECK(allows(mt::kCgroupArray, "bpf_current_task_under_cgroup"));
    CHECK_FALSE(allows(mt::kCgroupArray, "bpf_map_lookup_elem"));
    CHECK(allows(mt::kProgArray, "bpf_tail_call"));
    CHECK_FALSE(allows(mt::kProgArray, "bpf_map_lookup_elem"));
    CHECK(allows(mt::kRingbuf, "bpf_ringbuf_submit_dynptr"));
    CHECK(allows(mt::kRingbuf, "bpf_ringbuf_discard_dynptr"));
    CHECK(allows(mt::kHash, "bpf_map_lookup_elem"));
}
