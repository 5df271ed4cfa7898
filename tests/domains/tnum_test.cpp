// Tnum soundness: every concrete result of an operation on members lies in
// the abstract result; exhaustive over all 4-bit tnums (3^4 = 81 each) and
// all their members, then sampled at 64 bits.
#include "domains/tnum.hpp"
#include "sampling.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace bpfcheck;
using domains::Tnum;

namespace {

std::vector<Tnum> all_small_tnums() {
    std::vector<Tnum> out;
    for (std::uint64_t mask = 0; mask < 16; ++mask) {
        for (std::uint64_t value = 0; value < 16; ++value) {
            if ((value & mask) == 0) {
                out.push_back(Tnum{value, mask});
            }
        }
    }
    return out;
}

std::vector<std::uint64_t> members(Tnum t) {
    std::vector<std::uint64_t> out;
    for (std::uint64_t x = 0; x < 16; ++x) {
        if (t.contains(x)) {
            out.push_back(x);
        }
    }
    return out;
}

template <typename Abstract, typename Concrete>
void check_binary_exhaustive(Abstract abstract, Concrete concrete) {
    const auto tnums = all_small_tnums();
    for (const Tnum& a : tnums) {
        for (const Tnum& b : tnums) {
            const Tnum r = abstract(a, b);
            for (const std::uint64_t x : members(a)) {
                for (const std::uint64_t y : members(b)) {
                    const std::uint64_t z = concrete(x, y);
                    if (!r.contains(z)) {
                        FAIL("a=" << a.to_string() << " b=" << b.to_string() << " x=" << x << " y=" << y << " result "
                                  << z << " not in " << r.to_string());
                    }
                }
            }
        }
    }
}

}  // namespace

TEST_CASE("tnum binary operations are sound on every 4-bit tnum", "[tnum]") {
    check_binary_exhaustive(domains::tnum_add, [](auto x, auto y) { return x + y; });
    check_binary_exhaustive(domains::tnum_sub, [](auto x, auto y) { return x - y; });
    check_binary_exhaustive(domains::tnum_mul, [](auto x, auto y) { return x * y; });
    check_binary_exhaustive(domains::tnum_and, [](auto x, auto y) { return x & y; });
    check_binary_exhaustive(domains::tnum_or, [](auto x, auto y) { return x | y; });
    check_binary_exhaustive(domains::tnum_xor, [](auto x, auto y) { return x ^ y; });
    check_binary_exhaustive(domains::tnum_union, [](auto x, auto) { return x; });
    check_binary_exhaustive(domains::tnum_union, [](auto, auto y) { return y; });
}

TEST_CASE("tnum intersect keeps common members and flags conflicts", "[tnum]") {
    const auto tnums = all_small_tnums();
    for (const Tnum& a : tnums) {
        for (const Tnum& b : tnums) {
            bool conflict = false;
            const Tnum r = domains::tnum_intersect(a, b, &conflict);
            bool any_common = false;
            for (const std::uint64_t x : members(a)) {
                if (b.contains(x)) {
                    any_common = true;
                    REQUIRE(r.contains(x));
                }
            }
            REQUIRE(conflict == !any_common);
        }
    }
}

TEST_CASE("tnum range contains exactly its interval's members at least", "[tnum]") {
    test::Rng rng(7);
    for (int i = 0; i < 20000; ++i) {
        std::uint64_t a = test::edgy_value(rng);
        std::uint64_t b = test::edgy_value(rng);
        if (a > b) {
            std::swap(a, b);
        }
        const Tnum t = Tnum::range(a, b);
        REQUIRE(t.contains(a));
        REQUIRE(t.contains(b));
        REQUIRE(t.contains(a + (b - a) / 2));
    }
}

TEST_CASE("tnum moves of bits are exact", "[tnum]") {
    const Tnum t{0x0102, 0x00f0};
    CHECK(domains::tnum_bswap(t, 2) == Tnum{0x0201, 0xf000});
    CHECK(domains::tnum_sign_extend(Tnum{0x80, 0}, 8) == Tnum::constant(0xffffffffffffff80ULL));
    CHECK(domains::tnum_sign_extend(Tnum{0x00, 0x80}, 8) == Tnum{0, 0xffffffffffffff80ULL});
    CHECK(domains::tnum_lshift(t, 4) == Tnum{0x1020, 0x0f00});
    CHECK(domains::tnum_arshift(Tnum::constant(0x80000000), 4, true) == Tnum::constant(0xf8000000));
    CHECK(domains::tnum_cast(Tnum{0x1234, 0xff0000}, 2) == Tnum::constant(0x1234));
}

TEST_CASE("tnum_is_aligned holds when every member is a multiple of the size", "[tnum]") {
    for (std::uint64_t value = 0; value < 16; ++value) {
        for (std::uint64_t mask = 0; mask < 16; ++mask) {
            if ((value & mask) != 0) {
                continue;
            }
            const Tnum t{value, mask};
            for (const std::uint64_t size : {1ULL, 2ULL, 4ULL, 8ULL}) {
                bool all = true;
                for (std::uint64_t x = 0; x < 16; ++x) {
                    all = all && (!t.contains(x) || x % size == 0);
                }
                CHECK(domains::tnum_is_aligned(t, size) == all);
            }
        }
    }
}
