// Facts about pointer kinds that both the transfer functions and the checks
// read: which kinds can never be NULL, which allow arithmetic.
#pragma once

#include "domains/value.hpp"

namespace bpfcheck::analyzer {

// Pointers the kernel knows are not NULL: a comparison with 0 decides itself.
inline bool never_null(domains::Kind kind) {
    switch (kind) {
        case domains::Kind::Ctx:
        case domains::Kind::Stack:
        case domains::Kind::Packet:
        case domains::Kind::PacketMeta:
        case domains::Kind::PacketEnd:
        case domains::Kind::MapPtr:
        case domains::Kind::MapValue:
        case domains::Kind::MapKey:
        case domains::Kind::Mem:
        case domains::Kind::FlowKeys:
        case domains::Kind::Socket:
        case domains::Kind::Func:
            return true;
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
