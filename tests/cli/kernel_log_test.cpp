// What `bpfcheck compare` reads from the kernel's verifier log at
// BPF_LOG_STATS: the statistics lines, the error line of a rejection, and
// libbpf's poisoned instructions (a failed CO-RE relocation is libbpf's
// fault, not a verifier rejection); and the agreement of two verdicts. The
// logs are verbatim from a 6.x kernel.
#include "cli/compare_report.hpp"
#include "cli/kernel/verifier_log.hpp"

#include <catch2/catch.hpp>

using namespace bpfcheck;
using namespace bpfcheck::cli;

TEST_CASE("statistics of an accepted program", "[kernel_log]") {
    const VerifierStats stats = parse_verifier_stats(
        "func#0 @0\n"
        "verification time 184 usec\n"
        "stack depth 8\n"
        "processed 51 insns (limit 1000000) max_states_per_insn 1 total_states 5 peak_states 5 mark_read 2\n");
    CHECK(stats.insns_processed == 51U);
    CHECK(stats.insn_limit == 1000000U);
    CHECK(stats.max_states_per_insn == 1U);
    CHECK(stats.total_states == 5U);
    CHECK(stats.peak_states == 5U);
    CHECK(stats.mark_read == 2U);
    CHECK(stats.time_us == 184U);
}

TEST_CASE("a log without statistics has none", "[kernel_log]") {
    const VerifierStats stats = parse_verifier_stats("R1 type=ctx expected=fp\n");
    CHECK_FALSE(stats.insns_processed.has_value());
    CHECK_FALSE(stats.time_us.has_value());
    CHECK_FALSE(parse_verifier_stats("").peak_states.has_value());
}

TEST_CASE("the error line of a rejection is the last one before the statistics", "[kernel_log]") {
    const char* log =
        "invalid access to packet, off=30 size=4, R1(id=0,off=30,r=30)\n"
        "R1 offset is outside of the packet\n"
        "verification time 45 usec\n"
        "stack depth 0\n"
        "processed 13 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n"
        "\n";
    CHECK(last_meaningful_line(log) == "R1 offset is outside of the packet");
    CHECK(last_meaningful_line("R0 invalid mem access 'map_value_or_null'") ==
          "R0 invalid mem access 'map_value_or_null'");
    CHECK(last_meaningful_line("processed 1 insns (limit 1000000)\n").empty());
    // The source line the verifier prints after the message annotates it.
    CHECK(last_meaningful_line("invalid bpf_context access off=20 size=4\n"
                               "; return ctx->egress_ifindex == 2 ? XDP_DROP : XDP_PASS; @ xdp.c:12\n"
                               "verification time 21 usec\n") == "invalid bpf_context access off=20 size=4");
}

TEST_CASE("libbpf's poisoned instructions are not verifier rejections", "[kernel_log]") {
    CHECK(libbpf_poison_reason("invalid func unknown#195896080\nprocessed 9 insns (limit 1000000)\n")
              .starts_with("libbpf could not resolve a CO-RE relocation"));
    CHECK(libbpf_poison_reason("8: <invalid CO-RE relocation>\nfailed to resolve CO-RE relocation <byte_off> ...\n")
              .starts_with("libbpf could not resolve a CO-RE relocation"));
    CHECK(libbpf_poison_reason("invalid func unknown#2001000003\n").find("map #3") != std::string::npos);
    CHECK(libbpf_poison_reason("invalid func unknown#2002000000\n").find("kfunc") != std::string::npos);
    // A real unknown helper is the verifier's verdict.
    CHECK(libbpf_poison_reason("invalid func unknown#212\n").empty());
    CHECK(libbpf_poison_reason("R1 offset is outside of the packet\n").empty());
}

TEST_CASE("which CO-RE relocation libbpf poisoned", "[kernel_log]") {
    const char* debug =
        "libbpf: prog 'do_sample': relo #0: <byte_off> [12] struct task_struct.pid (0:55 @ offset 2404)\n"
        "libbpf: prog 'do_sample': relo #1: <byte_off> [336] struct cfs_rq.nr_running (0:1 @ offset 16)\n"
        "libbpf: prog 'do_sample': relo #1: non-matching candidate #0 <byte_off> [10197] struct cfs_rq (0 @ offset 0)\n"
        "libbpf: prog 'do_sample': relo #1: no matching targets found\n"
        "libbpf: prog 'do_sample': relo #1: substituting insn #8 w/ invalid insn\n";
    CHECK(poisoned_relocation(debug) ==
          "<byte_off> [336] struct cfs_rq.nr_running (0:1 @ offset 16) at insn #8: no matching target in the "
          "kernel's BTF");
    CHECK(poisoned_relocation("libbpf: prog 'p': relo #0: matching candidate #0\n").empty());
}

TEST_CASE("why libbpf could not load a program", "[kernel_log]") {
    // The first line that says "failed", not libbpf's note that it retries, nor the summary lines.
    CHECK(libbpf_reason("libbpf: Error in bpf_create_map_xattr(start):Invalid argument(-22). Retrying without BTF.\n"
                        "libbpf: map 'start': failed to create: Invalid argument(-22)\n"
                        "libbpf: failed to load object 'cpudist.bpf.o'\n") ==
          "map 'start': failed to create: Invalid argument(-22)");
    CHECK(libbpf_reason("libbpf: prog 'f': failed to find kernel BTF type ID of 'func': -3\n"
                        "libbpf: prog 'f': failed to prepare load attributes: -3\n") ==
          "prog 'f': failed to find kernel BTF type ID of 'func': -3");
    CHECK(libbpf_reason("libbpf: elf: skipping unrecognized data section(6) features\n"
                        "libbpf: legacy map definitions in 'maps' section are not supported by libbpf v1.0+\n") ==
          "legacy map definitions in 'maps' section are not supported by libbpf v1.0+");
    CHECK(libbpf_reason("").empty());
}

TEST_CASE("agreement of bpfcheck's and the kernel's verdicts", "[agreement]") {
    using analyzer::Verdict;
    CHECK(agreement_of(Verdict::Pass, KernelVerdict::Accept) == Agreement::BothAccept);
    CHECK(agreement_of(Verdict::Fail, KernelVerdict::Reject) == Agreement::BothReject);
    CHECK(agreement_of(Verdict::Fail, KernelVerdict::Accept) == Agreement::OnlyBpfcheckRejects);
    CHECK(agreement_of(Verdict::Pass, KernelVerdict::Reject) == Agreement::OnlyKernelRejects);
    // An analysis that could not finish proved nothing: it counts as a rejection.
    CHECK(agreement_of(Verdict::Error, KernelVerdict::Accept) == Agreement::OnlyBpfcheckRejects);
    CHECK(agreement_of(Verdict::Error, KernelVerdict::Reject) == Agreement::BothReject);
    // Without the verifier's verdict there is nothing to agree on.
    CHECK(agreement_of(Verdict::Fail, KernelVerdict::LoadError) == Agreement::NotApplicable);
    CHECK(agreement_of(Verdict::Pass, KernelVerdict::NotAvailable) == Agreement::NotApplicable);
    CHECK(agrees(Agreement::NotApplicable));
    CHECK_FALSE(agrees(Agreement::OnlyKernelRejects));
    CHECK(agreement_name(Agreement::OnlyBpfcheckRejects) == "only_bpfcheck_rejects");
    CHECK(kernel_verdict_name(KernelVerdict::LoadError) == "load_error");
}
