// The results of `bpfcheck check` for one object, and the renderers that
// format them (text as clang prints diagnostics, JSON; SARIF and GitHub
// workflow commands are in cli/report/).
#pragma once

#include "analyzer/analyzer.hpp"
#include "cfg/program/program.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace bpfcheck::cli {

struct ProgramReport {
    const model::Program* program = nullptr;
    std::string type;
    analyzer::ProgramResult result;
    std::string kernel;                     // the target ("6.1") when several were checked, else empty
    std::vector<std::string> fingerprints;  // one per diagnostic (cli/report/fingerprint.hpp)
    std::size_t suppressed = 0;             // findings dropped by a comment, the config or the baseline
};

struct ObjectReport {
    std::string path;
    const model::BpfObject* object = nullptr;
    std::vector<ProgramReport> programs;
};

// Where an instruction comes from in the source, if line info says.
struct SourceLocation {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string text;
};
SourceLocation locate(const model::BpfObject& object, const model::Program& program, std::uint32_t insn);

void render_text(std::ostream& out, const ObjectReport& report, bool invariants);
void render_json(std::ostream& out, const std::vector<ObjectReport>& reports);

}  // namespace bpfcheck::cli
