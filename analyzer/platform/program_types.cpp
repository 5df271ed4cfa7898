// Context layouts and return ranges of program types, from the kernel's UAPI
// structs (struct __sk_buff, struct xdp_md, struct bpf_sock, ...) and its
// is_valid_access callbacks (net/core/filter.c, kernel/trace/bpf_trace.c) and
// check_return_code (kernel/bpf/verifier.c). Offsets are x86-64's.
#include "analyzer/platform/program_type.hpp"

#include <array>

namespace bpfcheck::analyzer {
namespace {

using domains::Kind;
constexpr auto kRo = FieldAccess::ReadOnly;
constexpr auto kRw = FieldAccess::ReadWrite;

// struct __sk_buff (include/uapi/linux/bpf.h). Writable fields follow
// tc_cls_act_is_valid_access; other skb program types are stricter and use
// the read-only copy below.
constexpr std::array kSkBuffTcFields = {
    ContextField{0, 4, "len", kRo},
    ContextField{4, 4, "pkt_type", kRo},
    ContextField{8, 4, "mark", kRw},
    ContextField{12, 4, "queue_mapping", kRw},
    ContextField{16, 4, "protocol", kRo},
    ContextField{20, 4, "vlan_present", kRo},
    ContextField{24, 4, "vlan_tci", kRo},
    ContextField{28, 4, "vlan_proto", kRo},
    ContextField{32, 4, "priority", kRw},
    ContextField{36, 4, "ingress_ifindex", kRo},
    ContextField{40, 4, "ifindex", kRo},
    ContextField{44, 4, "tc_index", kRw},
    ContextField{48, 20, "cb", kRw},
    ContextField{68, 4, "hash", kRo},
    ContextField{72, 4, "tc_classid", kRw},
    ContextField{76, 4, "data", kRo, Kind::Packet, false},
    ContextField{80, 4, "data_end", kRo, Kind::PacketEnd, false},
    ContextField{84, 4, "napi_id", kRo},
    ContextField{140, 4, "data_meta", kRo, Kind::PacketMeta, false},
    ContextField{152, 8, "tstamp", kRw, Kind::Scalar, false},
    ContextField{160, 4, "wire_len", kRo},
    ContextField{164, 4, "gso_segs", kRo},
    ContextField{168, 8, "sk", kRo, Kind::SocketOrNull, false},
    ContextField{176, 4, "gso_size", kRo},
    ContextField{184, 8, "hwtstamp", kRo, Kind::Scalar, false},
};

// cgroup_skb (cg_skb_is_valid_access): mark, priority and cb are writable,
// tstamp too with CAP_BPF; wire_len, tc_classid and data_meta are not readable.
constexpr std::array kCgroupSkbFields = {
    ContextField{0, 4, "len", kRo},
    ContextField{4, 4, "pkt_type", kRo},
    ContextField{8, 4, "mark", kRw},
    ContextField{12, 4, "queue_mapping", kRo},
    ContextField{16, 4, "protocol", kRo},
    ContextField{20, 4, "vlan_present", kRo},
    ContextField{24, 4, "vlan_tci", kRo},
    ContextField{28, 4, "vlan_proto", kRo},
    ContextField{32, 4, "priority", kRw},
    ContextField{36, 4, "ingress_ifindex", kRo},
    ContextField{40, 4, "ifindex", kRo},
    ContextField{44, 4, "tc_index", kRo},
    ContextField{48, 20, "cb", kRw},
    ContextField{68, 4, "hash", kRo},
    ContextField{76, 4, "data", kRo, Kind::Packet, false},
    ContextField{80, 4, "data_end", kRo, Kind::PacketEnd, false},
    ContextField{84, 4, "napi_id", kRo},
    ContextField{88, 4, "family", kRo},
    ContextField{92, 4, "remote_ip4", kRo},
    ContextField{96, 4, "local_ip4", kRo},
    ContextField{100, 16, "remote_ip6", kRo},
    ContextField{116, 16, "local_ip6", kRo},
    ContextField{132, 4, "remote_port", kRo},
    ContextField{136, 4, "local_port", kRo},
    ContextField{152, 8, "tstamp", kRw, Kind::Scalar, false},
    ContextField{164, 4, "gso_segs", kRo},
    ContextField{168, 8, "sk", kRo, Kind::SocketOrNull, false},
    ContextField{176, 4, "gso_size", kRo},
    ContextField{184, 8, "hwtstamp", kRo, Kind::Scalar, false},
};

constexpr std::array kSkBuffReadFields = {
    ContextField{0, 4, "len", kRo},
    ContextField{4, 4, "pkt_type", kRo},
    ContextField{8, 4, "mark", kRo},
    ContextField{12, 4, "queue_mapping", kRo},
    ContextField{16, 4, "protocol", kRo},
    ContextField{20, 4, "vlan_present", kRo},
    ContextField{24, 4, "vlan_tci", kRo},
    ContextField{28, 4, "vlan_proto", kRo},
    ContextField{32, 4, "priority", kRo},
    ContextField{36, 4, "ingress_ifindex", kRo},
    ContextField{40, 4, "ifindex", kRo},
    ContextField{44, 4, "tc_index", kRo},
    ContextField{48, 20, "cb", kRw},
    ContextField{68, 4, "hash", kRo},
    ContextField{76, 4, "data", kRo, Kind::Packet, false},
    ContextField{80, 4, "data_end", kRo, Kind::PacketEnd, false},
    ContextField{88, 4, "family", kRo},
    ContextField{92, 4, "remote_ip4", kRo},
    ContextField{96, 4, "local_ip4", kRo},
    ContextField{100, 16, "remote_ip6", kRo},
    ContextField{116, 16, "local_ip6", kRo},
    ContextField{132, 4, "remote_port", kRo},
    ContextField{136, 4, "local_port", kRo},
    ContextField{152, 8, "tstamp", kRo},
    ContextField{160, 4, "wire_len", kRo},
    ContextField{168, 8, "sk", kRo, Kind::SocketOrNull, false},
};

// Socket filters see no direct packet data (sk_filter_is_valid_access).
constexpr std::array kSocketFilterFields = {
    ContextField{0, 4, "len", kRo},       ContextField{4, 4, "pkt_type", kRo},
    ContextField{8, 4, "mark", kRo},      ContextField{12, 4, "queue_mapping", kRo},
    ContextField{16, 4, "protocol", kRo}, ContextField{20, 4, "vlan_present", kRo},
    ContextField{24, 4, "vlan_tci", kRo}, ContextField{28, 4, "vlan_proto", kRo},
    ContextField{32, 4, "priority", kRo}, ContextField{36, 4, "ingress_ifindex", kRo},
    ContextField{40, 4, "ifindex", kRo},  ContextField{44, 4, "tc_index", kRo},
    ContextField{48, 20, "cb", kRw},      ContextField{68, 4, "hash", kRo},
    ContextField{84, 4, "napi_id", kRo},  ContextField{168, 8, "sk", kRo, Kind::SocketOrNull, false},
};

constexpr std::array kXdpFields = {
    ContextField{0, 4, "data", kRo, Kind::Packet, false},
    ContextField{4, 4, "data_end", kRo, Kind::PacketEnd, false},
    ContextField{8, 4, "data_meta", kRo, Kind::PacketMeta, false},
    ContextField{12, 4, "ingress_ifindex", kRo, Kind::Scalar, false},
    ContextField{16, 4, "rx_queue_index", kRo, Kind::Scalar, false},
    ContextField{20, 4, "egress_ifindex", kRo, Kind::Scalar, false},  // xdp/devmap only in the kernel
};

// struct bpf_sock (cgroup_sock): bound_dev_if, mark, priority writable.
constexpr std::array kSockFields = {
    ContextField{0, 4, "bound_dev_if", kRw}, ContextField{4, 4, "family", kRo},
    ContextField{8, 4, "type", kRo},         ContextField{12, 4, "protocol", kRo},
    ContextField{16, 4, "mark", kRw},        ContextField{20, 4, "priority", kRw},
    ContextField{24, 4, "src_ip4", kRo},     ContextField{28, 16, "src_ip6", kRo},
    ContextField{44, 4, "src_port", kRo},    ContextField{48, 4, "dst_port", kRo},
    ContextField{52, 4, "dst_ip4", kRo},     ContextField{56, 16, "dst_ip6", kRo},
    ContextField{72, 4, "state", kRo},       ContextField{76, 4, "rx_queue_mapping", kRo},
};

// struct sk_msg_md: data/data_end are packet pointers.
constexpr std::array kSkMsgFields = {
    ContextField{0, 8, "data", kRo, Kind::Packet, false},
    ContextField{8, 8, "data_end", kRo, Kind::PacketEnd, false},
    ContextField{16, 4, "family", kRo},
    ContextField{20, 4, "remote_ip4", kRo},
    ContextField{24, 4, "local_ip4", kRo},
    ContextField{28, 16, "remote_ip6", kRo},
    ContextField{44, 16, "local_ip6", kRo},
    ContextField{60, 4, "remote_port", kRo},
    ContextField{64, 4, "local_port", kRo},
    ContextField{68, 4, "size", kRo},
    ContextField{72, 8, "sk", kRo, Kind::Socket, false},
};

// struct bpf_sock_addr (cgroup_sock_addr): user_ip4/6 and user_port writable.
constexpr std::array kSockAddrFields = {
    ContextField{0, 4, "user_family", kRo},   ContextField{4, 4, "user_ip4", kRw},
    ContextField{8, 16, "user_ip6", kRw},     ContextField{24, 4, "user_port", kRw},
    ContextField{28, 4, "family", kRo},       ContextField{32, 4, "type", kRo},
    ContextField{36, 4, "protocol", kRo},     ContextField{40, 4, "msg_src_ip4", kRw},
    ContextField{44, 16, "msg_src_ip6", kRw}, ContextField{64, 8, "sk", kRo, Kind::Socket, false},
};

// struct bpf_perf_event_data: the registers must be read whole (8 bytes);
// sample_period and addr allow narrow reads (pe_prog_is_valid_access).
constexpr std::array kPerfEventFields = {
    ContextField{0, 8, "regs.r15", kRo, Kind::Scalar, false},
    ContextField{8, 8, "regs.r14", kRo, Kind::Scalar, false},
    ContextField{16, 8, "regs.r13", kRo, Kind::Scalar, false},
    ContextField{24, 8, "regs.r12", kRo, Kind::Scalar, false},
    ContextField{32, 8, "regs.bp", kRo, Kind::Scalar, false},
    ContextField{40, 8, "regs.bx", kRo, Kind::Scalar, false},
    ContextField{48, 8, "regs.r11", kRo, Kind::Scalar, false},
    ContextField{56, 8, "regs.r10", kRo, Kind::Scalar, false},
    ContextField{64, 8, "regs.r9", kRo, Kind::Scalar, false},
    ContextField{72, 8, "regs.r8", kRo, Kind::Scalar, false},
    ContextField{80, 8, "regs.ax", kRo, Kind::Scalar, false},
    ContextField{88, 8, "regs.cx", kRo, Kind::Scalar, false},
    ContextField{96, 8, "regs.dx", kRo, Kind::Scalar, false},
    ContextField{104, 8, "regs.si", kRo, Kind::Scalar, false},
    ContextField{112, 8, "regs.di", kRo, Kind::Scalar, false},
    ContextField{120, 8, "regs.orig_ax", kRo, Kind::Scalar, false},
    ContextField{128, 8, "regs.ip", kRo, Kind::Scalar, false},
    ContextField{136, 8, "regs.cs", kRo, Kind::Scalar, false},
    ContextField{144, 8, "regs.flags", kRo, Kind::Scalar, false},
    ContextField{152, 8, "regs.sp", kRo, Kind::Scalar, false},
    ContextField{160, 8, "regs.ss", kRo, Kind::Scalar, false},
    ContextField{168, 8, "sample_period", kRo},
    ContextField{176, 8, "addr", kRo},
};

// struct bpf_sock_ops (sock_ops_is_valid_access): reply/args and sk_txhash
// writable; skb_data/skb_data_end are packet pointers; sk is a socket.
constexpr std::array kSockOpsFields = {
    ContextField{0, 4, "op", kRo},
    ContextField{4, 16, "args", kRw},
    ContextField{20, 4, "family", kRo},
    ContextField{24, 4, "remote_ip4", kRo},
    ContextField{28, 4, "local_ip4", kRo},
    ContextField{32, 16, "remote_ip6", kRo},
    ContextField{48, 16, "local_ip6", kRo},
    ContextField{64, 4, "remote_port", kRo},
    ContextField{68, 4, "local_port", kRo},
    ContextField{72, 4, "is_fullsock", kRo},
    ContextField{76, 88, "tcp_stats", kRo},  // snd_cwnd .. sacked_out: u32 counters
    ContextField{164, 4, "sk_txhash", kRw},
    ContextField{168, 8, "bytes_received", kRo},
    ContextField{176, 8, "bytes_acked", kRo},
    ContextField{184, 8, "sk", kRo, Kind::SocketOrNull, false},
    ContextField{192, 8, "skb_data", kRo, Kind::Packet, false},
    ContextField{200, 8, "skb_data_end", kRo, Kind::PacketEnd, false},
    ContextField{208, 4, "skb_len", kRo},
    ContextField{212, 4, "skb_tcp_flags", kRo},
    ContextField{216, 8, "skb_hwtstamp", kRo},
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
