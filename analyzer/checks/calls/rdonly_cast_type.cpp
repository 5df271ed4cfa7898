// The type-id rule of bpf_rdonly_cast: the relocation that made the id
// constant is found by its local type id (what clang writes into the
// instruction libbpf then relocates), and its type's BTF kind must be a
// struct's or a union's. Ids no relocation gives are not checked.
#include "analyzer/checks/calls/rdonly_cast_type.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {
namespace {

constexpr std::uint32_t kTypeIdLocal = 6;   // enum bpf_core_relo_kind: BPF_CORE_TYPE_ID_LOCAL
constexpr std::uint32_t kTypeIdTarget = 7;  // BPF_CORE_TYPE_ID_TARGET
constexpr std::uint8_t kBtfKindStruct = 4;  // BTF_KIND_STRUCT
constexpr std::uint8_t kBtfKindUnion = 5;   // BTF_KIND_UNION

}  // namespace

void check_rdonly_cast_type(const AnalysisContext& context, std::uint32_t pc, std::string_view kfunc,
                            const domains::MachineState& state, Reporter& reporter) {
    if (kfunc != "bpf_rdonly_cast") {
        return;
    }
    const domains::Value& id = state.reg(2);
    const auto constant = id.is_scalar() ? id.number().as_constant() : std::nullopt;
    if (!constant || *constant == 0) {
        return;  // not known, or void (6.18: untrusted memory; 6.12 refused it too)
    }
    for (const model::CoreReloc& reloc : context.program.core_relocs) {
        if ((reloc.kind != kTypeIdLocal && reloc.kind != kTypeIdTarget) || reloc.type_id != *constant) {
            continue;
        }
        if (reloc.root_kind == 0 || reloc.root_kind == kBtfKindStruct || reloc.root_kind == kBtfKindUnion) {
            return;
        }
        reporter.error("helper.arg_type", pc,
                       fmt::format("kfunc bpf_rdonly_cast type ID argument must be of a struct or void: R2 is the "
                                   "type id of {}, which is not a struct",
                                   reloc.root.empty() ? std::string("an unnamed type") : reloc.root),
                       {}, "cast to a struct type (bpf_core_cast(ptr, struct name)), or read the value itself");
        return;
    }
}

}  // namespace bpfcheck::analyzer
