// The rows of check_map_func_compatibility (kernel/bpf/verifier.c, 6.12),
// both halves as the kernel writes them: the map side (`switch
// (map->map_type)`: map types that take only some helpers) and the helper
// side (`switch (func_id)`: helpers that take only some map types). A map
// passes when both halves allow it.
#include "analyzer/platform/helpers/map_helper_rules.hpp"

#include "cfg/program/map_type.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>

namespace bpfcheck::analyzer {
namespace {

namespace mt = model::map_type;

// enum bpf_func_id, for the helpers named in the rules.
namespace fn {
inline constexpr std::int32_t kMapLookup = 1, kMapUpdate = 2, kMapDelete = 3, kTailCall = 12, kPerfEventRead = 22,
                              kPerfEventOutput = 25, kGetStackid = 27, kCurrentTaskUnderCgroup = 37, kRedirectMap = 51,
                              kSkRedirectMap = 52, kSockMapUpdate = 53, kPerfEventReadValue = 55, kMsgRedirectMap = 60,
                              kSockHashUpdate = 70, kMsgRedirectHash = 71, kSkRedirectHash = 72, kSkbUnderCgroup = 33,
                              kGetLocalStorage = 81, kSkSelectReuseport = 82, kMapPushElem = 87, kMapPopElem = 88,
                              kMapPeekElem = 89, kSkStorageGet = 107, kSkStorageDelete = 108, kSkbOutput = 111,
                              kXdpOutput = 121, kRingbufOutput = 130, kRingbufReserve = 131, kRingbufQuery = 134,
                              kInodeStorageGet = 145, kInodeStorageDelete = 146, kTaskStorageGet = 156,
                              kTaskStorageDelete = 157, kKptrXchg = 194, kMapLookupPercpuElem = 195,
                              kRingbufReserveDynptr = 198, kRingbufSubmitDynptr = 199, kRingbufDiscardDynptr = 200,
                              kUserRingbufDrain = 209, kCgrpStorageGet = 210, kCgrpStorageDelete = 211;
}  // namespace fn

// One row: a key (a helper, or a map type) and the values it allows.
struct Row {
    std::uint32_t key;
    std::array<std::uint32_t, 6> allowed;
    std::size_t count;
};

constexpr Row row(std::uint32_t key, std::initializer_list<std::uint32_t> allowed) {
    Row r{key, {}, 0};
    for (const std::uint32_t a : allowed) {
        r.allowed[r.count++] = a;
    }
    return r;
}

constexpr std::uint32_t h(std::int32_t helper) {
    return static_cast<std::uint32_t>(helper);
}

// The helper side: a helper and the map types it takes.
constexpr std::array kHelperRows = {
    row(h(fn::kTailCall), {mt::kProgArray}),
    row(h(fn::kPerfEventRead), {mt::kPerfEventArray}),
    row(h(fn::kPerfEventOutput), {mt::kPerfEventArray}),
    row(h(fn::kPerfEventReadValue), {mt::kPerfEventArray}),
    row(h(fn::kSkbOutput), {mt::kPerfEventArray}),
    row(h(fn::kXdpOutput), {mt::kPerfEventArray}),
    row(h(fn::kRingbufOutput), {mt::kRingbuf}),
    row(h(fn::kRingbufReserve), {mt::kRingbuf}),
    row(h(fn::kRingbufQuery), {mt::kRingbuf}),
    row(h(fn::kRingbufReserveDynptr), {mt::kRingbuf}),
    row(h(fn::kUserRingbufDrain), {mt::kUserRingbuf}),
    row(h(fn::kGetStackid), {mt::kStackTrace}),
    row(h(fn::kCurrentTaskUnderCgroup), {mt::kCgroupArray}),
    row(h(fn::kSkbUnderCgroup), {mt::kCgroupArray}),
    row(h(fn::kRedirectMap), {mt::kDevmap, mt::kDevmapHash, mt::kCpumap, mt::kXskmap}),
    row(h(fn::kSkRedirectMap), {mt::kSockmap}),
    row(h(fn::kMsgRedirectMap), {mt::kSockmap}),
    row(h(fn::kSockMapUpdate), {mt::kSockmap}),
    row(h(fn::kSkRedirectHash), {mt::kSockhash}),
    row(h(fn::kMsgRedirectHash), {mt::kSockhash}),
    row(h(fn::kSockHashUpdate), {mt::kSockhash}),
    row(h(fn::kGetLocalStorage), {mt::kCgroupStorage, mt::kPercpuCgroupStorage}),
    row(h(fn::kSkSelectReuseport), {mt::kReuseportSockarray, mt::kSockmap, mt::kSockhash}),
    row(h(fn::kMapPopElem), {mt::kQueue, mt::kStack}),
    row(h(fn::kMapPeekElem), {mt::kQueue, mt::kStack, mt::kBloomFilter}),
    row(h(fn::kMapPushElem), {mt::kQueue, mt::kStack, mt::kBloomFilter}),
    row(h(fn::kMapLookupPercpuElem), {mt::kPercpuArray, mt::kPercpuHash, mt::kLruPercpuHash}),
    row(h(fn::kSkStorageGet), {mt::kSkStorage}),
    row(h(fn::kSkStorageDelete), {mt::kSkStorage}),
    row(h(fn::kInodeStorageGet), {mt::kInodeStorage}),
    row(h(fn::kInodeStorageDelete), {mt::kInodeStorage}),
    row(h(fn::kTaskStorageGet), {mt::kTaskStorage}),
    row(h(fn::kTaskStorageDelete), {mt::kTaskStorage}),
    row(h(fn::kCgrpStorageGet), {mt::kCgrpStorage}),
    row(h(fn::kCgrpStorageDelete), {mt::kCgrpStorage}),
};

// The map side: a map type and the only helpers it takes (sockmap and
// sockhash also take updates where may_update_sockmap allows).
constexpr std::array kMapRows = {
    row(mt::kProgArray, {h(fn::kTailCall)}),
    row(mt::kPerfEventArray, {h(fn::kPerfEventRead), h(fn::kPerfEventOutput), h(fn::kSkbOutput),
                              h(fn::kPerfEventReadValue), h(fn::kXdpOutput)}),
    row(mt::kRingbuf, {h(fn::kRingbufOutput), h(fn::kRingbufReserve), h(fn::kRingbufQuery),
                       h(fn::kRingbufReserveDynptr), h(fn::kRingbufSubmitDynptr), h(fn::kRingbufDiscardDynptr)}),
    row(mt::kUserRingbuf, {h(fn::kUserRingbufDrain)}),
    row(mt::kStackTrace, {h(fn::kGetStackid)}),
    row(mt::kCgroupArray, {h(fn::kSkbUnderCgroup), h(fn::kCurrentTaskUnderCgroup)}),
    row(mt::kCgroupStorage, {h(fn::kGetLocalStorage)}),
    row(mt::kPercpuCgroupStorage, {h(fn::kGetLocalStorage)}),
    row(mt::kDevmap, {h(fn::kRedirectMap), h(fn::kMapLookup)}),
    row(mt::kDevmapHash, {h(fn::kRedirectMap), h(fn::kMapLookup)}),
    row(mt::kCpumap, {h(fn::kRedirectMap)}),
    row(mt::kXskmap, {h(fn::kRedirectMap), h(fn::kMapLookup)}),
    row(mt::kArrayOfMaps, {h(fn::kMapLookup)}),
    row(mt::kHashOfMaps, {h(fn::kMapLookup)}),
    row(mt::kSockmap, {h(fn::kSkRedirectMap), h(fn::kSockMapUpdate), h(fn::kMsgRedirectMap), h(fn::kSkSelectReuseport),
                       h(fn::kMapLookup)}),
    row(mt::kSockhash, {h(fn::kSkRedirectHash), h(fn::kSockHashUpdate), h(fn::kMsgRedirectHash),
                        h(fn::kSkSelectReuseport), h(fn::kMapLookup)}),
    row(mt::kReuseportSockarray, {h(fn::kSkSelectReuseport)}),
    row(mt::kQueue, {h(fn::kMapPeekElem), h(fn::kMapPopElem), h(fn::kMapPushElem)}),
    row(mt::kStack, {h(fn::kMapPeekElem), h(fn::kMapPopElem), h(fn::kMapPushElem)}),
    row(mt::kSkStorage, {h(fn::kSkStorageGet), h(fn::kSkStorageDelete), h(fn::kKptrXchg)}),
    row(mt::kInodeStorage, {h(fn::kInodeStorageGet), h(fn::kInodeStorageDelete), h(fn::kKptrXchg)}),
    row(mt::kTaskStorage, {h(fn::kTaskStorageGet), h(fn::kTaskStorageDelete), h(fn::kKptrXchg)}),
    row(mt::kCgrpStorage, {h(fn::kCgrpStorageGet), h(fn::kCgrpStorageDelete), h(fn::kKptrXchg)}),
    row(mt::kBloomFilter, {h(fn::kMapPeekElem), h(fn::kMapPushElem)}),
};

const Row* find_row(std::span<const Row> rows, std::uint32_t key) {
    const auto it = std::find_if(rows.begin(), rows.end(), [key](const Row& r) { return r.key == key; });
    return it == rows.end() ? nullptr : &*it;
}

bool row_allows(const Row& r, std::uint32_t value) {
    return std::find(r.allowed.begin(), r.allowed.begin() + static_cast<std::ptrdiff_t>(r.count), value) !=
           r.allowed.begin() + static_cast<std::ptrdiff_t>(r.count);
}

// may_update_sockmap: updates and deletes of sockmap/sockhash only where no
// locked socket is reachable.
bool may_update_sockmap(std::string_view type, std::string_view section, std::int32_t helper) {
    if (helper != fn::kMapUpdate && helper != fn::kMapDelete) {
        return false;
    }
    if (type == "tracing") {
        return section.starts_with("iter/") || section.starts_with("iter.s/");
    }
    if (type == "sock_ops") {
        return helper == fn::kMapDelete;
    }
    return type == "socket_filter" || type == "sched_cls" || type == "sched_act" || type == "xdp" ||
           type == "sk_reuseport" || type == "flow_dissector" || type == "sk_lookup";
}

}  // namespace

std::span<const std::uint32_t> required_map_types(std::int32_t helper) {
    const Row* r = find_row(kHelperRows, h(helper));
    return r == nullptr ? std::span<const std::uint32_t>{}
                        : std::span<const std::uint32_t>{r->allowed.data(), r->count};
}

bool map_allows_helper(std::uint32_t map_type, std::int32_t helper, std::string_view program_type,
                       std::string_view section) {
    const Row* r = find_row(kMapRows, map_type);
    if (r == nullptr || row_allows(*r, h(helper))) {
        return true;
    }
    return (map_type == mt::kSockmap || map_type == mt::kSockhash) && may_update_sockmap(program_type, section, helper);
}

}  // namespace bpfcheck::analyzer
