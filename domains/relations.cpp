// The relational part of the machine state (see relations.hpp).
#include "domains/relations.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace bpfcheck::domains {

std::optional<Relations::Place> Relations::place_of(Var v) {
    if (v == Zone::kZero || v >= kPacketLength) {
        return std::nullopt;
    }
    const std::uint32_t slot = (v - 1) / kVarClasses;
    return Place{slot / kPlacesPerFrame, static_cast<int>(slot % kPlacesPerFrame),
                 static_cast<VarClass>((v - 1) % kVarClasses)};
}

const Zone& Relations::zone() const {
    static const Zone kTop = Zone::top();
    return m_zone == nullptr ? kTop : *m_zone;
}

Relations::Store& Relations::edit_store() {
    if (m_zone == nullptr) {
        m_zone = std::make_shared<Store>(Zone::top());
    } else if (m_zone.use_count() > 1) {
        m_zone = std::make_shared<Store>(*m_zone);
    }
    return *m_zone;  // owned by this state alone now
}

template <typename Drop>
void Relations::erase_affine_if(Drop drop) {
    const auto& current = affine();
    if (std::any_of(current.begin(), current.end(), drop)) {
        std::erase_if(edit_store().affine, drop);
    }
}

void Relations::make_zone_top() {
    if (affine().empty()) {
        m_zone = nullptr;
    } else {
        static_cast<Zone&>(edit_store()) = Zone::top();
    }
}

namespace {
// The place (class 0 variable) a variable belongs to; kPacketLength and zero are their own.
Relations::Var place_base(Relations::Var v) {
    return v == Zone::kZero || v >= Relations::kPacketLength ? v : v - (v - 1) % kVarClasses;
}
}  // namespace

bool Relations::affine_mentions(Var v) const {
    const auto& all = affine();
    return std::any_of(all.begin(), all.end(), [&](const AffineEquality& e) { return e.x == v || e.y == v; });
}

void Relations::forget_affine(Var v) {
    erase_affine_if([&](const AffineEquality& e) { return e.x == v || e.y == v; });
}

void Relations::add_affine(const AffineEquality& e) {
    if (e.a == 0 || e.x == e.y) {
        return;
    }
    const auto& current = affine();
    if (current.size() >= kMaxAffine || std::binary_search(current.begin(), current.end(), e)) {
        return;
    }
    std::vector<AffineEquality>& all = edit_store().affine;
    all.insert(std::lower_bound(all.begin(), all.end(), e), e);
}

namespace {
// x = a * y + b with y = z - d: x = a * z + (b - a * d) (nullopt on overflow).
std::optional<AffineEquality> renamed(const AffineEquality& e, Zone::Var z, std::int64_t d) {
    std::int64_t product = 0;
    std::int64_t b = 0;
    if (__builtin_mul_overflow(e.a, d, &product) || __builtin_sub_overflow(e.b, product, &b)) {
        return std::nullopt;
    }
    return AffineEquality{e.x, z, e.a, b};
}
// x = a * y + b with z = x + d: z = a * y + (b + d) (nullopt on overflow).
std::optional<AffineEquality> renamed_x(const AffineEquality& e, Zone::Var z, std::int64_t d) {
    std::int64_t b = 0;
    if (__builtin_add_overflow(e.b, d, &b)) {
        return std::nullopt;
    }
    return AffineEquality{z, e.y, e.a, b};
}
}  // namespace

AffineEquality Relations::canonical(const AffineEquality& e) const {
    if (zone_empty()) {
        return e;
    }
    AffineEquality best = e;
    for (const auto& [z, d] : m_zone->exact_partners(e.y)) {
        if (z < best.y && z != e.x && z != kPacketLength) {
            if (const auto r = renamed(e, z, d)) {
                best = *r;
            }
        }
    }
    const AffineEquality named_y = best;
    for (const auto& [z, d] : m_zone->exact_partners(e.x)) {
        if (z < best.x && z != named_y.y && z != kPacketLength) {
            if (const auto r = renamed_x(named_y, z, d)) {
                best = *r;
            }
        }
    }
    return best;
}

std::vector<AffineEquality> Relations::canonical_affine() const {
    std::vector<AffineEquality> all;
    all.reserve(affine().size());
    for (const AffineEquality& e : affine()) {
        all.push_back(canonical(e));
    }
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    return all;
}

