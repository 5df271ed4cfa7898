// Analysing one program: build its CFG, run the fixpoint over its main
// function (subprograms are analysed in their callers' contexts), then replay
// the converged states once with checks enabled to collect diagnostics.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/diagnostic.hpp"
#include "cfg/program/program.hpp"
#include "domains/machine_state.hpp"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace bpfcheck::analyzer {

enum class Verdict : std::uint8_t { Pass, Fail, Error };

std::string_view verdict_name(Verdict verdict);

struct ProgramResult {
    Verdict verdict = Verdict::Error;
    std::vector<Diagnostic> diagnostics;  // sorted by instruction
    std::string error;                    // why the analysis could not finish (verdict Error)
    double time_ms = 0;
    std::uint64_t block_visits = 0;
    // --invariants: the abstract state before each instruction of the main function.
    std::map<std::uint32_t, std::string> invariants;
};

struct AnalyzeRequest {
    AnalysisOptions options;
    std::string type_override;  // program type name; empty: the one inferred from the section
    bool want_invariants = false;
    // When set: called with every abstract state the checking pass reaches
    // before an instruction (every partition, in every frame of a call
    // chain), for the soundness oracle (oracle/).
    std::function<void(std::uint32_t pc, const domains::MachineState& state)> on_state;
};

ProgramResult analyze_program(const model::BpfObject& object, const model::Program& program,
                              const AnalyzeRequest& request);

}  // namespace bpfcheck::analyzer
