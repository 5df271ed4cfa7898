// Which iteration of a loop a state is in, at a program point of the loop:
// the constants (or none) that the point's loop counters hold, registers
// (loop_counters.hpp) and stack slots (loop_counter_slots.hpp). The
// partitions of a program point (partitioned_state.hpp) keep the states of
// different iterations apart, as the kernel walks each iteration, and fold
// those of one iteration first.
#pragma once

#include "domains/machine_state.hpp"

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace bpfcheck::domains {

// A part's loop counters, taken in one walk when the part is filed (and
// again whenever it changes): `key`, a hash of LoopCounters::iteration_key()
// (equal keys hash equal), and the constants themselves in
// LoopCounters::for_each's order, which PartitionedState compares with
// every part at every insertion
// (reading them from each part's stack each time was a spill lookup per
// counter per part). Only the first kInline constants are kept:
// apart_from() never answers "apart" from what it does not hold (then
// leq decides, as it would anyway).
struct IterationCounts {
    static constexpr std::size_t kInline = 8;
    std::uint64_t key = 0;
    std::array<std::uint64_t, kInline> value{};
    std::uint8_t known = 0;  // bit i: counter i is the constant value[i]
    std::uint8_t count = 0;  // constants taken (at most kInline)
    // Adds the next counter's constant (or none): to the key, and to the
    // constants while there is room.
    void take(std::optional<std::uint64_t> c) {
        key = (key ^ (c ? *c + 1 : 0)) * 0x100000001b3ULL;
        if (count < kInline) {
            if (c) {
                value[count] = *c;
                known = static_cast<std::uint8_t>(known | (1U << count));
            }
            ++count;
        }
    }
    // Both hold a constant in one counter, and they differ.
    [[nodiscard]] bool apart_from(const IterationCounts& other) const {
        if (count != other.count) {
            return false;  // taken under other counters (never both at once)
        }
        const std::uint8_t both = known & other.known;
        for (std::size_t i = 0; i < count; ++i) {
            if ((both >> i & 1U) != 0 && value[i] != other.value[i]) {
                return true;
            }
        }
        return false;
    }
};

// What keys the partitions of a program point beyond MachineState::shape():
// its loop counters, registers (bit r: register r) and the current frame's
// stack slots (bit s: r10 - 512 + 8 * s) that hold a counter between
// iterations; and, at a program point outside loops (`in_loop` false), the
// packet pointers that proved a range (MachineState::
// mix_checked_packet_pointers).
class LoopCounters {
public:
    LoopCounters() = default;
    LoopCounters(std::uint16_t registers, std::uint64_t slots, bool in_loop = false)
        : m_registers(registers), m_slots(slots), m_in_loop(in_loop) {}
    [[nodiscard]] std::uint16_t registers() const { return m_registers; }
    [[nodiscard]] std::uint64_t slots() const { return m_slots; }
    // No loop counter (packet pointers may still key partitions).
    [[nodiscard]] bool empty() const { return m_registers == 0 && m_slots == 0; }
    bool operator==(const LoopCounters&) const = default;

    // `shape` (MachineState::shape()) with the constants in the counter
    // slots, and those of the counter registers that shape() leaves out (at
    // least 0x10000: a counter from a large start, `r = 0x8000000000000000
    // ll; ... r += 1`, still keeps its iterations apart, as the kernel walks
    // each one); with the checked packet pointers where they key partitions.
    [[nodiscard]] std::uint64_t shape_of(const MachineState& state, std::uint64_t shape) const {
        if (state.is_bottom()) {
            return shape;
        }
        shape = with_packet_pointers(state, shape);
        if (empty()) {
            return shape;
        }
        for_each_counter(state, [&](bool is_slot, int index, std::optional<std::uint64_t> c) {
            shape = mix_counter(shape, is_slot, index, c);
        });
        return shape;
    }

    // The counters of `state` in one walk (IterationCounts).
    [[nodiscard]] IterationCounts counts_of(const MachineState& state) const {
        IterationCounts counts = first_counts(state);
        for_each(state, [&](std::optional<std::uint64_t> c) { counts.take(c); });
        return counts;
    }

    // shape_of(state, shape) and counts_of(state) in one walk of the counters.
    [[nodiscard]] std::pair<std::uint64_t, IterationCounts> shape_and_counts(const MachineState& state,
                                                                             std::uint64_t shape) const {
        if (state.is_bottom()) {
            return {shape, counts_of(state)};
        }
        shape = with_packet_pointers(state, shape);
        if (empty()) {
            return {shape, counts_of(state)};
        }
        IterationCounts counts = first_counts(state);
        for_each_counter(state, [&](bool is_slot, int index, std::optional<std::uint64_t> c) {
            counts.take(c);
            shape = mix_counter(shape, is_slot, index, c);
        });
        return {shape, counts};
    }

    // A part's iteration: its frame count and the constant (or none) in each
    // loop counter (register or slot); equal keys <=> same_iteration.
    using IterationKey = std::pair<std::size_t, std::vector<std::optional<std::uint64_t>>>;
    [[nodiscard]] IterationKey iteration_key(const MachineState& state) const {
        IterationKey key{state.frame_count(), {}};
        for_each(state, [&](std::optional<std::uint64_t> c) { key.second.push_back(c); });
        return key;
    }

    // Whether two states hold the same constant (or both no constant) in
    // every loop counter of this program point.
    [[nodiscard]] bool same_iteration(const MachineState& a, const MachineState& b) const {
        if (a.frame_count() != b.frame_count()) {
            return false;
        }
        for (int r = 0; r < 10 && (m_registers >> r) != 0; ++r) {
            if ((m_registers & (1U << r)) == 0) {
                continue;
            }
            const auto ca = a.reg(r).is_scalar() ? a.reg(r).number().as_constant() : std::nullopt;
            const auto cb = b.reg(r).is_scalar() ? b.reg(r).number().as_constant() : std::nullopt;
            if (ca != cb) {
                return false;
            }
        }
        for (std::uint64_t rest = m_slots; rest != 0; rest &= rest - 1) {
            const int slot = std::countr_zero(rest);
            if (slot_constant(a.stack(a.current_frame()), slot) != slot_constant(b.stack(b.current_frame()), slot)) {
                return false;
            }
        }
        return true;
    }

    // A spilled constant in `slot`, if any.
    static std::optional<std::uint64_t> slot_constant(const Stack& stack, int slot) {
        const Value* spilled = stack.spill(slot);
        return spilled != nullptr && spilled->is_scalar() ? spilled->number().as_constant() : std::nullopt;
    }

    // Calls `visit` with the constant (or none) of each loop counter of
    // this program point in `state`: the registers, then the slots.
    template <typename Visit>
    void for_each(const MachineState& state, Visit&& visit) const {
        for_each_counter(state, [&](bool /*is_slot*/, int /*index*/, std::optional<std::uint64_t> c) { visit(c); });
    }

private:
    // `shape` with the checked packet pointers, outside loops.
    [[nodiscard]] std::uint64_t with_packet_pointers(const MachineState& state, std::uint64_t shape) const {
        return m_in_loop ? shape : state.mix_checked_packet_pointers(shape);
    }

    // for_each, telling `visit` also whether the counter is a slot and its
    // register or slot number.
    template <typename Visit>
    void for_each_counter(const MachineState& state, Visit&& visit) const {
        for (int r = 0; r < 10 && (m_registers >> r) != 0; ++r) {
            if ((m_registers & (1U << r)) != 0) {
                const Value& v = state.reg(r);
                visit(false, r, v.is_scalar() ? v.number().as_constant() : std::nullopt);
            }
        }
        if (m_slots != 0) {
            const Stack& stack = state.stack(state.current_frame());
            for (std::uint64_t rest = m_slots; rest != 0; rest &= rest - 1) {
                const int slot = std::countr_zero(rest);
                visit(true, slot, slot_constant(stack, slot));
            }
        }
    }

    // shape_of's part for one counter (see there).
    static std::uint64_t mix_counter(std::uint64_t shape, bool is_slot, int index, std::optional<std::uint64_t> c) {
        constexpr std::uint64_t kPrime = 0x100000001b3ULL;
        const auto at = static_cast<std::uint64_t>(index);
        if (is_slot) {
            return (shape ^ (0x40000U + at * 0x10001U + (c ? *c + 1 : 0))) * kPrime;
        }
        if (c && *c >= 0x10000U) {
            shape = (shape ^ (0x80000U + at)) * kPrime;
            shape = (shape ^ *c) * kPrime;
        }
        return shape;
    }

    static IterationCounts first_counts(const MachineState& state) {
        IterationCounts counts;
        counts.key = 0xcbf29ce484222325ULL ^ state.frame_count();
        return counts;
    }

    std::uint16_t m_registers = 0;
    std::uint64_t m_slots = 0;
    bool m_in_loop = false;
};

}  // namespace bpfcheck::domains
