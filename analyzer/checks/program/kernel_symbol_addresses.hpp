// A kernel variable the program loads the address of (a typed ksym) must be
// in the kernel's symbol table: check_pseudo_btf_id looks it up by name
// (kallsyms_lookup_name) while the kernel resolves the program's ld_imm64
// instructions, before it verifies anything, and refuses the program
// without it ("ldimm64 failed to find the address for kernel symbol"). A
// kernel built without CONFIG_KALLSYMS_ALL lists its functions, not its
// per-CPU or other data. For the running kernel the command line reads its
// table (AnalysisOptions::ksyms_missing_from_kallsyms).
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/reporter.hpp"

namespace bpfcheck::analyzer {

// `ksym.unavailable`: the first ld_imm64 of each such variable, reachable or not.
void check_kernel_symbol_addresses(const AnalysisContext& context, Reporter& reporter);

}  // namespace bpfcheck::analyzer
