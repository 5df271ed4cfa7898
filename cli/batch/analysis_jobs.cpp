// Running analysis jobs in parallel (see analysis_jobs.hpp).
#include "cli/batch/analysis_jobs.hpp"

#include "cli/batch/parallel.hpp"

#include <exception>

namespace bpfcheck::cli::batch {

std::vector<analyzer::ProgramResult> analyze_all(const std::vector<AnalysisJob>& jobs, unsigned threads) {
    std::vector<analyzer::ProgramResult> results(jobs.size());
    run_parallel(
        jobs.size(), threads,
        [&](std::size_t i) {
            try {
                results[i] = analyzer::analyze_program(*jobs[i].object, *jobs[i].program, jobs[i].request);
            } catch (const std::exception& error) {
                results[i].verdict = analyzer::Verdict::Error;
                results[i].error = std::string("internal error: ") + error.what();
            }
        },
        [&](std::size_t i) { return jobs[i].label; });
    return results;
}

}  // namespace bpfcheck::cli::batch
