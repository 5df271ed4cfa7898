// The SARIF renderer (see sarif.hpp). Paths outside the source root become
// absolute file:// URIs; those under it relative URIs with uriBaseId SRCROOT.
#include "cli/report/sarif.hpp"

#include "analyzer/check_registry.hpp"
#include "cli/report/uri.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>

namespace bpfcheck::cli::report {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kBaseId = "SRCROOT";

std::string level_of(analyzer::Severity severity) {
    switch (severity) {
        case analyzer::Severity::Error:
            return "error";
        case analyzer::Severity::Warning:
            return "warning";
        case analyzer::Severity::Note:
            return "note";
    }
    return "note";
}

Json artifact_location(const std::string& path, const std::string& root) {
    if (const auto relative = relative_to_root(path, root)) {
        return {{"uri", uri_encode(*relative)}, {"uriBaseId", kBaseId}};
    }
    std::error_code error;
    const std::string absolute = std::filesystem::absolute(path, error).lexically_normal().generic_string();
    return {{"uri", "file://" + uri_encode(absolute)}};
}

std::string root_uri(const std::string& root) {
    std::error_code error;
    std::string absolute =
        std::filesystem::weakly_canonical(std::filesystem::absolute(root.empty() ? "." : root, error), error)
            .generic_string();
    if (absolute.empty() || absolute.back() != '/') {
        absolute += '/';
    }
    return "file://" + uri_encode(absolute);
}

// "packet.bounds" -> "PacketBounds", as SARIF rule names are spelt.
std::string pascal_case(std::string_view id) {
    std::string out;
    bool upper = true;
    for (const char c : id) {
        if (c == '.' || c == '_') {
            upper = true;
            continue;
        }
        out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        upper = false;
    }
    return out;
}

// The rules, one per registered check; the help text carries the first hint
// a finding of the check gave in this run.
Json rules_json(const std::vector<ObjectReport>& reports) {
    std::map<std::string, std::string, std::less<>> hints;
    for (const ObjectReport& report : reports) {
        for (const ProgramReport& program : report.programs) {
            for (const analyzer::Diagnostic& d : program.result.diagnostics) {
                if (!d.hint.empty()) {
                    hints.try_emplace(d.id, d.hint);
                }
            }
        }
    }
    Json rules = Json::array();
    for (const analyzer::CheckInfo& check : analyzer::all_checks()) {
        const std::string id{check.id};
        const std::string summary{check.summary};
        std::string help = summary + ".";
        if (const auto it = hints.find(id); it != hints.end()) {
            help += "\nHow to fix it (from this run): " + it->second;
        }
        help += "\nEach finding's message carries its abstract state and a hint.";
        std::string first_upper = summary;
        if (!first_upper.empty()) {
            first_upper[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(first_upper[0])));
        }
        rules.push_back({{"id", id},
                         {"name", pascal_case(id)},
                         {"shortDescription", {{"text", first_upper + "."}}},
                         {"fullDescription", {{"text", fmt::format("{} (bpfcheck check {}).", first_upper, id)}}},
                         {"help", {{"text", help}}},
                         {"defaultConfiguration", {{"level", id == "btf.untyped" ? "note" : "error"}}},
                         {"properties", {{"tags", Json::array({"ebpf", "verifier", id.substr(0, id.find('.'))})}}}});
    }
    return rules;
}

std::size_t rule_index(std::string_view id) {
    const auto checks = analyzer::all_checks();
    for (std::size_t i = 0; i < checks.size(); ++i) {
        if (checks[i].id == id) {
            return i;
        }
    }
    return checks.size();
}

