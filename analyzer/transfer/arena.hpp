// Arena pointers (BPF_MAP_TYPE_ARENA), as kernel/bpf/verifier.c types them:
// `addr_space_cast(rX, 0, 1)` (imm 1: from the user's address space 1 to the
// kernel's 0) makes PTR_TO_ARENA, whose value the verifier does not track;
// the other direction (imm 1 << 16) gives an unknown number (check_alu_op).
// Any ALU operation with an arena operand gives an arena pointer
// (adjust_reg_min_max_vals: "Any arithmetic operations are allowed on arena
// pointers"), and loads and stores through one are allowed at any offset,
// a load giving an unknown number (check_mem_access: the JIT guards arena
// accesses).
#pragma once

#include "cfg/isa/instruction.hpp"
#include "domains/value.hpp"

namespace bpfcheck::analyzer {

inline domains::Value arena_pointer() {
    return domains::Value::pointer(domains::Kind::Arena, 0, domains::Scalar::constant(0));
}

// What addr_space_cast leaves in its destination (from_space and to_space
// as the decoder splits imm: imm >> 16 and imm & 0xffff).
inline domains::Value addr_space_cast_result(const isa::AddrSpaceCast& cast) {
    if (cast.from_space == 0 && cast.to_space == 1) {
        return arena_pointer();
    }
    return domains::Value::unknown_scalar();
}

}  // namespace bpfcheck::analyzer
