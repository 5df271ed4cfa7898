// Decoding raw 8-byte slots into `Instruction`s, with the structural checks
// the kernel applies before verification: known opcodes, zero reserved fields,
// registers r0-r10, complete ld_imm64 pairs, jump targets inside the program
// and not into the second half of an ld_imm64, and a last instruction that
// cannot fall off the end.
#pragma once

#include "cfg/expected.hpp"
#include "cfg/isa/instruction.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace bpfcheck::isa {

struct DecodeFailure {
    std::size_t index = 0;  // slot index of the offending instruction
    std::string message;
};

// Reads little-endian slots from raw bytes; size must be a multiple of 8.
std::vector<RawInsn> read_slots(std::span<const std::uint8_t> bytes);

// Decodes one slot (`next` is the following slot, for ld_imm64).
// Returns an error message for an invalid encoding.
Expected<Instruction> decode_one(const RawInsn& raw, const RawInsn* next);

// Decodes every slot and validates control flow. The first problem found is
// reported with its slot index.
struct DecodeResult {
    std::vector<Instruction> insns;
    std::vector<DecodeFailure> failures;
};
DecodeResult decode_program(std::span<const RawInsn> slots);

// Checks that every jump lands inside [0, size) and not on an Imm64Tail, and
// that the last instruction cannot fall through. Appends to `failures`.
void validate_control_flow(std::span<const Instruction> insns, std::vector<DecodeFailure>& failures);

}  // namespace bpfcheck::isa
