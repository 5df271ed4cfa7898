// The root argument of the bpf_list_* and bpf_rbtree_* kfuncs
// (__process_kf_arg_ptr_to_graph_root, kernel/bpf/verifier.c): a pointer
// at a constant offset, and in a map value that offset must be where the
// value's BTF declares a bpf_list_head (bpf_rb_root). Decides from the
// argument's value alone; reports and changes nothing.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/reporter.hpp"
#include "domains/value.hpp"

#include <cstdint>
#include <string_view>

namespace bpfcheck::analyzer {

void check_graph_root_offset(const AnalysisContext& context, std::uint32_t pc, std::string_view kfunc, int reg,
                             const domains::Value& root, Reporter& reporter);

}  // namespace bpfcheck::analyzer
