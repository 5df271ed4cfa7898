// probe_helpers: which helpers may each program type call? Asks the running
// kernel's verifier, one BPF_PROG_LOAD per (variant, helper, privilege).
//
//   probe_helpers --emit FILE   probe everything, fill in what this kernel cannot show from
//                               the kernel sources (derive()), write the C++ table; as root:
//                               probe_helpers --emit analyzer/platform/helpers/helper_availability_data.inc
//   probe_helpers --tsv         one line per probe: type, attach, target, sleepable, helper,
//                               level, result, gpl, the verifier's last line (for review)
//   probe_helpers --check       may this process probe? exit 0, or 77 with the reason
//
// The build makes it as build/tests/analyzer/probe_helpers; by hand:
// cc -O2 -o probe_helpers tests/tools/probe_helpers.c (no libbpf needed). With
// -DPROBE_HELPERS_NO_MAIN the file is a library (helper_availability_test uses
// it to re-probe a sample).
//
// A probe loads the three-instruction program
//
//     call HELPER        ; r1 = the context, r2..r5 uninitialised
//     r0 = 0             ; 1 where the type insists (getpeername, recvmsg, ...)
//     exit
//
// of the variant's program type, expected attach type and BTF attach target.
// The verifier looks the helper up with the type's get_func_proto callback
// (check_helper_call -> bpf_get_helper_proto) before it looks at any argument,
// and says "program of this type cannot use helper NAME#ID" when the callback
// returns NULL. Any other outcome - a load, or a rejection of the arguments
// ("R2 !read_ok") - means the type may call the helper, with three
// exceptions that also mean "no" or "not here": check_get_func_ip()'s "func
// bpf_get_func_ip#173 not supported for program type N"; "helper call might
// sleep in a non-sleepable prog" (only the sleepable flavour of the variant
// may); "helper call is not allowed in probe" (the proto's allowed() callback
// refused this attach target). A second load with the license "Proprietary"
// tells whether the proto the type gets is gpl_only.
//
// Each variant's empty program (r0 = 0; exit) must load first; otherwise the
// variant is reported unavailable, so a missing attach target or program type
// is never mistaken for "allowed". Unavailable variants (here: lirc_mode2,
// which needs CONFIG_BPF_LIRC_MODE2; fentry/fexit/fmod_ret and lsm, whose
// loads the sandbox refuses with EPERM; sched_ext_ops, which needs
// CONFIG_SCHED_CLASS_EXT; ext, which takes its target's helpers) are derived
// from the kernel sources in derive(), and the table marks those bits.
//
// Privilege: the verifier asks capable() while it verifies (bpf_base_func_proto
// checks bpf_token_capable(CAP_BPF) and CAP_PERFMON), so probes lower the
// effective capability set around the load. PROBE_LEVEL_BPF_NET keeps only
// CAP_BPF and CAP_NET_ADMIN: the view of a network program's loader without
// CAP_PERFMON. Tracing types cannot be loaded at that level at all. Without
// CAP_BPF nothing loads while kernel.unprivileged_bpf_disabled is set, so that
// level is not probed (the table gives bpf_base_func_proto's CAP_BPF group).
#define _GNU_SOURCE
#include "probe_helpers.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/capability.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

// enum bpf_prog_type and enum bpf_attach_type, spelled out: the build host's
// <linux/bpf.h> may predate the kernel it probes.
enum {
    PT_SOCKET_FILTER = 1,
    PT_KPROBE = 2,
    PT_SCHED_CLS = 3,
    PT_SCHED_ACT = 4,
    PT_TRACEPOINT = 5,
    PT_XDP = 6,
    PT_PERF_EVENT = 7,
    PT_CGROUP_SKB = 8,
    PT_CGROUP_SOCK = 9,
    PT_LWT_IN = 10,
    PT_LWT_OUT = 11,
    PT_LWT_XMIT = 12,
    PT_SOCK_OPS = 13,
    PT_SK_SKB = 14,
    PT_CGROUP_DEVICE = 15,
    PT_SK_MSG = 16,
    PT_RAW_TRACEPOINT = 17,
    PT_CGROUP_SOCK_ADDR = 18,
    PT_LWT_SEG6LOCAL = 19,
    PT_LIRC_MODE2 = 20,
    PT_SK_REUSEPORT = 21,
    PT_FLOW_DISSECTOR = 22,
    PT_CGROUP_SYSCTL = 23,
    PT_RAW_TRACEPOINT_WRITABLE = 24,
    PT_CGROUP_SOCKOPT = 25,
    PT_TRACING = 26,
    PT_STRUCT_OPS = 27,
    PT_EXT = 28,
    PT_LSM = 29,
    PT_SK_LOOKUP = 30,
    PT_SYSCALL = 31,
    PT_NETFILTER = 32,
};

enum {
    AT_CGROUP_INET_INGRESS = 0,
    AT_CGROUP_INET_EGRESS = 1,
    AT_CGROUP_INET_SOCK_CREATE = 2,
    AT_CGROUP_SOCK_OPS = 3,
    AT_SK_SKB_STREAM_PARSER = 4,
    AT_SK_SKB_STREAM_VERDICT = 5,
    AT_CGROUP_DEVICE = 6,
    AT_SK_MSG_VERDICT = 7,
    AT_CGROUP_INET4_BIND = 8,
    AT_CGROUP_INET6_BIND = 9,
    AT_CGROUP_INET4_CONNECT = 10,
    AT_CGROUP_INET6_CONNECT = 11,
    AT_CGROUP_INET4_POST_BIND = 12,
    AT_CGROUP_INET6_POST_BIND = 13,
    AT_CGROUP_UDP4_SENDMSG = 14,
    AT_CGROUP_UDP6_SENDMSG = 15,
    AT_LIRC_MODE2 = 16,
    AT_FLOW_DISSECTOR = 17,
    AT_CGROUP_SYSCTL = 18,
    AT_CGROUP_UDP4_RECVMSG = 19,
    AT_CGROUP_UDP6_RECVMSG = 20,
    AT_CGROUP_GETSOCKOPT = 21,
    AT_CGROUP_SETSOCKOPT = 22,
    AT_TRACE_RAW_TP = 23,
    AT_TRACE_FENTRY = 24,
    AT_TRACE_FEXIT = 25,
    AT_MODIFY_RETURN = 26,
    AT_LSM_MAC = 27,
    AT_TRACE_ITER = 28,
    AT_CGROUP_INET4_GETPEERNAME = 29,
    AT_CGROUP_INET6_GETPEERNAME = 30,
    AT_CGROUP_INET4_GETSOCKNAME = 31,
    AT_CGROUP_INET6_GETSOCKNAME = 32,
    AT_XDP_DEVMAP = 33,
    AT_CGROUP_INET_SOCK_RELEASE = 34,
    AT_XDP_CPUMAP = 35,
    AT_SK_LOOKUP = 36,
    AT_XDP = 37,
    AT_SK_SKB_VERDICT = 38,
    AT_SK_REUSEPORT_SELECT = 39,
    AT_SK_REUSEPORT_SELECT_OR_MIGRATE = 40,
    AT_PERF_EVENT = 41,
    AT_TRACE_KPROBE_MULTI = 42,
    AT_LSM_CGROUP = 43,
    AT_STRUCT_OPS = 44,
    AT_NETFILTER = 45,
    AT_TCX_INGRESS = 46,
    AT_TCX_EGRESS = 47,
    AT_TRACE_UPROBE_MULTI = 48,
    AT_CGROUP_UNIX_CONNECT = 49,
    AT_CGROUP_UNIX_SENDMSG = 50,
    AT_CGROUP_UNIX_RECVMSG = 51,
    AT_CGROUP_UNIX_GETPEERNAME = 52,
    AT_CGROUP_UNIX_GETSOCKNAME = 53,
    AT_NETKIT_PRIMARY = 54,
    AT_NETKIT_PEER = 55,
    AT_TRACE_KPROBE_SESSION = 56,
    AT_TRACE_UPROBE_SESSION = 57,
};

