// The relational part of the machine state: difference bounds (a Zone)
// between the numbers registers and spilled stack slots hold, the offsets of
// packet pointers, and the packet's length (data_end - data). The intervals
// of each value stay in the Value itself; the zone keeps only relations
// between two variables (never a variable against zero), so it is empty (and
// costs one test per operation) in programs whose values are not related.
// reduce_relations() (relations_reduce.hpp) exchanges bounds between the two
// both ways.
//
// A variable names a place and a class: the number held as a signed 64-bit
// integer (class Number), or a packet pointer's offset from the packet's
// start (class PacketOffset). The classes of one register are distinct
// variables, so a relation never outlives a change of what the place holds
// into another class. Whoever writes a place forgets its variables first.
//
// Beside the zone, equalities `x = a * y + b` between a pointer's offset and
// a number, with a non-zero integer slope a (Karr's affine equalities, "Affine
// Relationships Among Variables of a Program", 1976, restricted to pairs):
// a map-value pointer advanced by 32 per row while a counter goes up by 1
// (`g->cell[i][j]`). The zone cannot say `off = 32 * i`; the join of two
// points (i, off) = (0, 0) and (1, 32) is that line. Such an equality only
// appears at a join of two states that hold constants there
// (relations_reduce.hpp: affine_from_constants) and is kept while both sides
// of a later join keep it (or hold constants on it); the lattice of a pair's
// equalities has height 2 (a point, a line, nothing), so widening is the join.
// Both parts live in one copy-on-write store, so a state's relational part
// stays one pointer (24 bytes with the flag).
#pragma once

#include "domains/zone.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace bpfcheck::domains {

// Shifted32: the number a register held before `r <<= 32` (it holds that
// number times 2^32 until `r >>= 32` brings it back: clang's zero extension).
// PointerOffset: the offset of a pointer other than a packet pointer (a map
// value, memory, the stack); only affine equalities name it.
enum class VarClass : std::uint8_t { Number = 0, PacketOffset = 1, Shifted32 = 2, PointerOffset = 3 };
inline constexpr std::uint32_t kVarClasses = 4;

// x = a * y + b (a not 0).
struct AffineEquality {
    std::uint32_t x;
    std::uint32_t y;
    std::int64_t a;
    std::int64_t b;
    bool operator==(const AffineEquality&) const = default;
    auto operator<=>(const AffineEquality&) const = default;
};

class Relations {
public:
    using Var = Zone::Var;
    static constexpr std::uint32_t kPlacesPerFrame = 11 + 64;  // registers, then stack slots
    static constexpr std::uint32_t kFrames = 8;
    // data_end - data: the packet's length (not negative; no upper bound is
    // assumed, see relations_reduce.hpp).
    static constexpr Var kPacketLength = 1 + kFrames * kPlacesPerFrame * kVarClasses;

    static constexpr Var reg_var(std::uint32_t frame, int reg, VarClass c) {
        return 1 + (frame * kPlacesPerFrame + static_cast<std::uint32_t>(reg)) * kVarClasses +
               static_cast<std::uint32_t>(c);
    }
    static constexpr Var slot_var(std::uint32_t frame, int slot, VarClass c) {
        return 1 + (frame * kPlacesPerFrame + 11 + static_cast<std::uint32_t>(slot)) * kVarClasses +
               static_cast<std::uint32_t>(c);
    }
    struct Place {
        std::uint32_t frame;
        int index;  // register 0..10, or 11 + stack slot
        VarClass var_class;
    };
    // The place a variable names (nullopt for kPacketLength and zero).
    static std::optional<Place> place_of(Var v);

    // Relations are tracked in this state (the analyzer's choice, carried by
    // every state derived from the entry state).
    void track() { m_tracked = true; }
    [[nodiscard]] bool tracked() const { return m_tracked; }

