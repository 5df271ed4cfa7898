// bpfcheck-oracle: the soundness oracle on objects (files or directories of
// *.o) and on generated programs, optionally against the running kernel.
//
//   bpfcheck-oracle [--runs N] [--seed S] [--type T] OBJ|DIR...
//   bpfcheck-oracle --generate N [--kernel] [--runs N] [--seed S]
//
// Prints one line per program (verdict, runs, traps, states checked,
// violations) and totals; exit status 1 when a violation was found (a trap
// or a concrete state outside the abstract one), or, with --kernel, a
// program the kernel accepts and bpfcheck rejects; 0 otherwise.
#include "cfg/isa/printer.hpp"
#include "cfg/loader/loader.hpp"
#include "oracle/generator.hpp"
#include "oracle/kernel_load.hpp"
#include "oracle/program_object.hpp"
#include "oracle/soundness.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

using namespace bpfcheck;

namespace {

struct Totals {
    int programs = 0;
    int checked = 0;
    int runs = 0;
    int traps = 0;
    int unsupported = 0;
    std::uint64_t steps = 0;
    std::uint64_t states = 0;
    std::uint64_t abstract_states = 0;
    std::uint64_t needed_join = 0;
    int violations = 0;
    int kernel_accepts_bpfcheck_rejects = 0;
    int bpfcheck_passes_kernel_rejects = 0;
    int both_accept = 0;
    int both_reject = 0;
};

void print(const std::string& object, const oracle::ProgramReport& r, Totals& totals, bool verbose) {
    ++totals.programs;
    if (!r.checked) {
        if (verbose) {
            fmt::print("{} {} ({}): {}: skipped: {}\n", object, r.name, r.type, analyzer::verdict_name(r.verdict),
                       r.skipped);
        }
        return;
    }
    ++totals.checked;
    totals.runs += r.runs;
    totals.traps += r.traps;
    totals.unsupported += r.unsupported;
    totals.steps += r.steps;
    totals.states += r.states_checked;
    totals.abstract_states += r.abstract_states;
    totals.needed_join += r.needed_join;
    totals.violations += static_cast<int>(r.violations.size());
    fmt::print(
        "{} {} ({}): runs {} exits {} traps {} unsupported {} budget {}; {} insns run, {} states checked "
        "against {} abstract states ({} in the join only): {}\n",
        object, r.name, r.type, r.runs, r.exits, r.traps, r.unsupported, r.budget, r.steps, r.states_checked,
        r.abstract_states, r.needed_join, r.violations.empty() ? "ok" : "VIOLATION");
    if (!r.first_unsupported.empty() && verbose) {
        fmt::print("    unsupported: {}\n", r.first_unsupported);
    }
    for (const std::string& v : r.violations) {
        fmt::print("    {}\n", v);
    }
}

std::vector<std::string> expand(const std::vector<std::string>& paths) {
    std::vector<std::string> out;
    for (const std::string& path : paths) {
        if (std::filesystem::is_directory(path)) {
            std::vector<std::string> found;
            for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
                if (entry.is_regular_file() && entry.path().extension() == ".o") {
                    found.push_back(entry.path().string());
                }
            }
            std::sort(found.begin(), found.end());
            out.insert(out.end(), found.begin(), found.end());
        } else {
            out.push_back(path);
        }
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"bpfcheck's soundness oracle: the concrete interpreter against the analysis"};
    oracle::OracleOptions options;
    std::vector<std::string> paths;
    std::string type;
    int generate = 0;
    bool kernel = false;
    bool verbose = false;
    double faulty = 0.05;
    app.add_option("paths", paths, "objects or directories of *.o");
    app.add_option("--runs", options.runs, "random inputs per program")->default_val(100);
    app.add_option("--seed", options.seed, "first seed")->default_val(1);
    app.add_option("--type", type, "program type, for sections no convention names");
    app.add_option("--generate", generate, "check N generated programs");
    app.add_option("--faulty", faulty, "generator: chance that a shape is off by one")->default_val(0.05);
    app.add_flag("--kernel", kernel, "generated programs: also load them into the running kernel");
    app.add_flag("-v,--verbose", verbose, "also list skipped programs and unsupported operations");
    bool explain = false;
    app.add_flag("--explain", explain, "generated programs: print each one and bpfcheck's diagnostics");
    std::vector<std::string> inputs;
    app.add_option("--input", inputs, "check fuzz inputs (fuzz/analyzer_fuzz.cpp format), e.g. kept crashers");
    std::string corpus;
    app.add_option("--corpus", corpus, "write each program as a fuzz input (fuzz/analyzer_fuzz.cpp) into DIR");
    CLI11_PARSE(app, argc, argv);
    options.analysis.timeout_seconds = 30;

