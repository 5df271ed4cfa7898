// check_func_arg_reg_off for kfunc arguments (kernel/bpf/verifier.c, called
// by check_kfunc_args for every pointer argument): a kernel or allocated
// object's pointer (PTR_TO_BTF_ID, with or without MEM_ALLOC) may sit at a
// constant offset inside its object, never at a variable one
// (__check_ptr_off_reg: "variable ptr_ access var_off=... disallowed").
// Decides from the arguments' values alone; reports and changes nothing.
#pragma once

#include "analyzer/platform/kfuncs/kfunc_table.hpp"
#include "analyzer/reporter.hpp"
#include "domains/machine_state.hpp"

#include <cstdint>

namespace bpfcheck::analyzer {

void check_kfunc_arg_offsets(std::uint32_t pc, const KfuncPrototype& kfunc, const domains::MachineState& state,
                             Reporter& reporter);

}  // namespace bpfcheck::analyzer
