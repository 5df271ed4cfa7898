// The section-name rule table. libbpf 1.x (libbpf.c section_defs) matches a
// pattern "name" exactly, "name+" as "name" or "name/anything", and "name/"
// as a prefix. libbpf before 1.0 compared only the pattern's length of the
// section name (so "xdp1" and "xdp_vlan_swap" were XDP programs, "socket1"
// and "socket/3" socket filters, "cgroup/sock1" a cgroup_sock program), as
// did the kernel's samples/bpf loader (bpf_load.c). iproute2's tc loads
// "classifier" and "action" sections, and every section of an object with
// `struct bpf_elf_map` maps as the type its command names (cls_bpf by
// default). bcc names the type by the function's prefix ("kprobe__").
// Android's bpfloader (NetBpfLoad's sectionNameTypes) types sections by
// prefixes of its own ("schedcls/", "cgroupskb/", "bind4/", ...).
#include "cfg/loader/section_types.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace bpfcheck::loader {
namespace {

enum class Match : std::uint8_t {
    Exact,           // the section is the pattern
    ExactOrSlash,    // libbpf "name+": the pattern, or the pattern followed by '/'
    Prefix,          // the section starts with the pattern
    FunctionPrefix,  // the function's name starts with the pattern (bcc)
};

enum class Origin : std::uint8_t { Libbpf, LegacyLibbpf, Samples, Iproute2, Bcc, Android };

struct SectionRule {
    std::string_view pattern;
    Match match;
    std::string_view type;
    std::string_view attach_type;
    Origin origin;
};

constexpr auto E = Match::Exact;
constexpr auto P = Match::ExactOrSlash;
constexpr auto X = Match::Prefix;
constexpr auto L = Origin::Libbpf;
constexpr auto O = Origin::LegacyLibbpf;

// clang-format off
constexpr std::array kRules = {
    // libbpf 1.x, in its table's order where prefixes overlap.
    SectionRule{"socket", E, "socket_filter", "", L},
    SectionRule{"sk_reuseport/migrate", E, "sk_reuseport", "sk_reuseport_select_or_migrate", L},
    SectionRule{"sk_reuseport", E, "sk_reuseport", "sk_reuseport_select", L},
    SectionRule{"kprobe", P, "kprobe", "", L},
    SectionRule{"uprobe", P, "kprobe", "", L},
    SectionRule{"uprobe.s", P, "kprobe", "", L},
    SectionRule{"kretprobe", P, "kprobe", "", L},
    SectionRule{"uretprobe", P, "kprobe", "", L},
    SectionRule{"uretprobe.s", P, "kprobe", "", L},
    SectionRule{"kprobe.multi", P, "kprobe", "trace_kprobe_multi", L},
    SectionRule{"kretprobe.multi", P, "kprobe", "trace_kprobe_multi", L},
    SectionRule{"kprobe.session", P, "kprobe", "trace_kprobe_session", L},
    SectionRule{"uprobe.multi", P, "kprobe", "trace_uprobe_multi", L},
    SectionRule{"uretprobe.multi", P, "kprobe", "trace_uprobe_multi", L},
    SectionRule{"uprobe.multi.s", P, "kprobe", "trace_uprobe_multi", L},
    SectionRule{"uretprobe.multi.s", P, "kprobe", "trace_uprobe_multi", L},
    SectionRule{"uprobe.session", P, "kprobe", "trace_uprobe_session", L},
    SectionRule{"uprobe.session.s", P, "kprobe", "trace_uprobe_session", L},
    SectionRule{"ksyscall", P, "kprobe", "", L},
    SectionRule{"kretsyscall", P, "kprobe", "", L},
    SectionRule{"usdt", P, "kprobe", "", L},
    SectionRule{"usdt.s", P, "kprobe", "", L},
    SectionRule{"tc/ingress", E, "sched_cls", "tcx_ingress", L},
    SectionRule{"tc/egress", E, "sched_cls", "tcx_egress", L},
    SectionRule{"tcx/ingress", E, "sched_cls", "tcx_ingress", L},
    SectionRule{"tcx/egress", E, "sched_cls", "tcx_egress", L},
    SectionRule{"netkit/primary", E, "sched_cls", "netkit_primary", L},
    SectionRule{"netkit/peer", E, "sched_cls", "netkit_peer", L},
    SectionRule{"tc", E, "sched_cls", "", L},
    SectionRule{"classifier", E, "sched_cls", "", L},
    SectionRule{"action", E, "sched_act", "", L},
    SectionRule{"tracepoint", P, "tracepoint", "", L},
    SectionRule{"tp", P, "tracepoint", "", L},
    SectionRule{"raw_tracepoint", P, "raw_tracepoint", "", L},
    SectionRule{"raw_tp", P, "raw_tracepoint", "", L},
    SectionRule{"raw_tracepoint.w", P, "raw_tracepoint_writable", "", L},
    SectionRule{"raw_tp.w", P, "raw_tracepoint_writable", "", L},
    SectionRule{"tp_btf", P, "tracing", "trace_raw_tp", L},
    SectionRule{"fentry", P, "tracing", "trace_fentry", L},
    SectionRule{"fmod_ret", P, "tracing", "modify_return", L},
    SectionRule{"fexit", P, "tracing", "trace_fexit", L},
    SectionRule{"fentry.s", P, "tracing", "trace_fentry", L},
    SectionRule{"fmod_ret.s", P, "tracing", "modify_return", L},
    SectionRule{"fexit.s", P, "tracing", "trace_fexit", L},
    SectionRule{"freplace", P, "ext", "", L},
    SectionRule{"lsm", P, "lsm", "lsm_mac", L},
    SectionRule{"lsm.s", P, "lsm", "lsm_mac", L},
    SectionRule{"lsm_cgroup", P, "lsm", "lsm_cgroup", L},
    SectionRule{"iter", P, "tracing", "trace_iter", L},
    SectionRule{"iter.s", P, "tracing", "trace_iter", L},
    SectionRule{"syscall", E, "syscall", "", L},
    SectionRule{"xdp.frags/devmap", E, "xdp", "xdp_devmap", L},
    SectionRule{"xdp/devmap", E, "xdp", "xdp_devmap", L},
    SectionRule{"xdp.frags/cpumap", E, "xdp", "xdp_cpumap", L},
    SectionRule{"xdp/cpumap", E, "xdp", "xdp_cpumap", L},
    SectionRule{"xdp.frags", E, "xdp", "xdp", L},
    SectionRule{"xdp", E, "xdp", "xdp", L},
    SectionRule{"perf_event", E, "perf_event", "", L},
    SectionRule{"lwt_in", E, "lwt_in", "", L},
    SectionRule{"lwt_out", E, "lwt_out", "", L},
    SectionRule{"lwt_xmit", E, "lwt_xmit", "", L},
    SectionRule{"lwt_seg6local", E, "lwt_seg6local", "", L},
    SectionRule{"sockops", E, "sock_ops", "cgroup_sock_ops", L},
    SectionRule{"sk_skb/stream_parser", E, "sk_skb", "sk_skb_stream_parser", L},
    SectionRule{"sk_skb/stream_verdict", E, "sk_skb", "sk_skb_stream_verdict", L},
    SectionRule{"sk_skb/verdict", E, "sk_skb", "sk_skb_verdict", L},
    SectionRule{"sk_skb", E, "sk_skb", "", L},
    SectionRule{"sk_msg", E, "sk_msg", "sk_msg_verdict", L},
    SectionRule{"lirc_mode2", E, "lirc_mode2", "lirc_mode2", L},
    SectionRule{"flow_dissector", E, "flow_dissector", "flow_dissector", L},
    SectionRule{"cgroup_skb/ingress", E, "cgroup_skb", "cgroup_inet_ingress", L},
    SectionRule{"cgroup_skb/egress", E, "cgroup_skb", "cgroup_inet_egress", L},
    SectionRule{"cgroup/skb", E, "cgroup_skb", "", L},
    SectionRule{"cgroup/sock_create", E, "cgroup_sock", "cgroup_inet_sock_create", L},
    SectionRule{"cgroup/sock_release", E, "cgroup_sock", "cgroup_inet_sock_release", L},
    SectionRule{"cgroup/sock", E, "cgroup_sock", "cgroup_inet_sock_create", L},
    SectionRule{"cgroup/post_bind4", E, "cgroup_sock", "cgroup_inet4_post_bind", L},
    SectionRule{"cgroup/post_bind6", E, "cgroup_sock", "cgroup_inet6_post_bind", L},
    SectionRule{"cgroup/bind4", E, "cgroup_sock_addr", "cgroup_inet4_bind", L},
    SectionRule{"cgroup/bind6", E, "cgroup_sock_addr", "cgroup_inet6_bind", L},
    SectionRule{"cgroup/connect4", E, "cgroup_sock_addr", "cgroup_inet4_connect", L},
    SectionRule{"cgroup/connect6", E, "cgroup_sock_addr", "cgroup_inet6_connect", L},
    SectionRule{"cgroup/connect_unix", E, "cgroup_sock_addr", "cgroup_unix_connect", L},
    SectionRule{"cgroup/sendmsg4", E, "cgroup_sock_addr", "cgroup_udp4_sendmsg", L},
    SectionRule{"cgroup/sendmsg6", E, "cgroup_sock_addr", "cgroup_udp6_sendmsg", L},
    SectionRule{"cgroup/sendmsg_unix", E, "cgroup_sock_addr", "cgroup_unix_sendmsg", L},
    SectionRule{"cgroup/recvmsg4", E, "cgroup_sock_addr", "cgroup_udp4_recvmsg", L},
    SectionRule{"cgroup/recvmsg6", E, "cgroup_sock_addr", "cgroup_udp6_recvmsg", L},
    SectionRule{"cgroup/recvmsg_unix", E, "cgroup_sock_addr", "cgroup_unix_recvmsg", L},
    SectionRule{"cgroup/getpeername4", E, "cgroup_sock_addr", "cgroup_inet4_getpeername", L},
    SectionRule{"cgroup/getpeername6", E, "cgroup_sock_addr", "cgroup_inet6_getpeername", L},
    SectionRule{"cgroup/getpeername_unix", E, "cgroup_sock_addr", "cgroup_unix_getpeername", L},
    SectionRule{"cgroup/getsockname4", E, "cgroup_sock_addr", "cgroup_inet4_getsockname", L},
    SectionRule{"cgroup/getsockname6", E, "cgroup_sock_addr", "cgroup_inet6_getsockname", L},
    SectionRule{"cgroup/getsockname_unix", E, "cgroup_sock_addr", "cgroup_unix_getsockname", L},
    SectionRule{"cgroup/sysctl", E, "cgroup_sysctl", "cgroup_sysctl", L},
    SectionRule{"cgroup/getsockopt", E, "cgroup_sockopt", "cgroup_getsockopt", L},
    SectionRule{"cgroup/setsockopt", E, "cgroup_sockopt", "cgroup_setsockopt", L},
    SectionRule{"cgroup/dev", E, "cgroup_device", "cgroup_device", L},
    SectionRule{"struct_ops", P, "struct_ops", "", L},
    SectionRule{"struct_ops.s", P, "struct_ops", "", L},
    SectionRule{"sk_lookup", E, "sk_lookup", "sk_lookup", L},
    SectionRule{"netfilter", E, "netfilter", "netfilter", L},

    // libbpf before 1.0: the same names compared as prefixes, longer first
    // where one is the prefix of another (its table order).
    SectionRule{"sk_reuseport/migrate", X, "sk_reuseport", "sk_reuseport_select_or_migrate", O},
    SectionRule{"sk_reuseport", X, "sk_reuseport", "sk_reuseport_select", O},
    SectionRule{"socket", X, "socket_filter", "", O},
    SectionRule{"kprobe/", X, "kprobe", "", O},
    SectionRule{"uprobe/", X, "kprobe", "", O},
    SectionRule{"kretprobe/", X, "kprobe", "", O},
    SectionRule{"uretprobe/", X, "kprobe", "", O},
    SectionRule{"classifier", X, "sched_cls", "", O},
    SectionRule{"action", X, "sched_act", "", O},
    SectionRule{"tracepoint/", X, "tracepoint", "", O},
    SectionRule{"tp/", X, "tracepoint", "", O},
    SectionRule{"raw_tracepoint.w/", X, "raw_tracepoint_writable", "", O},
    SectionRule{"raw_tp.w/", X, "raw_tracepoint_writable", "", O},
    SectionRule{"raw_tracepoint/", X, "raw_tracepoint", "", O},
    SectionRule{"raw_tp/", X, "raw_tracepoint", "", O},
    SectionRule{"tp_btf/", X, "tracing", "trace_raw_tp", O},
    SectionRule{"fentry.s/", X, "tracing", "trace_fentry", O},
    SectionRule{"fmod_ret.s/", X, "tracing", "modify_return", O},
    SectionRule{"fexit.s/", X, "tracing", "trace_fexit", O},
    SectionRule{"fentry/", X, "tracing", "trace_fentry", O},
    SectionRule{"fmod_ret/", X, "tracing", "modify_return", O},
    SectionRule{"fexit/", X, "tracing", "trace_fexit", O},
    SectionRule{"freplace/", X, "ext", "", O},
    SectionRule{"lsm.s/", X, "lsm", "lsm_mac", O},
    SectionRule{"lsm/", X, "lsm", "lsm_mac", O},
    SectionRule{"iter/", X, "tracing", "trace_iter", O},
    SectionRule{"syscall", X, "syscall", "", O},
    SectionRule{"xdp_devmap/", X, "xdp", "xdp_devmap", O},
    SectionRule{"xdp_cpumap/", X, "xdp", "xdp_cpumap", O},
    SectionRule{"xdp", X, "xdp", "xdp", O},
    SectionRule{"perf_event", X, "perf_event", "", O},
    SectionRule{"lwt_in", X, "lwt_in", "", O},
    SectionRule{"lwt_out", X, "lwt_out", "", O},
    SectionRule{"lwt_xmit", X, "lwt_xmit", "", O},
    SectionRule{"lwt_seg6local", X, "lwt_seg6local", "", O},
    SectionRule{"cgroup_skb/ingress", X, "cgroup_skb", "cgroup_inet_ingress", O},
    SectionRule{"cgroup_skb/egress", X, "cgroup_skb", "cgroup_inet_egress", O},
    SectionRule{"cgroup/skb", X, "cgroup_skb", "", O},
    SectionRule{"cgroup/sock_create", X, "cgroup_sock", "cgroup_inet_sock_create", O},
    SectionRule{"cgroup/sock_release", X, "cgroup_sock", "cgroup_inet_sock_release", O},
    SectionRule{"cgroup/sock", X, "cgroup_sock", "cgroup_inet_sock_create", O},
    SectionRule{"cgroup/post_bind4", X, "cgroup_sock", "cgroup_inet4_post_bind", O},
    SectionRule{"cgroup/post_bind6", X, "cgroup_sock", "cgroup_inet6_post_bind", O},
    SectionRule{"cgroup/dev", X, "cgroup_device", "cgroup_device", O},
    SectionRule{"sockops", X, "sock_ops", "cgroup_sock_ops", O},
    SectionRule{"sk_skb/stream_parser", X, "sk_skb", "sk_skb_stream_parser", O},
    SectionRule{"sk_skb/stream_verdict", X, "sk_skb", "sk_skb_stream_verdict", O},
    SectionRule{"sk_skb", X, "sk_skb", "", O},
    SectionRule{"sk_msg", X, "sk_msg", "sk_msg_verdict", O},
    SectionRule{"lirc_mode2", X, "lirc_mode2", "lirc_mode2", O},
    SectionRule{"flow_dissector", X, "flow_dissector", "flow_dissector", O},
    SectionRule{"cgroup/bind4", X, "cgroup_sock_addr", "cgroup_inet4_bind", O},
    SectionRule{"cgroup/bind6", X, "cgroup_sock_addr", "cgroup_inet6_bind", O},
    SectionRule{"cgroup/connect4", X, "cgroup_sock_addr", "cgroup_inet4_connect", O},
    SectionRule{"cgroup/connect6", X, "cgroup_sock_addr", "cgroup_inet6_connect", O},
    SectionRule{"cgroup/sendmsg4", X, "cgroup_sock_addr", "cgroup_udp4_sendmsg", O},
    SectionRule{"cgroup/sendmsg6", X, "cgroup_sock_addr", "cgroup_udp6_sendmsg", O},
    SectionRule{"cgroup/recvmsg4", X, "cgroup_sock_addr", "cgroup_udp4_recvmsg", O},
    SectionRule{"cgroup/recvmsg6", X, "cgroup_sock_addr", "cgroup_udp6_recvmsg", O},
    SectionRule{"cgroup/getpeername4", X, "cgroup_sock_addr", "cgroup_inet4_getpeername", O},
    SectionRule{"cgroup/getpeername6", X, "cgroup_sock_addr", "cgroup_inet6_getpeername", O},
    SectionRule{"cgroup/getsockname4", X, "cgroup_sock_addr", "cgroup_inet4_getsockname", O},
    SectionRule{"cgroup/getsockname6", X, "cgroup_sock_addr", "cgroup_inet6_getsockname", O},
    SectionRule{"cgroup/sysctl", X, "cgroup_sysctl", "cgroup_sysctl", O},
    SectionRule{"cgroup/getsockopt", X, "cgroup_sockopt", "cgroup_getsockopt", O},
    SectionRule{"cgroup/setsockopt", X, "cgroup_sockopt", "cgroup_setsockopt", O},
    SectionRule{"struct_ops", X, "struct_ops", "", O},
    SectionRule{"sk_lookup/", X, "sk_lookup", "sk_lookup", O},

    // Android's bpfloader: the first prefix of its table that matches names
    // the type, the last one the attach type (none: the kernel's default).
    // "sockops/" and "xdp/" are libbpf's names too (above).
    SectionRule{"bind4/", X, "cgroup_sock_addr", "cgroup_inet4_bind", Origin::Android},
    SectionRule{"bind6/", X, "cgroup_sock_addr", "cgroup_inet6_bind", Origin::Android},
    SectionRule{"cgroupskb/", X, "cgroup_skb", "cgroup_inet_ingress", Origin::Android},  // attach type 0
    SectionRule{"cgroupsock/", X, "cgroup_sock", "cgroup_inet_sock_create", Origin::Android},
    SectionRule{"cgroupsockcreate/", X, "cgroup_sock", "cgroup_inet_sock_create", Origin::Android},
    SectionRule{"cgroupsockrelease/", X, "cgroup_sock", "cgroup_inet_sock_release", Origin::Android},
    SectionRule{"connect4/", X, "cgroup_sock_addr", "cgroup_inet4_connect", Origin::Android},
    SectionRule{"connect6/", X, "cgroup_sock_addr", "cgroup_inet6_connect", Origin::Android},
    SectionRule{"egress/", X, "cgroup_skb", "cgroup_inet_egress", Origin::Android},
    SectionRule{"getsockopt/", X, "cgroup_sockopt", "cgroup_getsockopt", Origin::Android},
    SectionRule{"ingress/", X, "cgroup_skb", "cgroup_inet_ingress", Origin::Android},
    SectionRule{"postbind4/", X, "cgroup_sock", "cgroup_inet4_post_bind", Origin::Android},
    SectionRule{"postbind6/", X, "cgroup_sock", "cgroup_inet6_post_bind", Origin::Android},
    SectionRule{"recvmsg4/", X, "cgroup_sock_addr", "cgroup_udp4_recvmsg", Origin::Android},
    SectionRule{"recvmsg6/", X, "cgroup_sock_addr", "cgroup_udp6_recvmsg", Origin::Android},
    SectionRule{"schedact/", X, "sched_act", "", Origin::Android},
    SectionRule{"schedcls/", X, "sched_cls", "", Origin::Android},
    SectionRule{"sendmsg4/", X, "cgroup_sock_addr", "cgroup_udp4_sendmsg", Origin::Android},
    SectionRule{"sendmsg6/", X, "cgroup_sock_addr", "cgroup_udp6_sendmsg", Origin::Android},
    SectionRule{"setsockopt/", X, "cgroup_sockopt", "cgroup_setsockopt", Origin::Android},
    SectionRule{"skfilter/", X, "socket_filter", "", Origin::Android},
    SectionRule{"sysctl", X, "cgroup_sysctl", "cgroup_sysctl", Origin::Android},

    // samples/bpf's bpf_load.c adds no name libbpf <1.0 lacked; iproute2's
    // tc names "classifier" and "action" (above); bcc, the function's prefix.
    SectionRule{"kprobe__", Match::FunctionPrefix, "kprobe", "", Origin::Bcc},
    SectionRule{"kretprobe__", Match::FunctionPrefix, "kprobe", "", Origin::Bcc},
    SectionRule{"tracepoint__", Match::FunctionPrefix, "tracepoint", "", Origin::Bcc},
    SectionRule{"raw_tracepoint__", Match::FunctionPrefix, "raw_tracepoint", "", Origin::Bcc},
    SectionRule{"kfunc__", Match::FunctionPrefix, "tracing", "trace_fentry", Origin::Bcc},
    SectionRule{"kretfunc__", Match::FunctionPrefix, "tracing", "trace_fexit", Origin::Bcc},
    SectionRule{"lsm__", Match::FunctionPrefix, "lsm", "lsm_mac", Origin::Bcc},
};
// clang-format on

constexpr std::array kOtherTypes = {std::string_view{"cgroup_sock"}};

bool matches(const SectionRule& rule, std::string_view section, std::string_view function) {
    switch (rule.match) {
        case Match::Exact:
            return section == rule.pattern;
        case Match::ExactOrSlash:
            return section.starts_with(rule.pattern) &&
                   (section.size() == rule.pattern.size() || section[rule.pattern.size()] == '/');
        case Match::Prefix:
            return section.starts_with(rule.pattern);
        case Match::FunctionPrefix:
            return function.starts_with(rule.pattern);
    }
    return false;
}

std::string describe(const SectionRule& rule) {
    switch (rule.origin) {
        case Origin::Libbpf:
            return fmt::format("libbpf 1.x: SEC(\"{}{}\")", rule.pattern,
                               rule.match == Match::ExactOrSlash ? "[/...]" : "");
        case Origin::LegacyLibbpf:
            return fmt::format("libbpf <1.0 and samples/bpf: section name prefix \"{}\"", rule.pattern);
        case Origin::Samples:
            return fmt::format("samples/bpf: section name prefix \"{}\"", rule.pattern);
        case Origin::Iproute2:
            return "iproute2";
        case Origin::Bcc:
            return fmt::format("bcc: function name prefix \"{}\"", rule.pattern);
        case Origin::Android:
            return fmt::format("Android's bpfloader: section name prefix \"{}\"", rule.pattern);
    }
    return {};
}

// libbpf's section_defs flag SEC_SLEEPABLE: every ".s" pattern ("fentry.s+",
// "lsm.s+", "uprobe.multi.s+", ...) and "syscall" (syscall programs can
// only be sleepable: check_attach_btf_id).
bool is_sleepable_rule(const SectionRule& rule) {
    return rule.origin != Origin::Bcc &&
           (rule.pattern.ends_with(".s") || rule.pattern.ends_with(".s/") || rule.type == "syscall");
}

}  // namespace

