// A verifier log as a value. Logs arrive as people paste them: raw from
// BPF_PROG_LOAD, inside libbpf's "-- BEGIN PROG LOAD LOG --" wrapper (with or
// without "libbpf: " prefixes, and bpftool -d's debug lines around it),
// indented in cilium/ebpf's error text or cut to one line by it, or among
// veristat -v's progress lines and table. parse_kernel_log() unwraps all of
// them and reads the log of kernels 5.4 to 6.18 at levels 1 and 2:
// instruction lines "N: (op) text ; R1=...", source lines "; text @ file:line",
// state lines "N: R1=ctx() R10=fp0", branch lines "from N to M: R0=...", the
// error line and the statistics. Whatever it cannot place it skips; what is
// missing (no error line, a cut log) becomes a note.
#pragma once

#include "analyzer/explain/log_stats.hpp"
#include "analyzer/explain/register_state.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bpfcheck::explain {

enum class EntryKind : std::uint8_t { Insn, State, Branch };

struct LogEntry {
    EntryKind kind = EntryKind::Insn;
    std::uint32_t insn = 0;  // Insn/State: the instruction; Branch: the target
    std::uint32_t from = 0;  // Branch: the jump
    std::string opcode;      // Insn: "79"
    std::string text;        // Insn: "r1 = *(u64 *)(r1 +8)"
    std::string source;      // the "; ..." line before it, if any
    std::string file;        // from "@ file:line" (6.x logs)
    std::uint32_t line = 0;
    std::vector<SlotState> states;  // Insn: after it (6.x "; R1=..."); State/Branch: at it
    std::uint32_t frame = 0;        // "frame1:" prefix
    std::size_t log_line = 0;       // 0-based line of the unwrapped log
};

struct KernelLog {
    std::string format;   // "raw", "libbpf", "bpftool", "cilium", "veristat"
    int level = 1;        // 2 when the log prints states at every instruction ("N: R1=..." lines, "safe")
    std::string program;  // the program's name when the wrapper says it
    std::vector<LogEntry> entries;
    std::string error;                        // the verifier's message, "" when the log has none
    std::vector<std::string> context;         // the lines just before the error that are part of it
    std::optional<std::uint32_t> error_insn;  // the instruction being checked when it failed
    std::size_t error_line = 0;
    VerifierStats stats;
    std::vector<std::string> notes;  // what is missing or odd
    std::vector<std::string> lines;  // the unwrapped log

    // The last instruction entry for `insn` at or before log line `before`.
    const LogEntry* last_insn_entry(std::uint32_t insn) const;
};

struct ParsedLog {
    std::optional<KernelLog> log;
    std::string refusal;  // why the text is not a verifier log
};

ParsedLog parse_kernel_log(std::string_view text);

}  // namespace bpfcheck::explain
