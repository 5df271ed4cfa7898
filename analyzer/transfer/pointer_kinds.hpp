// Facts about pointer kinds that both the transfer functions and the checks
// read: which pointers the kernel knows are not NULL, which allow arithmetic.
#pragma once

#include "analyzer/transfer/pointer_sanitation.hpp"
#include "cfg/isa/instruction.hpp"
#include "domains/value.hpp"

namespace bpfcheck::analyzer {

// reg_not_null: the pointers the kernel knows cannot be NULL when it
// decides a comparison with 0 (is_branch_taken): map values and keys, map
// pointers, memory and sockets, at an offset that cannot wrap to 0; not the
// context, the stack or packet pointers, whose comparisons with 0 it
// explores both ways. A BTF pointer counts when trusted (is_trusted_reg):
// a referenced one always is (an acquired kfunc result after its NULL
// check); others are not known to be here.
inline bool kernel_not_null(const domains::Value& pointer) {
    if (pointer.number().smin <= -kMaxVarOff || pointer.number().smax >= kMaxVarOff) {
        return false;
    }
    switch (pointer.kind()) {
        case domains::Kind::MapValue:
        case domains::Kind::MapKey:
        case domains::Kind::MapPtr:
        case domains::Kind::Mem:
        case domains::Kind::Socket:
            return true;
        case domains::Kind::BtfId:
            return pointer.ref() != 0;
        default:
            return false;
    }
}

// A 64-bit add or subtract of a number to a value that is a kernel (BTF)
// pointer on some paths and a number on the others (Value::btf_or_number):
// adjust_ptr_min_max_vals allows it on each path, so a privileged program
// may move such a value (without CAP_BPF the kernel refuses one instruction
// that adds to different pointers or scalars: sanitize_ptr_alu).
inline bool moves_btf_or_number(const isa::Alu& alu, const domains::Value& dst, const domains::Value& src,
                                bool unprivileged) {
    if (unprivileged || !alu.is64 || (alu.op != isa::AluOp::Add && alu.op != isa::AluOp::Sub)) {
        return false;
    }
    return (dst.is_btf_or_number() && src.is_scalar()) ||
           (alu.op == isa::AluOp::Add && dst.is_scalar() && src.is_btf_or_number());
}

// Pointers a scalar may be added to (adjust_ptr_min_max_vals).
inline bool allows_arithmetic(domains::Kind kind) {
    switch (kind) {
        case domains::Kind::Ctx:
        case domains::Kind::Stack:
        case domains::Kind::Packet:
        case domains::Kind::PacketMeta:
        case domains::Kind::MapValue:
        case domains::Kind::MapKey:
        case domains::Kind::Mem:
        case domains::Kind::FlowKeys:
        case domains::Kind::BtfId:
            return true;
        default:
            return false;
    }
}

}  // namespace bpfcheck::analyzer
