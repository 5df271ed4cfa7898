// Kernel functions that take a map (an argument named `__map` in their BTF
// prototype, KF_ARG_PTR_TO_MAP in check_kfunc_args): the argument must carry
// a map (a map pointer, or a key or value of one: "pointer in R2 isn't map
// pointer"), and bpf_wq_init's map must be the one whose value holds the
// bpf_wq it initialises ("workqueue pointer in R1 map_uid=.. doesn't match
// map pointer in R2").
#include "analyzer/platform/kfunc_table.hpp"
#include "analyzer/transfer/executor.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Value;

void Executor::check_kfunc_map_args(std::uint32_t pc, const KfuncPrototype& kfunc, const MachineState& state,
                                    Reporter* reporter) const {
    if (reporter == nullptr || kfunc.map_arg < 0) {
        return;
    }
    const int reg = kfunc.map_arg + 1;
    const Value& map = state.reg(reg);
    if (map.kind() == Kind::Uninit || map.kind() == Kind::Any || (map.is_scalar() && map.fault_reported())) {
        return;
    }
    if (map.kind() != Kind::MapPtr && map.kind() != Kind::MapValue && map.kind() != Kind::MapKey) {
        reporter->error(
            "helper.arg_type", pc,
            fmt::format("pointer in R{} isn't map pointer: arg{} of {} is a map", reg, kfunc.map_arg, kfunc.name),
            {describe(state, reg)}, "pass the map itself (&map_name)");
        return;
    }
    if (kfunc.map_object_arg < 0) {
        return;
    }
    const int object_reg = kfunc.map_object_arg + 1;
    const Value& object = state.reg(object_reg);
    if (object.kind() == Kind::MapValue && object.region() != domains::kManyMaps &&
        map.region() != domains::kManyMaps && object.region() != map.region()) {
        const auto& maps = m_context.object.maps;
        auto name = [&](std::uint32_t index) {
            return index < maps.size() ? maps[index].name : fmt::format("map #{}", index);
        };
        reporter->error("helper.map_mismatch", pc,
                        fmt::format("the object in R{} is in a value of map '{}', but R{} names map '{}': {} needs "
                                    "the map that holds it",
                                    object_reg, name(object.region()), reg, name(map.region()), kfunc.name),
                        {describe(state, object_reg), describe(state, reg)}, "pass the map the value was looked up in");
    }
}

}  // namespace bpfcheck::analyzer
