// Reading and writing baseline files (see baseline.hpp).
#include "cli/ci/baseline.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace bpfcheck::cli::ci {

Expected<Baseline> read_baseline(const std::string& path) {
    std::ifstream file(path);
    if (!file) {
        return Error{fmt::format("{}: cannot read the baseline", path)};
    }
    Baseline baseline;
    try {
        const nlohmann::json document = nlohmann::json::parse(file);
        if (document.value("version", 0) != 1 || !document.contains("findings")) {
            return Error{fmt::format("{}: not a bpfcheck baseline (version 1)", path)};
        }
        for (const auto& finding : document.at("findings")) {
            baseline.fingerprints.insert(finding.at("fingerprint").get<std::string>());
        }
    } catch (const nlohmann::json::exception& error) {
        return Error{fmt::format("{}: {}", path, error.what())};
    }
    return baseline;
}

std::optional<std::string> write_baseline(const std::string& path, const std::vector<ObjectReport>& reports) {
    nlohmann::ordered_json findings = nlohmann::ordered_json::array();
    for (const ObjectReport& report : reports) {
        const std::string object = std::filesystem::path(report.path).filename().string();
        for (const ProgramReport& program : report.programs) {
            for (std::size_t i = 0; i < program.result.diagnostics.size() && i < program.fingerprints.size(); ++i) {
                const analyzer::Diagnostic& d = program.result.diagnostics[i];
                nlohmann::ordered_json finding = {{"fingerprint", program.fingerprints[i]},
                                                  {"id", d.id},
                                                  {"object", object},
                                                  {"program", program.program->name}};
                if (!program.kernel.empty()) {
                    finding["kernel"] = program.kernel;
                }
                finding["message"] = d.message;
                findings.push_back(std::move(finding));
            }
        }
    }
    nlohmann::ordered_json document = {{"version", 1}, {"tool", "bpfcheck"}, {"findings", findings}};
    std::ofstream file(path);
    file << document.dump(2) << "\n";
    if (!file) {
        return fmt::format("{}: cannot write the baseline", path);
    }
    return std::nullopt;
}

}  // namespace bpfcheck::cli::ci
