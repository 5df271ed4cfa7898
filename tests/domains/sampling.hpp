// Random abstract values and random members of them, for soundness tests:
// for concrete x ∈ γ(a), y ∈ γ(b), op(x, y) must lie in γ(op#(a, b)).
#pragma once

#include "domains/scalar.hpp"

#include <optional>
#include <random>

namespace bpfcheck::test {

using Rng = std::mt19937_64;

// Values near the interesting edges: 0, small, sign boundaries, extremes.
inline std::uint64_t edgy_value(Rng& rng) {
    static constexpr std::uint64_t kEdges[] = {0,
                                               1,
                                               2,
                                               7,
                                               255,
                                               256,
                                               0x7fff,
                                               0xffff,
                                               0x7fffffff,
                                               0x80000000,
                                               0xffffffff,
                                               0x100000000,
                                               0x7fffffffffffffff,
                                               0x8000000000000000,
                                               0xfffffffffffffffe,
                                               0xffffffffffffffff};
    switch (rng() % 4) {
        case 0:
            return kEdges[rng() % std::size(kEdges)];
        case 1:
            return kEdges[rng() % std::size(kEdges)] + (rng() % 5) - 2;
        case 2:
            return rng() % 64;
        default:
            return rng();
    }
}

inline domains::Scalar random_scalar(Rng& rng) {
    const std::uint64_t x = edgy_value(rng);
    const std::uint64_t y = edgy_value(rng);
    switch (rng() % 6) {
        case 0:
            return domains::Scalar::constant(x);
        case 1:
            return domains::Scalar::unsigned_range(std::min(x, y), std::max(x, y));
        case 2: {
            const auto sx = static_cast<std::int64_t>(x);
            const auto sy = static_cast<std::int64_t>(y);
            return domains::Scalar::signed_range(std::min(sx, sy), std::max(sx, sy));
        }
        case 3:
            return domains::Scalar::from_tnum(domains::Tnum{x & ~y, y});
        case 4:
            return domains::Scalar::unsigned_range(x % 1024, x % 1024 + y % 1024);
        default:
            return domains::Scalar::top();
    }
}

inline std::optional<std::uint64_t> random_member(const domains::Scalar& s, Rng& rng) {
    if (s.is_bottom()) {
        return std::nullopt;
    }
    for (int attempt = 0; attempt < 64; ++attempt) {
        std::uint64_t x = 0;
        switch (attempt % 4) {
            case 0:
                x = s.umin;
                break;
            case 1:
                x = s.umax;
                break;
            case 2:
                x = s.umin + rng() % (s.umax - s.umin + 1 == 0 ? ~0ULL : s.umax - s.umin + 1);
                break;
            default:
                x = s.bits.value | (rng() & s.bits.mask);
                break;
        }
        if (attempt >= 2 && attempt % 4 < 2) {
            x = s.bits.value | (edgy_value(rng) & s.bits.mask);
        }
        if (s.contains(x)) {
            return x;
        }
    }
    return std::nullopt;
}

}  // namespace bpfcheck::test