enum { F_SLEEPABLE = 1u << 4 };  // BPF_F_SLEEPABLE

// clang-format off
#define V(type_name, attach_name, target, prog_type, attach_type, flags) \
    {type_name, attach_name, target, prog_type, attach_type, flags, ((flags) & F_SLEEPABLE) != 0}

// Every program type libbpf names, with each expected attach type (and
// sleepable flavour) whose helper set may differ. Order: by program type id.
static const struct probe_variant kVariants[] = {
    V("socket_filter", "", "", PT_SOCKET_FILTER, 0, 0),
    V("kprobe", "", "", PT_KPROBE, 0, 0),
    V("kprobe", "", "", PT_KPROBE, 0, F_SLEEPABLE),
    V("kprobe", "trace_kprobe_multi", "", PT_KPROBE, AT_TRACE_KPROBE_MULTI, 0),
    V("kprobe", "trace_kprobe_session", "", PT_KPROBE, AT_TRACE_KPROBE_SESSION, 0),
    V("kprobe", "trace_uprobe_multi", "", PT_KPROBE, AT_TRACE_UPROBE_MULTI, 0),
    V("kprobe", "trace_uprobe_multi", "", PT_KPROBE, AT_TRACE_UPROBE_MULTI, F_SLEEPABLE),
    V("kprobe", "trace_uprobe_session", "", PT_KPROBE, AT_TRACE_UPROBE_SESSION, 0),
    V("kprobe", "trace_uprobe_session", "", PT_KPROBE, AT_TRACE_UPROBE_SESSION, F_SLEEPABLE),
    V("sched_cls", "", "", PT_SCHED_CLS, 0, 0),
    V("sched_cls", "tcx_ingress", "", PT_SCHED_CLS, AT_TCX_INGRESS, 0),
    V("sched_cls", "netkit_primary", "", PT_SCHED_CLS, AT_NETKIT_PRIMARY, 0),
    V("sched_act", "", "", PT_SCHED_ACT, 0, 0),
    V("tracepoint", "", "", PT_TRACEPOINT, 0, 0),
    V("xdp", "", "", PT_XDP, 0, 0),
    V("xdp", "xdp_devmap", "", PT_XDP, AT_XDP_DEVMAP, 0),
    V("xdp", "xdp_cpumap", "", PT_XDP, AT_XDP_CPUMAP, 0),
    V("perf_event", "", "", PT_PERF_EVENT, 0, 0),
    V("cgroup_skb", "cgroup_inet_ingress", "", PT_CGROUP_SKB, AT_CGROUP_INET_INGRESS, 0),
    V("cgroup_skb", "cgroup_inet_egress", "", PT_CGROUP_SKB, AT_CGROUP_INET_EGRESS, 0),
    V("cgroup_sock", "cgroup_inet_sock_create", "", PT_CGROUP_SOCK, AT_CGROUP_INET_SOCK_CREATE, 0),
    V("cgroup_sock", "cgroup_inet_sock_release", "", PT_CGROUP_SOCK, AT_CGROUP_INET_SOCK_RELEASE, 0),
    V("cgroup_sock", "cgroup_inet4_post_bind", "", PT_CGROUP_SOCK, AT_CGROUP_INET4_POST_BIND, 0),
    V("cgroup_sock", "cgroup_inet6_post_bind", "", PT_CGROUP_SOCK, AT_CGROUP_INET6_POST_BIND, 0),
    V("lwt_in", "", "", PT_LWT_IN, 0, 0),
    V("lwt_out", "", "", PT_LWT_OUT, 0, 0),
    V("lwt_xmit", "", "", PT_LWT_XMIT, 0, 0),
    V("sock_ops", "", "", PT_SOCK_OPS, 0, 0),
    V("sk_skb", "sk_skb_stream_parser", "", PT_SK_SKB, AT_SK_SKB_STREAM_PARSER, 0),
    V("sk_skb", "sk_skb_stream_verdict", "", PT_SK_SKB, AT_SK_SKB_STREAM_VERDICT, 0),
    V("sk_skb", "sk_skb_verdict", "", PT_SK_SKB, AT_SK_SKB_VERDICT, 0),
    V("cgroup_device", "cgroup_device", "", PT_CGROUP_DEVICE, AT_CGROUP_DEVICE, 0),
    V("sk_msg", "sk_msg_verdict", "", PT_SK_MSG, AT_SK_MSG_VERDICT, 0),
    V("raw_tracepoint", "", "", PT_RAW_TRACEPOINT, 0, 0),
    V("cgroup_sock_addr", "cgroup_inet4_bind", "", PT_CGROUP_SOCK_ADDR, AT_CGROUP_INET4_BIND, 0),
    V("cgroup_sock_addr", "cgroup_inet6_bind", "", PT_CGROUP_SOCK_ADDR, AT_CGROUP_INET6_BIND, 0),
    V("cgroup_sock_addr", "cgroup_inet4_connect", "", PT_CGROUP_SOCK_ADDR, AT_CGROUP_INET4_CONNECT, 0),
    V("cgroup_sock_addr", "cgroup_inet6_connect", "", PT_CGROUP_SOCK_ADDR, AT_CGROUP_INET6_CONNECT, 0),
    V("cgroup_sock_addr", "cgroup_unix_connect", "", PT_CGROUP_SOCK_ADDR, AT_CGROUP_UNIX_CONNECT, 0),
    V("cgroup_sock_addr", "cgroup_udp4_sendmsg", "", PT_CGROUP_SOCK_ADDR, AT_CGROUP_UDP4_SENDMSG, 0),
    V("cgroup_sock_addr", "cgroup_udp6_sendmsg", "", PT_CGROUP_SOCK_ADDR, AT_CGROUP_UDP6_SENDMSG, 0),
    V("cgroup_sock_addr", "cgroup_unix_sendmsg", "", PT_CGROUP_SOCK_ADDR, AT_CGROUP_UNIX_SENDMSG, 0),
    V("cgroup_sock_addr", "cgroup_udp4_recvmsg", "", PT_CGROUP_SOCK_ADDR, AT_CGROUP_UDP4_RECVMSG, 0),
    V("cgroup_sock_addr", "cgroup_udp6_recvmsg", "", PT_CGROUP_SOCK_ADDR, AT_CGROUP_UDP6_RECVMSG, 0),
    V("cgroup_sock_addr", "cgroup_unix_recvmsg", "", PT_CGROUP_SOCK_ADDR, AT_CGROUP_UNIX_RECVMSG, 0),
    V("cgroup_sock_addr", "cgroup_inet4_getpeername", "", PT_CGROUP_SOCK_ADDR, AT_CGROUP_INET4_GETPEERNAME, 0),
    V("cgroup_sock_addr", "cgroup_inet6_getpeername", "", PT_CGROUP_SOCK_ADDR, AT_CGROUP_INET6_GETPEERNAME, 0),
    V("cgroup_sock_addr", "cgroup_unix_getpeername", "", PT_CGROUP_SOCK_ADDR, AT_CGROUP_UNIX_GETPEERNAME, 0),
    V("cgroup_sock_addr", "cgroup_inet4_getsockname", "", PT_CGROUP_SOCK_ADDR, AT_CGROUP_INET4_GETSOCKNAME, 0),
    V("cgroup_sock_addr", "cgroup_inet6_getsockname", "", PT_CGROUP_SOCK_ADDR, AT_CGROUP_INET6_GETSOCKNAME, 0),
    V("cgroup_sock_addr", "cgroup_unix_getsockname", "", PT_CGROUP_SOCK_ADDR, AT_CGROUP_UNIX_GETSOCKNAME, 0),
    V("lwt_seg6local", "", "", PT_LWT_SEG6LOCAL, 0, 0),
    V("lirc_mode2", "lirc_mode2", "", PT_LIRC_MODE2, AT_LIRC_MODE2, 0),
    V("sk_reuseport", "sk_reuseport_select", "", PT_SK_REUSEPORT, AT_SK_REUSEPORT_SELECT, 0),
    V("sk_reuseport", "sk_reuseport_select_or_migrate", "", PT_SK_REUSEPORT, AT_SK_REUSEPORT_SELECT_OR_MIGRATE, 0),
    V("flow_dissector", "flow_dissector", "", PT_FLOW_DISSECTOR, AT_FLOW_DISSECTOR, 0),
    V("cgroup_sysctl", "cgroup_sysctl", "", PT_CGROUP_SYSCTL, AT_CGROUP_SYSCTL, 0),
    V("raw_tracepoint_writable", "", "", PT_RAW_TRACEPOINT_WRITABLE, 0, 0),
    V("cgroup_sockopt", "cgroup_getsockopt", "", PT_CGROUP_SOCKOPT, AT_CGROUP_GETSOCKOPT, 0),
    V("cgroup_sockopt", "cgroup_setsockopt", "", PT_CGROUP_SOCKOPT, AT_CGROUP_SETSOCKOPT, 0),
    V("tracing", "trace_raw_tp", "btf_trace_sched_switch", PT_TRACING, AT_TRACE_RAW_TP, 0),
    V("tracing", "trace_fentry", "bpf_fentry_test1", PT_TRACING, AT_TRACE_FENTRY, 0),
    V("tracing", "trace_fentry", "bpf_fentry_test1", PT_TRACING, AT_TRACE_FENTRY, F_SLEEPABLE),
    V("tracing", "trace_fexit", "bpf_fentry_test1", PT_TRACING, AT_TRACE_FEXIT, 0),
    V("tracing", "trace_fexit", "bpf_fentry_test1", PT_TRACING, AT_TRACE_FEXIT, F_SLEEPABLE),
    V("tracing", "modify_return", "bpf_modify_return_test", PT_TRACING, AT_MODIFY_RETURN, 0),
    V("tracing", "trace_iter", "bpf_iter_task", PT_TRACING, AT_TRACE_ITER, 0),
    V("tracing", "trace_iter", "bpf_iter_task", PT_TRACING, AT_TRACE_ITER, F_SLEEPABLE),
    V("struct_ops", "", "tcp_congestion_ops:cong_avoid", PT_STRUCT_OPS, 0, 0),
    V("struct_ops", "", "bpf_dummy_ops:test_1", PT_STRUCT_OPS, 0, 0),
    V("struct_ops", "", "bpf_dummy_ops:test_sleepable", PT_STRUCT_OPS, 0, F_SLEEPABLE),
    V("struct_ops", "", "sched_ext_ops:dispatch", PT_STRUCT_OPS, 0, 0),
    V("ext", "", "", PT_EXT, 0, 0),
    V("lsm", "lsm_mac", "bpf_lsm_file_open", PT_LSM, AT_LSM_MAC, 0),
    V("lsm", "lsm_mac", "bpf_lsm_file_open", PT_LSM, AT_LSM_MAC, F_SLEEPABLE),
    V("lsm", "lsm_cgroup", "bpf_lsm_socket_post_create", PT_LSM, AT_LSM_CGROUP, 0),
    V("sk_lookup", "sk_lookup", "", PT_SK_LOOKUP, AT_SK_LOOKUP, 0),
    V("syscall", "", "", PT_SYSCALL, 0, F_SLEEPABLE),
    V("netfilter", "netfilter", "", PT_NETFILTER, AT_NETFILTER, 0),
};
// clang-format on

