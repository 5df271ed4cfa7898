// Scalar lattice operations and reduction. The deductions between views are
// the kernel's (__update_reg_bounds, __reg_deduce_bounds, __reg_bound_offset
// in kernel/bpf/verifier.c); each keeps every concrete value:
//  - a tnum bounds the value from below by its known ones and from above by
//    its known-or-unknown bits;
//  - an unsigned range that does not cross the sign boundary is also a signed
//    range, and a signed range of one sign is also an unsigned range;
//  - a 64-bit range whose upper 32 bits are fixed bounds the low 32 bits, and
//    the low 32 bits' bounds tighten a 64-bit bound with the same upper half.
#include "domains/scalar.hpp"

#include <fmt/format.h>
#include <algorithm>

namespace bpfcheck::domains {
namespace {

constexpr std::int64_t kS64Min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kS64Max = std::numeric_limits<std::int64_t>::max();
constexpr std::uint64_t kU64Max = std::numeric_limits<std::uint64_t>::max();
constexpr std::int32_t kS32Min = std::numeric_limits<std::int32_t>::min();
constexpr std::int32_t kS32Max = std::numeric_limits<std::int32_t>::max();
constexpr std::uint32_t kU32Max = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint64_t kLow32 = 0xffffffffULL;

template <typename T>
bool fits(std::int64_t t) {
    if constexpr (std::numeric_limits<T>::is_signed) {
        return t >= static_cast<std::int64_t>(std::numeric_limits<T>::min()) &&
               t <= static_cast<std::int64_t>(std::numeric_limits<T>::max());
    } else {
        return t >= 0 && static_cast<std::uint64_t>(t) <= static_cast<std::uint64_t>(std::numeric_limits<T>::max());
    }
}

// A lower bound that decreased jumps to the greatest threshold below it.
template <typename T>
T widen_min(T old_min, T new_min, std::span<const std::int64_t> thresholds) {
    if (new_min >= old_min) {
        return old_min;
    }
    T best = std::numeric_limits<T>::min();
    for (const std::int64_t t : thresholds) {
        if (fits<T>(t) && static_cast<T>(t) <= new_min && static_cast<T>(t) > best) {
            best = static_cast<T>(t);
        }
    }
    return best;
}

// An upper bound that increased jumps to the least threshold above it.
template <typename T>
T widen_max(T old_max, T new_max, std::span<const std::int64_t> thresholds) {
    if (new_max <= old_max) {
        return old_max;
    }
    T best = std::numeric_limits<T>::max();
    for (const std::int64_t t : thresholds) {
        if (fits<T>(t) && static_cast<T>(t) >= new_max && static_cast<T>(t) < best) {
            best = static_cast<T>(t);
        }
    }
    return best;
}

}  // namespace

Scalar::Scalar()
    : smin(kS64Min),
      smax(kS64Max),
      umin(0),
      umax(kU64Max),
      s32min(kS32Min),
      s32max(kS32Max),
      u32min(0),
      u32max(kU32Max),
      bits(Tnum::unknown()) {}

Scalar Scalar::top() {
    return Scalar();
}

Scalar Scalar::bottom() {
    Scalar s;
    s.set_bottom();
    return s;
}

Scalar Scalar::constant(std::uint64_t value) {
    // What reduce() makes of a constant tnum, written out: every view is
    // the one value (constants are the most common scalars by far).
    Scalar s;
    s.bits = Tnum::constant(value);
    s.umin = value;
    s.umax = value;
    s.smin = static_cast<std::int64_t>(value);
    s.smax = static_cast<std::int64_t>(value);
    s.u32min = static_cast<std::uint32_t>(value);
    s.u32max = static_cast<std::uint32_t>(value);
    s.s32min = static_cast<std::int32_t>(static_cast<std::uint32_t>(value));
    s.s32max = static_cast<std::int32_t>(static_cast<std::uint32_t>(value));
    return s;
}

Scalar Scalar::unsigned_range(std::uint64_t min, std::uint64_t max) {
    Scalar s;
    s.umin = min;
    s.umax = max;
    s.reduce();
    return s;
}

Scalar Scalar::signed_range(std::int64_t min, std::int64_t max) {
    Scalar s;
    s.smin = min;
    s.smax = max;
    s.reduce();
    return s;
}

Scalar Scalar::from_tnum(Tnum t) {
    Scalar s;
    s.bits = t;
    s.reduce();
    return s;
}

void Scalar::set_bottom() {
    m_bottom = true;
    smin = kS64Max;
    smax = kS64Min;
    umin = kU64Max;
    umax = 0;
    s32min = kS32Max;
    s32max = kS32Min;
    u32min = kU32Max;
    u32max = 0;
    bits = Tnum::unknown();
}

bool Scalar::is_top() const {
    return !m_bottom && smin == kS64Min && smax == kS64Max && umin == 0 && umax == kU64Max && s32min == kS32Min &&
           s32max == kS32Max && u32min == 0 && u32max == kU32Max && bits.is_unknown();
}

bool Scalar::empty_bounds() const {
    return smin > smax || umin > umax || s32min > s32max || u32min > u32max;
}

bool Scalar::leq(const Scalar& other) const {
    if (m_bottom) {
        return true;
    }
    if (other.m_bottom) {
        return false;
    }
    return other.smin <= smin && smax <= other.smax && other.umin <= umin && umax <= other.umax &&
           other.s32min <= s32min && s32max <= other.s32max && other.u32min <= u32min && u32max <= other.u32max &&
           other.bits.includes(bits);
}

void Scalar::join_with(const Scalar& other) {
    if (other.m_bottom) {
        return;
    }
    if (m_bottom) {
        *this = other;
        return;
    }
    if (*this == other) {
        return;  // most joined values are equal on both sides (a spill no path changed)
    }
    smin = std::min(smin, other.smin);
    smax = std::max(smax, other.smax);
    umin = std::min(umin, other.umin);
    umax = std::max(umax, other.umax);
    s32min = std::min(s32min, other.s32min);
    s32max = std::max(s32max, other.s32max);
    u32min = std::min(u32min, other.u32min);
    u32max = std::max(u32max, other.u32max);
    bits = tnum_union(bits, other.bits);
    reduce();
}

void Scalar::meet_with(const Scalar& other) {
    if (m_bottom) {
        return;
    }
    if (other.m_bottom) {
        set_bottom();
        return;
    }
    smin = std::max(smin, other.smin);
    smax = std::min(smax, other.smax);
    umin = std::max(umin, other.umin);
    umax = std::min(umax, other.umax);
    s32min = std::max(s32min, other.s32min);
    s32max = std::min(s32max, other.s32max);
    u32min = std::max(u32min, other.u32min);
    u32max = std::min(u32max, other.u32max);
    bool conflict = false;
    bits = tnum_intersect(bits, other.bits, &conflict);
    if (conflict) {
        set_bottom();
        return;
    }
    reduce();
}

void Scalar::widen_with(const Scalar& other, std::span<const std::int64_t> thresholds) {
    if (other.m_bottom) {
        return;
    }
    if (m_bottom) {
        *this = other;
        return;
    }
    smin = widen_min(smin, other.smin, thresholds);
    smax = widen_max(smax, other.smax, thresholds);
    umin = widen_min(umin, other.umin, thresholds);
    umax = widen_max(umax, other.umax, thresholds);
    s32min = widen_min(s32min, other.s32min, thresholds);
    s32max = widen_max(s32max, other.s32max, thresholds);
    u32min = widen_min(u32min, other.u32min, thresholds);
    u32max = widen_max(u32max, other.u32max, thresholds);
    bits = tnum_widen(bits, other.bits);
    // No reduce(): it could pull a widened bound back and undo termination.
}

void Scalar::narrow_with(const Scalar& other) {
    if (m_bottom || other.m_bottom) {
        if (other.m_bottom) {
            set_bottom();
        }
        return;
    }
    if (smin == kS64Min)
        smin = other.smin;
    if (smax == kS64Max)
        smax = other.smax;
    if (umin == 0)
        umin = other.umin;
    if (umax == kU64Max)
        umax = other.umax;
    if (s32min == kS32Min)
        s32min = other.s32min;
    if (s32max == kS32Max)
        s32max = other.s32max;
    if (u32min == 0)
        u32min = other.u32min;
    if (u32max == kU32Max)
        u32max = other.u32max;
    bool conflict = false;
    bits = tnum_intersect(bits, other.bits, &conflict);
    if (conflict) {
        set_bottom();
        return;
    }
    reduce();
}

void Scalar::update_bounds_from_tnum() {
    umin = std::max(umin, bits.value);
    umax = std::min(umax, bits.value | bits.mask);
    smin = std::max(smin, static_cast<std::int64_t>(bits.value | (bits.mask & static_cast<std::uint64_t>(kS64Min))));
    smax = std::min(smax, static_cast<std::int64_t>(bits.value | (bits.mask & static_cast<std::uint64_t>(kS64Max))));
    const Tnum low = tnum_subreg(bits);
    u32min = std::max(u32min, static_cast<std::uint32_t>(low.value));
    u32max = std::min(u32max, static_cast<std::uint32_t>(low.value | low.mask));
    s32min =
        std::max(s32min, static_cast<std::int32_t>(static_cast<std::uint32_t>(low.value | (low.mask & 0x80000000ULL))));
    s32max =
        std::min(s32max, static_cast<std::int32_t>(static_cast<std::uint32_t>(low.value | (low.mask & 0x7fffffffULL))));
}

void Scalar::deduce_signs() {
    if (static_cast<std::int64_t>(umin) <= static_cast<std::int64_t>(umax)) {
        smin = std::max(smin, static_cast<std::int64_t>(umin));
        smax = std::min(smax, static_cast<std::int64_t>(umax));
    }
    if (static_cast<std::uint64_t>(smin) <= static_cast<std::uint64_t>(smax)) {
        umin = std::max(umin, static_cast<std::uint64_t>(smin));
        umax = std::min(umax, static_cast<std::uint64_t>(smax));
    } else if (umax < static_cast<std::uint64_t>(smin)) {
        // The signed range crosses the sign boundary and the unsigned range
        // meets only its non-negative end (__reg64_deduce_bounds).
        smin = static_cast<std::int64_t>(umin);
        umax = std::min(umax, static_cast<std::uint64_t>(smax));
    } else if (static_cast<std::uint64_t>(smax) < umin) {
        // ... or only its negative end.
        smax = static_cast<std::int64_t>(umax);
        umin = std::max(umin, static_cast<std::uint64_t>(smin));
    }
    if (static_cast<std::int32_t>(u32min) <= static_cast<std::int32_t>(u32max)) {
        s32min = std::max(s32min, static_cast<std::int32_t>(u32min));
        s32max = std::min(s32max, static_cast<std::int32_t>(u32max));
    }
    if (static_cast<std::uint32_t>(s32min) <= static_cast<std::uint32_t>(s32max)) {
        u32min = std::max(u32min, static_cast<std::uint32_t>(s32min));
        u32max = std::min(u32max, static_cast<std::uint32_t>(s32max));
    } else if (u32max < static_cast<std::uint32_t>(s32min)) {
        // The same two cases for the subregister (__reg32_deduce_bounds).
        s32min = static_cast<std::int32_t>(u32min);
        u32max = std::min(u32max, static_cast<std::uint32_t>(s32max));
    } else if (static_cast<std::uint32_t>(s32max) < u32min) {
        s32max = static_cast<std::int32_t>(u32max);
        u32min = std::max(u32min, static_cast<std::uint32_t>(s32min));
    }
}

void Scalar::deduce_32_from_64() {
    if ((umin >> 32) == (umax >> 32)) {
        const auto lo = static_cast<std::uint32_t>(umin);
        const auto hi = static_cast<std::uint32_t>(umax);
        u32min = std::max(u32min, lo);
        u32max = std::min(u32max, hi);
        if (static_cast<std::int32_t>(lo) <= static_cast<std::int32_t>(hi)) {
            s32min = std::max(s32min, static_cast<std::int32_t>(lo));
            s32max = std::min(s32max, static_cast<std::int32_t>(hi));
        }
    }
    if ((smin >> 32) == (smax >> 32)) {
        const auto lo = static_cast<std::uint32_t>(static_cast<std::uint64_t>(smin));
        const auto hi = static_cast<std::uint32_t>(static_cast<std::uint64_t>(smax));
        if (lo <= hi) {
            u32min = std::max(u32min, lo);
            u32max = std::min(u32max, hi);
        }
        if (static_cast<std::int32_t>(lo) <= static_cast<std::int32_t>(hi)) {
            s32min = std::max(s32min, static_cast<std::int32_t>(lo));
            s32max = std::min(s32max, static_cast<std::int32_t>(hi));
        }
    }
    // The upper halves two consecutive numbers (0xffffffff then 0 too) and
    // the lower halves going from a negative s32 to a non-negative one: the
    // low 32 bits still form the s32 range between them (the kernel's
    // __reg32_deduce_bounds). A 32-bit subtraction of two u16 values
    // computed in 64 bits is [-65535, 65535]: its s32 view keeps that range,
    // and a later `w s< 0` test then bounds it.
    const auto crosses = [](std::uint64_t low, std::uint64_t high) {
        return static_cast<std::uint32_t>(low >> 32) + 1U == static_cast<std::uint32_t>(high >> 32) &&
               static_cast<std::int32_t>(low) < 0 && static_cast<std::int32_t>(high) >= 0;
    };
    if (crosses(umin, umax)) {
        s32min = std::max(s32min, static_cast<std::int32_t>(umin));
        s32max = std::min(s32max, static_cast<std::int32_t>(umax));
    }
    const auto sminu = static_cast<std::uint64_t>(smin);
    const auto smaxu = static_cast<std::uint64_t>(smax);
    if (crosses(sminu, smaxu)) {
        s32min = std::max(s32min, static_cast<std::int32_t>(sminu));
        s32max = std::min(s32max, static_cast<std::int32_t>(smaxu));
    }
}

void Scalar::deduce_64_from_32() {
    const std::uint64_t new_umin = (umin & ~kLow32) | u32min;
    const std::uint64_t new_umax = (umax & ~kLow32) | u32max;
    umin = std::max(umin, new_umin);
    umax = std::min(umax, new_umax);
    const auto new_smin = static_cast<std::int64_t>((static_cast<std::uint64_t>(smin) & ~kLow32) | u32min);
    const auto new_smax = static_cast<std::int64_t>((static_cast<std::uint64_t>(smax) & ~kLow32) | u32max);
    smin = std::max(smin, new_smin);
    smax = std::min(smax, new_smax);
}

void Scalar::tnum_from_bounds() {
    bool conflict = false;
    bits = tnum_intersect(bits, Tnum::range(umin, umax), &conflict);
    if (conflict) {
        set_bottom();
        return;
    }
    const Tnum low = tnum_intersect(tnum_subreg(bits), Tnum::range(u32min, u32max), &conflict);
    if (conflict) {
        set_bottom();
        return;
    }
    bits = tnum_with_subreg(bits, low);
}

// Whether reduce() would leave this scalar as it is, for the two shapes
// most registers hold: a constant whose views are all that constant, and
// the unknown number (every view unbounded). Each is a fixpoint of every
// deduction below, so skipping the rounds changes nothing.
bool Scalar::trivially_reduced() const {
    if (bits.is_constant()) {
        const std::uint64_t v = bits.value;
        return umin == v && umax == v && smin == static_cast<std::int64_t>(v) && smax == static_cast<std::int64_t>(v) &&
               u32min == static_cast<std::uint32_t>(v) && u32max == static_cast<std::uint32_t>(v) &&
               s32min == static_cast<std::int32_t>(static_cast<std::uint32_t>(v)) &&
               s32max == static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
    }
    return bits.is_unknown() && is_top();
}

void Scalar::reduce() {
    if (m_bottom || trivially_reduced()) {
        return;
    }
    for (int round = 0; round < 4; ++round) {
        const Scalar before = *this;
        if (empty_bounds()) {
            set_bottom();
            return;
        }
        update_bounds_from_tnum();
        deduce_32_from_64();
        deduce_signs();
        deduce_64_from_32();
        deduce_signs();
        if (empty_bounds()) {
            set_bottom();
            return;
        }
        tnum_from_bounds();
        if (m_bottom) {
            return;
        }
        if (*this == before) {
            break;
        }
    }
    if (empty_bounds()) {
        set_bottom();
    }
}

bool Scalar::contains(std::uint64_t x) const {
    if (m_bottom) {
        return false;
    }
    const auto sx = static_cast<std::int64_t>(x);
    const auto x32 = static_cast<std::uint32_t>(x);
    const auto sx32 = static_cast<std::int32_t>(x32);
    return umin <= x && x <= umax && smin <= sx && sx <= smax && u32min <= x32 && x32 <= u32max && s32min <= sx32 &&
           sx32 <= s32max && bits.contains(x);
}

// Whether deduce_signs() leaves the subregister's views as they are.
bool Scalar::subreg_signs_agree() const {
    const auto su_min = static_cast<std::int32_t>(u32min);
    const auto su_max = static_cast<std::int32_t>(u32max);
    const auto us_min = static_cast<std::uint32_t>(s32min);
    const auto us_max = static_cast<std::uint32_t>(s32max);
    return (su_min > su_max || (s32min >= su_min && s32max <= su_max)) &&
           (us_min > us_max || (u32min >= us_min && u32max <= us_max));
}

Scalar Scalar::zero_extended_subreg() const {
    if (m_bottom) {
        return *this;
    }
    // A scalar below 2^32 whose views agree and whose bounds and tnum hold
    // each other (every step of reduce() leaves it as it is) is its own zero
    // extension: ALU32 code asks this three times per instruction. Any other
    // (a widened bound is left unreduced) takes the general path.
    if (umax <= kU32Max && umin == u32min && umax == u32max && smin == static_cast<std::int64_t>(umin) &&
        smax == static_cast<std::int64_t>(umax) && umin >= bits.value && umax <= (bits.value | bits.mask) &&
        subreg_signs_agree()) {
        bool conflict = false;
        if (tnum_intersect(bits, Tnum::range(umin, umax), &conflict) == bits && !conflict) {
            return *this;
        }
    }
    Scalar s;
    s.umin = u32min;
    s.umax = u32max;
    // The low 32 bits are unchanged: their own bounds still hold (the
    // kernel's zext_32_to_64 keeps s32_min/s32_max).
    s.u32min = u32min;
    s.u32max = u32max;
    s.s32min = s32min;
    s.s32max = s32max;
    s.bits = tnum_subreg(bits);
    s.reduce();
    return s;
}

Scalar Scalar::sign_extended_subreg() const {
    if (m_bottom) {
        return *this;
    }
    Scalar s;
    s.smin = s32min;
    s.smax = s32max;
    s.bits = tnum_sign_extend(tnum_subreg(bits), 32);
    s.reduce();
    return s;
}

std::string Scalar::to_string() const {
    if (m_bottom) {
        return "⊥";
    }
    if (const auto c = as_constant()) {
        const auto s = static_cast<std::int64_t>(*c);
        return s < 0 && s > -4096 ? fmt::format("{}", s) : fmt::format("{}", *c);
    }
    std::string out;
    auto add = [&](const std::string& part) { out += (out.empty() ? "" : ",") + part; };
    if (smin != kS64Min)
        add(fmt::format("smin={}", smin));
    if (smax != kS64Max)
        add(fmt::format("smax={}", smax));
    if (umin != 0)
        add(fmt::format("umin={}", umin));
    if (umax != kU64Max)
        add(fmt::format("umax={}", umax));
    if (s32min != kS32Min && static_cast<std::int64_t>(s32min) != smin)
        add(fmt::format("smin32={}", s32min));
    if (s32max != kS32Max && static_cast<std::int64_t>(s32max) != smax)
        add(fmt::format("smax32={}", s32max));
    if (u32min != 0 && u32min != umin)
        add(fmt::format("umin32={}", u32min));
    if (u32max != kU32Max && u32max != umax)
        add(fmt::format("umax32={}", u32max));
    if (!bits.is_unknown() && bits.mask != 0)
        add(fmt::format("var_off={}", bits.to_string()));
    return out.empty() ? "scalar" : fmt::format("scalar({})", out);
}

}  // namespace bpfcheck::domains