std::optional<ProgramTypeMatch> program_type_for(std::string_view section, std::string_view function,
                                                 bool legacy_tc_object) {
    if (section.starts_with('?')) {  // autoload off: libbpf's bpf_object__init_prog drops the '?'
        section.remove_prefix(1);
    }
    for (const SectionRule& rule : kRules) {
        if (matches(rule, section, function)) {
            return ProgramTypeMatch{std::string{rule.type}, std::string{rule.attach_type}, describe(rule),
                                    is_sleepable_rule(rule)};
        }
    }
    if (legacy_tc_object) {
        return ProgramTypeMatch{"sched_cls", "",
                                "iproute2: an object with legacy maps for tc (struct bpf_elf_map, or tail-call "
                                "sections \"ID/KEY\"), whose sections tc loads as classifiers (cls_bpf); give --type "
                                "for another"};
    }
    return std::nullopt;
}

bool is_known_program_type(std::string_view type) {
    for (const SectionRule& rule : kRules) {
        if (rule.type == type) {
            return true;
        }
    }
    for (const auto other : kOtherTypes) {
        if (other == type) {
            return true;
        }
    }
    return false;
}

std::string attach_type_named(std::string_view name) {
    if (is_known_program_type(name)) {
        return {};
    }
    if (auto match = program_type_for(name, "")) {
        return std::move(match->attach_type);
    }
    return {};
}

std::string program_type_named(std::string_view name) {
    if (is_known_program_type(name)) {
        return std::string{name};
    }
    // Only section rules: a function-name rule (bcc's "kprobe__") would
    // type any name.
    if (auto match = program_type_for(name, "")) {
        return std::move(match->type);
    }
    return std::string{name};
}

}  // namespace bpfcheck::loader
