// ARG_PTR_TO_CONST_STR (bpf_strncmp's third argument, bpf_snprintf's
// format): a pointer into a read-only (frozen, BPF_F_RDONLY_PROG) array
// map at a constant offset, with a NUL before the value's end, as
// check_reg_const_str (kernel/bpf/verifier.c) reads the map's contents.
// For the object's `.rodata`/`.kconfig` maps those contents are the
// section's bytes, which libbpf copies in before it freezes the map.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/reporter.hpp"
#include "domains/value.hpp"

#include <cstdint>

namespace bpfcheck::analyzer {

// Decides from the argument's value alone; reports and changes nothing.
void check_const_str_arg(const AnalysisContext& context, std::uint32_t pc, int reg, const domains::Value& pointer,
                         Reporter& reporter);

}  // namespace bpfcheck::analyzer
