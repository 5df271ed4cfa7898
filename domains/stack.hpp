// One frame's 512-byte stack. Each byte is Invalid (never written), Misc
// (written with unknown data), Known (written with a known byte value, as
// when a constant is stored; the kernel's STACK_ZERO generalised) or part of a spilled
// register; an aligned 8-byte store of a register keeps the register's full
// abstract value, so a pointer spilled and filled again is still a pointer
// (the kernel's STACK_SPILL). Offsets are from the frame's base: byte 0 is
// r10-512, byte 511 is r10-1.
#pragma once

#include "domains/value.hpp"

#include <array>
#include <cstdint>
#include <optional>

namespace bpfcheck::domains {

enum class StackByte : std::uint8_t { Invalid, Misc, Known, Spill };

inline constexpr int kStackSize = 512;
inline constexpr int kStackSlots = kStackSize / 8;

class Stack {
public:
    static Stack uninitialised() { return Stack(); }

    // Store `width` bytes at `offset` (0..511): a register value, or
    // unknown/zero data when `value` is a scalar that is not kept.
    void store(int offset, int width, const Value& value);
    // Mark bytes written with unknown data (helper output, variable-offset store).
    void store_unknown(int offset, int width);
    // Load `width` bytes: the spilled value, a scalar for data bytes, or
    // nullopt when some byte is Invalid.
    [[nodiscard]] std::optional<Value> load(int offset, int width) const;
    [[nodiscard]] bool initialised(int offset, int width) const;
    [[nodiscard]] StackByte byte(int offset) const { return m_bytes[static_cast<std::size_t>(offset)]; }
    [[nodiscard]] std::uint8_t known_byte(int offset) const { return m_known[static_cast<std::size_t>(offset)]; }
    [[nodiscard]] const std::optional<Value>& spill(int slot) const { return m_spills[static_cast<std::size_t>(slot)]; }
    std::optional<Value>& spill(int slot) { return m_spills[static_cast<std::size_t>(slot)]; }
    // Deepest written byte, for the stack-depth estimate (0 when unused).
    [[nodiscard]] int depth() const;

    [[nodiscard]] bool leq(const Stack& other) const;
    // `id_base`: fresh identities for joined spills are id_base + slot.
    void join_with(const Stack& other, std::uint32_t site = kNoId, std::uint32_t slot_base = 0);
    void join_with(const Stack& other, JoinNames& names, std::uint32_t slot_base);
    void widen_with(const Stack& other, std::span<const std::int64_t> thresholds, std::uint32_t site = kNoId,
                    std::uint32_t slot_base = 0);
    bool operator==(const Stack&) const = default;

private:
    Stack() {
        m_bytes.fill(StackByte::Invalid);
    }
    void drop_spill_covering(int offset, int width);

    std::array<StackByte, kStackSize> m_bytes{};
    std::array<std::uint8_t, kStackSize> m_known{};  // byte values where m_bytes is Known
    std::array<std::optional<Value>, kStackSlots> m_spills{};
};

}  // namespace bpfcheck::domains
