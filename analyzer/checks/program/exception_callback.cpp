#include "analyzer/checks/program/exception_callback.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace bpfcheck::analyzer {

std::optional<std::uint32_t> exception_callback_function(const AnalysisContext& context) {
    const std::uint32_t start = context.program.exception_callback_insn;
    const auto& functions = context.cfg.functions();
    for (std::uint32_t f = 1; start != model::kNoIndex && f < functions.size(); ++f) {
        if (functions[f].first_insn == start) {
            return f;
        }
    }
    return std::nullopt;
}

namespace {

// btf_prepare_func_args for a global function, and do_check_common's
// "single integer argument" for the exception callback.
bool check_prototype(const model::Function& callback, std::uint32_t at, Reporter& reporter) {
    const model::FunctionSignature& signature = *callback.signature;
    if (!signature.returns_scalar) {
        reporter.error("call.exception_callback", at,
                       fmt::format("Global function {}() doesn't return scalar: the exception callback returns {}",
                                   callback.name, signature.return_type.empty() ? "a pointer" : signature.return_type),
                       {}, fmt::format("make {}() return int", callback.name));
        return false;
    }
    if (signature.params.size() != 1 || signature.params.front().kind != model::ParamKind::Scalar) {
        reporter.error("call.exception_callback", at,
                       fmt::format("exception cb only supports single integer argument: {}() takes {} argument{}",
                                   callback.name, signature.params.size(), signature.params.size() == 1 ? "" : "s"),
                       {}, fmt::format("declare it as int {}(u64 cookie)", callback.name));
        return false;
    }
    return true;
}

// check_max_stack_depth: a call (not an address taken) of the callback.
bool called_directly(const AnalysisContext& context, std::uint32_t start, Reporter& reporter) {
    const auto& refs = context.program.refs;
    for (std::uint32_t pc = 0; pc < refs.size(); ++pc) {
        if (refs[pc].kind == model::RelocKind::Call && refs[pc].target_insn == start) {
            reporter.error("call.exception_callback", pc,
                           fmt::format("insn {} cannot call exception cb directly: {} runs only when the program "
                                       "throws",
                                       pc, refs[pc].symbol),
                           {}, "call another function, or throw (bpf_throw) to run the callback");
            return true;
        }
    }
    return false;
}

}  // namespace

bool check_exception_callback(const AnalysisContext& context, Reporter& reporter) {
    const model::FunctionSignature* entry = entry_signature(context);
    if (entry == nullptr || entry->exception_callbacks.empty() || !context.program.has_func_info) {
        return false;
    }
    const std::uint32_t at = 0;
    if (entry->exception_callbacks.size() > 1) {
        // libbpf appends none of them and leaves the refusal to the kernel.
        reporter.error("call.exception_callback", at,
                       fmt::format("multiple exception callback tags for main subprog: {} __exception_cb() "
                                   "attributes on {}",
                                   entry->exception_callbacks.size(), context.program.name),
                       {}, "give the program one exception callback");
        return false;
    }
    const std::string& name = entry->exception_callbacks.front();
    const auto& functions = context.object.functions;
    const auto callback = std::find_if(functions.begin(), functions.end(),
                                       [&](const model::Function& f) { return !f.is_program && f.name == name; });
    if (callback == functions.end()) {
        reporter.error("call.exception_callback", at,
                       fmt::format("cannot find exception callback '{}': no function of the object's .text has "
                                   "that name (libbpf refuses the program)",
                                   name),
                       {}, "define the exception callback as a global function in the same object");
    } else if (!callback->is_global || !callback->signature || !callback->signature->global_linkage) {
        reporter.error("call.exception_callback", at,
                       fmt::format("exception callback {} must be a global non-hidden function (libbpf refuses "
                                   "the program)",
                                   name),
                       {}, "make the exception callback a global function (not static, not __hidden)");
    } else if (const auto function = exception_callback_function(context)) {
        const std::uint32_t start = context.cfg.functions()[*function].first_insn;
        return check_prototype(*callback, start, reporter) && !called_directly(context, start, reporter);
    }
    return false;
}

}  // namespace bpfcheck::analyzer
