// Mutation fuzzing of the object loader, the CFG builder and the printer.
//
// Seeds are real BPF objects (xdp-tools' /usr/lib/x86_64-linux-gnu/bpf/*.o
// and the repository's test-data/examples/*.o). Each seed yields mutants of
// twelve kinds: bit flips, byte overwrites, truncation, corrupted ELF header
// fields, section headers, relocation entries, symbols, instructions, BTF and
// DWARF bytes (with .BTF.ext hidden, so DWARF is read), the values of
// relocated symbols and instructions, and stacked combinations. Every mutant goes through
// loader::load_object_from_memory and, when accepted, cfg::Cfg::build and
// isa::format_instruction for every program, plus the invariants that
// bpf_object.hpp documents (one ref / line per slot, indices in range).
// Input is hostile: any crash, sanitizer report, uncaught exception,
// violated invariant or run longer than the bound is a failure.
//
// Each mutant runs in a forked child so one crash does not hide the rest;
// the report lists every failing mutant with its seed, index and mutation,
// which the environment variables below replay:
//   BPFCHECK_FUZZ_SEEDS=a.o:dir/   seed files or directories (default: see CMake)
//   BPFCHECK_FUZZ_PER_SEED=N       mutants per seed (default: enough for >= 1200)
//   BPFCHECK_FUZZ_ONLY=SEED_NAME#I one mutant only
//   BPFCHECK_FUZZ_NOFORK=1         run in-process (for a debugger or a sanitizer stack)
//   BPFCHECK_FUZZ_DUMP=DIR         write every failing mutant to DIR
// The random generator is self-contained (no std:: distributions), so the
// mutants are the same on every platform.
#include "cfg/cfg.hpp"
#include "cfg/isa/printer.hpp"
#include "cfg/loader/loader.hpp"
#include "tests/loader/elf_mutation.hpp"

#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#ifndef BPFCHECK_FUZZ_SEED_DIRS
#define BPFCHECK_FUZZ_SEED_DIRS "/usr/lib/x86_64-linux-gnu/bpf"
#endif

#if defined(__SANITIZE_ADDRESS__)
#define BPFCHECK_FUZZ_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define BPFCHECK_FUZZ_SANITIZED 1
#endif
#endif
#ifndef BPFCHECK_FUZZ_SANITIZED
#define BPFCHECK_FUZZ_SANITIZED 0
#endif

namespace fs = std::filesystem;
using namespace bpfcheck;
using namespace bpfcheck::fuzz;

