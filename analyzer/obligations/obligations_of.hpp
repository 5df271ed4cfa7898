// The obligations of one instruction, in the order the kernel checks them
// (do_check: operands first, then the instruction's own rules).
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/obligations/obligation.hpp"

namespace bpfcheck::analyzer {

// Depends on the instruction and on the loader's privilege only (which
// rules apply), never on the state: the checker reads the state.
std::vector<Obligation> obligations_of(const isa::Instruction& insn, const AnalysisOptions& options);

// Whether `insn` writes r10, which the kernel keeps read-only.
bool writes_frame_pointer(const isa::Instruction& insn);

}  // namespace bpfcheck::analyzer
