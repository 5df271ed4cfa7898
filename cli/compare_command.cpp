// `bpfcheck compare`: every program of every object, bpfcheck's verdict, time
// and memory beside the running kernel's verdict and verifier statistics.
// Exit 0 when every program agrees (or the kernel cannot say), 1 when some
// disagree, 2 on bad input.
//
// Memory: each program is analysed first in a child process forked for it,
// so that one analysis neither inherits the heap another left behind nor, if
// it crashes or runs away, takes the comparison down. The child returns freed
// memory to the system (malloc_trim, and tcmalloc's own release), resets its peak resident set to the
// current one (writing 5 to /proc/self/clear_refs, Linux 4.0+), analyses, and
// reports VmHWM minus the resident set it started from: the analysis's own
// peak growth, to the page. Pages shared with the parent count once they are
// touched, which an analysis does not do to the loaded object beyond reading
// it. Where clear_refs cannot be written the figure falls back to the growth
// of ru_maxrss, which starts at the parent's resident set and is coarser;
// where fork fails the analysis runs in this process, measured the same way.
//
// Time: that child pays a page fault for every page it touches (its heap was
// just trimmed, the parent's pages are copy-on-write), up to a few tenths of
// a millisecond on a small program, which would dwarf the kernel's median
// verification time. So the time is measured again in this process, as a
// benchmark harness does: one warm-up run (the fork left this process's own
// pages copy-on-write too, so its first writes fault as well), then the
// median of three runs of the same deterministic analysis; a program whose
// warm-up took over 100 ms reports the warm-up alone (faults no longer
// matter at that size). An analysis the child could not finish (error,
// crash, timeout) is not run again.
#include "cfg/loader/loader.hpp"
#include "cfg/loader/section_types.hpp"
#include "cli/commands.hpp"
#include "cli/compare_report.hpp"
#include "cli/kernel/kallsyms_presence.hpp"
#include "cli/kernel/kfunc_presence.hpp"
#include "cli/kernel_btf_option.hpp"
#include "cli/kernel_config_option.hpp"
#include "cli/private_stack_option.hpp"
#include "cli/program_selection.hpp"
#include "domains/block_pool.hpp"

#include <dlfcn.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <malloc.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

namespace bpfcheck::cli {

namespace {

// ---------------------------------------------------------------------------
// Inputs

// OBJ stays itself; DIR becomes every *.o under it, recursively, sorted.
Expected<std::vector<std::string>> expand_input(const std::string& input) {
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::file_status status = fs::status(input, error);
    if (error || !fs::exists(status)) {
        return Error{fmt::format("{}: no such file or directory", input)};
    }
    if (!fs::is_directory(status)) {
        return std::vector<std::string>{input};
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, error), end;
         !error && it != end; it.increment(error)) {
        std::error_code entry_error;  // a dangling symbolic link is skipped, not an error
        if (it->path().extension() == ".o" && it->is_regular_file(entry_error)) {
            found.push_back(it->path().string());
        }
    }
    if (error) {
        return Error{fmt::format("{}: cannot list the directory: {}", input, error.message())};
    }
    if (found.empty()) {
        return Error{fmt::format("{}: no *.o file in this directory", input)};
    }
    std::sort(found.begin(), found.end());
    return found;
}

// The running kernel as KERNEL_VERSION(a, b, c), as `check` assumes by default.
std::uint32_t running_kernel_version() {
    utsname name{};
    unsigned major = 0;
    unsigned minor = 0;
    unsigned patch = 0;
    if (uname(&name) != 0 || std::sscanf(name.release, "%u.%u.%u", &major, &minor, &patch) < 2 || major > 255 ||
        minor > 255) {
        return 0;
    }
    return (major << 16) | (minor << 8) | std::min(patch, 255U);
}

// ---------------------------------------------------------------------------
// Measuring one analysis

std::optional<std::uint64_t> status_kib(const char* field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with(field)) {
            return std::strtoull(line.c_str() + std::strlen(field), nullptr, 10);
        }
    }
    return std::nullopt;
}

