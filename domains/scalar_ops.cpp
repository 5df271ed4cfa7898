// Scalar ALU transfer functions. Each 64-bit operation computes an unsigned
// range, a signed range and a tnum independently (each sound on its own) and
// lets reduce() combine them. Overflow is detected with the compiler's
// checked-arithmetic builtins; where a range may wrap, that view becomes top.
#include "domains/scalar_ops.hpp"

#include <algorithm>
#include <array>
#include <bit>

namespace bpfcheck::domains {
namespace {

constexpr std::int64_t kS64Min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kS64Max = std::numeric_limits<std::int64_t>::max();
constexpr std::uint64_t kU64Max = std::numeric_limits<std::uint64_t>::max();

struct Views {
    std::uint64_t umin = 0, umax = kU64Max;
    std::int64_t smin = kS64Min, smax = kS64Max;
    Tnum bits = Tnum::unknown();
};

Scalar make(const Views& v) {
    Scalar s = Scalar::top();
    s.umin = v.umin;
    s.umax = v.umax;
    s.smin = v.smin;
    s.smax = v.smax;
    s.bits = v.bits;
    s.reduce();
    return s;
}

Views add(const Scalar& a, const Scalar& b) {
    Views r;
    std::uint64_t lo = 0, hi = 0;
    if (!__builtin_add_overflow(a.umin, b.umin, &lo) && !__builtin_add_overflow(a.umax, b.umax, &hi)) {
        r.umin = lo;
        r.umax = hi;
    }
    std::int64_t slo = 0, shi = 0;
    if (!__builtin_add_overflow(a.smin, b.smin, &slo) && !__builtin_add_overflow(a.smax, b.smax, &shi)) {
        r.smin = slo;
        r.smax = shi;
    }
    r.bits = tnum_add(a.bits, b.bits);
    return r;
}

Views sub(const Scalar& a, const Scalar& b) {
    Views r;
    if (a.umin >= b.umax) {
        r.umin = a.umin - b.umax;
        r.umax = a.umax - b.umin;
    }
    std::int64_t slo = 0, shi = 0;
    if (!__builtin_sub_overflow(a.smin, b.smax, &slo) && !__builtin_sub_overflow(a.smax, b.smin, &shi)) {
        r.smin = slo;
        r.smax = shi;
    }
    r.bits = tnum_sub(a.bits, b.bits);
    return r;
}

Views mul(const Scalar& a, const Scalar& b) {
    Views r;
    std::uint64_t hi = 0;
    if (!__builtin_mul_overflow(a.umax, b.umax, &hi)) {
        r.umin = a.umin * b.umin;
        r.umax = hi;
    }
    const std::array<std::int64_t, 2> as{a.smin, a.smax};
    const std::array<std::int64_t, 2> bs{b.smin, b.smax};
    bool overflow = false;
    std::int64_t lo_s = kS64Max, hi_s = kS64Min;
    for (const std::int64_t x : as) {
        for (const std::int64_t y : bs) {
            std::int64_t p = 0;
            overflow = overflow || __builtin_mul_overflow(x, y, &p);
            lo_s = std::min(lo_s, p);
            hi_s = std::max(hi_s, p);
        }
    }
    if (!overflow) {
        r.smin = lo_s;
        r.smax = hi_s;
    }
    r.bits = tnum_mul(a.bits, b.bits);
    return r;
}

Views udiv(const Scalar& a, const Scalar& b) {
    Views r;
    if (b.umin == 0) {
        r.umin = 0;  // x / 0 == 0
        r.umax = b.umax == 0 ? 0 : a.umax;
    } else {
        r.umin = a.umin / b.umax;
        r.umax = a.umax / b.umin;
    }
    return r;
}

Views umod(const Scalar& a, const Scalar& b) {
    Views r;
    if (b.umin > a.umax) {
        r.umin = a.umin;  // x % y == x when x < y
        r.umax = a.umax;
        r.bits = a.bits;
        return r;
    }
    r.umin = 0;
    r.umax = b.umin == 0 ? a.umax : std::min(a.umax, b.umax - 1);  // x % 0 == x
    return r;
}

std::uint64_t magnitude(std::int64_t x) {
    return x < 0 ? static_cast<std::uint64_t>(-(x + 1)) + 1 : static_cast<std::uint64_t>(x);
}

Views sdiv(const Scalar& a, const Scalar& b) {
    Views r;
    const auto divisor = b.as_constant();
    if (divisor && *divisor != 0 && static_cast<std::int64_t>(*divisor) != -1) {
        const auto d = static_cast<std::int64_t>(*divisor);
        const std::int64_t q1 = a.smin / d;
        const std::int64_t q2 = a.smax / d;
        r.smin = std::min(q1, q2);
        r.smax = std::max(q1, q2);
        return r;
    }
    // |x s/ y| <= |x| for y != 0, and x s/ 0 == 0; INT_MIN s/ -1 == INT_MIN.
    const std::uint64_t m = std::max(magnitude(a.smin), magnitude(a.smax));
    if (m <= static_cast<std::uint64_t>(kS64Max)) {
        r.smin = -static_cast<std::int64_t>(m);
        r.smax = static_cast<std::int64_t>(m);
    }
    return r;
}

Views smod(const Scalar& a, const Scalar& b) {
    Views r;
    // The remainder takes the dividend's sign and |r| <= |x|; x s% 0 == x.
    r.smin = std::min<std::int64_t>(a.smin, 0);
    r.smax = std::max<std::int64_t>(a.smax, 0);
    if (!b.contains(0)) {
        const std::uint64_t m = std::max(magnitude(b.smin), magnitude(b.smax)) - 1;
        if (m <= static_cast<std::uint64_t>(kS64Max)) {
            r.smin = std::max(r.smin, -static_cast<std::int64_t>(m));
            r.smax = std::min(r.smax, static_cast<std::int64_t>(m));
        }
    }
    return r;
}

Views bit_and(const Scalar& a, const Scalar& b) {
    Views r;
    r.bits = tnum_and(a.bits, b.bits);
    r.umin = r.bits.value;
    r.umax = std::min(a.umax, b.umax);
    if (a.smin >= 0 || b.smin >= 0) {
        r.smin = 0;  // a non-negative operand clears the sign bit
        r.smax = static_cast<std::int64_t>(std::min<std::uint64_t>(r.umax, static_cast<std::uint64_t>(kS64Max)));
    }
    return r;
}

Views bit_or(const Scalar& a, const Scalar& b) {
    Views r;
    r.bits = tnum_or(a.bits, b.bits);
    r.umin = std::max(a.umin, b.umin);
    r.umax = r.bits.value | r.bits.mask;
    return r;
}

Views bit_xor(const Scalar& a, const Scalar& b) {
    Views r;
    r.bits = tnum_xor(a.bits, b.bits);
    r.umin = r.bits.value;
    r.umax = r.bits.value | r.bits.mask;
    return r;
}

// Shift amounts are taken modulo the width by the interpreter and JITs; when
// the amount may reach the width we give up on the result.
Views shift(ArithOp op, const Scalar& a, const Scalar& b, unsigned width) {
    Views r;
    if (b.umax >= width) {
        return r;
    }
    const auto lo = static_cast<unsigned>(b.umin);
    const auto hi = static_cast<unsigned>(b.umax);
    const auto amount = b.as_constant();
    if (op == ArithOp::Lsh) {
        if (a.umax <= (kU64Max >> hi)) {
            r.umin = a.umin << lo;
            r.umax = a.umax << hi;
        }
        // x << 32 keeps x's low half in the high half: as a signed 64-bit
        // number it is (s32)x * 2^32, so the s32 bounds give the s64 ones
        // (the kernel's __scalar64_min_max_lsh special case, which sign-
        // extending `r <<= 32; r s>>= 32` relies on).
        if (width == 64 && amount && *amount == 32) {
            r.smin = static_cast<std::int64_t>(a.s32min) * (std::int64_t{1} << 32);
            r.smax = static_cast<std::int64_t>(a.s32max) * (std::int64_t{1} << 32);
        }
        if (amount) {
            r.bits = tnum_lshift(a.bits, lo);
        } else {
            r.bits = Tnum{0, kU64Max << lo};  // at least `lo` zero bits at the bottom
        }
    } else if (op == ArithOp::Rsh) {
        r.umin = a.umin >> hi;
        r.umax = a.umax >> lo;
        r.bits = amount ? tnum_rshift(a.bits, lo) : Tnum{0, lo == 0 ? kU64Max : (kU64Max >> lo)};
    } else {
        r.smin = a.smin >= 0 ? (a.smin >> hi) : (a.smin >> lo);
        r.smax = a.smax >= 0 ? (a.smax >> lo) : (a.smax >> hi);
        if (amount) {
            r.bits = tnum_arshift(a.bits, lo, false);
        }
    }
    return r;
}

Scalar binary64(ArithOp op, const Scalar& a, const Scalar& b, unsigned shift_width) {
    switch (op) {
        case ArithOp::Add:
            return make(add(a, b));
        case ArithOp::Sub:
            return make(sub(a, b));
        case ArithOp::Mul:
            return make(mul(a, b));
        case ArithOp::Div:
            return make(udiv(a, b));
        case ArithOp::SDiv:
            return make(sdiv(a, b));
        case ArithOp::Mod:
            return make(umod(a, b));
        case ArithOp::SMod:
            return make(smod(a, b));
        case ArithOp::And:
            return make(bit_and(a, b));
        case ArithOp::Or:
            return make(bit_or(a, b));
        case ArithOp::Xor:
            return make(bit_xor(a, b));
        case ArithOp::Lsh:
        case ArithOp::Rsh:
        case ArithOp::Arsh:
            return make(shift(op, a, b, shift_width));
    }
    return Scalar::top();
}

bool is_signed_op(ArithOp op) {
    return op == ArithOp::SDiv || op == ArithOp::SMod || op == ArithOp::Arsh;
}

// A cheap hash of the words that tell scalars apart (the table compares
// the whole scalar on a hit, so this only has to spread them).
std::uint64_t hash_scalar(std::uint64_t h, const Scalar& s) {
    const std::uint64_t words = s.umin ^ std::rotl(s.umax, 13) ^ std::rotl(static_cast<std::uint64_t>(s.smin), 27) ^
                                std::rotl(static_cast<std::uint64_t>(s.smax), 41) ^ std::rotl(s.bits.mask, 7) ^
                                std::rotl(s.bits.value, 53) ^ (std::uint64_t{s.u32max} << 32) ^
                                static_cast<std::uint32_t>(s.s32min);
    return (h ^ words) * 0x9e3779b97f4a7c15ULL;
}

// The results of recent operations, by their operands. A program's
// partitions run the same instructions on mostly the same values (a hash
// over unknown 32-bit words is computed once per partition), so most
// operations were computed before; each result is the same function of its
// operands, so a hit answers exactly what computing would. One table per
// thread (programs are analysed in parallel), direct-mapped.
class BinaryMemo {
public:
    template <typename Compute>
    Scalar lookup(ArithOp op, const Scalar& a, const Scalar& b, bool is64, Compute&& compute) {
        const std::uint64_t h =
            hash_scalar(hash_scalar((static_cast<std::uint64_t>(op) << 1) | (is64 ? 1U : 0U), a), b);
        Entry& e = m_entries[(h >> 40) & (kEntries - 1)];
        if (e.valid && e.op == op && e.is64 == is64 && e.a == a && e.b == b) {
            return e.result;
        }
        e.result = compute();
        e.a = a;
        e.b = b;
        e.op = op;
        e.is64 = is64;
        e.valid = true;
        return e.result;
    }

private:
    static constexpr std::size_t kEntries = 1024;
    struct Entry {
        Scalar a = Scalar::top();
        Scalar b = Scalar::top();
        Scalar result = Scalar::top();
        ArithOp op = ArithOp::Add;
        bool is64 = false;
        bool valid = false;
    };
    std::array<Entry, kEntries> m_entries{};
};

Scalar compute_binary(ArithOp op, const Scalar& a, const Scalar& b, bool is64) {
    if (is64) {
        return binary64(op, a, b, 64);
    }
    const bool sign = is_signed_op(op);
    const Scalar a32 = sign ? a.sign_extended_subreg() : a.zero_extended_subreg();
    // Shift amounts and divisors are read as 32-bit values in ALU32.
    const Scalar b32 =
        (op == ArithOp::SDiv || op == ArithOp::SMod) ? b.sign_extended_subreg() : b.zero_extended_subreg();
    return binary64(op, a32, b32, 32).zero_extended_subreg();
}

}  // namespace

Scalar scalar_binary(ArithOp op, const Scalar& a, const Scalar& b, bool is64) {
    if (a.is_bottom() || b.is_bottom()) {
        return Scalar::bottom();
    }
    thread_local BinaryMemo memo;
    return memo.lookup(op, a, b, is64, [&] { return compute_binary(op, a, b, is64); });
}

Scalar scalar_neg(const Scalar& a, bool is64) {
    return scalar_binary(ArithOp::Sub, Scalar::constant(0), a, is64);
}

Scalar scalar_truncate(const Scalar& a, unsigned bits) {
    if (a.is_bottom() || bits >= 64) {
        return a;
    }
    if (bits == 32) {
        return a.zero_extended_subreg();
    }
    const std::uint64_t max = (1ULL << bits) - 1;
    Scalar r = Scalar::from_tnum(tnum_cast(a.bits, bits / 8));
    if ((a.umin >> bits) == (a.umax >> bits)) {
        r.meet_with(Scalar::unsigned_range(a.umin & max, a.umax & max));
    } else {
        r.meet_with(Scalar::unsigned_range(0, max));
    }
    return r;
}

Scalar scalar_sign_extend(const Scalar& a, unsigned bits, bool is64) {
    if (a.is_bottom()) {
        return a;
    }
    const Scalar low = scalar_truncate(a, bits);
    const std::uint64_t sign = 1ULL << (bits - 1);
    const std::uint64_t span = bits >= 64 ? 0 : (1ULL << bits);
    Scalar r = Scalar::from_tnum(tnum_sign_extend(tnum_cast(a.bits, bits / 8), bits));
    if (low.umax < sign) {
        r.meet_with(Scalar::unsigned_range(low.umin, low.umax));
    } else if (low.umin >= sign) {
        r.meet_with(Scalar::signed_range(static_cast<std::int64_t>(low.umin - span),
                                         static_cast<std::int64_t>(low.umax - span)));
    } else {
        r.meet_with(Scalar::signed_range(-static_cast<std::int64_t>(sign), static_cast<std::int64_t>(sign - 1)));
    }
    return is64 ? r : r.zero_extended_subreg();
}

Scalar scalar_bswap(const Scalar& a, unsigned bits) {
    if (a.is_bottom()) {
        return a;
    }
    return Scalar::from_tnum(tnum_bswap(a.bits, bits / 8));
}

}  // namespace bpfcheck::domains
