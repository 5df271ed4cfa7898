// `bpfcheck explain --format json`: {"error": {"id", "message",
// "kernel_message", "insn", "file", "line", "category", "explanation",
// "hint"}, "evidence": [{"insn", "file", "line", "text", "why"}], "bpfcheck":
// {...}} plus "notes". Unknown values are null.
#include "cli/explain/explain_render.hpp"

namespace bpfcheck::cli {

nlohmann::json explanation_json(const explain::Explanation& e) {
    using nlohmann::json;
    json error = {
        {"id", e.id},
        {"message", e.message},
        {"kernel_message", e.kernel_message.empty() ? json(nullptr) : json(e.kernel_message)},
        {"insn", e.insn ? json(*e.insn) : json(nullptr)},
        {"file", e.file.empty() ? json(nullptr) : json(e.file)},
        {"line", e.line != 0 ? json(e.line) : json(nullptr)},
        {"category", std::string(explain::category_name(e.category))},
        {"explanation", e.explanation},
        {"hint", e.hint},
    };
    json evidence = json::array();
    for (const explain::Evidence& item : e.evidence) {
        evidence.push_back({{"insn", item.insn ? json(*item.insn) : json(nullptr)},
                            {"file", item.file.empty() ? json(nullptr) : json(item.file)},
                            {"line", item.line != 0 ? json(item.line) : json(nullptr)},
                            {"text", item.text},
                            {"why", item.why}});
    }
    json diagnostics = json::array();
    for (const explain::OpinionDiagnostic& d : e.bpfcheck.diagnostics) {
        diagnostics.push_back(
            {{"id", d.id}, {"insn", d.insn}, {"severity", d.error ? "error" : "warning"}, {"message", d.message}});
    }
    json bpfcheck = {{"ran", e.bpfcheck.ran},
                     {"verdict", e.bpfcheck.ran ? json(e.bpfcheck.verdict) : json(nullptr)},
                     {"diagnostics", diagnostics},
                     {"kernel_asked", e.kernel_asked},
                     {"category_reason", e.category_reason},
                     {"catalog", e.catalog_key.empty() ? json(nullptr) : json(e.catalog_key)}};
    if (!e.bpfcheck.note.empty()) {
        bpfcheck["note"] = e.bpfcheck.note;
    }
    return {{"error", error},
            {"evidence", evidence},
            {"bpfcheck", bpfcheck},
            {"program", e.program},
            {"log", {{"format", e.log_format}, {"level", e.log_level}}},
            {"notes", e.notes}};
}

void render_explain_json(std::ostream& out, const explain::Explanation& e) {
    out << explanation_json(e).dump(2) << "\n";
}

}  // namespace bpfcheck::cli
