// Applying config, suppression comments and baselines (see policy.hpp).
#include "cli/ci/policy.hpp"

#include <cctype>

namespace bpfcheck::cli::ci {

std::set<std::string> suppressed_ids(std::string_view line) {
    std::set<std::string> ids;
    constexpr std::string_view kMarker = "bpfcheck: ignore[";
    for (std::size_t at = line.find(kMarker); at != std::string_view::npos; at = line.find(kMarker, at + 1)) {
        const std::size_t start = at + kMarker.size();
        const std::size_t end = line.find(']', start);
        if (end == std::string_view::npos) {
            break;
        }
        std::string id;
        for (const char c : line.substr(start, end - start + 1)) {
            if (c == ',' || c == ']') {
                if (!id.empty()) {
                    ids.insert(id);
                }
                id.clear();
            } else if (std::isspace(static_cast<unsigned char>(c)) == 0) {
                id += c;
            }
        }
    }
    return ids;
}

void apply_policy(const ObjectReport& object, ProgramReport& program, const Config& config, const Baseline* baseline) {
    auto& diagnostics = program.result.diagnostics;
    std::vector<analyzer::Diagnostic> kept;
    std::vector<std::string> kept_fingerprints;
    bool had_error = false;
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
        analyzer::Diagnostic& d = diagnostics[i];
        had_error = had_error || d.severity == analyzer::Severity::Error;
        const std::string fingerprint = i < program.fingerprints.size() ? program.fingerprints[i] : std::string{};
        const std::set<std::string> ignored = suppressed_ids(locate(*object.object, *program.program, d.insn).text);
        const bool dropped = config.disabled.contains(d.id) || ignored.contains(d.id) || ignored.contains("*") ||
                             (baseline != nullptr && baseline->fingerprints.contains(fingerprint));
        if (dropped) {
            ++program.suppressed;
            continue;
        }
        if (const auto it = config.severities.find(d.id); it != config.severities.end()) {
            d.severity = it->second;
        }
        kept.push_back(std::move(d));
        kept_fingerprints.push_back(fingerprint);
    }
    diagnostics = std::move(kept);
    program.fingerprints = std::move(kept_fingerprints);
    bool has_error = false;
    for (const analyzer::Diagnostic& d : diagnostics) {
        has_error = has_error || d.severity == analyzer::Severity::Error;
    }
    // Only findings decide: a failed analysis (Verdict::Error) stays one.
    if (program.result.verdict == analyzer::Verdict::Fail && had_error && !has_error) {
        program.result.verdict = analyzer::Verdict::Pass;
    } else if (program.result.verdict == analyzer::Verdict::Pass && has_error) {
        program.result.verdict = analyzer::Verdict::Fail;
    }
}

}  // namespace bpfcheck::cli::ci
