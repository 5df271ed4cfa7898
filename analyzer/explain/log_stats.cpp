// Reading the verifier's statistics and verdict line; see log_stats.hpp. The
// formats are the kernel's print_verification_stats() (kernel/bpf/verifier.c),
// stable since Linux 5.x.
#include "analyzer/explain/log_stats.hpp"

#include <cctype>
#include <cstdio>

namespace bpfcheck::explain {

std::optional<std::uint64_t> number_at(std::string_view text, std::size_t at) {
    std::uint64_t value = 0;
    std::size_t digits = 0;
    for (; at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])) != 0 && digits < 19; ++at, ++digits) {
        value = value * 10 + static_cast<std::uint64_t>(text[at] - '0');
    }
    return digits == 0 ? std::nullopt : std::optional<std::uint64_t>(value);
}

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

bool is_statistics_line(std::string_view line) {
    return line.starts_with("processed ") || line.starts_with("verification time ") ||
           line.starts_with("stack depth ") || line.starts_with("-- END") || line.starts_with("-- BEGIN");
}

std::string last_meaningful_line(std::string_view log) {
    std::string_view found;
    for (const std::string_view line : split_lines(log)) {
        if (!line.empty() && !line.starts_with("; ") && !is_statistics_line(line)) {
            found = line;
        }
    }
    return std::string(found);
}

}  // namespace bpfcheck::explain
