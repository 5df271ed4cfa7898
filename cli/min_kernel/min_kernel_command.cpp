// `bpfcheck min-kernel OBJ... [--format text|json]`: per program, the oldest
// kernel release it loads on and what blocks each older one. Each program is
// analysed once against the oldest release with eBPF (3.18): the checks that
// `check --kernel` runs (helper.unavailable, isa.unavailable,
// type.unavailable, loop.backedge, from the same tables) then report every
// feature newer than the target, each naming the release that introduced
// it. The minimum is the newest of those releases. Other errors are tried
// against the releases whose verifier judges differently (rule_blocker);
// those that fail on every release are counted, not blockers: `check`
// explains them.
// JSON: {"object", "programs": [{"name", "min_kernel", "blockers":
// [{"before", "id", "message"}], "other_findings"}]}, an array of those for
// several objects.
#include "analyzer/analyzer.hpp"
#include "analyzer/platform/rule_releases.hpp"
#include "cfg/loader/loader.hpp"
#include "cfg/loader/section_types.hpp"
#include "cli/batch/analysis_jobs.hpp"
#include "cli/batch/inputs.hpp"
#include "cli/batch/parallel.hpp"
#include "cli/commands.hpp"
#include "cli/kernel_btf_option.hpp"
#include "cli/program_selection.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <regex>
#include <set>

