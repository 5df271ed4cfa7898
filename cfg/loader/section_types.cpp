// Section-name conventions, as data. Matching follows libbpf 1.x:
// "name+" matches "name" exactly or "name/anything"; "name/" matches any name
// with that prefix; anything else must match exactly. First match wins, so
// longer names come before their prefixes. A leading '?' (autoload off) is
// not part of the name: libbpf's bpf_object__init_prog drops it.
#include "cfg/loader/section_types.hpp"

#include <array>

namespace bpfcheck::loader {
namespace {

struct SectionConvention {
    std::string_view pattern;
    std::string_view type;
};

constexpr std::array kConventions = {
    SectionConvention{"socket", "socket_filter"},
    SectionConvention{"sk_reuseport/migrate", "sk_reuseport"},
    SectionConvention{"sk_reuseport", "sk_reuseport"},
    SectionConvention{"kprobe+", "kprobe"},
    SectionConvention{"uprobe+", "kprobe"},
    SectionConvention{"uprobe.s+", "kprobe"},
    SectionConvention{"kretprobe+", "kprobe"},
    SectionConvention{"uretprobe+", "kprobe"},
    SectionConvention{"uretprobe.s+", "kprobe"},
    SectionConvention{"kprobe.multi+", "kprobe"},
    SectionConvention{"kretprobe.multi+", "kprobe"},
    SectionConvention{"kprobe.session+", "kprobe"},
    SectionConvention{"uprobe.multi+", "kprobe"},
    SectionConvention{"uretprobe.multi+", "kprobe"},
    SectionConvention{"uprobe.multi.s+", "kprobe"},
    SectionConvention{"uretprobe.multi.s+", "kprobe"},
    SectionConvention{"uprobe.session+", "kprobe"},
    SectionConvention{"uprobe.session.s+", "kprobe"},
    SectionConvention{"ksyscall+", "kprobe"},
    SectionConvention{"kretsyscall+", "kprobe"},
    SectionConvention{"usdt+", "kprobe"},
    SectionConvention{"usdt.s+", "kprobe"},
    SectionConvention{"tc/ingress", "sched_cls"},
    SectionConvention{"tc/egress", "sched_cls"},
    SectionConvention{"tcx/ingress", "sched_cls"},
    SectionConvention{"tcx/egress", "sched_cls"},
    SectionConvention{"netkit/primary", "sched_cls"},
    SectionConvention{"netkit/peer", "sched_cls"},
    SectionConvention{"tc", "sched_cls"},
    SectionConvention{"classifier", "sched_cls"},
    SectionConvention{"action", "sched_act"},
    SectionConvention{"tracepoint+", "tracepoint"},
    SectionConvention{"tp+", "tracepoint"},
    SectionConvention{"raw_tracepoint+", "raw_tracepoint"},
    SectionConvention{"raw_tp+", "raw_tracepoint"},
    SectionConvention{"raw_tracepoint.w+", "raw_tracepoint_writable"},
    SectionConvention{"raw_tp.w+", "raw_tracepoint_writable"},
    SectionConvention{"tp_btf+", "tracing"},
    SectionConvention{"fentry+", "tracing"},
    SectionConvention{"fmod_ret+", "tracing"},
    SectionConvention{"fexit+", "tracing"},
    SectionConvention{"fentry.s+", "tracing"},
    SectionConvention{"fmod_ret.s+", "tracing"},
    SectionConvention{"fexit.s+", "tracing"},
    SectionConvention{"freplace+", "ext"},
    SectionConvention{"lsm+", "lsm"},
    SectionConvention{"lsm.s+", "lsm"},
    SectionConvention{"lsm_cgroup+", "lsm"},
    SectionConvention{"iter+", "tracing"},
    SectionConvention{"iter.s+", "tracing"},
    SectionConvention{"syscall", "syscall"},
    SectionConvention{"xdp.frags/devmap", "xdp"},
    SectionConvention{"xdp/devmap", "xdp"},
    SectionConvention{"xdp.frags/cpumap", "xdp"},
    SectionConvention{"xdp/cpumap", "xdp"},
    SectionConvention{"xdp.frags", "xdp"},
    SectionConvention{"xdp", "xdp"},
    SectionConvention{"perf_event", "perf_event"},
    SectionConvention{"lwt_in", "lwt_in"},
    SectionConvention{"lwt_out", "lwt_out"},
    SectionConvention{"lwt_xmit", "lwt_xmit"},
    SectionConvention{"lwt_seg6local", "lwt_seg6local"},
    SectionConvention{"sockops", "sock_ops"},
    SectionConvention{"sk_skb/stream_parser", "sk_skb"},
    SectionConvention{"sk_skb/stream_verdict", "sk_skb"},
    SectionConvention{"sk_skb/verdict", "sk_skb"},
    SectionConvention{"sk_skb", "sk_skb"},
    SectionConvention{"sk_msg", "sk_msg"},
    SectionConvention{"lirc_mode2", "lirc_mode2"},
    SectionConvention{"flow_dissector", "flow_dissector"},
    SectionConvention{"cgroup_skb/ingress", "cgroup_skb"},
    SectionConvention{"cgroup_skb/egress", "cgroup_skb"},
    SectionConvention{"cgroup/skb", "cgroup_skb"},
    SectionConvention{"cgroup/sock_create", "cgroup_sock"},
    SectionConvention{"cgroup/sock_release", "cgroup_sock"},
    SectionConvention{"cgroup/sock", "cgroup_sock"},
    SectionConvention{"cgroup/post_bind4", "cgroup_sock"},
    SectionConvention{"cgroup/post_bind6", "cgroup_sock"},
    SectionConvention{"cgroup/bind4", "cgroup_sock_addr"},
    SectionConvention{"cgroup/bind6", "cgroup_sock_addr"},
    SectionConvention{"cgroup/connect4", "cgroup_sock_addr"},
    SectionConvention{"cgroup/connect6", "cgroup_sock_addr"},
    SectionConvention{"cgroup/connect_unix", "cgroup_sock_addr"},
    SectionConvention{"cgroup/sendmsg4", "cgroup_sock_addr"},
    SectionConvention{"cgroup/sendmsg6", "cgroup_sock_addr"},
    SectionConvention{"cgroup/sendmsg_unix", "cgroup_sock_addr"},
    SectionConvention{"cgroup/recvmsg4", "cgroup_sock_addr"},
    SectionConvention{"cgroup/recvmsg6", "cgroup_sock_addr"},
    SectionConvention{"cgroup/recvmsg_unix", "cgroup_sock_addr"},
    SectionConvention{"cgroup/getpeername4", "cgroup_sock_addr"},
    SectionConvention{"cgroup/getpeername6", "cgroup_sock_addr"},
    SectionConvention{"cgroup/getpeername_unix", "cgroup_sock_addr"},
    SectionConvention{"cgroup/getsockname4", "cgroup_sock_addr"},
    SectionConvention{"cgroup/getsockname6", "cgroup_sock_addr"},
    SectionConvention{"cgroup/getsockname_unix", "cgroup_sock_addr"},
    SectionConvention{"cgroup/sysctl", "cgroup_sysctl"},
    SectionConvention{"cgroup/getsockopt", "cgroup_sockopt"},
    SectionConvention{"cgroup/setsockopt", "cgroup_sockopt"},
    SectionConvention{"cgroup/dev", "cgroup_device"},
    SectionConvention{"struct_ops+", "struct_ops"},
    SectionConvention{"struct_ops.s+", "struct_ops"},
    SectionConvention{"sk_lookup", "sk_lookup"},
    SectionConvention{"netfilter", "netfilter"},
};

constexpr std::array kOtherTypes = {std::string_view{"unspec"}, std::string_view{"cgroup_sock"}};

bool matches(std::string_view pattern, std::string_view section) {
    if (pattern.ends_with('/')) {
        return section.starts_with(pattern);
    }
    if (pattern.ends_with('+')) {
        pattern.remove_suffix(1);
        if (!section.starts_with(pattern)) {
            return false;
        }
        return section.size() == pattern.size() || section[pattern.size()] == '/';
    }
    return section == pattern;
}

}  // namespace

std::string program_type_for_section(std::string_view section) {
    if (section.starts_with('?')) {
        section.remove_prefix(1);
    }
    for (const auto& convention : kConventions) {
        if (matches(convention.pattern, section)) {
            return std::string{convention.type};
        }
    }
    return "unspec";
}

bool is_known_program_type(std::string_view type) {
    for (const auto& convention : kConventions) {
        if (convention.type == type) {
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

}  // namespace bpfcheck::loader
