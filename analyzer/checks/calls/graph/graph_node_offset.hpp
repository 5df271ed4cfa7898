// The node argument of bpf_list_push_front/back and bpf_rbtree_add
// (__process_kf_arg_ptr_to_graph_node, kernel/bpf/verifier.c): the node must
// be the member the root's `__contains(type, node)` declaration names, at
// its offset in the object (btf_record_find: "bpf_list_node not found at
// offset=N"; btf_struct_ids_match: "operation on bpf_list_head expects arg#1
// bpf_list_node at offset=48 in struct foo, but arg is at offset=0 in struct
// bar"; "arg#1 offset=0, but expected bpf_list_node at offset=48 in struct
// foo"): whichever of the three the kernel says, a node at another offset
// than the declared one is refused. Decides from the arguments' values alone.
#pragma once

#include "analyzer/analysis_context.hpp"
#include "analyzer/platform/kfuncs/kfunc_table.hpp"
#include "analyzer/reporter.hpp"
#include "domains/machine_state.hpp"

#include <cstdint>

namespace bpfcheck::analyzer {

void check_graph_node_offset(const AnalysisContext& context, std::uint32_t pc, const KfuncPrototype& kfunc,
                             const domains::MachineState& state, Reporter& reporter);

}  // namespace bpfcheck::analyzer
