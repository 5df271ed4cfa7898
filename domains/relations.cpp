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

void Relations::forget_reg(std::uint32_t frame, int reg) {
    if (m_zone.empty()) {
        return;
    }
    for (std::uint32_t c = 0; c < kVarClasses; ++c) {
        m_zone.forget(reg_var(frame, reg, static_cast<VarClass>(c)));
    }
}

void Relations::forget_slot(std::uint32_t frame, int slot) {
    if (m_zone.empty()) {
        return;
    }
    for (std::uint32_t c = 0; c < kVarClasses; ++c) {
        m_zone.forget(slot_var(frame, slot, static_cast<VarClass>(c)));
    }
}

void Relations::drop_if(bool (*drop)(Var)) {
    if (m_zone.empty()) {
        return;
    }
    for (const Var v : m_zone.variables()) {
        if (drop(v)) {
            m_zone.forget(v);
        }
    }
}

void Relations::forget_frames_from(std::uint32_t frame) {
    if (m_zone.empty()) {
        return;
    }
    for (const Var v : m_zone.variables()) {
        if (const auto place = place_of(v); place && place->frame >= frame) {
            m_zone.forget(v);
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
    if (x != kPacketLength && x != y) {
        const Var first = x - (x - 1) % kVarClasses;  // x's place, class 0
        for (Var other = first; other < first + kVarClasses; ++other) {
            if (other != x && other != y) {
                m_zone.forget(other);
            }
        }
    }
    m_zone.assign(x, y, c);
}

void Relations::shift(Var x, std::int64_t c) {
    if (m_zone.mentions(x)) {
        m_zone.assign(x, x, c);
    }
}

void Relations::add(Var x, Var y, std::int64_t c) {
    m_zone.add(x, y, c);
}

void Relations::join_with(const Relations& other) {
    m_tracked = m_tracked || other.m_tracked;
    if (m_zone.empty()) {
        return;
    }
    if (other.m_zone.empty()) {
        m_zone = Zone::top();
        return;
    }
    m_zone.join_with(other.m_zone);
}

void Relations::widen_with(const Relations& other, std::span<const std::int64_t> thresholds) {
    m_tracked = m_tracked || other.m_tracked;
    if (m_zone.empty()) {
        return;
    }
    if (other.m_zone.empty()) {
        m_zone = Zone::top();
        return;
    }
    m_zone.widen_with(other.m_zone, thresholds);
}

void Relations::narrow_with(const Relations& other) {
    if (other.m_zone.empty()) {
        return;
    }
    m_zone.narrow_with(other.m_zone);
}

bool Relations::operator==(const Relations& other) const {
    if (m_zone.empty() || other.m_zone.empty()) {
        return m_zone.empty() == other.m_zone.empty();
    }
    return m_zone == other.m_zone || (m_zone.leq(other.m_zone) && other.m_zone.leq(m_zone));
}

std::string Relations::to_string() const {
    return m_zone.to_string();
}

}  // namespace bpfcheck::domains