namespace bpfcheck::cli {

namespace {

constexpr std::uint32_t kOldestRelease = (3U << 16) | (18U << 8);  // bpf(2) arrived in Linux 3.18

struct Blocker {
    std::uint32_t before = 0;  // the release that lifts it, as major << 8 | minor
    std::string id;
    std::string message;
};

std::string release_text(std::uint32_t release) {
    return fmt::format("{}.{}", release >> 8, release & 0xff);
}

bool is_availability_check(std::string_view id) {
    return id == "helper.unavailable" || id == "isa.unavailable" || id == "type.unavailable" || id == "loop.backedge";
}

// The blockers of one analysis at kOldestRelease, newest release first.
std::vector<Blocker> blockers_of(const analyzer::ProgramResult& result, std::size_t& other_findings) {
    static const std::regex kNeeds(R"(needs? Linux (\d+)\.(\d+))");
    std::vector<Blocker> blockers;
    std::set<std::string> seen;
    for (const analyzer::Diagnostic& d : result.diagnostics) {
        std::smatch match;
        if (!is_availability_check(d.id) || !std::regex_search(d.message, match, kNeeds)) {
            other_findings += d.severity == analyzer::Severity::Error ? 1 : 0;
            continue;
        }
        std::string message = d.message;
        if (const auto at = message.find("; target is"); at != std::string::npos) {
            message.erase(at);
        }
        if (d.id == "loop.backedge") {
            message = "a loop (back-edge): loops need Linux 5.3";
        }
        if (!seen.insert(d.id + message).second) {
            continue;
        }
        blockers.push_back(
            Blocker{static_cast<std::uint32_t>(std::stoul(match[1]) << 8 | std::stoul(match[2])), d.id, message});
    }
    std::stable_sort(blockers.begin(), blockers.end(),
                     [](const Blocker& a, const Blocker& b) { return a.before > b.before; });
    return blockers;
}

// Errors of the oldest-release analysis that no availability check names
// may be the verifier of a later release judging differently (a bound it
// keeps, a state it forks: analyzer/platform/rule_releases.hpp): the oldest
// of those releases whose analysis has no such error lifts them, and the
// first of them becomes a blocker before it. Nothing when no release does.
std::optional<Blocker> rule_blocker(const batch::AnalysisJob& job, const analyzer::ProgramResult& oldest) {
    const auto first = std::find_if(oldest.diagnostics.begin(), oldest.diagnostics.end(), [](const auto& d) {
        return d.severity == analyzer::Severity::Error && !is_availability_check(d.id);
    });
    if (first == oldest.diagnostics.end()) {
        return std::nullopt;
    }
    for (const std::uint32_t release : analyzer::rule_release::kReleases) {
        analyzer::AnalyzeRequest request = job.request;
        request.options.kernel_version = release;
        const analyzer::ProgramResult result = analyzer::analyze_program(*job.object, *job.program, request);
        std::size_t remaining = 0;
        blockers_of(result, remaining);
        if (result.verdict != analyzer::Verdict::Error && remaining == 0) {
            return Blocker{release >> 8, first->id,
                           fmt::format("{} (the verifier of Linux {} judges it otherwise)", first->message,
                                       release_text(release >> 8))};
        }
    }
    return std::nullopt;
}

}  // namespace

int run_min_kernel(const MinKernelOptions& options) {
    if (!options.type.empty() && !loader::is_known_program_type(options.type)) {
        std::cerr << fmt::format("bpfcheck: error: unknown program type '{}'\n", options.type);
        return kExitBadInput;
    }
    const batch::Inputs inputs = batch::collect_inputs(options.objects);
    bool bad_input = !inputs.errors.empty();
    for (const std::string& error : inputs.errors) {
        std::cerr << "bpfcheck: error: " << error << "\n";
    }
    KernelBtfOption btf("");
    std::vector<std::unique_ptr<model::BpfObject>> objects;
    std::vector<std::string> paths;
    std::vector<batch::AnalysisJob> jobs;
    std::vector<std::size_t> object_of_job;
    for (const std::string& path : inputs.objects) {
        auto object = loader::load_object(path);
        if (!object) {
            std::cerr << "bpfcheck: error: " << object.error().message << "\n";
            bad_input = true;
            continue;
        }
        objects.push_back(std::make_unique<model::BpfObject>(std::move(*object)));
        paths.push_back(path);
        auto selected = select_programs(*objects.back(), options.programs);
        if (!selected) {
            std::cerr << "bpfcheck: error: " << selected.error().message << "\n";
            bad_input = true;
            continue;
        }
        for (const model::Program* program : *selected) {
            batch::AnalysisJob job{objects.back().get(), program, fmt::format("{}: {}", path, program->name), {}};
            job.request.options.kernel_version = kOldestRelease;
            const std::string type_option = type_option_for(*program, options.type);
            job.request.options.kernel_types = btf.for_program(*objects.back(), *program, type_option);
            job.request.type_override = type_option;
            jobs.push_back(std::move(job));
            object_of_job.push_back(objects.size() - 1);
        }
    }
    const auto results = batch::analyze_all(jobs, batch::default_jobs());
    nlohmann::ordered_json documents = nlohmann::ordered_json::array();
    for (std::size_t o = 0; o < objects.size(); ++o) {
        nlohmann::ordered_json document = {{"object", paths[o]}, {"programs", nlohmann::ordered_json::array()}};
        for (std::size_t j = 0; j < jobs.size(); ++j) {
            if (object_of_job[j] != o) {
                continue;
            }
            const std::string& name = jobs[j].program->name;
            if (results[j].verdict == analyzer::Verdict::Error) {
                std::cerr << fmt::format("bpfcheck: error: {}: {}: {}\n", paths[o], name, results[j].error);
                bad_input = true;
                document["programs"].push_back({{"name", name}, {"error", results[j].error}});
                continue;
            }
            std::size_t other = 0;
            std::vector<Blocker> blockers = blockers_of(results[j], other);
            if (other != 0) {
                if (auto lifted = rule_blocker(jobs[j], results[j])) {
                    blockers.insert(
                        std::upper_bound(blockers.begin(), blockers.end(), *lifted,
                                         [](const Blocker& a, const Blocker& b) { return a.before > b.before; }),
                        std::move(*lifted));
                    other = 0;
                }
            }
            const std::uint32_t oldest = kOldestRelease >> 8;
            const std::uint32_t minimum = blockers.empty() ? oldest : std::max(oldest, blockers.front().before);
            nlohmann::ordered_json program = {{"name", name}, {"min_kernel", release_text(minimum)}};
            program["blockers"] = nlohmann::ordered_json::array();
            for (const Blocker& blocker : blockers) {
                program["blockers"].push_back(
                    {{"before", release_text(blocker.before)}, {"id", blocker.id}, {"message", blocker.message}});
            }
            program["other_findings"] = other;
            if (options.format == "text") {
                std::cout << fmt::format("{}: {}: Linux {} or later\n", paths[o], name, release_text(minimum));
                for (const Blocker& blocker : blockers) {
                    std::cout << fmt::format("  before {}: {} [{}]\n", release_text(blocker.before), blocker.message,
                                             blocker.id);
                }
                if (other != 0) {
                    std::cout << fmt::format("  note: {} other error(s) fail on every release (see `check`)\n", other);
                }
            }
            document["programs"].push_back(std::move(program));
        }
        documents.push_back(std::move(document));
    }
    if (options.format == "json") {
        std::cout << (documents.size() == 1 ? documents.front() : documents).dump(2) << "\n";
    }
    return bad_input ? kExitBadInput : kExitOk;
}

}  // namespace bpfcheck::cli
