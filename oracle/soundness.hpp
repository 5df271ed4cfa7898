// The soundness oracle: for a program bpfcheck passes, run the concrete
// interpreter on many random inputs and check (1) that no run traps, and
// (2) that every concrete state a run reaches before an instruction lies in
// the abstract state bpfcheck computed there (in one of its partitions, or
// failing that in their join; with the same number of frames).
#pragma once

#include "analyzer/analyzer.hpp"
#include "cfg/program/program.hpp"
#include "interp/interpreter.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace bpfcheck::oracle {

struct OracleOptions {
    int runs = 100;
    std::uint64_t seed = 1;
    std::uint64_t max_steps = 100000;
    std::size_t max_violations = 5;  // kept per program
    analyzer::AnalysisOptions analysis;
};

struct ProgramReport {
    std::string name;
    std::string type;
    analyzer::Verdict verdict = analyzer::Verdict::Error;
    bool checked = false;  // passed, and of a modelled type
    std::string skipped;   // why not checked
    int runs = 0;
    int exits = 0;
    int traps = 0;
    int unsupported = 0;
    int budget = 0;
    std::uint64_t steps = 0;            // instructions executed
    std::uint64_t states_checked = 0;   // concrete states compared with abstract ones
    std::uint64_t needed_join = 0;      // states in no single partition, but in the join
    std::uint64_t abstract_states = 0;  // abstract states recorded
    std::vector<std::string> violations;
    std::string first_unsupported;
};

// The interpreter's view of a linked program.
interp::ProgramImage image_of(const model::BpfObject& object, const model::Program& program, const std::string& type);

ProgramReport check_program(const model::BpfObject& object, const model::Program& program, const OracleOptions& options,
                            const std::string& type_override = "");

}  // namespace bpfcheck::oracle
