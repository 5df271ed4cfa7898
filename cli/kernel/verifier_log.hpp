// Reading what the kernel's verifier and libbpf say about a load, for
// `bpfcheck compare`: the statistics the verifier prints at the end of its log
// (log level BPF_LOG_STATS: "processed N insns (limit L) max_states_per_insn M
// total_states T peak_states P mark_read R", "verification time X usec"), the
// line that gives its verdict on a rejection, and libbpf's own failures — the
// instructions it poisons when it cannot relocate them, which the verifier
// then refuses although the fault is libbpf's, and the message line that says
// why a load failed before the verifier ran. Pure functions of text.
#pragma once

#include "analyzer/explain/log_stats.hpp"

#include <string>
#include <string_view>

namespace bpfcheck::cli {

// The statistics and the verdict line are read by the explain pipeline's
// log_stats.hpp.
using explain::last_meaningful_line;
using explain::parse_verifier_stats;
using explain::VerifierStats;

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
