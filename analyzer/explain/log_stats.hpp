// The parts of a verifier log that every reader of it needs: its lines, the
// statistics the verifier prints at the end (log level BPF_LOG_STATS:
// "processed N insns (limit L) max_states_per_insn M total_states T
// peak_states P mark_read R", "verification time X usec"), and the line that
// gives its verdict on a rejection. Used by `compare` (through
// cli/kernel/verifier_log.hpp) and by the explain pipeline. Pure functions of text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bpfcheck::explain {

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

// Is `line` one of the statistics lines (or libbpf's wrapper lines)?
bool is_statistics_line(std::string_view line);

// The last line of a verifier log that is neither one of its statistics lines
// nor a "; source @ file:line" annotation: its verdict on a rejection.
std::string last_meaningful_line(std::string_view log);

// The lines of `text`, without their line ends and trailing blanks.
std::vector<std::string_view> split_lines(std::string_view text);

// The decimal number at `at` in `text`, if there is one.
std::optional<std::uint64_t> number_at(std::string_view text, std::size_t at);

}  // namespace bpfcheck::explain