    [[nodiscard]] bool empty() const { return zone_empty() && affine().empty(); }
    [[nodiscard]] bool zone_empty() const { return m_zone == nullptr || m_zone->empty(); }
    [[nodiscard]] bool mentions(Var v) const {
        return (!zone_empty() && m_zone->mentions(v)) || (!affine().empty() && affine_mentions(v));
    }
    [[nodiscard]] bool affine_mentions(Var v) const;
    [[nodiscard]] const Zone& zone() const;
    // The affine equalities (sorted, at most kMaxAffine).
    [[nodiscard]] const std::vector<AffineEquality>& affine() const {
        static const std::vector<AffineEquality> kNone;
        return m_zone == nullptr ? kNone : m_zone->affine;
    }
    // Assumes x = a * y + b (a caller that knows it holds on this state).
    void add_affine(const AffineEquality& e);
    static constexpr std::size_t kMaxAffine = 16;

    // Every class of a register or a slot; every place of frames >= `frame`.
    void forget_reg(std::uint32_t frame, int reg);
    // Whether forget_reg(frame, reg) would change anything.
    [[nodiscard]] bool mentions_reg(std::uint32_t frame, int reg) const;
    void forget_slot(std::uint32_t frame, int slot);
    void forget_frames_from(std::uint32_t frame);
    // Every packet offset and the packet length (the packet may have moved).
    void forget_packet();
    void forget(Var v) {
        if (!zone_empty()) {
            edit().forget(v);
        }
        forget_affine(v);
    }
    // x := y + c (x's other classes forgotten).
    void assign(Var x, Var y, std::int64_t c);
    // x := x + c.
    void shift(Var x, std::int64_t c);
    // Assumes x - y <= c.
    void add(Var x, Var y, std::int64_t c);
    // Assumes x - y <= c, left unclosed.
    void constrain(Var x, Var y, std::int64_t c) { edit().constrain(x, y, c); }
    // Every affine equality that names v is dropped.
    void forget_affine(Var v);
    // Assumes x - y == d, left unclosed (a join or widening closes).
    void constrain_equal(Var x, Var y, std::int64_t d) {
        Zone& zone = edit();
        zone.constrain(x, y, d);
        zone.constrain(y, x, -d);
    }
    [[nodiscard]] bool is_bottom() const { return m_zone != nullptr && m_zone->is_bottom(); }

    [[nodiscard]] bool leq(const Relations& other) const {
        return (other.zone_empty() || zone().leq(other.zone())) && affine_leq(other);
    }
    void join_with(const Relations& other);
    void widen_with(const Relations& other, std::span<const std::int64_t> thresholds);
    void narrow_with(const Relations& other);
    // Equal as sets of constraints (however closed).
    bool operator==(const Relations& other) const;
    [[nodiscard]] std::string to_string() const;

private:
    [[nodiscard]] bool affine_leq(const Relations& other) const;
    // Before the variables of the place `base` names are forgotten: an
    // equality x = a * y + b with one side of that place is restated in a
    // variable z the zone holds at an exact distance from that side (z = y + d:
    // a spill of y, a copy plus a constant) as x = a * z + (b - a * d), or
    // z = a * y + (b + d) for x, so that a counter or an offset spilled
    // around a call keeps its equalities.
    void restate_affine_outside(Var base);
    // e with y, then x, renamed to the smallest variable at an exact
    // distance from it: one name for variables equal up to a constant, so
    // two states that hold one line through different copies agree on it.
    [[nodiscard]] AffineEquality canonical(const AffineEquality& e) const;
    // The equalities in canonical form, sorted and unique.
    [[nodiscard]] std::vector<AffineEquality> canonical_affine() const;
    // x := x + c in every affine equality naming x (dropped on overflow).
    void shift_affine(Var x, std::int64_t c);
    // The equalities on both sides (a join: those of one side only are lost).
    void join_affine(const Relations& other);
    void drop_if(bool (*drop)(Var));
    // The zone and the affine equalities, shared between states until one
    // changes them (copying a state costs no copy of either; none is top).
    struct Store : Zone {
        explicit Store(const Zone& zone) : Zone(zone) {}
        std::vector<AffineEquality> affine;  // sorted
    };
    // The store to change: this state's own copy.
    Store& edit_store();
    Zone& edit() { return edit_store(); }
    // Removes the affine equalities `drop` holds for (no copy when none does).
    template <typename Drop>
    void erase_affine_if(Drop drop);
    // The zone made top, the affine equalities kept.
    void make_zone_top();
    std::shared_ptr<Store> m_zone;
    bool m_tracked = false;
};

}  // namespace bpfcheck::domains
