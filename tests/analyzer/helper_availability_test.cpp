// Helper availability tests: the generated table (analyzer/platform/
// helper_availability_data.inc) covers every program type libbpf names, is
// internally consistent, agrees with facts checked by hand against the kernel
// sources (net/core/filter.c, kernel/trace/bpf_trace.c, kernel/bpf/helpers.c,
// kernel/bpf/bpf_lsm.c, kernel/bpf/syscall.c) and with the helper table's
// gpl_only; and, where this process may use bpf(), a deterministic sample of
// about 250 (variant, helper, privilege) triples is probed again on the
// running kernel (tests/tools/probe_helpers.c) and must agree with the table.
#include "analyzer/platform/helpers/helper_availability.hpp"
#include "analyzer/platform/helpers/helper_prototype.hpp"
#include "probe_helpers.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

using namespace bpfcheck::analyzer;

namespace {

using HA = HelperAvailability;

constexpr std::int32_t kLastHelper = 211;

// Every program type libbpf_bpf_prog_type_str names, bar unspec.
// clang-format off
constexpr std::array<std::string_view, 32> kLibbpfTypes = {
    "socket_filter", "kprobe", "sched_cls", "sched_act",
    "tracepoint", "xdp", "perf_event", "cgroup_skb",
    "cgroup_sock", "lwt_in", "lwt_out", "lwt_xmit",
    "sock_ops", "sk_skb", "cgroup_device", "sk_msg",
    "raw_tracepoint", "cgroup_sock_addr", "lwt_seg6local", "lirc_mode2",
    "sk_reuseport", "flow_dissector", "cgroup_sysctl", "raw_tracepoint_writable",
    "cgroup_sockopt", "tracing", "struct_ops", "ext",
    "lsm", "sk_lookup", "syscall", "netfilter",
};
// clang-format on

std::int32_t id_of(std::string_view name) {
    for (const HelperPrototype& h : all_helpers()) {
        if (h.name == name) {
            return h.id;
        }
    }
    FAIL("no helper named " << name);
    return 0;
}

HA avail(std::string_view type, std::string_view helper, Privilege privilege = Privilege::Full) {
    return helper_availability(type, id_of(helper), privilege);
}

HA avail_in(std::string_view type, std::string_view attach, bool sleepable, std::string_view helper,
            Privilege privilege = Privilege::Full) {
    return helper_availability(type, attach, sleepable, id_of(helper), privilege);
}

std::string describe(const AvailabilityRecord& r) {
    std::string s{r.program_type};
    for (const std::string_view part : {r.attach_type, r.attach_target}) {
        if (!part.empty()) {
            s.append(1, '/').append(part);
        }
    }
    if (r.sleepable) {
        s += " (sleepable)";
    }
    return s;
}

std::set<std::int32_t> ids(const HelperSet& set) {
    std::set<std::int32_t> out;
    for (std::int32_t id = 0; id < 256; ++id) {
        if (set.contains(id)) {
            out.insert(id);
        }
    }
    return out;
}

const AvailabilityRecord& record(std::string_view type, std::string_view attach = "", bool sleepable = false) {
    for (const AvailabilityRecord& r : helper_availability_records()) {
        if (r.program_type == type && r.attach_type == attach && r.sleepable == sleepable) {
            return r;
        }
    }
    FAIL("no record " << type << "/" << attach);
    return helper_availability_records().front();
}

}  // namespace

TEST_CASE("every program type libbpf names has records", "[helper_availability]") {
    for (const std::string_view type : kLibbpfTypes) {
        INFO(type);
        CHECK(helper_availability(type, 1) != HA::UnknownProgramType);
        CHECK(helper_availability(type, 0) == HA::UnknownHelper);
        CHECK(helper_availability(type, kLastHelper + 1) == HA::UnknownHelper);
    }
    CHECK(helper_availability("unspec", 1) == HA::UnknownProgramType);
    CHECK(helper_availability("no_such_type", 1) == HA::UnknownProgramType);
    // Records of one type are contiguous, and only libbpf's names appear.
    std::vector<std::string_view> seen;
    for (const AvailabilityRecord& r : helper_availability_records()) {
        if (seen.empty() || seen.back() != r.program_type) {
            CHECK(std::find(seen.begin(), seen.end(), r.program_type) == seen.end());
            seen.push_back(r.program_type);
        }
        CHECK(std::find(kLibbpfTypes.begin(), kLibbpfTypes.end(), r.program_type) != kLibbpfTypes.end());
    }
    CHECK(seen.size() == kLibbpfTypes.size());
}

