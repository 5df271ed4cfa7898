// One frame's 512-byte stack. Each byte is Invalid (never written), Misc
// (written with unknown data), Known (written with a known byte value, as
// when a constant is stored; the kernel's STACK_ZERO generalised) or part of a spilled
// register; an aligned 8-byte store of a register keeps the register's full
// abstract value, so a pointer spilled and filled again is still a pointer
// (the kernel's STACK_SPILL). Offsets are from the frame's base: byte 0 is
// r10-512, byte 511 is r10-1.
//
// Copies are cheap: the bytes and spills live in one shared block that is
// copied only when a copy is written to (copy on write), so the many states a
// fixpoint keeps share the stacks they did not change, and comparing or
// joining two stacks that share their block costs nothing. Spills are kept
// sparse (sorted by slot): programs spill a few registers, not 64.
#pragma once

#include "domains/value.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace bpfcheck::domains {

enum class StackByte : std::uint8_t { Invalid, Misc, Known, Spill };

inline constexpr int kStackSize = 512;
inline constexpr int kStackSlots = kStackSize / 8;

class Stack {
public:
    static Stack uninitialised();

    // Which scalar stores at a slot's start keep the scalar as a spill
    // (check_stack_write_fixed_off): 8-byte ones; any width (a privileged,
    // bpf_capable loader: a narrow store is a spill of `width` bytes); none
    // (an unprivileged loader: scalars become data, zeros or unknown bytes).
    enum class ScalarSpills : std::uint8_t { Whole, AnyWidth, None };
    // Store `width` bytes at `offset` (0..511): a register value, or
    // unknown/zero data when `value` is a scalar that is not kept.
    void store(int offset, int width, const Value& value, ScalarSpills scalars = ScalarSpills::Whole);
    // Mark bytes written with unknown data (helper output, variable-offset store).
    void store_unknown(int offset, int width);
    // Load `width` bytes: the spilled value, a scalar for data bytes, or
    // nullopt when some byte is Invalid.
    [[nodiscard]] std::optional<Value> load(int offset, int width) const;
    [[nodiscard]] bool initialised(int offset, int width) const;
    [[nodiscard]] StackByte byte(int offset) const { return m_data->bytes[static_cast<std::size_t>(offset)]; }
    [[nodiscard]] std::uint8_t known_byte(int offset) const { return m_data->known[static_cast<std::size_t>(offset)]; }
    // The register spilled in `slot` (offset / 8), or nullptr.
    [[nodiscard]] const Value* spill(int slot) const;
    // How many bytes from the slot's start hold its spill (the kernel's
    // spill_size): 8 for a whole register, 0 without a spill.
    [[nodiscard]] int spill_width(int slot) const;
    // Applies `update` to every spilled value (once each).
    template <typename Update>
    void for_each_spill(Update&& update);
    // Applies `update` to the spilled values `select` (read in place)
    // picks: the others are neither copied nor compared.
    template <typename Select, typename Update>
    void for_each_spill_where(Select&& select, Update&& update);
    // Calls `visit(slot, value)` for every spill, by slot.
    template <typename Visit>
    void visit_spills(Visit&& visit) const {
        for (const Spill& spill : m_data->spills) {
            visit(static_cast<int>(spill.slot), spill.value);
        }
    }
    // The slots of `slots` (bit s: slot s) with a byte ever written, but
    // those of a dynptr or an iterator (see forget_slots).
    [[nodiscard]] std::uint64_t written_slots(std::uint64_t slots) const;
    // Forgets the slots of `slots`: their bytes become unwritten (the
    // kernel's STACK_INVALID) and their spills go (a slot no path reads
    // again: clean_func_state).
    // A slot of a dynptr or an iterator is kept: writing over it has effects
    // (its slices become invalid, a referenced one may not be overwritten).
    // Returns the slots forgotten that held something.
    std::uint64_t forget_slots(std::uint64_t slots);
    // How many slots hold a spilled value of a different kind (or a spill on
    // one side only): part of MachineState::shape_distance.
    [[nodiscard]] std::size_t spill_kind_difference(const Stack& other) const;
    // How many slots have bytes written on one side and never written on the
    // other: part of MachineState::shape_distance.
    [[nodiscard]] std::size_t written_difference(const Stack& other) const;
    // Deepest written byte, for the stack-depth estimate (0 when unused).
    [[nodiscard]] int depth() const;

