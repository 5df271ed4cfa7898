// `bpfcheck explain [LOG] [--object OBJ] [--program NAME] [--format F]`:
// explains why the kernel's verifier refused a program. LOG is a verifier log
// as people paste it (a file, or - for standard input). With --object the
// log is aligned with the program (instructions, source lines) and bpfcheck's
// own analysis is the second opinion that tells a bug from a kernel limit;
// with --object and no LOG the program is loaded into the running kernel, as
// `compare` does, at log level 1, and the kernel's log is explained; where
// bpf() is not permitted (or with --no-kernel), bpfcheck's own first error is
// explained, saying that no kernel was asked. Exit 0: nothing to explain (the
// kernel accepts the program), 1: a rejection explained, 2: bad input.
#include "cli/explain/explain_command.hpp"

#include "analyzer/analyzer.hpp"
#include "analyzer/platform/private_stack.hpp"
#include "cfg/isa/printer.hpp"
#include "cfg/loader/loader.hpp"
#include "cli/check_report.hpp"
#include "cli/commands.hpp"
#include "cli/explain/explain_render.hpp"
#include "cli/kernel/kallsyms_presence.hpp"
#include "cli/kernel/kernel_loader.hpp"
#include "cli/kernel/kfunc_presence.hpp"
#include "cli/kernel_btf_option.hpp"
#include "cli/kernel_config_option.hpp"
#include "cli/private_stack_option.hpp"
#include "cli/program_selection.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <sys/utsname.h>

