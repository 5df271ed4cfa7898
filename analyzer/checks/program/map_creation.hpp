// Maps the kernel refuses to create (analyzer/platform/map_creation.hpp):
// libbpf creates every map of an object before it loads any program, so a
// program fails to load whether or not it uses such a map.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/reporter.hpp"

namespace bpfcheck::analyzer {

// `map.create`, once per such map: at the program's first reference to it,
// else at its first instruction.
void check_map_creation(const AnalysisContext& context, Reporter& reporter);

}  // namespace bpfcheck::analyzer
