// The kernel's rules on spilled pointers in the stack
// (check_stack_write_fixed_off, check_stack_read_fixed_off), decided from
// the stack before the access; each returns the kernel's message when it
// refuses. A pointer spilled to the stack is filled whole or not at all,
// and without CAP_PERFMON (allow_ptr_leaks) it may not be overwritten in
// part, which would let a program forge a pointer from its bytes.
#pragma once

#include "domains/stack.hpp"

#include <optional>
#include <string>

namespace bpfcheck::analyzer {

// check_stack_write_fixed_off: a write of fewer than 8 bytes at `offset`
// (0..511, aligned to its size) into a slot that holds a spilled pointer.
[[nodiscard]] std::optional<std::string> corrupts_spilled_pointer(const domains::Stack& stack, int offset, int width);
// check_stack_read_fixed_off: a read of part of a slot whose spill is a
// pointer ("invalid size of register fill").
[[nodiscard]] std::optional<std::string> partial_pointer_fill(const domains::Stack& stack, int offset, int width);
// check_stack_range_initialized: without CAP_PERFMON a helper may not read
// stack bytes [lo, hi) that hold a spilled pointer.
[[nodiscard]] std::optional<std::string> helper_reads_spilled_pointer(const domains::Stack& stack, int lo, int hi,
                                                                      int arg_reg);

}  // namespace bpfcheck::analyzer