void Relations::restate_affine_outside(Var base) {
    if (affine().empty() || zone_empty()) {
        return;
    }
    const auto in_place = [&](Var v) { return v != kPacketLength && place_base(v) == base; };
    std::vector<AffineEquality> restated;
    for (const AffineEquality& e : affine()) {
        if (in_place(e.x) == in_place(e.y)) {
            continue;  // nothing to restate, or both go
        }
        const Var gone = in_place(e.y) ? e.y : e.x;
        const Var kept = in_place(e.y) ? e.x : e.y;
        for (const auto& [z, d] : m_zone->exact_partners(gone)) {
            if (!in_place(z) && z != kept && z != kPacketLength) {
                if (const auto r = gone == e.y ? renamed(e, z, d) : renamed_x(e, z, d)) {
                    restated.push_back(*r);
                    break;
                }
            }
        }
    }
    for (const AffineEquality& e : restated) {
        add_affine(e);
    }
}

bool Relations::affine_leq(const Relations& other) const {
    const auto& mine = affine();
    const auto& theirs = other.affine();
    if (std::includes(mine.begin(), mine.end(), theirs.begin(), theirs.end())) {
        return true;
    }
    // Each of theirs holds here when it does in this state's names.
    const std::vector<AffineEquality> held = canonical_affine();
    return std::all_of(theirs.begin(), theirs.end(), [&](const AffineEquality& e) {
        return std::binary_search(held.begin(), held.end(), canonical(e));
    });
}

void Relations::join_affine(const Relations& other) {
    const auto& mine = affine();
    const auto& theirs = other.affine();
    if (mine.empty() || mine == theirs) {
        return;
    }
    std::vector<AffineEquality> both;
    std::set_intersection(mine.begin(), mine.end(), theirs.begin(), theirs.end(), std::back_inserter(both));
    if (both.size() < mine.size() && !theirs.empty()) {
        // The lines both sides hold under other names of their counters.
        const std::vector<AffineEquality> a = canonical_affine();
        const std::vector<AffineEquality> b = other.canonical_affine();
        std::vector<AffineEquality> named;
        std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(named));
        for (const AffineEquality& e : named) {
            if (!std::binary_search(both.begin(), both.end(), e)) {
                both.insert(std::lower_bound(both.begin(), both.end(), e), e);
            }
        }
        if (both.size() > kMaxAffine) {
            both.resize(kMaxAffine);
        }
    }
    edit_store().affine = std::move(both);
}

bool Relations::mentions_reg(std::uint32_t frame, int reg) const {
    if (!affine().empty()) {
        const Var base = reg_var(frame, reg, VarClass::Number);
        if (std::any_of(affine().begin(), affine().end(),
                        [&](const AffineEquality& e) { return place_base(e.x) == base || place_base(e.y) == base; })) {
            return true;
        }
    }
    if (zone_empty()) {
        return false;
    }
    for (std::uint32_t c = 0; c < kVarClasses; ++c) {
        if (m_zone->mentions(reg_var(frame, reg, static_cast<VarClass>(c)))) {
            return true;
        }
    }
    return false;
}

void Relations::forget_reg(std::uint32_t frame, int reg) {
    if (!mentions_reg(frame, reg)) {
        return;  // no copy of a shared store for nothing
    }
    if (!affine().empty()) {
        const Var base = reg_var(frame, reg, VarClass::Number);
        restate_affine_outside(base);
        erase_affine_if([&](const AffineEquality& e) { return place_base(e.x) == base || place_base(e.y) == base; });
    }
    if (zone_empty()) {
        return;
    }
    Zone& zone = edit();
    for (std::uint32_t c = 0; c < kVarClasses; ++c) {
        zone.forget(reg_var(frame, reg, static_cast<VarClass>(c)));
    }
}

void Relations::forget_slot(std::uint32_t frame, int slot) {
    if (!affine().empty()) {
        const Var base = slot_var(frame, slot, VarClass::Number);
        restate_affine_outside(base);
        erase_affine_if([&](const AffineEquality& e) { return place_base(e.x) == base || place_base(e.y) == base; });
    }
    if (zone_empty()) {
        return;
    }
    bool named = false;
    for (std::uint32_t c = 0; c < kVarClasses && !named; ++c) {
        named = m_zone->mentions(slot_var(frame, slot, static_cast<VarClass>(c)));
    }
    if (!named) {
        return;
    }
    Zone& zone = edit();
    for (std::uint32_t c = 0; c < kVarClasses; ++c) {
        zone.forget(slot_var(frame, slot, static_cast<VarClass>(c)));
    }
}

