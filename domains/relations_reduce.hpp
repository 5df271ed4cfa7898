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

// Before a join: each bound of `theirs` that `mine` lacks but the intervals
// of `state` (mine's values) imply is added to `mine` (a zone over the
// intervals would hold it; without it the join would drop the bound).
void complete_from_intervals(const MachineState& state, Relations& mine, const Relations& theirs);

// Tightens the registers of `state` from its relations; makes the state
// bottom when the relations and the intervals contradict each other.
void reduce_relations(MachineState& state);

}  // namespace bpfcheck::domains
