// Rules on BTF func info. Without it the kernel knows a program's functions
// only from its bpf-to-bpf calls (check_subprogs) and has no prototype for
// any: it refuses what needs one. kernel/bpf/verifier.c: check_abnormal_return
// (LD_ABS and tail calls leave a subprogram abnormally, which only a
// BTF-typed one may do), check_ld_imm for BPF_PSEUDO_FUNC (a callback's
// static linkage is read from func info). With func info, a subprogram that
// leaves abnormally must be typed to return a number (check_btf_func). That
// without func info every function is static (subprog_is_global is false) is
// the executor's business (Executor::global_signature).
#include "analyzer/checks/program/func_info_requirements.hpp"

#include "analyzer/platform/helpers/helper_prototype.hpp"

#include <fmt/format.h>

#include <variant>

namespace bpfcheck::analyzer {
namespace {

constexpr const char* kHint =
    "load the object with BTF func info (clang -g; with GCC the kernel refuses the BTF that GCC 12 writes), or "
    "restructure the code";

const char* abnormal_exit(const isa::Instruction& insn) {
    if (std::holds_alternative<isa::LoadPacket>(insn)) {
        return "LD_ABS";
    }
    if (const auto* call = std::get_if<isa::Call>(&insn);
        call != nullptr && call->kind == isa::CallKind::Helper && call->imm == kHelperTailCall) {
        return "tail_call";
    }
    return nullptr;
}

}  // namespace

// With func info, a subprogram that leaves abnormally (LD_ABS, tail call)
// must return a number: its caller gets R0 from wherever it left
// (check_btf_func: "... is only allowed in functions that return 'int'").
void check_abnormal_exit_types(const AnalysisContext& context, Reporter& reporter) {
    const model::Program& program = context.program;
    for (std::size_t piece = 1; piece < program.functions.size(); ++piece) {
        const model::LinkedFunction& function = program.functions[piece];
        if (function.function >= context.object.functions.size()) {
            continue;
        }
        const model::Function& declared = context.object.functions[function.function];
        if (!declared.signature || declared.signature->returns_scalar) {
            continue;
        }
        for (std::uint32_t pc = function.start; pc < function.start + function.size && pc < program.insns.size();
             ++pc) {
            if (const char* what = abnormal_exit(program.insns[pc])) {
                reporter.error("call.abnormal_exit_type", pc,
                               fmt::format("{} is only allowed in functions that return 'int': {}() returns {}", what,
                                           declared.name, declared.signature->return_type),
                               {}, fmt::format("declare {}() to return int", declared.name));
                break;
            }
        }
    }
}

void check_func_info_requirements(const AnalysisContext& context, Reporter& reporter) {
    const model::Program& program = context.program;
    if (program.has_func_info) {
        check_abnormal_exit_types(context, reporter);
        return;
    }
    const model::BpfObject& object = context.object;
    std::string why = "the object's .BTF.ext has none for it";
    if (!object.has_btf) {
        why = "the object has no BTF";
    } else if (!object.btf_refusal.empty()) {
        why = fmt::format("the kernel refuses the object's BTF: {}", object.btf_refusal);
    } else if (model::loaded_by_legacy_loader(object)) {
        why =
            "its maps are in a legacy `maps` section, which libbpf 1.x refuses; the loaders that take one "
            "(iproute2, samples/bpf's bpf_load) do not give the kernel the object's BTF";
    }
    for (std::size_t piece = 1; piece < program.functions.size(); ++piece) {
        const model::LinkedFunction& function = program.functions[piece];
        for (std::uint32_t pc = function.start; pc < function.start + function.size && pc < program.insns.size();
             ++pc) {
            if (const char* what = abnormal_exit(program.insns[pc])) {
                reporter.error("call.no_func_info", pc,
                               fmt::format("{} is not allowed in subprogs without BTF: the program is loaded "
                                           "without func info ({})",
                                           what, why),
                               {}, kHint);
            }
        }
    }
    for (std::uint32_t pc = 0; pc < program.insns.size(); ++pc) {
        const auto* load = std::get_if<isa::LoadImm64>(&program.insns[pc]);
        const bool function_address =
            load != nullptr && (load->kind == isa::Imm64Kind::Func ||
                                (pc < program.refs.size() && program.refs[pc].kind == model::RelocKind::FuncAddr));
        if (function_address) {
            reporter.error("call.no_func_info", pc,
                           fmt::format("missing btf func_info: a callback's address is taken, and the program is "
                                       "loaded without func info ({})",
                                       why),
                           {}, kHint);
        }
    }
}

}  // namespace bpfcheck::analyzer
