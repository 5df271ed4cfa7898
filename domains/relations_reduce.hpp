// The reduction between the relational part of a machine state (the zone of
// relations.hpp) and the intervals of its values: the values' intervals are
// bounds against zero in the zone, the zone is closed, and each register's
// interval is tightened by what the closure implies (a bound learnt on
// `x - y` tightens x from y's interval, and the other way round). A state
// with no relation is left alone at the cost of one test.
#pragma once

#include "domains/machine_state.hpp"

#include <vector>

namespace bpfcheck::domains {

// The packet's length (Relations::kPacketLength) is only known not to be
// negative. Bounding it by the kernel's MAX_PACKET_OFF would bound every
// offset compared with data_end, and the kernel never learns a bound from a
// packet comparison (find_good_pkt_pointers gives a range only to a pointer
// whose own offset is already at most MAX_PACKET_OFF): bpfcheck would accept
// accesses the kernel refuses.
// Before a join or widening of `mine` with `theirs`: the equalities x - y = d
// between places that hold constants on both sides, different constants on
// the two (i = j = 0 on one, i = j = 1 on the other). The intervals imply
// them on each side and their join loses them. At most kMaxConstantPlaces
// places are considered, registers first (spills only beside a register).
inline constexpr std::size_t kMaxConstantPlaces = 12;
struct ConstantEquality {
    Zone::Var x;
    Zone::Var y;
    std::int64_t d;
};
std::vector<ConstantEquality> constant_differences(const MachineState& mine, const MachineState& theirs);

// Before a join or widening of `mine` with `theirs`: the affine equalities
// off = a * n + b between a pointer's offset (PointerOffset) and a number
// in another register, each holding different constants on the two sides
// (i = 0 and off = 0 on one side, i = 1 and off = 32 on the other: off =
// 32 * i); the join of two points is the line through them (Karr). Integer
// slopes only. Between two numbers the zone's differences suffice for the
// programs seen (and lines between every pair of a nest's counters would be
// kept per partition at a cost): not derived.
std::vector<AffineEquality> affine_from_constants(const MachineState& mine, const MachineState& theirs);

// Whether a place of `state` holding a value of the variable's class holds
// that value (the pointer offset for PointerOffset).
bool holds_class(const Value& value, VarClass c);

// Before a join: each bound of `theirs` that `mine` lacks but the intervals
// of `state` (mine's values) imply is added to `mine` (a zone over the
// intervals would hold it; without it the join would drop the bound); and
// each affine equality of `theirs` that `state`'s constants satisfy.
void complete_from_intervals(const MachineState& state, Relations& mine, const Relations& theirs);

// Tightens the registers of `state` from its affine equalities alone (after
// a join or widening: a widened offset bounded again by its counter); makes
// the state bottom on a contradiction. Nothing to do without one.
void reduce_affine(MachineState& state);

// Tightens the registers of `state` from its relations; makes the state
// bottom when the relations and the intervals contradict each other.
void reduce_relations(MachineState& state);

}  // namespace bpfcheck::domains
