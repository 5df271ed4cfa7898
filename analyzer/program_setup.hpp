// What analyze_program reports about a program before its states are
// analysed: its structure (unreachable instructions, recursion) and, for
// tracing and struct_ops programs, its arguments typed from the kernel's
// BTF. Split from analyzer.cpp, which holds the analysis itself.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/reporter.hpp"

#include <optional>

namespace bpfcheck::analyzer {

// cfg.unreachable (one per run of unreachable instructions) and cfg.recursion.
void report_structure(const cfg::Cfg& graph, const model::Program& program, Reporter& reporter);

// A tracing program's arguments from the kernel's BTF; without them, one
// note (btf.untyped) saying what is assumed instead.
std::optional<model::AttachTarget> type_arguments(const model::Program& program, const AnalysisOptions& options,
                                                  Reporter& reporter);

}  // namespace bpfcheck::analyzer
