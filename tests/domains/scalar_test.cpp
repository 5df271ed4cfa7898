// Scalar domain: lattice laws, and soundness of every ALU transfer function
// by sampling — members x ∈ γ(a), y ∈ γ(b), concrete op(x, y) ∈ γ(op#(a, b))
// under BPF semantics (x/0 = 0, x%0 = x, shift amounts modulo the width).
#include "domains/scalar.hpp"
#include "concrete_ops.hpp"
#include "domains/scalar_compare.hpp"
#include "domains/scalar_ops.hpp"
#include "sampling.hpp"

#include <catch2/catch.hpp>

using namespace bpfcheck;
using domains::ArithOp;
using domains::Scalar;

using test::concrete32;
using test::concrete64;
using test::holds;
using test::kOps;

TEST_CASE("scalar lattice laws", "[scalar]") {
    test::Rng rng(1);
    for (int i = 0; i < 20000; ++i) {
        const Scalar a = test::random_scalar(rng);
        const Scalar b = test::random_scalar(rng);
        REQUIRE(a.leq(a));
        REQUIRE(Scalar::bottom().leq(a));
        REQUIRE(a.leq(Scalar::top()));
        Scalar j = a;
        j.join_with(b);
        REQUIRE(a.leq(j));
        REQUIRE(b.leq(j));
        Scalar j2 = b;
        j2.join_with(a);
        REQUIRE(j.equals(j2));
        Scalar m = a;
        m.meet_with(b);
        REQUIRE(m.leq(a));
        REQUIRE(m.leq(b));
        Scalar w = a;
        w.widen_with(j);
        REQUIRE(j.leq(w));
        Scalar n = w;
        n.narrow_with(j);
        REQUIRE(j.leq(n));
        REQUIRE(n.leq(w));
        Scalar idem = a;
        idem.join_with(a);
        REQUIRE(idem.equals(a));
    }
}

TEST_CASE("scalar join and meet keep their members", "[scalar]") {
    test::Rng rng(2);
    for (int i = 0; i < 20000; ++i) {
        const Scalar a = test::random_scalar(rng);
        const Scalar b = test::random_scalar(rng);
        Scalar j = a;
        j.join_with(b);
        Scalar m = a;
        m.meet_with(b);
        for (int k = 0; k < 4; ++k) {
            if (const auto x = test::random_member(a, rng)) {
                REQUIRE(j.contains(*x));
                if (b.contains(*x)) {
                    INFO("a=" << a.to_string() << " b=" << b.to_string() << " x=" << *x << " meet=" << m.to_string());
                    REQUIRE(m.contains(*x));
                }
            }
        }
    }
}

TEST_CASE("widening stabilises an increasing chain", "[scalar]") {
    Scalar w = Scalar::constant(0);
    const std::int64_t thresholds[] = {0, 64, 512};
    int steps = 0;
    for (std::uint64_t i = 1; i < 100000; ++i) {
        Scalar next = w;
        next.join_with(Scalar::constant(i));
        Scalar widened = w;
        widened.widen_with(next, thresholds);
        ++steps;
        if (widened.equals(w)) {
            break;
        }
        w = widened;
    }
    REQUIRE(steps < 20);
}

TEST_CASE("ALU transfer functions are sound (64 and 32 bit)", "[scalar]") {
    test::Rng rng(3);
    for (const ArithOp op : kOps) {
        for (const bool is64 : {true, false}) {
            for (int i = 0; i < 4000; ++i) {
                const Scalar a = test::random_scalar(rng);
                const Scalar b = test::random_scalar(rng);
                const Scalar r = domains::scalar_binary(op, a, b, is64);
                for (int k = 0; k < 6; ++k) {
                    const auto x = test::random_member(a, rng);
                    const auto y = test::random_member(b, rng);
                    if (!x || !y) {
                        continue;
                    }
                    const std::uint64_t z = is64 ? concrete64(op, *x, *y) : concrete32(op, *x, *y);
                    if (!r.contains(z)) {
                        FAIL("op " << static_cast<int>(op) << (is64 ? " 64" : " 32") << " a=" << a.to_string()
                                   << " b=" << b.to_string() << " x=" << *x << " y=" << *y << " z=" << z
                                   << " result=" << r.to_string());
                    }
                }
            }
        }
    }
}

