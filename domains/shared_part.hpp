// A part of a partitioned state (partitioned_state.hpp): a machine state
// shared, copy on write, by the states and transfer memo entries that hold
// it, and a view that reads a vector of parts as states.
#pragma once

#include "domains/block_pool.hpp"
#include "domains/machine_state.hpp"

#include <cstddef>
#include <iterator>
#include <memory>
#include <utility>
#include <vector>

namespace bpfcheck::domains {

// A part of a partitioned state, shared by the states (and transfer memo
// entries) that hold it and never written while shared.
using SharedPart = std::shared_ptr<const MachineState>;
inline SharedPart share_part(MachineState state) {
    return std::allocate_shared<MachineState>(PoolAllocator<MachineState>{}, std::move(state));
}

// The parts of a partitioned state, read as states.
class PartsView {
public:
    explicit PartsView(const std::vector<SharedPart>& parts) : m_parts(&parts) {}
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = MachineState;
        using difference_type = std::ptrdiff_t;
        using pointer = const MachineState*;
        using reference = const MachineState&;
        iterator() = default;
        explicit iterator(std::vector<SharedPart>::const_iterator at) : m_at(at) {}
        reference operator*() const { return **m_at; }
        pointer operator->() const { return m_at->get(); }
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
        std::vector<SharedPart>::const_iterator m_at;
    };
    [[nodiscard]] std::size_t size() const { return m_parts->size(); }
    [[nodiscard]] bool empty() const { return m_parts->empty(); }
    const MachineState& operator[](std::size_t i) const { return *(*m_parts)[i]; }
    [[nodiscard]] const MachineState& front() const { return *m_parts->front(); }
    [[nodiscard]] iterator begin() const { return iterator(m_parts->begin()); }
    [[nodiscard]] iterator end() const { return iterator(m_parts->end()); }
    [[nodiscard]] std::vector<MachineState> to_vector() const {
        std::vector<MachineState> states;
        states.reserve(size());
        for (const SharedPart& part : *m_parts) {
            states.push_back(*part);
        }
        return states;
    }

private:
    const std::vector<SharedPart>* m_parts;
};

}  // namespace bpfcheck::domains
