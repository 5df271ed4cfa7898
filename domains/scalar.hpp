// The numeric domain of a BPF register: four interval views of one 64-bit
// value — unsigned and signed 64-bit, unsigned and signed 32-bit (the low
// subregister) — and its known bits (tnum), kept consistent by reduce(), as
// the kernel's bpf_reg_state keeps smin/smax/umin/umax/s32/u32/var_off.
// γ(s) = { x | umin<=x<=umax, smin<=(s64)x<=smax, u32min<=(u32)x<=u32max,
//              s32min<=(s32)x<=s32max, x ∈ γ(tnum) }; bottom when empty.
#pragma once

#include "domains/tnum.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>

namespace bpfcheck::domains {

class Scalar {
public:
    static Scalar top();
    static Scalar bottom();
    static Scalar constant(std::uint64_t value);
    static Scalar unsigned_range(std::uint64_t min, std::uint64_t max);
    static Scalar signed_range(std::int64_t min, std::int64_t max);
    static Scalar from_tnum(Tnum t);

    [[nodiscard]] bool is_bottom() const { return m_bottom; }
    [[nodiscard]] bool is_top() const;
    [[nodiscard]] bool leq(const Scalar& other) const;
    [[nodiscard]] bool equals(const Scalar& other) const { return leq(other) && other.leq(*this); }
    void join_with(const Scalar& other);
    void meet_with(const Scalar& other);
    // Bounds that grow jump to the next threshold (sorted ascending), then to
    // the type's extreme; the tnum is joined (it has finite height).
    void widen_with(const Scalar& other, std::span<const std::int64_t> thresholds = {});
    void narrow_with(const Scalar& other);

    // Tightens every view from the others until nothing changes (a few rounds
    // suffice, as in the kernel's reg_bounds_sync). Sets bottom when empty.
    void reduce();

    [[nodiscard]] bool contains(std::uint64_t x) const;
    [[nodiscard]] std::optional<std::uint64_t> as_constant() const {
        if (m_bottom) {
            return std::nullopt;
        }
        if (bits.is_constant()) {
            return bits.value;
        }
        if (umin == umax) {
            return umin;
        }
        return std::nullopt;
    }
    [[nodiscard]] bool is_constant() const { return as_constant().has_value(); }

    // The low 32 bits, zero-extended (what an ALU32 result holds).
    [[nodiscard]] Scalar zero_extended_subreg() const;
    // The low 32 bits, sign-extended to 64 (for signed 32-bit operations).
    [[nodiscard]] Scalar sign_extended_subreg() const;

    [[nodiscard]] std::string to_string() const;
    bool operator==(const Scalar&) const = default;

    std::int64_t smin;
    std::int64_t smax;
    std::uint64_t umin;
    std::uint64_t umax;
    std::int32_t s32min;
    std::int32_t s32max;
    std::uint32_t u32min;
    std::uint32_t u32max;
    Tnum bits;

private:
    Scalar();
    void set_bottom();
    void update_bounds_from_tnum();
    [[nodiscard]] bool subreg_signs_agree() const;
    void deduce_32_from_64();
    void deduce_64_from_32();
    void deduce_signs();
    void tnum_from_bounds();
    [[nodiscard]] bool trivially_reduced() const;
    [[nodiscard]] bool empty_bounds() const;
    bool m_bottom = false;
};

}  // namespace bpfcheck::domains
