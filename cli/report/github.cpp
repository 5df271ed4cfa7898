// The GitHub workflow-command renderer (see github.hpp).
#include "cli/report/github.hpp"

#include "cli/report/uri.hpp"

#include <fmt/format.h>

#include <array>

namespace bpfcheck::cli::report {

std::string github_escape_data(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '%':
                out += "%25";
                break;
            case '\r':
                out += "%0D";
                break;
            case '\n':
                out += "%0A";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string github_escape_property(std::string_view text) {
    std::string out;
    for (const char c : github_escape_data(text)) {
        if (c == ':') {
            out += "%3A";
        } else if (c == ',') {
            out += "%2C";
        } else {
            out += c;
        }
    }
    return out;
}

namespace {

std::string_view command_of(analyzer::Severity severity) {
    switch (severity) {
        case analyzer::Severity::Error:
            return "error";
        case analyzer::Severity::Warning:
            return "warning";
        case analyzer::Severity::Note:
            return "notice";
    }
    return "notice";
}

}  // namespace

void render_github(std::ostream& out, const std::vector<ObjectReport>& reports, const std::string& source_root) {
    std::array<std::size_t, 3> shown{};
    std::vector<std::string> overflow;
    for (const ObjectReport& report : reports) {
        for (const ProgramReport& program : report.programs) {
            if (program.result.verdict == analyzer::Verdict::Error) {
                out << fmt::format(
                    "::error file={},title=bpfcheck::{}\n",
                    github_escape_property(relative_to_root(report.path, source_root).value_or(report.path)),
                    github_escape_data(fmt::format("{}: the analysis did not finish: {}", program.program->name,
                                                   program.result.error)));
            }
            for (const analyzer::Diagnostic& d : program.result.diagnostics) {
                const SourceLocation location = locate(*report.object, *program.program, d.insn);
                const bool has_line = location.line != 0;
                const std::string path = has_line ? location.file : report.path;
                const std::string file = relative_to_root(path, source_root).value_or(path);
                std::string message = fmt::format("{}: {}", program.program->name, d.message);
                if (!program.kernel.empty()) {
                    message += fmt::format(" (target Linux {})", program.kernel);
                }
                if (!has_line) {
                    message += fmt::format(" (insn {} of {})", d.insn, report.path);
                }
                std::size_t& count = shown[static_cast<std::size_t>(d.severity)];
                if (count < kGithubAnnotationsPerLevel) {
                    ++count;
                    std::string full = message;
                    for (const std::string& note : d.notes) {
                        full += "\nnote: " + note;
                    }
                    if (!d.hint.empty()) {
                        full += "\nhint: " + d.hint;
                    }
                    std::string properties = "file=" + github_escape_property(file);
                    if (has_line) {
                        properties += fmt::format(",line={},col={}", location.line, std::max(location.column, 1U));
                    }
                    out << fmt::format("::{} {},title={}::{}\n", command_of(d.severity), properties,
                                       github_escape_property(d.id), github_escape_data(full));
                } else {
                    overflow.push_back(
                        has_line
                            ? fmt::format("{}:{}:{}: {}: {} [{}]", file, location.line, std::max(location.column, 1U),
                                          analyzer::severity_name(d.severity), message, d.id)
                            : fmt::format("{}: {}: {} [{}]", file, analyzer::severity_name(d.severity), message, d.id));
                }
            }
        }
    }
    if (!overflow.empty()) {
        out << fmt::format("::group::{} more finding(s) (a step shows {} annotations per level)\n", overflow.size(),
                           kGithubAnnotationsPerLevel);
        for (const std::string& line : overflow) {
            out << line << "\n";
        }
        out << "::endgroup::\n";
    }
}

}  // namespace bpfcheck::cli::report
