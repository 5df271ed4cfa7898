#include "cli/kernel_btf_option.hpp"

#include "analyzer/platform/program_type.hpp"

#include <algorithm>
#include <filesystem>
#include <variant>

namespace bpfcheck::cli {

std::optional<std::string> KernelBtfOption::load_explicit() {
    if (m_spec.empty() || m_spec == "none") {
        return std::nullopt;
    }
    m_tried = true;
    auto loaded = loader::load_kernel_btf(m_spec);
    if (!loaded) {
        return loaded.error().message;
    }
    m_types = std::move(*loaded);
    return std::nullopt;
}

const model::KernelTypes* KernelBtfOption::for_program(const model::BpfObject& object, const model::Program& program,
                                                       const std::string& type_override) {
    const analyzer::ProgramType& type =
        analyzer::find_program_type(type_override.empty() ? program.type : type_override);
    // Tracing programs' context is typed by BTF; other programs meet kernel
    // structs through kfuncs (bpf_cast_to_kern_ctx, acquired objects).
    const bool calls_kfunc = std::any_of(program.insns.begin(), program.insns.end(), [](const isa::Instruction& insn) {
        const auto* call = std::get_if<isa::Call>(&insn);
        return call != nullptr && call->kind == isa::CallKind::Kfunc;
    });
    // So is a context field that points to a kernel struct (netfilter's
    // struct bpf_nf_ctx: state, skb).
    const bool btf_fields = std::any_of(type.fields.begin(), type.fields.end(),
                                        [](const analyzer::ContextField& field) { return !field.btf_struct.empty(); });
    // And a kptr the program loads from a map value: whether its struct is
    // the kernel's or the program's own is the kernel's BTF's to tell.
    const bool kptr_maps = std::any_of(program.refs.begin(), program.refs.end(), [&](const model::InsnRef& ref) {
        return ref.kind == model::RelocKind::Map && ref.map_index < object.maps.size() &&
               !object.maps[ref.map_index].kptr_fields.empty();
    });
    if ((type.model != analyzer::ContextModel::BtfArgs && !calls_kfunc && !btf_fields && !kptr_maps) ||
        m_spec == "none") {
        return nullptr;
    }
    if (!m_tried) {
        m_tried = true;
        std::error_code error;
        if (std::filesystem::exists(kDefaultKernelBtf, error)) {
            auto loaded = loader::load_kernel_btf(kDefaultKernelBtf);
            if (loaded) {
                m_types = std::move(*loaded);
            }
        }
    }
    // libbpf finds a tracing program's attach target in the kernel's BTF
    // (its attach_btf_id) before BPF_PROG_LOAD: that lookup is loading,
    // outside the kernel's verification time, and here outside the
    // analysis's (time_ms). Found now, the analysis finds it remembered.
    if (m_types && type.model == analyzer::ContextModel::BtfArgs && program.struct_ops_member.empty()) {
        (void)m_types->attach_target(program.section);
    }
    return m_types.get();
}

}  // namespace bpfcheck::cli