bool reset_peak_rss() {
    std::ofstream clear_refs("/proc/self/clear_refs");
    clear_refs << "5";
    clear_refs.flush();
    return static_cast<bool>(clear_refs);
}

std::string first_error(const analyzer::ProgramResult& result) {
    if (result.verdict == analyzer::Verdict::Error) {
        return result.error;
    }
    for (const analyzer::Diagnostic& d : result.diagnostics) {
        if (d.severity == analyzer::Severity::Error) {
            return fmt::format("insn {}: {} [{}]", d.insn, d.message, d.id);
        }
    }
    return "";
}

// Returns the heap's free memory to the system: glibc's malloc_trim,
// tcmalloc's MallocExtension_ReleaseFreeMemory where the executable links
// tcmalloc (CMakeLists.txt; looked up at run time, no header needed), whose
// free spans malloc_trim does not see, and the state pool's chunks
// (domains/block_pool.hpp). Otherwise an analysis would reuse
// pages already resident and its peak growth would read near zero.
void release_free_heap() {
    domains::block_pool::release_idle_chunks();
    malloc_trim(0);
    using Release = void (*)();
    if (auto* release = reinterpret_cast<Release>(dlsym(RTLD_DEFAULT, "MallocExtension_ReleaseFreeMemory"))) {
        release();
    }
}

BpfcheckMeasure analyze_and_measure(const model::BpfObject& object, const model::Program& program,
                                    const analyzer::AnalyzeRequest& request) {
    release_free_heap();
    const bool reset = reset_peak_rss();
    const std::optional<std::uint64_t> rss_before = status_kib("VmRSS:");
    rusage usage_before{};
    getrusage(RUSAGE_SELF, &usage_before);

    const analyzer::ProgramResult result = analyzer::analyze_program(object, program, request);

    rusage usage_after{};
    getrusage(RUSAGE_SELF, &usage_after);
    const std::optional<std::uint64_t> peak = status_kib("VmHWM:");
    BpfcheckMeasure measure;
    measure.verdict = result.verdict;
    measure.time_ms = result.time_ms;
    measure.error = first_error(result);
    if (reset && peak && rss_before) {
        measure.peak_kib = *peak > *rss_before ? *peak - *rss_before : 0;
        measure.process_peak_kib = *peak;
    } else {
        measure.peak_kib = static_cast<std::uint64_t>(std::max(0L, usage_after.ru_maxrss - usage_before.ru_maxrss));
        measure.process_peak_kib = static_cast<std::uint64_t>(usage_after.ru_maxrss);
    }
    return measure;
}

nlohmann::json measure_json(const BpfcheckMeasure& m) {
    return {{"verdict", static_cast<int>(m.verdict)},
            {"time_ms", m.time_ms},
            {"peak_kib", m.peak_kib},
            {"process_peak_kib", m.process_peak_kib},
            {"error", m.error}};
}

BpfcheckMeasure measure_from_json(const nlohmann::json& j) {
    BpfcheckMeasure m;
    m.verdict = static_cast<analyzer::Verdict>(j.at("verdict").get<int>());
    m.time_ms = j.at("time_ms").get<double>();
    m.peak_kib = j.at("peak_kib").get<std::uint64_t>();
    m.process_peak_kib = j.at("process_peak_kib").get<std::uint64_t>();
    m.error = j.at("error").get<std::string>();
    return m;
}

BpfcheckMeasure failed_measure(std::string why) {
    BpfcheckMeasure m;
    m.verdict = analyzer::Verdict::Error;
    m.error = std::move(why);
    return m;
}

