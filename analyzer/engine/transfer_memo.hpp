// Remembered transfers of single states, per block or edge. A loop head
// keeps one part per iteration (PartitionedState), so each round of a loop
// sends every part through the body again although only the newest one
// changed: the transfer of a part is a function of the part alone (the
// executor's other inputs are fixed for the analysis; a call's result is
// itself a function of the entry state), so a part seen before at a block or
// edge yields what it yielded then. The analyzer asks here first and records
// what it computes, in loops only (elsewhere a block sees each state once).
// Lookups compare the part's shape first, then the whole state. Memory is
// bounded: each slot keeps its last kEntries states, all slots together at
// most kBudget, and a slot that found nothing in its first kEntries lookups
// (a big loop walked a few times, where every state is new) is given up.
#pragma once

#include "domains/machine_state.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace bpfcheck::analyzer {

class TransferMemo {
public:
    // What a transfer yielded: a state and its shape(), or nothing.
    struct Output {
        std::optional<domains::MachineState> state;
        std::uint64_t shape = 0;
    };

    explicit TransferMemo(std::size_t slots) : m_slots(slots) {}

    // What `input` (whose shape is `shape`) yielded at `slot`, if remembered.
    [[nodiscard]] const Output* find(std::size_t slot, std::uint64_t shape, const domains::MachineState& input) {
        Slot& s = m_slots[slot];
        if (s.given_up) {
            return nullptr;
        }
        for (const Entry& entry : s.entries) {
            if (entry.shape == shape && entry.input == input) {
                ++s.hits;
                return &entry.output;
            }
        }
        ++s.misses;
        return nullptr;
    }

    // Whether remember(slot, ...) may keep a new entry: callers ask first,
    // so that no copy of the input and output is made for a memo that
    // would drop it (a slot given up, or the budget spent: in a big loop
    // walked a few times, most transfers are never remembered).
    [[nodiscard]] bool keeps(std::size_t slot) const {
        const Slot& s = m_slots[slot];
        return !s.given_up && (s.entries.size() >= kEntries || m_total < kBudget);
    }

    void remember(std::size_t slot, std::uint64_t shape, const domains::MachineState& input, Output output) {
        Slot& s = m_slots[slot];
        if (s.given_up) {
            return;
        }
        if (s.hits == 0 && s.misses >= kEntries) {
            s.given_up = true;
            m_total -= s.entries.size();
            s.entries = {};
            return;
        }
        Entry entry{shape, input, std::move(output)};
        if (s.entries.size() < kEntries) {
            if (m_total >= kBudget) {
                return;
            }
            ++m_total;
            s.entries.push_back(std::move(entry));
        } else {
            s.entries[s.next] = std::move(entry);
            s.next = (s.next + 1) % kEntries;
        }
    }

private:
    static constexpr std::size_t kEntries = 48;
    static constexpr std::size_t kBudget = 8192;
    struct Entry {
        std::uint64_t shape;
        domains::MachineState input;
        Output output;
    };
    struct Slot {
        std::vector<Entry> entries;
        std::size_t next = 0;
        std::uint32_t hits = 0;
        std::uint32_t misses = 0;
        bool given_up = false;
    };
    std::vector<Slot> m_slots;
    std::size_t m_total = 0;  // entries kept over all slots
};

}  // namespace bpfcheck::analyzer