TEST_CASE("records are internally consistent", "[helper_availability]") {
    for (const AvailabilityRecord& r : helper_availability_records()) {
        INFO(describe(r));
        for (std::int32_t id = 0; id < 256; ++id) {
            const bool known = id >= 1 && id <= kLastHelper;
            if (!known) {
                CHECK_FALSE(r.full.contains(id));
                CHECK_FALSE(r.by_target.contains(id));
            }
            // CAP_BPF-only loaders get a subset of what root gets.
            if (r.cap_bpf.contains(id)) {
                CHECK(r.full.contains(id));
            }
            CHECK_FALSE((r.full.contains(id) && r.by_target.contains(id)));
            if (r.gpl.contains(id)) {
                CHECK((r.full.contains(id) || r.by_target.contains(id)));
            }
        }
        if (!r.loads_with_cap_bpf) {
            CHECK(ids(r.cap_bpf).empty());
        }
        if (!r.probed) {
            CHECK_FALSE(r.note.empty());
        }
    }
    // Tracing types need CAP_PERFMON to load at all; network types do not.
    for (const std::string_view type :
         {"kprobe", "tracepoint", "perf_event", "raw_tracepoint", "tracing", "lsm", "struct_ops", "ext"}) {
        INFO(type);
        CHECK(helper_availability(type, 1, Privilege::CapBpf) == HA::TypeNeedsPrivilege);
    }
    for (const std::string_view type : {"socket_filter", "sched_cls", "xdp", "cgroup_skb", "sk_msg", "sock_ops"}) {
        INFO(type);
        CHECK(helper_availability(type, 1, Privilege::CapBpf) == HA::Allowed);
    }
}

