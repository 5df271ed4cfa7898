#include "analyzer/checks/program/feature_availability.hpp"

#include <fmt/format.h>

#include <set>
#include <string_view>
#include <variant>

namespace bpfcheck::analyzer {
namespace {

constexpr std::uint32_t version(std::uint32_t major, std::uint32_t minor) {
    return (major << 16) | (minor << 8);
}

std::string version_text(std::uint32_t v) {
    return fmt::format("{}.{}", v >> 16, (v >> 8) & 0xff);
}

struct Feature {
    std::string_view name;
    std::uint32_t since;
};

// The feature an instruction needs beyond the original eBPF instruction
// set, or nullopt.
std::optional<Feature> feature_of(const isa::Instruction& insn) {
    return std::visit(
        [](const auto& i) -> std::optional<Feature> {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, isa::Alu>) {
                if (i.op == isa::AluOp::MovSx) {
                    return Feature{"sign-extending move (movsx, ISA v4)", version(6, 6)};
                }
                if (i.op == isa::AluOp::SDiv || i.op == isa::AluOp::SMod) {
                    return Feature{"signed division (sdiv/smod, ISA v4)", version(6, 6)};
                }
            } else if constexpr (std::is_same_v<T, isa::Endian>) {
                if (i.order == isa::ByteOrder::Swap) {
                    return Feature{"unconditional byte swap (bswap, ISA v4)", version(6, 6)};
                }
            } else if constexpr (std::is_same_v<T, isa::Load>) {
                if (i.sign_extend) {
                    return Feature{"sign-extending load (ldsx, ISA v4)", version(6, 6)};
                }
            } else if constexpr (std::is_same_v<T, isa::Jump>) {
                if (i.is_long) {
                    return Feature{"32-bit jump offset (gotol, ISA v4)", version(6, 6)};
                }
                if (i.is32) {
                    return Feature{"32-bit conditional jump (JMP32, ISA v3)", version(5, 1)};
                }
            } else if constexpr (std::is_same_v<T, isa::Atomic>) {
                if (i.fetch || i.op != isa::AtomicOp::Add) {
                    return Feature{"atomic fetch/and/or/xor/xchg/cmpxchg", version(5, 12)};
                }
            } else if constexpr (std::is_same_v<T, isa::MayGoto>) {
                return Feature{"may_goto", version(6, 9)};
            } else if constexpr (std::is_same_v<T, isa::Call>) {
                if (i.kind == isa::CallKind::Local) {
                    return Feature{"bpf-to-bpf call", version(4, 16)};
                }
                if (i.kind == isa::CallKind::Kfunc) {
                    return Feature{"kfunc call", version(5, 13)};
                }
            }
            return std::nullopt;
        },
        insn);
}

// The release that introduced each program type (libbpf's names), as
// include/uapi/linux/bpf.h's enum bpf_prog_type grew.
std::uint32_t program_type_since(std::string_view type) {
    static constexpr std::pair<std::string_view, std::uint32_t> kSince[] = {
        {"socket_filter", version(3, 19)},
        {"kprobe", version(4, 1)},
        {"sched_cls", version(4, 1)},
        {"sched_act", version(4, 1)},
        {"tracepoint", version(4, 7)},
        {"xdp", version(4, 8)},
        {"perf_event", version(4, 9)},
        {"cgroup_skb", version(4, 10)},
        {"cgroup_sock", version(4, 10)},
        {"lwt_in", version(4, 10)},
        {"lwt_out", version(4, 10)},
        {"lwt_xmit", version(4, 10)},
        {"sock_ops", version(4, 13)},
        {"sk_skb", version(4, 14)},
        {"cgroup_device", version(4, 15)},
        {"sk_msg", version(4, 17)},
        {"raw_tracepoint", version(4, 17)},
        {"cgroup_sock_addr", version(4, 17)},
        {"lwt_seg6local", version(4, 18)},
        {"lirc_mode2", version(4, 18)},
        {"sk_reuseport", version(4, 19)},
        {"flow_dissector", version(4, 20)},
        {"cgroup_sysctl", version(5, 2)},
        {"raw_tracepoint_writable", version(5, 2)},
        {"cgroup_sockopt", version(5, 3)},
        {"tracing", version(5, 5)},
        {"struct_ops", version(5, 6)},
        {"ext", version(5, 6)},
        {"lsm", version(5, 7)},
        {"sk_lookup", version(5, 9)},
        {"syscall", version(5, 14)},
        {"netfilter", version(6, 4)},
    };
    for (const auto& [name, since] : kSince) {
        if (name == type) {
            return since;
        }
    }
    return 0;
}

}  // namespace

void check_feature_availability(const AnalysisContext& context, std::string_view type_name, Reporter& reporter) {
    // bpf_prog_load: at most BPF_MAXINSNS (4096) instructions without
    // CAP_BPF, BPF_COMPLEXITY_LIMIT_INSNS (1,000,000) with it (E2BIG).
    if (context.options.unprivileged && context.type.needs_perfmon) {
        // bpf_prog_load: "is_perfmon_prog_type(type) && !bpf_token_capable(
        // token, CAP_PERFMON)" is EPERM, before the verifier.
        reporter.error("type.unprivileged", 0,
                       fmt::format("{} programs load only with CAP_PERFMON (bpf_prog_load: EPERM)", type_name), {},
                       "load the program with CAP_PERFMON (and CAP_BPF)");
    }
    const std::size_t limit = context.options.unprivileged ? 4096 : 1000000;
    if (context.program.insns.size() > limit) {
        reporter.error("cfg.too_large", 0,
                       fmt::format("{} instructions, more than the {} the kernel loads{}", context.program.insns.size(),
                                   limit, context.options.unprivileged ? " without CAP_BPF" : ""),
                       {}, "split the program (tail calls) or shorten it");
    }
    const std::uint32_t target = context.options.kernel_version;
    if (target == 0) {
        return;
    }
    if (const std::uint32_t since = program_type_since(type_name); since > target) {
        reporter.error("type.unavailable", 0,
                       fmt::format("{} programs need Linux {}; target is {}", type_name, version_text(since),
                                   version_text(target)),
                       {}, fmt::format("target Linux {} or later", version_text(since)));
    }
    std::set<std::string_view> reported;
    const auto& insns = context.program.insns;
    for (std::uint32_t pc = 0; pc < insns.size(); ++pc) {
        const auto feature = feature_of(insns[pc]);
        if (!feature || feature->since <= target || !reported.insert(feature->name).second) {
            continue;
        }
        reporter.error("isa.unavailable", pc,
                       fmt::format("{} needs Linux {}; target is {}", feature->name, version_text(feature->since),
                                   version_text(target)),
                       {"reported at its first use"},
                       feature->since == version(6, 6) ? "compile with -mcpu=v3 (or v2) for older kernels"
                                                       : fmt::format("target Linux {} or later, or avoid the feature",
                                                                     version_text(feature->since)));
    }
}

}  // namespace bpfcheck::analyzer
