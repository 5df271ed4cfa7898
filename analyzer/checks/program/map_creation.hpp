// Maps the kernel refuses to create (analyzer/platform/map_creation.hpp):
// libbpf creates every map of an object before it loads any program, so a
// program fails to load whether or not it uses such a map. And map
// references no relocation names: the loader passes their immediate as a
// file descriptor, which holds no map.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/reporter.hpp"

namespace bpfcheck::analyzer {

// `map.create`, once per such map: at the program's first reference to it,
// else at its first instruction.
void check_map_creation(const AnalysisContext& context, Reporter& reporter);

// `map.no_map`: an ld_imm64 of a map or of a map value's address
// (BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_VALUE) that no relocation names: the
// kernel looks its immediate up as a file descriptor (resolve_pseudo_ldimm64)
// and refuses the program: "fd N is not pointing to valid bpf_map".
void check_unrelocated_maps(const AnalysisContext& context, Reporter& reporter);

}  // namespace bpfcheck::analyzer
