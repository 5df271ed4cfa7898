// The results of `bpfcheck check` for one object, and the renderers that
// format them (text as clang prints diagnostics, JSON, SARIF 2.1.0).
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
void render_sarif(std::ostream& out, const std::vector<ObjectReport>& reports);

}  // namespace bpfcheck::cli