TEST_CASE("facts about single program types", "[helper_availability]") {
    // xdp_func_proto
    CHECK(avail("xdp", "bpf_xdp_adjust_head") == HA::Allowed);
    CHECK(avail("xdp", "bpf_xdp_adjust_tail") == HA::Allowed);
    CHECK(avail("xdp", "bpf_redirect_map") == HA::Allowed);
    CHECK(avail("xdp", "bpf_skb_load_bytes") == HA::NotForProgramType);
    CHECK(avail("xdp", "bpf_skb_store_bytes") == HA::NotForProgramType);
    // sk_filter_func_proto
    CHECK(avail("socket_filter", "bpf_skb_load_bytes") == HA::Allowed);
    CHECK(avail("socket_filter", "bpf_get_socket_uid") == HA::Allowed);
    CHECK(avail("socket_filter", "bpf_skb_store_bytes") == HA::NotForProgramType);
    CHECK(avail("socket_filter", "bpf_redirect") == HA::NotForProgramType);
    // tc_cls_act_func_proto
    for (const std::string_view tc : {"sched_cls", "sched_act"}) {
        INFO(tc);
        CHECK(avail(tc, "bpf_skb_store_bytes") == HA::Allowed);
        CHECK(avail(tc, "bpf_redirect") == HA::Allowed);
        CHECK(avail(tc, "bpf_skb_change_head") == HA::Allowed);
        CHECK(avail(tc, "bpf_fib_lookup") == HA::Allowed);
        CHECK(avail(tc, "bpf_sk_assign") == HA::Allowed);
        CHECK(avail(tc, "bpf_xdp_adjust_head") == HA::NotForProgramType);
        CHECK(avail(tc, "bpf_override_return") == HA::NotForProgramType);
    }
    // kprobe_prog_func_proto over bpf_tracing_func_proto
    CHECK(avail("kprobe", "bpf_probe_read_kernel") == HA::Allowed);
    CHECK(avail("kprobe", "bpf_probe_read") == HA::Allowed);
    CHECK(avail("kprobe", "bpf_override_return") == HA::Allowed);
    CHECK(avail("kprobe", "bpf_get_stackid") == HA::Allowed);
    CHECK(avail("kprobe", "bpf_get_func_ip") == HA::Allowed);
    CHECK(avail("kprobe", "bpf_skb_load_bytes") == HA::NotForProgramType);
    CHECK(avail("kprobe", "bpf_copy_from_user") == HA::SomeVariants);  // sleepable (uprobe.s) only
    CHECK(avail_in("kprobe", "", true, "bpf_copy_from_user") == HA::Allowed);
    CHECK(avail_in("kprobe", "", false, "bpf_copy_from_user") == HA::NotForProgramType);
    // tp_prog_func_proto, raw_tp_prog_func_proto, pe_prog_func_proto
    CHECK(avail("tracepoint", "bpf_get_stack") == HA::Allowed);
    CHECK(avail("tracepoint", "bpf_override_return") == HA::NotForProgramType);
    CHECK(avail("raw_tracepoint", "bpf_get_func_ip") == HA::NotForProgramType);  // check_get_func_ip
    CHECK(avail("perf_event", "bpf_perf_prog_read_value") == HA::Allowed);
    CHECK(avail("perf_event", "bpf_read_branch_records") == HA::Allowed);
    CHECK(avail("kprobe", "bpf_perf_prog_read_value") == HA::NotForProgramType);
    // cg_skb_func_proto
    CHECK(avail("cgroup_skb", "bpf_get_local_storage") == HA::Allowed);
    CHECK(avail("cgroup_skb", "bpf_skb_cgroup_id") == HA::Allowed);
    CHECK(avail("cgroup_skb", "bpf_sk_lookup_tcp") == HA::Allowed);
    CHECK(avail("cgroup_skb", "bpf_skb_store_bytes") == HA::NotForProgramType);
    // lwt: push_encap on lwt_in and lwt_xmit, not lwt_out; seg6 actions on seg6local
    CHECK(avail("lwt_in", "bpf_lwt_push_encap") == HA::Allowed);
    CHECK(avail("lwt_xmit", "bpf_lwt_push_encap") == HA::Allowed);
    CHECK(avail("lwt_out", "bpf_lwt_push_encap") == HA::NotForProgramType);
    CHECK(avail("lwt_seg6local", "bpf_lwt_seg6_action") == HA::Allowed);
    CHECK(avail("lwt_seg6local", "bpf_lwt_seg6_adjust_srh") == HA::Allowed);
    CHECK(avail("lwt_xmit", "bpf_lwt_seg6_action") == HA::NotForProgramType);
    // sock_ops, sk_msg, sk_skb, sk_lookup, flow_dissector, sysctl, sk_reuseport
    CHECK(avail("sock_ops", "bpf_sock_ops_cb_flags_set") == HA::Allowed);
    CHECK(avail("sock_ops", "bpf_setsockopt") == HA::Allowed);
    CHECK(avail("sock_ops", "bpf_sock_hash_update") == HA::Allowed);
    CHECK(avail("sk_msg", "bpf_msg_redirect_map") == HA::Allowed);
    CHECK(avail("sk_msg", "bpf_msg_push_data") == HA::Allowed);
    CHECK(avail("sk_msg", "bpf_skb_load_bytes") == HA::NotForProgramType);
    CHECK(avail("sk_skb", "bpf_sk_redirect_map") == HA::Allowed);
    CHECK(avail("sk_skb", "bpf_skb_change_tail") == HA::Allowed);
    CHECK(avail("sk_lookup", "bpf_sk_assign") == HA::Allowed);
    CHECK(avail("sk_lookup", "bpf_skb_load_bytes") == HA::NotForProgramType);
    CHECK(avail("flow_dissector", "bpf_skb_load_bytes") == HA::Allowed);
    CHECK(avail("flow_dissector", "bpf_skb_store_bytes") == HA::NotForProgramType);
    CHECK(avail("cgroup_sysctl", "bpf_sysctl_get_name") == HA::Allowed);
    CHECK(avail("cgroup_sysctl", "bpf_sysctl_set_new_value") == HA::Allowed);
    CHECK(avail("sk_reuseport", "bpf_sk_select_reuseport") == HA::Allowed);
    CHECK(avail("cgroup_device", "bpf_get_local_storage") == HA::Allowed);
    CHECK(avail("cgroup_device", "bpf_skb_load_bytes") == HA::NotForProgramType);
    // syscall_prog_func_proto
    CHECK(avail("syscall", "bpf_sys_bpf") == HA::Allowed);
    CHECK(avail("syscall", "bpf_sys_close") == HA::Allowed);
    CHECK(avail("syscall", "bpf_btf_find_by_name_kind") == HA::Allowed);
    CHECK(avail("syscall", "bpf_kallsyms_lookup_name") == HA::Allowed);
    CHECK(avail("kprobe", "bpf_sys_bpf") == HA::NotForProgramType);
    // lirc_mode2_func_proto (derived: CONFIG_BPF_LIRC_MODE2)
    CHECK(avail("lirc_mode2", "bpf_rc_keydown") == HA::Allowed);
    CHECK(avail("lirc_mode2", "bpf_map_lookup_elem") == HA::Allowed);
    CHECK(avail("lirc_mode2", "bpf_probe_read_kernel") == HA::NotForProgramType);
    CHECK(avail("lirc_mode2", "bpf_trace_printk", Privilege::CapBpf) == HA::NeedsCapPerfmon);
    // Only lirc_mode2 may call the rc helpers, only xdp the xdp ones (ext replaces any program).
    CHECK(program_types_allowing(id_of("bpf_rc_repeat")) == std::vector<std::string_view>{"lirc_mode2", "ext"});
    CHECK(program_types_allowing(id_of("bpf_xdp_adjust_head")) == std::vector<std::string_view>{"xdp", "ext"});
    CHECK(program_types_allowing(id_of("bpf_override_return")) == std::vector<std::string_view>{"kprobe", "ext"});
    const auto load_bytes = program_types_allowing(id_of("bpf_skb_load_bytes"));
    for (const std::string_view type : {"socket_filter", "sched_cls", "sched_act", "cgroup_skb", "lwt_in", "sk_skb",
                                        "flow_dissector", "sk_reuseport"}) {
        INFO(type);
        CHECK(std::find(load_bytes.begin(), load_bytes.end(), type) != load_bytes.end());
    }
    CHECK(std::find(load_bytes.begin(), load_bytes.end(), "xdp") == load_bytes.end());
}

