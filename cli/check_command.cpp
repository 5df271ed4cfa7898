// `bpfcheck check`: load each object, analyse the selected programs, render
// the results. Exit 0 when every program is proven safe, 1 on a violation,
// 2 on bad input, usage errors, or an analysis that could not finish.
#include "analyzer/analyzer.hpp"
#include "analyzer/platform/private_stack.hpp"
#include "cfg/loader/loader.hpp"
#include "cfg/loader/section_types.hpp"
#include "cli/check_report.hpp"
#include "cli/commands.hpp"
#include "cli/kernel_btf_option.hpp"
#include "cli/private_stack_option.hpp"
#include "cli/program_selection.hpp"

#include <fmt/format.h>

#include <sys/utsname.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

namespace bpfcheck::cli {

namespace {

// "6.1" or "5.15.120" (anything after a third number is ignored) as KERNEL_VERSION.
std::optional<std::uint32_t> parse_kernel_version(const std::string& text) {
    unsigned major = 0, minor = 0, patch = 0;
    const int fields = std::sscanf(text.c_str(), "%u.%u.%u", &major, &minor, &patch);
    if (fields < 2 || major > 255 || minor > 255) {
        return std::nullopt;
    }
    return (major << 16) | (minor << 8) | std::min(patch, 255U);
}

std::uint32_t running_kernel_version() {
    utsname name{};
    if (uname(&name) != 0) {
        return 0;
    }
    return parse_kernel_version(name.release).value_or(0);
}

}  // namespace

int run_check(const CheckOptions& options) {
    std::uint32_t kernel_version = running_kernel_version();
    if (!options.kernel.empty()) {
        const auto parsed = parse_kernel_version(options.kernel);
        if (!parsed) {
            std::cerr << fmt::format("bpfcheck: error: --kernel wants a version like 6.1 or 5.15.120, not '{}'\n",
                                     options.kernel);
            return kExitBadInput;
        }
        kernel_version = *parsed;
    }
    if (!options.type.empty() && !loader::is_known_program_type(options.type)) {
        std::cerr << fmt::format("bpfcheck: error: unknown program type '{}'\n", options.type);
        return kExitBadInput;
    }
    // Resolved at the first program it concerns: probing the running kernel
    // loads a program, and a check of XDP programs need not.
    std::optional<PrivateStackSetting> private_stack;
    auto private_stack_for = [&](const model::Program& program) -> const PrivateStackSetting* {
        const std::string& type = options.type.empty() ? program.type : options.type;
        if (options.private_stack == "auto" && !analyzer::private_stack_type(type, program.section)) {
            return nullptr;
        }
        if (!private_stack) {
            private_stack = resolve_private_stack(options.private_stack, options.kernel.empty(), kernel_version);
            if (!private_stack->note.empty()) {
                std::cerr << "bpfcheck: note: " << private_stack->note << "\n";
            }
        }
        return &*private_stack;
    };
    KernelBtfOption btf(options.btf);
    if (const auto error = btf.load_explicit()) {
        std::cerr << "bpfcheck: error: --btf: " << *error << "\n";
        return kExitBadInput;
    }
    std::vector<std::unique_ptr<model::BpfObject>> objects;
    std::vector<ObjectReport> reports;
    bool bad_input = false;
    bool violation = false;
    for (const std::string& path : options.objects) {
        auto object = loader::load_object(path);
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
        const model::BpfObject& loaded = *objects.back();
        auto selected = select_programs(loaded, options.programs);
        if (!selected) {
            std::cerr << "bpfcheck: error: " << selected.error().message << "\n";
            bad_input = true;
            continue;
        }
        ObjectReport report{path, &loaded, {}};
        for (const model::Program* program : *selected) {
            analyzer::AnalyzeRequest request;
            request.options.unprivileged = options.unprivileged;
            request.options.timeout_seconds = options.timeout_seconds;
            request.options.max_memory_mib = options.max_memory_mib;
            request.options.kernel_version = kernel_version;
            if (const PrivateStackSetting* setting = private_stack_for(*program)) {
                request.options.private_stack = setting->value;
                request.options.private_stack_source = setting->source;
            }
            request.options.kernel_types = btf.for_program(*program, options.type);
            request.type_override = options.type;
            request.want_invariants = options.invariants;
            ProgramReport program_report{program, options.type.empty() ? program->type : options.type,
                                         analyzer::analyze_program(loaded, *program, request)};
            if (program_report.result.verdict == analyzer::Verdict::Fail) {
                violation = true;
            } else if (program_report.result.verdict == analyzer::Verdict::Error) {
                bad_input = true;
            }
            report.programs.push_back(std::move(program_report));
        }
        if (options.format == "text") {
            render_text(std::cout, report, options.invariants);
        }
        reports.push_back(std::move(report));
    }
    if (options.format == "json") {
        render_json(std::cout, reports);
    } else if (options.format == "sarif") {
        render_sarif(std::cout, reports);
    }
    if (bad_input) {
        return kExitBadInput;
    }
    return violation ? kExitViolation : kExitOk;
}

}  // namespace bpfcheck::cli
