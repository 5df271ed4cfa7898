// Tristate numbers ("tnums"): the known bits of a 64-bit value, as in the
// kernel verifier (kernel/bpf/tnum.c; Vishwanathan et al., "Sound, Precise,
// and Fast Abstract Interpretation with Tristate Numbers", CGO 2022).
// `value` holds the bits known to be 1, `mask` the unknown bits; a bit set in
// both never occurs. γ(t) = { x | x & ~mask == value }.
// Each operation returns a tnum containing every concrete result of the
// operation on members of its arguments (soundness), and is exact where the
// comment says so.
#pragma once

#include <cstdint>
#include <string>

namespace bpfcheck::domains {

struct Tnum {
    std::uint64_t value = 0;
    std::uint64_t mask = ~0ULL;

    static constexpr Tnum constant(std::uint64_t v) { return Tnum{v, 0}; }
    static constexpr Tnum unknown() { return Tnum{0, ~0ULL}; }
    // The smallest tnum containing [min, max] (min <= max, unsigned).
    static Tnum range(std::uint64_t min, std::uint64_t max);

    [[nodiscard]] constexpr bool is_constant() const { return mask == 0; }
    [[nodiscard]] constexpr bool is_unknown() const { return mask == ~0ULL; }
    [[nodiscard]] constexpr bool contains(std::uint64_t x) const { return (x & ~mask) == value; }
    // γ(other) ⊆ γ(this)
    [[nodiscard]] bool includes(const Tnum& other) const;
    [[nodiscard]] constexpr std::uint64_t min() const { return value; }
    [[nodiscard]] constexpr std::uint64_t max() const { return value | mask; }
    bool operator==(const Tnum&) const = default;

    [[nodiscard]] std::string to_string() const;
};

Tnum tnum_add(Tnum a, Tnum b);
Tnum tnum_sub(Tnum a, Tnum b);
Tnum tnum_mul(Tnum a, Tnum b);
Tnum tnum_and(Tnum a, Tnum b);  // exact
Tnum tnum_or(Tnum a, Tnum b);   // exact
Tnum tnum_xor(Tnum a, Tnum b);  // exact
Tnum tnum_neg(Tnum a);
Tnum tnum_lshift(Tnum a, unsigned shift);              // exact, shift < 64
Tnum tnum_rshift(Tnum a, unsigned shift);              // exact, shift < 64
Tnum tnum_arshift(Tnum a, unsigned shift, bool is32);  // exact, shift < width
// Values in both: the meet. `conflict` is set when no value is in both.
Tnum tnum_intersect(Tnum a, Tnum b, bool* conflict = nullptr);
// Smallest tnum containing both: the join.
Tnum tnum_union(Tnum a, Tnum b);
// A widening: the join, and when it differs from `a`, every bit at or above
// the highest unknown bit becomes unknown too, so chains stabilise at once
// (the join alone may lose one bit per iteration, 64 iterations in all).
Tnum tnum_widen(Tnum a, Tnum b);
// Low `bytes` bytes only (zero-extends the truncation): exact.
Tnum tnum_cast(Tnum a, unsigned bytes);
Tnum tnum_subreg(Tnum a);  // tnum_cast(a, 4)
// Upper 32 bits of `a`, lower 32 bits of `low`.
Tnum tnum_with_subreg(Tnum a, Tnum low);
// Reverses the byte order of the low `bytes` bytes, upper bytes become 0: exact.
Tnum tnum_bswap(Tnum a, unsigned bytes);
// Sign-extends the low `bits` bits to 64: exact.
Tnum tnum_sign_extend(Tnum a, unsigned bits);
// Whether every member is a multiple of `size` (a power of two; 0 and 1:
// always), as the kernel's tnum_is_aligned.
constexpr bool tnum_is_aligned(Tnum a, std::uint64_t size) {
    return size == 0 || ((a.value | a.mask) & (size - 1)) == 0;
}

}  // namespace bpfcheck::domains
