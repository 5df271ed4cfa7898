// The loads and analyses of a batch, one per (object, program, target kernel), run on
// worker threads. Each analysis builds its own context, CFG and states from
// read-only inputs (the loaded objects, kernel BTF, the helper tables), so
// nothing is shared but what no analysis writes. Results come back in job
// order whatever the number of threads.
#pragma once

#include "analyzer/analyzer.hpp"
#include "cfg/expected.hpp"
#include "cfg/program/program.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bpfcheck::cli::batch {

struct AnalysisJob {
    const model::BpfObject* object = nullptr;
    const model::Program* program = nullptr;
    std::string label;  // "object: program" for the progress bar
    analyzer::AnalyzeRequest request;
};

// Loads the objects at `paths` on `threads` workers (each load reads only
// its own file), in input order.
std::vector<std::optional<Expected<model::BpfObject>>> load_all(const std::vector<std::string>& paths,
                                                                unsigned threads);

// An analysis that throws gives an Error verdict with the exception's text.
std::vector<analyzer::ProgramResult> analyze_all(const std::vector<AnalysisJob>& jobs, unsigned threads);

}  // namespace bpfcheck::cli::batch
