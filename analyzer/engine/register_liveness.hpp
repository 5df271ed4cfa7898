// Which registers each basic block may read before writing them (live-in
// registers), by the classic backward dataflow over the CFG. The kernel's
// verifier forgets dead registers before comparing states
// (clean_verifier_state, from the liveness marks of its path walk); we do
// the same at block entries, so states that differ only in values no path
// reads again are one state: they join instead of being kept apart, and a
// loop's counter is not folded with unrelated constants (block_facts.hpp's
// DeadRegisters: which states keep them).
#pragma once

#include "cfg/cfg.hpp"
#include "cfg/isa/instruction.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace bpfcheck::analyzer {

// Bit r set: register r (0..9) may be read before being written on some
// path from the block's first instruction. r10 is never included.
using RegisterMask = std::uint16_t;
inline constexpr RegisterMask kAllRegisters = 0x3ff;

// The registers `insn` writes (calls: r0-r5; atomics with fetch: their
// source; cmpxchg: r0).
RegisterMask defined_registers(const isa::Instruction& insn);

std::vector<RegisterMask> live_in_registers(const cfg::Cfg& graph, std::span<const isa::Instruction> insns);

}  // namespace bpfcheck::analyzer