Json result_json(const ObjectReport& report, const ProgramReport& program, std::size_t index,
                 const SarifOptions& options) {
    const analyzer::Diagnostic& d = program.result.diagnostics[index];
    const SourceLocation location = locate(*report.object, *program.program, d.insn);
    Json result;
    result["ruleId"] = d.id;
    if (const std::size_t rule = rule_index(d.id); rule < analyzer::all_checks().size()) {
        result["ruleIndex"] = rule;
    }
    result["level"] = level_of(d.severity);
    std::string text = d.message;
    if (!program.kernel.empty()) {
        text += " (target Linux " + program.kernel + ")";
    }
    text += ".";
    for (const std::string& note : d.notes) {
        text += "\nnote: " + note;
    }
    if (!d.hint.empty()) {
        text += "\nhint: " + d.hint;
    }
    result["message"] = {{"text", text}};
    Json physical;
    if (location.line != 0) {
        physical["artifactLocation"] = artifact_location(location.file, options.source_root);
        physical["region"] = {{"startLine", location.line},
                              {"startColumn", std::max<std::uint32_t>(location.column, 1)}};
        if (!location.text.empty()) {
            physical["region"]["snippet"] = {{"text", location.text}};
        }
    } else {
        physical["artifactLocation"] = artifact_location(report.path, options.source_root);
    }
    const std::string object_name = std::filesystem::path(report.path).filename().string();
    const std::string program_name = object_name + "::" + program.program->name;
    Json logical = Json::array();
    logical.push_back({{"name", "insn " + std::to_string(d.insn)},
                       {"fullyQualifiedName", program_name + "::insn " + std::to_string(d.insn)}});
    logical.push_back({{"name", program.program->name}, {"fullyQualifiedName", program_name}, {"kind", "function"}});
    logical.push_back({{"name", object_name}, {"fullyQualifiedName", object_name}, {"kind", "module"}});
    result["locations"] = Json::array({{{"physicalLocation", physical}, {"logicalLocations", logical}}});
    if (index < program.fingerprints.size()) {
        result["partialFingerprints"] = {{"bpfcheckFingerprint/v1", program.fingerprints[index]}};
    }
    Json properties = {{"object", report.path}, {"program", program.program->name}, {"insn", d.insn}};
    if (!program.kernel.empty()) {
        properties["kernel"] = program.kernel;
    }
    result["properties"] = properties;
    return result;
}

}  // namespace

void render_sarif(std::ostream& out, const std::vector<ObjectReport>& reports, const SarifOptions& options) {
    Json results = Json::array();
    for (const ObjectReport& report : reports) {
        for (const ProgramReport& program : report.programs) {
            for (std::size_t i = 0; i < program.result.diagnostics.size(); ++i) {
                results.push_back(result_json(report, program, i, options));
            }
        }
    }
    // Analyses that could not finish (Verdict::Error) are tool notifications.
    Json notifications = Json::array();
    for (const ObjectReport& report : reports) {
        for (const ProgramReport& program : report.programs) {
            if (program.result.verdict == analyzer::Verdict::Error) {
                const Json where = {
                    {"physicalLocation", {{"artifactLocation", artifact_location(report.path, options.source_root)}}}};
                notifications.push_back(
                    {{"level", "error"},
                     {"message", {{"text", report.path + ": " + program.program->name + ": " + program.result.error}}},
                     {"locations", Json::array({where})}});
            }
        }
    }
    Json invocation = {{"executionSuccessful", notifications.empty()}};
    if (!notifications.empty()) {
        invocation["toolExecutionNotifications"] = notifications;
    }
    Json driver = {
        {"name", "bpfcheck"}, {"version", "0.1.0"}, {"semanticVersion", "0.1.0"}, {"rules", rules_json(reports)}};
    Json run = {{"tool", {{"driver", driver}}},
                {"invocations", Json::array({invocation})},
                {"originalUriBaseIds", {{kBaseId, {{"uri", root_uri(options.source_root)}}}}},
                {"results", results},
                {"columnKind", "unicodeCodePoints"}};
    Json sarif = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                  {"version", "2.1.0"},
                  {"runs", Json::array({run})}};
    out << sarif.dump(2) << "\n";
}

}  // namespace bpfcheck::cli::report