[[noreturn]] void child_main(int out, const model::BpfObject& object, const model::Program& program,
                             const analyzer::AnalyzeRequest& request) {
    std::string text;
    try {
        text = measure_json(analyze_and_measure(object, program, request)).dump();
    } catch (const std::exception& error) {
        text = measure_json(failed_measure(fmt::format("internal error: {}", error.what()))).dump();
    }
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = write(out, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            _exit(1);
        }
        written += static_cast<std::size_t>(n);
    }
    _exit(0);  // no destructors, no flushing of buffers inherited from the parent
}

// Reads the child's report until it closes the pipe or `limit` passes.
bool read_report(int in, std::chrono::steady_clock::time_point limit, std::string& text) {
    char buffer[4096];
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(limit - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            return false;
        }
        pollfd poll_fd{in, POLLIN, 0};
        const int ready = poll(&poll_fd, 1, static_cast<int>(std::min<std::int64_t>(left.count(), 60'000)));
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready <= 0) {
            continue;  // re-check the limit
        }
        const ssize_t n = read(in, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return true;
        }
        text.append(buffer, static_cast<std::size_t>(n));
    }
}

BpfcheckMeasure analyze_in_child(const model::BpfObject& object, const model::Program& program,
                                 const analyzer::AnalyzeRequest& request) {
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        return analyze_and_measure(object, program, request);
    }
    const pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return analyze_and_measure(object, program, request);
    }
    if (pid == 0) {
        close(fds[0]);
        child_main(fds[1], object, program, request);
    }
    close(fds[1]);
    // The analysis ends itself at its timeout; this limit only catches a child that does not.
    const double limit_seconds = request.options.timeout_seconds * 2 + 30;
    std::string text;
    const bool finished = read_report(
        fds[0],
        std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<std::int64_t>(limit_seconds * 1000)),
        text);
    close(fds[0]);
    if (!finished) {
        kill(pid, SIGKILL);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!finished) {
        return failed_measure(fmt::format("analysis killed after {:g} s", limit_seconds));
    }
    if (WIFSIGNALED(status)) {
        return failed_measure(
            fmt::format("analysis crashed (signal {}: {})", WTERMSIG(status), strsignal(WTERMSIG(status))));
    }
    try {
        return measure_from_json(nlohmann::json::parse(text));
    } catch (const std::exception&) {
        return failed_measure(fmt::format("analysis process exited {} without a report", WEXITSTATUS(status)));
    }
}

// Memory and verdict from a child; time from a warm run here (see the top).
BpfcheckMeasure measure_program(const model::BpfObject& object, const model::Program& program,
                                const analyzer::AnalyzeRequest& request) {
    BpfcheckMeasure measure = analyze_in_child(object, program, request);
    if (measure.verdict == analyzer::Verdict::Error) {
        return measure;
    }
    constexpr double kWarmupOnlyMs = 100;
    constexpr int kSamples = 3;
    measure.time_ms = analyzer::analyze_program(object, program, request).time_ms;
    if (measure.time_ms > kWarmupOnlyMs) {
        return measure;
    }
    std::array<double, kSamples> samples{};
    for (double& sample : samples) {
        sample = analyzer::analyze_program(object, program, request).time_ms;
    }
    std::sort(samples.begin(), samples.end());
    measure.time_ms = samples[kSamples / 2];
    return measure;
}

// ---------------------------------------------------------------------------

struct Comparison {
    std::vector<CompareRow> rows;
    bool bad_input = false;
};

