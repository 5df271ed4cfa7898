// Remembered transfers of single states, per block or edge. A loop head
// keeps one part per iteration (PartitionedState), and every round of a loop
// that holds another loop walks the inner loop again from its entry, mostly
// on parts it walked before: the transfer of a part is a function of the
// part alone (the executor's other inputs are fixed for the analysis; a
// call's result is itself a function of the entry state), so a part seen
// before at a block or edge yields what it yielded then. The analyzer asks
// here first and records what it computes, only in loops that hold loops
// (BlockFacts::walked_again; a loop with no loop inside walks each part once,
// see FixpointEngine's walk_changes).
// Inputs and outputs are shared parts (domains::SharedPart): remembering
// copies no state, and a lookup of the very part remembered is a pointer
// compare. Lookups compare the part's shape first, then the whole state, unless the
// part carries a stamp (PartitionedState::stamps()): each remembered output
// gets a stamp of its own, never reused, that names its value; a part that
// is a copy of such an output and was not changed since is found by its
// stamp, an integer compare (in a loop body, what flows from one block to
// the next is mostly such copies). A stamp found nowhere falls back to the
// whole-state comparison, and an entry found so learns the stamp: the same
// entries are found either way, so the memo's answers do not change. Memory is
// bounded: each slot keeps its last kEntries states, all slots together at
// most kBudget, and a slot that found nothing in its first kEntries lookups
// (a big loop walked a few times, where every state is new) is given up.
#pragma once

#include "domains/partitioned_state.hpp"

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace bpfcheck::analyzer {

class TransferMemo {
public:
    // What a transfer yielded: a state and its shape(), or nothing.
    struct Output {
        domains::SharedPart state;  // null: nothing
        std::uint64_t shape = 0;
        std::uint64_t stamp = 0;  // set by remember(): names `state`'s value
    };

    explicit TransferMemo(std::size_t slots) : m_slots(slots) {}

    // What `input` (whose shape is `shape`; `stamp`: its stamp, or 0)
    // yielded at `slot`, if remembered.
    [[nodiscard]] const Output* find(std::size_t slot, std::uint64_t shape, const domains::SharedPart& input,
                                     std::uint64_t stamp = 0) {
        Slot& s = m_slots[slot];
        if (s.given_up) {
            return nullptr;
        }
        // One scan: no two entries of a slot have equal inputs (an input is
        // remembered only when not found), so the entry a stamp names is the
        // one equality would find.
        for (Entry& entry : s.entries) {
            if (entry.shape != shape) {
                continue;
            }
            if ((stamp != 0 && entry.input_stamp == stamp) || entry.input == input || *entry.input == *input) {
                ++s.hits;
                if (stamp != 0) {
                    entry.input_stamp = stamp;
                }
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

    // Remembers what `input` (`input_stamp`: its stamp, or 0) yielded;
    // returns the stamp given to the output's state when it was kept (0:
    // not kept, or no state).
    std::uint64_t remember(std::size_t slot, std::uint64_t shape, const domains::SharedPart& input, Output output,
                           std::uint64_t input_stamp = 0) {
        Slot& s = m_slots[slot];
        if (s.given_up) {
            return 0;
        }
        if (s.hits == 0 && s.misses >= kEntries) {
            s.given_up = true;
            m_total -= s.entries.size();
            s.entries = {};
            return 0;
        }
        if (s.entries.size() < kEntries && m_total >= kBudget) {
            return 0;
        }
        output.stamp = output.state ? ++m_last_stamp : 0;
        const std::uint64_t stamp = output.stamp;
        Entry entry{shape, input_stamp, input, std::move(output)};
        if (s.entries.size() < kEntries) {
            ++m_total;
            s.entries.push_back(std::move(entry));
        } else {
            s.entries[s.next] = std::move(entry);
            s.next = (s.next + 1) % kEntries;
        }
        return stamp;
    }

    // A stamp for what the transfer at `slot` yields from a state stamped
    // `stamp` (0 for 0), for transfers too cheap to remember (an edge that
    // only forgets dead registers): the transfer is a function of its
    // input, so the same stamp in gives the same value out, and the blocks
    // after it can still find their inputs by stamp.
    std::uint64_t derived_stamp(std::size_t slot, std::uint64_t stamp) {
        if (stamp == 0) {
            return 0;
        }
        if (m_derived.size() >= kDerivedBudget) {
            m_derived.clear();  // names given again are fresh: lookups fall back to comparing states
        }
        auto [at, fresh] = m_derived.try_emplace({slot, stamp}, 0);
        if (fresh) {
            at->second = ++m_last_stamp;
        }
        return at->second;
    }

private:
    static constexpr std::size_t kEntries = 48;
    static constexpr std::size_t kBudget = 8192;
    static constexpr std::size_t kDerivedBudget = 4 * kBudget;  // names of unremembered edge outputs
    struct Entry {
        std::uint64_t shape;
        std::uint64_t input_stamp;  // 0, or a stamp naming `input`'s value
        domains::SharedPart input;
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
    std::size_t m_total = 0;         // entries kept over all slots
    std::uint64_t m_last_stamp = 0;  // the last stamp given (stamps are never reused)
    std::map<std::pair<std::size_t, std::uint64_t>, std::uint64_t> m_derived;  // see derived_stamp
};

}  // namespace bpfcheck::analyzer
