// `bpfcheck check`: load each object (directories are searched for BPF ELF
// files), analyse the selected programs for each target kernel on worker
// threads, apply the repository's policy (.bpfcheck.yaml, suppression
// comments, a baseline), render the results and a summary. Exit 0 when every
// program is proven safe, 1 on a violation, 2 on bad input, usage errors, or
// an analysis that could not finish.
#include "analyzer/analyzer.hpp"
#include "analyzer/platform/private_stack.hpp"
#include "cfg/loader/loader.hpp"
#include "cfg/loader/section_types.hpp"
#include "cli/batch/analysis_jobs.hpp"
#include "cli/batch/inputs.hpp"
#include "cli/batch/parallel.hpp"
#include "cli/batch/summary.hpp"
#include "cli/check_report.hpp"
#include "cli/ci/baseline.hpp"
#include "cli/ci/config.hpp"
#include "cli/ci/policy.hpp"
#include "cli/ci/policy_sources.hpp"
#include "cli/commands.hpp"
#include "cli/kernel/kallsyms_presence.hpp"
#include "cli/kernel/kernel_loader.hpp"
#include "cli/kernel/kfunc_presence.hpp"
#include "cli/kernel_btf_option.hpp"
#include "cli/kernel_config_option.hpp"
#include "cli/kernel_targets.hpp"
#include "cli/private_stack_option.hpp"
#include "cli/program_selection.hpp"
#include "cli/report/fingerprint.hpp"
#include "cli/report/github.hpp"
#include "cli/report/sarif.hpp"

#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

