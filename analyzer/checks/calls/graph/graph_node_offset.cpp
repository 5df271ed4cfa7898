// Checked where both offsets are known: a root in a map value whose
// __contains declaration resolves, and an owning node whose offset from its
// object's start is a constant (bpf_obj_new's result and constant arithmetic
// on it; nodes a graph kfunc returned have offsets bpfcheck does not know).
// Roots inside allocated objects are left out: bpfcheck does not read the
// program's own types of allocated objects.
#include "analyzer/checks/calls/graph/graph_node_offset.hpp"

#include "analyzer/checks/checker.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

using domains::Kind;

void check_graph_node_offset(const AnalysisContext& context, std::uint32_t pc, const KfuncPrototype& kfunc,
                             const domains::MachineState& state, Reporter& reporter) {
    if (kfunc.root_arg < 0 || kfunc.owned_node_arg < 0) {
        return;
    }
    const domains::Value& root = state.reg(kfunc.root_arg + 1);
    const domains::Value& node = state.reg(kfunc.owned_node_arg + 1);
    const auto root_offset = root.number().as_constant();
    const auto node_offset = node.number().as_constant();
    if (root.kind() != Kind::MapValue || root.region() >= context.object.maps.size() || !root_offset ||
        node.kind() != Kind::BtfId || node.region() != domains::kAllocObjectRegion || !node_offset) {
        return;
    }
    const GraphStructs graph = graph_structs(kfunc.name);
    const model::SpecialField wanted = graph.rbtree ? model::SpecialField::RbRoot : model::SpecialField::ListHead;
    for (const model::MapField& field : context.object.maps[root.region()].special_fields) {
        if (field.kind != wanted || field.offset != *root_offset || field.node_offset < 0) {
            continue;
        }
        const auto offset = static_cast<std::int64_t>(*node_offset);
        if (offset != field.node_offset) {
            reporter.error("helper.arg_type", pc,
                           fmt::format("arg#{} offset={}, but expected {} at offset={} in struct {}: the root in R{} "
                                       "is declared __contains({}, ...), whose node is there",
                                       kfunc.owned_node_arg, offset, graph.node, field.node_offset, field.contains,
                                       kfunc.root_arg + 1, field.contains),
                           {describe_value(kfunc.owned_node_arg + 1, node)},
                           fmt::format("pass the address of the {} member the root's __contains names, in an object "
                                       "of that struct",
                                       graph.node));
        }
        return;
    }
}

}  // namespace bpfcheck::analyzer