#undef V

enum { kVariantCount = (int)(sizeof kVariants / sizeof kVariants[0]) };

int probe_variant_count(void) {
    return kVariantCount;
}

const struct probe_variant* probe_variant_at(int index) {
    return index >= 0 && index < kVariantCount ? &kVariants[index] : NULL;
}

const char* probe_result_name(enum probe_result result) {
    switch (result) {
        case PROBE_ALLOWED:
            return "allowed";
        case PROBE_NOT_FOR_TYPE:
            return "not_for_type";
        case PROBE_UNKNOWN_HELPER:
            return "unknown_helper";
        case PROBE_NEEDS_SLEEPABLE:
            return "needs_sleepable";
        case PROBE_NOT_IN_PROBE:
            return "not_in_probe";
        case PROBE_GPL_ONLY:
            return "gpl_only";
        case PROBE_VARIANT_UNAVAILABLE:
            return "variant_unavailable";
        case PROBE_ERROR:
            return "error";
    }
    return "?";
}

// ---------------------------------------------------------------------------
// bpf(), capabilities

static long sys_bpf(int cmd, union bpf_attr* attr, unsigned size) {
    return syscall(__NR_bpf, cmd, attr, size);
}

static int set_level(enum probe_level level) {
    struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
    memset(data, 0, sizeof data);
    if (syscall(SYS_capget, &header, data) != 0) {
        return errno;
    }
    for (int i = 0; i < _LINUX_CAPABILITY_U32S_3; ++i) {
        data[i].effective = data[i].permitted;
    }
    if (level == PROBE_LEVEL_BPF_NET) {
        const int kept[] = {CAP_BPF, CAP_NET_ADMIN};
        struct __user_cap_data_struct wanted[_LINUX_CAPABILITY_U32S_3];
        memset(wanted, 0, sizeof wanted);
        for (size_t i = 0; i < sizeof kept / sizeof kept[0]; ++i) {
            wanted[CAP_TO_INDEX(kept[i])].effective |= CAP_TO_MASK(kept[i]);
        }
        for (int i = 0; i < _LINUX_CAPABILITY_U32S_3; ++i) {
            data[i].effective &= wanted[i].effective;
        }
    }
    if (syscall(SYS_capset, &header, data) != 0) {
        return errno;
    }
    return 0;
}

// ---------------------------------------------------------------------------
// The running kernel's BTF: just enough to find attach targets by name.

enum {
    BTFK_INT = 1,
    BTFK_PTR,
    BTFK_ARRAY,
    BTFK_STRUCT,
    BTFK_UNION,
    BTFK_ENUM,
    BTFK_FWD,
    BTFK_TYPEDEF,
    BTFK_VOLATILE,
    BTFK_CONST,
    BTFK_RESTRICT,
    BTFK_FUNC,
    BTFK_FUNC_PROTO,
    BTFK_VAR,
    BTFK_DATASEC,
    BTFK_FLOAT,
    BTFK_DECL_TAG,
    BTFK_TYPE_TAG,
    BTFK_ENUM64,
};

static struct {
    unsigned char* data;
    size_t size;
    const char* strings;
    uint32_t strings_size;
    const unsigned char** types;  // types[id], id >= 1
    uint32_t count;               // number of ids, including the void id 0
} g_btf;

