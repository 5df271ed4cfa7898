// Program types as data: what the context looks like (which offsets may be
// read or written, with which width, and which fields yield packet pointers),
// and the range the program's return value must lie in.
#pragma once

#include "domains/value.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace bpfcheck::analyzer {

enum class FieldAccess : std::uint8_t { ReadOnly, ReadWrite };

struct ContextField {
    std::uint32_t offset = 0;
    std::uint32_t size = 0;  // bytes; narrower reads at the field start are allowed where `narrow` is set
    std::string_view name;
    FieldAccess access = FieldAccess::ReadOnly;
    domains::Kind yields = domains::Kind::Scalar;  // Packet, PacketEnd, PacketMeta, Socket... for pointer fields
    bool narrow = true;                            // reads of fewer bytes at the start of the field are allowed
};

enum class ContextModel : std::uint8_t {
    Fields,        // only the listed fields
    ReadableBlob,  // any aligned read inside `context_size` bytes gives a scalar (pt_regs, tracepoint records)
    BtfArgs,       // u64 arguments; pointer arguments are BTF-typed kernel pointers (fentry, tp_btf, lsm)
};

struct ProgramType {
    std::string_view name;  // as libbpf_bpf_prog_type_str spells it
    std::string_view context_struct;
    ContextModel model = ContextModel::Fields;
    std::uint32_t context_size = 0;
    std::span<const ContextField> fields;
    std::optional<std::int64_t> return_min;  // inclusive range the kernel enforces, when it does
    std::optional<std::int64_t> return_max;
    bool has_packet_access = false;  // direct packet access through ctx fields
    bool packet_writable = false;    // may write packet data (xdp, tc, lwt_xmit, sk_skb, sk_msg)
    std::uint32_t blob_start = 0;    // ReadableBlob: first readable offset (tracepoints hide the common fields)
};

// The program type named `name`; an "unspec" type (no context access) when unknown.
const ProgramType& find_program_type(std::string_view name);

// Whether the attach type (from the section) lets a program read `field`:
// xdp_md.egress_ifindex exists only for programs run from a devmap.
bool context_field_available(const ProgramType& type, std::string_view section, const ContextField& field);

struct ReturnRange {
    std::int64_t min;
    std::int64_t max;
};
// The return range the kernel enforces (check_return_code) for a program of
// `type` in `section`, whose attach type may narrow or widen the type's own:
// cgroup_skb egress may also return 2 and 3 (congestion notification),
// BPF iterators 0 or 1. nullopt: any value.
std::optional<ReturnRange> return_range(const ProgramType& type, std::string_view section);

}  // namespace bpfcheck::analyzer