TEST_CASE("helpers that depend on the expected attach type", "[helper_availability]") {
    // sock_addr_func_proto: bpf_bind only from connect4/connect6.
    CHECK(avail("cgroup_sock_addr", "bpf_bind") == HA::SomeVariants);
    CHECK(avail_in("cgroup_sock_addr", "cgroup_inet4_connect", false, "bpf_bind") == HA::Allowed);
    CHECK(avail_in("cgroup_sock_addr", "cgroup_inet6_connect", false, "bpf_bind") == HA::Allowed);
    CHECK(avail_in("cgroup_sock_addr", "cgroup_udp4_sendmsg", false, "bpf_bind") == HA::NotForProgramType);
    CHECK(avail_in("cgroup_sock_addr", "cgroup_unix_connect", false, "bpf_bind") == HA::NotForProgramType);
    // cgroup_common_func_proto: no bpf_get_retval/bpf_set_retval where the
    // return value is fixed (recvmsg, getpeername, getsockname; cgroup_skb).
    CHECK(avail_in("cgroup_sock_addr", "cgroup_inet4_bind", false, "bpf_set_retval") == HA::Allowed);
    CHECK(avail_in("cgroup_sock_addr", "cgroup_udp4_recvmsg", false, "bpf_set_retval") == HA::NotForProgramType);
    CHECK(avail_in("cgroup_sock_addr", "cgroup_inet6_getpeername", false, "bpf_get_retval") == HA::NotForProgramType);
    CHECK(avail("cgroup_skb", "bpf_set_retval") == HA::NotForProgramType);
    CHECK(avail("cgroup_sock", "bpf_set_retval") == HA::Allowed);
    // cgroup_sockopt: bpf_setsockopt from setsockopt programs only.
    CHECK(avail("cgroup_sockopt", "bpf_setsockopt") == HA::SomeVariants);
    CHECK(avail_in("cgroup_sockopt", "cgroup_setsockopt", false, "bpf_setsockopt") == HA::Allowed);
    CHECK(avail_in("cgroup_sockopt", "cgroup_getsockopt", false, "bpf_setsockopt") == HA::NotForProgramType);
    // tracing_prog_func_proto: seq helpers for iterators, get_func_arg for
    // trampolines (fentry, fexit, fmod_ret), get_attach_cookie for tp_btf too.
    CHECK(avail("tracing", "bpf_seq_printf") == HA::SomeVariants);
    CHECK(avail_in("tracing", "trace_iter", false, "bpf_seq_printf") == HA::Allowed);
    CHECK(avail_in("tracing", "trace_fentry", false, "bpf_seq_printf") == HA::NotForProgramType);
    CHECK(avail_in("tracing", "trace_fentry", false, "bpf_get_func_arg") == HA::Allowed);
    CHECK(avail_in("tracing", "trace_fexit", false, "bpf_get_func_ret") == HA::Allowed);
    CHECK(avail_in("tracing", "trace_raw_tp", false, "bpf_get_func_arg") == HA::NotForProgramType);
    CHECK(avail_in("tracing", "trace_raw_tp", false, "bpf_get_attach_cookie") == HA::Allowed);
    CHECK(avail_in("tracing", "trace_fentry", false, "bpf_get_func_ip") == HA::Allowed);
    CHECK(avail_in("tracing", "trace_iter", false, "bpf_get_func_ip") == HA::NotForProgramType);
    CHECK(avail_in("tracing", "trace_fentry", false, "bpf_d_path") == HA::SomeVariants);  // btf_allowlist_d_path
    CHECK(avail_in("tracing", "modify_return", false, "bpf_sk_storage_get") == HA::NotForProgramType);
    CHECK(avail_in("tracing", "trace_fentry", true, "bpf_copy_from_user") == HA::Allowed);
    CHECK(avail_in("tracing", "trace_fentry", false, "bpf_copy_from_user") == HA::NotForProgramType);
    // bpf_lsm_func_proto
    CHECK(avail("lsm", "bpf_inode_storage_get") == HA::Allowed);
    CHECK(avail("lsm", "bpf_bprm_opts_set") == HA::Allowed);
    CHECK(avail_in("lsm", "lsm_mac", true, "bpf_ima_inode_hash") == HA::SomeVariants);  // sleepable hooks
    CHECK(avail_in("lsm", "lsm_mac", false, "bpf_ima_inode_hash") == HA::NotForProgramType);
    CHECK(avail_in("lsm", "lsm_cgroup", false, "bpf_set_retval") == HA::Allowed);
    CHECK(avail_in("lsm", "lsm_mac", false, "bpf_set_retval") == HA::NotForProgramType);
    CHECK(avail_in("lsm", "lsm_cgroup", false, "bpf_setsockopt") == HA::SomeVariants);
    CHECK(avail("lsm", "bpf_get_func_ip") == HA::NotForProgramType);
    // struct_ops: by struct. tcp_congestion_ops gets bpf_tcp_send_ack,
    // bpf_dummy_ops nothing, sched_ext_ops bpf_base_func_proto.
    CHECK(avail("struct_ops", "bpf_tcp_send_ack") == HA::SomeVariants);
    CHECK(avail("struct_ops", "bpf_map_lookup_elem") == HA::SomeVariants);
    CHECK(avail("struct_ops", "bpf_skb_load_bytes") == HA::NotForProgramType);
    // ext (freplace): whatever the replaced program may call.
    CHECK(avail("ext", "bpf_xdp_adjust_head") == HA::SomeVariants);
    CHECK(avail("ext", "bpf_map_lookup_elem") == HA::SomeVariants);
    // An attach type the table does not list falls back to the whole type.
    CHECK(avail_in("sched_cls", "tcx_egress", false, "bpf_redirect") == HA::Allowed);
    CHECK(avail_in("cgroup_sock_addr", "no_such_attach", false, "bpf_bind") == HA::SomeVariants);
    const auto bind = records_allowing("cgroup_sock_addr", id_of("bpf_bind"));
    REQUIRE(bind.size() == 2);
    CHECK(bind[0]->attach_type == "cgroup_inet4_connect");
    CHECK(bind[1]->attach_type == "cgroup_inet6_connect");
}

