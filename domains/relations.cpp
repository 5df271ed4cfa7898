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

Zone& Relations::edit() {
    if (m_zone == nullptr || m_zone.use_count() > 1) {
        m_zone = std::make_shared<Zone>(m_zone == nullptr ? Zone::top() : *m_zone);
    }
    return *m_zone;  // owned by this state alone now
}

namespace {
// The place (class 0 variable) a variable belongs to; kPacketLength and zero are their own.
Relations::Var place_base(Relations::Var v) {
    return v == Zone::kZero || v >= Relations::kPacketLength ? v : v - (v - 1) % kVarClasses;
}
}  // namespace

bool Relations::affine_mentions(Var v) const {
    return std::any_of(m_affine.begin(), m_affine.end(), [&](const AffineEquality& e) { return e.x == v || e.y == v; });
}

void Relations::forget_affine(Var v) {
    if (!m_affine.empty()) {
        std::erase_if(m_affine, [&](const AffineEquality& e) { return e.x == v || e.y == v; });
    }
}

void Relations::add_affine(const AffineEquality& e) {
    if (e.a == 0 || e.x == e.y) {
        return;
    }
    const auto at = std::lower_bound(m_affine.begin(), m_affine.end(), e);
    if ((at != m_affine.end() && *at == e) || m_affine.size() >= kMaxAffine) {
        return;
    }
    m_affine.insert(at, e);
}

bool Relations::affine_leq(const Relations& other) const {
    return std::includes(m_affine.begin(), m_affine.end(), other.m_affine.begin(), other.m_affine.end());
}

void Relations::join_affine(const Relations& other) {
    if (m_affine.empty() || m_affine == other.m_affine) {
        return;
    }
    std::vector<AffineEquality> both;
    std::set_intersection(m_affine.begin(), m_affine.end(), other.m_affine.begin(), other.m_affine.end(),
                          std::back_inserter(both));
    m_affine = std::move(both);
}

void Relations::forget_reg(std::uint32_t frame, int reg) {
    if (!m_affine.empty()) {
        const Var base = reg_var(frame, reg, VarClass::Number);
        std::erase_if(m_affine,
                      [&](const AffineEquality& e) { return place_base(e.x) == base || place_base(e.y) == base; });
    }
    if (zone_empty()) {
        return;
    }
    bool named = false;
    for (std::uint32_t c = 0; c < kVarClasses && !named; ++c) {
        named = m_zone->mentions(reg_var(frame, reg, static_cast<VarClass>(c)));
    }
    if (!named) {
        return;  // no copy of a shared zone for nothing
    }
    Zone& zone = edit();
    for (std::uint32_t c = 0; c < kVarClasses; ++c) {
        zone.forget(reg_var(frame, reg, static_cast<VarClass>(c)));
    }
}

void Relations::forget_slot(std::uint32_t frame, int slot) {
    if (!m_affine.empty()) {
        const Var base = slot_var(frame, slot, VarClass::Number);
        std::erase_if(m_affine,
                      [&](const AffineEquality& e) { return place_base(e.x) == base || place_base(e.y) == base; });
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
    std::erase_if(m_affine, [&](const AffineEquality& e) { return drop(e.x) || drop(e.y); });
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
    std::erase_if(m_affine, [&](const AffineEquality& e) { return gone(e.x) || gone(e.y); });
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
    } else if (!m_affine.empty()) {
        const Var base = place_base(x);
        std::erase_if(m_affine, [&](const AffineEquality& e) {
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
    if (m_affine.empty()) {
        return;
    }
    bool changed = false;
    for (AffineEquality& e : m_affine) {
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
        changed = true;
    }
    if (changed) {
        std::erase_if(m_affine, [](const AffineEquality& e) { return e.a == 0; });
        std::sort(m_affine.begin(), m_affine.end());
    }
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
        m_zone = nullptr;
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
        m_zone = nullptr;
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
    if (m_affine != other.m_affine) {
        return false;
    }
    if (zone_empty() || other.zone_empty()) {
        return zone_empty() == other.zone_empty();
    }
    return m_zone == other.m_zone || *m_zone == *other.m_zone ||
           (m_zone->leq(*other.m_zone) && other.m_zone->leq(*m_zone));
}

std::string Relations::to_string() const {
    std::string text = zone().to_string();
    for (const AffineEquality& e : m_affine) {
        text += fmt::format(" v{} = {} * v{} + {}", e.x, e.a, e.y, e.b);
    }
    return text;
}

}  // namespace bpfcheck::domains
