// Zone/interval reduction (see relations_reduce.hpp).
#include "domains/relations_reduce.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <optional>
#include <tuple>
#include <vector>

namespace bpfcheck::domains {

namespace {

// Interval bounds beyond this magnitude are not given to the zone (they
// bound nothing a program relies on, and keep the sums far from overflow).
constexpr std::int64_t kLimit = std::int64_t{1} << 60;

bool holds_class(const Value& value, VarClass c) {
    switch (c) {
        case VarClass::Number:
            return value.is_scalar();
        case VarClass::PacketOffset:
            return value.kind() == Kind::Packet;
        case VarClass::Shifted32:
            break;  // no interval of its own: the register holds it times 2^32
    }
    return false;
}

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

struct Places {
    std::array<ConstantPlace, kMaxConstantPlaces> at{};
    std::size_t count = 0;
};

void consider(const Value& a, const Value& b, std::uint32_t frame, int index, Places& out) {
    if (out.count >= kMaxConstantPlaces || a.kind() != b.kind()) {
        return;
    }
    const auto c = class_of(a);
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

void complete_from_intervals(const MachineState& state, Relations& mine, const Relations& theirs) {
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

void reduce_relations(MachineState& state) {
    if (state.is_bottom() || state.relations().empty()) {
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