void compare_object(const std::string& path, const CompareOptions& options, const KernelAvailability& kernel,
                    std::uint32_t kernel_version, const PrivateStackSetting& private_stack, KernelBtfOption& btf,
                    KernelConfigOption& kconfig, Comparison& out) {
    auto object = loader::load_object(path);
    if (!object) {
        std::cerr << "bpfcheck: error: " << object.error().message << "\n";
        out.bad_input = true;
        return;
    }
    auto selected = select_programs(*object, options.programs);
    if (!selected) {
        std::cerr << "bpfcheck: error: " << selected.error().message << "\n";
        out.bad_input = true;
        return;
    }
    std::vector<CompareRow> rows;
    for (const model::Program* program : *selected) {
        analyzer::AnalyzeRequest request;
        request.options.unprivileged = options.unprivileged;
        request.options.timeout_seconds = options.timeout_seconds;
        request.options.max_memory_mib = options.max_memory_mib;
        request.options.kernel_version = kernel_version;
        request.options.private_stack = private_stack.value;
        request.options.private_stack_source = private_stack.source;
        const std::string type_option = type_option_for(*program, options.type);
        request.options.kernel_types = btf.for_program(*object, *program, type_option);
        request.options.kernel_config = kconfig.for_object(*object, true);
        if (kernel.available) {
            request.options.helpers_missing_on_running_kernel =
                helpers_missing_for(*program, type_option, helpers_called(*program));
            request.options.kfuncs_missing_on_running_kernel =
                kfuncs_missing_on_running_kernel(*program, btf.running_kernel());
            request.options.ksyms_missing_from_kallsyms = ksyms_missing_from_kallsyms(*object, *program);
        }
        request.type_override = type_option;
        request.options.attach_type_override = type_option.empty() ? std::string{} : options.type_attach;
        CompareRow row;
        row.object = path;
        row.program = program->name;
        row.section = program->section;
        row.type = type_option.empty() ? program->type : type_option;
        row.instructions = program->insns.size();
        row.bpfcheck = measure_program(*object, *program, request);
        rows.push_back(std::move(row));
    }
    std::vector<KernelResult> verdicts;
    if (kernel.available) {
        verdicts = load_in_kernel(*object, *selected, KernelLoadOptions{options.type, options.unprivileged});
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CompareRow& row = rows[i];
        if (i < verdicts.size()) {
            row.kernel = std::move(verdicts[i]);
        } else {
            row.kernel.verdict = KernelVerdict::NotAvailable;
            row.kernel.error = kernel.reason;
        }
        row.agreement = agreement_of(row.bpfcheck.verdict, row.kernel.verdict);
        out.rows.push_back(std::move(row));
    }
}

}  // namespace

int run_compare(const CompareOptions& options) {
    if (!options.type.empty() && !loader::is_known_program_type(options.type)) {
        std::cerr << fmt::format("bpfcheck: error: unknown program type '{}'\n", options.type);
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
    Comparison comparison;
    std::vector<std::string> objects;
    for (const std::string& input : options.inputs) {
        auto expanded = expand_input(input);
        if (!expanded) {
            std::cerr << "bpfcheck: error: " << expanded.error().message << "\n";
            comparison.bad_input = true;
            continue;
        }
        objects.insert(objects.end(), expanded->begin(), expanded->end());
    }
    const KernelAvailability kernel = probe_kernel();
    if (!kernel.available) {
        std::cerr << fmt::format("bpfcheck: the running kernel cannot be asked: {}; its columns are n/a\n",
                                 kernel.reason);
    }
    const std::uint32_t kernel_version = running_kernel_version();
    PrivateStackSetting private_stack;
    if (kernel.available || options.private_stack != "auto") {
        private_stack = resolve_private_stack(options.private_stack, true, kernel_version);
    }
    for (const std::string& path : objects) {
        compare_object(path, options, kernel, kernel_version, private_stack, btf, kconfig, comparison);
    }
    if (options.format == "csv") {
        render_compare_csv(std::cout, comparison.rows);
    } else if (options.format == "json") {
        render_compare_json(std::cout, comparison.rows);
    } else {
        render_compare_table(std::cout, comparison.rows, kernel.available ? "" : kernel.reason);
    }
    if (comparison.bad_input) {
        return kExitBadInput;
    }
    const bool disagree = std::any_of(comparison.rows.begin(), comparison.rows.end(),
                                      [](const CompareRow& row) { return !agrees(row.agreement); });
    return disagree ? kExitViolation : kExitOk;
}

}  // namespace bpfcheck::cli
