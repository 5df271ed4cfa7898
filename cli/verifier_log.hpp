// Reading what the kernel's verifier and libbpf say about a load, for
// `bpfcheck compare`: the statistics the verifier prints at the end of its log
// (log level BPF_LOG_STATS: "processed N insns (limit L) max_states_per_insn M
// total_states T peak_states P mark_read R", "verification time X usec"), the
// line that gives its verdict on a rejection, and libbpf's own failures — the
// instructions it poisons when it cannot relocate them, which the verifier
// then refuses although the fault is libbpf's, and the message line that says
// why a load failed before the verifier ran. Pure functions of text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bpfcheck::cli {

// Each figure is absent when the log does not have it.
struct VerifierStats {
    std::optional<std::uint64_t> insns_processed;
    std::optional<std::uint64_t> insn_limit;
    std::optional<std::uint64_t> max_states_per_insn;
    std::optional<std::uint64_t> total_states;
    std::optional<std::uint64_t> peak_states;
    std::optional<std::uint64_t> mark_read;
    std::optional<std::uint64_t> time_us;
};

VerifierStats parse_verifier_stats(std::string_view log);

// The last line of a verifier log that is neither one of its statistics lines
// nor a "; source @ file:line" annotation: its verdict on a rejection.
std::string last_meaningful_line(std::string_view log);

// Why a failed load whose verifier log is `log` is libbpf's doing rather than
// the verifier's (a poisoned CO-RE relocation, map or kfunc reference), or empty.
std::string libbpf_poison_reason(std::string_view log);

// The poisoned CO-RE relocation, from libbpf's debug lines ("prog 'P': relo
// #N: ..."): its access spec and instruction, or empty.
std::string poisoned_relocation(std::string_view debug_lines);

// The line of libbpf's warnings that says why a load failed, without the
// "libbpf: " prefix.
std::string libbpf_reason(std::string_view messages);

}  // namespace bpfcheck::cli
