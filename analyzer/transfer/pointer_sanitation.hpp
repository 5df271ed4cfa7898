// The kernel's limits on adding a scalar to a pointer, decided from the
// operands alone (no state is changed): check_reg_sane_offset, which every
// loader meets, and the Spectre v1 rules a loader without CAP_BPF meets
// (bypass_spec_v1 false): sanitize_ptr_alu (an offset in a register must not
// have mixed signed bounds, the pointer must be to the stack or a map value
// and stay inside it, retrieve_ptr_limit) and sanitize_check_bounds (the
// result must stay inside the map value, or at a constant offset inside the
// stack frame). Each returns the kernel's message when it refuses.
#pragma once

#include "domains/value.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace bpfcheck::analyzer {

// BPF_MAX_VAR_OFF: the largest offset the verifier lets a pointer carry.
inline constexpr std::int64_t kMaxVarOff = std::int64_t{1} << 29;

// A refusal of check_reg_sane_offset: the check id (as the explain
// catalog files the kernel's message) and the message.
struct InsaneOffset {
    std::string id;
    std::string message;
};
// check_reg_sane_offset for the scalar operand of pointer arithmetic.
[[nodiscard]] std::optional<InsaneOffset> insane_scalar_offset(const domains::Scalar& offset,
                                                               domains::Kind pointer_kind);
// check_reg_sane_offset for a pointer (an operand, or the result): its
// offset beyond what the verifier tracks.
[[nodiscard]] std::optional<InsaneOffset> insane_pointer_offset(const domains::Value& pointer);

// The operands of a 64-bit add or subtract of a scalar to a pointer.
struct PointerAlu {
    const domains::Value& pointer;  // before the operation
    const domains::Scalar& offset;  // the scalar operand
    bool is_add = true;
    bool offset_in_register = false;  // BPF_X: the kernel masks it at run time (BPF_K needs no masking)
    int dst = 0;                      // the destination register
    int offset_reg = 0;               // the register holding the scalar (BPF_X)
    int pointer_reg = 0;              // the register holding the pointer
    std::uint32_t value_size = 0;     // map values: the smallest value_size of the maps it may point into
};

// sanitize_ptr_alu before the operation (not commit window): the reasons
// REASON_BOUNDS, REASON_TYPE and REASON_LIMIT of sanitize_err.
[[nodiscard]] std::optional<std::string> unmaskable_pointer_alu(const PointerAlu& alu);
// sanitize_check_bounds, then sanitize_ptr_alu's commit window
// (REASON_LIMIT), on the result of the operation.
[[nodiscard]] std::optional<std::string> unmaskable_pointer_result(const PointerAlu& alu, const domains::Value& result);

// The masking an instruction needs (the kernel's insn_aux alu_state and
// alu_limit): one instruction is masked one way on every path
// (update_alu_sanitation_state), so two different records for one
// instruction are refused (REASON_PATHS). nullopt: no masking (an
// immediate offset, or a refusal already reported).
[[nodiscard]] std::optional<std::uint64_t> masking_record(const PointerAlu& alu, const domains::Value& result);
// sanitize_val_alu: the record of an add or subtract of two scalars.
inline constexpr std::uint64_t kScalarAluRecord = std::uint64_t{1} << 63;
// sanitize_err's message for REASON_PATHS.
[[nodiscard]] std::string masking_differs_message(int dst, bool is_add);

}  // namespace bpfcheck::analyzer
