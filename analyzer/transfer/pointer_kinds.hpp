// Facts about pointer kinds that both the transfer functions and the checks
// read: which pointers the kernel knows are not NULL, which allow arithmetic.
#pragma once

#include "analyzer/transfer/pointer_sanitation.hpp"
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
