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

// Which reads narrower than an element the kernel allows (its
// bpf_ctx_narrow_access_ok): none, only at the element's first byte (a
// `case offsetof(...)` in the is_valid_access switch), or at any aligned
// offset inside it (a `case bpf_ctx_range(...)`).
enum class NarrowReads : std::uint8_t { No, AtStart, Anywhere };

// Attach types that widen or narrow a context (bits of ContextField::attach).
namespace attach_group {
inline constexpr std::uint16_t kInet4Address = 1U << 0;  // cgroup_sock_addr: bind4, connect4, ... (user_ip4)
inline constexpr std::uint16_t kInet6Address = 1U << 1;  // bind6, connect6, ... (user_ip6)
inline constexpr std::uint16_t kUdp4Sendmsg = 1U << 2;   // sendmsg4 (msg_src_ip4)
inline constexpr std::uint16_t kUdp6Sendmsg = 1U << 3;   // sendmsg6 (msg_src_ip6)
inline constexpr std::uint16_t kSockCreate = 1U << 4;    // cgroup_sock: sock_create, sock_release
inline constexpr std::uint16_t kPostBind4 = 1U << 5;     // cgroup_sock: post_bind4
inline constexpr std::uint16_t kPostBind6 = 1U << 6;     // cgroup_sock: post_bind6
inline constexpr std::uint16_t kXdpDevmap = 1U << 7;     // xdp programs run from a devmap
inline constexpr std::uint16_t kGetsockopt = 1U << 8;    // cgroup_sockopt: getsockopt
inline constexpr std::uint16_t kSetsockopt = 1U << 9;    // cgroup_sockopt: setsockopt
inline constexpr std::uint16_t kAll = 0xffff;
}  // namespace attach_group

// One field (or array of fields) of a context struct and the widths the
// kernel's is_valid_access callback allows on it. Where a callback allows
// several widths at one offset by different rules (bpf_sock.dst_port: a
// 2-byte field also read as 4 bytes), the table has one row per rule and an
// access is allowed when some row allows it.
struct ContextField {
    std::uint32_t offset = 0;
    std::uint32_t size = 0;  // bytes of the whole field (an array: all its elements)
    std::string_view name;
    FieldAccess access = FieldAccess::ReadOnly;
    domains::Kind yields = domains::Kind::Scalar;  // Packet, PacketEnd, PacketMeta, Socket... for pointer fields
    NarrowReads narrow = NarrowReads::Anywhere;
    std::uint8_t element = 0;  // an array's element size (u32 ip6[4]: 4); 0: the field is one element
    bool wide = false;         // 8-byte aligned reads and writes across two elements (bpf_ctx_wide_access_ok)
    bool any_width = false;    // any aligned width inside the field, reads and writes (__sk_buff.cb)
    std::uint16_t attach = 0;  // attach_group bits of the programs that may access it; 0: all
    // Socket fields: the struct the pointer points to (socket_type::kSock,
    // kSockCommon: analyzer/platform/socket_fields.hpp).
    std::uint8_t socket = 0;
    // Without CAP_BPF (--unprivileged) the field is not there (kCapBpfAny)
    // or may not be written (kCapBpfWrite), as cg_skb_is_valid_access says.
    std::uint8_t cap_bpf = 0;
    // yields BtfId: the kernel struct the pointer points to (nf_ptr_to_btf_id).
    std::string_view btf_struct = {};
};
inline constexpr std::uint8_t kCapBpfAny = 1, kCapBpfWrite = 2;

// Whether `field` allows a `width`-byte read or write at context offset
// `off` (inside the field): the width rules alone, not the field's
// writability nor its attach types.
bool context_width_allowed(const ContextField& field, std::int64_t off, int width, bool is_write);

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
    bool blob_writable = false;      // ReadableBlob: writable too (syscall_prog_is_valid_access: the user's buffer)
    // ReadableBlob: an 8-byte read of offset 0 is a pointer to the
    // tracepoint's writable buffer (raw_tp_writable_prog_is_valid_access:
    // PTR_TO_TP_BUFFER), whose size the attach checks, not the load.
    bool tp_buffer_at_zero = false;
    // bpf_prog_load loads it only with CAP_PERFMON (is_perfmon_prog_type:
    // tracing programs, and struct_ops and ext, which reach as far); EPERM
    // without, before the verifier.
    bool needs_perfmon = false;
};

// The program type named `name`; an "unspec" type (no context access) when unknown.
const ProgramType& find_program_type(std::string_view name);

// The kernel struct the verifier converts a program's context struct to
// (bpf_ctx_convert: "__sk_buff" -> "sk_buff"), as bpf_cast_to_kern_ctx
// returns it; empty when the table does not know it.
std::string_view kernel_context_struct(std::string_view context);

// The attach groups (attach_group bits) a program of `type` with expected
// attach type `attach_type` (libbpf_bpf_attach_type_str's names, as the
// loader's section rules give them) may access; every group when the type's
// attach type is not known (XDP: none, as XDP without a devmap).
std::uint16_t attach_groups(const ProgramType& type, std::string_view attach_type);

// Whether the attach type lets a program access `field`:
// xdp_md.egress_ifindex exists only for programs run from a devmap,
// bpf_sock_addr.user_ip6 only for IPv6 hooks, bpf_sock.src_ip4 only after bind.
bool context_field_available(const ProgramType& type, std::string_view attach_type, const ContextField& field);

// Whether a helper may take a packet pointer as an argument
// (may_access_direct_pkt_data with the call's meta): in the types with
// direct packet access, only a helper whose proto has pkt_access; in
// cgroup_sockopt, any helper (its optval pointers are packet pointers); in
// sock_ops, whose packet is read-only through skb_data, none.
enum class HelperPacketArgs : std::uint8_t { Refused, IfHelperTakesPacket, Always };
HelperPacketArgs helper_packet_args(const ProgramType& type);

struct ReturnRange {
    std::int64_t min;
    std::int64_t max;
};
// The return range the kernel enforces (check_return_code) for a program of
// `type` with expected attach type `attach_type`, which may narrow or widen
// the type's own: cgroup_skb egress and bind4/6 may also return 2 and 3,
// recvmsg and get{peer,sock}name must return 1, BPF iterators 0 or 1.
// nullopt: any value.
std::optional<ReturnRange> return_range(const ProgramType& type, std::string_view attach_type);

}  // namespace bpfcheck::analyzer
