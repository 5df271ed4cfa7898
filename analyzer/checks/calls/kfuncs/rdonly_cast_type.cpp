// The type-id rule of bpf_rdonly_cast: the relocation that made the id
// constant is found by its local type id (what clang writes into the
// instruction libbpf then relocates), and its type's BTF kind must be a
// struct's or a union's. An id no relocation gives is the kernel's own:
// its kernel type must be a struct or union (a name bpfcheck cannot tell,
// "void" for an id past the kernel's types, is not reported).
#include "analyzer/checks/calls/kfuncs/rdonly_cast_type.hpp"

#include <fmt/format.h>

namespace bpfcheck::analyzer {
namespace {

constexpr std::uint8_t kBtfKindStruct = 4;  // BTF_KIND_STRUCT
constexpr std::uint8_t kBtfKindUnion = 5;   // BTF_KIND_UNION

void report(Reporter& reporter, std::uint32_t pc, const std::string& type) {
    reporter.error("helper.arg_type", pc,
                   fmt::format("kfunc bpf_rdonly_cast type ID argument must be of a struct or void: R2 is the type "
                               "id of {}, which is not a struct",
                               type),
                   {}, "cast to a struct type (bpf_core_cast(ptr, struct name)), or read the value itself");
}

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
    if (const model::CoreReloc* reloc = model::type_id_reloc(context.program, *constant, true)) {
        if (reloc->root_kind != 0 && reloc->root_kind != kBtfKindStruct && reloc->root_kind != kBtfKindUnion) {
            report(reporter, pc, reloc->root.empty() ? std::string("an unnamed type") : reloc->root);
        }
        return;
    }
    // No relocation: libbpf leaves the number as it is, and the kernel reads
    // it as an id of its own BTF.
    if (const model::KernelTypes* types = context.options.kernel_types; types != nullptr) {
        const std::string name = types->type_name(static_cast<std::uint32_t>(*constant));
        if (name != "void" && !name.starts_with("struct ") && !name.starts_with("union ")) {
            report(reporter, pc, fmt::format("{} (kernel type id {})", name, *constant));
        }
    }
}

}  // namespace bpfcheck::analyzer
