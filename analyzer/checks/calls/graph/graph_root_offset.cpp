// __process_kf_arg_ptr_to_graph_root (kernel/bpf/verifier.c, 6.12): "R%d
// doesn't have constant offset. %s has to be at the constant offset", then
// btf_record_find at reg->off + var_off: "%s not found at offset=%u".
// Only roots in map values are checked: allocated objects' types are the
// program's own, which bpfcheck does not read.
#include "analyzer/checks/calls/graph/graph_root_offset.hpp"

#include "analyzer/platform/kfuncs/kfunc_table.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

using domains::Kind;

void check_graph_root_offset(const AnalysisContext& context, std::uint32_t pc, std::string_view kfunc, int reg,
                             const domains::Value& root, Reporter& reporter) {
    const GraphStructs graph = graph_structs(kfunc);
    const std::string_view root_name = graph.root;
    // Roots inside allocated objects are left out: their offsets come
    // through container_of arithmetic bpfcheck does not keep constant.
    if (root.kind() != Kind::MapValue) {
        return;  // other kinds: the argument's kind check
    }
    const auto offset = root.number().as_constant();
    if (!offset) {
        reporter.error("helper.arg_type", pc,
                       fmt::format("R{} doesn't have constant offset. {} has to be at the constant offset: R{}'s "
                                   "offset in its map value is {}",
                                   reg, root_name, reg, root.number().to_string()),
                       {}, fmt::format("pass the address of the {} field itself", root_name));
        return;
    }
    if (root.region() >= context.object.maps.size()) {
        return;
    }
    const model::MapDef& map = context.object.maps[root.region()];
    const model::SpecialField wanted = graph.rbtree ? model::SpecialField::RbRoot : model::SpecialField::ListHead;
    bool any_root = false;
    bool found = false;
    for (const auto& field : map.special_fields) {
        any_root = any_root || field.kind == wanted;
        found = found || (field.kind == wanted && field.offset == *offset);
    }
    // Without a BTF record of the value's roots the map checks say what is missing.
    if (any_root && !found) {
        reporter.error("helper.arg_type", pc,
                       fmt::format("{} not found at offset={}: R{} points {} bytes into map '{}', where its value "
                                   "has no {}",
                                   root_name, *offset, reg, *offset, map.name, root_name),
                       {}, fmt::format("pass the address of the {} field itself", root_name));
    }
}

}  // namespace bpfcheck::analyzer