    [[nodiscard]] bool leq(const Stack& other) const;
    // What leq tells first at little cost: false when `other` spills a slot
    // this stack does not, or when the spill that decided the last failed
    // comparison is not smaller here; true when leq must look further.
    [[nodiscard]] bool may_leq(const Stack& other) const;
    // `slot_base`: fresh identities for joined spills are named after slot_base + slot.
    void join_with(const Stack& other, std::uint32_t site = kNoId, std::uint32_t slot_base = 0);
    void join_with(const Stack& other, JoinNames& names, std::uint32_t slot_base);
    void widen_with(const Stack& other, std::span<const std::int64_t> thresholds, std::uint32_t site = kNoId,
                    std::uint32_t slot_base = 0);
    bool operator==(const Stack& other) const { return m_data == other.m_data || *m_data == *other.m_data; }
    // Drops the identity of each spill whose identity `other`'s spill in
    // the same slot does not share (see MachineState::forget_ids_differing_from).
    void forget_ids_differing_from(const Stack& other);

private:
    struct Data;
    // Fills in a block's written and touched slots (Data::written) when not known.
    static void know_written(const Data& data);
    struct Spill {
        std::uint8_t slot;
        Value value;
        bool operator==(const Spill&) const = default;
    };
    struct Data {
        std::array<StackByte, kStackSize> bytes{};
        std::array<std::uint8_t, kStackSize> known{};  // byte values where bytes is Known
        std::vector<Spill> spills;                     // sorted by slot
        std::uint64_t spilled = 0;                     // bit i: slot i has a spill (kept with `spills`)
        // written_slots() of every slot, remembered until the next write
        // (mutate() forgets it): a state is asked at every block it enters.
        // `touched`: the same with a dynptr's and an iterator's slots (depth()).
        mutable std::uint64_t written = 0;
        mutable std::uint64_t touched = 0;
        mutable bool written_known = false;
        // Byte arrays by memcmp (a defaulted == compares the enum array
        // element by element: states are compared by the thousand).
        bool operator==(const Data& other) const {
            return spilled == other.spilled && std::memcmp(bytes.data(), other.bytes.data(), kStackSize) == 0 &&
                   std::memcmp(known.data(), other.known.data(), kStackSize) == 0 && spills == other.spills;
        }
    };

    explicit Stack(std::shared_ptr<Data> data) : m_data(std::move(data)) {}
    // The block, made this stack's own before a write.
    Data& mutate();
    void drop_spill_covering(int offset, int width);
    void set_spill(int slot, const Value& value);

    std::shared_ptr<Data> m_data;
};

// Each spill is updated on a copy, and the block is made this stack's own
// only when an update changes something: most updates (a null check's
// refinement, a reduction) touch no spilled value, and the block stays shared.
template <typename Update>
void Stack::for_each_spill(Update&& update) {
    for_each_spill_where([](const Value& /*value*/) { return true; }, update);
}

template <typename Select, typename Update>
void Stack::for_each_spill_where(Select&& select, Update&& update) {
    const std::size_t count = m_data->spills.size();
    for (std::size_t i = 0; i < count; ++i) {
        if (!select(std::as_const(m_data->spills[i].value))) {
            continue;
        }
        Value value = m_data->spills[i].value;
        update(value);
        if (!(value == m_data->spills[i].value)) {
            mutate().spills[i].value = value;
        }
    }
}

}  // namespace bpfcheck::domains
