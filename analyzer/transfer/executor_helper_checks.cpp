// Helper argument checks that do not depend on the argument's kind: the
// memory a helper reads or writes (check_helper_mem_access), the map types a
// helper accepts (check_map_func_compatibility), and whether the helper
// exists for this program type, license and target kernel, and whether a
// map whose value holds a lock, timer or kptr has the BTF that says so.
#include "analyzer/checks/memory_checks.hpp"
#include "analyzer/platform/helper_availability.hpp"
#include "analyzer/platform/helper_prototype.hpp"
#include "analyzer/platform/helper_variants.hpp"
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

void Executor::check_helper_memory(std::uint32_t pc, int arg_reg, const Value& pointer, const Scalar& size, bool write,
                                   MachineState& state, Reporter* reporter) const {
    if (size.umax == 0) {
        return;
    }
    const std::uint64_t bytes = size.umax;
    check_kptr_indirect_access(pc, arg_reg, pointer, bytes, state, reporter);
    const std::int64_t lo = pointer.number().smin;
    const auto hi = static_cast<std::int64_t>(static_cast<std::uint64_t>(pointer.number().smax) + bytes);
    auto fail = [&](std::string id, std::string message, std::string hint = {}) {
        if (reporter != nullptr) {
            reporter->error(std::move(id), pc, std::move(message), {describe(state, arg_reg)}, std::move(hint));
        }
    };
    switch (pointer.kind()) {
        case Kind::Stack: {
            if (lo < 0 || hi > domains::kStackSize) {
                fail("stack.out_of_bounds",
                     fmt::format("helper memory R{} of {} bytes at stack offset {} is outside the frame", arg_reg,
                                 bytes, lo - domains::kStackSize));
                return;
            }
            if (reporter != nullptr) {
                note_stack_touch(pc, state, pointer.region(), static_cast<int>(lo));
            }
            const auto first = static_cast<int>(lo);
            const auto end = static_cast<int>(hi);
            if (check_stack_object_access(pc, arg_reg, pointer.region(), first, end,
                                          write ? StackObjectAccess::HelperWrite : StackObjectAccess::HelperRead, state,
                                          reporter)) {
                return;
            }
            domains::Stack& stack = state.stack(pointer.region());
            if (write) {
                stack.store_unknown(first, end - first);
                return;
            }
            if (m_context.options.unprivileged && reporter != nullptr) {
                if (auto leak =
                        helper_reads_spilled_pointer(stack, static_cast<int>(lo), static_cast<int>(hi), arg_reg)) {
                    reporter->error("pointer.leak", pc, std::move(*leak), {describe(state, arg_reg)},
                                    "pass the helper a buffer of data, not one holding a pointer");
                }
            }
            if (!stack.initialised(static_cast<int>(lo), static_cast<int>(hi - lo)) && reporter != nullptr) {
                const std::string message =
                    fmt::format("helper reads {} bytes from stack at r10{:+d} (R{}) that are not all initialised",
                                bytes, lo - domains::kStackSize, arg_reg);
                if (m_context.options.unprivileged) {
                    reporter->error("uninit.stack", pc, message, {describe(state, arg_reg)},
                                    "initialise the whole buffer before passing it");
                } else {
                    reporter->warning("uninit.stack", pc, message,
                                      {describe(state, arg_reg),
                                       "the kernel allows this with CAP_PERFMON, but the helper reads garbage"},
                                      "initialise the whole buffer before passing it");
                }
            }
            return;
        }
        case Kind::MapValue:
        case Kind::MapKey:
        case Kind::Mem:
        case Kind::FlowKeys:
        case Kind::Packet:
        case Kind::PacketMeta: {
            // Reuse the load/store checks on the first and last byte of the range.
            const Value first = pointer;
            const int width = 1;
            Value last = pointer;
            last.number() = Scalar::constant(static_cast<std::uint64_t>(pointer.number().smax) + bytes - 1);
            if (reporter == nullptr) {
                return;
            }
            const AccessSite site{m_context, *this, pc, arg_reg, state.reg(arg_reg), *reporter};
            if (pointer.kind() == Kind::Packet || pointer.kind() == Kind::PacketMeta) {
                last.set_fixed_offset(pointer.fixed_offset() + static_cast<std::int64_t>(bytes) - 1);
                check_packet_access(site, last, 0, width, write);
                check_packet_access(site, first, 0, width, write);
            } else {
                check_sized_region_access(site, first, 0, width, write);
                check_sized_region_access(site, last, 0, width, write);
            }
            return;
        }
        case Kind::BtfId:
            if (write && reporter != nullptr) {
                reporter->error("pointer.btf_write", pc,
                                fmt::format("R{} is a kernel (BTF) pointer: the memory it points to may be read, "
                                            "not written",
                                            arg_reg),
                                {describe(state, arg_reg)}, "pass a stack or map value buffer to be written");
            }
            return;
        default:
            fail("helper.arg_type",
                 fmt::format("R{} type={} expected=fp, pkt, map_key, map_value, mem", arg_reg,
                             domains::kind_name(pointer.kind())),
                 "pass a pointer to the stack, a map value or the packet");
    }
}

bool Executor::check_map_compatibility(std::uint32_t pc, std::int32_t helper, std::string_view helper_name,
                                       const Value& map_pointer, Reporter* reporter) const {
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
            if (reporter == nullptr) {
                return false;
            }
            const bool sock_update =
                (maps[i].type == model::map_type::kSockmap || maps[i].type == model::map_type::kSockhash) &&
                (helper == 2 || helper == 3);
            reporter->error("helper.map_type", pc,
                            fmt::format("{}cannot pass map_type {} ('{}') into func {}#{}",
                                        sock_update ? "cannot update sockmap in this context: " : "", maps[i].type,
                                        maps[i].name, helper_name, helper),
                            {},
                            required.empty() ? "this map type does not support this helper"
                                             : "use a map of the type this helper expects");
            return false;
        }
    }
    return true;
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
    // Per-caller protos the type's table does not list (helper_variants.hpp):
    // the tcp and unix iterators' bpf_{get,set}sockopt.
    const HelperCaller caller{
        m_context.type.name, expected_attach_type(m_context),
        m_context.attach != nullptr ? std::string_view{m_context.attach->function} : std::string_view{}};
    if (available == HelperAvailability::NotForProgramType && !helper_granted(proto.id, caller)) {
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

void Executor::check_tail_call_map(std::uint32_t pc, const MachineState& state, Reporter* reporter) const {
    const Value& map_pointer = state.reg(2);
    // do_misc_fixups: the kernel bounds an unprivileged tail call's index
    // with its one map's max_entries (Spectre v1), so every path must bring
    // the same prog array (record_func_map; else the map is "poisoned").
    if (reporter == nullptr || map_pointer.kind() != Kind::MapPtr) {
        return;
    }
    const auto [it, inserted] = m_tail_call_maps.try_emplace(pc, map_pointer.region());
    if (map_pointer.region() == domains::kManyMaps || it->second != map_pointer.region()) {
        reporter->error("tailcall.map", pc,
                        "tail_call abusing map_ptr: this tail call is reached with different prog arrays",
                        {describe(state, 2)}, "use one tail call instruction per prog array");
    }
}

}  // namespace bpfcheck::analyzer
