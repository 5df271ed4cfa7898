// Which 8-byte slots of its own stack frame each basic block may read before
// writing them (live-in slots), by backward dataflow over each function's
// blocks. The kernel's verifier forgets dead slots as it forgets dead
// registers before comparing states (clean_func_state: a slot no path reads
// again is STACK_INVALID to the comparison); we forget them at block
// entries too (block_facts.hpp), so paths that differ only in a map key or
// a header copy the program is done with join instead of being kept apart.
//
// A slot is read by a load or an atomic through a stack pointer at a known
// offset, and by a call given a stack pointer: a helper reads what its
// prototype says (a map's key or value, a buffer of the size argument that
// follows; nothing through an argument it only fills), and where that is
// not known (an unknown map or size, a kfunc, a subprogram's or callback's
// argument) every slot from the pointer's to the frame's top. A slot is written (dead before) only by an
// 8-byte store through a stack pointer at a known offset. Where a stack
// pointer's offset is not known (a join of two, an offset added from a
// register) a use through it reads every slot; where one is stored to
// memory (it may be loaded and used anywhere) every slot of the function
// is live everywhere.
#pragma once

#include "cfg/cfg.hpp"
#include "cfg/isa/instruction.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace bpfcheck::analyzer {

// Bit s: the bytes at r10 - 512 + 8 * s .. + 7 of a function's own frame
// (domains::Stack's slot s).
using SlotMask = std::uint64_t;
inline constexpr SlotMask kAllSlots = ~SlotMask{0};

// A map's key and value sizes, for the helpers given a key or a value.
struct MapSizes {
    std::int64_t key = 0;
    std::int64_t value = 0;
};

// Per block: the slots of its function's frame that some path from the
// block's first instruction may read before writing them. `maps`: per
// instruction, the sizes of the map an ld_imm64 there loads (empty, or
// nullopt where not known: a helper given a key then may read every slot
// from the key to the frame's top).
std::vector<SlotMask> live_in_slots(const cfg::Cfg& graph, std::span<const isa::Instruction> insns,
                                    std::span<const std::optional<MapSizes>> maps = {});

}  // namespace bpfcheck::analyzer
