// What an instruction must satisfy before it runs, as values (the
// assertions of PREVAIL's src/ir/assertions.cpp, in our vocabulary): each
// instruction yields a short list of obligations (obligations_of.hpp), the
// checker (analyzer/checks/) decides each one against the converged pre-state
// taken const, and the transfer functions (analyzer/transfer/) only assume
// and apply. Coarse per-family obligations (ValidAlu, ValidAccess, ...) where
// a family's rules are many; the checker of each lives in its own file.
#pragma once

#include "cfg/isa/instruction.hpp"

#include <cstdint>
#include <variant>
#include <vector>

namespace bpfcheck::analyzer {

// A register read as an operand has been written (uninit.register).
struct Initialised {
    int reg = 0;
};

// The instruction does not write r10 (stack.frame_pointer); nothing else of
// such an instruction is checked.
struct ReadOnlyFramePointer {};

// callx: the kernel accepts no indirect call (call.indirect).
struct NoIndirectCall {};

// A byte swap's operand is a number (pointer.arithmetic).
struct ValidByteSwap {
    int reg = 0;
};

// An ALU instruction's operand kinds and values: pointer arithmetic rules
// (adjust_ptr_min_max_vals), pointer leaks, division by zero.
struct ValidAlu {
    isa::Alu alu;
};

// Without CAP_PERFMON, pointers are compared only with NULL and packet
// pointers with each other (check_cond_jmp_op).
struct ValidComparison {
    isa::Jump jump;
};

// The program's (or a callback's) exit: R0's value and range, no reference
// or lock held (check_return_code, check_reference_leak).
struct ValidExit {};

// A memory access through `base` + `offset` of `width` bytes
// (check_mem_access): the region its pointer points into allows it.
struct ValidAccess {
    int base = 0;
    std::int64_t offset = 0;
    int width = 0;
    bool is_write = false;
};

// What a load yields: a context field holding a packet pointer is not
// loaded sign-extended (the *_is_valid_access functions' info->is_ldsx).
struct ValidLoad {
    isa::Load load;
};

// What a store puts in memory: no pointer leaked outside the stack without
// CAP_PERFMON, no partial pointer spill (check_stack_write).
struct ValidStore {
    isa::Store store;
};

// An atomic's base kind and operand (check_atomic).
struct ValidAtomic {
    isa::Atomic atomic;
};

// BPF_LD_[ABS|IND]: only for socket filters' __sk_buff, context in R6
// (check_ld_abs).
struct ValidPacketLoad {
    isa::LoadPacket load;
};

// A helper call (check_helper_call): the helper exists for this program
// type, license and kernel, its arguments match its prototype in order
// (check_func_arg: kinds, memory and sizes, map types, what it releases),
// no lock or section forbids it, and its callback's body and return value
// (checked in the callback's context).
struct ValidHelperCall {
    std::int32_t helper = 0;
};

// A kfunc call (check_kfunc_call): program type, trusted/RCU/BTF
// arguments, sections and locks, graph, map, iterator and dynptr
// arguments, what it releases.
struct ValidKfuncCall {};

// A bpf-to-bpf call (check_func_call): the call depth, locks and sections;
// a global function against its BTF prototype (btf_check_subprog_call) and
// at its exit; the callee's body in this calling context.
struct ValidLocalCall {};

using Obligation = std::variant<Initialised, ReadOnlyFramePointer, NoIndirectCall, ValidByteSwap, ValidAlu,
                                ValidComparison, ValidExit, ValidAccess, ValidLoad, ValidStore, ValidAtomic,
                                ValidPacketLoad, ValidHelperCall, ValidKfuncCall, ValidLocalCall>;

// An overload set for std::visit without a fallback: a variant alternative
// that none of the lambdas takes does not compile.
template <typename... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <typename... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace bpfcheck::analyzer
