// The domains under the law suite (law_test.cpp), each described by a
// `Lattice<D>`: random elements, random concrete members of an element, the
// membership test (γ), and the lattice operations. Members of values and
// stacks are the interpreter's concrete values (interp/concrete.hpp), tested
// with the oracle's containment, so the laws and the oracle agree on γ.
#pragma once

#include "domains/stack.hpp"
#include "domains/zone.hpp"
#include "interp/concrete.hpp"
#include "oracle/containment.hpp"
#include "sampling.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace bpfcheck::test {

template <typename D>
struct Lattice;

template <>
struct Lattice<domains::Tnum> {
    using T = domains::Tnum;
    static constexpr int kSamples = 20000;
    static constexpr int kMaxWideningSteps = 66;  // one per bit at most
    static T random(Rng& rng) {
        const std::uint64_t mask = rng() % 3 == 0 ? edgy_value(rng) : (rng() & rng() & rng());
        return T{edgy_value(rng) & ~mask, mask};
    }
    static std::optional<std::uint64_t> member(const T& t, Rng& rng) { return t.value | (edgy_value(rng) & t.mask); }
    static bool contains(const T& t, std::uint64_t x) { return t.contains(x); }
    static bool leq(const T& a, const T& b) { return b.includes(a); }
    static T top() { return T::unknown(); }
    static std::optional<T> bottom() { return std::nullopt; }
    static T join(const T& a, const T& b) { return domains::tnum_union(a, b); }
    static std::optional<T> meet(const T& a, const T& b) {
        bool conflict = false;
        const T m = domains::tnum_intersect(a, b, &conflict);
        return conflict ? std::nullopt : std::optional<T>(m);
    }
    static T widen(const T& a, const T& b) { return domains::tnum_widen(a, b); }
    static T narrow(const T& a, const T&) { return a; }  // no narrowing: the identity
    static std::string show(const T& t) { return t.to_string(); }
};

template <>
struct Lattice<domains::Scalar> {
    using T = domains::Scalar;
    static constexpr int kSamples = 20000;
    static constexpr int kMaxWideningSteps = 80;  // bounds jump at once; the tnum may lose a bit per step
    static T random(Rng& rng) { return random_scalar(rng); }
    static std::optional<std::uint64_t> member(const T& s, Rng& rng) { return random_member(s, rng); }
    static bool contains(const T& s, std::uint64_t x) { return s.contains(x); }
    static bool leq(const T& a, const T& b) { return a.leq(b); }
    static T top() { return T::top(); }
    static std::optional<T> bottom() { return T::bottom(); }
    static T join(T a, const T& b) {
        a.join_with(b);
        return a;
    }
    static std::optional<T> meet(T a, const T& b) {
        a.meet_with(b);
        return a.is_bottom() ? std::nullopt : std::optional<T>(a);
    }
    static T widen(T a, const T& b) {
        a.widen_with(b);
        return a;
    }
    static T narrow(T a, const T& b) {
        a.narrow_with(b);
        return a;
    }
    static std::string show(const T& s) { return s.to_string(); }
};

// Sometimes one of the facts a value carries apart from its number (a
// reported fault, a released reference, a stack object marker, an untrusted
// or plain pointer), and for
// numbers sometimes a shared id: the lattice orders and joins them too.
inline domains::Value with_random_identity(domains::Value v, Rng& rng) {
    using domains::SlotMarker;
    if (v.is_scalar() && rng() % 3 == 0) {
        v.set_id(1 + static_cast<std::uint32_t>(rng() % 2));
    }
    switch (rng() % 8) {
        case 0:
            v.set_fault_reported(true);
            break;
        case 1:
            if (rng() % 3 == 0) {
                v.set_error_argument(static_cast<std::uint32_t>(rng() % 2));  // the other origin of a number
            } else {
                v.set_released_from(1 + static_cast<std::uint32_t>(rng() % 2));
            }
            break;
        case 2:
            v.set_marker(rng() % 2 == 0 ? SlotMarker::DynptrFirst : SlotMarker::DynptrSecond);
            break;
        case 3:
            v.set_marker(rng() % 2 == 0 ? SlotMarker::IterFirst : SlotMarker::IterRest,
                         static_cast<std::uint8_t>(rng() % 2));
            break;
        case 4:
            v.set_untrusted(v.is_pointer());  // PTR_UNTRUSTED
            break;
        case 5:
            // plain PTR_TO_BTF_ID: a helper's result, or a program's argument
            if (v.is_pointer() && rng() % 2 == 0) {
                v.set_plain(true);
            } else if (v.is_pointer()) {
                v.set_plain_argument();
            }
            break;
        default:
            break;
    }
    return v;
}

