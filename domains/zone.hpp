// A relational domain of difference bounds (a zone: constraints `x - y <= c`
// between integer variables; Miné, "A New Numerical Abstract Domain Based on
// Difference-Bound Matrices", 2001). Variable 0 is the constant zero, so
// `x - 0 <= c` and `0 - x <= c` are x's interval. Sparse: only the finite
// bounds are stored, keyed by variable pair, and the closure (Floyd-Warshall
// over the variables in play, as split/sparse DBMs do) costs the cube of the
// number of variables that have a bound, not of every register and stack
// slot. Meant to relate loop counters, registers, stack slots and packet
// offsets against data_end, reduced with the intervals by the caller.
//
// Lattice: join is the pointwise maximum of closed zones; widening (Miné's,
// with thresholds) keeps the bounds of the left side that the right side
// respects, moves the others to the next threshold or drops them, and does
// not close its result, so chains stabilise (each step drops a bound or
// stops); narrowing fills only the bounds the left side lacks.
#pragma once

#include "domains/lattice.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace bpfcheck::domains {

class Zone {
public:
    using Var = std::uint32_t;
    static constexpr Var kZero = 0;
    // Bounds at or beyond this magnitude are not kept (no bound).
    static constexpr std::int64_t kInfinity = std::int64_t{1} << 62;

    static Zone top() { return Zone(); }
    static Zone bottom() {
        Zone z;
        z.m_bottom = true;
        return z;
    }

    [[nodiscard]] bool is_bottom() const;
    [[nodiscard]] bool leq(const Zone& other) const;
    void join_with(const Zone& other);
    void widen_with(const Zone& other, std::span<const std::int64_t> thresholds = {});
    void narrow_with(const Zone& other);
    void meet_with(const Zone& other);

    // Assumes `x - y <= c`.
    void add(Var x, Var y, std::int64_t c);
    // Assumes `x - y <= c` without closing (for a batch of bounds; any
    // query closes first).
    void constrain(Var x, Var y, std::int64_t c) {
        if (!m_bottom) {
            set(x, y, c);
            m_closed = false;
        }
    }
    // The tightest bound on `x - y` (nullopt: none).
    [[nodiscard]] std::optional<std::int64_t> bound(Var x, Var y) const;
    // The variables z other than x and zero at an exact distance from x
    // (z - x == d), with d: a spill and its register, a copy plus a constant.
    [[nodiscard]] std::vector<std::pair<Var, std::int64_t>> exact_partners(Var x) const;
    // x's range [lo, hi] from its bounds against zero (±kInfinity: none).
    [[nodiscard]] std::pair<std::int64_t, std::int64_t> interval(Var x) const;
    // Forgets every bound on x.
    void forget(Var x);
    // x := y + c (x may be y: a shift of x's bounds).
    void assign(Var x, Var y, std::int64_t c);
    // The variables with some bound.
    [[nodiscard]] std::vector<Var> variables() const;
    // No bound at all (top): the cheap test that keeps programs without
    // relations off the relational path.
    [[nodiscard]] bool empty() const { return !m_bottom && m_bounds.empty(); }
    // Calls visit(x, y, c) for each stored bound x - y <= c (not closed).
    template <typename Visit>
    void for_each_bound(Visit&& visit) const {
        for (const auto& [key, c] : m_bounds) {
            visit(key.first, key.second, c);
        }
    }
    // Whether some bound names x.
    [[nodiscard]] bool mentions(Var x) const;

    bool operator==(const Zone&) const = default;
    [[nodiscard]] std::string to_string() const;

private:
    using Key = std::pair<Var, Var>;  // (x, y): x - y <= bound
    void close();
    [[nodiscard]] Zone closed() const;
    // This zone closed, read in place when it already is; otherwise a closed
    // copy made in `storage` (no copy of a closed zone per query).
    [[nodiscard]] const Zone& closed_view(std::optional<Zone>& storage) const;
    void set(Var x, Var y, std::int64_t c);

    std::map<Key, std::int64_t> m_bounds;
    bool m_bottom = false;
    bool m_closed = true;
};

static_assert(MeetDomain<Zone>);

}  // namespace bpfcheck::domains
