// Instructions and program types the target kernel (--kernel) does not have
// yet: each is reported once (`isa.unavailable`, `type.unavailable`) with
// the version that introduced it, as helpers are (helper.unavailable); and
// a program longer than the kernel loads for this loader (`cfg.too_large`).
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/reporter.hpp"

namespace bpfcheck::analyzer {

// `type_name`: the program type as libbpf names it (some have no context
// model here, e.g. cgroup_sockopt, and are analysed generically).
void check_feature_availability(const AnalysisContext& context, std::string_view type_name, Reporter& reporter);

}  // namespace bpfcheck::analyzer
