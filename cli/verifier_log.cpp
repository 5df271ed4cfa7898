// Reading the verifier's log and libbpf's messages; see verifier_log.hpp. The
// formats are the kernel's print_verification_stats() (kernel/bpf/verifier.c)
// and libbpf's poisoning of unrelocatable instructions (libbpf.c,
// relo_core.c), both stable since Linux 5.x / libbpf 1.0.
#include "cli/verifier_log.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <vector>

namespace bpfcheck::cli {

namespace {

// libbpf replaces what it cannot relocate by calls of these "helpers".
constexpr std::uint64_t kPoisonCoreRelo = 0xbad2310;       // 195896080
constexpr std::uint64_t kPoisonMapBase = 2'001'000'000;    // POISON_LDIMM64_MAP_BASE + map index
constexpr std::uint64_t kPoisonKfuncBase = 2'002'000'000;  // POISON_CALL_KFUNC_BASE + extern index
constexpr std::uint64_t kPoisonRange = 1'000'000;

// The decimal number at `at` in `text`, if there is one.
std::optional<std::uint64_t> number_at(std::string_view text, std::size_t at) {
    std::uint64_t value = 0;
    std::size_t digits = 0;
    for (; at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])) != 0 && digits < 19; ++at, ++digits) {
        value = value * 10 + static_cast<std::uint64_t>(text[at] - '0');
    }
    return digits == 0 ? std::nullopt : std::optional<std::uint64_t>(value);
}

// The lines of `text`, without their line ends and trailing blanks.
std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::string_view line = text.substr(start, end - start);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
            line.remove_suffix(1);
        }
        lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

VerifierStats parse_verifier_stats(std::string_view log) {
    VerifierStats stats;
    for (const std::string_view view : split_lines(log)) {
        const std::string line(view);
        unsigned long long f[6] = {};  // sscanf's %llu
        const int found = std::sscanf(line.c_str(),
                                      "processed %llu insns (limit %llu) max_states_per_insn %llu total_states %llu "
                                      "peak_states %llu mark_read %llu",
                                      &f[0], &f[1], &f[2], &f[3], &f[4], &f[5]);
        std::optional<std::uint64_t>* fields[6] = {&stats.insns_processed,     &stats.insn_limit,
                                                   &stats.max_states_per_insn, &stats.total_states,
                                                   &stats.peak_states,         &stats.mark_read};
        for (int i = 0; i < found; ++i) {
            *fields[i] = f[i];
        }
        unsigned long long usec = 0;
        if (std::sscanf(line.c_str(), "verification time %llu usec", &usec) == 1) {
            stats.time_us = usec;
        }
    }
    return stats;
}

std::string last_meaningful_line(std::string_view log) {
    std::string_view found;
    for (const std::string_view line : split_lines(log)) {
        const bool annotation = line.starts_with("; ") || line.starts_with("processed ") ||
                                line.starts_with("verification time ") || line.starts_with("stack depth ") ||
                                line.starts_with("-- END") || line.starts_with("-- BEGIN");
        if (!line.empty() && !annotation) {
            found = line;
        }
    }
    return std::string(found);
}

std::string libbpf_poison_reason(std::string_view log) {
    if (log.find("failed to resolve CO-RE relocation") != std::string_view::npos ||
        log.find("<invalid CO-RE relocation>") != std::string_view::npos) {
        return "libbpf could not resolve a CO-RE relocation";
    }
    const std::size_t at = log.find("unknown#");
    if (at == std::string_view::npos) {
        return "";
    }
    const std::optional<std::uint64_t> id = number_at(log, at + std::string_view("unknown#").size());
    if (!id) {
        return "";
    }
    if (*id == kPoisonCoreRelo) {
        return "libbpf could not resolve a CO-RE relocation";
    }
    if (*id >= kPoisonMapBase && *id < kPoisonMapBase + kPoisonRange) {
        return fmt::format("the program uses map #{}, which libbpf did not create", *id - kPoisonMapBase);
    }
    if (*id >= kPoisonKfuncBase && *id < kPoisonKfuncBase + kPoisonRange) {
        return "the program calls a kfunc libbpf could not resolve";
    }
    return "";
}

// "prog 'P': relo #N: substituting insn #I w/ invalid insn", after "relo #N:
// <byte_off> [336] struct cfs_rq.nr_running (0:1 @ offset 16)" and "relo #N:
// no matching targets found".
std::string poisoned_relocation(std::string_view debug_lines) {
    constexpr std::string_view kSubstituting = "substituting insn #";
    std::string prefix;  // "prog 'P': relo #N: "
    std::optional<std::uint64_t> insn;
    for (const std::string_view line : split_lines(debug_lines)) {
        const std::size_t at = line.find(kSubstituting);
        const std::size_t start = line.find("prog '");
        if (at != std::string_view::npos && start != std::string_view::npos && start < at &&
            line.find(": relo #", start) < at) {
            prefix = std::string(line.substr(start, at - start));
            insn = number_at(line, at + kSubstituting.size());
            break;
        }
    }
    if (!insn) {
        return "";
    }
    std::string spec;
    bool no_target = false;
    for (const std::string_view line : split_lines(debug_lines)) {
        const std::size_t at = line.find(prefix);
        if (at == std::string_view::npos) {
            continue;
        }
        const std::string_view rest = line.substr(at + prefix.size());
        if (spec.empty() && rest.starts_with("<")) {
            spec = std::string(rest);
        }
        no_target = no_target || rest.starts_with("no matching targets found");
    }
    std::string text = spec.empty() ? fmt::format("insn #{}", *insn) : fmt::format("{} at insn #{}", spec, *insn);
    return no_target ? text + ": no matching target in the kernel's BTF" : text;
}

// The first line that says "failed" (later ones repeat it for the program,
// then the object; earlier ones may be notes such as "Retrying without BTF"),
// else the first that speaks of an error, else the last.
std::string libbpf_reason(std::string_view messages) {
    std::vector<std::string_view> lines;
    for (std::string_view line : split_lines(messages)) {
        if (line.starts_with("libbpf: ")) {
            line.remove_prefix(8);
        }
        if (!line.empty()) {
            lines.push_back(line);
        }
    }
    for (const std::string_view line : lines) {
        if (lower(line).find("failed") != std::string::npos) {
            return std::string(line);
        }
    }
    for (const std::string_view line : lines) {
        const std::string text = lower(line);
        for (const char* word : {"error", "invalid", "cannot", "can't", "unsupported", "not supported"}) {
            if (text.find(word) != std::string::npos) {
                return std::string(line);
            }
        }
    }
    return lines.empty() ? "" : std::string(lines.back());
}

}  // namespace bpfcheck::cli