    Totals totals;
    int written = 0;
    const auto save = [&](const model::Program& program) {
        if (corpus.empty() || !program.load_error.empty()) {
            return;
        }
        std::filesystem::create_directories(corpus);
        const std::vector<std::uint8_t> bytes = oracle::encode_fuzz_input(program);
        std::ofstream out(std::filesystem::path(corpus) / fmt::format("seed-{:05}", written++), std::ios::binary);
        out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    };
    for (const std::string& path : expand(paths)) {
        auto object = loader::load_object(path);
        if (!object) {
            fmt::print("{}: cannot load: {}\n", path, object.error().message);
            continue;
        }
        for (const model::Program& program : object->programs) {
            save(program);
            print(path, oracle::check_program(*object, program, options, type), totals, verbose);
        }
    }
    // A generated or fuzz-input program: the oracle, and the kernel when asked.
    const auto check_built = [&](const std::string& name, const model::BpfObject& object) {
        const model::Program& program = object.programs.front();
        save(program);
        const oracle::ProgramReport report = oracle::check_program(object, program, options);
        if (explain) {
            fmt::print("{}:\n", name);
            for (std::size_t pc = 0; pc < program.insns.size(); ++pc) {
                if (!std::holds_alternative<isa::Imm64Tail>(program.insns[pc])) {
                    fmt::print("  {}: {}\n", pc, isa::format_instruction(program.insns[pc]));
                }
            }
            analyzer::AnalyzeRequest request;
            request.options = options.analysis;
            for (const analyzer::Diagnostic& d : analyzer::analyze_program(object, program, request).diagnostics) {
                fmt::print("  bpfcheck: insn {}: {} [{}]\n", d.insn, d.message, d.id);
                for (const std::string& note : d.notes) {
                    fmt::print("    note: {}\n", note);
                }
            }
        }
        print(name, report, totals, verbose);
        if (kernel) {
            const auto k = oracle::kernel_verdict(object, program);
            if (!k) {
                fmt::print("{}: the kernel cannot be asked (bpf() needs root)\n", name);
                kernel = false;
                return;
            }
            const bool passes = report.verdict == analyzer::Verdict::Pass;
            if (k->accepted && !passes) {
                ++totals.kernel_accepts_bpfcheck_rejects;
                fmt::print("{}: DISAGREE: the kernel accepts, bpfcheck says {}\n", name,
                           analyzer::verdict_name(report.verdict));
            } else if (!k->accepted && passes) {
                ++totals.bpfcheck_passes_kernel_rejects;
                fmt::print("{}: DISAGREE: bpfcheck passes, the kernel rejects: {}\n", name, k->message);
                if (explain) {
                    const std::size_t tail = k->log.size() > 3000 ? k->log.size() - 3000 : 0;
                    fmt::print("kernel log (tail):\n{}\n", k->log.substr(tail));
                }
            } else if (k->accepted) {
                ++totals.both_accept;
            } else {
                ++totals.both_reject;
            }
        }
    };
    for (int i = 0; i < generate; ++i) {
        const std::uint64_t seed = options.seed + static_cast<std::uint64_t>(i);
        oracle::GeneratorOptions gen;
        gen.faulty = faulty;
        check_built(fmt::format("generated#{}", seed), oracle::generate_program(seed, gen));
    }
    for (const std::string& path : inputs) {
        std::ifstream in(path, std::ios::binary);
        const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        check_built(path, oracle::decode_fuzz_input(bytes));
    }
    fmt::print(
        "\n{} programs, {} checked: {} runs, {} instructions executed, {} concrete states checked against {} "
        "abstract states ({} in the join only), {} traps, {} unsupported runs, {} violations\n",
        totals.programs, totals.checked, totals.runs, totals.steps, totals.states, totals.abstract_states,
        totals.needed_join, totals.traps, totals.unsupported, totals.violations);
    if (kernel) {
        fmt::print("kernel: {} both accept, {} both reject, {} only the kernel accepts, {} only bpfcheck passes\n",
                   totals.both_accept, totals.both_reject, totals.kernel_accepts_bpfcheck_rejects,
                   totals.bpfcheck_passes_kernel_rejects);
    }
    return totals.violations > 0 || totals.kernel_accepts_bpfcheck_rejects > 0 ? 1 : 0;
}