namespace bpfcheck::cli {

namespace {

std::optional<std::string> read_input(const std::string& path) {
    if (path == "-") {
        return std::string(std::istreambuf_iterator<char>(std::cin), {});
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return std::nullopt;
    }
    return std::string(std::istreambuf_iterator<char>(file), {});
}

explain::ProgramContext program_context(const model::BpfObject& object, const model::Program& program) {
    explain::ProgramContext context;
    context.name = program.name;
    context.insns.resize(program.insns.size());
    for (std::uint32_t i = 0; i < program.insns.size(); ++i) {
        if (std::holds_alternative<isa::Imm64Tail>(program.insns[i])) {
            continue;
        }
        std::string text = isa::format_with_opcode(program.insns[i], program.slots[i].opcode, program.refs[i].symbol);
        if (text.size() > 5 && text[0] == '(' && text[3] == ')') {
            text.erase(0, 5);  // "(79) "
        }
        const SourceLocation location = locate(object, program, i);
        std::string source = location.text;
        source.erase(0, source.find_first_not_of(" \t"));
        context.insns[i] = {text, location.file, location.line, source};
    }
    return context;
}

explain::SecondOpinion second_opinion(const model::BpfObject& object, const model::Program& program,
                                      const ExplainOptions& options, KernelBtfOption& btf) {
    explain::SecondOpinion opinion;
    analyzer::AnalyzeRequest request;
    request.options.unprivileged = options.unprivileged;
    request.options.timeout_seconds = options.timeout_seconds;
    const std::string type_option = type_option_for(program, options.type);
    request.options.kernel_types = btf.for_program(object, program, type_option);
    request.type_override = type_option;
    request.want_invariants = true;
    // The target is the running kernel, as for `check` without --kernel.
    utsname name{};
    unsigned major = 0, minor = 0, patch = 0;
    if (uname(&name) == 0 && std::sscanf(name.release, "%u.%u.%u", &major, &minor, &patch) >= 2 && major < 256 &&
        minor < 256) {
        request.options.kernel_version = (major << 16) | (minor << 8) | std::min(patch, 255U);
    }
    KernelConfigOption kconfig("");  // the running kernel's, as libbpf reads it
    request.options.kernel_config = kconfig.for_object(object, true);
    request.options.kfuncs_missing_on_running_kernel = kfuncs_missing_on_running_kernel(program, btf.running_kernel());
    request.options.ksyms_missing_from_kallsyms = ksyms_missing_from_kallsyms(object, program);
    const std::string& type = type_option.empty() ? program.type : type_option;
    if (analyzer::private_stack_type(type, program.section)) {
        const PrivateStackSetting setting = resolve_private_stack("auto", true, request.options.kernel_version);
        request.options.private_stack = setting.value;
        request.options.private_stack_source = setting.source;
    }
    const analyzer::ProgramResult result = analyzer::analyze_program(object, program, request);
    opinion.ran = true;
    opinion.verdict = std::string(analyzer::verdict_name(result.verdict));
    opinion.note = result.error;
    opinion.invariants = result.invariants;
    for (const analyzer::Diagnostic& d : result.diagnostics) {
        if (d.severity == analyzer::Severity::Note) {
            continue;
        }
        opinion.diagnostics.push_back({d.id, d.insn, d.message, d.hint, d.severity == analyzer::Severity::Error});
    }
    return opinion;
}

void render(const ExplainOptions& options, const explain::Explanation& explanation) {
    if (options.format == "json") {
        render_explain_json(std::cout, explanation);
    } else if (options.format == "html") {
        render_explain_html(std::cout, explanation);
    } else {
        render_explain_text(std::cout, explanation);
    }
}

// A text with no instruction, state or statistics line is a log only when the
// catalog knows its one line.
bool plausible(const explain::KernelLog& log) {
    return !log.entries.empty() || log.stats.insns_processed || explain::match_catalog(log.error).entry != nullptr;
}

}  // namespace

int run_explain(const ExplainOptions& options) {
    if (options.catalog) {
        for (const explain::CatalogEntry& entry : explain::catalog()) {
            if (options.format == "json") {
                std::cout << nlohmann::json{{"key", entry.key},
                                            {"pattern", entry.pattern},
                                            {"id", entry.id},
                                            {"category", explain::category_name(entry.category)},
                                            {"explanation", entry.explanation},
                                            {"fix", entry.fix}}
                                 .dump()
                          << "\n";
            } else {
                std::cout << fmt::format("{} [{}, {}]\n  /{}/\n  {}\n  fix: {}\n", entry.key, entry.id,
                                         explain::category_name(entry.category), entry.pattern, entry.explanation,
                                         entry.fix);
            }
        }
        return kExitOk;
    }
    if (options.log.empty() && options.object.empty()) {
        std::cerr << "bpfcheck: error: explain needs a verifier log (a file, or - for standard input) or --object\n";
        return kExitBadInput;
    }
    std::optional<explain::KernelLog> log;
    if (!options.log.empty()) {
        const std::optional<std::string> text = read_input(options.log);
        if (!text) {
            std::cerr << fmt::format("bpfcheck: error: cannot read {}\n", options.log);
            return kExitBadInput;
        }
        explain::ParsedLog parsed = explain::parse_kernel_log(*text);
        if (!parsed.log || !plausible(*parsed.log)) {
            std::cerr << fmt::format("bpfcheck: error: {} is not a verifier log: {}\n", options.log,
                                     parsed.refusal.empty() ? "no instruction, state or statistics line, and no "
                                                              "message the catalog knows"
                                                            : parsed.refusal);
            return kExitBadInput;
        }
        log = std::move(parsed.log);
        if (options.object.empty()) {
            const explain::Explanation explanation = explain::explain_log(*log, nullptr, nullptr);
            render(options, explanation);
            return log->error.empty() ? kExitOk : kExitViolation;
        }
    }
    auto object = loader::load_object(options.object);
    if (!object) {
        std::cerr << "bpfcheck: error: " << object.error().message << "\n";
        return kExitBadInput;
    }
    std::vector<std::string> wanted;
    if (!options.program.empty()) {
        wanted.push_back(options.program);
    } else if (log && !log->program.empty()) {
        wanted.push_back(log->program);
    }
    auto selected = select_programs(*object, wanted);
    if (!selected) {
        std::cerr << "bpfcheck: error: " << selected.error().message << "\n";
        return kExitBadInput;
    }
    if (selected->size() != 1) {
        std::cerr << fmt::format("bpfcheck: error: {} has {} programs: name one with --program\n", options.object,
                                 selected->size());
        return kExitBadInput;
    }
    const model::Program& program = *selected->front();
    KernelBtfOption btf(options.btf);
    if (const auto error = btf.load_explicit()) {
        std::cerr << "bpfcheck: error: --btf: " << *error << "\n";
        return kExitBadInput;
    }
    const explain::ProgramContext context = program_context(*object, program);
    const explain::SecondOpinion opinion = second_opinion(*object, program, options, btf);
    if (!log) {
        std::string why = options.no_kernel ? "--no-kernel" : "";
        if (why.empty()) {
            const KernelAvailability kernel = probe_kernel();
            if (!kernel.available) {
                why = kernel.reason;
            }
        }
        if (!why.empty()) {
            const explain::Explanation explanation = explain::explain_opinion(context, opinion, why);
            render(options, explanation);
            return explanation.id.empty() ? kExitOk : kExitViolation;
        }
        KernelLoadOptions load;
        load.type = options.type;
        load.unprivileged = options.unprivileged;
        load.log_level = 1;
        load.keep_log = true;
        const KernelResult result = load_in_kernel(*object, {&program}, load).front();
        if (result.verdict == KernelVerdict::Accept) {
            std::cout << fmt::format("the running kernel accepts program {}: nothing to explain\n", program.name);
            return kExitOk;
        }
        if (result.verdict != KernelVerdict::Reject) {
            explain::Explanation explanation = explain::explain_opinion(
                context, opinion, fmt::format("the load failed before the verifier ran: {}", result.error));
            // A map no kernel creates is the object's fault; anything else
            // before the verifier (a kfunc or a symbol this kernel lacks, a
            // missing privilege) is the environment's.
            const bool map_refused =
                std::any_of(opinion.diagnostics.begin(), opinion.diagnostics.end(),
                            [](const explain::OpinionDiagnostic& d) { return d.id == "map.create"; });
            explanation.category = map_refused ? explain::Category::Bug : explain::Category::Environment;
            explanation.category_reason = (map_refused ? "the object declares a map the kernel refuses to create: "
                                                       : "the kernel refused the program before verifying it: ") +
                                          result.error;
            render(options, explanation);
            return kExitViolation;
        }
        explain::ParsedLog parsed = explain::parse_kernel_log(result.log);
        if (!parsed.log) {
            explain::Explanation explanation =
                explain::explain_opinion(context, opinion, "the kernel refused the program without a log");
            render(options, explanation);
            return kExitViolation;
        }
        log = std::move(parsed.log);
    }
    const explain::Explanation explanation = explain::explain_log(*log, &context, &opinion);
    render(options, explanation);
    return log->error.empty() ? kExitOk : kExitViolation;
}

}  // namespace bpfcheck::cli
