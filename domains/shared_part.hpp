// A part of a partitioned state (partitioned_state.hpp): a machine state
// shared, copy on write, by the states and transfer memo entries that hold
// it, and a view that reads a vector of parts as states.
#pragma once

#include "domains/block_pool.hpp"
#include "domains/loop_iterations.hpp"
#include "domains/machine_state.hpp"

#include <cstddef>
#include <iterator>
#include <memory>
#include <tuple>
#include <utility>
#include <vector>

namespace bpfcheck::domains {

// A part of a partitioned state, shared by the states (and transfer memo
// entries) that hold it and never written while shared.
using SharedPart = std::shared_ptr<const MachineState>;

namespace part_facts {

// A shared part with what the partitions compute from it again and again:
// its shape() and, under one program point's loop counters, its shape there
// and its counters (LoopCounters::shape_of, counts_of). A part flows
// unchanged through edges and joins, and each filing asked for them again
// (a tenth of a loop-heavy analysis). The facts are taken from the part
// when first asked and kept while no one writes it: its only holder, about
// to write it, forgets them (forget()).
class HeldState final : public MachineState {
public:
    explicit HeldState(MachineState state) : MachineState(std::move(state)) {}

    [[nodiscard]] std::uint64_t shape() const {
        if (!m_shape_known) {
            m_shape = MachineState::shape();
            m_shape_known = true;
        }
        return m_shape;
    }
    [[nodiscard]] std::uint64_t shape_under(const LoopCounters& loop) const {
        take_counters(loop);
        return m_loop_shape;
    }
    [[nodiscard]] const IterationCounts& counts_under(const LoopCounters& loop) const {
        take_counters(loop);
        return m_counts;
    }
    // What a search for two parts to join compares, pair by pair
    // (PartitionedState::join_nearest_alike): each part's read once.
    [[nodiscard]] const PointerSignature& pointers() const {
        if (!m_pointers) {
            m_pointers = std::make_unique<PointerSignature>(pointer_signature());
        }
        return *m_pointers;
    }
    [[nodiscard]] const RegisterFeatures& register_features() const {
        if (!m_features) {
            m_features = std::make_unique<RegisterFeatures>(entry_register_features());
        }
        return *m_features;
    }
    void forget() const {
        m_shape_known = false;
        m_loop_known = false;
        m_pointers.reset();
        m_features.reset();
    }

private:
    void take_counters(const LoopCounters& loop) const {
        if (m_loop_known && m_loop == loop) {
            return;
        }
        m_loop = loop;
        std::tie(m_loop_shape, m_counts) = loop.shape_and_counts(*this, shape());
        m_loop_known = true;
    }

    mutable std::uint64_t m_shape = 0;
    mutable std::uint64_t m_loop_shape = 0;
    mutable LoopCounters m_loop;
    mutable IterationCounts m_counts;
    mutable std::unique_ptr<PointerSignature> m_pointers;
    mutable std::unique_ptr<RegisterFeatures> m_features;
    mutable bool m_shape_known = false;
    mutable bool m_loop_known = false;
};

// Every shared part is a HeldState (share_part makes them all).
inline const HeldState& held(const SharedPart& part) {
    return static_cast<const HeldState&>(*part);  // NOLINT(cppcoreguidelines-pro-type-static-cast-downcast)
}

}  // namespace part_facts

inline SharedPart share_part(MachineState state) {
    return std::allocate_shared<part_facts::HeldState>(PoolAllocator<part_facts::HeldState>{}, std::move(state));
}

// A part as a partitioned state files it: the shape it was filed under, a
// stamp (0, or the transfer memo's name for it), and its loop counters'
// constants there (IterationCounts).
struct FiledPart {
    SharedPart state;
    std::uint64_t shape = 0;
    std::uint64_t stamp = 0;
    IterationCounts counts;
    // PartitionedState::join_nearest_alike found no part to join this one
    // with (bit 0: without losing a constant or a map; bit 1: a map), and
    // neither this part nor those it was compared with changed since: a
    // search need not compare two such parts again. Cleared when written.
    std::uint8_t no_alike = 0;
};

// The parts of a partitioned state, read as states.
class PartsView {
public:
    explicit PartsView(const std::vector<FiledPart>& parts) : m_parts(&parts) {}
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = MachineState;
        using difference_type = std::ptrdiff_t;
        using pointer = const MachineState*;
        using reference = const MachineState&;
        iterator() = default;
        explicit iterator(std::vector<FiledPart>::const_iterator at) : m_at(at) {}
        reference operator*() const { return *m_at->state; }
        pointer operator->() const { return m_at->state.get(); }
        iterator& operator++() {
            ++m_at;
            return *this;
        }
        iterator operator++(int) {
            iterator before = *this;
            ++m_at;
            return before;
        }
        bool operator==(const iterator&) const = default;

    private:
        std::vector<FiledPart>::const_iterator m_at;
    };
    [[nodiscard]] std::size_t size() const { return m_parts->size(); }
    [[nodiscard]] bool empty() const { return m_parts->empty(); }
    const MachineState& operator[](std::size_t i) const { return *(*m_parts)[i].state; }
    [[nodiscard]] const MachineState& front() const { return *m_parts->front().state; }
    [[nodiscard]] iterator begin() const { return iterator(m_parts->begin()); }
    [[nodiscard]] iterator end() const { return iterator(m_parts->end()); }
    [[nodiscard]] std::vector<MachineState> to_vector() const {
        std::vector<MachineState> states;
        states.reserve(size());
        for (const FiledPart& part : *m_parts) {
            states.push_back(*part.state);
        }
        return states;
    }

private:
    const std::vector<FiledPart>* m_parts;
};

}  // namespace bpfcheck::domains
