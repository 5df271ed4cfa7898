// Name lookups in kernel BTF (cfg/loader/btf/kernel_btf): a kind's first
// names are found by scanning and remembered, later ones through an index of
// the kind. Both must give libbpf's answer (btf__find_by_name_kind: the first
// type of the kind with the name, 0 for none), before and after the index
// exists, for names asked once or again. The BTF is written here with
// libbpf, so no kernel is needed.
#include "cfg/loader/btf/kernel_btf.hpp"

#include <catch2/catch.hpp>

#ifdef BPFCHECK_HAVE_LIBBPF
#include <bpf/btf.h>
#include <fmt/format.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

using namespace bpfcheck;

namespace {

struct BtfFree {
    void operator()(btf* b) const { btf__free(b); }
};

// 40 structs s0..s39 and 40 functions f0..f39, then a second struct and a
// second function named s7 and f7 (a lookup names the first), written to a
// raw BTF file at `path`. Returns the expected ids by name.
void write_btf(const std::string& path, std::vector<int>& struct_ids, std::vector<int>& func_ids) {
    std::unique_ptr<btf, BtfFree> types(btf__new_empty());
    REQUIRE(types != nullptr);
    const int u32 = btf__add_int(types.get(), "unsigned int", 4, 0);
    const int proto = btf__add_func_proto(types.get(), u32);
    for (int i = 0; i < 40; ++i) {
        struct_ids.push_back(btf__add_struct(types.get(), fmt::format("s{}", i).c_str(), 4));
        REQUIRE(btf__add_field(types.get(), "x", u32, 0, 0) == 0);
        func_ids.push_back(btf__add_func(types.get(), fmt::format("f{}", i).c_str(), BTF_FUNC_GLOBAL, proto));
    }
    REQUIRE(btf__add_struct(types.get(), "s7", 8) > struct_ids[7]);
    REQUIRE(btf__add_func(types.get(), "f7", BTF_FUNC_STATIC, proto) > func_ids[7]);
    std::uint32_t size = 0;
    const void* raw = btf__raw_data(types.get(), &size);
    REQUIRE(raw != nullptr);
    std::ofstream out(path, std::ios::binary);
    out.write(static_cast<const char*>(raw), size);
}

}  // namespace

TEST_CASE("kernel BTF name lookups agree before and after a kind is indexed") {
    const std::string path =
        (std::filesystem::temp_directory_path() / fmt::format("bpfcheck-lookup-{}.btf", ::getpid())).string();
    std::vector<int> struct_ids;
    std::vector<int> func_ids;
    write_btf(path, struct_ids, func_ids);
    auto loaded = loader::load_kernel_btf(path);
    std::filesystem::remove(path);
    REQUIRE(loaded);
    const model::KernelTypes& types = **loaded;

    // Asked twice each, in an order that crosses from scanning to the index
    // partway through; names of the other kind and unknown names are 0.
    for (int round = 0; round < 2; ++round) {
        for (int i = 39; i >= 0; --i) {
            CAPTURE(round, i);
            CHECK(types.find_struct(fmt::format("s{}", i)) == static_cast<std::uint32_t>(struct_ids[i]));
            CHECK(types.has_symbol(fmt::format("f{}", i)) == true);
            if (i % 10 == 0) {
                CHECK(types.find_struct(fmt::format("f{}", i)) == 0);
                CHECK(types.find_struct(fmt::format("missing{}", i)) == 0);
                CHECK(types.has_symbol(fmt::format("s{}", i)) == false);
            }
        }
    }
    CHECK(types.find_struct("s7") == static_cast<std::uint32_t>(struct_ids[7]));
    CHECK(types.find_struct("") == 0);
    // Functions only (a kfunc extern resolves to a FUNC), and the libbpf
    // handle module BTFs are read against.
    CHECK(types.has_function("f3") == true);
    CHECK(types.has_function("s3") == false);
    CHECK(loader::libbpf_types(types) != nullptr);
}
#endif
