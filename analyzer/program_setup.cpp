// See program_setup.hpp.
#include "analyzer/program_setup.hpp"

#include "analyzer/platform/struct_ops.hpp"

#include <fmt/format.h>
#include <variant>

namespace bpfcheck::analyzer {

void report_structure(const cfg::Cfg& graph, const model::Program& program, Reporter& reporter) {
    const auto& unreachable = graph.unreachable_insns();
    for (std::size_t i = 0; i < unreachable.size(); ++i) {
        if (i > 0 && unreachable[i] <= unreachable[i - 1] + 2) {
            continue;  // one diagnostic per run of unreachable instructions (an ld_imm64's second slot is in none)
        }
        std::size_t end = i;
        while (end + 1 < unreachable.size() && unreachable[end + 1] <= unreachable[end] + 2) {
            ++end;
        }
        reporter.error("cfg.unreachable", unreachable[i],
                       fmt::format("unreachable insn {}: no path from the program's entry reaches instructions {}..{}",
                                   unreachable[i], unreachable[i], unreachable[end]),
                       {}, "remove the dead code; the kernel refuses programs with unreachable instructions");
    }
    if (!graph.call_cycle().empty()) {
        std::string chain;
        for (const std::uint32_t f : graph.call_cycle()) {
            chain += (chain.empty() ? "" : " -> ") + std::to_string(program.functions[f].start);
        }
        reporter.error(
            "cfg.recursion", graph.functions()[graph.call_cycle().back()].first_insn,
            fmt::format("recursive bpf-to-bpf call: the functions at instructions {} call each other", chain), {},
            "BPF does not allow recursion; rewrite it as a bounded loop");
    }
}

namespace {

// A struct_ops type's is_valid_access may retype arguments
// (bpf_tcp_ca_is_valid_access: `struct sock *` becomes `struct tcp_sock *`).
void promote_struct_ops_args(const model::KernelTypes& types, model::AttachTarget& target) {
    const StructOpsRules* rules = target.struct_ops.empty() ? nullptr : struct_ops_rules(target.struct_ops);
    if (rules == nullptr || rules->promote_from.empty()) {
        return;
    }
    const std::uint32_t from = types.find_struct(rules->promote_from);
    const std::uint32_t to = types.find_struct(rules->promote_to);
    for (model::KernelArg& arg : target.args) {
        if (arg.kind == model::KernelArg::Kind::StructPointer && from != 0 && to != 0 && arg.type_id == from) {
            arg.type_id = to;
        }
    }
}

}  // namespace

std::optional<model::AttachTarget> type_arguments(const model::Program& program, const AnalysisOptions& options,
                                                  Reporter& reporter) {
    std::string why;
    if (options.kernel_types == nullptr) {
        why = "no kernel BTF (--btf FILE; /sys/kernel/btf/vmlinux by default)";
    } else {
        auto target = program.struct_ops_member.empty()
                          ? options.kernel_types->attach_target(program.section)
                          : options.kernel_types->struct_ops_target(program.struct_ops_type, program.struct_ops_member);
        if (target) {
            promote_struct_ops_args(*options.kernel_types, *target);
            return std::move(*target);
        }
        why = target.error().message;
    }
    reporter.report(Diagnostic{
        "btf.untyped",
        Severity::Note,
        0,
        fmt::format("{}: the arguments of {} are not typed; each is taken as a pointer or a number, and reads "
                    "through them are not checked",
                    why, program.section),
        {},
        ""});
    return std::nullopt;
}

std::vector<std::optional<MapSizes>> map_sizes_by_insn(const AnalysisContext& context) {
    const auto& insns = context.program.insns;
    std::vector<std::optional<MapSizes>> sizes(insns.size());
    for (std::size_t pc = 0; pc < insns.size() && pc < context.program.refs.size(); ++pc) {
        const auto* load = std::get_if<isa::LoadImm64>(&insns[pc]);
        const std::uint32_t map = context.program.refs[pc].map_index;
        if (load != nullptr && (load->kind == isa::Imm64Kind::MapFd || load->kind == isa::Imm64Kind::MapIdx) &&
            map < context.object.maps.size()) {
            sizes[pc] = MapSizes{context.object.maps[map].key_size, context.object.maps[map].value_size};
        }
    }
    return sizes;
}

}  // namespace bpfcheck::analyzer
