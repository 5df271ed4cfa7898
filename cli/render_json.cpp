// JSON and SARIF 2.1.0 renderers. The JSON layout is an interface other tools
// parse: {"object", "programs": [{"name", "section", "type", "instructions",
// "verdict", "time_ms", "diagnostics": [{"id", "severity", "insn", "file",
// "line", "column", "message", "notes", "hint"}]}]} — one document per
// object, in an array when several objects are checked.
#include "analyzer/check_registry.hpp"
#include "cli/check_report.hpp"

#include <nlohmann/json.hpp>

namespace bpfcheck::cli {

namespace {

nlohmann::ordered_json object_json(const ObjectReport& report) {
    nlohmann::ordered_json out;
    out["object"] = report.path;
    if (!report.object->notes.empty()) {
        out["notes"] = report.object->notes;
    }
    out["programs"] = nlohmann::ordered_json::array();
    for (const ProgramReport& program : report.programs) {
        nlohmann::ordered_json p;
        p["name"] = program.program->name;
        p["section"] = program.program->section;
        p["type"] = program.type;
        if (program.type == program.program->type && !program.program->type_origin.empty()) {
            p["type_origin"] = program.program->type_origin;
        }
        if (!program.program->attach_type.empty()) {
            p["attach_type"] = program.program->attach_type;
        }
        p["instructions"] = program.program->insns.size();
        p["verdict"] = std::string(analyzer::verdict_name(program.result.verdict));
        p["time_ms"] = program.result.time_ms;
        if (!program.result.error.empty()) {
            p["error"] = program.result.error;
        }
        p["diagnostics"] = nlohmann::ordered_json::array();
        for (const analyzer::Diagnostic& d : program.result.diagnostics) {
            const SourceLocation location = locate(*report.object, *program.program, d.insn);
            nlohmann::ordered_json j;
            j["id"] = d.id;
            j["severity"] = std::string(analyzer::severity_name(d.severity));
            j["insn"] = d.insn;
            j["file"] = location.file.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(location.file);
            j["line"] = location.line == 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(location.line);
            j["column"] =
                location.line == 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(location.column);
            j["message"] = d.message;
            j["notes"] = d.notes;
            j["hint"] = d.hint;
            p["diagnostics"].push_back(std::move(j));
        }
        out["programs"].push_back(std::move(p));
    }
    return out;
}

}  // namespace

void render_json(std::ostream& out, const std::vector<ObjectReport>& reports) {
    if (reports.size() == 1) {
        out << object_json(reports.front()).dump(2) << "\n";
        return;
    }
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const ObjectReport& report : reports) {
        all.push_back(object_json(report));
    }
    out << all.dump(2) << "\n";
}

void render_sarif(std::ostream& out, const std::vector<ObjectReport>& reports) {
    nlohmann::ordered_json rules = nlohmann::ordered_json::array();
    std::vector<std::string> seen;
    nlohmann::ordered_json results = nlohmann::ordered_json::array();
    for (const ObjectReport& report : reports) {
        for (const ProgramReport& program : report.programs) {
            for (const analyzer::Diagnostic& d : program.result.diagnostics) {
                if (std::find(seen.begin(), seen.end(), d.id) == seen.end()) {
                    seen.push_back(d.id);
                    const std::string_view summary = analyzer::check_summary(d.id);
                    rules.push_back({{"id", d.id},
                                     {"shortDescription", {{"text", summary.empty() ? d.id : std::string(summary)}}}});
                }
                const SourceLocation location = locate(*report.object, *program.program, d.insn);
                nlohmann::ordered_json result;
                result["ruleId"] = d.id;
                result["level"] = d.severity == analyzer::Severity::Error     ? "error"
                                  : d.severity == analyzer::Severity::Warning ? "warning"
                                                                              : "note";
                std::string text = d.message;
                for (const std::string& note : d.notes) {
                    text += "\n" + note;
                }
                if (!d.hint.empty()) {
                    text += "\nhint: " + d.hint;
                }
                result["message"] = {{"text", text}};
                nlohmann::ordered_json physical;
                if (location.line != 0) {
                    physical["artifactLocation"] = {{"uri", location.file}};
                    physical["region"] = {{"startLine", location.line},
                                          {"startColumn", std::max<std::uint32_t>(location.column, 1)}};
                } else {
                    physical["artifactLocation"] = {{"uri", report.path}};
                }
                result["locations"] = nlohmann::ordered_json::array(
                    {{{"physicalLocation", physical},
                      {"logicalLocations",
                       nlohmann::ordered_json::array({{{"name", program.program->name}, {"kind", "function"}}})}}});
                result["properties"] = {{"insn", d.insn}, {"program", program.program->name}};
                results.push_back(std::move(result));
            }
        }
    }
    nlohmann::ordered_json sarif;
    sarif["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    sarif["version"] = "2.1.0";
    sarif["runs"] = nlohmann::ordered_json::array(
        {{{"tool", {{"driver", {{"name", "bpfcheck"}, {"version", "0.1.0"}, {"rules", rules}}}}},
          {"results", results}}});
    out << sarif.dump(2) << "\n";
}

}  // namespace bpfcheck::cli