namespace bpfcheck::cli {

namespace {

// A program's type from .bpfcheck.yaml (by name or section: an explicit
// choice, which overrides a convention), else from --type (which only fills
// programs no convention types), with the expected attach type a section
// name given there carries.
struct TypeChoice {
    std::string type;  // empty: the convention's
    std::string attach;
};
TypeChoice type_override(const CheckOptions& options, const ci::Config& config, const model::Program& program) {
    for (const std::string& key : {program.name, program.section}) {
        if (const auto it = config.types.find(key); it != config.types.end()) {
            // unknown: refused by the caller
            return {loader::program_type_named(it->second), loader::attach_type_named(it->second)};
        }
    }
    std::string type = type_option_for(program, options.type);
    return {type, type.empty() ? std::string{} : options.type_attach};
}

}  // namespace

int run_check(const CheckOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    if (!options.type.empty() && !loader::is_known_program_type(options.type)) {
        std::cerr << fmt::format("bpfcheck: error: unknown program type '{}'\n", options.type);
        return kExitBadInput;
    }
    auto cli_targets = parse_kernel_targets(options.kernel);
    if (!cli_targets) {
        std::cerr << "bpfcheck: error: --kernel: " << cli_targets.error().message << "\n";
        return kExitBadInput;
    }
    KernelBtfOption btf(options.btf);
    if (const auto error = btf.load_explicit()) {
        std::cerr << "bpfcheck: error: --btf: " << *error << "\n";
        return kExitBadInput;
    }
    KernelConfigOption kconfig(options.kconfig);
    if (const auto error = kconfig.load_explicit()) {
        std::cerr << "bpfcheck: error: --kconfig: " << *error << "\n";
        return kExitBadInput;
    }
    const batch::Inputs inputs = batch::collect_inputs(options.objects);
    bool bad_input = !inputs.errors.empty();
    for (const std::string& error : inputs.errors) {
        std::cerr << "bpfcheck: error: " << error << "\n";
    }
    ci::PolicySources policy(options.config, options.baseline, !options.write_baseline.empty());
    PrivateStackResolver private_stack(options.private_stack);

    // Load every object and list the analyses, in input order.
    std::vector<std::unique_ptr<model::BpfObject>> objects;
    std::vector<ObjectReport> reports;
    std::vector<const ci::Config*> configs;
    std::vector<batch::AnalysisJob> jobs;
    const unsigned threads = options.jobs == 0 ? batch::default_jobs() : options.jobs;
    std::vector<std::optional<Expected<model::BpfObject>>> loaded_objects = batch::load_all(inputs.objects, threads);
    for (std::size_t input = 0; input < inputs.objects.size(); ++input) {
        const std::string& path = inputs.objects[input];
        const ci::Config* config = policy.config_for(path);
        if (config == nullptr) {
            std::cerr << "bpfcheck: error: " << policy.error() << "\n";
            return kExitBadInput;
        }
        auto& object = *loaded_objects[input];
        if (!object) {
            std::cerr << "bpfcheck: error: " << object.error().message << "\n";
            bad_input = true;
            continue;
        }
        if (object->programs.empty()) {
            std::cerr << fmt::format(
                "bpfcheck: error: {}: no program to check: no executable section holds a function{}\n", path,
                object->maps.empty() ? "" : fmt::format(" ({} map definition(s) only)", object->maps.size()));
            bad_input = true;
            continue;
        }
        objects.push_back(std::make_unique<model::BpfObject>(std::move(*object)));
        if (options.unprivileged) {
            loader::apply_unprivileged_view(*objects.back());
        }
        const model::BpfObject& loaded = *objects.back();
        auto selected = select_programs(loaded, options.programs);
        if (!selected) {
            std::cerr << "bpfcheck: error: " << selected.error().message << "\n";
            bad_input = true;
            continue;
        }
        auto targets = cli_targets->empty() ? parse_kernel_targets(config->kernels) : *cli_targets;
        if (!targets) {
            std::cerr << fmt::format("bpfcheck: error: {}: kernels: {}\n", config->path, targets.error().message);
            return kExitBadInput;
        }
        if (targets->empty()) {
            targets->push_back(KernelTarget{"", running_kernel_version(), true});
        }
        ObjectReport report{path, &loaded, {}};
        for (const model::Program* program : *selected) {
            const TypeChoice choice = type_override(options, *config, *program);
            const std::string& type = choice.type;
            if (!type.empty() && !loader::is_known_program_type(type)) {
                std::cerr << fmt::format("bpfcheck: error: {}: unknown program type '{}' for {}\n", config->path, type,
                                         program->name);
                return kExitBadInput;
            }
            for (const KernelTarget& target : *targets) {
                batch::AnalysisJob job{&loaded, program, fmt::format("{}: {}", path, program->name), {}};
                analyzer::AnalyzeRequest& request = job.request;
                request.options.unprivileged = options.unprivileged;
                request.options.timeout_seconds = options.timeout_seconds;
                request.options.max_memory_mib = options.max_memory_mib;
                request.options.kernel_version = target.version;
                if (const PrivateStackSetting* setting = private_stack.for_program(*program, type, target)) {
                    request.options.private_stack = setting->value;
                    request.options.private_stack_source = setting->source;
                }
                request.options.kernel_types = btf.for_program(loaded, *program, type);
                request.options.kernel_config = kconfig.for_object(loaded, target.running);
                if (target.running) {
                    request.options.helpers_missing_on_running_kernel =
                        helpers_missing_for(*program, type, helpers_called(*program));
                    request.options.kfuncs_missing_on_running_kernel =
                        kfuncs_missing_on_running_kernel(*program, btf.running_kernel());
                    request.options.ksyms_missing_from_kallsyms = ksyms_missing_from_kallsyms(loaded, *program);
                }
                request.type_override = type;
                request.options.attach_type_override = choice.attach;
                request.want_invariants = options.invariants;
                jobs.push_back(std::move(job));
                report.programs.push_back(ProgramReport{
                    program, type.empty() ? program->type : type, {}, targets->size() > 1 ? target.label : "", {}, 0});
            }
        }
        reports.push_back(std::move(report));
        configs.push_back(config);
    }

    std::vector<analyzer::ProgramResult> results = batch::analyze_all(jobs, threads);
    std::size_t next = 0;
    for (std::size_t r = 0; r < reports.size(); ++r) {
        for (ProgramReport& program : reports[r].programs) {
            program.result = std::move(results[next++]);
            program.fingerprints = report::fingerprints(reports[r], program);
            const ci::Baseline* baseline = policy.baseline_for(*configs[r]);
            if (!policy.error().empty()) {
                std::cerr << "bpfcheck: error: " << policy.error() << "\n";
                return kExitBadInput;
            }
            ci::apply_policy(reports[r], program, *configs[r], baseline);
        }
    }
    if (!options.write_baseline.empty()) {
        if (const auto error = ci::write_baseline(options.write_baseline, reports)) {
            std::cerr << "bpfcheck: error: " << *error << "\n";
            return kExitBadInput;
        }
    }

    if (options.format == "text") {
        for (const ObjectReport& report : reports) {
            render_text(std::cout, report, options.invariants);
        }
    } else if (options.format == "json") {
        render_json(std::cout, reports);
    } else if (options.format == "sarif") {
        report::render_sarif(std::cout, reports, {options.source_root});
    } else if (options.format == "github") {
        report::render_github(std::cout, reports, options.source_root);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const batch::Summary summary = batch::summarise(reports, seconds);
    const bool several = summary.programs > 1 || options.format == "github";
    if (several || !options.write_baseline.empty()) {
        std::ostream& out = options.format == "text" || options.format == "github" ? std::cout : std::cerr;
        out << batch::summary_line(summary) << "\n";
    }
    if (!options.write_baseline.empty()) {
        std::cerr << fmt::format("bpfcheck: wrote the baseline {}\n", options.write_baseline);
    }
    if (bad_input || summary.errors != 0) {
        return kExitBadInput;
    }
    if (!options.write_baseline.empty()) {
        return kExitOk;
    }
    return summary.failed != 0 ? kExitViolation : kExitOk;
}

}  // namespace bpfcheck::cli
