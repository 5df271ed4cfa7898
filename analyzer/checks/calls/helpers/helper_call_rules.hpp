// Rules of check_helper_call (kernel/bpf/verifier.c) about one helper's
// arguments that its prototype cannot say: e.g. bpf_get_local_storage's
// flags must be the constant 0, because the helper cannot return an error.
// Each rule decides from the state before the call and reports; none
// changes the state.
#pragma once

#include "analyzer/reporter.hpp"
#include "domains/machine_state.hpp"

#include <cstdint>
#include <optional>

namespace bpfcheck::analyzer {

void check_helper_call_rules(std::uint32_t pc, std::int32_t helper, const domains::MachineState& state,
                             Reporter& reporter);

// check_func_arg_reg_off for a context argument (__check_ptr_off_reg): the
// context pointer must be unmodified, offset exactly 0.
void check_ctx_arg_offset(std::uint32_t pc, int reg, const domains::Value& pointer, Reporter& reporter);

// check_func_arg_reg_off for a released argument (OBJ_RELEASE): the pointer
// must be the one acquired, offset exactly 0.
void check_release_arg_offset(std::uint32_t pc, int reg, const domains::Value& pointer, Reporter& reporter);

// do_refine_retval_range: the result of bpf_get_stack, bpf_get_task_stack
// and bpf_probe_read_*_str lies in [-MAX_ERRNO, the size argument's
// maximum], in both the 64- and the 32-bit signed views; nullopt for other
// helpers (an unknown number). `before`: the state before the call.
std::optional<domains::Scalar> refined_return_range(std::int32_t helper, const domains::MachineState& before);

}  // namespace bpfcheck::analyzer