void Relations::drop_if(bool (*drop)(Var)) {
    erase_affine_if([&](const AffineEquality& e) { return drop(e.x) || drop(e.y); });
    if (zone_empty()) {
        return;
    }
    for (const Var v : m_zone->variables()) {
        if (drop(v)) {
            edit().forget(v);
        }
    }
}

void Relations::forget_frames_from(std::uint32_t frame) {
    const auto gone = [&](Var v) {
        const auto place = place_of(v);
        return place && place->frame >= frame;
    };
    erase_affine_if([&](const AffineEquality& e) { return gone(e.x) || gone(e.y); });
    if (zone_empty()) {
        return;
    }
    for (const Var v : m_zone->variables()) {
        if (const auto place = place_of(v); place && place->frame >= frame) {
            edit().forget(v);
        }
    }
}

void Relations::forget_packet() {
    drop_if([](Var v) {
        const auto place = place_of(v);
        return v == kPacketLength || (place && place->var_class == VarClass::PacketOffset);
    });
}

void Relations::assign(Var x, Var y, std::int64_t c) {
    if (x == y) {
        shift_affine(x, c);
    } else if (!affine().empty()) {
        const Var base = place_base(x);
        if (x != kPacketLength) {
            restate_affine_outside(base);
        }
        erase_affine_if([&](const AffineEquality& e) {
            return e.x == x || e.y == x || (x != kPacketLength && (place_base(e.x) == base || place_base(e.y) == base));
        });
    }
    Zone& zone = edit();
    if (x != kPacketLength && x != y) {
        const Var first = x - (x - 1) % kVarClasses;  // x's place, class 0
        for (Var other = first; other < first + kVarClasses; ++other) {
            if (other != x && other != y) {
                zone.forget(other);
            }
        }
    }
    zone.assign(x, y, c);
}

void Relations::shift(Var x, std::int64_t c) {
    shift_affine(x, c);
    if (!zone_empty() && m_zone->mentions(x)) {
        edit().assign(x, x, c);
    }
}

void Relations::shift_affine(Var x, std::int64_t c) {
    if (!affine_mentions(x)) {
        return;
    }
    std::vector<AffineEquality>& all = edit_store().affine;
    for (AffineEquality& e : all) {
        std::int64_t moved = 0;
        // x = a*y + b: x + c = a*y + (b + c); y + c: x = a*(y + c) + (b - a*c).
        if (e.x == x) {
            if (__builtin_add_overflow(e.b, c, &moved)) {
                e.a = 0;
            }
        } else if (e.y == x) {
            std::int64_t product = 0;
            if (__builtin_mul_overflow(e.a, c, &product) || __builtin_sub_overflow(e.b, product, &moved)) {
                e.a = 0;
            }
        } else {
            continue;
        }
        e.b = moved;
    }
    std::erase_if(all, [](const AffineEquality& e) { return e.a == 0; });
    std::sort(all.begin(), all.end());
}

void Relations::add(Var x, Var y, std::int64_t c) {
    edit().add(x, y, c);
}

void Relations::join_with(const Relations& other) {
    m_tracked = m_tracked || other.m_tracked;
    join_affine(other);
    if (zone_empty() || m_zone == other.m_zone) {
        return;
    }
    if (other.zone_empty()) {
        make_zone_top();
        return;
    }
    edit().join_with(*other.m_zone);
}

void Relations::widen_with(const Relations& other, std::span<const std::int64_t> thresholds) {
    m_tracked = m_tracked || other.m_tracked;
    join_affine(other);  // finite height: the join is a widening
    if (zone_empty() || m_zone == other.m_zone) {
        return;
    }
    if (other.zone_empty()) {
        make_zone_top();
        return;
    }
    edit().widen_with(*other.m_zone, thresholds);
}

void Relations::narrow_with(const Relations& other) {
    if (other.zone_empty() || m_zone == other.m_zone) {
        return;
    }
    edit().narrow_with(*other.m_zone);
}

bool Relations::operator==(const Relations& other) const {
    if (affine() != other.affine()) {
        return false;
    }
    if (zone_empty() || other.zone_empty()) {
        return zone_empty() == other.zone_empty();
    }
    return m_zone == other.m_zone || zone() == other.zone() ||
           (m_zone->leq(*other.m_zone) && other.m_zone->leq(*m_zone));
}

std::string Relations::to_string() const {
    std::string text = zone().to_string();
    for (const AffineEquality& e : affine()) {
        text += fmt::format(" v{} = {} * v{} + {}", e.x, e.a, e.y, e.b);
    }
    return text;
}

}  // namespace bpfcheck::domains
