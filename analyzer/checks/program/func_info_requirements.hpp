// Rules the kernel applies to a program loaded without BTF func info (GCC's
// objects, objects whose BTF the kernel refuses, assembly): checked on the
// instructions before the analysis, as the kernel checks them before or
// outside its walk (check_btf_info_early/check_abnormal_return, check_ld_imm).
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/reporter.hpp"

namespace bpfcheck::analyzer {

// `call.no_func_info`: a tail call or LD_ABS/LD_IND in a subprogram ("tail_call
// is not allowed in subprogs without BTF"), or a callback's address taken
// ("missing btf func_info"). With func info, `call.abnormal_exit_type`: a
// tail call or LD_ABS in a subprogram whose BTF return type is not a number.
void check_func_info_requirements(const AnalysisContext& context, Reporter& reporter);

}  // namespace bpfcheck::analyzer
