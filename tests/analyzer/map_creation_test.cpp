// The map definitions the kernel refuses to create (analyzer/platform/
// map_creation): one row per allocation check, sizes of 0 left to the
// loader, and the map types whose sizes libbpf sets itself not judged. The
// kernel's own verdicts on such objects are the cases map/*_not_created
// (kernel_compare).
#include "analyzer/platform/map_creation.hpp"
#include "cfg/program/map_type.hpp"

#include <catch2/catch.hpp>

using bpfcheck::analyzer::map_creation_refusal;
namespace model = bpfcheck::model;
namespace mt = bpfcheck::model::map_type;

namespace {

model::MapDef map(std::uint32_t type, std::uint32_t key, std::uint32_t value, std::uint32_t flags = 0) {
    model::MapDef def;
    def.type = type;
    def.key_size = key;
    def.value_size = value;
    def.max_entries = 16;
    def.map_flags = flags;
    return def;
}

}  // namespace

TEST_CASE("array maps: 4-byte keys, fd arrays 4-byte values, per-CPU values within a unit", "[map_creation]") {
    CHECK_FALSE(map_creation_refusal(map(mt::kArray, 4, 64)));
    const auto key1 = map_creation_refusal(map(mt::kArray, 1, 1));
    REQUIRE(key1);
    CHECK(key1->error == "EINVAL");
    CHECK(key1->reason.find("key_size is 1") != std::string::npos);
    CHECK(map_creation_refusal(map(mt::kProgArray, 4, 8)));
    CHECK(map_creation_refusal(map(mt::kCgroupArray, 4, 8)));
    CHECK_FALSE(map_creation_refusal(map(mt::kProgArray, 4, 4)));
    CHECK_FALSE(map_creation_refusal(map(mt::kPercpuArray, 4, 32768)));
    const auto big = map_creation_refusal(map(mt::kPercpuArray, 4, 32769));  // rounded up to 32776
    REQUIRE(big);
    CHECK(big->error == "E2BIG");
    CHECK(map_creation_refusal(map(mt::kPercpuArray, 4, 8, 1U << 10)));  // BPF_F_MMAPABLE: plain arrays only
    CHECK_FALSE(map_creation_refusal(map(mt::kArray, 4, 8, 1U << 10)));
}

TEST_CASE("hash maps: flags, LRU preallocation", "[map_creation]") {
    CHECK_FALSE(map_creation_refusal(map(mt::kHash, 8, 8, 1)));  // BPF_F_NO_PREALLOC
    const auto lru = map_creation_refusal(map(mt::kLruHash, 8, 8, 1));
    REQUIRE(lru);
    CHECK(lru->error == "ENOTSUPP");
    CHECK(map_creation_refusal(map(mt::kHash, 8, 8, 2)));  // BPF_F_NO_COMMON_LRU: LRU only
    CHECK_FALSE(map_creation_refusal(map(mt::kLruHash, 8, 8, 2)));
    CHECK(map_creation_refusal(map(mt::kHash, 8, 8, (1U << 7) | (1U << 8))));  // RDONLY_PROG and WRONLY_PROG
}

TEST_CASE("queue, stack and stack trace maps", "[map_creation]") {
    CHECK(map_creation_refusal(map(mt::kQueue, 4, 8)));
    CHECK_FALSE(map_creation_refusal(map(mt::kQueue, 0, 8)));
    CHECK(map_creation_refusal(map(mt::kStackTrace, 4, 12)));
    CHECK_FALSE(map_creation_refusal(map(mt::kStackTrace, 4, 127 * 8)));
    CHECK(map_creation_refusal(map(mt::kStackTrace, 4, 40, 1U << 5)));  // build ids: 32-byte entries
}

TEST_CASE("sizes of 0 are the loader's to set; libbpf's own sizes and global data are not judged", "[map_creation]") {
    CHECK_FALSE(map_creation_refusal(map(mt::kHash, 0, 0)));
    CHECK_FALSE(map_creation_refusal(map(mt::kArray, 4, 0)));
    CHECK_FALSE(map_creation_refusal(map(mt::kStackTrace, 4, 0)));
    CHECK_FALSE(map_creation_refusal(map(mt::kPerfEventArray, 4, 8)));  // libbpf sets 4
    CHECK_FALSE(map_creation_refusal(map(mt::kRingbuf, 4, 0)));         // libbpf clears the key
    model::MapDef data = map(mt::kArray, 4, 64, (1U << 7) | (1U << 10));
    data.origin = model::MapOrigin::GlobalData;
    CHECK_FALSE(map_creation_refusal(data));
}
