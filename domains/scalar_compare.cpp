// Refinement by comparison: each order bounds one side by the other's
// extreme on the view the comparison reads (u64, s64, u32 or s32), then
// reduce() spreads the gain to the other views. 32-bit comparisons refine the
// subregister views only.
#include "domains/scalar_compare.hpp"

#include <algorithm>
#include <limits>

namespace bpfcheck::domains {
namespace {

template <typename T>
struct Bounds {
    T min;
    T max;
};

template <typename T>
Bounds<T> get(const Scalar& s);
template <>
Bounds<std::uint64_t> get(const Scalar& s) {
    return {s.umin, s.umax};
}
template <>
Bounds<std::int64_t> get(const Scalar& s) {
    return {s.smin, s.smax};
}
template <>
Bounds<std::uint32_t> get(const Scalar& s) {
    return {s.u32min, s.u32max};
}
template <>
Bounds<std::int32_t> get(const Scalar& s) {
    return {s.s32min, s.s32max};
}

template <typename T>
void set(Scalar& s, Bounds<T> b);
template <>
void set(Scalar& s, Bounds<std::uint64_t> b) {
    s.umin = b.min;
    s.umax = b.max;
}
template <>
void set(Scalar& s, Bounds<std::int64_t> b) {
    s.smin = b.min;
    s.smax = b.max;
}
template <>
void set(Scalar& s, Bounds<std::uint32_t> b) {
    s.u32min = b.min;
    s.u32max = b.max;
}
template <>
void set(Scalar& s, Bounds<std::int32_t> b) {
    s.s32min = b.min;
    s.s32max = b.max;
}

// a < b (strict) or a <= b on the view T.
template <typename T>
void refine_less(Scalar& a, Scalar& b, bool strict) {
    Bounds<T> x = get<T>(a);
    Bounds<T> y = get<T>(b);
    if (strict) {
        if (y.max == std::numeric_limits<T>::min() || x.min == std::numeric_limits<T>::max()) {
            a = Scalar::bottom();
            b = Scalar::bottom();
            return;
        }
        x.max = std::min<T>(x.max, static_cast<T>(y.max - 1));
        y.min = std::max<T>(y.min, static_cast<T>(x.min + 1));
    } else {
        x.max = std::min(x.max, y.max);
        y.min = std::max(y.min, x.min);
    }
    set<T>(a, x);
    set<T>(b, y);
}

void refine_order(Comparison c, bool is32, Scalar& a, Scalar& b) {
    // Normalise to a (<|<=) b on the right view.
    switch (c) {
        case Comparison::Lt:
            is32 ? refine_less<std::uint32_t>(a, b, true) : refine_less<std::uint64_t>(a, b, true);
            break;
        case Comparison::Le:
            is32 ? refine_less<std::uint32_t>(a, b, false) : refine_less<std::uint64_t>(a, b, false);
            break;
        case Comparison::Gt:
            is32 ? refine_less<std::uint32_t>(b, a, true) : refine_less<std::uint64_t>(b, a, true);
            break;
        case Comparison::Ge:
            is32 ? refine_less<std::uint32_t>(b, a, false) : refine_less<std::uint64_t>(b, a, false);
            break;
        case Comparison::SLt:
            is32 ? refine_less<std::int32_t>(a, b, true) : refine_less<std::int64_t>(a, b, true);
            break;
        case Comparison::SLe:
            is32 ? refine_less<std::int32_t>(a, b, false) : refine_less<std::int64_t>(a, b, false);
            break;
        case Comparison::SGt:
            is32 ? refine_less<std::int32_t>(b, a, true) : refine_less<std::int64_t>(b, a, true);
            break;
        case Comparison::SGe:
            is32 ? refine_less<std::int32_t>(b, a, false) : refine_less<std::int64_t>(b, a, false);
            break;
        default:
            break;
    }
}

// Removes `value` from an endpoint of a's bounds (a != value).
void exclude(Scalar& a, const Scalar& b, bool is32) {
    const auto c = b.as_constant();
    if (!c) {
        return;
    }
    if (is32) {
        const auto v = static_cast<std::uint32_t>(*c);
        if (a.u32min == v && a.u32min < a.u32max)
            ++a.u32min;
        else if (a.u32max == v && a.u32max > a.u32min)
            --a.u32max;
        else if (a.u32min == v && a.u32max == v)
            a = Scalar::bottom();
        const auto sv = static_cast<std::int32_t>(v);
        if (!a.is_bottom()) {
            if (a.s32min == sv && a.s32min < a.s32max)
                ++a.s32min;
            else if (a.s32max == sv && a.s32max > a.s32min)
                --a.s32max;
        }
        return;
    }
    if (a.umin == *c && a.umax == *c) {
        a = Scalar::bottom();
        return;
    }
    if (a.umin == *c)
        ++a.umin;
    else if (a.umax == *c)
        --a.umax;
    const auto sv = static_cast<std::int64_t>(*c);
    if (a.smin == sv && a.smin < a.smax)
        ++a.smin;
    else if (a.smax == sv && a.smax > a.smin)
        --a.smax;
}

// For 32-bit equality the subregisters meet; the upper halves are untouched.
void meet_low_halves(Scalar& a, Scalar& b) {
    Scalar low_a = a.zero_extended_subreg();
    const Scalar low_b = b.zero_extended_subreg();
    low_a.meet_with(low_b);
    if (low_a.is_bottom()) {
        a = Scalar::bottom();
        b = Scalar::bottom();
        return;
    }
    for (Scalar* side : {&a, &b}) {
        side->u32min = std::max(side->u32min, low_a.u32min);
        side->u32max = std::min(side->u32max, low_a.u32max);
        side->s32min = std::max(side->s32min, low_a.s32min);
        side->s32max = std::min(side->s32max, low_a.s32max);
        side->bits = tnum_with_subreg(side->bits, tnum_intersect(tnum_subreg(side->bits), tnum_subreg(low_a.bits)));
    }
}

}  // namespace

Comparison negate(Comparison c) {
    switch (c) {
        case Comparison::Eq:
            return Comparison::Ne;
        case Comparison::Ne:
            return Comparison::Eq;
        case Comparison::Gt:
            return Comparison::Le;
        case Comparison::Ge:
            return Comparison::Lt;
        case Comparison::Lt:
            return Comparison::Ge;
        case Comparison::Le:
            return Comparison::Gt;
        case Comparison::SGt:
            return Comparison::SLe;
        case Comparison::SGe:
            return Comparison::SLt;
        case Comparison::SLt:
            return Comparison::SGe;
        case Comparison::SLe:
            return Comparison::SGt;
        case Comparison::Set:
            return Comparison::NotSet;
        case Comparison::NotSet:
            return Comparison::Set;
    }
    return c;
}

Comparison mirror(Comparison c) {
    switch (c) {
        case Comparison::Gt:
            return Comparison::Lt;
        case Comparison::Ge:
            return Comparison::Le;
        case Comparison::Lt:
            return Comparison::Gt;
        case Comparison::Le:
            return Comparison::Ge;
        case Comparison::SGt:
            return Comparison::SLt;
        case Comparison::SGe:
            return Comparison::SLe;
        case Comparison::SLt:
            return Comparison::SGt;
        case Comparison::SLe:
            return Comparison::SGe;
        default:
            return c;
    }
}

std::pair<Scalar, Scalar> refine(Comparison c, bool is32, const Scalar& a_in, const Scalar& b_in) {
    Scalar a = a_in;
    Scalar b = b_in;
    if (a.is_bottom() || b.is_bottom()) {
        return {Scalar::bottom(), Scalar::bottom()};
    }
    switch (c) {
        case Comparison::Eq:
            if (is32) {
                meet_low_halves(a, b);
            } else {
                a.meet_with(b);
                b = a;
            }
            break;
        case Comparison::Ne:
            exclude(a, b, is32);
            if (!a.is_bottom()) {
                exclude(b, a, is32);
            }
            break;
        case Comparison::Set:
            if (const auto mask = b.as_constant(); mask && (is32 ? (*mask & 0xffffffffULL) : *mask) != 0) {
                const std::uint64_t m = is32 ? (*mask & 0xffffffffULL) : *mask;
                if ((a.bits.value & m) == 0 && (a.bits.mask & m) == 0) {
                    a = Scalar::bottom();  // no bit of the mask can be set
                } else if ((m & (m - 1)) == 0) {
                    a.bits = Tnum{a.bits.value | m, a.bits.mask & ~m};  // the single bit is set
                }
            }
            break;
        case Comparison::NotSet:
            if (const auto mask = b.as_constant()) {
                const std::uint64_t m = is32 ? (*mask & 0xffffffffULL) : *mask;
                if ((a.bits.value & m) != 0) {
                    a = Scalar::bottom();
                } else {
                    a.bits = Tnum{a.bits.value, a.bits.mask & ~m};
                }
            }
            break;
        default:
            refine_order(c, is32, a, b);
            break;
    }
    if (a.is_bottom() || b.is_bottom()) {
        return {Scalar::bottom(), Scalar::bottom()};
    }
    a.reduce();
    b.reduce();
    if (a.is_bottom() || b.is_bottom()) {
        return {Scalar::bottom(), Scalar::bottom()};
    }
    return {a, b};
}

int decide(Comparison c, bool is32, const Scalar& a, const Scalar& b) {
    const bool can_hold = !refine(c, is32, a, b).first.is_bottom();
    const bool can_fail = !refine(negate(c), is32, a, b).first.is_bottom();
    if (can_hold && !can_fail) {
        return 1;
    }
    if (!can_hold && can_fail) {
        return 0;
    }
    return -1;
}

}  // namespace bpfcheck::domains