TEST_CASE("every type may call bpf_map_lookup_elem", "[helper_availability]") {
    for (const std::string_view type : kLibbpfTypes) {
        INFO(type);
        // bpf_dummy_ops has no get_func_proto at all; ext depends on its target.
        const HA expected = type == "struct_ops" || type == "ext" ? HA::SomeVariants : HA::Allowed;
        CHECK(avail(type, "bpf_map_lookup_elem") == expected);
        CHECK(avail(type, "bpf_map_update_elem") == expected);
        // bpf_tail_call and bpf_ktime_get_ns are in bpf_base_func_proto's first group too.
        CHECK(avail(type, "bpf_tail_call") == expected);
    }
}

TEST_CASE("privilege: bpf_base_func_proto's CAP_BPF and CAP_PERFMON groups", "[helper_availability]") {
    // Root may, CAP_BPF alone may not: bpf_base_func_proto's third group.
    for (const std::string_view helper : {"bpf_probe_read_kernel", "bpf_trace_printk", "bpf_get_current_task",
                                          "bpf_probe_read_user", "bpf_snprintf", "bpf_send_signal"}) {
        INFO(helper);
        CHECK(avail("socket_filter", helper) == HA::Allowed);
        CHECK(avail("socket_filter", helper, Privilege::CapBpf) == HA::NeedsCapPerfmon);
        CHECK(avail("socket_filter", helper, Privilege::Unprivileged) == HA::NeedsCapPerfmon);
        CHECK(avail("sched_cls", helper, Privilege::CapBpf) == HA::NeedsCapPerfmon);
    }
    // bpf_sk_base_func_proto puts the skc_to_* casts behind CAP_PERFMON too.
    CHECK(avail("sched_cls", "bpf_skc_to_tcp_sock", Privilege::CapBpf) == HA::NeedsCapPerfmon);
    CHECK(avail("sched_cls", "bpf_skc_to_tcp_sock") == HA::Allowed);
    // The second group needs CAP_BPF.
    for (const std::string_view helper : {"bpf_spin_lock", "bpf_loop", "bpf_timer_init", "bpf_jiffies64",
                                          "bpf_dynptr_from_mem", "bpf_get_current_cgroup_id"}) {
        INFO(helper);
        CHECK(avail("socket_filter", helper, Privilege::CapBpf) == HA::Allowed);
        CHECK(avail("socket_filter", helper, Privilege::Unprivileged) == HA::NeedsCapBpf);
        CHECK(avail("cgroup_skb", helper, Privilege::Unprivileged) == HA::NeedsCapBpf);
    }
    // The first group needs nothing.
    for (const std::string_view helper : {"bpf_map_lookup_elem", "bpf_ktime_get_ns", "bpf_get_prandom_u32",
                                          "bpf_ringbuf_output", "bpf_get_current_pid_tgid", "bpf_strtol"}) {
        INFO(helper);
        CHECK(avail("socket_filter", helper, Privilege::Unprivileged) == HA::Allowed);
    }
    CHECK(avail("socket_filter", "bpf_skb_load_bytes", Privilege::Unprivileged) == HA::Allowed);
    CHECK(avail("sched_cls", "bpf_map_lookup_elem", Privilege::Unprivileged) == HA::TypeNeedsPrivilege);
    CHECK(avail("kprobe", "bpf_map_lookup_elem", Privilege::CapBpf) == HA::TypeNeedsPrivilege);
    CHECK(helper_allowed("socket_filter", id_of("bpf_probe_read_kernel")));
    CHECK_FALSE(helper_allowed("socket_filter", id_of("bpf_probe_read_kernel"), false));
    CHECK_FALSE(helper_allowed("socket_filter", id_of("bpf_spin_lock"), false));
    CHECK(helper_allowed("sched_cls", id_of("bpf_spin_lock"), false));       // CAP_BPF + CAP_NET_ADMIN
    CHECK(helper_allowed("kprobe", id_of("bpf_probe_read_kernel"), false));  // CAP_PERFMON to load at all
    CHECK_FALSE(helper_allowed("xdp", id_of("bpf_skb_load_bytes")));

    // The probed split equals the kernel's groups exactly: what socket_filter
    // loses without CAP_PERFMON is bpf_base_func_proto's third group (less the
    // might_sleep bpf_copy_from_user*) and bpf_sk_base_func_proto's skc_to_*.
    const AvailabilityRecord& filter = record("socket_filter");
    std::set<std::int32_t> lost;
    for (const std::int32_t id : ids(filter.full)) {
        if (!filter.cap_bpf.contains(id)) {
            lost.insert(id);
        }
    }
    // clang-format off
    constexpr std::array kPerfmonGroup = {
        "bpf_trace_printk", "bpf_get_current_comm", "bpf_perf_event_read", "bpf_get_current_task",
        "bpf_perf_event_read_value", "bpf_send_signal", "bpf_probe_read_user", "bpf_probe_read_kernel",
        "bpf_probe_read_user_str", "bpf_probe_read_kernel_str", "bpf_send_signal_thread", "bpf_get_task_stack",
        "bpf_snprintf_btf", "bpf_get_current_task_btf", "bpf_snprintf", "bpf_task_pt_regs",
        "bpf_get_branch_snapshot", "bpf_trace_vprintk", "bpf_find_vma", "bpf_skc_to_tcp6_sock",
        "bpf_skc_to_tcp_sock", "bpf_skc_to_tcp_timewait_sock", "bpf_skc_to_tcp_request_sock",
        "bpf_skc_to_udp6_sock", "bpf_skc_to_unix_sock", "bpf_skc_to_mptcp_sock",
    };
    // clang-format on
    std::set<std::int32_t> expected;
    for (const std::string_view name : kPerfmonGroup) {
        expected.insert(id_of(name));
    }
    CHECK(lost == expected);
    // netfilter programs get bpf_base_func_proto and nothing else (bpf_nf_func_proto):
    // its probed sets are the three groups of the source, group by group. The
    // sched_ext_ops record, derived from those source lists (bpf_scx_get_func_proto),
    // must come out the same.
    const AvailabilityRecord& nf = record("netfilter", "netfilter");
    std::set<std::int32_t> first_group;
    for (const std::int32_t id : ids(nf.cap_bpf)) {
        if (!helpers_needing_cap_bpf().contains(id)) {
            first_group.insert(id);
        }
    }
    // clang-format off
    constexpr std::array kFirstGroup = {
        "bpf_map_lookup_elem", "bpf_map_update_elem", "bpf_map_delete_elem", "bpf_map_push_elem",
        "bpf_map_pop_elem", "bpf_map_peek_elem", "bpf_map_lookup_percpu_elem", "bpf_get_prandom_u32",
        "bpf_get_smp_processor_id", "bpf_get_numa_node_id", "bpf_tail_call", "bpf_ktime_get_ns",
        "bpf_ktime_get_boot_ns", "bpf_ktime_get_tai_ns", "bpf_ringbuf_output", "bpf_ringbuf_reserve",
        "bpf_ringbuf_submit", "bpf_ringbuf_discard", "bpf_ringbuf_query", "bpf_strncmp", "bpf_strtol",
        "bpf_strtoul", "bpf_get_current_pid_tgid", "bpf_get_ns_current_pid_tgid", "bpf_get_current_uid_gid",
    };
    // clang-format on
    std::set<std::int32_t> expected_first;
    for (const std::string_view name : kFirstGroup) {
        expected_first.insert(id_of(name));
    }
    CHECK(first_group == expected_first);
    CHECK(ids(nf.cap_bpf).size() == expected_first.size() + ids(helpers_needing_cap_bpf()).size());
    for (const AvailabilityRecord& r : helper_availability_records()) {
        if (r.attach_target == "sched_ext_ops:dispatch") {
            CHECK(ids(r.full) == ids(nf.full));
        }
    }
    // A CAP_BPF loader of socket_filter gets the whole CAP_BPF group.
    for (const std::int32_t id : ids(helpers_needing_cap_bpf())) {
        INFO(id);
        CHECK(filter.cap_bpf.contains(id));
    }
}