// Pointers into a few regions (stack of frame 0, packet, two maps, the
// context), maybe-null pointers, numbers, uninitialised and unusable values.
inline domains::Value random_plain_value(Rng& rng) {
    using domains::Kind;
    using domains::Value;
    const auto offset = [&] {
        return rng() % 2 == 0 ? domains::Scalar::constant(rng() % 64)
                              : domains::Scalar::unsigned_range(rng() % 32, 32 + rng() % 64);
    };
    switch (rng() % 9) {
        case 0:
            return Value::uninit();
        case 1:
            return Value::any();
        case 2:
        case 3:
            return Value::scalar(random_scalar(rng));
        case 4:
            return Value::constant(0);
        case 5:
            return Value::pointer(Kind::Stack, 0, offset());
        case 6:
            return Value::pointer(Kind::Packet, 0, offset());
        case 7:
            return Value::pointer(rng() % 2 == 0 ? Kind::MapValue : Kind::MapValueOrNull,
                                  static_cast<std::uint32_t>(rng() % 2), offset());
        default:
            return Value::pointer(Kind::Ctx, 0, domains::Scalar::constant(0));
    }
}

inline domains::Value random_value(Rng& rng) {
    return with_random_identity(random_plain_value(rng), rng);
}

inline interp::Region region_of(domains::Kind kind) {
    using domains::Kind;
    switch (domains::non_null_kind(kind)) {
        case Kind::Stack:
            return interp::Region::Stack;
        case Kind::Packet:
            return interp::Region::Packet;
        case Kind::MapValue:
            return interp::Region::MapValue;
        case Kind::Ctx:
            return interp::Region::Ctx;
        default:
            return interp::Region::Uninit;
    }
}

inline std::optional<interp::Cval> value_member(const domains::Value& v, Rng& rng) {
    using domains::Kind;
    if (v.fault_reported() && v.kind() != Kind::Uninit) {
        return std::nullopt;  // no path goes on past a reported fault (Value::only_this_faulted)
    }
    switch (v.kind()) {
        case Kind::Uninit:
            return rng() % 2 == 0 ? interp::Cval::uninit() : interp::Cval::scalar(edgy_value(rng));
        case Kind::Any:
            return interp::Cval::pointer(interp::Region::Stack, 0, static_cast<std::int64_t>(rng() % 512));
        case Kind::Scalar: {
            const auto x = random_member(v.number(), rng);
            return x ? std::optional<interp::Cval>(interp::Cval::scalar(*x)) : std::nullopt;
        }
        default:
            break;
    }
    if (domains::is_nullable(v.kind()) && rng() % 4 == 0) {
        return interp::Cval::scalar(0);
    }
    const auto off = random_member(v.number(), rng);
    if (!off) {
        return std::nullopt;
    }
    std::uint32_t index = v.region();
    if (index == domains::kManyMaps) {
        index = static_cast<std::uint32_t>(__builtin_ctzll(v.region_set()));
    }
    return interp::Cval{region_of(v.kind()), index, *off};
}

template <>
struct Lattice<domains::Value> {
    using T = domains::Value;
    static constexpr int kSamples = 20000;
    static constexpr int kMaxWideningSteps = 82;
    static T random(Rng& rng) { return random_value(rng); }
    static std::optional<interp::Cval> member(const T& v, Rng& rng) { return value_member(v, rng); }
    static bool contains(const T& v, const interp::Cval& x) { return oracle::value_contains(v, x, 1 << 16); }
    static bool leq(const T& a, const T& b) { return a.leq(b); }
    static T top() { return T::uninit(); }  // "anything, maybe unwritten"
    static std::optional<T> bottom() { return std::nullopt; }
    static T join(T a, const T& b) {
        a.join_with(b);
        return a;
    }
    static T widen(T a, const T& b) {
        a.widen_with(b, {});
        return a;
    }
    static T narrow(T a, const T& b) {
        a.narrow_with(b);
        return a;
    }
    static std::string show(const T& v) { return v.to_string(); }
};

