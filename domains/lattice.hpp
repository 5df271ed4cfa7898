// The one lattice vocabulary every abstract domain speaks, as C++20
// concepts, so the fixpoint engine (and the law tests) can require it:
// bottom, the order, join, widening (with thresholds), narrowing. States the
// engine iterates also take the join *site* (a CFG vertex), which names the
// identities a join creates, the same way in every iteration, and are
// compared with ==. The kernel's tnum (tnum.hpp) stays a value type with
// free functions, as in the kernel; the Scalar built on it is the lattice.
#pragma once

#include <concepts>
#include <cstdint>
#include <span>

namespace bpfcheck::domains {

template <typename D>
concept AbstractDomain = requires(D a, const D& b, std::span<const std::int64_t> thresholds) {
    { D::bottom() } -> std::same_as<D>;
    { b.is_bottom() } -> std::convertible_to<bool>;
    { b.leq(b) } -> std::convertible_to<bool>;
    a.join_with(b);
    a.widen_with(b, thresholds);
    a.narrow_with(b);
};

// A domain with a meet (greatest lower bound), used to assume conditions.
template <typename D>
concept MeetDomain = AbstractDomain<D> && requires(D a, const D& b) {
    a.meet_with(b);
};

// What FixpointEngine iterates: site-aware join and widening, equality.
template <typename S>
concept FixpointState = AbstractDomain<S> && std::equality_comparable<S> &&
    requires(S a, const S& b, std::span<const std::int64_t> thresholds, std::uint32_t site) {
    a.join_with(b, site);
    a.widen_with(b, thresholds, site);
};

}  // namespace bpfcheck::domains
