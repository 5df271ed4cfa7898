// Reading the verifier's log and libbpf's messages; see verifier_log.hpp. The
// formats are the kernel's print_verification_stats() (kernel/bpf/verifier.c)
// and libbpf's poisoning of unrelocatable instructions (libbpf.c,
// relo_core.c), both stable since Linux 5.x / libbpf 1.0.
#include "cli/kernel/verifier_log.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <vector>

namespace bpfcheck::cli {

namespace {

using explain::number_at;
using explain::split_lines;

// libbpf replaces what it cannot relocate by calls of these "helpers".
constexpr std::uint64_t kPoisonCoreRelo = 0xbad2310;       // 195896080
constexpr std::uint64_t kPoisonMapBase = 2'001'000'000;    // POISON_LDIMM64_MAP_BASE + map index
constexpr std::uint64_t kPoisonKfuncBase = 2'002'000'000;  // POISON_CALL_KFUNC_BASE + extern index
constexpr std::uint64_t kPoisonRange = 1'000'000;

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

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
