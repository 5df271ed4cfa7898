// The evidence slice: the failing path reconstructed from a log (walking back
// from the error, a "from A to B:" line continues at the jump A), and along
// it, for each register the error involves, the instructions that gave it the
// type and bounds that fail: where it was set, what it was copied or computed
// from, and whether any comparison touched it before the failing access.
#pragma once

#include "analyzer/explain/explanation.hpp"
#include "analyzer/explain/kernel_log.hpp"

#include <cstddef>
#include <set>
#include <vector>

namespace bpfcheck::explain {

// Indices into log.entries of the Insn entries on the failing path, first to
// last, ending at the entry of the failing instruction (or the last one
// before the error line).
std::vector<std::size_t> failing_path(const KernelLog& log);

// The registers (numbers) the error message and the failing instruction name.
std::set<int> involved_registers(const std::string& message, const std::string& insn_text);

// Evidence along `path` for `registers`, most recent first: at most `limit` items;
// `packet`: also the last bounds check against data_end.
std::vector<Evidence> trace_evidence(const KernelLog& log, const std::vector<std::size_t>& path,
                                     const std::set<int>& registers, const ProgramContext* program, std::size_t limit,
                                     bool packet);

// Evidence for a stack slot the message names ("... stack ... off=-8" or
// "off -8+0"): the kernel's last view of the slot and the stores to it on the
// failing path, or that there are none.
std::vector<Evidence> trace_stack_slot(const KernelLog& log, const std::vector<std::size_t>& path,
                                       const std::string& message, const ProgramContext* program);

}  // namespace bpfcheck::explain
