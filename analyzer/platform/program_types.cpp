// Context layouts and return ranges of program types, from the kernel's UAPI
// structs (struct __sk_buff, struct xdp_md, struct bpf_sock, ...) and its
// is_valid_access callbacks (net/core/filter.c, kernel/trace/bpf_trace.c) and
// check_return_code (kernel/bpf/verifier.c). Offsets are x86-64's.
#include "analyzer/platform/netfilter_context.hpp"
#include "analyzer/platform/program_type.hpp"
#include "analyzer/platform/socket_fields.hpp"

#include <array>
#include <string>
#include <string_view>
#include <utility>

namespace bpfcheck::analyzer {
namespace {

using domains::Kind;
constexpr auto kRo = FieldAccess::ReadOnly;
constexpr auto kRw = FieldAccess::ReadWrite;
constexpr auto kAnywhere = NarrowReads::Anywhere;
constexpr auto kAtStart = NarrowReads::AtStart;

// A u32 field: reads of 1, 2 or 4 bytes (narrow where `narrow` says), writes of 4.
constexpr ContextField u32(std::uint32_t off, std::string_view name, FieldAccess access = kRo,
                           NarrowReads narrow = kAnywhere) {
    return ContextField{off, 4, name, access, Kind::Scalar, narrow};
}
// An array of `count` u32 fields, each accessed as its own field.
constexpr ContextField u32s(std::uint32_t off, std::uint32_t count, std::string_view name, FieldAccess access = kRo,
                            NarrowReads narrow = kAnywhere) {
    return ContextField{off, 4 * count, name, access, Kind::Scalar, narrow, 4};
}
// A field accessed only whole.
constexpr ContextField exact(std::uint32_t off, std::uint32_t size, std::string_view name, FieldAccess access = kRo,
                             Kind yields = Kind::Scalar) {
    return ContextField{off, size, name, access, yields, NarrowReads::No};
}
constexpr ContextField only_for(ContextField field, std::uint16_t groups) {
    field.attach = groups;
    return field;
}
constexpr ContextField with_wide(ContextField field) {
    field.wide = true;
    return field;
}
// __sk_buff.sk and sk_reuseport_md.migrating_sk are PTR_TO_SOCK_COMMON_OR_NULL.
constexpr ContextField sock_common(ContextField field) {
    field.socket = socket_type::kSockCommon;
    return field;
}
// cg_skb_is_valid_access: data and data_end need CAP_BPF, writing tstamp too.
constexpr ContextField needs_cap_bpf(ContextField field, std::uint8_t how) {
    field.cap_bpf = how;
    return field;
}
constexpr ContextField cb_scratch(FieldAccess access) {
    ContextField cb{48, 20, "cb", access, Kind::Scalar, kAnywhere};
    cb.any_width = true;  // bpf_skb_is_valid_access: any size, off % size == 0, inside cb[0..4]
    return cb;
}

// struct __sk_buff (include/uapi/linux/bpf.h), as bpf_skb_is_valid_access
// sees it: u32 fields read narrow and written whole; cb at any width; the
// addresses and the packet pointers exactly 4 bytes; tstamp, sk and
// hwtstamp exactly 8. Each program type's callback then hides fields and
// chooses the writable ones.

// tc_cls_act_is_valid_access: no socket fields (family..local_port).
constexpr std::array kSkBuffTcFields = {
    u32(0, "len"),
    u32(4, "pkt_type"),
    u32(8, "mark", kRw),
    u32(12, "queue_mapping", kRw),
    u32(16, "protocol"),
    u32(20, "vlan_present"),
    u32(24, "vlan_tci"),
    u32(28, "vlan_proto"),
    u32(32, "priority", kRw),
    u32(36, "ingress_ifindex"),
    u32(40, "ifindex"),
    u32(44, "tc_index", kRw),
    cb_scratch(kRw),
    u32(68, "hash"),
    u32(72, "tc_classid", kRw),
    exact(76, 4, "data", kRo, Kind::Packet),
    exact(80, 4, "data_end", kRo, Kind::PacketEnd),
    u32(84, "napi_id"),
    exact(140, 4, "data_meta", kRo, Kind::PacketMeta),
    exact(152, 8, "tstamp", kRw),
    u32(160, "wire_len"),
    u32(164, "gso_segs"),
    sock_common(exact(168, 8, "sk", kRo, Kind::SocketOrNull)),
    u32(176, "gso_size"),
    exact(180, 1, "tstamp_type"),
    exact(184, 8, "hwtstamp"),
};

// cg_skb_is_valid_access: mark, priority, cb and tstamp (with CAP_BPF)
// writable; no tc_classid, data_meta, wire_len nor tstamp_type.
constexpr std::array kCgroupSkbFields = {
    u32(0, "len"),
    u32(4, "pkt_type"),
    u32(8, "mark", kRw),
    u32(12, "queue_mapping"),
    u32(16, "protocol"),
    u32(20, "vlan_present"),
    u32(24, "vlan_tci"),
    u32(28, "vlan_proto"),
    u32(32, "priority", kRw),
    u32(36, "ingress_ifindex"),
    u32(40, "ifindex"),
    u32(44, "tc_index"),
    cb_scratch(kRw),
    u32(68, "hash"),
    needs_cap_bpf(exact(76, 4, "data", kRo, Kind::Packet), kCapBpfAny),
    needs_cap_bpf(exact(80, 4, "data_end", kRo, Kind::PacketEnd), kCapBpfAny),
    u32(84, "napi_id"),
    u32(88, "family"),
    exact(92, 4, "remote_ip4"),
    exact(96, 4, "local_ip4"),
    ContextField{100, 16, "remote_ip6", kRo, Kind::Scalar, NarrowReads::No, 4},
    ContextField{116, 16, "local_ip6", kRo, Kind::Scalar, NarrowReads::No, 4},
    u32(132, "remote_port"),
    u32(136, "local_port"),
    needs_cap_bpf(exact(152, 8, "tstamp", kRw), kCapBpfWrite),
    u32(164, "gso_segs"),
    sock_common(exact(168, 8, "sk", kRo, Kind::SocketOrNull)),
    u32(176, "gso_size"),
    exact(184, 8, "hwtstamp"),
};

// lwt_is_valid_access (lwt_in, lwt_out, lwt_xmit, lwt_seg6local): mark,
// priority and cb writable; no tc_classid, socket fields, data_meta,
// tstamp, wire_len nor hwtstamp.
constexpr std::array kLwtFields = {
    u32(0, "len"),
    u32(4, "pkt_type"),
    u32(8, "mark", kRw),
    u32(12, "queue_mapping"),
    u32(16, "protocol"),
    u32(20, "vlan_present"),
    u32(24, "vlan_tci"),
    u32(28, "vlan_proto"),
    u32(32, "priority", kRw),
    u32(36, "ingress_ifindex"),
    u32(40, "ifindex"),
    u32(44, "tc_index"),
    cb_scratch(kRw),
    u32(68, "hash"),
    exact(76, 4, "data", kRo, Kind::Packet),
    exact(80, 4, "data_end", kRo, Kind::PacketEnd),
    u32(84, "napi_id"),
    u32(164, "gso_segs"),
    sock_common(exact(168, 8, "sk", kRo, Kind::SocketOrNull)),
    u32(176, "gso_size"),
};

// sk_skb_is_valid_access: tc_index and priority writable, cb read-only, no
// mark at all; no tc_classid, data_meta, tstamp, wire_len nor hwtstamp.
constexpr std::array kSkSkbFields = {
    u32(0, "len"),
    u32(4, "pkt_type"),
    u32(12, "queue_mapping"),
    u32(16, "protocol"),
    u32(20, "vlan_present"),
    u32(24, "vlan_tci"),
    u32(28, "vlan_proto"),
    u32(32, "priority", kRw),
    u32(36, "ingress_ifindex"),
    u32(40, "ifindex"),
    u32(44, "tc_index", kRw),
    cb_scratch(kRo),
    u32(68, "hash"),
    exact(76, 4, "data", kRo, Kind::Packet),
    exact(80, 4, "data_end", kRo, Kind::PacketEnd),
    u32(84, "napi_id"),
    u32(88, "family"),
    exact(92, 4, "remote_ip4"),
    exact(96, 4, "local_ip4"),
    ContextField{100, 16, "remote_ip6", kRo, Kind::Scalar, NarrowReads::No, 4},
    ContextField{116, 16, "local_ip6", kRo, Kind::Scalar, NarrowReads::No, 4},
    u32(132, "remote_port"),
    u32(136, "local_port"),
    u32(164, "gso_segs"),
    sock_common(exact(168, 8, "sk", kRo, Kind::SocketOrNull)),
    u32(176, "gso_size"),
};

// flow_dissector_is_valid_access: data, data_end and flow_keys (a pointer
// to the 56 bytes of struct bpf_flow_keys, PTR_TO_FLOW_KEYS), nothing else.
constexpr std::array kFlowDissectorFields = {
    exact(76, 4, "data", kRo, Kind::Packet),
    exact(80, 4, "data_end", kRo, Kind::PacketEnd),
    exact(144, 8, "flow_keys", kRo, Kind::FlowKeys),
};

// Socket filters see no direct packet data (sk_filter_is_valid_access):
// only cb is writable.
constexpr std::array kSocketFilterFields = {
    u32(0, "len"),
    u32(4, "pkt_type"),
    u32(8, "mark"),
    u32(12, "queue_mapping"),
    u32(16, "protocol"),
    u32(20, "vlan_present"),
    u32(24, "vlan_tci"),
    u32(28, "vlan_proto"),
    u32(32, "priority"),
    u32(36, "ingress_ifindex"),
    u32(40, "ifindex"),
    u32(44, "tc_index"),
    cb_scratch(kRw),
    u32(68, "hash"),
    u32(84, "napi_id"),
    u32(164, "gso_segs"),
    sock_common(exact(168, 8, "sk", kRo, Kind::SocketOrNull)),
    u32(176, "gso_size"),
};

// xdp_is_valid_access: every field exactly 4 bytes, read-only.
constexpr std::array kXdpFields = {
    exact(0, 4, "data", kRo, Kind::Packet),
    exact(4, 4, "data_end", kRo, Kind::PacketEnd),
    exact(8, 4, "data_meta", kRo, Kind::PacketMeta),
    exact(12, 4, "ingress_ifindex"),
    exact(16, 4, "rx_queue_index"),
    only_for(exact(20, 4, "egress_ifindex"), attach_group::kXdpDevmap),
};

// struct bpf_sock for cgroup_sock (sock_filter_is_valid_access): sizes from
// bpf_sock_is_valid_access, availability from the attach type
// (__sock_filter_check_attach_type): bound_dev_if, mark and priority only
// at socket creation and release (and writable there), the source address
// and port only after bind. Narrow reads anywhere in the addresses, at the
// start of the other u32 fields (`case offsetof`).
constexpr std::array kSockFields = {
    only_for(exact(0, 4, "bound_dev_if", kRw), attach_group::kSockCreate),
    u32(4, "family", kRo, kAtStart),
    u32(8, "type", kRo, kAtStart),
    u32(12, "protocol", kRo, kAtStart),
    only_for(exact(16, 4, "mark", kRw), attach_group::kSockCreate),
    only_for(exact(20, 4, "priority", kRw), attach_group::kSockCreate),
    only_for(u32(24, "src_ip4"), attach_group::kPostBind4),
    only_for(u32s(28, 4, "src_ip6"), attach_group::kPostBind6),
    only_for(u32(44, "src_port", kRo, kAtStart), attach_group::kPostBind4 | attach_group::kPostBind6),
    ContextField{48, 2, "dst_port", kRo, Kind::Scalar, kAnywhere},  // __be16, and 2 bytes of padding:
    exact(48, 4, "dst_port"),                                       // read as a u32 too
    u32(52, "dst_ip4"),
    u32s(56, 4, "dst_ip6"),
    u32(72, "state", kRo, kAtStart),
    u32(76, "rx_queue_mapping", kRo, kAtStart),
};

// struct sk_msg_md (sk_msg_is_valid_access): read-only, exact widths;
// data/data_end are packet pointers.
constexpr std::array kSkMsgFields = {
    exact(0, 8, "data", kRo, Kind::Packet),
    exact(8, 8, "data_end", kRo, Kind::PacketEnd),
    exact(16, 4, "family"),
    exact(20, 4, "remote_ip4"),
    exact(24, 4, "local_ip4"),
    u32s(28, 4, "remote_ip6", kRo, NarrowReads::No),
    u32s(44, 4, "local_ip6", kRo, NarrowReads::No),
    exact(60, 4, "remote_port"),
    exact(64, 4, "local_port"),
    exact(68, 4, "size"),
    exact(72, 8, "sk", kRo, Kind::Socket),
};

// struct bpf_sock_addr (sock_addr_is_valid_access): the addresses and the
// port read narrow and written as u32s, the IPv6 addresses also 8 bytes at a
// time where 8-aligned (bpf_ctx_wide_access_ok); each address exists only
// for the attach types of its family.
constexpr std::array kSockAddrFields = {
    exact(0, 4, "user_family"),
    only_for(u32(4, "user_ip4", kRw), attach_group::kInet4Address),
    only_for(with_wide(u32s(8, 4, "user_ip6", kRw)), attach_group::kInet6Address),
    u32(24, "user_port", kRw),
    exact(28, 4, "family"),
    exact(32, 4, "type"),
    exact(36, 4, "protocol"),
    only_for(u32(40, "msg_src_ip4", kRw), attach_group::kUdp4Sendmsg),
    only_for(with_wide(u32s(44, 4, "msg_src_ip6", kRw)), attach_group::kUdp6Sendmsg),
    exact(64, 8, "sk", kRo, Kind::Socket),
};

// struct bpf_perf_event_data: the registers must be read whole (8 bytes);
// sample_period and addr allow narrow reads (pe_prog_is_valid_access).
constexpr std::array kPerfEventFields = {
    exact(0, 8, "regs.r15"),      exact(8, 8, "regs.r14"),
    exact(16, 8, "regs.r13"),     exact(24, 8, "regs.r12"),
    exact(32, 8, "regs.bp"),      exact(40, 8, "regs.bx"),
    exact(48, 8, "regs.r11"),     exact(56, 8, "regs.r10"),
    exact(64, 8, "regs.r9"),      exact(72, 8, "regs.r8"),
    exact(80, 8, "regs.ax"),      exact(88, 8, "regs.cx"),
    exact(96, 8, "regs.dx"),      exact(104, 8, "regs.si"),
    exact(112, 8, "regs.di"),     exact(120, 8, "regs.orig_ax"),
    exact(128, 8, "regs.ip"),     exact(136, 8, "regs.cs"),
    exact(144, 8, "regs.flags"),  exact(152, 8, "regs.sp"),
    exact(160, 8, "regs.ss"),     ContextField{168, 8, "sample_period"},
    ContextField{176, 8, "addr"},
};

// struct bpf_sock_ops (sock_ops_is_valid_access): every u32 read exactly
// (skb_tcp_flags also narrow, at its start); only reply (args[0]) and
// sk_txhash writable; the u64 fields and pointers exactly 8 bytes.
constexpr std::array kSockOpsFields = {
    exact(0, 4, "op"),
    exact(4, 4, "reply", kRw),
    u32s(8, 3, "args", kRo, NarrowReads::No),  // args[1..3] (replylong[1..3])
    exact(20, 4, "family"),
    exact(24, 4, "remote_ip4"),
    exact(28, 4, "local_ip4"),
    u32s(32, 4, "remote_ip6", kRo, NarrowReads::No),
    u32s(48, 4, "local_ip6", kRo, NarrowReads::No),
    exact(64, 4, "remote_port"),
    exact(68, 4, "local_port"),
    exact(72, 4, "is_fullsock"),
    u32s(76, 22, "tcp_stats", kRo, NarrowReads::No),  // snd_cwnd .. sacked_out
    exact(164, 4, "sk_txhash", kRw),
    exact(168, 8, "bytes_received"),
    exact(176, 8, "bytes_acked"),
    exact(184, 8, "sk", kRo, Kind::SocketOrNull),
    exact(192, 8, "skb_data", kRo, Kind::Packet),
    exact(200, 8, "skb_data_end", kRo, Kind::PacketEnd),
    exact(208, 4, "skb_len"),
    u32(212, "skb_tcp_flags", kRo, kAtStart),
    exact(216, 8, "skb_hwtstamp"),
};

// struct bpf_cgroup_dev_ctx (cgroup_dev_is_valid_access): read-only;
// access_type narrow, major and minor whole.
constexpr std::array kCgroupDeviceFields = {
    u32(0, "access_type"),
    exact(4, 4, "major"),
    exact(8, 4, "minor"),
};

// struct bpf_sk_lookup (sk_lookup_is_valid_access): read-only; sk (or
// cookie) 8 bytes, the u32 fields narrow; remote_port a __be16 also read as
// a u32, and the 2 bytes of padding after it readable.
constexpr std::array kSkLookupFields = {
    exact(0, 8, "sk", kRo, Kind::SocketOrNull),
    u32(8, "family"),
    u32(12, "protocol"),
    u32(16, "remote_ip4"),
    u32s(20, 4, "remote_ip6"),
    ContextField{36, 2, "remote_port", kRo, Kind::Scalar, kAnywhere},
    exact(36, 4, "remote_port"),
    ContextField{38, 2, "remote_port padding", kRo, Kind::Scalar, kAnywhere},
    u32(40, "local_ip4"),
    u32s(44, 4, "local_ip6"),
    u32(60, "local_port"),
    u32(64, "ingress_ifindex"),
};

// struct bpf_sysctl (cg_sysctl_is_valid_access): write narrow read-only,
// file_pos narrow reads and u32 writes.
constexpr std::array kSysctlFields = {
    u32(0, "write"),
    u32(4, "file_pos", kRw),
};

// struct bpf_sockopt (cg_sockopt_is_valid_access): sk and the optval
// packet pointers 8 bytes, the rest u32s read whole; getsockopt programs
// may set optlen and retval, setsockopt programs level, optname and optlen
// (retval exists only for getsockopt).
constexpr std::array kSockoptFields = {
    exact(0, 8, "sk", kRo, Kind::Socket),
    exact(8, 8, "optval", kRo, Kind::Packet),
    exact(16, 8, "optval_end", kRo, Kind::PacketEnd),
    only_for(exact(24, 4, "level"), attach_group::kGetsockopt),
    only_for(exact(24, 4, "level", kRw), attach_group::kSetsockopt),
    only_for(exact(28, 4, "optname"), attach_group::kGetsockopt),
    only_for(exact(28, 4, "optname", kRw), attach_group::kSetsockopt),
    exact(32, 4, "optlen", kRw),
    only_for(exact(36, 4, "retval", kRw), attach_group::kGetsockopt),
};

// struct sk_reuseport_md (sk_reuseport_is_valid_access): read-only; data,
// data_end, sk, migrating_sk 8 bytes; eth_protocol read 2 or 4 bytes wide;
// len, ip_protocol, bind_inany narrow; hash whole.
constexpr std::array kSkReuseportFields = {
    exact(0, 8, "data", kRo, Kind::Packet),
    exact(8, 8, "data_end", kRo, Kind::PacketEnd),
    u32(16, "len"),
    ContextField{20, 4, "eth_protocol", kRo, Kind::Scalar, NarrowReads::No, 2},
    exact(20, 4, "eth_protocol"),
    u32(24, "ip_protocol"),
    u32(28, "bind_inany"),
    exact(32, 4, "hash"),
    exact(40, 8, "sk", kRo, Kind::Socket),
    sock_common(exact(48, 8, "migrating_sk", kRo, Kind::SocketOrNull)),
};

constexpr std::array<ContextField, 0> kNoFields{};

constexpr std::array kProgramTypes = {
    // name, context struct, model, size, fields, return range, packet access, packet writable, blob start
    ProgramType{"unspec", "", ContextModel::Fields, 0, kNoFields, {}, {}, false, false, 0},
    ProgramType{"socket_filter", "__sk_buff", ContextModel::Fields, 192, kSocketFilterFields, {}, {}, false, false, 0},
    ProgramType{"sched_cls", "__sk_buff", ContextModel::Fields, 192, kSkBuffTcFields, {}, {}, true, true, 0},
    ProgramType{"sched_act", "__sk_buff", ContextModel::Fields, 192, kSkBuffTcFields, {}, {}, true, true, 0},
    ProgramType{"cgroup_skb", "__sk_buff", ContextModel::Fields, 192, kCgroupSkbFields, 0, 1, true, false, 0},
    ProgramType{"lwt_in", "__sk_buff", ContextModel::Fields, 192, kLwtFields, {}, {}, true, false, 0},
    ProgramType{"lwt_out", "__sk_buff", ContextModel::Fields, 192, kLwtFields, {}, {}, true, false, 0},
    ProgramType{"lwt_xmit", "__sk_buff", ContextModel::Fields, 192, kLwtFields, {}, {}, true, true, 0},
    ProgramType{"lwt_seg6local", "__sk_buff", ContextModel::Fields, 192, kLwtFields, {}, {}, true, false, 0},
    ProgramType{"sk_skb", "__sk_buff", ContextModel::Fields, 192, kSkSkbFields, {}, {}, true, true, 0},
    ProgramType{"flow_dissector", "__sk_buff", ContextModel::Fields, 192, kFlowDissectorFields, {}, {}, true, false, 0},
    ProgramType{"xdp", "xdp_md", ContextModel::Fields, 24, kXdpFields, {}, {}, true, true, 0},
    ProgramType{"cgroup_sock", "bpf_sock", ContextModel::Fields, 80, kSockFields, 0, 1, false, false, 0},
    ProgramType{"cgroup_sock_addr", "bpf_sock_addr", ContextModel::Fields, 72, kSockAddrFields, 0, 1, false, false, 0},
    ProgramType{"cgroup_device", "bpf_cgroup_dev_ctx", ContextModel::Fields, 12, kCgroupDeviceFields, 0, 1, false,
                false, 0},
    ProgramType{"sk_lookup", "bpf_sk_lookup", ContextModel::Fields, 72, kSkLookupFields, 0, 1, false, false, 0},
    ProgramType{"cgroup_sysctl", "bpf_sysctl", ContextModel::Fields, 8, kSysctlFields, 0, 1, false, false, 0},
    ProgramType{"cgroup_sockopt", "bpf_sockopt", ContextModel::Fields, 40, kSockoptFields, 0, 1, true, true, 0},
    ProgramType{
        "sk_reuseport", "sk_reuseport_md", ContextModel::Fields, 56, kSkReuseportFields, {}, {}, true, false, 0},
    ProgramType{"sock_ops", "bpf_sock_ops", ContextModel::Fields, 224, kSockOpsFields, 0, 1, true, false, 0},
    ProgramType{"sk_msg", "sk_msg_md", ContextModel::Fields, 80, kSkMsgFields, {}, {}, true, true, 0},
    // check_return_code: NF_DROP or NF_ACCEPT.
    ProgramType{"netfilter", "bpf_nf_ctx", ContextModel::Fields, 16, netfilter_context::kFields, 0, 1, false, false, 0},
    // struct pt_regs on x86-64: 21 u64 registers, read-only, any aligned width.
    ProgramType{
        "kprobe", "pt_regs", ContextModel::ReadableBlob, 168, kNoFields, {}, {}, false, false, 0, false, false, true},
    ProgramType{"perf_event",
                "bpf_perf_event_data",
                ContextModel::Fields,
                184,
                kPerfEventFields,
                {},
                {},
                false,
                false,
                0,
                false,
                false,
                true},
    // The tracepoint's record after its 8 bytes of common fields; PERF_MAX_TRACE_SIZE bounds it.
    ProgramType{"tracepoint",
                "trace_event_raw",
                ContextModel::ReadableBlob,
                8192,
                kNoFields,
                {},
                {},
                false,
                false,
                8,
                false,
                false,
                true},
    // u64 args[MAX_BPF_FUNC_ARGS].
    ProgramType{"raw_tracepoint",
                "bpf_raw_tracepoint_args",
                ContextModel::ReadableBlob,
                96,
                kNoFields,
                {},
                {},
                false,
                false,
                0,
                false,
                false,
                true},
    ProgramType{"raw_tracepoint_writable",
                "bpf_raw_tracepoint_args",
                ContextModel::ReadableBlob,
                96,
                kNoFields,
                {},
                {},
                false,
                false,
                0,
                false,
                true,
                true},
    ProgramType{
        "tracing", "u64 args", ContextModel::BtfArgs, 96, kNoFields, {}, {}, false, false, 0, false, false, true},
    ProgramType{"lsm", "u64 args", ContextModel::BtfArgs, 96, kNoFields, {}, {}, false, false, 0, false, false, true},
    ProgramType{"ext", "u64 args", ContextModel::BtfArgs, 96, kNoFields, {}, {}, false, false, 0, false, false, true},
    ProgramType{
        "struct_ops", "u64 args", ContextModel::BtfArgs, 96, kNoFields, {}, {}, false, false, 0, false, false, true},
    ProgramType{"syscall", "user context", ContextModel::ReadableBlob, 65535, kNoFields, {}, {}, false, false, 0, true},
};

}  // namespace

bool context_width_allowed(const ContextField& field, std::int64_t off, int width, bool is_write) {
    const std::int64_t inside = off - field.offset;
    if (width <= 0 || off % width != 0 || inside < 0 || inside + width > static_cast<std::int64_t>(field.size)) {
        return false;  // every callback starts with off % size != 0 -> refused
    }
    if (field.any_width || (field.wide && width == 8)) {
        return true;
    }
    const std::int64_t element = field.element != 0 ? field.element : field.size;
    const std::int64_t at = inside % element;
    if (at + width > element) {
        return false;
    }
    if (width == element) {
        return true;
    }
    // Narrow: reads only (writes of u32 fields are whole in every callback).
    return !is_write && (field.narrow == NarrowReads::Anywhere || (field.narrow == NarrowReads::AtStart && at == 0));
}

namespace {

// Expected attach types (libbpf_bpf_attach_type_str, as the loader's rule
// table gives them) and the context groups they open.
struct AttachGroupRow {
    std::string_view attach_type;
    std::uint16_t groups;
};

namespace g = attach_group;
constexpr std::array kAttachGroups = {
    AttachGroupRow{"xdp_devmap", g::kXdpDevmap},
    AttachGroupRow{"cgroup_inet4_bind", g::kInet4Address},
    AttachGroupRow{"cgroup_inet4_connect", g::kInet4Address},
    AttachGroupRow{"cgroup_inet4_getpeername", g::kInet4Address},
    AttachGroupRow{"cgroup_inet4_getsockname", g::kInet4Address},
    AttachGroupRow{"cgroup_udp4_recvmsg", g::kInet4Address},
    AttachGroupRow{"cgroup_udp4_sendmsg", g::kInet4Address | g::kUdp4Sendmsg},
    AttachGroupRow{"cgroup_inet6_bind", g::kInet6Address},
    AttachGroupRow{"cgroup_inet6_connect", g::kInet6Address},
    AttachGroupRow{"cgroup_inet6_getpeername", g::kInet6Address},
    AttachGroupRow{"cgroup_inet6_getsockname", g::kInet6Address},
    AttachGroupRow{"cgroup_udp6_recvmsg", g::kInet6Address},
    AttachGroupRow{"cgroup_udp6_sendmsg", g::kInet6Address | g::kUdp6Sendmsg},
    AttachGroupRow{"cgroup_unix_connect", 0},
    AttachGroupRow{"cgroup_unix_sendmsg", 0},
    AttachGroupRow{"cgroup_unix_recvmsg", 0},
    AttachGroupRow{"cgroup_unix_getpeername", 0},
    AttachGroupRow{"cgroup_unix_getsockname", 0},
    AttachGroupRow{"cgroup_getsockopt", g::kGetsockopt},
    AttachGroupRow{"cgroup_setsockopt", g::kSetsockopt},
    AttachGroupRow{"cgroup_inet_sock_create", g::kSockCreate},
    AttachGroupRow{"cgroup_inet_sock_release", g::kSockCreate},
    AttachGroupRow{"cgroup_inet4_post_bind", g::kPostBind4},
    AttachGroupRow{"cgroup_inet6_post_bind", g::kPostBind6},
};

// check_return_code: return ranges an attach type sets apart from its
// program type's own.
struct ReturnRangeRow {
    std::string_view attach_type;
    ReturnRange range;
};
constexpr std::array kAttachReturnRanges = {
    ReturnRangeRow{"cgroup_inet_egress", {0, 3}},  // congestion notification (cgroup_skb egress)
    ReturnRangeRow{"cgroup_inet4_bind", {0, 3}},   // bind4/6: bit 1 skips the port capability check
    ReturnRangeRow{"cgroup_inet6_bind", {0, 3}},
    ReturnRangeRow{"cgroup_udp4_recvmsg", {1, 1}},  // recvmsg and get{peer,sock}name must return 1
    ReturnRangeRow{"cgroup_udp6_recvmsg", {1, 1}},
    ReturnRangeRow{"cgroup_unix_recvmsg", {1, 1}},
    ReturnRangeRow{"cgroup_inet4_getpeername", {1, 1}},
    ReturnRangeRow{"cgroup_inet6_getpeername", {1, 1}},
    ReturnRangeRow{"cgroup_unix_getpeername", {1, 1}},
    ReturnRangeRow{"cgroup_inet4_getsockname", {1, 1}},
    ReturnRangeRow{"cgroup_inet6_getsockname", {1, 1}},
    ReturnRangeRow{"cgroup_unix_getsockname", {1, 1}},
    ReturnRangeRow{"trace_iter", {0, 1}},
    ReturnRangeRow{"trace_fentry", {0, 0}},  // fentry and fexit return 0 (check_return_code)
    ReturnRangeRow{"trace_fexit", {0, 0}},
    ReturnRangeRow{"kprobe_session", {0, 1}},  // 1: skip the return probe
};

}  // namespace

std::uint16_t attach_groups(const ProgramType& type, std::string_view attach_type) {
    for (const AttachGroupRow& row : kAttachGroups) {
        if (row.attach_type == attach_type) {
            return row.groups;
        }
    }
    // XDP without the devmap attach type cannot read egress_ifindex; other
    // types without a known attach type are given every field.
    return type.name == "xdp" ? 0 : g::kAll;
}

bool context_field_available(const ProgramType& type, std::string_view attach_type, const ContextField& field) {
    return field.attach == 0 || (field.attach & attach_groups(type, attach_type)) != 0;
}

HelperPacketArgs helper_packet_args(const ProgramType& type) {
    // may_access_direct_pkt_data: the types listed there consult the proto's
    // pkt_access, cgroup_sockopt allows any helper, every other type none.
    if (type.name == "cgroup_sockopt") {
        return HelperPacketArgs::Always;
    }
    return type.has_packet_access && type.name != "sock_ops" ? HelperPacketArgs::IfHelperTakesPacket
                                                             : HelperPacketArgs::Refused;
}

std::optional<ReturnRange> return_range(const ProgramType& type, std::string_view attach_type) {
    for (const ReturnRangeRow& row : kAttachReturnRanges) {
        if (row.attach_type == attach_type) {
            return row.range;
        }
    }
    if (!type.return_min || !type.return_max) {
        return std::nullopt;
    }
    return ReturnRange{*type.return_min, *type.return_max};
}

const ProgramType& find_program_type(std::string_view name) {
    for (const ProgramType& type : kProgramTypes) {
        if (type.name == name) {
            return type;
        }
    }
    return kProgramTypes.front();
}

// The kernel struct the verifier converts a program's context to
// (bpf_ctx_convert: BPF_PROG_TYPE(..., prog_ctx_type, kern_ctx_type)).
std::string_view kernel_context_struct(std::string_view context) {
    static constexpr std::pair<std::string_view, std::string_view> kKernelContexts[] = {
        {"__sk_buff", "sk_buff"},
        {"xdp_md", "xdp_buff"},
        {"bpf_sock_addr", "bpf_sock_addr_kern"},
        {"bpf_sock_ops", "bpf_sock_ops_kern"},
        {"bpf_sockopt", "bpf_sockopt_kern"},
        {"sk_msg_md", "sk_msg"},
        {"bpf_sk_lookup", "bpf_sk_lookup_kern"},
        {"bpf_sysctl", "bpf_sysctl_kern"},
        {"bpf_perf_event_data", "bpf_perf_event_data_kern"},
        {"sk_reuseport_md", "sk_reuseport_kern"},
        {"bpf_sock", "sock"},
        {"bpf_cgroup_dev_ctx", "bpf_cgroup_dev_ctx"},
    };
    for (const auto& [user, kernel] : kKernelContexts) {
        if (user == context) {
            return kernel;
        }
    }
    return {};
}

}  // namespace bpfcheck::analyzer
