// Context layouts and return ranges of program types, from the kernel's UAPI
// structs (struct __sk_buff, struct xdp_md, struct bpf_sock, ...) and its
// is_valid_access callbacks (net/core/filter.c, kernel/trace/bpf_trace.c) and
// check_return_code (kernel/bpf/verifier.c). Offsets are x86-64's.
#include "analyzer/platform/program_type.hpp"

#include <array>

namespace bpfcheck::analyzer {
namespace {

using domains::Kind;
constexpr auto RO = FieldAccess::ReadOnly;
constexpr auto RW = FieldAccess::ReadWrite;

// struct __sk_buff (include/uapi/linux/bpf.h). Writable fields follow
// tc_cls_act_is_valid_access; other skb program types are stricter and use
// the read-only copy below.
constexpr std::array kSkBuffTcFields = {
    ContextField{0, 4, "len", RO},
    ContextField{4, 4, "pkt_type", RO},
    ContextField{8, 4, "mark", RW},
    ContextField{12, 4, "queue_mapping", RW},
    ContextField{16, 4, "protocol", RO},
    ContextField{20, 4, "vlan_present", RO},
    ContextField{24, 4, "vlan_tci", RO},
    ContextField{28, 4, "vlan_proto", RO},
    ContextField{32, 4, "priority", RW},
    ContextField{36, 4, "ingress_ifindex", RO},
    ContextField{40, 4, "ifindex", RO},
    ContextField{44, 4, "tc_index", RW},
    ContextField{48, 20, "cb", RW},
    ContextField{68, 4, "hash", RO},
    ContextField{72, 4, "tc_classid", RW},
    ContextField{76, 4, "data", RO, Kind::Packet, false},
    ContextField{80, 4, "data_end", RO, Kind::PacketEnd, false},
    ContextField{84, 4, "napi_id", RO},
    ContextField{140, 4, "data_meta", RO, Kind::PacketMeta, false},
    ContextField{152, 8, "tstamp", RW, Kind::Scalar, false},
    ContextField{160, 4, "wire_len", RO},
    ContextField{164, 4, "gso_segs", RO},
    ContextField{168, 8, "sk", RO, Kind::SocketOrNull, false},
    ContextField{176, 4, "gso_size", RO},
    ContextField{184, 8, "hwtstamp", RO, Kind::Scalar, false},
};

// cgroup_skb (cg_skb_is_valid_access): mark, priority and cb are writable,
// tstamp too with CAP_BPF; wire_len, tc_classid and data_meta are not readable.
constexpr std::array kCgroupSkbFields = {
    ContextField{0, 4, "len", RO},
    ContextField{4, 4, "pkt_type", RO},
    ContextField{8, 4, "mark", RW},
    ContextField{12, 4, "queue_mapping", RO},
    ContextField{16, 4, "protocol", RO},
    ContextField{20, 4, "vlan_present", RO},
    ContextField{24, 4, "vlan_tci", RO},
    ContextField{28, 4, "vlan_proto", RO},
    ContextField{32, 4, "priority", RW},
    ContextField{36, 4, "ingress_ifindex", RO},
    ContextField{40, 4, "ifindex", RO},
    ContextField{44, 4, "tc_index", RO},
    ContextField{48, 20, "cb", RW},
    ContextField{68, 4, "hash", RO},
    ContextField{76, 4, "data", RO, Kind::Packet, false},
    ContextField{80, 4, "data_end", RO, Kind::PacketEnd, false},
    ContextField{84, 4, "napi_id", RO},
    ContextField{88, 4, "family", RO},
    ContextField{92, 4, "remote_ip4", RO},
    ContextField{96, 4, "local_ip4", RO},
    ContextField{100, 16, "remote_ip6", RO},
    ContextField{116, 16, "local_ip6", RO},
    ContextField{132, 4, "remote_port", RO},
    ContextField{136, 4, "local_port", RO},
    ContextField{152, 8, "tstamp", RW, Kind::Scalar, false},
    ContextField{164, 4, "gso_segs", RO},
    ContextField{168, 8, "sk", RO, Kind::SocketOrNull, false},
    ContextField{176, 4, "gso_size", RO},
    ContextField{184, 8, "hwtstamp", RO, Kind::Scalar, false},
};

constexpr std::array kSkBuffReadFields = {
    ContextField{0, 4, "len", RO},
    ContextField{4, 4, "pkt_type", RO},
    ContextField{8, 4, "mark", RO},
    ContextField{12, 4, "queue_mapping", RO},
    ContextField{16, 4, "protocol", RO},
    ContextField{20, 4, "vlan_present", RO},
    ContextField{24, 4, "vlan_tci", RO},
    ContextField{28, 4, "vlan_proto", RO},
    ContextField{32, 4, "priority", RO},
    ContextField{36, 4, "ingress_ifindex", RO},
    ContextField{40, 4, "ifindex", RO},
    ContextField{44, 4, "tc_index", RO},
    ContextField{48, 20, "cb", RW},
    ContextField{68, 4, "hash", RO},
    ContextField{76, 4, "data", RO, Kind::Packet, false},
    ContextField{80, 4, "data_end", RO, Kind::PacketEnd, false},
    ContextField{88, 4, "family", RO},
    ContextField{92, 4, "remote_ip4", RO},
    ContextField{96, 4, "local_ip4", RO},
    ContextField{100, 16, "remote_ip6", RO},
    ContextField{116, 16, "local_ip6", RO},
    ContextField{132, 4, "remote_port", RO},
    ContextField{136, 4, "local_port", RO},
    ContextField{152, 8, "tstamp", RO},
    ContextField{160, 4, "wire_len", RO},
    ContextField{168, 8, "sk", RO, Kind::SocketOrNull, false},
};

// Socket filters see no direct packet data (sk_filter_is_valid_access).
constexpr std::array kSocketFilterFields = {
    ContextField{0, 4, "len", RO},       ContextField{4, 4, "pkt_type", RO},
    ContextField{8, 4, "mark", RO},      ContextField{12, 4, "queue_mapping", RO},
    ContextField{16, 4, "protocol", RO}, ContextField{20, 4, "vlan_present", RO},
    ContextField{24, 4, "vlan_tci", RO}, ContextField{28, 4, "vlan_proto", RO},
    ContextField{32, 4, "priority", RO}, ContextField{36, 4, "ingress_ifindex", RO},
    ContextField{40, 4, "ifindex", RO},  ContextField{44, 4, "tc_index", RO},
    ContextField{48, 20, "cb", RW},      ContextField{68, 4, "hash", RO},
    ContextField{84, 4, "napi_id", RO},  ContextField{168, 8, "sk", RO, Kind::SocketOrNull, false},
};

constexpr std::array kXdpFields = {
    ContextField{0, 4, "data", RO, Kind::Packet, false},
    ContextField{4, 4, "data_end", RO, Kind::PacketEnd, false},
    ContextField{8, 4, "data_meta", RO, Kind::PacketMeta, false},
    ContextField{12, 4, "ingress_ifindex", RO, Kind::Scalar, false},
    ContextField{16, 4, "rx_queue_index", RO, Kind::Scalar, false},
    ContextField{20, 4, "egress_ifindex", RO, Kind::Scalar, false},  // xdp/devmap only in the kernel
};

// struct bpf_sock (cgroup_sock): bound_dev_if, mark, priority writable.
constexpr std::array kSockFields = {
    ContextField{0, 4, "bound_dev_if", RW}, ContextField{4, 4, "family", RO},
    ContextField{8, 4, "type", RO},         ContextField{12, 4, "protocol", RO},
    ContextField{16, 4, "mark", RW},        ContextField{20, 4, "priority", RW},
    ContextField{24, 4, "src_ip4", RO},     ContextField{28, 16, "src_ip6", RO},
    ContextField{44, 4, "src_port", RO},    ContextField{48, 4, "dst_port", RO},
    ContextField{52, 4, "dst_ip4", RO},     ContextField{56, 16, "dst_ip6", RO},
    ContextField{72, 4, "state", RO},       ContextField{76, 4, "rx_queue_mapping", RO},
};

// struct sk_msg_md: data/data_end are packet pointers.
constexpr std::array kSkMsgFields = {
    ContextField{0, 8, "data", RO, Kind::Packet, false},
    ContextField{8, 8, "data_end", RO, Kind::PacketEnd, false},
    ContextField{16, 4, "family", RO},
    ContextField{20, 4, "remote_ip4", RO},
    ContextField{24, 4, "local_ip4", RO},
    ContextField{28, 16, "remote_ip6", RO},
    ContextField{44, 16, "local_ip6", RO},
    ContextField{60, 4, "remote_port", RO},
    ContextField{64, 4, "local_port", RO},
    ContextField{68, 4, "size", RO},
    ContextField{72, 8, "sk", RO, Kind::Socket, false},
};

// struct bpf_sock_addr (cgroup_sock_addr): user_ip4/6 and user_port writable.
constexpr std::array kSockAddrFields = {
    ContextField{0, 4, "user_family", RO},   ContextField{4, 4, "user_ip4", RW},
    ContextField{8, 16, "user_ip6", RW},     ContextField{24, 4, "user_port", RW},
    ContextField{28, 4, "family", RO},       ContextField{32, 4, "type", RO},
    ContextField{36, 4, "protocol", RO},     ContextField{40, 4, "msg_src_ip4", RW},
    ContextField{44, 16, "msg_src_ip6", RW}, ContextField{64, 8, "sk", RO, Kind::Socket, false},
};

// struct bpf_perf_event_data: the registers must be read whole (8 bytes);
// sample_period and addr allow narrow reads (pe_prog_is_valid_access).
constexpr std::array kPerfEventFields = {
    ContextField{0, 8, "regs.r15", RO, Kind::Scalar, false},
    ContextField{8, 8, "regs.r14", RO, Kind::Scalar, false},
    ContextField{16, 8, "regs.r13", RO, Kind::Scalar, false},
    ContextField{24, 8, "regs.r12", RO, Kind::Scalar, false},
    ContextField{32, 8, "regs.bp", RO, Kind::Scalar, false},
    ContextField{40, 8, "regs.bx", RO, Kind::Scalar, false},
    ContextField{48, 8, "regs.r11", RO, Kind::Scalar, false},
    ContextField{56, 8, "regs.r10", RO, Kind::Scalar, false},
    ContextField{64, 8, "regs.r9", RO, Kind::Scalar, false},
    ContextField{72, 8, "regs.r8", RO, Kind::Scalar, false},
    ContextField{80, 8, "regs.ax", RO, Kind::Scalar, false},
    ContextField{88, 8, "regs.cx", RO, Kind::Scalar, false},
    ContextField{96, 8, "regs.dx", RO, Kind::Scalar, false},
    ContextField{104, 8, "regs.si", RO, Kind::Scalar, false},
    ContextField{112, 8, "regs.di", RO, Kind::Scalar, false},
    ContextField{120, 8, "regs.orig_ax", RO, Kind::Scalar, false},
    ContextField{128, 8, "regs.ip", RO, Kind::Scalar, false},
    ContextField{136, 8, "regs.cs", RO, Kind::Scalar, false},
    ContextField{144, 8, "regs.flags", RO, Kind::Scalar, false},
    ContextField{152, 8, "regs.sp", RO, Kind::Scalar, false},
    ContextField{160, 8, "regs.ss", RO, Kind::Scalar, false},
    ContextField{168, 8, "sample_period", RO},
    ContextField{176, 8, "addr", RO},
};

// struct bpf_sock_ops (sock_ops_is_valid_access): reply/args and sk_txhash
// writable; skb_data/skb_data_end are packet pointers; sk is a socket.
constexpr std::array kSockOpsFields = {
    ContextField{0, 4, "op", RO},
    ContextField{4, 16, "args", RW},
    ContextField{20, 4, "family", RO},
    ContextField{24, 4, "remote_ip4", RO},
    ContextField{28, 4, "local_ip4", RO},
    ContextField{32, 16, "remote_ip6", RO},
    ContextField{48, 16, "local_ip6", RO},
    ContextField{64, 4, "remote_port", RO},
    ContextField{68, 4, "local_port", RO},
    ContextField{72, 4, "is_fullsock", RO},
    ContextField{76, 88, "tcp_stats", RO},  // snd_cwnd .. sacked_out: u32 counters
    ContextField{164, 4, "sk_txhash", RW},
    ContextField{168, 8, "bytes_received", RO},
    ContextField{176, 8, "bytes_acked", RO},
    ContextField{184, 8, "sk", RO, Kind::SocketOrNull, false},
    ContextField{192, 8, "skb_data", RO, Kind::Packet, false},
    ContextField{200, 8, "skb_data_end", RO, Kind::PacketEnd, false},
    ContextField{208, 4, "skb_len", RO},
    ContextField{212, 4, "skb_tcp_flags", RO},
    ContextField{216, 8, "skb_hwtstamp", RO},
};

constexpr std::array<ContextField, 0> kNoFields{};

constexpr std::array kProgramTypes = {
    // name, context struct, model, size, fields, return range, packet access, packet writable, blob start
    ProgramType{"unspec", "", ContextModel::Fields, 0, kNoFields, {}, {}, false, false, 0},
    ProgramType{"socket_filter", "__sk_buff", ContextModel::Fields, 192, kSocketFilterFields, {}, {}, false, false, 0},
    ProgramType{"sched_cls", "__sk_buff", ContextModel::Fields, 192, kSkBuffTcFields, {}, {}, true, true, 0},
    ProgramType{"sched_act", "__sk_buff", ContextModel::Fields, 192, kSkBuffTcFields, {}, {}, true, true, 0},
    ProgramType{"cgroup_skb", "__sk_buff", ContextModel::Fields, 192, kCgroupSkbFields, 0, 1, true, false, 0},
    ProgramType{"lwt_in", "__sk_buff", ContextModel::Fields, 192, kSkBuffReadFields, {}, {}, true, false, 0},
    ProgramType{"lwt_out", "__sk_buff", ContextModel::Fields, 192, kSkBuffReadFields, {}, {}, true, false, 0},
    ProgramType{"lwt_xmit", "__sk_buff", ContextModel::Fields, 192, kSkBuffTcFields, {}, {}, true, true, 0},
    ProgramType{"lwt_seg6local", "__sk_buff", ContextModel::Fields, 192, kSkBuffReadFields, {}, {}, true, false, 0},
    ProgramType{"sk_skb", "__sk_buff", ContextModel::Fields, 192, kSkBuffTcFields, {}, {}, true, true, 0},
    ProgramType{"flow_dissector", "__sk_buff", ContextModel::Fields, 192, kSkBuffReadFields, {}, {}, true, false, 0},
    ProgramType{"xdp", "xdp_md", ContextModel::Fields, 24, kXdpFields, {}, {}, true, true, 0},
    ProgramType{"cgroup_sock", "bpf_sock", ContextModel::Fields, 80, kSockFields, 0, 1, false, false, 0},
    ProgramType{"cgroup_sock_addr", "bpf_sock_addr", ContextModel::Fields, 72, kSockAddrFields, 0, 1, false, false, 0},
    ProgramType{"sock_ops", "bpf_sock_ops", ContextModel::Fields, 224, kSockOpsFields, 0, 1, true, false, 0},
    ProgramType{"sk_msg", "sk_msg_md", ContextModel::Fields, 80, kSkMsgFields, {}, {}, true, true, 0},
    // struct pt_regs on x86-64: 21 u64 registers, read-only, any aligned width.
    ProgramType{"kprobe", "pt_regs", ContextModel::ReadableBlob, 168, kNoFields, {}, {}, false, false, 0},
    ProgramType{
        "perf_event", "bpf_perf_event_data", ContextModel::Fields, 184, kPerfEventFields, {}, {}, false, false, 0},
    // The tracepoint's record after its 8 bytes of common fields; PERF_MAX_TRACE_SIZE bounds it.
    ProgramType{"tracepoint", "trace_event_raw", ContextModel::ReadableBlob, 8192, kNoFields, {}, {}, false, false, 8},
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
                0},
    ProgramType{"raw_tracepoint_writable",
                "bpf_raw_tracepoint_args",
                ContextModel::ReadableBlob,
                96,
                kNoFields,
                {},
                {},
                false,
                false,
                0},
    ProgramType{"tracing", "u64 args", ContextModel::BtfArgs, 96, kNoFields, {}, {}, false, false, 0},
    ProgramType{"lsm", "u64 args", ContextModel::BtfArgs, 96, kNoFields, {}, {}, false, false, 0},
    ProgramType{"ext", "u64 args", ContextModel::BtfArgs, 96, kNoFields, {}, {}, false, false, 0},
    ProgramType{"struct_ops", "u64 args", ContextModel::BtfArgs, 96, kNoFields, {}, {}, false, false, 0},
    ProgramType{"syscall", "user context", ContextModel::ReadableBlob, 65535, kNoFields, {}, {}, false, false, 0},
};

}  // namespace

bool context_field_available(const ProgramType& type, std::string_view section, const ContextField& field) {
    if (type.name == "xdp" && field.name == "egress_ifindex") {
        return section == "xdp/devmap" || section == "xdp.frags/devmap";
    }
    return true;
}

std::optional<ReturnRange> return_range(const ProgramType& type, std::string_view section) {
    if (type.name == "cgroup_skb" && section == "cgroup_skb/egress") {
        return ReturnRange{0, 3};
    }
    if (type.name == "tracing" && (section.rfind("iter/", 0) == 0 || section.rfind("iter.s/", 0) == 0)) {
        return ReturnRange{0, 1};
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

}  // namespace bpfcheck::analyzer
