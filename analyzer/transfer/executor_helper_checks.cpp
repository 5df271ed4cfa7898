// Helper argument checks that do not depend on the argument's kind: the
// memory a helper reads or writes (check_helper_mem_access), the map types a
// helper accepts (check_map_func_compatibility), and whether the helper
// exists for this program type, license and target kernel, and whether a
// map whose value holds a lock, timer or kptr has the BTF that says so.
#include "analyzer/checks/memory_checks.hpp"
#include "analyzer/platform/helper_availability.hpp"
#include "analyzer/platform/helper_prototype.hpp"
#include "analyzer/platform/map_helper_rules.hpp"
#include "analyzer/transfer/executor.hpp"
#include "analyzer/transfer/stack_spill_rules.hpp"
#include "cfg/program/map_type.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace bpfcheck::analyzer {

using domains::Kind;
using domains::MachineState;
using domains::Scalar;
using domains::Value;

std::optional<std::size_t> Executor::incompatible_map(std::int32_t helper, const Value& map_pointer) const {
    const auto& maps = m_context.object.maps;
    for (std::size_t i = 0; i < maps.size() && i < 64; ++i) {
        const bool member = map_pointer.region() == domains::kManyMaps ? ((map_pointer.region_set() >> i) & 1U) != 0
                                                                       : map_pointer.region() == i;
        if (!member) {
            continue;
        }
        const auto required = required_map_types(helper);
        const bool type_ok =
            required.empty() || std::find(required.begin(), required.end(), maps[i].type) != required.end();
        // A type without a layout of its own (sk_lookup, sk_reuseport) is "unspec": its loader name decides.
        const std::string_view type =
            m_context.type.name == "unspec" ? std::string_view{m_context.program.type} : m_context.type.name;
        if (!type_ok || !map_allows_helper(maps[i].type, helper, type, m_context.program.section)) {
            return i;
        }
    }
    return std::nullopt;
}

namespace {

// license_is_gpl_compatible() in the kernel (include/linux/license.h).
bool gpl_compatible(std::string_view license) {
    return license == "GPL" || license == "GPL v2" || license == "GPL and additional rights" ||
           license == "Dual BSD/GPL" || license == "Dual MIT/GPL" || license == "Dual MPL/GPL";
}

std::string version_text(std::uint32_t major_minor) {
    return fmt::format("{}.{}", major_minor / 100, major_minor % 100);
}

}  // namespace

void Executor::check_helper_availability(std::uint32_t pc, const HelperPrototype& proto, Reporter* reporter) const {
    if (reporter == nullptr) {
        return;
    }
    const Privilege privilege = m_context.options.unprivileged ? Privilege::CapBpf : Privilege::Full;
    const HelperAvailability available = helper_availability(m_context.type.name, proto.id, privilege);
    if (available == HelperAvailability::NotForProgramType) {
        std::string types;
        for (const std::string_view type : program_types_allowing(proto.id)) {
            types += (types.empty() ? "" : ", ") + std::string(type);
        }
        reporter->error(
            "helper.not_for_type", pc,
            fmt::format("program of this type ({}) cannot use helper {}#{}", m_context.type.name, proto.name, proto.id),
            {types.empty() ? std::string{} : fmt::format("program types that may call it: {}", types)},
            "use a helper this program type offers, or another program type");
    } else if (available == HelperAvailability::NeedsCapBpf || available == HelperAvailability::NeedsCapPerfmon) {
        reporter->error(
            "helper.not_for_type", pc,
            fmt::format("{} needs {} for {} programs", proto.name,
                        available == HelperAvailability::NeedsCapBpf ? "CAP_BPF" : "CAP_PERFMON", m_context.type.name),
            {}, "load the program with the capability, or avoid the helper");
    }
    const auto& missing = m_context.options.helpers_missing_on_running_kernel;
    if (std::find(missing.begin(), missing.end(), proto.id) != missing.end()) {
        reporter->error("helper.not_for_type", pc,
                        fmt::format("program of this type ({}) cannot use helper {}#{} on the running kernel",
                                    m_context.type.name, proto.name, proto.id),
                        {"asked through bpf(): its build options or lockdown mode leave the helper out, although "
                         "its version has it"},
                        "check the kernel's configuration (e.g. CONFIG_BPF_KPROBE_OVERRIDE) and lockdown mode "
                        "(/sys/kernel/security/lockdown), or avoid the helper");
    }
    const bool gpl_only =
        m_context.type.name == "unspec" ? proto.gpl_only : helper_gpl_only(m_context.type.name, proto.id);
    if (gpl_only && !gpl_compatible(m_context.object.license)) {
        reporter->error("helper.gpl_only", pc,
                        fmt::format("cannot call GPL-restricted function {} from a program with license \"{}\"",
                                    proto.name, m_context.object.license),
                        {}, "use a GPL-compatible license (e.g. char LICENSE[] SEC(\"license\") = \"GPL\";)");
    }
    const std::uint32_t target = m_context.options.kernel_version;
    const std::uint32_t target_major_minor = (target >> 16) * 100 + ((target >> 8) & 0xff);
    if (target != 0 && proto.since > target_major_minor) {
        reporter->error("helper.unavailable", pc,
                        fmt::format("{} needs Linux {}; target is {}", proto.name, version_text(proto.since),
                                    version_text(target_major_minor)),
                        {},
                        fmt::format("target Linux {} or later, or avoid {}", version_text(proto.since), proto.name));
    }
}

// The kernel finds a bpf_spin_lock, bpf_timer or kptr in a map value through
// the map's BTF (map->record): a map created without BTF has none, whatever
// its value holds (verifier.c: process_spin_lock, process_timer_func,
// process_kptr_func: "map 'X' has to have BTF in order to use ...").
void Executor::check_map_has_btf(std::uint32_t pc, int reg, const Value& value, std::string_view what,
                                 Reporter* reporter) const {
    if (reporter == nullptr || value.kind() != Kind::MapValue) {
        return;
    }
    const auto& object = m_context.object;
    for (std::size_t i = 0; i < object.maps.size(); ++i) {
        const bool member = value.region() == domains::kManyMaps ? i < 64 && ((value.region_set() >> i) & 1U) != 0
                                                                 : value.region() == i;
        if (!member || object.maps[i].has_btf) {
            continue;
        }
        const std::string why = !object.btf_refusal.empty()
                                    ? fmt::format(
                                          "the kernel refuses the object's BTF ({}), so libbpf creates the "
                                          "map without it",
                                          object.btf_refusal)
                                : !object.has_btf ? std::string{"the object has no BTF"}
                                                  : std::string{"the map has no BTF key and value types"};
        reporter->error(
            "map.no_btf", pc,
            fmt::format("map '{}' has to have BTF in order to use {} (R{}): {}", object.maps[i].name, what, reg, why),
            {}, "define the map in the BTF `.maps` section, from an object whose BTF the kernel takes");
        return;
    }
}

}  // namespace bpfcheck::analyzer
