// Soundness of every scalar transfer function, exhaustively on small
// operands: all pairs of 8-bit constants; every interval of width < 8 and
// every 4-bit tnum placed at the sign and width boundaries (0, 2^31, 2^32,
// 2^63, 2^64) against each other; every 8-bit tnum through the operations
// whose width is a parameter (sign extension, truncation, byte swaps,
// shifts). Every member pair is executed concretely and must lie in the
// abstract result; branch refinement must keep every pair satisfying the
// condition, and decide() must never claim what some pair contradicts.
#include "concrete_ops.hpp"
#include "domains/tnum.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace bpfcheck;
using domains::ArithOp;
using domains::Comparison;
using domains::Scalar;
using domains::Tnum;

namespace {

constexpr std::uint64_t kBases[] = {0, 0x7ffffff8ULL, 0xfffffff8ULL, 0x7ffffffffffffff8ULL, 0xfffffffffffffff8ULL};

struct Operand {
    Scalar abstract;
    std::vector<std::uint64_t> members;
};

// Intervals [base+i, base+j], i <= j < 8, and 4-bit tnums at base (low nibble).
std::vector<Operand> small_operands() {
    std::vector<Operand> out;
    for (const std::uint64_t base : kBases) {
        for (std::uint64_t i = 0; i < 8; ++i) {
            for (std::uint64_t j = i; j < 8; ++j) {
                Operand op{Scalar::unsigned_range(base + i, base + j), {}};
                for (std::uint64_t k = i; k <= j; ++k) {
                    op.members.push_back(base + k);
                }
                out.push_back(op);
            }
        }
        const std::uint64_t nibble_base = base & ~0xfULL;
        for (std::uint64_t mask = 1; mask < 16; ++mask) {
            for (std::uint64_t value = 0; value < 16; ++value) {
                if ((value & mask) != 0 || mask == 0) {
                    continue;
                }
                const Tnum t{nibble_base | value, mask};
                Operand op{Scalar::from_tnum(t), {}};
                for (std::uint64_t x = 0; x < 16; ++x) {
                    if (t.contains(nibble_base | x)) {
                        op.members.push_back(nibble_base | x);
                    }
                }
                out.push_back(op);
            }
        }
    }
    return out;
}

std::vector<Tnum> all_byte_tnums() {
    std::vector<Tnum> out;
    for (std::uint64_t mask = 0; mask < 256; ++mask) {
        for (std::uint64_t value = 0; value < 256; ++value) {
            if ((value & mask) == 0) {
                out.push_back(Tnum{value, mask});
            }
        }
    }
    return out;
}

std::vector<std::uint64_t> members(Tnum t) {
    std::vector<std::uint64_t> out;
    for (std::uint64_t x = 0; x < 256; ++x) {
        if (t.contains(x)) {
            out.push_back(x);
        }
    }
    return out;
}

}  // namespace

TEST_CASE("ALU transfer functions are exact enough on every pair of 8-bit constants", "[transfer][exhaustive]") {
    for (const ArithOp op : test::kOps) {
        for (const bool is64 : {true, false}) {
            for (std::uint64_t x = 0; x < 256; ++x) {
                for (std::uint64_t y = 0; y < 256; ++y) {
                    // Also the same low byte at the top of the range (negative numbers).
                    for (const std::uint64_t high : {0ULL, 0xffffffffffffff00ULL}) {
                        const std::uint64_t a = high | x;
                        const Scalar r = domains::scalar_binary(op, Scalar::constant(a), Scalar::constant(y), is64);
                        const std::uint64_t z = is64 ? test::concrete64(op, a, y) : test::concrete32(op, a, y);
                        if (!r.contains(z)) {
                            FAIL("op " << static_cast<int>(op) << (is64 ? " 64" : " 32") << " " << a << ", " << y
                                       << " = " << z << " not in " << r.to_string());
                        }
                    }
                }
            }
        }
    }
}

TEST_CASE("ALU transfer functions are sound on small intervals and tnums at every boundary", "[transfer][exhaustive]") {
    const std::vector<Operand> operands = small_operands();
    std::uint64_t checked = 0;
    for (const ArithOp op : test::kOps) {
        for (const bool is64 : {true, false}) {
            for (const Operand& a : operands) {
                for (const Operand& b : operands) {
                    const Scalar r = domains::scalar_binary(op, a.abstract, b.abstract, is64);
                    for (const std::uint64_t x : a.members) {
                        for (const std::uint64_t y : b.members) {
                            const std::uint64_t z = is64 ? test::concrete64(op, x, y) : test::concrete32(op, x, y);
                            ++checked;
                            if (!r.contains(z)) {
                                FAIL("op " << static_cast<int>(op) << (is64 ? " 64" : " 32")
                                           << " a=" << a.abstract.to_string() << " b=" << b.abstract.to_string()
                                           << " x=" << x << " y=" << y << " z=" << z << " result=" << r.to_string());
                            }
                        }
                    }
                }
            }
        }
    }
    REQUIRE(checked > 10'000'000);
}

