// The kfunc and LSM hook tables against facts read from the kernel's sources
// (Linux 6.12): which program types may call a kfunc (the id set it is
// registered in, bpf_prog_type_to_kfunc_hook), its KF_* flags and pointer
// arguments, and the BPF LSM hooks' return ranges and disabled hooks
// (kernel/bpf/bpf_lsm.c). LSM programs cannot be loaded where the test runs
// without a BPF LSM, so these facts are checked here rather than by
// test-data cases against the running kernel.
#include "analyzer/platform/kfuncs/kfunc_table.hpp"
#include "analyzer/platform/lsm_hooks.hpp"
#include "analyzer/platform/raw_tracepoint_args.hpp"

#include <catch2/catch.hpp>

using namespace bpfcheck::analyzer;

TEST_CASE("kfunc sets decide the program types that may call a kfunc") {
    const auto acquire = find_kfunc("bpf_task_acquire");
    REQUIRE(acquire);
    CHECK(kfunc_allowed_for(*acquire, "tracing"));
    CHECK(kfunc_allowed_for(*acquire, "tracepoint"));
    CHECK(kfunc_allowed_for(*acquire, "perf_event"));
    CHECK(kfunc_allowed_for(*acquire, "sched_cls"));
    CHECK(kfunc_allowed_for(*acquire, "cgroup_sock_addr"));
    CHECK_FALSE(kfunc_allowed_for(*acquire, "raw_tracepoint"));
    CHECK_FALSE(kfunc_allowed_for(*acquire, "kprobe"));
    CHECK_FALSE(kfunc_allowed_for(*acquire, "socket_filter"));
    CHECK(kfunc_allowed_for(*acquire, "ext"));  // the target's type decides

    const auto cpumask = find_kfunc("bpf_cpumask_create");
    REQUIRE(cpumask);
    CHECK(kfunc_allowed_for(*cpumask, "syscall"));
    CHECK_FALSE(kfunc_allowed_for(*cpumask, "xdp"));

    const auto d_path = find_kfunc("bpf_path_d_path");
    REQUIRE(d_path);
    CHECK(kfunc_allowed_for(*d_path, "lsm"));
    CHECK_FALSE(kfunc_allowed_for(*d_path, "tracing"));

    const auto preempt = find_kfunc("bpf_preempt_disable");
    REQUIRE(preempt);
    CHECK(preempt->section == KfuncSection::PreemptDisable);
    CHECK(kfunc_allowed_for(*preempt, "socket_filter"));  // common_kfunc_set
}

TEST_CASE("kfunc flags and pointer arguments") {
    const auto set_cpu = find_kfunc("bpf_cpumask_set_cpu");
    REQUIRE(set_cpu);
    CHECK(set_cpu->has(kKfRcu));
    CHECK(set_cpu->ptr_args == 0b10);  // (u32 cpu, struct bpf_cpumask *cpumask)
    const auto acquire = find_kfunc("bpf_cpumask_acquire");
    REQUIRE(acquire);
    CHECK(acquire->has(kKfTrustedArgs));
    const auto xattr = find_kfunc("bpf_get_file_xattr");
    REQUIRE(xattr);
    CHECK(xattr->has(kKfSleepable));
}

TEST_CASE("BPF LSM hooks: return ranges and disabled hooks") {
    CHECK(lsm_hook_disabled("bpf_lsm_getprocattr"));
    CHECK(lsm_hook_disabled("bpf_lsm_ismaclabel"));
    CHECK_FALSE(lsm_hook_disabled("bpf_lsm_file_open"));

    const auto errno_range = lsm_return_range("bpf_lsm_file_mprotect", true);
    REQUIRE(errno_range);
    CHECK(errno_range->min == -4095);
    CHECK(errno_range->max == 0);
    const auto bool_range = lsm_return_range("bpf_lsm_audit_rule_known", true);
    REQUIRE(bool_range);
    CHECK(bool_range->min == 0);
    CHECK(bool_range->max == 1);
    CHECK_FALSE(lsm_return_range("bpf_lsm_file_free_security", false));
}

TEST_CASE("BPF LSM hooks whose arguments are not trusted") {
    CHECK_FALSE(lsm_hook_args_trusted("bpf_lsm_task_free"));
    CHECK_FALSE(lsm_hook_args_trusted("bpf_lsm_file_free_security"));
    CHECK(lsm_hook_args_trusted("bpf_lsm_task_alloc"));
    CHECK(lsm_hook_args_trusted("bpf_lsm_file_open"));
}

TEST_CASE("raw tracepoint arguments that may be NULL or hold an ERR_PTR") {
    constexpr std::uint32_t k612 = (6U << 16) | (12U << 8);
    constexpr std::uint32_t k613 = (6U << 16) | (13U << 8);
    constexpr std::uint32_t k618 = (6U << 16) | (18U << 8);
    using enum RawTracepointArg;
    // One hex digit per argument, the first lowest: tcp_send_reset 0x11.
    CHECK(raw_tracepoint_arg("tcp_send_reset", 0, k613) == MaybeNull);
    CHECK(raw_tracepoint_arg("tcp_send_reset", 1, k613) == MaybeNull);
    CHECK(raw_tracepoint_arg("tcp_send_reset", 2, k613) == Trusted);
    CHECK(raw_tracepoint_arg("sched_pi_setprio", 0, k618) == Trusted);
    CHECK(raw_tracepoint_arg("sched_pi_setprio", 1, k618) == MaybeNull);
    // cachefiles_lookup 0x1 | 0x200: the third argument may encode an error.
    CHECK(raw_tracepoint_arg("cachefiles_lookup", 2, k613) == MayEncodeError);
    // Before 6.13 no tracepoint argument is listed; 6.18's rows from 6.18.
    CHECK(raw_tracepoint_arg("sched_pi_setprio", 1, k612) == Trusted);
    CHECK(raw_tracepoint_arg("signal_deliver", 1, k613) == Trusted);
    CHECK(raw_tracepoint_arg("signal_deliver", 1, k618) == MayEncodeError);
    CHECK(raw_tracepoint_arg("signal_deliver", 0, k618) == Trusted);
    CHECK(raw_tracepoint_arg("sched_switch", 1, k618) == Trusted);
    CHECK(raw_tracepoint_arg("sched_pi_setprio", 1, 0) == Trusted);  // unknown kernel
}
