// Rules on spilled pointers (kernel/bpf/verifier.c: is_spilled_reg is the
// slot's first byte spilled; is_spilled_scalar_reg, a scalar there).
#include "analyzer/transfer/stack_spill_rules.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

namespace {

// The pointer spilled in the slot holding byte `offset`, if any.
const domains::Value* spilled_pointer(const domains::Stack& stack, int offset) {
    const int slot = offset / 8;
    const domains::Value* spilled = stack.spill(slot);
    if (spilled == nullptr || spilled->is_scalar() || stack.spill_width(slot) == 0) {
        return nullptr;
    }
    return spilled;
}

}  // namespace

std::optional<std::string> corrupts_spilled_pointer(const domains::Stack& stack, int offset, int width) {
    if (width == 8 || spilled_pointer(stack, offset) == nullptr) {
        return std::nullopt;
    }
    return fmt::format(
        "attempt to corrupt spilled pointer on stack: a {}-byte write at r10{:+d} into the {} "
        "spilled at r10{:+d}",
        width, offset - domains::kStackSize, domains::kind_name(spilled_pointer(stack, offset)->kind()),
        offset / 8 * 8 - domains::kStackSize);
}

std::optional<std::string> partial_pointer_fill(const domains::Stack& stack, int offset, int width) {
    const domains::Value* spilled = spilled_pointer(stack, offset);
    if (spilled == nullptr || (width == 8 && stack.spill_width(offset / 8) == 8)) {
        return std::nullopt;
    }
    return fmt::format("invalid size of register fill: a {}-byte read at r10{:+d} of the {} spilled at r10{:+d}", width,
                       offset - domains::kStackSize, domains::kind_name(spilled->kind()),
                       offset / 8 * 8 - domains::kStackSize);
}

std::optional<std::string> helper_reads_spilled_pointer(const domains::Stack& stack, int lo, int hi, int arg_reg) {
    for (int offset = lo; offset < hi; ++offset) {
        if (stack.byte(offset) == domains::StackByte::Spill && spilled_pointer(stack, offset) != nullptr) {
            return fmt::format("invalid indirect read from stack R{} off {}+{} size {}: it holds a spilled {}", arg_reg,
                               lo - domains::kStackSize, offset - lo, hi - lo,
                               domains::kind_name(spilled_pointer(stack, offset)->kind()));
        }
    }
    return std::nullopt;
}

}  // namespace bpfcheck::analyzer
