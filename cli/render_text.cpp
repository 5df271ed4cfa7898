// Text output in the style of clang's diagnostics:
//   xdp_fw.c:41:9: error: 4-byte packet read at offset 14 is not proven below data_end [packet.bounds]
//      41 |     if (eth->h_proto == bpf_htons(ETH_P_IP))
//         |         ^
//   note: R3=pkt(off=14,r=0); proven: data + 0 <= data_end
//   hint: check data + 18 <= data_end before this access
// followed by the instruction in kernel-log syntax, and a verdict line per program.
#include "cfg/isa/printer.hpp"
#include "cli/check_report.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <vector>

namespace bpfcheck::cli {

namespace {

// DWARF line info carries no source text: read the line from the file when it
// is still where the compiler saw it. Files are read once.
std::string source_line_from_file(const std::string& path, std::uint32_t line) {
    static std::map<std::string, std::vector<std::string>> cache;
    auto [it, inserted] = cache.try_emplace(path);
    if (inserted) {
        std::ifstream file(path);
        std::string text;
        while (file && it->second.size() < 1000000 && std::getline(file, text)) {
            it->second.push_back(text);
        }
    }
    return line >= 1 && line <= it->second.size() ? it->second[line - 1] : std::string{};
}

}  // namespace

SourceLocation locate(const model::BpfObject& object, const model::Program& program, std::uint32_t insn) {
    SourceLocation location;
    if (insn >= program.line_of.size()) {
        return location;
    }
    const std::uint32_t line = program.line_of[insn];
    if (line == model::kNoIndex || line >= object.lines.size()) {
        return location;
    }
    const model::SourceLine& source = object.lines[line];
    location.file = source.file;
    location.line = source.line;
    location.column = source.column;
    location.text = source.text;
    if (location.text.empty()) {
        location.text = source_line_from_file(source.file, source.line);
    }
    return location;
}

namespace {

std::string display_file(const std::string& file) {
    std::error_code error;
    const auto relative = std::filesystem::relative(file, std::filesystem::current_path(), error);
    if (!error && !relative.empty() && !relative.string().starts_with("..")) {
        return relative.string();
    }
    return file;
}

void render_diagnostic(std::ostream& out, const ObjectReport& report, const ProgramReport& program,
                       const analyzer::Diagnostic& diagnostic) {
    const SourceLocation location = locate(*report.object, *program.program, diagnostic.insn);
    const std::string severity{analyzer::severity_name(diagnostic.severity)};
    if (location.line != 0) {
        out << fmt::format("{}:{}:{}: {}: {} [{}]\n", display_file(location.file), location.line,
                           std::max<std::uint32_t>(location.column, 1), severity, diagnostic.message, diagnostic.id);
        if (!location.text.empty()) {
            out << fmt::format("{:>6} | {}\n", location.line, location.text);
            if (location.column > 0) {
                out << fmt::format("{:>6} | {}^\n", "", std::string(location.column - 1, ' '));
            }
        }
    } else {
        out << fmt::format("{}: {}: insn {}: {}: {} [{}]\n", report.path, program.program->name, diagnostic.insn,
                           severity, diagnostic.message, diagnostic.id);
    }
    const auto& insns = program.program->insns;
    if (diagnostic.insn < insns.size()) {
        out << fmt::format(
            "note: in {} at insn {}: {}\n", program.program->name, diagnostic.insn,
            isa::format_with_opcode(insns[diagnostic.insn], program.program->slots[diagnostic.insn].opcode,
                                    program.program->refs[diagnostic.insn].symbol));
    }
    for (const std::string& note : diagnostic.notes) {
        out << "note: " << note << "\n";
    }
    if (!diagnostic.hint.empty()) {
        out << "hint: " << diagnostic.hint << "\n";
    }
}

}  // namespace

void render_text(std::ostream& out, const ObjectReport& report, bool invariants) {
    for (const std::string& note : report.object->notes) {
        out << fmt::format("{}: note: {}\n", report.path, note);
    }
    for (const ProgramReport& program : report.programs) {
        if (program.type == program.program->type && !program.program->type_origin.empty() &&
            !program.program->type_origin.starts_with("libbpf 1.x")) {
            out << fmt::format("{}: {}: note: program type {} named by {}\n", report.path, program.program->name,
                               program.type, program.program->type_origin);
        }
        if (invariants) {
            out << fmt::format("; invariants of {} ({})\n", program.program->name, program.type);
            for (const auto& [insn, state] : program.result.invariants) {
                out << fmt::format(
                    "{}: {}\n    {}\n", insn, state,
                    isa::format_with_opcode(program.program->insns[insn], program.program->slots[insn].opcode,
                                            program.program->refs[insn].symbol));
            }
        }
        std::size_t errors = 0;
        std::size_t warnings = 0;
        for (const analyzer::Diagnostic& diagnostic : program.result.diagnostics) {
            render_diagnostic(out, report, program, diagnostic);
            if (diagnostic.severity != analyzer::Severity::Note) {
                (diagnostic.severity == analyzer::Severity::Error ? errors : warnings) += 1;
            }
        }
        std::string summary;
        switch (program.result.verdict) {
            case analyzer::Verdict::Pass:
                summary = "pass";
                break;
            case analyzer::Verdict::Fail:
                summary = "FAIL";
                break;
            case analyzer::Verdict::Error:
                summary = fmt::format("ERROR ({})", program.result.error);
                break;
        }
        out << fmt::format("{}: {} ({}, {} instructions): {}: {} error(s), {} warning(s) in {:.2f} ms\n", report.path,
                           program.program->name, program.type.empty() ? "no type" : program.type,
                           program.program->insns.size(), summary, errors, warnings, program.result.time_ms);
    }
}

}  // namespace bpfcheck::cli