static uint32_t rd32(const unsigned char* p) {
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static int btf_load(char* why, size_t why_size) {
    FILE* file = fopen("/sys/kernel/btf/vmlinux", "rb");
    if (file == NULL) {
        snprintf(why, why_size, "cannot open /sys/kernel/btf/vmlinux: %s", strerror(errno));
        return errno;
    }
    size_t capacity = 1u << 20;
    g_btf.data = malloc(capacity);
    g_btf.size = 0;
    for (;;) {
        if (g_btf.size == capacity) {
            capacity *= 2;
            g_btf.data = realloc(g_btf.data, capacity);
        }
        size_t got = fread(g_btf.data + g_btf.size, 1, capacity - g_btf.size, file);
        if (got == 0) {
            break;
        }
        g_btf.size += got;
    }
    fclose(file);
    const unsigned char* d = g_btf.data;
    if (g_btf.size < 24 || d[0] != 0x9f || d[1] != 0xeb) {
        snprintf(why, why_size, "/sys/kernel/btf/vmlinux is not BTF");
        return EINVAL;
    }
    uint32_t hdr_len = rd32(d + 4), type_off = rd32(d + 8), type_len = rd32(d + 12);
    uint32_t str_off = rd32(d + 16), str_len = rd32(d + 20);
    g_btf.strings = (const char*)d + hdr_len + str_off;
    g_btf.strings_size = str_len;
    const unsigned char* p = d + hdr_len + type_off;
    const unsigned char* end = p + type_len;
    size_t cap = 1024;
    g_btf.types = malloc(cap * sizeof *g_btf.types);
    g_btf.types[0] = NULL;
    g_btf.count = 1;
    while (p + 12 <= end) {
        if (g_btf.count == cap) {
            cap *= 2;
            g_btf.types = realloc(g_btf.types, cap * sizeof *g_btf.types);
        }
        g_btf.types[g_btf.count++] = p;
        uint32_t info = rd32(p + 4);
        uint32_t vlen = info & 0xffff, kind = (info >> 24) & 0x1f;
        size_t extra = 0;
        switch (kind) {
            case BTFK_INT:
            case BTFK_VAR:
            case BTFK_DECL_TAG:
                extra = 4;
                break;
            case BTFK_ARRAY:
                extra = 12;
                break;
            case BTFK_STRUCT:
            case BTFK_UNION:
            case BTFK_DATASEC:
            case BTFK_ENUM64:
                extra = 12u * vlen;
                break;
            case BTFK_ENUM:
            case BTFK_FUNC_PROTO:
                extra = 8u * vlen;
                break;
            default:
                break;
        }
        p += 12 + extra;
    }
    return 0;
}

static const char* btf_name(uint32_t off) {
    return off < g_btf.strings_size ? g_btf.strings + off : "";
}

static uint32_t btf_find(const char* name, unsigned kind) {
    for (uint32_t id = 1; id < g_btf.count; ++id) {
        const unsigned char* t = g_btf.types[id];
        if (((rd32(t + 4) >> 24) & 0x1f) == kind && strcmp(btf_name(rd32(t)), name) == 0) {
            return id;
        }
    }
    return 0;
}

static int btf_member_index(uint32_t struct_id, const char* member) {
    const unsigned char* t = g_btf.types[struct_id];
    uint32_t vlen = rd32(t + 4) & 0xffff;
    for (uint32_t i = 0; i < vlen; ++i) {
        if (strcmp(btf_name(rd32(t + 12 + 12 * i)), member) == 0) {
            return (int)i;
        }
    }
    return -1;
}

// ---------------------------------------------------------------------------
// Loading

static char g_log[1u << 16];

struct resolved {
    int done;
    int ok;
    int exit_value;  // r0 at exit: 0, or 1 where the type insists (getpeername, recvmsg, ...)
    uint32_t attach_btf_id;
    uint32_t attach_type;
};
static struct resolved g_resolved[kVariantCount];
static signed char g_loads[kVariantCount][PROBE_LEVEL_COUNT][2];  // 0 unknown, 1 loads, -1 does not

static int load(const struct probe_variant* v, const struct resolved* r, const struct bpf_insn* insns,
                unsigned insn_count, int gpl) {
    union bpf_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.prog_type = v->prog_type;
    attr.insn_cnt = insn_count;
    attr.insns = (uint64_t)(uintptr_t)insns;
    attr.license = (uint64_t)(uintptr_t)(gpl ? "GPL" : "Proprietary");
    attr.log_level = 1;
    attr.log_size = sizeof g_log;
    attr.log_buf = (uint64_t)(uintptr_t)g_log;
    attr.prog_flags = v->flags;
    attr.expected_attach_type = r->attach_type;
    attr.attach_btf_id = r->attach_btf_id;
    g_log[0] = '\0';
    return (int)sys_bpf(BPF_PROG_LOAD, &attr, sizeof attr);
}

static const struct bpf_insn kEmpty[] = {
    {.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0},
    {.code = BPF_JMP | BPF_EXIT},
};
static const struct bpf_insn kEmptyOne[] = {
    {.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 1},
    {.code = BPF_JMP | BPF_EXIT},
};

// Resolves the variant's attach target (once). 0 when the variant can be probed.
static int resolve(int index) {
    struct resolved* r = &g_resolved[index];
    if (r->done) {
        return r->ok ? 0 : -1;
    }
    r->done = 1;
    const struct probe_variant* v = &kVariants[index];
    r->attach_type = v->attach_type;
    if (v->prog_type == PT_EXT) {
        // freplace programs take the helpers of the program they replace
        // (see derive()); there is nothing of their own to probe.
        return -1;
    } else if (v->prog_type == PT_STRUCT_OPS) {
        char name[128];
        snprintf(name, sizeof name, "%s", v->target);
        char* colon = strchr(name, ':');
        if (colon == NULL) {
            return -1;
        }
        *colon = '\0';
        uint32_t id = btf_find(name, BTFK_STRUCT);
        int member = id != 0 ? btf_member_index(id, colon + 1) : -1;
        if (member < 0) {
            return -1;
        }
        r->attach_btf_id = id;
        r->attach_type = (uint32_t)member;
    } else if (v->target[0] != '\0') {
        unsigned kind = strncmp(v->target, "btf_trace_", 10) == 0 ? BTFK_TYPEDEF : BTFK_FUNC;
        r->attach_btf_id = btf_find(v->target, kind);
        if (r->attach_btf_id == 0) {
            return -1;
        }
    }
    r->ok = 1;
    return 0;
}

int probe_init(char* why, size_t why_size) {
    if (g_btf.data == NULL) {
        int err = btf_load(why, why_size);
        if (err != 0) {
            return err;
        }
    }
    // bpf() at all: an empty socket filter.
    struct resolved none = {0};
    int fd = load(&kVariants[0], &none, kEmpty, 2, 1);
    if (fd < 0) {
        int err = errno;
        snprintf(why, why_size, "bpf(BPF_PROG_LOAD) of an empty socket filter failed: %s", strerror(err));
        return err != 0 ? err : EPERM;
    }
    close(fd);
    return 0;
}

void probe_fini(void) {
    memset(g_resolved, 0, sizeof g_resolved);
    memset(g_loads, 0, sizeof g_loads);
    set_level(PROBE_LEVEL_ROOT);
}

static int load_at(int variant, enum probe_level level, const struct bpf_insn* insns, unsigned count, int gpl) {
    const struct probe_variant* v = &kVariants[variant];
    if (set_level(level) != 0) {
        errno = EPERM;
        return -1;
    }
    int fd = load(v, &g_resolved[variant], insns, count, gpl);
    int err = errno;
    set_level(PROBE_LEVEL_ROOT);
    errno = err;
    return fd;
}

// Whether the variant's empty program loads at `level` with a GPL (or a
// proprietary) license; cached, as every probe asks.

static int variant_loads(int variant, enum probe_level level, int gpl) {
    if (variant < 0 || variant >= kVariantCount || level < 0 || level >= PROBE_LEVEL_COUNT) {
        return 0;
    }
    signed char* cached = &g_loads[variant][level][gpl ? 1 : 0];
    if (*cached != 0) {
        return *cached > 0;
    }
    if (resolve(variant) != 0) {
        *cached = -1;
        return 0;
    }
    int fd = load_at(variant, level, g_resolved[variant].exit_value ? kEmptyOne : kEmpty, 2, gpl);
    if (fd < 0 && strstr(g_log, "should have been in [1, 1]") != NULL) {
        g_resolved[variant].exit_value = 1;
        fd = load_at(variant, level, kEmptyOne, 2, gpl);
    }
    *cached = fd >= 0 ? 1 : -1;
    if (fd >= 0) {
        close(fd);
    }
    return fd >= 0;
}

int probe_variant_loads(int variant, enum probe_level level) {
    return variant_loads(variant, level, 1);
}

// The line of the log that says why the load failed: the last one that is
// not the verifier's statistics.
static void last_error_line(char* out, size_t out_size) {
    if (out == NULL || out_size == 0) {
        return;
    }
    out[0] = '\0';
    char* save = NULL;
    char copy[sizeof g_log];
    memcpy(copy, g_log, sizeof copy);
    copy[sizeof copy - 1] = '\0';
    for (char* line = strtok_r(copy, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
        if (strncmp(line, "processed ", 10) == 0 || strncmp(line, "verification time", 17) == 0 ||
            strncmp(line, "stack depth", 11) == 0 || line[0] == '\0') {
            continue;
        }
        snprintf(out, out_size, "%s", line);
    }
}

enum probe_result probe_helper(int variant, int helper_id, enum probe_level level, int gpl, char* detail,
                               size_t detail_size) {
    if (detail != NULL && detail_size > 0) {
        detail[0] = '\0';
    }
    if (!variant_loads(variant, level, gpl)) {
        return PROBE_VARIANT_UNAVAILABLE;
    }
    const struct bpf_insn insns[] = {
        {.code = BPF_JMP | BPF_CALL, .imm = helper_id},
        {.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = g_resolved[variant].exit_value},
        {.code = BPF_JMP | BPF_EXIT},
    };
    int fd = load_at(variant, level, insns, 3, gpl);
    int err = errno;
    if (fd >= 0) {
        close(fd);
        return PROBE_ALLOWED;
    }
    last_error_line(detail, detail_size);
    if (strstr(g_log, "program of this type cannot use helper") != NULL) {
        return PROBE_NOT_FOR_TYPE;
    }
    // check_get_func_ip(): the type has a bpf_get_func_ip proto, but the
    // verifier refuses the call for this type or attach type whatever the
    // arguments ("func bpf_get_func_ip#173 not supported for program type N",
    // "... supported only for fentry/fexit/fmod_ret programs").
    if (strstr(g_log, "not supported for program type") != NULL ||
        strstr(g_log, "supported only for fentry/fexit") != NULL) {
        return PROBE_NOT_FOR_TYPE;
    }
    if (strstr(g_log, "invalid func ") != NULL || strstr(g_log, "unknown func ") != NULL) {
        return PROBE_UNKNOWN_HELPER;
    }
    if (strstr(g_log, "might sleep in a non-sleepable prog") != NULL) {
        return PROBE_NEEDS_SLEEPABLE;
    }
    if (strstr(g_log, "helper call is not allowed in probe") != NULL) {
        return PROBE_NOT_IN_PROBE;
    }
    if (strstr(g_log, "cannot call GPL-restricted function") != NULL) {
        return PROBE_GPL_ONLY;
    }
    // The verifier reached the call's arguments (or beyond): a prototype exists.
    if (g_log[0] != '\0') {
        return PROBE_ALLOWED;
    }
    if (detail != NULL && detail_size > 0) {
        snprintf(detail, detail_size, "bpf: %s", strerror(err));
    }
    return PROBE_ERROR;
}

#ifndef PROBE_HELPERS_NO_MAIN

// ---------------------------------------------------------------------------
// The generator: probe everything, fill in what this kernel cannot show from
// the kernel sources, write the C++ table.

enum { kMaxHelper = 211 };

typedef struct {
    uint64_t w[4];
} hset;

static void hset_add(hset* s, int id) {
    s->w[id / 64] |= 1ull << (id % 64);
}
static void hset_del(hset* s, int id) {
    s->w[id / 64] &= ~(1ull << (id % 64));
}
static int hset_has(const hset* s, int id) {
    return (int)((s->w[id / 64] >> (id % 64)) & 1u);
}
static int hset_count(const hset* s) {
    int n = 0;
    for (int i = 0; i < 4; ++i) {
        n += __builtin_popcountll(s->w[i]);
    }
    return n;
}
static void hset_or(hset* s, const hset* t) {
    for (int i = 0; i < 4; ++i) {
        s->w[i] |= t->w[i];
    }
}

struct record {
    int probed;  // the probe saw the variant load
    int loads_cap_bpf;
    hset full;     // allowed with every capability
    hset cap_bpf;  // allowed with CAP_BPF + CAP_NET_ADMIN only
    hset target;   // a proto exists; its allowed() callback decides by attach target
    hset gpl;      // the proto this variant gets is gpl_only
    hset derived;  // bits set from the kernel sources, not seen by the probe
    char note[512];
};

static struct record g_rec[kVariantCount];

static void append_note(struct record* r, const char* text) {
    size_t len = strlen(r->note);
    snprintf(r->note + len, sizeof r->note - len, "%s%s", len ? " " : "", text);
}

static int find_variant(const char* type, const char* attach, const char* target, int sleepable) {
    for (int i = 0; i < kVariantCount; ++i) {
        const struct probe_variant* v = &kVariants[i];
        if (strcmp(v->type, type) == 0 && strcmp(v->attach, attach) == 0 && strcmp(v->target, target) == 0 &&
            v->sleepable == sleepable) {
            return i;
        }
    }
    fprintf(stderr, "probe_helpers: no variant %s/%s/%s/%d\n", type, attach, target, sleepable);
    exit(2);
}

static void probe_all(void) {
    char detail[256];
    for (int v = 0; v < kVariantCount; ++v) {
        struct record* r = &g_rec[v];
        r->probed = probe_variant_loads(v, PROBE_LEVEL_ROOT);
        r->loads_cap_bpf = probe_variant_loads(v, PROBE_LEVEL_BPF_NET);
        if (!r->probed) {
            continue;
        }
        for (int h = 1; h <= kMaxHelper; ++h) {
            enum probe_result res = probe_helper(v, h, PROBE_LEVEL_ROOT, 1, detail, sizeof detail);
            if (res == PROBE_ALLOWED) {
                hset_add(&r->full, h);
                if (probe_helper(v, h, PROBE_LEVEL_ROOT, 0, NULL, 0) == PROBE_GPL_ONLY) {
                    hset_add(&r->gpl, h);
                }
            } else if (res == PROBE_ERROR) {
                fprintf(stderr, "probe_helpers: %s/%s helper %d: %s\n", kVariants[v].type, kVariants[v].attach, h,
                        detail);
            }
            // PROBE_NOT_IN_PROBE: the probed targets (tp_btf's sched_switch,
            // syscall's none) can never satisfy the allowed() callbacks
            // involved (bpf_d_path_allowed, bpf_sk_storage_tracing_allowed),
            // so the helper counts as unavailable. PROBE_NEEDS_SLEEPABLE: the
            // sleepable flavour of the variant has it.
            if (r->loads_cap_bpf && probe_helper(v, h, PROBE_LEVEL_BPF_NET, 1, NULL, 0) == PROBE_ALLOWED) {
                hset_add(&r->cap_bpf, h);
            }
        }
        if (!variant_loads(v, PROBE_LEVEL_ROOT, 0)) {
            r->gpl = r->full;
            append_note(r, "Loads only with a GPL-compatible license.");
        }
    }
}

// Adds a helper the kernel sources give the variant, where the probe did not see it.
static void derive_add(struct record* r, int helper, int gpl, int cap_bpf_too) {
    if (hset_has(&r->full, helper)) {
        return;
    }
    hset_add(&r->full, helper);
    hset_add(&r->derived, helper);
    if (gpl) {
        hset_add(&r->gpl, helper);
    }
    if (cap_bpf_too && r->loads_cap_bpf) {
        hset_add(&r->cap_bpf, helper);
    }
}

static void derive_target(struct record* r, int helper, int gpl) {
    hset_del(&r->full, helper);
    hset_add(&r->target, helper);
    hset_add(&r->derived, helper);
    if (gpl) {
        hset_add(&r->gpl, helper);
    }
}

static void derive_remove(struct record* r, int helper) {
    hset_del(&r->full, helper);
    hset_del(&r->cap_bpf, helper);
    hset_del(&r->gpl, helper);
    hset_add(&r->derived, helper);
}

// Starts a variant the probe could not load from a probed one.
static void derive_from(struct record* r, const struct record* base) {
    r->full = base->full;
    r->gpl = base->gpl;
    r->target = base->target;
    r->cap_bpf = (hset){{0, 0, 0, 0}};
    r->loads_cap_bpf = 0;
    r->derived = base->full;
    hset_or(&r->derived, &base->target);
}

enum {
    H_PROBE_WRITE_USER = 36,
    H_OVERRIDE_RETURN = 58,
    H_SK_STORAGE_GET = 107,
    H_SK_STORAGE_DELETE = 108,
    H_D_PATH = 147,
    H_COPY_FROM_USER = 148,
    H_COPY_FROM_USER_TASK = 191,
    H_GET_FUNC_IP = 173,
    H_GET_ATTACH_COOKIE = 174,
    H_GET_FUNC_ARG = 183,
    H_GET_FUNC_RET = 184,
    H_GET_FUNC_ARG_CNT = 185,
};

// bpf_base_func_proto (kernel/bpf/helpers.c), in its three groups: for
// every loader; after `if (!bpf_token_capable(prog->aux->token, CAP_BPF))
// return NULL;`; after the same for CAP_PERFMON (bpf_copy_from_user and
// bpf_copy_from_user_task are might_sleep: sleepable programs only).
static const int kBaseAny[] = {1,   2,   3,   5,   7,   8,   12,  14,  15,  42,  87,  88, 89,
                               105, 106, 120, 125, 130, 131, 132, 133, 134, 182, 195, 208};
static const int kBaseCapBpf[] = {17,  37,  80,  93,  94,  118, 123, 153, 154, 156, 157, 164, 169, 170,
                                  171, 172, 181, 194, 197, 198, 199, 200, 201, 202, 203, 209, 210, 211};
static const int kBasePerfmon[] = {6,   16,  22,  35,  55,  109, 112, 113, 114, 115,
                                   117, 141, 149, 158, 165, 175, 176, 177, 180};  // + 148, 191 when sleepable

static void derive(void) {
    // 1. bpf_probe_write_user: bpf_tracing_func_proto (kernel/trace/bpf_trace.c)
    //    returns it unless security_locked_down(LOCKDOWN_BPF_WRITE_USER), i.e.
    //    unless lockdown is in "integrity" or "confidentiality" mode. Every
    //    type whose get_func_proto falls back to bpf_tracing_func_proto gets it.
    static const char* const kTracingTypes[] = {
        "kprobe", "tracepoint", "perf_event", "raw_tracepoint", "raw_tracepoint_writable", "tracing", "lsm", "syscall"};
    // 2. bpf_override_return: kprobe_prog_func_proto, under
    //    CONFIG_BPF_KPROBE_OVERRIDE (needs CONFIG_KPROBES).
    for (int v = 0; v < kVariantCount; ++v) {
        struct record* r = &g_rec[v];
        if (!r->probed) {
            continue;
        }
        for (size_t t = 0; t < sizeof kTracingTypes / sizeof kTracingTypes[0]; ++t) {
            if (strcmp(kVariants[v].type, kTracingTypes[t]) == 0 && !hset_has(&r->full, H_PROBE_WRITE_USER)) {
                derive_add(r, H_PROBE_WRITE_USER, 1, 0);
                append_note(r, "bpf_probe_write_user from source (kernel lockdown hid it).");
            }
        }
        if (strcmp(kVariants[v].type, "kprobe") == 0 && !hset_has(&r->full, H_OVERRIDE_RETURN)) {
            derive_add(r, H_OVERRIDE_RETURN, 1, 0);
            append_note(r, "bpf_override_return from source (CONFIG_BPF_KPROBE_OVERRIDE).");
        }
    }

    const struct record* tp_btf = &g_rec[find_variant("tracing", "trace_raw_tp", "btf_trace_sched_switch", 0)];
    const struct record* iter = &g_rec[find_variant("tracing", "trace_iter", "bpf_iter_task", 0)];
    const struct record* iter_s = &g_rec[find_variant("tracing", "trace_iter", "bpf_iter_task", 1)];
    const struct record* cgroup_device = &g_rec[find_variant("cgroup_device", "cgroup_device", "", 0)];
    if (!tp_btf->probed || !iter->probed || !iter_s->probed) {
        fprintf(stderr, "probe_helpers: tp_btf or iter programs do not load; cannot derive the trampoline types\n");
        exit(1);
    }

    for (int v = 0; v < kVariantCount; ++v) {
        struct record* r = &g_rec[v];
        const struct probe_variant* pv = &kVariants[v];
        if (r->probed) {
            continue;
        }
        if (strcmp(pv->type, "tracing") == 0) {
            // fentry/fexit/fmod_ret: tracing_prog_func_proto as for tp_btf,
            // plus what bpf_prog_has_trampoline() opens (get_func_arg,
            // get_func_ret, get_func_arg_cnt; get_attach_cookie, which tp_btf
            // has too) and check_get_func_ip() accepting get_func_ip.
            // bpf_d_path's allowed() takes only the btf_allowlist_d_path
            // functions. bpf_sk_storage_tracing_allowed() refuses
            // fmod_ret programs, and fentry/fexit ones only on
            // bpf_sk_storage* functions. Sleepable programs add what iter.s
            // adds to iter (bpf_copy_from_user, bpf_copy_from_user_task).
            derive_from(r, tp_btf);
            derive_add(r, H_GET_FUNC_IP, 1, 0);
            derive_add(r, H_GET_ATTACH_COOKIE, 0, 0);
            derive_add(r, H_GET_FUNC_ARG, 0, 0);
            derive_add(r, H_GET_FUNC_RET, 0, 0);
            derive_add(r, H_GET_FUNC_ARG_CNT, 0, 0);
            derive_target(r, H_D_PATH, 0);
            if (pv->attach_type == AT_MODIFY_RETURN) {
                derive_remove(r, H_SK_STORAGE_GET);
                derive_remove(r, H_SK_STORAGE_DELETE);
            }
            if (pv->sleepable) {
                for (int h = 1; h <= kMaxHelper; ++h) {
                    if (hset_has(&iter_s->full, h) && !hset_has(&iter->full, h)) {
                        derive_add(r, h, hset_has(&iter_s->gpl, h), 0);
                    }
                }
            }
            append_note(r, "Derived: tp_btf's set + the trampoline helpers (tracing_prog_func_proto).");
        } else if (strcmp(pv->type, "lsm") == 0) {
            // bpf_lsm_func_proto (kernel/bpf/bpf_lsm.c): LSM_CGROUP first asks
            // cgroup_common_func_proto (get_local_storage, get_retval,
            // set_retval); then inode storage, sk storage (the non-tracing
            // protos), bprm_opts_set, ima_inode_hash/ima_file_hash (might_sleep;
            // allowed() = sleepable hook), get_attach_cookie (trampoline:
            // lsm_mac only), setsockopt/getsockopt (lsm_cgroup on the
            // bpf_lsm_{un,}locked_sockopt_hooks); the rest is
            // tracing_prog_func_proto, where lsm_mac has a trampoline and
            // lsm_cgroup has not. check_get_func_ip() refuses LSM programs.
            derive_from(r, tp_btf);
            derive_remove(r, H_GET_ATTACH_COOKIE);
            derive_add(r, 145, 0, 0);  // bpf_inode_storage_get
            derive_add(r, 146, 0, 0);  // bpf_inode_storage_delete
            derive_add(r, 159, 0, 0);  // bpf_bprm_opts_set
            hset_del(&r->gpl, H_SK_STORAGE_GET);
            hset_del(&r->gpl, H_SK_STORAGE_DELETE);
            derive_add(r, H_SK_STORAGE_GET, 0, 0);
            derive_add(r, H_SK_STORAGE_DELETE, 0, 0);
            derive_target(r, H_D_PATH, 0);  // bpf_d_path_allowed: sleepable LSM hooks only
            if (pv->attach_type == AT_LSM_MAC) {
                derive_add(r, H_GET_ATTACH_COOKIE, 0, 0);
                derive_add(r, H_GET_FUNC_ARG, 0, 0);
                derive_add(r, H_GET_FUNC_RET, 0, 0);
                derive_add(r, H_GET_FUNC_ARG_CNT, 0, 0);
            } else {
                derive_add(r, 81, 0, 0);   // bpf_get_local_storage
                derive_add(r, 186, 0, 0);  // bpf_get_retval
                derive_add(r, 187, 0, 0);  // bpf_set_retval
                derive_target(r, 49, 0);   // bpf_setsockopt
                derive_target(r, 57, 0);   // bpf_getsockopt
            }
            if (pv->sleepable) {
                derive_add(r, H_COPY_FROM_USER, 0, 0);
                derive_add(r, H_COPY_FROM_USER_TASK, 1, 0);
                derive_target(r, 161, 0);  // bpf_ima_inode_hash
                derive_target(r, 193, 0);  // bpf_ima_file_hash
            }
            r->gpl = r->full;  // bpf_lsm_verify_prog: LSM programs must have a GPL compatible license
            append_note(r,
                        "Derived: bpf_lsm_func_proto over tracing_prog_func_proto. Loads only with a "
                        "GPL-compatible license.");
        } else if (strcmp(pv->type, "struct_ops") == 0 && strncmp(pv->target, "sched_ext_ops:", 14) == 0) {
            // bpf_scx_get_func_proto (kernel/sched/ext.c): task storage, then
            // bpf_base_func_proto. CONFIG_SCHED_CLASS_EXT is off here.
            const int* groups[] = {kBaseAny, kBaseCapBpf, kBasePerfmon};
            const size_t sizes[] = {sizeof kBaseAny / sizeof kBaseAny[0], sizeof kBaseCapBpf / sizeof kBaseCapBpf[0],
                                    sizeof kBasePerfmon / sizeof kBasePerfmon[0]};
            for (int g = 0; g < 3; ++g) {
                for (size_t i = 0; i < sizes[g]; ++i) {
                    // gpl_only as the probe saw these protos in cgroup_device,
                    // whose helpers beyond the cgroup ones come from the base.
                    derive_add(r, groups[g][i], hset_has(&cgroup_device->gpl, groups[g][i]), 0);
                }
            }
            r->gpl = r->full;  // check_struct_ops_btf_id: struct_ops programs must be GPL
            append_note(r,
                        "Derived: bpf_scx_get_func_proto = bpf_base_func_proto (CONFIG_SCHED_CLASS_EXT off here). "
                        "Loads only with a GPL-compatible license.");
        } else if (strcmp(pv->type, "ext") == 0) {
            // freplace programs verify with their target's verifier_ops
            // (check_attach_btf_id: env->ops = bpf_verifier_ops[tgt_prog->type])
            // and its expected attach type: they may call what the program
            // they replace may call. Filled in after the loop.
            append_note(r, "Derived: the target program's helpers (check_attach_btf_id).");
        } else if (strcmp(pv->type, "lirc_mode2") == 0) {
            // lirc_mode2_func_proto (drivers/media/rc/bpf-lirc.c); trace_printk
            // only with CAP_PERFMON. CONFIG_BPF_LIRC_MODE2 is off here.
            static const int kLirc[] = {1, 2, 3, 5, 7, 12, 77, 78, 87, 88, 89, 92, 125};
            static const int kLircGpl[] = {77, 78, 92};
            r->loads_cap_bpf = 1;
            for (size_t i = 0; i < sizeof kLirc / sizeof kLirc[0]; ++i) {
                derive_add(r, kLirc[i], 0, 1);
            }
            for (size_t i = 0; i < sizeof kLircGpl / sizeof kLircGpl[0]; ++i) {
                hset_add(&r->gpl, kLircGpl[i]);
            }
            derive_add(r, 6, 1, 0);
            append_note(r, "Derived: lirc_mode2_func_proto (CONFIG_BPF_LIRC_MODE2 off here).");
        }
        for (size_t t = 0; t < sizeof kTracingTypes / sizeof kTracingTypes[0]; ++t) {
            if (strcmp(pv->type, kTracingTypes[t]) == 0) {
                derive_add(r, H_PROBE_WRITE_USER, 1, 0);
            }
        }
    }
    // ext: anything another variant may call, decided by the target.
    for (int v = 0; v < kVariantCount; ++v) {
        if (strcmp(kVariants[v].type, "ext") != 0) {
            continue;
        }
        struct record* r = &g_rec[v];
        r->probed = 0;
        r->loads_cap_bpf = 0;
        memset(&r->full, 0, sizeof r->full);
        memset(&r->cap_bpf, 0, sizeof r->cap_bpf);
        memset(&r->gpl, 0, sizeof r->gpl);
        memset(&r->target, 0, sizeof r->target);
        for (int u = 0; u < kVariantCount; ++u) {
            if (strcmp(kVariants[u].type, "ext") != 0) {
                hset_or(&r->target, &g_rec[u].full);
                hset_or(&r->target, &g_rec[u].target);
            }
        }
        r->derived = r->target;
    }
}

static void emit_set(FILE* out, const hset* s, const char* end) {
    if (hset_count(s) == 0) {
        fprintf(out, "{}%s", end);
        return;
    }
    fprintf(out, "{{0x%016llx, 0x%016llx, 0x%016llx, 0x%016llx}}%s", (unsigned long long)s->w[0],
            (unsigned long long)s->w[1], (unsigned long long)s->w[2], (unsigned long long)s->w[3], end);
}

static void emit_ids(FILE* out, const char* prefix, const hset* s) {
    int column = 0, first = 1;
    for (int h = 1; h <= kMaxHelper; ++h) {
        if (!hset_has(s, h)) {
            continue;
        }
        if (first || column > 100) {
            fprintf(out, "%s%s", first ? "" : "\n", prefix);
            column = (int)strlen(prefix);
            first = 0;
        }
        column += fprintf(out, " %d", h);
    }
    if (!first) {
        fputc('\n', out);
    }
}

static int emit(const char* path) {
    struct utsname uts;
    uname(&uts);
    FILE* out = fopen(path, "w");
    if (out == NULL) {
        fprintf(stderr, "probe_helpers: cannot write %s: %s\n", path, strerror(errno));
        return 2;
    }
    fprintf(out,
            "// GENERATED by tests/tools/probe_helpers.c (`probe_helpers --emit FILE`, as root); do not\n"
            "// edit by hand: rerun the probe and review the diff. Included by helper_availability.cpp.\n"
            "//\n"
            "// Which helpers each program type variant (program type, expected attach type,\n"
            "// attach target, sleepable) may call, as the verifier of the running kernel\n"
            "// answered when this file was generated:\n"
            "//   Linux %s %s\n"
            "// One BPF_PROG_LOAD of `call HELPER; r0 = 0; exit` per (variant, helper, privilege):\n"
            "// \"program of this type cannot use helper\" (and check_get_func_ip's refusals) mean\n"
            "// no; any other verdict - even a rejection of the arguments - means the type's\n"
            "// get_func_proto has a proto for it. Sets, one bit per helper id:\n"
            "//   full       allowed to a loader with CAP_SYS_ADMIN or CAP_BPF + CAP_PERFMON.\n"
            "//   cap_bpf    allowed with only CAP_BPF + CAP_NET_ADMIN (bpf_base_func_proto and\n"
            "//              bpf_sk_base_func_proto then drop their CAP_PERFMON helpers); empty\n"
            "//              when the type needs CAP_PERFMON to load (loads_with_cap_bpf false).\n"
            "//   by_target  a proto exists but an allowed() callback decides by attach target\n"
            "//              (bpf_d_path, bpf_ima_*_hash, lsm_cgroup's sockopt; everything for ext).\n"
            "//   gpl        a program calling the helper must have a GPL-compatible license: the\n"
            "//              proto this variant gets is gpl_only (probed with the license\n"
            "//              \"Proprietary\"), or the variant loads only with such a license.\n"
            "//   derived    bits this kernel could not show (its config, its lockdown mode, or\n"
            "//              trampoline programs refused with EPERM in the sandbox that ran the\n"
            "//              probe), filled in from the kernel sources (6.18 era); the note says\n"
            "//              which. The unit test re-probes only bits that are not derived.\n"
            "// Without CAP_BPF (only socket_filter and cgroup_skb load, and only with\n"
            "// kernel.unprivileged_bpf_disabled=0) a type loses bpf_base_func_proto's\n"
            "// CAP_BPF group as well, kBaseNeedsCapBpf (from the source, not probed).\n\n",
            uts.release, uts.machine);
    fprintf(out, "// clang-format off\n");
    fprintf(out,
            "// {program_type, attach_type, attach_target, sleepable, probed, loads_with_cap_bpf,\n"
            "//  full, cap_bpf, by_target, gpl, derived, note}\n");
    fprintf(out, "inline constexpr AvailabilityRecord kAvailabilityRecords[] = {\n");
    for (int v = 0; v < kVariantCount; ++v) {
        const struct probe_variant* pv = &kVariants[v];
        const struct record* r = &g_rec[v];
        fprintf(out, "    // %s%s%s%s%s%s: %d helpers%s\n", pv->type, pv->attach[0] ? " / " : "", pv->attach,
                pv->target[0] ? " / " : "", pv->target, pv->sleepable ? " (sleepable)" : "", hset_count(&r->full),
                r->probed ? "" : " (derived, not probed)");
        int same_type = v > 0 && strcmp(kVariants[v - 1].type, pv->type) == 0;
        if (same_type) {
            // Only the difference from the previous record of the same type.
            const struct record* p = &g_rec[v - 1];
            hset more = {{0, 0, 0, 0}}, less = {{0, 0, 0, 0}};
            for (int h = 1; h <= kMaxHelper; ++h) {
                if (hset_has(&r->full, h) && !hset_has(&p->full, h)) {
                    hset_add(&more, h);
                }
                if (!hset_has(&r->full, h) && hset_has(&p->full, h)) {
                    hset_add(&less, h);
                }
            }
            if (hset_count(&more) == 0 && hset_count(&less) == 0) {
                fprintf(out, "    //   the same as the previous record\n");
            }
            emit_ids(out, "    //   previous +", &more);
            emit_ids(out, "    //   previous -", &less);
        } else {
            emit_ids(out, "    //  ", &r->full);
        }
        if (hset_count(&r->target) > 0 && strcmp(pv->type, "ext") != 0) {
            emit_ids(out, "    //   by target:", &r->target);
        }
        fprintf(out, "    {\"%s\", \"%s\", \"%s\", %s, %s, %s,\n     ", pv->type, pv->attach, pv->target,
                pv->sleepable ? "true" : "false", r->probed ? "true" : "false", r->loads_cap_bpf ? "true" : "false");
        emit_set(out, &r->full, ",\n     ");
        emit_set(out, &r->cap_bpf, ",\n     ");
        emit_set(out, &r->target, ", ");
        emit_set(out, &r->gpl, ",\n     ");
        emit_set(out, &r->derived, ",\n     ");
        fprintf(out, "\"%s\"},\n", r->note);
    }
    fprintf(out, "};\n\n");
    hset base_cap_bpf = {{0, 0, 0, 0}};
    for (size_t i = 0; i < sizeof kBaseCapBpf / sizeof kBaseCapBpf[0]; ++i) {
        hset_add(&base_cap_bpf, kBaseCapBpf[i]);
    }
    fprintf(out, "// bpf_base_func_proto's CAP_BPF group (kernel/bpf/helpers.c; not probed):\n");
    emit_ids(out, "//  ", &base_cap_bpf);
    fprintf(out, "inline constexpr HelperSet kBaseNeedsCapBpf = ");
    emit_set(out, &base_cap_bpf, ";\n");
    fprintf(out, "// clang-format on\n");
    fclose(out);
    return 0;
}

static int tsv(void) {
    char detail[256];
    for (int v = 0; v < kVariantCount; ++v) {
        const struct probe_variant* pv = &kVariants[v];
        for (int level = 0; level < PROBE_LEVEL_COUNT; ++level) {
            if (!probe_variant_loads(v, (enum probe_level)level)) {
                printf("%s\t%s\t%s\t%d\t-\t%d\t%s\n", pv->type, pv->attach, pv->target, pv->sleepable, level,
                       "variant_unavailable");
                continue;
            }
            for (int h = 1; h <= kMaxHelper; ++h) {
                enum probe_result r = probe_helper(v, h, (enum probe_level)level, 1, detail, sizeof detail);
                const char* gpl = "-";
                if (r == PROBE_ALLOWED && level == PROBE_LEVEL_ROOT) {
                    enum probe_result g = probe_helper(v, h, PROBE_LEVEL_ROOT, 0, NULL, 0);
                    gpl = g == PROBE_GPL_ONLY ? "gpl" : g == PROBE_ALLOWED ? "any" : probe_result_name(g);
                }
                printf("%s\t%s\t%s\t%d\t%d\t%d\t%s\t%s\t%s\n", pv->type, pv->attach, pv->target, pv->sleepable, h,
                       level, probe_result_name(r), gpl, detail);
            }
        }
    }
    return 0;
}

int main(int argc, char** argv) {
    char why[256];
    if (argc < 2 || (strcmp(argv[1], "--emit") == 0 && argc < 3)) {
        fprintf(stderr, "usage: %s --tsv | --emit FILE | --check\n", argv[0]);
        return 2;
    }
    int err = probe_init(why, sizeof why);
    if (err != 0) {
        printf("skip: %s\n", why);
        return 77;
    }
    int rc = 2;
    if (strcmp(argv[1], "--check") == 0) {
        rc = 0;
    } else if (strcmp(argv[1], "--tsv") == 0) {
        rc = tsv();
    } else if (strcmp(argv[1], "--emit") == 0) {
        probe_all();
        derive();
        rc = emit(argv[2]);
    }
    probe_fini();
    return rc;
}

#endif
