// What each instruction and branch does to the relations of the machine state
// (domains/relations.hpp), apart from the executor's transfer of the values:
// a RelationalStep is decided from the state before an instruction and
// applied to the state after it, so the executor's transfer functions need
// not know about relations. Linear assignments keep their relation (x = y + c,
// a packet pointer plus a variable scalar, a spill and its fill, clang's zero
// extension `r <<= 32; r >>= 32`); any other write of a place forgets its
// variables. Relations are created only where a packet pointer gets a
// variable offset or two registers are compared, and carried only for places
// that already have one, so a program without such relations pays one test
// per instruction.
#pragma once

#include "cfg/isa/instruction.hpp"
#include "domains/machine_state.hpp"
#include "domains/scalar_compare.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace bpfcheck::analyzer {

class RelationalStep {
public:
    // The step of instruction `pc` of `insns` from the state before it
    // (`pre`). `in_loop`: the instruction is in a loop, where relations are
    // created (elsewhere only those that exist are carried).
    static RelationalStep before(std::span<const isa::Instruction> insns, std::uint32_t pc,
                                 const domains::MachineState& pre, bool in_loop);
    // Applies the step to the state after the instruction.
    void after(domains::MachineState& post) const;

private:
    // Affine: the register is written, then the equalities m_affine name it.
    enum class Action : std::uint8_t { None, Forget, Assign, Shift, Spill, Fill, Call, Affine };
    using Var = domains::Relations::Var;
    Action m_action = Action::None;
    std::uint32_t m_frame = 0;
    int m_reg = -1;               // the register written (Forget, Assign, Shift, Fill), or the spilled one
    int m_forget_until = -1;      // Forget/Call: registers m_reg..m_forget_until
    domains::VarClass m_class{};  // the class the written register holds after
    Var m_source = 0;             // Assign/Fill: y in x := y + c
    Var m_drop = 0;               // a variable forgotten after the assignment (0: none)
    std::int64_t m_delta = 0;
    // Stack writes: the frame and slots touched ([first, last], or all with -1).
    std::uint32_t m_stack_frame = 0;
    int m_first_slot = 0;
    int m_last_slot = -2;                       // -2: no stack write
    std::optional<domains::Scalar> m_expected;  // Fill/Spill: the number moved
    // Call: the spills related before the call, to keep only those it left alone.
    std::vector<std::pair<Var, domains::Value>> m_spills;
    // Affine: x = a * y + b for the written register x (a scaled copy, a
    // pointer advanced by a scaled counter).
    std::vector<domains::AffineEquality> m_affine;
};

// Before the kernel's branch refinement: the relation a comparison of two
// registers or of a packet pointer with data_end adds (nothing when neither
// side is related yet, for packet pointers).
// `in_loop`: the jump is in a loop (two registers' relation is created only there).
void assume_relation(const isa::Jump& jump, domains::Comparison c, domains::MachineState& state, bool in_loop);
// After it: the intervals refined by the branch and the relations tighten each other.
void reduce_after_branch(const isa::Jump& jump, domains::MachineState& state);

}  // namespace bpfcheck::analyzer
