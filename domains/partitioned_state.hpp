// Trace partitioning by shape (Mauborgne and Rival, "Trace Partitioning in
// Abstract Interpretation Based Static Analyzers", ESOP 2005): at a join, the
// states whose registers and stack slots hold the same kinds of value (same
// "shape") are joined; states of different shapes are kept apart, up to
// kMaxPartitions per program point, beyond which the rest are joined. The
// kernel explores paths one by one and never merges a map-value pointer with
// a stack pointer; this keeps us from doing so either, at a bounded cost.
#pragma once

#include "domains/lattice.hpp"
#include "domains/machine_state.hpp"

#include <algorithm>
#include <optional>
#include <span>
#include <vector>

namespace bpfcheck::domains {

inline constexpr std::size_t kMaxPartitions = 32;

class PartitionedState {
public:
    static PartitionedState bottom() { return PartitionedState(); }
    static PartitionedState of(MachineState state) {
        PartitionedState p;
        p.add(std::move(state), kNoId);
        return p;
    }

    [[nodiscard]] bool is_bottom() const { return m_parts.empty(); }
    [[nodiscard]] const std::vector<MachineState>& parts() const { return m_parts; }
    std::vector<MachineState>& parts() { return m_parts; }

    [[nodiscard]] bool leq(const PartitionedState& other) const {
        // Each part must be covered by some part of `other` (a folded part
        // may hold states of several shapes, so shapes alone cannot pair them).
        for (std::size_t i = 0; i < m_parts.size(); ++i) {
            const auto match = other.find(m_shapes[i]);
            if (match && m_parts[i].leq(other.m_parts[*match])) {
                continue;
            }
            const bool covered = std::any_of(other.m_parts.begin(), other.m_parts.end(),
                                             [&](const auto& o) { return m_parts[i].leq(o); });
            if (!covered) {
                return false;
            }
        }
        return true;
    }

    void join_with(const PartitionedState& other, std::uint32_t site = kNoId) {
        for (const auto& part : other.m_parts) {
            add(part, site);
        }
    }

    void widen_with(const PartitionedState& other, std::span<const std::int64_t> thresholds,
                    std::uint32_t site = kNoId) {
        for (std::size_t i = 0; i < other.m_parts.size(); ++i) {
            if (const auto match = find(other.m_shapes[i])) {
                m_parts[*match].widen_with(other.m_parts[i], thresholds, site);
            } else if (m_parts.size() < kMaxPartitions) {
                add(other.m_parts[i], site);
            } else {
                // Folding must widen too, or the folded part could grow forever.
                MachineState joined = m_parts.back();
                joined.join_with(other.m_parts[i], site);
                m_parts.back().widen_with(joined, thresholds, site);
            }
        }
    }

    // Narrowing with F(this): each incoming part narrows the part that covers
    // it (its own shape first, else any covering part); a part nothing flows
    // into is dropped. When some incoming part is covered by none, nothing is
    // narrowed (folded parts may hold several shapes, so pairing by shape
    // alone would be unsound).
    void narrow_with(const PartitionedState& other) {
        std::vector<std::optional<MachineState>> into(m_parts.size());
        for (std::size_t j = 0; j < other.m_parts.size(); ++j) {
            std::optional<std::size_t> target = find(other.m_shapes[j]);
            if (target && !other.m_parts[j].leq(m_parts[*target])) {
                target.reset();
            }
            for (std::size_t i = 0; i < m_parts.size() && !target; ++i) {
                if (other.m_parts[j].leq(m_parts[i])) {
                    target = i;
                }
            }
            if (!target) {
                return;
            }
            if (!into[*target]) {
                into[*target] = other.m_parts[j];
            } else {
                into[*target]->join_with(other.m_parts[j]);
            }
        }
        std::vector<std::uint64_t> shapes;
        std::vector<MachineState> parts;
        for (std::size_t i = 0; i < m_parts.size(); ++i) {
            if (!into[i]) {
                continue;  // nothing flows in: unreachable at this head
            }
            m_parts[i].narrow_with(*into[i]);
            if (!m_parts[i].is_bottom()) {
                shapes.push_back(m_shapes[i]);
                parts.push_back(std::move(m_parts[i]));
            }
        }
        m_shapes = std::move(shapes);
        m_parts = std::move(parts);
    }

    // Adds a state: joined into the part of the same shape, or a new part.
    void add(MachineState state, std::uint32_t site) {
        if (state.is_bottom()) {
            return;
        }
        const std::uint64_t shape = state.shape();
        if (const auto match = find(shape)) {
            m_parts[*match].join_with(state, site);
            return;
        }
        if (m_parts.size() >= kMaxPartitions) {
            // Over budget: fold into the last part; it keeps its own shape key.
            m_parts.back().join_with(state, site);
            return;
        }
        const auto position =
            static_cast<std::size_t>(std::lower_bound(m_shapes.begin(), m_shapes.end(), shape) - m_shapes.begin());
        m_shapes.insert(m_shapes.begin() + static_cast<std::ptrdiff_t>(position), shape);
        m_parts.insert(m_parts.begin() + static_cast<std::ptrdiff_t>(position), std::move(state));
    }

    [[nodiscard]] MachineState joined() const {
        MachineState all = MachineState::bottom();
        for (const auto& part : m_parts) {
            all.join_with(part);
        }
        return all;
    }

    bool operator==(const PartitionedState&) const = default;

private:
    [[nodiscard]] std::optional<std::size_t> find(std::uint64_t shape) const {
        const auto it = std::lower_bound(m_shapes.begin(), m_shapes.end(), shape);
        if (it != m_shapes.end() && *it == shape) {
            return static_cast<std::size_t>(it - m_shapes.begin());
        }
        return std::nullopt;
    }

    std::vector<std::uint64_t> m_shapes;  // sorted; m_shapes[i] is m_parts[i]'s shape
    std::vector<MachineState> m_parts;
};

static_assert(FixpointState<PartitionedState>);

}  // namespace bpfcheck::domains
