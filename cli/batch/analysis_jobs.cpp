// Running analysis jobs in parallel (see analysis_jobs.hpp).
#include "cli/batch/analysis_jobs.hpp"

#include "cfg/loader/loader.hpp"
#include "cli/batch/parallel.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <numeric>

namespace bpfcheck::cli::batch {

std::vector<std::optional<Expected<model::BpfObject>>> load_all(const std::vector<std::string>& paths,
                                                                unsigned threads) {
    std::vector<std::optional<Expected<model::BpfObject>>> objects(paths.size());
    run_parallel(
        paths.size(), threads,
        [&](std::size_t i) {
            try {
                objects[i].emplace(loader::load_object(paths[i]));
            } catch (const std::exception& error) {
                objects[i].emplace(Error{fmt::format("{}: internal error: {}", paths[i], error.what())});
            }
        },
        [&](std::size_t i) { return paths[i]; });
    return objects;
}

std::vector<analyzer::ProgramResult> analyze_all(const std::vector<AnalysisJob>& jobs, unsigned threads) {
    std::vector<analyzer::ProgramResult> results(jobs.size());
    // Longest first (by instruction count, a rough cost), so that a large
    // program met last does not run alone while the other workers idle.
    std::vector<std::size_t> order(jobs.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return jobs[a].program->insns.size() > jobs[b].program->insns.size();
    });
    run_parallel(
        jobs.size(), threads,
        [&](std::size_t k) {
            const std::size_t i = order[k];
            try {
                results[i] = analyzer::analyze_program(*jobs[i].object, *jobs[i].program, jobs[i].request);
            } catch (const std::exception& error) {
                results[i].verdict = analyzer::Verdict::Error;
                results[i].error = std::string("internal error: ") + error.what();
            }
        },
        [&](std::size_t k) { return jobs[order[k]].label; });
    return results;
}

}  // namespace bpfcheck::cli::batch