TEST_CASE("gpl_only per program type agrees with the helper table", "[helper_availability]") {
    // The kernel's per-type protos differ from the general one in two places.
    CHECK_FALSE(helper_gpl_only("perf_event", id_of("bpf_get_stackid")));  // bpf_get_stackid_proto_pe
    CHECK(helper_gpl_only("kprobe", id_of("bpf_get_stackid")));
    CHECK_FALSE(helper_gpl_only("kprobe", id_of("bpf_get_func_ip")));  // kprobe.multi's proto
    CHECK_FALSE(helper_gpl_only("socket_filter", id_of("bpf_map_lookup_elem")));
    CHECK(helper_gpl_only("socket_filter", id_of("bpf_probe_read_kernel")));
    CHECK(helper_gpl_only("struct_ops", id_of("bpf_map_lookup_elem")));  // struct_ops programs must be GPL
    for (const AvailabilityRecord& r : helper_availability_records()) {
        if (!r.probed || ids(r.gpl) == ids(r.full)) {
            continue;  // derived, or loads only with a GPL-compatible license
        }
        for (const std::int32_t id : ids(r.full)) {
            const bool pe_stackid = r.program_type == "perf_event" && id == id_of("bpf_get_stackid");
            const bool multi_func_ip =
                r.program_type == "kprobe" && !r.attach_type.empty() && id == id_of("bpf_get_func_ip");
            if (pe_stackid || multi_func_ip || r.derived.contains(id)) {
                continue;
            }
            INFO(describe(r) << " helper " << find_helper(id)->name);
            CHECK(r.gpl.contains(id) == find_helper(id)->gpl_only);
        }
    }
}

