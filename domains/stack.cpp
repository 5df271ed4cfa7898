// Stack byte model. Joins are byte-wise: equal states stay (Known bytes
// only when their values agree), other data bytes make Misc, anything with Invalid is Invalid (may be uninitialised), and two
// spills join their values; a spill against data bytes becomes Misc.
#include "domains/stack.hpp"

namespace bpfcheck::domains {
namespace {

StackByte join_byte(StackByte a, StackByte b, bool same_value) {
    if (a == b && (a != StackByte::Known || same_value)) {
        return a;
    }
    if (a == StackByte::Invalid || b == StackByte::Invalid) {
        return StackByte::Invalid;
    }
    return StackByte::Misc;
}

}  // namespace

void Stack::drop_spill_covering(int offset, int width) {
    for (int slot = offset / 8; slot <= (offset + width - 1) / 8 && slot < kStackSlots; ++slot) {
        auto& spilled = m_spills[static_cast<std::size_t>(slot)];
        if (!spilled) {
            continue;
        }
        // The rest of the slot keeps data but no longer a whole register.
        for (int i = slot * 8; i < slot * 8 + 8; ++i) {
            if (m_bytes[static_cast<std::size_t>(i)] == StackByte::Spill) {
                m_bytes[static_cast<std::size_t>(i)] = StackByte::Misc;
                m_known[static_cast<std::size_t>(i)] = 0;
            }
        }
        spilled.reset();
    }
}

void Stack::store(int offset, int width, const Value& value) {
    drop_spill_covering(offset, width);
    const bool keeps_value = width == 8 && offset % 8 == 0 && value.kind() != Kind::Uninit;
    if (keeps_value) {
        m_spills[static_cast<std::size_t>(offset / 8)] = value;
        for (int i = offset; i < offset + 8; ++i) {
            m_bytes[static_cast<std::size_t>(i)] = StackByte::Spill;
            m_known[static_cast<std::size_t>(i)] = 0;
        }
        return;
    }
    const auto constant = value.is_scalar() ? value.number().as_constant() : std::nullopt;
    for (int i = offset; i < offset + width; ++i) {
        const auto at = static_cast<std::size_t>(i);
        m_bytes[at] = constant ? StackByte::Known : StackByte::Misc;
        m_known[at] = constant ? static_cast<std::uint8_t>(*constant >> (8 * (i - offset))) : 0;
    }
}

void Stack::store_unknown(int offset, int width) {
    drop_spill_covering(offset, width);
    for (int i = offset; i < offset + width && i < kStackSize; ++i) {
        m_bytes[static_cast<std::size_t>(i)] = StackByte::Misc;
        m_known[static_cast<std::size_t>(i)] = 0;
    }
}

std::optional<Value> Stack::load(int offset, int width) const {
    if (width == 8 && offset % 8 == 0) {
        if (const auto& spilled = m_spills[static_cast<std::size_t>(offset / 8)]) {
            return spilled;
        }
    }
    bool all_known = true;
    std::uint64_t known = 0;
    for (int i = offset + width - 1; i >= offset; --i) {
        const StackByte b = m_bytes[static_cast<std::size_t>(i)];
        if (b == StackByte::Invalid) {
            return std::nullopt;
        }
        all_known = all_known && b == StackByte::Known;
        known = (known << 8) | m_known[static_cast<std::size_t>(i)];
    }
    if (all_known) {
        return Value::constant(known);
    }
    // Part of a spilled scalar that is still exact when read at the slot start.
    if (offset % 8 == 0) {
        if (const auto& spilled = m_spills[static_cast<std::size_t>(offset / 8)]; spilled && spilled->is_scalar()) {
            if (const auto c = spilled->number().as_constant(); c && width < 8) {
                return Value::constant(*c & ((1ULL << (width * 8)) - 1));
            }
        }
    }
    if (width == 8) {
        return Value::unknown_scalar();
    }
    return Value::scalar(Scalar::unsigned_range(0, (1ULL << (width * 8)) - 1));
}

bool Stack::initialised(int offset, int width) const {
    for (int i = offset; i < offset + width; ++i) {
        if (m_bytes[static_cast<std::size_t>(i)] == StackByte::Invalid) {
            return false;
        }
    }
    return true;
}

int Stack::depth() const {
    for (int i = 0; i < kStackSize; ++i) {
        if (m_bytes[static_cast<std::size_t>(i)] != StackByte::Invalid) {
            return kStackSize - i;
        }
    }
    return 0;
}

bool Stack::leq(const Stack& other) const {
    for (int i = 0; i < kStackSize; ++i) {
        const StackByte a = m_bytes[static_cast<std::size_t>(i)];
        const StackByte b = other.m_bytes[static_cast<std::size_t>(i)];
        if (a == StackByte::Known && b == StackByte::Known &&
            m_known[static_cast<std::size_t>(i)] != other.m_known[static_cast<std::size_t>(i)]) {
            return false;
        }
        if (a != b && b != StackByte::Invalid && !(b == StackByte::Misc && a == StackByte::Known) &&
            !(b == StackByte::Misc && a == StackByte::Spill)) {
            return false;
        }
    }
    for (int slot = 0; slot < kStackSlots; ++slot) {
        const auto& a = m_spills[static_cast<std::size_t>(slot)];
        const auto& b = other.m_spills[static_cast<std::size_t>(slot)];
        if (b && (!a || !a->leq(*b))) {
            return false;
        }
        if (a && !b && !a->is_scalar() && other.m_bytes[static_cast<std::size_t>(slot * 8)] != StackByte::Invalid) {
            return false;  // a spilled pointer is not "some data"
        }
    }
    return true;
}

void Stack::join_with(const Stack& other, std::uint32_t site, std::uint32_t slot_base) {
    JoinNames names(site);
    join_with(other, names, slot_base);
}

void Stack::join_with(const Stack& other, JoinNames& names, std::uint32_t slot_base) {
    for (int slot = 0; slot < kStackSlots; ++slot) {
        auto& a = m_spills[static_cast<std::size_t>(slot)];
        const auto& b = other.m_spills[static_cast<std::size_t>(slot)];
        if (a && b) {
            a->join_with(*b, names, slot_base + static_cast<std::uint32_t>(slot));
            if (a->kind() == Kind::Uninit) {
                a.reset();
            }
        } else if (a || b) {
            a.reset();
        }
    }
    for (int i = 0; i < kStackSize; ++i) {
        const auto at = static_cast<std::size_t>(i);
        auto& a = m_bytes[at];
        const StackByte joined = join_byte(a, other.m_bytes[at], m_known[at] == other.m_known[at]);
        a = joined == StackByte::Spill && !m_spills[static_cast<std::size_t>(i / 8)] ? StackByte::Misc : joined;
        if (a != StackByte::Known) {
            m_known[at] = 0;
        }
    }
}

void Stack::widen_with(const Stack& other, std::span<const std::int64_t> thresholds, std::uint32_t site,
                       std::uint32_t slot_base) {
    Stack joined = *this;
    joined.join_with(other, site, slot_base);
    for (int slot = 0; slot < kStackSlots; ++slot) {
        auto& mine = m_spills[static_cast<std::size_t>(slot)];
        auto& result = joined.m_spills[static_cast<std::size_t>(slot)];
        if (mine && result) {
            Value widened = *mine;
            widened.widen_with(*result, thresholds,
                               site == kNoId ? kNoId : join_id(site, slot_base + static_cast<std::uint32_t>(slot)));
            result = widened;
        }
    }
    *this = joined;
}

}  // namespace bpfcheck::domains
