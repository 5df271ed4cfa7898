// The JSON renderer. The JSON layout is an interface other tools
// parse: {"object", "programs": [{"name", "section", "type", "instructions",
// "verdict", "time_ms", "diagnostics": [{"id", "severity", "insn", "file",
// "line", "column", "message", "notes", "hint", "fingerprint"}]}]}
// ("kernel" per program when several targets are checked, "suppressed"
// when comments, the config or a baseline dropped findings) — one document per
// object, in an array when several objects are checked.
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
        if (!program.kernel.empty()) {
            p["kernel"] = program.kernel;
        }
        p["instructions"] = program.program->insns.size();
        p["verdict"] = std::string(analyzer::verdict_name(program.result.verdict));
        p["time_ms"] = program.result.time_ms;
        if (!program.result.error.empty()) {
            p["error"] = program.result.error;
        }
        if (program.suppressed != 0) {
            p["suppressed"] = program.suppressed;
        }
        p["diagnostics"] = nlohmann::ordered_json::array();
        for (std::size_t i = 0; i < program.result.diagnostics.size(); ++i) {
            const analyzer::Diagnostic& d = program.result.diagnostics[i];
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
            if (i < program.fingerprints.size()) {
                j["fingerprint"] = program.fingerprints[i];
            }
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

}  // namespace bpfcheck::cli