// ---------------------------------------------------------------------------
// The running kernel

namespace {

int probe_index(const AvailabilityRecord& r) {
    for (int i = 0; i < probe_variant_count(); ++i) {
        const probe_variant* v = probe_variant_at(i);
        if (r.program_type == v->type && r.attach_type == v->attach && r.attach_target == v->target &&
            r.sleepable == (v->sleepable != 0)) {
            return i;
        }
    }
    return -1;
}

}  // namespace

TEST_CASE("a sample agrees with the running kernel", "[helper_availability][kernel]") {
    char why[256] = {};
    if (probe_init(why, sizeof why) != 0) {
        WARN("skipped: bpf() is not available here: " << why);
        return;
    }
    std::vector<const AvailabilityRecord*> probed;
    for (const AvailabilityRecord& r : helper_availability_records()) {
        if (r.probed) {
            REQUIRE(probe_index(r) >= 0);
            probed.push_back(&r);
        }
    }
    REQUIRE(probed.size() > 40);

    int compared = 0;
    int skipped = 0;
    const auto compare = [&](const AvailabilityRecord& r, std::int32_t id, probe_level level) {
        if (r.derived.contains(id)) {
            return;
        }
        const int variant = probe_index(r);
        char detail[256] = {};
        const probe_result result = probe_helper(variant, id, level, 1, detail, sizeof detail);
        if (result == PROBE_UNKNOWN_HELPER || result == PROBE_VARIANT_UNAVAILABLE) {
            ++skipped;  // an older kernel, or a variant this kernel cannot load
            return;
        }
        INFO(describe(r) << " helper " << id << " (" << find_helper(id)->name << ") level " << level << ": "
                         << probe_result_name(result) << " " << detail);
        REQUIRE(result != PROBE_ERROR);
        const HelperSet& expected = level == PROBE_LEVEL_ROOT ? r.full : r.cap_bpf;
        CHECK((result == PROBE_ALLOWED) == expected.contains(id));
        ++compared;
    };

    // A deterministic spread over every probed record and helper id.
    for (int i = 0; i < 200; ++i) {
        const AvailabilityRecord& r = *probed[static_cast<std::size_t>(i * 7) % probed.size()];
        const auto id = static_cast<std::int32_t>(1 + (i * 53 + (i / 11) * 7) % kLastHelper);
        compare(r, id, PROBE_LEVEL_ROOT);
    }
    // The privilege split, on network types.
    for (int i = 0; i < 40; ++i) {
        const AvailabilityRecord& r = *probed[static_cast<std::size_t>(i * 3) % probed.size()];
        if (r.loads_with_cap_bpf) {
            compare(r, static_cast<std::int32_t>(1 + (i * 89) % kLastHelper), PROBE_LEVEL_BPF_NET);
        }
    }
    // The facts the cases above state.
    compare(record("xdp"), id_of("bpf_xdp_adjust_head"), PROBE_LEVEL_ROOT);
    compare(record("xdp"), id_of("bpf_skb_load_bytes"), PROBE_LEVEL_ROOT);
    compare(record("socket_filter"), id_of("bpf_skb_load_bytes"), PROBE_LEVEL_ROOT);
    compare(record("socket_filter"), id_of("bpf_probe_read_kernel"), PROBE_LEVEL_BPF_NET);
    compare(record("kprobe"), id_of("bpf_probe_read_kernel"), PROBE_LEVEL_ROOT);
    compare(record("cgroup_sock_addr", "cgroup_inet4_connect"), id_of("bpf_bind"), PROBE_LEVEL_ROOT);
    compare(record("cgroup_sock_addr", "cgroup_udp4_sendmsg"), id_of("bpf_bind"), PROBE_LEVEL_ROOT);
    compare(record("tracing", "trace_iter"), id_of("bpf_seq_printf"), PROBE_LEVEL_ROOT);
    compare(record("tracing", "trace_iter", true), id_of("bpf_copy_from_user"), PROBE_LEVEL_ROOT);
    compare(record("tracing", "trace_iter"), id_of("bpf_copy_from_user"), PROBE_LEVEL_ROOT);
    probe_fini();
    WARN("compared " << compared << " (variant, helper, privilege) triples with the running kernel, skipped "
                     << skipped);
    CHECK(compared + skipped >= 200);
    CHECK(compared >= 100);
}