TEST_CASE("branch refinement and decisions are sound on small intervals and tnums at every boundary",
          "[transfer][exhaustive]") {
    constexpr Comparison kComparisons[] = {Comparison::Eq,  Comparison::Ne,  Comparison::Gt,  Comparison::Ge,
                                           Comparison::Lt,  Comparison::Le,  Comparison::SGt, Comparison::SGe,
                                           Comparison::SLt, Comparison::SLe, Comparison::Set, Comparison::NotSet};
    const std::vector<Operand> operands = small_operands();
    for (const Comparison c : kComparisons) {
        for (const bool is32 : {false, true}) {
            for (const Operand& a : operands) {
                for (const Operand& b : operands) {
                    const auto [ra, rb] = domains::refine(c, is32, a.abstract, b.abstract);
                    const int decided = domains::decide(c, is32, a.abstract, b.abstract);
                    for (const std::uint64_t x : a.members) {
                        for (const std::uint64_t y : b.members) {
                            const bool h = test::holds(c, is32, x, y);
                            if ((decided == 1 && !h) || (decided == 0 && h)) {
                                FAIL("decide cmp " << static_cast<int>(c) << (is32 ? " 32" : " 64")
                                                   << " a=" << a.abstract.to_string() << " b=" << b.abstract.to_string()
                                                   << " x=" << x << " y=" << y << " decided " << decided);
                            }
                            if (h && (!ra.contains(x) || !rb.contains(y))) {
                                FAIL("refine cmp " << static_cast<int>(c) << (is32 ? " 32" : " 64")
                                                   << " a=" << a.abstract.to_string() << " b=" << b.abstract.to_string()
                                                   << " x=" << x << " y=" << y << " refined a=" << ra.to_string()
                                                   << " b=" << rb.to_string());
                            }
                        }
                    }
                }
            }
        }
    }
}

TEST_CASE("width-parameterised operations are sound on every 8-bit tnum", "[transfer][exhaustive]") {
    for (const Tnum& t : all_byte_tnums()) {
        // The byte also at the top of the range, so sign extensions see both signs.
        for (const std::uint64_t high : {0ULL, 0xffffffffffffff00ULL, 0x7fffff00ULL}) {
            const Tnum placed{t.value | high, t.mask};
            const Scalar s = Scalar::from_tnum(placed);
            std::vector<std::uint64_t> xs = members(t);
            for (std::uint64_t& x : xs) {
                x |= high;
            }
            for (const unsigned bits : {8U, 16U, 32U}) {
                const Scalar sx64 = domains::scalar_sign_extend(s, bits, true);
                const Scalar sx32 = domains::scalar_sign_extend(s, bits, false);
                const Scalar tr = domains::scalar_truncate(s, bits);
                const Tnum tsx = domains::tnum_sign_extend(placed, bits);
                const Tnum tcast = domains::tnum_cast(placed, bits / 8);
                for (const std::uint64_t x : xs) {
                    const auto shift = 64 - bits;
                    const auto ext = static_cast<std::uint64_t>(static_cast<std::int64_t>(x << shift) >> shift);
                    const std::uint64_t low = x & ((1ULL << bits) - 1);
                    INFO("t=" << placed.to_string() << " x=" << x << " bits=" << bits);
                    REQUIRE(sx64.contains(ext));
                    REQUIRE(sx32.contains(ext & 0xffffffffULL));
                    REQUIRE(tr.contains(low));
                    REQUIRE(tsx.contains(ext));
                    REQUIRE(tcast.contains(low));
                }
            }
            for (const unsigned bits : {16U, 32U, 64U}) {
                const Scalar sw = domains::scalar_bswap(s, bits);
                const Tnum tsw = domains::tnum_bswap(placed, bits / 8);
                for (const std::uint64_t x : xs) {
                    const std::uint64_t swapped = bits == 16   ? __builtin_bswap16(static_cast<std::uint16_t>(x))
                                                  : bits == 32 ? __builtin_bswap32(static_cast<std::uint32_t>(x))
                                                               : __builtin_bswap64(x);
                    INFO("t=" << placed.to_string() << " x=" << x << " bswap" << bits);
                    REQUIRE(sw.contains(swapped));
                    REQUIRE(tsw.contains(swapped));
                }
            }
            const Scalar n64 = domains::scalar_neg(s, true);
            const Scalar n32 = domains::scalar_neg(s, false);
            const Tnum tn = domains::tnum_neg(placed);
            for (const std::uint64_t x : xs) {
                REQUIRE(n64.contains(0 - x));
                REQUIRE(n32.contains(static_cast<std::uint32_t>(0 - x)));
                REQUIRE(tn.contains(0 - x));
            }
        }
    }
}

TEST_CASE("tnum shifts are exact on every 8-bit tnum and every amount", "[transfer][exhaustive]") {
    for (const Tnum& t : all_byte_tnums()) {
        const std::vector<std::uint64_t> xs = members(t);
        for (const std::uint64_t high : {0ULL, 0x8000000000000000ULL, 0x80000000ULL}) {
            const Tnum placed{t.value | high, t.mask};
            for (unsigned shift = 0; shift < 64; ++shift) {
                const Tnum l = domains::tnum_lshift(placed, shift);
                const Tnum r = domains::tnum_rshift(placed, shift);
                const Tnum a = domains::tnum_arshift(placed, shift, false);
                const Tnum a32 =
                    domains::tnum_arshift(Tnum{placed.value & 0xffffffffULL, placed.mask}, shift & 31, true);
                for (const std::uint64_t low : xs) {
                    const std::uint64_t x = low | high;
                    REQUIRE(l.contains(x << shift));
                    REQUIRE(r.contains(x >> shift));
                    REQUIRE(a.contains(static_cast<std::uint64_t>(static_cast<std::int64_t>(x) >> shift)));
                    const auto x32 = static_cast<std::int32_t>(static_cast<std::uint32_t>(x));
                    REQUIRE(a32.contains(static_cast<std::uint32_t>(x32 >> (shift & 31))));
                }
            }
        }
    }
}
