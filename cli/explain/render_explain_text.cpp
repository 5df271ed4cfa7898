// `bpfcheck explain --format text` (the default): the error as a compiler
// prints one, "file:line: error: message [id]" with the source line, then the
// category and why, the explanation, the fix, and the evidence chain.
#include "cli/explain/explain_render.hpp"

#include <fmt/format.h>

namespace bpfcheck::cli {

void render_explain_text(std::ostream& out, const explain::Explanation& e) {
    const std::string where = e.line != 0 ? fmt::format("{}:{}: ", e.file.empty() ? "<source>" : e.file, e.line)
                              : e.insn    ? fmt::format("insn {}: ", *e.insn)
                                          : std::string();
    if (e.id.empty()) {
        out << e.message << "\n";
        for (const std::string& note : e.notes) {
            out << "note: " << note << "\n";
        }
        return;
    }
    out << fmt::format("{}error: {} [{}]\n", where, e.message, e.id);
    if (!e.source.empty()) {
        out << fmt::format("    {}\n", e.source);
    }
    if (e.insn) {
        out << fmt::format("    insn {}: {}\n", *e.insn, e.insn_text);
    }
    out << fmt::format("category: {} ({})\n", explain::category_name(e.category), e.category_reason);
    if (!e.explanation.empty()) {
        out << "why: " << e.explanation << "\n";
    }
    if (!e.hint.empty()) {
        out << "fix: " << e.hint << "\n";
    }
    if (!e.evidence.empty()) {
        out << "evidence (backwards from the failing instruction):\n";
        for (const explain::Evidence& item : e.evidence) {
            const std::string at = item.line != 0 ? fmt::format("{}:{}", item.file, item.line) : std::string("?");
            out << fmt::format("  insn {} ({}): {}\n      {}\n", item.insn ? std::to_string(*item.insn) : "?", at,
                               item.text, item.why);
        }
    }
    if (e.bpfcheck.ran) {
        out << fmt::format("bpfcheck: {}", e.bpfcheck.verdict);
        for (const explain::OpinionDiagnostic& d : e.bpfcheck.diagnostics) {
            if (d.error) {
                out << fmt::format("; {} at insn {}", d.id, d.insn);
            }
        }
        out << "\n";
    }
    for (const std::string& note : e.notes) {
        out << "note: " << note << "\n";
    }
}

}  // namespace bpfcheck::cli
