// Counter arithmetic (see termination_counter.hpp).
#include "analyzer/termination/termination_counter.hpp"

#include <fmt/format.h>
#include <algorithm>

namespace bpfcheck::analyzer::termination {

Wide view_min(View v) {
    switch (v) {
        case View::S64:
            return -(Wide{1} << 63);
        case View::S32:
            return -(Wide{1} << 31);
        default:
            return 0;
    }
}

Wide view_max(View v) {
    switch (v) {
        case View::U64:
            return (Wide{1} << 64) - 1;
        case View::S64:
            return (Wide{1} << 63) - 1;
        case View::U32:
            return (Wide{1} << 32) - 1;
        case View::S32:
            return (Wide{1} << 31) - 1;
        case View::U8:
            return 0xff;
        case View::U16:
            return 0xffff;
    }
    return 0;
}

std::pair<Wide, Wide> range_in(const domains::Scalar& s, View v) {
    switch (v) {
        case View::U64:
            return {s.umin, s.umax};
        case View::S64:
            return {s.smin, s.smax};
        case View::U32:
            return {s.u32min, s.u32max};
        case View::S32:
            return {s.s32min, s.s32max};
        case View::U8:
        case View::U16: {
            // A masked value is zero-extended: its u64 range, when within the view.
            const Wide top = view_max(v);
            return s.umax <= top ? std::pair<Wide, Wide>{s.umin, s.umax} : std::pair<Wide, Wide>{0, top};
        }
    }
    return {0, 0};
}

std::optional<Stride> stride_of(const Relation& r) {
    if (r.kind != RelKind::Offset) {
        return std::nullopt;
    }
    if (r.lo >= 1) {
        return Stride{true, r.lo, r.hi, r.hi >= kInfinity};
    }
    if (r.hi <= -1) {
        return Stride{false, -Wide{r.hi}, -Wide{r.lo}, r.lo <= -kInfinity};
    }
    return std::nullopt;
}

std::string stride_text(const Stride& s) {
    const char sign = s.up ? '+' : '-';
    if (s.unbounded_step) {
        return fmt::format("{}{} or more", sign, saturate(s.min_step));
    }
    if (s.min_step == s.max_step) {
        return fmt::format("{}{}", sign, saturate(s.min_step));
    }
    return fmt::format("{}{}..{}", sign, saturate(s.min_step), saturate(s.max_step));
}

std::optional<Wide> steps(Wide lo, Wide hi, View v, const Stride& s) {
    if (lo > hi) {
        return Wide{0};
    }
    if (s.unbounded_step) {
        return std::nullopt;
    }
    if (s.up ? hi + s.max_step > view_max(v) : lo - s.max_step < view_min(v)) {
        return std::nullopt;
    }
    return (hi - lo) / s.min_step + 1;
}

std::optional<Wide> steps_to_equal(const std::vector<std::uint64_t>& starts, std::int64_t offset, std::uint64_t bound,
                                   const Stride& stride, unsigned width) {
    if (!stride.exact() || starts.empty()) {
        return std::nullopt;
    }
    const std::uint64_t mask = width >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << width) - 1;
    const auto step = static_cast<std::uint64_t>(stride.min_step);
    Wide most = 0;
    for (const std::uint64_t start : starts) {
        // Arithmetic modulo 2^64, then the compared width: the counter's own.
        const std::uint64_t first = start + static_cast<std::uint64_t>(offset);
        const std::uint64_t distance = (stride.up ? bound - first : first - bound) & mask;
        if (distance % step != 0) {
            return std::nullopt;
        }
        most = std::max<Wide>(most, distance / step);
    }
    return most;
}

std::uint64_t saturate(Wide w) {
    return w > Wide{UINT64_MAX} ? UINT64_MAX : static_cast<std::uint64_t>(std::max<Wide>(w, 0));
}

}  // namespace bpfcheck::analyzer::termination
