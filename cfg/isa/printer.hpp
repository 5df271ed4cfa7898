// Printing instructions in the syntax of the kernel verifier's log
// (kernel/bpf/disasm.c), e.g. `r1 = *(u32 *)(r6 +76)`, so that our output
// lines up with the logs users already read.
#pragma once

#include "cfg/isa/instruction.hpp"

#include <string>
#include <string_view>

namespace bpfcheck::isa {

// The instruction text without the "(op)" prefix. `symbol` names what a
// relocated ld_imm64 or a kfunc call refers to (empty when unknown).
std::string format_instruction(const Instruction& insn, std::string_view symbol = {});

// "(61) r1 = *(u32 *)(r6 +76)": the text preceded by the opcode byte.
std::string format_with_opcode(const Instruction& insn, std::uint8_t opcode_byte, std::string_view symbol = {});

}  // namespace bpfcheck::isa
