// What analyze_program reports about a program before its states are
// analysed: its structure (unreachable instructions, recursion) and, for
// tracing and struct_ops programs, its arguments typed from the kernel's
// BTF; and what it reads of the object beside the instructions (the maps'
// sizes the stack liveness asks for). Split from analyzer.cpp, which holds
// the analysis itself.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/engine/stack_liveness.hpp"
#include "analyzer/reporter.hpp"

#include <optional>
#include <vector>

namespace bpfcheck::analyzer {

// cfg.unreachable (one per run of unreachable instructions) and cfg.recursion.
void report_structure(const cfg::Cfg& graph, const model::Program& program, Reporter& reporter);

// A tracing program's arguments from the kernel's BTF; without them, one
// note (btf.untyped) saying what is assumed instead.
std::optional<model::AttachTarget> type_arguments(const model::Program& program, const AnalysisOptions& options,
                                                  Reporter& reporter);

// Per instruction: the key and value sizes of the map an ld_imm64 there
// loads (a map helper reads that many bytes of a key on the stack).
std::vector<std::optional<MapSizes>> map_sizes_by_insn(const AnalysisContext& context);

}  // namespace bpfcheck::analyzer
