// Counter arithmetic for the termination proofs: the four numeric views of
// a register (u64, s64, u32, s32) as exact integer ranges, strides, and how
// many steps a counter can take inside a range before it leaves it or wraps
// around. Pure functions over plain data, 128-bit so that no bound overflows.
#pragma once

#include "analyzer/termination/termination_delta.hpp"
#include "domains/scalar.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bpfcheck::analyzer::termination {

// Counts and view bounds need 65 bits and a sign.
__extension__ typedef __int128 Wide;

enum class View : std::uint8_t { U64, S64, U32, S32, U8, U16 };
// The views of a whole register; U8 and U16 are those of a masked copy's
// low bits (Width::Low8, Width::Low16) only.
inline constexpr std::array kAllViews = {View::U64, View::S64, View::U32, View::S32};

inline bool is32(View v) {
    return v == View::U32 || v == View::S32;
}
Wide view_min(View v);
Wide view_max(View v);
// The scalar's range in one view.
std::pair<Wide, Wide> range_in(const domains::Scalar& s, View v);

// How a counter moves per iteration: by at least min_step, at most max_step
// (unbounded_step: no upper limit), up or down.
struct Stride {
    bool up = true;
    Wide min_step = 1;
    Wide max_step = 1;
    bool unbounded_step = false;
    [[nodiscard]] bool exact() const { return !unbounded_step && min_step == max_step; }
};

// The stride of `head(x) + [lo, hi]` around a cycle: nullopt unless the
// offsets all have one sign and none is 0.
std::optional<Stride> stride_of(const Relation& r);
std::string stride_text(const Stride& s);

// How many times a value in [lo, hi] can take a step of `s` and still be in
// [lo, hi] afterwards, when no step wraps around the view; nullopt when one may.
std::optional<Wide> steps(Wide lo, Wide hi, View v, const Stride& s);

// For a counter with an exact stride starting at `starts` (+ `offset`), the
// number of steps until it equals `bound` in the low `width` bits, the same
// for every start; nullopt when some start never reaches it exactly.
std::optional<Wide> steps_to_equal(const std::vector<std::uint64_t>& starts, std::int64_t offset, std::uint64_t bound,
                                   const Stride& stride, unsigned width);

std::uint64_t saturate(Wide w);

}  // namespace bpfcheck::analyzer::termination
