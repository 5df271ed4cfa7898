// The relational part of the machine state (see relations.hpp).
#include "domains/relations.hpp"

#include <fmt/format.h>

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

void Relations::forget_reg(std::uint32_t frame, int reg) {
    if (empty()) {
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
    if (empty()) {
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
    if (empty()) {
        return;
    }
    for (const Var v : m_zone->variables()) {
        if (drop(v)) {
            edit().forget(v);
        }
    }
}

void Relations::forget_frames_from(std::uint32_t frame) {
    if (empty()) {
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
    if (mentions(x)) {
        edit().assign(x, x, c);
    }
}

void Relations::add(Var x, Var y, std::int64_t c) {
    edit().add(x, y, c);
}

void Relations::join_with(const Relations& other) {
    m_tracked = m_tracked || other.m_tracked;
    if (empty() || m_zone == other.m_zone) {
        return;
    }
    if (other.empty()) {
        m_zone = nullptr;
        return;
    }
    edit().join_with(*other.m_zone);
}

void Relations::widen_with(const Relations& other, std::span<const std::int64_t> thresholds) {
    m_tracked = m_tracked || other.m_tracked;
    if (empty() || m_zone == other.m_zone) {
        return;
    }
    if (other.empty()) {
        m_zone = nullptr;
        return;
    }
    edit().widen_with(*other.m_zone, thresholds);
}

void Relations::narrow_with(const Relations& other) {
    if (other.empty() || m_zone == other.m_zone) {
        return;
    }
    edit().narrow_with(*other.m_zone);
}

bool Relations::operator==(const Relations& other) const {
    if (empty() || other.empty()) {
        return empty() == other.empty();
    }
    return m_zone == other.m_zone || *m_zone == *other.m_zone ||
           (m_zone->leq(*other.m_zone) && other.m_zone->leq(*m_zone));
}

std::string Relations::to_string() const {
    return zone().to_string();
}

}  // namespace bpfcheck::domains
