// The section-name rule table: libbpf 1.x's exact and "name+" rules first,
// then the prefixes of libbpf before 1.0 and samples/bpf, iproute2's tc
// objects, bcc's function prefixes; no rule, no type.
#include "cfg/loader/section_types.hpp"

#include <catch2/catch.hpp>

using bpfcheck::loader::attach_type_named;
using bpfcheck::loader::program_type_for;
using bpfcheck::loader::program_type_named;

namespace {

std::string type_of(std::string_view section, std::string_view function = "f", bool tc = false) {
    const auto match = program_type_for(section, function, tc);
    return match ? match->type : std::string{"<none>"};
}

std::string origin_of(std::string_view section, std::string_view function = "f") {
    const auto match = program_type_for(section, function);
    return match ? match->origin : std::string{};
}

}  // namespace

TEST_CASE("libbpf 1.x names win and carry their attach type", "[loader][sections]") {
    CHECK(type_of("xdp") == "xdp");
    CHECK(program_type_for("xdp/devmap", "f")->attach_type == "xdp_devmap");
    CHECK(type_of("kprobe/do_unlinkat") == "kprobe");
    CHECK(type_of("cgroup_skb/egress") == "cgroup_skb");
    CHECK(program_type_for("cgroup_skb/egress", "f")->attach_type == "cgroup_inet_egress");
    CHECK(program_type_for("cgroup/bind4", "f")->attach_type == "cgroup_inet4_bind");
    CHECK(program_type_for("iter/task", "f")->attach_type == "trace_iter");
    CHECK(origin_of("socket").starts_with("libbpf 1.x"));
    CHECK(type_of("?tc") == "sched_cls");  // autoload off
    // "kprobe+" does not match "kprobexyz" in libbpf 1.x, nor any older prefix rule.
    CHECK(type_of("kprobexyz") == "<none>");
}

TEST_CASE("libbpf <1.0 and samples/bpf prefixes name what 1.x does not", "[loader][sections]") {
    CHECK(type_of("xdp1") == "xdp");
    CHECK(type_of("xdp_vlan_swap") == "xdp");
    CHECK(type_of("socket1") == "socket_filter");
    CHECK(type_of("socket/3") == "socket_filter");
    CHECK(type_of("cgroup/sock1") == "cgroup_sock");
    CHECK(program_type_for("cgroup/sock1", "f")->attach_type == "cgroup_inet_sock_create");
    CHECK(type_of("classifier_ingress") == "sched_cls");
    CHECK(type_of("action_drop") == "sched_act");
    CHECK(type_of("xdp_devmap/prog") == "xdp");
    CHECK(program_type_for("xdp_devmap/prog", "f")->attach_type == "xdp_devmap");
    CHECK(type_of("sockops_v2") == "sock_ops");
    CHECK(origin_of("xdp1").find("libbpf <1.0") != std::string::npos);
}

TEST_CASE("iproute2 objects and bcc function names", "[loader][sections]") {
    CHECK(type_of("from-container") == "<none>");
    CHECK(type_of("from-container", "f", true) == "sched_cls");
    CHECK(program_type_for("2/7", "f", true)->origin.find("iproute2") != std::string::npos);
    // A name a rule knows keeps its type in a tc object.
    CHECK(type_of("xdp", "f", true) == "xdp");
    CHECK(type_of(".bpf.fn.kprobe__tcp_v4_connect", "kprobe__tcp_v4_connect") == "kprobe");
    CHECK(type_of("whatever", "tracepoint__sched__sched_switch") == "tracepoint");
}

TEST_CASE("Android's bpfloader prefixes", "[loader][sections]") {
    CHECK(type_of("schedcls/ingress6_nat_6") == "sched_cls");
    CHECK(type_of("skfilter/allowlist$4_14") == "socket_filter");
    CHECK(type_of("cgroupsockrelease/inet_release") == "cgroup_sock");
    CHECK(program_type_for("cgroupsockrelease/inet_release", "f")->attach_type == "cgroup_inet_sock_release");
    CHECK(program_type_for("connect6/inet6_connect", "f")->attach_type == "cgroup_inet6_connect");
    CHECK(program_type_for("schedcls/x", "f")->origin.find("Android") != std::string::npos);
    // libbpf's names keep theirs: "sockops/" and "xdp/" are libbpf <1.0 prefixes.
    CHECK(program_type_for("xdp/drop", "f")->origin.find("libbpf") != std::string::npos);
}

TEST_CASE("no rule, no type", "[loader][sections]") {
    CHECK_FALSE(program_type_for("static", "static_fn"));
    CHECK_FALSE(program_type_for("other", "global_fn3"));
    CHECK_FALSE(program_type_for("", "f"));
}

TEST_CASE("--type takes a type or a section name a loader types", "[loader][sections]") {
    CHECK(program_type_named("sched_cls") == "sched_cls");
    CHECK(program_type_named("tc") == "sched_cls");          // libbpf 1.x SEC("tc")
    CHECK(program_type_named("classifier") == "sched_cls");  // iproute2
    CHECK(program_type_named("lwt_out") == "lwt_out");
    CHECK(program_type_named("kprobe/do_sys_open") == "kprobe");
    // Neither: the name itself, for the caller to refuse.
    CHECK(program_type_named("kprobe__do_sys_open") == "kprobe__do_sys_open");  // bcc names functions, not sections
    CHECK(program_type_named("no_such_type") == "no_such_type");
    CHECK(program_type_named("").empty());
}

TEST_CASE("--type's section name carries its expected attach type", "[loader][sections]") {
    CHECK(attach_type_named("cgroup/connect4") == "cgroup_inet4_connect");
    CHECK(attach_type_named("cgroup/recvmsg6") == "cgroup_udp6_recvmsg");
    CHECK(attach_type_named("cgroup_sock_addr").empty());  // a type name: no attach type
    CHECK(attach_type_named("no_such_type").empty());
}

TEST_CASE("libbpf's SEC_SLEEPABLE sections load sleepable programs", "[loader][sections]") {
    auto sleepable = [](std::string_view section) {
        const auto match = program_type_for(section, "f");
        return match && match->sleepable;
    };
    CHECK(sleepable("fentry.s/do_unlinkat"));
    CHECK(sleepable("lsm.s/file_open"));
    CHECK(sleepable("uprobe.s"));
    CHECK(sleepable("uprobe.multi.s/lib:fn"));
    CHECK(sleepable("iter.s/task"));
    CHECK(sleepable("struct_ops.s/init"));
    CHECK(sleepable("syscall"));
    CHECK(sleepable("?syscall"));
    CHECK_FALSE(sleepable("fentry/do_unlinkat"));
    CHECK_FALSE(sleepable("kprobe.multi"));
    CHECK_FALSE(sleepable("lsm/file_open"));
    CHECK_FALSE(sleepable("iter/task"));
    CHECK_FALSE(sleepable("xdp"));
    CHECK_FALSE(sleepable("tp_btf/sys_enter"));
}