template <>
struct Lattice<domains::Stack> {
    using T = domains::Stack;
    static constexpr int kSamples = 3000;
    static constexpr int kMaxWideningSteps = 200;
    // A few stores into the deepest 64 bytes: spills, constants, unknown data.
    static T random(Rng& rng) {
        T s = T::uninitialised();
        const int stores = static_cast<int>(rng() % 6);
        for (int i = 0; i < stores; ++i) {
            const int slot = 56 + static_cast<int>(rng() % 8);
            switch (rng() % 4) {
                case 0:
                    s.store(slot * 8, 8, random_value(rng));
                    break;
                case 1:
                    s.store(slot * 8 + static_cast<int>(rng() % 4), 4, domains::Value::constant(rng() % 3));
                    break;
                case 2:
                    s.store_unknown(slot * 8, 1 + static_cast<int>(rng() % 8));
                    break;
                default:
                    s.store(slot * 8, 8, domains::Value::constant(edgy_value(rng)));
                    break;
            }
        }
        return s;
    }
    static std::optional<interp::ConcreteStack> member(const T& s, Rng& rng) {
        interp::ConcreteStack c;
        for (int i = 0; i < interp::kStackBytes; ++i) {
            const auto at = static_cast<std::size_t>(i);
            switch (s.byte(i)) {
                case domains::StackByte::Invalid:
                    c.written[at] = rng() % 2 == 0;
                    c.bytes[at] = static_cast<std::uint8_t>(rng());
                    break;
                case domains::StackByte::Known:
                    c.written[at] = true;
                    c.bytes[at] = s.known_byte(i);
                    break;
                case domains::StackByte::Misc:
                case domains::StackByte::Spill:
                    c.written[at] = true;
                    c.bytes[at] = static_cast<std::uint8_t>(rng());
                    break;
            }
        }
        bool ok = true;
        s.visit_spills([&](int slot, const domains::Value& v) {
            const auto x = value_member(v, rng);
            if (!x || x->is_uninit()) {
                ok = false;
                return;
            }
            if (x->is_pointer()) {
                c.spills[static_cast<std::size_t>(slot)] = *x;
            } else {
                for (int b = 0; b < 8; ++b) {
                    c.bytes[static_cast<std::size_t>(slot * 8 + b)] = static_cast<std::uint8_t>(x->v >> (8 * b));
                }
            }
        });
        return ok ? std::optional<interp::ConcreteStack>(c) : std::nullopt;
    }
    static bool contains(const T& s, const interp::ConcreteStack& c) { return oracle::stack_contains(s, c, 1 << 16); }
    static bool leq(const T& a, const T& b) { return a.leq(b); }
    static T top() { return T::uninitialised(); }
    static std::optional<T> bottom() { return std::nullopt; }
    static T join(T a, const T& b) {
        a.join_with(b);
        return a;
    }
    static T widen(T a, const T& b) {
        a.widen_with(b, {});
        return a;
    }
    static T narrow(T a, const T&) { return a; }
    static std::string show(const T& s) {
        std::string out;
        for (int i = 448; i < interp::kStackBytes; ++i) {
            out += "ImKS"[static_cast<int>(s.byte(i))];
        }
        s.visit_spills(
            [&](int slot, const domains::Value& v) { out += " [" + std::to_string(slot) + "]=" + v.to_string(); });
        return out;
    }
};

// Zones over the zero variable and four others; a member is an assignment
// of the five (the zero variable holds 0), drawn one variable at a time
// inside the bounds the values drawn so far leave (a closed zone can always
// be extended so).
template <>
struct Lattice<domains::Zone> {
    using T = domains::Zone;
    using Point = std::vector<std::int64_t>;
    static constexpr domains::Zone::Var kVars = 5;
    static constexpr int kSamples = 3000;
    static constexpr int kMaxWideningSteps = 2 * kVars * kVars;  // each step drops a bound
    static T random(Rng& rng) {
        T z = T::top();
        const int count = static_cast<int>(rng() % 6);
        for (int i = 0; i < count; ++i) {
            const auto x = static_cast<domains::Zone::Var>(rng() % kVars);
            const auto y = static_cast<domains::Zone::Var>(rng() % kVars);
            z.add(x, y, static_cast<std::int64_t>(rng() % 17) - 6);
        }
        return z;
    }
    static std::optional<Point> member(const T& z, Rng& rng) {
        if (z.is_bottom()) {
            return std::nullopt;
        }
        Point p(kVars, 0);
        for (domains::Zone::Var v = 1; v < kVars; ++v) {
            std::int64_t lo = -domains::Zone::kInfinity;
            std::int64_t hi = domains::Zone::kInfinity;
            for (domains::Zone::Var y = 0; y < v; ++y) {
                if (const auto c = z.bound(y, v)) {
                    lo = std::max(lo, p[y] - *c);  // y - v <= c
                }
                if (const auto c = z.bound(v, y)) {
                    hi = std::min(hi, p[y] + *c);  // v - y <= c
                }
            }
            const auto spread = static_cast<std::int64_t>(rng() % 9);
            if (lo == -domains::Zone::kInfinity && hi == domains::Zone::kInfinity) {
                p[v] = spread - 4;
            } else if (lo == -domains::Zone::kInfinity) {
                p[v] = hi - spread;
            } else if (hi == domains::Zone::kInfinity) {
                p[v] = lo + spread;
            } else {
                p[v] = lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
            }
        }
        return p;
    }
    static bool contains(const T& z, const Point& p) {
        if (z.is_bottom()) {
            return false;
        }
        for (domains::Zone::Var x = 0; x < kVars; ++x) {
            for (domains::Zone::Var y = 0; y < kVars; ++y) {
                const auto c = z.bound(x, y);
                if (x != y && c && p[x] - p[y] > *c) {
                    return false;
                }
            }
        }
        return true;
    }
    static bool leq(const T& a, const T& b) { return a.leq(b); }
    static T top() { return T::top(); }
    static std::optional<T> bottom() { return T::bottom(); }
    static T join(T a, const T& b) {
        a.join_with(b);
        return a;
    }
    static std::optional<T> meet(T a, const T& b) {
        a.meet_with(b);
        return a.is_bottom() ? std::nullopt : std::optional<T>(a);
    }
    static T widen(T a, const T& b) {
        static const std::vector<std::int64_t> thresholds{0, 8, 64};
        a.widen_with(b, thresholds);
        return a;
    }
    static T narrow(T a, const T& b) {
        a.narrow_with(b);
        return a;
    }
    static std::string show(const T& z) { return z.to_string(); }
};

}  // namespace bpfcheck::test
