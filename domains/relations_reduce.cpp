// Zone/interval reduction (see relations_reduce.hpp).
#include "domains/relations_reduce.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <limits>
#include <optional>
#include <tuple>
#include <vector>

namespace bpfcheck::domains {

bool holds_class(const Value& value, VarClass c) {
    switch (c) {
        case VarClass::Number:
            return value.is_scalar();
        case VarClass::PacketOffset:
            return value.kind() == Kind::Packet;
        case VarClass::Shifted32:
            break;  // no interval of its own: the register holds it times 2^32
        case VarClass::PointerOffset:
            return value.kind() == Kind::MapValue || value.kind() == Kind::Mem;
    }
    return false;
}

namespace {

// Interval bounds beyond this magnitude are not given to the zone (they
// bound nothing a program relies on, and keep the sums far from overflow).
constexpr std::int64_t kLimit = std::int64_t{1} << 60;

const Value* value_at(const MachineState& state, const Relations::Place& place) {
    if (place.frame >= state.frame_count()) {
        return nullptr;
    }
    if (place.index < kRegisterCount) {
        return &state.frame(place.frame).regs[static_cast<std::size_t>(place.index)];
    }
    const int slot = place.index - kRegisterCount;
    return state.stack(place.frame).spill(slot);
}

void bound_from_interval(Zone& zone, Zone::Var v, const Scalar& number) {
    if (number.smax < kLimit) {
        zone.constrain(v, Zone::kZero, number.smax);
    }
    if (number.smin > -kLimit) {
        zone.constrain(Zone::kZero, v, -number.smin);
    }
}

}  // namespace

namespace {

struct ConstantPlace {
    Zone::Var var;
    std::int64_t mine;
    std::int64_t theirs;
};

std::optional<VarClass> class_of(const Value& v) {
    if (v.is_scalar()) {
        return VarClass::Number;
    }
    if (v.kind() == Kind::Packet) {
        return VarClass::PacketOffset;
    }
    return std::nullopt;
}

// The class of a place for affine equalities: numbers, and the offsets of
// pointers whose offset is a plain number (holds_class).
std::optional<VarClass> affine_class_of(const Value& v) {
    if (v.is_scalar()) {
        return VarClass::Number;
    }
    if (holds_class(v, VarClass::PointerOffset)) {
        return VarClass::PointerOffset;
    }
    return std::nullopt;
}

struct Places {
    std::array<ConstantPlace, kMaxConstantPlaces> at{};
    std::size_t count = 0;
};

void consider(const Value& a, const Value& b, std::uint32_t frame, int index, Places& out,
              std::optional<VarClass> (*classify)(const Value&) = class_of) {
    if (out.count >= kMaxConstantPlaces || a.kind() != b.kind() ||
        (holds_class(a, VarClass::PointerOffset) && a.region() != b.region())) {
        return;
    }
    const auto c = classify(a);
    if (!c) {
        return;
    }
    const auto x = a.number().as_constant();
    if (!x) {
        return;
    }
    const auto y = b.number().as_constant();
    if (!y || *x == *y) {
        return;
    }
    const auto sx = static_cast<std::int64_t>(*x);
    const auto sy = static_cast<std::int64_t>(*y);
    if (sx <= -kLimit || sx >= kLimit || sy <= -kLimit || sy >= kLimit) {
        return;
    }
    const Zone::Var v = index < kRegisterCount ? Relations::reg_var(frame, index, *c)
                                               : Relations::slot_var(frame, index - kRegisterCount, *c);
    out.at[out.count++] = {v, sx, sy};
}

}  // namespace

std::vector<ConstantEquality> constant_differences(const MachineState& mine, const MachineState& theirs) {
    Places places;
    const std::size_t frames = std::min(mine.frame_count(), theirs.frame_count());
    for (std::uint32_t f = 0; f < frames; ++f) {
        for (int r = 0; r < kRegisterCount - 1; ++r) {  // r10 is the frame pointer
            consider(mine.frame(f).regs[static_cast<std::size_t>(r)], theirs.frame(f).regs[static_cast<std::size_t>(r)],
                     f, r, places);
        }
    }
    if (places.count == 0) {
        return {};  // spills related to nothing in a register are left out
    }
    for (std::uint32_t f = 0; f < frames; ++f) {
        mine.stack(f).visit_spills([&](int slot, const Value& a) {
            if (a.is_scalar() && a.number().is_constant()) {
                if (const Value* b = theirs.stack(f).spill(slot)) {
                    consider(a, *b, f, kRegisterCount + slot, places);
                }
            }
        });
    }
    std::vector<ConstantEquality> found;
    for (std::size_t i = 0; i < places.count; ++i) {
        for (std::size_t j = i + 1; j < places.count; ++j) {
            const std::int64_t d = places.at[i].mine - places.at[j].mine;
            if (d == places.at[i].theirs - places.at[j].theirs) {
                found.push_back({places.at[i].var, places.at[j].var, d});
            }
        }
    }
    return found;
}

std::vector<AffineEquality> affine_from_constants(const MachineState& mine, const MachineState& theirs) {
    Places places;
    const std::size_t frames = std::min(mine.frame_count(), theirs.frame_count());
    for (std::uint32_t f = 0; f < frames; ++f) {
        for (int r = 0; r < kRegisterCount - 1; ++r) {
            consider(mine.frame(f).regs[static_cast<std::size_t>(r)], theirs.frame(f).regs[static_cast<std::size_t>(r)],
                     f, r, places, affine_class_of);
        }
    }
    // A counter kept on the stack around a call moves the pointer as well.
    for (std::uint32_t f = 0; f < frames; ++f) {
        mine.stack(f).visit_spills([&](int slot, const Value& a) {
            if (a.is_scalar() && a.number().is_constant()) {
                if (const Value* b = theirs.stack(f).spill(slot)) {
                    consider(a, *b, f, kRegisterCount + slot, places);
                }
            }
        });
    }
    if (places.count < 2) {
        return {};
    }
    std::vector<AffineEquality> found;
    const auto class_at = [&](std::size_t i) { return Relations::place_of(places.at[i].var)->var_class; };
    for (std::size_t i = 0; i < places.count; ++i) {
        // A pointer's offset, or a number that moves a multiple of another
        // (an offset kept as a number: `off += 0x220` beside `i += 1`; a
        // slope of 1 is a difference, which the zone keeps).
        const bool number = class_at(i) == VarClass::Number;
        if (!number && class_at(i) != VarClass::PointerOffset) {
            continue;
        }
        for (std::size_t j = 0; j < places.count; ++j) {
            if (j == i || class_at(j) != VarClass::Number) {
                continue;
            }
            // off = a * n + b through (n.mine, off.mine) and (n.theirs,
            // off.theirs): differences below 2^61, so no product overflows.
            const ConstantPlace& x = places.at[i];
            const ConstantPlace& y = places.at[j];
            const std::int64_t dx = x.theirs - x.mine;
            const std::int64_t dy = y.theirs - y.mine;
            if (dx % dy != 0) {
                continue;  // not an integer slope
            }
            const std::int64_t a = dx / dy;
            std::int64_t product = 0;
            std::int64_t b = 0;
            if (a == 0 || (number && (a == 1 || a == -1)) || __builtin_mul_overflow(a, y.mine, &product) ||
                __builtin_sub_overflow(x.mine, product, &b) || b <= -kLimit || b >= kLimit) {
                continue;
            }
            found.push_back({x.var, y.var, a, b});
        }
    }
    std::sort(found.begin(), found.end());
    return found;
}

void complete_from_intervals(const MachineState& state, Relations& mine, const Relations& theirs) {
    for (const AffineEquality& e : theirs.affine()) {
        if (std::binary_search(mine.affine().begin(), mine.affine().end(), e)) {
            continue;
        }
        const auto px = Relations::place_of(e.x);
        const auto py = Relations::place_of(e.y);
        const Value* vx = px ? value_at(state, *px) : nullptr;
        const Value* vy = py ? value_at(state, *py) : nullptr;
        if (vx == nullptr || vy == nullptr || !holds_class(*vx, px->var_class) || !holds_class(*vy, py->var_class)) {
            continue;
        }
        const auto cx = vx->number().as_constant();
        const auto cy = vy->number().as_constant();
        std::int64_t product = 0;
        std::int64_t sum = 0;
        if (cx && cy && !__builtin_mul_overflow(e.a, static_cast<std::int64_t>(*cy), &product) &&
            !__builtin_add_overflow(product, e.b, &sum) && sum == static_cast<std::int64_t>(*cx)) {
            mine.add_affine(e);
        }
    }
    if (theirs.zone_empty()) {
        return;
    }
    const auto range = [&](Zone::Var v) -> std::pair<std::int64_t, std::int64_t> {
        if (v == Relations::kPacketLength) {
            return {0, Zone::kInfinity};
        }
        const auto place = Relations::place_of(v);
        const Value* value = place ? value_at(state, *place) : nullptr;
        if (value == nullptr || !holds_class(*value, place->var_class)) {
            return {-Zone::kInfinity, Zone::kInfinity};
        }
        return {std::max(value->number().smin, -Zone::kInfinity), std::min(value->number().smax, Zone::kInfinity)};
    };
    std::vector<std::tuple<Zone::Var, Zone::Var, std::int64_t>> implied;
    theirs.zone().for_each_bound([&](Zone::Var x, Zone::Var y, std::int64_t c) {
        const auto [xlo, xhi] = range(x);
        const auto [ylo, yhi] = range(y);
        if (xhi >= Zone::kInfinity || ylo <= -Zone::kInfinity) {
            return;
        }
        const std::int64_t bound = xhi - ylo;
        if (bound <= c) {
            implied.emplace_back(x, y, bound);
        }
    });
    for (const auto& [x, y, bound] : implied) {
        mine.constrain(x, y, bound);
    }
}

namespace {

__extension__ typedef __int128 Wide;  // products of a slope and a bound (each below 2^62)

// floor and ceiling of n / d (d != 0).
Wide floor_div(Wide n, Wide d) {
    const Wide q = n / d;
    return (n % d != 0 && ((n < 0) != (d < 0))) ? q - 1 : q;
}
Wide ceil_div(Wide n, Wide d) {
    const Wide q = n / d;
    return (n % d != 0 && ((n < 0) == (d < 0))) ? q + 1 : q;
}

// The registers' values with bounds kept (a bound at or past kLimit is none).
struct Bounds {
    bool has_lo;
    bool has_hi;
    Wide lo;
    Wide hi;
};
Bounds bounds_of(const Scalar& n) {
    return {n.smin > -kLimit, n.smax < kLimit, n.smin, n.smax};
}

// Meets the register's number with [lo, hi] (either side optional); false
// when that leaves nothing.
bool meet_range(Value& value, std::optional<Wide> lo, std::optional<Wide> hi) {
    Scalar& number = value.number();
    if ((lo && *lo > number.smax) || (hi && *hi < number.smin)) {
        return false;
    }
    const std::int64_t l = lo && *lo > number.smin ? static_cast<std::int64_t>(*lo) : number.smin;
    const std::int64_t h = hi && *hi < number.smax ? static_cast<std::int64_t>(*hi) : number.smax;
    if (l == number.smin && h == number.smax) {
        return true;
    }
    if (l > h) {
        return false;
    }
    number.meet_with(Scalar::signed_range(l, h));
    number.reduce();
    return !number.is_bottom();
}

// The variables at an exact distance from v (z = v + d), none without a zone.
using Partners = std::vector<std::pair<Zone::Var, std::int64_t>>;
Partners partners_of(const MachineState& state, Zone::Var v) {
    return state.relations().zone_empty() ? Partners{} : state.relations().zone().exact_partners(v);
}

// The range of variable v: its own value's, met with those of its
// `partners` (z = v + d gives v in z - d): a register filled from a spill
// and refined by a branch since bounds the spill. nullopt when v's place
// holds no value of its class.
std::optional<Bounds> range_of(const MachineState& state, Zone::Var v, const Partners& partners) {
    const auto place = Relations::place_of(v);
    const Value* value = place ? value_at(state, *place) : nullptr;
    if (value == nullptr || !holds_class(*value, place->var_class)) {
        return std::nullopt;
    }
    Bounds b = bounds_of(value->number());
    for (const auto& [z, d] : partners) {
        const auto pz = Relations::place_of(z);
        const Value* vz = pz ? value_at(state, *pz) : nullptr;
        if (vz == nullptr || !holds_class(*vz, pz->var_class)) {
            continue;
        }
        const Bounds bz = bounds_of(vz->number());
        if (bz.has_lo && (!b.has_lo || bz.lo - d > b.lo)) {
            b.lo = bz.lo - d;
            b.has_lo = true;
        }
        if (bz.has_hi && (!b.has_hi || bz.hi - d < b.hi)) {
            b.hi = bz.hi - d;
            b.has_hi = true;
        }
    }
    return b;
}

// Meets v's register, and the registers among its `partners`, with v in
// [lo, hi]; false when that leaves nothing. Spilled places are left as
// they are (their registers carry the bound where it is used).
bool meet_variable(MachineState& state, Zone::Var v, const Partners& partners, std::optional<Wide> lo,
                   std::optional<Wide> hi) {
    const auto meet_place = [&](Zone::Var w, std::int64_t d) {
        const auto place = Relations::place_of(w);
        if (!place || place->index >= kRegisterCount || place->frame >= state.frame_count()) {
            return true;
        }
        Value& value = state.frame(place->frame).regs[static_cast<std::size_t>(place->index)];
        if (!holds_class(value, place->var_class)) {
            return true;
        }
        return meet_range(value, lo ? std::optional<Wide>(*lo + d) : std::nullopt,
                          hi ? std::optional<Wide>(*hi + d) : std::nullopt);
    };
    return meet_place(v, 0) && std::all_of(partners.begin(), partners.end(), [&](const auto& partner) {
               return meet_place(partner.first, partner.second);
           });
}

}  // namespace

void reduce_affine(MachineState& state) {
    if (state.is_bottom() || state.relations().affine().empty()) {
        return;
    }
    const std::vector<AffineEquality> equalities = state.relations().affine();
    for (const AffineEquality& e : equalities) {
        // Meeting values changes no relation: each side's partners hold throughout.
        const Partners x_partners = partners_of(state, e.x);
        const Partners y_partners = partners_of(state, e.y);
        const std::optional<Bounds> by = range_of(state, e.y, y_partners);
        if (!by || !range_of(state, e.x, x_partners)) {
            continue;
        }
        // x from y: a * [ylo, yhi] + b.
        const bool up = e.a > 0;
        std::optional<Wide> xlo;
        std::optional<Wide> xhi;
        if (up ? by->has_lo : by->has_hi) {
            xlo = Wide{e.a} * (up ? by->lo : by->hi) + e.b;
        }
        if (up ? by->has_hi : by->has_lo) {
            xhi = Wide{e.a} * (up ? by->hi : by->lo) + e.b;
        }
        if (!meet_variable(state, e.x, x_partners, xlo, xhi)) {
            state.set_bottom();
            return;
        }
        // y from x: (x - b) / a, rounded inwards.
        const Bounds bx = *range_of(state, e.x, x_partners);
        std::optional<Wide> ylo;
        std::optional<Wide> yhi;
        if (up ? bx.has_lo : bx.has_hi) {
            ylo = ceil_div((up ? bx.lo : bx.hi) - e.b, e.a);
        }
        if (up ? bx.has_hi : bx.has_lo) {
            yhi = floor_div((up ? bx.hi : bx.lo) - e.b, e.a);
        }
        if (!meet_variable(state, e.y, y_partners, ylo, yhi)) {
            state.set_bottom();
            return;
        }
    }
}

void reduce_relations(MachineState& state) {
    reduce_affine(state);
    if (state.is_bottom() || state.relations().zone_empty()) {
        return;
    }
    Zone zone = state.relations().zone();
    const std::vector<Zone::Var> vars = zone.variables();
    for (const Zone::Var v : vars) {
        if (v == Relations::kPacketLength) {
            zone.constrain(Zone::kZero, v, 0);
            continue;
        }
        const auto place = Relations::place_of(v);
        const Value* value = place ? value_at(state, *place) : nullptr;
        if (value != nullptr && holds_class(*value, place->var_class)) {
            bound_from_interval(zone, v, value->number());
        }
    }
    zone.meet_with(Zone::top());  // closes
    if (zone.is_bottom()) {
        state.set_bottom();
        return;
    }
    for (const Zone::Var v : vars) {
        const auto place = Relations::place_of(v);
        if (!place || place->index >= kRegisterCount || place->frame >= state.frame_count()) {
            continue;
        }
        Value& value = state.frame(place->frame).regs[static_cast<std::size_t>(place->index)];
        if (!holds_class(value, place->var_class)) {
            continue;
        }
        const auto [lo, hi] = zone.interval(v);
        Scalar& number = value.number();
        if (lo <= number.smin && hi >= number.smax) {
            continue;
        }
        // Past kInfinity the zone has no bound.
        number.meet_with(Scalar::signed_range(lo <= -Zone::kInfinity ? std::numeric_limits<std::int64_t>::min() : lo,
                                              hi >= Zone::kInfinity ? std::numeric_limits<std::int64_t>::max() : hi));
        number.reduce();
        if (number.is_bottom()) {
            state.set_bottom();
            return;
        }
    }
}

}  // namespace bpfcheck::domains
