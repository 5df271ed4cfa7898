// A one-program object built in memory from raw instruction slots, for
// generated and fuzzed programs: the program (named "gen", of the given
// type, one function) and two maps: map 0 an array (key u32, value 16
// bytes, 4 entries), map 1 a hash (key u64, value 32 bytes, 64 entries).
// `refs` (one per slot, may be shorter) says which ld_imm64 names a map;
// when empty, every ld_imm64 with src 1 (BPF_PSEUDO_MAP_FD) names map
// imm % 2. Slots that do not decode leave the program's load_error set.
#pragma once

#include "cfg/program/program.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace bpfcheck::oracle {

model::BpfObject object_from_slots(const std::string& type, std::vector<isa::RawInsn> slots,
                                   std::vector<model::InsnRef> refs = {});

// The program types the fuzz inputs' first byte selects (index % size).
std::span<const std::string_view> fuzz_program_types();

// A fuzz input: an 8-byte header (byte 0 selects the type), then the slots.
std::vector<std::uint8_t> encode_fuzz_input(const model::Program& program);
model::BpfObject decode_fuzz_input(std::span<const std::uint8_t> bytes);

}  // namespace bpfcheck::oracle