namespace {

constexpr std::uint64_t kBaseSeed = 0x6270666368656b21ULL;  // "bpfchek!"
constexpr std::size_t kMinimumMutants = 2400;
// Bound per input: 2 s, scaled for the sanitizer build, which runs ~5-10x slower.
constexpr double kBoundSeconds = BPFCHECK_FUZZ_SANITIZED ? 20.0 : 2.0;
constexpr unsigned kHardKillSeconds = BPFCHECK_FUZZ_SANITIZED ? 120 : 30;

// Child exit codes; anything else (a signal, a sanitizer's exit 1) is a crash.
enum Outcome : int {
    kAccepted = 0,     // loaded, CFG built for every program
    kCfgRejected = 3,  // loaded, but Cfg::build returned an error for a program
    kRejected = 4,     // the loader returned an error
    kException = 5,    // an exception escaped
    kSlow = 6,         // took longer than the bound
    kInvariant = 7,    // the loaded object breaks a documented invariant
};

constexpr std::size_t kKinds = 12;  // the eleven mutators, then "stacked"

struct Mutant {
    std::string seed;
    std::size_t index = 0;
    std::string kind;
    std::string description;
    Bytes bytes;
};

Mutant make_mutant(const Seed& seed, std::size_t index) {
    Rng rng(kBaseSeed ^ fnv1a(seed.name) ^ (0x9e3779b97f4a7c15ULL * (index + 1)));
    Mutant m{seed.name, index, {}, {}, seed.bytes};
    const std::size_t kind = index % kKinds;
    if (kind < mutators().size()) {
        m.kind = mutators()[kind].first;
        m.description = mutators()[kind].second(seed, m.bytes, rng);
    } else {
        m.kind = "stacked";
        const std::uint64_t count = 2 + rng.below(3);
        for (std::uint64_t i = 0; i < count && !m.bytes.empty(); ++i) {
            const auto& [name, mutate] = mutators()[rng.below(mutators().size())];
            if (std::string_view(name) == "truncation" && i + 1 < count) {
                continue;  // truncating first would leave the others nothing to aim at
            }
            m.description += (m.description.empty() ? "" : "; ") + mutate(seed, m.bytes, rng);
        }
    }
    return m;
}

bool invariants_hold(const model::BpfObject& object, std::string& why) {
    std::ostringstream out;
    for (const auto& map : object.maps) {
        if (map.inner_map != model::kNoIndex && map.inner_map >= object.maps.size()) {
            out << "map " << map.name << ": inner_map out of range";
        }
    }
    for (const auto& program : object.programs) {
        if (!program.load_error.empty()) {  // refused alone: nothing linked, a message naming it
            if (!program.slots.empty() || !program.insns.empty() ||
                program.load_error.find(program.name) == std::string::npos) {
                out << program.name << ": a refused program carries code or an error not naming it; ";
            }
            continue;
        }
        const std::size_t n = program.slots.size();
        if (program.insns.size() != n || program.refs.size() != n || program.line_of.size() != n ||
            program.line_starts.size() != n) {
            out << program.name << ": per-slot vectors differ in size (slots " << n << ", insns "
                << program.insns.size() << ", refs " << program.refs.size() << ", line_of " << program.line_of.size()
                << ", line_starts " << program.line_starts.size() << "); ";
        }
        std::size_t covered = 0;
        for (std::size_t f = 0; f < program.functions.size(); ++f) {
            const auto& piece = program.functions[f];
            if (piece.function >= object.functions.size() || piece.start != covered) {
                out << program.name << ": linked function " << f << " misplaced; ";
            }
            covered += piece.size;
        }
        if (program.functions.empty() || covered != n) {
            out << program.name << ": linked functions cover " << covered << " of " << n << " slots; ";
        }
        for (std::size_t i = 0; i < n && i < program.refs.size() && i < program.line_of.size(); ++i) {
            const auto& ref = program.refs[i];
            if ((ref.map_index != model::kNoIndex && ref.map_index >= object.maps.size()) ||
                (ref.target_insn != model::kNoIndex && ref.target_insn >= n) ||
                (program.line_of[i] != model::kNoIndex && program.line_of[i] >= object.lines.size())) {
                out << program.name << ": instruction " << i << " refers out of range; ";
                break;
            }
        }
        for (const auto& core : program.core_relocs) {
            if (core.insn >= n) {
                out << program.name << ": CO-RE record at " << core.insn << " beyond the program; ";
            }
        }
    }
    why = out.str();
    return why.empty();
}

// Everything a CLI command would do with the mutant. Returns an Outcome.
int exercise(const Bytes& bytes, std::string& detail) {
    const auto start = std::chrono::steady_clock::now();
    int outcome = kAccepted;
    try {
        auto object = loader::load_object_from_memory(bytes, "mutant.o");
        if (!object) {
            detail = object.error().message;
            outcome = kRejected;
        } else if (!invariants_hold(*object, detail)) {
            outcome = kInvariant;
        } else {
            const bool all_refused = std::all_of(object->programs.begin(), object->programs.end(),
                                                 [](const auto& p) { return !p.load_error.empty(); });
            if (all_refused && !object->programs.empty()) {
                detail = object->programs.front().load_error;
                outcome = kRejected;
            }
            for (const auto& program : object->programs) {
                if (!program.load_error.empty()) {
                    continue;
                }
                std::vector<std::uint32_t> starts;
                for (const auto& piece : program.functions) {
                    starts.push_back(piece.start);
                }
                std::size_t printed = 0;
                for (std::size_t i = 0; i < program.insns.size(); ++i) {
                    printed += isa::format_instruction(program.insns[i], program.refs[i].symbol).size();
                    printed += isa::format_with_opcode(program.insns[i], program.slots[i].opcode).size();
                }
                auto graph = cfg::Cfg::build(program.insns, starts);
                if (!graph) {
                    detail = graph.error().message;
                    outcome = kCfgRejected;
                    continue;
                }
                for (const auto& function : graph->functions()) {
                    printed += function.wto.to_string().size();
                }
                printed += graph
                               ->to_dot(program.name,
                                        [&](std::uint32_t i) { return isa::format_instruction(program.insns[i]); })
                               .size();
                if (printed == 0) {
                    detail = "nothing printed";
                    outcome = kInvariant;
                }
            }
        }
    } catch (const std::exception& error) {
        detail = std::string("exception: ") + error.what();
        return kException;
    } catch (...) {
        detail = "unknown exception";
        return kException;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (seconds > kBoundSeconds) {
        detail = "took " + std::to_string(seconds) + " s";
        return kSlow;
    }
    return outcome;
}

struct Result {
    int outcome = kAccepted;  // an Outcome, or -1 for a crash
    std::string detail;
    double seconds = 0;
};

Result run_in_child(const Bytes& bytes) {
    std::cout.flush();
    std::cerr.flush();
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid < 0) {
        return {-1, std::string("fork failed: ") + std::strerror(errno), 0};
    }
    if (pid == 0) {
        // Catch2's fatal-signal handlers would report the child as a finished
        // test run; the parent reports instead.
        for (const int sig : {SIGSEGV, SIGABRT, SIGFPE, SIGBUS, SIGILL}) {
            std::signal(sig, SIG_DFL);
        }
        alarm(kHardKillSeconds);
        if (!BPFCHECK_FUZZ_SANITIZED) {
            const rlimit memory{4ULL << 30, 4ULL << 30};  // a runaway allocation fails instead of swapping
            setrlimit(RLIMIT_AS, &memory);
        }
        std::string detail;
        _exit(exercise(bytes, detail));
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    Result result;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (WIFSIGNALED(status)) {
        result.outcome = -1;
        result.detail = std::string("killed by signal ") + std::to_string(WTERMSIG(status)) + " (" +
                        strsignal(WTERMSIG(status)) + ")";
    } else {
        const int code = WEXITSTATUS(status);
        const bool known = code == kAccepted || code == kCfgRejected || code == kRejected || code == kException ||
                           code == kSlow || code == kInvariant;
        result.outcome = known ? code : -1;
        if (!known) {
            result.detail =
                "exited with " + std::to_string(code) + " (a sanitizer report or a fatal error, see stderr)";
        }
    }
    return result;
}

std::vector<Seed> load_seeds(std::string& where) {
    const char* env = std::getenv("BPFCHECK_FUZZ_SEEDS");
    where = env != nullptr ? env : BPFCHECK_FUZZ_SEED_DIRS;
    std::vector<fs::path> files;
    std::stringstream list(where);
    for (std::string item; std::getline(list, item, ':');) {
        std::error_code error;
        if (fs::is_directory(item, error)) {
            for (const auto& entry : fs::directory_iterator(item, error)) {
                if (entry.path().extension() == ".o") {
                    files.push_back(entry.path());
                }
            }
        } else if (fs::is_regular_file(item, error)) {
            files.emplace_back(item);
        }
    }
    std::sort(files.begin(), files.end());
    std::vector<Seed> seeds;
    for (const auto& path : files) {
        std::ifstream in(path, std::ios::binary);
        Seed seed{path.filename().string(), Bytes(std::istreambuf_iterator<char>(in), {}), {}};
        if (seed.bytes.size() < 64) {
            continue;
        }
        // Seeds must load: a mutant of a broken seed tests nothing.
        if (!loader::load_object_from_memory(seed.bytes, seed.name)) {
            WARN("seed " << path << " does not load; skipped");
            continue;
        }
        seed.sections = parse_sections(seed.bytes, seed.shstrtab_offset);
        seeds.push_back(std::move(seed));
    }
    return seeds;
}

}  // namespace

TEST_CASE("mutated BPF objects never crash the loader, the CFG builder or the printer", "[loader][fuzz]") {
    std::string where;
    const std::vector<Seed> seeds = load_seeds(where);
    if (seeds.empty()) {
        WARN("SKIPPED: no seed objects found in " << where
                                                  << " (install xdp-tools, or set BPFCHECK_FUZZ_SEEDS=file.o:dir)");
        return;
    }
    std::size_t per_seed = (kMinimumMutants + seeds.size() - 1) / seeds.size();
    if (const char* env = std::getenv("BPFCHECK_FUZZ_PER_SEED")) {
        per_seed = std::strtoull(env, nullptr, 10);
    }
    const char* only = std::getenv("BPFCHECK_FUZZ_ONLY");
    const bool no_fork = std::getenv("BPFCHECK_FUZZ_NOFORK") != nullptr;
    const char* dump = std::getenv("BPFCHECK_FUZZ_DUMP");

    std::map<int, std::size_t> totals;
    std::map<std::string, std::map<int, std::size_t>> by_kind;
    std::vector<std::string> failures;
    double slowest = 0;
    std::string slowest_name;
    std::size_t ran = 0;
    for (const Seed& seed : seeds) {
        for (std::size_t index = 0; index < per_seed; ++index) {
            const std::string name = seed.name + "#" + std::to_string(index);
            if (only != nullptr && name != only) {
                continue;
            }
            const Mutant mutant = make_mutant(seed, index);
            ++ran;
            Result result;
            if (no_fork) {
                INFO("mutant " << name << " (" << mutant.kind << "): " << mutant.description);
                const auto start = std::chrono::steady_clock::now();
                result.outcome = exercise(mutant.bytes, result.detail);
                result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                if (only != nullptr) {
                    std::cout << name << ": outcome " << result.outcome << ": " << result.detail << "\n";
                }
            } else {
                result = run_in_child(mutant.bytes);
            }
            ++totals[result.outcome];
            ++by_kind[mutant.kind][result.outcome];
            if (result.seconds > slowest) {
                slowest = result.seconds;
                slowest_name = name;
            }
            const bool bad = result.outcome == -1 || result.outcome == kException || result.outcome == kSlow ||
                             result.outcome == kInvariant;
            if (bad) {
                std::ostringstream line;
                line << name << " [" << mutant.kind << ": " << mutant.description << "]: "
                     << (result.outcome == kException   ? "uncaught exception"
                         : result.outcome == kSlow      ? "slower than the bound"
                         : result.outcome == kInvariant ? "object invariant violated"
                                                        : "crash")
                     << (result.detail.empty() ? "" : " - " + result.detail);
                failures.push_back(line.str());
                if (dump != nullptr) {
                    fs::create_directories(dump);
                    std::ofstream out(fs::path(dump) / (name + ".o"), std::ios::binary);
                    out.write(reinterpret_cast<const char*>(mutant.bytes.data()),
                              static_cast<std::streamsize>(mutant.bytes.size()));
                }
            }
        }
    }
    const auto count = [&](const std::map<int, std::size_t>& m, int outcome) {
        const auto found = m.find(outcome);
        return found == m.end() ? std::size_t{0} : found->second;
    };
    std::ostringstream summary;
    summary << ran << " mutants of " << seeds.size() << " seed objects (" << where << "): " << count(totals, kAccepted)
            << " accepted, " << count(totals, kCfgRejected) << " loaded but rejected by the CFG builder, "
            << count(totals, kRejected) << " rejected by the loader, " << failures.size() << " failed; slowest "
            << slowest << " s (" << slowest_name << ")\n";
    for (const auto& [kind, outcomes] : by_kind) {
        summary << "  " << kind << ": " << count(outcomes, kAccepted) << " accepted, " << count(outcomes, kCfgRejected)
                << " cfg-rejected, " << count(outcomes, kRejected) << " rejected, "
                << count(outcomes, -1) + count(outcomes, kException) + count(outcomes, kSlow) +
                       count(outcomes, kInvariant)
                << " failed\n";
    }
    std::cout << summary.str();
    for (const auto& failure : failures) {
        std::cout << "FAILED " << failure << "\n";
    }
    if (only == nullptr) {
        CHECK(ran >= std::min<std::size_t>(kMinimumMutants, per_seed * seeds.size()));
    }
    CHECK(failures.empty());
}
