// Tnum operations. The add/sub/mul/and/or/xor algorithms are the kernel's
// (proved sound in the CGO 2022 paper); the rest follow from the bitwise
// meaning of a tnum: an operation that only moves bits (shifts, byte swaps,
// casts, sign extension) moves value and mask alike and is exact.
#include "domains/tnum.hpp"

#include <fmt/format.h>
#include <bit>

namespace bpfcheck::domains {

Tnum Tnum::range(std::uint64_t min, std::uint64_t max) {
    const std::uint64_t chi = min ^ max;
    const int bits = 64 - std::countl_zero(chi);
    if (bits > 63) {
        return unknown();
    }
    const std::uint64_t delta = (1ULL << bits) - 1;
    return Tnum{min & ~delta, delta};
}

bool Tnum::includes(const Tnum& other) const {
    if ((other.mask & ~mask) != 0) {
        return false;
    }
    return (other.value & ~mask) == value;
}

std::string Tnum::to_string() const {
    if (is_constant()) {
        return fmt::format("{:#x}", value);
    }
    return fmt::format("(value={:#x}; mask={:#x})", value, mask);
}

Tnum tnum_add(Tnum a, Tnum b) {
    const std::uint64_t sm = a.mask + b.mask;
    const std::uint64_t sv = a.value + b.value;
    const std::uint64_t sigma = sm + sv;
    const std::uint64_t chi = sigma ^ sv;
    const std::uint64_t mu = chi | a.mask | b.mask;
    return Tnum{sv & ~mu, mu};
}

Tnum tnum_sub(Tnum a, Tnum b) {
    const std::uint64_t dv = a.value - b.value;
    const std::uint64_t alpha = dv + a.mask;
    const std::uint64_t beta = dv - b.mask;
    const std::uint64_t chi = alpha ^ beta;
    const std::uint64_t mu = chi | a.mask | b.mask;
    return Tnum{dv & ~mu, mu};
}

Tnum tnum_mul(Tnum a, Tnum b) {
    const std::uint64_t acc_v = a.value * b.value;
    Tnum acc_m = Tnum::constant(0);
    while (a.value != 0 || a.mask != 0) {
        if ((a.value & 1) != 0) {
            acc_m = tnum_add(acc_m, Tnum{0, b.mask});
        } else if ((a.mask & 1) != 0) {
            acc_m = tnum_add(acc_m, Tnum{0, b.value | b.mask});
        }
        a = tnum_rshift(a, 1);
        b = tnum_lshift(b, 1);
    }
    return tnum_add(Tnum::constant(acc_v), acc_m);
}

Tnum tnum_and(Tnum a, Tnum b) {
    const std::uint64_t alpha = a.value | a.mask;
    const std::uint64_t beta = b.value | b.mask;
    const std::uint64_t v = a.value & b.value;
#ifdef BPFCHECK_PLANT_UNSOUND_AND
    // A deliberately unsound `and` for the oracle's self-test (never in a
    // real build): it forgets that bit 0 of the result may be set.
    return Tnum{v, alpha & beta & ~v & ~1ULL};
#else
    return Tnum{v, alpha & beta & ~v};
#endif
}

Tnum tnum_or(Tnum a, Tnum b) {
    const std::uint64_t v = a.value | b.value;
    const std::uint64_t mu = a.mask | b.mask;
    return Tnum{v, mu & ~v};
}

Tnum tnum_xor(Tnum a, Tnum b) {
    const std::uint64_t v = a.value ^ b.value;
    const std::uint64_t mu = a.mask | b.mask;
    return Tnum{v & ~mu, mu};
}

Tnum tnum_neg(Tnum a) {
    return tnum_sub(Tnum::constant(0), a);
}

Tnum tnum_lshift(Tnum a, unsigned shift) {
    return Tnum{a.value << shift, a.mask << shift};
}

Tnum tnum_rshift(Tnum a, unsigned shift) {
    return Tnum{a.value >> shift, a.mask >> shift};
}

Tnum tnum_arshift(Tnum a, unsigned shift, bool is32) {
    if (is32) {
        return Tnum{static_cast<std::uint32_t>(static_cast<std::int32_t>(a.value) >> shift),
                    static_cast<std::uint32_t>(static_cast<std::int32_t>(a.mask) >> shift)};
    }
    return Tnum{static_cast<std::uint64_t>(static_cast<std::int64_t>(a.value) >> shift),
                static_cast<std::uint64_t>(static_cast<std::int64_t>(a.mask) >> shift)};
}

Tnum tnum_intersect(Tnum a, Tnum b, bool* conflict) {
    if (conflict != nullptr) {
        *conflict = ((a.value ^ b.value) & ~a.mask & ~b.mask) != 0;
    }
    const std::uint64_t v = a.value | b.value;
    const std::uint64_t mu = a.mask & b.mask;
    return Tnum{v & ~mu, mu};
}

Tnum tnum_union(Tnum a, Tnum b) {
    const std::uint64_t mu = (a.value ^ b.value) | a.mask | b.mask;
    return Tnum{a.value & b.value & ~mu, mu};
}

Tnum tnum_widen(Tnum a, Tnum b) {
    const Tnum u = tnum_union(a, b);
    if (u == a || u.mask == 0) {
        return u;
    }
    const int top = 63 - std::countl_zero(u.mask);
    const std::uint64_t above = ~((1ULL << top) - 1);
    return Tnum{u.value & ~above, u.mask | above};
}

Tnum tnum_cast(Tnum a, unsigned bytes) {
    if (bytes >= 8) {
        return a;
    }
    const std::uint64_t keep = (1ULL << (bytes * 8)) - 1;
    return Tnum{a.value & keep, a.mask & keep};
}

Tnum tnum_subreg(Tnum a) {
    return tnum_cast(a, 4);
}

Tnum tnum_with_subreg(Tnum a, Tnum low) {
    constexpr std::uint64_t kHigh = 0xffffffff00000000ULL;
    return Tnum{(a.value & kHigh) | (low.value & ~kHigh), (a.mask & kHigh) | (low.mask & ~kHigh)};
}

namespace {
std::uint64_t reverse_bytes(std::uint64_t x, unsigned bytes) {
    std::uint64_t out = 0;
    for (unsigned i = 0; i < bytes; ++i) {
        out = (out << 8) | ((x >> (8 * i)) & 0xff);
    }
    return out;
}
}  // namespace

Tnum tnum_bswap(Tnum a, unsigned bytes) {
    return Tnum{reverse_bytes(a.value, bytes), reverse_bytes(a.mask, bytes)};
}

Tnum tnum_sign_extend(Tnum a, unsigned bits) {
    if (bits >= 64) {
        return a;
    }
    const unsigned shift = 64 - bits;
    return Tnum{static_cast<std::uint64_t>(static_cast<std::int64_t>(a.value << shift) >> shift),
                static_cast<std::uint64_t>(static_cast<std::int64_t>(a.mask << shift) >> shift)};
}

}  // namespace bpfcheck::domains
