// Helper argument checks that do not depend on the argument's kind: the
// memory a helper reads or writes (check_helper_mem_access), the map types a
// helper accepts (check_map_func_compatibility), and whether the helper
// exists for this program type, license and target kernel.
#include "analyzer/executor.hpp"
#include "analyzer/platform/helper_availability.hpp"
#include "analyzer/platform/helper_prototype.hpp"

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
            domains::Stack& stack = state.stack(pointer.region());
            if (write) {
                stack.store_unknown(static_cast<int>(lo), static_cast<int>(hi - lo));
                return;
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
            if (pointer.kind() == Kind::Packet || pointer.kind() == Kind::PacketMeta) {
                last.set_fixed_offset(pointer.fixed_offset() + static_cast<std::int64_t>(bytes) - 1);
                access_packet(pc, arg_reg, last, 0, width, write, reporter);
                access_packet(pc, arg_reg, first, 0, width, write, reporter);
            } else {
                access_sized_region(pc, arg_reg, first, 0, width, write, reporter);
                access_sized_region(pc, arg_reg, last, 0, width, write, reporter);
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

namespace {

// Map types by enum bpf_map_type.
constexpr std::uint32_t kProgArray = 3, kPerfEventArray = 4, kStackTrace = 7, kCgroupArray = 8, kDevmap = 14,
                        kSockmap = 15, kCpumap = 16, kXskmap = 17, kSockhash = 18, kQueue = 22, kStack = 23,
                        kDevmapHash = 25, kRingbuf = 27, kUserRingbuf = 31;

// The map types a helper needs (check_map_func_compatibility, first half);
// empty when any map will do.
std::vector<std::uint32_t> required_map_types(std::int32_t helper) {
    switch (helper) {
        case 12:
            return {kProgArray};  // tail_call
        case 22:
        case 25:
        case 55:
        case 111:
        case 121:
            return {kPerfEventArray};  // perf_event_read/output, read_value, skb/xdp_output
        case 27:
        case 67:
            return {kStackTrace};  // get_stackid (67: get_stack takes no map)
        case 37:
        case 79:
            return {kCgroupArray};  // current_task_under_cgroup, skb_under_cgroup
        case 51:
            return {kDevmap, kDevmapHash, kCpumap, kXskmap};  // redirect_map
        case 52:
        case 53:
        case 60:
            return {kSockmap};  // sk_redirect_map, sock_map_update, msg_redirect_map
        case 70:
        case 71:
        case 72:
            return {kSockhash};  // sock_hash_update, msg/sk_redirect_hash
        case 87:
        case 88:
        case 89:
            return {kQueue, kStack};  // map_push/pop/peek_elem
        case 130:
        case 131:
        case 132:
        case 133:
        case 134:
        case 198:
            return {kRingbuf};  // ringbuf_*, reserve_dynptr
        case 209:
            return {kUserRingbuf};  // user_ringbuf_drain
        default:
            return {};
    }
}

// may_update_sockmap: where bpf_map_update_elem/delete_elem may change a
// sockmap or sockhash (no locked socket can be reached there); sock_ops
// programs update through bpf_sock_map_update/bpf_sock_hash_update only.
bool may_update_sockmap(std::string_view type, std::string_view section, std::int32_t helper) {
    if (helper != 2 && helper != 3) {
        return false;
    }
    if (type == "tracing") {
        return section.rfind("iter/", 0) == 0 || section.rfind("iter.s/", 0) == 0;
    }
    if (type == "sock_ops") {
        return helper == 3;
    }
    return type == "socket_filter" || type == "sched_cls" || type == "sched_act" || type == "xdp" ||
           type == "sk_reuseport" || type == "flow_dissector" || type == "sk_lookup";
}

// Helpers a map type allows (second half): these map types take no others.
bool map_allows_helper(std::uint32_t map_type, std::int32_t helper, std::string_view type, std::string_view section) {
    switch (map_type) {
        case kSockmap:  // lookup, sk_redirect_map, sock_map_update, msg_redirect_map, sk_select_reuseport
            return helper == 1 || helper == 52 || helper == 53 || helper == 60 || helper == 82 ||
                   may_update_sockmap(type, section, helper);
        case kSockhash:  // lookup, sock_hash_update, msg/sk_redirect_hash, sk_select_reuseport
            return helper == 1 || helper == 70 || helper == 71 || helper == 72 || helper == 82 ||
                   may_update_sockmap(type, section, helper);
        case kProgArray:
            return helper == 12;
        case kPerfEventArray:
            return helper == 22 || helper == 25 || helper == 55 || helper == 111 || helper == 121;
        case kRingbuf:
            return (helper >= 130 && helper <= 134) || helper == 198;
        case kUserRingbuf:
            return helper == 209;
        case kStackTrace:
            return helper == 27;
        case kCgroupArray:
            return helper == 37 || helper == 79;
        default:
            return true;
    }
}

}  // namespace

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
                (maps[i].type == kSockmap || maps[i].type == kSockhash) && (helper == 2 || helper == 3);
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

}  // namespace bpfcheck::analyzer