TEST_CASE("sign extension, truncation and byte swaps are sound", "[scalar]") {
    test::Rng rng(4);
    for (int i = 0; i < 20000; ++i) {
        const Scalar a = test::random_scalar(rng);
        const auto x = test::random_member(a, rng);
        if (!x) {
            continue;
        }
        for (const unsigned bits : {8U, 16U, 32U}) {
            const auto shift = 64 - bits;
            const auto extended = static_cast<std::uint64_t>(static_cast<std::int64_t>(*x << shift) >> shift);
            REQUIRE(domains::scalar_sign_extend(a, bits, true).contains(extended));
            REQUIRE(domains::scalar_sign_extend(a, bits, false).contains(extended & 0xffffffffULL));
            REQUIRE(domains::scalar_truncate(a, bits).contains(*x & ((1ULL << bits) - 1)));
        }
        REQUIRE(domains::scalar_bswap(a, 16).contains(__builtin_bswap16(static_cast<std::uint16_t>(*x))));
        REQUIRE(domains::scalar_bswap(a, 32).contains(__builtin_bswap32(static_cast<std::uint32_t>(*x))));
        REQUIRE(domains::scalar_bswap(a, 64).contains(__builtin_bswap64(*x)));
        REQUIRE(domains::scalar_neg(a, true).contains(0 - *x));
        REQUIRE(domains::scalar_neg(a, false).contains(static_cast<std::uint32_t>(0 - *x)));
    }
}

TEST_CASE("reduction derives the views from each other", "[scalar]") {
    const Scalar byte = Scalar::unsigned_range(0, 255);
    CHECK(byte.smin == 0);
    CHECK(byte.smax == 255);
    CHECK(byte.u32max == 255);
    CHECK(byte.bits == domains::Tnum{0, 0xff});
    const Scalar negative = Scalar::signed_range(-8, -1);
    CHECK(negative.umin == static_cast<std::uint64_t>(-8));
    CHECK(negative.s32min == -8);
    CHECK(Scalar::constant(5).as_constant() == 5U);
    Scalar empty = Scalar::unsigned_range(0, 10);
    empty.meet_with(Scalar::unsigned_range(11, 20));
    CHECK(empty.is_bottom());
}

TEST_CASE("a signed range across zero keeps its s32 view (the kernel's __reg32_deduce_bounds)", "[scalar]") {
    // [-65535, 65535]: upper halves 0xffffffff then 0, lower halves from a
    // negative s32 to a non-negative one.
    const Scalar across = Scalar::signed_range(-65535, 65535);
    CHECK(across.s32min == -65535);
    CHECK(across.s32max == 65535);
    // A 32-bit subtraction of two u16 values (computed in 64 bits here) keeps
    // it, so `w s< 0` bounds the result from below and above.
    const Scalar u16 = Scalar::unsigned_range(0, 65535);
    Scalar difference = domains::scalar_binary(domains::ArithOp::Sub, u16, u16, false);
    CHECK(difference.s32min == -65535);
    CHECK(difference.s32max == 65535);
    Scalar non_negative = Scalar::top();
    non_negative.s32min = 0;
    non_negative.reduce();
    difference.meet_with(non_negative);
    CHECK(difference.umax == 65535);
}

TEST_CASE("branch refinement keeps every pair that satisfies the condition", "[scalar]") {
    using domains::Comparison;
    test::Rng rng(5);
    constexpr Comparison kComparisons[] = {Comparison::Eq,  Comparison::Ne,  Comparison::Gt,  Comparison::Ge,
                                           Comparison::Lt,  Comparison::Le,  Comparison::SGt, Comparison::SGe,
                                           Comparison::SLt, Comparison::SLe, Comparison::Set, Comparison::NotSet};
    int checked = 0;
    for (const Comparison c : kComparisons) {
        for (const bool is32 : {false, true}) {
            for (int i = 0; i < 3000; ++i) {
                const Scalar a = test::random_scalar(rng);
                const Scalar b = (rng() % 2) != 0 ? Scalar::constant(test::edgy_value(rng)) : test::random_scalar(rng);
                const auto [ra, rb] = domains::refine(c, is32, a, b);
                for (int k = 0; k < 8; ++k) {
                    const auto x = test::random_member(a, rng);
                    const auto y = test::random_member(b, rng);
                    if (!x || !y || !holds(c, is32, *x, *y)) {
                        continue;
                    }
                    ++checked;
                    if (!ra.contains(*x) || !rb.contains(*y)) {
                        FAIL("cmp " << static_cast<int>(c) << (is32 ? " 32" : " 64") << " a=" << a.to_string()
                                    << " b=" << b.to_string() << " x=" << *x << " y=" << *y
                                    << " refined a=" << ra.to_string() << " b=" << rb.to_string());
                    }
                }
            }
        }
    }
    REQUIRE(checked > 10000);
}
